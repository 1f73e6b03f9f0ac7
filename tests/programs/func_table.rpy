# Functions stored in module-level constant lists and dicts and called
# through them (one signature per place); classes stored in a list.


def op_add(a, b):
    return a + b


def op_sub(a, b):
    return a - b


def op_mul(a, b):
    return a * b


def op_max(a, b):
    return max(a, b)


def shout(s):
    return s.upper() + "!"


def whisper(s):
    return "(" + s.lower() + ")"


OPS = [op_add, op_sub, op_mul, op_max]
OP_NAMES = ["add", "sub", "mul", "max"]
BY_SYMBOL = {"+": op_add, "-": op_sub, "*": op_mul}
STYLES = [shout, whisper]


class Handler(object):
    def __init__(self, tag):
        self.tag = tag

    def handle(self, x):
        return self.tag + str(x)


class LoudHandler(Handler):
    def handle(self, x):
        return self.tag.upper() + str(x * 10)


HANDLER_CLASSES = [Handler, LoudHandler]


def apply_all(a, b):
    out = []
    for f in OPS:
        out.append(f(a, b))
    return out


def evaluate(tokens):
    acc = int(tokens[0])
    i = 1
    while i < len(tokens):
        f = BY_SYMBOL[tokens[i]]
        acc = f(acc, int(tokens[i + 1]))
        i += 2
    return acc


def entry_point(argv):
    print(apply_all(7, 3))
    for i in range(len(OPS)):
        print(OP_NAMES[i], OPS[i](10, 4))
    print(evaluate("1 + 2 * 5 - 3".split()))
    for style in STYLES:
        print(style("Hello"))
    f = STYLES[1]
    print(f("QUIET"))
    hs = []
    for cls in HANDLER_CLASSES:
        hs.append(cls("h"))
    print([h.handle(4) for h in hs])
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
