# Python-3 port of example1.py of the RPython tutorial ("Writing an
# Interpreter with PyPy", Andrew Brown; its BF interpreters 1-5).
# source: https://github.com/prg-titech/pypy-tutorial-jp, example1.py,
#   commit e2b1a6338901ba8c33767685720f988418dbbac4 (a clone of the tutorial's
#   bitbucket.org/brownan/pypy-tutorial, which is gone; pypy/example-interpreter
#   cannot be fetched here)
# changes (every one; line numbers of the original file):
#   example1.py -> example1.rpy (a main program; this header added)
#   none else: the file is Python 3 already
# input: helloworld.b (the tutorial's, copied unchanged), goal/bf/squares.b; the benchmark is
#   the tutorial's bench.b, which is bench/bf/bench.b
# test: tests/rpython/bf/helloworld.b => helloworld.out
# test: goal/bf/squares.b => squares.out
# bench: bench/bf/bench.b => bench.out
# rpy-error: tests/rpython/bf/example1.rpy:1:1: no entry point
"""
PyPy tutorial by Andrew Brown
example1.py - Python BF interpreter

"""

def mainloop(program, bracket_map):
    pc = 0
    tape = Tape()
    
    while pc < len(program):

        code = program[pc]

        if code == ">":
            tape.advance()

        elif code == "<":
            tape.devance()

        elif code == "+":
            tape.inc()

        elif code == "-":
            tape.dec()
        
        elif code == ".":
            # print
            sys.stdout.write(chr(tape.get()))
        
        elif code == ",":
            # read from stdin
            tape.set(ord(sys.stdin.read(1)))

        elif code == "[" and tape.get() == 0:
            # Skip forward to the matching ]
            pc = bracket_map[pc]
            
        elif code == "]" and tape.get() != 0:
            # Skip back to the matching [
            pc = bracket_map[pc]

        pc += 1

class Tape(object):
    def __init__(self):
        self.thetape = [0]
        self.position = 0

    def get(self):
        return self.thetape[self.position]
    def set(self, val):
        self.thetape[self.position] = val
    def inc(self):
        self.thetape[self.position] += 1
    def dec(self):
        self.thetape[self.position] -= 1
    def advance(self):
        self.position += 1
        if len(self.thetape) <= self.position:
            self.thetape.append(0)
    def devance(self):
        self.position -= 1

def parse(program):
    parsed = []
    bracket_map = {}
    leftstack = []

    pc = 0
    for char in program:
        if char in ('[', ']', '<', '>', '+', '-', ',', '.'):
            parsed.append(char)

            if char == '[':
                leftstack.append(pc)
            elif char == ']':
                left = leftstack.pop()
                right = pc
                bracket_map[left] = right
                bracket_map[right] = left
            pc += 1
    
    return "".join(parsed), bracket_map

def run(input):
    program, map = parse(input.read())
    mainloop(program, map)
    
if __name__ == "__main__":
    import sys
    run(open(sys.argv[1], 'r'))
