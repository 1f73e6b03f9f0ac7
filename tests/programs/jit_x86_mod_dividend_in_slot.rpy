# A random interpreter-shaped program whose bridges take the modulo of a
# box that dies in its spill slot: the x86 backend used to define the
# result first, spilling the divisor into that slot, and computed
# divisor % divisor (wrong registers printed under
# RPYJIT=threshold=1,trace_eagerness=1).
from rpy.jit import JitDriver

MOD = 31
DECJNZ = 32
PUSH = 33
POP = 34
SDUP = 35
DGET = 36
SUB = 37
JZ = 38
ENDTRY = 39
SHR = 40
NOP = 41
PRINT = 42
LOADI = 43
CALL = 44
DUMP = 45
MODI = 46
ADDI = 47
SCUT = 48
MOV = 49
JNZ = 50
CMPEQ = 51
TRY = 52
DDEL = 53
THROW = 54
JLT = 55
JMP = 56
SAPP = 57
DSET = 58
SMUL = 59
ADD = 60
RET = 61
DIV = 62
MEMSZ = 8


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
    return ((x + 1048576) & 2097151) - 1048576


class VMError(Exception):
    def __init__(self, code):
        self.code = code


class Frame(object):
    def __init__(self, arg):
        self.regs = [0] * 8
        self.regs[0] = arg
        self.acc = 0
        self.sbuf = "s"


class Code(object):
    _immutable_fields_ = ["name", "ops[*]"]

    def __init__(self, name, ops):
        self.name = name
        self.ops = ops


FUNC0 = [
    43, 4, 1, 55, 0, 4, 29, 47, 1, 0, -1, 44, 0, 2, 1, 46,
    # pc 16
    3, 0, 7, 60, 3, 2, 3, 47, 3, 3, 1, 61, 3, 47, 0, 0,
    1, 61, 0,
]
FUNC1 = [
    43, 4, 1, 55, 0, 4, 29, 47, 1, 0, -1, 44, 1, 2, 1, 46,
    3, 0, 5, 60, 3, 2, 3, 47, 3, 3, 2, 61, 3, 47, 0, 0,
    1, 61, 0,
]
MAIN0 = [
    43, 2, 12, 43, 5, 276, 43, 6, 7, 46, 2, 6, 7, 55, 2, 0,
    # pc 16
    27, 60, 3, 0, 4, 62, 2, 0, 6, 56, 56, 58, 0, 4, 52, 42,
    31, 3, 0, 1, 54, 0, 5, 39, 56, 49, 37, 0, 2, 1, 36, 2,
    3, 33, 1, 33, 4, 35, 34, 0, 31, 3, 2, 0, 46, 0, 0, 3,
    # pc 64
    53, 3, 41, 46, 0, 6, 10, 32, 6, 9, 45, 43, 6, 3, 40, 2,
    6, 3, 31, 1, 4, 4, 32, 6, 78, 33, 5, 33, 3, 34, 4, 46,
    2, 4, 12, 44, 1, 4, 2, 43, 6, 28, 62, 3, 2, 3, 40, 4,
    3, 5, 32, 6, 106, 45, 52, 138, 46, 4, 5, 7, 38, 4, 132, 42,
    2, 54, 2, 7, 54, 1, 5, 39, 56, 144, 42, 0, 60, 1, 5, 2,
    # pc 144
    62, 1, 1, 4, 32, 5, 6, 45, 43, 5, 51, 42, 3, 46, 3, 5,
    7, 38, 3, 191, 60, 3, 5, 1, 43, 6, 26, 46, 0, 6, 5, 31,
    0, 1, 2, 36, 2, 0, 32, 6, 171, 45, 48, 3, 32, 5, 155, 45,
    42, 4, 57, 3, 52, 276, 42, 0, 52, 250, 33, 4, 33, 1, 34, 1,
    50, 3, 231, 46, 0, 3, 5, 50, 0, 226, 33, 2, 33, 0, 34, 3,
    # pc 224
    56, 229, 42, 4, 41, 56, 240, 33, 0, 33, 4, 35, 34, 1, 53, 3,
    37, 0, 3, 3, 54, 2, 5, 39, 56, 254, 42, 0, 42, 0, 60, 2,
    # pc 256
    0, 2, 46, 1, 2, 5, 55, 1, 3, 270, 62, 0, 4, 4, 54, 0,
    7, 39, 56, 414, 50, 1, 411, 38, 0, 401, 58, 3, 4, 52, 391, 46,
    1, 2, 7, 52, 340, 33, 0, 33, 0, 34, 4, 52, 318, 33, 0, 33,
    # pc 304
    1, 35, 34, 1, 40, 0, 1, 7, 54, 3, 13, 39, 56, 326, 42, 0,
    # pc 320
    49, 2, 4, 36, 0, 2, 40, 0, 2, 0, 37, 2, 2, 3, 54, 3,
    13, 39, 56, 377, 42, 0, 46, 1, 0, 64, 50, 1, 373, 42, 1, 52,
    363, 62, 3, 4, 0, 54, 4, 3, 39, 56, 370, 42, 0, 42, 2, 43,
    0, 57, 58, 1, 1, 51, 4, 3, 3, 60, 0, 4, 0, 40, 1, 1,
    2, 54, 1, 5, 39, 56, 397, 42, 0, 60, 2, 4, 4, 42, 3, 56,
    403, 42, 2, 47, 3, 0, 46, 40, 0, 3, 2, 36, 0, 0, 61, 4,
]
MAIN1 = [
    43, 1, 10, 43, 2, 30, 46, 0, 2, 5, 55, 0, 1, 21, 57, 1,
    43, 2, 10, 56, 31, 42, 3, 60, 2, 3, 4, 60, 0, 2, 0, 43,
    5, 1499, 46, 1, 5, 7, 38, 1, 130, 50, 3, 53, 58, 5, 5, 62,
    1, 4, 4, 56, 120, 50, 4, 60, 53, 5, 56, 68, 31, 2, 4, 4,
    # pc 64
    51, 3, 2, 4, 52, 110, 46, 3, 5, 7, 50, 3, 100, 46, 4, 3,
    10, 50, 5, 92, 57, 0, 31, 2, 0, 5, 56, 95, 43, 4, 44, 43,
    4, 60, 56, 104, 47, 2, 3, -17, 54, 5, 2, 39, 56, 120, 33, 5,
    33, 5, 35, 34, 0, 43, 4, 41, 40, 2, 5, 6, 47, 3, 1, 46,
    56, 138, 60, 1, 4, 1, 31, 4, 4, 1, 46, 0, 2, 7, 38, 1,
    153, 51, 2, 1, 5, 48, 3, 56, 173, 62, 2, 5, 5, 52, 173, 31,
    1, 1, 0, 37, 4, 1, 4, 54, 0, 7, 39, 56, 173, 32, 5, 34,
    # pc 176
    43, 5, 263, 46, 2, 2, 3, 50, 2, 193, 46, 0, 5, 13, 38, 0,
    # pc 192
    242, 33, 0, 33, 5, 59, 34, 3, 43, 6, 14, 43, 0, -18, 46, 3,
    6, 29, 38, 3, 224, 60, 1, 2, 3, 31, 0, 5, 0, 32, 6, 203,
    45, 52, 237, 31, 2, 3, 4, 54, 1, 3, 39, 56, 239, 48, 4, 32,
    5, 179, 40, 0, 4, 4, 61, 3,
]

driver = JitDriver(greens=['pc', 'code'], reds=['frame', 'stack', 'd', 'handlers'])


def interpret(code, arg):
    frame = Frame(arg)
    stack = [0]
    stack.pop()
    d = {0: 0}
    handlers = [0]
    handlers.pop()
    pc = 0
    while pc < len(code.ops):
        driver.jit_merge_point(pc=pc, code=code, frame=frame, stack=stack, d=d, handlers=handlers)
        ops = code.ops
        op = ops[pc]
        try:
            if op == ADDI:
                a = ops[pc + 1]
                b = ops[pc + 2]
                c = ops[pc + 3]
                frame.regs[a] = wrap(frame.regs[b] + c)
                pc += 4
            elif op == THROW:
                a = ops[pc + 1]
                b = ops[pc + 2]
                if _mod(frame.regs[a], b) == 0:
                    raise VMError(frame.regs[a])
                pc += 3
            elif op == CMPEQ:
                a = ops[pc + 1]
                b = ops[pc + 2]
                c = ops[pc + 3]
                frame.regs[a] = 1 if frame.regs[b] == frame.regs[c] else 0
                pc += 4
            elif op == DSET:
                a = ops[pc + 1]
                b = ops[pc + 2]
                d[_mod(frame.regs[a], 16)] = frame.regs[b]
                pc += 3
            elif op == SMUL:
                y = stack.pop()
                x = stack.pop()
                stack.append(wrap(x * y))
                pc += 1
            elif op == LOADI:
                a = ops[pc + 1]
                b = ops[pc + 2]
                frame.regs[a] = b
                pc += 3
            elif op == RET:
                a = ops[pc + 1]
                return frame.regs[a]
            elif op == ADD:
                a = ops[pc + 1]
                b = ops[pc + 2]
                c = ops[pc + 3]
                frame.regs[a] = wrap(frame.regs[b] + frame.regs[c])
                pc += 4
            elif op == DUMP:
                print("regs", frame.regs)
                pc += 1
            elif op == DECJNZ:
                a = ops[pc + 1]
                target = ops[pc + 2]
                frame.regs[a] -= 1
                if frame.regs[a] != 0:
                    if target < pc:
                        driver.can_enter_jit(pc=target, code=code, frame=frame, stack=stack, d=d, handlers=handlers)
                    pc = target
                else:
                    pc += 3
            elif op == JZ:
                a = ops[pc + 1]
                target = ops[pc + 2]
                if frame.regs[a] == 0:
                    if target < pc:
                        driver.can_enter_jit(pc=target, code=code, frame=frame, stack=stack, d=d, handlers=handlers)
                    pc = target
                else:
                    pc += 3
            elif op == JNZ:
                a = ops[pc + 1]
                target = ops[pc + 2]
                if frame.regs[a] != 0:
                    if target < pc:
                        driver.can_enter_jit(pc=target, code=code, frame=frame, stack=stack, d=d, handlers=handlers)
                    pc = target
                else:
                    pc += 3
            elif op == JMP:
                target = ops[pc + 1]
                if target < pc:
                    driver.can_enter_jit(pc=target, code=code, frame=frame, stack=stack, d=d, handlers=handlers)
                pc = target
            elif op == SDUP:
                x = stack.pop()
                stack.append(x)
                stack.append(x)
                pc += 1
            elif op == SAPP:
                a = ops[pc + 1]
                frame.sbuf = (frame.sbuf + chr(97 + _mod(frame.regs[a], 26)))[-12:]
                pc += 2
            elif op == PUSH:
                a = ops[pc + 1]
                stack.append(frame.regs[a])
                pc += 2
            elif op == SHR:
                a = ops[pc + 1]
                b = ops[pc + 2]
                c = ops[pc + 3]
                frame.regs[a] = _shr(frame.regs[b], c)
                pc += 4
            elif op == DIV:
                a = ops[pc + 1]
                b = ops[pc + 2]
                c = ops[pc + 3]
                if frame.regs[c] == 0:
                    frame.regs[a] = 0
                else:
                    frame.regs[a] = _div(frame.regs[b], frame.regs[c])
                pc += 4
            elif op == PRINT:
                a = ops[pc + 1]
                print("r" + str(a), "=", frame.regs[a])
                pc += 2
            elif op == SCUT:
                a = ops[pc + 1]
                frame.sbuf = frame.sbuf[a:] + frame.sbuf[:a]
                pc += 2
            elif op == NOP:
                pass
                pc += 1
            elif op == POP:
                a = ops[pc + 1]
                frame.regs[a] = stack.pop()
                pc += 2
            elif op == MOV:
                a = ops[pc + 1]
                b = ops[pc + 2]
                frame.regs[a] = frame.regs[b]
                pc += 3
            elif op == JLT:
                a = ops[pc + 1]
                b = ops[pc + 2]
                target = ops[pc + 3]
                if frame.regs[a] < frame.regs[b]:
                    if target < pc:
                        driver.can_enter_jit(pc=target, code=code, frame=frame, stack=stack, d=d, handlers=handlers)
                    pc = target
                else:
                    pc += 4
            elif op == DGET:
                a = ops[pc + 1]
                b = ops[pc + 2]
                frame.regs[a] = d.get(_mod(frame.regs[b], 16), -1)
                pc += 3
            elif op == MOD:
                a = ops[pc + 1]
                b = ops[pc + 2]
                c = ops[pc + 3]
                if frame.regs[c] == 0:
                    frame.regs[a] = 0
                else:
                    frame.regs[a] = _mod(frame.regs[b], frame.regs[c])
                pc += 4
            elif op == MODI:
                a = ops[pc + 1]
                b = ops[pc + 2]
                c = ops[pc + 3]
                frame.regs[a] = _mod(frame.regs[b], c)
                pc += 4
            elif op == ENDTRY:
                handlers.pop()
                pc += 1
            elif op == DDEL:
                a = ops[pc + 1]
                key = _mod(frame.regs[a], 16)
                if key in d:
                    del d[key]
                pc += 2
            elif op == TRY:
                target = ops[pc + 1]
                handlers.append(target)
                pc += 2
            elif op == CALL:
                a = ops[pc + 1]
                b = ops[pc + 2]
                c = ops[pc + 3]
                frame.regs[b] = interpret(FUNCS[a], frame.regs[c])
                pc += 4
            elif op == SUB:
                a = ops[pc + 1]
                b = ops[pc + 2]
                c = ops[pc + 3]
                frame.regs[a] = wrap(frame.regs[b] - frame.regs[c])
                pc += 4
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


FUNCS = []


def entry_point(argv):
    base = len(argv)
    FUNCS.append(Code("f0", FUNC0))
    FUNCS.append(Code("f1", FUNC1))
    MAINS = [Code("m0", MAIN0), Code("m1", MAIN1)]
    try:
        print("main0", 7, interpret(MAINS[0], base + 7))
    except VMError as e:
        print("vm error", e.code)
    except IndexError:
        print("index error")
    except ZeroDivisionError:
        print("zero division")
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
