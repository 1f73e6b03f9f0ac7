# error: 3:8: cannot compare int and str with an ordering (<, <=, >,
def entry_point(argv):
    if len(argv) < "3":
        print("few")
    return 0
