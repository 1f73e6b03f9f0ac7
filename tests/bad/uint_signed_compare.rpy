# error: 6:8: cannot compare r_uint and int
from rpython.rlib.rarithmetic import r_uint


def entry_point(argv):
    if r_uint(len(argv)) < len(argv) - 2:
        return 1
    return 0
