"""rpython.rlib.streamio for rpy: buffered file streams over os.

Written in the rpy dialect: rpy translates this file as the library module
`rpy.streamio` (also importable as `rpython.rlib.streamio`), and CPython
runs it as the shim's module (on the shim's os, which reads and writes
str). Every read and write is an `os.read`/`os.write` on the stream's fd,
so output through a stream stays in order with `print`.
"""

import os

_CHUNK = 8192


class StreamError(Exception):
    def __init__(self, message):
        self.message = message


def _flags(mode):
    """os.open flags for a mode string: r, w, a, with + and b."""
    if mode.startswith("r"):
        flags = os.O_RDONLY
        if "+" in mode:
            flags = os.O_RDWR
    elif mode.startswith("w"):
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        if "+" in mode:
            flags = os.O_RDWR | os.O_CREAT | os.O_TRUNC
    elif mode.startswith("a"):
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
        if "+" in mode:
            flags = os.O_RDWR | os.O_CREAT | os.O_APPEND
    else:
        raise StreamError("invalid mode: " + mode)
    return flags


class Stream(object):
    """A stream on an open fd: reads are buffered, writes go straight to
    os.write."""

    def __init__(self, fd, close_fd):
        self.fd = fd
        self.close_fd = close_fd
        self.buf = ""
        self.closed = False

    def _fill(self):
        """Read one more chunk into the buffer; False at end of file."""
        data = os.read(self.fd, _CHUNK)
        if not data:
            return False
        self.buf = self.buf + data
        return True

    def read(self, n=-1):
        if n < 0:
            return self.readall()
        while len(self.buf) < n and self._fill():
            pass
        data = self.buf[:n]
        self.buf = self.buf[n:]
        return data

    def readall(self):
        pieces = [self.buf]
        self.buf = ""
        while True:
            data = os.read(self.fd, _CHUNK)
            if not data:
                break
            pieces.append(data)
        return "".join(pieces)

    def readline(self):
        while True:
            i = self.buf.find("\n")
            if i >= 0:
                line = self.buf[:i + 1]
                self.buf = self.buf[i + 1:]
                return line
            if not self._fill():
                line = self.buf
                self.buf = ""
                return line

    def write(self, data):
        done = 0
        while done < len(data):
            done += os.write(self.fd, data[done:])

    def flush(self):
        pass

    def tell(self):
        return os.lseek(self.fd, 0, 1) - len(self.buf)

    def seek(self, offset, whence=0):
        if whence == 1:
            offset -= len(self.buf)
        self.buf = ""
        os.lseek(self.fd, offset, whence)

    def try_to_find_file_descriptor(self):
        return self.fd

    def close(self):
        if not self.closed:
            self.closed = True
            if self.close_fd:
                os.close(self.fd)


def open_file_as_stream(path, mode="r", buffering=-1, signal_checker=None):
    return Stream(os.open(path, _flags(mode), 0o666), True)


def fdopen_as_stream(fd, mode="r", buffering=-1, signal_checker=None):
    return Stream(fd, True)
