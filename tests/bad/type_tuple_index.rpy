# error: 4:11: tuple index 2 out of range for tuple[int,
def entry_point(argv):
    t = (1, "a")
    print(t[2])
    return 0
