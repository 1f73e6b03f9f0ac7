"""Run a port of tests/rpython/ on CPython 3, the oracle for its expected
output: `python3 tests/rpython/cpython_env.py MAIN.rpy ARGS...`.

The ports are PyPy's files with only Python-3 changes, so they still
import what PyPy's tree gives an untranslated RPython program. The rpy
shim (goal/) provides `rpython.rlib.jit`, `rstring`, `rarithmetic` and
`objectmodel`; this runner adds, for CPython only, the rest those files
use, with RPython's meaning (untranslated):

- `py` (the py lib: `py.path.local(__file__)`),
- `rpython.rlib.streamio.open_file_as_stream` (readall() gives a str of
  the file's bytes, one character per byte, as RPython's str),
- `rpython.jit.backend.hlinfo.highleveljitinfo`,
- `rpython.jit.codewriter.policy.JitPolicy`,
- `rpython.rlib.unroll.unrolling_iterable`,
- `rpython.rlib.nonconst.NonConstant`,
- `os` with RPython's byte strings comes from the shim itself (`rpy`
  makes `os.read` return a str and `os.write` take one).

None of this is given to rpy: what rpy lacks of it is listed in
tests/rpython/README.md. Nothing here changes what a port computes.
"""
import os as _real_os
import runpy
import sys
import types

HERE = _real_os.path.dirname(_real_os.path.abspath(__file__))
GOAL = _real_os.path.join(_real_os.path.dirname(_real_os.path.dirname(HERE)), "goal")


def _module(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    if "." in name:
        parent, last = name.rsplit(".", 1)
        setattr(sys.modules[parent], last, m)
    sys.modules[name] = m
    return m


def _package(name):
    m = _module(name)
    m.__path__ = []
    return m


def install():
    sys.path.insert(0, GOAL)
    import rpython.rlib.jit
    import rpython.rlib.rarithmetic  # noqa: F401

    # py lib
    class _Path(object):
        @staticmethod
        def local(p=None):
            return p

    _module("py", path=_Path)

    # rpython.rlib.streamio
    class _Stream(object):
        def __init__(self, path, mode):
            self._f = open(path, "rb")

        def readall(self):
            return self._f.read().decode("latin-1")

        def close(self):
            self._f.close()

    def open_file_as_stream(path, mode="r", buffering=-1, signal_checker=None):
        return _Stream(path, mode)

    _module("rpython.rlib.streamio", open_file_as_stream=open_file_as_stream)

    # rpython.jit.backend.hlinfo, rpython.jit.codewriter.policy
    _package("rpython.jit")
    _package("rpython.jit.backend")
    _module("rpython.jit.backend.hlinfo", highleveljitinfo=types.SimpleNamespace())
    _package("rpython.jit.codewriter")

    class JitPolicy(object):
        pass

    _module("rpython.jit.codewriter.policy", JitPolicy=JitPolicy)

    # rpython.rlib.unroll, rpython.rlib.nonconst
    class unrolling_iterable(object):
        def __init__(self, iterable):
            self._items = list(iterable)

        def __iter__(self):
            return iter(self._items)

    _module("rpython.rlib.unroll", unrolling_iterable=unrolling_iterable)
    _module("rpython.rlib.nonconst", NonConstant=lambda x: x)

    # os with RPython's byte strings: the shim (imported above) already
    # makes os.read/os.write work on str.


def main():
    """Run the program as RPython's driver runs a target: its module level
    (not its `__main__` block), then the entry point that `target()`
    returns (or `entry_point`) on argv, its result the exit status. A
    program with neither runs as `__main__`."""
    prog = sys.argv[1]
    sys.argv = sys.argv[1:]
    sys.path.insert(0, _real_os.path.dirname(_real_os.path.abspath(prog)))
    install()
    ns = runpy.run_path(prog, run_name="__rpy_target__")
    if "target" in ns:
        entry = ns["target"](None, None)
        if isinstance(entry, tuple):
            entry = entry[0]
    elif "entry_point" in ns:
        entry = ns["entry_point"]
    else:
        runpy.run_path(prog, run_name="__main__")
        return 0
    return entry(sys.argv)


if __name__ == "__main__":
    try:
        status = main()
    finally:
        sys.stdout.flush()
    sys.exit(status)
