# Python-3 port of example3.py of the RPython tutorial ("Writing an
# Interpreter with PyPy", Andrew Brown; its BF interpreters 1-5).
# source: https://github.com/prg-titech/pypy-tutorial-jp, example3.py,
#   commit e2b1a6338901ba8c33767685720f988418dbbac4 (a clone of the tutorial's
#   bitbucket.org/brownan/pypy-tutorial, which is gone; pypy/example-interpreter
#   cannot be fetched here)
# changes (every one; line numbers of the original file):
#   example3.py -> example3.rpy (a main program; this header added)
#   line 118: `print "You must supply a filename"` -> `print("You must supply a filename")`
#   line 121: the octal literal `0777` -> `0o777`
# input: helloworld.b (the tutorial's, copied unchanged), goal/bf/squares.b; the benchmark is
#   the tutorial's bench.b, which is bench/bf/bench.b
# test: tests/rpython/bf/helloworld.b => helloworld.out
# test: goal/bf/squares.b => squares.out
# bench: bench/bf/bench.b => bench.out
"""
PyPy tutorial by Andrew Brown
example3.py - BF interpreter in RPython, translatable by PyPy, with JIT

"""

import os
import sys

# So that you can still run this module under standard CPython, I add this
# import guard that creates a dummy class instead.
try:
    from rpython.rlib.jit import JitDriver
except ImportError:
    class JitDriver(object):
        def __init__(self,**kw): pass
        def jit_merge_point(self,**kw): pass
        def can_enter_jit(self,**kw): pass

jitdriver = JitDriver(greens=['pc', 'program', 'bracket_map'], reds=['tape'])

def mainloop(program, bracket_map):
    pc = 0
    tape = Tape()
    
    while pc < len(program):
        jitdriver.jit_merge_point(pc=pc, tape=tape, program=program,
                bracket_map=bracket_map)

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
            os.write(1, chr(tape.get()))
        
        elif code == ",":
            # read from stdin
            tape.set(ord(os.read(0, 1)[0]))

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

def run(fp):
    program_contents = ""
    while True:
        read = os.read(fp, 4096)
        if len(read) == 0:
            break
        program_contents += read
    os.close(fp)
    program, bm = parse(program_contents)
    mainloop(program, bm)

def entry_point(argv):
    try:
        filename = argv[1]
    except IndexError:
        print("You must supply a filename")
        return 1
    
    run(os.open(filename, os.O_RDONLY, 0o777))
    return 0

def target(*args):
    return entry_point, None
    
def jitpolicy(driver):
    from rpython.jit.codewriter.policy import JitPolicy
    return JitPolicy()

if __name__ == "__main__":
    entry_point(sys.argv)
