# The JIT's portal: a JitDriver and its jit_merge_point.
# (docs/tutorial.md, step 2.)
from rpy.io import read_file, write, read_stdin, write_err
from rpy.jit import JitDriver

jitdriver = JitDriver(greens=['pc', 'program', 'bracket_map'],
                      reds=['tape', 'ptr'])




def mainloop(program, bracket_map):
    pc = 0
    tape = [0]
    ptr = 0
    while pc < len(program):
        jitdriver.jit_merge_point(pc=pc, tape=tape, ptr=ptr, program=program,
                                  bracket_map=bracket_map)
        code = program[pc]
        if code == ">":
            ptr += 1
            if ptr == len(tape):
                tape.append(0)
        elif code == "<":
            ptr -= 1
        elif code == "+":
            tape[ptr] = (tape[ptr] + 1) % 256
        elif code == "-":
            tape[ptr] = (tape[ptr] - 1) % 256
        elif code == ".":
            write(chr(tape[ptr]))
        elif code == ",":
            c = read_stdin(1)
            if len(c) == 1:
                tape[ptr] = ord(c)
            else:
                tape[ptr] = 0
        elif code == "[" and tape[ptr] == 0:
            pc = bracket_map[pc]
        elif code == "]" and tape[ptr] != 0:
            pc = bracket_map[pc] + 1
            continue
        pc += 1


def parse(program):
    parsed = []
    bracket_map = {}
    leftstack = []
    pc = 0
    for char in program:
        if char in "[]<>+-,.":
            parsed.append(char)
            if char == "[":
                leftstack.append(pc)
            elif char == "]":
                left = leftstack.pop()
                bracket_map[left] = pc
                bracket_map[pc] = left
            pc += 1
    return "".join(parsed), bracket_map


def entry_point(argv):
    if len(argv) < 2:
        write_err("usage: PROGRAM.b\n")
        return 1
    program, bracket_map = parse(read_file(argv[1]))
    mainloop(program, bracket_map)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
