# A None-initialised attribute read through `obj.attr is not None` and then
# used as an instance (`obj.attr.field`, `obj.attr.method()`,
# `obj.attr.field = v`, `len(obj.attr)`) in a branch the annotator reaches
# before any branch that stores an instance in it: the read is annotated
# while the attribute is still only None, and must wait for the fixpoint
# instead of failing (the attribute ends up a nullable reference).


class Handler(object):
    def __init__(self, pc, outer):
        self.pc = pc
        self.outer = outer
        self.hits = 0

    def describe(self):
        return "handler@" + str(self.pc)


class Frame(object):
    def __init__(self):
        self.handler = None
        self.log = None


class Boom(Exception):
    pass


PUSH = 1
POP = 2
THROW = 3
TOUCH = 4


def run(ops):
    frame = Frame()
    pc = 0
    while pc < len(ops):
        op = ops[pc]
        pc += 1
        try:
            if op == POP:
                if frame.log is not None:
                    print("log size " + str(len(frame.log)))
                if frame.handler is not None:
                    print("pop " + frame.handler.describe())
                    frame.handler = frame.handler.outer
            elif op == TOUCH:
                if frame.handler is not None:
                    frame.handler.hits = frame.handler.hits + 1
                if frame.log is not None:
                    print("last log entry: " + frame.log[len(frame.log) - 1])
            elif op == THROW:
                raise Boom()
            elif op == PUSH:
                frame.handler = Handler(pc, frame.handler)
                frame.log = ["push at " + str(pc)]
        except Boom:
            h = frame.handler
            if h is None:
                print("uncaught at " + str(pc))
                return -1
            print("caught by " + h.describe() + " after " + str(h.hits) + " touches")
            frame.handler = h.outer
    depth = 0
    h = frame.handler
    while h is not None:
        depth += 1
        h = h.outer
    return depth


def entry_point(argv):
    print(run([POP, TOUCH, PUSH, TOUCH, PUSH, TOUCH, TOUCH, THROW, POP]))
    print(run([PUSH, PUSH, PUSH, POP]))
    print(run([THROW]))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
