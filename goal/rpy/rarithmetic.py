"""rpython.rlib.rarithmetic for rpy: machine-word integer helpers.

rpy translates this file as the library module `rpy.rarithmetic` (also
importable as `rpython.rlib.rarithmetic`) and CPython runs it as the shim's
module. In rpy the names come from the toolchain (`_rpy_internal`): ints
are 64-bit machine words, `ovfcheck(x op y)` is the overflow-checked
operation, `r_uint` an unsigned word. On CPython, whose ints are unbounded,
they are written here with RPython's meaning.
"""

try:
    from _rpy_internal import we_are_translated
    _IN_RPY = True
except ImportError:
    _IN_RPY = False

LONG_BIT = 64
_MASK = (1 << 64) - 1

if _IN_RPY:
    from _rpy_internal import ovfcheck, r_uint, intmask, widen, is_valid_int  # noqa: F401
else:
    def intmask(n):
        """The low 64 bits of `n` as a signed int."""
        n = int(n) & _MASK
        if n >= 1 << 63:
            n -= 1 << 64
        return n

    def widen(n):
        return n

    def ovfcheck(r):
        """`r` (the result of an int + - * << or unary -), or OverflowError
        when it does not fit in a signed 64-bit word."""
        if not -(1 << 63) <= r < (1 << 63):
            raise OverflowError("signed integer expression did overflow")
        return r

    def is_valid_int(n):
        return isinstance(n, int) and -(1 << 63) <= n < (1 << 63)

    def _wrap(f):
        def op(self, other):
            return r_uint(f(int(self), int(other)))
        return op

    class r_uint(int):
        """An unsigned 64-bit word: arithmetic wraps modulo 2**64; an int
        operand is converted to an r_uint first."""

        def __new__(cls, n=0):
            return int.__new__(cls, int(n) & _MASK)

        __add__ = __radd__ = _wrap(lambda a, b: a + b)
        __mul__ = __rmul__ = _wrap(lambda a, b: a * b)
        __and__ = __rand__ = _wrap(lambda a, b: a & b)
        __or__ = __ror__ = _wrap(lambda a, b: a | b)
        __xor__ = __rxor__ = _wrap(lambda a, b: a ^ b)
        __sub__ = _wrap(lambda a, b: a - b)
        __rsub__ = _wrap(lambda a, b: b - a)
        __lshift__ = _wrap(lambda a, b: a << b)
        __rshift__ = _wrap(lambda a, b: a >> b)

        def __floordiv__(self, other):
            return r_uint(int(self) // int(r_uint(other)))

        def __rfloordiv__(self, other):
            return r_uint(int(r_uint(other)) // int(self))

        def __mod__(self, other):
            return r_uint(int(self) % int(r_uint(other)))

        def __rmod__(self, other):
            return r_uint(int(r_uint(other)) % int(self))

        def __neg__(self):
            return r_uint(-int(self))

        def __invert__(self):
            return r_uint(~int(self))

        def __repr__(self):
            return "r_uint(%d)" % int(self)

        def __str__(self):
            return "%d" % int(self)
