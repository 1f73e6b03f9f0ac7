//! Expressions → ops: names, operators, short-circuit logic, comparisons,
//! calls (static and dynamic, keyword arguments, builtins, JIT hints),
//! attributes, subscripts, displays and list comprehensions.

use super::stmt::str_const;
use super::{err, Builder, Pending};
use crate::model::Value;
use crate::ops::{OpKind, OvfOp};
use rpy_front::ast::{BinOp, BoolOpKind, CmpOp, Comprehension, Expr, ExprKind, Keyword, UnaryOp};
use rpy_front::program::{
    builtin_class, Builtin, ClassId, ConstValue, DriverId, ExtModule, FuncId, Global, ModuleId,
};
use rpy_front::{DResult, Diagnostic, Span};
use std::rc::Rc;

pub(crate) fn binop_kind(op: BinOp) -> OpKind {
    match op {
        BinOp::Add => OpKind::Add,
        BinOp::Sub => OpKind::Sub,
        BinOp::Mul => OpKind::Mul,
        BinOp::Div => OpKind::TrueDiv,
        BinOp::FloorDiv => OpKind::FloorDiv,
        BinOp::Mod => OpKind::Mod,
        BinOp::Pow => OpKind::Pow,
        BinOp::LShift => OpKind::LShift,
        BinOp::RShift => OpKind::RShift,
        BinOp::BitAnd => OpKind::And,
        BinOp::BitOr => OpKind::Or,
        BinOp::BitXor => OpKind::Xor,
    }
}

fn cmp_kind(op: CmpOp) -> OpKind {
    match op {
        CmpOp::Eq => OpKind::Eq,
        CmpOp::NotEq => OpKind::Ne,
        CmpOp::Lt => OpKind::Lt,
        CmpOp::LtE => OpKind::Le,
        CmpOp::Gt => OpKind::Gt,
        CmpOp::GtE => OpKind::Ge,
        CmpOp::In | CmpOp::NotIn => OpKind::Contains,
        CmpOp::Is | CmpOp::IsNot => OpKind::Is,
    }
}

type Branches = (Vec<Pending>, Vec<Pending>);

impl Builder<'_> {
    pub fn expr(&mut self, e: &Expr) -> DResult<Value> {
        if self.current.is_none() {
            // Unreachable (a decided short-circuit): nothing to build.
            return Ok(Value::Const(ConstValue::None));
        }
        let span = e.span;
        Ok(match &e.kind {
            ExprKind::Int(i) => Value::Const(ConstValue::Int(*i)),
            ExprKind::Float(f) => Value::Const(ConstValue::Float(*f)),
            ExprKind::Str(s) => Value::Const(ConstValue::Str(s.clone())),
            ExprKind::Bool(b) => Value::Const(ConstValue::Bool(*b)),
            ExprKind::None => Value::Const(ConstValue::None),
            ExprKind::Name(n) => self.name(n, span)?,
            ExprKind::BinOp { op, left, right } => {
                let l = self.expr(left)?;
                let r = self.expr(right)?;
                self.emit(binop_kind(*op), vec![l, r], span)
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = self.expr(operand)?;
                let kind = match op {
                    UnaryOp::Neg => OpKind::Neg,
                    UnaryOp::Pos => OpKind::Pos,
                    UnaryOp::Invert => OpKind::Invert,
                    UnaryOp::Not => OpKind::Not,
                };
                self.emit(kind, vec![v], span)
            }
            ExprKind::BoolOp { op, values } => self.bool_op(*op, values)?,
            ExprKind::Compare { left, ops } if ops.len() == 1 => {
                if let Some(v) = self.type_compare(left, ops[0].0, &ops[0].1, span)? {
                    return Ok(v);
                }
                let l = self.expr(left)?;
                let r = self.expr(&ops[0].1)?;
                self.compare(ops[0].0, l, r, span)
            }
            ExprKind::Compare { .. } => {
                let (t, f) = self.branch(e)?;
                self.join_values(vec![(t, bool_const(true)), (f, bool_const(false))])
            }
            ExprKind::IfExp { test, body, orelse } => {
                let (t, f) = self.branch(test)?;
                self.join(t);
                let a = self.expr(body)?;
                let pa = self.take_current();
                self.join(f);
                let b = self.expr(orelse)?;
                let pb = self.take_current();
                self.join_values(vec![(pa, a), (pb, b)])
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords, span)?,
            ExprKind::Attribute { value, attr } => self.attribute(value, attr, span)?,
            ExprKind::Subscript { value, index } => {
                let o = self.expr(value)?;
                let i = self.expr(index)?;
                self.emit(OpKind::GetItem, vec![o, i], span)
            }
            ExprKind::Slice {
                value,
                lower,
                upper,
            } => {
                let args = self.slice_operands(value, lower, upper)?;
                self.emit(OpKind::GetSlice, args, span)
            }
            ExprKind::List(items) => {
                let vs = self.exprs(items)?;
                self.emit(OpKind::NewList, vs, span)
            }
            ExprKind::Tuple(items) => {
                let vs = self.exprs(items)?;
                match vs
                    .iter()
                    .map(|v| v.as_const().cloned())
                    .collect::<Option<Vec<_>>>()
                {
                    Some(cs) => Value::Const(ConstValue::Tuple(Rc::from(cs))),
                    None => self.emit(OpKind::NewTuple, vs, span),
                }
            }
            ExprKind::Dict(pairs) => {
                let mut vs = Vec::new();
                for (k, v) in pairs {
                    vs.push(self.expr(k)?);
                    vs.push(self.expr(v)?);
                }
                self.emit(OpKind::NewDict, vs, span)
            }
            ExprKind::ListComp { elt, generators } => self.list_comp(elt, generators, span)?,
            ExprKind::Lambda(_) => {
                return err(span, "lambda is only supported at import time in rpy").map_err(
                    |d: Diagnostic| {
                        d.with_note("a lambda made at module level (in a table, say) may be called at run time; write a def for one made at run time")
                    },
                )
            }
        })
    }

    fn exprs(&mut self, es: &[Expr]) -> DResult<Vec<Value>> {
        es.iter().map(|e| self.expr(e)).collect()
    }

    /// The operands of `value[lower:upper]` (a missing bound is None).
    pub fn slice_operands(
        &mut self,
        value: &Expr,
        lower: &Option<Box<Expr>>,
        upper: &Option<Box<Expr>>,
    ) -> DResult<Vec<Value>> {
        let o = self.expr(value)?;
        let lo = self.opt_expr(lower.as_deref())?;
        let hi = self.opt_expr(upper.as_deref())?;
        Ok(vec![o, lo, hi])
    }

    pub fn opt_expr(&mut self, e: Option<&Expr>) -> DResult<Value> {
        match e {
            Some(e) => self.expr(e),
            None => Ok(Value::Const(ConstValue::None)),
        }
    }

    /// A name: a local variable, or a module-level/builtin name (a constant).
    pub fn name(&mut self, n: &str, span: Span) -> DResult<Value> {
        let local = self.local_name(n);
        if local != n || self.locals.contains(n) {
            return match self.env.get(&local) {
                Some(v) => Ok(v.clone()),
                None => err(
                    span,
                    format!("local variable '{n}' is referenced before assignment"),
                )
                .map_err(|d: Diagnostic| {
                    d.with_note("rpy needs every variable assigned on every path before it is read")
                }),
            };
        }
        match self.prog.resolve_in(self.func, n) {
            Some(Global::Const(c)) => Ok(Value::Const(c)),
            Some(Global::ImportOnly(what)) => err(
                span,
                format!("'{n}' is {what}, which exists only at import time"),
            )
            .map_err(|d: Diagnostic| {
                d.with_note("module level runs as Python at translation time; run-time code may use only the constants it leaves behind")
            }),
            None => err(span, format!("name '{n}' is not defined")),
        }
    }

    /// A module-level constant named by `e`, if `e` is such a name.
    fn static_value(&self, e: &Expr) -> Option<ConstValue> {
        match &e.kind {
            ExprKind::Name(n) if !self.locals.contains(n) && self.local_name(n) == *n => {
                match self.prog.resolve_in(self.func, n) {
                    Some(Global::Const(c)) => Some(c),
                    _ => None,
                }
            }
            // `pkg.ops.ADD`: an attribute of a module is a constant too.
            ExprKind::Attribute { value, attr } => match self.static_value(value)? {
                ConstValue::Module(m) => self.module_attr(m, attr, e.span).ok(),
                _ => None,
            },
            _ => None,
        }
    }

    /// `f(args)` where `f` names a builtin (not shadowed), without keywords.
    pub fn builtin_call<'e>(&self, e: &'e Expr) -> Option<(Builtin, &'e [Expr])> {
        match &e.kind {
            ExprKind::Call {
                func,
                args,
                keywords,
            } if keywords.is_empty() => match self.static_value(func) {
                Some(ConstValue::Builtin(b)) => Some((b, args.as_slice())),
                _ => None,
            },
            _ => None,
        }
    }

    /// Join pendings that each carry a value; returns the joined value.
    pub fn join_values(&mut self, arms: Vec<(Vec<Pending>, Value)>) -> Value {
        let slot = self.hidden("v");
        let mut all = Vec::new();
        let mut all_bool = true;
        for (ps, v) in arms {
            for mut p in ps {
                all_bool &= self.is_bool(&v);
                p.env.insert(slot.clone(), v.clone());
                all.push(p);
            }
        }
        self.join(all);
        let v = self
            .env
            .remove(&slot)
            .unwrap_or(Value::Const(ConstValue::None));
        if let (true, Value::Var(x)) = (all_bool, &v) {
            self.bools.insert(*x);
        }
        v
    }

    /// `a and b` / `a or b` as a value (the deciding operand).
    fn bool_op(&mut self, op: BoolOpKind, values: &[Expr]) -> DResult<Value> {
        let mut arms = Vec::new();
        let (last, init) = values.split_last().expect("BoolOp has operands");
        for v in init {
            let val = self.expr(v)?;
            let truth = self.truth(val.clone(), v.span);
            let (t, f) = self.split_bool(truth);
            let (done, go_on) = if op == BoolOpKind::And {
                (f, t)
            } else {
                (t, f)
            };
            arms.push((done, val));
            self.join(go_on);
        }
        let val = self.expr(last)?;
        let p = self.take_current();
        arms.push((p, val));
        Ok(self.join_values(arms))
    }

    /// The truth of a value as a bool.
    pub fn truth(&mut self, v: Value, span: Span) -> Value {
        if self.is_bool(&v) {
            v
        } else {
            self.emit(OpKind::IsTrue, vec![v], span)
        }
    }

    /// Build a condition as control flow: the pendings taken when it is
    /// true and when it is false (short-circuit `and`/`or`/`not`, chains).
    pub fn branch(&mut self, e: &Expr) -> DResult<Branches> {
        if self.current.is_none() {
            return Ok((Vec::new(), Vec::new()));
        }
        match &e.kind {
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => {
                let (t, f) = self.branch(operand)?;
                Ok((f, t))
            }
            ExprKind::BoolOp { op, values } => {
                let mut decided = Vec::new();
                let (last, init) = values.split_last().expect("BoolOp has operands");
                for v in init {
                    let (t, f) = self.branch(v)?;
                    let (done, go_on) = if *op == BoolOpKind::And {
                        (f, t)
                    } else {
                        (t, f)
                    };
                    decided.extend(done);
                    self.join(go_on);
                }
                let (mut t, mut f) = self.branch(last)?;
                if *op == BoolOpKind::And {
                    f.extend(decided);
                } else {
                    t.extend(decided);
                }
                Ok((t, f))
            }
            ExprKind::Compare { left, ops } => {
                if let [(op, right)] = ops.as_slice() {
                    if let Some(v) = self.type_compare(left, *op, right, e.span)? {
                        return Ok(self.split_bool(v));
                    }
                }
                let mut l = self.expr(left)?;
                let mut falses = Vec::new();
                for (i, (op, right)) in ops.iter().enumerate() {
                    let r = self.expr(right)?;
                    let c = self.compare(*op, l, r.clone(), e.span);
                    let (t, f) = self.split_bool(c);
                    falses.extend(f);
                    if i + 1 == ops.len() {
                        return Ok((t, falses));
                    }
                    self.join(t);
                    l = r;
                }
                unreachable!("a comparison has at least one operator")
            }
            _ => {
                let v = self.expr(e)?;
                let c = self.truth(v, e.span);
                Ok(self.split_bool(c))
            }
        }
    }

    fn compare(&mut self, op: CmpOp, l: Value, r: Value, span: Span) -> Value {
        let args = match op {
            CmpOp::In | CmpOp::NotIn => vec![r, l],
            _ => vec![l, r],
        };
        let v = self.emit(cmp_kind(op), args, span);
        match op {
            CmpOp::NotIn | CmpOp::IsNot => self.emit(OpKind::Not, vec![v], span),
            _ => v,
        }
    }

    fn attribute(&mut self, value: &Expr, attr: &str, span: Span) -> DResult<Value> {
        if attr == "__class__" {
            return super::types::type_of_elsewhere("x.__class__", span);
        }
        match self.static_value(value) {
            Some(ConstValue::Class(c)) => {
                if let Some(f) = self.prog.lookup_method(c, attr) {
                    return Ok(Value::Const(ConstValue::Func(f)));
                }
                return match self.prog.lookup_class_attr(c, attr) {
                    Some(v) => Ok(Value::Const(v.clone())),
                    None => err(
                        span,
                        format!(
                            "class '{}' has no attribute '{attr}'",
                            self.prog.class(c).name
                        ),
                    ),
                };
            }
            Some(ConstValue::ExtModule(m)) => {
                return self.ext_attr(m, attr, span).map(Value::Const)
            }
            Some(ConstValue::Module(m)) => {
                return self.module_attr(m, attr, span).map(Value::Const)
            }
            _ => {}
        }
        let o = self.expr(value)?;
        Ok(self.emit(OpKind::GetAttr, vec![o, str_const(attr)], span))
    }

    /// `m.name` of one of the program's modules: its constant.
    fn module_attr(&self, m: ModuleId, attr: &str, span: Span) -> DResult<ConstValue> {
        let decl = &self.prog.modules[m.index()];
        if let Some(v) = decl.globals.get(attr) {
            return Ok(v.clone());
        }
        let msg = match decl.import_only.get(attr) {
            Some(what) => format!(
                "'{}.{attr}' is {what}, which exists only at import time",
                decl.name
            ),
            None => format!("module '{}' has no attribute '{attr}'", decl.name),
        };
        err(span, msg)
    }

    /// `hint(x, promote=True)` promotes `x`; the other keywords of
    /// RPython's `hint` (`access_directly`, `force_virtualizable`, …) are
    /// accepted and change nothing here.
    fn hint(&mut self, args: &[Expr], keywords: &[Keyword], span: Span) -> DResult<Value> {
        let [x] = args else {
            return err(
                span,
                "hint() takes one positional argument: hint(x, promote=True)",
            );
        };
        let v = self.expr(x)?;
        let mut promote = false;
        for k in keywords {
            match &k.value.kind {
                ExprKind::Bool(b) => promote |= k.name == "promote" && *b,
                _ => return err(k.value.span, "the keywords of hint() must be True or False"),
            }
        }
        Ok(if promote {
            self.emit(OpKind::Promote, vec![v], span)
        } else {
            v
        })
    }

    /// `ovfcheck(x op y)`: the op directly inside, overflow-checked (as
    /// RPython's flow space makes `int_add_ovf` of it).
    fn ovfcheck(&mut self, e: &Expr) -> DResult<Value> {
        let op = match &e.kind {
            ExprKind::BinOp { op, .. } => match op {
                BinOp::Add => Some(OvfOp::Add),
                BinOp::Sub => Some(OvfOp::Sub),
                BinOp::Mul => Some(OvfOp::Mul),
                BinOp::LShift => Some(OvfOp::LShift),
                _ => None,
            },
            ExprKind::UnaryOp {
                op: UnaryOp::Neg, ..
            } => Some(OvfOp::Neg),
            _ => None,
        };
        let Some(op) = op else {
            return err(
                e.span,
                "ovfcheck() checks the operation directly inside it: an int +, -, *, << or unary -",
            );
        };
        let args = match &e.kind {
            ExprKind::BinOp { left, right, .. } => vec![self.expr(left)?, self.expr(right)?],
            ExprKind::UnaryOp { operand, .. } => vec![self.expr(operand)?],
            _ => unreachable!("an ovfcheck operand"),
        };
        Ok(self.emit(OpKind::of_ovf(op), args, e.span))
    }

    /// `m.name` of a toolchain module: a builtin or a constant.
    fn ext_attr(&self, m: ExtModule, attr: &str, span: Span) -> DResult<ConstValue> {
        m.lookup(attr)
            .map(ConstValue::Builtin)
            .or_else(|| m.constant(attr))
            .ok_or_else(|| Diagnostic::error(span, format!("{} has no name '{attr}'", m.name())))
    }

    fn call(
        &mut self,
        func: &Expr,
        args: &[Expr],
        keywords: &[Keyword],
        span: Span,
    ) -> DResult<Value> {
        if let ExprKind::Attribute { value, attr } = &func.kind {
            match self.static_value(value) {
                Some(ConstValue::Driver(d)) => return self.jit_hint(d, attr, args, keywords, span),
                Some(ConstValue::Class(_) | ConstValue::ExtModule(_) | ConstValue::Module(_)) => {}
                _ => {
                    if let Some(f) = self.super_method(value, attr)? {
                        let this = self.self_value(value.span)?;
                        let mut vs = vec![this];
                        vs.extend(self.exprs(args)?);
                        let kws = self.keywords(keywords)?;
                        return self.static_call(f, vs, kws, span, 1);
                    }
                    let obj = self.expr(value)?;
                    let mut vs = vec![obj, str_const(attr)];
                    if keywords.is_empty() {
                        vs.extend(self.exprs(args)?);
                        return Ok(self.emit(OpKind::CallMethod, vs, span));
                    }
                    self.push_kw_args(&mut vs, args, keywords)?;
                    return Ok(self.emit(OpKind::CallMethodKw, vs, span));
                }
            }
        }
        let f = self.expr(func)?;
        match f {
            Value::Const(ConstValue::Func(fid)) => {
                let vs = self.exprs(args)?;
                let kws = self.keywords(keywords)?;
                self.static_call(fid, vs, kws, span, 0)
            }
            Value::Const(ConstValue::Class(c)) => self.instantiate(c, args, keywords, span),
            Value::Const(ConstValue::Builtin(b)) => self.builtin(b, args, keywords, span),
            Value::Const(ConstValue::Driver(_)) => err(
                span,
                "a JitDriver is not callable; use driver.jit_merge_point(...)",
            ),
            Value::Const(_) => err(func.span, "this value is not callable"),
            f => self.dynamic_call(f, args, keywords, span),
        }
    }

    fn dynamic_call(
        &mut self,
        f: Value,
        args: &[Expr],
        keywords: &[Keyword],
        span: Span,
    ) -> DResult<Value> {
        let mut vs = vec![f];
        if keywords.is_empty() {
            vs.extend(self.exprs(args)?);
            return Ok(self.emit(OpKind::SimpleCall, vs, span));
        }
        self.push_kw_args(&mut vs, args, keywords)?;
        Ok(self.emit(OpKind::CallKw, vs, span))
    }

    /// The operands of `call_kw`/`call_method_kw` after the callee: the
    /// keyword names, the positional values, the keyword values. The
    /// positional arguments are evaluated first, as in Python.
    fn push_kw_args(
        &mut self,
        vs: &mut Vec<Value>,
        args: &[Expr],
        keywords: &[Keyword],
    ) -> DResult<()> {
        let positional = self.exprs(args)?;
        let (names, kvals) = self.kw_values(keywords)?;
        vs.push(names);
        vs.extend(positional);
        vs.extend(kvals);
        Ok(())
    }

    fn keywords(&mut self, keywords: &[Keyword]) -> DResult<Vec<(String, Value, Span)>> {
        keywords
            .iter()
            .map(|k| Ok((k.name.clone(), self.expr(&k.value)?, k.span)))
            .collect()
    }

    /// The names tuple and values of keyword arguments, for `call_kw`.
    fn kw_values(&mut self, keywords: &[Keyword]) -> DResult<(Value, Vec<Value>)> {
        let names: Vec<ConstValue> = keywords
            .iter()
            .map(|k| ConstValue::Str(Rc::from(k.name.as_bytes())))
            .collect();
        let vals = keywords
            .iter()
            .map(|k| self.expr(&k.value))
            .collect::<DResult<Vec<_>>>()?;
        Ok((Value::Const(ConstValue::Tuple(Rc::from(names))), vals))
    }

    /// `super().name` in a method: the base class's method.
    fn super_method(&self, value: &Expr, attr: &str) -> DResult<Option<FuncId>> {
        let ExprKind::Call { func, args, .. } = &value.kind else {
            return Ok(None);
        };
        if self.static_value(func) != Some(ConstValue::Builtin(Builtin::Super)) {
            return Ok(None);
        }
        if !args.is_empty() {
            return err(
                value.span,
                "only the zero-argument form super() is supported in rpy",
            );
        }
        let Some(class) = self.prog.func(self.func).class else {
            return err(value.span, "super() is only allowed inside a method");
        };
        let base = self.prog.class(class).base;
        match base.and_then(|b| self.prog.lookup_method(b, attr)) {
            Some(f) => Ok(Some(f)),
            None if attr == "__init__" => Ok(None),
            None => err(
                value.span,
                format!(
                    "no base class of '{}' has a method '{attr}'",
                    self.prog.class(class).name
                ),
            ),
        }
    }

    /// The method's `self` (its first parameter).
    fn self_value(&mut self, span: Span) -> DResult<Value> {
        let first = self.prog.func(self.func).params[0].name.clone();
        self.name(&first, span)
    }

    /// A call of a known function: keywords and defaults resolved now.
    /// `implicit` counts leading args the user did not write (self).
    fn static_call(
        &mut self,
        f: FuncId,
        positional: Vec<Value>,
        keywords: Vec<(String, Value, Span)>,
        span: Span,
        implicit: usize,
    ) -> DResult<Value> {
        let args = self.bind_args(f, positional, keywords, span, implicit)?;
        let mut vs = vec![Value::Const(ConstValue::Func(f))];
        vs.extend(args);
        Ok(self.emit(OpKind::SimpleCall, vs, span))
    }

    fn bind_args(
        &self,
        f: FuncId,
        positional: Vec<Value>,
        keywords: Vec<(String, Value, Span)>,
        span: Span,
        implicit: usize,
    ) -> DResult<Vec<Value>> {
        let decl = self.prog.func(f);
        if let Some(d) = &decl.refusal {
            let at = self.prog.location(span);
            return Err(d
                .clone()
                .with_note(format!("{} is called at {at}", decl.name)));
        }
        let params = &decl.params;
        let shown = |n: usize| n - implicit.min(n);
        if positional.len() > params.len() {
            return err(
                span,
                format!(
                    "{}() takes {} positional arguments but {} were given",
                    decl.name,
                    shown(params.len()),
                    shown(positional.len())
                ),
            );
        }
        let mut slots: Vec<Option<Value>> = positional.into_iter().map(Some).collect();
        slots.resize(params.len(), None);
        for (name, v, kspan) in keywords {
            let Some(i) = params.iter().position(|p| p.name == name) else {
                return err(
                    kspan,
                    format!(
                        "{}() got an unexpected keyword argument '{name}'",
                        decl.name
                    ),
                );
            };
            if slots[i].is_some() {
                return err(
                    kspan,
                    format!("{}() got multiple values for argument '{name}'", decl.name),
                );
            }
            slots[i] = Some(v);
        }
        slots
            .into_iter()
            .zip(params)
            .map(|(s, p)| match (s, &p.default) {
                (Some(v), _) => Ok(v),
                (None, Some(d)) => Ok(Value::Const(d.clone())),
                (None, None) => err(
                    span,
                    format!("{}() missing required argument '{}'", decl.name, p.name),
                ),
            })
            .collect()
    }

    fn instantiate(
        &mut self,
        c: ClassId,
        args: &[Expr],
        keywords: &[Keyword],
        span: Span,
    ) -> DResult<Value> {
        let vs = self.exprs(args)?;
        let kws = self.keywords(keywords)?;
        let mut call = vec![Value::Const(ConstValue::Class(c))];
        match self.prog.lookup_method(c, "__init__") {
            Some(init) => {
                let mut with_self = vec![Value::Const(ConstValue::None)];
                with_self.extend(vs);
                let bound = self.bind_args(init, with_self, kws, span, 1)?;
                call.extend(bound.into_iter().skip(1));
            }
            None => {
                let is_exc = self.prog.is_subclass(c, builtin_class::BASE_EXCEPTION);
                if !kws.is_empty() || (!is_exc && !vs.is_empty()) {
                    return err(
                        span,
                        format!("{}() takes no arguments", self.prog.class(c).name),
                    );
                }
                call.extend(vs);
            }
        }
        Ok(self.emit(OpKind::SimpleCall, call, span))
    }

    fn builtin(
        &mut self,
        b: Builtin,
        args: &[Expr],
        keywords: &[Keyword],
        span: Span,
    ) -> DResult<Value> {
        let nargs = |n: usize| -> DResult<()> {
            if args.len() == n {
                Ok(())
            } else {
                err(
                    span,
                    format!(
                        "{}() takes exactly {n} argument{} ({} given)",
                        b.name(),
                        if n == 1 { "" } else { "s" },
                        args.len()
                    ),
                )
            }
        };
        if b != Builtin::Print && b != Builtin::JitDriver && b != Builtin::Hint {
            if let Some(k) = keywords.first() {
                return err(k.span, format!("{}() takes no keyword arguments", b.name()));
            }
        }
        match b {
            Builtin::Len => {
                nargs(1)?;
                let v = self.expr(&args[0])?;
                return Ok(self.emit(OpKind::Len, vec![v], span));
            }
            Builtin::Promote | Builtin::PromoteString => {
                nargs(1)?;
                let v = self.expr(&args[0])?;
                return Ok(self.emit(OpKind::Promote, vec![v], span));
            }
            Builtin::Hint => return self.hint(args, keywords, span),
            Builtin::OvfCheck => {
                nargs(1)?;
                return self.ovfcheck(&args[0]);
            }
            Builtin::Widen => {
                nargs(1)?;
                return self.expr(&args[0]);
            }
            Builtin::WeAreTranslated => {
                nargs(0)?;
                return Ok(Value::Const(ConstValue::Bool(true)));
            }
            Builtin::SetParam | Builtin::SetUserParam => {
                nargs(b.arity().0)?;
                self.exprs(args)?;
                return Ok(Value::Const(ConstValue::None));
            }
            Builtin::WeAreJitted => {
                nargs(0)?;
                return Ok(self.emit(OpKind::WeAreJitted, Vec::new(), span));
            }
            Builtin::Isinstance => {
                nargs(2)?;
                let classes = self.expr(&args[1])?;
                if !super::types::is_isinstance_target(&classes) {
                    return err(
                        args[1].span,
                        "isinstance() needs a class or a builtin type (or a tuple of them) as its second argument",
                    );
                }
            }
            Builtin::Type => return super::types::type_of_elsewhere("type(x)", span),
            Builtin::Dict | Builtin::Tuple => {
                return err(
                    span,
                    format!(
                        "{}() is only supported at import time in rpy; at run time it is a type to test against (`isinstance(x, {})`)",
                        b.name(),
                        b.name()
                    ),
                )
            }
            Builtin::Super => return err(span, "super() is only supported as super().method(...)"),
            Builtin::JitDriver => return err(span, "a JitDriver must be created at module level"),
            Builtin::Elidable
            | Builtin::DontLookInside
            | Builtin::UnrollSafe
            | Builtin::LookInsideIff => {
                return err(
                    span,
                    format!(
                        "{} is a decorator: write @{} above a def",
                        b.name(),
                        b.name()
                    ),
                )
            }
            Builtin::Print => {
                for k in keywords {
                    if k.name != "sep" && k.name != "end" {
                        return err(
                            k.span,
                            format!("print() got an unexpected keyword argument '{}'", k.name),
                        );
                    }
                }
            }
            _ => {}
        }
        self.dynamic_call(Value::Const(ConstValue::Builtin(b)), args, keywords, span)
    }

    /// `driver.jit_merge_point(...)` / `driver.can_enter_jit(...)`: every
    /// green and red by keyword, in the driver's order in the op.
    fn jit_hint(
        &mut self,
        d: DriverId,
        attr: &str,
        args: &[Expr],
        keywords: &[Keyword],
        span: Span,
    ) -> DResult<Value> {
        let kind = match attr {
            "jit_merge_point" => OpKind::JitMergePoint,
            "can_enter_jit" => OpKind::CanEnterJit,
            _ => {
                return err(
                    span,
                    format!(
                    "a JitDriver has no method '{attr}' (only jit_merge_point and can_enter_jit)"
                ),
                )
            }
        };
        let driver = &self.prog.drivers[d.index()];
        if let Some(a) = args.first() {
            return err(
                a.span,
                format!(
                    "{attr} takes keyword arguments only: {}",
                    hint_example(attr, &driver.greens, &driver.reds)
                ),
            );
        }
        let vars: Vec<String> = driver.greens.iter().chain(&driver.reds).cloned().collect();
        for k in keywords {
            if !vars.contains(&k.name) {
                return err(
                    k.span,
                    format!(
                        "'{}' is not a green or red of driver '{}' (greens: {}; reds: {})",
                        k.name,
                        driver.name,
                        driver.greens.join(", "),
                        driver.reds.join(", ")
                    ),
                );
            }
        }
        let mut vs = vec![Value::Const(ConstValue::Driver(d))];
        for (i, v) in vars.iter().enumerate() {
            let Some(k) = keywords.iter().find(|k| &k.name == v) else {
                let color = if i < driver.greens.len() {
                    "green"
                } else {
                    "red"
                };
                return err(
                    span,
                    format!(
                        "{attr} is missing {color} '{v}' of driver '{}'",
                        driver.name
                    ),
                );
            };
            vs.push(self.expr(&k.value)?);
        }
        if kind == OpKind::JitMergePoint {
            if !self.at_loop_top {
                return err(span, "jit_merge_point must be the first statement of the interpreter's dispatch loop (a while loop)");
            }
            if let Some((_, first)) = self.hints.merge_points.get(&d) {
                return err(span, format!(
                    "driver '{}' already has a jit_merge_point (at line {}); a driver has exactly one",
                    self.prog.drivers[d.index()].name, first.line
                ));
            }
            self.hints.merge_points.insert(d, (self.func, span));
        } else {
            self.hints.can_enter.push((d, self.func, span));
        }
        Ok(self.emit(kind, vs, span))
    }

    fn list_comp(
        &mut self,
        elt: &Expr,
        generators: &[Comprehension],
        span: Span,
    ) -> DResult<Value> {
        let list = self.emit(OpKind::NewList, Vec::new(), span);
        let slot = self.hidden("list");
        self.env.insert(slot.clone(), list);
        let depth = self.renames.len();
        self.comp_level(elt, generators, &slot, span)?;
        self.renames.truncate(depth);
        Ok(self
            .env
            .remove(&slot)
            .unwrap_or(Value::Const(ConstValue::None)))
    }

    fn comp_level(
        &mut self,
        elt: &Expr,
        gens: &[Comprehension],
        slot: &str,
        span: Span,
    ) -> DResult<()> {
        let Some((g, rest)) = gens.split_first() else {
            let v = self.expr(elt)?;
            let l = self.env[slot].clone();
            self.emit(OpKind::CallMethod, vec![l, str_const("append"), v], span);
            return Ok(());
        };
        // The target names are renamed to hidden locals so that they do not
        // leak out of the comprehension (as in Python 3).
        let mut names = Vec::new();
        collect_names(&g.target, &mut names);
        let renames: Vec<(String, String)> =
            names.iter().map(|n| (n.clone(), self.hidden(n))).collect();
        let mut body = |b: &mut Builder| -> DResult<()> {
            for c in &g.ifs {
                let (t, f) = b.branch(c)?;
                b.join(t);
                for p in f {
                    b.ctx_continue(p);
                }
                if b.current.is_none() {
                    return Ok(()); // a constant false filter: nothing is appended
                }
            }
            b.comp_level(elt, rest, slot, span)
        };
        let iter = g.iter.clone();
        self.renames.extend(renames);
        self.for_loop(&g.target, &iter, &mut body, &[], span)
    }

    /// Send a pending to the innermost loop's `continue`.
    fn ctx_continue(&mut self, p: Pending) {
        if let Some(super::Ctx::Loop { continues, .. }) = self
            .ctx
            .iter_mut()
            .rev()
            .find(|c| matches!(c, super::Ctx::Loop { .. }))
        {
            continues.push(p);
        }
    }
}

fn collect_names(t: &Expr, out: &mut Vec<String>) {
    match &t.kind {
        ExprKind::Name(n) => out.push(n.clone()),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            items.iter().for_each(|i| collect_names(i, out))
        }
        _ => {}
    }
}

fn bool_const(b: bool) -> Value {
    Value::Const(ConstValue::Bool(b))
}

fn hint_example(attr: &str, greens: &[String], reds: &[String]) -> String {
    let args: Vec<String> = greens
        .iter()
        .chain(reds)
        .map(|n| format!("{n}={n}"))
        .collect();
    format!("driver.{attr}({})", args.join(", "))
}
