# error: 12:9: 'step' is in Cfg's _immutable_fields_: it may only be assigned in __init__
class Cfg(object):
    _immutable_fields_ = ['step']

    def __init__(self, step):
        self.step = step


def run(cfg, i):
    acc = cfg.step * i
    if i == 5:
        cfg.step = 1000
    return acc


def entry_point(argv):
    print(run(Cfg(1), len(argv)))
    return 0
