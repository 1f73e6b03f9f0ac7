# error: 10:19: invalid syntax
# error: 16:9: generators (yield) are not supported in rpy
# error: 21:13: '[' was never closed
# error: 27:15: argument unpacking f(*x) is not supported in rpy
# error: 31:9: nonlocal is not supported in rpy
# Independent mistakes of the parse stage are all reported in one run, in
# source order: each statement is parsed on its own (the bracket never
# closed ends at the next line that starts a statement).
def double(x):
    return x * 2 +


def count(n):
    i = 0
    while i < n:
        yield i
        i += 1


def table():
    items = [1, 2, 3,
    return items


def entry_point(argv):
    total = 0
    key = max(*table())
    for x in table():
        total += double(x)
    if total > 100:
        nonlocal LIMIT
    print(total)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
