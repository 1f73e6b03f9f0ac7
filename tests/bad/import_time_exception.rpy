# error: 3:12: ZeroDivisionError: integer division or modulo by zero (raised at import time)
def setup(n):
    return 10 // n


TABLE = [setup(k) for k in range(3)]


def entry_point(argv):
    print(TABLE[0])
    return 0
