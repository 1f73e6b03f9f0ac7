"""The generators' own test: programs are deterministic and valid.

    python3 tests/difftest/test_generator.py [--count N] [--seed S]

For N seeds of each family (default 30 from seed 1): the same seed gives
the same text twice, and CPython runs the program through pycheck.py (ints
within 64 bits, no NameError/TypeError, only the dialect's exceptions
escape) and finishes within the timeout. Every program must also print
something (a program that prints nothing compares nothing). Prints one
line per failure and, last, `N programs, K generator bugs`; the exit
status is 1 if K > 0. tests/difftest.rs runs it in CI.
"""

import argparse
import os
import sys
import tempfile

import modes as M
from generate import generate, FAMILIES


def check_seed(tools, directory, family, seed):
    """Why the program of (family, seed) is not a good test, or None."""
    text = generate(seed, family)
    if generate(seed, family) != text:
        return 'not deterministic'
    prog = os.path.join(directory, '%s-%d.rpy' % (family, seed))
    with open(prog, 'w') as f:
        f.write(text)
    res = M.run_mode(tools, M.BY_NAME['python'], prog, {})
    problem = M.oracle_problem(res, text)
    if problem:
        return problem
    if not res.stdout:
        return 'prints nothing'
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--count', type=int, default=30)
    ap.add_argument('--seed', type=int, default=1)
    args = ap.parse_args()
    tools = M.Tools(python=sys.executable, checked_oracle=True)
    bugs = 0
    total = 0
    with tempfile.TemporaryDirectory(prefix='rpy-difftest-gen-') as d:
        for family in FAMILIES:
            for seed in range(args.seed, args.seed + args.count):
                total += 1
                why = check_seed(tools, d, family, seed)
                if why:
                    bugs += 1
                    print('%s-%d: %s' % (family, seed, why), flush=True)
    print('%d programs, %d generator bugs' % (total, bugs))
    return 1 if bugs else 0


if __name__ == '__main__':
    sys.exit(main())
