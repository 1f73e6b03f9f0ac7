//! Statements → blocks and links: assignments, if, loops, try/except/finally,
//! return/raise/break/continue, assert, del.

use super::{err, Builder, Ctx, ExitKind, Pending};
use crate::model::Value;
use crate::ops::OpKind;
use rpy_front::ast::{BinOp, ExceptHandler, Expr, ExprKind, Stmt, StmtKind};
use rpy_front::program::{builtin_class, Builtin, ConstValue};
use rpy_front::{DResult, Span};
use std::rc::Rc;

impl Builder<'_> {
    pub fn stmts(&mut self, body: &[Stmt]) -> DResult<()> {
        for s in body {
            if self.current.is_none() {
                break; // the rest is unreachable: not built
            }
            self.stmt(s)?;
            self.at_loop_top = false;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> DResult<()> {
        let span = s.span;
        self.span = span;
        match &s.kind {
            StmtKind::Expr(e) => {
                if !matches!(e.kind, ExprKind::Str(_)) {
                    self.expr(e)?;
                }
            }
            StmtKind::Assign { targets, value } => {
                let v = self.expr(value)?;
                for t in targets {
                    self.assign(t, v.clone())?;
                }
            }
            StmtKind::AugAssign { target, op, value } => {
                self.aug_assign(target, *op, value, span)?
            }
            StmtKind::If { test, body, orelse } => {
                let (t, f) = self.branch(test)?;
                self.join(t);
                self.stmts(body)?;
                let mut after = self.take_current();
                self.join(f);
                self.stmts(orelse)?;
                after.extend(self.take_current());
                self.join(after);
            }
            StmtKind::While { test, body, orelse } => self.while_loop(test, body, orelse, span)?,
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                let mut build_body = |b: &mut Builder| b.stmts(body);
                self.for_loop(target, iter, &mut build_body, orelse, span)?;
            }
            StmtKind::Return(e) => {
                let v = match e {
                    Some(e) => self.expr(e)?,
                    None => Value::Const(ConstValue::None),
                };
                self.do_return(v);
            }
            StmtKind::Pass => {}
            StmtKind::Break => self.jump(ExitKind::Break, span)?,
            StmtKind::Continue => self.jump(ExitKind::Continue, span)?,
            StmtKind::Raise(e) => self.raise_stmt(e.as_ref(), span)?,
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => self.try_stmt(body, handlers, orelse, finalbody)?,
            StmtKind::Assert { test, msg } => {
                let (t, f) = self.branch(test)?;
                self.join(f);
                let args = match msg {
                    Some(m) => vec![self.expr(m)?],
                    None => Vec::new(),
                };
                let exc = self.new_exception(builtin_class::ASSERTION_ERROR, args, span);
                self.raise_value(exc, span);
                self.join(t);
            }
            StmtKind::Del(targets) => {
                for t in targets {
                    self.del(t)?;
                }
            }
            StmtKind::FunctionDef(_) => {
                return err(span, "nested functions (closures) are not supported in rpy")
            }
            StmtKind::ClassDef(_) => {
                return err(span, "classes must be defined at module level in rpy")
            }
            // Run when import time ended: the names are constants now.
            StmtKind::Import(_) | StmtKind::ImportFrom { .. } => {}
            StmtKind::Global(_) => {
                return err(span, "global is only supported at import time in rpy").map_err(
                    |d: rpy_front::Diagnostic| {
                        d.with_note(
                    "run-time code may mutate a module-level object but not rebind the name",
                )
                    },
                )
            }
        }
        Ok(())
    }

    /// Bind `v` to an assignment target.
    pub fn assign(&mut self, target: &Expr, v: Value) -> DResult<()> {
        let span = target.span;
        match &target.kind {
            ExprKind::Name(n) => {
                let name = self.local_name(n);
                self.env.insert(name, v);
            }
            ExprKind::Attribute { value, attr } => {
                let obj = self.expr(value)?;
                self.emit(OpKind::SetAttr, vec![obj, str_const(attr), v], span);
            }
            ExprKind::Subscript { value, index } => {
                let obj = self.expr(value)?;
                let idx = self.expr(index)?;
                self.emit(OpKind::SetItem, vec![obj, idx, v], span);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                self.check_unpack_length(&v, items.len(), span);
                for (i, t) in items.iter().enumerate() {
                    let item = self.emit(
                        OpKind::GetItem,
                        vec![v.clone(), int_const(i as i64)],
                        t.span,
                    );
                    self.assign(t, item)?;
                }
            }
            ExprKind::Slice { .. } => return err(span, "slice assignment is not supported in rpy"),
            _ => return err(span, "cannot assign to this expression"),
        }
        Ok(())
    }

    /// `a, b = v`: Python's ValueError unless `v` has exactly `n` items
    /// (for a tuple the lengths are constants, and the check folds away).
    fn check_unpack_length(&mut self, v: &Value, n: usize, span: Span) {
        let len = self.emit(OpKind::Len, vec![v.clone()], span);
        let expected = int_const(n as i64);
        let too_many = self.emit(OpKind::Gt, vec![len.clone(), expected.clone()], span);
        let (t, f) = self.split_bool(too_many);
        self.join(t);
        let msg = str_const(&format!("too many values to unpack (expected {n})"));
        self.raise_builtin(builtin_class::VALUE_ERROR, msg, span);
        self.join(f);
        let too_few = self.emit(OpKind::Lt, vec![len.clone(), expected], span);
        let (t, f) = self.split_bool(too_few);
        self.join(t);
        let got = self.emit(
            OpKind::SimpleCall,
            vec![Value::Const(ConstValue::Builtin(Builtin::Str)), len],
            span,
        );
        let head = str_const(&format!("not enough values to unpack (expected {n}, got "));
        let msg = self.emit(OpKind::Add, vec![head, got], span);
        let msg = self.emit(OpKind::Add, vec![msg, str_const(")")], span);
        self.raise_builtin(builtin_class::VALUE_ERROR, msg, span);
        self.join(f);
    }

    /// Raises a new instance of builtin exception class `cls` with `msg`.
    fn raise_builtin(&mut self, cls: rpy_front::program::ClassId, msg: Value, span: Span) {
        let exc = self.new_exception(cls, vec![msg], span);
        self.raise_value(exc, span);
    }

    /// The environment name for a user variable (comprehension variables
    /// are renamed to hidden locals).
    pub fn local_name(&self, n: &str) -> String {
        match self.renames.iter().rev().find(|(user, _)| user == n) {
            Some((_, hidden)) => hidden.clone(),
            None => n.to_string(),
        }
    }

    fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr, span: Span) -> DResult<()> {
        let kind = match op {
            BinOp::Add => OpKind::InplaceAdd,
            BinOp::Mul => OpKind::InplaceMul,
            other => super::expr::binop_kind(other),
        };
        match &target.kind {
            ExprKind::Name(_) => {
                let cur = self.expr(target)?;
                let rhs = self.expr(value)?;
                let v = self.emit(kind, vec![cur, rhs], span);
                self.assign(target, v)
            }
            ExprKind::Attribute { value: obj, attr } => {
                let o = self.expr(obj)?;
                let cur = self.emit(OpKind::GetAttr, vec![o.clone(), str_const(attr)], span);
                let rhs = self.expr(value)?;
                let v = self.emit(kind, vec![cur, rhs], span);
                self.emit(OpKind::SetAttr, vec![o, str_const(attr), v], span);
                Ok(())
            }
            ExprKind::Subscript { value: obj, index } => {
                let o = self.expr(obj)?;
                let i = self.expr(index)?;
                let cur = self.emit(OpKind::GetItem, vec![o.clone(), i.clone()], span);
                let rhs = self.expr(value)?;
                let v = self.emit(kind, vec![cur, rhs], span);
                self.emit(OpKind::SetItem, vec![o, i, v], span);
                Ok(())
            }
            _ => err(
                target.span,
                "cannot use augmented assignment on this expression",
            ),
        }
    }

    fn del(&mut self, t: &Expr) -> DResult<()> {
        match &t.kind {
            ExprKind::Subscript { value, index } => {
                let o = self.expr(value)?;
                let i = self.expr(index)?;
                self.emit(OpKind::DelItem, vec![o, i], t.span);
            }
            ExprKind::Slice {
                value,
                lower,
                upper,
            } => {
                let args = self.slice_operands(value, lower, upper)?;
                self.emit(OpKind::DelSlice, args, t.span);
            }
            ExprKind::Name(n) => {
                let name = self.local_name(n);
                if self.env.remove(&name).is_none() {
                    return err(
                        t.span,
                        format!("local variable '{n}' is referenced before assignment"),
                    );
                }
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.del(i)?;
                }
            }
            _ => {
                return err(
                    t.span,
                    "only `del xs[i]`, `del d[k]` and `del name` are supported in rpy",
                )
            }
        }
        Ok(())
    }

    fn while_loop(
        &mut self,
        test: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
        span: Span,
    ) -> DResult<()> {
        let (header, names) = self.loop_header();
        let (t, f) = self.branch(test)?;
        self.join(t);
        let head = LoopHead {
            header,
            names,
            exits: f,
            hidden: Vec::new(),
        };
        let mut build_body = |b: &mut Builder| {
            b.at_loop_top = true;
            let r = b.stmts(body);
            b.at_loop_top = false;
            r
        };
        self.finish_loop(head, &mut build_body, orelse, span)
    }

    /// `for target in iter: body else: orelse`, with `range(...)` and
    /// `enumerate(...)` turned into counting loops.
    pub fn for_loop(
        &mut self,
        target: &Expr,
        iter: &Expr,
        body: &mut dyn FnMut(&mut Builder) -> DResult<()>,
        orelse: &[Stmt],
        span: Span,
    ) -> DResult<()> {
        let head = match self.builtin_call(iter) {
            Some((Builtin::Range, args)) => {
                let (start, stop, step) = self.range_args(args, iter.span)?;
                let c = self.hidden("i");
                let s = self.hidden("stop");
                self.env.insert(c.clone(), start);
                self.env.insert(s.clone(), stop);
                let (header, names) = self.loop_header();
                let (cur, stop) = (self.env[&c].clone(), self.env[&s].clone());
                let (t, f) = self.range_test(cur.clone(), stop, step.clone(), iter.span)?;
                self.join(t);
                let next = self.emit(OpKind::Add, vec![cur.clone(), step], iter.span);
                self.env.insert(c.clone(), next);
                self.assign(target, cur)?;
                LoopHead {
                    header,
                    names,
                    exits: f,
                    hidden: vec![c, s],
                }
            }
            Some((Builtin::Enumerate, [seq])) => {
                let k = self.hidden("k");
                self.env.insert(k.clone(), int_const(0));
                let (mut head, item) = self.iteration(seq)?;
                let count = self.env[&k].clone();
                let next = self.emit(OpKind::Add, vec![count.clone(), int_const(1)], iter.span);
                self.env.insert(k.clone(), next);
                head.hidden.push(k);
                match &target.kind {
                    ExprKind::Tuple(ts) | ExprKind::List(ts) if ts.len() == 2 => {
                        self.assign(&ts[0], count)?;
                        self.assign(&ts[1], item)?;
                    }
                    _ => {
                        let pair = self.emit(OpKind::NewTuple, vec![count, item], iter.span);
                        self.assign(target, pair)?;
                    }
                }
                head
            }
            _ => {
                let (head, item) = self.iteration(iter)?;
                self.assign(target, item)?;
                head
            }
        };
        self.finish_loop(head, body, orelse, span)
    }

    /// `iter(seq)`, then a loop header whose `next` yields the item (returned)
    /// or leaves the loop by StopIteration (the head's exits).
    fn iteration(&mut self, seq: &Expr) -> DResult<(LoopHead, Value)> {
        let seq_value = self.expr(seq)?;
        let it = self.emit(OpKind::Iter, vec![seq_value], seq.span);
        let hidden = self.hidden("it");
        self.env.insert(hidden.clone(), it);
        let (header, names) = self.loop_header();
        let it = self.env[&hidden].clone();
        let (item, stop) = self.emit_catching(
            OpKind::Next,
            vec![it],
            seq.span,
            Some(builtin_class::STOP_ITERATION),
        );
        let head = LoopHead {
            header,
            names,
            exits: stop.into_iter().collect(),
            hidden: vec![hidden],
        };
        Ok((head, item))
    }

    /// What every loop shares after its header: the body in a loop context,
    /// its end and `continue`s back to the header, the `else` clause on the
    /// normal exits, and the `break`s joining after it.
    fn finish_loop(
        &mut self,
        head: LoopHead,
        body: &mut dyn FnMut(&mut Builder) -> DResult<()>,
        orelse: &[Stmt],
        span: Span,
    ) -> DResult<()> {
        self.ctx.push(Ctx::Loop {
            breaks: Vec::new(),
            continues: Vec::new(),
        });
        let r = body(self);
        let Some(Ctx::Loop { breaks, continues }) = self.ctx.pop() else {
            unreachable!("loop context pushed above")
        };
        r?;
        let mut back = self.take_current();
        back.extend(continues);
        self.close_loop(head.header, &head.names, back, span)?;
        self.join(head.exits);
        self.stmts(orelse)?;
        let mut after = self.take_current();
        after.extend(breaks);
        self.join(after);
        for h in head.hidden {
            self.env.remove(&h);
        }
        Ok(())
    }

    fn range_args(&mut self, args: &[Expr], span: Span) -> DResult<(Value, Value, Value)> {
        let vs = args
            .iter()
            .map(|a| self.expr(a))
            .collect::<DResult<Vec<_>>>()?;
        Ok(match vs.as_slice() {
            [stop] => (int_const(0), stop.clone(), int_const(1)),
            [start, stop] => (start.clone(), stop.clone(), int_const(1)),
            [start, stop, step] => {
                if step.as_const() == Some(&ConstValue::Int(0)) {
                    return err(args[2].span, "range() arg 3 must not be zero");
                }
                (start.clone(), stop.clone(), step.clone())
            }
            _ => {
                return err(
                    span,
                    format!("range expected 1 to 3 arguments, got {}", vs.len()),
                )
            }
        })
    }

    /// The loop test of a counting loop: `cur < stop` (or `>` for a
    /// negative step; both, chosen at run time, for an unknown step).
    fn range_test(
        &mut self,
        cur: Value,
        stop: Value,
        step: Value,
        span: Span,
    ) -> DResult<(Vec<Pending>, Vec<Pending>)> {
        match step.as_const() {
            Some(ConstValue::Int(s)) => {
                let kind = if *s > 0 { OpKind::Lt } else { OpKind::Gt };
                let c = self.emit(kind, vec![cur, stop], span);
                Ok(self.split_bool(c))
            }
            _ => {
                let pos = self.emit(OpKind::Gt, vec![step, int_const(0)], span);
                let (tp, fp) = self.split_bool(pos);
                self.join(tp);
                let c1 = self.emit(OpKind::Lt, vec![cur.clone(), stop.clone()], span);
                let (mut t, mut f) = self.split_bool(c1);
                self.join(fp);
                let c2 = self.emit(OpKind::Gt, vec![cur, stop], span);
                let (t2, f2) = self.split_bool(c2);
                t.extend(t2);
                f.extend(f2);
                Ok((t, f))
            }
        }
    }

    /// `break` / `continue`, through enclosing `finally` blocks.
    fn jump(&mut self, kind: ExitKind, span: Span) -> DResult<()> {
        let Some(i) = self
            .ctx
            .iter()
            .rposition(|c| matches!(c, Ctx::Loop { .. } | Ctx::Finally { .. }))
        else {
            let what = if kind == ExitKind::Break {
                "break"
            } else {
                "continue"
            };
            return err(span, format!("'{what}' outside loop"));
        };
        let p = self.take_current();
        self.ctx[i].push_exit(kind, p);
        Ok(())
    }

    fn raise_stmt(&mut self, e: Option<&Expr>, span: Span) -> DResult<()> {
        let exc = match e {
            None => match self.handled.last() {
                Some(name) => self.env.get(name).cloned().ok_or_else(|| {
                    rpy_front::Diagnostic::error(span, "bare raise outside of an except block")
                })?,
                None => return err(span, "bare `raise` is only allowed inside an except block"),
            },
            Some(e) => {
                let v = self.expr(e)?;
                match v {
                    Value::Const(ConstValue::Class(c)) => self.new_exception(c, Vec::new(), span),
                    Value::Const(_) => {
                        return err(
                            e.span,
                            "exceptions must be instances or classes deriving from Exception",
                        )
                    }
                    v => v,
                }
            }
        };
        self.raise_value(exc, span);
        Ok(())
    }

    fn try_stmt(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> DResult<()> {
        if finalbody.is_empty() {
            return self.try_except(body, handlers, orelse);
        }
        let exc = self.hidden("exc");
        self.ctx.push(Ctx::Finally {
            exc: exc.clone(),
            exits: Vec::new(),
        });
        let r = if handlers.is_empty() {
            self.stmts(body).and_then(|_| self.stmts(orelse))
        } else {
            self.try_except(body, handlers, orelse)
        };
        let Some(Ctx::Finally { exits, .. }) = self.ctx.pop() else {
            unreachable!()
        };
        r?;
        let normal = self.take_current();
        let mut after = Vec::new();
        // The finally body is built once per way out that is used.
        if !normal.is_empty() {
            self.join(normal);
            self.stmts(finalbody)?;
            after.extend(self.take_current());
        }
        for kind in [
            ExitKind::Return,
            ExitKind::Break,
            ExitKind::Continue,
            ExitKind::Raise,
        ] {
            let ps: Vec<Pending> = exits
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, p)| p.clone())
                .collect();
            if ps.is_empty() {
                continue;
            }
            self.join(ps);
            self.stmts(finalbody)?;
            if self.current.is_none() {
                continue;
            }
            let span = finalbody.last().map(|s| s.span).unwrap_or_default();
            match kind {
                ExitKind::Return => {
                    let v = self
                        .env
                        .remove("$ret")
                        .unwrap_or(Value::Const(ConstValue::None));
                    self.do_return(v);
                }
                ExitKind::Break | ExitKind::Continue => self.jump(kind, span)?,
                ExitKind::Raise => {
                    let v = self.env.remove(&exc).expect("raised exception is carried");
                    self.raise_value(v, span);
                }
            }
        }
        self.join(after);
        Ok(())
    }

    fn try_except(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
    ) -> DResult<()> {
        let exc = self.hidden("exc");
        self.ctx.push(Ctx::Except {
            exc: exc.clone(),
            raises: Vec::new(),
        });
        let r = self.stmts(body);
        let Some(Ctx::Except { raises, .. }) = self.ctx.pop() else {
            unreachable!()
        };
        r?;
        self.stmts(orelse)?;
        let mut after = self.take_current();
        self.join(raises);
        if self.current.is_none() {
            self.join(after);
            return Ok(());
        }
        let e = self.env[&exc].clone();
        for h in handlers {
            if self.current.is_none() {
                break;
            }
            let mut no_match = Vec::new();
            if let Some(typ) = &h.typ {
                let cls = self.exception_classes(typ)?;
                let m = self.emit(OpKind::ExcMatch, vec![e.clone(), cls], typ.span);
                let (t, f) = self.split_bool(m);
                no_match = f;
                self.join(t);
            }
            if let Some(n) = &h.name {
                self.env.insert(n.clone(), e.clone());
            }
            self.handled.push(exc.clone());
            let r = self.stmts(&h.body);
            self.handled.pop();
            r?;
            after.extend(self.take_current());
            self.join(no_match);
        }
        if self.current.is_some() {
            let span = handlers.last().map(|h| h.span).unwrap_or_default();
            self.raise_value(e, span);
        }
        self.join(after);
        self.env.remove(&exc);
        Ok(())
    }

    /// The class (or tuple of classes) named in an `except` clause.
    fn exception_classes(&mut self, typ: &Expr) -> DResult<Value> {
        let v = self.expr(typ)?;
        let ok = |c: &ConstValue| matches!(c, ConstValue::Class(id) if self.prog.is_subclass(*id, builtin_class::BASE_EXCEPTION));
        match &v {
            Value::Const(c @ ConstValue::Class(_)) if ok(c) => Ok(v),
            Value::Const(ConstValue::Tuple(items)) if items.iter().all(ok) => Ok(v),
            _ => err(typ.span, "an except clause must name exception classes (a class deriving from Exception, or a tuple of them)"),
        }
    }
}

/// A loop's header block, the locals it takes, the pendings that leave the
/// loop normally, and the hidden locals to drop after the loop.
struct LoopHead {
    header: crate::model::BlockId,
    names: Vec<String>,
    exits: Vec<Pending>,
    hidden: Vec<String>,
}

pub(crate) fn str_const(s: &str) -> Value {
    Value::Const(ConstValue::Str(Rc::from(s.as_bytes())))
}

pub(crate) fn int_const(i: i64) -> Value {
    Value::Const(ConstValue::Int(i))
}
