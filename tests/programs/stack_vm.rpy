# A small stack VM with functions, calls, recursion and a JIT driver.
# Programs are lists of ints; functions are Code objects in a table.
from rpy.jit import JitDriver

PUSH = 0      # PUSH k: push consts... literal k
LOAD = 1      # LOAD i: push local i
STORE = 2     # STORE i: pop into local i
ADD = 3
SUB = 4
MUL = 5
LT = 6        # pop b, pop a, push 1 if a < b else 0
JMP = 7       # JMP t
JZ = 8        # JZ t: pop, jump if zero
CALL = 9      # CALL f: pops nargs of function f, pushes result
RET = 10
PRINT = 11
POP = 12
DUP = 13

NAMES = ["PUSH", "LOAD", "STORE", "ADD", "SUB", "MUL", "LT", "JMP", "JZ",
         "CALL", "RET", "PRINT", "POP", "DUP"]
HAS_ARG = [True, True, True, False, False, False, False, True, True, True,
           False, False, False, False]


def get_location(pc, code):
    return code.name + ":" + str(pc) + " " + NAMES[code.ops[pc]]


driver = JitDriver(greens=['pc', 'code'], reds=['frame', 'vm'],
                   get_printable_location=get_location)


class Code(object):
    _immutable_fields_ = ['name', 'ops[*]', 'nargs', 'nlocals']

    def __init__(self, name, ops, nargs, nlocals):
        self.name = name
        self.ops = ops
        self.nargs = nargs
        self.nlocals = nlocals


class Frame(object):
    def __init__(self, code):
        self.code = code
        self.locals = [0] * code.nlocals
        self.stack = []

    def push(self, v):
        self.stack.append(v)

    def pop(self):
        return self.stack.pop()


class VMError(Exception):
    def __init__(self, msg):
        self.msg = msg


class VM(object):
    def __init__(self):
        self.functions = []
        self.calls = 0
        self.output = []

    def add(self, code):
        self.functions.append(code)
        return len(self.functions) - 1

    def call(self, index, args):
        self.calls += 1
        if self.calls > 100000:
            raise VMError("too many calls")
        code = self.functions[index]
        frame = Frame(code)
        for i in range(code.nargs):
            frame.locals[i] = args[i]
        return self.execute(code, frame)

    def execute(self, code, frame):
        pc = 0
        vm = self
        while True:
            driver.jit_merge_point(pc=pc, code=code, frame=frame, vm=vm)
            op = code.ops[pc]
            if op < 0 or op >= len(HAS_ARG):
                raise VMError("bad opcode " + str(op) + " at " + str(pc))
            arg = 0
            if HAS_ARG[op]:
                arg = code.ops[pc + 1]
                pc += 2
            else:
                pc += 1
            if op == PUSH:
                frame.push(arg)
            elif op == LOAD:
                frame.push(frame.locals[arg])
            elif op == STORE:
                frame.locals[arg] = frame.pop()
            elif op == ADD:
                b = frame.pop()
                frame.push(frame.pop() + b)
            elif op == SUB:
                b = frame.pop()
                frame.push(frame.pop() - b)
            elif op == MUL:
                b = frame.pop()
                frame.push(frame.pop() * b)
            elif op == LT:
                b = frame.pop()
                a = frame.pop()
                frame.push(1 if a < b else 0)
            elif op == JMP:
                if arg < pc:
                    pc = arg
                    driver.can_enter_jit(pc=pc, code=code, frame=frame, vm=vm)
                else:
                    pc = arg
            elif op == JZ:
                if frame.pop() == 0:
                    pc = arg
            elif op == CALL:
                callee = vm.functions[arg]
                args = [0] * callee.nargs
                i = callee.nargs - 1
                while i >= 0:
                    args[i] = frame.pop()
                    i -= 1
                frame.push(vm.call(arg, args))
            elif op == RET:
                return frame.pop()
            elif op == PRINT:
                vm.output.append(str(frame.pop()))
            elif op == POP:
                frame.pop()
            elif op == DUP:
                v = frame.pop()
                frame.push(v)
                frame.push(v)
            else:
                raise VMError("unhandled opcode " + str(op))


def build_vm():
    vm = VM()
    # fib(n): if n < 2: return n; return fib(n-1) + fib(n-2)   (index 0)
    vm.add(Code("fib", [
        LOAD, 0, PUSH, 2, LT, JZ, 10,   # 0..6: if not n < 2 goto 10
        LOAD, 0, RET,                   # 7..9
        LOAD, 0, PUSH, 1, SUB, CALL, 0,  # 10..16
        LOAD, 0, PUSH, 2, SUB, CALL, 0,  # 17..23
        ADD, RET,                       # 24, 25
    ], 1, 1))
    # sumto(n): s = 0; i = 0; while i < n: i += 1; s += i; return s   (1)
    vm.add(Code("sumto", [
        PUSH, 0, STORE, 1,              # 0: s = 0
        PUSH, 0, STORE, 2,              # 4: i = 0
        LOAD, 2, LOAD, 0, LT, JZ, 31,   # 8: while i < n
        LOAD, 2, PUSH, 1, ADD, STORE, 2,  # 15: i += 1
        LOAD, 1, LOAD, 2, ADD, STORE, 1,  # 22: s += i
        JMP, 8,                         # 29
        LOAD, 1, RET,                   # 31
    ], 1, 3))
    # fact(n): recursive factorial   (2)
    vm.add(Code("fact", [
        LOAD, 0, PUSH, 1, LT, JZ, 10,   # 0: if n < 1
        PUSH, 1, RET,                   # 7: return 1
        LOAD, 0, DUP, PUSH, 1, SUB, CALL, 2, MUL, RET,  # 10
    ], 1, 1))
    # main(): print fib(15), sumto(1000), fact(10); return 0   (3)
    vm.add(Code("main", [
        PUSH, 15, CALL, 0, PRINT,
        PUSH, 1000, CALL, 1, PRINT,
        PUSH, 10, CALL, 2, PRINT,
        PUSH, 0, RET,
    ], 0, 0))
    # broken(): an invalid opcode   (4)
    vm.add(Code("broken", [PUSH, 1, 99], 0, 0))
    return vm


def entry_point(argv):
    vm = build_vm()
    empty = [0]
    empty.pop()
    result = vm.call(3, empty)
    print("\n".join(vm.output))
    print("result", result, "calls", vm.calls)
    print(get_location(0, vm.functions[0]))
    try:
        vm.call(4, empty)
    except VMError as e:
        print("VMError:", e.msg)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
