//! A readable, stable, indented text form of the AST with `line:col` on
//! every node (`translate FILE --dump=ast`, golden tests).
//!
//! ```text
//! FunctionDef interpret(bytecode, a) @12:1
//!   body:
//!     While @15:5
//!       test: Bool True @15:11
//!       body:
//!         Expr @16:9
//!           Call @16:9
//!             func: Name f @16:9
//! ```

use crate::ast::{
    Comprehension, ExceptHandler, Expr, ExprKind, FunctionDef, ImportName, Module, Stmt, StmtKind,
};
use crate::span::Span;
use std::fmt::Write;

/// The text form of a whole module: one top-level statement per root line.
pub fn dump_module(m: &Module) -> String {
    let mut d = Dumper::default();
    for s in &m.body {
        d.stmt(0, "", s);
    }
    d.out
}

/// The text form of one expression (used in tests and debugging).
pub fn dump_expr(e: &Expr) -> String {
    let mut d = Dumper::default();
    d.expr(0, "", e);
    d.out
}

#[derive(Default)]
struct Dumper {
    out: String,
}

impl Dumper {
    /// One node line: `indent label head @line:col`.
    fn node(&mut self, depth: usize, label: &str, head: &str, span: Span) {
        let _ = writeln!(
            self.out,
            "{:w$}{label}{head} @{}:{}",
            "",
            span.line,
            span.col,
            w = depth * 2
        );
    }

    /// A field line with no node of its own (`body:`).
    fn field(&mut self, depth: usize, label: &str) {
        let _ = writeln!(self.out, "{:w$}{label}:", "", w = depth * 2);
    }

    fn block(&mut self, depth: usize, label: &str, body: &[Stmt]) {
        if body.is_empty() {
            return;
        }
        self.field(depth, label);
        for s in body {
            self.stmt(depth + 1, "", s);
        }
    }

    fn stmt(&mut self, d: usize, label: &str, s: &Stmt) {
        let sp = s.span;
        match &s.kind {
            StmtKind::Expr(e) => {
                self.node(d, label, "Expr", sp);
                self.expr(d + 1, "", e);
            }
            StmtKind::Assign { targets, value } => {
                self.node(d, label, "Assign", sp);
                for t in targets {
                    self.expr(d + 1, "target: ", t);
                }
                self.expr(d + 1, "value: ", value);
            }
            StmtKind::AugAssign { target, op, value } => {
                self.node(d, label, &format!("AugAssign {}=", op.symbol()), sp);
                self.expr(d + 1, "target: ", target);
                self.expr(d + 1, "value: ", value);
            }
            StmtKind::If { test, body, orelse } => self.if_chain(d, label, sp, test, body, orelse),
            StmtKind::While { test, body, orelse } => {
                self.test_block(d, label, "While", sp, test, body, orelse)
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.node(d, label, "For", sp);
                self.expr(d + 1, "target: ", target);
                self.expr(d + 1, "iter: ", iter);
                self.block(d + 1, "body", body);
                self.block(d + 1, "orelse", orelse);
            }
            StmtKind::Return(e) => self.opt_child(d, label, "Return", sp, e.as_ref()),
            StmtKind::Raise(e) => self.opt_child(d, label, "Raise", sp, e.as_ref()),
            StmtKind::Pass => self.node(d, label, "Pass", sp),
            StmtKind::Break => self.node(d, label, "Break", sp),
            StmtKind::Continue => self.node(d, label, "Continue", sp),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.node(d, label, "Try", sp);
                self.block(d + 1, "body", body);
                for h in handlers {
                    self.handler(d + 1, h);
                }
                self.block(d + 1, "orelse", orelse);
                self.block(d + 1, "finalbody", finalbody);
            }
            StmtKind::Assert { test, msg } => {
                self.node(d, label, "Assert", sp);
                self.expr(d + 1, "test: ", test);
                if let Some(m) = msg {
                    self.expr(d + 1, "msg: ", m);
                }
            }
            StmtKind::Del(targets) => {
                self.node(d, label, "Del", sp);
                for t in targets {
                    self.expr(d + 1, "", t);
                }
            }
            StmtKind::FunctionDef(f) => self.function(d, label, f),
            StmtKind::ClassDef(c) => {
                self.node(d, label, &format!("ClassDef {}", c.name), sp);
                if let Some(b) = &c.base {
                    self.expr(d + 1, "base: ", b);
                }
                self.block(d + 1, "body", &c.body);
            }
            StmtKind::ImportFrom { module, names } => {
                let head = format!("ImportFrom {module}: {}", import_names(names));
                self.node(d, label, &head, sp);
            }
            StmtKind::Import(names) => {
                self.node(d, label, &format!("Import {}", import_names(names)), sp)
            }
            StmtKind::Global(names) => {
                self.node(d, label, &format!("Global {}", names.join(", ")), sp)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn test_block(
        &mut self,
        d: usize,
        label: &str,
        head: &str,
        sp: Span,
        test: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
    ) {
        self.node(d, label, head, sp);
        self.expr(d + 1, "test: ", test);
        self.block(d + 1, "body", body);
        self.block(d + 1, "orelse", orelse);
    }

    /// An `If` whose `orelse` is a single `If` shows it as an `Elif` line at
    /// the same depth (flat, like the source), so long dispatch chains stay
    /// readable.
    fn if_chain<'m>(
        &mut self,
        d: usize,
        label: &str,
        sp: Span,
        mut test: &'m Expr,
        mut body: &'m [Stmt],
        mut orelse: &'m [Stmt],
    ) {
        self.node(d, label, "If", sp);
        let mut inner = d + 1;
        loop {
            self.expr(inner, "test: ", test);
            self.block(inner, "body", body);
            match orelse {
                [Stmt {
                    kind:
                        StmtKind::If {
                            test: t,
                            body: b,
                            orelse: o,
                        },
                    span,
                }] => {
                    self.node(d + 1, "", "Elif", *span);
                    inner = d + 2;
                    (test, body, orelse) = (t, b, o);
                }
                _ => break,
            }
        }
        self.block(d + 1, "orelse", orelse);
    }

    fn opt_child(&mut self, d: usize, label: &str, head: &str, sp: Span, e: Option<&Expr>) {
        self.node(d, label, head, sp);
        if let Some(e) = e {
            self.expr(d + 1, "", e);
        }
    }

    fn handler(&mut self, d: usize, h: &ExceptHandler) {
        let head = match &h.name {
            Some(n) => format!("ExceptHandler as {n}"),
            None => "ExceptHandler".to_string(),
        };
        self.node(d, "", &head, h.span);
        if let Some(t) = &h.typ {
            self.expr(d + 1, "type: ", t);
        }
        self.block(d + 1, "body", &h.body);
    }

    fn function(&mut self, d: usize, label: &str, f: &FunctionDef) {
        let mut params: Vec<String> = f.params.iter().map(|p| p.name.clone()).collect();
        if let Some(v) = &f.vararg {
            params.push(format!("*{}", v.name));
        }
        if let Some(v) = &f.kwarg {
            params.push(format!("**{}", v.name));
        }
        let head = format!("FunctionDef {}({})", f.name, params.join(", "));
        self.node(d, label, &head, f.span);
        for dec in &f.decorators {
            self.expr(d + 1, "decorator: ", dec);
        }
        for p in &f.params {
            if let Some(def) = &p.default {
                self.expr(d + 1, &format!("default {}: ", p.name), def);
            }
        }
        self.block(d + 1, "body", &f.body);
    }

    fn expr(&mut self, d: usize, label: &str, e: &Expr) {
        let sp = e.span;
        match &e.kind {
            ExprKind::Int(v) => self.node(d, label, &format!("Int {v}"), sp),
            ExprKind::Float(v) => self.node(d, label, &format!("Float {v:?}"), sp),
            ExprKind::Str(s) => self.node(d, label, &format!("Str {}", str_repr(s)), sp),
            ExprKind::Bool(b) => {
                self.node(d, label, if *b { "Bool True" } else { "Bool False" }, sp)
            }
            ExprKind::None => self.node(d, label, "None", sp),
            ExprKind::Name(n) => self.node(d, label, &format!("Name {n}"), sp),
            ExprKind::Lambda(f) => self.function(d, label, f),
            ExprKind::BinOp { op, left, right } => {
                self.node(d, label, &format!("BinOp {}", op.symbol()), sp);
                self.expr(d + 1, "", left);
                self.expr(d + 1, "", right);
            }
            ExprKind::UnaryOp { op, operand } => {
                let sym = match op {
                    crate::ast::UnaryOp::Neg => "-",
                    crate::ast::UnaryOp::Pos => "+",
                    crate::ast::UnaryOp::Not => "not",
                    crate::ast::UnaryOp::Invert => "~",
                };
                self.node(d, label, &format!("UnaryOp {sym}"), sp);
                self.expr(d + 1, "", operand);
            }
            ExprKind::BoolOp { op, values } => {
                let sym = match op {
                    crate::ast::BoolOpKind::And => "and",
                    crate::ast::BoolOpKind::Or => "or",
                };
                self.node(d, label, &format!("BoolOp {sym}"), sp);
                self.exprs(d + 1, values);
            }
            ExprKind::Compare { left, ops } => {
                let syms: Vec<&str> = ops.iter().map(|(o, _)| o.symbol()).collect();
                self.node(d, label, &format!("Compare {}", syms.join(" ")), sp);
                self.expr(d + 1, "", left);
                for (_, r) in ops {
                    self.expr(d + 1, "", r);
                }
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.node(d, label, "IfExp", sp);
                self.expr(d + 1, "test: ", test);
                self.expr(d + 1, "body: ", body);
                self.expr(d + 1, "orelse: ", orelse);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.node(d, label, "Call", sp);
                self.expr(d + 1, "func: ", func);
                for a in args {
                    self.expr(d + 1, "arg: ", a);
                }
                for k in keywords {
                    self.expr(d + 1, &format!("kw {}: ", k.name), &k.value);
                }
            }
            ExprKind::Attribute { value, attr } => {
                self.node(d, label, &format!("Attribute .{attr}"), sp);
                self.expr(d + 1, "", value);
            }
            ExprKind::Subscript { value, index } => {
                self.node(d, label, "Subscript", sp);
                self.expr(d + 1, "value: ", value);
                self.expr(d + 1, "index: ", index);
            }
            ExprKind::Slice {
                value,
                lower,
                upper,
            } => {
                self.node(d, label, "Slice", sp);
                self.expr(d + 1, "value: ", value);
                if let Some(l) = lower {
                    self.expr(d + 1, "lower: ", l);
                }
                if let Some(u) = upper {
                    self.expr(d + 1, "upper: ", u);
                }
            }
            ExprKind::List(elts) => {
                self.node(d, label, "List", sp);
                self.exprs(d + 1, elts);
            }
            ExprKind::Tuple(elts) => {
                self.node(d, label, "Tuple", sp);
                self.exprs(d + 1, elts);
            }
            ExprKind::Dict(items) => {
                self.node(d, label, "Dict", sp);
                for (k, v) in items {
                    self.expr(d + 1, "key: ", k);
                    self.expr(d + 1, "value: ", v);
                }
            }
            ExprKind::ListComp { elt, generators } => {
                self.node(d, label, "ListComp", sp);
                self.expr(d + 1, "elt: ", elt);
                for g in generators {
                    self.comprehension(d + 1, g);
                }
            }
        }
    }

    fn exprs(&mut self, d: usize, es: &[Expr]) {
        for e in es {
            self.expr(d, "", e);
        }
    }

    fn comprehension(&mut self, d: usize, g: &Comprehension) {
        self.expr(d, "for: ", &g.target);
        self.expr(d, "in: ", &g.iter);
        for c in &g.ifs {
            self.expr(d, "if: ", c);
        }
    }
}

fn import_names(names: &[ImportName]) -> String {
    let parts: Vec<String> = names
        .iter()
        .map(|n| match &n.asname {
            Some(a) => format!("{} as {a}", n.name),
            None => n.name.clone(),
        })
        .collect();
    parts.join(", ")
}

/// Python's repr of a byte string: `'a\n'`, `'\xff'`.
pub fn str_repr(s: &[u8]) -> String {
    crate::pyrepr::str_repr_string(s)
}
