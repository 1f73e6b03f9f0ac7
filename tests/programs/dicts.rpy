# Dicts: literal, get(k, default), keys values items pop in len clear,
# del d[k], iteration in insertion order, int and str keys.

PRICES = {"apple": 3, "banana": 1, "cherry": 7}
SQUARES = {1: 1, 2: 4, 3: 9}


def count_words(text):
    counts = {}
    for w in text.split():
        counts[w] = counts.get(w, 0) + 1
    return counts


def show(d):
    out = ""
    for k in d:
        out += k + "=" + str(d[k]) + " "
    print(out)


def entry_point(argv):
    d = {"one": 1, "two": 2, "three": 3}
    print(len(d), d["two"], d.get("two", -1), d.get("four", -1))
    print("one" in d, "four" in d, "four" not in d)
    d["four"] = 4
    d["one"] = 11
    show(d)
    for k in d.keys():
        print("key", k)
    for v in d.values():
        print("value", v)
    for k, v in d.items():
        print("item", k, v)
    print(d.pop("two"), len(d))
    show(d)
    del d["one"]
    show(d)
    d["one"] = 111
    show(d)
    d.clear()
    print(len(d), "one" in d)
    d["z"] = 26
    show(d)
    print(SQUARES[2], SQUARES.get(4, 0), 3 in SQUARES)
    SQUARES[4] = 16
    total = 0
    for k in SQUARES:
        total += k * 1000 + SQUARES[k]
    print(total)
    del SQUARES[1]
    for k in SQUARES:
        print(k, SQUARES[k])
    counts = count_words("the cat and the dog and the bird")
    show(counts)
    PRICES["banana"] += 10
    show(PRICES)
    ids = {}
    ids[-5] = "neg"
    ids[0] = "zero"
    ids[1 << 40] = "big"
    for k in ids:
        print(k, ids[k])
    keys = []
    for k in PRICES:
        keys.append(k)
    print(keys)
    vals = []
    for v in PRICES.values():
        vals.append(v)
    print(vals)
    nested = {"a": [1, 2], "b": [3]}
    nested["a"].append(5)
    print(nested["a"], nested["b"], len(nested))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
