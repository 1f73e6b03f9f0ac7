"""rpython.rlib.rstring for rpy: StringBuilder.

Written in the rpy dialect: rpy translates this file as the library module
`rpy.rstring` (also importable as `rpython.rlib.rstring`), and CPython runs
it as the shim's module.
"""


class StringBuilder(object):
    def __init__(self, init_size=0):
        self._pieces = []
        self._length = 0

    def append(self, s):
        self._pieces.append(s)
        self._length += len(s)

    def append_slice(self, s, start, end):
        self.append(s[start:end])

    def append_multiple_char(self, c, times):
        self.append(c * times)

    def build(self):
        s = "".join(self._pieces)
        self._pieces = [s]
        return s

    def getlength(self):
        return self._length
