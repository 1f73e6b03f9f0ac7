# Lists: append pop pop(i) insert extend index reverse + * [0]*n, slicing,
# negative indices, `in`, del xs[i], list(xs) copy, nested lists, xs[i] = e.


def total(xs):
    t = 0
    for x in xs:
        t += x
    return t


def make_grid(rows, cols):
    grid = []
    for r in range(rows):
        row = [0] * cols
        for c in range(cols):
            row[c] = r * cols + c
        grid.append(row)
    return grid


def entry_point(argv):
    xs = [3, 1, 4, 1, 5]
    print(xs, len(xs))
    xs.append(9)
    print(xs)
    print(xs.pop(), xs)
    print(xs.pop(0), xs)
    print(xs.pop(-2), xs)
    xs.insert(0, 10)
    xs.insert(2, 20)
    xs.insert(100, 30)
    xs.insert(-1, 40)
    print(xs)
    xs.extend([7, 8])
    print(xs)
    print(xs.index(20), xs.index(7), xs.index(1))
    xs.reverse()
    print(xs)
    print(xs[0], xs[-1], xs[-2], xs[len(xs) - 1])
    print(xs[1:3], xs[:2], xs[5:], xs[-3:], xs[:-5], xs[-4:-2], xs[3:3])
    print(xs[10:20], xs[-100:1])
    print(4 in xs, 99 in xs, 99 not in xs)
    del xs[0]
    print(xs)
    del xs[-1]
    print(xs)
    xs[0] = 100
    xs[-1] = -100
    print(xs)
    ys = list(xs)
    ys.append(555)
    print(xs)
    print(ys)
    alias = xs
    alias.append(1)
    print(xs)
    print([1, 2] + [3], [0] * 5, [1, 2] * 3, 2 * [7])
    zeros = [0] * 4
    zeros[2] += 5
    zeros[0] -= 1
    print(zeros)
    grid = make_grid(3, 4)
    print(grid)
    print(grid[1][2], grid[-1][-1], len(grid), len(grid[0]))
    grid[0][0] = 99
    print(grid[0])
    words = ["pear", "fig"]
    words += ["kiwi"]
    print(words, total([1, 2, 3, 4]))
    nested = [["a", "b"], ["c"], []]
    nested[2].append("d")
    print(nested)
    stack = []
    for i in range(5):
        stack.append(i * i)
    out = []
    while len(stack) > 0:
        out.append(stack.pop())
    print(out)
    copy = out[:]
    copy[0] = -1
    print(out[0], copy[0])
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
