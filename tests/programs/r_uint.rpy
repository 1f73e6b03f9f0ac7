# RPython's r_uint: unsigned 64-bit words. Arithmetic wraps modulo 2**64,
# an int operand is converted to an r_uint first, // and % are unsigned,
# >> is logical; comparisons with an r_uint or a non-negative int;
# intmask gives the bits back as an int; is_valid_int. A hash loop with a
# JIT driver (FNV-1a, the classic use of unsigned words).
from rpython.rlib.rarithmetic import r_uint, intmask, is_valid_int
from rpython.rlib.jit import JitDriver

driver = JitDriver(greens=[], reds=['i', 's', 'h'])

FNV_PRIME = r_uint(1099511628211)
MAX = r_uint(-1)
FNV_OFFSET = r_uint(-3750763034362895579)  # 14695981039346656037


def fnv1a(s):
    h = FNV_OFFSET
    i = 0
    while i < len(s):
        driver.jit_merge_point(i=i, s=s, h=h)
        h = (h ^ r_uint(ord(s[i]))) * FNV_PRIME
        i += 1
    return h


def entry_point(argv):
    x = r_uint(-1)
    print(x, intmask(x), x == MAX)
    one = r_uint(1)
    print(x + one, x + 2, one - 2, x * x)
    print(x // r_uint(3), x % r_uint(10), x >> 60, one << 63, (one << 63) >> 63)
    print(x > one, one < 2, r_uint(5) >= 5, r_uint(7) != 7)
    print(x & r_uint(0xff), x ^ one, one | 6)
    print(intmask(one << 63), intmask(r_uint(1 << 62) * 2))
    print(is_valid_int(5), is_valid_int(intmask(x)))
    print(fnv1a("hello"), fnv1a("a" * 1000))
    print(intmask(fnv1a("rpy")) % 1000)
    print(str(x), float(one << 63))
    try:
        print(one // r_uint(len(argv) - 1))
    except ZeroDivisionError:
        print("division by zero")
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
