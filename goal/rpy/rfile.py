"""rpython.rlib.rfile for rpy: `create_stdio()` and `create_file()`.

Written in the rpy dialect (rpy's library module `rpy.rfile`, also
`rpython.rlib.rfile`; the shim's module on CPython): the files are
rpy.streamio streams, so their I/O goes through os like `print`'s.
"""

from rpy.streamio import Stream, open_file_as_stream


class RFile(Stream):
    def __init__(self, fd, close_fd):
        Stream.__init__(self, fd, close_fd)


def create_stdio():
    """(stdin, stdout, stderr) on fds 0, 1 and 2."""
    return RFile(0, False), RFile(1, False), RFile(2, False)


def create_file(filename, mode="r", buffering=-1):
    return open_file_as_stream(filename, mode, buffering)
