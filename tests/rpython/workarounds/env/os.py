# Stand-in, in the rpy dialect, for a module rpy lacks: only what the ports use,
# so that their later blockers can be found (tests/rpython/workarounds/apply.py).
# Not an implementation of the module.
from rpy.io import write as _write, write_err as _write_err, read_file, read_stdin

O_RDONLY = 0

class _File(object):
    def __init__(self, data):
        self.data = data
        self.pos = 0

_files = {}
_next = [3]

def open(path, flags, mode):
    fd = _next[0]
    _next[0] = fd + 1
    _files[fd] = _File(read_file(path))
    return fd

def read(fd, n):
    if fd == 0:
        return read_stdin(n)
    f = _files[fd]
    s = f.data[f.pos:f.pos + n]
    f.pos += len(s)
    return s

def write(fd, s):
    if fd == 2:
        _write_err(s)
    else:
        _write(s)
    return len(s)

def close(fd):
    del _files[fd]
