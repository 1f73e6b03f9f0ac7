# Imports b first; b's functions import from here when they run (the
# circular-import idiom of PyPy's tlopcode.py).
from local_imports_lib import b

NAMES = ["zero", "one", "two"]


class Pair(object):
    def __init__(self, x, y):
        self.x = x
        self.y = y


def describe(i):
    return b.name_of(i) + "!"
