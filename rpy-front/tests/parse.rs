//! Parser tests: AST shapes, refusals, layout and syntax errors with their
//! positions, and robustness (no input may panic).

use rpy_front::ast::{ExprKind, Module, StmtKind};
use rpy_front::ast_dump::dump_module;
use rpy_front::{parse_module, Diagnostic, Diagnostics, SourceFile};

/// The module, or the first error.
fn parse(src: &str) -> Result<Module, Diagnostic> {
    parse_all(src).map_err(|e| e.first().clone())
}

fn parse_all(src: &str) -> Result<Module, Diagnostics> {
    parse_module(&SourceFile::new("t.rpy", src))
}

fn dump(src: &str) -> String {
    let file = SourceFile::new("t.rpy", src);
    match parse_module(&file) {
        Ok(m) => dump_module(&m),
        Err(e) => panic!("unexpected error:\n{}", e.render(&file)),
    }
}

/// The dump as one line: children in brackets, `@line:col` kept.
fn sx(src: &str) -> String {
    let text = dump(src);
    let lines: Vec<(usize, &str)> = text
        .lines()
        .map(|l| {
            let t = l.trim_start();
            ((l.len() - t.len()) / 2, t)
        })
        .collect();
    let mut out = String::new();
    let mut stack: Vec<usize> = Vec::new();
    for (i, (depth, t)) in lines.iter().enumerate() {
        while stack.last().is_some_and(|d| *d >= *depth) {
            stack.pop();
            out.push(']');
        }
        if i > 0 && !out.ends_with('[') {
            out.push_str(", ");
        }
        out.push_str(t);
        if lines.get(i + 1).is_some_and(|(d, _)| d > depth) {
            out.push('[');
            stack.push(*depth);
        }
    }
    out.push_str(&"]".repeat(stack.len()));
    out
}

/// Like `sx`, without positions.
fn shape(src: &str) -> String {
    let s = sx(src);
    let mut out = String::new();
    let mut rest = s.as_str();
    while let Some(i) = rest.find(" @") {
        out.push_str(&rest[..i]);
        rest = &rest[i + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ':'))
            .unwrap_or(rest.len());
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `line:col: message` of the error `src` gives.
fn err(src: &str) -> String {
    match parse(src) {
        Ok(m) => panic!("expected an error for {src:?}, got:\n{}", dump_module(&m)),
        Err(e) => format!("{}:{}: {}", e.span.line, e.span.col, e.message),
    }
}

/// `line:col: message` of every error `src` gives, in order.
fn errs(src: &str) -> Vec<String> {
    match parse_all(src) {
        Ok(m) => panic!("expected errors for {src:?}, got:\n{}", dump_module(&m)),
        Err(es) => es
            .iter()
            .map(|e| format!("{}:{}: {}", e.span.line, e.span.col, e.message))
            .collect(),
    }
}

fn label(src: &str) -> String {
    parse(src).err().map(|e| e.label).unwrap_or_default()
}

// ------------------------------------------------------------------ shapes

#[test]
fn literals() {
    assert_eq!(
        shape("x = 0x1F + 0o17 + 0b101 + 1_000"),
        "Assign[target: Name x, value: BinOp +[BinOp +[BinOp +[Int 31, Int 15], Int 5], Int 1000]]"
    );
    assert_eq!(
        shape("1.5, 1e10, .5, 5., 1_0.0_1"),
        "Expr[Tuple[Float 1.5, Float 10000000000.0, Float 0.5, Float 5.0, Float 10.01]]"
    );
    assert_eq!(
        shape("True, False, None"),
        "Expr[Tuple[Bool True, Bool False, None]]"
    );
    assert_eq!(
        shape("x = -9223372036854775808"),
        "Assign[target: Name x, value: Int -9223372036854775808]"
    );
    assert_eq!(
        shape("x = 9223372036854775807"),
        "Assign[target: Name x, value: Int 9223372036854775807]"
    );
}

#[test]
fn strings() {
    assert_eq!(
        shape(r##"s = 'a\n' "b\t" r'\n' '''x'y''' """q""""##),
        r#"Assign[target: Name s, value: Str "a\nb\t\\nx'yq"]"#
    );
    assert_eq!(
        shape(r"s = '\x41\101\0\\\''"),
        r#"Assign[target: Name s, value: Str "AA\x00\\'"]"#
    );
    assert_eq!(
        shape("s = 'é'"),
        r"Assign[target: Name s, value: Str '\xc3\xa9']"
    );
    assert_eq!(
        shape("s = 'ab\\\ncd'"),
        "Assign[target: Name s, value: Str 'abcd']"
    );
    assert_eq!(
        shape("s = '''a\nb'''"),
        r"Assign[target: Name s, value: Str 'a\nb']"
    );
    assert_eq!(
        shape("s = ('a'\n     'b')"),
        "Assign[target: Name s, value: Str 'ab']"
    );
    assert_eq!(
        shape("s = u'a' + R'\\d'"),
        r"Assign[target: Name s, value: BinOp +[Str 'a', Str '\\d']]"
    );
}

#[test]
fn precedence() {
    assert_eq!(shape("-2**2"), "Expr[UnaryOp -[BinOp **[Int 2, Int 2]]]");
    assert_eq!(shape("2**-1"), "Expr[BinOp **[Int 2, Int -1]]");
    assert_eq!(
        shape("a**b**c"),
        "Expr[BinOp **[Name a, BinOp **[Name b, Name c]]]"
    );
    assert_eq!(
        shape("a - b - c"),
        "Expr[BinOp -[BinOp -[Name a, Name b], Name c]]"
    );
    assert_eq!(
        shape("a + b * c // d % e"),
        "Expr[BinOp +[Name a, BinOp %[BinOp //[BinOp *[Name b, Name c], Name d], Name e]]]"
    );
    assert_eq!(shape("a | b ^ c & d << 1 + 2"), "Expr[BinOp |[Name a, BinOp ^[Name b, BinOp &[Name c, BinOp <<[Name d, BinOp +[Int 1, Int 2]]]]]]");
    assert_eq!(
        shape("~a >> -b / +c"),
        "Expr[BinOp >>[UnaryOp ~[Name a], BinOp /[UnaryOp -[Name b], UnaryOp +[Name c]]]]"
    );
    assert_eq!(
        shape("not a == b"),
        "Expr[UnaryOp not[Compare ==[Name a, Name b]]]"
    );
    assert_eq!(
        shape("a or b and not c or d"),
        "Expr[BoolOp or[Name a, BoolOp and[Name b, UnaryOp not[Name c]], Name d]]"
    );
    assert_eq!(shape("a if b or c else d if e else f"), "Expr[IfExp[test: BoolOp or[Name b, Name c], body: Name a, orelse: IfExp[test: Name e, body: Name d, orelse: Name f]]]");
}

#[test]
fn comparisons() {
    assert_eq!(
        shape("a < b <= c"),
        "Expr[Compare < <=[Name a, Name b, Name c]]"
    );
    assert_eq!(shape("a in b not in c is d is not e != f > g >= h"), "Expr[Compare in not in is is not != > >=[Name a, Name b, Name c, Name d, Name e, Name f, Name g, Name h]]");
    assert_eq!(shape("x is not None"), "Expr[Compare is not[Name x, None]]");
}

#[test]
fn calls_attributes_subscripts() {
    assert_eq!(shape("f(a, b + 1, k=1, j='x',)"), "Expr[Call[func: Name f, arg: Name a, arg: BinOp +[Name b, Int 1], kw k: Int 1, kw j: Str 'x']]");
    assert_eq!(shape("o.m(x)[1].a"), "Expr[Attribute .a[Subscript[value: Call[func: Attribute .m[Name o], arg: Name x], index: Int 1]]]");
    assert_eq!(shape("s[a:b], s[a:], s[:b], s[:], s[::]"), "Expr[Tuple[Slice[value: Name s, lower: Name a, upper: Name b], Slice[value: Name s, lower: Name a], Slice[value: Name s, upper: Name b], Slice[value: Name s], Slice[value: Name s]]]");
    assert_eq!(
        shape("d[1, 2]"),
        "Expr[Subscript[value: Name d, index: Tuple[Int 1, Int 2]]]"
    );
    assert_eq!(shape("f()"), "Expr[Call[func: Name f]]");
}

#[test]
fn displays() {
    assert_eq!(shape("[], (), {}"), "Expr[Tuple[List, Tuple, Dict]]");
    assert_eq!(shape("[1, 2,], (1,), (1), {1: 'a', 'b': 2,}"), "Expr[Tuple[List[Int 1, Int 2], Tuple[Int 1], Int 1, Dict[key: Int 1, value: Str 'a', key: Str 'b', value: Int 2]]]");
    assert_eq!(shape("[x * y for x in xs if x for y in ys if y if x < y]"), "Expr[ListComp[elt: BinOp *[Name x, Name y], for: Name x, in: Name xs, if: Name x, for: Name y, in: Name ys, if: Name y, if: Compare <[Name x, Name y]]]");
    assert_eq!(shape("[i for i, c in enumerate(s)]"), "Expr[ListComp[elt: Name i, for: Tuple[Name i, Name c], in: Call[func: Name enumerate, arg: Name s]]]");
    assert_eq!(shape("[x if c else y for x in a]"), "Expr[ListComp[elt: IfExp[test: Name c, body: Name x, orelse: Name y], for: Name x, in: Name a]]");
}

#[test]
fn assignments() {
    assert_eq!(
        shape("a = b = 1"),
        "Assign[target: Name a, target: Name b, value: Int 1]"
    );
    assert_eq!(
        shape("a, b = b, a"),
        "Assign[target: Tuple[Name a, Name b], value: Tuple[Name b, Name a]]"
    );
    assert_eq!(
        shape("(a, b) = [c, d] = x"),
        "Assign[target: Tuple[Name a, Name b], target: List[Name c, Name d], value: Name x]"
    );
    assert_eq!(
        shape("x = 1, 2"),
        "Assign[target: Name x, value: Tuple[Int 1, Int 2]]"
    );
    assert_eq!(
        shape("x = 1,"),
        "Assign[target: Name x, value: Tuple[Int 1]]"
    );
    assert_eq!(shape("o.a = xs[i] = 0"), "Assign[target: Attribute .a[Name o], target: Subscript[value: Name xs, index: Name i], value: Int 0]");
    let ops = [
        "+", "-", "*", "/", "//", "%", "**", "&", "|", "^", "<<", ">>",
    ];
    for op in ops {
        assert_eq!(
            shape(&format!("x {op}= 2")),
            format!("AugAssign {op}=[target: Name x, value: Int 2]")
        );
    }
    assert_eq!(
        shape("a.b[1] += 1"),
        "AugAssign +=[target: Subscript[value: Attribute .b[Name a], index: Int 1], value: Int 1]"
    );
}

#[test]
fn simple_statements() {
    assert_eq!(
        shape("pass; x = 1;"),
        "Pass, Assign[target: Name x, value: Int 1]"
    );
    assert_eq!(
        shape("assert x, 'msg'\nassert y"),
        "Assert[test: Name x, msg: Str 'msg'], Assert[test: Name y]"
    );
    assert_eq!(
        shape("del xs[i], d[k]"),
        "Del[Subscript[value: Name xs, index: Name i], Subscript[value: Name d, index: Name k]]"
    );
    assert_eq!(
        shape("from a.b import x as y, z\nimport sys, os.path as p"),
        "ImportFrom a.b: x as y, z, Import sys, os.path as p"
    );
    assert_eq!(
        shape("from rpy.jit import (JitDriver,\n    elidable,)"),
        "ImportFrom rpy.jit: JitDriver, elidable"
    );
    assert_eq!(
        shape("raise ValueError('x')"),
        "Raise[Call[func: Name ValueError, arg: Str 'x']]"
    );
}

#[test]
fn compound_statements() {
    let src = "if a:\n    x = 1\nelif b:\n    x = 2\nelif c: x = 3\nelse:\n    x = 4\n";
    assert_eq!(shape(src), "If[test: Name a, body:[Assign[target: Name x, value: Int 1]], Elif[test: Name b, body:[Assign[target: Name x, value: Int 2]]], Elif[test: Name c, body:[Assign[target: Name x, value: Int 3]]], orelse:[Assign[target: Name x, value: Int 4]]]");
    // In the AST each `elif` is an `If` alone in `orelse`.
    let m = parse(src).unwrap();
    let StmtKind::If { orelse, .. } = &m.body[0].kind else {
        panic!()
    };
    let [elif_b] = orelse.as_slice() else {
        panic!()
    };
    assert_eq!((elif_b.span.line, elif_b.span.col), (3, 1));
    let StmtKind::If { orelse, .. } = &elif_b.kind else {
        panic!()
    };
    let [elif_c] = orelse.as_slice() else {
        panic!()
    };
    let StmtKind::If { orelse, .. } = &elif_c.kind else {
        panic!()
    };
    assert!(matches!(orelse[0].kind, StmtKind::Assign { .. }));
    assert_eq!(shape("if a:\n    pass\nelse:\n    if b:\n        pass\n    x = 1\n"), "If[test: Name a, body:[Pass], orelse:[If[test: Name b, body:[Pass]], Assign[target: Name x, value: Int 1]]]");
    let src = "while x:\n    break\nelse:\n    pass\nfor i, x in enumerate(xs):\n    continue\nelse: pass\n";
    assert_eq!(shape(src), "While[test: Name x, body:[Break], orelse:[Pass]], For[target: Tuple[Name i, Name x], iter: Call[func: Name enumerate, arg: Name xs], body:[Continue], orelse:[Pass]]");
    assert_eq!(
        shape("for x in 1, 2: pass"),
        "For[target: Name x, iter: Tuple[Int 1, Int 2], body:[Pass]]"
    );
    assert_eq!(
        shape(
            "if x: return 1\n"
                .replace("if x:", "def f():\n    if x:")
                .as_str()
        ),
        "FunctionDef f()[body:[If[test: Name x, body:[Return[Int 1]]]]]"
    );
}

#[test]
fn try_statement() {
    let src = "try:\n    f()\nexcept E:\n    pass\nexcept (E1, E2) as e:\n    raise\nexcept:\n    raise\nelse:\n    g()\nfinally:\n    h()\n";
    assert_eq!(shape(src), "Try[body:[Expr[Call[func: Name f]]], ExceptHandler[type: Name E, body:[Pass]], ExceptHandler as e[type: Tuple[Name E1, Name E2], body:[Raise]], ExceptHandler[body:[Raise]], orelse:[Expr[Call[func: Name g]]], finalbody:[Expr[Call[func: Name h]]]]");
    assert_eq!(
        shape("try:\n    pass\nfinally:\n    pass\n"),
        "Try[body:[Pass], finalbody:[Pass]]"
    );
}

#[test]
fn functions_and_classes() {
    let src = "@elidable\n@jit.unroll_safe\n@rpy.jit.dont_look_inside\ndef f(a, b=1, c=-2, d='s', e=None, g=(1, K)):\n    return a\n";
    assert_eq!(shape(src), "FunctionDef f(a, b, c, d, e, g)[decorator: Name elidable, decorator: Attribute .unroll_safe[Name jit], decorator: Attribute .dont_look_inside[Attribute .jit[Name rpy]], default b: Int 1, default c: Int -2, default d: Str 's', default e: None, default g: Tuple[Int 1, Name K], body:[Return[Name a]]]");
    let src = "class A(Exception):\n    pass\nclass B(A):\n    def __init__(self, x):\n        self.x = x\n    def get(self):\n        return self.x\nclass C:\n    x = 1\nclass D():\n    pass\n";
    assert_eq!(shape(src), "ClassDef A[base: Name Exception, body:[Pass]], ClassDef B[base: Name A, body:[FunctionDef __init__(self, x)[body:[Assign[target: Attribute .x[Name self], value: Name x]]], FunctionDef get(self)[body:[Return[Attribute .x[Name self]]]]]], ClassDef C[body:[Assign[target: Name x, value: Int 1]]], ClassDef D[body:[Pass]]");
    assert_eq!(
        shape("def target(*args):\n    return entry_point, None\n"),
        "FunctionDef target(*args)[body:[Return[Tuple[Name entry_point, None]]]]"
    );
}

#[test]
fn positions() {
    let src = "def f(a):\n    x = a + 1  # c\n    return x\n";
    assert_eq!(sx(src), "FunctionDef f(a) @1:1[body: [Assign @2:5[target: Name x @2:5, value: BinOp + @2:9[Name a @2:9, Int 1 @2:13]], Return @3:5[Name x @3:12]]]".replace("body: [", "body:["));
    let m = parse("x = (1 +\n     2)\ny = 3\n").unwrap();
    assert_eq!(m.body.len(), 2);
    assert_eq!((m.body[1].span.line, m.body[1].span.col), (3, 1));
    // Spans of compound statements reach the end of their block.
    let src = "if a:\n    x = 1\nelse:\n    y = 22\n";
    let m = parse(src).unwrap();
    assert_eq!(
        &src[m.body[0].span.lo as usize..m.body[0].span.hi as usize],
        src.trim_end()
    );
    // Columns count characters, not bytes.
    assert_eq!(sx("s = 'é' + x"), "Assign @1:1[target: Name s @1:1, value: BinOp + @1:5[Str '\\xc3\\xa9' @1:5, Name x @1:11]]");
}

#[test]
fn layout_lines() {
    let src = "x = [1,  # one\n     # between\n     2,\n\n     3]\ny = 1 + \\\n    2\n\n   # indented comment\nz = {'a':\n  1}\n";
    assert_eq!(shape(src), "Assign[target: Name x, value: List[Int 1, Int 2, Int 3]], Assign[target: Name y, value: BinOp +[Int 1, Int 2]], Assign[target: Name z, value: Dict[key: Str 'a', value: Int 1]]");
    assert_eq!(
        shape("if x:\n\n    # c\n        # c\n    pass\n"),
        "If[test: Name x, body:[Pass]]"
    );
    assert_eq!(
        shape("x = 1\r\nif x:\r\n    y = '''a\r\nb'''\r\n"),
        r"Assign[target: Name x, value: Int 1], If[test: Name x, body:[Assign[target: Name y, value: Str 'a\nb']]]"
    );
    assert_eq!(shape("if x:\n\tpass\n"), "If[test: Name x, body:[Pass]]");
    assert_eq!(shape(""), "");
    assert_eq!(shape("# only a comment"), "");
    assert_eq!(
        shape("s = 'a#b' # c"),
        "Assign[target: Name s, value: Str 'a#b']"
    );
    assert_eq!(
        shape("\u{feff}x = 1\n"),
        "Assign[target: Name x, value: Int 1]"
    );
    assert_eq!(
        shape("x = 1\n\x0cy = 2\n"),
        "Assign[target: Name x, value: Int 1], Assign[target: Name y, value: Int 2]"
    );
}

#[test]
fn the_toy_interpreter() {
    let src = r#"from rpy.jit import JitDriver, elidable

JUMP_IF_A = 1            # module-level constants
MOV_A_R = 2
SQUARE = [
    MOV_A_R, 0,          # i = a
    MOV_A_R, 1,          # copy of 'a'
    # loop:
    JUMP_IF_A, 4,
    -1, 0x10,
]

driver = JitDriver(greens=['pc', 'bytecode'], reds=['a', 'regs'])

class Frame(object):
    _immutable_fields_ = ['code', 'consts[*]']

    def __init__(self, code):
        self.code = code
        self.regs = [0] * 256

@elidable
def opname(op):
    return 'op%d' % op

def interpret(bytecode, a):
    regs = [0] * 256
    pc = 0
    while True:
        driver.jit_merge_point(pc=pc, bytecode=bytecode, a=a, regs=regs)
        opcode = bytecode[pc]
        pc += 1
        if opcode == JUMP_IF_A:
            target = bytecode[pc]
            pc += 1
            if a:
                if target < pc:
                    driver.can_enter_jit(pc=target, bytecode=bytecode, a=a,
                                         regs=regs)
                pc = target
        elif opcode == MOV_A_R:
            n = bytecode[pc]
            pc += 1
            regs[n] = a
        else:
            raise ValueError("unknown opcode %d" % opcode)
    return a

def entry_point(argv):
    try:
        print(interpret(SQUARE, int(argv[1])))
    except (IndexError, ValueError) as e:
        print("usage:", argv[0], "N", end='\n')
        return 1
    finally:
        pass
    return 0

def target(*args):
    return entry_point, None

if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
"#;
    let m = parse(src).unwrap_or_else(|e| panic!("{}", e.render(&SourceFile::new("t", src))));
    let names: Vec<String> = m
        .body
        .iter()
        .map(|s| match &s.kind {
            StmtKind::FunctionDef(f) => format!("def {}", f.name),
            StmtKind::ClassDef(c) => format!("class {}", c.name),
            StmtKind::Assign { targets, .. } => match &targets[0].kind {
                ExprKind::Name(n) => n.clone(),
                _ => "?".into(),
            },
            other => {
                format!("{:?}", std::mem::discriminant(other))
                    .chars()
                    .take(0)
                    .collect::<String>()
                    + "stmt"
            }
        })
        .collect();
    assert_eq!(
        names,
        [
            "stmt",
            "JUMP_IF_A",
            "MOV_A_R",
            "SQUARE",
            "driver",
            "class Frame",
            "def opname",
            "def interpret",
            "def entry_point",
            "def target",
            "stmt"
        ]
    );
    let d = dump(src);
    assert!(
        d.contains("FunctionDef interpret(bytecode, a) @26:1\n  body:\n    Assign @27:5\n"),
        "{d}"
    );
    assert!(
        d.contains("        kw bytecode: Name bytecode @30:48\n"),
        "{d}"
    );
}

// ------------------------------------------------------------------ refusals

#[test]
fn refusals() {
    let cases = [
        (
            "def f():\n    yield 1\n",
            "2:5: generators (yield) are not supported in rpy",
        ),
        (
            "def f():\n    x = yield\n",
            "2:9: generators (yield) are not supported in rpy",
        ),
        (
            "x = (i for i in y)\n",
            "1:5: generator expressions are not supported in rpy",
        ),
        (
            "x = sum(i for i in y)\n",
            "1:9: generator expressions are not supported in rpy",
        ),
        (
            "def f():\n    nonlocal x\n",
            "2:5: nonlocal is not supported in rpy",
        ),
        ("f(**kw)\n", "1:3: **kwargs is not supported in rpy"),
        (
            "f(*xs)\n",
            "1:3: argument unpacking f(*x) is not supported in rpy",
        ),
        (
            "with open(f) as g:\n    pass\n",
            "1:1: with is not supported in rpy",
        ),
        (
            "class C(A, B):\n    pass\n",
            "1:12: multiple inheritance is not supported in rpy",
        ),
        (
            "class C(metaclass=M):\n    pass\n",
            "1:9: class keyword arguments (metaclass=...) are not supported in rpy",
        ),
        (
            "async def f():\n    pass\n",
            "1:1: async is not supported in rpy",
        ),
        (
            "x = [a async for a in b]\n",
            "1:8: async is not supported in rpy",
        ),
        ("x = await y\n", "1:5: await is not supported in rpy"),
        ("s = f'abc{x}'\n", "1:5: f-strings are not supported in rpy"),
        ("s = 'a' F'b'\n", "1:9: f-strings are not supported in rpy"),
        ("s = {1, 2}\n", "1:5: sets are not supported in rpy"),
        ("s = {x for x in y}\n", "1:5: sets are not supported in rpy"),
        (
            "d = {k: v for k, v in x}\n",
            "1:5: dict comprehensions are not supported in rpy",
        ),
        (
            "d = {**a}\n",
            "1:6: dict unpacking {**d} is not supported in rpy",
        ),
        (
            "a, *b = x\n",
            "1:4: star expressions are not supported in rpy",
        ),
        (
            "x = [*a, 1]\n",
            "1:6: star expressions are not supported in rpy",
        ),
        (
            "if (n := 10) > 5:\n    pass\n",
            "1:5: the walrus operator := is not supported in rpy",
        ),
        (
            "match x:\n    case 1:\n        pass\n",
            "1:1: match statements are not supported in rpy",
        ),
        (
            "b = b'abc'\n",
            "1:5: bytes literals are not supported in rpy (str is already a byte string)",
        ),
        ("c = 1j\n", "1:5: complex numbers are not supported in rpy"),
        (
            "c = 1.5J\n",
            "1:5: complex numbers are not supported in rpy",
        ),
        (
            "@elidable\nclass C:\n    pass\n",
            "1:2: class decorators are not supported in rpy",
        ),
        (
            "x = 99999999999999999999\n",
            "1:5: integer literal too large for rpy's 64-bit int",
        ),
        (
            "x = 0x8000000000000000\n",
            "1:5: integer literal too large for rpy's 64-bit int",
        ),
        (
            "x = -9223372036854775809\n",
            "1:6: integer literal too large for rpy's 64-bit int",
        ),
        ("s = x[::2]\n", "1:9: slice steps are not supported in rpy"),
        (
            "s = x[1:2:3]\n",
            "1:11: slice steps are not supported in rpy",
        ),
        (
            "s = x[1:2, 3]\n",
            "1:7: multi-dimensional slicing is not supported in rpy",
        ),
        (
            "x: int = 5\n",
            "1:2: type annotations are not supported in rpy",
        ),
        (
            "def f(a: int):\n    pass\n",
            "1:8: type annotations are not supported in rpy",
        ),
        (
            "def f() -> int:\n    pass\n",
            "1:9: type annotations are not supported in rpy",
        ),
        (
            "def f(a, *, b):\n    pass\n",
            "1:10: keyword-only parameters (a bare *) are not supported in rpy",
        ),
        (
            "def f(a, /):\n    pass\n",
            "1:10: positional-only parameters (/) are not supported in rpy",
        ),
        (
            "from . import x\n",
            "1:6: relative imports are not supported in rpy",
        ),
        (
            "x = a @ b\n",
            "1:7: the @ operator (matrix multiplication) is not supported in rpy",
        ),
        (
            "x @= y\n",
            "1:3: the @= operator (matrix multiplication) is not supported in rpy",
        ),
        ("x = ...\n", "1:5: Ellipsis (...) is not supported in rpy"),
        (
            "raise E from e\n",
            "1:9: raise ... from is not supported in rpy",
        ),
        (
            "try:\n    pass\nexcept* E:\n    pass\n",
            "3:7: except* is not supported in rpy",
        ),
        (
            "s[1:2] = x\n",
            "1:1: slice assignment is not supported in rpy",
        ),
        (
            "del x.a\n",
            "1:5: deleting an attribute is not supported in rpy",
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(err(src), expected, "for {src:?}");
    }
}

#[test]
fn semantic_errors() {
    let cases = [
        ("f() = 1\n", "1:1: cannot assign to function call"),
        ("1 = x\n", "1:1: cannot assign to literal"),
        ("a + b = 1\n", "1:1: cannot assign to expression"),
        ("a, f() = 1, 2\n", "1:4: cannot assign to function call"),
        ("None = 1\n", "1:1: cannot assign to None"),
        ("a < b = 1\n", "1:1: cannot assign to comparison"),
        ("for f() in x: pass\n", "1:5: cannot assign to function call"),
        ("[x for 1 in y]\n", "1:8: cannot assign to literal"),
        ("a, b += 1\n", "1:1: 'tuple' is an illegal expression for augmented assignment"),
        ("del f()\n", "1:5: cannot delete function call"),
        ("f(k=1, 2)\n", "1:8: positional argument follows keyword argument"),
        ("f(k=1, k=2)\n", "1:8: keyword argument repeated: k"),
        ("def f(a, a): pass\n", "1:10: duplicate argument 'a' in function definition"),
        ("def f(a=1, b): pass\n", "1:12: parameter without a default follows parameter with a default"),
        ("return 1\n", "1:1: 'return' outside function"),
        ("class C:\n    return 1\n", "2:5: 'return' outside function"),
        ("while x:\n    pass\nelse:\n    break\n", "4:5: 'break' outside loop"),
        ("def f():\n    continue\n", "2:5: 'continue' not properly in loop"),
        ("while x:\n    def f():\n        break\n", "3:9: 'break' outside loop"),
        ("raise\n", "1:1: bare 'raise' is only supported inside an 'except' block in rpy"),
        ("try:\n    pass\n", "1:1: expected 'except' or 'finally' block"),
        ("try:\n    pass\nelse:\n    pass\n", "1:1: expected 'except' or 'finally' block"),
        ("try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n", "3:1: default 'except:' must be last"),
        ("else:\n    pass\n", "1:1: 'else' without a matching statement before it"),
        ("x = 1\nelif y:\n    pass\n", "2:1: 'elif' without a matching statement before it"),
        ("except E:\n    pass\n", "1:1: 'except' without a matching statement before it"),
        ("class C:\n    x = 1\n@elidable\n", "3:2: a decorator must be followed by a function definition"),
        ("@elidable\nx = 1\n", "1:2: a decorator must be followed by a function definition"),
        ("if x: if y: pass\n", "1:7: a compound statement cannot follow ':' on the same line"),
        ("x = 012\n", "1:5: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"),
        (r"s = '\x4'", r"1:5: truncated \x escape: expected 2 hex digits"),
        ("s = br'x'\n", "1:5: bytes literals are not supported in rpy (str is already a byte string)"),
        ("s = xy'x'\n", "1:5: invalid string prefix 'xy'"),
    ];
    for (src, expected) in cases {
        assert_eq!(err(src), expected, "for {src:?}");
    }
}

// ------------------------------------------------------------------ layout errors

#[test]
fn layout_errors() {
    let cases = [
        (
            "if x:\npass\n",
            "2:1: expected an indented block after 'if' statement on line 1",
        ),
        (
            "def f():\n\nx = 1\n",
            "3:1: expected an indented block after function definition on line 1",
        ),
        (
            "class C:\n",
            "2:1: expected an indented block after class definition on line 1",
        ),
        (
            "for x in y:\n    pass\nelse:\n",
            "4:1: expected an indented block after 'else' statement on line 3",
        ),
        (
            "try:\n    # c\n",
            "3:1: expected an indented block after 'try' statement on line 1",
        ),
        ("  x = 1\n", "1:3: unexpected indent"),
        ("x = 1\n    y = 2\n", "2:5: unexpected indent"),
        ("if x: pass\n    y = 2\n", "2:5: unexpected indent"),
        (
            "if x:\n    a = 1\n  b = 2\n",
            "3:3: unindent does not match any outer indentation level",
        ),
        (
            "if x:\n\ta = 1\n        b = 2\n",
            "3:9: inconsistent use of tabs and spaces in indentation",
        ),
        ("x = [1, 2\ny = 3\n", "1:5: '[' was never closed"),
        ("f(a, [b\n", "1:6: '[' was never closed"),
        (
            "x = (1, 2]\n",
            "1:10: closing parenthesis ']' does not match opening parenthesis '(' on line 1",
        ),
        (
            "x = {\n 1: (2\n}\n",
            "3:1: closing parenthesis '}' does not match opening parenthesis '(' on line 2",
        ),
        ("x = 1)\n", "1:6: unmatched ')'"),
        ("s = 'abc\n", "1:5: unterminated string literal"),
        ("s = \"abc\\\"\n", "1:5: unterminated string literal"),
        (
            "s = '''abc\n\nx\n",
            "1:5: unterminated triple-quoted string literal (detected at line 4)",
        ),
        (
            "x = 1 \\ 2\n",
            "1:7: unexpected character after line continuation character",
        ),
        (
            "x = 1 + \\",
            "1:9: unexpected end of file after line continuation",
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(err(src), expected, "for {src:?}");
    }
    assert_eq!(label("x = [1, 2\n"), "no matching ']'");
}

#[test]
fn too_deep() {
    let deep = format!("x = {}1{}\n", "(".repeat(101), ")".repeat(101));
    assert_eq!(err(&deep), "1:105: too deeply nested");
    let ok = format!("x = {}1{}\n", "[".repeat(100), "]".repeat(100));
    assert!(parse(&ok).is_ok());
    let deep_blocks: String = (0..101)
        .map(|i| format!("{}if x:\n", " ".repeat(i)))
        .collect::<String>()
        + &" ".repeat(101)
        + "pass\n";
    assert!(err(&deep_blocks).ends_with("too many levels of indentation"));
    for src in [
        format!("x = {}1\n", "-".repeat(50_000)),
        format!("x = {}1\n", "not ".repeat(20_000)),
        format!("x = 2{}\n", "**2".repeat(20_000)),
        format!("x = 1{}\n", "+1".repeat(20_000)),
        format!("x = a{}\n", ".b".repeat(20_000)),
        format!("x = a{}\n", " if a else a".repeat(10_000)),
    ] {
        assert!(err(&src).contains("too deeply nested"), "{}", &src[..20]);
    }
    assert!(parse(&format!("x = {}1\n", "lambda: ".repeat(10_000))).is_err());
}

// ------------------------------------------------------------------ syntax errors

#[test]
fn syntax_errors() {
    let cases = [
        ("if x\n    pass\n", "1:5", "expected ':'"),
        ("x = \n", "1:5", "expected an expression"),
        ("f(a b)\n", "1:5", "expected ',' or ')'"),
        ("def f:\n    pass\n", "1:6", "expected '('"),
        ("for x y:\n    pass\n", "1:7", "expected 'in'"),
        ("x = 1 2\n", "1:7", "unexpected '2'"),
        ("f(,)\n", "1:3", "expected an expression or ')'"),
        ("import\n", "1:7", "expected a name"),
        ("x = [1,\n     2 ; 3]\n", "2:8", "expected ',' or ']'"),
        ("x = 1 +\n", "1:8", "expected an expression"),
        ("y = 1\nb = 2 + # c\n", "2:12", "expected an expression"),
        ("print 'hello'\n", "1:7", "unexpected string literal"),
        ("print x\n", "1:7", "unexpected 'x'"),
        ("x = a if b\n", "1:11", "expected 'else'"),
        ("from a imp x\n", "1:8", "expected 'import'"),
        ("class C x:\n    pass\n", "1:9", "expected ':' or '('"),
        ("x = 1;;\n", "1:7", "expected a statement"),
        ("print(x,, y)\n", "1:9", "expected an expression or ')'"),
        ("x = y.\n", "1:7", "expected a name"),
        ("def f(a, b)\n    pass\n", "1:12", "expected ':'"),
        ("f(a=1 b=2)\n", "1:7", "expected ',' or ')'"),
        ("x = {1: 2 3: 4}\n", "1:11", "expected ',' or '}'"),
    ];
    for (src, pos, expected) in cases {
        assert_eq!(err(src), format!("{pos}: invalid syntax"), "for {src:?}");
        assert_eq!(label(src), expected, "for {src:?}");
    }
    // The first error in file order wins, whichever pass finds it.
    assert_eq!(err("x = = 1\ny = (\n"), "1:5: invalid syntax");
    assert_eq!(err("  x = 1\ny = = 2\n"), "1:3: unexpected indent");
    assert_eq!(
        err("x = 1\ny = = 2\nif x:\n  a\n b\n"),
        "2:5: invalid syntax"
    );
}

#[test]
fn rendered_diagnostic() {
    let file = SourceFile::new("prog.rpy", "def f():\n    x = yield 1\n");
    let e = parse_module(&file).unwrap_err();
    let text = e.render(&file);
    assert!(
        text.starts_with("prog.rpy:2:9: error: generators (yield) are not supported in rpy\n"),
        "{text}"
    );
    assert!(text.contains("x = yield 1"), "{text}");
}

// ------------------------------------------------------------------ several errors

#[test]
fn independent_errors_are_all_reported_in_order() {
    let src = "def f(x):\n    y = = 1\n    return x +\n\nx = yield 1\ng(**kw)\n";
    assert_eq!(
        errs(src),
        [
            "2:9: invalid syntax",
            "3:15: invalid syntax",
            "5:5: generators (yield) are not supported in rpy",
            "6:3: **kwargs is not supported in rpy",
        ]
    );
    // Context errors of the assembler, between line errors.
    assert_eq!(
        errs("return 1\nx = = 2\nbreak\nclass C(object):\n    def f(self):\n        nonlocal q\n"),
        [
            "1:1: 'return' outside function",
            "2:5: invalid syntax",
            "3:1: 'break' outside loop",
            "6:9: nonlocal is not supported in rpy",
        ]
    );
}

#[test]
fn lexical_errors_end_their_line_only() {
    // An unterminated string: the scan goes on at the next line.
    assert_eq!(
        errs("s = 'abc\nt = = 1\n"),
        ["1:5: unterminated string literal", "2:5: invalid syntax"]
    );
    // An unclosed bracket ends before the next line that starts with a
    // statement keyword; the function after it is parsed.
    let src = "def f():\n    xs = [1, 2,\n    return xs\ndef g():\n    y = = 1\n";
    assert_eq!(
        errs(src),
        ["2:10: '[' was never closed", "5:9: invalid syntax"]
    );
    // A bracket closed on a later line is no error.
    assert!(parse("xs = [1,\n  2]\nif xs:\n    pass\n").is_ok());
    // An unmatched closing bracket ends its physical line.
    assert_eq!(
        errs("x = 1)\ny = (2]\nz = = 3\n"),
        [
            "1:6: unmatched ')'",
            "2:7: closing parenthesis ']' does not match opening parenthesis '(' on line 2",
            "3:5: invalid syntax"
        ]
    );
    // An unterminated triple-quoted string swallows the rest.
    assert_eq!(
        errs("x = = 1\ns = '''abc\ny = = 2\n"),
        [
            "1:5: invalid syntax",
            "2:5: unterminated triple-quoted string literal (detected at line 4)"
        ]
    );
}

#[test]
fn no_cascade_after_a_failed_header() {
    // The block of a failed header is its body, not an unexpected indent;
    // its lines' context is unknown, so they are not checked.
    assert_eq!(errs("if x\n    return 1\n"), ["1:5: invalid syntax"]);
    assert_eq!(
        errs("match x:\n    case 1:\n        pass\n"),
        ["1:1: match statements are not supported in rpy"]
    );
    assert_eq!(
        errs("def f(x:\n    return x\ny = = 1\n"),
        ["1:6: '(' was never closed", "3:5: invalid syntax"]
    );
    // Its clauses are not orphans.
    assert_eq!(
        errs("if x ==:\n    pass\nelif y:\n    pass\nelse:\n    pass\n"),
        ["1:8: invalid syntax"]
    );
    assert_eq!(
        errs("try:\n    pass\nexcept* E:\n    pass\nelse:\n    pass\n"),
        ["3:7: except* is not supported in rpy"]
    );
    // A decorated definition whose header failed.
    assert_eq!(
        errs("@dec\ndef f(*, kw):\n    pass\n"),
        ["2:7: keyword-only parameters (a bare *) are not supported in rpy"]
    );
    // A try without a handler, with an else: one error.
    assert_eq!(
        errs("try:\n    pass\nelse:\n    pass\n"),
        ["1:1: expected 'except' or 'finally' block"]
    );
}

#[test]
fn an_indentation_error_stops_everything_after_it() {
    assert_eq!(
        errs("x = = 1\ndef f():\n    a = 1\n      b = 2\nreturn 1\ny = = 2\n"),
        ["1:5: invalid syntax", "4:7: unexpected indent"]
    );
}

#[test]
fn every_error_is_counted_and_the_first_ones_shown() {
    let src = "x = = 1\n".repeat(25);
    let file = SourceFile::new("t.rpy", src.as_str());
    let es = parse_module(&file).unwrap_err();
    assert_eq!(es.len(), 25);
    let text = es.render(&file);
    assert_eq!(
        text.matches("error: invalid syntax").count(),
        rpy_front::diag::MAX_SHOWN
    );
    assert!(text.contains("t.rpy:20:5: error: invalid syntax"), "{text}");
    assert!(!text.contains("t.rpy:21:5:"), "{text}");
    assert!(
        text.ends_with("… and 5 more errors\nerror: aborting due to 25 previous errors\n"),
        "{text}"
    );
}

// ------------------------------------------------------------------ robustness

const PROGRAMS: [&str; 3] = [
    "from rpy.jit import JitDriver\nX = [1, 2,  # c\n     3]\ndef f(a, b=1):\n    if a < b <= 3:\n        return a, b\n    elif not a:\n        s = 'x\\n' \"y\" '''z'''\n    else:\n        while a:\n            a -= 1\n    return [i * 2 for i in range(a) if i]\n",
    "class C(object):\n    def __init__(self, x):\n        self.x = {'a': x[1:], 'b': x[:2]}\n    def m(self):\n        try:\n            del self.x['a']\n        except (KeyError, IndexError) as e:\n            raise\n        finally:\n            pass\n",
    "def target(*args):\n    return entry_point, None\nif __name__ == '__main__':\n    import sys\n    sys.exit(f(x=-2**2, y=0x1f if a else b) or 1)\n",
];

fn no_panic(src: &str) {
    let owned = src.to_string();
    let result = std::panic::catch_unwind(move || {
        let _ = parse(&owned).map(|m| dump_module(&m));
    });
    assert!(result.is_ok(), "panic on input {src:?}");
}

#[test]
fn every_prefix_parses_or_fails_cleanly() {
    for p in PROGRAMS {
        for (i, _) in p.char_indices() {
            no_panic(&p[..i]);
        }
        assert!(parse(p).is_ok(), "{p}");
    }
}

/// Mutate the test programs `rounds` times (up to `max_edits` random byte
/// edits each; with `from_empty`, every fifth round starts from nothing) and
/// check that nothing panics.
fn fuzz(seed: u64, rounds: usize, max_edits: u64, from_empty: bool) {
    let alphabet: &[u8] =
        b"()[]{}:;,.'\"\\#\n\t =+-*/%<>!@&|^~0123456789abcxyz_ifdefclassreturnlambda\r\x0c";
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..rounds {
        let mut bytes = if from_empty && round % 5 == 0 {
            Vec::new()
        } else {
            PROGRAMS[round % PROGRAMS.len()].as_bytes().to_vec()
        };
        for _ in 0..1 + next() % max_edits {
            let at = (next() as usize) % (bytes.len() + 1);
            let c = alphabet[(next() as usize) % alphabet.len()];
            match next() % 3 {
                0 => bytes.insert(at, c),
                1 if at < bytes.len() => bytes[at] = c,
                _ if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ => {}
            }
        }
        no_panic(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn random_mutations_never_panic() {
    fuzz(0x2545_f491_4f6c_dd1d, 600, 4, false);
}

/// A longer fuzz run: 2,000 rounds by default, more with
/// `RPY_FUZZ_ROUNDS=50000 cargo test -p rpy-front --test parse fuzz_long`.
#[test]
fn fuzz_long() {
    let rounds: usize = std::env::var("RPY_FUZZ_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(2_000);
    fuzz(0x9e37_79b9_7f4a_7c15, rounds, 12, true);
}

#[test]
fn long_elif_chain() {
    // An interpreter's dispatch: many `elif`s nest as many `If`s.
    let mut src = String::from("def run(op):\n    if op == 0:\n        return 0\n");
    for i in 1..1000 {
        src.push_str(&format!("    elif op == {i}:\n        return {i}\n"));
    }
    src.push_str("    else:\n        return -1\n");
    let d = dump(&src);
    assert!(
        d.contains("      Elif @2000:5\n        test: Compare == @2000:10\n"),
        "{}",
        &d[d.len() - 300..]
    );
    assert!(
        d.ends_with("      orelse:\n        Return @2003:9\n          Int -1 @2003:16\n"),
        "{}",
        &d[d.len() - 300..]
    );
}
