# The usual dispatch-loop shape: `while pc < len(code)` with
# can_enter_jit on the backward jump. Leaving the loop (its test failing
# right after can_enter_jit) runs code with effects, which is fine: only
# the path back to jit_merge_point must be free of them.
from rpy.jit import JitDriver

driver = JitDriver(greens=['pc', 'code'], reds=['acc', 'out', 'limit'])


def run(code, limit):
    pc = 0
    acc = 0
    out = []
    while pc < len(code):
        driver.jit_merge_point(pc=pc, code=code, acc=acc, out=out, limit=limit)
        c = code[pc]
        if c == 'j' and acc < limit:
            pc = 0
            driver.can_enter_jit(pc=pc, code=code, acc=acc, out=out, limit=limit)
            continue
        if c == 'p':
            out.append(str(acc))
        acc += 1
        pc += 1
    out.append('end')
    return ', '.join(out[-3:]) + ' ' + str(len(out))


def entry_point(argv):
    print(run('aaj', 100000))
    print(run('apaj', 5000))
    return 0


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
