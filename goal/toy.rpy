from rpy.jit import JitDriver

# PyPy's classic "tlr" toy register machine.
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


# Computes a * a: r0 = counter, r1 = a, r2 = accumulator.
SQUARE = [
    MOV_A_R, 0,     # 0: r0 = a (counter)
    MOV_A_R, 1,     # 2: r1 = a
    # loop head (index 4):
    MOV_R_A, 0,     # 4: a = r0
    DECR_A,         # 6: a -= 1
    MOV_A_R, 0,     # 7: r0 = a
    MOV_R_A, 2,     # 9: a = r2
    ADD_R_TO_A, 1,  # 11: a += r1
    MOV_A_R, 2,     # 13: r2 = a
    MOV_R_A, 0,     # 15: a = r0
    JUMP_IF_A, 4,   # 17: if a != 0: goto 4
    MOV_R_A, 2,     # 19: a = r2
    RETURN_A,       # 21: return a
]


def entry_point(argv):
    print(interpret(SQUARE, int(argv[1])))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
