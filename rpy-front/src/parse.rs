//! `parse_module`: the layout pass, then each logical line parsed by the
//! grammar and lowered, then the blocks assembled into statements with the
//! checks that need context (nested functions, `return` outside a
//! function, decorators, `*args`, operator overloading, ...).

use crate::ast::{ClassDef, ExceptHandler, Expr, FunctionDef, Module, Stmt, StmtKind};
use crate::diag::{DResult, Diagnostic};
use crate::grammar;
use crate::layout::{self, LogicalLine, Node};
use crate::lower_expr::{refusal as refuse, Lower};
use crate::lower_stmt::{refused_leading_keyword, DefHeader, Header, Line};
use crate::span::{SourceFile, Span};

/// Parse a whole file into a module. Errors are reported in file order:
/// the first lexical, indentation or syntax error wins.
pub fn parse_module(file: &SourceFile) -> DResult<Module> {
    let scan = layout::scan_lines(file);
    let mut lines = Vec::with_capacity(scan.lines.len());
    let mut line_error = None;
    for l in &scan.lines {
        match parse_logical_line(file, l) {
            Ok(line) => lines.push(Some(line)),
            Err(e) => {
                line_error = Some(e);
                break;
            }
        }
    }
    let blocks = layout::build_blocks(file, &scan.lines, scan.error.is_some());
    let block_error = blocks.as_ref().err().cloned();
    if let Some(e) = earliest([line_error, scan.error, block_error]) {
        return Err(e);
    }
    let mut asm = Assembler { file, lines };
    let body = asm.block(&blocks?, Ctx::MODULE)?;
    Ok(Module { body })
}

fn parse_logical_line(file: &SourceFile, l: &LogicalLine) -> DResult<Line> {
    let mut lower = Lower::new(file, l.lo);
    if let Some(e) = refused_leading_keyword(&lower, &file.text[l.lo..l.hi]) {
        return Err(e);
    }
    let pair = grammar::parse_line(file, l.lo, l.hi)?;
    lower.line(pair)
}

fn earliest<const N: usize>(errors: [Option<Diagnostic>; N]) -> Option<Diagnostic> {
    errors.into_iter().flatten().min_by_key(|e| e.span.lo)
}

/// Where a statement is.
#[derive(Clone, Copy, Debug)]
struct Ctx {
    in_def: bool,
    in_class: bool,
    in_loop: bool,
    in_except: bool,
}

impl Ctx {
    const MODULE: Ctx = Ctx {
        in_def: false,
        in_class: false,
        in_loop: false,
        in_except: false,
    };
}

/// Special methods that would overload an operator or a builtin.
const OPERATOR_DUNDERS: &[&str] = &[
    "__add__",
    "__sub__",
    "__mul__",
    "__truediv__",
    "__floordiv__",
    "__mod__",
    "__pow__",
    "__lshift__",
    "__rshift__",
    "__and__",
    "__or__",
    "__xor__",
    "__neg__",
    "__pos__",
    "__invert__",
    "__abs__",
    "__eq__",
    "__ne__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__len__",
    "__iter__",
    "__next__",
    "__contains__",
    "__call__",
    "__hash__",
    "__bool__",
    "__radd__",
    "__rsub__",
    "__rmul__",
    "__iadd__",
    "__isub__",
    "__imul__",
    "__getattr__",
    "__setattr__",
];

struct Assembler<'a> {
    file: &'a SourceFile,
    /// Lowered lines by index; each is taken once.
    lines: Vec<Option<Line>>,
}

impl Assembler<'_> {
    fn take(&mut self, node: &Node) -> DResult<Line> {
        self.lines
            .get_mut(node.line.index)
            .and_then(Option::take)
            .ok_or_else(|| {
                Diagnostic::error(self.file.span(node.line.lo, node.line.lo), "invalid syntax")
            })
    }

    /// The header of `nodes[i]`, if it is a compound line.
    fn peek_header(&self, nodes: &[Node], i: usize) -> Option<&Header> {
        match nodes.get(i).and_then(|n| self.lines.get(n.line.index))? {
            Some(Line::Compound { header, .. }) => Some(header),
            _ => None,
        }
    }

    fn block(&mut self, nodes: &[Node], ctx: Ctx) -> DResult<Vec<Stmt>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < nodes.len() {
            i = self.statement(nodes, i, ctx, &mut out)?;
        }
        Ok(out)
    }

    /// Assemble the statement starting at `nodes[i]` into `out`; returns
    /// the index of the next one.
    fn statement(
        &mut self,
        nodes: &[Node],
        i: usize,
        ctx: Ctx,
        out: &mut Vec<Stmt>,
    ) -> DResult<usize> {
        match self.take(&nodes[i])? {
            Line::Simple(stmts) => {
                stmts.iter().try_for_each(|s| check_simple(s, ctx))?;
                out.extend(stmts);
                Ok(i + 1)
            }
            Line::Decorator(d) => self.decorated(nodes, i, d, ctx, out),
            Line::Compound { header, kw, inline } => {
                let (stmt, next) =
                    self.compound(nodes, i, (header, kw, inline), Vec::new(), ctx)?;
                out.push(stmt);
                Ok(next)
            }
        }
    }

    fn decorated(
        &mut self,
        nodes: &[Node],
        i: usize,
        first: Expr,
        ctx: Ctx,
        out: &mut Vec<Stmt>,
    ) -> DResult<usize> {
        let mut decorators = vec![first];
        for j in i + 1..nodes.len() {
            match self.take(&nodes[j])? {
                Line::Decorator(d) => decorators.push(d),
                Line::Compound {
                    header: header @ (Header::Def(_) | Header::Class { .. }),
                    kw,
                    inline,
                } => {
                    let (stmt, next) =
                        self.compound(nodes, j, (header, kw, inline), decorators, ctx)?;
                    out.push(stmt);
                    return Ok(next);
                }
                _ => break,
            }
        }
        let last = decorators.last().map_or(Span::default(), |d| d.span);
        Err(Diagnostic::error(
            last,
            "a decorator must be followed by a function definition",
        )
        .with_label("no 'def' after this decorator"))
    }

    fn compound(
        &mut self,
        nodes: &[Node],
        i: usize,
        (header, kw, inline): (Header, Span, Vec<Stmt>),
        decorators: Vec<Expr>,
        ctx: Ctx,
    ) -> DResult<(Stmt, usize)> {
        let node = &nodes[i];
        let looping = Ctx {
            in_loop: true,
            ..ctx
        };
        match header {
            Header::If(test) => self.if_chain(nodes, i, (test, kw, inline), ctx),
            Header::While(test) => {
                let body = self.body(node, inline, looping)?;
                let (orelse, next) = self.else_clause(nodes, i + 1, ctx)?;
                let span = span_to_end(kw, &[&body, &orelse]);
                Ok((stmt(StmtKind::While { test, body, orelse }, span), next))
            }
            Header::For { target, iter } => {
                let body = self.body(node, inline, looping)?;
                let (orelse, next) = self.else_clause(nodes, i + 1, ctx)?;
                let span = span_to_end(kw, &[&body, &orelse]);
                let kind = StmtKind::For {
                    target,
                    iter,
                    body,
                    orelse,
                };
                Ok((stmt(kind, span), next))
            }
            Header::Try => self.try_stmt(nodes, i, kw, inline, ctx),
            Header::Def(def) => Ok((self.def(node, def, kw, inline, decorators, ctx)?, i + 1)),
            Header::Class { name, base } => {
                let class = self.class(node, (name, base), kw, inline, decorators)?;
                Ok((class, i + 1))
            }
            Header::Elif(_) | Header::Else | Header::Except { .. } | Header::Finally => {
                let what = header.keyword();
                Err(Diagnostic::error(
                    kw,
                    format!("'{what}' without a matching statement before it"),
                )
                .with_label(orphan_label(what)))
            }
        }
    }

    /// The block of a header: its indented block or its inline statements.
    fn body(&mut self, node: &Node, inline: Vec<Stmt>, ctx: Ctx) -> DResult<Vec<Stmt>> {
        if node.body.is_empty() {
            inline.iter().try_for_each(|s| check_simple(s, ctx))?;
            return Ok(inline);
        }
        self.block(&node.body, ctx)
    }

    /// An optional `else:` clause at `nodes[j]`.
    fn else_clause(&mut self, nodes: &[Node], j: usize, ctx: Ctx) -> DResult<(Vec<Stmt>, usize)> {
        if !matches!(self.peek_header(nodes, j), Some(Header::Else)) {
            return Ok((Vec::new(), j));
        }
        let inline = self.take_inline(&nodes[j])?;
        Ok((self.body(&nodes[j], inline, ctx)?, j + 1))
    }

    /// Take a compound line, returning its inline statements.
    fn take_inline(&mut self, node: &Node) -> DResult<Vec<Stmt>> {
        match self.take(node)? {
            Line::Compound { inline, .. } => Ok(inline),
            _ => Ok(Vec::new()),
        }
    }

    /// `if` … `elif` … `else`: each `elif` becomes an `If` alone in `orelse`.
    fn if_chain(
        &mut self,
        nodes: &[Node],
        i: usize,
        (test, kw, inline): (Expr, Span, Vec<Stmt>),
        ctx: Ctx,
    ) -> DResult<(Stmt, usize)> {
        let mut clauses = vec![(test, kw, self.body(&nodes[i], inline, ctx)?)];
        let mut j = i + 1;
        while matches!(self.peek_header(nodes, j), Some(Header::Elif(_))) {
            if let Line::Compound {
                header: Header::Elif(test),
                kw,
                inline,
            } = self.take(&nodes[j])?
            {
                clauses.push((test, kw, self.body(&nodes[j], inline, ctx)?));
            }
            j += 1;
        }
        let (mut else_body, next) = self.else_clause(nodes, j, ctx)?;
        // Fold from the last clause: each one is the `orelse` of the previous.
        let mut result: Option<Stmt> = None;
        for (test, kw, body) in clauses.into_iter().rev() {
            let orelse = match result.take() {
                Some(inner) => vec![inner],
                None => std::mem::take(&mut else_body),
            };
            let span = span_to_end(kw, &[&body, &orelse]);
            result = Some(stmt(StmtKind::If { test, body, orelse }, span));
        }
        let s = result.ok_or_else(|| Diagnostic::error(kw, "invalid if statement"))?;
        Ok((s, next))
    }

    fn try_stmt(
        &mut self,
        nodes: &[Node],
        i: usize,
        kw: Span,
        inline: Vec<Stmt>,
        ctx: Ctx,
    ) -> DResult<(Stmt, usize)> {
        let body = self.body(&nodes[i], inline, ctx)?;
        let mut handlers: Vec<ExceptHandler> = Vec::new();
        let mut j = i + 1;
        while matches!(self.peek_header(nodes, j), Some(Header::Except { .. })) {
            if let Some(bare) = handlers.iter().find(|h| h.typ.is_none()) {
                return Err(
                    Diagnostic::error(bare.span, "default 'except:' must be last")
                        .with_label("this catches everything; later handlers are unreachable"),
                );
            }
            if let Line::Compound {
                header: Header::Except { typ, name },
                kw,
                inline,
            } = self.take(&nodes[j])?
            {
                let handler_ctx = Ctx {
                    in_except: true,
                    ..ctx
                };
                let body = self.body(&nodes[j], inline, handler_ctx)?;
                let span = span_to_end(kw, &[&body]);
                handlers.push(ExceptHandler {
                    typ,
                    name,
                    body,
                    span,
                });
            }
            j += 1;
        }
        let (orelse, after_else) = if handlers.is_empty() {
            (Vec::new(), j)
        } else {
            self.else_clause(nodes, j, ctx)?
        };
        let (finalbody, next) = self.finally_clause(nodes, after_else, ctx)?;
        if handlers.is_empty() && next == after_else {
            return Err(
                Diagnostic::error(kw, "expected 'except' or 'finally' block")
                    .with_label("this 'try' has no handler"),
            );
        }
        let handler_bodies: Vec<&Vec<Stmt>> = handlers.iter().map(|h| &h.body).collect();
        let end = [vec![&body], handler_bodies, vec![&orelse, &finalbody]].concat();
        let span = span_to_end(kw, &end);
        let kind = StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        };
        Ok((stmt(kind, span), next))
    }

    fn finally_clause(
        &mut self,
        nodes: &[Node],
        j: usize,
        ctx: Ctx,
    ) -> DResult<(Vec<Stmt>, usize)> {
        if !matches!(self.peek_header(nodes, j), Some(Header::Finally)) {
            return Ok((Vec::new(), j));
        }
        let inline = self.take_inline(&nodes[j])?;
        Ok((self.body(&nodes[j], inline, ctx)?, j + 1))
    }

    fn def(
        &mut self,
        node: &Node,
        def: DefHeader,
        kw: Span,
        inline: Vec<Stmt>,
        decorators: Vec<Expr>,
        ctx: Ctx,
    ) -> DResult<Stmt> {
        if let Some((_, star)) = &def.vararg {
            if ctx.in_class || def.name != "target" {
                return Err(Diagnostic::error(
                    *star,
                    "*args is not supported in rpy (only in target(*args))",
                )
                .with_label("*args not allowed here"));
            }
        }
        if ctx.in_class {
            check_method_name(&def)?;
        }
        let body_ctx = Ctx {
            in_def: true,
            ..Ctx::MODULE
        };
        let body = self.body(node, inline, body_ctx)?;
        let span = span_to_end(kw, &[&body]);
        let f = FunctionDef {
            name: def.name,
            params: def.params,
            vararg: def.vararg.map(|(name, _)| name),
            decorators,
            body,
            span,
        };
        Ok(stmt(StmtKind::FunctionDef(f), span))
    }

    fn class(
        &mut self,
        node: &Node,
        (name, base): (String, Option<Expr>),
        kw: Span,
        inline: Vec<Stmt>,
        decorators: Vec<Expr>,
    ) -> DResult<Stmt> {
        if let Some(d) = decorators.first() {
            return Err(refuse(d.span, "class decorators"));
        }
        let body_ctx = Ctx {
            in_class: true,
            ..Ctx::MODULE
        };
        let body = self.body(node, inline, body_ctx)?;
        let span = span_to_end(kw, &[&body]);
        let c = ClassDef {
            name,
            base,
            body,
            span,
        };
        Ok(stmt(StmtKind::ClassDef(c), span))
    }
}

fn stmt(kind: StmtKind, span: Span) -> Stmt {
    Stmt { kind, span }
}

fn orphan_label(what: &str) -> &'static str {
    match what {
        "elif" | "else" => "no 'if', 'while', 'for' or 'try' for this clause",
        _ => "no 'try' for this clause",
    }
}

/// From the header keyword to the end of the last statement of its blocks.
fn span_to_end(kw: Span, blocks: &[&Vec<Stmt>]) -> Span {
    blocks
        .iter()
        .filter_map(|b| b.last())
        .fold(kw, |acc, s| acc.to(s.span))
}

/// Methods may not overload operators (`__add__`, `__eq__`, ...).
fn check_method_name(def: &DefHeader) -> DResult<()> {
    let n = def.name.as_str();
    if n == "__init__" || !(n.len() > 4 && n.starts_with("__") && n.ends_with("__")) {
        return Ok(());
    }
    let msg = if OPERATOR_DUNDERS.contains(&n) {
        format!("operator overloading ({n}) is not supported in rpy")
    } else {
        format!("special method {n} is not supported in rpy")
    };
    Err(Diagnostic::error(def.name_span, msg).with_label("only __init__ is special in rpy"))
}

/// Checks of simple statements that depend on where they are.
fn check_simple(s: &Stmt, ctx: Ctx) -> DResult<()> {
    let msg = match &s.kind {
        StmtKind::Return(_) if !ctx.in_def => "'return' outside function",
        StmtKind::Break if !ctx.in_loop => "'break' outside loop",
        StmtKind::Continue if !ctx.in_loop => "'continue' not properly in loop",
        StmtKind::Raise(None) if !ctx.in_except => {
            "bare 'raise' is only supported inside an 'except' block in rpy"
        }
        _ => return Ok(()),
    };
    Err(Diagnostic::error(s.span, msg))
}
