"""How the blockers listed in tests/rpython/README.md were found and checked.

rpy stops at a port's first error, so to see the later ones each blocker
gets a workaround here: an edit of the port (keeping line numbers where it
can) or a stand-in module in env/ (given to rpy with `--path`). Every
workaround is named by the blocker it dodges. None of this is a port:
the ports are the files next to README.md, untouched.

    python3 tests/rpython/workarounds/apply.py OUT PORT
        writes OUT/PORT (the port with every workaround) and OUT/env-PORT;
        run it as  translate --path OUT/env-PORT OUT/PORT/MAIN.rpy ARGS
    python3 tests/rpython/workarounds/apply.py --check [PORT...]
        with every workaround: runs each `# test:` case with --interp,
        native and JIT (default and RPYJIT=threshold=1) against its .out;
        then, for each blocker, every workaround but that one: prints the
        first errors rpy reports, which must be that blocker's.

Run from the repository root, with target/release/translate built.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PORTS = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(PORTS))
TRANSLATE = os.path.join(ROOT, "target", "release", "translate")

# env/ stand-ins: blocker -> the files (relative to env/) that dodge it
ENV = {
    "no-py-module": ["py.py"],
    "no-hlinfo-module": ["rpython/jit/backend"],
    "no-policy-module": ["rpython/jit/codewriter"],
    "no-streamio": ["rpython/rlib/streamio.py"],
    "no-unroll": ["rpython/rlib/unroll.py"],
    "no-os-module": ["os.py"],
    "no-sys-module": ["sys.py"],
    "no-time-module": ["time.py"],
}

USAGE_PCT = ('print("Usage: %s filename x" % (args[0],))',
             'print("Usage: " + args[0] + " filename x")')

# port -> (main, [env blockers], [(blocker, file, old, new)], [(blocker, file, appended text)])
PORT_EDITS = {
    "tlr": ("targettlr.rpy", ["no-py-module", "no-hlinfo-module", "no-streamio"], [
        ("__file__", "targettlr.rpy", "py.path.local(__file__)", 'py.path.local("__file__")'),
        ("percent-format", "targettlr.rpy") + USAGE_PCT,
        ("import-in-function", "targettlr.rpy",
         "    from rpython.rlib.streamio import open_file_as_stream", "    pass"),
    ], [
        ("import-in-function", "targettlr.rpy",
         "from rpython.rlib.streamio import open_file_as_stream\n"),
    ]),
    "tla": ("targettla.rpy", ["no-py-module", "no-streamio"], [
        ("__file__", "targettla.rpy", "py.path.local(__file__)", 'py.path.local("__file__")'),
        ("del-slice", "targettla.rpy", "del args[i:i+2]", "args = args[:i] + args[i+2:]"),
        ("no-set_user_param", "targettla.rpy", "jit.set_user_param(None, jitarg)", "pass"),
        ("percent-format", "targettla.rpy") + USAGE_PCT,
        ("import-in-function", "targettla.rpy",
         "    from rpython.rlib.streamio import open_file_as_stream", "    pass"),
        ("percent-format", "tla.py", 'return "%s: %s %s" % (pc, name, arg)',
         'return str(pc) + ": " + name + " " + arg'),
        ("percent-format", "tla.py", "assert False, 'Unknown opcode: %d' % opcode",
         "assert False, 'Unknown opcode: ' + str(opcode)"),
        ("method-only-in-subclasses", "tla.py",
         "        raise NotImplementedError\n\n\n\nclass W_IntObject",
         "        raise NotImplementedError\n    def sub(self, w_other):\n"
         "        raise NotImplementedError\nclass W_IntObject"),
    ], [
        ("import-in-function", "targettla.rpy",
         "from rpython.rlib.streamio import open_file_as_stream\n"),
    ]),
    "tl": ("targettl.rpy", ["no-py-module", "no-hlinfo-module", "no-streamio"], [
        ("__file__", "targettl.rpy", "py.path.local(__file__)", 'py.path.local("__file__")'),
        ("percent-format", "targettl.rpy") + USAGE_PCT,
        ("import-in-function", "targettl.rpy",
         "    from rpython.rlib.streamio import open_file_as_stream", "    pass"),
        ("global-statement", "tlopcode.py", "    global opcode_names", "    pass"),
        ("isinstance-str", "tl.py", "if not isinstance(code,str):", "if code is None:"),
        ("percent-format", "tl.py",
         """raise TypeError("code '%s' should be a string" % str(code))""",
         """raise TypeError("code '" + str(code) + "' should be a string")"""),
    ], [
        ("import-in-function", "targettl.rpy",
         "from rpython.rlib.streamio import open_file_as_stream\n"),
    ]),
    "tlc": ("targettlc.rpy", ["no-py-module", "no-hlinfo-module", "no-streamio", "no-time-module"], [
        ("__file__", "targettlc.rpy", "py.path.local(__file__)", 'py.path.local("__file__")'),
        ("percent-format", "targettlc.rpy",
         'print("Usage: %s [--onlyjit] filename x" % (exe,))',
         'print("Usage: " + exe + " [--onlyjit] filename x")'),
        ("percent-format", "targettlc.rpy",
         "print('Non jitted:    %d (%f seconds)' % (res, stop-start))",
         "print('Non jitted:    ' + str(res) + ' (' + str(stop-start) + ' seconds)')"),
        ("percent-format", "targettlc.rpy",
         "print('Warmup jitted: %d (%f seconds)' % (res, stop-start))",
         "print('Warmup jitted: ' + str(res) + ' (' + str(stop-start) + ' seconds)')"),
        ("percent-format", "targettlc.rpy",
         "print('Warmed jitted: %d (%f seconds)' % (res, stop-start))",
         "print('Warmed jitted: ' + str(res) + ' (' + str(stop-start) + ' seconds)')"),
        ("import-in-function", "targettlc.rpy",
         "    from rpython.rlib.streamio import open_file_as_stream", "    pass"),
        ("import-in-function", "targettlc.rpy",
         "    from tlopcode import decode_program", "    pass"),
        ("special-method", "tlc.py", "    def __eq__(self, other):\n        \"NOT_RPYTHON\"\n"
         "        return self.__dict__ == other.__dict__\n\nclass ConstantPool",
         "    def _eq_not_rpython(self, other):\n        \"NOT_RPYTHON\"\n"
         "        return self.__dict__ == other.__dict__\n\nclass ConstantPool"),
        ("special-method", "tlc.py", "    def __eq__(self, other):\n        \"NOT_RPYTHON\"\n"
         "        return self.__dict__ == other.__dict__\n\nclass Class",
         "    def _eq_not_rpython(self, other):\n        \"NOT_RPYTHON\"\n"
         "        return self.__dict__ == other.__dict__\n\nclass Class"),
        ("global-statement", "tlopcode.py", "    global opcode_names", "    pass"),
        ("no-is_valid_int", "tlc.py", "from rpython.rlib.rarithmetic import is_valid_int",
         "def is_valid_int(n): return True"),
        ("staticmethod", "tlc.py", "    get = staticmethod(get)", "    pass"),
        ("isinstance-str", "tlc.py", "if not isinstance(code,str):", "if code is None:"),
        ("percent-format", "tlc.py",
         """raise TypeError("code '%s' should be a string" % str(code))""",
         """raise TypeError("code '" + str(code) + "' should be a string")"""),
        ("import-in-function", "tlopcode.py", "    from tlc import ClassDescr", "    pass"),
        ("import-in-function", "tlopcode.py", "    return ClassDescr(attributes, methods)",
         "    return tlc.ClassDescr(attributes, methods)"),
        ("import-in-function", "tlopcode.py", "    from tlc import ConstantPool", "    pass"),
        ("import-in-function", "tlopcode.py", "    pool = ConstantPool()",
         "    pool = tlc.ConstantPool()"),
        ("method-only-in-subclasses", "tlc.py",
         "class LispObj(Obj):\n\n", "class LispObj(Obj):\n    def _nth(self, n): raise TypeError\n"),
        ("method-only-in-subclasses", "tlc.py",
         "    def _concat(self, other): raise TypeError\n\n",
         "    def _concat(self, other): raise TypeError\n    def _nth(self, n): raise TypeError\n"),
    ], [
        ("import-in-function", "targettlc.rpy",
         "from rpython.rlib.streamio import open_file_as_stream\nfrom tlopcode import decode_program\n"),
        ("import-in-function", "tlopcode.py", "import tlc\n"),
    ]),
    "tinyframe": ("targettinyframe.rpy", ["no-streamio", "no-unroll", "no-policy-module"], [
        ("unrolling-getattr", "tinyframe.py",
         "            for name in unrolling_opcodes:\n                if opcode == name:\n"
         "                    getattr(self, 'compile_' + name)(args)\n",
         "            if True:\n                if True:\n"
         "                    _compile_op(self, opcode, args)\n"),
        ("no-splitlines", "tinyframe.py", "strrepr.splitlines()", "strrepr.split('\\n')"),
        ("percent-format", "tinyframe.py", 'return "<function %s>" % self.code.name',
         'return "<function " + self.code.name + ">"'),
        ("percent-format", "tinyframe.py",
         'return "<function %s(%s)>" % (self.outer.repr(), self.inner.repr())',
         'return "<function " + self.outer.repr() + "(" + self.inner.repr() + ")>"'),
        ("percent-format", "tinyframe.py",
         'raise Exception("unimplemented opcode %s" % opcodes[opcode])',
         'raise Exception("unimplemented opcode " + opcodes[opcode])'),
        ("method-only-in-subclasses", "tinyframe.py",
         '        raise NotImplementedError("abstract base class")\n\n    def repr(self):',
         '        raise NotImplementedError("abstract base class")\n'
         '    def call(self, arg): raise NotImplementedError("abstract base class")\n'
         '    def repr(self):'),
    ], [
        ("unrolling-getattr", "tinyframe.py", "\n\ndef _compile_op(self, opcode, args):\n" + "".join(
            "    %s opcode == '%s':\n        self.compile_%s(args)\n" % ("if" if i == 0 else "elif", n, n)
            for i, n in enumerate(['ADD', 'INTROSPECT', 'PRINT', 'CALL', 'LOAD', 'LOAD_FUNCTION',
                                   'RETURN', 'JUMP', 'JUMP_IF_ABOVE']))),
    ]),
}

_KW_FALLBACK = [
    ("kwargs-parameter", "def __init__(self,**kw): pass", "def __init__(self): pass"),
    ("kwargs-parameter", "def jit_merge_point(self,**kw): pass", "def jit_merge_point(self): pass"),
    ("kwargs-parameter", "def can_enter_jit(self,**kw): pass", "def can_enter_jit(self): pass"),
]
_GET_LOCATION = ("percent-format", '''    return "%s_%s_%s" % (
            program[:pc], program[pc], program[pc+1:]
            )''', '''    return (
            program[:pc] + "_" + program[pc] + "_" + program[pc+1:]
            )''')
for _i in (2, 3, 4, 5):
    _edits = []
    if _i >= 3:
        _edits += [(b, "example%d.rpy" % _i, o, n) for b, o, n in _KW_FALLBACK]
    if _i >= 4:
        _edits.append((_GET_LOCATION[0], "example%d.rpy" % _i) + _GET_LOCATION[1:])
    PORT_EDITS["bf%d" % _i] = ("example%d.rpy" % _i, ["no-os-module", "no-sys-module"], _edits, [])


def port_dir(port):
    return os.path.join(PORTS, "bf" if port.startswith("bf") else port)


def apply(port, out, skip=()):
    """Write out/PORT and out/env-PORT with every workaround not in skip;
    returns the main program's path."""
    main, env, edits, appends = PORT_EDITS[port]
    dst = os.path.join(out, port)
    if os.path.exists(dst):
        shutil.rmtree(dst)
    shutil.copytree(port_dir(port), dst)
    for blocker, name, old, new in edits:
        if blocker in skip:
            continue
        path = os.path.join(dst, name)
        text = open(path).read()
        assert text.count(old) == 1, (port, name, old)
        open(path, "w").write(text.replace(old, new))
    for blocker, name, text in appends:
        if blocker not in skip:
            with open(os.path.join(dst, name), "a") as f:
                f.write(text)
    envdst = os.path.join(out, "env-" + port)
    if os.path.exists(envdst):
        shutil.rmtree(envdst)
    os.makedirs(envdst)
    for blocker in env:
        if blocker in skip:
            continue
        for rel in ENV[blocker]:
            src = os.path.join(HERE, "env", rel)
            target = os.path.join(envdst, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            parent = os.path.dirname(rel)
            while parent:  # the packages' __init__.py
                init = os.path.join(HERE, "env", parent, "__init__.py")
                if os.path.exists(init):
                    shutil.copy(init, os.path.join(envdst, parent, "__init__.py"))
                parent = os.path.dirname(parent)
            if os.path.isdir(src):
                shutil.copytree(src, target, dirs_exist_ok=True)
            else:
                shutil.copy(src, target)
    return os.path.join(dst, main)


def cases(main):
    for line in open(main):
        if not line.startswith("#"):
            break
        m = re.match(r"# test: (.*) => (\S+)$", line)
        if m:
            yield m.group(1).split(), os.path.join(os.path.dirname(main), m.group(2))


def normalized(data):
    return re.sub(rb"\(\d+\.\d+ seconds\)", b"(T seconds)", data)


def run(cmd, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run(cmd, capture_output=True, stdin=subprocess.DEVNULL, cwd=ROOT, env=e)


def check(port, out):
    main = apply(port, out)
    envdir = os.path.join(out, "env-" + port)
    ok = True
    exe = os.path.join(out, port + "-native")
    jit = os.path.join(out, port + "-jit")
    for extra, target in (([], exe), (["--opt=jit"], jit)):
        r = run([TRANSLATE] + extra + ["--path", envdir, main, "-o", target])
        if r.returncode != 0:
            print("  translate %s: FAILED\n%s" % (extra, r.stderr.decode()))
            return False
    for args, expected in cases(main):
        want = open(expected, "rb").read()
        runs = [("--interp", [TRANSLATE, "--interp", "--path", envdir, main] + args, {}),
                ("native", [exe] + args, {}),
                ("jit", [jit] + args, {}),
                ("jit threshold=1", [jit] + args, {"RPYJIT": "threshold=1"})]
        for what, cmd, env in runs:
            r = run(cmd, env)
            good = r.returncode == 0 and normalized(r.stdout) == want
            ok = ok and good
            if not good:
                print("  %s %s: %s (exit %d)\n%s" % (what, " ".join(args), "differs" if r.returncode == 0 else "FAILED",
                                                   r.returncode, r.stderr.decode()[-2000:]))
    print("  every workaround: %s" % ("all cases, all modes as expected" if ok else "FAILED"))
    blockers = []
    main_name, env, edits, appends = PORT_EDITS[port]
    for b in env + [e[0] for e in edits] + [a[0] for a in appends]:
        if b not in blockers:
            blockers.append(b)
    for b in blockers:
        main = apply(port, out, skip={b})
        args = next(cases(main))[0]
        r = run([TRANSLATE, "--interp", "--path", envdir, main] + args)
        errors = [line for line in r.stderr.decode().split("\n") if ": error: " in line]
        shown = [e.replace(out + "/" + port + "/", "") for e in errors[:6]]
        print("  without %s:%s" % (b, "".join("\n    " + e for e in shown) or " (no error!)"))
    return ok


def main():
    if sys.argv[1:2] == ["--check"]:
        ports = sys.argv[2:] or list(PORT_EDITS)
        out = tempfile.mkdtemp(prefix="rpy-workarounds-")
        ok = True
        for port in ports:
            print(port)
            ok = check(port, out) and ok
        shutil.rmtree(out)
        sys.exit(0 if ok else 1)
    out, port = sys.argv[1], sys.argv[2]
    print(apply(port, out))


if __name__ == "__main__":
    main()
