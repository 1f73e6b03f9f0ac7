# String methods: join split strip startswith endswith find isdigit isalpha
# isspace upper lower replace, + * == < and `in`.

WORDS = ["alpha", "beta", "gamma"]


def classify(s):
    if s.isdigit():
        return "digits"
    if s.isalpha():
        return "letters"
    if s.isspace():
        return "space"
    return "mixed"


def entry_point(argv):
    print(", ".join(WORDS))
    print("".join(["a", "b", "c"]))
    print("-".join(["solo"]))
    empty = ["x"]
    empty.pop()
    print("[" + ",".join(empty) + "]")
    print("a b  c\td\ne".split())
    print("  leading and trailing  ".split())
    print("a,b,,c".split(","))
    print("k=v=w".split("="))
    print("abc".split("x"))
    print("one::two::three".split("::"))
    print("[" + "  padded \t\n".strip() + "]")
    print("[" + "nothing".strip() + "]")
    print("[" + "   ".strip() + "]")
    s = "hello world"
    print(s.startswith("hello"), s.startswith("world"), s.startswith(""))
    print(s.endswith("world"), s.endswith("hello"), s.endswith("d"))
    print(s.find("o"), s.find("world"), s.find("xyz"), s.find(""))
    print(s.find("l"), s.find("lo w"))
    print(classify("12345"), classify("abcXYZ"), classify(" \t\n"),
          classify("abc123"), classify(""))
    print("0".isdigit(), "a1".isdigit(), "Z".isalpha(), "_".isalpha())
    print(" ".isspace(), "".isspace(), "".isdigit(), "".isalpha())
    print(s.upper(), "MiXeD 123".lower(), "MiXeD 123".upper())
    print(s.replace("o", "0"), s.replace("world", "there"))
    print("aaaa".replace("aa", "b"), "abc".replace("x", "y"))
    print("banana".replace("an", ""))
    t = "ab" + "cd"
    print(t, t * 3, "-" * 10, "x" * 0)
    print(3 * "ha")
    print("abc" == "abc", "abc" == "abd", "abc" != "abd")
    print("abc" < "abd", "abc" < "ab", "B" < "a", "" < "a", "b" > "a")
    print("abc" <= "abc", "abd" >= "abc")
    print("ell" in s, "xyz" in s, "" in s, "h" in s, "z" not in s)
    print(len(s), len(""), len("\n\t"))
    total = ""
    for w in WORDS:
        total += w.upper()
        total += "/"
    print(total)
    acc = "x"
    acc *= 3
    print(acc)
    csv = "name,age,city"
    fields = csv.split(",")
    fields.reverse()
    print("|".join(fields))
    line = "  key   =   value  "
    eq = line.find("=")
    key = line[:eq].strip()
    val = line[eq + 1:].strip()
    print("key=" + key + ";val=" + val)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
