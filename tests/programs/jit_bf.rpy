# A Brainfuck interpreter using every JIT hint: JitDriver with
# get_printable_location, jit_merge_point, can_enter_jit, @elidable,
# @dont_look_inside, @unroll_safe, promote, we_are_jitted.
from rpy.jit import JitDriver, elidable, dont_look_inside, unroll_safe
from rpy.jit import promote, we_are_jitted
from rpy.io import write


def get_location(pc, program, brackets):
    return "pc=" + str(pc) + " op=" + program[pc]


driver = JitDriver(greens=['pc', 'program', 'brackets'],
                   reds=['ptr', 'tape', 'out'],
                   get_printable_location=get_location)

# prints "Hello World!\n"
HELLO = "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++" + \
        "..+++.>>.<-.<.+++.------.--------.>>+.>++."

# adds 2 + 5 and prints the digit
ADD = "++>+++++[<+>-]++++++++[<++++++>-]<."

# nested loops: prints 'A' (65) using a multiplication
NESTED = "++++++++[>++++++++<-]>+."


@elidable
def matching_bracket(brackets, pc):
    return brackets[pc]


@unroll_safe
def compute_brackets(program):
    brackets = [0] * len(program)
    stack = []
    for i in range(len(program)):
        c = program[i]
        if c == "[":
            stack.append(i)
        elif c == "]":
            j = stack.pop()
            brackets[i] = j
            brackets[j] = i
    return brackets


@dont_look_inside
def emit(out, value):
    out.append(chr(value))


def step_value(v, delta):
    if we_are_jitted():
        return (v + delta) & 255
    return (v + delta) % 256


def run(program):
    brackets = compute_brackets(program)
    tape = [0] * 300
    ptr = 0
    pc = 0
    out = []
    while True:
        driver.jit_merge_point(pc=pc, program=program, brackets=brackets,
                               ptr=ptr, tape=tape, out=out)
        if pc >= len(program):
            break
        c = program[pc]
        if c == ">":
            ptr += 1
            pc += 1
        elif c == "<":
            ptr -= 1
            pc += 1
        elif c == "+":
            tape[ptr] = step_value(tape[ptr], 1)
            pc += 1
        elif c == "-":
            tape[ptr] = step_value(tape[ptr], -1)
            pc += 1
        elif c == ".":
            emit(out, tape[ptr])
            pc += 1
        elif c == "[":
            if tape[ptr] == 0:
                pc = matching_bracket(brackets, pc) + 1
            else:
                pc += 1
        elif c == "]":
            if tape[ptr] != 0:
                pc = matching_bracket(brackets, pc) + 1
                ptr = promote(ptr)
                driver.can_enter_jit(pc=pc, program=program,
                                     brackets=brackets, ptr=ptr, tape=tape,
                                     out=out)
            else:
                pc += 1
        else:
            pc += 1
    return "".join(out)


def entry_point(argv):
    write(run(HELLO))
    print(run(ADD))
    print(run(NESTED))
    print(get_location(0, HELLO, [0]))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
