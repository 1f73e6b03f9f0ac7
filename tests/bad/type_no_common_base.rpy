# error: 12:16: the return value of get() is Cat here, but Car at
class Cat(object):
    pass


class Car(object):
    pass


def get(flag):
    if flag:
        return Cat()
    return Car()


def entry_point(argv):
    get(len(argv) > 1)
    return 0
