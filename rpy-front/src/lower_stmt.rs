//! Lowering of one parsed logical line: simple statements, a compound
//! statement's header (its block is attached later by `parse.rs`), or a
//! decorator.

use crate::ast::{BinOp, Expr, ExprKind, ImportName, Param, Stmt, StmtKind};
use crate::diag::{DResult, Diagnostic};
use crate::grammar::Rule;
use crate::lower_expr::{children, refusal, Lower, P};
use crate::span::Span;
use crate::target::{check_target, Verb};

/// One logical line, lowered.
#[derive(Debug)]
pub enum Line {
    Simple(Vec<Stmt>),
    Compound {
        header: Header,
        /// The header's keyword (`if`, `def`, ...).
        kw: Span,
        /// Statements after the colon on the same line (`if x: return 1`).
        inline: Vec<Stmt>,
    },
    Decorator(Expr),
}

/// A compound statement's header.
#[derive(Debug)]
pub enum Header {
    If(Expr),
    Elif(Expr),
    Else,
    While(Expr),
    For {
        target: Expr,
        iter: Expr,
    },
    Try,
    Except {
        typ: Option<Expr>,
        name: Option<String>,
    },
    Finally,
    Def(Box<DefHeader>),
    Class {
        name: String,
        base: Option<Expr>,
    },
}

#[derive(Debug)]
pub struct DefHeader {
    pub name: String,
    pub name_span: Span,
    pub params: Vec<Param>,
    /// `*args`, with its span (only `target(*args)` may have one).
    pub vararg: Option<Param>,
    pub kwarg: Option<Param>,
}

impl Header {
    /// The keyword that introduces it, for messages.
    pub fn keyword(&self) -> &'static str {
        match self {
            Header::If(_) => "if",
            Header::Elif(_) => "elif",
            Header::Else => "else",
            Header::While(_) => "while",
            Header::For { .. } => "for",
            Header::Try => "try",
            Header::Except { .. } => "except",
            Header::Finally => "finally",
            Header::Def(_) => "def",
            Header::Class { .. } => "class",
        }
    }
}

/// Hard keywords of statements rpy refuses, checked at the start of a line
/// before parsing (so that every form of them gets the same clear error).
const REFUSED_LEADING: [&str; 2] = ["with", "async"];

/// The refusal for a line starting with `with` or `async`, if it does.
pub fn refused_leading_keyword(lower: &Lower<'_>, text: &str) -> Option<Diagnostic> {
    let word_len = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    let word = &text[..word_len];
    let kw = REFUSED_LEADING.iter().find(|kw| **kw == word)?;
    Some(refusal(
        lower.file.span(lower.base, lower.base + word_len),
        kw,
    ))
}

impl Lower<'_> {
    /// Lower a pair of rule `line`.
    pub fn line(&mut self, p: P<'_>) -> DResult<Line> {
        let Some(first) = p.clone().into_inner().next() else {
            return Err(self.err(&p, "invalid syntax"));
        };
        match first.as_rule() {
            Rule::decorator => {
                let e = children(first)
                    .into_iter()
                    .next()
                    .map(|d| self.expr(d))
                    .transpose()?;
                e.map(Line::Decorator)
                    .ok_or_else(|| self.err(&p, "expected a decorator"))
            }
            Rule::compound => self.compound(first),
            _ => Ok(Line::Simple(self.simple_stmts(first)?)),
        }
    }

    fn compound(&mut self, p: P<'_>) -> DResult<Line> {
        let mut it = p.clone().into_inner();
        let Some(h) = it.next() else {
            return Err(self.err(&p, "invalid syntax"));
        };
        let kw_pair = h.clone().into_inner().next().unwrap_or_else(|| h.clone());
        let kw = self.span(&kw_pair);
        let header = self.header(h)?;
        let inline = match it.next() {
            Some(s) if s.as_rule() == Rule::inline_compound => {
                let kw = s.clone().into_inner().next().unwrap_or(s);
                return Err(self
                    .err(
                        &kw,
                        "a compound statement cannot follow ':' on the same line",
                    )
                    .with_label("start it on a new, indented line"));
            }
            Some(s) => self.simple_stmts(s)?,
            None => Vec::new(),
        };
        Ok(Line::Compound { header, kw, inline })
    }

    fn header(&mut self, h: P<'_>) -> DResult<Header> {
        let rule = h.as_rule();
        let span = self.span(&h);
        let mut parts = children(h.clone()).into_iter();
        let mut next_expr = |this: &mut Self| match parts.next() {
            Some(e) => this.expr(e),
            None => Err(Diagnostic::error(span, "expected an expression")),
        };
        Ok(match rule {
            Rule::if_header => Header::If(next_expr(self)?),
            Rule::elif_header => Header::Elif(next_expr(self)?),
            Rule::while_header => Header::While(next_expr(self)?),
            Rule::else_header => Header::Else,
            Rule::try_header => Header::Try,
            Rule::finally_header => Header::Finally,
            Rule::for_header => {
                let target = next_expr(self)?;
                check_target(&target, Verb::Assign)?;
                let iter = next_expr(self)?;
                Header::For { target, iter }
            }
            Rule::except_header => self.except_header(h)?,
            Rule::def_header => Header::Def(Box::new(self.def_header(h)?)),
            Rule::class_header => self.class_header(h)?,
            _ => return Err(self.refuse(&h, "match statements")),
        })
    }

    fn except_header(&mut self, h: P<'_>) -> DResult<Header> {
        let mut typ = None;
        let mut name = None;
        for part in children(h) {
            match part.as_rule() {
                Rule::except_star => return Err(self.refuse(&part, "except*")),
                Rule::ident if typ.is_some() => name = Some(part.as_str().to_string()),
                _ => typ = Some(self.expr(part)?),
            }
        }
        Ok(Header::Except { typ, name })
    }

    fn def_header(&mut self, h: P<'_>) -> DResult<DefHeader> {
        let mut def = DefHeader {
            name: String::new(),
            name_span: self.span(&h),
            params: Vec::new(),
            vararg: None,
            kwarg: None,
        };
        for part in children(h) {
            match part.as_rule() {
                Rule::ident => {
                    def.name = part.as_str().to_string();
                    def.name_span = self.span(&part);
                }
                Rule::params => self.params(part, &mut def)?,
                _ => return Err(self.refuse(&part, "type annotations")),
            }
        }
        Ok(def)
    }

    fn params(&mut self, p: P<'_>, def: &mut DefHeader) -> DResult<()> {
        for item in p.into_inner() {
            if let Some(kw) = &def.kwarg {
                return Err(Diagnostic::error(
                    self.span(&item),
                    "invalid syntax: no parameter may follow **kwargs",
                )
                .with_label(format!("after the **{} here", kw.name)));
            }
            if let (Some(star), Rule::param) = (&def.vararg, item.as_rule()) {
                return Err(Diagnostic::error(
                    self.span(&item),
                    "keyword-only parameters (after *args) are not supported in rpy",
                )
                .with_label(format!("after the *{} here", star.name)));
            }
            match item.as_rule() {
                Rule::param => {
                    let param = self.param(item)?;
                    if def.params.iter().any(|q| q.name == param.name) {
                        return Err(Diagnostic::error(
                            param.span,
                            format!("duplicate argument '{}' in function definition", param.name),
                        ));
                    }
                    if param.default.is_none() && def.params.iter().any(|q| q.default.is_some()) {
                        return Err(Diagnostic::error(
                            param.span,
                            "parameter without a default follows parameter with a default",
                        ));
                    }
                    def.params.push(param);
                }
                Rule::param_star => {
                    let parts = children(item.clone());
                    match parts.as_slice() {
                        [name] => def.vararg = Some(self.star_param(name, &item)),
                        [] => return Err(self.refuse(&item, "keyword-only parameters (a bare *)")),
                        _ => return Err(self.refuse(&parts[1], "type annotations")),
                    }
                }
                Rule::param_kwargs => match children(item.clone()).as_slice() {
                    [name] => def.kwarg = Some(self.star_param(name, &item)),
                    _ => return Err(self.refuse(&item, "type annotations")),
                },
                _ => return Err(self.refuse(&item, "positional-only parameters (/)")),
            }
        }
        Ok(())
    }

    /// The `args` of `*args` (or `**args`), spanning the whole item.
    fn star_param(&self, name: &P<'_>, item: &P<'_>) -> Param {
        Param {
            name: name.as_str().to_string(),
            default: None,
            span: self.span(item),
        }
    }

    fn param(&mut self, p: P<'_>) -> DResult<Param> {
        let span = self.span(&p);
        let mut name = String::new();
        let mut default = None;
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::ident => name = part.as_str().to_string(),
                Rule::param_default => {
                    let Some(value) = part.clone().into_inner().next() else {
                        return Err(self.err(&part, "expected a default value"));
                    };
                    let e = self.expr(value)?;
                    default = Some(e);
                }
                _ => return Err(self.refuse(&part, "type annotations")),
            }
        }
        Ok(Param {
            name,
            default,
            span,
        })
    }

    fn class_header(&mut self, h: P<'_>) -> DResult<Header> {
        let mut name = String::new();
        let mut base = None;
        for part in children(h) {
            match part.as_rule() {
                Rule::ident => name = part.as_str().to_string(),
                Rule::arg if base.is_some() => {
                    return Err(self.refuse(&part, "multiple inheritance"))
                }
                Rule::arg => base = Some(self.arg(part)?),
                Rule::kwarg => {
                    return Err(self.refuse(&part, "class keyword arguments (metaclass=...)"))
                }
                _ => return Err(self.refuse(&part, "unpacking in class bases")),
            }
        }
        Ok(Header::Class { name, base })
    }

    fn simple_stmts(&mut self, p: P<'_>) -> DResult<Vec<Stmt>> {
        p.into_inner().map(|s| self.simple_stmt(s)).collect()
    }

    fn simple_stmt(&mut self, p: P<'_>) -> DResult<Stmt> {
        let span = self.span(&p);
        let kind = match p.as_rule() {
            Rule::pass_stmt => StmtKind::Pass,
            Rule::break_stmt => StmtKind::Break,
            Rule::continue_stmt => StmtKind::Continue,
            Rule::return_stmt => StmtKind::Return(self.opt_expr(p)?),
            Rule::raise_stmt => self.raise(p)?,
            Rule::del_stmt => self.del(p)?,
            Rule::assert_stmt => {
                let mut it = children(p).into_iter();
                let test = match it.next() {
                    Some(t) => self.expr(t)?,
                    None => return Err(Diagnostic::error(span, "expected an expression")),
                };
                let msg = it.next().map(|m| self.expr(m)).transpose()?;
                StmtKind::Assert { test, msg }
            }
            Rule::import_name => StmtKind::Import(self.import_names(p)),
            Rule::import_from => self.import_from(p)?,
            Rule::global_stmt => StmtKind::Global(
                p.into_inner()
                    .filter(|i| i.as_rule() == Rule::ident)
                    .map(|i| i.as_str().to_string())
                    .collect(),
            ),
            Rule::nonlocal_stmt => return Err(self.refuse(&p, "nonlocal")),
            _ => self.expr_stmt(p)?,
        };
        Ok(Stmt { kind, span })
    }

    fn opt_expr(&mut self, p: P<'_>) -> DResult<Option<Expr>> {
        children(p)
            .into_iter()
            .next()
            .map(|e| self.expr(e))
            .transpose()
    }

    fn raise(&mut self, p: P<'_>) -> DResult<StmtKind> {
        let mut it = children(p).into_iter();
        let exc = it.next().map(|e| self.expr(e)).transpose()?;
        if let Some(from) = it.next() {
            return Err(self.refuse(&from, "raise ... from"));
        }
        Ok(StmtKind::Raise(exc))
    }

    fn del(&mut self, p: P<'_>) -> DResult<StmtKind> {
        let Some(targets) = children(p.clone()).into_iter().next() else {
            return Err(self.err(&p, "expected a target"));
        };
        // `del a[1], b[2]`: a target list, not a tuple target.
        let is_list = targets.clone().into_inner().count() > 1;
        let e = self.expr(targets)?;
        let targets = match e.kind {
            ExprKind::Tuple(elts) if is_list => elts,
            kind => vec![Expr { kind, span: e.span }],
        };
        for t in &targets {
            check_target(t, Verb::Delete)?;
        }
        Ok(StmtKind::Del(targets))
    }

    fn import_names(&mut self, p: P<'_>) -> Vec<ImportName> {
        children(p)
            .into_iter()
            .map(|item| {
                let span = self.span(&item);
                let parts = children(item);
                ImportName {
                    name: parts.first().map(dotted).unwrap_or_default(),
                    asname: parts.get(1).map(|a| a.as_str().to_string()),
                    span,
                }
            })
            .collect()
    }

    fn import_from(&mut self, p: P<'_>) -> DResult<StmtKind> {
        let mut module = String::new();
        let mut names = Vec::new();
        for part in children(p) {
            match part.as_rule() {
                Rule::relative_dots => return Err(self.refuse(&part, "relative imports")),
                Rule::import_star => names.push(ImportName {
                    name: "*".to_string(),
                    asname: None,
                    span: self.span(&part),
                }),
                Rule::dotted_name => module = dotted(&part),
                _ => {
                    let span = self.span(&part);
                    let idents = children(part);
                    names.push(ImportName {
                        name: idents
                            .first()
                            .map_or_else(String::new, |i| i.as_str().to_string()),
                        asname: idents.get(1).map(|a| a.as_str().to_string()),
                        span,
                    });
                }
            }
        }
        Ok(StmtKind::ImportFrom { module, names })
    }

    fn expr_stmt(&mut self, p: P<'_>) -> DResult<StmtKind> {
        let mut it = p.clone().into_inner();
        let Some(first) = it.next() else {
            return Err(self.err(&p, "expected an expression"));
        };
        let first = self.expr(first)?;
        let rest: Vec<P<'_>> = it.collect();
        match rest.first().map(|r| r.as_rule()) {
            None => Ok(StmtKind::Expr(first)),
            Some(Rule::annassign) => Err(self.refuse(&rest[0], "type annotations")),
            Some(Rule::augassign) => self.augassign(first, rest[0].clone()),
            _ => self.assign(first, rest),
        }
    }

    fn augassign(&mut self, target: Expr, p: P<'_>) -> DResult<StmtKind> {
        check_target(&target, Verb::AugAssign)?;
        let mut it = p.into_inner();
        let (Some(op), Some(value)) = (it.next(), it.next()) else {
            return Err(Diagnostic::error(target.span, "expected a value"));
        };
        let op = aug_op(&op)
            .ok_or_else(|| self.refuse(&op, "the @= operator (matrix multiplication)"))?;
        Ok(StmtKind::AugAssign {
            target,
            op,
            value: self.expr(value)?,
        })
    }

    /// `t1 = t2 = value`: every part but the last is a target.
    fn assign(&mut self, first: Expr, tails: Vec<P<'_>>) -> DResult<StmtKind> {
        let mut exprs = vec![first];
        for tail in tails {
            match tail.clone().into_inner().next() {
                Some(e) => exprs.push(self.expr(e)?),
                None => return Err(self.err(&tail, "expected an expression")),
            }
        }
        let value = exprs.pop().expect("at least one expression");
        for t in &exprs {
            check_target(t, Verb::Assign)?;
        }
        Ok(StmtKind::Assign {
            targets: exprs,
            value,
        })
    }
}

/// `a.b.c` as one string.
fn dotted(p: &P<'_>) -> String {
    p.clone()
        .into_inner()
        .map(|i| i.as_str())
        .collect::<Vec<_>>()
        .join(".")
}

fn aug_op(op: &P<'_>) -> Option<BinOp> {
    BinOp::from_symbol(op.as_str().trim_end_matches('='))
}
