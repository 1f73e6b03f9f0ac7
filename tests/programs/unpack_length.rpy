# exit: 1
# stderr: ValueError: not enough values to unpack (expected 2, got 1)
# Unpacking checks the length as Python does (ValueError), for lists and
# strs at run time; tuples have constant lengths.
def pair():
    return (1, 'x')


def entry_point(argv):
    a, b = pair()
    print(a, b)
    xs = [1, 2, 3]
    p, q, r = xs
    print(p, q, r)
    for k, v in {'a': 1}.items():
        print(k, v)
    s, t = 'ab'
    print(s, t)
    for ys in [[1, 2], [1, 2, 3], [4]]:
        try:
            m, n = ys
            print(m, n)
        except ValueError as e:
            print('ValueError:', str(e))
    try:
        c, d = 'abc'
    except ValueError as e:
        print('ValueError:', str(e))
    xs.pop()
    xs.pop()
    u, w = xs
    return 0


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
