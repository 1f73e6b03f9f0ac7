"""rpython.rlib.rarithmetic for rpy: machine-word integer helpers.

Written in the rpy dialect: rpy translates this file as the library module
`rpy.rarithmetic` (also importable as `rpython.rlib.rarithmetic`), and
CPython runs it as the shim's module. rpy's ints are 64-bit machine words
already, so `intmask` and `widen` change nothing there; on CPython, whose
ints are unbounded, `intmask` wraps to 64 bits as RPython's does.
"""

try:
    from _rpy_internal import we_are_translated
    _IN_RPY = True
except ImportError:
    _IN_RPY = False

LONG_BIT = 64

if _IN_RPY:
    def intmask(n):
        return n
else:
    def intmask(n):
        n &= (1 << 64) - 1
        if n >= 1 << 63:
            n -= 1 << 64
        return n


def widen(n):
    return n
