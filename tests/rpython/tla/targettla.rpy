# Python-3 port of PyPy's tla ("toy language with objects") target.
# source: https://github.com/pypy/pypy, rpython/jit/tl/tla/targettla.py and
#   rpython/jit/tl/tla/tla.py (tla.py next to this file), commit 4eeb73ca9598d4743be0c8e452bf7850b7a17630
# changes (every one):
#   targettla.py -> targettla.rpy (the main program; this header added)
#   targettla.py line 5: `from rpython.jit.tl.tla import tla` -> `import tla`
#     (the module sits next to this file)
#   tla.py: none (a two-line header comment added)
# input: loopabit.tla and add_10.tla, PyPy's loopabit.tla.py and
#   add_10.tla.py (copied unchanged) assembled as PyPy's tla_assembler.py
#   does (''.join([chr(x) for x in code])), with tla.py imported as `tla`
# test: tests/rpython/tla/add_10.tla 32 => add_10-32.out
# test: tests/rpython/tla/loopabit.tla 30 => loopabit-30.out
# bench: tests/rpython/tla/loopabit.tla 6000 => loopabit-bench.out
from __future__ import print_function

import py
py.path.local(__file__)
import tla
from rpython.rlib import jit


def entry_point(args):
    for i in range(len(args)):
        if args[i] == "--jit":
            if len(args) == i + 1:
                print("missing argument after --jit")
                return 2
            jitarg = args[i + 1]
            del args[i:i+2]
            jit.set_user_param(None, jitarg)
            break

    if len(args) < 3:
        print("Usage: %s filename x" % (args[0],))
        return 2
    filename = args[1]
    x = int(args[2])
    w_x = tla.W_IntObject(x)
    bytecode = load_bytecode(filename)
    w_res = tla.run(bytecode, w_x)
    print(w_res.getrepr())
    return 0

def load_bytecode(filename):
    from rpython.rlib.streamio import open_file_as_stream
    f = open_file_as_stream(filename)
    bytecode = f.readall()
    f.close()
    return bytecode

def target(driver, args):
    return entry_point

# ____________________________________________________________


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
