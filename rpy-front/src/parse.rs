//! `parse_module`: the layout pass, then each logical line parsed by the
//! grammar and lowered, then the blocks assembled into statements with the
//! checks that need context (nested functions, `return` outside a
//! function, decorators, `*args`, operator overloading, ...).
//!
//! Errors are collected, not just the first: each logical line is parsed
//! on its own, so every line's lexical or syntax error is independent of
//! the others'; the assembler then reports each statement's context error
//! and goes on with the next statement. A statement whose line failed is
//! skipped with its block and its `elif`/`else`/`except`/`finally` clauses
//! (their lines are still parsed; only the checks that need the failed
//! header are not made). The first indentation error stops the assembly:
//! the block structure after it is a guess.

use crate::ast::{ClassDef, ExceptHandler, Expr, FunctionDef, Module, Stmt, StmtKind};
use crate::diag::{DResult, Diagnostic, Diagnostics};
use crate::grammar;
use crate::layout::{self, LogicalLine, Node};
use crate::lower_expr::{refusal as refuse, Lower};
use crate::lower_stmt::{refused_leading_keyword, DefHeader, Header, Line};
use crate::span::{SourceFile, Span};

/// Parse a whole file into a module, or return every error found, in
/// file order.
pub fn parse_module(file: &SourceFile) -> Result<Module, Diagnostics> {
    let mut scan = layout::scan_lines(file);
    let lines = scan
        .lines
        .iter_mut()
        .map(|l| parse_unless_broken(file, l))
        .collect();
    let mut errors = Vec::new();
    let body = match layout::build_blocks(file, &scan.lines, scan.fatal.is_some()) {
        Ok(blocks) => {
            line_errors(&blocks, &mut errors);
            errors.extend(scan.fatal);
            let mut asm = Assembler {
                lines,
                errors: Vec::new(),
            };
            let body = asm.block(&blocks, Ctx::MODULE);
            errors.extend(asm.errors);
            body
        }
        Err(e) => {
            // An indentation error stops everything: what follows it is
            // not reported (its block structure is a guess).
            let before = scan.lines.iter().filter(|l| l.lo < e.span.lo as usize);
            errors.extend(before.filter_map(|l| l.error.clone()));
            errors.push(e);
            Vec::new()
        }
    };
    match Diagnostics::new(errors) {
        Some(errors) => Err(errors),
        None => Ok(Module { body }),
    }
}

/// Parse a logical line without a lexical error; a syntax error becomes
/// the line's.
fn parse_unless_broken(file: &SourceFile, l: &mut LogicalLine) -> Option<Line> {
    if l.error.is_some() {
        return None;
    }
    parse_logical_line(file, l)
        .map_err(|e| l.error = Some(e))
        .ok()
}

/// The errors of the lines of `nodes`, but not of the lines in the block
/// of a line with an error: their context is unknown (the `case` lines
/// of a refused `match`, say).
fn line_errors(nodes: &[Node], out: &mut Vec<Diagnostic>) {
    for n in nodes {
        match &n.line.error {
            Some(e) => out.push(e.clone()),
            None => line_errors(&n.body, out),
        }
    }
}

fn parse_logical_line(file: &SourceFile, l: &LogicalLine) -> DResult<Line> {
    let mut lower = Lower::new(file, l.lo);
    if let Some(e) = refused_leading_keyword(&lower, &file.text[l.lo..l.hi]) {
        return Err(e);
    }
    let pair = grammar::parse_line(file, l.lo, l.hi)?;
    lower.line(pair)
}

/// Where a statement is.
#[derive(Clone, Copy, Debug)]
struct Ctx {
    in_def: bool,
    in_loop: bool,
    in_except: bool,
}

impl Ctx {
    const MODULE: Ctx = Ctx {
        in_def: false,
        in_loop: false,
        in_except: false,
    };
}

struct Assembler {
    /// Lowered lines by index; each is taken once. `None`: the line failed
    /// (its error is reported already).
    lines: Vec<Option<Line>>,
    /// The context errors found so far.
    errors: Vec<Diagnostic>,
}

impl Assembler {
    fn take(&mut self, node: &Node) -> Option<Line> {
        self.lines.get_mut(node.line.index).and_then(Option::take)
    }

    /// The lowered line of `nodes[j]`: `None` past the end, `Some(None)`
    /// for a line that failed.
    fn peek(&self, nodes: &[Node], j: usize) -> Option<Option<&Line>> {
        let node = nodes.get(j)?;
        Some(self.lines.get(node.line.index).and_then(Option::as_ref))
    }

    /// The header of `nodes[j]`, if it is a compound line.
    fn peek_header(&self, nodes: &[Node], j: usize) -> Option<&Header> {
        match self.peek(nodes, j)?? {
            Line::Compound { header, .. } => Some(header),
            _ => None,
        }
    }

    /// Record the error of a check; assembly goes on.
    fn check(&mut self, r: DResult<()>) {
        if let Err(e) = r {
            self.errors.push(e);
        }
    }

    fn block(&mut self, nodes: &[Node], ctx: Ctx) -> Vec<Stmt> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < nodes.len() {
            i = self.statement(nodes, i, ctx, &mut out);
        }
        out
    }

    /// Assemble the statement starting at `nodes[i]` into `out`; returns
    /// the index of the next one.
    fn statement(&mut self, nodes: &[Node], i: usize, ctx: Ctx, out: &mut Vec<Stmt>) -> usize {
        let Some(line) = self.take(&nodes[i]) else {
            return self.skip_clauses(nodes, i + 1);
        };
        match line {
            Line::Simple(stmts) => {
                for s in &stmts {
                    self.check(check_simple(s, ctx));
                }
                out.extend(stmts);
                i + 1
            }
            Line::Decorator(d) => self.decorated(nodes, i, d, ctx, out),
            Line::Compound { header, kw, inline } => {
                let (stmt, next) = self.compound(nodes, i, (header, kw, inline), Vec::new(), ctx);
                out.extend(stmt);
                next
            }
        }
    }

    /// After a statement that failed: the clauses that would continue it
    /// (`elif`, `else`, `except`, `finally`) from `nodes[j]` on are
    /// skipped, not reported as orphans. Returns the index after them.
    fn skip_clauses(&mut self, nodes: &[Node], mut j: usize) -> usize {
        while matches!(
            self.peek_header(nodes, j),
            Some(Header::Elif(_) | Header::Else | Header::Except { .. } | Header::Finally)
        ) {
            self.take(&nodes[j]);
            j += 1;
        }
        j
    }

    fn decorated(
        &mut self,
        nodes: &[Node],
        i: usize,
        first: Expr,
        ctx: Ctx,
        out: &mut Vec<Stmt>,
    ) -> usize {
        let mut decorators = vec![first];
        let mut j = i + 1;
        while let Some(Some(Line::Decorator(_))) = self.peek(nodes, j) {
            if let Some(Line::Decorator(d)) = self.take(&nodes[j]) {
                decorators.push(d);
            }
            j += 1;
        }
        match self.peek_header(nodes, j) {
            Some(Header::Def(_) | Header::Class { .. }) => {
                let Some(Line::Compound { header, kw, inline }) = self.take(&nodes[j]) else {
                    return j;
                };
                let (stmt, next) = self.compound(nodes, j, (header, kw, inline), decorators, ctx);
                out.extend(stmt);
                next
            }
            // A line that failed (maybe the definition): already reported.
            _ if matches!(self.peek(nodes, j), Some(None)) => j,
            _ => {
                let last = decorators.last().map_or(Span::default(), |d| d.span);
                self.errors.push(
                    Diagnostic::error(
                        last,
                        "a decorator must be followed by a function definition",
                    )
                    .with_label("no 'def' after this decorator"),
                );
                j
            }
        }
    }

    fn compound(
        &mut self,
        nodes: &[Node],
        i: usize,
        (header, kw, inline): (Header, Span, Vec<Stmt>),
        decorators: Vec<Expr>,
        ctx: Ctx,
    ) -> (Option<Stmt>, usize) {
        let node = &nodes[i];
        let looping = Ctx {
            in_loop: true,
            ..ctx
        };
        match header {
            Header::If(test) => self.if_chain(nodes, i, (test, kw, inline), ctx),
            Header::While(test) => {
                let body = self.body(node, inline, looping);
                let (orelse, next) = self.else_clause(nodes, i + 1, ctx);
                let span = span_to_end(kw, &[&body, &orelse]);
                (
                    Some(stmt(StmtKind::While { test, body, orelse }, span)),
                    next,
                )
            }
            Header::For { target, iter } => {
                let body = self.body(node, inline, looping);
                let (orelse, next) = self.else_clause(nodes, i + 1, ctx);
                let span = span_to_end(kw, &[&body, &orelse]);
                let kind = StmtKind::For {
                    target,
                    iter,
                    body,
                    orelse,
                };
                (Some(stmt(kind, span)), next)
            }
            Header::Try => self.try_stmt(nodes, i, kw, inline, ctx),
            Header::Def(def) => (Some(self.def(node, *def, kw, inline, decorators)), i + 1),
            Header::Class { name, base } => {
                let class = self.class(node, (name, base), kw, inline, decorators);
                (Some(class), i + 1)
            }
            Header::Elif(_) | Header::Else | Header::Except { .. } | Header::Finally => {
                let what = header.keyword();
                self.errors.push(
                    Diagnostic::error(
                        kw,
                        format!("'{what}' without a matching statement before it"),
                    )
                    .with_label(orphan_label(what)),
                );
                (None, self.skip_clauses(nodes, i + 1))
            }
        }
    }

    /// The block of a header: its indented block or its inline statements.
    fn body(&mut self, node: &Node, inline: Vec<Stmt>, ctx: Ctx) -> Vec<Stmt> {
        if node.body.is_empty() {
            for s in &inline {
                self.check(check_simple(s, ctx));
            }
            return inline;
        }
        self.block(&node.body, ctx)
    }

    /// An optional `else:` clause at `nodes[j]`.
    fn else_clause(&mut self, nodes: &[Node], j: usize, ctx: Ctx) -> (Vec<Stmt>, usize) {
        if !matches!(self.peek_header(nodes, j), Some(Header::Else)) {
            return (Vec::new(), j);
        }
        let inline = self.take_inline(&nodes[j]);
        (self.body(&nodes[j], inline, ctx), j + 1)
    }

    /// Take a compound line, returning its inline statements.
    fn take_inline(&mut self, node: &Node) -> Vec<Stmt> {
        match self.take(node) {
            Some(Line::Compound { inline, .. }) => inline,
            _ => Vec::new(),
        }
    }

    /// `if` … `elif` … `else`: each `elif` becomes an `If` alone in `orelse`.
    fn if_chain(
        &mut self,
        nodes: &[Node],
        i: usize,
        (test, kw, inline): (Expr, Span, Vec<Stmt>),
        ctx: Ctx,
    ) -> (Option<Stmt>, usize) {
        let mut clauses = vec![(test, kw, self.body(&nodes[i], inline, ctx))];
        let mut j = i + 1;
        while matches!(self.peek_header(nodes, j), Some(Header::Elif(_))) {
            if let Some(Line::Compound {
                header: Header::Elif(test),
                kw,
                inline,
            }) = self.take(&nodes[j])
            {
                clauses.push((test, kw, self.body(&nodes[j], inline, ctx)));
            }
            j += 1;
        }
        let (mut else_body, next) = self.else_clause(nodes, j, ctx);
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
        (result, next)
    }

    fn try_stmt(
        &mut self,
        nodes: &[Node],
        i: usize,
        kw: Span,
        inline: Vec<Stmt>,
        ctx: Ctx,
    ) -> (Option<Stmt>, usize) {
        let body = self.body(&nodes[i], inline, ctx);
        let mut handlers: Vec<ExceptHandler> = Vec::new();
        let mut j = i + 1;
        while matches!(self.peek_header(nodes, j), Some(Header::Except { .. })) {
            if let Some(Line::Compound {
                header: Header::Except { typ, name },
                kw,
                inline,
            }) = self.take(&nodes[j])
            {
                let handler_ctx = Ctx {
                    in_except: true,
                    ..ctx
                };
                let body = self.body(&nodes[j], inline, handler_ctx);
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
        self.check(check_bare_except_last(&handlers));
        let (orelse, after_else) = self.else_clause(nodes, j, ctx);
        let (finalbody, next) = self.finally_clause(nodes, after_else, ctx);
        // A clause line that failed next may have been the handler.
        let failed_next = matches!(self.peek(nodes, next), Some(None));
        let no_handler = next == after_else || after_else != j;
        if handlers.is_empty() && no_handler && !failed_next {
            self.errors.push(
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
        (Some(stmt(kind, span)), next)
    }

    fn finally_clause(&mut self, nodes: &[Node], j: usize, ctx: Ctx) -> (Vec<Stmt>, usize) {
        if !matches!(self.peek_header(nodes, j), Some(Header::Finally)) {
            return (Vec::new(), j);
        }
        let inline = self.take_inline(&nodes[j]);
        (self.body(&nodes[j], inline, ctx), j + 1)
    }

    fn def(
        &mut self,
        node: &Node,
        def: DefHeader,
        kw: Span,
        inline: Vec<Stmt>,
        decorators: Vec<Expr>,
    ) -> Stmt {
        let body_ctx = Ctx {
            in_def: true,
            ..Ctx::MODULE
        };
        let body = self.body(node, inline, body_ctx);
        let span = span_to_end(kw, &[&body]);
        let f = FunctionDef {
            name: def.name,
            params: def.params,
            vararg: def.vararg,
            kwarg: def.kwarg,
            decorators,
            body,
            span,
        };
        stmt(StmtKind::FunctionDef(f), span)
    }

    fn class(
        &mut self,
        node: &Node,
        (name, base): (String, Option<Expr>),
        kw: Span,
        inline: Vec<Stmt>,
        decorators: Vec<Expr>,
    ) -> Stmt {
        if let Some(d) = decorators.first() {
            self.errors.push(refuse(d.span, "class decorators"));
        }
        let body = self.body(node, inline, Ctx::MODULE);
        let span = span_to_end(kw, &[&body]);
        let c = ClassDef {
            name,
            base,
            body,
            span,
        };
        stmt(StmtKind::ClassDef(c), span)
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

/// A bare `except:` must be the last handler.
fn check_bare_except_last(handlers: &[ExceptHandler]) -> DResult<()> {
    match handlers.iter().position(|h| h.typ.is_none()) {
        Some(i) if i + 1 < handlers.len() => Err(Diagnostic::error(
            handlers[i].span,
            "default 'except:' must be last",
        )
        .with_label("this catches everything; later handlers are unreachable")),
        _ => Ok(()),
    }
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
