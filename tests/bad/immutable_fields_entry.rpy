# error: 4:5: _immutable_fields_ entry 'bad[1]' is not 'name' or 'name[*]'
# The loader parses each entry once; RPython's quasi-immutable 'v?' is accepted (as a mutable field).
class Cfg(object):
    _immutable_fields_ = ['step', 'ops[*]', 'v?', 'bad[1]']

    def __init__(self):
        self.step = 1


def entry_point(argv):
    c = Cfg()
    print(c.step)
    return 0
