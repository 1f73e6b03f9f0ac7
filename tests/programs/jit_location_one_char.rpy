# get_printable_location returning a one-character string (the opcode):
# the JIT's location strings are built from a byte; the log names it.
# jit-log: debug_merge_point('+')
from rpy.jit import JitDriver


def get_location(pc, code):
    return code[pc]


driver = JitDriver(greens=['pc', 'code'], reds=['acc', 'n'], get_printable_location=get_location)


def run(code, n):
    pc = 0
    acc = 0
    while pc < len(code):
        driver.jit_merge_point(pc=pc, code=code, acc=acc, n=n)
        c = code[pc]
        if c == "+":
            acc += 1
        elif c == "-":
            acc -= 1
        elif c == "]":
            n -= 1
            if n > 0:
                pc = 0
                driver.can_enter_jit(pc=pc, code=code, acc=acc, n=n)
                continue
        pc += 1
    return acc


def entry_point(argv):
    print(run("++-+]", 1000))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
