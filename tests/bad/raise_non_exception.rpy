# error: 6:5: only exceptions can be raised
class E(object):
    pass

def entry_point(argv):
    raise E()
