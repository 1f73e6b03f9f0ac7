# The tlr toy register machine of goal/toy.rpy, with the bytecode taken
# from the command line: `toyvm A OP OP ...` runs the program on a = A and
# prints the result. The JIT property test (tests/jit.rs) runs random
# programs through it, native and JIT.
from rpy.jit import JitDriver

JUMP_IF_A = 1
MOV_A_R = 2
MOV_R_A = 3
ADD_R_TO_A = 4
DECR_A = 5
RETURN_A = 6

driver = JitDriver(greens=['pc', 'bytecode'], reds=['a', 'regs'])


def interpret(bytecode, a):
    regs = [0] * 256
    pc = 0
    while True:
        driver.jit_merge_point(pc=pc, bytecode=bytecode, a=a, regs=regs)
        opcode = bytecode[pc]
        pc += 1
        if opcode == JUMP_IF_A:
            target = bytecode[pc]
            pc += 1
            if a:
                if target < pc:
                    driver.can_enter_jit(pc=target, bytecode=bytecode,
                                         a=a, regs=regs)
                pc = target
        elif opcode == MOV_A_R:
            n = bytecode[pc]
            pc += 1
            regs[n] = a
        elif opcode == MOV_R_A:
            n = bytecode[pc]
            pc += 1
            a = regs[n]
        elif opcode == ADD_R_TO_A:
            n = bytecode[pc]
            pc += 1
            a += regs[n]
        elif opcode == DECR_A:
            a -= 1
        elif opcode == RETURN_A:
            return a


def entry_point(argv):
    n = len(argv) - 2
    bytecode = [0] * n
    i = 0
    while i < n:
        bytecode[i] = int(argv[i + 2])
        i += 1
    print(interpret(bytecode, int(argv[1])))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
