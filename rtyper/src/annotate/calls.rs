//! Calls: functions (one annotation per function, widened by every call),
//! instantiation, method dispatch on the runtime class, attributes over the
//! class hierarchy, builtins and the methods of str, list and dict.

use super::model::*;
use super::Annotator;
use flowgraph::model::Op;
use flowgraph::ops::OpKind;
use rpy_front::program::{builtin_class, Builtin, ClassId, ConstValue, FuncId, OsFn};
use rpy_front::{DResult, Span};

use SomeValue as S;

/// An argument's type and where it came from.
pub type Arg = (SomeValue, Span);

impl Annotator<'_> {
    /// Call a function: widen its parameters, reach it, and return its
    /// result type so far (`Impossible` until it returns).
    pub fn call_function(
        &mut self,
        fid: FuncId,
        mut args: Vec<Arg>,
        span: Span,
    ) -> DResult<SomeValue> {
        let decl = self.prog.func(fid);
        let nparams = decl.params.len();
        let required = decl.params.iter().filter(|p| p.default.is_none()).count();
        if args.len() > nparams || args.len() < required {
            return Err(self.error(
                span,
                format!(
                    "{}() takes {nparams} arguments but {} were given",
                    decl.name,
                    args.len()
                ),
            ));
        }
        for p in &decl.params[args.len()..] {
            let ann = self.a.const_ann(p.default.as_ref().expect("checked above"));
            args.push((ann, p.span));
        }
        let g = &self.fp.graphs[fid.index()];
        let first_reach = self.reach(fid, span)?;
        let mut changed = false;
        for (i, (ann, origin)) in args.iter().enumerate() {
            let param = g.block(g.startblock).inputargs[i];
            let what = format!("argument '{}' of {}()", decl.params[i].name, decl.name);
            let caller = self.pos.0;
            self.pos.0 = fid;
            changed |= self.merge_var(fid, param, ann, *origin, Some(what));
            self.pos.0 = caller;
            self.a.funcs[fid.index()].args[i] = self.a.var(fid, param);
        }
        if first_reach {
            self.join_vtable_family(fid, span)?;
        }
        if changed {
            self.schedule((fid, g.startblock));
            if let Some(family) = self.method_families.get(&fid).cloned() {
                self.unify_params(&family, span)?;
            }
        }
        // A parameter whose types conflicted: what the function returns
        // says nothing about this call.
        let params = &g.block(g.startblock).inputargs;
        self.taint_if(params.iter().any(|&p| self.is_poisoned_var(fid, p)));
        self.depend_return(fid);
        Ok(self.a.funcs[fid.index()]
            .ret
            .clone()
            .unwrap_or(SomeValue::Impossible))
    }

    /// Reach a function from the current one (called at `span`); returns
    /// whether this is the first time. Every call of a function outside
    /// the run-time dialect fails with its error (recorded once).
    pub fn reach(&mut self, fid: FuncId, span: Span) -> DResult<bool> {
        let g = &self.fp.graphs[fid.index()];
        let first_reach = self.a.vars[fid.index()].is_none();
        if first_reach {
            let nparams = self.prog.func(fid).params.len();
            self.a.vars[fid.index()] = Some(vec![SomeValue::Impossible; g.vars.len()]);
            self.a.funcs[fid.index()].reached = true;
            self.a.funcs[fid.index()].args = vec![SomeValue::Impossible; nparams];
            if fid != self.prog.entry {
                self.a.funcs[fid.index()].called_from = Some((self.pos.0, span));
            }
        }
        if let Some(d) = &self.fp.refused[fid.index()] {
            return Err(self.refused(fid, d));
        }
        if first_reach {
            self.schedule((fid, g.startblock));
        }
        Ok(first_reach)
    }

    /// Arguments of a call op: positional, then keywords as (name, arg).
    fn call_args(
        &self,
        f: FuncId,
        op: &Op,
        args: &[SomeValue],
        skip: usize,
    ) -> (Vec<Arg>, Vec<(String, Arg)>) {
        let with_origin = |i: usize| (args[i].clone(), self.origin(f, &op.args[i], op.span));
        let names: Vec<String> = match op.kind {
            OpKind::CallKw | OpKind::CallMethodKw => match op.args[skip].as_const() {
                Some(ConstValue::Tuple(ns)) => ns
                    .iter()
                    .map(|n| match n {
                        ConstValue::Str(s) => String::from_utf8_lossy(s).into_owned(),
                        _ => String::new(),
                    })
                    .collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        let first = if names.is_empty() && !matches!(op.kind, OpKind::CallKw | OpKind::CallMethodKw)
        {
            skip
        } else {
            skip + 1
        };
        let npos = args.len() - first - names.len();
        let positional = (first..first + npos).map(with_origin).collect();
        let keywords = names
            .into_iter()
            .enumerate()
            .map(|(k, n)| (n, with_origin(first + npos + k)))
            .collect();
        (positional, keywords)
    }

    /// Bind keywords to a function's parameters (after `skip` implicit ones).
    pub(super) fn bind(
        &self,
        fid: FuncId,
        mut positional: Vec<Arg>,
        keywords: Vec<(String, Arg)>,
        span: Span,
    ) -> DResult<Vec<Arg>> {
        if keywords.is_empty() {
            return Ok(positional);
        }
        let decl = self.prog.func(fid);
        let mut slots: Vec<Option<Arg>> = positional.drain(..).map(Some).collect();
        slots.resize(decl.params.len().max(slots.len()), None);
        for (name, arg) in keywords {
            let Some(i) = decl.params.iter().position(|p| p.name == name) else {
                return Err(self.error(
                    span,
                    format!(
                        "{}() got an unexpected keyword argument '{name}'",
                        decl.name
                    ),
                ));
            };
            slots[i] = Some(arg);
        }
        let mut out = Vec::new();
        for (i, s) in slots.into_iter().enumerate() {
            match (s, &decl.params[i].default) {
                (Some(a), _) => out.push(a),
                (None, Some(d)) => out.push((self.a.const_ann(d), span)),
                (None, None) => {
                    return Err(self.error(
                        span,
                        format!(
                            "{}() missing required argument '{}'",
                            decl.name, decl.params[i].name
                        ),
                    ))
                }
            }
        }
        Ok(out)
    }

    /// `simple_call` / `call_kw`.
    pub fn call(&mut self, f: FuncId, op: &Op, args: &[SomeValue]) -> DResult<SomeValue> {
        let (positional, keywords) = self.call_args(f, op, args, 1);
        let span = op.span;
        match &args[0] {
            S::Funcs(fs) => {
                let mut out = S::Impossible;
                for fid in fs.iter().copied().collect::<Vec<_>>() {
                    let bound = self.bind(fid, positional.clone(), keywords.clone(), span)?;
                    let r = self.call_function(fid, bound, span)?;
                    out = self.union(&out, &r).map_err(|c| {
                        self.conflict_error(c, "the result of this call", None, span)
                    })?;
                }
                let family: Vec<FuncId> = fs.iter().copied().collect();
                self.unify_returns(&family, &out, span)?;
                Ok(out)
            }
            S::Classes(cs) => {
                let mut out = S::Impossible;
                for c in cs.iter().copied().collect::<Vec<_>>() {
                    let mut all = positional.clone();
                    if !keywords.is_empty() {
                        let init = self.prog.lookup_method(c, "__init__");
                        let Some(init) = init else {
                            return Err(self.error(
                                span,
                                format!("{}() takes no keyword arguments", self.prog.class(c).name),
                            ));
                        };
                        let mut with_self = vec![(
                            S::Instance {
                                class: c,
                                nullable: false,
                            },
                            span,
                        )];
                        with_self.extend(all);
                        all = self
                            .bind(init, with_self, keywords.clone(), span)?
                            .split_off(1);
                    }
                    let inst = self.instantiate(c, all, span)?;
                    out = self
                        .union(&out, &inst)
                        .map_err(|c| self.conflict_error(c, "the created instance", None, span))?;
                }
                Ok(out)
            }
            S::Builtin(b) => self.builtin(*b, op, positional, keywords),
            other => Err(self.error(span, format!("{} is not callable", self.show(other)))),
        }
    }

    /// Functions called at one place (overriding methods, functions stored
    /// in one variable) share one signature: each returns the union of
    /// their results, even one that never returns (it always raises).
    /// Record that the methods of `family` are called together.
    fn join_family(&mut self, family: &[FuncId]) {
        if family.len() < 2 {
            return;
        }
        let mut all: Vec<FuncId> = family.to_vec();
        for f in family {
            for &g in self.method_families.get(f).into_iter().flatten() {
                if !all.contains(&g) {
                    all.push(g);
                }
            }
        }
        for &f in &all {
            self.method_families.insert(f, all.clone());
        }
    }

    /// Give each parameter but `self` one type across a method family
    /// (a call through the base passes the same values to any of them).
    fn unify_params(&mut self, family: &[FuncId], span: Span) -> DResult<()> {
        let arity = family
            .iter()
            .map(|f| self.prog.func(*f).params.len())
            .min()
            .unwrap_or(0);
        for i in 1..arity {
            let param = |s: &Self, f: FuncId| {
                let g = &s.fp.graphs[f.index()];
                g.block(g.startblock).inputargs[i]
            };
            let mut u = S::Impossible;
            for &f in family {
                let a = self.a.var(f, param(self, f));
                u = self.union(&u, &a).map_err(|c| {
                    self.conflict_error(
                        c,
                        &format!("argument {i} of the method family"),
                        None,
                        span,
                    )
                })?;
            }
            if u.is_impossible() {
                continue;
            }
            for &f in family {
                let p = param(self, f);
                let caller = self.pos.0;
                self.pos.0 = f;
                let what = format!(
                    "argument '{}' of {}()",
                    self.prog.func(f).params[i].name,
                    self.prog.func(f).name
                );
                let changed = self.merge_var(f, p, &u, span, Some(what));
                self.pos.0 = caller;
                if changed {
                    self.a.funcs[f.index()].args[i] = self.a.var(f, p);
                    let g = &self.fp.graphs[f.index()];
                    self.schedule((f, g.startblock));
                }
            }
        }
        Ok(())
    }

    fn unify_returns(&mut self, family: &[FuncId], out: &SomeValue, span: Span) -> DResult<()> {
        if family.len() < 2 || out.is_impossible() {
            return Ok(());
        }
        for &f in family {
            let g = &self.fp.graphs[f.index()];
            let (rb, rv) = (g.returnblock, g.block(g.returnblock).inputargs[0]);
            let what = Some(format!("the return value of {}()", self.prog.func(f).name));
            if self.merge_var(f, rv, out, span, what) {
                self.a.funcs[f.index()].ret = Some(self.a.var(f, rv));
                let deps = self.ret_deps[f.index()].clone();
                self.reflow_all(deps);
            }
            self.a.reached_blocks[f.index()].insert(rb);
        }
        Ok(())
    }

    /// Create an instance of `class` and run its `__init__`.
    pub fn instantiate(
        &mut self,
        class: ClassId,
        args: Vec<Arg>,
        span: Span,
    ) -> DResult<SomeValue> {
        self.a.instantiated[class.index()] = true;
        let inst = S::Instance {
            class,
            nullable: false,
        };
        match self.prog.lookup_method(class, "__init__") {
            Some(init) => {
                let mut all = vec![(inst.clone(), span)];
                all.extend(args);
                self.call_function(init, all, span)?;
            }
            None if self.prog.is_subclass(class, builtin_class::BASE_EXCEPTION)
                && args.len() > 1 =>
            {
                return Err(self.error(
                    span,
                    "an exception takes at most one argument (its message) in rpy",
                ));
            }
            None if self.prog.is_subclass(class, builtin_class::BASE_EXCEPTION) => {}
            None if !args.is_empty() => {
                return Err(self.error(
                    span,
                    format!("{}() takes no arguments", self.prog.class(class).name),
                ));
            }
            None => {}
        }
        Ok(inst)
    }

    /// The implementations a method call on an instance of `class` may run:
    /// the one `class` finds, and the overrides in its subclasses.
    fn method_impls(&self, class: ClassId, name: &str) -> Vec<(ClassId, FuncId)> {
        let mut out = Vec::new();
        if let Some(m) = self.prog.lookup_method(class, name) {
            out.push((class, m));
        }
        for c in &self.prog.classes {
            if c.id != class && self.prog.is_subclass(c.id, class) {
                if let Some(&m) = c.methods.get(name) {
                    out.push((c.id, m));
                }
            }
        }
        out
    }

    /// The reached methods named `name` in the hierarchy of `class`.
    fn vtable_mates(&self, class: ClassId, name: &str) -> Vec<FuncId> {
        let root = self.prog.hierarchy_root(class);
        self.method_impls(root, name)
            .into_iter()
            .map(|(_, m)| m)
            .filter(|m| self.a.vars[m.index()].is_some())
            .collect()
    }

    /// A method reached for the first time joins the family of a vtable
    /// slot its hierarchy already has for its name.
    fn join_vtable_family(&mut self, m: FuncId, span: Span) -> DResult<()> {
        let Some(class) = self.prog.func(m).class else {
            return Ok(());
        };
        let Some(name) = self
            .prog
            .class(class)
            .methods
            .iter()
            .find(|(_, &f)| f == m)
            .map(|(n, _)| n.clone())
        else {
            return Ok(());
        };
        let mates = self.vtable_mates(class, &name);
        let Some(family) = mates
            .iter()
            .find_map(|g| self.method_families.get(g))
            .cloned()
        else {
            return Ok(());
        };
        let mut all = family;
        all.push(m);
        self.join_family(&all);
        self.unify_params(&all, span)
    }

    /// `call_method` / `call_method_kw`.
    pub fn call_method(&mut self, f: FuncId, op: &Op, args: &[SomeValue]) -> DResult<SomeValue> {
        let Some(ConstValue::Str(name)) = op.args[1].as_const() else {
            return Err(self.error(op.span, "method name must be a constant"));
        };
        let name = String::from_utf8_lossy(name).into_owned();
        let (positional, keywords) = self.call_args(f, op, args, 2);
        let span = op.span;
        match &args[0] {
            S::Instance { class, .. } => {
                let class = *class;
                let impls = self.method_impls(class, &name);
                let caller = self.pos.0;
                if impls.is_empty() {
                    // maybe only so far: the receiver may still widen to
                    // a class with the method; `finish` reports it if not
                    self.missing_methods.insert((caller, span), (class, name));
                    return Ok(S::Impossible);
                }
                self.missing_methods.shift_remove(&(caller, span));
                // Only some subclasses have it (RPython's rule): an
                // instance of another one raises AttributeError when it
                // gets here; `finish` refuses a call no instance can make.
                let partial = self.prog.lookup_method(class, &name).is_none();
                if partial {
                    self.partial_calls
                        .insert((class, name.clone(), span, caller));
                }
                let mut out = S::Impossible;
                for &(c, m) in &impls {
                    let mut all = vec![(
                        S::Instance {
                            class: c,
                            nullable: false,
                        },
                        span,
                    )];
                    all.extend(positional.clone());
                    let bound = self.bind(m, all, keywords.clone(), span)?;
                    let r = self.call_function(m, bound, span)?;
                    out = self.union(&out, &r).map_err(|c| {
                        self.conflict_error(c, &format!("the result of .{name}()"), None, span)
                    })?;
                }
                let mut family: Vec<FuncId> = impls.iter().map(|&(_, m)| m).collect();
                if family.len() > 1 || partial {
                    // the call goes through a vtable slot rooted at the
                    // hierarchy's top: every reached method of that name
                    // there shares the slot's signature
                    for m in self.vtable_mates(class, &name) {
                        if !family.contains(&m) {
                            let r = self.a.funcs[m.index()].ret.clone();
                            out = self.union(&out, &r.unwrap_or(S::Impossible)).map_err(|c| {
                                self.conflict_error(
                                    c,
                                    &format!("the result of .{name}()"),
                                    None,
                                    span,
                                )
                            })?;
                            family.push(m);
                        }
                    }
                }
                self.join_family(&family);
                self.unify_params(&family, span)?;
                self.unify_returns(&family, &out, span)?;
                Ok(out)
            }
            recv @ (S::Str { .. } | S::List { .. } | S::Dict { .. }) => {
                if !keywords.is_empty() {
                    return Err(self.error(
                        span,
                        format!(
                            "{}.{name}() takes no keyword arguments in rpy",
                            self.show(recv)
                        ),
                    ));
                }
                let recv = recv.clone();
                self.builtin_method(op, &recv, &name, positional)
            }
            other => Err(self.error(span, format!("{} has no method '{name}'", self.show(other)))),
        }
    }

    /// After the fixpoint: a method call whose receiver's class, and
    /// every subclass, lacks the method.
    pub(super) fn check_missing_methods(&mut self) -> DResult<()> {
        if let Some((&(f, span), (class, name))) = self.missing_methods.first() {
            let msg = format!("{} has no method '{name}'", self.prog.class(*class).name);
            self.pos.0 = f;
            return Err(self.error(span, msg));
        }
        Ok(())
    }

    /// After the fixpoint: a call of a method that its receiver's class
    /// lacks is an error when no instance that can reach it has the
    /// method — some instances exist, but only classes never instantiated
    /// define it.
    pub(super) fn check_partial_calls(&mut self) -> DResult<()> {
        for (class, name, span, f) in self.partial_calls.clone() {
            let reaching: Vec<ClassId> = self
                .prog
                .classes
                .iter()
                .filter(|c| self.prog.is_subclass(c.id, class) && self.a.instantiated[c.id.index()])
                .map(|c| c.id)
                .collect();
            if reaching.is_empty()
                || reaching
                    .iter()
                    .any(|&c| self.prog.lookup_method(c, &name).is_some())
            {
                continue;
            }
            let names = |cs: &mut dyn Iterator<Item = ClassId>| {
                cs.map(|c| self.prog.class(c).name.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let defining = names(&mut self.method_impls(class, &name).into_iter().map(|(c, _)| c));
            let cname = &self.prog.class(class).name;
            let msg = format!(
                "{cname} has no method '{name}', and no instance that can reach this call has one: of {cname} and its subclasses the program instantiates only {}, and '{name}' is defined only on {defining}",
                names(&mut reaching.into_iter())
            );
            self.pos.0 = f;
            return Err(self.error(span, msg));
        }
        Ok(())
    }

    /// A list made of a dict's keys, values or items (`what`) that widens
    /// later widens the dict too (RPython's offspring), so the list is
    /// made without converting its items.
    pub(super) fn dict_follows_list(
        &mut self,
        dict: DictDefId,
        what: &str,
        list: ListDefId,
        span: Span,
    ) -> DResult<()> {
        let item = self.list_item(list);
        match (what, &item) {
            ("keys", k) => self.dict_store(dict, Some(k), None, span),
            ("values", v) => self.dict_store(dict, None, Some(v), span),
            (_, S::Tuple(kv)) if kv.len() == 2 => {
                self.dict_store(dict, Some(&kv[0]), Some(&kv[1]), span)
            }
            _ => Ok(()),
        }
    }

    /// A class-level constant read through an instance: the union over the
    /// class and its subclasses that redefine it.
    pub fn class_attr_ann(&mut self, class: ClassId, name: &str) -> Option<SomeValue> {
        let mut anns: Vec<SomeValue> = self
            .prog
            .lookup_class_attr(class, name)
            .map(|c| self.a.const_ann(c))
            .into_iter()
            .collect();
        for c in &self.prog.classes {
            if c.id != class && self.prog.is_subclass(c.id, class) {
                if let Some(v) = c.attrs.get(name) {
                    anns.push(self.a.const_ann(v));
                }
            }
        }
        let mut out = anns.pop()?;
        for a in anns {
            out = self.union(&out, &a).ok()?;
        }
        Some(out)
    }

    /// Move an attribute set only on subclasses of `class` up to `class`.
    fn lift_attr(&mut self, class: ClassId, name: &str) -> DResult<bool> {
        let subs: Vec<ClassId> = self
            .prog
            .classes
            .iter()
            .filter(|c| {
                c.id != class
                    && self.prog.is_subclass(c.id, class)
                    && self.a.attrs[c.id.index()].contains_key(name)
            })
            .map(|c| c.id)
            .collect();
        if subs.is_empty() {
            return Ok(false);
        }
        let mut merged: Option<AttrInfo> = None;
        for s in subs {
            let info = self.a.attrs[s.index()]
                .shift_remove(name)
                .expect("filtered above");
            merged = Some(match merged {
                None => info,
                Some(m) => {
                    let ann = self.union(&m.ann, &info.ann).map_err(|c| {
                        self.poison_attr(class, name);
                        self.conflict_error(
                            c,
                            &format!("attribute '{name}'"),
                            m.origin,
                            info.origin.unwrap_or_default(),
                        )
                    })?;
                    AttrInfo {
                        ann,
                        origin: m.origin,
                        assigned: m.assigned || info.assigned,
                    }
                }
            });
        }
        self.a.attrs[class.index()]
            .insert(name.to_string(), merged.expect("one subclass at least"));
        // Readers on the subclasses it came from, and on siblings that
        // were waiting for it (dead until now), see it at its new owner.
        self.reflow_attr_family(class, name);
        Ok(true)
    }

    pub fn getattr(&mut self, op: &Op, obj: &SomeValue) -> DResult<SomeValue> {
        let Some(ConstValue::Str(name)) = op.args[1].as_const() else {
            return Err(self.error(op.span, "attribute name must be a constant"));
        };
        let name = String::from_utf8_lossy(name).into_owned();
        let S::Instance { class, .. } = obj else {
            return Err(self.error(
                op.span,
                format!("{} has no attribute '{name}'", self.show(obj)),
            ));
        };
        let class = *class;
        if self.a.attr(self.prog, class, &name).is_none() {
            self.lift_attr(class, &name)?;
        }
        if let Some((owner, info)) = self.a.attr(self.prog, class, &name) {
            let ann = info.ann.clone();
            self.depend_attr(owner, &name);
            return Ok(ann);
        }
        if let Some(ann) = self.class_attr_ann(class, &name) {
            // A later assignment on an instance makes this a field: read again then.
            self.depend_attr(class, &name);
            return Ok(ann);
        }
        if self.prog.lookup_method(class, &name).is_some() {
            return Err(self.error(op.span, format!("a method used as a value (.{name} without a call) is not supported in rpy; call it directly")));
        }
        // Maybe an assignment not annotated yet: wait for it.
        self.depend_attr(class, &name);
        self.unresolved_attrs
            .push((class, name, op.span, self.pos.0));
        Ok(S::Impossible)
    }

    pub fn setattr(&mut self, f: FuncId, op: &Op, obj: &SomeValue, v: &SomeValue) -> DResult<()> {
        let Some(ConstValue::Str(name)) = op.args[1].as_const() else {
            return Err(self.error(op.span, "attribute name must be a constant"));
        };
        let name = String::from_utf8_lossy(name).into_owned();
        let S::Instance { class, .. } = obj else {
            return Err(self.error(
                op.span,
                format!("cannot set attribute '{name}' on {}", self.show(obj)),
            ));
        };
        let origin = self.origin(f, &op.args[2], op.span);
        self.store_attr(*class, &name, v, op.span, origin)
    }

    /// Store a value of type `v` (which came from `origin`) into attribute
    /// `name` of an instance of `class` (at `span`): the attribute lives on
    /// the most general class that has it and widens there.
    pub fn store_attr(
        &mut self,
        class: ClassId,
        name: &str,
        v: &SomeValue,
        span: Span,
        origin: Span,
    ) -> DResult<()> {
        if !self.method_impls(class, name).is_empty() {
            return Err(self.error(
                span,
                format!(
                    "attribute '{name}' has the name of a method of {} (rpy keeps one meaning per name in a class hierarchy)",
                    self.prog.class(class).name
                ),
            ));
        }
        if self.a.attr(self.prog, class, name).is_none() {
            self.lift_attr(class, name)?;
        }
        let owner = match self.a.attr(self.prog, class, name) {
            Some((owner, _)) => owner,
            None => {
                let default = self.class_attr_ann(class, name).unwrap_or(S::Impossible);
                self.a.attrs[class.index()].insert(
                    name.to_string(),
                    AttrInfo {
                        ann: default,
                        origin: None,
                        assigned: true,
                    },
                );
                // Readers waiting on this class's family see it now.
                self.reflow_attr_family(class, name);
                class
            }
        };
        if self.attr_poisoned(owner, name) {
            return Ok(());
        }
        let info = self.a.attrs[owner.index()][name].clone();
        let what = format!("attribute '{name}' of {}", self.prog.class(owner).name);
        let merged = self.union(&info.ann, v).map_err(|c| {
            self.poison_attr(owner, name);
            self.conflict_error(c, &what, info.origin, origin)
        })?;
        let merged = self.a.norm(&merged);
        if merged != self.a.norm(&info.ann) || info.origin.is_none() {
            let entry = self.a.attrs[owner.index()]
                .get_mut(name)
                .expect("inserted above");
            entry.ann = merged;
            entry.origin.get_or_insert(origin);
            entry.assigned = true;
            self.reflow_attr(owner, name);
        }
        Ok(())
    }

    fn builtin(
        &mut self,
        b: Builtin,
        op: &Op,
        args: Vec<Arg>,
        keywords: Vec<(String, Arg)>,
    ) -> DResult<SomeValue> {
        let span = op.span;
        let anns: Vec<SomeValue> = args.iter().map(|a| a.0.clone()).collect();
        if matches!(
            b,
            Builtin::Super
                | Builtin::JitDriver
                | Builtin::Elidable
                | Builtin::DontLookInside
                | Builtin::UnrollSafe
        ) {
            return Err(self.error(span, format!("{}() cannot be called here", b.name())));
        }
        let (lo, hi) = b.arity();
        if !(lo..=hi).contains(&anns.len()) {
            let range = if lo == hi {
                lo.to_string()
            } else {
                format!("{lo} to {hi}")
            };
            return Err(self.error(
                span,
                format!(
                    "{}() takes {range} arguments, {} given",
                    b.name(),
                    anns.len()
                ),
            ));
        }
        if let Some((accepts, result, what)) = simple_rule(b) {
            if !anns.iter().all(accepts) {
                return self.bad_builtin(b, &anns, span, what);
            }
            return Ok(result);
        }
        if let Some((kinds, result, what)) = typed_rule(b) {
            if !anns.iter().zip(kinds).all(|(a, accepts)| accepts(a)) {
                return self.bad_builtin(b, &anns, span, what);
            }
            return Ok(result);
        }
        match b {
            Builtin::Print => {
                for (name, (ann, _)) in &keywords {
                    if !matches!(
                        ann,
                        S::Str {
                            nullable: false,
                            ..
                        }
                    ) {
                        return Err(self.error(span, format!("print()'s {name}= must be a str")));
                    }
                }
                Ok(S::None)
            }
            Builtin::Range => {
                if let Some(a) = anns.iter().find(|a| !a.is_intlike()) {
                    return Err(
                        self.error(span, format!("range() needs ints, not {}", self.show(a)))
                    );
                }
                Ok(self.new_list(op, S::INT))
            }
            Builtin::Enumerate => {
                let item = match &anns[0] {
                    S::List { def, .. } => self.list_item(*def),
                    S::Str { .. } => S::CHAR,
                    _ => {
                        return self.bad_builtin(
                            b,
                            &anns,
                            span,
                            "enumerate() takes a list or a str",
                        )
                    }
                };
                Ok(self.new_list(op, Self::tuple(vec![S::NONNEG, item])))
            }
            Builtin::Int | Builtin::Float => self.int_float(b, &anns, span),
            Builtin::Abs => match &anns[0] {
                a if a.is_intlike() => Ok(S::INT),
                S::Float => Ok(S::Float),
                _ => self.bad_builtin(b, &anns, span, "abs() takes a number"),
            },
            Builtin::Min | Builtin::Max => self.min_max(b, &anns, span),
            Builtin::List => self.list_of(op, &anns),
            Builtin::Promote => Ok(anns[0].clone()),
            Builtin::WeAreJitted => Ok(S::Bool),
            other => Err(self.error(span, format!("{}() cannot be called here", other.name()))),
        }
    }

    /// A list made at `op` holding `item`s.
    fn new_list(&mut self, op: &Op, item: SomeValue) -> SomeValue {
        let d = self.list_site(op.result, item, op.span);
        S::List {
            def: d,
            nullable: false,
        }
    }

    fn bad_builtin(
        &self,
        b: Builtin,
        anns: &[SomeValue],
        span: Span,
        what: &str,
    ) -> DResult<SomeValue> {
        Err(self.error(
            span,
            format!(
                "{}() of {} is not supported ({what})",
                b.name(),
                anns.first().map(|a| self.show(a)).unwrap_or_default()
            ),
        ))
    }

    /// `int(x)`, `int(s, base)`, `float(x)` of a str or a number.
    fn int_float(&self, b: Builtin, anns: &[SomeValue], span: Span) -> DResult<SomeValue> {
        if anns == [S::UInt] {
            if b == Builtin::Int {
                // RPython's rule
                return self.bad_builtin(
                    b,
                    anns,
                    span,
                    "use intmask() instead of int(r_uint(...))",
                );
            }
            return Ok(S::Float);
        }
        let ok = match anns {
            [x] => x.is_number() || matches!(x, S::Str { .. }),
            [s, base] => matches!(s, S::Str { .. }) && base.is_intlike(),
            _ => false,
        };
        if !ok {
            let what = if anns.len() == 2 {
                "int(s, base) takes a str and an int".to_string()
            } else {
                format!("{}() takes a str, an int or a float", b.name())
            };
            return self.bad_builtin(b, anns, span, &what);
        }
        Ok(if b == Builtin::Int { S::INT } else { S::Float })
    }

    /// `min(a, b)`, `max(a, b)`: an int and a float give a float; else the
    /// union of both.
    fn min_max(&mut self, b: Builtin, anns: &[SomeValue], span: Span) -> DResult<SomeValue> {
        if anns[0].is_number()
            && anns[1].is_number()
            && (anns[0] == S::Float) != (anns[1] == S::Float)
        {
            return Ok(S::Float);
        }
        self.union(&anns[0], &anns[1]).map_err(|c| {
            self.conflict_error(c, &format!("the arguments of {}()", b.name()), None, span)
        })
    }

    /// `list(xs)`: a new list of a list's items, a str's chars or a dict's
    /// keys.
    fn list_of(&mut self, op: &Op, anns: &[SomeValue]) -> DResult<SomeValue> {
        let span = op.span;
        let item = match &anns[0] {
            S::List { def, .. } => self.list_item(*def),
            S::Str { .. } => S::CHAR,
            S::Dict { def, .. } => {
                self.depend_dict(*def);
                self.a.dictdef(*def).key.clone()
            }
            _ => {
                return self.bad_builtin(
                    Builtin::List,
                    anns,
                    span,
                    "list() takes a list, a str or a dict",
                )
            }
        };
        let d = self.list_site(op.result, item.clone(), span);
        self.list_store(d, &item, span)?;
        match &anns[0] {
            S::List { def, .. } => self.list_agree(d, *def, span)?,
            S::Dict { def, .. } => self.dict_follows_list(*def, "keys", d, span)?,
            _ => {}
        }
        Ok(S::List {
            def: d,
            nullable: false,
        })
    }
}

fn any(_: &SomeValue) -> bool {
    true
}

fn int_or_uint(a: &SomeValue) -> bool {
    a.is_intlike() || *a == S::UInt
}

fn is_str(a: &SomeValue) -> bool {
    matches!(a, S::Str { .. })
}

/// A builtin's rule when each argument has its own kind and the result
/// is fixed: the `os` and `time` functions.
type TypedRule = (&'static [fn(&SomeValue) -> bool], SomeValue, &'static str);

fn is_int(a: &SomeValue) -> bool {
    a.is_intlike()
}

fn typed_rule(b: Builtin) -> Option<TypedRule> {
    const I: fn(&SomeValue) -> bool = is_int;
    const S_: fn(&SomeValue) -> bool = is_str;
    Some(match b {
        Builtin::Os(OsFn::Write) => (&[I, S_], S::INT, "os.write(fd, s) takes an int and a str"),
        Builtin::Os(OsFn::Read) => (&[I, I], S::STR, "os.read(fd, n) takes two ints"),
        Builtin::Os(OsFn::Open) => (
            &[S_, I, I],
            S::INT,
            "os.open(path, flags, mode) takes a str and ints",
        ),
        Builtin::Os(OsFn::Close) => (&[I], S::None, "os.close(fd) takes an int"),
        Builtin::Os(OsFn::Lseek) => (&[I, I, I], S::INT, "os.lseek(fd, pos, how) takes ints"),
        Builtin::Os(OsFn::Time | OsFn::Clock) => (&[], S::Float, ""),
        _ => return None,
    })
}

/// A builtin's rule when it is just: each argument accepted by a
/// predicate, and a fixed result type (the counts are `Builtin::arity`).
type SimpleRule = (fn(&SomeValue) -> bool, SomeValue, &'static str);

fn simple_rule(b: Builtin) -> Option<SimpleRule> {
    Some(match b {
        Builtin::Len => (any, S::NONNEG, ""),
        Builtin::Str => (any, S::STR, ""),
        Builtin::Bool => (any, S::Bool, ""),
        Builtin::Hash => (any, S::INT, ""),
        Builtin::Isinstance => (any, S::Bool, ""),
        Builtin::Ord => (is_str, S::NONNEG, "ord() takes a one-character str"),
        Builtin::Chr => (SomeValue::is_intlike, S::CHAR, "chr() takes an int"),
        Builtin::Write | Builtin::WriteErr => (is_str, S::None, "it writes a str"),
        Builtin::ReadFile => (is_str, S::STR, "read_file() takes a path str"),
        Builtin::ReadStdin => (
            SomeValue::is_intlike,
            S::STR,
            "read_stdin() takes a byte count",
        ),
        Builtin::Flush => (any, S::None, ""),
        Builtin::RUint => (int_or_uint, S::UInt, "r_uint() takes an int"),
        Builtin::IntMask => (int_or_uint, S::INT, "intmask() takes an int or an r_uint"),
        Builtin::IsValidInt => (any, S::Bool, ""),
        _ => return None,
    })
}
