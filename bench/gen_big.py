"""Generate a large rpy program (about N lines) for timing the translator's
front end: many functions with loops, lists, dicts, classes and calls."""
import sys

def main():
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    out = []
    out.append("class Base(object):")
    out.append("    def __init__(self, v):")
    out.append("        self.v = v")
    out.append("")
    out.append("    def get(self):")
    out.append("        return self.v")
    out.append("")
    n = 0
    while len(out) < target - 20:
        out.append(f"class C{n}(Base):")
        out.append("    def get(self):")
        out.append(f"        return self.v + {n}")
        out.append("")
        out.append("")
        out.append(f"def f{n}(xs, k):")
        out.append("    total = 0")
        out.append("    d = {}")
        out.append("    for i in range(len(xs)):")
        out.append("        x = xs[i]")
        out.append(f"        if x % {n % 7 + 2} == 0:")
        out.append("            total += x * k")
        out.append("        elif x > k:")
        out.append("            total -= 1")
        out.append("        else:")
        out.append(f"            d[str(x)] = i + {n}")
        out.append("    names = [s for s in d.keys() if len(s) > 1]")
        out.append(f"    obj = C{n}(total)")
        out.append("    while total > 100:")
        out.append("        total = total // 2")
        prev = f"f{n - 1}(xs, k + 1)" if n > 0 else "0"
        out.append(f"    return total + len(names) + obj.get() + {prev} % 3")
        out.append("")
        out.append("")
        n += 1
    out.append("def entry_point(argv):")
    out.append("    xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]")
    out.append(f"    print(f{n - 1}(xs, 3))")
    out.append("    return 0")
    print("\n".join(out))

main()
