# String indexing and slicing incl. negative indices, iteration over a str,
# ord/chr, escapes, triple-quoted strings, line continuation with backslash.

TEXT = "abcdefgh"
POEM = """line one
line two
  indented 'quoted' "double\""""


def reverse(s):
    out = ""
    i = len(s) - 1
    while i >= 0:
        out += s[i]
        i -= 1
    return out


def rot13(s):
    out = ""
    for c in s:
        o = ord(c)
        if ord("a") <= o <= ord("z"):
            out += chr((o - ord("a") + 13) % 26 + ord("a"))
        elif ord("A") <= o <= ord("Z"):
            out += chr((o - ord("A") + 13) % 26 + ord("A"))
        else:
            out += c
    return out


def entry_point(argv):
    s = TEXT
    print(s[0], s[3], s[-1], s[-3], s[len(s) - 1])
    print(s[2:5], s[:3], s[5:], s[-3:], s[:-3], s[-5:-2])
    print("[" + s[3:3] + "]", "[" + s[6:2] + "]", s[0:100], "[" + s[100:] + "]")
    print(s[-100:2], s[:], "[" + s[-1:-2] + "]")
    print(reverse(s), reverse(""), reverse("x"))
    print(rot13("Hello, World!"), rot13(rot13("Round Trip")))
    print(ord("A"), ord("a"), ord("0"), ord(" "), ord("\n"), ord("\0"))
    print(chr(65), chr(122), chr(48) + chr(49))
    print(ord(chr(200)), ord("\xff"), ord("\x41"))
    print("tab\there")
    print("back\\slash", 'single\'quote', "double\"quote")
    print('it\'s', "say \"hi\"")
    print(POEM)
    print(len(POEM))
    print("concat " + "across " + \
          "lines" + \
          " with backslash")
    n = 0
    for c in "mississippi":
        if c == "s":
            n += 1
    print("s count", n)
    first = s[0]
    print(first == "a", s[1] == "b", first < s[1])
    word = "racecar"
    print(word == reverse(word), word[1:-1], word[-2:])
    pieces = []
    i = 0
    while i < len(s):
        pieces.append(s[i:i + 3])
        i += 3
    print(pieces)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
