//! Import-time calls and attributes: binding arguments to parameters,
//! running function bodies in new frames, instantiating classes, bound
//! methods and `super()`.

use super::exec::{Flow, Scope};
use super::value::{ClassObj, Frame, FuncObj, HostFn, InstObj, Obj};
use super::{Loader, Stop, MAX_DEPTH, R};
use crate::program::{builtin_class as bc, Builtin};
use crate::span::Span;
use indexmap::IndexMap;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

type Kwargs = Vec<(String, Obj)>;

impl Loader {
    /// A call made in `scope` (which `super()` needs).
    pub fn call_in(
        &self,
        f: &Obj,
        args: Vec<Obj>,
        kwargs: Kwargs,
        span: Span,
        scope: &Scope,
    ) -> R<Obj> {
        match f {
            Obj::Builtin(Builtin::Super) if args.is_empty() => {
                return self.zero_arg_super(span, scope)
            }
            Obj::Host(HostFn::Globals) if args.is_empty() => {
                return Ok(Obj::Dict(scope.module().globals.clone()))
            }
            _ => {}
        }
        self.call(f, args, kwargs, span)
    }

    /// Call any callable object.
    pub fn call(&self, f: &Obj, args: Vec<Obj>, kwargs: Kwargs, span: Span) -> R<Obj> {
        match f {
            Obj::Func(func) => self.call_function(func, args, kwargs, span),
            Obj::Method(m) => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(m.0.clone());
                all.extend(args);
                self.call_function(&m.1, all, kwargs, span)
            }
            Obj::Class(c) => self.instantiate(c, args, kwargs, span),
            Obj::Builtin(b) => self.call_builtin(*b, args, kwargs, span),
            Obj::Host(h) => self.call_host(*h, args, kwargs, span),
            Obj::BuiltinMethod(m) => {
                self.no_kwargs(&kwargs, &m.1, span)?;
                self.call_builtin_method(&m.0, &m.1, args, span)
            }
            other => self.type_error(
                format!("'{}' object is not callable", other.type_name()),
                span,
            ),
        }
    }

    pub fn no_kwargs(&self, kwargs: &Kwargs, what: &str, span: Span) -> R<()> {
        match kwargs.first() {
            None => Ok(()),
            Some((k, _)) => self.type_error(
                format!("{what}() got an unexpected keyword argument '{k}'"),
                span,
            ),
        }
    }

    /// Run a function: bind the arguments in a new frame, run the body.
    pub fn call_function(
        &self,
        f: &Rc<FuncObj>,
        args: Vec<Obj>,
        kwargs: Kwargs,
        span: Span,
    ) -> R<Obj> {
        let vars = self.bind_args(f, args, kwargs, span)?;
        let frame = Rc::new(Frame {
            vars: RefCell::new(vars),
            locals: f.locals.clone(),
            parent: f.outer.clone(),
            func: Some(f.clone()),
            module: f.module.clone(),
        });
        if self.calls.borrow().len() >= MAX_DEPTH {
            return self.raise(
                bc::RUNTIME_ERROR,
                "maximum recursion depth exceeded at import time",
                span,
            );
        }
        self.calls.borrow_mut().push(span);
        let r = self.exec_block(&f.def.body, &Scope::Func(frame));
        self.calls.borrow_mut().pop();
        match r {
            Ok(Flow::Return(v)) => Ok(v),
            Ok(_) => Ok(Obj::None),
            Err(Stop::Exc(mut e)) => {
                e.trace.push(span);
                Err(Stop::Exc(e))
            }
            Err(d) => Err(d),
        }
    }

    /// Python's argument binding: positionals, keywords, defaults, `*args`.
    fn bind_args(
        &self,
        f: &FuncObj,
        args: Vec<Obj>,
        kwargs: Kwargs,
        span: Span,
    ) -> R<HashMap<String, Obj>> {
        let def = &f.def;
        let n = def.params.len();
        let mut slots: Vec<Option<Obj>> = vec![None; n];
        let mut extra = Vec::new();
        for (i, a) in args.into_iter().enumerate() {
            if i < n {
                slots[i] = Some(a);
            } else {
                extra.push(a);
            }
        }
        if !extra.is_empty() && def.vararg.is_none() {
            return self.type_error(
                format!(
                    "{}() takes {} positional arguments but {} were given",
                    def.name,
                    n,
                    n + extra.len()
                ),
                span,
            );
        }
        let mut extra_kw = super::value::DictMap::new();
        for (k, v) in kwargs {
            let Some(i) = def.params.iter().position(|p| p.name == k) else {
                if def.kwarg.is_some() {
                    extra_kw.insert(super::value::Key(Obj::Str(k.as_bytes().into())), v);
                    continue;
                }
                return self.type_error(
                    format!("{}() got an unexpected keyword argument '{k}'", def.name),
                    span,
                );
            };
            if slots[i].is_some() {
                return self.type_error(
                    format!("{}() got multiple values for argument '{k}'", def.name),
                    span,
                );
            }
            slots[i] = Some(v);
        }
        let mut vars = HashMap::new();
        for (i, p) in def.params.iter().enumerate() {
            let v = match slots[i].take().or_else(|| f.defaults[i].clone()) {
                Some(v) => v,
                None => {
                    return self.type_error(
                        format!(
                            "{}() missing required positional argument: '{}'",
                            def.name, p.name
                        ),
                        span,
                    )
                }
            };
            vars.insert(p.name.clone(), v);
        }
        if let Some(star) = &def.vararg {
            vars.insert(star.name.clone(), Obj::tuple(extra));
        }
        if let Some(kw) = &def.kwarg {
            vars.insert(kw.name.clone(), Obj::Dict(Rc::new(RefCell::new(extra_kw))));
        }
        Ok(vars)
    }

    /// `C(args)`: a new instance, initialised by `__init__` if there is one.
    fn instantiate(&self, c: &Rc<ClassObj>, args: Vec<Obj>, kwargs: Kwargs, span: Span) -> R<Obj> {
        if c.is_driver() {
            return self.subclassed_driver(c, &args, kwargs, span);
        }
        let base_exc = self.builtin_class(bc::BASE_EXCEPTION);
        let is_exc = c.is_subclass(&base_exc);
        let init = c.lookup("__init__");
        let inst = Rc::new(InstObj {
            class: c.clone(),
            fields: RefCell::new(IndexMap::new()),
            args: if is_exc && init.is_none() {
                args.clone()
            } else {
                Vec::new()
            },
        });
        let obj = Obj::Instance(inst);
        match init {
            Some(Obj::Func(init)) => {
                let mut all = vec![obj.clone()];
                all.extend(args);
                self.call_function(&init, all, kwargs, span)?;
            }
            Some(other) => {
                self.call(&other, args, kwargs, span)?;
            }
            None if !is_exc && (!args.is_empty() || !kwargs.is_empty()) => {
                return self.type_error(format!("{}() takes no arguments", c.name), span)
            }
            None => {}
        }
        Ok(obj)
    }

    /// `MyDriver()` of `class MyDriver(JitDriver)`: a driver whose greens,
    /// reds, … are the class attributes (keywords override them).
    fn subclassed_driver(&self, c: &ClassObj, args: &[Obj], kwargs: Kwargs, span: Span) -> R<Obj> {
        let mut kw: Vec<(String, Obj, Span)> = Vec::new();
        for name in ["greens", "reds", "virtualizables", "get_printable_location"] {
            if kwargs.iter().any(|(k, _)| k == name) {
                continue;
            }
            if let Some(v) = c.lookup(name) {
                kw.push((name.to_string(), v, span));
            }
        }
        kw.extend(kwargs.into_iter().map(|(k, v)| (k, v, span)));
        self.make_driver(args, kw, span)
    }

    /// `super()` in a method: the method's class is where it was found on
    /// the instance's class chain.
    fn zero_arg_super(&self, span: Span, scope: &Scope) -> R<Obj> {
        let frame = match scope {
            Scope::Func(f) => f.clone(),
            _ => return self.raise(bc::RUNTIME_ERROR, "super(): no arguments", span),
        };
        let (Some(func), Some(first)) = (
            frame.func.clone(),
            frame.func.as_ref().and_then(|f| f.def.params.first()),
        ) else {
            return self.raise(bc::RUNTIME_ERROR, "super(): no arguments", span);
        };
        let this = frame
            .vars
            .borrow()
            .get(&first.name)
            .cloned()
            .unwrap_or(Obj::None);
        let Obj::Instance(inst) = &this else {
            return self.raise(bc::RUNTIME_ERROR, "super(): no instance", span);
        };
        let mut c = Some(inst.class.clone());
        while let Some(k) = c {
            let defines = k
                .dict
                .borrow()
                .values()
                .any(|v| matches!(v, Obj::Func(g) if Rc::ptr_eq(g, &func)));
            if defines {
                return Ok(Obj::Super(Rc::new((k, this))));
            }
            c = k.base.clone();
        }
        self.raise(bc::RUNTIME_ERROR, "super(): __class__ cell not found", span)
    }

    /// `o.attr`.
    pub fn get_attr(&self, o: &Obj, attr: &str, span: Span) -> R<Obj> {
        let found = match o {
            Obj::Instance(i) => match i.fields.borrow().get(attr) {
                Some(v) => Some(v.clone()),
                None => i.class.lookup(attr).map(|v| bind_to(v, o)),
            },
            Obj::Class(c) => c.lookup(attr).map(|v| match v {
                Obj::StaticMethod(f) => Obj::Func(f),
                other => other,
            }),
            Obj::Super(s) => {
                s.0.base
                    .as_ref()
                    .and_then(|b| b.lookup(attr))
                    .map(|v| bind_to(v, &s.1))
            }
            Obj::Module(m) => self.module_attr(*m, attr),
            Obj::PyModule(m) => m.get(attr),
            Obj::Str(_) | Obj::List(_) | Obj::Dict(_) if super::methods::exists(o, attr) => {
                Some(Obj::BuiltinMethod(Rc::new((o.clone(), attr.to_string()))))
            }
            _ => None,
        };
        match found {
            Some(v) => Ok(v),
            None => self.raise(
                bc::ATTRIBUTE_ERROR,
                format!("'{}' object has no attribute '{attr}'", o.type_name()),
                span,
            ),
        }
    }

    /// `o.attr = v`.
    pub fn set_attr(&self, o: &Obj, attr: &str, v: Obj, span: Span) -> R<()> {
        match o {
            Obj::Instance(i) => {
                i.fields.borrow_mut().insert(attr.to_string(), v);
                Ok(())
            }
            Obj::Class(c) if c.builtin.is_none() => {
                c.dict.borrow_mut().insert(attr.to_string(), v);
                Ok(())
            }
            Obj::PyModule(m) => {
                m.set(attr, v);
                Ok(())
            }
            other => self.raise(
                bc::ATTRIBUTE_ERROR,
                format!(
                    "'{}' object attribute '{attr}' is read-only",
                    other.type_name()
                ),
                span,
            ),
        }
    }

    /// `o.name(args)`.
    pub fn call_method(&self, o: &Obj, name: &str, args: Vec<Obj>, span: Span) -> R<Obj> {
        let m = self.get_attr(o, name, span)?;
        self.call(&m, args, vec![], span)
    }
}

/// A function found on a class, bound to the instance it was looked up on
/// (a static method is the plain function).
fn bind_to(v: Obj, receiver: &Obj) -> Obj {
    match v {
        Obj::Func(f) => Obj::Method(Rc::new((receiver.clone(), f))),
        Obj::StaticMethod(f) => Obj::Func(f),
        other => other,
    }
}
