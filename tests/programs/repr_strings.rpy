# repr of strings inside lists/tuples: quote selection and escapes, the way
# CPython's repr does it (only printable ASCII and escapes are used).

SAMPLES = [
    "plain",
    "it's",              # contains ' -> double quotes
    'say "hi"',          # contains " -> single quotes
    "both ' and \"",     # both -> single quotes, escaped '
    "tab\there",
    "new\nline",
    "cr\x0dret",
    "back\\slash",
    "nul\0byte",
    "bell\x07",
    "del\x7f",
    "",
    " ",
]


def entry_point(argv):
    for s in SAMPLES:
        print([s])
    print(SAMPLES)
    print(("it's", 1))
    print(str(["a'b"]))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
