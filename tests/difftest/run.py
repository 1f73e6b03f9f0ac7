"""Run random programs in every mode and report where rpy disagrees.

    python3 tests/difftest/run.py --count N --jobs 2 [--seed START]
        [--family general|interp|mixed] [--keep DIR] [--out DIR]
        [--no-reduce] [--modes m1,m2] [--translate PATH]

Seeds START .. START+N-1 (mixed: odd seeds are interpreter-shaped, even
ones general), each generated, run by CPython (the oracle) and by rpy in
every mode of modes.py, stdout and exit status compared. A finding (a
disagreement, a failed translation, or a program the oracle shows to be
invalid -- a generator bug) is saved under --out (default
target/difftest/findings/FAMILY-SEED/): the program, its reduction
(reduce.py, unless --no-reduce) and every mode's output. The last line
printed is `N programs, K findings`; the exit status is 1 if K > 0.
"""

import argparse
import concurrent.futures
import os
import re
import shutil
import sys
import threading
import time

import modes as M
import reduce as R
from generate import generate, family_of, FAMILIES
from gen_util import FEATURES, all_features

DEFAULT_OUT = os.path.join(M.ROOT, 'target', 'difftest')


class Finding(object):
    def __init__(self, family, seed, outcome, directory):
        self.family = family
        self.seed = seed
        self.outcome = outcome
        self.directory = directory
        self.reduced = None
        self.target = None

    def signature(self):
        """What the finding looks like, without the program's names and
        numbers: findings with one signature are likely one bug."""
        if self.outcome.invalid:
            return ('invalid program', self.outcome.invalid.split(':')[0])
        out = set()
        for d in self.outcome.disagreements:
            what = d.kind
            if d.kind in ('translate', 'crash'):
                what = re.sub(r'\b[A-Za-z_]+\d+\b|\d+', 'N', d.detail)
            out.add('%s: %s' % (d.mode, what))
        return tuple(sorted(out))

    def describe(self):
        if self.outcome.invalid:
            return 'invalid program (generator bug): ' + self.outcome.invalid
        return '; '.join(repr(d) for d in self.outcome.disagreements)


def run_one(args, tools, seed, lock, log):
    family = family_of(seed, args.family)
    name = '%s-%d' % (family, seed)
    work = os.path.join(args.work, name)
    os.makedirs(work, exist_ok=True)
    prog = os.path.join(work, name + '.rpy')
    text = generate(seed, family)
    with open(prog, 'w') as f:
        f.write(text)
    outcome = M.check(tools, prog, args.modes)
    finding = None
    if outcome.invalid and not outcome.invalid.startswith('python timed'):
        finding = Finding(family, seed, outcome, None)
    elif outcome.disagreements:
        finding = Finding(family, seed, outcome, None)
    if finding is not None:
        finding.directory = save_finding(args, finding, prog)
        log('%-14s FINDING %s' % (name, finding.describe()))
        if args.reduce and not outcome.invalid:
            reduce_finding(args, tools, finding, log)
    elif outcome.invalid:
        log('%-14s skipped: %s' % (name, outcome.invalid))
    else:
        log('%-14s ok (%.1f s)' % (name, outcome.seconds))
    if args.keep:
        shutil.copy(prog, os.path.join(args.keep, name + '.rpy'))
    shutil.rmtree(work, ignore_errors=True)
    return family, outcome, finding


def save_finding(args, finding, prog):
    d = os.path.join(args.out, 'findings', '%s-%d' % (finding.family,
                                                      finding.seed))
    os.makedirs(d, exist_ok=True)
    shutil.copy(prog, os.path.join(d, 'prog.rpy'))
    M.write_results(finding.outcome, os.path.join(d, 'runs'))
    with open(os.path.join(d, 'summary.txt'), 'w') as f:
        f.write(finding.describe() + '\n')
    return d


def reduce_finding(args, tools, finding, log):
    src = os.path.join(finding.directory, 'prog.rpy')
    work = os.path.join(args.work, 'red-%s-%d' % (finding.family,
                                                  finding.seed))
    os.makedirs(work, exist_ok=True)
    prog = os.path.join(work, '%s-%d-r.rpy' % (finding.family, finding.seed))
    shutil.copy(src, prog)
    rtools = M.Tools(tools.translate, tools.python, tools.timeout,
                     checked_oracle=True)
    start = time.time()
    text, target = R.reduce_program(rtools, prog,
                                    finding.outcome.disagreements,
                                    time_limit=args.reduce_time)
    shutil.rmtree(work, ignore_errors=True)
    if text is None:
        return
    finding.reduced, finding.target = text, target
    dest = os.path.join(finding.directory, 'reduced.rpy')
    with open(dest, 'w') as f:
        f.write('# reduced from %s-%d, preserving %r\n' % (
            finding.family, finding.seed, target))
        f.write(text)
    log('%-14s reduced to %d lines in %.0f s: %s' % (
        '%s-%d' % (finding.family, finding.seed), text.count('\n'),
        time.time() - start, dest))


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--count', type=int, default=10)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--family', choices=FAMILIES + ['mixed'],
                    default='mixed')
    ap.add_argument('--keep', help='copy every generated program here')
    ap.add_argument('--out', default=DEFAULT_OUT,
                    help='findings go to OUT/findings (default %(default)s)')
    ap.add_argument('--no-reduce', dest='reduce', action='store_false')
    ap.add_argument('--reduce-time', type=float, default=600.0,
                    help='seconds at most per reduction')
    ap.add_argument('--modes', help='comma-separated subset of: ' +
                    ', '.join(M.MODE_NAMES))
    ap.add_argument('--translate', help='the translate binary (default '
                    '$RPY_TRANSLATE or target/release/translate)')
    ap.add_argument('--timeout', type=float, default=60.0,
                    help='seconds per run (default %(default)s)')
    ap.add_argument('--all-features', action='store_true',
                    help='turn on the constructs switched off because of '
                    'known bugs (gen_util.FEATURES)')
    ap.add_argument('--quiet', action='store_true',
                    help='print only findings and the summary')
    args = ap.parse_args(argv)
    if args.modes:
        args.modes = ['python'] + [m for m in args.modes.split(',')
                                   if m != 'python']
        for m in args.modes:
            if m not in M.MODE_NAMES:
                ap.error('unknown mode %r' % m)
    args.jobs = max(1, min(args.jobs, 2))
    args.work = os.path.join(args.out, 'work-%d' % os.getpid())
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.all_features:
        all_features()
    tools = M.Tools(args.translate, timeout=args.timeout)
    if not os.path.exists(tools.translate):
        sys.exit('no translate binary at %s (cargo build --release)'
                 % tools.translate)
    lock = threading.Lock()
    start = time.time()

    def log(msg):
        if args.quiet and 'FINDING' not in msg and 'reduced' not in msg:
            return
        with lock:
            print(msg, flush=True)

    off = [k for k, v in sorted(FEATURES.items()) if not v]
    if off:
        log('switched off (known bugs): ' + ', '.join(off))
    seeds = range(args.seed, args.seed + args.count)
    results = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(run_one, args, tools, s, lock, log)
                   for s in seeds]
        for fut in futures:
            results.append(fut.result())
    shutil.rmtree(args.work, ignore_errors=True)
    report(results, time.time() - start, args)
    findings = [f for _, _, f in results if f is not None]
    return 1 if findings else 0


def report(results, seconds, args):
    findings = [f for _, _, f in results if f is not None]
    per_family = {}
    for family, _, _ in results:
        per_family[family] = per_family.get(family, 0) + 1
    skipped = sum(1 for _, o, f in results if o.invalid and f is None)
    if findings:
        print()
        print('findings by kind:')
        groups = {}
        for f in findings:
            groups.setdefault(f.signature(), []).append(f)
        for sig, fs in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            print('  %3d  %s' % (len(fs), ' | '.join(sig)))
            print('       %s' % ' '.join('%s-%d' % (f.family, f.seed)
                                         for f in fs[:12]))
        print('saved under', os.path.join(args.out, 'findings'))
    print('%s; %.0f s, %.1f s per program; %d skipped (oracle timed out)'
          % (', '.join('%d %s' % (n, fam) for fam, n in
                       sorted(per_family.items())), seconds,
             seconds * args.jobs / max(len(results), 1), skipped))
    print('%d programs, %d findings' % (len(results), len(findings)))


if __name__ == '__main__':
    sys.exit(main())
