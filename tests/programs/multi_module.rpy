# A program of several modules: a package with two submodules, imported
# with `from … import *`, `import … as`, `import pkg.mod` and `from pkg
# import mod`. Each module's body runs once; run-time code reads their
# constants through the module names too.
from multi_module_lib.ops import *
import multi_module_lib.values as values
import multi_module_lib
from multi_module_lib import ops
from rpy.jit import JitDriver

driver = JitDriver(greens=["pc", "code"], reds=["stack"])


def run(code):
    stack = []
    pc = 0
    while pc < len(code):
        driver.jit_merge_point(pc=pc, code=code, stack=stack)
        op = code[pc]
        if op == PUSH:
            stack.append(values.box(code[pc + 1]))
        elif op == ADD:
            b = stack.pop()
            a = stack.pop()
            stack.append(a.add(b))
        elif op == MUL:
            b = stack.pop()
            a = stack.pop()
            stack.append(a.mul(b))
        elif op == PRINT:
            print("top", stack[-1].value)
        elif op == ops.HALT:
            break
        pc += 1 + arity(op)
    return stack[-1]


def entry_point(argv):
    code = [PUSH, 2, PUSH, 3, ADD, PUSH, 7, MUL, PRINT, HALT, PRINT]
    result = run(code)
    print(result.value, values.ZERO.value, values.ONE is values.box(1))
    print(multi_module_lib.VERSION, multi_module_lib.values.LAST_OP == HALT)
    print(len(ops.NAMES), ops.NAMES[MUL])
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
