# An attribute set to None in __init__ and to a str later, read (behind an
# is-None test) by a call that the annotator meets before the assignment.


class P(object):
    def __init__(self):
        self.name = None

    def greet(self):
        if self.name is None:
            return "anonymous"
        return "named " + self.name

    def rename(self, n):
        self.name = n


def entry_point(argv):
    p = P()
    print(p.greet())
    p.rename("bob")
    print(p.greet())
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
