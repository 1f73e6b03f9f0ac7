//! The table-driven semantics test: every case of tests/semantics/cases.txt
//! (`EXPRESSION => RESULT`) runs on every evaluator of the language, and
//! each must give RESULT:
//!
//! - one generated program holds every case, its literals turned into
//!   run-time values, and runs untranslated, as native code and under the
//!   JIT (threshold 1, x86 and trace-interpreter backends), each case once
//!   with its operands as run-time values and once promoted to trace
//!   constants (so the optimizer folds them);
//! - the numeric binary cases also go straight to the front end's and
//!   backendopt's constant folders and to the JIT's trace evaluator.
//!
//! The format string of `str % args` stays a literal (rpy requires a
//! constant format); its arguments become run-time values.
//!
//! Adding a case is one line in the table. `RPY_KEEP=1` keeps the generated
//! program and binaries (in the temporary directory) for a closer look.

mod common;
use common::*;
use rpy_front::ast::BinOp;
use rpy_front::program::ConstValue;
use rpy_jit::ir::Opcode;
use rpy_rtyper::ll::{LLConst, LLOpKind as K};
use rpy_semantics::repr::{float_repr_string, str_repr_string};
use std::path::Path;

/// One line of the table.
struct Case {
    line: usize,
    expr: String,
    want: String,
    pieces: Vec<Piece>,
}

/// A literal of a case's expression.
#[derive(Clone, Copy, Debug)]
enum Num {
    Int(i64),
    Float(f64),
}

#[derive(Clone, Debug)]
enum Lit {
    Num(Num),
    Str(Vec<u8>),
}

/// An expression as text between literals.
#[derive(Clone, Debug)]
enum Piece {
    Text(String),
    Lit(Lit),
}

fn cases() -> Vec<Case> {
    let path = root().join("tests/semantics/cases.txt");
    let text = std::fs::read_to_string(&path).expect("tests/semantics/cases.txt");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let (expr, want) = l
                .split_once(" => ")
                .unwrap_or_else(|| panic!("cases.txt:{}: no ` => `", i + 1));
            Case {
                line: i + 1,
                expr: expr.to_string(),
                want: want.to_string(),
                pieces: tokenize(expr),
            }
        })
        .collect()
}

/// Split an expression into literals and the text between them. A `-`
/// right before a digit belongs to the number when no operand precedes it.
fn tokenize(expr: &str) -> Vec<Piece> {
    let b = expr.as_bytes();
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let operand_before = text
            .trim_end()
            .chars()
            .last()
            .is_some_and(|p| p.is_alphanumeric() || p == ')' || p == ']' || p == '\'');
        let starts_number = c.is_ascii_digit()
            && !text
                .chars()
                .last()
                .is_some_and(|p| p.is_alphanumeric() || p == '_')
            || c == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit) && !operand_before;
        let (lit, end) = if c == b'\'' || c == b'"' {
            let (lit, end) = string_literal(b, i);
            if is_format(&b[end..]) {
                // the format of `%` stays a constant, as rpy requires
                text.push_str(&source(&lit));
                i = end;
                continue;
            }
            (lit, end)
        } else if starts_number {
            number_literal(b, i)
        } else {
            text.push(c as char);
            i += 1;
            continue;
        };
        if !text.is_empty() {
            pieces.push(Piece::Text(std::mem::take(&mut text)));
        }
        pieces.push(Piece::Lit(lit));
        i = end;
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    pieces
}

/// Does `%` follow (the literal before is a format string)?
fn is_format(rest: &[u8]) -> bool {
    rest.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'%')
}

/// The string literal starting at `b[start]` (a quote) and where it ends.
fn string_literal(b: &[u8], start: usize) -> (Lit, usize) {
    let quote = b[start];
    let mut v = Vec::new();
    let mut i = start + 1;
    while b[i] != quote {
        if b[i] == b'\\' {
            let (c, len) = match b[i + 1] {
                b'n' => (b'\n', 2),
                b't' => (b'\t', 2),
                b'r' => (b'\r', 2),
                b'0' => (0, 2),
                b'x' => {
                    let hex = std::str::from_utf8(&b[i + 2..i + 4]).unwrap();
                    (u8::from_str_radix(hex, 16).unwrap(), 4)
                }
                other => (other, 2),
            };
            v.push(c);
            i += len;
        } else {
            v.push(b[i]);
            i += 1;
        }
    }
    (Lit::Str(v), i + 1)
}

/// The number literal starting at `b[start]` and where it ends.
fn number_literal(b: &[u8], start: usize) -> (Lit, usize) {
    let mut i = start + 1;
    while i < b.len()
        && (b[i].is_ascii_alphanumeric()
            || b[i] == b'.'
            || (matches!(b[i], b'+' | b'-') && matches!(b[i - 1], b'e' | b'E')))
    {
        i += 1;
    }
    let t = std::str::from_utf8(&b[start..i]).unwrap();
    let n = if t.contains(['.', 'e', 'E']) {
        Num::Float(t.parse().unwrap())
    } else {
        Num::Int(t.parse().unwrap())
    };
    (Lit::Num(n), i)
}

/// A literal as rpy source.
fn source(lit: &Lit) -> String {
    match lit {
        Lit::Num(Num::Int(i64::MIN)) => "-9223372036854775807 - 1".into(),
        Lit::Num(Num::Int(i)) => i.to_string(),
        Lit::Num(Num::Float(f)) if f.is_infinite() => {
            if *f > 0.0 { "1e309" } else { "-1e309" }.into()
        }
        Lit::Num(Num::Float(f)) => format!("{f:?}"),
        Lit::Str(s) => str_repr_string(s),
    }
}

/// The list a literal's value is stored in, at run time.
fn table(lit: &Lit) -> &'static str {
    match lit {
        Lit::Num(Num::Int(_)) => "INTS",
        Lit::Num(Num::Float(_)) => "FLOATS",
        Lit::Str(_) => "STRS",
    }
}

const CAUGHT: &[&str] = &[
    "ZeroDivisionError",
    "ValueError",
    "IndexError",
    "KeyError",
    "OverflowError",
    "TypeError",
];

/// The program that evaluates every case, printing `K P: RESULT` (P is
/// 1 where the operands are promoted).
fn program(cases: &[Case]) -> String {
    let mut tables: [(&str, Vec<String>); 3] =
        [("INTS", vec![]), ("FLOATS", vec![]), ("STRS", vec![])];
    let mut funcs = String::new();
    for (k, c) in cases.iter().enumerate() {
        let mut loads = String::new();
        let mut promotes = String::new();
        let mut expr = String::new();
        for (v, p) in c.pieces.iter().enumerate() {
            match p {
                Piece::Text(t) => expr.push_str(t),
                Piece::Lit(l) => {
                    let t = tables.iter_mut().find(|t| t.0 == table(l)).unwrap();
                    loads += &format!("    v{v} = {}[z + {}]\n", t.0, t.1.len());
                    promotes += &format!("        v{v} = promote(v{v})\n");
                    t.1.push(source(l));
                    expr += &format!("v{v}");
                }
            }
        }
        funcs += &format!("\n\ndef case_{k}(p, z):\n{loads}");
        if !promotes.is_empty() {
            funcs += &format!("    if p:\n{promotes}");
        }
        funcs += &format!("    try:\n        return str([{expr}])[1:-1]\n");
        for e in CAUGHT {
            funcs += &format!("    except {e} as e:\n        return \"{e}: \" + str(e)\n");
        }
    }
    let mut out = String::from("from rpy.jit import JitDriver, promote\n\n");
    for (name, items) in &tables {
        out += &format!("{name} = [{}]\n", items.join(", "));
    }
    out += "\ndriver = JitDriver(greens=['k', 'p'], reds=['z', 'i', 'out'])\n";
    out += &funcs;
    out += "\n\ndef dispatch(k, p, z):\n";
    for k in 0..cases.len() {
        out += &format!("    if k == {k}:\n        return case_{k}(p, z)\n");
    }
    out += "    return \"no such case\"\n";
    out += &"
\ndef run(k, p, z):
    i = 0
    out = \"\"
    while i < 3:
        driver.jit_merge_point(k=k, p=p, z=z, i=i, out=out)
        out = dispatch(k, p, z)
        i += 1
    return out


def entry_point(argv):
    z = len(argv) - 1
    k = 0
    while k < N:
        print(str(k) + \" 0: \" + run(k, False, z))
        print(str(k) + \" 1: \" + run(k, True, z))
        k += 1
    return 0


def target(*args):
    return entry_point, None
"
    .replace("N:", &format!("{}:", cases.len()));
    out
}

/// Check a run's output against every case.
fn check_run(what: &str, cases: &[Case], out: &std::process::Output, fails: &mut Vec<String>) {
    if !out.status.success() {
        fails.push(format!(
            "{what}: exit status {:?}\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ));
        return;
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut lines = stdout.lines();
    for (k, c) in cases.iter().enumerate() {
        for p in 0..2 {
            let prefix = format!("{k} {p}: ");
            let got = lines.next().and_then(|l| l.strip_prefix(&prefix));
            if got != Some(c.want.as_str()) {
                fails.push(format!(
                    "cases.txt:{} `{}`: {what}{} gave {:?}, expected {:?}",
                    c.line,
                    c.expr,
                    if p == 1 { " (promoted)" } else { "" },
                    got.unwrap_or("<no line>"),
                    c.want
                ));
            }
        }
    }
}

fn run_modes(cases: &[Case], fails: &mut Vec<String>) {
    let dir = std::env::temp_dir().join(format!("rpy-semantics-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let prog = dir.join("semantics.rpy");
    std::fs::write(&prog, program(cases)).unwrap();
    let interp = translate().arg("--interp").arg(&prog).output().unwrap();
    check_run("--interp", cases, &interp, fails);
    for (jit, exe) in [(false, "sem-native"), (true, "sem-jit")] {
        let exe = dir.join(exe);
        let mut t = translate();
        t.arg(&prog).arg("-o").arg(&exe);
        if jit {
            t.arg("--opt=jit");
        }
        let built = t.output().unwrap();
        if !built.status.success() {
            fails.push(format!(
                "translating {}: {}",
                prog.display(),
                String::from_utf8_lossy(&built.stderr)
            ));
            continue;
        }
        let envs: &[(&str, &str)] = if jit {
            &[
                ("x86 JIT", "backend=x86,threshold=1,trace_eagerness=1"),
                (
                    "trace-interpreter JIT",
                    "backend=interp,threshold=1,trace_eagerness=1",
                ),
            ]
        } else {
            &[("native", "")]
        };
        for (what, rpyjit) in envs {
            let out = run_exe(&exe, rpyjit);
            check_run(what, cases, &out, fails);
        }
    }
    if std::env::var_os("RPY_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

fn run_exe(exe: &Path, rpyjit: &str) -> std::process::Output {
    let mut c = std::process::Command::new(exe);
    if !rpyjit.is_empty() {
        c.env("RPYJIT", rpyjit);
    }
    c.stdin(std::process::Stdio::null()).output().unwrap()
}

/// A case of the form `A op B` on two number literals.
fn binary(c: &Case) -> Option<(Num, String, Num)> {
    let pieces = strip_parens(&c.pieces);
    let [Piece::Lit(Lit::Num(a)), Piece::Text(op), Piece::Lit(Lit::Num(b))] = &pieces[..] else {
        return None;
    };
    Some((*a, op.trim().to_string(), *b))
}

/// The pieces without text that is only parentheses and spaces at the ends.
fn strip_parens(pieces: &[Piece]) -> Vec<Piece> {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Text(t) => {
                let t = t.trim_matches(|c: char| c == '(' || c == ')' || c == ' ');
                (!t.is_empty()).then(|| Piece::Text(t.to_string()))
            }
            lit => Some(lit.clone()),
        })
        .collect()
}

fn num_repr(n: Num) -> String {
    match n {
        Num::Int(i) => i.to_string(),
        Num::Float(f) => float_repr_string(f),
    }
}

/// Both operands as floats, when one is a float (Python's mixed arithmetic).
fn floats(a: Num, b: Num) -> Option<(f64, f64)> {
    let f = |n| match n {
        Num::Int(i) => i as f64,
        Num::Float(f) => f,
    };
    match (a, b) {
        (Num::Int(_), Num::Int(_)) => None,
        _ => Some((f(a), f(b))),
    }
}

/// The import-time evaluator (module level).
fn front_fold(a: Num, op: &str, b: Num) -> Option<Result<String, String>> {
    let op = BinOp::from_symbol(op)?;
    // Import time is Python: an int to a negative int power is a float
    // there (the run-time dialect refuses it: ints have no float type).
    if let (BinOp::Pow, Num::Int(_), Num::Int(e)) = (op, a, b) {
        if e < 0 {
            return None;
        }
    }
    let c = |n| match n {
        Num::Int(i) => ConstValue::Int(i),
        Num::Float(f) => ConstValue::Float(f),
    };
    Some(
        rpy_front::load::binop_on_numbers(op, &c(a), &c(b)).map(|v| match v {
            ConstValue::Int(i) => num_repr(Num::Int(i)),
            ConstValue::Float(f) => num_repr(Num::Float(f)),
            other => format!("{other:?}"),
        }),
    )
}

/// Each binary operator's LL op (int, float) and JIT op (int, float),
/// where the folder or the trace evaluator has one.
struct OpRow {
    symbol: &'static str,
    ll: (Option<K>, Option<K>),
    jit: (Option<Opcode>, Option<Opcode>),
}

const fn row(
    symbol: &'static str,
    ll: (Option<K>, Option<K>),
    jit: (Option<Opcode>, Option<Opcode>),
) -> OpRow {
    OpRow { symbol, ll, jit }
}

#[rustfmt::skip]
const OPS: &[OpRow] = &[
    row("+", (Some(K::IntAdd), Some(K::FloatAdd)), (Some(Opcode::IntAdd), Some(Opcode::FloatAdd))),
    row("-", (Some(K::IntSub), Some(K::FloatSub)), (Some(Opcode::IntSub), Some(Opcode::FloatSub))),
    row("*", (Some(K::IntMul), Some(K::FloatMul)), (Some(Opcode::IntMul), Some(Opcode::FloatMul))),
    row("/", (None, None), (None, Some(Opcode::FloatTrueDiv))),
    row("//", (Some(K::IntFloorDiv), None), (Some(Opcode::IntPyDiv), None)),
    row("%", (Some(K::IntMod), None), (Some(Opcode::IntPyMod), None)),
    row("<<", (Some(K::IntLshift), None), (Some(Opcode::IntLshift), None)),
    row(">>", (Some(K::IntRshift), None), (Some(Opcode::IntRshift), None)),
    row("&", (Some(K::IntAnd), None), (Some(Opcode::IntAnd), None)),
    row("|", (Some(K::IntOr), None), (Some(Opcode::IntOr), None)),
    row("^", (Some(K::IntXor), None), (Some(Opcode::IntXor), None)),
];

fn op_row(symbol: &str) -> Option<&'static OpRow> {
    OPS.iter().find(|r| r.symbol == symbol)
}

/// backendopt's folder of LL ops: `None` where it does not fold the op;
/// `Some(None)` where it leaves the op alone because it would raise.
fn ll_fold(a: Num, op: &str, b: Num) -> Option<Option<String>> {
    let r = op_row(op)?;
    let (kind, args) = match (a, b) {
        (Num::Int(x), Num::Int(y)) => (r.ll.0?, [LLConst::Int(x), LLConst::Int(y)]),
        _ => {
            let (x, y) = floats(a, b)?;
            (r.ll.1?, [LLConst::Float(x), LLConst::Float(y)])
        }
    };
    Some(
        rpy_backendopt::constfold::fold_op(kind, &args).map(|c| match c {
            LLConst::Int(i) => num_repr(Num::Int(i)),
            LLConst::Float(f) => num_repr(Num::Float(f)),
            other => format!("{other:?}"),
        }),
    )
}

/// The JIT's trace evaluator, where the op's precondition holds (a
/// divisor neither 0 nor -1, a shift count in 0..64, a float divisor not
/// 0: the codewriter calls the native helper otherwise).
fn jit_eval(a: Num, op: &str, b: Num) -> Option<String> {
    let r = op_row(op)?;
    let (opcode, args, float) = match (a, b) {
        (Num::Int(x), Num::Int(y)) => {
            let ok = match op {
                "//" | "%" => y != 0 && y != -1,
                "<<" | ">>" => (0..64).contains(&y),
                _ => true,
            };
            (r.jit.0.filter(|_| ok)?, [x as u64, y as u64], false)
        }
        _ => {
            let (x, y) = floats(a, b)?;
            let ok = op != "/" || y != 0.0;
            (r.jit.1.filter(|_| ok)?, [x.to_bits(), y.to_bits()], true)
        }
    };
    let r = rpy_jit::ir::eval::eval_pure(opcode, &args)?;
    Some(if float {
        num_repr(Num::Float(f64::from_bits(r)))
    } else {
        num_repr(Num::Int(r as i64))
    })
}

fn check_folders(cases: &[Case], fails: &mut Vec<String>) -> usize {
    let mut checked = 0;
    for c in cases {
        let Some((a, op, b)) = binary(c) else {
            continue;
        };
        checked += 1;
        let raises = c.want.contains("Error: ");
        let mut fail = |what: &str, got: String| {
            fails.push(format!(
                "cases.txt:{} `{}`: {what} gave {got}, expected {}",
                c.line, c.expr, c.want
            ))
        };
        match front_fold(a, &op, b) {
            Some(Ok(v)) if v != c.want => fail("the import-time evaluator", v),
            Some(Err(e)) if e != c.want => {
                fail("the import-time evaluator", format!("the error {e:?}"))
            }
            _ => {}
        }
        match ll_fold(a, &op, b) {
            Some(Some(v)) if raises || v != c.want => fail("backendopt's folder", v),
            Some(None) if !raises => fail("backendopt's folder", "no fold".into()),
            _ => {}
        }
        if let Some(v) = jit_eval(a, &op, b) {
            if v != c.want {
                fail("the JIT's trace evaluator", v);
            }
        }
    }
    checked
}

#[test]
fn every_evaluator_agrees_with_the_table() {
    let cases = cases();
    assert!(cases.len() >= 300, "the table has {} cases", cases.len());
    let mut fails = Vec::new();
    let folded = check_folders(&cases, &mut fails);
    assert!(
        folded >= 150,
        "only {folded} cases reach the constant folders"
    );
    run_modes(&cases, &mut fails);
    assert!(
        fails.is_empty(),
        "{} disagreements:\n{}",
        fails.len(),
        fails.join("\n")
    );
}
