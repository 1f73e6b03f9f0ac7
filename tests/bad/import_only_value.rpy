# error: 7:5: 'add_log' is the bound builtin method append, which exists only at import time
LOG = []
add_log = LOG.append


def entry_point(argv):
    add_log(1)
    print(len(LOG))
    return 0
