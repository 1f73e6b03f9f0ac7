# args: 10 foo -3 hello-world
# Uses argv: argv[0] is the program name (not printed: it differs between
# CPython and translated binaries), the rest are the arguments.


def entry_point(argv):
    print("argc", len(argv))
    n = int(argv[1])
    word = argv[2]
    delta = int(argv[3])
    print("n squared", n * n)
    print("word", word, word.upper(), len(word))
    print("n + delta", n + delta)
    print(argv[4].split("-"))
    rest = argv[1:]
    print(rest)
    total = 0
    for a in argv[1:]:
        if a.isdigit():
            total += int(a)
    print("digit args sum", total)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
