//! Import-time expressions: names (Python's scoping), operators by the
//! semantics' arithmetic, comparisons, items and slices.

use super::exec::Scope;
use super::value::{hashable, py_eq, Frame, HostFn, Key, Obj};
use super::{Loader, R};
use crate::ast::{BinOp, BoolOpKind, CmpOp, Comprehension, Expr, ExprKind, UnaryOp};
use crate::program::{builtin_class as bc, Builtin, ClassId};
use crate::span::Span;
use rpy_semantics::{float, int, seq};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

impl Loader {
    pub fn eval(&self, e: &Expr, scope: &Scope) -> R<Obj> {
        let span = e.span;
        Ok(match &e.kind {
            ExprKind::Int(i) => Obj::Int(*i),
            ExprKind::Float(f) => Obj::Float(*f),
            ExprKind::Str(s) => Obj::Str(s.clone()),
            ExprKind::Bool(b) => Obj::Bool(*b),
            ExprKind::None => Obj::None,
            ExprKind::Name(n) => self.name(n, span, scope)?,
            ExprKind::BinOp { op, left, right } => {
                let l = self.eval(left, scope)?;
                let r = self.eval(right, scope)?;
                self.binop(*op, &l, &r, span)?
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = self.eval(operand, scope)?;
                self.unary(*op, v, span)?
            }
            ExprKind::BoolOp { op, values } => self.bool_op(*op, values, scope)?,
            ExprKind::Compare { left, ops } => self.compare_chain(left, ops, scope)?,
            ExprKind::IfExp { test, body, orelse } => {
                let t = self.eval(test, scope)?;
                let branch = if self.truth(&t, test.span)? {
                    body
                } else {
                    orelse
                };
                self.eval(branch, scope)?
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                let f = self.eval(func, scope)?;
                if let (Obj::Builtin(Builtin::OvfCheck), [arg], []) = (&f, &args[..], &keywords[..])
                {
                    if let Some(v) = self.ovfcheck_call(arg, scope)? {
                        return Ok(v);
                    }
                }
                let args = args
                    .iter()
                    .map(|a| self.eval(a, scope))
                    .collect::<R<Vec<_>>>()?;
                let kwargs = keywords
                    .iter()
                    .map(|k| Ok((k.name.clone(), self.eval(&k.value, scope)?, k.value.span)))
                    .collect::<R<Vec<_>>>()?;
                if let Obj::Builtin(Builtin::JitDriver) = f {
                    return self.make_driver(&args, kwargs, span);
                }
                let kwargs = kwargs.into_iter().map(|(k, v, _)| (k, v)).collect();
                self.call_in(&f, args, kwargs, span, scope)?
            }
            ExprKind::Attribute { value, attr } => {
                let v = self.eval(value, scope)?;
                self.get_attr(&v, attr, span)?
            }
            ExprKind::Subscript { value, index } => {
                let v = self.eval(value, scope)?;
                let i = self.eval(index, scope)?;
                self.get_item(&v, &i, span)?
            }
            ExprKind::Slice {
                value,
                lower,
                upper,
            } => {
                let v = self.eval(value, scope)?;
                let (lo, hi) = self.slice_bounds(lower, upper, scope)?;
                self.slice(&v, lo, hi, span)?
            }
            ExprKind::List(items) => Obj::list(self.eval_all(items, scope)?),
            ExprKind::Tuple(items) => Obj::tuple(self.eval_all(items, scope)?),
            ExprKind::Dict(pairs) => {
                let d = Obj::Dict(Default::default());
                for (k, v) in pairs {
                    let k = self.eval(k, scope)?;
                    let v = self.eval(v, scope)?;
                    self.set_item(&d, k, v, span)?;
                }
                d
            }
            ExprKind::ListComp { elt, generators } => self.list_comp(elt, generators, scope)?,
            ExprKind::Lambda(def) => self.make_function(def, scope)?,
        })
    }

    fn eval_all(&self, items: &[Expr], scope: &Scope) -> R<Vec<Obj>> {
        items.iter().map(|i| self.eval(i, scope)).collect()
    }

    /// What a name means in the scope: Python's rule (local, enclosing
    /// functions, module, builtins).
    pub fn name(&self, n: &str, span: Span, scope: &Scope) -> R<Obj> {
        let outer = match scope {
            Scope::Module(_) => None,
            Scope::Func(f) => {
                if f.locals.contains(n) {
                    return match f.vars.borrow().get(n) {
                        Some(v) => Ok(v.clone()),
                        None => self.raise(
                            bc::UNBOUND_LOCAL_ERROR,
                            format!("local variable '{n}' referenced before assignment"),
                            span,
                        ),
                    };
                }
                f.parent.clone()
            }
            Scope::Class { dict, outer, .. } => {
                if let Some(v) = dict.borrow().get(n) {
                    return Ok(v.clone());
                }
                outer.clone()
            }
        };
        let mut frame = outer;
        while let Some(f) = frame {
            if f.locals.contains(n) {
                return match f.vars.borrow().get(n) {
                    Some(v) => Ok(v.clone()),
                    None => self.raise(
                        bc::NAME_ERROR,
                        format!(
                            "free variable '{n}' referenced before assignment in enclosing scope"
                        ),
                        span,
                    ),
                };
            }
            frame = f.parent.clone();
        }
        if let Some(v) = scope.module().get(n) {
            return Ok(v);
        }
        match self.builtin(n) {
            Some(v) => Ok(v),
            None => self.raise(bc::NAME_ERROR, format!("name '{n}' is not defined"), span),
        }
    }

    /// A name of the builtins module.
    fn builtin(&self, n: &str) -> Option<Obj> {
        if let Some(i) = rpy_semantics::exc::by_name(n) {
            return Some(Obj::Class(self.builtin_class(ClassId(i))));
        }
        if let Some(b) = Builtin::lookup(Builtin::PYTHON, n) {
            return Some(Obj::Builtin(b));
        }
        HostFn::lookup(n).map(Obj::Host)
    }

    /// Python truthiness.
    pub fn truth(&self, v: &Obj, span: Span) -> R<bool> {
        Ok(match v {
            Obj::None => false,
            Obj::Bool(b) => *b,
            Obj::Int(i) => *i != 0,
            Obj::UInt(u) => *u != 0,
            Obj::Float(f) => *f != 0.0,
            Obj::Str(s) => !s.is_empty(),
            Obj::Tuple(t) => !t.is_empty(),
            Obj::List(l) => !l.borrow().is_empty(),
            Obj::Dict(d) => !d.borrow().is_empty(),
            Obj::Instance(i) => match i.class.lookup("__len__") {
                Some(_) => {
                    let n = self.call_method(v, "__len__", vec![], span)?;
                    self.truth(&n, span)?
                }
                None => true,
            },
            _ => true,
        })
    }

    fn bool_op(&self, op: BoolOpKind, values: &[Expr], scope: &Scope) -> R<Obj> {
        let mut last = Obj::None;
        for v in values {
            last = self.eval(v, scope)?;
            let t = self.truth(&last, v.span)?;
            if t == (op == BoolOpKind::Or) {
                return Ok(last);
            }
        }
        Ok(last)
    }

    pub(super) fn unary(&self, op: UnaryOp, v: Obj, span: Span) -> R<Obj> {
        Ok(match (op, &v) {
            (UnaryOp::Not, _) => Obj::Bool(!self.truth(&v, span)?),
            (_, Obj::UInt(u)) => match self.uint_unary(op, *u) {
                Some(r) => r,
                None => unreachable!("not is handled above"),
            },
            (UnaryOp::Neg, Obj::Float(f)) => Obj::Float(-f),
            (UnaryOp::Pos, Obj::Float(_)) => v,
            (UnaryOp::Neg, _) if v.as_int().is_some() => {
                Obj::Int(v.as_int().unwrap_or(0).wrapping_neg())
            }
            (UnaryOp::Pos, _) if v.as_int().is_some() => Obj::Int(v.as_int().unwrap_or(0)),
            (UnaryOp::Invert, _) if v.as_int().is_some() => Obj::Int(!v.as_int().unwrap_or(0)),
            _ => {
                return self.type_error(
                    format!("bad operand type for unary operator: '{}'", v.type_name()),
                    span,
                )
            }
        })
    }

    /// `a op b` with Python's meaning (ints are 64-bit, as in the dialect).
    pub fn binop(&self, op: BinOp, a: &Obj, b: &Obj, span: Span) -> R<Obj> {
        if let Some(r) = self.seq_binop(op, a, b, span)? {
            return Ok(r);
        }
        if let Some(r) = self.uint_binop(op, a, b, span)? {
            return Ok(r);
        }
        if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
            return self.int_binop(op, x, y, span);
        }
        if let (Some(x), Some(y)) = (a.as_f64(), b.as_f64()) {
            let r = match op {
                BinOp::Add => Ok(x + y),
                BinOp::Sub => Ok(x - y),
                BinOp::Mul => Ok(x * y),
                BinOp::Div => float::truediv(x, y),
                BinOp::FloorDiv => float::floordiv(x, y),
                BinOp::Mod => float::modulo(x, y),
                BinOp::Pow => float::pow(x, y),
                _ => return self.unsupported(op, a, b, span),
            };
            return r.map(Obj::Float).or_else(|e| self.raise_error(e, span));
        }
        self.unsupported(op, a, b, span)
    }

    fn unsupported<T>(&self, op: BinOp, a: &Obj, b: &Obj, span: Span) -> R<T> {
        self.type_error(
            format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                op.symbol(),
                a.type_name(),
                b.type_name()
            ),
            span,
        )
    }

    fn int_binop(&self, op: BinOp, a: i64, b: i64, span: Span) -> R<Obj> {
        let r = match op {
            BinOp::Add => Ok(a.wrapping_add(b)),
            BinOp::Sub => Ok(a.wrapping_sub(b)),
            BinOp::Mul => Ok(a.wrapping_mul(b)),
            BinOp::FloorDiv => int::floordiv(a, b),
            BinOp::Mod => int::modulo(a, b),
            // Python: an int to a negative power is a float.
            BinOp::Pow if b < 0 => {
                return self.binop(op, &Obj::Float(a as f64), &Obj::Int(b), span)
            }
            BinOp::Pow => int::pow(a, b),
            BinOp::LShift => int::lshift(a, b),
            BinOp::RShift => int::rshift(a, b),
            BinOp::BitAnd => Ok(a & b),
            BinOp::BitOr => Ok(a | b),
            BinOp::BitXor => Ok(a ^ b),
            BinOp::Div => {
                return float::truediv(a as f64, b as f64)
                    .map(Obj::Float)
                    .or_else(|e| self.raise_error(e, span))
            }
        };
        r.map(Obj::Int).or_else(|e| self.raise_error(e, span))
    }

    /// Concatenation and repetition of strs, tuples and lists.
    fn seq_binop(&self, op: BinOp, a: &Obj, b: &Obj, span: Span) -> R<Option<Obj>> {
        let times = |n: i64| n.max(0) as usize;
        Ok(Some(match (op, a, b) {
            (BinOp::Add, Obj::Str(x), Obj::Str(y)) => Obj::str(&[&x[..], &y[..]].concat()),
            (BinOp::Add, Obj::Tuple(x), Obj::Tuple(y)) => Obj::tuple([&x[..], &y[..]].concat()),
            (BinOp::Add, Obj::List(x), Obj::List(y)) => {
                Obj::list([&x.borrow()[..], &y.borrow()[..]].concat())
            }
            (BinOp::Mul, Obj::Str(s), n) | (BinOp::Mul, n, Obj::Str(s)) if n.as_int().is_some() => {
                Obj::str(&s.repeat(times(n.as_int().unwrap_or(0))))
            }
            (BinOp::Mul, Obj::Tuple(t), n) | (BinOp::Mul, n, Obj::Tuple(t))
                if n.as_int().is_some() =>
            {
                Obj::tuple(repeat(t, times(n.as_int().unwrap_or(0))))
            }
            (BinOp::Mul, Obj::List(l), n) | (BinOp::Mul, n, Obj::List(l))
                if n.as_int().is_some() =>
            {
                Obj::list(repeat(&l.borrow(), times(n.as_int().unwrap_or(0))))
            }
            (BinOp::Mod, Obj::Str(fmt), x) => match crate::percent::format(self, fmt, x) {
                Ok(s) => s,
                Err(e) => return self.raise_error(e, span),
            },
            _ => return Ok(None),
        }))
    }

    fn compare_chain(&self, left: &Expr, ops: &[(CmpOp, Expr)], scope: &Scope) -> R<Obj> {
        let mut l = self.eval(left, scope)?;
        for (op, right) in ops {
            let r = self.eval(right, scope)?;
            if !self.compare(*op, &l, &r, right.span)? {
                return Ok(Obj::Bool(false));
            }
            l = r;
        }
        Ok(Obj::Bool(true))
    }

    pub fn compare(&self, op: CmpOp, a: &Obj, b: &Obj, span: Span) -> R<bool> {
        use std::cmp::Ordering::*;
        Ok(match op {
            CmpOp::Eq => py_eq(a, b),
            CmpOp::NotEq => !py_eq(a, b),
            CmpOp::Is => a.is(b),
            CmpOp::IsNot => !a.is(b),
            CmpOp::In => self.contains(b, a, span)?,
            CmpOp::NotIn => !self.contains(b, a, span)?,
            CmpOp::Lt => self.order(a, b, span)? == Less,
            CmpOp::LtE => self.order(a, b, span)? != Greater,
            CmpOp::Gt => self.order(a, b, span)? == Greater,
            CmpOp::GtE => self.order(a, b, span)? != Less,
        })
    }

    /// The order of two comparable values (numbers, strs, tuples, lists).
    pub fn order(&self, a: &Obj, b: &Obj, span: Span) -> R<std::cmp::Ordering> {
        use std::cmp::Ordering;
        let seq_order = |x: &[Obj], y: &[Obj]| -> R<Ordering> {
            for (p, q) in x.iter().zip(y) {
                if !py_eq(p, q) {
                    return self.order(p, q, span);
                }
            }
            Ok(x.len().cmp(&y.len()))
        };
        match (a, b) {
            (Obj::Str(x), Obj::Str(y)) => Ok(x.cmp(y)),
            (Obj::Tuple(x), Obj::Tuple(y)) => seq_order(x, y),
            (Obj::List(x), Obj::List(y)) => seq_order(&x.borrow().clone(), &y.borrow().clone()),
            _ => match (a.as_i128(), b.as_i128(), a.as_f64(), b.as_f64()) {
                (Some(x), Some(y), _, _) => Ok(x.cmp(&y)),
                (_, _, Some(x), Some(y)) => Ok(x.partial_cmp(&y).unwrap_or(Ordering::Equal)),
                _ => self.type_error(
                    format!(
                        "'<' not supported between instances of '{}' and '{}'",
                        a.type_name(),
                        b.type_name()
                    ),
                    span,
                ),
            },
        }
    }

    /// `x in container`.
    fn contains(&self, container: &Obj, x: &Obj, span: Span) -> R<bool> {
        Ok(match container {
            Obj::Str(s) => match x {
                Obj::Str(sub) => rpy_semantics::text::find(s, sub).is_some(),
                _ => return self.type_error("'in <string>' requires string as left operand", span),
            },
            Obj::Dict(d) => hashable(x) && d.borrow().contains_key(&Key(x.clone())),
            Obj::Instance(_) => {
                let r = self.call_method(container, "__contains__", vec![x.clone()], span)?;
                self.truth(&r, span)?
            }
            other => self.items(other, span)?.iter().any(|i| py_eq(i, x)),
        })
    }

    /// `v[i]`.
    pub fn get_item(&self, v: &Obj, i: &Obj, span: Span) -> R<Obj> {
        match v {
            Obj::Dict(d) => {
                self.check_hashable(i, span)?;
                match d.borrow().get(&Key(i.clone())) {
                    Some(x) => Ok(x.clone()),
                    None => self.raise(bc::KEY_ERROR, self.repr(i), span),
                }
            }
            Obj::Instance(_) => self.call_method(v, "__getitem__", vec![i.clone()], span),
            _ => {
                let Some(n) = i.as_int() else {
                    return self
                        .type_error(format!("{} indices must be integers", v.type_name()), span);
                };
                let item = |len: usize| seq::index(n, len as i64);
                let (got, error) = match v {
                    Obj::List(l) => {
                        let l = l.borrow();
                        (
                            item(l.len()).map(|k| l[k].clone()),
                            rpy_semantics::Error::ListIndexOutOfRange,
                        )
                    }
                    Obj::Tuple(t) => (
                        item(t.len()).map(|k| t[k].clone()),
                        rpy_semantics::Error::TupleIndexOutOfRange,
                    ),
                    Obj::Str(s) => (
                        item(s.len()).map(|k| Obj::str(&[s[k]])),
                        rpy_semantics::Error::StringIndexOutOfRange,
                    ),
                    other => {
                        return self.type_error(
                            format!("'{}' object is not subscriptable", other.type_name()),
                            span,
                        )
                    }
                };
                got.map_or_else(|| self.raise_error(error, span), Ok)
            }
        }
    }

    fn check_hashable(&self, k: &Obj, span: Span) -> R<()> {
        if hashable(k) {
            Ok(())
        } else {
            self.type_error(format!("unhashable type: '{}'", k.type_name()), span)
        }
    }

    /// `v[i] = x`.
    pub fn set_item(&self, v: &Obj, i: Obj, x: Obj, span: Span) -> R<()> {
        match v {
            Obj::Dict(d) => {
                self.check_hashable(&i, span)?;
                d.borrow_mut().insert(Key(i), x);
                Ok(())
            }
            Obj::List(l) => {
                let Some(n) = i.as_int() else {
                    return self.type_error("list indices must be integers", span);
                };
                let len = l.borrow().len();
                match seq::index(n, len as i64) {
                    Some(k) => {
                        l.borrow_mut()[k] = x;
                        Ok(())
                    }
                    None => {
                        self.raise_error(rpy_semantics::Error::ListAssignmentIndexOutOfRange, span)
                    }
                }
            }
            Obj::Instance(_) => self
                .call_method(v, "__setitem__", vec![i, x], span)
                .map(|_| ()),
            other => self.type_error(
                format!(
                    "'{}' object does not support item assignment",
                    other.type_name()
                ),
                span,
            ),
        }
    }

    pub fn del_item(&self, v: &Obj, i: &Obj, span: Span) -> R<()> {
        match v {
            Obj::Dict(d) => {
                self.check_hashable(i, span)?;
                match d.borrow_mut().shift_remove(&Key(i.clone())) {
                    Some(_) => Ok(()),
                    None => self.raise(bc::KEY_ERROR, self.repr(i), span),
                }
            }
            Obj::List(l) => {
                let len = l.borrow().len();
                match i.as_int().and_then(|n| seq::index(n, len as i64)) {
                    Some(k) => {
                        l.borrow_mut().remove(k);
                        Ok(())
                    }
                    None => {
                        self.raise_error(rpy_semantics::Error::ListAssignmentIndexOutOfRange, span)
                    }
                }
            }
            other => self.type_error(
                format!(
                    "'{}' object does not support item deletion",
                    other.type_name()
                ),
                span,
            ),
        }
    }

    /// The bounds of `x[lower:upper]` (`None` where missing or None).
    pub fn slice_bounds(
        &self,
        lower: &Option<Box<Expr>>,
        upper: &Option<Box<Expr>>,
        scope: &Scope,
    ) -> R<(Option<i64>, Option<i64>)> {
        let bound = |b: &Option<Box<Expr>>| -> R<Option<i64>> {
            match b {
                None => Ok(None),
                Some(b) => match self.eval(b, scope)? {
                    Obj::None => Ok(None),
                    x => match x.as_int() {
                        Some(i) => Ok(Some(i)),
                        None => self.type_error("slice indices must be integers", b.span),
                    },
                },
            }
        };
        Ok((bound(lower)?, bound(upper)?))
    }

    /// `del xs[lo:hi]`.
    pub fn del_slice(&self, v: &Obj, lo: Option<i64>, hi: Option<i64>, span: Span) -> R<()> {
        let Obj::List(l) = v else {
            return self.type_error(
                format!("'{}' object does not support item deletion", v.type_name()),
                span,
            );
        };
        let len = l.borrow().len() as i64;
        let (a, b) = seq::clamp_slice(lo.unwrap_or(0), hi.unwrap_or(len), len);
        l.borrow_mut().drain(a..b);
        Ok(())
    }

    fn slice(&self, v: &Obj, lo: Option<i64>, hi: Option<i64>, span: Span) -> R<Obj> {
        let bounds = |len: usize| {
            let len = len as i64;
            seq::clamp_slice(lo.unwrap_or(0), hi.unwrap_or(len), len)
        };
        Ok(match v {
            Obj::Str(s) => {
                let (a, b) = bounds(s.len());
                Obj::str(&s[a..b.max(a)])
            }
            Obj::Tuple(t) => {
                let (a, b) = bounds(t.len());
                Obj::tuple(t[a..b.max(a)].to_vec())
            }
            Obj::List(l) => {
                let l = l.borrow();
                let (a, b) = bounds(l.len());
                Obj::list(l[a..b.max(a)].to_vec())
            }
            other => {
                return self.type_error(
                    format!("'{}' object is not subscriptable", other.type_name()),
                    span,
                )
            }
        })
    }

    /// `[elt for target in iter if cond ...]`, in its own scope.
    fn list_comp(&self, elt: &Expr, generators: &[Comprehension], scope: &Scope) -> R<Obj> {
        let mut names = std::collections::HashSet::new();
        for g in generators {
            let stmt = crate::ast::Stmt {
                kind: crate::ast::StmtKind::Assign {
                    targets: vec![g.target.clone()],
                    value: g.iter.clone(),
                },
                span: g.target.span,
            };
            names.extend(crate::scope::local_names([], std::slice::from_ref(&stmt)));
        }
        let frame = Rc::new(Frame {
            vars: RefCell::new(HashMap::new()),
            locals: Rc::new(names),
            parent: scope.frame(),
            func: None,
            module: scope.module(),
        });
        let inner = Scope::Func(frame);
        let out = RefCell::new(Vec::new());
        // The first iterable is evaluated in the enclosing scope.
        let first = self.eval(&generators[0].iter, scope)?;
        self.comp_level(elt, generators, 0, first, &inner, &out)?;
        Ok(Obj::list(out.into_inner()))
    }

    fn comp_level(
        &self,
        elt: &Expr,
        gens: &[Comprehension],
        level: usize,
        seq: Obj,
        scope: &Scope,
        out: &RefCell<Vec<Obj>>,
    ) -> R<()> {
        let g = &gens[level];
        'items: for item in self.items(&seq, g.iter.span)? {
            self.assign(&g.target, item, scope)?;
            for cond in &g.ifs {
                let c = self.eval(cond, scope)?;
                if !self.truth(&c, cond.span)? {
                    continue 'items;
                }
            }
            match gens.get(level + 1) {
                Some(next) => {
                    let s = self.eval(&next.iter, scope)?;
                    self.comp_level(elt, gens, level + 1, s, scope, out)?;
                }
                None => {
                    let v = self.eval(elt, scope)?;
                    out.borrow_mut().push(v);
                }
            }
        }
        Ok(())
    }
}

/// `items * n` for a tuple or list.
fn repeat(items: &[Obj], n: usize) -> Vec<Obj> {
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend_from_slice(items);
    }
    out
}
