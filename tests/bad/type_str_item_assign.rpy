# error: 4:5: str does not support item
def entry_point(argv):
    s = "abc"
    s[0] = "x"
    print(s)
    return 0
