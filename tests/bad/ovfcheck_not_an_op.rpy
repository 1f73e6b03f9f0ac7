# error: 6:21: ovfcheck() checks the operation directly inside it
from rpython.rlib.rarithmetic import ovfcheck


def entry_point(argv):
    return ovfcheck(len(argv))
