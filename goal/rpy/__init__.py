"""Pure-Python shim for the rpy dialect: lets CPython run rpy programs.

`rpy.jit` provides no-op JIT hints, `rpy.io` simple unbuffered-ish I/O.
"""

# RPython programs do their I/O with os.write(fd, s) / os.read(fd, n) on
# byte strings; rpy's str is a byte string. On Python 3 the shim makes the
# real os module accept and return str (latin-1, one byte per character),
# and keeps fds 1 and 2 in order with print by going through sys.stdout.
import os as _os
import sys as _sys

_os_write, _os_read = _os.write, _os.read


def _write(fd, s):
    if isinstance(s, str):
        if fd == 1:
            _sys.stdout.write(s)
            return len(s)
        if fd == 2:
            _sys.stdout.flush()
            _sys.stderr.write(s)
            _sys.stderr.flush()
            return len(s)
        s = s.encode("latin-1")
    return _os_write(fd, s)


def _read(fd, n):
    if fd == 0:
        _sys.stdout.flush()
    return _os_read(fd, n).decode("latin-1")


_os.write, _os.read = _write, _read
