# str.find/index with start and end bounds, as Python: negative bounds
# count from the end, and a start past the end finds nothing, not even ''.


def entry_point(argv):
    n = len(argv)
    s = 'abcabc'[:n + 5]
    e = ''[:n - 1]
    print(s.find(e, 10), s.find(e, 6), s.find(e, 7), s.find('c', -1), s.find(e, -10))
    print(s.find('b', 2), s.find('b', -2), s.find('bc', 5))
    print(s.index('c', 3), s.index(e, 6))
    try:
        print(s.index(e, 7))
    except ValueError as exc:
        print('ValueError', str(exc))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
