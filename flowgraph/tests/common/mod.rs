//! Helpers to build small flow graphs by hand in tests.
#![allow(dead_code)]

use flowgraph::model::{BlockId, ExitCase, ExitSwitch, FunctionGraph, Link, Op, Value, VarId};
use flowgraph::ops::OpKind;
use flowgraph::print::print_graph;
use flowgraph::verify::verify;
use indexmap::IndexMap;
use rpy_front::program::{
    ClassDecl, ClassId, ConstValue, FuncDecl, FuncHints, FuncId, Program, BUILTIN_CLASSES,
};
use rpy_front::{SourceFile, Span};

/// A program with the builtin classes and functions `main` and `f`.
pub fn program() -> Program {
    let functions = ["main", "f"]
        .iter()
        .enumerate()
        .map(|(i, name)| FuncDecl {
            id: FuncId(i as u32),
            name: name.to_string(),
            params: Vec::new(),
            refusal: None,
            body: Vec::new(),
            hints: FuncHints::default(),
            class: None,
            closure: IndexMap::new(),
            module: None,
            span: Span::default(),
        })
        .collect();
    let classes = BUILTIN_CLASSES
        .iter()
        .enumerate()
        .map(|(i, (name, base))| ClassDecl {
            id: ClassId(i as u32),
            name: name.to_string(),
            base: base.map(ClassId),
            methods: IndexMap::new(),
            attrs: IndexMap::new(),
            immutable_fields: Default::default(),
            builtin: true,
            span: Span::default(),
        })
        .collect();
    Program {
        file: SourceFile::new("test.rpy", ""),
        files: vec![SourceFile::new("test.rpy", "")],
        modules: Vec::new(),
        globals: IndexMap::new(),
        import_only: IndexMap::new(),
        prebuilt: Vec::new(),
        functions,
        classes,
        drivers: Vec::new(),
        entry: FuncId(0),
    }
}

pub fn graph(name: &str, params: &[&str]) -> FunctionGraph {
    let params: Vec<String> = params.iter().map(|s| s.to_string()).collect();
    FunctionGraph::new(name, FuncId(0), &params, Span::default())
}

pub fn int(i: i64) -> Value {
    Value::Const(ConstValue::Int(i))
}

pub fn var(v: VarId) -> Value {
    Value::Var(v)
}

pub fn vars(vs: &[VarId]) -> Vec<Value> {
    vs.iter().map(|&v| Value::Var(v)).collect()
}

/// A new block with `n` fresh input arguments.
pub fn block(g: &mut FunctionGraph, n: usize) -> (BlockId, Vec<VarId>) {
    let args: Vec<VarId> = (0..n).map(|_| g.new_var(None)).collect();
    (g.add_block(args.clone()), args)
}

/// Append `result = kind(args)` to `b`.
pub fn op(g: &mut FunctionGraph, b: BlockId, kind: OpKind, args: Vec<Value>) -> VarId {
    let result = g.new_var(None);
    g.block_mut(b).ops.push(Op {
        kind,
        args,
        result,
        span: Span::default(),
    });
    result
}

fn link(args: Vec<Value>, exitcase: ExitCase) -> Link {
    Link {
        args,
        exitcase,
        last_exc_value: None,
        span: rpy_front::Span::default(),
    }
}

/// `b` ends with `goto to(args)`.
pub fn goto(g: &mut FunctionGraph, b: BlockId, to: BlockId, args: Vec<Value>) {
    g.add_link(b, to, link(args, ExitCase::Always));
}

/// `b` ends with `return value`.
pub fn ret(g: &mut FunctionGraph, b: BlockId, value: Value) {
    let r = g.returnblock;
    goto(g, b, r, vec![value]);
}

/// `b` ends with `if cond [True → t, False → f]`.
pub fn branch(
    g: &mut FunctionGraph,
    b: BlockId,
    cond: Value,
    t: (BlockId, Vec<Value>),
    f: (BlockId, Vec<Value>),
) {
    g.block_mut(b).exitswitch = Some(ExitSwitch::Value(cond));
    g.add_link(b, t.0, link(t.1, ExitCase::Const(ConstValue::Bool(true))));
    g.add_link(b, f.0, link(f.1, ExitCase::Const(ConstValue::Bool(false))));
}

/// Verify `g` and return its text form.
pub fn checked(g: &FunctionGraph) -> String {
    if let Err(e) = verify(g) {
        panic!("{e}\n{}", print_graph(g, &program()));
    }
    print_graph(g, &program())
}

/// Compare printed text with an indented golden string (leading newline
/// and common indentation removed).
#[track_caller]
pub fn assert_text(actual: &str, expected: &str) {
    let lines: Vec<&str> = expected
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let expected: String = lines
        .iter()
        .map(|l| format!("{}\n", l.get(indent..).unwrap_or("").trim_end()))
        .collect();
    let expected = expected.trim_end().to_string() + "\n";
    assert_eq!(
        actual, expected,
        "\n--- actual ---\n{actual}\n--- expected ---\n{expected}"
    );
}

/// Put an empty forwarding block on every link (as a naive builder would).
pub fn split_links(g: &mut FunctionGraph) {
    for b in g.all_blocks() {
        for l in g.block(b).exits.clone() {
            let n = g.link(l).args.len();
            let (hop, params) = block(g, n);
            let target = g.link_target(l);
            g.retarget_link(l, hop);
            goto(g, hop, target, vars(&params));
        }
    }
}
