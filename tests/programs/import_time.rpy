# Module level is ordinary Python, run once at translation time: loops,
# calls of module functions, globals(), try/except around imports,
# closures made by factories, decorators, computed tables. The run-time
# code sees only the constants left behind.
try:
    from rpython.rlib.jit import JitDriver, elidable
except ImportError:
    from rpy.jit import JitDriver, elidable

try:
    from no_such_module import something
    HAVE_SOMETHING = True
except ImportError:
    HAVE_SOMETHING = False

# An opcode table built by a loop, with globals().
OPCODES = ["NOP", "PUSH", "POP", "ADD", "SUB", "JUMP_IF", "PRINT"]
NAMES = {}
for i, name in enumerate(OPCODES):
    globals()[name] = i
    NAMES[i] = name
del i, name

# Computed constants, through functions called at import time.
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

FIBS = [fib(k) for k in range(12)]
FIB_TOTAL = sum(FIBS)
HALF = 2 ** -1
SQUARES = dict([(k, k * k) for k in range(5)])
BY_LENGTH = sorted(OPCODES, key=len)
PAIRS = list(zip(OPCODES[:3], FIBS[:3]))


def count_calls(f):
    # A decorator run at import time: here it returns the function itself.
    COUNTED.append(f)
    return f


COUNTED = []


@count_calls
def double(x):
    return 2 * x


@elidable
def triple(x):
    return 3 * x


# A closure factory: each function made here is specialised on its captured value.
def make_adder(n):
    def add(x):
        return x + n
    return add


ADD_ONE = make_adder(1)
ADD_TEN = make_adder(10)
ADDERS = [make_adder(k) for k in (100, 200)]


# `global` in a function run at import time rebinds the module's name.
COUNT = 0


def register(name):
    global COUNT
    COUNT += 1
    return name + str(COUNT)


FIRST = register("a")
SECOND = register("b")


# Static methods (decorator and call styles), reached through their class;
# a module knows its file.
class Registry(object):
    @staticmethod
    def make(n):
        return n * 3

    def lookup(x):
        return x + 1
    lookup = staticmethod(lookup)


THIS_FILE_OK = __file__.endswith("import_time.rpy")


# A list default is one prebuilt list, shared by every call (as in Python).
def remember(x, seen=[]):
    seen.append(x)
    return len(seen)


class Op(object):
    arity = 0


class BinaryOp(Op):
    arity = 2


# Class attributes set after the class statement.
setattr(BinaryOp, "symbol", "+")
Op.symbol = "?"

driver = JitDriver(greens=["pc", "code"], reds=["stack", "steps"])


def run(code):
    stack = []
    pc = 0
    steps = 0
    while pc < len(code):
        driver.jit_merge_point(pc=pc, code=code, stack=stack, steps=steps)
        op = code[pc]
        steps += 1
        if op == PUSH:
            stack.append(code[pc + 1])
            pc += 2
        elif op == ADD:
            b = stack.pop()
            a = stack.pop()
            stack.append(a + b)
            pc += 1
        elif op == SUB:
            b = stack.pop()
            a = stack.pop()
            stack.append(a - b)
            pc += 1
        elif op == PRINT:
            print(NAMES[op], stack[-1])
            pc += 1
        else:
            pc += 1
    return steps


def entry_point(argv):
    print(PUSH, ADD, PRINT, NAMES[SUB], HAVE_SOMETHING)
    print(FIBS[11], FIB_TOTAL, HALF)
    print(SQUARES[4], BY_LENGTH[0], BY_LENGTH[-1], PAIRS[2][0], PAIRS[2][1])
    print(double(21), triple(5), len(COUNTED))
    print(ADD_ONE(1), ADD_TEN(1), ADDERS[0](1), ADDERS[1](1))
    print(Op.arity, BinaryOp.arity, BinaryOp.symbol, Op.symbol)
    print(remember(1), remember(2), remember(3))
    print(COUNT, FIRST, SECOND)
    print(Registry.make(2), Registry.lookup(4), THIS_FILE_OK)
    code = [PUSH, 40, PUSH, 2, ADD, PRINT, PUSH, 12, SUB, PRINT, NOP]
    print("steps", run(code))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
