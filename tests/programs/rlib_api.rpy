# The rlib API under RPython's names: a JitDriver subclass with class-level
# greens and reds (PyPy's tlr style), virtualizables, hint(promote=True),
# promote_string, purefunction, look_inside_iff, set_param, StringBuilder,
# intmask/widen/LONG_BIT, objectmodel's specialize and compute_hash.
from rpython.rlib.jit import JitDriver, hint, promote_string, purefunction
from rpython.rlib.jit import look_inside_iff, set_param, dont_look_inside
from rpython.rlib.rstring import StringBuilder
from rpython.rlib.rarithmetic import intmask, widen, LONG_BIT
from rpython.rlib.objectmodel import specialize, compute_hash, we_are_translated


class Frame(object):
    def __init__(self, code):
        self.code = code
        self.acc = 0


def get_location(pc, code):
    return "pc=%d" % pc if False else "loop"


class LoopDriver(JitDriver):
    greens = ["pc", "code"]
    reds = ["frame", "steps"]
    virtualizables = ["frame"]
    get_printable_location = get_location


driver = LoopDriver()


@purefunction
def cost(op):
    return op * 2 + 1


@look_inside_iff(lambda n: n < 10)
def small(n):
    return n + 1


@specialize.argtype(0)
def describe(x):
    return "<" + str(x) + ">"


@dont_look_inside
def log(sb, s):
    sb.append(s)


def run(code):
    frame = Frame(code)
    pc = 0
    steps = 0
    set_param(driver, "threshold", 3)
    while pc < len(code):
        driver.jit_merge_point(pc=pc, code=code, frame=frame, steps=steps)
        op = hint(code[pc], promote=True)
        frame.acc += cost(op)
        steps += 1
        pc += 1
    return frame.acc + steps


def entry_point(argv):
    print(run([1, 2, 3, 4]), small(4), describe(7), describe(8))
    sb = StringBuilder()
    sb.append("ab")
    sb.append_slice("0123456", 2, 5)
    sb.append_multiple_char("z", 3)
    log(sb, "!")
    print(sb.build(), sb.getlength())
    print(intmask(-5), widen(12), LONG_BIT, compute_hash(42))
    name = promote_string("lit")
    print(name, we_are_translated() or True)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
