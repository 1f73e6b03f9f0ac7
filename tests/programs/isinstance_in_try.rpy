# isinstance() inside a try cannot raise: it stays next to its test, so the
# test narrows the instance there too (a sibling class: the branch is dead;
# a subclass: its methods are found).


class Base(object):
    def name(self):
        return 'base'


class Left(Base):
    def only_left(self):
        return 'left'


class Right(Base):
    pass


def probe(o, k):
    try:
        if isinstance(o, Left):
            return o.only_left() + str(k // 1)
    except ZeroDivisionError:
        return 'zero'
    return o.name()


def entry_point(argv):
    r = Right()
    try:
        if isinstance(r, Left):
            print('never', r.only_left())
        print(probe(Left(), 3), probe(Base(), 4), probe(r, 5))
    except ValueError:
        pass
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
