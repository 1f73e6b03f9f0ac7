"""General rpy programs: random, typed, terminating, deterministic.

`generate(seed)` returns the text of one program covering the dialect at
random. What it covers:
- ints at the edges: + - * // % with negative operands and divisors
  (also -1), << and >> (counts 0..100, negative counts raising
  ValueError), & | ^ ~, **, abs, min, max, int() of strs (with
  whitespace, signs, underscores, bad literals) and of floats; values are
  masked (& MASK, % M, a wrap32 helper) so that nothing leaves 64 bits;
- floats: + - * /, mixed int/float arithmetic, float() of ints and strs,
  -0.0, repr printing; magnitudes bounded (an fwrap helper);
- bools, comparisons and chains, and/or/not (also on ints and strs),
  conditional expressions;
- strs: indexing, slicing, + and *, join, split, strip, find, replace,
  upper/lower, is* predicates, startswith/endswith, in, chr/ord, str();
- lists: displays, comprehensions with filters, [x] * k, slicing, +,
  append/insert/extend/pop/del/reverse/index/in, item assignment and +=,
  lists of tuples, of lists, of instances, of None-able strs;
- dicts (int and str keys): displays, get, [], in, pop (with default),
  del, clear, keys/values/items, iteration, += on values;
- tuples: displays, indexing, unpacking, swaps, returned from functions;
- classes: single inheritance up to 3 levels, __init__ chaining through
  Base.__init__, overriding, explicit Base.method(self) calls, class
  attributes overridden in subclasses, None-able attributes (linked
  chains walked with `while cur is not None`), isinstance narrowing,
  `is not None` narrowing, instances in lists and dicts;
- functions: default and keyword arguments (in any order, defaults left
  out), recursion with a depth argument, module-level function tables,
  @elidable pure functions, @dont_look_inside and @unroll_safe;
- exceptions: raised by operations (ZeroDivisionError, IndexError,
  KeyError, ValueError) and by `raise` (builtin and user classes, with a
  message or a code), try/except (several clauses, tuples of classes,
  `as e`, str(e), e.code) and finally, bare re-raise, assert, exceptions
  crossing calls, sometimes uncaught (exit status 1);
- loops: while with a counter, while True with break, for over range
  (with steps), lists, enumerate, strs, dicts, items, values; break and
  continue, also inside try/finally;
- module-level constants (also computed from others), prebuilt lists,
  dicts and tuples read and mutated by functions;
- print with several arguments, sep= and end=, rpy.io.write;
- JitDriver loops (greens=[] or a green argument, every live variable a
  red) of 1100..3000 rounds over the statements above, with
  can_enter_jit, promote(), printing now and then.

Not covered yet: str.split with maxsplit, negative steps in slices (not
in the dialect), hash(), read_file/read_stdin, classes stored in
constants and instantiated through them, functions stored in local
variables, del on list slices, dicts keyed by instances, nested
functions (not in the dialect), printing of dicts (not in the dialect),
_immutable_fields_ (covered by the interpreter family).
"""

import random

from gen_expr import ExprGen, STORE_BITS, STR_STORE, VAR_BITS
from gen_model import (
    ProgramModel, Ctx, Var, Param, Func, Family, ClassInfo, ExcInfo,
    LoopInfo, TryFrame, BUILTIN_EXCS,
)
from gen_stmt import StmtGen, PRINT_BUDGET
from gen_util import (
    INT, BOOL, FLOAT, STR, Expr, Lines, list_of, dict_of, tuple_of, inst,
    opt, is_printable, chance, pick_weighted, int_lit, float_lit, str_lit,
    STR_POOL, FLOAT_POOL, P_ATOM, FEATURES,
)

HELPERS = {
    'opaque': ['def opaque(x):', '    return x + OPAQUE[0]'],
    'fopaque': ['def fopaque(x):', '    return x + float(OPAQUE[0])'],
    'sopaque': ['def sopaque(s):', '    return s + OPAQUE_S[0]'],
    'wrap32': ['def wrap32(x):',
               '    return ((x + 0x80000000) & 0xFFFFFFFF) - 0x80000000'],
    'fwrap': ['def fwrap(x):',
              '    return x - float(int(x / 1000.0)) * 1000.0'],
}
JIT_NAMES = ['elidable', 'dont_look_inside', 'unroll_safe', 'promote']


class GeneralGen(ExprGen, StmtGen):
    def __init__(self, seed):
        self.seed = seed
        self.rng = random.Random(seed)
        self.model = ProgramModel(self.rng)
        self.ctx = None
        self.out = None
        self.stmt_budget = 170
        self.print_budget = PRINT_BUDGET
        self.hot_counter = None
        self.no_construct = set()
        self.sections = {k: Lines() for k in (
            'consts', 'excs', 'classes', 'funcs', 'tables', 'main')}
        self.choose_types()

    # ------------------------------------------------------------ types

    def choose_types(self):
        r = self.rng
        self.tuple_types = r.sample([
            tuple_of(INT, STR), tuple_of(INT, INT),
            tuple_of(STR, FLOAT, BOOL), tuple_of(INT,),
            tuple_of(list_of(INT), STR)], r.randint(1, 2))
        self.list_types = [list_of(INT)] + r.sample([
            list_of(STR), list_of(STR), list_of(FLOAT), list_of(BOOL),
            list_of(list_of(INT)), list_of(opt(STR))], r.randint(1, 3))
        if chance(r, 0.4):
            self.list_types.append(list_of(self.tuple_types[0]))
        self.dict_types = r.sample([
            dict_of(STR, INT), dict_of(INT, STR), dict_of(STR, list_of(INT)),
            dict_of(INT, INT), dict_of(STR, STR), dict_of(INT, FLOAT)],
            r.randint(1, 2))
        self.class_types = []

    def pick_list_type(self):
        return self.rng.choice(self.list_types)

    def pick_dict_type(self):
        return self.rng.choice(self.dict_types)

    def pick_var_type(self):
        r = self.rng
        pairs = [(6, INT), (3, STR), (2, BOOL), (2, FLOAT),
                 (3, self.pick_list_type()), (1, self.pick_dict_type()),
                 (1, r.choice(self.tuple_types)), (0.5, opt(STR))]
        if self.class_types:
            c = r.choice(self.class_types)
            pairs += [(2, c), (1, opt(c))]
        return pick_weighted(r, pairs)

    def pick_printable_type(self):
        r = self.rng
        lists = [t for t in self.list_types if is_printable(t)]
        tuples = [t for t in self.tuple_types if is_printable(t)]
        pairs = [(4, INT), (3, STR), (2, BOOL), (2, FLOAT), (0.5, opt(STR))]
        if lists:
            pairs.append((2, r.choice(lists)))
        if tuples:
            pairs.append((1, r.choice(tuples)))
        return pick_weighted(r, pairs)

    def pick_param_type(self):
        return self.pick_var_type()

    # ------------------------------------------------------- generation

    def generate(self):
        r = self.rng
        self.gen_consts()
        self.gen_excs()
        for _ in range(r.randint(3, 7)):
            kind = pick_weighted(r, [
                (4, 'func'), (2 if len(self.model.classes) < 6 else 0,
                              'classes'),
                (1, 'pure'), (0.6 if FEATURES['func_tables'] else 0,
                              'table')])
            getattr(self, 'unit_' + kind)()
        hot = []
        for _ in range(pick_weighted(r, [(3, 0), (5, 1), (2, 2)])):
            hot.append(self.gen_hot())
        self.gen_entry(hot)
        return self.assemble()

    def unit_func(self):
        self.model.funcs.append(self.gen_func())

    def unit_pure(self):
        self.model.funcs.append(self.gen_pure())

    def unit_classes(self):
        self.gen_hierarchy()

    def unit_table(self):
        fs = self.gen_table_funcs()
        name = self.model.fresh('TBL')
        self.model.tables.append((name, fs))
        self.sections['tables'].add('%s = [%s]' % (
            name, ', '.join(f.name for f in fs)))

    # ------------------------------------------------------ module level

    def gen_consts(self):
        r = self.rng
        out = self.sections['consts']
        ints = []
        for _ in range(r.randint(1, 4)):
            name = self.model.fresh('K')
            if ints and chance(r, 0.5):
                a_name, a_val = r.choice(ints)
                k = r.randint(-9, 9)
                c = r.randint(-100, 100)
                val = a_val * k + c
                text = '%s * %d + %d' % (a_name, k, c) if c >= 0 else \
                    '%s * %d - %d' % (a_name, k, -c)
            else:
                val = self.int_value()
                text = str(val)
            ints.append((name, val))
            out.add('%s = %s' % (name, text))
            self.add_const(Var(name, INT, readonly=True,
                               bits=max(1, abs(val).bit_length())),
                           int_lit(val))
        for _ in range(r.randint(0, 2)):
            name = self.model.fresh('S')
            s = r.choice(STR_POOL)
            out.add('%s = %s' % (name, str_lit(s).text))
            self.add_const(Var(name, STR, readonly=True, maxlen=len(s)),
                           str_lit(s))
        if chance(r, 0.5):
            name = self.model.fresh('F')
            v = r.choice(FLOAT_POOL)
            out.add('%s = %s' % (name, float_lit(v).text))
            self.add_const(Var(name, FLOAT, readonly=True), float_lit(v))
        for _ in range(r.randint(1, 3)):
            self.gen_table_const(out)

    def add_const(self, var, e):
        self.model.consts.append((var, e))

    def gen_table_const(self, out):
        r = self.rng
        kind = r.choice(['list', 'list', 'dict', 'tuple'])
        saved = self.ctx
        self.ctx = Ctx(self.model, Func('<module>', [], None))
        try:
            if kind == 'list':
                t = self.pick_list_type()
                n = r.randint(1, 8)
                if chance(r, 0.2) and t[1] in (INT, BOOL, STR):
                    item = self.literal(t[1])
                    text = '[%s] * %d' % (item.text, n)
                else:
                    text = '[' + ', '.join(self.literal(t[1]).text
                                           for _ in range(n)) + ']'
                name = self.model.fresh('T')
                var = Var(name, t, readonly=True, maxlen=n)
            elif kind == 'dict':
                t = self.pick_dict_type()
                keys = self.key_literals(t[1], r.randint(1, 4))
                text = '{' + ', '.join('%s: %s' % (
                    k.text, self.literal(t[2]).text) for k in keys) + '}'
                name = self.model.fresh('D')
                var = Var(name, t, readonly=True)
            else:
                t = r.choice(self.tuple_types)
                if any(x[0] == 'list' for x in t[1:]):
                    return
                text = self.literal(t).text
                name = self.model.fresh('P')
                var = Var(name, t, readonly=True)
        finally:
            self.ctx = saved
        var.frozen = chance(r, 0.4)
        note = '   # never mutated' if var.frozen else ''
        out.add('%s = %s%s' % (name, text, note))
        self.add_const(var, Expr(text, t))

    def gen_excs(self):
        r = self.rng
        out = self.sections['excs']
        for _ in range(pick_weighted(r, [(2, 0), (3, 1), (3, 2), (2, 3)])):
            name = self.model.fresh('Err')
            base = r.choice(self.model.excs) if self.model.excs and \
                chance(r, 0.4) else None
            style = base.style if base else r.choice(['msg', 'msg', 'code'])
            exc = ExcInfo(name, base, style)
            self.model.excs.append(exc)
            with out.block('class %s(%s):' % (name, base.name if base
                                              else 'Exception')):
                if style == 'code' and base is None:
                    with out.block('def __init__(self, code):'):
                        out.add('self.code = code')
            out.blank()

    # -------------------------------------------------------- functions

    def make_params(self, n, allow_defaults=True):
        r = self.rng
        params = [Param(self.model.fresh('a'), self.pick_param_type())
                  for _ in range(n)]
        if allow_defaults:
            for p in reversed(params):
                d = self.default_for(p.type)
                if d is None or not chance(r, 0.4):
                    break
                p.default = d
        for p in params:
            if p.type == INT:
                p.bits = VAR_BITS
        return params

    def default_for(self, t):
        r = self.rng
        if t[0] == 'opt':
            return Expr('None', t)
        if t in (INT, STR, FLOAT, BOOL):
            consts = [v for v, _ in self.model.consts if v.type == t]
            if consts and chance(r, 0.3):
                return Expr(r.choice(consts).name, t)
            return self.literal(t)
        if t[0] == 'tuple' and all(x in (INT, STR, FLOAT, BOOL)
                                   for x in t[1:]):
            saved = self.ctx
            self.ctx = Ctx(self.model, Func('<module>', [], None))
            try:
                return self.literal(t)
            finally:
                self.ctx = saved
        return None

    def pick_ret(self):
        if chance(self.rng, 0.15):
            return None
        return self.pick_var_type()

    def pick_propagate(self):
        r = self.rng
        if not chance(r, 0.35):
            return set()
        names = BUILTIN_EXCS + [e.name for e in self.model.excs]
        return set(r.sample(names, r.randint(1, 2)))

    def signature(self, params):
        parts = []
        for p in params:
            parts.append(p.name if p.default is None else
                         '%s=%s' % (p.name, p.default.text))
        return ', '.join(parts)

    def begin_body(self, fn, self_type=None):
        """A fresh Ctx and Lines for fn's body, params in scope."""
        self.ctx = Ctx(self.model, fn)
        self.out = Lines()
        self.out.depth = 1
        if self_type is not None:
            self.ctx.add(Var('self', self_type, readonly=True))
        for p in fn.params:
            self.ctx.add(p)

    def final_return(self, fn):
        if fn.ret is not None:
            e = self.fit_store(self.expr(fn.ret, 2), fn.ret)
            self.out.add('return ' + e.text)

    def decorate(self, fn, lines):
        r = self.rng
        if fn.is_hot or fn.name == 'entry_point':
            return
        if fn.pure:
            fn.decorator = 'elidable'
        elif chance(r, 0.08):
            fn.decorator = 'dont_look_inside'
        elif chance(r, 0.08):
            fn.decorator = 'unroll_safe'
        if fn.decorator:
            self.model.imports.add(fn.decorator)
            lines.add('@' + fn.decorator)

    def gen_func(self, params=None, ret=False):
        r = self.rng
        name = self.model.fresh('f')
        if params is None:
            params = self.make_params(r.randint(0, 4))
        if ret is False:
            ret = self.pick_ret()
        fn = Func(name, params, ret)
        fn.propagate = self.pick_propagate()
        if chance(r, 0.2) and not fn.params or chance(r, 0.15):
            return self.gen_recursive(fn)
        self.begin_body(fn)
        self.stmts(r.randint(2, 7))
        self.final_return(fn)
        self.finish_func(fn, self.signature(fn.params))
        return fn

    def finish_func(self, fn, sig, section='funcs'):
        if not self.out.lines:
            self.out.add('pass')
        lines = self.sections[section]
        self.decorate(fn, lines)
        lines.add('def %s(%s):' % (fn.name, sig))
        lines.extend(self.out)
        lines.blank()
        fn.done = True
        self.ctx = None

    def gen_recursive(self, fn):
        """def f(depth, ...): if depth <= 0: return base; ...; f(depth-1)"""
        r = self.rng
        calls = r.choice([1, 1, 2])
        depth = r.randint(1, 6 if calls == 2 else 25)
        factor = (2 ** (depth + 1)) if calls == 2 else depth + 1
        dp = Param(self.model.fresh('depth'), INT)
        dp.bits = 6
        dp.readonly = True
        fn.params.insert(0, dp)
        fn.rec_depth = depth
        fn.max_cost = max(20, fn.max_cost // factor)
        fn.max_mult = max(1, fn.max_mult // factor)
        self.begin_body(fn)
        with self.out.block('if %s <= 0:' % dp.name):
            if fn.ret is None:
                self.out.add('return')
            else:
                self.final_return(fn)
        self.stmts(r.randint(1, 3))
        for _ in range(calls):
            self.self_call(fn, dp)
        self.stmts(r.randint(0, 2))
        self.final_return(fn)
        fn.cost *= factor
        fn.max_cost *= factor
        self.finish_func(fn, self.signature(fn.params))
        return fn

    def self_call(self, fn, dp):
        ctx = self.ctx
        step = self.rng.choice([1, 1, 2])
        args = self.call_args(fn, 1, first='%s - %d' % (dp.name, step))
        for e in sorted(fn.propagate):
            ctx.note_raise(e)
        text = '%s(%s)' % (fn.name, ', '.join(args))
        if fn.ret is None:
            self.out.add(text)
            return
        name = self.model.fresh(self.var_prefix(fn.ret))
        self.out.add('%s = %s' % (name, text))
        v = self.new_var(name, fn.ret)
        if fn.ret == INT:
            v.bits = VAR_BITS
        ctx.add(v)

    def gen_pure(self):
        """An @elidable function: ints and strs in, one value out, no
        effects and no exceptions."""
        r = self.rng
        params = [Param(self.model.fresh('a'), r.choice([INT, INT, STR]))
                  for _ in range(r.randint(1, 3))]
        fn = Func(self.model.fresh('pure'), params, r.choice([INT, STR]))
        fn.pure = True
        self.begin_body(fn)
        for _ in range(r.randint(1, 3)):
            if chance(r, 0.3):
                self.s_if()
            else:
                self.s_assign_new()
        self.final_return(fn)
        self.finish_func(fn, self.signature(fn.params))
        return fn

    def gen_table_funcs(self):
        r = self.rng
        n = r.randint(2, 3)
        ptypes = [self.pick_param_type() for _ in range(r.randint(1, 3))]
        pnames = [self.model.fresh('a') for _ in ptypes]
        ret = self.pick_var_type()
        fs = []
        for _ in range(n):
            params = [Param(nm, t) for nm, t in zip(pnames, ptypes)]
            for p in params:
                if p.type == INT:
                    p.bits = VAR_BITS
            fn = Func(self.model.fresh('g'), params, ret)
            fn.propagate = set()
            self.begin_body(fn)
            self.stmts(r.randint(1, 4))
            self.final_return(fn)
            self.finish_func(fn, self.signature(fn.params))
            fs.append(fn)
        return fs

    # ------------------------------------------------------------ classes

    def gen_hierarchy(self):
        r = self.rng
        root = ClassInfo(self.model.fresh('C'), None)
        classes = [root]
        for _ in range(pick_weighted(r, [(2, 0), (3, 1), (3, 2), (1, 3)])):
            base = r.choice([c for c in classes
                             if len(list(c.ancestors())) < 3])
            sub = ClassInfo(self.model.fresh('C'), base)
            base.subs.append(sub)
            classes.append(sub)
        earlier = list(self.class_types)
        for c in classes:
            self.model.classes.append(c)
        for c in classes:
            self.gen_class_fields(c, root, earlier)
        self.class_lines = {c.name: Lines() for c in classes}
        # an __init__ constructing its own class would never end
        self.no_construct = set(c.name for c in classes)
        for c in classes:
            self.gen_init(c)
        self.no_construct = set()
        for c in classes:
            self.class_types.append(inst(c.name))
        rt = inst(root.name)
        if chance(r, 0.6):
            self.list_types.append(list_of(rt))
        if chance(r, 0.3):
            self.dict_types.append(dict_of(r.choice([INT, STR]), rt))
        for c in classes:
            for _ in range(r.randint(1, 3) if c is root else
                           r.randint(0, 1)):
                self.gen_family(c)
        out = self.sections['classes']
        for c in classes:
            base = c.base.name if c.base else 'object'
            with out.block('class %s(%s):' % (c.name, base)):
                for name, t, e in c.consts:
                    out.add('%s = %s' % (name, e.text))
                out.extend(self.class_lines[c.name])
            out.blank()

    def gen_class_fields(self, c, root, earlier):
        r = self.rng
        n = r.randint(1, 3) if c.base is None else r.randint(0, 2)
        for _ in range(n):
            choices = [(4, INT), (2, STR), (1, FLOAT), (1, BOOL),
                       (2, self.pick_list_type()), (1, self.pick_dict_type()),
                       (2, opt(inst(root.name))), (1, opt(STR))]
            if earlier:
                choices.append((1, r.choice(earlier)))
            t = pick_weighted(r, choices)
            if t[0] == 'list' and t[1] == inst(root.name):
                t = list_of(INT)
            c.fields.append((self.model.fresh('f'), t))
        if FEATURES['class_attr_none'] and chance(r, 0.15):
            # a None-able attribute with a class-level None default
            name = self.model.fresh('link')
            c.consts.append((name, opt(inst(root.name)), Expr('None', None)))
        for _ in range(r.randint(0, 2)):
            inherited = [x for x in c.base.all_consts()] if c.base else []
            if inherited and chance(r, 0.5):
                name, t, _ = r.choice(inherited)
                if t[0] == 'opt':
                    continue
            else:
                name, t = self.model.fresh('A'), r.choice([INT, STR, BOOL,
                                                           FLOAT])
            c.consts = [x for x in c.consts if x[0] != name]
            c.consts.append((name, t, self.literal(t)))

    def gen_init(self, c):
        r = self.rng
        base_init = c.base.init_func() if c.base else None
        if c.base is not None and not c.fields and chance(r, 0.5):
            return      # inherits the base's __init__
        params = self.make_params(r.randint(0, 3))
        fn = Func('__init__', params, None, owner=c)
        fn.propagate = set()
        fn.max_cost = 200
        c.init = fn
        self.begin_body(fn)
        if base_init is not None:
            args = self.call_args(base_init, 1)
            self.out.add('%s.__init__(%s)' % (
                c.base.name, ', '.join(['self'] + args)))
            fn.cost += base_init.cost
        for name, t in c.fields:
            same = [p for p in params if self.fits(p.type, t)]
            if same and chance(r, 0.6):
                e = Expr(r.choice(same).name, t)
            else:
                e = self.fit_store(self.expr(t, 1), t)
            self.out.add('self.%s = %s' % (name, e.text))
        if not self.out.lines:
            self.out.add('pass')
        lines = self.class_lines[c.name]
        lines.add('def __init__(%s):' % ', '.join(
            ['self'] + [self.signature(params)] if params else ['self']))
        lines.extend(self.out)
        fn.done = True
        self.ctx = None

    def gen_family(self, c):
        r = self.rng
        params = self.make_params(r.randint(0, 3))
        ret = self.pick_ret()
        fam = Family(self.model.fresh('m'), c, params, ret)
        c.families.append(fam)
        propagate = self.pick_propagate()
        impl_classes = [c] + [d for d in c.descendants()[1:]
                              if chance(r, 0.5)]
        for d in impl_classes:
            if d is not c and FEATURES['override_defaults'] and \
                    chance(r, 0.3):
                ps = [Param(p.name, p.type, p.default and
                            self.default_for(p.type)) for p in params]
            else:
                ps = [Param(p.name, p.type, p.default) for p in params]
            for p in ps:
                if p.type == INT:
                    p.bits = VAR_BITS
            fn = Func(fam.name, ps, ret, owner=d)
            fn.propagate = set(propagate)
            fam.impls[d.name] = fn
            self.gen_method(fam, d, fn)

    def nearest_impl(self, fam, d):
        for a in list(d.ancestors())[1:]:
            if a.name in fam.impls:
                return a, fam.impls[a.name]
        return None, None

    def gen_method(self, fam, d, fn):
        r = self.rng
        self.begin_body(fn, self_type=inst(d.name))
        base, base_fn = self.nearest_impl(fam, d)
        if base_fn is not None and chance(r, 0.5):
            args = self.call_args(base_fn, 1)
            for e in sorted(base_fn.raises):
                self.ctx.note_raise(e)
            self.ctx.spend(base_fn.cost)
            text = '%s.%s(%s)' % (base.name, fam.name,
                                  ', '.join(['self'] + args))
            if fn.ret is not None:
                name = self.model.fresh(self.var_prefix(fn.ret))
                self.out.add('%s = %s' % (name, text))
                v = self.new_var(name, fn.ret)
                if fn.ret == INT:
                    v.bits = VAR_BITS
                self.ctx.add(v)
            else:
                self.out.add(text)
        self.stmts(r.randint(1, 5))
        self.final_return(fn)
        if not self.out.lines:
            self.out.add('pass')
        lines = self.class_lines[d.name]
        self.decorate(fn, lines)
        lines.add('def %s(%s):' % (fam.name, ', '.join(
            ['self'] + ([self.signature(fn.params)] if fn.params else []))))
        lines.extend(self.out)
        fn.done = True
        self.ctx = None

    # ---------------------------------------------------------- JIT loops

    def gen_hot(self):
        """A function whose loop is a JitDriver portal."""
        r = self.rng
        n = r.randint(1100, 3000)
        np = Param('n', INT)
        np.readonly = True
        np.bits = 12
        params = [np] + self.make_params(r.randint(0, 3),
                                         allow_defaults=False)
        green = None
        if chance(r, 0.3):
            green = Param(self.model.fresh('g'), r.choice([INT, STR]))
            green.readonly = True
            params.append(green)
        fn = Func(self.model.fresh('hot'), params, self.pick_ret())
        fn.is_hot = True
        fn.hot_n = n
        fn.max_cost = n * 80
        fn.max_mult = n * 4
        fn.propagate = self.pick_propagate() if chance(r, 0.5) else set()
        drv = self.model.fresh('drv')
        self.begin_body(fn)
        ctx = self.ctx
        i = self.model.fresh('i')
        self.out.add('%s = 0' % i)
        ctx.add(Var(i, INT, readonly=True, bits=12))
        for _ in range(r.randint(1, 3)):
            self.s_assign_new()
        greens = [green.name] if green else []
        reds = [v.name for v in ctx.visible() if v is not green]
        kw = ', '.join('%s=%s' % (x, x) for x in greens + reds)
        self.model.drivers.append((drv, greens, reds))
        self.hot_counter = i
        ctx.loop = None
        saved = ctx.mult
        ctx.mult = n
        ctx.hot = True
        ctx.push()
        with self.out.block('while %s < n:' % i):
            self.out.add('%s.jit_merge_point(%s)' % (drv, kw))
            self.out.add('%s += 1' % i)
            ctx.loop = LoopInfo(n)
            ctx.depth = 1
            self.stmts(r.randint(3, 8))
            self.out.add('%s.can_enter_jit(%s)' % (drv, kw))
        ctx.pop()
        ctx.loop = None
        ctx.hot = False
        ctx.depth = 0
        ctx.mult = saved
        self.stmts(r.randint(0, 2))
        self.final_return(fn)
        self.finish_func(fn, self.signature(fn.params))
        self.model.funcs.append(fn)
        return fn

    # ---------------------------------------------------------- entry point

    def gen_entry(self, hot):
        r = self.rng
        fn = Func('entry_point', [Param('argv', list_of(STR))], None)
        fn.max_cost = 1500000
        fn.max_mult = 3000
        self.uncaught = chance(r, 0.07)
        if self.uncaught:
            fn.propagate = set(BUILTIN_EXCS + [e.name for e in
                                                self.model.excs])
        self.stmt_budget = max(self.stmt_budget, 0) + 50
        self.begin_body(fn)
        self.ctx.hide('argv')
        self.opaque_init = len(self.out.lines)
        self.out.add('n0 = len(argv)')
        self.ctx.add(Var('n0', INT, readonly=True, bits=4))
        targets = [f for f in self.model.funcs if not f.is_hot]
        for c in self.model.classes:
            targets.extend(('m', c, fam) for fam in c.families)
        r.shuffle(targets)
        for t in targets:
            self.exercise(t)
            if chance(r, 0.5):
                self.stmts(r.randint(1, 2))
        for f in hot:
            for _ in range(r.choice([1, 1, 2])):
                self.exercise(f)
        self.stmts(r.randint(1, 4))
        self.out.add('return %d' % r.choice([0, 0, 0, 0, 0, 1, 3]))
        if self.model.imports & {'opaque', 'fopaque', 'sopaque'}:
            # run-time zeros the translator cannot fold away
            self.out.lines[self.opaque_init:self.opaque_init] = [
                '    OPAQUE[0] = len(argv) - 1',
                "    OPAQUE_S[0] = argv[0][:0]"]
        self.finish_func(fn, 'argv', section='main')

    def exercise(self, target):
        """A call of every function and method, its result printed, inside
        a try catching what it may raise."""
        ctx = self.ctx
        if isinstance(target, tuple):
            _, c, fam = target
            obj = self.model.fresh('o')
            self.out.add('%s = %s' % (obj, self.construct(inst(c.name),
                                                          1).text))
            ctx.add(Var(obj, inst(c.name), readonly=True))
            callee = obj + '.' + fam.name
            sig = fam.impls[c.name]
            raises, cost = fam.raises, fam.cost
        else:
            callee, sig, raises, cost = target.name, target, target.raises, \
                target.cost
        if not ctx.afford(cost):
            return
        clauses = [[x] for x in sorted(raises) if not ctx.can_raise(x)]
        frame = TryFrame(clauses)
        ctx.tries.append(frame)
        ctx.covered += 1
        if clauses:
            self.out.add('try:')
            self.out.depth += 1
        args = self.call_args(sig, 1)
        for e in sorted(raises):
            ctx.note_raise(e)
        ctx.spend(cost)
        text = '%s(%s)' % (callee, ', '.join(args))
        if sig.ret is not None and is_printable(sig.ret):
            self.out.add('print(%s, %s)' % (str_lit(callee).text, text))
        elif sig.ret is not None:
            name = self.model.fresh(self.var_prefix(sig.ret))
            self.out.add('%s = %s' % (name, text))
            self.out.add('print(%s, %s is None)' % (str_lit(callee).text,
                                                    name))
        else:
            self.out.add(text)
        ctx.tries.pop()
        ctx.covered -= 1
        if clauses:
            self.out.depth -= 1
            for clause, arrived in zip(clauses, frame.arrived):
                self.handler(clause, arrived)

    # ------------------------------------------------------------ assembly

    def assemble(self):
        out = Lines()
        out.add('# difftest: general program, seed %d' % self.seed)
        out.add('# generated by tests/difftest/gen_general.py')
        if self.uncaught:
            out.add('# (an uncaught exception may end it: exit status 1)')
        jit = sorted(n for n in self.model.imports if n in JIT_NAMES)
        if self.model.drivers:
            jit = ['JitDriver'] + jit
        if jit:
            out.add('from rpy.jit import ' + ', '.join(jit))
        if 'write' in self.model.imports:
            out.add('from rpy.io import write')
        out.blank()
        out.lines.extend(self.sections['consts'].lines)
        if self.model.imports & {'opaque', 'fopaque', 'sopaque'}:
            out.add('OPAQUE = [0]      # set to 0 at run time: not a constant')
            out.add("OPAQUE_S = ['x']  # set to '' at run time")
        for name, greens, reds in self.model.drivers:
            out.add('%s = JitDriver(greens=%r, reds=%r)' % (name, greens,
                                                            reds))
        out.blank()
        for h in sorted(HELPERS):
            if h in self.model.imports:
                out.lines.extend(HELPERS[h])
                out.blank()
        out.blank()
        for sec in ('excs', 'classes', 'funcs', 'tables', 'main'):
            if self.sections[sec].lines:
                out.lines.extend(self.sections[sec].lines)
                out.blank()
        out.lines.extend([
            '', 'def target(*args):', '    return entry_point, None', '',
            '', "if __name__ == '__main__':", '    import sys',
            '    sys.exit(entry_point(sys.argv))'])
        return out.text()


def generate(seed):
    return GeneralGen(seed).generate()


if __name__ == '__main__':
    import sys
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
