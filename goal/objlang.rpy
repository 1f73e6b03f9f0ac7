# objlang.rpy -- a small dynamically typed, object-based language in rpy.
#
# Design
#  * Values are boxed in a class hierarchy: W_Object is the base class and
#    W_Int, W_Str, W_List, W_None, W_Func and W_Builtin override its
#    virtual methods (add, sub, mul, div, mod, lt, eq, neg, is_true, str,
#    repr, getitem, setitem, length).  The interpreter never looks inside
#    a value: `a + b` is `w_a.add(w_b)`, dispatched on the runtime class.
#  * Source (read from argv[1]) is a statement language with `end`-closed
#    blocks:   x = e   xs[i] = e   print e, e   if e then .. elif e then ..
#    else .. end   while e do .. end   def f(a, b) .. end   return e
#    with int and string literals, lists [a, b], indexing, calls, + - * / %
#    (`/` is floor division on ints), comparisons, and/or/not, and the
#    builtins len, str, int, append.  The global `arg` holds argv[2] as a
#    string (or None).
#  * A one-pass recursive-descent compiler turns the source straight into
#    bytecode: one Code object per function (and one for the module) with
#    `ops` (a list of ints), `consts` (boxed constants), the names it uses
#    and `stacksize`, the deepest its value stack gets (the compiler counts
#    each op's stack effect as it emits).  Code objects never change once
#    compiled: `_immutable_fields_` lets the JIT fold reads of them.
#  * The module's variables (the globals) are a "celldict", as in PyPy's
#    pypy/objspace/std/celldict.py: the Globals object maps a name to a
#    Cell (a mutable box holding the value) and owns a `version`, a fresh
#    VersionTag whenever a name is added.  Every Code holds the Globals in
#    an immutable field, so with the code green it is a constant in traces;
#    LOAD_GLOBAL/STORE_GLOBAL find the cell with the @elidable
#    _lookup_cell(name, promote(version)) -- folded to a constant cell and
#    one guard on the version -- and then read or write `cell.w_value`.
#  * Function variables are compile-time slots, as CPython's fast locals:
#    every name a function assigns (or takes as an argument) is one of its
#    locals; the other names it reads are LOAD_GLOBALs.  A slot holds None
#    until assigned, and LOAD_FAST of an unset slot reads the global of
#    that name, so a function still sees its own variables, then the
#    globals, exactly as with a dict per call.
#  * A Frame is one fixed-size list, the local slots then the value stack
#    (PyPy's locals_cells_stack_w), and `depth`, the first free stack slot.
#    Right after jit_merge_point the depth is promoted (as PyPy's
#    interp_jit.py does to valuestackdepth): it is the same every time a pc
#    is reached, so every stack index is a constant in traces.  pop()
#    clears the slot it pops, so dead values do not stay reachable.
#  * interpret(code, frame) is the dispatch loop and JIT portal: greens pc
#    and code, red the frame; backward jumps of `while` call can_enter_jit.
#    A call creates a Frame, moves the arguments from the caller's stack
#    into its first slots and recurses into interpret(); the callee's code
#    object is promote()d, so a trace specialises on the function being
#    called.  Helpers with loops the JIT should trace through (moving
#    arguments, popping n values) are @unroll_safe; printing is a helper
#    the JIT leaves a call.
#
# Usage: objlang.rpy PROGRAM.obj [ARG]

from rpy.jit import JitDriver, promote, elidable, unroll_safe
from rpy.io import read_file, write, write_err


class ObjError(Exception):
    """A run-time error of the interpreted program."""
    def __init__(self, msg):
        self.msg = msg


class ParseError(Exception):
    def __init__(self, lineno, msg):
        self.lineno = lineno
        self.msg = msg


# ------------------------------------------------------------------ objects

class W_Object(object):
    def type_name(self):
        return "object"

    def unsupported(self, what, w_other):
        raise ObjError("unsupported operand types for " + what + ": " +
                       self.type_name() + " and " + w_other.type_name())

    def add(self, w_other):
        return self.unsupported("+", w_other)

    def sub(self, w_other):
        return self.unsupported("-", w_other)

    def mul(self, w_other):
        return self.unsupported("*", w_other)

    def div(self, w_other):
        return self.unsupported("/", w_other)

    def mod(self, w_other):
        return self.unsupported("%", w_other)

    def lt(self, w_other):
        return self.unsupported("<", w_other)

    def eq(self, w_other):
        return self is w_other

    def neg(self):
        raise ObjError("bad operand type for unary -: " + self.type_name())

    def is_true(self):
        return True

    def str(self):
        return "<" + self.type_name() + ">"

    def repr(self):
        return self.str()

    def getitem(self, w_index):
        raise ObjError(self.type_name() + " is not indexable")

    def setitem(self, w_index, w_value):
        raise ObjError(self.type_name() + " does not support item assignment")

    def length(self):
        raise ObjError(self.type_name() + " has no len()")


class W_None(W_Object):
    def type_name(self):
        return "None"

    def eq(self, w_other):
        return isinstance(w_other, W_None)

    def is_true(self):
        return False

    def str(self):
        return "None"


class W_Int(W_Object):
    _immutable_fields_ = ['intval']

    def __init__(self, intval):
        self.intval = intval

    def type_name(self):
        return "int"

    def add(self, w_other):
        if isinstance(w_other, W_Int):
            return W_Int(self.intval + w_other.intval)
        return self.unsupported("+", w_other)

    def sub(self, w_other):
        if isinstance(w_other, W_Int):
            return W_Int(self.intval - w_other.intval)
        return self.unsupported("-", w_other)

    def mul(self, w_other):
        if isinstance(w_other, W_Int):
            return W_Int(self.intval * w_other.intval)
        if isinstance(w_other, W_Str):
            return w_other.mul(self)
        return self.unsupported("*", w_other)

    def div(self, w_other):
        if isinstance(w_other, W_Int):
            if w_other.intval == 0:
                raise ObjError("division by zero")
            return W_Int(self.intval // w_other.intval)
        return self.unsupported("/", w_other)

    def mod(self, w_other):
        if isinstance(w_other, W_Int):
            if w_other.intval == 0:
                raise ObjError("modulo by zero")
            return W_Int(self.intval % w_other.intval)
        return self.unsupported("%", w_other)

    def lt(self, w_other):
        if isinstance(w_other, W_Int):
            return self.intval < w_other.intval
        return self.unsupported("<", w_other)

    def eq(self, w_other):
        if isinstance(w_other, W_Int):
            return self.intval == w_other.intval
        return False

    def neg(self):
        return W_Int(-self.intval)

    def is_true(self):
        return self.intval != 0

    def str(self):
        return str(self.intval)


class W_Str(W_Object):
    _immutable_fields_ = ['strval']

    def __init__(self, strval):
        self.strval = strval

    def type_name(self):
        return "str"

    def add(self, w_other):
        if isinstance(w_other, W_Str):
            return W_Str(self.strval + w_other.strval)
        return self.unsupported("+", w_other)

    def mul(self, w_other):
        if isinstance(w_other, W_Int):
            n = w_other.intval
            if n < 0:
                n = 0
            return W_Str(self.strval * n)
        return self.unsupported("*", w_other)

    def lt(self, w_other):
        if isinstance(w_other, W_Str):
            return self.strval < w_other.strval
        return self.unsupported("<", w_other)

    def eq(self, w_other):
        if isinstance(w_other, W_Str):
            return self.strval == w_other.strval
        return False

    def is_true(self):
        return len(self.strval) != 0

    def str(self):
        return self.strval

    def repr(self):
        return "'" + self.strval + "'"

    def getitem(self, w_index):
        i = check_index(w_index, len(self.strval))
        return W_Str(self.strval[i])

    def length(self):
        return len(self.strval)


class W_List(W_Object):
    def __init__(self, items):
        self.items = items

    def type_name(self):
        return "list"

    def add(self, w_other):
        if isinstance(w_other, W_List):
            return W_List(self.items + w_other.items)
        return self.unsupported("+", w_other)

    def eq(self, w_other):
        if not isinstance(w_other, W_List):
            return False
        if len(self.items) != len(w_other.items):
            return False
        for i in range(len(self.items)):
            if not self.items[i].eq(w_other.items[i]):
                return False
        return True

    def is_true(self):
        return len(self.items) != 0

    def str(self):
        parts = [w_item.repr() for w_item in self.items]
        return "[" + ", ".join(parts) + "]"

    def getitem(self, w_index):
        i = check_index(w_index, len(self.items))
        return self.items[i]

    def setitem(self, w_index, w_value):
        i = check_index(w_index, len(self.items))
        self.items[i] = w_value

    def length(self):
        return len(self.items)


class W_Func(W_Object):
    _immutable_fields_ = ['code']

    def __init__(self, code):
        self.code = code

    def type_name(self):
        return "function"

    def str(self):
        return "<function " + self.code.name + ">"


class W_Builtin(W_Object):
    _immutable_fields_ = ['name', 'nargs']

    def __init__(self, name, nargs):
        self.name = name
        self.nargs = nargs

    def type_name(self):
        return "builtin"

    def str(self):
        return "<builtin " + self.name + ">"


def check_index(w_index, length):
    if not isinstance(w_index, W_Int):
        raise ObjError("index must be an int, not " + w_index.type_name())
    i = w_index.intval
    if i < 0:
        i += length
    if i < 0 or i >= length:
        raise ObjError("index out of range")
    return i


def wrap_bool(b):
    if b:
        return W_Int(1)
    return W_Int(0)


# ----------------------------------------------------------------- bytecode

LOAD_CONST = 0      # const index
LOAD_FAST = 1       # local slot (unset: the global of that name)
STORE_FAST = 2      # local slot
BINARY_ADD = 3
BINARY_SUB = 4
BINARY_MUL = 5
BINARY_DIV = 6
BINARY_MOD = 7
COMPARE_LT = 8
COMPARE_LE = 9
COMPARE_GT = 10
COMPARE_GE = 11
COMPARE_EQ = 12
COMPARE_NE = 13
UNARY_NOT = 14
UNARY_NEG = 15
JUMP = 16           # target
JUMP_IF_FALSE = 17  # target (pops)
JUMP_IF_FALSE_OR_POP = 18   # target (keeps the value when jumping)
JUMP_IF_TRUE_OR_POP = 19    # target (keeps the value when jumping)
CALL = 20           # number of arguments
RETURN = 21
PRINT = 22          # number of values
POP = 23
BUILD_LIST = 24     # number of items
GETITEM = 25
SETITEM = 26
LOAD_GLOBAL = 27    # name index
STORE_GLOBAL = 28   # name index

OPNAMES = ['LOAD_CONST', 'LOAD_FAST', 'STORE_FAST', 'BINARY_ADD',
           'BINARY_SUB', 'BINARY_MUL', 'BINARY_DIV', 'BINARY_MOD',
           'COMPARE_LT', 'COMPARE_LE', 'COMPARE_GT', 'COMPARE_GE',
           'COMPARE_EQ', 'COMPARE_NE', 'UNARY_NOT', 'UNARY_NEG', 'JUMP',
           'JUMP_IF_FALSE', 'JUMP_IF_FALSE_OR_POP', 'JUMP_IF_TRUE_OR_POP',
           'CALL', 'RETURN', 'PRINT', 'POP', 'BUILD_LIST', 'GETITEM',
           'SETITEM', 'LOAD_GLOBAL', 'STORE_GLOBAL']

HAS_ARG = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0,
           1, 0, 1, 0, 0, 1, 1]


def stack_effect(op, arg):
    """How much `op` changes the depth of the value stack."""
    if op == LOAD_CONST or op == LOAD_FAST or op == LOAD_GLOBAL:
        return 1
    if op == UNARY_NOT or op == UNARY_NEG or op == JUMP:
        return 0
    if op == CALL or op == PRINT:
        return -arg
    if op == BUILD_LIST:
        return 1 - arg
    if op == SETITEM:
        return -3
    # stores, binary operators, comparisons, RETURN, POP, GETITEM and
    # the conditional jumps (the *_OR_POP ones pop when they fall through;
    # where they jump, the other operand's value takes the same place)
    return -1


BINOPS = {'+': BINARY_ADD, '-': BINARY_SUB, '*': BINARY_MUL,
          '/': BINARY_DIV, '%': BINARY_MOD}
COMPARES = {'<': COMPARE_LT, '<=': COMPARE_LE, '>': COMPARE_GT,
            '>=': COMPARE_GE, '==': COMPARE_EQ, '!=': COMPARE_NE}

KEYWORDS = ['def', 'end', 'if', 'then', 'elif', 'else', 'while', 'do',
            'print', 'return', 'and', 'or', 'not', 'None']

BUILTINS = ['len', 'str', 'int', 'append']
BUILTIN_NARGS = [1, 1, 1, 2]


# ------------------------------------------------------------------ globals

class VersionTag(object):
    """Identity only: a Globals gets a new one whenever a name is added."""


class Cell(object):
    """The box one global variable lives in: its address never changes, so
    a trace that found the cell of a name reads and writes its field."""

    def __init__(self, w_value):
        self.w_value = w_value


class Globals(object):
    """The module's variables, a "celldict" as in PyPy's
    pypy/objspace/std/celldict.py: name -> Cell.  Storing to a name that
    has a cell writes the cell; adding a name adds a cell and replaces
    `version`.  _lookup_cell() is @elidable given the version, so with a
    constant Globals, a constant name and the promoted version the JIT
    folds the dict lookup and keeps only a guard on the version."""

    def __init__(self):
        self.cells = {}
        self.version = VersionTag()

    @elidable
    def _lookup_cell(self, name, version):
        return self.cells.get(name, None)

    def lookup_cell(self, name):
        return self._lookup_cell(name, promote(self.version))

    def load(self, name):
        cell = self.lookup_cell(name)
        if cell is None:
            raise ObjError("name '" + name + "' is not defined")
        return cell.w_value

    def store(self, name, w_value):
        cell = self.lookup_cell(name)
        if cell is None:
            self.cells[name] = Cell(w_value)
            self.version = VersionTag()
        else:
            cell.w_value = w_value


class Code(object):
    _immutable_fields_ = ['name', 'argnames[*]', 'ops[*]', 'consts[*]',
                          'names[*]', 'localnames[*]', 'nlocals',
                          'stacksize', 'w_globals']

    def __init__(self, name, argnames, ops, consts, names, localnames,
                 stacksize, w_globals):
        self.name = name
        self.argnames = argnames
        self.ops = ops
        self.consts = consts
        self.names = names              # of LOAD_GLOBAL / STORE_GLOBAL
        self.localnames = localnames    # of the local slots
        self.nlocals = len(localnames)
        self.stacksize = stacksize      # the deepest the value stack gets
        self.w_globals = w_globals


# -------------------------------------------------------------------- lexer

class Token(object):
    def __init__(self, kind, text, lineno):
        self.kind = kind        # 'int', 'str', 'name', 'kw', 'op', 'eof'
        self.text = text
        self.lineno = lineno


def is_name_char(c):
    return c.isalpha() or c.isdigit() or c == '_'


def tokenize(source):
    tokens = []
    i = 0
    lineno = 1
    n = len(source)
    while i < n:
        c = source[i]
        if c == '\n':
            lineno += 1
            i += 1
        elif c.isspace():
            i += 1
        elif c == '#':
            while i < n and source[i] != '\n':
                i += 1
        elif c.isdigit():
            start = i
            while i < n and source[i].isdigit():
                i += 1
            tokens.append(Token('int', source[start:i], lineno))
        elif c.isalpha() or c == '_':
            start = i
            while i < n and is_name_char(source[i]):
                i += 1
            word = source[start:i]
            kind = 'name'
            if word in KEYWORDS:
                kind = 'kw'
            tokens.append(Token(kind, word, lineno))
        elif c == '"':
            i += 1
            chars = []
            while True:
                if i >= n or source[i] == '\n':
                    raise ParseError(lineno, "unterminated string")
                c = source[i]
                if c == '"':
                    i += 1
                    break
                if c == '\\' and i + 1 < n:
                    i += 1
                    e = source[i]
                    if e == 'n':
                        chars.append('\n')
                    elif e == 't':
                        chars.append('\t')
                    else:
                        chars.append(e)
                else:
                    chars.append(c)
                i += 1
            tokens.append(Token('str', "".join(chars), lineno))
        else:
            two = source[i:i + 2]
            if two == '<=' or two == '>=' or two == '==' or two == '!=':
                tokens.append(Token('op', two, lineno))
                i += 2
            elif c in '+-*/%<>=()[],':
                tokens.append(Token('op', c, lineno))
                i += 1
            else:
                raise ParseError(lineno, "unexpected character '" + c + "'")
    tokens.append(Token('eof', '', lineno))
    return tokens


# ----------------------------------------------------------------- compiler

class CodeBuilder(object):
    def __init__(self, name, argnames, w_globals, is_function):
        self.name = name
        self.argnames = argnames
        self.w_globals = w_globals
        self.is_function = is_function
        self.ops = []
        self.consts = []
        self.names = []
        self.name_index = {}
        self.localnames = []
        self.local_slots = {}
        self.int_consts = {}
        self.str_consts = {}
        self.last_op_pos = -1
        self.depth = 0          # of the value stack after the last op
        self.max_depth = 0
        for argname in argnames:
            self.local_slot(argname)

    def account(self, op, arg):
        self.depth += stack_effect(op, arg)
        if self.depth > self.max_depth:
            self.max_depth = self.depth

    def emit(self, op):
        self.last_op_pos = len(self.ops)
        self.ops.append(op)
        self.account(op, 0)

    def emit_arg(self, op, arg):
        self.last_op_pos = len(self.ops)
        self.ops.append(op)
        self.ops.append(arg)
        self.account(op, arg)

    def last_op(self):
        if self.last_op_pos < 0:
            return -1
        return self.ops[self.last_op_pos]

    def drop_last_op(self):
        op = self.ops[self.last_op_pos]
        arg = 0
        if HAS_ARG[op]:
            arg = self.ops[self.last_op_pos + 1]
        self.depth -= stack_effect(op, arg)
        while len(self.ops) > self.last_op_pos:
            self.ops.pop()
        self.last_op_pos = -1

    def emit_jump(self, op):
        self.emit_arg(op, -1)
        return len(self.ops) - 1

    def patch(self, where):
        self.ops[where] = len(self.ops)

    def add_const(self, w_const):
        self.consts.append(w_const)
        return len(self.consts) - 1

    def int_const(self, value):
        if value in self.int_consts:
            return self.int_consts[value]
        k = self.add_const(W_Int(value))
        self.int_consts[value] = k
        return k

    def str_const(self, value):
        if value in self.str_consts:
            return self.str_consts[value]
        k = self.add_const(W_Str(value))
        self.str_consts[value] = k
        return k

    def name_index_of(self, name):
        if name in self.name_index:
            return self.name_index[name]
        self.names.append(name)
        self.name_index[name] = len(self.names) - 1
        return len(self.names) - 1

    def local_slot(self, name):
        if name in self.local_slots:
            return self.local_slots[name]
        self.localnames.append(name)
        self.local_slots[name] = len(self.localnames) - 1
        return len(self.localnames) - 1

    def emit_load(self, name):
        # provisional: build() turns it into LOAD_FAST if the function
        # turns out to assign the name somewhere (perhaps further down)
        self.emit_arg(LOAD_GLOBAL, self.name_index_of(name))

    def emit_store(self, name):
        if self.is_function:
            self.emit_arg(STORE_FAST, self.local_slot(name))
        else:
            self.emit_arg(STORE_GLOBAL, self.name_index_of(name))

    def resolve_locals(self):
        # A name a function assigns (or takes as an argument) is one of its
        # locals everywhere in it: a local slot, read by LOAD_FAST, which
        # falls back to the global while the slot is unset.
        pc = 0
        while pc < len(self.ops):
            op = self.ops[pc]
            if op == LOAD_GLOBAL:
                name = self.names[self.ops[pc + 1]]
                if name in self.local_slots:
                    self.ops[pc] = LOAD_FAST
                    self.ops[pc + 1] = self.local_slots[name]
            pc += 1 + HAS_ARG[op]

    def build(self):
        self.emit_arg(LOAD_CONST, self.add_const(W_None()))
        self.emit(RETURN)
        assert self.depth == 0
        if self.is_function:
            self.resolve_locals()
        return Code(self.name, self.argnames, self.ops, self.consts,
                    self.names, self.localnames, self.max_depth,
                    self.w_globals)


class Parser(object):
    def __init__(self, tokens, w_globals):
        self.tokens = tokens
        self.pos = 0
        self.w_globals = w_globals

    def peek(self):
        return self.tokens[self.pos]

    def next(self):
        tok = self.tokens[self.pos]
        if tok.kind != 'eof':
            self.pos += 1
        return tok

    def check(self, text):
        tok = self.tokens[self.pos]
        return (tok.kind == 'op' or tok.kind == 'kw') and tok.text == text

    def accept(self, text):
        if self.check(text):
            self.pos += 1
            return True
        return False

    def expect(self, text):
        if not self.accept(text):
            tok = self.peek()
            raise ParseError(tok.lineno, "expected '" + text + "', got '" +
                             tok.text + "'")

    def expect_name(self):
        tok = self.next()
        if tok.kind != 'name':
            raise ParseError(tok.lineno, "expected a name, got '" +
                             tok.text + "'")
        return tok.text

    # -- statements

    def parse_module(self):
        b = CodeBuilder("<module>", [], self.w_globals, False)
        while self.peek().kind != 'eof':
            self.statement(b)
        return b.build()

    def block(self, b, enders):
        # statements up to (not including) one of the keywords in enders
        while True:
            tok = self.peek()
            if tok.kind == 'eof':
                raise ParseError(tok.lineno, "missing 'end'")
            if tok.kind == 'kw' and tok.text in enders:
                return
            self.statement(b)

    def statement(self, b):
        tok = self.peek()
        if tok.kind == 'kw':
            if tok.text == 'def':
                self.next()
                self.funcdef(b)
                return
            if tok.text == 'while':
                self.next()
                self.while_stmt(b)
                return
            if tok.text == 'if':
                self.next()
                self.if_stmt(b)
                return
            if tok.text == 'print':
                self.next()
                count = 1
                self.expression(b)
                while self.accept(','):
                    self.expression(b)
                    count += 1
                b.emit_arg(PRINT, count)
                return
            if tok.text == 'return':
                self.next()
                self.expression(b)
                b.emit(RETURN)
                return
        if tok.kind == 'name':
            nxt = self.tokens[self.pos + 1]
            if nxt.kind == 'op' and nxt.text == '=':
                self.next()
                self.next()
                self.expression(b)
                b.emit_store(tok.text)
                return
        self.expression(b)
        if self.check('='):
            # `xs[i] = value`: the target was compiled as a GETITEM
            if b.last_op() != GETITEM:
                raise ParseError(tok.lineno, "cannot assign to this")
            b.drop_last_op()
            self.next()
            self.expression(b)
            b.emit(SETITEM)
            return
        b.emit(POP)

    def funcdef(self, b):
        lineno = self.peek().lineno
        name = self.expect_name()
        self.expect('(')
        args = []
        if not self.check(')'):
            args.append(self.expect_name())
            while self.accept(','):
                args.append(self.expect_name())
        self.expect(')')
        for i in range(len(args)):
            for j in range(i):
                if args[i] == args[j]:
                    raise ParseError(lineno, "duplicate argument " + args[i])
        fb = CodeBuilder(name, args, self.w_globals, True)
        self.block(fb, ['end'])
        self.expect('end')
        k = b.add_const(W_Func(fb.build()))
        b.emit_arg(LOAD_CONST, k)
        b.emit_store(name)

    def while_stmt(self, b):
        top = len(b.ops)
        self.expression(b)
        self.expect('do')
        exit_jump = b.emit_jump(JUMP_IF_FALSE)
        self.block(b, ['end'])
        self.expect('end')
        b.emit_arg(JUMP, top)
        b.patch(exit_jump)

    def if_stmt(self, b):
        end_jumps = []
        self.expression(b)
        self.expect('then')
        skip = b.emit_jump(JUMP_IF_FALSE)
        self.block(b, ['elif', 'else', 'end'])
        while True:
            if self.accept('elif'):
                end_jumps.append(b.emit_jump(JUMP))
                b.patch(skip)
                self.expression(b)
                self.expect('then')
                skip = b.emit_jump(JUMP_IF_FALSE)
                self.block(b, ['elif', 'else', 'end'])
            elif self.accept('else'):
                end_jumps.append(b.emit_jump(JUMP))
                b.patch(skip)
                skip = -1
                self.block(b, ['end'])
                self.expect('end')
                break
            else:
                self.expect('end')
                break
        if skip >= 0:
            b.patch(skip)
        for j in end_jumps:
            b.patch(j)

    # -- expressions

    def expression(self, b):
        self.and_expr(b)
        jumps = []
        while self.accept('or'):
            jumps.append(b.emit_jump(JUMP_IF_TRUE_OR_POP))
            self.and_expr(b)
        for j in jumps:
            b.patch(j)

    def and_expr(self, b):
        self.not_expr(b)
        jumps = []
        while self.accept('and'):
            jumps.append(b.emit_jump(JUMP_IF_FALSE_OR_POP))
            self.not_expr(b)
        for j in jumps:
            b.patch(j)

    def not_expr(self, b):
        if self.accept('not'):
            self.not_expr(b)
            b.emit(UNARY_NOT)
        else:
            self.comparison(b)

    def comparison(self, b):
        self.sum(b)
        tok = self.peek()
        if tok.kind == 'op' and tok.text in COMPARES:
            self.next()
            self.sum(b)
            b.emit(COMPARES[tok.text])

    def sum(self, b):
        self.term(b)
        while self.check('+') or self.check('-'):
            op = self.next().text
            self.term(b)
            b.emit(BINOPS[op])

    def term(self, b):
        self.unary(b)
        while self.check('*') or self.check('/') or self.check('%'):
            op = self.next().text
            self.unary(b)
            b.emit(BINOPS[op])

    def unary(self, b):
        if self.accept('-'):
            self.unary(b)
            b.emit(UNARY_NEG)
        else:
            self.postfix(b)

    def postfix(self, b):
        self.atom(b)
        while True:
            if self.accept('('):
                count = 0
                if not self.check(')'):
                    self.expression(b)
                    count = 1
                    while self.accept(','):
                        self.expression(b)
                        count += 1
                self.expect(')')
                b.emit_arg(CALL, count)
            elif self.accept('['):
                self.expression(b)
                self.expect(']')
                b.emit(GETITEM)
            else:
                return

    def atom(self, b):
        tok = self.next()
        if tok.kind == 'int':
            b.emit_arg(LOAD_CONST, b.int_const(int(tok.text)))
        elif tok.kind == 'str':
            b.emit_arg(LOAD_CONST, b.str_const(tok.text))
        elif tok.kind == 'name':
            b.emit_load(tok.text)
        elif tok.kind == 'kw' and tok.text == 'None':
            b.emit_arg(LOAD_CONST, b.add_const(W_None()))
        elif tok.kind == 'op' and tok.text == '(':
            self.expression(b)
            self.expect(')')
        elif tok.kind == 'op' and tok.text == '[':
            count = 0
            if not self.check(']'):
                self.expression(b)
                count = 1
                while self.accept(','):
                    self.expression(b)
                    count += 1
            self.expect(']')
            b.emit_arg(BUILD_LIST, count)
        else:
            raise ParseError(tok.lineno, "unexpected '" + tok.text + "'")


def compile_source(source, w_globals):
    return Parser(tokenize(source), w_globals).parse_module()


def disassemble(code):
    write("code " + code.name + " (" + str(code.nlocals) + " locals, stack " +
          str(code.stacksize) + ")\n")
    pc = 0
    while pc < len(code.ops):
        op = code.ops[pc]
        line = "  " + str(pc) + " " + OPNAMES[op]
        pc += 1
        if HAS_ARG[op]:
            arg = code.ops[pc]
            pc += 1
            line = line + " " + str(arg)
            if op == LOAD_CONST:
                line = line + " (" + code.consts[arg].repr() + ")"
            elif op == LOAD_FAST or op == STORE_FAST:
                line = line + " (" + code.localnames[arg] + ")"
            elif op == LOAD_GLOBAL or op == STORE_GLOBAL:
                line = line + " (" + code.names[arg] + ")"
        write(line + "\n")
    for w_const in code.consts:
        if isinstance(w_const, W_Func):
            disassemble(w_const.code)


# -------------------------------------------------------------- interpreter

class Frame(object):
    # The local slots and the value stack share one fixed-size list, as in
    # PyPy's frames (locals_cells_stack_w): code.nlocals locals, then
    # code.stacksize stack slots; `depth` is the index of the first free
    # stack slot.  An unset local is None.
    _immutable_fields_ = ['values']

    def __init__(self, code):
        self.values = [None] * (code.nlocals + code.stacksize)
        self.depth = code.nlocals

    def push(self, w_value):
        depth = self.depth
        self.values[depth] = w_value
        self.depth = depth + 1

    def pop(self):
        depth = self.depth - 1
        w_value = self.values[depth]
        self.values[depth] = None       # as PyPy's popvalue: no dead refs
        self.depth = depth
        return w_value

    def peek(self, n):
        # the value n slots below the top (0: the top)
        return self.values[self.depth - 1 - n]

    @unroll_safe
    def drop(self, count):
        depth = self.depth
        for i in range(count):
            depth -= 1
            self.values[depth] = None
        self.depth = depth


def get_location(pc, code):
    return code.name + ":" + str(pc) + " " + OPNAMES[code.ops[pc]]


driver = JitDriver(greens=['pc', 'code'], reds=['frame'],
                   get_printable_location=get_location)


def call_builtin(w_builtin, args_w):
    name = w_builtin.name
    if name == 'len':
        return W_Int(args_w[0].length())
    elif name == 'str':
        return W_Str(args_w[0].str())
    elif name == 'int':
        w_x = args_w[0]
        if isinstance(w_x, W_Int):
            return w_x
        if isinstance(w_x, W_Str):
            try:
                return W_Int(int(w_x.strval))
            except ValueError:
                raise ObjError("invalid literal for int(): '" +
                               w_x.strval + "'")
        raise ObjError("int() of " + w_x.type_name())
    elif name == 'append':
        w_list = args_w[0]
        if not isinstance(w_list, W_List):
            raise ObjError("append() to " + w_list.type_name())
        w_list.items.append(args_w[1])
        return W_None()
    raise ObjError("unknown builtin " + name)


@unroll_safe
def call_function(frame, w_func, nargs):
    # the arguments are the top nargs values of frame's stack, the function
    # the value below them; they go straight into the new frame's slots
    code = promote(w_func.code)
    if nargs != len(code.argnames):
        raise ObjError(code.name + "() takes " + str(len(code.argnames)) +
                       " arguments, got " + str(nargs))
    newframe = Frame(code)
    base = frame.depth - nargs
    for i in range(nargs):
        newframe.values[i] = frame.values[base + i]
    frame.drop(nargs + 1)
    return interpret(code, newframe)


@unroll_safe
def pop_values(frame, count):
    args_w = [None] * count
    i = count - 1
    while i >= 0:
        args_w[i] = frame.pop()
        i -= 1
    return args_w


def print_values(args_w):
    # a loop, so the JIT leaves it a call (formatting and I/O are not
    # worth tracing)
    parts = [w_arg.str() for w_arg in args_w]
    write(" ".join(parts) + "\n")


def load_fast(code, frame, slot):
    w_value = frame.values[slot]
    if w_value is None:
        # not assigned (yet) in this call: the global of that name
        return code.w_globals.load(code.localnames[slot])
    return w_value


def interpret(code, frame):
    pc = 0
    while True:
        driver.jit_merge_point(pc=pc, code=code, frame=frame)
        # the stack depth at a pc is always the same: a constant in traces,
        # so every stack slot index is one (PyPy's interp_jit.py does this
        # to valuestackdepth)
        frame.depth = promote(frame.depth)
        op = code.ops[pc]
        pc += 1
        if op == LOAD_CONST:
            frame.push(code.consts[code.ops[pc]])
            pc += 1
        elif op == LOAD_FAST:
            frame.push(load_fast(code, frame, code.ops[pc]))
            pc += 1
        elif op == STORE_FAST:
            frame.values[code.ops[pc]] = frame.pop()
            pc += 1
        elif op == LOAD_GLOBAL:
            frame.push(code.w_globals.load(code.names[code.ops[pc]]))
            pc += 1
        elif op == STORE_GLOBAL:
            code.w_globals.store(code.names[code.ops[pc]], frame.pop())
            pc += 1
        elif op == BINARY_ADD:
            w_b = frame.pop()
            w_a = frame.pop()
            frame.push(w_a.add(w_b))
        elif op == BINARY_SUB:
            w_b = frame.pop()
            w_a = frame.pop()
            frame.push(w_a.sub(w_b))
        elif op == BINARY_MUL:
            w_b = frame.pop()
            w_a = frame.pop()
            frame.push(w_a.mul(w_b))
        elif op == BINARY_DIV:
            w_b = frame.pop()
            w_a = frame.pop()
            frame.push(w_a.div(w_b))
        elif op == BINARY_MOD:
            w_b = frame.pop()
            w_a = frame.pop()
            frame.push(w_a.mod(w_b))
        elif op == COMPARE_LT:
            w_b = frame.pop()
            w_a = frame.pop()
            frame.push(wrap_bool(w_a.lt(w_b)))
        elif op == COMPARE_LE:
            w_b = frame.pop()
            w_a = frame.pop()
            frame.push(wrap_bool(not w_b.lt(w_a)))
        elif op == COMPARE_GT:
            w_b = frame.pop()
            w_a = frame.pop()
            frame.push(wrap_bool(w_b.lt(w_a)))
        elif op == COMPARE_GE:
            w_b = frame.pop()
            w_a = frame.pop()
            frame.push(wrap_bool(not w_a.lt(w_b)))
        elif op == COMPARE_EQ:
            w_b = frame.pop()
            w_a = frame.pop()
            frame.push(wrap_bool(w_a.eq(w_b)))
        elif op == COMPARE_NE:
            w_b = frame.pop()
            w_a = frame.pop()
            frame.push(wrap_bool(not w_a.eq(w_b)))
        elif op == UNARY_NOT:
            frame.push(wrap_bool(not frame.pop().is_true()))
        elif op == UNARY_NEG:
            frame.push(frame.pop().neg())
        elif op == JUMP:
            target = code.ops[pc]
            if target < pc:
                driver.can_enter_jit(pc=target, code=code, frame=frame)
            pc = target
        elif op == JUMP_IF_FALSE:
            target = code.ops[pc]
            pc += 1
            if not frame.pop().is_true():
                pc = target
        elif op == JUMP_IF_FALSE_OR_POP:
            target = code.ops[pc]
            pc += 1
            w_top = frame.pop()
            if not w_top.is_true():
                frame.push(w_top)
                pc = target
        elif op == JUMP_IF_TRUE_OR_POP:
            target = code.ops[pc]
            pc += 1
            w_top = frame.pop()
            if w_top.is_true():
                frame.push(w_top)
                pc = target
        elif op == CALL:
            nargs = code.ops[pc]
            pc += 1
            w_callee = frame.peek(nargs)
            if isinstance(w_callee, W_Func):
                frame.push(call_function(frame, w_callee, nargs))
            elif isinstance(w_callee, W_Builtin):
                if nargs != w_callee.nargs:
                    raise ObjError(w_callee.name + "() takes " +
                                   str(w_callee.nargs) + " arguments")
                args_w = pop_values(frame, nargs)
                frame.pop()
                frame.push(call_builtin(w_callee, args_w))
            else:
                raise ObjError(w_callee.type_name() + " is not callable")
        elif op == RETURN:
            return frame.pop()
        elif op == PRINT:
            print_values(pop_values(frame, code.ops[pc]))
            pc += 1
        elif op == POP:
            frame.pop()
        elif op == BUILD_LIST:
            frame.push(W_List(pop_values(frame, code.ops[pc])))
            pc += 1
        elif op == GETITEM:
            w_index = frame.pop()
            w_obj = frame.pop()
            frame.push(w_obj.getitem(w_index))
        elif op == SETITEM:
            w_value = frame.pop()
            w_index = frame.pop()
            w_obj = frame.pop()
            w_obj.setitem(w_index, w_value)
        else:
            raise ObjError("bad opcode " + str(op))


def entry_point(argv):
    if len(argv) < 2:
        write_err("usage: objlang.rpy PROGRAM.obj [ARG]\n")
        return 1
    dis = False
    if argv[1] == '--dis':
        dis = True
        argv = argv[1:]
    try:
        source = read_file(argv[1])
    except OSError:
        write_err("objlang: cannot read " + argv[1] + "\n")
        return 1
    w_globals = Globals()
    try:
        code = compile_source(source, w_globals)
    except ParseError as e:
        write_err(argv[1] + ":" + str(e.lineno) + ": " + e.msg + "\n")
        return 1
    if dis:
        disassemble(code)
        return 0
    for i in range(len(BUILTINS)):
        w_globals.store(BUILTINS[i],
                        W_Builtin(BUILTINS[i], BUILTIN_NARGS[i]))
    if len(argv) > 2:
        w_globals.store('arg', W_Str(argv[2]))
    else:
        w_globals.store('arg', W_None())
    try:
        interpret(code, Frame(code))
    except ObjError as e:
        write_err("objlang: error: " + e.msg + "\n")
        return 1
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
