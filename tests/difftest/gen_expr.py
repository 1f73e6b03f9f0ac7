"""Typed expression generation for general programs.

`ExprGen.expr(t, d)` returns an `Expr` of type `t` (or a subtype: a
subclass instance, a non-None value for a nullable type) of nesting depth
at most `d`, valid where the generator stands (`self.ctx`):
- ints stay within 62 bits (operands are masked before they could
  overflow) and values stored anywhere within 32 bits;
- floats stay finite and below 1e15;
- an operation that raises (division by zero, an index or key out of
  range, int() of a bad literal, a negative shift count, list.index of a
  missing item, a call of a function that raises) appears raw only where
  `ctx.can_raise` says so, and is recorded with `ctx.note_raise`;
  elsewhere it comes in a safe form (`xs[i % len(xs)] if len(xs) > 0
  else d`, `a // (b | 1)` ...).
"""

import re

from gen_util import (
    INT, BOOL, FLOAT, STR, NONE, Expr, list_of, opt, strip_opt, chance,
    pick_weighted, int_lit, float_lit, str_lit, P_COND, P_OR, P_AND, P_NOT,
    P_CMP, P_BOR, P_BXOR, P_BAND, P_SHIFT, P_ADD, P_MUL, P_UNARY, P_POW,
    P_ATOM, STR_POOL, NEEDLE_POOL, INT_TEXT_OK, INT_TEXT_BAD, FLOAT_TEXT_OK,
    FLOAT_TEXT_BAD, FLOAT_POOL, FEATURES,
)

MAX_BITS = 62        # no int expression may need more
STORE_BITS = 32      # what an assignment keeps
# what a stored int may hold: STORE_BITS plus the drift of `v += small`
# (at most 2**8 per run of a statement, under 2**19 runs per program)
VAR_BITS = 33
FLOAT_MAX = 1e15
FLOAT_STORE = 1e6
STR_STORE = 40       # longest str kept in a variable
LIST_SMALL = 64      # lists of unknown origin hold at most this many
FRESH = 'fresh'      # Expr.const of a list expression that builds a new list


def binop(a, op, b, prec, type, **bounds):
    """`a op b` with a left-associative operator of precedence `prec`."""
    return Expr(a.at(prec) + ' ' + op + ' ' + b.at(prec + 1), type, prec,
                **bounds)


def call(name, args, type, **bounds):
    return Expr(name + '(' + ', '.join(a.text for a in args) + ')', type,
                P_ATOM, **bounds)


class ExprGen(object):
    """Mixin: needs self.rng, self.model and self.ctx."""

    # ------------------------------------------------------------ types

    def fits(self, s, d):
        """May a value of type s be stored where type d is expected?"""
        if s == d:
            return True
        if d[0] == 'opt':
            if s == NONE:
                return True
            return self.fits(strip_opt(s), d[1])
        if s[0] == 'inst' and d[0] == 'inst':
            return self.model.cls(s[1]).is_sub_of(self.model.cls(d[1]))
        return False

    # ----------------------------------------------------------- driver

    def expr(self, t, d=2):
        """An expression of type t, at most d levels deep."""
        if d <= 0 or chance(self.rng, 0.2):
            e = self.leaf(t)
            if e is not None:
                return e
            if d <= 0:
                return self.literal(t)
        gen = getattr(self, 'x_' + t[0])
        e = gen(t, d - 1)
        if e is None:
            e = self.leaf(t)
        if e is None:
            e = self.literal(t)
        return e

    def leaf(self, t, allow_big=False):
        """A variable, constant or attribute of a variable, of type t."""
        cands = []
        for v in self.ctx.visible():
            if self.fits(v.type, t):
                if v.type[0] == 'list' and v.maxlen > LIST_SMALL \
                        and not allow_big:
                    continue
                cands.append(self.var_expr(v))
        if not self.ctx.pure or t[0] in ('int', 'str', 'float', 'bool'):
            for v, _ in self.model.consts:
                if self.fits(v.type, t) and (v.frozen or not self.ctx.pure):
                    cands.append(self.var_expr(v))
        if not self.ctx.pure:
            cands.extend(self.field_reads(t))
        if not cands:
            return None
        return self.rng.choice(cands)

    def var_expr(self, v):
        return Expr(v.name, v.type, P_ATOM, bits=v.bits,
                    maxlen=v.maxlen if v.type[0] in ('str', 'list') else 64)

    def field_reads(self, t):
        """`o.f` for o a visible non-None instance variable."""
        out = []
        for v in self.ctx.visible():
            if v.type[0] != 'inst':
                continue
            c = self.model.cls(v.type[1])
            for name, ft in c.all_fields():
                if self.fits(ft, t):
                    out.append(Expr(v.name + '.' + name, ft, P_ATOM,
                                    maxlen=STR_STORE if ft == STR
                                    else LIST_SMALL))
            for name, ft, _ in c.all_consts():
                if self.fits(ft, t):
                    out.append(Expr(v.name + '.' + name, ft, P_ATOM,
                                    maxlen=STR_STORE))
        return out

    def simple(self, t, allow_big=False):
        """A side-effect-free leaf of type t (it may be repeated in a
        safe form), or None."""
        return self.leaf(t, allow_big)

    # --------------------------------------------------------- literals

    def literal(self, t):
        k = t[0]
        r = self.rng
        if k == 'int':
            return int_lit(self.int_value())
        if k == 'bool':
            return Expr(r.choice(['True', 'False']), BOOL)
        if k == 'float':
            return float_lit(r.choice(FLOAT_POOL))
        if k == 'str':
            return str_lit(r.choice(STR_POOL))
        if k == 'none' or k == 'opt':
            return Expr('None', NONE)
        if k == 'inst' and t[1] in self.no_construct:
            raise AssertionError('constructing %s in its __init__' % t[1])
        if k == 'list':
            n = r.choice([0, 1, 2, 3, 3, 4] if FEATURES['empty_literals']
                         else [1, 2, 3, 3, 4])
            items = [self.literal(t[1]) for _ in range(n)]
            return Expr('[' + ', '.join(i.text for i in items) + ']', t,
                        maxlen=n, const=FRESH)
        if k == 'dict':
            keys = self.key_literals(t[1], r.randint(
                0 if FEATURES['empty_literals'] else 1, 3))
            items = ['%s: %s' % (kk.text, self.literal(t[2]).text)
                     for kk in keys]
            return Expr('{' + ', '.join(items) + '}', t)
        if k == 'tuple':
            items = [self.literal(x) for x in t[1:]]
            if len(items) == 1:
                return Expr('(' + items[0].text + ',)', t)
            return Expr('(' + ', '.join(i.text for i in items) + ')', t)
        if k == 'inst':
            return self.construct(t, 0)
        raise ValueError(t)

    def int_value(self):
        r = self.rng
        return pick_weighted(r, [
            (5, lambda: r.randint(-10, 10)),
            (3, lambda: r.randint(-1000, 1000)),
            (1, lambda: r.randint(-2 ** 31 + 1, 2 ** 31 - 1)),
            (1, lambda: r.choice([0, 1, -1, 2 ** 31 - 1, -2 ** 31 + 1,
                                  255, 256, 65535, -65536, 7, -7])),
        ])()

    def key_literals(self, kt, n):
        r = self.rng
        if kt == INT:
            vals = r.sample(range(-4, 24), n)
            return [int_lit(v) for v in vals]
        vals = r.sample(['a', 'b', 'c', 'k1', 'k2', 'x', 'y', '', 'key'], n)
        return [str_lit(v) for v in vals]

    def key_expr(self, kt):
        """A dict key from a small pool (so dicts stay small)."""
        r = self.rng
        if kt == INT:
            if chance(r, 0.5):
                return int_lit(r.randint(-4, 23))
            e = self.expr(INT, 1)
            return self.modk(e, r.choice([4, 8, 16]))
        if chance(r, 0.7):
            return str_lit(r.choice(['a', 'b', 'c', 'k1', 'k2', 'x', 'y',
                                     '', 'key']))
        e = self.expr(INT, 1)
        return Expr('str(' + self.modk(e, 5).text + ')', STR, maxlen=1)

    # ------------------------------------------------------------ fitting

    def fit_int(self, e, bits):
        """e, masked or reduced so that |value| < 2**bits."""
        if e.bits <= bits:
            return e
        r = self.rng
        form = r.randint(0, 3)
        if form == 0 or bits < 11:
            m = min(bits, 16)
            return Expr(e.at(P_BAND) + ' & ' + hex((1 << m) - 1), INT,
                        P_BAND, bits=m)
        if form == 1:
            mods = [m for m in (1000, 65521, 1000003, 7919)
                    if m.bit_length() <= bits]
            return self.modk(e, r.choice(mods))
        if form == 2 and bits >= 32:
            self.model.imports.add('wrap32')
            return Expr('wrap32(' + e.text + ')', INT, bits=32)
        m = min(bits, 31)
        return Expr(e.at(P_BAND) + ' & ' + hex((1 << m) - 1), INT, P_BAND,
                    bits=m)

    def fit_float(self, e, mag):
        if e.mag <= mag:
            return e
        self.model.imports.add('fwrap')
        return Expr('fwrap(' + e.text + ')', FLOAT, mag=1000.0)

    def fit_len(self, e, n):
        """A str or list expression cut to at most n items."""
        if e.maxlen <= n:
            return e
        return Expr(e.at(P_ATOM) + '[:' + str(n) + ']', e.type, maxlen=n,
                    const=FRESH if e.type[0] == 'list' else None)

    # --------------------------------------------------------------- ints

    def x_int(self, t, d):
        r = self.rng
        kind = pick_weighted(r, [
            (6, 'arith'), (3, 'div'), (2, 'shift'), (2, 'bitwise'),
            (2, 'unary'), (1, 'pow'), (2, 'minmax'), (3, 'len'),
            (1, 'ord'), (2, 'int_of'), (2, 'find'), (1, 'index'),
            (3, 'item'), (2, 'cond'), (4, 'call'), (1, 'andor'),
            (1, 'promote'),
        ])
        return getattr(self, 'int_' + kind)(d)

    def int_arith(self, d):
        a = self.expr(INT, d)
        b = self.expr(INT, d)
        op = self.rng.choice(['+', '-', '*', '+', '-'])
        if op == '*':
            if a.bits + b.bits > MAX_BITS:
                a = self.fit_int(a, 31)
                b = self.fit_int(b, 31)
            return binop(a, op, b, P_MUL, INT, bits=a.bits + b.bits)
        if max(a.bits, b.bits) + 1 > MAX_BITS:
            a = self.fit_int(a, 40)
            b = self.fit_int(b, 40)
        return binop(a, op, b, P_ADD, INT, bits=max(a.bits, b.bits) + 1)

    def opaque(self, e):
        """e, hidden from rpy's constant folding inside a `try` body while
        the const_in_try switch is off (a folded op that could raise
        keeps its exception exit: the LL graphs do not verify)."""
        if FEATURES['const_in_try'] or not self.ctx.covered or self.ctx.pure:
            return e
        if e.type == STR:
            self.model.imports.add('sopaque')
            return Expr('sopaque(' + e.text + ')', STR, maxlen=e.maxlen)
        if e.type == FLOAT:
            self.model.imports.add('fopaque')
            return Expr('fopaque(' + e.text + ')', FLOAT, mag=e.mag)
        self.model.imports.add('opaque')
        return Expr('opaque(' + e.text + ')', INT, bits=e.bits)

    def modk(self, e, m):
        """`e % m` for a constant m > 0 (opaque inside a try, as every
        right operand of // % << >> there: see opaque)."""
        return Expr(e.at(P_MUL) + ' % ' + self.opaque(int_lit(m)).text, INT,
                    P_MUL, bits=m.bit_length())

    def divisor(self, d):
        return self.opaque(self.raw_divisor(d))

    def raw_divisor(self, d):
        """A divisor: possibly zero where ZeroDivisionError may be
        raised here, else certainly not zero."""
        r = self.rng
        if self.ctx.can_raise('ZeroDivisionError') and chance(r, 0.6):
            self.ctx.note_raise('ZeroDivisionError')
            e = self.expr(INT, d)
            if chance(r, 0.6):
                return self.modk(e, r.choice([2, 3, 4]))
            return e
        form = r.randint(0, 4)
        if form <= 1:
            v = r.choice([1, -1, 2, -2, 3, 7, -5, 10, 16, 1000003, 65536])
            return int_lit(v)
        e = self.expr(INT, d)
        if form == 2:
            return Expr(e.at(P_BOR) + ' | 1', INT, P_BOR, bits=e.bits)
        if form == 3:
            return Expr('abs(' + e.text + ') + 1', INT, P_ADD,
                        bits=e.bits + 1)
        return Expr('max(' + e.text + ', 1)', INT, bits=e.bits)

    def int_div(self, d):
        a = self.expr(INT, d)
        b = self.divisor(d)
        if self.rng.random() < 0.5:
            return binop(a, '//', b, P_MUL, INT, bits=a.bits)
        return binop(a, '%', b, P_MUL, INT, bits=min(b.bits, MAX_BITS))

    def int_shift(self, d):
        r = self.rng
        a = self.expr(INT, d)
        if chance(r, 0.5):
            a = self.fit_int(a, 40)
            k = r.randint(0, MAX_BITS - a.bits)
            return binop(a, '<<', self.opaque(int_lit(k)), P_SHIFT, INT,
                         bits=a.bits + k)
        form = r.randint(0, 3)
        if form == 0:
            k = int_lit(r.choice([0, 1, 2, 3, 5, 8, 31, 32, 63, 64, 100]))
        elif form == 1:
            c = self.expr(INT, d)
            k = Expr(c.at(P_BAND) + ' & ' + str(r.choice([7, 15, 63])), INT,
                     P_BAND, bits=6)
        elif form == 2 and self.ctx.can_raise('ValueError'):
            # a shift count that may be negative: ValueError
            self.ctx.note_raise('ValueError')
            c = self.expr(INT, d)
            k = Expr(self.modk(c, 5).text + ' - 2', INT, P_ADD, bits=3)
        else:
            c = self.expr(INT, d)
            k = self.modk(c, 70)
        return binop(a, '>>', self.opaque(k), P_SHIFT, INT, bits=a.bits)

    def int_bitwise(self, d):
        a = self.expr(INT, d)
        if chance(self.rng, 0.2):
            return Expr('~' + a.at(P_UNARY), INT, P_UNARY, bits=a.bits + 1)
        b = self.expr(INT, d)
        op, prec = self.rng.choice([('&', P_BAND), ('|', P_BOR),
                                    ('^', P_BXOR)])
        return binop(a, op, b, prec, INT, bits=max(a.bits, b.bits) + 1)

    def int_unary(self, d):
        a = self.expr(INT, d)
        if chance(self.rng, 0.5):
            return Expr('-' + a.at(P_UNARY), INT, P_UNARY, bits=a.bits)
        return Expr('abs(' + a.text + ')', INT, bits=a.bits)

    def int_pow(self, d):
        k = self.rng.choice([0, 1, 2, 2, 3])
        a = self.fit_int(self.expr(INT, d), MAX_BITS // max(k, 1))
        if a.prec < P_ATOM:
            base = '(' + a.text + ')'
        else:
            base = a.text
        return Expr(base + ' ** ' + str(k), INT, P_POW,
                    bits=max(1, a.bits * k))

    def int_minmax(self, d):
        a = self.expr(INT, d)
        b = self.expr(INT, d)
        f = self.rng.choice(['min', 'max'])
        return call(f, [a, b], INT, bits=max(a.bits, b.bits))

    def int_len(self, d):
        t = self.rng.choice([STR, self.pick_list_type(), self.pick_dict_type()])
        if t is None:
            t = STR
        e = self.expr(t, d) if t[0] != 'list' else self.list_source(t, d)
        return Expr('len(' + e.text + ')', INT, bits=20)

    def one_char(self, d):
        """A str of exactly one character."""
        r = self.rng
        form = r.randint(0, 2)
        if form == 0:
            return str_lit(r.choice('az09 ,.-_AZ\t'))
        if form == 1:
            return self.chr_expr(d)
        s = self.simple(STR)
        if s is None:
            return str_lit('q')
        if self.ctx.can_raise('IndexError') and chance(r, 0.5):
            self.ctx.note_raise('IndexError')
            i = self.opaque(self.expr(INT, d))
            return Expr(s.at(P_ATOM) + '[' + i.text + ']', STR, maxlen=1)
        return Expr(s.at(P_ATOM) + '[0] if len(' + s.text + ') > 0 else "?"',
                    STR, P_COND, maxlen=1)

    def chr_expr(self, d):
        e = self.expr(INT, d)
        arg = self.opaque(Expr('32 + ' + self.modk(e, 95).text, INT, P_ADD,
                               bits=7))
        return Expr('chr(' + arg.text + ')', STR, maxlen=1)

    def int_ord(self, d):
        c = self.one_char(d)
        return Expr('ord(' + c.text + ')', INT, bits=8)

    def int_int_of(self, d):
        r = self.rng
        form = r.randint(0, 3)
        if form == 0:
            e = self.expr(INT, d)
            arg = self.opaque(Expr('str(' + e.text + ')', STR, maxlen=24))
            return Expr('int(' + arg.text + ')', INT, bits=e.bits)
        if form == 1:
            f = self.expr(FLOAT, d)
            f = self.fit_float(f, FLOAT_MAX)
            return Expr('int(' + self.opaque(f).text + ')', INT, bits=50)
        if self.ctx.can_raise('ValueError') and chance(r, 0.5):
            self.ctx.note_raise('ValueError')
            text = r.choice(INT_TEXT_BAD + INT_TEXT_OK)
        else:
            text = r.choice(INT_TEXT_OK)
        return Expr('int(' + self.opaque(str_lit(text)).text + ')', INT,
                    bits=32)

    def int_find(self, d):
        s = self.expr(STR, d)
        n = self.needle(d)
        if chance(self.rng, 0.3):
            k = self.expr(INT, d)
            return Expr(s.at(P_ATOM) + '.find(' + n.text + ', ' + k.text + ')',
                        INT, bits=20)
        return Expr(s.at(P_ATOM) + '.find(' + n.text + ')', INT, bits=20)

    def needle(self, d):
        if chance(self.rng, 0.8):
            return str_lit(self.rng.choice(NEEDLE_POOL))
        return self.expr(STR, d)

    def int_index(self, d):
        lt = list_of(INT)
        xs = self.simple(lt)
        if xs is None:
            return None
        v = self.expr(INT, d)
        if self.ctx.can_raise('ValueError') and chance(self.rng, 0.5):
            self.ctx.note_raise('ValueError')
            return Expr(xs.text + '.index(' + self.opaque(v).text + ')', INT,
                        bits=20)
        v = self.simple(INT) or int_lit(self.rng.randint(-3, 5))
        return Expr('%s.index(%s) if %s in %s else -1' % (
            xs.text, v.text, v.at(P_BOR), xs.text), INT, P_COND, bits=20)

    def int_item(self, d):
        return self.item_of(INT, d)

    def int_cond(self, d):
        return self.cond_expr(INT, d)

    def int_call(self, d):
        return self.call_expr(INT, d)

    def int_andor(self, d):
        a = self.expr(INT, d)
        b = self.expr(INT, d)
        if chance(self.rng, 0.5):
            return binop(a, 'and', b, P_AND, INT, bits=max(a.bits, b.bits))
        return binop(a, 'or', b, P_OR, INT, bits=max(a.bits, b.bits))

    def int_promote(self, d):
        if not self.ctx.hot:
            return None
        self.model.imports.add('promote')
        e = self.expr(INT, d)
        return Expr('promote(' + e.text + ')', INT, bits=e.bits)

    # ------------------------------------------------------------- bools

    def x_bool(self, t, d):
        r = self.rng
        kind = pick_weighted(r, [
            (6, 'compare'), (1, 'chain'), (2, 'not'), (2, 'andor'),
            (2, 'contains'), (2, 'strpred'), (1, 'isnone'),
            (1, 'isinstance'), (1, 'truth'), (2, 'item'), (2, 'call'),
            (1, 'cond'),
        ])
        return getattr(self, 'bool_' + kind)(d)

    def comparable_pair(self, d):
        r = self.rng
        t = r.choice([INT, INT, INT, FLOAT, STR, BOOL])
        if t == INT and chance(r, 0.15):
            return self.expr(INT, d), self.expr(FLOAT, d)
        return self.expr(t, d), self.expr(t, d)

    def bool_compare(self, d):
        a, b = self.comparable_pair(d)
        ops = ['==', '!=', '<', '<=', '>', '>=']
        if a.type == BOOL:
            ops = ['==', '!=']
        return binop(a, self.rng.choice(ops), b, P_CMP, BOOL)

    def bool_chain(self, d):
        a = self.expr(INT, d)
        b = self.expr(INT, d)
        c = self.expr(INT, d)
        o1 = self.rng.choice(['<', '<=', '==', '!='])
        o2 = self.rng.choice(['<', '<=', '>', '!='])
        return Expr('%s %s %s %s %s' % (a.at(P_BOR), o1, b.at(P_BOR), o2,
                                        c.at(P_BOR)), BOOL, P_CMP)

    def bool_not(self, d):
        a = self.expr(BOOL, d)
        return Expr('not ' + a.at(P_NOT), BOOL, P_NOT)

    def bool_andor(self, d):
        a = self.expr(BOOL, d)
        b = self.expr(BOOL, d)
        if chance(self.rng, 0.5):
            return binop(a, 'and', b, P_AND, BOOL)
        return binop(a, 'or', b, P_OR, BOOL)

    def bool_contains(self, d):
        r = self.rng
        form = r.randint(0, 2)
        neg = ' not in ' if chance(r, 0.3) else ' in '
        if form == 0:
            lt = self.pick_list_type()
            if lt[1] not in (INT, STR, FLOAT, BOOL):
                return None
            xs = self.list_source(lt, d)
            v = self.expr(lt[1], d)
            return Expr(v.at(P_BOR) + neg + xs.at(P_BOR), BOOL, P_CMP)
        if form == 1:
            dt = self.pick_dict_type()
            if dt is None:
                return None
            dd = self.expr(dt, d)
            k = self.key_expr(dt[1])
            return Expr(k.at(P_BOR) + neg + dd.at(P_BOR), BOOL, P_CMP)
        s = self.expr(STR, d)
        n = self.needle(d)
        return Expr(n.at(P_BOR) + neg + s.at(P_BOR), BOOL, P_CMP)

    def bool_strpred(self, d):
        s = self.expr(STR, d)
        m = self.rng.choice(['isdigit', 'isalpha', 'isspace', 'startswith',
                             'endswith', 'startswith'])
        if m in ('startswith', 'endswith'):
            return Expr(s.at(P_ATOM) + '.' + m + '(' + self.needle(d).text +
                        ')', BOOL)
        return Expr(s.at(P_ATOM) + '.' + m + '()', BOOL)

    def bool_isnone(self, d):
        cands = [v for v in self.ctx.visible() if v.type[0] == 'opt']
        if not cands:
            return None
        v = self.rng.choice(cands)
        op = ' is None' if chance(self.rng, 0.5) else ' is not None'
        return Expr(v.name + op, BOOL, P_CMP)

    def bool_isinstance(self, d):
        cands = [v for v in self.ctx.visible() if v.type[0] == 'inst' and
                 len(self.model.cls(v.type[1]).descendants()) > 1]
        if not cands:
            return None
        v = self.rng.choice(cands)
        c = self.rng.choice(self.model.cls(v.type[1]).descendants())
        return Expr('isinstance(%s, %s)' % (v.name, c.name), BOOL)

    def bool_truth(self, d):
        t = self.rng.choice([INT, STR, self.pick_list_type() or STR])
        e = self.expr(t, d) if t[0] != 'list' else self.list_source(t, d)
        return Expr('bool(' + e.text + ')', BOOL)

    def bool_item(self, d):
        return self.item_of(BOOL, d)

    def bool_call(self, d):
        return self.call_expr(BOOL, d)

    def bool_cond(self, d):
        return self.cond_expr(BOOL, d)

    # ------------------------------------------------------------ floats

    def x_float(self, t, d):
        kind = pick_weighted(self.rng, [
            (6, 'arith'), (2, 'div'), (2, 'of_int'), (1, 'unary'),
            (1, 'minmax'), (1, 'parse'), (2, 'item'), (2, 'call'),
            (1, 'cond'), (1, 'mixed'),
        ])
        return getattr(self, 'float_' + kind)(d)

    def float_arith(self, d):
        a = self.fit_float(self.expr(FLOAT, d), 1e7)
        b = self.fit_float(self.expr(FLOAT, d), 1e7)
        op = self.rng.choice(['+', '-', '*'])
        if op == '*':
            return binop(a, op, b, P_MUL, FLOAT, mag=a.mag * b.mag)
        return binop(a, op, b, P_ADD, FLOAT, mag=a.mag + b.mag)

    def float_div(self, d):
        r = self.rng
        a = self.fit_float(self.expr(FLOAT, d), 1e7)
        if self.ctx.can_raise('ZeroDivisionError') and chance(r, 0.5):
            self.ctx.note_raise('ZeroDivisionError')
            i = self.expr(INT, d)
            b = Expr('float(' + self.modk(i, 3).text + ')', FLOAT)
        elif chance(r, 0.5):
            b = float_lit(r.choice([2.0, -4.0, 0.5, 3.0, 10.0, 1.5]))
        else:
            e = self.fit_float(self.expr(FLOAT, d), 1e7)
            b = Expr('abs(' + e.text + ') + 1.0', FLOAT, P_ADD)
        mag = a.mag * (1.0 if b.const is None else 1.0 / abs(b.const))
        return binop(a, '/', self.opaque(b), P_MUL, FLOAT, mag=mag)

    def float_of_int(self, d):
        e = self.fit_int(self.expr(INT, d), 40)
        return Expr('float(' + e.text + ')', FLOAT, mag=2.0 ** e.bits)

    def float_unary(self, d):
        a = self.expr(FLOAT, d)
        if chance(self.rng, 0.5):
            return Expr('-' + a.at(P_UNARY), FLOAT, P_UNARY, mag=a.mag)
        return Expr('abs(' + a.text + ')', FLOAT, mag=a.mag)

    def float_minmax(self, d):
        a = self.expr(FLOAT, d)
        b = self.expr(FLOAT, d)
        return call(self.rng.choice(['min', 'max']), [a, b], FLOAT,
                    mag=max(a.mag, b.mag))

    def float_parse(self, d):
        r = self.rng
        if self.ctx.can_raise('ValueError') and chance(r, 0.4):
            self.ctx.note_raise('ValueError')
            text = r.choice(FLOAT_TEXT_BAD + FLOAT_TEXT_OK)
        else:
            text = r.choice(FLOAT_TEXT_OK)
        return Expr('float(' + self.opaque(str_lit(text)).text + ')', FLOAT,
                    mag=1e3)

    def float_mixed(self, d):
        a = self.fit_int(self.expr(INT, d), 31)
        b = self.fit_float(self.expr(FLOAT, d), 1e7)
        op = self.rng.choice(['+', '-'])
        if chance(self.rng, 0.5):
            return binop(a, op, b, P_ADD, FLOAT, mag=2.0 ** 31 + b.mag)
        return binop(b, op, a, P_ADD, FLOAT, mag=2.0 ** 31 + b.mag)

    def float_item(self, d):
        return self.item_of(FLOAT, d)

    def float_call(self, d):
        return self.call_expr(FLOAT, d)

    def float_cond(self, d):
        return self.cond_expr(FLOAT, d)

    # -------------------------------------------------------------- strs

    def x_str(self, t, d):
        kind = pick_weighted(self.rng, [
            (3, 'of'), (4, 'concat'), (1, 'repeat'), (2, 'index'),
            (3, 'slice'), (3, 'method'), (2, 'join'), (1, 'chr'),
            (2, 'item'), (3, 'call'), (1, 'cond'), (1, 'or'),
        ])
        return getattr(self, 'str_' + kind)(d)

    def str_of(self, d):
        t = self.rng.choice([INT, INT, FLOAT, BOOL])
        e = self.expr(t, d)
        return Expr('str(' + e.text + ')', STR, maxlen=24)

    def str_concat(self, d):
        a = self.expr(STR, d)
        b = self.expr(STR, d)
        return binop(a, '+', b, P_ADD, STR, maxlen=a.maxlen + b.maxlen)

    def str_repeat(self, d):
        a = self.fit_len(self.expr(STR, d), 16)
        k = self.rng.choice([-1, 0, 1, 2, 3])
        return binop(a, '*', int_lit(k), P_MUL, STR,
                     maxlen=a.maxlen * max(k, 0))

    def str_index(self, d):
        return self.one_char(d)

    def str_slice(self, d):
        r = self.rng
        s = self.expr(STR, d)
        a = self.expr(INT, 0)
        b = self.expr(INT, 0)
        form = r.randint(0, 2)
        if form == 0:
            text = '%s[%s:%s]' % (s.at(P_ATOM), a.text, b.text)
        elif form == 1:
            text = '%s[%s:]' % (s.at(P_ATOM), a.text)
        else:
            text = '%s[:%s]' % (s.at(P_ATOM), b.text)
        return Expr(text, STR, maxlen=s.maxlen)

    def str_method(self, d):
        r = self.rng
        s = self.expr(STR, d)
        m = r.choice(['upper', 'lower', 'strip', 'strip_chars', 'replace'])
        base = s.at(P_ATOM)
        if m == 'strip_chars':
            return Expr(base + '.strip(' + self.needle(d).text + ')', STR,
                        maxlen=s.maxlen)
        if m == 'replace':
            old = self.needle(d)
            new = str_lit(r.choice(['', '_', 'XY', 'a']))
            if old.const == '':
                old = str_lit('a')
            return Expr(base + '.replace(' + old.text + ', ' + new.text + ')',
                        STR, maxlen=s.maxlen * 2)
        return Expr(base + '.' + m + '()', STR, maxlen=s.maxlen)

    def str_join(self, d):
        xs = self.list_source(list_of(STR), d)
        xs = self.fit_len(xs, 6)
        sep = str_lit(self.rng.choice(['', ',', ' ', '-', ', ']))
        return Expr(sep.text + '.join(' + xs.text + ')', STR,
                    maxlen=6 * (STR_STORE + 2))

    def str_chr(self, d):
        return self.chr_expr(d)

    def str_item(self, d):
        return self.item_of(STR, d)

    def str_call(self, d):
        return self.call_expr(STR, d)

    def str_cond(self, d):
        return self.cond_expr(STR, d)

    def str_or(self, d):
        a = self.expr(STR, d)
        b = self.expr(STR, d)
        return binop(a, 'or', b, P_OR, STR, maxlen=max(a.maxlen, b.maxlen))

    # ------------------------------------------------------------- lists

    def x_list(self, t, d):
        it = t[1]
        kinds = [(3, 'display'), (2, 'comp'), (1, 'repeat'), (2, 'copy'),
                 (2, 'slice'), (1, 'concat'), (2, 'call'), (1, 'item'),
                 (1, 'cond')]
        if it == STR:
            kinds.append((2, 'split'))
        if any(dt[1] == it or dt[2] == it for dt in self.dict_types):
            kinds.append((1, 'dictview'))
        return getattr(self, 'list_' + pick_weighted(self.rng, kinds))(t, d)

    def list_display(self, t, d):
        n = self.rng.choice([0, 1, 2, 3, 4] if FEATURES['empty_literals']
                            else [1, 2, 3, 4])
        items = [self.expr(t[1], d) for _ in range(n)]
        return Expr('[' + ', '.join(i.text for i in items) + ']', t, maxlen=n,
                    const=FRESH)

    def list_comp(self, t, d):
        r = self.rng
        ctx = self.ctx
        if chance(r, 0.5):
            src_t = INT
            n = r.randint(0, 8)
            src = Expr('range(%d)' % n, None, maxlen=n)
        else:
            src_t = r.choice([INT, STR] + [lt[1] for lt in self.list_types
                                           if lt[1][0] != 'opt'])
            src = self.list_source(list_of(src_t), d)
        if not ctx.afford(src.maxlen * 2):
            return None
        name = self.model.fresh('c')
        ctx.push()
        v = ctx.add(self.new_var(name, src_t, readonly=True))
        if src.type is None:
            v.bits = 4
        saved = ctx.mult
        ctx.mult *= max(1, src.maxlen)
        try:
            body = self.expr(t[1], d)
            cond = ''
            if chance(r, 0.4):
                c = self.expr(BOOL, d)
                if FEATURES['const_filter'] or self.mentions_local(c.text):
                    cond = ' if ' + c.at(P_OR)
        finally:
            ctx.mult = saved
            ctx.pop()
        ctx.spend(src.maxlen)
        return Expr('[%s for %s in %s%s]' % (body.at(P_OR), name,
                                             src.at(P_OR), cond), t,
                    maxlen=src.maxlen,
                    const=FRESH)

    def mentions_local(self, text):
        """Does the expression text read a local variable (so that it
        cannot be folded to a constant)?"""
        names = set(re.findall(r'\b[A-Za-z_]\w*\b', text))
        return any(v.name in names for v in self.ctx.visible())

    def list_repeat(self, t, d):
        item = self.expr(t[1], d)
        k = self.rng.choice([0, 1, 2, 3, 5, 8])
        return Expr('[' + item.text + '] * ' + str(k), t, P_MUL, maxlen=k,
                    const=FRESH)

    def list_copy(self, t, d):
        xs = self.list_source(t, d)
        return Expr('list(' + xs.text + ')', t, maxlen=xs.maxlen,
                    const=FRESH)

    def list_slice(self, t, d):
        xs = self.list_source(t, d)
        a = self.expr(INT, 0)
        b = self.expr(INT, 0)
        form = self.rng.randint(0, 2)
        if form == 0:
            text = '%s[%s:%s]' % (xs.at(P_ATOM), a.text, b.text)
        elif form == 1:
            text = '%s[%s:]' % (xs.at(P_ATOM), a.text)
        else:
            text = '%s[:%s]' % (xs.at(P_ATOM), b.text)
        return Expr(text, t, maxlen=xs.maxlen, const=FRESH)

    def list_concat(self, t, d):
        if not FEATURES['subtype_concat'] and t[1][0] in ('inst', 'opt'):
            return None
        a = self.fit_len(self.expr(t, d), 24)
        b = self.fit_len(self.expr(t, d), 24)
        return binop(a, '+', b, P_ADD, t, maxlen=a.maxlen + b.maxlen,
                     const=FRESH)

    def list_split(self, t, d):
        s = self.expr(STR, d)
        if chance(self.rng, 0.3):
            return Expr(s.at(P_ATOM) + '.split()', t, maxlen=s.maxlen,
                        const=FRESH)
        sep = str_lit(self.rng.choice([',', ' ', '-', 'a', ', ']))
        return Expr(s.at(P_ATOM) + '.split(' + sep.text + ')', t,
                    maxlen=s.maxlen + 1, const=FRESH)

    def list_dictview(self, t, d):
        cands = [dt for dt in self.dict_types if dt[1] == t[1] or
                 dt[2] == t[1]]
        dt = self.rng.choice(cands)
        dd = self.expr(dt, d)
        view = 'keys' if dt[1] == t[1] else 'values'
        if dt[1] == t[1] and dt[2] == t[1]:
            view = self.rng.choice(['keys', 'values'])
        return Expr('list(' + dd.at(P_ATOM) + '.' + view + '())', t,
                    maxlen=32, const=FRESH)

    def list_call(self, t, d):
        return self.call_expr(t, d)

    def list_item(self, t, d):
        return self.item_of(t, d)

    def list_cond(self, t, d):
        return self.cond_expr(t, d)

    def list_source(self, t, d):
        """A list of type t to read from (iterate, index, len): big local
        lists allowed."""
        if chance(self.rng, 0.6):
            e = self.leaf(t, allow_big=True)
            if e is not None:
                return e
        return self.expr(t, d)

    # ------------------------------------------------- dicts, tuples, refs

    def x_dict(self, t, d):
        r = self.rng
        form = r.randint(0, 3)
        if form == 0:
            return self.literal(t)
        if form == 1:
            n = r.randint(0 if FEATURES['empty_literals'] else 1, 3)
            keys = self.key_literals(t[1], n)
            items = ['%s: %s' % (k.text, self.expr(t[2], d).text)
                     for k in keys]
            return Expr('{' + ', '.join(items) + '}', t)
        if form == 2:
            return self.call_expr(t, d)
        return self.item_of(t, d)

    def x_tuple(self, t, d):
        if chance(self.rng, 0.6):
            items = [self.expr(x, d) for x in t[1:]]
            if len(items) == 1:
                return Expr('(' + items[0].text + ',)', t)
            return Expr('(' + ', '.join(i.text for i in items) + ')', t)
        if chance(self.rng, 0.5):
            return self.call_expr(t, d)
        return self.item_of(t, d)

    def x_inst(self, t, d):
        if chance(self.rng, 0.5):
            return self.construct(t, d)
        if chance(self.rng, 0.5):
            return self.call_expr(t, d)
        return self.item_of(t, d)

    def x_opt(self, t, d):
        r = self.rng
        form = r.randint(0, 3)
        if form == 0:
            return Expr('None', NONE)
        if t[1][0] == 'inst' and t[1][1] in self.no_construct:
            return self.leaf(t) or Expr('None', NONE)
        if form == 1:
            return self.expr(t[1], d)
        if form == 2:
            a = self.expr(t[1], d)
            c = self.expr(BOOL, d)
            return Expr('%s if %s else None' % (a.at(P_OR), c.at(P_OR)), t,
                        P_COND)
        return self.call_expr(t, d)

    def x_none(self, t, d):
        return Expr('None', NONE)

    def construct(self, t, d):
        """`C(args)` for the class of t or one of its subclasses."""
        c = self.rng.choice(self.model.cls(t[1]).descendants())
        init = c.init_func()
        args = []
        if init is not None:
            if not self.ctx.afford(init.cost) and d > 0:
                d = 0
            args = self.call_args(init, d)
            self.ctx.spend(init.cost)
        return Expr(c.name + '(' + ', '.join(args) + ')', t)

    # ------------------------------------------------ shared expr shapes

    def cond_expr(self, t, d):
        a = self.expr(t, d)
        b = self.expr(t, d)
        c = self.expr(BOOL, d)
        return Expr('%s if %s else %s' % (a.at(P_OR), c.at(P_OR),
                                          b.at(P_COND)), t, P_COND,
                    bits=max(a.bits, b.bits), mag=max(a.mag, b.mag),
                    maxlen=max(a.maxlen, b.maxlen))

    def item_of(self, t, d):
        """An item of a list, dict or tuple holding values of type t."""
        r = self.rng
        srcs = []
        for lt in self.list_types:
            if self.fits(lt[1], t):
                srcs.append(('list', lt))
        for dt in self.dict_types:
            if self.fits(dt[2], t):
                srcs.append(('dict', dt))
        for tt in self.tuple_types:
            for i, x in enumerate(tt[1:]):
                if self.fits(x, t):
                    srcs.append(('tuple', (tt, i)))
        if not srcs:
            return None
        kind, st = r.choice(srcs)
        if kind == 'tuple':
            tt, i = st
            tup = self.expr(tt, d)
            e = Expr(tup.at(P_ATOM) + '[' + str(i) + ']', tt[i + 1])
        elif kind == 'list':
            e = self.list_item_expr(st, d)
        else:
            e = self.dict_item_expr(st, d)
        if e is None:
            return None
        e.type = st[1] if kind == 'list' else (st[2] if kind == 'dict'
                                                else e.type)
        if e.type == INT:
            e.bits = VAR_BITS
        return e

    def list_item_expr(self, lt, d):
        r = self.rng
        if self.ctx.can_raise('IndexError') and chance(r, 0.5):
            self.ctx.note_raise('IndexError')
            xs = self.list_source(lt, d)
            i = self.expr(INT, d) if chance(r, 0.5) else \
                int_lit(r.randint(-5, 8))
            return Expr(xs.at(P_ATOM) + '[' + self.opaque(i).text + ']',
                        lt[1])
        xs = self.simple(lt, allow_big=True)
        if xs is None:
            return None
        i = self.expr(INT, d)
        dflt = self.literal(lt[1])
        if chance(r, 0.3):
            idx = '-1'
        else:
            idx = i.at(P_MUL) + ' % len(' + xs.text + ')'
        return Expr('%s[%s] if len(%s) > 0 else %s' % (
            xs.text, idx, xs.text, dflt.at(P_COND)), lt[1], P_COND)

    def dict_item_expr(self, dt, d):
        r = self.rng
        k = self.key_expr(dt[1])
        if self.ctx.can_raise('KeyError') and chance(r, 0.4):
            self.ctx.note_raise('KeyError')
            dd = self.expr(dt, d)
            return Expr(dd.at(P_ATOM) + '[' + self.opaque(k).text + ']',
                        dt[2])
        dflt = self.expr(dt[2], 0)
        if chance(r, 0.6):
            dd = self.expr(dt, d)
            return Expr(dd.at(P_ATOM) + '.get(' + k.text + ', ' + dflt.text +
                        ')', dt[2])
        dd = self.simple(dt)
        if dd is None or k.const is None:
            return None
        return Expr('%s[%s] if %s in %s else %s' % (
            dd.text, k.text, k.at(P_BOR), dd.text, dflt.at(P_COND)), dt[2],
            P_COND)

    def call_expr(self, t, d):
        """A call of a finished function or method returning type t."""
        ctx = self.ctx
        cands = []
        for f in self.model.funcs:
            if f.done and f.ret is not None and self.fits(f.ret, t) and \
                    self.callable_here(f.raises, f.cost, f.mutates, f.pure):
                cands.append(('f', f))
        if not ctx.pure:
            for v in ctx.visible():
                if v.type[0] != 'inst':
                    continue
                for fam in self.model.cls(v.type[1]).all_families():
                    if fam.done and fam.ret is not None and \
                            self.fits(fam.ret, t) and self.callable_here(
                                fam.raises, fam.cost, fam.mutates, False):
                        cands.append(('m', (v, fam)))
            for name, fs in self.model.tables:
                f = fs[0]
                if all(g.done for g in fs) and f.ret is not None and \
                        self.fits(f.ret, t) and all(self.callable_here(
                            g.raises, g.cost, g.mutates, g.pure) for g in fs):
                    cands.append(('t', (name, fs)))
        if not cands:
            return None
        kind, what = self.rng.choice(cands)
        if kind == 'f':
            return self.emit_call(what.name, what, what.raises, what.cost,
                                  what.mutates, d)
        if kind == 't':
            name, fs = what
            i = self.expr(INT, 0)
            callee = '%s[%s]' % (name, self.modk(i, len(fs)).text)
            return self.emit_call(callee, fs[0],
                                  set().union(*[g.raises for g in fs]),
                                  max(g.cost for g in fs),
                                  any(g.mutates for g in fs), d)
        v, fam = what
        sig = fam.impls[fam.root.name]
        return self.emit_call(v.name + '.' + fam.name, sig, fam.raises,
                              fam.cost, fam.mutates, d)

    def callable_here(self, raises, cost, mutates, pure):
        ctx = self.ctx
        if ctx.pure and not pure:
            return False
        if mutates and ctx.iter_lock:
            return False
        if not ctx.afford(cost):
            return False
        return all(ctx.can_raise(e) for e in raises)

    def emit_call(self, callee, sig, raises, cost, mutates, d):
        ctx = self.ctx
        args = self.call_args(sig, d)
        for e in sorted(raises):
            ctx.note_raise(e)
        ctx.spend(cost)
        if mutates:
            ctx.fn.mutates = True
        t = sig.ret
        return Expr(callee + '(' + ', '.join(args) + ')', t, P_ATOM,
                    bits=VAR_BITS, mag=FLOAT_STORE * 10,
                    maxlen=STR_STORE if t == STR else LIST_SMALL)

    def call_args(self, sig, d, first=None):
        """Arguments for sig's params: positional, keywords in any order,
        defaults sometimes left out. The depth of a recursive function and
        the loop count of a JitDriver one are constants (or `first`)."""
        r = self.rng
        params = list(sig.params)
        if sig.rec_depth or sig.is_hot:
            params.pop(0)
            if first is None:
                first = str(sig.hot_n if sig.is_hot else
                            r.randint(0, sig.rec_depth))
            first = [first]
        else:
            first = []
        npos = len(params)
        # after the first param with a default left out, keywords only
        use_kw = chance(r, 0.35)
        cut = r.randint(0, npos) if use_kw else npos
        out = list(first)
        for p in params[:cut]:
            out.append(self.arg_expr(p, d).text)
        rest = params[cut:]
        r.shuffle(rest)
        for p in rest:
            if p.default is not None and chance(r, 0.5):
                continue
            out.append(p.name + '=' + self.arg_expr(p, d).text)
        return out

    def arg_expr(self, p, d):
        e = self.expr(p.type, d)
        return self.fit_store(e, p.type)

    def fit_store(self, e, t):
        """e made fit for storage in a variable, param, field or item of
        type t (bounded ints, floats, strs)."""
        if t == INT:
            return self.fit_int(e, STORE_BITS)
        if t == FLOAT:
            return self.fit_float(e, FLOAT_STORE)
        if t == STR:
            return self.fit_len(e, STR_STORE)
        if t[0] == 'list':
            return self.fit_len(e, LIST_SMALL)
        return e
