# error: 9:5: Counter has no method
class Counter(object):
    def __init__(self):
        self.n = 0


def entry_point(argv):
    c = Counter()
    c.increment()
    return 0
