# User exception classes with a hierarchy, `except Base as e` reading the
# subclass's attributes, `except (A, B)`, bare `raise` re-raise, exceptions
# propagating through several calls, try/except/else, nested try.


class AppError(Exception):
    def __init__(self, msg):
        self.msg = msg


class ParseError(AppError):
    def __init__(self, msg, pos):
        AppError.__init__(self, msg)
        self.pos = pos


class EvalError(AppError):
    pass


class DivError(EvalError):
    pass


class Unrelated(Exception):
    pass


def level3(kind):
    if kind == 1:
        raise ParseError("bad token", 7)
    if kind == 2:
        raise EvalError("cannot eval")
    if kind == 3:
        raise DivError("divide by zero")
    if kind == 4:
        raise Unrelated("other")
    if kind == 5:
        raise KeyError("k")
    return kind * 100


def level2(kind):
    return level3(kind) + 1


def level1(kind):
    r = level2(kind)
    print("  level1 completed for", kind)
    return r


def describe(kind):
    try:
        r = level1(kind)
    except ParseError as e:
        return "parse error: " + e.msg + " at " + str(e.pos)
    except AppError as e:
        if isinstance(e, DivError):
            return "div error: " + e.msg
        return "app error: " + e.msg
    except (Unrelated, KeyError):
        return "unrelated or key error"
    else:
        return "ok " + str(r)


def rethrow(kind):
    try:
        return level1(kind)
    except AppError:
        print("  rethrow: logging and re-raising")
        raise


def wrap(kind):
    try:
        rethrow(kind)
    except EvalError as e:
        print("  wrap caught", e.msg)
        raise ParseError("wrapped " + e.msg, -1)
    return 0


def else_clause(n):
    out = []
    try:
        if n < 0:
            raise ValueError("neg")
        out.append("body")
    except ValueError:
        out.append("except")
    else:
        out.append("else")
    out.append("after")
    return out


def nested(n):
    try:
        try:
            if n == 0:
                raise EvalError("inner")
            if n == 1:
                raise Unrelated("passes through")
            return "none"
        except EvalError as e:
            return "inner caught " + e.msg
    except Unrelated:
        return "outer caught"


def entry_point(argv):
    for kind in range(6):
        print(kind, describe(kind))
    print(rethrow(0))
    try:
        rethrow(2)
    except EvalError as e:
        print("re-raised EvalError reached top:", e.msg)
    for kind in [0, 3, 1]:
        try:
            print("wrap", wrap(kind))
        except ParseError as e:
            print("wrap raised ParseError:", e.msg, e.pos)
    print(else_clause(1), else_clause(-1))
    print(nested(0), nested(1), nested(2))
    err = DivError("made but not raised")
    print(err.msg, isinstance(err, AppError), isinstance(err, ParseError))
    try:
        raise err
    except AppError as e:
        print("raised prebuilt instance:", e.msg)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
