"""Interpreter-shaped rpy programs: a random bytecode VM and a guest program.

`generate(seed)` returns the text of one program: an interpreter written
in rpy with a JitDriver and, as module-level constants, the bytecode of a
random guest program that it runs. Both vary with the seed:

- the VM: a register machine (registers in a Frame object) or a stack
  machine (a value stack per frame, list append/pop); opcodes numbered at
  random; bytecode as a list of ints or as a str read with ord(); a Code
  object with `_immutable_fields_` (or not) holding ops and constants;
  greens pc and code, the frame a red (with more reds sometimes);
  get_printable_location; can_enter_jit at backward jumps; helpers that
  are @elidable (constant lookup), @unroll_safe (argument copying),
  @dont_look_inside (printing); promote(); we_are_jitted() branches that
  compute the same value; values wrapped to 32 or 16 bits or mod a prime;
- guest operations: arithmetic and bit operations, conditional and
  counted-loop jumps, calls (the portal calling itself recursively, also
  a recursive guest function), exceptions (THROW, division by zero as a
  ZeroDivisionError caught in the dispatch loop, TRY handlers kept in a
  list or a linked chain, errors crossing guest calls, sometimes
  uncaught), a heap list (module-level or in a VM object), a dict of
  globals, a str output buffer, a float accumulator, boxes (instances
  stored in a list);
- the guest program: a hot loop of 1100..3000 rounds whose body holds
  branches on changing bits (guards that fail: bridges), inner loops,
  calls and try blocks, between a prologue and an epilogue that print.

Not covered yet: interpreters whose bytecode is read from a file or
argv, generators of guest code at run time, several JitDrivers in one
interpreter, virtualizables (not in rpy).
"""

import random

from gen_util import Lines, chance, pick_weighted, py_str_literal

MAX_STEPS = 160000       # guest instructions per run (estimated)


# ---------------------------------------------------------------- config

class Config(object):
    def __init__(self, rng):
        r = rng
        self.kind = r.choice(['reg', 'reg', 'stack'])
        self.wrap = r.choice(['signed32', 'mask16', 'mod'])
        self.immutable = chance(r, 0.8)
        self.printable_location = chance(r, 0.5)
        self.heap = r.choice(['global', 'vm'])
        self.handlers = r.choice(['list', 'linked'])
        self.calls = chance(r, 0.75)
        self.recursive = self.calls and chance(r, 0.5)
        self.exceptions = chance(r, 0.75)
        self.div = chance(r, 0.6)
        self.mem = chance(r, 0.6)
        self.globs = chance(r, 0.4)
        self.emit = chance(r, 0.5)
        self.floats = chance(r, 0.4)
        self.boxes = chance(r, 0.4)
        self.elidable_consts = chance(r, 0.5)
        self.promote = chance(r, 0.4)
        self.jitted_branch = chance(r, 0.3)
        self.steps_red = chance(r, 0.3)     # an extra red: a step counter
        # r0..r5 data, r6..r9 loop counters, the last one error codes
        self.nregs = r.randint(11, 14)


def opcode_table(cfg, rng):
    """name -> operand count, for the ops this VM has."""
    if cfg.kind == 'reg':
        ops = {'LOADK': 2, 'MOV': 2, 'ADD': 3, 'SUB': 3, 'MUL': 3,
               'AND': 3, 'OR': 3, 'XOR': 3, 'SHL': 3, 'SHR': 3,
               'ADDI': 3, 'SUBI': 3, 'JUMP': 1, 'JZ': 2, 'JNZ': 2,
               'JBIT': 3, 'JLT': 3, 'DECJNZ': 2, 'PRINT': 1, 'RET': 1}
        if cfg.div:
            ops.update({'DIV': 3, 'MOD': 3})
        if cfg.calls:
            ops['CALL'] = 4
        if cfg.mem:
            ops.update({'STORE': 2, 'LOAD': 2})
        if cfg.emit:
            ops['EMIT'] = 1
        if cfg.globs:
            ops.update({'GSET': 2, 'GGET': 2})
        if cfg.floats:
            ops['FADD'] = 1
        if cfg.boxes:
            ops.update({'NEWBOX': 2, 'GETBOX': 2})
    else:
        ops = {'PUSHK': 1, 'LOADR': 1, 'STORER': 1, 'ADD': 0, 'SUB': 0,
               'MUL': 0, 'AND': 0, 'OR': 0, 'XOR': 0, 'SHL': 0, 'SHR': 0,
               'DUP': 0, 'POP': 0, 'SWAP': 0, 'JUMP': 1, 'JZ': 1, 'JNZ': 1,
               'DECJNZ': 2, 'PRINT': 0, 'RET': 0}
        if cfg.div:
            ops.update({'DIV': 0, 'MOD': 0})
        if cfg.calls:
            ops['CALL'] = 1
        if cfg.mem:
            ops.update({'STOREM': 0, 'LOADM': 0})
        if cfg.emit:
            ops['EMIT'] = 0
        if cfg.floats:
            ops['FADD'] = 0
    if cfg.exceptions:
        ops.update({'THROW': 1, 'TRY': 1, 'ENDTRY': 0})
    return ops


# ----------------------------------------------------------- guest code

class GuestFunc(object):
    def __init__(self, index, name, nargs):
        self.index = index
        self.name = name
        self.nargs = nargs
        self.body = []
        self.recursive = False
        self.cost = 0          # guest steps per call (estimated)
        self.code = None       # [ints] after assembly


class GuestGen(object):
    """Random structured guest code: registers r0..r5 hold data, r6.. are
    loop counters (one per nesting level), never written by the body."""

    NDATA = 6

    def __init__(self, rng, cfg):
        self.rng = rng
        self.cfg = cfg
        self.funcs = []
        self.prints = 0
        self.may_print = True

    # statements are tuples; see Assembler for their meaning

    def data_reg(self):
        """A register to read: any data register."""
        return self.rng.randrange(self.NDATA)

    def dest_reg(self):
        """A register to write: not r0 (the hot loop's induction
        variable in main, the first argument in functions)."""
        return self.rng.randrange(1, self.NDATA)

    def cond(self, changing=None):
        r = self.rng
        form = r.choice(['bit', 'bit', 'nz', 'lt'])
        if form == 'bit' or changing is not None and chance(r, 0.5):
            reg = changing if changing is not None and chance(r, 0.7) \
                else self.data_reg()
            return ('bit', reg, r.choice([1, 2, 3, 4, 7, 8, 16, 31]))
        if form == 'nz':
            return ('nz', self.data_reg())
        return ('lt', self.data_reg(), self.data_reg())

    def block(self, n, mult, depth, callees, changing=None, in_try=False):
        out = []
        for _ in range(n):
            s = self.stmt(mult, depth, callees, changing, in_try)
            if s is not None and s[0] == 'print':
                self.prints += mult
            if s is not None:
                out.append(s)
        return out

    def stmt(self, mult, depth, callees, changing, in_try):
        r = self.rng
        cfg = self.cfg
        kinds = [(6, 'arith'), (3, 'addi'), (2, 'set'),
                 (3 if depth < 3 else 0, 'if'),
                 (2 if depth < 3 and mult < 2000 else 0, 'loop'),
                 (3 if callees and cfg.calls else 0, 'call'),
                 (2 if cfg.exceptions and depth < 3 else 0, 'try'),
                 (1 if cfg.exceptions and in_try else 0, 'throw'),
                 (2 if cfg.mem else 0, 'mem'),
                 (1 if cfg.emit else 0, 'emit'),
                 (1 if cfg.globs else 0, 'glob'),
                 (1 if cfg.floats else 0, 'fadd'),
                 (1 if cfg.boxes else 0, 'box'),
                 (1 if mult <= 20 and self.prints < 40 and
                  self.may_print else 0, 'print')]
        kind = pick_weighted(r, kinds)
        if kind == 'arith':
            ops = ['ADD', 'ADD', 'SUB', 'SUB', 'MUL', 'AND', 'OR', 'XOR',
                   'XOR', 'SHL', 'SHR']
            if cfg.div and in_try:
                ops += ['DIV', 'MOD']
            return ('binop', r.choice(ops), self.dest_reg(), self.data_reg(),
                    self.data_reg())
        if kind == 'addi':
            return ('addi', self.dest_reg(), self.data_reg(),
                    r.randint(-100, 100))
        if kind == 'set':
            return ('set', self.dest_reg(), r.choice([
                0, 1, -1, 7, 100, -3, 12345, 2 ** 31 - 1, -2 ** 31, 65535]))
        if kind == 'if':
            els = self.block(r.randint(0, 2), mult, depth + 1, callees,
                             changing, in_try) if chance(r, 0.6) else []
            return ('if', self.cond(changing),
                    self.block(r.randint(1, 3), mult, depth + 1, callees,
                               changing, in_try), els)
        if kind == 'loop':
            n = r.randint(2, max(2, min(12, 3000 // max(mult, 1))))
            counter = self.NDATA + depth
            return ('loop', counter, n,
                    self.block(r.randint(1, 3), mult * n, depth + 1, callees,
                               changing, in_try))
        if kind == 'call':
            f = r.choice(callees)
            if f.recursive:
                return ('callrec', f.index, self.dest_reg(),
                        self.data_reg(), self.data_reg())
            return ('call', f.index, self.dest_reg(), self.data_reg(),
                    self.data_reg())
        if kind == 'try':
            body = self.block(r.randint(1, 3), mult, depth + 1, callees,
                              changing, True)
            if chance(r, 0.5):
                body.append(('if', self.cond(changing),
                             [('throw', r.randint(1, 99))], []))
            handler = self.block(r.randint(0, 2), mult, depth + 1, callees,
                                 changing, in_try)
            return ('try', body, self.dest_reg(), handler)
        if kind == 'throw':
            return ('if', self.cond(changing), [('throw', r.randint(1, 99))],
                    [])
        if kind == 'mem':
            if chance(r, 0.5):
                return ('store', self.data_reg(), self.data_reg())
            return ('load', self.dest_reg(), self.data_reg())
        if kind == 'emit':
            return ('emit', self.data_reg())
        if kind == 'glob':
            if chance(r, 0.5):
                return ('gset', r.randrange(4), self.data_reg())
            return ('gget', self.dest_reg(), r.randrange(4))
        if kind == 'fadd':
            return ('fadd', self.data_reg())
        if kind == 'box':
            if chance(r, 0.5):
                return ('newbox', self.data_reg(), self.data_reg())
            return ('getbox', self.dest_reg(), self.data_reg())
        self.prints += 1
        return ('print', self.data_reg())

    def program(self):
        """Guest functions: [main, helpers..., (recursive)]."""
        r = self.rng
        cfg = self.cfg
        nhelp = r.randint(1, 3) if cfg.calls else 0
        main = GuestFunc(0, 'main', 0)
        helpers = [GuestFunc(i + 1, 'f%d' % (i + 1), 2)
                   for i in range(nhelp)]
        funcs = [main] + helpers
        if cfg.recursive:
            rec = GuestFunc(len(funcs), 'rec', 2)
            rec.recursive = True
            funcs.append(rec)
        self.funcs = funcs
        # helpers from the last: each may call the ones after it; they
        # do not print (they run in the hot loop)
        self.may_print = False
        for f in reversed(funcs[1:]):
            if f.recursive:
                f.body = self.rec_body(f)
                continue
            callees = [g for g in funcs if g.index > f.index]
            f.body = self.block(r.randint(2, 5), 1, 1, callees) + \
                [('ret', self.data_reg())]
        self.may_print = True
        callees = funcs[1:]
        n = r.randint(1100, 3000)
        prologue = [('set', i, r.choice([-1, 1]) * r.randint(1, 5000))
                    for i in range(self.NDATA)] + \
            self.block(r.randint(1, 3), 1, 1, callees)
        body = self.block(r.randint(3, 7), n, 1, callees, changing=0)
        # r0 changes every round, so that branches on its bits flip
        hot = ('loop', self.NDATA, n,
               [('addi', 0, 0, r.choice([1, 3, 7]))] + body)
        epilogue = self.block(r.randint(0, 2), 1, 1, callees) + \
            [('print', i) for i in range(self.NDATA)] + [('ret', 1)]
        main.body = prologue + [hot] + epilogue
        return funcs

    def rec_body(self, f):
        """rec(n, x): n == 0 -> x; else rec(n - 1, x op k) + x (one or
        two recursive calls)."""
        r = self.rng
        twice = chance(r, 0.4)
        body = [('if', ('nz', 0), [], [('ret', 1)]),
                ('addi', 2, 0, -1),
                ('binop', r.choice(['ADD', 'XOR', 'MUL']), 1, 1, 0),
                ('call', f.index, 3, 2, 1)]
        if twice:
            body.append(('call', f.index, 4, 2, 3))
            body.append(('binop', 'ADD', 3, 3, 4))
        body.append(('binop', 'ADD', 3, 3, 1))
        body.append(('ret', 3))
        f.max_depth = 6 if twice else 12
        return body


# ------------------------------------------------------------ assembler


# Guest statements the register machine runs as one instruction of the
# same operands.
REG_OPCODE = {
    'store': 'STORE', 'load': 'LOAD', 'emit': 'EMIT', 'gset': 'GSET',
    'gget': 'GGET', 'fadd': 'FADD', 'newbox': 'NEWBOX', 'getbox': 'GETBOX',
}

class Assembler(object):
    """Guest statements -> bytecode (ints) for the reg or stack VM, and an
    estimate of the steps one call runs."""

    def __init__(self, cfg, opcodes, funcs, consts, rng):
        self.cfg = cfg
        self.rng = rng
        self.op = opcodes          # name -> number
        self.funcs = funcs
        self.consts = consts       # shared constant pool: value -> index

    def const(self, v):
        if v not in self.consts:
            self.consts[v] = len(self.consts)
        return self.consts[v]

    def assemble(self, f):
        self.code = []
        self.fixups = []
        self.steps = 0
        self.stmts(f.body, 1)
        f.code = self.code
        f.cost = self.steps

    def emit(self, name, *args, mult=1):
        self.code.append(self.op[name])
        self.code.extend(args)
        self.steps += mult

    def here(self):
        return len(self.code)

    def patch(self, at, target):
        self.code[at] = target

    def stmts(self, body, mult):
        for s in body:
            self.stmt(s, mult)

    def stmt(self, s, mult):
        if self.cfg.kind == 'reg' and s[0] in REG_OPCODE:
            # one register instruction taking the statement's operands
            self.emit(REG_OPCODE[s[0]], *s[1:], mult=mult)
            return
        getattr(self, ('reg_' if self.cfg.kind == 'reg' else 'stk_') +
                s[0])(s, mult)

    def call_cost(self, index, mult):
        f = self.funcs[index]
        if f.recursive:
            factor = 2 ** (f.max_depth + 1)
            return f.cost * factor * mult
        return f.cost * mult

    # -- register machine

    def reg_set(self, s, m):
        self.emit('LOADK', s[1], self.const(s[2]), mult=m)

    def reg_binop(self, s, m):
        self.emit(s[1], s[2], s[3], s[4], mult=m)

    def reg_addi(self, s, m):
        _, d, a, k = s
        if k >= 0:
            self.emit('ADDI', d, a, k, mult=m)
        else:
            self.emit('SUBI', d, a, -k, mult=m)

    def reg_if(self, s, m):
        _, cond, then, els = s
        if cond[0] == 'lt':
            # JLT jumps when a < b: to the then-part, after the else-part
            self.emit('JLT', cond[1], cond[2], 0, mult=m)
            at = self.here() - 1
            self.stmts(els, m)
            self.emit('JUMP', 0, mult=m)
            skip = self.here() - 1
            self.patch(at, self.here())
            self.stmts(then, m)
            self.patch(skip, self.here())
            return
        if cond[0] == 'bit':
            # JBIT r mask t jumps when regs[r] & mask == 0
            self.emit('JBIT', cond[1], cond[2], 0, mult=m)
        else:
            self.emit('JZ', cond[1], 0, mult=m)
        at = self.here() - 1
        self.stmts(then, m)
        if els:
            self.emit('JUMP', 0, mult=m)
            skip = self.here() - 1
            self.patch(at, self.here())
            self.stmts(els, m)
            self.patch(skip, self.here())
        else:
            self.patch(at, self.here())

    def reg_loop(self, s, m):
        _, counter, n, body = s
        self.emit('LOADK', counter, self.const(n), mult=m)
        top = self.here()
        self.stmts(body, m * n)
        self.emit('DECJNZ', counter, top, mult=m * n)

    def reg_call(self, s, m):
        _, index, d, a, b = s
        self.emit('CALL', index, d, a, b, mult=m)
        self.steps += self.call_cost(index, m)

    def reg_callrec(self, s, m):
        # the depth argument cut down to 0..max_depth: d = a & mask
        _, index, d, a, b = s
        f = self.funcs[index]
        mask = (1 << (f.max_depth.bit_length() - 1)) - 1
        self.emit('LOADK', d, self.const(mask), mult=m)
        self.emit('AND', d, a, d, mult=m)
        self.emit('CALL', index, d, d, b, mult=m)
        self.steps += self.call_cost(index, m)

    def reg_ret(self, s, m):
        self.emit('RET', s[1], mult=m)

    def reg_print(self, s, m):
        self.emit('PRINT', s[1], mult=m)

    def reg_throw(self, s, m):
        self.emit('THROW', self.const(s[1]), mult=m)

    def reg_try(self, s, m):
        _, body, errreg, handler = s
        self.emit('TRY', 0, mult=m)
        at = self.here() - 1
        self.stmts(body, m)
        self.emit('ENDTRY', mult=m)
        self.emit('JUMP', 0, mult=m)
        skip = self.here() - 1
        # the VM puts the error code in the last register
        self.patch(at, self.here())
        self.emit('MOV', errreg, self.cfg.nregs - 1, mult=m)
        self.stmts(handler, m)
        self.patch(skip, self.here())

    # -- stack machine (locals play the registers)

    def stk_set(self, s, m):
        self.emit('PUSHK', self.const(s[2]), mult=m)
        self.emit('STORER', s[1], mult=m)

    def stk_binop(self, s, m):
        _, op, d, a, b = s
        self.emit('LOADR', a, mult=m)
        self.emit('LOADR', b, mult=m)
        if op in ('SUB', 'SHL', 'SHR', 'DIV', 'MOD') and \
                chance(self.rng, 0.2):
            # the same value through SWAP, twice
            self.emit('SWAP', mult=m)
            self.emit('SWAP', mult=m)
        self.emit(op, mult=m)
        self.emit('STORER', d, mult=m)

    def stk_addi(self, s, m):
        _, d, a, k = s
        self.emit('LOADR', a, mult=m)
        self.emit('PUSHK', self.const(k), mult=m)
        self.emit('ADD', mult=m)
        if chance(self.rng, 0.2):
            self.emit('DUP', mult=m)
            self.emit('POP', mult=m)
        self.emit('STORER', d, mult=m)

    def stk_cond(self, cond, m):
        """Pushes a value that is nonzero when cond holds."""
        if cond[0] == 'bit':
            self.emit('LOADR', cond[1], mult=m)
            self.emit('PUSHK', self.const(cond[2]), mult=m)
            self.emit('AND', mult=m)
        elif cond[0] == 'nz':
            self.emit('LOADR', cond[1], mult=m)
        else:
            # a < b  <=>  (a - b) >> 63 is -1 (values are wrapped small)
            self.emit('LOADR', cond[1], mult=m)
            self.emit('LOADR', cond[2], mult=m)
            self.emit('SUB', mult=m)
            self.emit('PUSHK', self.const(63), mult=m)
            self.emit('SHR', mult=m)

    def stk_if(self, s, m):
        _, cond, then, els = s
        self.stk_cond(cond, m)
        self.emit('JZ', 0, mult=m)
        at = self.here() - 1
        self.stmts(then, m)
        if els:
            self.emit('JUMP', 0, mult=m)
            skip = self.here() - 1
            self.patch(at, self.here())
            self.stmts(els, m)
            self.patch(skip, self.here())
        else:
            self.patch(at, self.here())

    def stk_loop(self, s, m):
        _, counter, n, body = s
        self.emit('PUSHK', self.const(n), mult=m)
        self.emit('STORER', counter, mult=m)
        top = self.here()
        self.stmts(body, m * n)
        self.emit('DECJNZ', counter, top, mult=m * n)

    def stk_call(self, s, m):
        _, index, d, a, b = s
        self.emit('LOADR', a, mult=m)
        self.emit('LOADR', b, mult=m)
        self.emit('CALL', index, mult=m)
        self.emit('STORER', d, mult=m)
        self.steps += self.call_cost(index, m)

    def stk_callrec(self, s, m):
        _, index, d, a, b = s
        f = self.funcs[index]
        mask = (1 << (f.max_depth.bit_length() - 1)) - 1
        self.emit('LOADR', a, mult=m)
        self.emit('PUSHK', self.const(mask), mult=m)
        self.emit('AND', mult=m)
        self.emit('LOADR', b, mult=m)
        self.emit('CALL', index, mult=m)
        self.emit('STORER', d, mult=m)
        self.steps += self.call_cost(index, m)

    def stk_ret(self, s, m):
        self.emit('LOADR', s[1], mult=m)
        self.emit('RET', mult=m)

    def stk_print(self, s, m):
        self.emit('LOADR', s[1], mult=m)
        self.emit('PRINT', mult=m)

    def stk_throw(self, s, m):
        self.emit('THROW', self.const(s[1]), mult=m)

    def stk_try(self, s, m):
        _, body, errreg, handler = s
        self.emit('TRY', 0, mult=m)
        at = self.here() - 1
        self.stmts(body, m)
        self.emit('ENDTRY', mult=m)
        self.emit('JUMP', 0, mult=m)
        skip = self.here() - 1
        # the handler starts with the error code on the stack
        self.patch(at, self.here())
        self.emit('STORER', errreg, mult=m)
        self.stmts(handler, m)
        self.patch(skip, self.here())

    def stk_store(self, s, m):
        self.emit('LOADR', s[2], mult=m)
        self.emit('LOADR', s[1], mult=m)
        self.emit('STOREM', mult=m)

    def stk_load(self, s, m):
        self.emit('LOADR', s[2], mult=m)
        self.emit('LOADM', mult=m)
        self.emit('STORER', s[1], mult=m)

    def stk_emit(self, s, m):
        self.emit('LOADR', s[1], mult=m)
        self.emit('EMIT', mult=m)

    def stk_fadd(self, s, m):
        self.emit('LOADR', s[1], mult=m)
        self.emit('FADD', mult=m)

    def stk_gset(self, s, m):
        pass

    stk_gget = stk_newbox = stk_getbox = stk_gset


# -------------------------------------------------------------- the VM

WRAPS = {
    'signed32': 'return ((x + 0x80000000) & 0xFFFFFFFF) - 0x80000000',
    'mask16': 'return x & 0xFFFF',
    'mod': 'return x % 1000003',
}


class VMWriter(object):
    """The interpreter's source for a Config and an opcode numbering."""

    def __init__(self, cfg, rng, opnum, opargs, encoding):
        self.cfg = cfg
        self.rng = rng
        self.opnum = opnum          # name -> number
        self.opargs = opargs        # name -> operand count
        self.encoding = encoding    # 'list' or 'str'
        self.out = Lines()
        self.jit = set(['JitDriver'])
        self.reds = ['frame'] + (['steps'] if cfg.steps_red else [])

    def arg(self, i):
        at = 'code.ops[pc]' if i == 0 else 'code.ops[pc + %d]' % i
        return 'ord(%s)' % at if self.encoding == 'str' else at

    def kw(self, pc='pc'):
        return ', '.join(['pc=' + pc, 'code=code'] +
                         ['%s=%s' % (r, r) for r in self.reds])

    def regs(self):
        return 'frame.regs' if self.cfg.kind == 'reg' else 'frame.locals'

    def heap(self, name):
        if self.cfg.heap == 'global':
            return {'mem': 'MEM', 'out': 'OUT'}.get(name, 'frame.vm.' + name)
        return 'frame.vm.' + name

    # ---------------------------------------------------------- classes

    def classes(self):
        o = self.out
        cfg = self.cfg
        with o.block('class GuestError(Exception):'):
            with o.block('def __init__(self, code):'):
                o.add('self.code = code')
        o.blank()
        with o.block('class Code(object):'):
            if cfg.immutable:
                ops = "'ops[*]'" if self.encoding == 'list' else "'ops'"
                o.add("_immutable_fields_ = ['name', %s, 'consts[*]', "
                      "'nargs']" % ops)
            with o.block('def __init__(self, name, ops, consts, nargs):'):
                o.add('self.name = name')
                o.add('self.ops = ops')
                o.add('self.consts = consts')
                o.add('self.nargs = nargs')
        o.blank()
        if cfg.exceptions and cfg.handlers == 'linked':
            with o.block('class Handler(object):'):
                o.add("_immutable_fields_ = ['pc', 'depth', 'outer']")
                with o.block('def __init__(self, pc, depth, outer):'):
                    o.add('self.pc = pc')
                    o.add('self.depth = depth')
                    o.add('self.outer = outer')
            o.blank()
        if cfg.boxes:
            with o.block('class Box(object):'):
                with o.block('def __init__(self, value):'):
                    o.add('self.value = value')
            o.blank()
        with o.block('class VM(object):'):
            with o.block('def __init__(self, codes):'):
                o.add('self.codes = codes')
                if cfg.heap == 'vm':
                    o.add('self.mem = [0] * 64')
                    o.add('self.out = []')
                o.add('self.glob = {}')
                o.add('self.acc = 0.0')
                if cfg.boxes:
                    o.add('self.boxes = [Box(i) for i in range(8)]')
        o.blank()
        with o.block('class Frame(object):'):
            with o.block('def __init__(self, vm):'):
                o.add('self.vm = vm')
                o.add('%s = [0] * %d' % (self.regs().replace('frame', 'self'),
                                         cfg.nregs))
                if cfg.kind == 'stack':
                    o.add('self.stack = [0]')
                    o.add('self.stack.pop()')
                if cfg.exceptions:
                    if cfg.handlers == 'list':
                        o.add('self.handlers = [0]')
                        o.add('self.handlers.pop()')
                        o.add('self.depths = [0]')
                        o.add('self.depths.pop()')
                    else:
                        o.add('self.handler = None')
        o.blank()

    # ---------------------------------------------------------- helpers

    def helpers(self):
        o = self.out
        cfg = self.cfg
        with o.block('def wrap(x):'):
            o.add(WRAPS[cfg.wrap])
        o.blank()
        if cfg.elidable_consts:
            self.jit.add('elidable')
            o.add('@elidable')
        with o.block('def get_const(code, i):'):
            o.add('return code.consts[i]')
        o.blank()
        self.jit.add('unroll_safe')
        o.add('@unroll_safe')
        with o.block('def new_frame(vm, code, a, b):'):
            o.add('frame = Frame(vm)')
            o.add('i = 0')
            with o.block('while i < code.nargs:'):
                o.add('%s[i] = a if i == 0 else b' % self.regs())
                o.add('i += 1')
            o.add('return frame')
        o.blank()
        if chance(self.rng, 0.5):
            self.jit.add('dont_look_inside')
            o.add('@dont_look_inside')
        with o.block('def show(v):'):
            o.add('print(v)')
        o.blank()
        if cfg.printable_location:
            with o.block('def get_location(pc, code):'):
                o.add("return code.name + ':' + str(pc)")
            o.blank()
        extra = ', get_printable_location=get_location' \
            if cfg.printable_location else ''
        o.add("driver = JitDriver(greens=['pc', 'code'], reds=%r%s)" % (
            self.reds, extra))
        o.blank()
        o.blank()

    # ---------------------------------------------------- the dispatch

    def interpret(self):
        o = self.out
        cfg = self.cfg
        with o.block('def interpret(code, frame):'):
            o.add('pc = 0')
            if cfg.steps_red:
                o.add('steps = 0')
            with o.block('while True:'):
                o.add('driver.jit_merge_point(%s)' % self.kw())
                o.add('op = ' + self.arg(0))
                o.add('pc += 1')
                if cfg.steps_red:
                    o.add('steps += 1')
                if cfg.exceptions or cfg.div:
                    with o.block('try:'):
                        self.dispatch()
                    self.handlers()
                else:
                    self.dispatch()
        o.blank()

    def dispatch(self):
        o = self.out
        names = sorted(self.opargs, key=lambda n: self.opnum[n])
        self.rng.shuffle(names)
        first = True
        for name in names:
            with o.block('%s op == OP_%s:' % ('if' if first else 'elif',
                                              name)):
                getattr(self, ('r_' if self.cfg.kind == 'reg' else 's_') +
                        name)()
            first = False
        with o.block('else:'):
            o.add("raise GuestError(-1)")

    def handlers(self):
        o = self.out
        cfg = self.cfg
        if cfg.exceptions:
            with o.block('except GuestError as e:'):
                self.catch('e.code', 'raise')
        if cfg.div:
            with o.block('except ZeroDivisionError:'):
                self.catch('1000', 'raise GuestError(1000)')

    def catch(self, code, reraise):
        """Jump to the innermost guest handler of the frame, or let the
        error out of this frame."""
        o = self.out
        cfg = self.cfg
        if not cfg.exceptions:
            o.add(reraise)
            return
        if cfg.handlers == 'list':
            with o.block('if len(frame.handlers) == 0:'):
                o.add(reraise)
            o.add('pc = frame.handlers.pop()')
            o.add('depth = frame.depths.pop()')
        else:
            o.add('h = frame.handler')
            with o.block('if h is None:'):
                o.add(reraise)
            o.add('frame.handler = h.outer')
            o.add('pc = h.pc')
            o.add('depth = h.depth')
        if cfg.kind == 'reg':
            o.add('frame.regs[%d] = %s' % (cfg.nregs - 1, code))
        else:
            with o.block('while len(frame.stack) > depth:'):
                o.add('frame.stack.pop()')
            o.add('frame.stack.append(%s)' % code)

    # ------------------------------------------- register machine ops

    def advance(self, n):
        if n:
            self.out.add('pc += %d' % n)

    def r_LOADK(self):
        o = self.out
        o.add('frame.regs[%s] = get_const(code, %s)' % (self.arg(0),
                                                        self.arg(1)))
        self.advance(2)

    def r_MOV(self):
        self.out.add('frame.regs[%s] = frame.regs[%s]' % (self.arg(0),
                                                          self.arg(1)))
        self.advance(2)

    BIN = {'ADD': 'wrap(a + b)', 'SUB': 'wrap(a - b)', 'MUL': 'wrap(a * b)',
           'AND': 'a & b', 'OR': 'a | b', 'XOR': 'a ^ b',
           'SHL': 'wrap(a << (b & 15))', 'SHR': 'a >> (b & 31)',
           'DIV': 'wrap(a // b)', 'MOD': 'a % b'}

    def r_bin(self, name):
        o = self.out
        o.add('a = frame.regs[%s]' % self.arg(1))
        o.add('b = frame.regs[%s]' % self.arg(2))
        expr = self.BIN[name]
        if name == 'ADD' and self.cfg.jitted_branch:
            self.jit.add('we_are_jitted')
            with o.block('if we_are_jitted():'):
                o.add('v = wrap(b + a)')
            with o.block('else:'):
                o.add('v = wrap(a + b)')
            expr = 'v'
        o.add('frame.regs[%s] = %s' % (self.arg(0), expr))
        self.advance(3)

    def r_ADDI(self):
        self.out.add('frame.regs[%s] = wrap(frame.regs[%s] + %s)' % (
            self.arg(0), self.arg(1), self.arg(2)))
        self.advance(3)

    def r_SUBI(self):
        self.out.add('frame.regs[%s] = wrap(frame.regs[%s] - %s)' % (
            self.arg(0), self.arg(1), self.arg(2)))
        self.advance(3)

    def jump_to(self, target):
        """pc = target, with can_enter_jit when it jumps back."""
        o = self.out
        o.add('t = %s' % target)
        with o.block('if t < pc:'):
            o.add('driver.can_enter_jit(%s)' % self.kw('t'))
        o.add('pc = t')

    def r_JUMP(self):
        self.jump_to(self.arg(0))

    def cond_jump(self, cond, target, n):
        """Jump to target when cond (on values read already) holds; the
        instruction has n operands."""
        o = self.out
        o.add('t = %s' % target)
        self.advance(n)
        with o.block('if %s:' % cond):
            with o.block('if t < pc:'):
                o.add('driver.can_enter_jit(%s)' % self.kw('t'))
            o.add('pc = t')

    def r_JZ(self):
        self.out.add('v = frame.regs[%s]' % self.arg(0))
        self.cond_jump('v == 0', self.arg(1), 2)

    def r_JNZ(self):
        self.out.add('v = frame.regs[%s]' % self.arg(0))
        self.cond_jump('v != 0', self.arg(1), 2)

    def r_JBIT(self):
        self.out.add('m = frame.regs[%s] & %s' % (self.arg(0), self.arg(1)))
        self.cond_jump('m == 0', self.arg(2), 3)

    def r_JLT(self):
        self.out.add('a = frame.regs[%s]' % self.arg(0))
        self.out.add('b = frame.regs[%s]' % self.arg(1))
        self.cond_jump('a < b', self.arg(2), 3)

    def r_DECJNZ(self):
        o = self.out
        o.add('c = %s' % self.arg(0))
        o.add('v = frame.regs[c] - 1')
        o.add('frame.regs[c] = v')
        self.cond_jump('v != 0', self.arg(1), 2)

    def r_PRINT(self):
        self.out.add('show(frame.regs[%s])' % self.arg(0))
        self.advance(1)

    def r_RET(self):
        self.out.add('return frame.regs[%s]' % self.arg(0))

    def callee(self):
        o = self.out
        idx = self.arg(0)
        if self.cfg.promote:
            self.jit.add('promote')
            idx = 'promote(%s)' % idx
        o.add('callee = frame.vm.codes[%s]' % idx)

    def r_CALL(self):
        o = self.out
        self.callee()
        o.add('d = %s' % self.arg(1))
        o.add('f = new_frame(frame.vm, callee, frame.regs[%s], '
              'frame.regs[%s])' % (self.arg(2), self.arg(3)))
        self.advance(4)
        o.add('frame.regs[d] = interpret(callee, f)')

    def r_THROW(self):
        self.out.add('raise GuestError(get_const(code, %s))' % self.arg(0))

    def push_handler(self, depth):
        o = self.out
        if self.cfg.handlers == 'list':
            o.add('frame.handlers.append(%s)' % self.arg(0))
            o.add('frame.depths.append(%s)' % depth)
        else:
            o.add('frame.handler = Handler(%s, %s, frame.handler)' % (
                self.arg(0), depth))
        self.advance(1)

    def pop_handler(self):
        o = self.out
        if self.cfg.handlers == 'list':
            o.add('frame.handlers.pop()')
            o.add('frame.depths.pop()')
        else:
            o.add('h = frame.handler')
            with o.block('if h is not None:'):
                o.add('frame.handler = h.outer')

    def r_TRY(self):
        self.push_handler('0')

    def r_ENDTRY(self):
        self.pop_handler()

    def r_STORE(self):
        self.out.add('%s[frame.regs[%s] & 63] = frame.regs[%s]' % (
            self.heap('mem'), self.arg(0), self.arg(1)))
        self.advance(2)

    def r_LOAD(self):
        self.out.add('frame.regs[%s] = %s[frame.regs[%s] & 63]' % (
            self.arg(0), self.heap('mem'), self.arg(1)))
        self.advance(2)

    def r_EMIT(self):
        self.out.add('%s.append(chr(65 + frame.regs[%s] %% 26))' % (
            self.heap('out'), self.arg(0)))
        self.advance(1)

    def r_GSET(self):
        self.out.add('frame.vm.glob[KEYS[%s]] = frame.regs[%s]' % (
            self.arg(0), self.arg(1)))
        self.advance(2)

    def r_GGET(self):
        self.out.add('frame.regs[%s] = frame.vm.glob.get(KEYS[%s], 0)' % (
            self.arg(0), self.arg(1)))
        self.advance(2)

    def r_FADD(self):
        self.out.add('frame.vm.acc += float(frame.regs[%s]) * 0.25' %
                     self.arg(0))
        self.advance(1)

    def r_NEWBOX(self):
        self.out.add('frame.vm.boxes[frame.regs[%s] & 7] = '
                     'Box(frame.regs[%s])' % (self.arg(0), self.arg(1)))
        self.advance(2)

    def r_GETBOX(self):
        self.out.add('frame.regs[%s] = frame.vm.boxes[frame.regs[%s] & 7]'
                     '.value' % (self.arg(0), self.arg(1)))
        self.advance(2)

    # ---------------------------------------------- stack machine ops

    def s_PUSHK(self):
        self.out.add('frame.stack.append(get_const(code, %s))' % self.arg(0))
        self.advance(1)

    def s_LOADR(self):
        self.out.add('frame.stack.append(frame.locals[%s])' % self.arg(0))
        self.advance(1)

    def s_STORER(self):
        self.out.add('frame.locals[%s] = frame.stack.pop()' % self.arg(0))
        self.advance(1)

    def s_bin(self, name):
        o = self.out
        o.add('b = frame.stack.pop()')
        o.add('a = frame.stack.pop()')
        o.add('frame.stack.append(%s)' % self.BIN[name])

    def s_DUP(self):
        self.out.add('frame.stack.append(frame.stack[-1])')

    def s_POP(self):
        self.out.add('frame.stack.pop()')

    def s_SWAP(self):
        o = self.out
        o.add('b = frame.stack.pop()')
        o.add('a = frame.stack.pop()')
        o.add('frame.stack.append(b)')
        o.add('frame.stack.append(a)')

    def s_JUMP(self):
        self.jump_to(self.arg(0))

    def s_JZ(self):
        self.out.add('v = frame.stack.pop()')
        self.cond_jump('v == 0', self.arg(0), 1)

    def s_JNZ(self):
        self.out.add('v = frame.stack.pop()')
        self.cond_jump('v != 0', self.arg(0), 1)

    def s_DECJNZ(self):
        o = self.out
        o.add('c = %s' % self.arg(0))
        o.add('v = frame.locals[c] - 1')
        o.add('frame.locals[c] = v')
        self.cond_jump('v != 0', self.arg(1), 2)

    def s_PRINT(self):
        self.out.add('show(frame.stack.pop())')

    def s_RET(self):
        self.out.add('return frame.stack.pop()')

    def s_CALL(self):
        o = self.out
        self.callee()
        self.advance(1)
        o.add('b = frame.stack.pop()')
        o.add('a = frame.stack.pop()')
        o.add('frame.stack.append(interpret(callee, new_frame(frame.vm, '
              'callee, a, b)))')

    def s_THROW(self):
        self.r_THROW()

    def s_TRY(self):
        self.push_handler('len(frame.stack)')

    def s_ENDTRY(self):
        self.pop_handler()

    def s_STOREM(self):
        o = self.out
        o.add('addr = frame.stack.pop()')
        o.add('%s[addr & 63] = frame.stack.pop()' % self.heap('mem'))

    def s_LOADM(self):
        o = self.out
        o.add('addr = frame.stack.pop()')
        o.add('frame.stack.append(%s[addr & 63])' % self.heap('mem'))

    def s_EMIT(self):
        self.out.add('%s.append(chr(65 + frame.stack.pop() %% 26))' %
                     self.heap('out'))

    def s_FADD(self):
        self.out.add('frame.vm.acc += float(frame.stack.pop()) * 0.25')


for _name in VMWriter.BIN:
    setattr(VMWriter, 'r_' + _name,
            lambda self, n=_name: self.r_bin(n))
    setattr(VMWriter, 's_' + _name,
            lambda self, n=_name: self.s_bin(n))


# ------------------------------------------------------------- program

def encode(code, encoding):
    if encoding == 'str':
        return py_str_literal(''.join(chr(v) for v in code))
    lines = []
    for i in range(0, len(code), 16):
        lines.append(', '.join(str(v) for v in code[i:i + 16]))
    return '[\n    ' + ',\n    '.join(lines) + ',\n]'


def generate(seed):
    rng = random.Random(seed)
    cfg = Config(rng)
    opargs = opcode_table(cfg, rng)
    names = sorted(opargs)
    numbers = rng.sample(range(1, 120), len(names))
    opnum = dict(zip(names, numbers))
    for attempt in range(20):
        guest = GuestGen(rng, cfg)
        funcs = guest.program()
        consts = {}
        asm = Assembler(cfg, opnum, funcs, consts, rng)
        # callees first, so that a call knows the steps of what it calls
        # (a recursive function's own cost is one activation's)
        for f in sorted(funcs, key=lambda f: -f.index):
            asm.assemble(f)
        steps = funcs[0].cost
        if steps <= MAX_STEPS:
            break
    encoding = 'str' if chance(rng, 0.3) and \
        all(len(f.code) < 250 and max(f.code) < 256 for f in funcs) and \
        len(consts) < 256 else 'list'
    vm = VMWriter(cfg, rng, opnum, opargs, encoding)
    vm.classes()
    vm.helpers()
    vm.interpret()
    out = Lines()
    out.add('# difftest: interpreter-shaped program, seed %d' % seed)
    out.add('# generated by tests/difftest/gen_interp.py: a %s machine, '
            'bytecode as a %s, about %d guest steps' % (
                cfg.kind, encoding, steps))
    out.add('from rpy.jit import ' + ', '.join(sorted(vm.jit)))
    out.blank()
    for name in sorted(opnum, key=lambda n: opnum[n]):
        out.add('OP_%s = %d' % (name, opnum[name]))
    out.blank()
    pool = sorted(consts, key=lambda v: consts[v])
    out.add('CONSTS = [%s]' % ', '.join(str(v) for v in pool))
    out.add("KEYS = ['a', 'bb', 'c', 'dd']")
    if cfg.heap == 'global':
        out.add('MEM = [0] * 64')
        out.add("OUT = ['']")
    for f in funcs:
        out.add('CODE_%s = %s' % (f.name.upper(), encode(f.code, encoding)))
    out.blank()
    out.blank()
    out.lines.extend(vm.out.lines)
    entry_point(out, cfg, funcs)
    return out.text()


def entry_point(out, cfg, funcs):
    with out.block('def entry_point(argv):'):
        out.add('codes = [%s]' % ', '.join(
            "Code('%s', CODE_%s, CONSTS, %d)" % (f.name, f.name.upper(),
                                                 f.nargs) for f in funcs))
        out.add('vm = VM(codes)')
        with out.block('try:'):
            out.add('result = interpret(codes[0], new_frame(vm, codes[0], '
                    '0, 0))')
        with out.block('except GuestError as e:'):
            out.add("print('uncaught guest error', e.code)")
            out.add('return 1')
        out.add("print('result', result)")
        heap = 'MEM' if cfg.heap == 'global' else 'vm.mem'
        if cfg.mem:
            out.add('print(%s[:16], len(%s))' % (heap, heap))
        if cfg.emit:
            o = 'OUT' if cfg.heap == 'global' else 'vm.out'
            out.add("print(len(%s), ''.join(%s[:60]))" % (o, o))
        if cfg.floats:
            out.add('print(vm.acc)')
        if cfg.globs:
            out.add('print(list(vm.glob.keys()), list(vm.glob.values()))')
        if cfg.boxes:
            out.add('print([b.value for b in vm.boxes])')
        out.add('return 0')
    out.blank()
    out.blank()
    out.lines.extend([
        'def target(*args):', '    return entry_point, None', '', '',
        "if __name__ == '__main__':", '    import sys',
        '    sys.exit(entry_point(sys.argv))'])


if __name__ == '__main__':
    import sys
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1))
