# error: 7:13: 'total' is str here, but int at
def count(n):
    total = 0
    while n > 0:
        total = total + n
        if n == 3:
            total = "three"
        n -= 1
    return total


def entry_point(argv):
    print(count(5))
    return 0
