# error: 14:5: 'v' is in Sub's _immutable_fields_: it may only be assigned in __init__
# A subclass's declaration makes the shared field immutable for the JIT: a write through another subclass is refused too.
class Base(object):
    def __init__(self, v):
        self.v = v

class Sub(Base):
    _immutable_fields_ = ['v']

class Other(Base):
    pass

def bump(o):
    o.v = o.v + 1

def entry_point(argv):
    s = Sub(1)
    o = Other(2)
    bump(o)
    print(s.v, o.v)
    return 0
