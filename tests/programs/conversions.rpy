# Builtins: int(str), int(float), float(str), bool(x), str(x), ord, chr,
# abs, min/max (two args), hash of ints, len, isinstance.


class Animal(object):
    def __init__(self, name):
        self.name = name


class Dog(Animal):
    pass


class Puppy(Dog):
    pass


class Cat(Animal):
    pass


def parse_all(items):
    out = []
    for s in items:
        out.append(int(s))
    return out


def entry_point(argv):
    print(parse_all(["0", "42", "-17", "+8", "  12  ", "007"]))
    print(int(3.99), int(-3.99), int(0.0), int(-0.5), int(1e18))
    print(int(True), int(False), int(5))
    print(float("3.25"), float("-1"), float("1e-3"), float(".5"), float(2))
    print(bool(0), bool(7), bool(""), bool("0"), bool(0.0), bool(-0.1))
    print(str(12) + str(34), int(str(56)) + 1)
    print(ord("a"), chr(ord("a") + 1), ord(chr(0)), ord(chr(255)))
    print(abs(-5), abs(5), abs(-2.25), abs(0.0))
    print(min(3, 7), max(3, 7), min(-1, -9), max(-1, -9), min(4, 4))
    print(min(2.5, -2.5), max(0.1, 0.2))
    print(min('abc', 'abd'), max('b', 'ab'), max('', 'a'), min('hello'[1], 'hello'[4]))
    print(hash(5), hash(0), hash(123456), hash(-42), hash(5) == 5)
    print(len("abc"), len([1, 2]), len({"a": 1}), len((1, 2, 3)))
    d = Dog("rex")
    p = Puppy("bit")
    c = Cat("tom")
    a = Animal("generic")
    print(isinstance(d, Animal), isinstance(d, Dog), isinstance(d, Puppy))
    print(isinstance(p, Animal), isinstance(p, Dog), isinstance(p, Puppy))
    print(isinstance(c, Dog), isinstance(c, Cat), isinstance(a, Dog))
    zoo = [a, d, p, c]
    for x in zoo:
        kind = "animal"
        if isinstance(x, Puppy):
            kind = "puppy"
        elif isinstance(x, Dog):
            kind = "dog"
        elif isinstance(x, Cat):
            kind = "cat"
        print(x.name, kind)
    e = ValueError("v")
    print(isinstance(e, ValueError), isinstance(e, Exception))
    total = 0
    for s in "3 14 15 92 65".split():
        total = total * 100 + int(s)
    print(total)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
