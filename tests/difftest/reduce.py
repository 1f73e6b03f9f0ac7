"""Shrink a program while one disagreement of rpy with CPython persists.

    python3 tests/difftest/reduce.py PROG.rpy [--mode MODE] [-o OUT]

The program is read as a tree of logical lines (a block header owns the
lines indented below it). Delta debugging removes chunks of sibling
lines, then single lines, unwraps compound statements (`if c: body` →
`body`, also dropping the `elif`/`else`/`except`/`finally` that belong
to it), and simplifies conditions to True/False, over and over until
nothing more can go. A candidate is kept when CPython still runs it as a
valid program (through pycheck.py: ints within 64 bits, no NameError or
TypeError ...) and the chosen mode still disagrees in the same way: the
same kind (wrong output, crash, timeout) or, for a failed translation,
the same error message. The target mode is the cheapest disagreeing one
unless --mode names another.

Used by run.py on every finding, and by hand.
"""

import argparse
import io
import os
import re
import sys
import time
import tokenize

import modes as M

# cheapest first: what the reducer prefers to preserve
COST_ORDER = ['interp', 'translate-native', 'native', 'native-gcstress',
              'translate-jit', 'jit', 'jit-abort', 'jit-eager-interp',
              'jit-eager-x86']
CONTINUATIONS = ('elif', 'else', 'except', 'finally')


class Node(object):
    def __init__(self, lines, indent):
        self.lines = lines        # physical lines, own indent removed
        self.indent = indent
        self.children = []

    @property
    def head(self):
        return self.lines[0].strip()

    def opens_block(self):
        return self.lines[-1].rstrip().endswith(':')

    def keyword(self):
        m = re.match(r'[A-Za-z_]+', self.head)
        return m.group(0) if m else ''

    def protected(self):
        """The lines that make CPython run the program at all."""
        h = self.head
        return h.startswith('if __name__') or h.startswith('def target(') \
            or h.startswith('def entry_point(') or \
            h.startswith('OPAQUE')

    def sealed(self):
        """Blocks whose body stays as it is."""
        h = self.head
        return h.startswith('if __name__') or h.startswith('def target(')


def logical_lines(text):
    """(first, last) physical line numbers (0-based) of each logical line
    that is not blank or a comment."""
    out = []
    start = None
    toks = tokenize.generate_tokens(io.StringIO(text).readline)
    for tok in toks:
        if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.INDENT,
                        tokenize.DEDENT, tokenize.ENCODING,
                        tokenize.ENDMARKER):
            continue
        if tok.type == tokenize.NEWLINE:
            if start is not None:
                out.append((start, tok.start[0] - 1))
            start = None
            continue
        if start is None:
            start = tok.start[0] - 1
    return out


def parse(text):
    """The program as a list of top-level Nodes."""
    phys = text.splitlines()
    roots = []
    stack = []        # (indent, node)
    for first, last in logical_lines(text):
        line = phys[first]
        indent = len(line) - len(line.lstrip(' '))
        lines = [l[indent:] if l[:indent].strip() == '' else l.lstrip()
                 for l in phys[first:last + 1]]
        node = Node(lines, indent)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if stack:
            stack[-1][1].children.append(node)
        else:
            roots.append(node)
        stack.append((indent, node))
    return roots


def render(nodes, depth=0, out=None):
    top = out is None
    out = [] if top else out
    pad = '    ' * depth
    for n in nodes:
        out.append(pad + n.lines[0])
        out.extend(pad + l for l in n.lines[1:])
        if n.children:
            render(n.children, depth + 1, out)
        elif n.opens_block():
            out.append(pad + '    pass')
    if top:
        return '\n'.join(out) + '\n'
    return out


def copy_tree(nodes):
    out = []
    for n in nodes:
        c = Node(list(n.lines), n.indent)
        c.children = copy_tree(n.children)
        out.append(c)
    return out


def blocks(nodes, path=()):
    """Every list of siblings, as paths from the roots, outermost first."""
    out = [path]
    for i, n in enumerate(nodes):
        if n.children and not n.sealed():
            out.extend(blocks(n.children, path + (i,)))
    return out


def siblings(tree, path):
    """The siblings at path (IndexError when the path no longer leads
    to an open block: paths go stale as the tree shrinks)."""
    nodes = tree
    for i in path:
        if nodes[i].sealed() or not nodes[i].children:
            raise IndexError(path)
        nodes = nodes[i].children
    return nodes


class Reducer(object):
    def __init__(self, tools, prog, target, log=None, time_limit=None):
        self.tools = tools
        self.prog = os.path.abspath(prog)
        self.target = target          # Disagreement to preserve
        self.log = log or (lambda msg: None)
        self.tests = 0
        self.deadline = time.time() + time_limit if time_limit else None
        stem = os.path.splitext(self.prog)[0]
        self.work = stem + '-red.rpy'

    # ------------------------------------------------------- the test

    def modes_for(self, mode):
        if mode == 'translate-native':
            return ['native']
        if mode == 'translate-jit':
            return ['jit']
        return [mode]

    def interesting(self, text):
        """Does text still show the target disagreement?"""
        if self.deadline and time.time() > self.deadline:
            return False
        try:
            compile(text, 'candidate', 'exec')
        except (SyntaxError, ValueError):
            return False
        self.tests += 1
        with open(self.work, 'w') as f:
            f.write(text)
        out = M.check(self.tools, self.work, self.modes_for(self.target.mode))
        if out.invalid:
            return False
        for d in out.disagreements:
            if d.mode != self.target.mode or d.kind != self.target.kind:
                continue
            if d.kind == 'translate' and d.detail != self.target.detail:
                continue
            return True
        return False

    # ------------------------------------------------------ the passes

    def try_tree(self, tree):
        text = render(tree)
        if text == self.best:
            return False
        if self.interesting(text):
            self.best = text
            self.log('  reduced to %d lines (%d tests)' % (
                text.count('\n'), self.tests))
            return True
        return False

    def remove_chunks(self, tree):
        """ddmin over every block: remove chunks of siblings."""
        progress = False
        for path in blocks(tree):
            n = 2
            while True:
                try:
                    nodes = siblings(tree, path)
                except IndexError:
                    break
                if len(nodes) == 0:
                    break
                size = max(1, len(nodes) // n)
                removed = False
                for start in range(0, len(nodes), size):
                    if any(x.protected() for x in nodes[start:start + size]):
                        continue
                    cand = copy_tree(tree)
                    sib = siblings(cand, path)
                    del sib[start:start + size]
                    if self.try_tree(cand):
                        tree[:] = cand
                        removed = progress = True
                        break
                if removed:
                    n = max(n - 1, 2)
                    continue
                if size == 1:
                    break
                n = min(n * 2, len(nodes))
        return progress

    def unwrap(self, tree):
        """Replace a compound statement by its body."""
        progress = False
        for path in blocks(tree):
            i = 0
            while True:
                try:
                    nodes = siblings(tree, path)
                except IndexError:
                    break
                if i >= len(nodes):
                    break
                node = nodes[i]
                kw = node.keyword()
                if not node.children or kw in ('def', 'class') or \
                        kw in CONTINUATIONS or node.protected():
                    i += 1
                    continue
                cand = copy_tree(tree)
                sib = siblings(cand, path)
                j = i + 1
                while j < len(sib) and sib[j].keyword() in CONTINUATIONS:
                    j += 1
                sib[i:j] = sib[i].children
                if self.try_tree(cand):
                    tree[:] = cand
                    progress = True
                else:
                    i += 1
        return progress

    def simplify_conditions(self, tree):
        """`if c:` / `while c:` → `if True:`/`if False:` ..."""
        progress = False
        for path in blocks(tree):
            try:
                nodes = siblings(tree, path)
            except IndexError:
                continue
            for i, node in enumerate(nodes):
                kw = node.keyword()
                if kw not in ('if', 'elif') or len(node.lines) != 1 or \
                        node.protected():
                    continue
                if node.head in ('if True:', 'if False:', 'elif True:',
                                 'elif False:'):
                    continue
                for value in ('True', 'False'):
                    cand = copy_tree(tree)
                    siblings(cand, path)[i].lines = ['%s %s:' % (kw, value)]
                    if self.try_tree(cand):
                        tree[:] = cand
                        progress = True
                        break
        return progress

    def run(self):
        with open(self.prog) as f:
            text = f.read()
        tree = parse(text)
        self.best = None
        self.best = render(tree)
        if not self.interesting(self.best):
            self.log('  the disagreement does not show again: kept as is')
            return text
        while True:
            progress = self.remove_chunks(tree)
            progress |= self.unwrap(tree)
            progress |= self.simplify_conditions(tree)
            if not progress:
                break
        try:
            os.remove(self.work)
        except OSError:
            pass
        return self.best


def pick_target(disagreements, mode=None):
    """The disagreement to preserve: the one of `mode`, else the one of
    the cheapest mode."""
    if mode is not None:
        for d in disagreements:
            if d.mode == mode:
                return d
        return None
    ranked = sorted(disagreements, key=lambda d: COST_ORDER.index(d.mode)
                    if d.mode in COST_ORDER else 99)
    return ranked[0] if ranked else None


def reduce_program(tools, prog, disagreements, mode=None, log=None,
                   time_limit=None):
    """Returns (reduced text, target Disagreement) or (None, None)."""
    target = pick_target(disagreements, mode)
    if target is None:
        return None, None
    r = Reducer(tools, prog, target, log, time_limit)
    return r.run(), target


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('prog')
    ap.add_argument('--mode', help='the disagreeing mode to preserve')
    ap.add_argument('-o', '--output', help='where to write the result '
                    '(default PROG-reduced.rpy)')
    ap.add_argument('--timeout', type=float, default=60.0)
    ap.add_argument('--time-limit', type=float, default=None,
                    help='stop reducing after this many seconds')
    args = ap.parse_args()
    tools = M.Tools(timeout=args.timeout, checked_oracle=True)
    prog = os.path.abspath(args.prog)
    out = M.check(tools, prog)
    if out.invalid:
        print('not a valid program for the oracle:', out.invalid)
        return 2
    if not out.disagreements:
        print('no disagreement: nothing to reduce')
        return 1
    for d in out.disagreements:
        print('disagreement:', d)
    text, target = reduce_program(tools, prog, out.disagreements, args.mode,
                                  log=print, time_limit=args.time_limit)
    if text is None:
        print('no disagreement in mode', args.mode)
        return 1
    dest = args.output or os.path.splitext(prog)[0] + '-reduced.rpy'
    with open(dest, 'w') as f:
        f.write(text)
    print('preserved:', target)
    print('wrote %s (%d lines)' % (dest, text.count('\n')))
    return 0


if __name__ == '__main__':
    sys.exit(main())
