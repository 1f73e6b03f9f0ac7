# error: 2:1: the entry point must return an int (the exit status), not
def entry_point(argv):
    return "done"
