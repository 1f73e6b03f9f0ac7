"""The typed model a general program is generated from.

`ProgramModel` holds what the program declares (constants, tables,
exception classes, classes with fields and method families, functions)
and `Ctx` is where the statement generator stands inside one function
body: the variables in scope with their types, the enclosing loops and
`try`s (which exceptions may be raised here, and where each one lands),
the estimated number of times the code runs, and what it may mutate.

Validity by construction rests on these rules:
- every variable name is fresh per function and has one type;
- a variable is used only where it is definitely assigned (the scope of
  a name assigned in a branch, loop or `try` body ends with it);
- an operation that can raise is generated only where an enclosing
  `try` of the same function catches it or the function declares that
  it propagates it (then every caller obeys the same rule);
- loops run a bounded number of times, recursion has a decreasing depth
  argument, calls go only to functions generated earlier;
- no list or dict changes size while a `for` iterates over one.
"""

BUILTIN_EXCS = ['ZeroDivisionError', 'IndexError', 'KeyError',
                'ValueError', 'AssertionError', 'RuntimeError']


class Var(object):
    """A local variable, parameter, or module-level constant/table."""

    def __init__(self, name, type, readonly=False, maxlen=64, bits=33,
                 growable=False, frozen=False):
        self.name = name
        self.type = type
        self.readonly = readonly
        self.maxlen = maxlen      # strs and lists: the most items it holds
        self.bits = bits          # ints: |value| < 2**bits
        # a list this function created itself: may grow without a guard
        self.growable = growable
        # a module-level table no code mutates (readable by @elidable code)
        self.frozen = frozen


class Param(Var):
    def __init__(self, name, type, default=None):
        Var.__init__(self, name, type)
        self.default = default    # Expr of a constant default, or None


class Func(object):
    """A module-level function or one method implementation."""

    def __init__(self, name, params, ret, owner=None):
        self.name = name
        self.params = params      # [Param] without self
        self.ret = ret            # a type, or None for no value
        self.owner = owner        # the ClassInfo of a method
        self.propagate = set()    # exceptions it is allowed to let out
        self.raises = set()       # exceptions that can actually get out
        self.cost = 1             # estimated ops per call
        self.max_cost = 4000
        self.max_mult = 3000      # most runs of one statement per call
        self.mutates = False      # changes the size of some list or dict
        self.prints = False
        self.pure = False         # @elidable: no effects, only values
        self.done = False         # fully generated: callable
        self.decorator = None
        self.rec_depth = 0        # >0: recursive, first param is depth
        self.is_hot = False
        self.hot_n = 0            # a JitDriver function: its loop count


class Family(object):
    """A method name declared by `root` and overridden below it."""

    def __init__(self, name, root, params, ret):
        self.name = name
        self.root = root
        self.params = params
        self.ret = ret
        self.impls = {}           # class name -> Func

    @property
    def raises(self):
        out = set()
        for f in self.impls.values():
            out |= f.raises
        return out

    @property
    def cost(self):
        return max(f.cost for f in self.impls.values())

    @property
    def mutates(self):
        return any(f.mutates for f in self.impls.values())

    @property
    def done(self):
        return bool(self.impls) and all(f.done for f in self.impls.values())


class ClassInfo(object):
    def __init__(self, name, base):
        self.name = name
        self.base = base          # ClassInfo or None (object)
        self.fields = []          # [(name, type)] assigned in own __init__
        self.consts = []          # [(name, type, Expr)] class attributes
        self.init = None          # Func of __init__ (None: inherited)
        self.families = []        # families declared here
        self.subs = []

    def ancestors(self):
        c = self
        while c is not None:
            yield c
            c = c.base

    def is_sub_of(self, other):
        return any(c is other for c in self.ancestors())

    def all_fields(self):
        out = []
        for c in reversed(list(self.ancestors())):
            out.extend(c.fields)
        return out

    def all_consts(self):
        seen = {}
        for c in reversed(list(self.ancestors())):
            for name, t, e in c.consts:
                seen[name] = (name, t, e)
        return list(seen.values())

    def all_families(self):
        out = []
        for c in reversed(list(self.ancestors())):
            out.extend(c.families)
        return out

    def init_func(self):
        for c in self.ancestors():
            if c.init is not None:
                return c.init
        return None

    def descendants(self):
        out = [self]
        for s in self.subs:
            out.extend(s.descendants())
        return out


class ExcInfo(object):
    """A user exception class: message style (`E("text")`, str(e) is the
    text) or code style (own `__init__(self, code)` and a `code` field)."""

    def __init__(self, name, base, style):
        self.name = name
        self.base = base          # ExcInfo or None (Exception)
        self.style = style        # 'msg' or 'code'


class ProgramModel(object):
    def __init__(self, rng):
        self.rng = rng
        self.consts = []          # [(Var, Expr)] module-level, in order
        self.excs = []            # [ExcInfo]
        self.classes = []         # [ClassInfo], bases first
        self.funcs = []           # [Func] module-level functions
        self.tables = []          # [(name, [Func])] module function lists
        self.drivers = []         # [(name, greens, reds)]
        self.counter = 0
        self.imports = set()

    def fresh(self, prefix):
        self.counter += 1
        return '%s%d' % (prefix, self.counter)

    def cls(self, name):
        for c in self.classes:
            if c.name == name:
                return c
        raise KeyError(name)

    def exc(self, name):
        for e in self.excs:
            if e.name == name:
                return e
        return None

    def exc_is_sub(self, name, clause):
        """Would `except clause` catch an exception of class `name`?"""
        if clause == 'Exception' or clause == name:
            return True
        e = self.exc(name)
        while e is not None:
            if e.name == clause:
                return True
            e = e.base
        return False

    def exc_style(self, name):
        e = self.exc(name)
        return 'msg' if e is None else e.style


class LoopInfo(object):
    def __init__(self, trips):
        self.trips = trips


class TryFrame(object):
    """An enclosing `try` with except clauses: which exceptions each
    clause catches, and which arrived there (to type `e` in handlers)."""

    def __init__(self, clauses):
        self.clauses = clauses            # [[exc name, ...], ...]
        self.arrived = [set() for _ in clauses]


class Ctx(object):
    """Where the generator stands inside one function body."""

    def __init__(self, model, fn):
        self.model = model
        self.fn = fn
        self.scopes = [{}]
        self.loop = None
        self.tries = []
        self.mult = 1
        self.iter_lock = False    # a for over a list/dict is running
        self.in_finally = False
        self.depth = 0
        self.hot = False          # inside a JitDriver loop
        self.pure = fn.pure
        # inside a try body, or a handler of a try with finally: where a
        # raising op has an exception exit in the flow graph
        self.covered = 0

    # -- variables

    def add(self, var):
        self.scopes[-1][var.name] = var
        return var

    def lookup(self, name):
        for s in reversed(self.scopes):
            if name in s:
                return s[name]
        return None

    def hide(self, name):
        """`name` stays in the function but generated code never reads
        it (argv: its text differs between CPython and a binary)."""
        for s in self.scopes:
            s.pop(name, None)

    def visible(self):
        seen = {}
        for s in self.scopes:
            for name, v in s.items():
                seen[name] = v
        return list(seen.values())

    def push(self):
        self.scopes.append({})

    def pop(self):
        self.scopes.pop()

    # -- exceptions

    def can_raise(self, exc):
        """May an operation here raise `exc` (it will be caught, or the
        function propagates it)?"""
        for t in reversed(self.tries):
            for clause in t.clauses:
                if any(self.model.exc_is_sub(exc, c) for c in clause):
                    return True
        return exc in self.fn.propagate

    def note_raise(self, exc):
        """Records that `exc` may be raised here: at the innermost clause
        that catches it, else as escaping the function."""
        for t in reversed(self.tries):
            for i, clause in enumerate(t.clauses):
                if any(self.model.exc_is_sub(exc, c) for c in clause):
                    t.arrived[i].add(exc)
                    return
        assert exc in self.fn.propagate, (exc, self.fn.name)
        self.fn.raises.add(exc)

    # -- cost

    def afford(self, cost):
        return self.fn.cost + self.mult * cost <= self.fn.max_cost

    def spend(self, cost):
        self.fn.cost += self.mult * cost
