//! Lowering of the grammar's expression pairs to `ast::Expr`, refusing the
//! constructs rpy does not support at their exact position.

use crate::ast::{BinOp, BoolOpKind, CmpOp, Comprehension, Expr, ExprKind, Keyword, UnaryOp};
use crate::diag::{DResult, Diagnostic};
use crate::grammar::Rule;
use crate::literal;
use crate::span::{SourceFile, Span};
use crate::target::{check_target, Verb};
use pest::iterators::Pair;

/// The deepest expression nesting accepted (keeps every recursive pass over
/// the AST, here and downstream, far from the stack limit).
pub const MAX_EXPR_DEPTH: usize = 200;

pub type P<'i> = Pair<'i, Rule>;

/// Lowers the pairs of one logical line; `base` is the line's offset in
/// the file (pest positions are relative to the line).
pub struct Lower<'a> {
    pub file: &'a SourceFile,
    pub base: usize,
    depth: usize,
}

/// Is `rule` a keyword token (kept out of the lowering's view)?
pub fn is_keyword(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::kw_and
            | Rule::kw_as
            | Rule::kw_assert
            | Rule::kw_async
            | Rule::kw_await
            | Rule::kw_break
            | Rule::kw_class
            | Rule::kw_continue
            | Rule::kw_def
            | Rule::kw_del
            | Rule::kw_elif
            | Rule::kw_else
            | Rule::kw_except
            | Rule::kw_finally
            | Rule::kw_for
            | Rule::kw_from
            | Rule::kw_global
            | Rule::kw_if
            | Rule::kw_import
            | Rule::kw_in
            | Rule::kw_is
            | Rule::kw_lambda
            | Rule::kw_match
            | Rule::kw_nonlocal
            | Rule::kw_not
            | Rule::kw_or
            | Rule::kw_pass
            | Rule::kw_raise
            | Rule::kw_return
            | Rule::kw_try
            | Rule::kw_while
            | Rule::kw_with
            | Rule::kw_yield
    )
}

/// The children of `p` without keyword tokens.
pub fn children(p: P<'_>) -> Vec<P<'_>> {
    p.into_inner()
        .filter(|c| !is_keyword(c.as_rule()))
        .collect()
}

/// Levels of the precedence ladder that only pass their single child on.
fn is_passthrough(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::ternary
            | Rule::or_test
            | Rule::and_test
            | Rule::comparison
            | Rule::expr
            | Rule::xor_expr
            | Rule::and_expr
            | Rule::shift_expr
            | Rule::arith
            | Rule::term
            | Rule::factor
            | Rule::power
            | Rule::primary
            | Rule::arg
    )
}

/// Descend through single-child levels without recursion.
fn skip_passthrough(mut p: P<'_>) -> P<'_> {
    while is_passthrough(p.as_rule()) {
        let mut inner = p.clone().into_inner();
        match (inner.next(), inner.next()) {
            (Some(only), None) => p = only,
            _ => break,
        }
    }
    p
}

/// "`what` is/are not supported in rpy", at `span`.
pub fn refusal(span: Span, what: &str) -> Diagnostic {
    let head = what.split(" (").next().unwrap_or(what);
    let singular = ["**kwargs", "Ellipsis", "async"].contains(&head);
    let verb = if head.ends_with('s') && !singular {
        "are"
    } else {
        "is"
    };
    Diagnostic::error(span, format!("{what} {verb} not supported in rpy"))
        .with_label("not in the rpy dialect")
}

fn expr_node(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

impl<'a> Lower<'a> {
    pub fn new(file: &'a SourceFile, base: usize) -> Lower<'a> {
        Lower {
            file,
            base,
            depth: 0,
        }
    }

    pub fn span(&self, p: &P<'_>) -> Span {
        let s = p.as_span();
        self.file.span(self.base + s.start(), self.base + s.end())
    }

    /// From the start of `lo` to the end of `hi`.
    pub fn span_range(&self, lo: &P<'_>, hi: &P<'_>) -> Span {
        self.file.span(
            self.base + lo.as_span().start(),
            self.base + hi.as_span().end(),
        )
    }

    pub fn err(&self, p: &P<'_>, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.span(p), msg)
    }

    /// "`what` is not supported in rpy", at `p`.
    pub fn refuse(&self, p: &P<'_>, what: &str) -> Diagnostic {
        refusal(self.span(p), what)
    }

    fn too_deep(&self, p: &P<'_>) -> Diagnostic {
        self.err(p, "too deeply nested").with_label(format!(
            "expression nested more than {MAX_EXPR_DEPTH} levels"
        ))
    }

    /// `lambda a, b=1, *rest: body`.
    fn lambda(&mut self, p: P<'_>) -> DResult<ExprKind> {
        let span = self.span(&p);
        let mut params = Vec::new();
        let mut vararg = None;
        let mut kwarg = None;
        let mut body = None;
        let whole = p.clone();
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::kw_lambda => {}
                Rule::lambda_params => {
                    for param in part.into_inner() {
                        self.lambda_param(param, &mut params, [&mut vararg, &mut kwarg])?;
                    }
                }
                _ => body = Some(self.expr(part)?),
            }
        }
        let Some(body) = body else {
            return Err(self.err(&whole, "expected the body of the lambda"));
        };
        let ret = crate::ast::Stmt {
            span: body.span,
            kind: crate::ast::StmtKind::Return(Some(body)),
        };
        Ok(ExprKind::Lambda(std::rc::Rc::new(
            crate::ast::FunctionDef {
                name: "<lambda>".to_string(),
                params,
                vararg,
                kwarg,
                decorators: Vec::new(),
                body: vec![ret],
                span,
            },
        )))
    }

    fn lambda_param(
        &mut self,
        p: P<'_>,
        params: &mut Vec<crate::ast::Param>,
        [vararg, kwarg]: [&mut Option<crate::ast::Param>; 2],
    ) -> DResult<()> {
        let span = self.span(&p);
        let parts: Vec<P<'_>> = p.into_inner().collect();
        let star = |name: P<'_>| crate::ast::Param {
            name: name.as_str().to_string(),
            default: None,
            span,
        };
        match parts.first().map(|q| q.as_rule()) {
            Some(Rule::lambda_kwargs) => {
                *kwarg = parts[0].clone().into_inner().next().map(star);
                Ok(())
            }
            Some(Rule::lambda_star) => match parts[0].clone().into_inner().next() {
                Some(name) => {
                    *vararg = Some(star(name));
                    Ok(())
                }
                None => Err(self.refuse(&parts[0], "keyword-only parameters (a bare *)")),
            },
            _ => {
                let default = match parts.get(1) {
                    Some(d) => Some(self.expr(d.clone())?),
                    None => None,
                };
                params.push(crate::ast::Param {
                    name: parts
                        .first()
                        .map_or_else(String::new, |i| i.as_str().to_string()),
                    default,
                    span,
                });
                Ok(())
            }
        }
    }

    /// Lower any expression-level pair.
    pub fn expr(&mut self, p: P<'_>) -> DResult<Expr> {
        self.depth += 1;
        let result = if self.depth > MAX_EXPR_DEPTH {
            Err(self.too_deep(&p))
        } else {
            self.expr_inner(skip_passthrough(p))
        };
        self.depth -= 1;
        result
    }

    fn expr_inner(&mut self, p: P<'_>) -> DResult<Expr> {
        let span = self.span(&p);
        let kind = match p.as_rule() {
            Rule::testlist | Rule::target_list => return self.tuple_like(p),
            Rule::ternary => return self.ternary(p),
            Rule::lambdef => self.lambda(p)?,
            Rule::or_test => self.boolop(p, BoolOpKind::Or)?,
            Rule::and_test => self.boolop(p, BoolOpKind::And)?,
            Rule::not_expr => self.unary(p, UnaryOp::Not)?,
            Rule::comparison => self.compare(p)?,
            Rule::expr
            | Rule::xor_expr
            | Rule::and_expr
            | Rule::shift_expr
            | Rule::arith
            | Rule::term => return self.binop_chain(p),
            Rule::factor => return self.factor(p),
            Rule::power => return self.power(p),
            Rule::primary => return self.primary(p),
            Rule::paren => return self.paren(p),
            Rule::list => self.list(p)?,
            Rule::brace => self.brace(p)?,
            Rule::strings => ExprKind::Str(self.strings(p)?.into()),
            Rule::number => self.number(&p, false)?,
            Rule::kw_none => ExprKind::None,
            Rule::kw_true => ExprKind::Bool(true),
            Rule::kw_false => ExprKind::Bool(false),
            Rule::ident => ExprKind::Name(p.as_str().to_string()),
            _ => return Err(self.refused_expr(&p)),
        };
        Ok(expr_node(kind, span))
    }

    /// The error for an expression pair rpy refuses (or cannot appear).
    fn refused_expr(&self, p: &P<'_>) -> Diagnostic {
        match p.as_rule() {
            Rule::star_expr => self.refuse(p, "star expressions"),
            Rule::walrus => self.refuse(p, "the walrus operator :="),
            Rule::yield_expr => self.refuse(p, "generators (yield)"),
            Rule::ellipsis => self.refuse(p, "Ellipsis (...)"),
            Rule::star_arg => self.refuse(p, "argument unpacking f(*x)"),
            Rule::dstar_arg => self.refuse(p, "**kwargs"),
            other => self.err(p, format!("invalid syntax (unexpected {other:?})")),
        }
    }

    /// `a, b` (a tuple) or a single expression.
    fn tuple_like(&mut self, p: P<'_>) -> DResult<Expr> {
        let span = self.span(&p);
        let (items, trailing) = split_trailing_comma(p);
        if items.len() == 1 && !trailing {
            return self.expr(items.into_iter().next().expect("one item"));
        }
        let elts = self.exprs(items)?;
        Ok(expr_node(ExprKind::Tuple(elts), span))
    }

    fn exprs(&mut self, items: Vec<P<'_>>) -> DResult<Vec<Expr>> {
        items.into_iter().map(|i| self.expr(i)).collect()
    }

    fn boxed(&mut self, p: P<'_>) -> DResult<Box<Expr>> {
        self.expr(p).map(Box::new)
    }

    fn ternary(&mut self, p: P<'_>) -> DResult<Expr> {
        let span = self.span(&p);
        let mut it = children(p).into_iter();
        let (Some(body), Some(test), Some(orelse)) = (it.next(), it.next(), it.next()) else {
            return Err(Diagnostic::error(span, "invalid conditional expression"));
        };
        let kind = ExprKind::IfExp {
            test: self.boxed(test)?,
            body: self.boxed(body)?,
            orelse: self.boxed(orelse)?,
        };
        Ok(expr_node(kind, span))
    }

    fn boolop(&mut self, p: P<'_>, op: BoolOpKind) -> DResult<ExprKind> {
        let values = self.exprs(children(p))?;
        Ok(ExprKind::BoolOp { op, values })
    }

    fn unary(&mut self, p: P<'_>, op: UnaryOp) -> DResult<ExprKind> {
        let span = self.span(&p);
        let operand = children(p)
            .pop()
            .ok_or_else(|| Diagnostic::error(span, "expected an operand"))?;
        Ok(ExprKind::UnaryOp {
            op,
            operand: self.boxed(operand)?,
        })
    }

    fn compare(&mut self, p: P<'_>) -> DResult<ExprKind> {
        let mut it = p.clone().into_inner();
        let Some(first) = it.next() else {
            return Err(self.err(&p, "expected an expression"));
        };
        let left = self.boxed(first)?;
        let mut ops = Vec::new();
        while let (Some(op), Some(right)) = (it.next(), it.next()) {
            ops.push((cmp_op(&op), self.expr(right)?));
        }
        Ok(ExprKind::Compare { left, ops })
    }

    /// A left-associative chain `a op b op c` (ops are named token rules).
    fn binop_chain(&mut self, p: P<'_>) -> DResult<Expr> {
        let items: Vec<P<'_>> = p.clone().into_inner().collect();
        if self.depth + items.len() / 2 > MAX_EXPR_DEPTH {
            return Err(self.too_deep(&p));
        }
        let mut it = items.into_iter();
        let Some(first) = it.next() else {
            return Err(self.err(&p, "expected an expression"));
        };
        let mut left = self.expr(first)?;
        while let (Some(op), Some(right)) = (it.next(), it.next()) {
            let op = self.bin_op(&op)?;
            let right = self.expr(right)?;
            let span = left.span.to(right.span);
            left = expr_node(
                ExprKind::BinOp {
                    op,
                    left: Box::new(left),
                    right: Box::new(right),
                },
                span,
            );
        }
        Ok(left)
    }

    fn bin_op(&self, op: &P<'_>) -> DResult<BinOp> {
        BinOp::from_symbol(op.as_str())
            .ok_or_else(|| self.refuse(op, "the @ operator (matrix multiplication)"))
    }

    /// `-x`, `+x`, `~x`; `-9223372036854775808` is the literal i64::MIN.
    fn factor(&mut self, p: P<'_>) -> DResult<Expr> {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let (Some(op), Some(operand)) = (it.next(), it.next()) else {
            return Err(Diagnostic::error(span, "expected an operand"));
        };
        let op = match op.as_str() {
            "-" => UnaryOp::Neg,
            "+" => UnaryOp::Pos,
            _ => UnaryOp::Invert,
        };
        let operand = skip_passthrough(operand);
        if op == UnaryOp::Neg && operand.as_rule() == Rule::number {
            return Ok(expr_node(self.number(&operand, true)?, span));
        }
        let operand = self.boxed(operand)?;
        Ok(expr_node(ExprKind::UnaryOp { op, operand }, span))
    }

    /// `[await] primary [** factor]`
    fn power(&mut self, p: P<'_>) -> DResult<Expr> {
        let span = self.span(&p);
        let items: Vec<P<'_>> = p.into_inner().collect();
        if let Some(aw) = items.iter().find(|i| i.as_rule() == Rule::kw_await) {
            return Err(self.refuse(aw, "await"));
        }
        let mut it = items.into_iter();
        let Some(base) = it.next() else {
            return Err(Diagnostic::error(span, "expected an expression"));
        };
        let left = self.boxed(base)?;
        match (it.next(), it.next()) {
            (Some(_), Some(exp)) => {
                let right = self.boxed(exp)?;
                Ok(expr_node(
                    ExprKind::BinOp {
                        op: BinOp::Pow,
                        left,
                        right,
                    },
                    span,
                ))
            }
            _ => Ok(*left),
        }
    }

    /// An atom followed by calls, subscripts and attribute accesses.
    fn primary(&mut self, p: P<'_>) -> DResult<Expr> {
        let items: Vec<P<'_>> = p.clone().into_inner().collect();
        if self.depth + items.len() > MAX_EXPR_DEPTH {
            return Err(self.too_deep(&p));
        }
        let mut it = items.into_iter();
        let Some(atom) = it.next() else {
            return Err(self.err(&p, "expected an expression"));
        };
        let lo = atom.clone();
        let mut value = self.expr(atom)?;
        for trailer in it {
            let span = self.span_range(&lo, &trailer);
            let value_box = Box::new(value);
            let kind = match trailer.as_rule() {
                Rule::call => self.call(value_box, trailer)?,
                Rule::index => self.index(value_box, trailer)?,
                _ => ExprKind::Attribute {
                    value: value_box,
                    attr: trailer
                        .into_inner()
                        .next()
                        .map_or_else(String::new, |i| i.as_str().to_string()),
                },
            };
            value = expr_node(kind, span);
        }
        Ok(value)
    }

    fn call(&mut self, func: Box<Expr>, p: P<'_>) -> DResult<ExprKind> {
        let mut args = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        for a in p.into_inner() {
            match a.as_rule() {
                Rule::kwarg => {
                    let kw = self.keyword(a)?;
                    if keywords.iter().any(|k| k.name == kw.name) {
                        return Err(Diagnostic::error(
                            kw.span,
                            format!("keyword argument repeated: {}", kw.name),
                        ));
                    }
                    keywords.push(kw);
                }
                Rule::arg => {
                    let e = self.arg(a)?;
                    if !keywords.is_empty() {
                        return Err(Diagnostic::error(
                            e.span,
                            "positional argument follows keyword argument",
                        ));
                    }
                    args.push(e);
                }
                _ => return Err(self.refused_expr(&a)),
            }
        }
        Ok(ExprKind::Call {
            func,
            args,
            keywords,
        })
    }

    pub fn keyword(&mut self, p: P<'_>) -> DResult<Keyword> {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let (Some(name), Some(value)) = (it.next(), it.next()) else {
            return Err(Diagnostic::error(span, "expected a keyword argument"));
        };
        Ok(Keyword {
            name: name.as_str().to_string(),
            value: self.expr(value)?,
            span,
        })
    }

    /// A positional argument; refuses generator expressions.
    pub fn arg(&mut self, p: P<'_>) -> DResult<Expr> {
        let items: Vec<P<'_>> = p.clone().into_inner().collect();
        if items.len() > 1 {
            return Err(self.refuse(&p, "generator expressions"));
        }
        match items.into_iter().next() {
            Some(e) => self.expr(e),
            None => Err(self.err(&p, "expected an expression")),
        }
    }

    /// `value[i]`, `value[a:b]`, `value[i, j]`.
    fn index(&mut self, value: Box<Expr>, p: P<'_>) -> DResult<ExprKind> {
        let span = self.span(&p);
        let Some(subs) = p.into_inner().next() else {
            return Err(Diagnostic::error(span, "expected an index"));
        };
        let subs_span = self.span(&subs);
        let (items, trailing) = split_trailing_comma(subs);
        if items.len() == 1 && !trailing {
            let item = items.into_iter().next().expect("one item");
            return self.subscript(value, item);
        }
        let mut elts = Vec::new();
        for item in items {
            let mut parts = item.clone().into_inner();
            match (parts.next(), parts.next()) {
                (Some(e), None) if e.as_rule() != Rule::slice_tail => elts.push(self.expr(e)?),
                _ => return Err(self.refuse(&item, "multi-dimensional slicing")),
            }
        }
        Ok(ExprKind::Subscript {
            value,
            index: Box::new(expr_node(ExprKind::Tuple(elts), subs_span)),
        })
    }

    fn subscript(&mut self, value: Box<Expr>, item: P<'_>) -> DResult<ExprKind> {
        let mut lower = None;
        let mut tail = None;
        for part in item.into_inner() {
            if part.as_rule() == Rule::slice_tail {
                tail = Some(part);
            } else {
                lower = Some(self.boxed(part)?);
            }
        }
        let Some(tail) = tail else {
            let index = lower.ok_or_else(|| Diagnostic::error(value.span, "expected an index"))?;
            return Ok(ExprKind::Subscript { value, index });
        };
        let mut upper = None;
        for part in tail.into_inner() {
            if part.as_rule() == Rule::slice_step {
                if let Some(step) = part.into_inner().next() {
                    return Err(self.refuse(&step, "slice steps"));
                }
            } else {
                upper = Some(self.boxed(part)?);
            }
        }
        Ok(ExprKind::Slice {
            value,
            lower,
            upper,
        })
    }

    /// `()`, `(e)`, `(a, b)`; refuses generator expressions and `(yield)`.
    fn paren(&mut self, p: P<'_>) -> DResult<Expr> {
        let span = self.span(&p);
        let Some(body) = p.clone().into_inner().next() else {
            return Ok(expr_node(ExprKind::Tuple(Vec::new()), span));
        };
        if body.as_rule() != Rule::paren_body {
            return Err(self.refused_expr(&body));
        }
        if has_comp_for(&body) {
            return Err(self.refuse(&p, "generator expressions"));
        }
        let (items, trailing) = split_trailing_comma(body);
        if items.len() == 1 && !trailing {
            return self.expr(items.into_iter().next().expect("one item"));
        }
        Ok(expr_node(ExprKind::Tuple(self.exprs(items)?), span))
    }

    fn list(&mut self, p: P<'_>) -> DResult<ExprKind> {
        let Some(body) = p.into_inner().next() else {
            return Ok(ExprKind::List(Vec::new()));
        };
        if !has_comp_for(&body) {
            return Ok(ExprKind::List(self.exprs(children(body))?));
        }
        let mut it = body.into_inner();
        let elt = match it.next() {
            Some(e) => self.boxed(e)?,
            None => return Ok(ExprKind::List(Vec::new())),
        };
        let generators = it.map(|c| self.comp_for(c)).collect::<DResult<_>>()?;
        Ok(ExprKind::ListComp { elt, generators })
    }

    /// `for target in iter if c1 if c2`
    fn comp_for(&mut self, p: P<'_>) -> DResult<Comprehension> {
        if let Some(a) = p
            .clone()
            .into_inner()
            .find(|c| c.as_rule() == Rule::kw_async)
        {
            return Err(self.refuse(&a, "async"));
        }
        let span = self.span(&p);
        let mut it = children(p).into_iter();
        let (Some(target), Some(iter)) = (it.next(), it.next()) else {
            return Err(Diagnostic::error(span, "invalid comprehension"));
        };
        let target = self.expr(target)?;
        check_target(&target, Verb::Assign)?;
        let iter = self.expr(iter)?;
        let ifs = it
            .map(
                |c| match c.into_inner().find(|i| !is_keyword(i.as_rule())) {
                    Some(cond) => self.expr(cond),
                    None => Err(Diagnostic::error(span, "expected a condition")),
                },
            )
            .collect::<DResult<_>>()?;
        Ok(Comprehension { target, iter, ifs })
    }

    /// Dict displays; refuses sets, dict/set comprehensions and `**d`.
    fn brace(&mut self, p: P<'_>) -> DResult<ExprKind> {
        let Some(body) = p.clone().into_inner().next() else {
            return Ok(ExprKind::Dict(Vec::new()));
        };
        let entries: Vec<P<'_>> = body
            .clone()
            .into_inner()
            .filter(|c| c.as_rule() == Rule::brace_entry)
            .collect();
        let mut pairs = Vec::new();
        for entry in &entries {
            let parts: Vec<P<'_>> = entry.clone().into_inner().collect();
            match parts.as_slice() {
                [k, v] => pairs.push((k.clone(), v.clone())),
                [one] if one.as_rule() == Rule::dstar_arg => {
                    return Err(self.refuse(one, "dict unpacking {**d}"))
                }
                [one] if one.as_rule() == Rule::star_expr => return Err(self.refused_expr(one)),
                _ => return Err(self.refuse(&p, "sets")),
            }
        }
        if has_comp_for(&body) {
            return Err(self.refuse(&p, "dict comprehensions"));
        }
        let mut items = Vec::new();
        for (k, v) in pairs {
            items.push((self.expr(k)?, self.expr(v)?));
        }
        Ok(ExprKind::Dict(items))
    }

    /// Adjacent string literals, concatenated.
    fn strings(&mut self, p: P<'_>) -> DResult<Vec<u8>> {
        let mut out = Vec::new();
        for s in p.into_inner() {
            let mut prefix = "";
            let mut body = "";
            for part in s.clone().into_inner() {
                match part.as_rule() {
                    Rule::str_prefix => prefix = part.as_str(),
                    _ => body = part.as_str(),
                }
            }
            let kind = literal::str_kind(prefix).map_err(|m| self.err(&s, m))?;
            let bytes = literal::string_value(body, kind).map_err(|m| self.err(&s, m))?;
            out.extend_from_slice(&bytes);
        }
        Ok(out)
    }

    /// An int or float literal; `negated` accepts 2**63 (as i64::MIN).
    fn number(&self, p: &P<'_>, negated: bool) -> DResult<ExprKind> {
        let mut kind = None;
        for part in p.clone().into_inner() {
            match part.as_rule() {
                Rule::imag => return Err(self.refuse(p, "complex numbers")),
                Rule::float_num => {
                    let v = literal::float_value(part.as_str()).map_err(|m| self.err(p, m))?;
                    kind = Some(ExprKind::Float(if negated { -v } else { v }));
                }
                _ => kind = Some(self.int(p, part.as_str(), negated)?),
            }
        }
        kind.ok_or_else(|| self.err(p, "invalid number"))
    }

    fn int(&self, p: &P<'_>, text: &str, negated: bool) -> DResult<ExprKind> {
        let v = literal::int_value(text).map_err(|m| self.err(p, m))?;
        let limit = if negated {
            1u128 << 63
        } else {
            i64::MAX as u128
        };
        if v > limit {
            return Err(self
                .err(p, literal::TOO_LARGE)
                .with_label("this does not fit in 64 bits"));
        }
        let v = v as i128;
        Ok(ExprKind::Int(if negated { (-v) as i64 } else { v as i64 }))
    }
}

fn has_comp_for(p: &P<'_>) -> bool {
    p.clone()
        .into_inner()
        .any(|c| c.as_rule() == Rule::comp_for)
}

/// The items of a comma-separated pair, and whether a trailing comma ends it.
fn split_trailing_comma(p: P<'_>) -> (Vec<P<'_>>, bool) {
    let mut trailing = false;
    let items = p
        .into_inner()
        .filter(|c| {
            let t = c.as_rule() == Rule::trailing_comma;
            trailing |= t;
            !t
        })
        .collect();
    (items, trailing)
}

fn cmp_op(op: &P<'_>) -> CmpOp {
    match op.clone().into_inner().next().map(|i| i.as_rule()) {
        Some(Rule::not_in) => CmpOp::NotIn,
        Some(Rule::is_not) => CmpOp::IsNot,
        Some(Rule::kw_in) => CmpOp::In,
        Some(Rule::kw_is) => CmpOp::Is,
        _ => match op.as_str() {
            "==" => CmpOp::Eq,
            "!=" => CmpOp::NotEq,
            "<=" => CmpOp::LtE,
            ">=" => CmpOp::GtE,
            "<" => CmpOp::Lt,
            _ => CmpOp::Gt,
        },
    }
}
