"""The part of PyPy's `py` library that RPython targets use at import time,
for rpy (imported as `py`): `py.path.local(p)`, a path object. rpy runs
it only at import time; a run-time use of a path is refused. (On CPython,
`import py` finds the real library.)"""

import os


class local(object):
    def __init__(self, path="."):
        self.strpath = str(path)

    def dirpath(self):
        i = self.strpath.rfind("/")
        if i < 0:
            return local(".")
        return local(self.strpath[:i] or "/")

    def join(self, *parts):
        p = self.strpath
        for part in parts:
            p = p + "/" + part
        return local(p)

    def read(self):
        fd = os.open(self.strpath, os.O_RDONLY, 0)
        pieces = []
        while True:
            data = os.read(fd, 8192)
            if not data:
                break
            pieces.append(data)
        os.close(fd)
        return "".join(pieces)

    def check(self):
        try:
            os.close(os.open(self.strpath, os.O_RDONLY, 0))
        except OSError:
            return False
        return True

    def __str__(self):
        return self.strpath


class _Path(object):
    local = local


path = _Path()
