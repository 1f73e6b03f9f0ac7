# type(x) is C, type(x) == C, x.__class__ is C (and is not, !=, either
# side): an exact class test, not one of subclasses, that narrows x to C
# where it holds; false for None. type(x) is int/bool/str/... on builtin
# types, decided by the static type (a bool's type is bool, not int).


class W_Object(object):
    def name(self):
        return "object"


class W_Int(W_Object):
    def __init__(self, value):
        self.value = value

    def name(self):
        return "int"


class W_SmallInt(W_Int):
    def name(self):
        return "smallint"


class W_Str(W_Object):
    def __init__(self, s):
        self.s = s

    def name(self):
        return "str"


def show(w):
    # `value` and `s` exist only on subclasses: the tests narrow `w`
    if type(w) is W_Int:
        return "exactly W_Int %d" % w.value
    if w.__class__ is W_SmallInt:
        return "exactly W_SmallInt %d" % (w.value * 10)
    if W_Str == type(w):
        return "exactly W_Str " + w.s
    if w is None:
        return "None"
    return "a " + w.name()


def negated(w):
    out = []
    if type(w) is not W_Int:
        out.append("not W_Int")
    if type(w) != W_Object:
        out.append("not W_Object")
    if not (w.__class__ == W_Str):
        out.append("not W_Str")
    if isinstance(w, W_Int) and type(w) is not W_SmallInt:
        out.append("a W_Int, not small: %d" % w.value)
    return ", ".join(out)


def exact_exceptions(i):
    xs = [1, 2]
    d = {"a": 1}
    try:
        if i == 0:
            xs[5] = 0
        elif i == 1:
            d["b"] = d["c"]
        else:
            raise LookupError("plain")
    except LookupError as e:
        return (type(e) is IndexError, type(e) is KeyError, type(e) is LookupError)
    return (False, False, False)


def builtin_types(n, flag, s, xs):
    print(type(n) is int, type(n) is bool, type(n) == float, type(n) is not str)
    print(type(flag) is bool, type(flag) is int, type(2.5) is float)
    print(type(s) is str, type(xs) is list, type((1, 2)) is tuple)
    print(type({"k": n}) is dict, type(xs) is dict, type(s[0]) is str)


def maybe_str(n):
    if n > 1:
        return "yes"
    return None


def entry_point(argv):
    n = len(argv)
    objs = [None] * 6
    objs[0] = W_Int(7)
    objs[1] = W_SmallInt(3)
    objs[2] = W_Str("abc")
    objs[3] = W_Object()
    for w in objs[:5]:
        print(show(w))
        print(negated(w))
    for i in range(3):
        print(exact_exceptions(i))
    builtin_types(n + 1, n > 0, "str", [n])
    print(type(maybe_str(n)) is str, type(maybe_str(n + 1)) is str)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
