# error: 6:15: the items of this list are int here, but str at tests/bad/module_error_lib/shapes.py:5:5
from module_error_lib.shapes import sizes


def entry_point(argv):
    print(len(sizes(3)))
    return 0
