# A tokenizer and recursive-descent evaluator for integer expressions with
# variables, assignment, unary minus, parentheses, comparison and errors.

T_NUM = 0
T_NAME = 1
T_OP = 2
T_END = 3

OPS = "+-*/%()=<"

PROGRAM = [
    "1 + 2 * 3",
    "(1 + 2) * 3",
    "x = 7",
    "y = x * x - 1",
    "y / 4",
    "y % 5",
    "-x + -(-3)",
    "2 * (3 + 4) * (5 - 1)",
    "x < y",
    "y < x",
    "z + 1",
    "10 / (x - 7)",
    "3 + * 4",
    "(1 + 2",
    "12abc",
    "total = x + y + 100",
    "total",
    "  ",
]


class Token(object):
    def __init__(self, kind, text, pos):
        self.kind = kind
        self.text = text
        self.pos = pos


class CalcError(Exception):
    def __init__(self, msg, pos):
        self.msg = msg
        self.pos = pos


def tokenize(src):
    tokens = []
    i = 0
    n = len(src)
    while i < n:
        c = src[i]
        if c.isspace():
            i += 1
        elif c.isdigit():
            start = i
            while i < n and src[i].isdigit():
                i += 1
            if i < n and src[i].isalpha():
                raise CalcError("bad number", start)
            tokens.append(Token(T_NUM, src[start:i], start))
        elif c.isalpha() or c == "_":
            start = i
            while i < n and (src[i].isalpha() or src[i].isdigit() or src[i] == "_"):
                i += 1
            tokens.append(Token(T_NAME, src[start:i], start))
        elif OPS.find(c) >= 0:
            tokens.append(Token(T_OP, c, i))
            i += 1
        else:
            raise CalcError("unexpected character " + c, i)
    tokens.append(Token(T_END, "", n))
    return tokens


class Parser(object):
    def __init__(self, tokens, env):
        self.tokens = tokens
        self.pos = 0
        self.env = env

    def peek(self):
        return self.tokens[self.pos]

    def next(self):
        t = self.tokens[self.pos]
        self.pos += 1
        return t

    def expect(self, text):
        t = self.next()
        if t.text != text:
            raise CalcError("expected " + text, t.pos)

    def statement(self):
        t = self.peek()
        if t.kind == T_END:
            raise CalcError("empty input", t.pos)
        if t.kind == T_NAME and self.tokens[self.pos + 1].text == "=":
            self.pos += 2
            value = self.comparison()
            self.env[t.text] = value
            return value
        return self.comparison()

    def comparison(self):
        left = self.sum()
        if self.peek().text == "<":
            self.next()
            right = self.sum()
            return 1 if left < right else 0
        return left

    def sum(self):
        value = self.product()
        while self.peek().text == "+" or self.peek().text == "-":
            op = self.next().text
            rhs = self.product()
            if op == "+":
                value += rhs
            else:
                value -= rhs
        return value

    def product(self):
        value = self.unary()
        while self.peek().text in ["*", "/", "%"]:
            t = self.next()
            rhs = self.unary()
            if t.text == "*":
                value *= rhs
            elif rhs == 0:
                raise CalcError("division by zero", t.pos)
            elif t.text == "/":
                value //= rhs
            else:
                value %= rhs
        return value

    def unary(self):
        if self.peek().text == "-":
            self.next()
            return -self.unary()
        return self.atom()

    def atom(self):
        t = self.next()
        if t.kind == T_NUM:
            return int(t.text)
        if t.kind == T_NAME:
            if t.text not in self.env:
                raise CalcError("undefined variable " + t.text, t.pos)
            return self.env[t.text]
        if t.text == "(":
            v = self.sum()
            self.expect(")")
            return v
        raise CalcError("unexpected token '" + t.text + "'", t.pos)


def run_line(line, env):
    try:
        p = Parser(tokenize(line), env)
        v = p.statement()
        if p.peek().kind != T_END:
            raise CalcError("trailing input", p.peek().pos)
        return str(v)
    except CalcError as e:
        return "error at " + str(e.pos) + ": " + e.msg


def entry_point(argv):
    env = {}
    for line in PROGRAM:
        print(line.strip() + " => " + run_line(line, env))
    names = [k + "=" + str(env[k]) for k in env]
    print(" ".join(names))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
