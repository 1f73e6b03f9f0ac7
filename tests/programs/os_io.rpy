# RPython-style I/O through `os`: os.write to stdout and stderr in order
# with print, a file written, read back with os.read/lseek and closed,
# OSError for a bad descriptor and a missing file; sys.maxsize; time.time.
import os
import sys
import time
# (Importing the shim also lets CPython's os.write and os.read take str.)
from rpython.rlib.objectmodel import we_are_translated  # noqa: F401

PATH = "/tmp/rpy-os-io-test.txt"
FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC


def entry_point(argv):
    print("before")
    os.write(1, "through os.write\n")
    print("after")
    fd = os.open(PATH, FLAGS, 0o644)
    n = os.write(fd, "hello, file\n")
    os.close(fd)
    print("wrote", n)
    fd = os.open(PATH, os.O_RDONLY, 0)
    head = os.read(fd, 5)
    os.lseek(fd, 7, 0)
    rest = os.read(fd, 100)
    os.close(fd)
    print(head, rest.strip(), len(os.read(os.open(PATH, os.O_RDONLY, 0), 3)))
    try:
        os.write(987, "x")
    except OSError as e:
        print("OSError", str(e))
    try:
        os.open("/nonexistent/dir/file", os.O_RDONLY, 0)
    except OSError:
        print("cannot open")
    print(sys.maxsize, time.time() > 1000000000.0)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    sys.exit(entry_point(sys.argv))
