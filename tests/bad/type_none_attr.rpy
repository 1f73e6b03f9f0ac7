# error: 15:25: None has no attribute 'outer'
class Handler(object):
    def __init__(self, outer):
        self.outer = outer


class Frame(object):
    def __init__(self):
        self.handler = None


def entry_point(argv):
    frame = Frame()
    if len(argv) > 5:
        frame.handler = frame.handler.outer
    return 0
