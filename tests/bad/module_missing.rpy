# error: 2:8: ImportError: No module named 'no_such_helpers'
import no_such_helpers


def entry_point(argv):
    return 0
