# Caught builtin exceptions: IndexError from list and str indexing, KeyError
# from dict, ZeroDivisionError from // % and float /, ValueError from
# int('abc') and list.index, AssertionError with and without message,
# RuntimeError, OSError, Exception as a catch-all base.


def list_at(xs, i):
    try:
        return xs[i]
    except IndexError:
        print("  IndexError list", i)
        return -1


def str_at(s, i):
    try:
        return s[i]
    except IndexError:
        print("  IndexError str", i)
        return "?"


def dict_at(d, k):
    try:
        return d[k]
    except KeyError:
        print("  KeyError", k)
        return 0


def safe_div(a, b):
    try:
        return a // b
    except ZeroDivisionError:
        print("  ZeroDivisionError //")
        return 0


def safe_mod(a, b):
    try:
        return a % b
    except ZeroDivisionError:
        print("  ZeroDivisionError %")
        return 0


def safe_fdiv(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        print("  ZeroDivisionError /")
        return 0.0


def parse(s):
    try:
        return int(s)
    except ValueError:
        print("  ValueError int", s)
        return -1


def parse_float(s):
    try:
        return float(s)
    except ValueError:
        print("  ValueError float", s)
        return -1.0


def position(xs, x):
    try:
        return xs.index(x)
    except ValueError:
        print("  ValueError index", x)
        return -1


def check_positive(n):
    try:
        assert n > 0
        return "ok"
    except AssertionError:
        return "assert failed"


def check_small(n):
    try:
        assert n < 10, "too big"
        return "ok"
    except AssertionError:
        return "assert with message failed"


def risky(kind):
    if kind == 0:
        raise RuntimeError("runtime")
    if kind == 1:
        raise OSError("os")
    if kind == 2:
        raise ValueError("value")
    if kind == 3:
        raise Exception("plain")
    return kind


def entry_point(argv):
    xs = [10, 20, 30]
    print(list_at(xs, 1), list_at(xs, 3), list_at(xs, -3), list_at(xs, -4))
    print(str_at("abc", 2), str_at("abc", 5), str_at("", 0))
    d = {"a": 1}
    print(dict_at(d, "a"), dict_at(d, "b"))
    print(safe_div(7, 2), safe_div(7, 0))
    print(safe_mod(7, 3), safe_mod(7, 0))
    print(safe_fdiv(1.0, 4.0), safe_fdiv(1.0, 0.0))
    print(parse("12"), parse("abc"), parse(""), parse("1.5"))
    print(parse_float("1.5"), parse_float("x1"))
    print(position(xs, 30), position(xs, 99))
    print(check_positive(5), check_positive(-5))
    print(check_small(5), check_small(50))
    for kind in range(5):
        try:
            r = risky(kind)
            print("no exception", r)
        except RuntimeError:
            print("caught RuntimeError")
        except OSError:
            print("caught OSError")
        except Exception:
            print("caught Exception for kind", kind)
    try:
        xs.pop(10)
    except IndexError:
        print("pop out of range")
    empty = [1]
    empty.pop()
    try:
        empty.pop()
    except IndexError:
        print("pop from empty")
    try:
        d.pop("zz")
    except KeyError:
        print("dict pop missing")
    try:
        del d["zz"]
    except KeyError:
        print("del missing key")
    try:
        del xs[5]
    except IndexError:
        print("del out of range")
    try:
        xs[3] = 1
    except IndexError:
        print("store out of range")
    try:
        print(chr(ord("a")) + str(1 // len(empty)))
    except ZeroDivisionError:
        print("zero inside expression")
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
