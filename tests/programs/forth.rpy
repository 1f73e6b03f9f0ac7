# A tiny Forth: integer data stack, arithmetic, stack words, comparison,
# IF ELSE THEN, DO LOOP with I, BEGIN UNTIL, user definitions with : ;,
# variables with ! and @, and error reporting for stack underflow.

SOURCE = """
2 3 + .  10 4 - .  6 7 * .  20 6 / .  20 6 MOD .  CR
: SQUARE DUP * ;
: CUBE DUP SQUARE * ;
5 SQUARE .  3 CUBE .  CR
: ABS DUP 0 < IF NEGATE THEN ;
-9 ABS .  9 ABS .  CR
: SIGN DUP 0 < IF DROP -1 ELSE 0 > IF 1 ELSE 0 THEN THEN ;
-5 SIGN .  0 SIGN .  8 SIGN .  CR
: STARS 0 DO 42 EMIT LOOP ;
5 STARS CR
: COUNTUP 5 0 DO I . LOOP ;
COUNTUP CR
: FACT 1 SWAP 1 + 1 DO I * LOOP ;
10 FACT .  CR
VARIABLE COUNTER
0 COUNTER !
: BUMP COUNTER @ 1 + COUNTER ! ;
BUMP BUMP BUMP COUNTER @ .  CR
: FIB 0 1 ROT 0 DO OVER OVER + ROT DROP LOOP DROP ;
20 FIB .  CR
: HALVE BEGIN DUP . 2 / DUP 0 = UNTIL DROP ;
100 HALVE CR
1 2 SWAP . . CR
7 8 OVER . . . CR
99 .  CR
"""


class ForthError(Exception):
    def __init__(self, msg):
        self.msg = msg


class Forth(object):
    def __init__(self):
        self.stack = []
        self.rstack = []
        self.words = {}
        self.variables = {}
        self.memory = [0] * 16
        self.out = []

    def push(self, v):
        self.stack.append(v)

    def pop(self):
        if len(self.stack) == 0:
            raise ForthError("stack underflow")
        return self.stack.pop()

    def emit(self, s):
        self.out.append(s)

    def run(self, tokens):
        pc = 0
        while pc < len(tokens):
            pc = self.step(tokens, pc)

    def find_match(self, tokens, pc, open_word, targets):
        depth = 0
        while pc < len(tokens):
            t = tokens[pc]
            if t == open_word:
                depth += 1
            elif t in targets:
                if depth == 0:
                    return pc
                if t != "ELSE":
                    depth -= 1
            pc += 1
        raise ForthError("unmatched " + open_word)

    def step(self, tokens, pc):
        t = tokens[pc]
        pc += 1
        if t == ":":
            name = tokens[pc]
            end = pc
            while tokens[end] != ";":
                end += 1
            self.words[name] = tokens[pc + 1:end]
            return end + 1
        if t == "VARIABLE":
            self.variables[tokens[pc]] = len(self.variables)
            return pc + 1
        if t == "IF":
            if self.pop() == 0:
                target = self.find_match(tokens, pc, "IF", ["ELSE", "THEN"])
                return target + 1
            return pc
        if t == "ELSE":
            return self.find_match(tokens, pc, "IF", ["THEN"]) + 1
        if t == "THEN":
            return pc
        if t == "DO":
            start = self.pop()
            limit = self.pop()
            end = self.find_match(tokens, pc, "DO", ["LOOP"])
            body = tokens[pc:end]
            i = start
            while i < limit:
                self.rstack.append(i)
                self.run(body)
                self.rstack.pop()
                i += 1
            return end + 1
        if t == "BEGIN":
            end = self.find_match(tokens, pc, "BEGIN", ["UNTIL"])
            body = tokens[pc:end]
            while True:
                self.run(body)
                if self.pop() != 0:
                    break
            return end + 1
        self.execute(t)
        return pc

    def execute(self, t):
        if t in self.words:
            self.run(self.words[t])
        elif t in self.variables:
            self.push(self.variables[t])
        elif t == "+":
            b = self.pop()
            self.push(self.pop() + b)
        elif t == "-":
            b = self.pop()
            self.push(self.pop() - b)
        elif t == "*":
            b = self.pop()
            self.push(self.pop() * b)
        elif t == "/":
            b = self.pop()
            self.push(self.pop() // b)
        elif t == "MOD":
            b = self.pop()
            self.push(self.pop() % b)
        elif t == "<" or t == ">" or t == "=":
            b = self.pop()
            a = self.pop()
            r = (t == "<" and a < b) or (t == ">" and a > b) or (t == "=" and a == b)
            self.push(-1 if r else 0)
        elif t == "NEGATE":
            self.push(-self.pop())
        elif t == "DUP":
            v = self.pop()
            self.push(v)
            self.push(v)
        elif t == "DROP":
            self.pop()
        elif t == "SWAP":
            b = self.pop()
            a = self.pop()
            self.push(b)
            self.push(a)
        elif t == "OVER":
            b = self.pop()
            a = self.pop()
            self.push(a)
            self.push(b)
            self.push(a)
        elif t == "ROT":
            c = self.pop()
            b = self.pop()
            a = self.pop()
            self.push(b)
            self.push(c)
            self.push(a)
        elif t == "I":
            self.push(self.rstack[-1])
        elif t == "!":
            addr = self.pop()
            self.memory[addr] = self.pop()
        elif t == "@":
            self.push(self.memory[self.pop()])
        elif t == ".":
            self.emit(str(self.pop()) + " ")
        elif t == "EMIT":
            self.emit(chr(self.pop()))
        elif t == "CR":
            print("".join(self.out))
            self.out = []
        else:
            self.push(int(t))


def entry_point(argv):
    f = Forth()
    f.run(SOURCE.split())
    print("stack depth", len(f.stack))
    try:
        f.run(": BAD + ; 1 BAD".split())
    except ForthError as e:
        print("error:", e.msg)
    try:
        f.run("1 FOO".split())
    except ValueError:
        print("error: unknown word")
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
