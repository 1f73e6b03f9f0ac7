# bf.rpy -- a Brainfuck interpreter in rpy.
#
# This follows the shape of the classic RPython tutorial ("Tutorial: Writing
# an Interpreter with PyPy", parts 1 and 2 on the PyPy blog):
#
#  * parse() keeps only the eight BF characters of the source, joined into a
#    str, and builds the bracket map (a dict from the position of every '['
#    to its matching ']' and back) with a stack of open brackets.
#  * The tape is a list of ints, grown on demand to the right, and ptr is
#    the position on it.  Cells wrap to 0..255.
#  * mainloop() is the dispatch loop.  It is the JIT's portal: the greens
#    (pc, program, bracket_map) say where we are in the BF program, the reds
#    are the tape and the position on it.  jit_merge_point is the first thing in the loop, and
#    the backward jump of ']' is marked with can_enter_jit, so a hot BF loop
#    becomes a trace.  get_matching_bracket() is @elidable: with a constant
#    program and pc the JIT folds the dict lookup away.
#  * Output goes through rpy.io.write one character at a time (buffered);
#    ',' reads one byte with read_stdin(1) and stores 0 at the end of input.
#
# Usage: bf.rpy PROGRAM.b

from rpy.jit import JitDriver, elidable
from rpy.io import read_file, write, read_stdin, write_err


def get_location(pc, program, bracket_map):
    # Shows the program around pc, with the current instruction in brackets.
    start = pc - 10
    if start < 0:
        start = 0
    end = pc + 11
    if end > len(program):
        end = len(program)
    return program[start:pc] + "_" + program[pc] + "_" + program[pc + 1:end]


jitdriver = JitDriver(greens=['pc', 'program', 'bracket_map'], reds=['tape', 'ptr'],
                      get_printable_location=get_location)


@elidable
def get_matching_bracket(bracket_map, pc):
    return bracket_map[pc]


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
            # Skip forward to the matching ']'.
            pc = get_matching_bracket(bracket_map, pc)
        elif code == "]" and tape[ptr] != 0:
            # Jump back to the instruction after the matching '[': this is
            # where a BF loop closes, so tell the JIT.
            pc = get_matching_bracket(bracket_map, pc) + 1
            jitdriver.can_enter_jit(pc=pc, tape=tape, ptr=ptr,
                                    program=program, bracket_map=bracket_map)
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
                if len(leftstack) == 0:
                    raise ValueError("unmatched ']'")
                left = leftstack.pop()
                right = pc
                bracket_map[left] = right
                bracket_map[right] = left
            pc += 1
    if len(leftstack) != 0:
        raise ValueError("unmatched '['")
    return "".join(parsed), bracket_map


def run(source):
    program, bracket_map = parse(source)
    mainloop(program, bracket_map)


def entry_point(argv):
    if len(argv) < 2:
        write_err("usage: bf.rpy PROGRAM.b\n")
        return 1
    try:
        source = read_file(argv[1])
    except OSError:
        write_err("bf: cannot read " + argv[1] + "\n")
        return 1
    try:
        run(source)
    except ValueError as e:
        write_err("bf: bad program: " + str(e) + "\n")
        return 1
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
