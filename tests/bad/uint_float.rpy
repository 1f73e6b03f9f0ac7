# error: 6:11: r_uint and float do not mix
from rpython.rlib.rarithmetic import r_uint


def entry_point(argv):
    print(r_uint(3) * 1.5)
    return 0
