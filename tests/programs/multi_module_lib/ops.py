# Opcodes, built by a loop at import time; `from ops import *` takes the
# public names.
NAMES = ["PUSH", "ADD", "MUL", "PRINT", "HALT"]
for _i, _n in enumerate(NAMES):
    globals()[_n] = _i

_HIDDEN = 99


def arity(op):
    if op == PUSH:
        return 1
    return 0
