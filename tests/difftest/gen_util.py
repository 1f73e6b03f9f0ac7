"""Shared pieces of the program generators.

- the type model: types are tuples, `INT`, `list_of(STR)`, `opt(inst('C0'))`;
- `Expr`: the text of a generated expression with its type, its
  precedence (for minimal parentheses) and bounds on its value: `bits`
  for ints (|v| < 2**bits), `mag` for floats (|v| <= mag), `maxlen` for
  strs and lists -- what keeps generated programs inside 64-bit ints,
  finite floats and small memory;
- `Lines`: an indented line emitter;
- a few helpers on `random.Random`.

Nothing here depends on a particular program family.
"""

from contextlib import contextmanager

# ------------------------------------------------------------------ types

INT = ('int',)
BOOL = ('bool',)
FLOAT = ('float',)
STR = ('str',)
NONE = ('none',)     # the type of the literal None before it meets a ref


def list_of(t):
    return ('list', t)


def dict_of(k, v):
    return ('dict', k, v)


def tuple_of(*ts):
    return ('tuple',) + tuple(ts)


def inst(cls_name):
    return ('inst', cls_name)


def opt(t):
    """A nullable reference to a str, list, dict or instance."""
    assert t[0] in ('str', 'list', 'dict', 'inst'), t
    return ('opt', t)


def strip_opt(t):
    return t[1] if t[0] == 'opt' else t


def is_printable(t):
    """Types whose str()/print is Python's repr, the same on rpy."""
    k = t[0]
    if k in ('int', 'bool', 'float', 'str'):
        return True
    if k == 'list':
        return is_printable(t[1])
    if k == 'tuple':
        return all(is_printable(x) for x in t[1:])
    if k == 'opt':
        return is_printable(t[1])
    return False


def type_name(t):
    """A short readable form of a type, for comments."""
    k = t[0]
    if k in ('int', 'bool', 'float', 'str', 'none'):
        return k
    if k == 'list':
        return 'list[%s]' % type_name(t[1])
    if k == 'dict':
        return 'dict[%s, %s]' % (type_name(t[1]), type_name(t[2]))
    if k == 'tuple':
        return 'tuple[%s]' % ', '.join(type_name(x) for x in t[1:])
    if k == 'inst':
        return t[1]
    if k == 'opt':
        return '%s | None' % type_name(t[1])
    raise ValueError(t)


# ------------------------------------------------------------ precedence

P_COND = 1       # a if c else b
P_OR = 2
P_AND = 3
P_NOT = 4
P_CMP = 5        # < == in is
P_BOR = 6
P_BXOR = 7
P_BAND = 8
P_SHIFT = 9
P_ADD = 10
P_MUL = 11
P_UNARY = 12     # -x ~x
P_POW = 13
P_ATOM = 14      # names, literals, calls, subscripts, attributes


class Expr(object):
    """A generated expression: text, type, precedence and value bounds."""

    __slots__ = ('text', 'type', 'prec', 'bits', 'mag', 'maxlen', 'const')

    def __init__(self, text, type, prec=P_ATOM, bits=33, mag=1e7,
                 maxlen=64, const=None):
        self.text = text
        self.type = type
        self.prec = prec
        self.bits = bits
        self.mag = mag
        self.maxlen = maxlen
        self.const = const      # the Python value when it is a literal

    def at(self, prec):
        """The text, parenthesized unless it binds at least as tightly
        as `prec`."""
        if self.prec >= prec:
            return self.text
        return '(' + self.text + ')'

    def __repr__(self):
        return 'Expr(%r, %s)' % (self.text, type_name(self.type))


def int_lit(v):
    """An int literal (negative ones are unary minus expressions)."""
    return Expr(str(v), INT, P_ATOM if v >= 0 else P_UNARY,
                bits=max(1, abs(v).bit_length()), const=v)


def float_lit(v):
    text = repr(v)
    return Expr(text, FLOAT, P_UNARY if text.startswith('-') else P_ATOM,
                mag=abs(v), const=v)


def str_lit(s):
    return Expr(py_str_literal(s), STR, maxlen=len(s), const=s)


def py_str_literal(s):
    """A Python literal for s (ASCII only), in the source spelling rpy
    accepts: quotes, \\n \\t \\\\ \\' \\xNN."""
    q = "'" if "'" not in s or '"' in s else '"'
    out = []
    for c in s:
        o = ord(c)
        if c == '\\':
            out.append('\\\\')
        elif c == q:
            out.append('\\' + c)
        elif c == '\n':
            out.append('\\n')
        elif c == '\t':
            out.append('\\t')
        elif o < 32 or o >= 127:
            out.append('\\x%02x' % o)
        else:
            out.append(c)
    return q + ''.join(out) + q


# -------------------------------------------------------------- switches

# Temporary switches for constructs that hit a known rpy bug so often that
# they drown everything else; True = generate the construct. Each names
# the finding it works around (tests/difftest/findings/). `run.py
# --all-features` turns them all back on.
FEATURES = {
    # class-level `attr = None` defaults, shadowed by instance attributes
    'class_attr_none': True,
    # overriding methods whose default argument values differ
    'override_defaults': True,
    # module-level lists of functions, called through an index
    'func_tables': True,
    # `assert True` / constant asserts (known: assert True inside try)
    'assert_const': True,
    # comprehension filters that do not depend on a variable (known:
    # constant-false filter panics the flow-graph builder)
    'const_filter': True,
    # empty [] / {} literals (a container nothing is ever stored into
    # gets str items: `d = {}; 3 in d` is refused)
    'empty_literals': True,
    # raising ops (// % << >> int() float() /) on constants inside a try
    # (known: constant folding inside try leaves an exception exit)
    'const_in_try': True,
    # `xs + ys` of lists of instances or None-able values (known: the
    # item types of the two lists must be the same)
    'subtype_concat': True,
}


def all_features():
    for k in FEATURES:
        FEATURES[k] = True


# ---------------------------------------------------------------- output


class Lines(object):
    """An indented line emitter: `add` a line, `block` a header whose
    body is what is added inside the `with` (a lone `pass` if nothing)."""

    def __init__(self):
        self.lines = []
        self.depth = 0

    def add(self, text):
        self.lines.append('    ' * self.depth + text)

    def blank(self):
        self.lines.append('')

    @contextmanager
    def block(self, header):
        self.add(header)
        self.depth += 1
        mark = len(self.lines)
        try:
            yield
        finally:
            if len(self.lines) == mark:
                self.add('pass')
            self.depth -= 1

    def extend(self, other):
        for line in other.lines:
            self.lines.append('    ' * self.depth + line if line else '')

    def text(self):
        return '\n'.join(self.lines) + '\n'


# ------------------------------------------------------------ randomness


def chance(rng, p):
    return rng.random() < p


def pick_weighted(rng, pairs):
    """One item of [(weight, item), ...]; weights of 0 never win."""
    total = sum(w for w, _ in pairs)
    assert total > 0, pairs
    x = rng.random() * total
    for w, item in pairs:
        if x < w:
            return item
        x -= w
    for w, item in reversed(pairs):
        if w > 0:
            return item
    raise AssertionError('unreachable')


# Strings used as literals: ASCII only (rpy strs are bytes, CPython's are
# unicode; both print ASCII the same), with characters repr escapes.
STR_POOL = [
    '', 'a', 'b', 'z', 'ab', 'abc', 'xyz', 'hello', 'Hi', 'rpy', ' ',
    '  pad  ', 'a b c', 'x,y,z', '1,2,,3', '42', '-7', '007', '3.5',
    'it\'s', 'say "hi"', 'tab\there', 'line\nbreak', 'back\\slash',
    'MiXeD', 'UPPER', 'lower', '..', '---', '\x01ctl', 'a-b-a', 'aaa',
]

# Separators and needles for split/find/replace/strip/startswith.
NEEDLE_POOL = ['a', 'b', ',', ' ', '-', 'ab', 'xy', 'l', '.', 'z', '1']

# int() arguments: some parse, some raise ValueError.
INT_TEXT_OK = ['0', '42', '-7', '+5', '007', ' 12 ', '-0', '1_000',
               '2147483647', '\t9\n']
INT_TEXT_BAD = ['', 'x', '1.5', '0x10', '--1', '1 2', 'abc', '_1', '1_']

FLOAT_TEXT_OK = ['0.5', '-2.25', '1e3', ' 3 ', '.5', '-0.0', '1E-2',
                 '12']
FLOAT_TEXT_BAD = ['', 'x', '1.2.3', '--1', 'e5']

FLOAT_POOL = [0.0, 0.5, -0.5, 1.0, -1.0, 2.5, 3.0, 0.1, 0.2, 0.3, 1e-3,
              -0.0, 100.0, 1234.5, -7.75, 2.0 / 3.0, 1e5, 0.125, 9.99]
