# String processing: word frequencies with a stable ranking, run-length
# encoding/decoding, Caesar cipher, palindromes, word wrapping, a tiny
# template substitution and a CSV-ish report.

TEXT = """It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness,
it was the epoch of belief, it was the epoch of incredulity."""

CSV = """name,qty,price
widget,4,250
gadget,10,99
doohickey,1,1250"""


def normalize(word):
    out = ""
    for c in word.lower():
        if c.isalpha():
            out += c
    return out


def word_freq(text):
    counts = {}
    order = []
    for raw in text.split():
        w = normalize(raw)
        if w == "":
            continue
        if w not in counts:
            counts[w] = 0
            order.append(w)
        counts[w] += 1
    # stable selection of the top entries: by count desc, first seen first
    ranked = []
    used = {}
    for k in range(len(order)):
        best = ""
        for w in order:
            if w in used:
                continue
            if best == "" or counts[w] > counts[best]:
                best = w
        used[best] = True
        ranked.append((best, counts[best]))
    return ranked


def rle_encode(s):
    if s == "":
        return ""
    out = ""
    prev = s[0]
    n = 1
    for c in s[1:]:
        if c == prev:
            n += 1
        else:
            out += str(n) + prev
            prev = c
            n = 1
    out += str(n) + prev
    return out


def rle_decode(s):
    out = ""
    num = 0
    for c in s:
        if c.isdigit():
            num = num * 10 + (ord(c) - ord("0"))
        else:
            out += c * num
            num = 0
    return out


def caesar(s, shift):
    out = []
    for c in s:
        if c.isalpha():
            base = ord("a") if c == c.lower() else ord("A")
            out.append(chr((ord(c) - base + shift) % 26 + base))
        else:
            out.append(c)
    return "".join(out)


def is_palindrome(s):
    t = normalize(s)
    i = 0
    j = len(t) - 1
    while i < j:
        if t[i] != t[j]:
            return False
        i += 1
        j -= 1
    return True


def wrap(text, width):
    lines = []
    line = ""
    for w in text.split():
        if line == "":
            line = w
        elif len(line) + 1 + len(w) <= width:
            line += " " + w
        else:
            lines.append(line)
            line = w
    if line != "":
        lines.append(line)
    return lines


def render(template, values):
    out = ""
    i = 0
    while i < len(template):
        start = template.find("{", i)
        if start < 0:
            out += template[i:]
            break
        end = template.find("}", start)
        out += template[i:start]
        key = template[start + 1:end]
        out += values.get(key, "?" + key + "?")
        i = end + 1
    return out


def pad(s, width):
    return s + " " * (width - len(s))


def report(csv):
    rows = csv.split("\n")
    total = 0
    for row in rows[1:]:
        fields = row.split(",")
        cost = int(fields[1]) * int(fields[2])
        total += cost
        cents = str(cost % 100)
        if len(cents) < 2:
            cents = "0" + cents
        print(pad(fields[0], 10) + pad(fields[1], 4) + str(cost // 100) + "." + cents)
    print(pad("TOTAL", 14) + str(total // 100) + "." + str(total % 100))


def entry_point(argv):
    for pair in word_freq(TEXT)[:6]:
        word, n = pair
        print(word, n)
    enc = rle_encode("aaabccddddde")
    print(enc, rle_decode(enc), rle_decode(rle_encode("x" * 12)))
    secret = caesar("Hello, World!", 3)
    print(secret, caesar(secret, 23))
    for s in ["A man, a plan, a canal: Panama", "Not a palindrome", ""]:
        print(is_palindrome(s), s)
    for line in wrap(TEXT, 28):
        print("|" + pad(line, 28) + "|")
    values = {"name": "rpy", "kind": "dialect"}
    print(render("{name} is a {kind} of {lang}.", values))
    print(render("no placeholders", values))
    report(CSV)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
