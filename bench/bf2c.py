#!/usr/bin/env python3
"""Translate a Brainfuck program to straightforward C (the bench "limit" row).

Runs of + - < > are folded into one statement each; nothing else is
optimised. Cells are unsigned chars (wrap at 256), the tape has 65536 cells
starting at cell 0 as goal/bf.rpy does.
Usage: bf2c.py PROGRAM.b > program.c
"""
import sys


def translate(source):
    code = [c for c in source if c in "+-<>[].,"]
    out = ["#include <stdio.h>",
           "static unsigned char tape[1 << 20];",
           "int main(void) {",
           "    unsigned char *p = tape;"]
    depth = 1
    i = 0
    while i < len(code):
        c = code[i]
        if c in "+-<>":
            j = i
            while j < len(code) and code[j] == c:
                j += 1
            n = j - i
            i = j
            stmt = {"+": "*p += %d;", "-": "*p -= %d;",
                    ">": "p += %d;", "<": "p -= %d;"}[c] % n
        else:
            i += 1
            if c == "[":
                stmt = "while (*p) {"
            elif c == "]":
                depth -= 1
                stmt = "}"
            elif c == ".":
                stmt = "putchar(*p);"
            else:
                stmt = "{ int ch = getchar(); *p = ch == EOF ? 0 : ch; }"
        out.append("    " * depth + stmt)
        if c == "[":
            depth += 1
    out.append("    return 0;")
    out.append("}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        sys.stdout.write(translate(f.read()))
