# error: 3:12: ImportError: No module named 'nosuchmodule'
def load():
    import nosuchmodule
    return nosuchmodule.X


def unused():
    import alsomissing
    return 0


def entry_point(argv):
    print(load())
    return 0


def target(*args):
    return entry_point, None
