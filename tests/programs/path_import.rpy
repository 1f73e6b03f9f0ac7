# path: tests/modules
# A program whose module lives in a directory given with --path.
import textops
from textops import KEYWORDS as KW


def entry_point(argv):
    toks = textops.tokens("push 4 push 5 add print halt")
    print(toks)
    print(len(KW), KW["halt"])
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
