# str.splitlines() at run time and at import time: \n, \r\n and \r line
# ends, a trailing end, empty lines, no end at all, the empty string (as
# PyPy's tinyframe splits a program's source into lines).
SOURCE = "LOAD 1\nADD\r\nPRINT\r\rEND\n"
LINES = SOURCE.splitlines()


def count_words(text):
    n = 0
    for line in text.splitlines():
        n += len(line.split())
    return n


def entry_point(argv):
    print(LINES)
    for s in [SOURCE, "one", "", "\n", "a\n\nb", "x\ry\r\n"]:
        print(s.splitlines(), len(s.splitlines()))
    print(count_words(SOURCE * 3))
    return 0


def target(*args):
    return entry_point, None


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
