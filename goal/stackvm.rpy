# stackvm.rpy -- a stack-based bytecode VM with functions, recursion and its
# own exceptions, written in rpy.
#
# Design
#  * Source format (.svm, read from argv[1]): a list of functions, each
#    starting with `func NAME ARG...`; the body is one instruction per line
#    (`push 3`, `load x`, `call fib`, `jumpifnot done`, `writes "hi"`...),
#    `LABEL:` lines name jump targets, `#` starts a comment.  A line
#    `default N` gives the argument passed to `main` when it takes one and
#    no argv[2] is given.
#  * The assembler turns every function into a Code object: `ops` is a list
#    of ints (opcodes followed by their operand), `consts` the list of int
#    constants, `strs` the list of string constants.  Local variable names
#    become slots (the arguments first).  Code objects never change after
#    assembly: `_immutable_fields_` tells the JIT so.
#  * Frames live on one data stack, as in CPython 3.11: a list of
#    STACK_SLOTS ints allocated once per run and shared by every frame.  A
#    Frame is just (stack, base, handler): its locals are
#    stack[base:base + nlocals] and its value stack lies right above them.
#    A call needs no copying: the arguments the caller pushed become the
#    callee's first locals (its base is where they start) and the result
#    replaces them.  A call that would not fit raises StackOverflow, which
#    ends the run with "stack overflow" (status 1).
#  * The assembler follows every path through a function to find the depth
#    of the value stack at each instruction (each must be reached with one
#    depth, as a JVM verifier checks) and the deepest it gets.  Code.tops
#    records it per pc, so the depth is not stored anywhere: the dispatch
#    loop computes the stack pointer from the pc, and since pc and code are
#    green, every stack index in a trace is the frame's base plus a
#    constant.  The JIT sees pushes and pops as reads and writes of the
#    data stack at known offsets, and a call allocates only the Frame,
#    which stays virtual.
#  * interpret(code, frame) is the dispatch loop and the JIT portal: greens
#    are pc and the code object, the only red is the Frame.  Backward jumps
#    are marked with can_enter_jit.
#  * CALL calls interpret() recursively (recursion in the portal, like
#    PyPy's own interpreter); RET returns the top of the stack to the
#    caller's loop.
#  * The language's exceptions are ints.  THROW raises the rpy exception
#    SVMThrow; TRY links a Handler (its pc) to the frame, ENDTRY pops it.
#    When SVMThrow reaches a frame's dispatch loop, the innermost handler
#    of that frame catches it (the stack is cut back to the depth the
#    handler's pc has, with the thrown value on top) or, with no handler,
#    the rpy exception propagates out of interpret() into the caller's
#    CALL, i.e. through the interpreted call stack.  Division by zero
#    throws 1000.
#
# Usage: stackvm.rpy PROGRAM.svm [N]

from rpy.jit import JitDriver, elidable, unroll_safe
from rpy.io import read_file, write, write_err

PUSH = 0        # const index
LOAD = 1        # slot
STORE = 2       # slot
ADD = 3
SUB = 4
MUL = 5
DIV = 6
MOD = 7
LT = 8
LE = 9
GT = 10
GE = 11
EQ = 12
NE = 13
NOT = 14
DUP = 15
POP = 16
SWAP = 17
JUMP = 18       # target
JUMPIF = 19     # target
JUMPIFNOT = 20  # target
CALL = 21       # function index
RET = 22
PRINT = 23
WRITE = 24
WRITES = 25     # string index
NL = 26
THROW = 27
TRY = 28        # handler target
ENDTRY = 29
NEG = 30

DIVZERO = 1000

# mnemonic -> opcode
OPCODES = {
    'push': PUSH, 'load': LOAD, 'store': STORE, 'add': ADD, 'sub': SUB,
    'mul': MUL, 'div': DIV, 'mod': MOD, 'lt': LT, 'le': LE, 'gt': GT,
    'ge': GE, 'eq': EQ, 'ne': NE, 'not': NOT, 'dup': DUP, 'pop': POP,
    'swap': SWAP, 'jump': JUMP, 'jumpif': JUMPIF, 'jumpifnot': JUMPIFNOT,
    'call': CALL, 'ret': RET, 'print': PRINT, 'write': WRITE,
    'writes': WRITES, 'nl': NL, 'throw': THROW, 'try': TRY,
    'endtry': ENDTRY, 'neg': NEG,
}

# what the operand of an opcode is: 0 none, 1 int constant, 2 local name,
# 3 label, 4 function name, 5 string literal
ARGKIND = {
    'push': 1, 'load': 2, 'store': 2, 'jump': 3, 'jumpif': 3,
    'jumpifnot': 3, 'try': 3, 'call': 4, 'writes': 5,
}

NAMES = ['push', 'load', 'store', 'add', 'sub', 'mul', 'div', 'mod', 'lt',
         'le', 'gt', 'ge', 'eq', 'ne', 'not', 'dup', 'pop', 'swap', 'jump',
         'jumpif', 'jumpifnot', 'call', 'ret', 'print', 'write', 'writes',
         'nl', 'throw', 'try', 'endtry', 'neg']


class AsmError(Exception):
    def __init__(self, lineno, msg):
        self.lineno = lineno
        self.msg = msg


class SVMThrow(Exception):
    """A thrown exception of the interpreted language (an int)."""
    def __init__(self, value):
        self.value = value


class Program(object):
    def __init__(self):
        self.functions = []     # list of Code, in source order
        self.default_arg = 0


class Code(object):
    _immutable_fields_ = ['name', 'nargs', 'nlocals', 'framesize', 'ops[*]',
                          'tops[*]', 'consts[*]', 'strs[*]', 'program']

    def __init__(self, name, nargs, nlocals, framesize, ops, tops, consts,
                 strs, program):
        self.name = name
        self.nargs = nargs
        self.nlocals = nlocals
        # the slots a frame uses: locals and the deepest value stack
        self.framesize = framesize
        self.ops = ops
        # tops[pc]: where the value stack's first free slot is (counted
        # from the frame's base) when the instruction at pc starts
        self.tops = tops
        self.consts = consts
        self.strs = strs
        self.program = program


class Handler(object):
    """A `try` in effect: where its handler starts (the stack depth there
    is known statically) and the handler of the enclosing `try`."""
    _immutable_fields_ = ['pc', 'outer']

    def __init__(self, pc, outer):
        self.pc = pc
        self.outer = outer


class StackOverflow(Exception):
    """The interpreted program needs more than the data stack holds."""


class Frame(object):
    # One call of a function: its locals are stack[base:base + nlocals] of
    # the data stack shared by every frame of the run, its value stack
    # lies right above them.  The depth of the value stack is not stored:
    # it is a function of the pc (Code.tops).
    _immutable_fields_ = ['stack', 'base']

    def __init__(self, stack, base):
        self.stack = stack
        self.base = base
        self.handler = None     # the innermost Handler of a `try`


# ---------------------------------------------------------------- assembler

class FuncSource(object):
    def __init__(self, name, args, lineno):
        self.name = name
        self.args = args
        self.lineno = lineno
        self.lines = []
        self.linenos = []


def strip_comment(line):
    in_str = False
    i = 0
    while i < len(line):
        c = line[i]
        if c == '"':
            in_str = not in_str
        elif c == '\\' and in_str:
            i += 1
        elif c == '#' and not in_str:
            return line[:i]
        i += 1
    return line


def parse_string(lineno, text):
    if len(text) < 2 or not text.startswith('"') or not text.endswith('"'):
        raise AsmError(lineno, "expected a string literal")
    out = []
    i = 1
    while i < len(text) - 1:
        c = text[i]
        if c == '\\':
            i += 1
            e = text[i]
            if e == 'n':
                out.append('\n')
            elif e == 't':
                out.append('\t')
            else:
                out.append(e)
        else:
            out.append(c)
        i += 1
    return "".join(out)


def parse_int(lineno, text):
    try:
        return int(text)
    except ValueError:
        raise AsmError(lineno, "bad integer '" + text + "'")


def split_source(source, program):
    funcs = []
    cur = None
    lineno = 0
    for raw in source.split('\n'):
        lineno += 1
        line = strip_comment(raw).strip()
        if line == '':
            continue
        if line.startswith('func ') or line == 'func':
            words = line.split()
            if len(words) < 2:
                raise AsmError(lineno, "func needs a name")
            cur = FuncSource(words[1], words[2:], lineno)
            funcs.append(cur)
        elif line.startswith('default '):
            program.default_arg = parse_int(lineno, line[8:].strip())
        elif cur is None:
            raise AsmError(lineno, "instruction outside of a function")
        else:
            cur.lines.append(line)
            cur.linenos.append(lineno)
    return funcs


def assemble_function(fs, findex, nargs, program):
    ops = []
    consts = []
    strs = []
    slots = {}
    for a in fs.args:
        if a in slots:
            raise AsmError(fs.lineno, "duplicate argument '" + a + "'")
        slots[a] = len(slots)
    labels = {}
    fix_pcs = []        # positions of label operands to patch
    fix_names = []
    fix_lines = []
    for i in range(len(fs.lines)):
        line = fs.lines[i]
        lineno = fs.linenos[i]
        if line.endswith(':'):
            name = line[:len(line) - 1].strip()
            if name in labels:
                raise AsmError(lineno, "duplicate label '" + name + "'")
            labels[name] = len(ops)
            continue
        sp = line.find(' ')
        if sp < 0:
            mnem = line
            arg = ''
        else:
            mnem = line[:sp]
            arg = line[sp + 1:].strip()
        if mnem not in OPCODES:
            raise AsmError(lineno, "unknown instruction '" + mnem + "'")
        kind = ARGKIND.get(mnem, 0)
        if kind == 0:
            if arg != '':
                raise AsmError(lineno, mnem + " takes no operand")
        elif arg == '':
            raise AsmError(lineno, mnem + " needs an operand")
        ops.append(OPCODES[mnem])
        if kind == 1:
            value = parse_int(lineno, arg)
            k = 0
            while k < len(consts) and consts[k] != value:
                k += 1
            if k == len(consts):
                consts.append(value)
            ops.append(k)
        elif kind == 2:
            if arg not in slots:
                slots[arg] = len(slots)
            ops.append(slots[arg])
        elif kind == 3:
            fix_pcs.append(len(ops))
            fix_names.append(arg)
            fix_lines.append(lineno)
            ops.append(-1)
        elif kind == 4:
            if arg not in findex:
                raise AsmError(lineno, "unknown function '" + arg + "'")
            ops.append(findex[arg])
        elif kind == 5:
            strs.append(parse_string(lineno, arg))
            ops.append(len(strs) - 1)
    for j in range(len(fix_pcs)):
        name = fix_names[j]
        if name not in labels:
            raise AsmError(fix_lines[j], "unknown label '" + name + "'")
        ops[fix_pcs[j]] = labels[name]
    # falling off the end of a function returns 0
    consts.append(0)
    ops.append(PUSH)
    ops.append(len(consts) - 1)
    ops.append(RET)
    depth_at, deepest = stack_depths(fs, ops, nargs)
    nlocals = len(slots)
    tops = [nlocals + d for d in depth_at]
    return Code(fs.name, len(fs.args), nlocals, nlocals + deepest, ops, tops,
                consts, strs, program)


# how many values each opcode pops and pushes (CALL: see stack_depths)
POPS = {PUSH: 0, LOAD: 0, STORE: 1, ADD: 2, SUB: 2, MUL: 2, DIV: 2, MOD: 2,
        LT: 2, LE: 2, GT: 2, GE: 2, EQ: 2, NE: 2, NOT: 1, DUP: 1, POP: 1,
        SWAP: 2, JUMP: 0, JUMPIF: 1, JUMPIFNOT: 1, CALL: 0, RET: 1, PRINT: 1,
        WRITE: 1, WRITES: 0, NL: 0, THROW: 1, TRY: 0, ENDTRY: 0, NEG: 1}
PUSHES = {PUSH: 1, LOAD: 1, STORE: 0, ADD: 1, SUB: 1, MUL: 1, DIV: 1,
          MOD: 1, LT: 1, LE: 1, GT: 1, GE: 1, EQ: 1, NE: 1, NOT: 1, DUP: 2,
          POP: 0, SWAP: 2, JUMP: 0, JUMPIF: 0, JUMPIFNOT: 0, CALL: 1, RET: 0,
          PRINT: 0, WRITE: 0, WRITES: 0, NL: 0, THROW: 0, TRY: 0, ENDTRY: 0,
          NEG: 1}


def stack_depths(fs, ops, nargs):
    # The depth of the value stack at every pc (-1 where no instruction
    # starts) and the deepest it gets, found by following every path (as
    # a JVM verifier does): each pc must be reached with one depth.
    depth_at = [-1] * len(ops)
    depth_at[0] = 0
    todo = [0]
    deepest = 0
    while len(todo) > 0:
        pc = todo.pop()
        d = depth_at[pc]
        op = ops[pc]
        pops = POPS[op]
        if op == CALL:
            pops = nargs[ops[pc + 1]]
        if d < pops:
            raise AsmError(fs.lineno, "function '" + fs.name +
                           "': stack underflow at " + NAMES[op])
        d = d - pops + PUSHES[op]
        if d > deepest:
            deepest = d
        targets = []
        depths = []
        if ARGKIND.get(NAMES[op], 0) == 0:
            nxt = pc + 1
        else:
            nxt = pc + 2
        if op == JUMP:
            targets.append(ops[pc + 1])
            depths.append(d)
        elif op != RET and op != THROW:
            targets.append(nxt)
            depths.append(d)
        if op == JUMPIF or op == JUMPIFNOT:
            targets.append(ops[pc + 1])
            depths.append(d)
        elif op == TRY:
            # the handler starts with the thrown value pushed
            targets.append(ops[pc + 1])
            depths.append(d + 1)
        for i in range(len(targets)):
            t = targets[i]
            if depth_at[t] == -1:
                depth_at[t] = depths[i]
                todo.append(t)
            elif depth_at[t] != depths[i]:
                raise AsmError(fs.lineno, "function '" + fs.name +
                               "': the stack depth differs between paths")
    return depth_at, deepest


def assemble(source):
    program = Program()
    funcs = split_source(source, program)
    findex = {}
    nargs = []
    for fs in funcs:
        if fs.name in findex:
            raise AsmError(fs.lineno, "duplicate function '" + fs.name + "'")
        findex[fs.name] = len(findex)
        nargs.append(len(fs.args))
    for fs in funcs:
        program.functions.append(assemble_function(fs, findex, nargs,
                                                   program))
    return program


def find_function(program, name):
    for code in program.functions:
        if code.name == name:
            return code
    return None


def disassemble(code):
    write("func " + code.name + " (" + str(code.nargs) + " args, " +
          str(code.nlocals) + " locals)\n")
    pc = 0
    while pc < len(code.ops):
        name = NAMES[code.ops[pc]]
        line = "  " + str(pc) + ": " + name
        pc += 1
        if name in ARGKIND:
            line = line + " " + str(code.ops[pc])
            pc += 1
        write(line + "\n")


# -------------------------------------------------------------- interpreter

def get_location(pc, code):
    op = code.ops[pc]
    return code.name + ":" + str(pc) + " " + NAMES[op]


driver = JitDriver(greens=['pc', 'code'], reds=['frame'],
                   get_printable_location=get_location)


@elidable
def get_function(program, index):
    return program.functions[index]


@unroll_safe
def new_frame(stack, base, code):
    """The frame of a call of `code` whose arguments are stack[base:...]:
    its other locals start as 0."""
    if base + code.framesize > len(stack):
        raise StackOverflow()
    i = code.nargs
    while i < code.nlocals:
        stack[base + i] = 0
        i += 1
    return Frame(stack, base)


def interpret(code, frame):
    pc = 0
    while True:
        driver.jit_merge_point(pc=pc, code=code, frame=frame)
        stack = frame.stack
        base = frame.base
        sp = base + code.tops[pc]   # the first free slot of the value stack
        op = code.ops[pc]
        pc += 1
        try:
            if op == PUSH:
                stack[sp] = code.consts[code.ops[pc]]
                pc += 1
            elif op == LOAD:
                stack[sp] = stack[base + code.ops[pc]]
                pc += 1
            elif op == STORE:
                stack[base + code.ops[pc]] = stack[sp - 1]
                pc += 1
            elif op == ADD:
                stack[sp - 2] = stack[sp - 2] + stack[sp - 1]
            elif op == SUB:
                stack[sp - 2] = stack[sp - 2] - stack[sp - 1]
            elif op == MUL:
                stack[sp - 2] = stack[sp - 2] * stack[sp - 1]
            elif op == DIV:
                b = stack[sp - 1]
                if b == 0:
                    raise SVMThrow(DIVZERO)
                stack[sp - 2] = stack[sp - 2] // b
            elif op == MOD:
                b = stack[sp - 1]
                if b == 0:
                    raise SVMThrow(DIVZERO)
                stack[sp - 2] = stack[sp - 2] % b
            elif op == LT:
                stack[sp - 2] = 1 if stack[sp - 2] < stack[sp - 1] else 0
            elif op == LE:
                stack[sp - 2] = 1 if stack[sp - 2] <= stack[sp - 1] else 0
            elif op == GT:
                stack[sp - 2] = 1 if stack[sp - 2] > stack[sp - 1] else 0
            elif op == GE:
                stack[sp - 2] = 1 if stack[sp - 2] >= stack[sp - 1] else 0
            elif op == EQ:
                stack[sp - 2] = 1 if stack[sp - 2] == stack[sp - 1] else 0
            elif op == NE:
                stack[sp - 2] = 1 if stack[sp - 2] != stack[sp - 1] else 0
            elif op == NOT:
                stack[sp - 1] = 1 if stack[sp - 1] == 0 else 0
            elif op == NEG:
                stack[sp - 1] = -stack[sp - 1]
            elif op == DUP:
                stack[sp] = stack[sp - 1]
            elif op == POP:
                pass
            elif op == SWAP:
                a = stack[sp - 2]
                stack[sp - 2] = stack[sp - 1]
                stack[sp - 1] = a
            elif op == JUMP:
                target = code.ops[pc]
                if target < pc:
                    driver.can_enter_jit(pc=target, code=code, frame=frame)
                pc = target
            elif op == JUMPIF or op == JUMPIFNOT:
                target = code.ops[pc]
                pc += 1
                cond = stack[sp - 1] != 0
                if op == JUMPIFNOT:
                    cond = not cond
                if cond:
                    if target < pc:
                        driver.can_enter_jit(pc=target, code=code,
                                             frame=frame)
                    pc = target
            elif op == CALL:
                callee = get_function(code.program, code.ops[pc])
                pc += 1
                # the arguments on top of the stack become the callee's
                # first locals; its result replaces them
                newbase = sp - callee.nargs
                newframe = new_frame(stack, newbase, callee)
                stack[newbase] = interpret(callee, newframe)
            elif op == RET:
                return stack[sp - 1]
            elif op == PRINT:
                write(str(stack[sp - 1]) + "\n")
            elif op == WRITE:
                write(str(stack[sp - 1]))
            elif op == WRITES:
                write(code.strs[code.ops[pc]])
                pc += 1
            elif op == NL:
                write("\n")
            elif op == THROW:
                raise SVMThrow(stack[sp - 1])
            elif op == TRY:
                frame.handler = Handler(code.ops[pc], frame.handler)
                pc += 1
            elif op == ENDTRY:
                handler = frame.handler
                if handler is not None:
                    frame.handler = handler.outer
            else:
                raise AsmError(0, "bad opcode " + str(op))
        except SVMThrow as e:
            handler = frame.handler
            if handler is None:
                raise
            frame.handler = handler.outer
            # the stack is cut back to the handler's depth, which starts
            # with the thrown value on top
            pc = handler.pc
            stack[base + code.tops[pc] - 1] = e.value


# The data stack of a run, in slots: locals and value stacks of all the
# active frames.
STACK_SLOTS = 1 << 18


def run(program, argv):
    main = find_function(program, 'main')
    if main is None:
        write_err("stackvm: no function 'main'\n")
        return 1
    stack = [0] * STACK_SLOTS
    if main.nargs == 1:
        n = program.default_arg
        if len(argv) > 2:
            try:
                n = int(argv[2])
            except ValueError:
                write_err("stackvm: bad size '" + argv[2] + "'\n")
                return 1
        stack[0] = n
    elif main.nargs != 0:
        write_err("stackvm: main must take 0 or 1 arguments\n")
        return 1
    try:
        interpret(main, new_frame(stack, 0, main))
    except SVMThrow as e:
        write_err("stackvm: uncaught exception " + str(e.value) + "\n")
        return 1
    except StackOverflow:
        write_err("stackvm: stack overflow\n")
        return 1
    return 0


def entry_point(argv):
    if len(argv) < 2:
        write_err("usage: stackvm.rpy PROGRAM.svm [N]\n")
        return 1
    dis = False
    if argv[1] == '--dis':
        dis = True
        argv = argv[1:]
    try:
        source = read_file(argv[1])
    except OSError:
        write_err("stackvm: cannot read " + argv[1] + "\n")
        return 1
    try:
        program = assemble(source)
    except AsmError as e:
        write_err(argv[1] + ":" + str(e.lineno) + ": " + e.msg + "\n")
        return 1
    if dis:
        for code in program.functions:
            disassemble(code)
        return 0
    return run(program, argv)


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
