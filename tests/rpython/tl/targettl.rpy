# Python-3 port of PyPy's tl ("toy language", a stack machine) interpreter.
# source: https://github.com/pypy/pypy, rpython/jit/tl/tl.py and
#   rpython/jit/tl/tlopcode.py (both next to this file), commit 4eeb73ca9598d4743be0c8e452bf7850b7a17630
# PyPy has no target for tl.py (there never was a targettl.py): this main
# program is new, written for this port as a copy of targettlr.py with
# `tlr` -> `tl` and `interpret(bytecode, x)` -> `interp(bytecode, 0, x)`
# (tl.py's entry: code, pc, inputarg).
# changes (every one):
#   tl.py line 4 (line numbers: of the original files): `from rpython.jit.tl.tlopcode import *` ->
#     `from tlopcode import *` (the module sits next to this file)
#   tl.py line 133 (DIV): `b / a` -> `b // a` (Python 2's int division)
#   tlopcode.py lines 125, 144: `from rpython.jit.tl.tlc import ...` ->
#     `from tlc import ...` (inside decode_descr/decode_pool, which tl
#     never calls)
#   tl.py, tlopcode.py: a two-line header comment added
# input: fact.tl.src (FACTORIAL_SOURCE of rpython/jit/tl/test/test_tl.py)
#   and sum.tl.src (written for this port: 1 + ... + n), assembled to
#   fact.tlb and sum.tlb by tlopcode.compile:
#   `python3 -c "import tlopcode; open('X.tlb', 'w', encoding='latin-1').write(tlopcode.compile(open('X.tl.src').read()))"`
# test: tests/rpython/tl/fact.tlb 20 => fact-20.out
# test: tests/rpython/tl/sum.tlb 1000 => sum-1000.out
# bench: tests/rpython/tl/sum.tlb 10000000 => sum-bench.out
from __future__ import print_function

import py
py.path.local(__file__)
from tl import interp
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
    res = interp(bytecode, 0, x)
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
