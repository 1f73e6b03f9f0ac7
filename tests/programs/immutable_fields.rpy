# _immutable_fields_ declarations (incl. list items with [*]); a small
# bytecode "code object" whose fields never change after __init__.
from rpy.jit import JitDriver

driver = JitDriver(greens=['pc', 'code'], reds=['acc', 'frame'])


class Code(object):
    _immutable_fields_ = ['name', 'ops[*]', 'consts[*]', 'nops']

    def __init__(self, name, ops, consts):
        self.name = name
        self.ops = ops
        self.consts = consts
        self.nops = len(ops)


class Frame(object):
    _immutable_fields_ = ['code']

    def __init__(self, code):
        self.code = code
        self.counter = 0


# op 0: acc += consts[arg]; op 1: loop to 0 while counter < consts[arg];
# op 2: halt.
def run(code, start):
    frame = Frame(code)
    acc = start
    pc = 0
    while True:
        driver.jit_merge_point(pc=pc, code=code, acc=acc, frame=frame)
        op = code.ops[pc]
        arg = code.ops[pc + 1]
        pc += 2
        if op == 0:
            acc += code.consts[arg]
        elif op == 1:
            frame.counter += 1
            if frame.counter < code.consts[arg]:
                pc = 0
                driver.can_enter_jit(pc=pc, code=code, acc=acc, frame=frame)
        else:
            return acc


def entry_point(argv):
    c = Code("sum", [0, 0, 0, 1, 1, 2, 2, 0], [3, 4, 1000])
    print(c.name, c.nops, c.consts)
    print(run(c, 0))
    print(run(c, 5))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
