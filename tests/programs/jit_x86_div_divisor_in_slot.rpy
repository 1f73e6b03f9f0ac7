# A random interpreter-shaped program whose bridges divide by a box that
# dies in its spill slot: the x86 backend used to define the quotient
# first, spilling another box into that slot, and divided by that box
# instead (SIGFPE under RPYJIT=threshold=1,trace_eagerness=1).
from rpy.jit import JitDriver, elidable, unroll_safe

NOP = 40
MODI = 41
CALL = 42
JLT = 43
ADDI = 44
MIN = 45
JZ = 46
JNZ = 47
JMP = 48
MOV = 49
MAX = 50
RET = 51
MIX = 52
POP = 53
DECJNZ = 54
TRY = 55
PUSH = 56
LOADI = 57
ADD = 58
DUMP = 59
ENDTRY = 60
THROW = 61
PRINT = 62
DIV = 63
MEMSZ = 16


def _div(a, b):
    return a // b


def _mod(a, b):
    return a % b


def _fdiv(a, b):
    return a // b


def _fmod(a, b):
    return a % b


def _shl(a, b):
    return a << b


def _shr(a, b):
    return a >> b


def wrap(x):
    return ((x + 1048576) % 2097152) - 1048576


class VMError(Exception):
    def __init__(self, code):
        self.code = code


class Frame(object):
    def __init__(self, arg):
        self.regs = [0] * 8
        self.regs[0] = arg
        self.acc = 0


@elidable
def table_value(k):
    return (k * 7919 + 13) % 1009 - 500


@elidable
def mix(x, y):
    return wrap(x * 31 + y)


@unroll_safe
def unrolled(x, k):
    for j in range(k):
        x = wrap(x * 3 + j)
    return x


FUNC0 = "\x39\x85\x80\x63\x37\x00\x0d\x3d\x82\x85\x30\x00\x21\x29\x82\x85\x83\x2f\x82\x00\x1d\x2b\x82\x80\x00\x1a\x30\x00\x21\x3a\x82\x85\x81\x32\x80\x85\x84\x37\x00\x33\x3a\x83\x84\x85\x3f\x80\x85\x81\x3d\x81\x87\x3f\x82\x85\x82\x36\x85\x00\x04"

driver = JitDriver(greens=['pc', 'ops'], reds=['frame', 'stack', 'handlers'])


def interpret(ops, arg):
    frame = Frame(arg)
    stack = [0]
    stack.pop()
    handlers = [0]
    handlers.pop()
    pc = 0
    while True:
        driver.jit_merge_point(pc=pc, ops=ops, frame=frame, stack=stack, handlers=handlers)
        op = ord(ops[pc])
        try:
            if op == JMP:
                target = (_shl(ord(ops[pc + 1]), 8)) + ord(ops[pc + 2])
                if target < pc:
                    driver.can_enter_jit(pc=target, ops=ops, frame=frame, stack=stack, handlers=handlers)
                pc = target
            elif op == TRY:
                target = (_shl(ord(ops[pc + 1]), 8)) + ord(ops[pc + 2])
                handlers.append(target)
                pc += 3
            elif op == JNZ:
                a = ord(ops[pc + 1]) - 128
                target = (_shl(ord(ops[pc + 2]), 8)) + ord(ops[pc + 3])
                if frame.regs[a] != 0:
                    if target < pc:
                        driver.can_enter_jit(pc=target, ops=ops, frame=frame, stack=stack, handlers=handlers)
                    pc = target
                else:
                    pc += 4
            elif op == ADD:
                a = ord(ops[pc + 1]) - 128
                b = ord(ops[pc + 2]) - 128
                c = ord(ops[pc + 3]) - 128
                frame.regs[a] = wrap(frame.regs[b] + frame.regs[c])
                pc += 4
            elif op == DECJNZ:
                a = ord(ops[pc + 1]) - 128
                target = (_shl(ord(ops[pc + 2]), 8)) + ord(ops[pc + 3])
                frame.regs[a] -= 1
                if frame.regs[a] != 0:
                    if target < pc:
                        driver.can_enter_jit(pc=target, ops=ops, frame=frame, stack=stack, handlers=handlers)
                    pc = target
                else:
                    pc += 4
            elif op == JLT:
                a = ord(ops[pc + 1]) - 128
                b = ord(ops[pc + 2]) - 128
                target = (_shl(ord(ops[pc + 3]), 8)) + ord(ops[pc + 4])
                if frame.regs[a] < frame.regs[b]:
                    if target < pc:
                        driver.can_enter_jit(pc=target, ops=ops, frame=frame, stack=stack, handlers=handlers)
                    pc = target
                else:
                    pc += 5
            elif op == MAX:
                a = ord(ops[pc + 1]) - 128
                b = ord(ops[pc + 2]) - 128
                c = ord(ops[pc + 3]) - 128
                frame.regs[a] = max(frame.regs[b], frame.regs[c])
                pc += 4
            elif op == DIV:
                a = ord(ops[pc + 1]) - 128
                b = ord(ops[pc + 2]) - 128
                c = ord(ops[pc + 3]) - 128
                if frame.regs[c] == 0:
                    frame.regs[a] = 0
                else:
                    frame.regs[a] = _div(frame.regs[b], frame.regs[c])
                pc += 4
            elif op == LOADI:
                a = ord(ops[pc + 1]) - 128
                b = (_shl(ord(ops[pc + 2]), 8)) + ord(ops[pc + 3]) - 32768
                frame.regs[a] = b
                pc += 4
            elif op == MODI:
                a = ord(ops[pc + 1]) - 128
                b = ord(ops[pc + 2]) - 128
                c = ord(ops[pc + 3]) - 128
                frame.regs[a] = _mod(frame.regs[b], c)
                pc += 4
            elif op == THROW:
                a = ord(ops[pc + 1]) - 128
                b = ord(ops[pc + 2]) - 128
                if _mod(frame.regs[a], b) == 0:
                    raise VMError(frame.regs[a])
                pc += 3
            elif op == ENDTRY:
                handlers.pop()
                pc += 1
            else:
                raise RuntimeError("bad opcode")
        except VMError as e:
            if len(handlers) == 0:
                raise
            pc = handlers.pop()
            frame.regs[0] = e.code
        except ZeroDivisionError:
            if len(handlers) == 0:
                raise VMError(-1)
            pc = handlers.pop()
            frame.regs[0] = -1
    return -1


FUNCS = [FUNC0]
MAINS = []


def entry_point(argv):
    base = len(argv)
    try:
        print("func0", interpret(FUNCS[0], base + 4))
    except VMError as e:
        print("vm error", e.code)
    except IndexError:
        print("index error")
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
