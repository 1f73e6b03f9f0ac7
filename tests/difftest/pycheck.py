"""Run an rpy program on CPython with its arithmetic checked.

    python3 pycheck.py PROG.rpy [ARGS...]

The program's AST is rewritten so that the result of every binary and
unary operation, and every augmented assignment to a name or attribute,
goes through a check: an int must fit in 64 bits (rpy's ints wrap, so a
program that leaves them is outside the CPython oracle), a float must be
finite. A failed check prints `difftest-pycheck: ...` on stderr and exits
with status 97; otherwise the program runs as with plain CPython (same
output, same exit status). The generators' self-test and the reducer use
it to tell a program outside the oracle from a bug of rpy.
"""

import ast
import math
import os
import sys

EXIT_OUT_OF_RANGE = 97
LO, HI = -(1 << 63), 1 << 63


def _difftest_chk(v):
    t = type(v)
    if t is int:
        if not LO <= v < HI:
            _fail('int out of 64 bits: %d' % v)
    elif t is float:
        if math.isinf(v) or math.isnan(v):
            _fail('float not finite: %r' % v)
    return v


def _fail(msg):
    frame = sys._getframe(2)
    msg += ' (line %d)' % frame.f_lineno
    sys.stdout.flush()
    sys.stderr.write('difftest-pycheck: %s\n' % msg)
    sys.stderr.flush()
    os._exit(EXIT_OUT_OF_RANGE)


class Checker(ast.NodeTransformer):
    def wrap(self, node):
        call = ast.Call(func=ast.Name(id='_difftest_chk', ctx=ast.Load()),
                        args=[node], keywords=[])
        return ast.copy_location(call, node)

    def visit_BinOp(self, node):
        self.generic_visit(node)
        return self.wrap(node)

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Not):
            return node
        return self.wrap(node)

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        target = node.target
        if isinstance(target, ast.Name):
            load = ast.Name(id=target.id, ctx=ast.Load())
        elif isinstance(target, ast.Attribute) and \
                isinstance(target.value, ast.Name):
            load = ast.Attribute(value=ast.Name(id=target.value.id,
                                                ctx=ast.Load()),
                                 attr=target.attr, ctx=ast.Load())
        else:
            return node
        check = ast.Expr(value=self.wrap(load))
        return [node, ast.copy_location(check, node)]


def main():
    path = sys.argv[1]
    with open(path) as f:
        tree = ast.parse(f.read(), path)
    tree = ast.fix_missing_locations(Checker().visit(tree))
    code = compile(tree, path, 'exec')
    here = os.path.dirname(os.path.abspath(__file__))
    goal = os.path.join(here, '..', '..', 'goal')
    sys.path.insert(0, os.path.abspath(goal))
    sys.argv = sys.argv[1:]
    glob = {'__name__': '__main__', '__file__': path,
            '_difftest_chk': _difftest_chk}
    exec(code, glob)


if __name__ == '__main__':
    main()
