# isinstance(x, T) with the builtin types int, float, str, bool, list,
# dict, tuple (and tuples of them and of classes): decided at translation
# time by the static type, a None test for a value that may be None; a
# bool is an int too. The branch a decided test never takes is not typed
# (a str method on an int there is no error), and the test narrows: an
# `str or None` is a str where isinstance(s, str) holds.


class Shape(object):
    def area(self):
        return 0


class Square(Shape):
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side * self.side


def describe(code):
    if not isinstance(code, str):
        raise TypeError("code should be a string")
    return "code of length " + str(len(code))


def maybe_name(n):
    if n > 2:
        return "name%d" % n
    return None


def name_length(n):
    s = maybe_name(n)
    if isinstance(s, str):
        return len(s.upper())
    return -1


def maybe_list(n):
    if n % 2 == 0:
        return [n, n + 1]
    return None


def maybe_shape(n):
    if n > 0:
        return Square(n)
    return None


def kinds(i, f, s, b, xs, d, t):
    print(isinstance(i, int), isinstance(i, float), isinstance(i, bool))
    print(isinstance(f, float), isinstance(f, int), isinstance(f, str))
    print(isinstance(s, str), isinstance(s, list), isinstance(s[0], str))
    print(isinstance(b, bool), isinstance(b, int), isinstance(b, float))
    print(isinstance(xs, list), isinstance(xs, tuple), isinstance(xs, dict))
    print(isinstance(d, dict), isinstance(d, list), isinstance(t, tuple))
    print(isinstance(i, (str, int)), isinstance(s, (int, float)))
    print(isinstance(f, (Shape, float)), isinstance(t, (dict, list)))
    print(isinstance(i, object), isinstance(s, object), isinstance(xs, object))


def shapes(n):
    sq = maybe_shape(n)
    print(isinstance(sq, Shape), isinstance(sq, Square), isinstance(sq, int))
    print(isinstance(sq, (int, Square)), isinstance(sq, object))
    if isinstance(sq, (str, Square)):
        print("area", sq.area())
    else:
        print("no square")


def never_a_str(x):
    if isinstance(x, str):
        return x.upper()
    return "int " + str(x)


def entry_point(argv):
    n = len(argv)
    kinds(n + 4, 2.5, "abc", n > 0, [1, 2], {"a": 1}, (1, "x"))
    print(describe("hello"))
    print(name_length(n), name_length(n + 5))
    xs = maybe_list(n)
    ys = maybe_list(n + 1)
    print(isinstance(xs, list), isinstance(ys, list))
    shapes(n + 2)
    shapes(n - 1)
    print(never_a_str(n + 41))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
