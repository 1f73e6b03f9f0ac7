# Module-level prebuilt lists and dicts, read and mutated by functions;
# constants computed from other constants; tuples of constants.

LIMIT = 10
DOUBLE_LIMIT = LIMIT * 2 + 1
NAMES = ["zero", "one", "two"]
REGISTRY = {}
COUNTS = {"calls": 0}
STACK = [0] * 4
ORIGIN = (0, 0)
GRID = [[0, 0], [0, 0]]
GREETING = "hi" + "!" * 3
TABLE = {1: "one", 2: "two"}


def register(name, value):
    COUNTS["calls"] += 1
    REGISTRY[name] = value


def lookup(name):
    COUNTS["calls"] += 1
    return REGISTRY.get(name, -1)


def push_name(n):
    NAMES.append(n)


def set_slot(i, v):
    STACK[i] = v


def entry_point(argv):
    print(LIMIT, DOUBLE_LIMIT, GREETING, ORIGIN)
    register("a", 1)
    register("b", 2)
    register("a", 3)
    print(lookup("a"), lookup("b"), lookup("z"))
    print(COUNTS["calls"], len(REGISTRY))
    push_name("three")
    push_name("four")
    print(NAMES, len(NAMES))
    NAMES.pop(0)
    print(NAMES[0])
    for i in range(4):
        set_slot(i, i * LIMIT)
    print(STACK)
    GRID[1][0] = 5
    GRID[0][1] += 2
    print(GRID)
    TABLE[3] = "three"
    del TABLE[1]
    print(TABLE[2], TABLE[3], 1 in TABLE)
    x, y = ORIGIN
    print(x + 1, y - 1)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
