"""The run modes of the differential test, and running a program in them.

A program is translated twice (native and JIT); every mode runs from
one of the two binaries or from source:

    python            PYTHONPATH=goal python3 PROG      (the oracle)
    interp            translate --interp PROG
    native            target-native
    native-gcstress   target-native with RPYGC=stress=7
    jit               target-jit at default settings
    jit-eager-x86     RPYJIT=backend=x86,threshold=1,trace_eagerness=1
    jit-eager-interp  RPYJIT=backend=interp,threshold=1,trace_eagerness=1
    jit-abort         RPYJIT=threshold=1,trace_limit=12 (traces aborted)

`check(...)` runs a program in the modes asked for and returns the
`Disagreement`s with the oracle: a different stdout or exit status, a
crash, a timeout, or a failed translation. stderr is not compared (an
uncaught exception's traceback differs), only kept for the report.
"""

import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
GOAL = os.path.join(ROOT, 'goal')


class Mode(object):
    def __init__(self, name, binary=None, env=None):
        self.name = name
        self.binary = binary      # 'native', 'jit' or None (from source)
        self.env = env or {}


MODES = [
    Mode('python'),
    Mode('interp'),
    Mode('native', 'native'),
    Mode('native-gcstress', 'native', {'RPYGC': 'stress=7'}),
    Mode('jit', 'jit'),
    Mode('jit-eager-x86', 'jit',
         {'RPYJIT': 'backend=x86,threshold=1,trace_eagerness=1'}),
    Mode('jit-eager-interp', 'jit',
         {'RPYJIT': 'backend=interp,threshold=1,trace_eagerness=1'}),
    Mode('jit-abort', 'jit', {'RPYJIT': 'threshold=1,trace_limit=12'}),
]
MODE_NAMES = [m.name for m in MODES]
BY_NAME = {m.name: m for m in MODES}

# Exceptions a valid program may end with (CPython's last stderr line).
DIALECT_EXCS = {'Exception', 'IndexError', 'KeyError', 'ValueError',
                'ZeroDivisionError', 'AssertionError', 'RuntimeError',
                'OSError'}


# how the translator's own diagnostics start (also under --interp)
TRANSLATION_ERROR = r'^(\S+:\d+:\d+: error:|internal error:|error:)'


class Tools(object):
    """Where the programs come from and go: the translate binary, python3,
    timeouts."""

    def __init__(self, translate=None, python='python3', timeout=60.0,
                 checked_oracle=False):
        self.translate = translate or os.environ.get('RPY_TRANSLATE') or \
            os.path.join(ROOT, 'target', 'release', 'translate')
        self.python = python
        self.timeout = timeout
        # run the oracle through pycheck.py (ints checked to fit 64 bits)
        self.checked_oracle = checked_oracle


class Result(object):
    def __init__(self, status, stdout, stderr, seconds, timed_out=False):
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.seconds = seconds
        self.timed_out = timed_out

    def summary(self):
        if self.timed_out:
            return 'timeout after %.0f s' % self.seconds
        return 'exit %s, %d bytes of stdout' % (self.status, len(self.stdout))


class Disagreement(object):
    """A mode that did not do what the oracle did. kind: 'output' (stdout
    or exit status), 'crash' (signal, panic), 'timeout', 'translate'."""

    def __init__(self, mode, kind, detail):
        self.mode = mode
        self.kind = kind
        self.detail = detail

    def key(self):
        return (self.mode, self.kind)

    def __repr__(self):
        return '%s: %s (%s)' % (self.mode, self.kind, self.detail)


def clean_env(extra):
    env = dict(os.environ)
    for k in ('RPYJIT', 'RPYGC', 'RPYLOG', 'PYTHONPATH'):
        env.pop(k, None)
    env['PYTHONHASHSEED'] = '0'
    env.update(extra)
    return env


def run(cmd, env, cwd, timeout):
    start = time.time()
    try:
        p = subprocess.run(cmd, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return Result(None, e.stdout or b'', e.stderr or b'',
                      time.time() - start, timed_out=True)
    return Result(p.returncode, p.stdout, p.stderr, time.time() - start)


def translate(tools, prog, out, jit):
    cmd = [tools.translate, prog, '-o', out]
    if jit:
        cmd.insert(2, '--opt=jit')
    return run(cmd, clean_env({}), os.path.dirname(prog),
               max(tools.timeout, 120.0))


def run_mode(tools, mode, prog, binaries):
    cwd = os.path.dirname(prog)
    if mode.name == 'python':
        if tools.checked_oracle:
            cmd = [tools.python, os.path.join(HERE, 'pycheck.py'), prog]
        else:
            cmd = [tools.python, prog]
        return run(cmd, clean_env({'PYTHONPATH': GOAL}), cwd, tools.timeout)
    if mode.name == 'interp':
        return run([tools.translate, '--interp', prog], clean_env({}), cwd,
                   tools.timeout)
    return run([binaries[mode.binary]], clean_env(mode.env), cwd,
               tools.timeout)


def oracle_problem(res, text):
    """Why CPython's run cannot serve as the oracle (the program is not a
    valid rpy program or did not finish), or None."""
    if res.timed_out:
        return 'python timed out'
    if res.status == 97 and b'difftest-pycheck' in res.stderr:
        return res.stderr.decode('latin-1').strip().splitlines()[-1]
    err = res.stderr.decode('latin-1')
    if 'Traceback (most recent call last)' in err or res.status != 0 and \
            'Error' in err:
        last = err.strip().splitlines()[-1] if err.strip() else ''
        exc = last.split(':')[0].strip().split('.')[-1]
        user = re.search(r'^class %s\(' % re.escape(exc), text, re.M)
        if exc not in DIALECT_EXCS and not user:
            return 'python: ' + last
    return None


def translation_kind(res):
    """A short, location-free description of a failed translation."""
    err = res.stderr.decode('latin-1')
    lines = [l for l in err.splitlines() if not l.startswith('[translate]')]
    if res.timed_out:
        return 'translation timed out'
    if 'panicked' in err:
        return crash_detail(err)
    at = next((i for i, l in enumerate(lines) if 'error' in l), None)
    if at is None:
        first = lines[0] if lines else 'exit %s' % res.status
    else:
        first = lines[at]
        if first.rstrip().endswith(':') and at + 1 < len(lines):
            first += ' ' + lines[at + 1].strip()
    first = re.sub(r'^\S+:\d+:\d+: ', '', first)
    first = re.sub(r'\b(block|v)\d+\b', r'\1N', first)
    first = re.sub(r'/\S+', 'PATH', first)
    return 'exit %s: %s' % (res.status, first.strip())


def compare(mode, oracle, res):
    """The Disagreement of res with the oracle's result, or None."""
    if res.timed_out:
        return Disagreement(mode, 'timeout', res.summary())
    err = res.stderr.decode('latin-1')
    if res.status is not None and (res.status < 0 or res.status == 101 or
                                   'panicked' in err):
        if oracle.status != res.status:
            return Disagreement(mode, 'crash', 'exit %s: %s' % (
                res.status, crash_detail(err)))
    if mode == 'interp' and res.status != oracle.status and \
            re.search(TRANSLATION_ERROR, err, re.M):
        return Disagreement(mode, 'translate', translation_kind(res))
    if res.stdout != oracle.stdout or res.status != oracle.status:
        what = []
        if res.stdout != oracle.stdout:
            what.append('stdout differs')
        if res.status != oracle.status:
            what.append('exit %s, expected %s' % (res.status, oracle.status))
        return Disagreement(mode, 'output', ', '.join(what))
    return None


def crash_detail(err):
    """A Rust panic's location and message, else stderr's last line."""
    m = re.search(r"panicked at ([^\n]*)\n([^\n]*)", err)
    if m:
        return 'panicked at %s %s' % (m.group(1).strip(), m.group(2).strip())
    return last_line(err)


def last_line(text):
    lines = text.strip().splitlines()
    return lines[-1] if lines else ''


class Outcome(object):
    """Everything one program did: results per mode and per translation,
    the disagreements, or why it was skipped (invalid oracle)."""

    def __init__(self):
        self.results = {}         # mode or 'translate-native'/'-jit'
        self.disagreements = []
        self.invalid = None
        self.seconds = 0.0


def check(tools, prog, modes=None, stop_early=False):
    """Runs prog (an absolute path) in `modes` (names; default all) and
    compares each with the oracle. Binaries go next to prog."""
    start = time.time()
    modes = [BY_NAME[m] for m in (modes or MODE_NAMES)]
    out = Outcome()
    with open(prog) as f:
        text = f.read()
    oracle = run_mode(tools, BY_NAME['python'], prog, {})
    out.results['python'] = oracle
    out.invalid = oracle_problem(oracle, text)
    if out.invalid:
        out.seconds = time.time() - start
        return out
    base = os.path.splitext(prog)[0]
    binaries = {}
    for kind in ('native', 'jit'):
        if not any(m.binary == kind for m in modes):
            continue
        exe = '%s-%s' % (base, kind)
        res = translate(tools, prog, exe, kind == 'jit')
        out.results['translate-' + kind] = res
        if res.status == 0 and not res.timed_out:
            binaries[kind] = exe
        else:
            out.disagreements.append(Disagreement(
                'translate-' + kind, 'translate', translation_kind(res)))
            if stop_early:
                break
    for m in modes:
        if m.name == 'python':
            continue
        if m.binary is not None and m.binary not in binaries:
            continue
        res = run_mode(tools, m, prog, binaries)
        out.results[m.name] = res
        d = compare(m.name, oracle, res)
        if d is not None:
            out.disagreements.append(d)
            if stop_early:
                break
    for exe in binaries.values():
        try:
            os.remove(exe)
        except OSError:
            pass
    out.seconds = time.time() - start
    return out


def write_results(outcome, directory):
    """Saves stdout, stderr and status of every run under directory."""
    os.makedirs(directory, exist_ok=True)
    for name, res in outcome.results.items():
        with open(os.path.join(directory, name + '.out'), 'wb') as f:
            f.write(res.stdout)
        with open(os.path.join(directory, name + '.err'), 'wb') as f:
            f.write(res.stderr)
        with open(os.path.join(directory, name + '.status'), 'w') as f:
            f.write('timeout\n' if res.timed_out else '%s\n' % res.status)


if __name__ == '__main__':
    o = check(Tools(), os.path.abspath(sys.argv[1]))
    print('invalid:', o.invalid)
    for name, res in o.results.items():
        print('%-18s %s (%.2f s)' % (name, res.summary(), res.seconds))
    for d in o.disagreements:
        print(d)
