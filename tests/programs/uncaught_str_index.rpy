# exit: 1
# stderr: IndexError: string index out of range
# An uncaught IndexError from str indexing.


def char_at(s, i):
    return s[i]


def entry_point(argv):
    s = "hello"
    print(char_at(s, -5))
    print(char_at(s, len(s)))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
