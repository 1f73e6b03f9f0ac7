"""Statement generation for general programs.

`StmtGen.stmts(n)` emits up to n statements at the current position
(`self.out`, a `Lines`, and `self.ctx`). Each statement kind is a method
`s_KIND` that returns False when it does not apply here; `stmt()` picks
kinds at random until one applies. See gen_model for the rules that keep
the result valid and terminating.
"""

from gen_model import Var, LoopInfo, TryFrame, BUILTIN_EXCS
from gen_util import (
    INT, BOOL, FLOAT, STR, NONE, Expr, list_of, strip_opt, is_printable,
    chance, pick_weighted, int_lit, str_lit, P_ATOM, P_OR, P_MUL, P_BOR,
    P_UNARY, STR_POOL, FEATURES,
)
from gen_expr import STORE_BITS, STR_STORE, LIST_SMALL, VAR_BITS

MAX_DEPTH = 4          # nesting of compound statements in one function
PRINT_BUDGET = 2500    # printed lines per program (estimated)


class StmtGen(object):
    """Mixin: needs self.rng, self.model, self.ctx, self.out."""

    # ------------------------------------------------------------ driver

    def stmts(self, n):
        """Up to n statements; stops after one that ends the block."""
        for _ in range(n):
            if self.stmt_budget <= 0:
                return
            if self.stmt() == 'end':
                return

    def stmt(self):
        ctx = self.ctx
        compound = ctx.depth < MAX_DEPTH and ctx.afford(4)
        kinds = [
            (8, 'assign_new'), (5, 'assign'), (4, 'aug'), (5, 'print'),
            (4 if compound else 0, 'if'), (2 if compound else 0, 'while'),
            (3 if compound else 0, 'for_range'),
            (3 if compound else 0, 'for_each'),
            (3 if ctx.loop else 0, 'break_continue'),
            (3 if compound else 0, 'try'), (2, 'raise'), (1, 'assert'),
            (4, 'list_mut'), (3, 'dict_mut'), (3, 'attr_set'), (4, 'call'),
            (2 if ctx.fn.ret is not None else 0, 'early_return'),
            (2, 'unpack'), (2 if compound else 0, 'narrow'), (1, 'write'),
            (1, 'pass'), (1 if compound else 0, 'linked'),
            (2 if ctx.hot else 0, 'hot_print'),
        ]
        for _ in range(30):
            kind = pick_weighted(self.rng, kinds)
            res = getattr(self, 's_' + kind)()
            if res:
                self.stmt_budget -= 1
                ctx.spend(1)
                return res
        self.out.add('pass')
        return True

    def body(self, header, n, scope=True):
        """A compound statement's header and its body of up to n
        statements, in a fresh scope."""
        ctx = self.ctx
        ctx.depth += 1
        if scope:
            ctx.push()
        try:
            with self.out.block(header):
                self.stmts(n)
        finally:
            if scope:
                ctx.pop()
            ctx.depth -= 1

    def nbody(self):
        return self.rng.randint(1, 4)

    # ---------------------------------------------------------- helpers

    def new_var(self, name, t, readonly=False):
        return Var(name, t, readonly=readonly,
                   maxlen=STR_STORE if t == STR else LIST_SMALL)

    def var_prefix(self, t):
        return {'int': 'n', 'bool': 'b', 'float': 'x', 'str': 's',
                'list': 'xs', 'dict': 'd', 'tuple': 't', 'inst': 'o',
                'opt': 'm'}[t[0]]

    def writable(self, pred):
        """Visible local variables that may be assigned, matching pred."""
        return [v for v in self.ctx.visible()
                if not v.readonly and pred(v)]

    def containers(self, kind):
        """Simple references to lists (kind 'list') or dicts that may be
        mutated: locals, non-frozen tables (not in an @elidable function),
        fields of instance locals."""
        out = []
        ctx = self.ctx
        for v in ctx.visible():
            if v.type[0] == kind:
                out.append((Expr(v.name, v.type), v))
            if v.type[0] == 'inst':
                c = self.model.cls(v.type[1])
                for name, ft in c.all_fields():
                    if ft[0] == kind:
                        out.append((Expr(v.name + '.' + name, ft), None))
        if ctx.pure:
            # an @elidable function has no effects: the JIT may skip it
            return out
        for v, _ in self.model.consts:
            if v.type[0] == kind and not v.frozen:
                out.append((Expr(v.name, v.type), None))
        return out

    def guard_len(self, ref, limit):
        """`if len(ref) < limit:` around a growing statement."""
        return 'if len(%s) < %d:' % (ref.text, limit)

    def mark_mutation(self):
        self.ctx.fn.mutates = True

    # --------------------------------------------------- simple statements

    def s_pass(self):
        self.out.add('pass')
        return True

    def s_assign_new(self):
        t = self.pick_var_type()
        e = self.fit_store(self.expr(t, 2), t)
        name = self.model.fresh(self.var_prefix(t))
        v = self.new_var(name, t)
        if t[0] == 'list':
            v.growable = e.const == 'fresh'
            v.maxlen = max(e.maxlen, 0)
        if t == INT:
            v.bits = VAR_BITS
        self.out.add('%s = %s' % (name, e.text))
        self.ctx.add(v)
        return True

    def s_assign(self):
        cands = self.writable(lambda v: True)
        if not cands:
            return False
        v = self.rng.choice(cands)
        e = self.fit_store(self.expr(v.type, 2), v.type)
        if v.type[0] == 'list':
            if v.growable and e.const != 'fresh':
                return False
            if v.growable:
                e = self.fit_len(e, max(v.maxlen, 8))
        self.out.add('%s = %s' % (v.name, e.text))
        return True

    def s_aug(self):
        r = self.rng
        targets = []
        for v in self.writable(lambda v: v.type in (INT, FLOAT, STR)):
            targets.append((v.name, v.type, v))
        for ref, _ in self.attr_refs(lambda t: t in (INT, FLOAT)):
            targets.append((ref.text, ref.type, None))
        if not targets:
            return False
        name, t, v = r.choice(targets)
        if t == INT:
            return self.aug_int(name)
        if t == FLOAT:
            e = self.fit_float(self.expr(FLOAT, 1), 10.0)
            self.out.add('%s %s %s' % (name, r.choice(['+=', '-=']), e.text))
            return True
        if v is None or self.ctx.mult > 1 or v.maxlen > 200:
            e = self.fit_len(self.expr(STR, 1), 8)
            self.out.add('%s = (%s + %s)[:%d]' % (name, name, e.at(P_OR),
                                                 STR_STORE))
            return True
        e = self.fit_len(self.expr(STR, 1), STR_STORE)
        v.maxlen += e.maxlen
        self.out.add('%s += %s' % (name, e.text))
        return True

    def aug_int(self, name):
        r = self.rng
        op = r.choice(['+=', '-=', '^=', '|=', '&=', '>>=', '//=', '%=',
                       '*=', '<<=', '+=', '-='])
        if op in ('+=', '-='):
            e = self.fit_int(self.expr(INT, 1), 8)
        elif op in ('^=', '|=', '&='):
            e = self.fit_int(self.expr(INT, 1), STORE_BITS)
        elif op == '>>=':
            e = self.opaque(int_lit(r.randint(0, 5)))
        elif op in ('//=', '%='):
            e = self.divisor(1)
        elif op == '*=':
            e = self.fit_int(self.expr(INT, 1), 8)
        else:
            e = self.opaque(int_lit(r.randint(0, 8)))
        self.out.add('%s %s %s' % (name, op, e.text))
        if op in ('*=', '<<='):
            if chance(r, 0.5):
                self.out.add('%s &= 0xFFFFFF' % name)
            else:
                self.model.imports.add('wrap32')
                self.out.add('%s = wrap32(%s)' % (name, name))
        return True

    def attr_refs(self, pred):
        out = []
        for v in self.ctx.visible():
            if v.type[0] != 'inst':
                continue
            c = self.model.cls(v.type[1])
            for fname, ft in c.all_fields():
                if pred(ft):
                    out.append((Expr(v.name + '.' + fname, ft), v))
            for fname, ft, _ in c.all_consts():
                # a class-level None default, shadowed per instance
                if ft[0] == 'opt' and pred(ft):
                    out.append((Expr(v.name + '.' + fname, ft), v))
        return out

    def s_print(self):
        ctx = self.ctx
        if self.print_budget < ctx.mult or ctx.pure:
            return False
        self.print_budget -= ctx.mult
        ctx.fn.prints = True
        r = self.rng
        args = []
        if chance(r, 0.6):
            args.append(str_lit(self.model.fresh('p')))
        for _ in range(r.randint(1, 3)):
            t = self.pick_printable_type()
            e = self.expr(t, 2)
            if t[0] == 'list':
                e = self.fit_len(e, 8)
            args.append(e)
        text = ', '.join(a.text for a in args)
        if chance(r, 0.15):
            text += ', sep=' + str_lit(r.choice(['', '|', ', ', '-'])).text
        if chance(r, 0.1):
            text += ', end=' + str_lit(r.choice(['', ' ', ';\n'])).text
        self.out.add('print(' + text + ')')
        return True

    def s_write(self):
        ctx = self.ctx
        if self.print_budget < ctx.mult or ctx.pure:
            return False
        self.print_budget -= ctx.mult
        ctx.fn.prints = True
        self.model.imports.add('write')
        e = self.fit_len(self.expr(STR, 2), STR_STORE)
        self.out.add('write(%s + "\\n")' % e.at(P_MUL))
        return True

    def s_hot_print(self):
        """In a JitDriver loop: print now and then (every k-th round)."""
        ctx = self.ctx
        k = self.rng.choice([250, 500, 777, 1000])
        if self.print_budget < ctx.mult // k + 1:
            return False
        self.print_budget -= ctx.mult // k + 1
        ctx.fn.prints = True
        i = self.hot_counter
        t = self.pick_printable_type()
        e = self.expr(t, 1)
        if t[0] == 'list':
            e = self.fit_len(e, 6)
        with self.out.block('if %s %% %d == 0:' % (i, k)):
            self.out.add('print(%s, %s)' % (i, e.text))
        return True

    # ----------------------------------------------------- control flow

    def s_if(self):
        r = self.rng
        self.body('if %s:' % self.expr(BOOL, 2).text, self.nbody())
        while chance(r, 0.3):
            self.body('elif %s:' % self.expr(BOOL, 2).text, self.nbody())
        if chance(r, 0.5):
            self.body('else:', self.nbody())
        return True

    def loop_trips(self, most):
        """A trip count that keeps the statement count of the function
        within its budget, or 0."""
        ctx = self.ctx
        room = min(most, ctx.fn.max_mult // max(ctx.mult, 1))
        if room < 1:
            return 0
        return self.rng.randint(1, room)

    def loop_body(self, header, trips, n, lock=False, setup=None):
        ctx = self.ctx
        saved = (ctx.loop, ctx.mult, ctx.iter_lock, ctx.in_finally)
        ctx.loop = LoopInfo(trips)
        ctx.mult *= max(trips, 1)
        ctx.iter_lock = ctx.iter_lock or lock
        ctx.in_finally = False
        ctx.depth += 1
        ctx.push()
        try:
            with self.out.block(header):
                if setup is not None:
                    setup()
                self.stmts(n)
        finally:
            ctx.pop()
            ctx.depth -= 1
            ctx.loop, ctx.mult, ctx.iter_lock, ctx.in_finally = saved

    def s_while(self):
        r = self.rng
        ctx = self.ctx
        trips = self.loop_trips(12)
        if not trips:
            return False
        k = self.model.fresh('k')
        self.out.add('%s = 0' % k)
        ctx.add(Var(k, INT, readonly=True, bits=5))
        if chance(r, 0.6):
            def setup():
                self.out.add('%s += 1' % k)
            self.loop_body('while %s < %d:' % (k, trips), trips,
                           self.nbody(), setup=setup)
        else:
            def setup():
                self.out.add('%s += 1' % k)
                with self.out.block('if %s > %d:' % (k, trips)):
                    self.out.add('break')
            self.loop_body('while True:', trips + 1, self.nbody(),
                           setup=setup)
        return True

    def s_for_range(self):
        r = self.rng
        trips = self.loop_trips(10)
        if not trips:
            return False
        form = r.randint(0, 3)
        if form == 0:
            rng_text = 'range(%d)' % trips
        elif form == 1:
            a = r.randint(-5, 5)
            rng_text = 'range(%d, %d)' % (a, a + trips)
        elif form == 2:
            step = r.choice([-3, -2, -1, 2, 3])
            a = r.randint(-5, 5)
            b = a + step * trips
            rng_text = 'range(%d, %d, %d)' % (a, b, step)
        else:
            e = self.expr(INT, 1)
            rng_text = 'range(%s)' % self.modk(e, trips + 1).text
        name = self.model.fresh('i')

        def setup():
            self.ctx.add(Var(name, INT, readonly=True, bits=8))
        self.loop_body('for %s in %s:' % (name, rng_text), trips,
                       self.nbody(), setup=setup)
        return True

    def s_for_each(self):
        r = self.rng
        ctx = self.ctx
        form = r.choice(['list', 'list', 'enumerate', 'str', 'dict',
                         'items', 'values'])
        if form in ('list', 'enumerate'):
            lt = self.pick_list_type()
            src = self.list_source(lt, 1)
            trips = max(src.maxlen, 1)
            if ctx.mult * trips > ctx.fn.max_mult:
                src = self.fit_len(src, 4)
                trips = 4
            if ctx.mult * trips > ctx.fn.max_mult:
                return False
            x = self.model.fresh('x')
            if form == 'list':
                header = 'for %s in %s:' % (x, src.text)
                names = [(x, lt[1])]
            else:
                i = self.model.fresh('j')
                header = 'for %s, %s in enumerate(%s):' % (i, x, src.text)
                names = [(i, INT), (x, lt[1])]
        elif form == 'str':
            src = self.expr(STR, 1)
            trips = src.maxlen
            if ctx.mult * trips > ctx.fn.max_mult:
                src = self.fit_len(src, 4)
                trips = 4
            if ctx.mult * trips > ctx.fn.max_mult:
                return False
            x = self.model.fresh('ch')
            header = 'for %s in %s:' % (x, src.text)
            names = [(x, STR)]
        else:
            dt = self.pick_dict_type()
            if dt is None:
                return False
            trips = 24
            if ctx.mult * trips > ctx.fn.max_mult:
                return False
            dd = self.expr(dt, 1)
            k = self.model.fresh('k')
            v = self.model.fresh('v')
            if form == 'dict':
                header = 'for %s in %s:' % (k, dd.text)
                names = [(k, dt[1])]
            elif form == 'items':
                header = 'for %s, %s in %s.items():' % (k, v, dd.at(P_ATOM))
                names = [(k, dt[1]), (v, dt[2])]
            else:
                header = 'for %s in %s.values():' % (v, dd.at(P_ATOM))
                names = [(v, dt[2])]

        def setup():
            for name, t in names:
                var = self.new_var(name, t, readonly=True)
                if t == INT:
                    var.bits = VAR_BITS
                self.ctx.add(var)
        self.loop_body(header, trips, self.nbody(), lock=True, setup=setup)
        return True

    def s_break_continue(self):
        ctx = self.ctx
        if ctx.loop is None or ctx.in_finally:
            return False
        word = self.rng.choice(['break', 'continue'])
        if chance(self.rng, 0.2):
            self.out.add(word)
            return 'end'
        with self.out.block('if %s:' % self.expr(BOOL, 1).text):
            self.out.add(word)
        return True

    def s_early_return(self):
        ctx = self.ctx
        if ctx.fn.ret is None or ctx.in_finally:
            return False
        e = self.fit_store(self.expr(ctx.fn.ret, 2), ctx.fn.ret)
        with self.out.block('if %s:' % self.expr(BOOL, 1).text):
            self.out.add('return ' + e.text)
        return True

    # -------------------------------------------------------- exceptions

    def exc_names(self):
        return BUILTIN_EXCS + [e.name for e in self.model.excs]

    def s_try(self):
        r = self.rng
        ctx = self.ctx
        clauses = []
        for _ in range(r.choice([0, 1, 1, 1, 2, 2, 3])):
            if chance(r, 0.15):
                clause = ['Exception']
            elif chance(r, 0.2):
                clause = r.sample(self.exc_names(), 2)
            else:
                clause = [r.choice(self.exc_names())]
            clauses.append(clause)
        has_finally = not clauses or chance(r, 0.3)
        frame = TryFrame(clauses)
        ctx.tries.append(frame)
        ctx.covered += 1
        try:
            self.body('try:', r.randint(1, 5))
        finally:
            ctx.tries.pop()
            ctx.covered -= 1
        if has_finally:
            ctx.covered += 1
        for i, clause in enumerate(clauses):
            self.handler(clause, frame.arrived[i])
        if has_finally:
            ctx.covered -= 1
        if has_finally:
            saved = ctx.in_finally
            ctx.in_finally = True
            try:
                self.body('finally:', r.randint(1, 2))
            finally:
                ctx.in_finally = saved
        return True

    def handler(self, clause, arrived):
        r = self.rng
        ctx = self.ctx
        spelled = clause[0] if len(clause) == 1 else \
            '(' + ', '.join(clause) + ')'
        e = None
        if chance(r, 0.6):
            e = self.model.fresh('e')
            header = 'except %s as %s:' % (spelled, e)
        else:
            header = 'except %s:' % spelled
        ctx.depth += 1
        ctx.push()
        try:
            with self.out.block(header):
                if ctx.fn.pure or self.print_budget < ctx.mult:
                    self.out.add('pass')
                else:
                    self.print_budget -= ctx.mult
                    ctx.fn.prints = True
                    self.out.add('print(%s%s)' % (
                        str_lit('caught ' + spelled).text,
                        self.exc_detail(e, clause, arrived)))
                self.stmts(r.randint(0, 2))
                if arrived and chance(r, 0.15) and not ctx.in_finally and \
                        all(ctx.can_raise(x) for x in arrived):
                    for x in sorted(arrived):
                        ctx.note_raise(x)
                    self.out.add('raise')
        finally:
            ctx.pop()
            ctx.depth -= 1

    def exc_detail(self, e, clause, arrived):
        """`, str(e)` or `, e.code` when every exception that can arrive
        has one; '' otherwise."""
        if e is None or not arrived:
            return ''
        styles = set(self.model.exc_style(x) for x in arrived)
        if styles == {'msg'} and chance(self.rng, 0.8):
            return ', str(%s)' % e
        if styles == {'code'} and len(clause) == 1 and \
                self.model.exc_style(clause[0]) == 'code':
            return ', %s.code' % e
        return ''

    def raise_expr(self, exc):
        r = self.rng
        style = self.model.exc_style(exc)
        if style == 'code':
            return '%s(%s)' % (exc, self.fit_int(self.expr(INT, 1),
                                                 STORE_BITS).text)
        if chance(r, 0.1):
            return exc + '()'
        if chance(r, 0.5):
            return '%s(%s)' % (exc, str_lit(r.choice(STR_POOL[:12])).text)
        return '%s(%s)' % (exc, self.fit_len(self.expr(STR, 1),
                                             STR_STORE).text)

    def s_raise(self):
        ctx = self.ctx
        cands = [x for x in self.exc_names() if ctx.can_raise(x)]
        if not cands:
            return False
        exc = self.rng.choice(cands)
        text = 'raise ' + self.raise_expr(exc)
        ctx.note_raise(exc)
        if chance(self.rng, 0.15):
            self.out.add(text)
            return 'end'
        with self.out.block('if %s:' % self.expr(BOOL, 1).text):
            self.out.add(text)
        return True

    def s_assert(self):
        ctx = self.ctx
        if ctx.can_raise('AssertionError'):
            cond = self.expr(BOOL, 2)
            if not FEATURES['assert_const'] and \
                    not self.mentions_local(cond.text):
                return False
            ctx.note_raise('AssertionError')
        elif FEATURES['assert_const'] and chance(self.rng, 0.3):
            cond = Expr(self.rng.choice(['True', '1 < 2', 'len("ab") == 2']),
                        BOOL)
        else:
            return False
        if chance(self.rng, 0.5):
            msg = self.fit_len(self.expr(STR, 1), STR_STORE)
            self.out.add('assert %s, %s' % (cond.text, msg.text))
        else:
            self.out.add('assert ' + cond.text)
        return True

    # -------------------------------------------------------- mutations

    def s_list_mut(self):
        r = self.rng
        ctx = self.ctx
        cands = self.containers('list')
        if not cands:
            return False
        ref, var = r.choice(cands)
        it = ref.type[1]
        op = r.choice(['append', 'append', 'setitem', 'setitem', 'insert',
                       'extend', 'pop', 'del', 'reverse', 'aug', 'pop_expr'])
        if op == 'setitem' or (op == 'aug' and it == INT):
            return self.list_setitem(ref, it, op == 'aug')
        if ctx.iter_lock:
            return False
        self.mark_mutation()
        if op in ('append', 'insert', 'extend'):
            if op == 'extend':
                src = self.fit_len(self.expr(ref.type, 1), 4)
                stmt = '%s.extend(%s)' % (ref.text, src.text)
                grow = 4
            else:
                v = self.fit_store(self.expr(it, 2), it)
                if op == 'append':
                    stmt = '%s.append(%s)' % (ref.text, v.text)
                else:
                    i = self.expr(INT, 1)
                    stmt = '%s.insert(%s, %s)' % (ref.text, i.text, v.text)
                grow = 1
            if var is not None and var.growable and \
                    var.maxlen + ctx.mult * grow <= 5000:
                var.maxlen += ctx.mult * grow
                self.out.add(stmt)
            else:
                with self.out.block(self.guard_len(ref, r.choice(
                        [8, 16, 32, 48]))):
                    self.out.add(stmt)
            return True
        if op == 'reverse':
            self.out.add(ref.text + '.reverse()')
            return True
        return self.list_shrink(ref, op)

    def list_setitem(self, ref, it, aug):
        r = self.rng
        ctx = self.ctx
        v = self.fit_store(self.expr(it, 2), it)
        if aug:
            v = self.fit_int(v, 8)
        op = '+=' if aug else '='
        if ctx.can_raise('IndexError') and chance(r, 0.5):
            ctx.note_raise('IndexError')
            i = self.expr(INT, 1) if chance(r, 0.5) else \
                int_lit(r.randint(-4, 6))
            i = self.opaque(i)
            self.out.add('%s[%s] %s %s' % (ref.text, i.text, op, v.text))
            return True
        i = self.expr(INT, 1)
        with self.out.block('if len(%s) > 0:' % ref.text):
            self.out.add('%s[%s %% len(%s)] %s %s' % (
                ref.text, i.at(P_MUL), ref.text, op, v.text))
        return True

    def list_shrink(self, ref, op):
        r = self.rng
        ctx = self.ctx
        raw = ctx.can_raise('IndexError') and chance(r, 0.5)
        if raw:
            ctx.note_raise('IndexError')
        if op == 'pop' or op == 'pop_expr':
            if chance(r, 0.5):
                call = ref.text + '.pop()'
            else:
                i = self.opaque(self.expr(INT, 1)) if raw else None
                idx = i.text if raw else '%s %% len(%s)' % (
                    self.expr(INT, 1).at(P_MUL), ref.text)
                call = '%s.pop(%s)' % (ref.text, idx)
            line = call
            if op == 'pop_expr' and ref.type[1][0] != 'inst' and \
                    self.print_budget >= ctx.mult and not ctx.pure and \
                    is_printable(ref.type[1]):
                self.print_budget -= ctx.mult
                ctx.fn.prints = True
                line = 'print(%s)' % call
        else:
            if raw:
                line = 'del %s[%s]' % (ref.text,
                                       self.opaque(self.expr(INT, 1)).text)
            else:
                line = 'del %s[%s %% len(%s)]' % (
                    ref.text, self.expr(INT, 1).at(P_MUL), ref.text)
        if raw:
            self.out.add(line)
        else:
            with self.out.block('if len(%s) > 0:' % ref.text):
                self.out.add(line)
        return True

    def s_dict_mut(self):
        r = self.rng
        ctx = self.ctx
        cands = self.containers('dict')
        if not cands or ctx.iter_lock:
            return False
        ref, _ = r.choice(cands)
        kt, vt = ref.type[1], ref.type[2]
        self.mark_mutation()
        op = r.choice(['set', 'set', 'set', 'del', 'pop', 'pop_default',
                       'clear', 'aug'])
        k = self.key_expr(kt)
        if op == 'set' or (op == 'aug' and vt != INT):
            v = self.fit_store(self.expr(vt, 2), vt)
            self.out.add('%s[%s] = %s' % (ref.text, k.text, v.text))
            return True
        if op == 'clear':
            if chance(r, 0.7):
                return False
            self.out.add(ref.text + '.clear()')
            return True
        if op == 'pop_default':
            dflt = self.fit_store(self.expr(vt, 1), vt)
            call = '%s.pop(%s, %s)' % (ref.text, k.text, dflt.text)
            if is_printable(vt) and self.print_budget >= ctx.mult and \
                    not ctx.pure:
                self.print_budget -= ctx.mult
                ctx.fn.prints = True
                self.out.add('print(%s)' % call)
            else:
                self.out.add(call)
            return True
        raw = ctx.can_raise('KeyError') and chance(r, 0.6)
        kk = self.opaque(k) if raw else k
        if op == 'aug':
            line = '%s[%s] += %s' % (ref.text, kk.text,
                                     self.fit_int(self.expr(INT, 1), 8).text)
        elif op == 'del':
            line = 'del %s[%s]' % (ref.text, kk.text)
        else:
            line = '%s.pop(%s)' % (ref.text, kk.text)
        if raw:
            ctx.note_raise('KeyError')
            self.out.add(line)
        else:
            with self.out.block('if %s in %s:' % (k.at(P_BOR), ref.text)):
                self.out.add(line)
        return True

    def s_attr_set(self):
        refs = [(ref, v) for ref, v in self.attr_refs(lambda t: True)]
        if not refs:
            return False
        ref, _ = self.rng.choice(refs)
        e = self.fit_store(self.expr(ref.type, 2), ref.type)
        self.out.add('%s = %s' % (ref.text, e.text))
        return True

    def s_call(self):
        """A call for its effect (its value, if any, dropped)."""
        ctx = self.ctx
        r = self.rng
        cands = []
        for f in self.model.funcs:
            if f.done and self.callable_here(f.raises, f.cost, f.mutates,
                                             f.pure):
                cands.append((f.name, f, f.raises, f.cost, f.mutates))
        for v in ctx.visible():
            if v.type[0] != 'inst' or ctx.pure:
                continue
            for fam in self.model.cls(v.type[1]).all_families():
                if fam.done and self.callable_here(fam.raises, fam.cost,
                                                   fam.mutates, False):
                    cands.append((v.name + '.' + fam.name,
                                  fam.impls[fam.root.name], fam.raises,
                                  fam.cost, fam.mutates))
        if not cands:
            return False
        name, sig, raises, cost, mutates = r.choice(cands)
        e = self.emit_call(name, sig, raises, cost, mutates, 1)
        if sig.ret is not None and is_printable(sig.ret) and \
                self.print_budget >= ctx.mult and not ctx.pure and \
                chance(r, 0.6):
            self.print_budget -= ctx.mult
            ctx.fn.prints = True
            self.out.add('print(%s, %s)' % (str_lit(name.split('.')[-1]).text,
                                            e.text))
        else:
            self.out.add(e.text)
        return True

    def s_unpack(self):
        r = self.rng
        ctx = self.ctx
        if chance(r, 0.4):
            pairs = {}
            for v in self.writable(lambda v: v.type[0] != 'list' or
                                   not v.growable):
                pairs.setdefault(v.type, []).append(v)
            same = [vs for vs in pairs.values() if len(vs) >= 2]
            if same:
                a, b = r.sample(r.choice(same), 2)
                self.out.add('%s, %s = %s, %s' % (a.name, b.name, b.name,
                                                  a.name))
                return True
        if not self.tuple_types:
            return False
        tt = r.choice(self.tuple_types)
        e = self.expr(tt, 2)
        names = []
        for t in tt[1:]:
            name = self.model.fresh(self.var_prefix(t))
            names.append((name, t))
        lhs = ', '.join(n for n, _ in names)
        if len(names) == 1:
            lhs += ','
        self.out.add('%s = %s' % (lhs, e.text))
        for name, t in names:
            v = self.new_var(name, t)
            if t == INT:
                v.bits = VAR_BITS
            ctx.add(v)
        return True

    def s_narrow(self):
        """`if v is not None:` / `if isinstance(v, Sub):` with v narrowed
        (and not assigned) in the body."""
        r = self.rng
        ctx = self.ctx
        opts = [v for v in ctx.visible() if v.type[0] == 'opt']
        subs = [v for v in ctx.visible() if v.type[0] == 'inst' and
                len(self.model.cls(v.type[1]).descendants()) > 1]
        if opts and (not subs or chance(r, 0.6)):
            v = r.choice(opts)
            header = 'if %s is not None:' % v.name
            narrowed = strip_opt(v.type)
        elif subs:
            v = r.choice(subs)
            c = r.choice(self.model.cls(v.type[1]).descendants()[1:])
            header = 'if isinstance(%s, %s):' % (v.name, c.name)
            narrowed = ('inst', c.name)
        else:
            return False
        ctx.depth += 1
        ctx.push()
        shadow = Var(v.name, narrowed, readonly=True, maxlen=v.maxlen,
                     bits=v.bits)
        ctx.add(shadow)
        try:
            with self.out.block(header):
                self.stmts(self.nbody())
        finally:
            ctx.pop()
            ctx.depth -= 1
        if chance(r, 0.4):
            self.body('else:', self.nbody())
        return True

    def s_linked(self):
        """Walk a chain of instances through a nullable field."""
        r = self.rng
        ctx = self.ctx
        chains = []
        for v in ctx.visible():
            if v.type[0] not in ('inst', 'opt') or \
                    strip_opt(v.type)[0] != 'inst':
                continue
            c = self.model.cls(strip_opt(v.type)[1])
            for fname, ft in c.all_fields():
                if ft[0] == 'opt' and ft[1][0] == 'inst' and \
                        self.fits(('inst', c.name), ft[1]) and \
                        self.fits(ft[1], ('inst', c.name)):
                    chains.append((v, fname, ft))
        if not chains:
            return False
        trips = self.loop_trips(8)
        if not trips:
            return False
        v, fname, ft = r.choice(chains)
        cur = self.model.fresh('cur')
        k = self.model.fresh('k')
        self.out.add('%s = %s' % (cur, v.name))
        self.out.add('%s = 0' % k)
        ctx.add(Var(cur, ft, readonly=True))
        ctx.add(Var(k, INT, readonly=True, bits=5))

        def setup():
            self.out.add('%s += 1' % k)
            node = self.model.fresh('o')
            self.out.add('%s = %s' % (node, cur))
            self.ctx.add(Var(node, ft[1], readonly=True))
            self.out.add('%s = %s.%s' % (cur, node, fname))
        self.loop_body('while %s is not None and %s < %d:' % (cur, k, trips),
                       trips, self.nbody(), setup=setup)
        return True
