//! Import-time statements: Python's meaning of each statement kind, run on
//! import-time objects in a module, function or class scope.

use super::value::{ClassObj, Frame, FuncObj, InstObj, ModuleObj, Obj, StrKey};
use super::{Loader, Stop, R};
use crate::ast::{ClassDef, ExceptHandler, Expr, ExprKind, FunctionDef, Stmt, StmtKind};
use crate::program::{builtin_class as bc, FuncHints};
use crate::span::Span;
use indexmap::IndexMap;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// Where names live while a body runs.
pub(crate) enum Scope<'a> {
    Module(Rc<ModuleObj>),
    Func(Rc<Frame>),
    /// A class body: its namespace, and the function frame around it.
    Class {
        dict: &'a RefCell<IndexMap<String, Obj>>,
        spans: &'a RefCell<HashMap<String, Span>>,
        outer: Option<Rc<Frame>>,
        module: Rc<ModuleObj>,
    },
}

impl Scope<'_> {
    /// The module whose globals the code sees.
    pub fn module(&self) -> Rc<ModuleObj> {
        match self {
            Scope::Module(m) => m.clone(),
            Scope::Func(f) => f.module.clone(),
            Scope::Class { module, .. } => module.clone(),
        }
    }

    /// The frame functions defined here close over.
    pub fn frame(&self) -> Option<Rc<Frame>> {
        match self {
            Scope::Module(_) => None,
            Scope::Func(f) => Some(f.clone()),
            Scope::Class { outer, .. } => outer.clone(),
        }
    }
}

/// How a statement finished.
pub(crate) enum Flow {
    Normal,
    Break,
    Continue,
    Return(Obj),
}

impl Loader {
    pub fn exec_block(&self, body: &[Stmt], scope: &Scope) -> R<Flow> {
        for s in body {
            match self.exec(s, scope)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    fn exec(&self, s: &Stmt, scope: &Scope) -> R<Flow> {
        match &s.kind {
            StmtKind::Expr(e) => {
                self.eval(e, scope)?;
            }
            StmtKind::Assign { targets, value } => {
                let v = self.eval(value, scope)?;
                for t in targets {
                    self.assign(t, v.clone(), scope)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => {
                self.aug_assign(target, *op, value, scope)?
            }
            StmtKind::If { test, body, orelse } => {
                let t = self.eval(test, scope)?;
                let branch = if self.truth(&t, test.span)? {
                    body
                } else {
                    orelse
                };
                return self.exec_block(branch, scope);
            }
            StmtKind::While { test, body, orelse } => {
                return self.exec_while(test, body, orelse, scope)
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => return self.exec_for(target, iter, body, orelse, scope),
            StmtKind::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e, scope)?,
                    None => Obj::None,
                };
                return Ok(Flow::Return(v));
            }
            StmtKind::Pass => {}
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Raise(e) => return Err(self.exec_raise(e.as_ref(), s.span, scope)?),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => return self.exec_try(body, handlers, orelse, finalbody, scope),
            StmtKind::Assert { test, msg } => self.exec_assert(test, msg.as_ref(), scope)?,
            StmtKind::Del(targets) => targets.iter().try_for_each(|t| self.del(t, scope))?,
            StmtKind::FunctionDef(def) => {
                let f = self.make_function(def, scope)?;
                self.bind(&def.name, f, scope);
            }
            StmtKind::ClassDef(def) => {
                let c = self.make_class(def, scope)?;
                self.bind(&def.name, c, scope);
            }
            StmtKind::ImportFrom { module, names } => {
                self.import_from(module, names, s.span, scope)?
            }
            StmtKind::Import(names) => self.import(names, scope)?,
            // The scope rule already made the names not local.
            StmtKind::Global(_) => {}
        }
        Ok(Flow::Normal)
    }

    fn exec_while(&self, test: &Expr, body: &[Stmt], orelse: &[Stmt], scope: &Scope) -> R<Flow> {
        loop {
            let t = self.eval(test, scope)?;
            if !self.truth(&t, test.span)? {
                return self.exec_block(orelse, scope);
            }
            match self.exec_block(body, scope)? {
                Flow::Break => return Ok(Flow::Normal),
                r @ Flow::Return(_) => return Ok(r),
                Flow::Normal | Flow::Continue => {}
            }
        }
    }

    fn exec_for(
        &self,
        target: &Expr,
        iter: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
        scope: &Scope,
    ) -> R<Flow> {
        let seq = self.eval(iter, scope)?;
        let mut i = 0;
        // A list is iterated live (items appended meanwhile are seen).
        while let Some(item) = self.nth_item(&seq, i, iter.span)? {
            i += 1;
            self.assign(target, item, scope)?;
            match self.exec_block(body, scope)? {
                Flow::Break => return Ok(Flow::Normal),
                r @ Flow::Return(_) => return Ok(r),
                Flow::Normal | Flow::Continue => {}
            }
        }
        self.exec_block(orelse, scope)
    }

    /// Item `i` of an iteration over `seq`, or `None` past its end.
    fn nth_item(&self, seq: &Obj, i: usize, span: Span) -> R<Option<Obj>> {
        Ok(match seq {
            Obj::List(l) => l.borrow().get(i).cloned(),
            Obj::Tuple(t) => t.get(i).cloned(),
            Obj::Str(s) => s.get(i).map(|b| Obj::str(&[*b])),
            Obj::Dict(d) => d.borrow().get_index(i).map(|(k, _)| k.0.clone()),
            other => {
                return self.type_error(
                    format!("'{}' object is not iterable", other.type_name()),
                    span,
                )
            }
        })
    }

    /// Every item of an iterable, in order.
    pub fn items(&self, seq: &Obj, span: Span) -> R<Vec<Obj>> {
        let mut out = Vec::new();
        while let Some(x) = self.nth_item(seq, out.len(), span)? {
            out.push(x);
        }
        Ok(out)
    }

    fn exec_raise(&self, e: Option<&Expr>, span: Span, scope: &Scope) -> R<Stop> {
        let Some(e) = e else {
            return match self.handling.borrow().last() {
                Some(v) => Ok(self.exc(v.clone(), span)),
                None => self.raise(bc::RUNTIME_ERROR, "No active exception to reraise", span),
            };
        };
        let v = self.eval(e, scope)?;
        Ok(self.exc(self.exception_instance(v, e.span)?, e.span))
    }

    /// What `raise v` raises: an exception instance, or an instance of the
    /// exception class `v`.
    pub fn exception_instance(&self, v: Obj, span: Span) -> R<Rc<InstObj>> {
        let base = self.builtin_class(bc::BASE_EXCEPTION);
        match &v {
            Obj::Instance(i) if i.class.is_subclass(&base) => Ok(i.clone()),
            Obj::Class(c) if c.is_subclass(&base) => match self.call(&v, vec![], vec![], span)? {
                Obj::Instance(i) => Ok(i),
                _ => unreachable!("instantiating a class makes an instance"),
            },
            _ => self.type_error("exceptions must derive from BaseException", span),
        }
    }

    fn exec_try(
        &self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
        scope: &Scope,
    ) -> R<Flow> {
        let result = match self.exec_block(body, scope) {
            Ok(Flow::Normal) => self.exec_block(orelse, scope),
            Err(Stop::Exc(e)) => self.handle(e, handlers, scope),
            other => other,
        };
        if finalbody.is_empty() {
            return result;
        }
        match self.exec_block(finalbody, scope)? {
            Flow::Normal => result,
            other => Ok(other),
        }
    }

    /// Run the first handler matching exception `e`, or re-raise it.
    fn handle(&self, e: super::Exc, handlers: &[ExceptHandler], scope: &Scope) -> R<Flow> {
        for h in handlers {
            if !self.handler_matches(h, &e.value, scope)? {
                continue;
            }
            if let Some(name) = &h.name {
                self.bind(name, Obj::Instance(e.value.clone()), scope);
            }
            self.handling.borrow_mut().push(e.value.clone());
            let r = self.exec_block(&h.body, scope);
            self.handling.borrow_mut().pop();
            return r;
        }
        Err(Stop::Exc(e))
    }

    fn handler_matches(&self, h: &ExceptHandler, v: &InstObj, scope: &Scope) -> R<bool> {
        let Some(typ) = &h.typ else { return Ok(true) };
        let classes = match self.eval(typ, scope)? {
            Obj::Tuple(items) => items.to_vec(),
            one => vec![one],
        };
        for c in classes {
            match c {
                Obj::Class(c) if v.class.is_subclass(&c) => return Ok(true),
                Obj::Class(_) => {}
                other => {
                    return self.type_error(
                        format!(
                            "catching '{}' that does not inherit from BaseException is not allowed",
                            other.type_name()
                        ),
                        typ.span,
                    )
                }
            }
        }
        Ok(false)
    }

    fn exec_assert(&self, test: &Expr, msg: Option<&Expr>, scope: &Scope) -> R<()> {
        let t = self.eval(test, scope)?;
        if self.truth(&t, test.span)? {
            return Ok(());
        }
        let args = match msg {
            Some(m) => vec![self.eval(m, scope)?],
            None => vec![],
        };
        let value = Rc::new(InstObj {
            class: self.builtin_class(bc::ASSERTION_ERROR),
            fields: RefCell::new(IndexMap::new()),
            args,
        });
        Err(self.exc(value, test.span))
    }

    /// Bind a name in the scope.
    pub fn bind(&self, name: &str, v: Obj, scope: &Scope) {
        match scope {
            Scope::Module(m) => m.set(name, v),
            // A name assigned in a function and not local is `global`.
            Scope::Func(f) if !f.locals.contains(name) => f.module.set(name, v),
            Scope::Func(f) => {
                f.vars.borrow_mut().insert(name.to_string(), v);
            }
            Scope::Class { dict, .. } => {
                dict.borrow_mut().insert(name.to_string(), v);
            }
        }
    }

    /// Assign to a target: a name, an attribute, an item, or a tuple/list
    /// of targets (unpacking).
    pub fn assign(&self, t: &Expr, v: Obj, scope: &Scope) -> R<()> {
        match &t.kind {
            ExprKind::Name(n) => {
                if let Scope::Class { spans, .. } = scope {
                    spans.borrow_mut().insert(n.clone(), t.span);
                }
                self.bind(n, v, scope);
                Ok(())
            }
            ExprKind::Attribute { value, attr } => {
                let o = self.eval(value, scope)?;
                self.set_attr(&o, attr, v, t.span)
            }
            ExprKind::Subscript { value, index } => {
                let o = self.eval(value, scope)?;
                let i = self.eval(index, scope)?;
                self.set_item(&o, i, v, t.span)
            }
            ExprKind::Tuple(ts) | ExprKind::List(ts) => {
                let items = self.items(&v, t.span)?;
                if items.len() != ts.len() {
                    let msg = if items.len() > ts.len() {
                        format!("too many values to unpack (expected {})", ts.len())
                    } else {
                        format!(
                            "not enough values to unpack (expected {}, got {})",
                            ts.len(),
                            items.len()
                        )
                    };
                    return self.raise(bc::VALUE_ERROR, msg, t.span);
                }
                ts.iter()
                    .zip(items)
                    .try_for_each(|(t, item)| self.assign(t, item, scope))
            }
            _ => self.diag(t.span, "cannot assign to this expression"),
        }
    }

    fn aug_assign(
        &self,
        target: &Expr,
        op: crate::ast::BinOp,
        value: &Expr,
        scope: &Scope,
    ) -> R<()> {
        let span = target.span;
        match &target.kind {
            ExprKind::Name(n) => {
                let cur = self.name(n, span, scope)?;
                let rhs = self.eval(value, scope)?;
                let v = self.inplace(op, cur, rhs, span)?;
                self.bind(n, v, scope);
                Ok(())
            }
            ExprKind::Attribute { value: o, attr } => {
                let o = self.eval(o, scope)?;
                let cur = self.get_attr(&o, attr, span)?;
                let rhs = self.eval(value, scope)?;
                let v = self.inplace(op, cur, rhs, span)?;
                self.set_attr(&o, attr, v, span)
            }
            ExprKind::Subscript { value: o, index } => {
                let o = self.eval(o, scope)?;
                let i = self.eval(index, scope)?;
                let cur = self.get_item(&o, &i, span)?;
                let rhs = self.eval(value, scope)?;
                let v = self.inplace(op, cur, rhs, span)?;
                self.set_item(&o, i, v, span)
            }
            _ => self.diag(span, "cannot assign to this expression"),
        }
    }

    /// `a op= b`: lists extend in place, everything else is `a op b`.
    fn inplace(&self, op: crate::ast::BinOp, a: Obj, b: Obj, span: Span) -> R<Obj> {
        if let (crate::ast::BinOp::Add, Obj::List(l)) = (op, &a) {
            let items = self.items(&b, span)?;
            l.borrow_mut().extend(items);
            return Ok(a);
        }
        self.binop(op, &a, &b, span)
    }

    fn del(&self, t: &Expr, scope: &Scope) -> R<()> {
        match &t.kind {
            ExprKind::Name(n) => {
                let removed = match scope {
                    Scope::Module(m) => m
                        .globals
                        .borrow_mut()
                        .shift_remove(&StrKey(n.as_bytes()))
                        .is_some(),
                    Scope::Func(f) => f.vars.borrow_mut().remove(n).is_some(),
                    Scope::Class { dict, .. } => dict.borrow_mut().shift_remove(n).is_some(),
                };
                if removed {
                    Ok(())
                } else {
                    self.raise(bc::NAME_ERROR, format!("name '{n}' is not defined"), t.span)
                }
            }
            ExprKind::Subscript { value, index } => {
                let o = self.eval(value, scope)?;
                let i = self.eval(index, scope)?;
                self.del_item(&o, &i, t.span)
            }
            ExprKind::Slice {
                value,
                lower,
                upper,
            } => {
                let o = self.eval(value, scope)?;
                let (lo, hi) = self.slice_bounds(lower, upper, scope)?;
                self.del_slice(&o, lo, hi, t.span)
            }
            ExprKind::Tuple(ts) | ExprKind::List(ts) => {
                ts.iter().try_for_each(|t| self.del(t, scope))
            }
            _ => self.diag(t.span, "cannot delete this expression"),
        }
    }

    /// Run a `def`: a new function object (defaults evaluated now), with
    /// its decorators applied.
    pub fn make_function(&self, def: &FunctionDef, scope: &Scope) -> R<Obj> {
        let defaults = def
            .params
            .iter()
            .map(|p| p.default.as_ref().map(|d| self.eval(d, scope)).transpose())
            .collect::<R<Vec<_>>>()?;
        let key = def as *const FunctionDef as usize;
        let shared = self
            .defs
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| Rc::new(def.clone()))
            .clone();
        let params = def
            .params
            .iter()
            .map(|p| p.name.as_str())
            .chain(def.vararg.iter().chain(&def.kwarg).map(|p| p.name.as_str()));
        let f = Rc::new(FuncObj {
            def: shared,
            defaults,
            hints: Cell::new(FuncHints::default()),
            outer: scope.frame(),
            locals: Rc::new(crate::scope::local_names(params, &def.body)),
            module: scope.module(),
            imports: RefCell::new(Ok(Vec::new())),
        });
        self.made.borrow_mut().push(f.clone());
        let mut decorated = Obj::Func(f);
        for d in def.decorators.iter().rev() {
            let dec = self.eval(d, scope)?;
            decorated = self.call(&dec, vec![decorated], vec![], d.span)?;
        }
        Ok(decorated)
    }

    /// Run a `class` statement: its body runs in the class's namespace.
    fn make_class(&self, def: &ClassDef, scope: &Scope) -> R<Obj> {
        let mut driver = false;
        let base = match &def.base {
            None => self.builtin_class(bc::OBJECT),
            Some(b) => match self.eval(b, scope)? {
                Obj::Class(c) => c,
                Obj::Builtin(crate::program::Builtin::JitDriver) => {
                    driver = true;
                    self.builtin_class(bc::OBJECT)
                }
                other => {
                    return self.type_error(
                        format!("a base class must be a class, not '{}'", other.type_name()),
                        b.span,
                    )
                }
            },
        };
        let dict = RefCell::new(IndexMap::new());
        let spans = RefCell::new(HashMap::new());
        let body_scope = Scope::Class {
            dict: &dict,
            spans: &spans,
            outer: scope.frame(),
            module: scope.module(),
        };
        self.exec_block(&def.body, &body_scope)?;
        Ok(Obj::Class(Rc::new(ClassObj {
            name: def.name.clone(),
            base: Some(base),
            dict,
            spans: spans.into_inner(),
            builtin: None,
            driver,
            span: def.span,
        })))
    }
}
