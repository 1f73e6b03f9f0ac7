"""JIT hints for rpy programs. On CPython they are all no-ops."""


class JitDriver(object):
    # A subclass may give them as class attributes (PyPy's style).
    greens = None
    reds = None
    virtualizables = None
    get_printable_location = None

    def __init__(self, greens=None, reds=None, get_printable_location=None,
                 virtualizables=None, name=None, is_recursive=False):
        greens = self.greens if greens is None else greens
        reds = self.reds if reds is None else reds
        if get_printable_location is None:
            get_printable_location = type(self).get_printable_location
        if greens is None or reds is None:
            raise TypeError("JitDriver needs greens=[...] and reds=[...]")
        if not isinstance(greens, list) or not isinstance(reds, list):
            raise TypeError("JitDriver greens and reds must be lists of str")
        for name in greens + reds:
            if not isinstance(name, str):
                raise TypeError("JitDriver greens/reds must be lists of str")
        self.greens = list(greens)
        self.reds = list(reds)
        self.get_printable_location = get_printable_location
        self._names = set(self.greens) | set(self.reds)
        # Calls are checked until this many have passed: a wrong hint shows
        # on its first call, and later calls then cost almost nothing (so
        # pypy3 and python3 time the interpreter, not the shim).
        self._checks_left = 1000

    def _check(self, what, kw):
        if self._checks_left == 0:
            return
        self._checks_left -= 1
        got = set(kw)
        if got != self._names:
            missing = sorted(self._names - got)
            extra = sorted(got - self._names)
            raise TypeError("%s: missing %r, extra %r" % (what, missing, extra))

    # `self` is positional-only: a green or red may be named `self`.
    def jit_merge_point(self, /, **kw):
        self._check("jit_merge_point", kw)

    def can_enter_jit(self, /, **kw):
        self._check("can_enter_jit", kw)


def elidable(func):
    return func


def dont_look_inside(func):
    return func


def unroll_safe(func):
    return func


def promote(x):
    return x


def we_are_jitted():
    return False


def purefunction(func):
    return func


def hint(x, **kwds):
    return x


def promote_string(x):
    return x


def look_inside_iff(predicate):
    return lambda func: func


def set_param(driver, name, value):
    pass


def set_user_param(driver, text):
    pass
