# Boxed values, with a prebuilt singleton; this module imports a sibling.
from multi_module_lib import ops


class W_Int(object):
    def __init__(self, value):
        self.value = value

    def add(self, other):
        return W_Int(self.value + other.value)

    def mul(self, other):
        return W_Int(self.value * other.value)


ZERO = W_Int(0)
ONE = W_Int(1)
SMALL = [W_Int(i) for i in range(4)]
LAST_OP = ops.HALT


def box(n):
    if 0 <= n < len(SMALL):
        return SMALL[n]
    return W_Int(n)
