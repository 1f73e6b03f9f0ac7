//! One LL graph → one Rust function. Blocks become structured code (see
//! `cfg.rs`): a loop header opens `'lN: loop {`, a merge node ends a
//! labeled block `'bN: { … }` that jumps to it `break`, a back edge is
//! `continue 'lN`, and a block with one forward predecessor is emitted in
//! place of the jump to it — what rustc turns into the same machine code
//! as a hand-written loop. An irreducible graph falls back to a
//! `loop { match block { … } }` state machine. Block input arguments are
//! `let mut` locals assigned on each link (parallel moves through
//! temporaries when a link reads a variable it also assigns). After an op
//! that may raise, the pending exception sends control to the block's
//! handlers, or out of the function with a zero result.

use super::cfg::Cfg;
use super::ops::OpCode;
use super::types::{rust_type, zero};
use super::views::list_views;
use super::Gen;
use rpy_backendopt::analysis::catches_all;
use rpy_rtyper::ll::{LBlock, LLExit, LLGraph, LLLink, LLOp, LLType, LLValue};
use std::fmt::Write;

/// Emits one function.
struct Body<'g, 'a> {
    gen: &'g Gen<'a>,
    g: &'g LLGraph,
    out: String,
    /// The zero value returned with an exception pending.
    zero: String,
    cfg: Cfg,
    /// Fallback: a `loop { match block { … } }` state machine.
    state_machine: bool,
    /// Per variable: the list view (`wN`) it is indexed through (see views.rs).
    view_of: Vec<Option<rpy_rtyper::ll::LVar>>,
}

impl Gen<'_> {
    /// The Rust function of a graph.
    pub fn emit_graph(&self, g: &LLGraph) -> String {
        let cfg = Cfg::new(g);
        let mut b = Body {
            gen: self,
            g,
            out: String::new(),
            zero: zero(&g.result),
            state_machine: !cfg.reducible,
            cfg,
            view_of: list_views(g, &self.merge_point_vars(g)),
        };
        b.function();
        b.out
    }
}

impl Body<'_, '_> {
    fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn var(&self, v: rpy_rtyper::ll::LVar) -> String {
        format!("v{}", v.0)
    }

    fn ty(&self, v: rpy_rtyper::ll::LVar) -> &LLType {
        self.g.var_type(v)
    }

    fn function(&mut self) {
        let g = self.g;
        let gen = self.gen;
        let params: Vec<String> = g
            .params
            .iter()
            .map(|&v| format!("mut {}: {}", self.var(v), rust_type(self.ty(v))))
            .collect();
        let _ = writeln!(self.out, "// {}:{} {}", gen.file, g.span.line, g.name);
        let name = &gen.fn_names[&g.func];
        let _ = writeln!(
            self.out,
            "fn {name}({}) -> {} {{\n    unsafe {{",
            params.join(", "),
            rust_type(&g.result)
        );
        let mut declared: Vec<bool> = vec![false; g.vars.len()];
        for &p in &g.params {
            declared[p.index()] = true;
        }
        for b in &g.blocks {
            let defs = b
                .inputargs
                .iter()
                .copied()
                .chain(b.ops.iter().map(|o| o.result));
            for v in defs.chain(handler_vars(&b.exit)) {
                if !std::mem::replace(&mut declared[v.index()], true) {
                    let t = self.ty(v);
                    let line = format!("let mut {}: {} = {};", self.var(v), rust_type(t), zero(t));
                    self.line(2, &line);
                }
            }
        }
        for i in 0..self.view_of.len() {
            let v = rpy_rtyper::ll::LVar(i as u32);
            if self.view_of[i] == Some(v) {
                let t = rust_type(self.ty(v).list_item().expect("a view of a list"));
                let view = view_type(self.ty(v));
                self.line(2, &format!("let mut w{i}: {view}<{t}> = {view}::EMPTY;"));
            }
        }
        for &p in &g.params {
            self.make_view(p, 2);
        }
        if gen.jit && gen.portal_has_can_enter(g) {
            // set by this invocation's can_enter_jit, read by its merge point
            self.line(2, "let mut jit_pending: bool = false;");
        }
        if gen.analysis.is_recursive(g.func) {
            let z = self.zero.clone();
            self.line(2, &format!("if rpy_stack_check() {{ return {z}; }}"));
        }
        if self.state_machine {
            self.line(2, "let mut block: u32 = 0;");
            self.line(2, "loop {");
            self.line(3, "match block {");
            for i in 0..g.blocks.len() {
                self.line(4, &format!("{i} => {{"));
                self.block(LBlock(i as u32), 5);
                self.line(4, "}");
            }
            self.line(4, "_ => std::hint::unreachable_unchecked(),");
            self.line(3, "}");
            self.line(2, "}");
        } else {
            self.tree(LBlock(0), 2);
        }
        self.line(1, "}");
        self.line(0, "}\n");
    }

    /// A block and the blocks it dominates.
    fn tree(&mut self, x: LBlock, d: usize) {
        if self.cfg.loop_header[x.index()] {
            self.line(d, &format!("'l{}: loop {{", x.0));
            self.within(x, &self.cfg.merge_children(x), d + 1);
            self.line(d, "}");
        } else {
            self.within(x, &self.cfg.merge_children(x), d);
        }
    }

    /// Block `x`, nested in labeled blocks that end where its merge
    /// children `ys` (latest first) start.
    fn within(&mut self, x: LBlock, ys: &[LBlock], d: usize) {
        match ys {
            [] => self.block(x, d),
            [y, rest @ ..] => {
                self.line(d, &format!("'b{}: {{", y.0));
                self.within(x, rest, d + 1);
                self.line(d, "}");
                self.tree(*y, d);
            }
        }
    }

    fn block(&mut self, id: LBlock, d: usize) {
        let b = &self.g.blocks[id.index()];
        let mut last_line = 0;
        let n = b.ops.len();
        for (i, op) in b.ops.iter().enumerate() {
            if op.span.line != last_line && op.span.line != 0 {
                last_line = op.span.line;
                let c = format!("// {}:{}", self.gen.file, op.span.line);
                self.line(d, &c);
            }
            if i + 1 == n {
                if let LLExit::OnException { normal, handlers } = &b.exit {
                    self.raising_last_op(id, op, normal, handlers, d);
                    return;
                }
            }
            self.op(op, d);
        }
        self.exit(id, &b.exit, d);
    }

    /// `vN = e;` (or `e;` for a void op whose result nobody reads).
    fn assign(&self, op: &LLOp, e: &str) -> String {
        if *self.ty(op.result) == LLType::Void {
            format!("{e};")
        } else {
            format!("{} = {e};", self.var(op.result))
        }
    }

    /// `wN = RListView::of(vN);` where the list `v` with a view is made.
    fn make_view(&mut self, v: rpy_rtyper::ll::LVar, d: usize) {
        if self.view_of[v.index()] == Some(v) {
            let view = view_type(self.ty(v));
            self.line(d, &format!("w{0} = {view}::of(v{0});", v.0));
        }
    }

    /// Indexing and `len` of a list with a view go through the view.
    fn op_code(&self, op: &LLOp) -> OpCode {
        use rpy_rtyper::ll::LLOpKind as K;
        let view = match op.args.first() {
            Some(LLValue::Var(l)) => self.view_of[l.index()],
            _ => None,
        };
        if let Some(w) = view {
            let rest: Vec<String> = op.args[1..].iter().map(|a| self.gen.value(a)).collect();
            let call = |m: &str| format!("w{}.{m}({})", w.0, rest.join(", "));
            match op.kind {
                K::ListLen => return OpCode::Plain(call("length")),
                K::ListGetItem => return OpCode::Result(call("getitem_r")),
                K::ListGetItemNonneg => return OpCode::Result(call("getitem_nonneg_r")),
                K::ListSetItem => return OpCode::Result(call("setitem_r")),
                K::ListSetItemNonneg => return OpCode::Result(call("setitem_nonneg_r")),
                _ => {}
            }
        }
        self.gen.op_code(self.g, op)
    }

    /// An op in the middle of a block: an exception returns at once.
    fn op(&mut self, op: &LLOp, d: usize) {
        let z = self.zero.clone();
        if self.gen.jit {
            match op.kind {
                rpy_rtyper::ll::LLOpKind::JitMergePoint => {
                    for l in self.gen.merge_point_code(self.g, op, &z) {
                        self.line(d, &l);
                    }
                    return;
                }
                rpy_rtyper::ll::LLOpKind::CanEnterJit => {
                    let l = self.gen.can_enter_code(self.g, op);
                    self.line(d, &l);
                    return;
                }
                _ => {}
            }
        }
        let may_raise = self.gen.analysis.op_raises(op);
        match self.op_code(op) {
            OpCode::Plain(e) => {
                let s = self.assign(op, &e);
                self.line(d, &s);
            }
            OpCode::Result(e) => {
                let v = self.var(op.result);
                self.line(
                    d,
                    &format!("match {e} {{ Ok(r) => {v} = r, Err(_) => return {z} }}"),
                );
            }
            OpCode::Pending(e) => {
                let s = self.assign(op, &e);
                self.line(d, &s);
                if may_raise {
                    self.line(d, &format!("if rpy_exc_occurred() {{ return {z}; }}"));
                }
            }
            OpCode::Nothing(what) => self.line(d, &format!("// {what}")),
        }
        self.make_view(op.result, d);
    }

    /// The last op of an `on exception` block: an exception goes to the
    /// first matching handler.
    fn raising_last_op(
        &mut self,
        from: LBlock,
        op: &LLOp,
        normal: &LLLink,
        handlers: &[(rpy_front::program::ClassId, rpy_rtyper::ll::LVar, LLLink)],
        d: usize,
    ) {
        match self.op_code(op) {
            OpCode::Result(e) => {
                let v = self.var(op.result);
                self.line(d, &format!("match {e} {{"));
                self.line(d + 1, &format!("Ok(r) => {{ {v} = r; }}"));
                self.line(d + 1, "Err(_) => {");
                self.dispatch(from, handlers, d + 2);
                self.line(d + 1, "}");
                self.line(d, "}");
            }
            OpCode::Pending(e) => {
                let s = self.assign(op, &e);
                self.line(d, &s);
                self.line(d, "if rpy_exc_occurred() {");
                self.dispatch(from, handlers, d + 1);
                self.line(d, "}");
            }
            OpCode::Plain(e) => {
                let s = self.assign(op, &e);
                self.line(d, &s);
            }
            OpCode::Nothing(what) => self.line(d, &format!("// {what}")),
        }
        self.link(from, normal, d);
    }

    /// Take the pending exception and jump to the first handler that
    /// matches; none matching, re-raise it and return.
    fn dispatch(
        &mut self,
        from: LBlock,
        handlers: &[(rpy_front::program::ClassId, rpy_rtyper::ll::LVar, LLLink)],
        d: usize,
    ) {
        self.line(d, "let e = rpy_exc_take();");
        for (c, v, l) in handlers {
            let v = self.var(*v);
            if catches_all(*c) {
                self.line(d, &format!("{v} = e;"));
                self.link(from, l, d);
                return;
            }
            let vt = self.gen.classes.vt_ptr(*c);
            self.line(d, &format!("if rpy_instanceof(e, {vt}) {{"));
            self.line(d + 1, &format!("{v} = e;"));
            self.link(from, l, d + 1);
            self.line(d, "}");
        }
        let z = self.zero.clone();
        self.line(
            d,
            &format!("rpy_raise(e);\n{}return {z};", "    ".repeat(d)),
        );
    }

    fn exit(&mut self, from: LBlock, exit: &LLExit, d: usize) {
        match exit {
            LLExit::Goto(l) => self.link(from, l, d),
            LLExit::If { cond, then, else_ } => {
                let c = self.gen.value(cond);
                self.line(d, &format!("if {c} {{"));
                self.link(from, then, d + 1);
                self.line(d, "} else {");
                self.link(from, else_, d + 1);
                self.line(d, "}");
            }
            LLExit::Switch {
                value,
                cases,
                default,
            } => {
                let v = self.gen.value(value);
                self.line(d, &format!("match {v} {{"));
                for (c, l) in cases {
                    let pat = match c {
                        rpy_rtyper::ll::LLConst::Int(i) if *i == i64::MIN => "i64::MIN".into(),
                        rpy_rtyper::ll::LLConst::Int(i) => i.to_string(),
                        rpy_rtyper::ll::LLConst::Char(c) => format!("{c}u8"),
                        other => panic!("genrust: switch case {other:?}"),
                    };
                    self.line(d + 1, &format!("{pat} => {{"));
                    self.link(from, l, d + 2);
                    self.line(d + 1, "}");
                }
                self.line(d + 1, "_ => {");
                self.link(from, default, d + 2);
                self.line(d + 1, "}");
                self.line(d, "}");
            }
            LLExit::Return(v) => {
                let v = self.gen.value(v);
                self.line(d, &format!("return {v};"));
            }
            LLExit::Raise(v) => {
                let v = self.gen.value(v);
                let z = self.zero.clone();
                self.line(d, &format!("rpy_raise({v});"));
                self.line(d, &format!("return {z};"));
            }
            LLExit::OnException { normal, .. } => self.link(from, normal, d),
        }
    }

    /// Assign the target's input arguments, then jump.
    fn link(&mut self, from: LBlock, l: &LLLink, d: usize) {
        let target = &self.g.blocks[l.target.index()];
        let moves: Vec<(rpy_rtyper::ll::LVar, &LLValue)> = target
            .inputargs
            .iter()
            .copied()
            .zip(&l.args)
            .filter(|(dst, src)| src.as_var() != Some(*dst))
            .collect();
        let conflict = moves.iter().any(|(_, src)| {
            src.as_var()
                .is_some_and(|s| moves.iter().any(|(d, _)| *d == s))
        });
        if conflict {
            for (k, (_, src)) in moves.iter().enumerate() {
                let s = format!("let t{k} = {};", self.gen.value(src));
                self.line(d, &s);
            }
            for (k, (dst, _)) in moves.iter().enumerate() {
                let s = format!("{} = t{k};", self.var(*dst));
                self.line(d, &s);
            }
        } else {
            for (dst, src) in &moves {
                let s = format!("{} = {};", self.var(*dst), self.gen.value(src));
                self.line(d, &s);
            }
        }
        let t = l.target;
        if self.state_machine {
            self.line(d, &format!("block = {}; continue;", t.0));
        } else if self.cfg.is_back_edge(from, t) {
            self.line(d, &format!("continue 'l{};", t.0));
        } else if self.cfg.merge[t.index()] {
            self.line(d, &format!("break 'b{};", t.0));
        } else {
            self.tree(t, d);
        }
    }
}

impl Gen<'_> {
    /// In a `-jit` target, the variables the JIT may replace at a merge
    /// point (no list view is made for them).
    fn merge_point_vars(&self, g: &LLGraph) -> Vec<rpy_rtyper::ll::LVar> {
        if !self.jit {
            return Vec::new();
        }
        g.blocks
            .iter()
            .flat_map(|b| &b.ops)
            .filter(|o| o.kind == rpy_rtyper::ll::LLOpKind::JitMergePoint)
            .flat_map(|o| o.args.iter().filter_map(LLValue::as_var))
            .collect()
    }
}

/// The runtime view type of a list type with a view.
fn view_type(t: &LLType) -> &'static str {
    match t.list_kind() {
        Some(rpy_rtyper::ll::ListKind::Immutable) => "RListRead",
        _ => "RListView",
    }
}

/// The variables bound by exception handlers.
fn handler_vars(exit: &LLExit) -> Vec<rpy_rtyper::ll::LVar> {
    match exit {
        LLExit::OnException { handlers, .. } => handlers.iter().map(|(_, v, _)| *v).collect(),
        _ => Vec::new(),
    }
}
