# Python-3 port of PyPy's tlr ("toy language register machine") target.
# source: https://github.com/pypy/pypy, rpython/jit/tl/targettlr.py and
#   rpython/jit/tl/tlr.py (tlr.py next to this file), commit 4eeb73ca9598d4743be0c8e452bf7850b7a17630
# changes (every one):
#   targettlr.py -> targettlr.rpy (the main program; this header added)
#   targettlr.py line 5: `from rpython.jit.tl.tlr import interpret` ->
#     `from tlr import interpret` (the module sits next to this file)
#   tlr.py: none (a two-line header comment added)
# input: square.tlr, tlr.py's SQUARE bytecode, written by
#   `python3 -c 'import tlr; open("square.tlr","w").write(tlr.SQUARE)'`
# test: tests/rpython/tlr/square.tlr 12 => square-12.out
# bench: tests/rpython/tlr/square.tlr 100000000 => square-bench.out
from __future__ import print_function

import py
py.path.local(__file__)
from tlr import interpret
from rpython.jit.backend.hlinfo import highleveljitinfo


def entry_point(args):
    """Main entry point of the stand-alone executable:
    takes a list of strings and returns the exit code.
    """
    # store args[0] in a place where the JIT log can find it (used by
    # viewcode.py to know the executable whose symbols it should display)
    highleveljitinfo.sys_executable = args[0]
    if len(args) < 3:
        print("Usage: %s filename x" % (args[0],))
        return 2
    filename = args[1]
    x = int(args[2])
    bytecode = load_bytecode(filename)
    res = interpret(bytecode, x)
    print(res)
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
