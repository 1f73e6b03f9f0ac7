//! Calls: of known functions (`direct_call`), of function values
//! (`indirect_call`), of methods (devirtualized to `direct_call` when one
//! implementation can be reached from the receiver's class, else
//! `vtable_method` + `indirect_call`), and instantiation (`malloc`, class
//! defaults, the exception message, `__init__`).

use super::class_slot::ClassSlot;
use super::graph::GraphTyper;
use super::ops::Cat;
use super::MSG_FIELD;
use crate::annotate::SomeValue;
use crate::ll::{LLConst, LLOpKind, LLType, LLValue};
use flowgraph::model::{Op, Value};
use rpy_front::program::{builtin_class, ClassId, ConstValue, FuncId};
use rpy_front::DResult;

/// Keyword arguments: (name, value).
pub type Kws = [(String, Value)];

/// The implementations a method call may run, and whether an instance
/// that reaches it may have none (then the call goes through the vtable,
/// whose entry for that class raises AttributeError, as Python does).
#[derive(Default)]
struct Impls {
    funcs: Vec<FuncId>,
    missing: bool,
}

impl GraphTyper<'_, '_> {
    pub fn simple_call(&mut self, op: &Op) -> DResult<LLValue> {
        self.call_value(op, &op.args[0], &op.args[1..], &[])
    }

    pub fn call_kw(&mut self, op: &Op) -> DResult<LLValue> {
        let (positional, kws) = split_keywords(&op.args[1], &op.args[2..]);
        self.call_value(op, &op.args[0], positional, &kws)
    }

    fn call_value(
        &mut self,
        op: &Op,
        callee: &Value,
        args: &[Value],
        kws: &Kws,
    ) -> DResult<LLValue> {
        match (callee, self.ann_of(callee)) {
            (Value::Const(ConstValue::Func(f)), _) if kws.is_empty() => {
                self.call_function(*f, args)
            }
            (_, SomeValue::Funcs(fs)) => {
                let first = *fs.iter().next().expect("a non-empty set");
                let full = self.complete_args(first, args, kws)?;
                if fs.len() == 1 {
                    return self.call_function(first, &full);
                }
                let fty = self
                    .rt
                    .ll(&SomeValue::Funcs(fs))
                    .map_err(|e| self.error(e))?;
                let LLType::Func(ps, r) = &fty else {
                    unreachable!("several functions are a function pointer")
                };
                let mut call = vec![self.operand(callee, &fty)?];
                for (a, p) in full.iter().zip(ps.iter()) {
                    call.push(self.operand(a, p)?);
                }
                Ok(self.emit(LLOpKind::IndirectCall, call, (**r).clone()))
            }
            (_, SomeValue::Classes(cs)) if cs.len() == 1 => {
                let c = *cs.iter().next().expect("one class");
                self.instantiate(c, args, kws)
            }
            (_, SomeValue::Classes(cs)) => {
                let cs: Vec<ClassId> = cs.iter().copied().collect();
                self.instantiate_dynamic(callee, &cs, args, kws)
            }
            (_, SomeValue::Builtin(b)) => self.builtin(op, b, args, kws),
            _ => Err(self.error(format!(
                "cannot call a value of type {}",
                self.user_type(callee)
            ))),
        }
    }

    /// `direct_call(f, args…)` with the arguments converted to f's parameters.
    pub fn call_function(&mut self, f: FuncId, args: &[Value]) -> DResult<LLValue> {
        let (ps, r) = self.rt.sig_parts(f).map_err(|e| self.error(e))?;
        if ps.len() != args.len() {
            return Err(self.error(format!(
                "{}() takes {} arguments, {} given",
                self.rt.prog.func(f).name,
                ps.len(),
                args.len()
            )));
        }
        let mut call = vec![LLValue::Const(LLConst::Func(f))];
        for (a, p) in args.iter().zip(&ps) {
            call.push(self.operand(a, p)?);
        }
        Ok(self.emit(LLOpKind::DirectCall, call, r))
    }

    /// `direct_call(f, recv, args…)`: a method of a known class.
    fn call_with_self(&mut self, f: FuncId, recv: LLValue, rest: &[Value]) -> DResult<LLValue> {
        let (ps, r) = self.rt.sig_parts(f).map_err(|e| self.error(e))?;
        let from = self.ty_of(&recv);
        let recv = self.convert(recv, &from, &SomeValue::Impossible, &ps[0])?;
        let mut call = vec![LLValue::Const(LLConst::Func(f)), recv];
        for (a, p) in rest.iter().zip(&ps[1..]) {
            call.push(self.operand(a, p)?);
        }
        Ok(self.emit(LLOpKind::DirectCall, call, r))
    }

    /// Positional and keyword arguments bound to f's parameters, defaults
    /// filled in.
    pub fn complete_args(&self, f: FuncId, positional: &[Value], kws: &Kws) -> DResult<Vec<Value>> {
        let decl = self.rt.prog.func(f);
        if positional.len() > decl.params.len() {
            return Err(self.error(format!(
                "{}() takes {} arguments, {} given",
                decl.name,
                decl.params.len(),
                positional.len()
            )));
        }
        let mut slots: Vec<Option<Value>> = positional.iter().cloned().map(Some).collect();
        slots.resize(decl.params.len(), None);
        for (name, v) in kws {
            match decl.params.iter().position(|p| &p.name == name) {
                Some(i) if slots[i].is_none() => slots[i] = Some(v.clone()),
                _ => {
                    return Err(self.error(format!(
                        "{}() got an unexpected keyword argument '{name}'",
                        decl.name
                    )))
                }
            }
        }
        slots
            .into_iter()
            .zip(&decl.params)
            .map(|(s, p)| match (s, &p.default) {
                (Some(v), _) => Ok(v),
                (None, Some(d)) => Ok(Value::Const(d.clone())),
                (None, None) => Err(self.error(format!(
                    "{}() missing required argument '{}'",
                    decl.name, p.name
                ))),
            })
            .collect()
    }

    pub fn call_method(&mut self, op: &Op) -> DResult<LLValue> {
        let Some(Value::Const(ConstValue::Str(name))) = op.args.get(1) else {
            return Err(self.error("method name must be a constant"));
        };
        let name = String::from_utf8_lossy(name).into_owned();
        let (positional, kws) = if op.kind == flowgraph::ops::OpKind::CallMethodKw {
            split_keywords(&op.args[2], &op.args[3..])
        } else {
            (&op.args[2..], Vec::new())
        };
        let recv = &op.args[0];
        match self.ann_of(recv) {
            SomeValue::Instance { class, .. } => {
                let (obj, _) = self.value(recv)?;
                self.method_call(obj, class, &name, positional, &kws)
            }
            _ if kws.is_empty()
                && matches!(self.cat(recv), Cat::Str | Cat::Char | Cat::List | Cat::Dict) =>
            {
                self.builtin_method(op, recv, &name, positional)
            }
            _ => Err(self.error(format!(
                "cannot call method '{name}' on {}{}",
                self.user_type(recv),
                if kws.is_empty() {
                    ""
                } else {
                    " with keyword arguments"
                }
            ))),
        }
    }

    /// `obj.name(args)` on an instance of `class`.
    fn method_call(
        &mut self,
        obj: LLValue,
        class: ClassId,
        name: &str,
        args: &[Value],
        kws: &Kws,
    ) -> DResult<LLValue> {
        let impls = self.method_impls(class, name);
        if impls.funcs.is_empty() {
            return self.call_field(obj, class, name, args, kws);
        }
        self.dispatch(obj, class, name, &impls, None, args, kws)
    }

    /// Call method `name` of `obj` (an instance of `class`, or with `only`
    /// of one of those classes) whose implementations are `impls`: a
    /// direct call when there is one (and every instance has it), else
    /// through a function pointer read from the vtable; missing arguments
    /// whose defaults differ between the implementations are read from the
    /// vtable too.
    #[allow(clippy::too_many_arguments)]
    fn dispatch(
        &mut self,
        obj: LLValue,
        class: ClassId,
        name: &str,
        impls: &Impls,
        only: Option<Vec<ClassId>>,
        args: &[Value],
        kws: &Kws,
    ) -> DResult<LLValue> {
        let impls_missing = impls.missing;
        let impls = &impls.funcs[..];
        let first = impls[0];
        let mut with_self = vec![Value::Const(ConstValue::None)];
        with_self.extend(args.iter().cloned());
        let full = self.complete_args(first, &with_self, kws)?;
        if impls.len() == 1 && !impls_missing {
            return self.call_with_self(first, obj, &full[1..]);
        }
        let (ps, r) = self.one_signature(name, impls)?;
        let root = match only {
            Some(_) => class,
            None => self.rt.prog.hierarchy_root(class),
        };
        let self_ty = self.rt.instance_type(root);
        let mut params = vec![self_ty.clone()];
        params.extend(ps[1..].iter().cloned());
        let fty = LLType::func(params, r.clone());
        let from = self.ty_of(&obj);
        // per-class slots are read at the receiver's own class, the call
        // passes it as the family root
        let receiver = obj.clone();
        let obj = self.convert(obj, &from, &SomeValue::Impossible, &self_ty)?;
        let fptr = match &only {
            None => {
                self.rt
                    .vtable_slots
                    .borrow_mut()
                    .insert((root, name.to_string()), fty.clone());
                self.emit(
                    LLOpKind::VtableMethod,
                    vec![obj.clone(), LLValue::field(name)],
                    fty,
                )
            }
            Some(only) => {
                let slot = ClassSlot::Method {
                    method: name.to_string(),
                    only: only.clone(),
                };
                self.class_attr(class, obj.clone(), &slot, &fty)?
            }
        };
        let mut call = vec![fptr, obj.clone()];
        let given = self.given_params(first, args.len() + 1, kws);
        for (i, (a, p)) in full.iter().zip(&ps).enumerate().skip(1) {
            let v = if given[i] || self.same_default(impls, i) {
                self.operand(a, p)?
            } else {
                let slot = ClassSlot::Default {
                    method: name.to_string(),
                    param: i,
                    only: only.clone(),
                };
                self.class_attr(class, receiver.clone(), &slot, p)?
            };
            call.push(v);
        }
        Ok(self.emit(LLOpKind::IndirectCall, call, r))
    }

    /// The signature the implementations of method `name` share (self
    /// aside), or an error naming two that differ.
    fn one_signature(&self, name: &str, impls: &[FuncId]) -> DResult<(Vec<LLType>, LLType)> {
        let first = impls[0];
        let (ps, r) = self.rt.sig_parts(first).map_err(|e| self.error(e))?;
        for &other in &impls[1..] {
            let (ops, or) = self.rt.sig_parts(other).map_err(|e| self.error(e))?;
            if ops.len() != ps.len() || ops[1..] != ps[1..] || or != r {
                return Err(self.error(format!(
                    "the implementations {} and {} of method '{name}' do not have one signature",
                    self.rt.prog.func(first).name,
                    self.rt.prog.func(other).name
                )));
            }
        }
        Ok((ps, r))
    }

    /// Which of f's parameters a call passes (the others get defaults).
    fn given_params(&self, f: FuncId, positional: usize, kws: &Kws) -> Vec<bool> {
        let params = &self.rt.prog.func(f).params;
        params
            .iter()
            .enumerate()
            .map(|(i, p)| i < positional || kws.iter().any(|(n, _)| n == &p.name))
            .collect()
    }

    /// Every implementation has the same default for parameter `i`.
    fn same_default(&self, impls: &[FuncId], i: usize) -> bool {
        let default = |f: FuncId| self.rt.prog.func(f).params.get(i).map(|p| &p.default);
        impls.iter().all(|&f| default(f) == default(impls[0]))
    }

    /// `obj.f(args)` where `f` is an instance field holding functions.
    fn call_field(
        &mut self,
        obj: LLValue,
        class: ClassId,
        name: &str,
        args: &[Value],
        kws: &Kws,
    ) -> DResult<LLValue> {
        let Some((_, info)) = self.rt.ann.attr(self.rt.prog, class, name) else {
            return Err(self.error(format!(
                "'{}' has no method '{name}'",
                self.rt.prog.class(class).name
            )));
        };
        let SomeValue::Funcs(fs) = info.ann.clone() else {
            return Err(self.error(format!("attribute '{name}' is not callable")));
        };
        let ty = self.rt.fields[class.index()][name].clone();
        let fptr = self.emit(
            LLOpKind::GetField,
            vec![obj, LLValue::field(name)],
            ty.clone(),
        );
        let first = *fs.iter().next().expect("a non-empty set");
        let full = self.complete_args(first, args, kws)?;
        if fs.len() == 1 {
            return self.call_function(first, &full);
        }
        let LLType::Func(ps, r) = &ty else {
            return Err(self.error(format!("attribute '{name}' is not callable")));
        };
        let mut call = vec![fptr];
        for (a, p) in full.iter().zip(ps.iter()) {
            call.push(self.operand(a, p)?);
        }
        Ok(self.emit(LLOpKind::IndirectCall, call, (**r).clone()))
    }

    /// The distinct reached implementations of a method for the classes
    /// an instance of `class` can have (any subclass when none is ever
    /// instantiated: the call never runs); those classes that have none
    /// are recorded: their vtable entry raises AttributeError.
    fn method_impls(&self, class: ClassId, name: &str) -> Impls {
        let mut classes: Vec<ClassId> = self
            .rt
            .subclasses(class)
            .into_iter()
            .filter(|&d| self.rt.is_instantiated(d))
            .collect();
        if classes.is_empty() {
            classes = self.rt.subclasses(class);
        }
        let mut out = Impls::default();
        for d in classes {
            match self.rt.prog.lookup_method(d, name) {
                Some(f) if self.rt.ann.is_reached(f) && !out.funcs.contains(&f) => {
                    out.funcs.push(f)
                }
                Some(_) => {}
                None if self.rt.is_instantiated(d) => {
                    out.missing = true;
                    let mut missing = self.rt.missing_methods.borrow_mut();
                    missing.insert((d, name.to_string()));
                }
                None => {}
            }
        }
        out
    }

    /// `C(args)`: allocate, store the class-level defaults of fields, the
    /// message of an exception, then call `__init__`.
    pub fn instantiate(&mut self, c: ClassId, args: &[Value], kws: &Kws) -> DResult<LLValue> {
        let ty = self.rt.instance_type(c);
        let obj = self.emit(
            LLOpKind::Malloc,
            vec![LLValue::Const(LLConst::Class(c))],
            ty,
        );
        self.initialize(obj, c, None, args, kws)
    }

    /// `cls(args)` where `cls` is one of several classes: allocate an
    /// instance of the class held in `cls` (`malloc_dynamic`), then
    /// initialize it as an instance of their common base (defaults and
    /// `__init__` through the vtable).
    fn instantiate_dynamic(
        &mut self,
        cls: &Value,
        classes: &[ClassId],
        args: &[Value],
        kws: &Kws,
    ) -> DResult<LLValue> {
        let mut base = classes[0];
        while !classes.iter().all(|&c| self.rt.prog.is_subclass(c, base)) {
            base = self
                .rt
                .prog
                .class(base)
                .base
                .unwrap_or(builtin_class::OBJECT);
        }
        let k = self.operand(cls, &LLType::Class)?;
        let obj = self.emit(
            LLOpKind::MallocDynamic,
            vec![k],
            self.rt.instance_type(base),
        );
        self.initialize(obj, base, Some(classes), args, kws)
    }

    /// Store the class-level defaults of fields and an exception's
    /// message, then call `__init__`. `obj` is an instance of exactly `c`,
    /// or with `dynamic` of one of those classes, all subclasses of `c`
    /// (dispatched through the vtable).
    fn initialize(
        &mut self,
        obj: LLValue,
        c: ClassId,
        dynamic: Option<&[ClassId]>,
        args: &[Value],
        kws: &Kws,
    ) -> DResult<LLValue> {
        let exact = dynamic.is_none();
        let fields = self.rt.fields[c.index()].clone();
        for (name, fty) in &fields {
            let v = if exact {
                match self.rt.prog.lookup_class_attr(c, name) {
                    Some(k) => LLValue::Const(
                        super::convert::const_to_type(self.rt, k, fty)
                            .map_err(|e| self.error(e))?,
                    ),
                    None => continue,
                }
            } else if self
                .rt
                .subclasses(c)
                .iter()
                .any(|&d| self.rt.prog.lookup_class_attr(d, name).is_some())
            {
                self.class_attr(c, obj.clone(), &ClassSlot::Attr(name.clone()), fty)?
            } else {
                continue;
            };
            {
                self.emit(
                    LLOpKind::SetField,
                    vec![obj.clone(), LLValue::field(name), v],
                    LLType::Void,
                );
            }
        }
        if self.rt.prog.is_subclass(c, builtin_class::BASE_EXCEPTION) {
            let msg = self.exception_message(c, args)?;
            if !matches!(msg, LLValue::Const(LLConst::Null(_))) {
                self.emit(
                    LLOpKind::SetField,
                    vec![obj.clone(), LLValue::field(MSG_FIELD), msg],
                    LLType::Void,
                );
            }
        }
        if exact {
            if let Some(init) = self
                .rt
                .prog
                .lookup_method(c, "__init__")
                .filter(|&f| self.rt.ann.is_reached(f))
            {
                let mut with_self = vec![Value::Const(ConstValue::None)];
                with_self.extend(args.iter().cloned());
                let full = self.complete_args(init, &with_self, kws)?;
                self.call_with_self(init, obj.clone(), &full[1..])?;
            }
        } else if let Some(classes) = dynamic {
            let mut impls = Vec::new();
            for &d in classes {
                if let Some(f) = self.rt.prog.lookup_method(d, "__init__") {
                    if self.rt.ann.is_reached(f) && !impls.contains(&f) {
                        impls.push(f);
                    }
                }
            }
            if !impls.is_empty() {
                let only = Some(classes.to_vec());
                let impls = Impls {
                    funcs: impls,
                    missing: false,
                };
                self.dispatch(obj.clone(), c, "__init__", &impls, only, args, kws)?;
            }
        }
        Ok(obj)
    }
}

/// The positional arguments and keywords of a `call_kw`-style op from its
/// names tuple and its arguments (keywords last).
fn split_keywords<'v>(names: &Value, args: &'v [Value]) -> (&'v [Value], Vec<(String, Value)>) {
    let names: Vec<String> = match names {
        Value::Const(ConstValue::Tuple(ns)) => ns
            .iter()
            .map(|n| match n {
                ConstValue::Str(s) => String::from_utf8_lossy(s).into_owned(),
                _ => String::new(),
            })
            .collect(),
        _ => Vec::new(),
    };
    let split = args.len().saturating_sub(names.len());
    let kws = names
        .into_iter()
        .zip(args[split..].iter().cloned())
        .collect();
    (&args[..split], kws)
}
