# Loops over empty literals unpack items that never exist, also inside
# a try (the unpacking's exception exit leads nowhere).

def f(n):
    t = 0
    try:
        for k, v in {}.items():
            t += k
    except ValueError:
        t = -1
    return t
def entry_point(argv):
    print(f(len(argv)))
    for x in []:
        print(x)
    for k2, v2 in {}.items():
        print(k2)
    return 0
def target(*args):
    return entry_point, None
if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
