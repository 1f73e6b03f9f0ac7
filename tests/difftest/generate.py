"""seed -> program text, for both families of programs.

    python3 tests/difftest/generate.py SEED [--family general|interp]

`generate(seed, family)` is deterministic: the same seed and family give
the same text on every machine (the generators draw from their own
random.Random(seed) and never iterate over sets or hash-ordered data).
Without a family, odd seeds give interpreter-shaped programs and even
seeds general ones (`family_of`).
"""

import argparse
import sys

FAMILIES = ['general', 'interp']


def family_of(seed, family='mixed'):
    if family in FAMILIES:
        return family
    return 'interp' if seed % 2 else 'general'


def generate(seed, family='mixed'):
    family = family_of(seed, family)
    if family == 'general':
        import gen_general
        return gen_general.generate(seed)
    import gen_interp
    return gen_interp.generate(seed)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('seed', type=int)
    ap.add_argument('--family', choices=FAMILIES + ['mixed'],
                    default='mixed')
    args = ap.parse_args()
    sys.stdout.write(generate(args.seed, args.family))


if __name__ == '__main__':
    main()
