# Python-3 port of PyPy's tlc ("toy language with cons cells" and objects).
# source: https://github.com/pypy/pypy, rpython/jit/tl/targettlc.py,
#   rpython/jit/tl/tlc.py and rpython/jit/tl/tlopcode.py (both next to this
#   file), commit 4eeb73ca9598d4743be0c8e452bf7850b7a17630
# changes (every one; line numbers of the original files):
#   targettlc.py -> targettlc.rpy (the main program; this header added)
#   targettlc.py line 6: `from rpython.jit.tl.tlc import ...` ->
#     `from tlc import ...`; line 53 (in load_bytecode):
#     `from rpython.jit.tl.tlopcode import decode_program` ->
#     `from tlopcode import decode_program` (the modules sit next to this file)
#   targettlc.py lines 33-45: `time.clock()` -> `time.process_time()` (six
#     times; time.clock is gone since Python 3.8; both are the CPU time)
#   tlc.py line 6: `from rpython.jit.tl.tlopcode import *` ->
#     `from tlopcode import *`; line 7: `from rpython.jit.tl import tlopcode`
#     -> `import tlopcode`
#   tlc.py line 476 (its __main__ assembler): `file(sys.argv[1])` ->
#     `open(sys.argv[1])`; its line 472 still imports
#     rpython.jit.tl.test.test_tl (not ported), so that __main__ block does
#     not run: the inputs were assembled by tlc.compile and
#     tlopcode.serialize_program directly (below)
#   tlopcode.py lines 125, 144: `from rpython.jit.tl.tlc import ...` ->
#     `from tlc import ...`
#   tlc.py, tlopcode.py: a two-line header comment added
# input: PyPy's fibo.tlc.src and accumulator.tlc.src (copied unchanged),
#   assembled by `pool = tlc.ConstantPool(); bc = tlc.compile(src, pool)`
#   and written as `tlopcode.serialize_program(bc, pool)` (latin-1): fibo.tlc
#   is byte for byte PyPy's; PyPy's accumulator.tlc is stale (its method
#   pcs are off by one against its .src), so accumulator.tlc is the
#   freshly assembled one.
# output: the three timings, "(0.000074 seconds)", are "(T seconds)" in the
#   .out files; the test replaces them the same way before comparing.
# test: tests/rpython/tlc/fibo.tlc 40 => fibo-40.out
# test: tests/rpython/tlc/accumulator.tlc 100 => accumulator-100.out
# test: tests/rpython/tlc/accumulator.tlc -100 => accumulator-neg100.out
# bench: tests/rpython/tlc/accumulator.tlc 3000000 => accumulator-bench.out
from __future__ import print_function

import time
import py
py.path.local(__file__)
from tlc import interp, interp_nonjit, ConstantPool
from rpython.jit.backend.hlinfo import highleveljitinfo


def entry_point(args):
    """Main entry point of the stand-alone executable:
    takes a list of strings and returns the exit code.
    """
    # store args[0] in a place where the JIT log can find it (used by
    # viewcode.py to know the executable whose symbols it should display)
    exe = args[0]
    args = args[1:]
    highleveljitinfo.sys_executable = exe
    if len(args) < 2:
        print("Usage: %s [--onlyjit] filename x" % (exe,))
        return 2

    onlyjit = False
    if args[0] == '--onlyjit':
        onlyjit = True
        args = args[1:]

    filename = args[0]
    x = int(args[1])
    bytecode, pool = load_bytecode(filename)

    if not onlyjit:
        start = time.process_time()
        res = interp_nonjit(bytecode, inputarg=x, pool=pool)
        stop = time.process_time()
        print('Non jitted:    %d (%f seconds)' % (res, stop-start))

    start = time.process_time()
    res = interp(bytecode, inputarg=x, pool=pool)
    stop = time.process_time()
    print('Warmup jitted: %d (%f seconds)' % (res, stop-start))

    start = time.process_time()
    res = interp(bytecode, inputarg=x, pool=pool)
    stop = time.process_time()
    print('Warmed jitted: %d (%f seconds)' % (res, stop-start))

    return 0


def load_bytecode(filename):
    from rpython.rlib.streamio import open_file_as_stream
    from tlopcode import decode_program
    f = open_file_as_stream(filename)
    return decode_program(f.readall())

def target(driver, args):
    return entry_point

# ____________________________________________________________

if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
