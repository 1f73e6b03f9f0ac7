# Python-3 port of PyPy's tinyframe (registers, function values, frame
# introspection).
# source: https://github.com/pypy/pypy,
#   rpython/jit/tl/tinyframe/targettinyframe.py, tinyframe.py and support.py
#   (both next to this file), commit 4eeb73ca9598d4743be0c8e452bf7850b7a17630
# changes (every one; line numbers of the original files):
#   targettinyframe.py -> targettinyframe.rpy (the main program; this header
#     added)
#   targettinyframe.py line 2: `from rpython.jit.tl.tinyframe.tinyframe import
#     main` -> `from tinyframe import main` (the module sits next to this file)
#   tinyframe.py line 35: `from rpython.jit.tl.tinyframe.support import sort`
#     -> `from support import sort`
#   tinyframe.py line 79: `values = self.functions.values()` ->
#     `values = list(self.functions.values())` (a list in Python 2; sort()
#     indexes it)
#   tinyframe.py, support.py: a two-line header comment added
# input: PyPy's examples/loop.tf and examples/simple.tf (copied unchanged)
# test: tests/rpython/tinyframe/simple.tf => simple.out
# test: tests/rpython/tinyframe/loop.tf 1000 => loop-1000.out
# bench: tests/rpython/tinyframe/loop.tf 30000000 => loop-bench.out
# rpy-error: tests/rpython/tinyframe/tinyframe.py:36:1: ImportError: No module named 'rpython.rlib.unroll'

from tinyframe import main
from rpython.jit.codewriter.policy import JitPolicy

def jitpolicy(driver):
    return JitPolicy()

def entry_point(argv):
    main(argv[1], argv[2:])
    return 0

# _____ Define and setup target ___

def target(*args):
    return entry_point, None
