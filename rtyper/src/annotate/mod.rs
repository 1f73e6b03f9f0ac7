//! rpy_rtyper::annotate — whole-program type inference from the entry point
//! (after PyPy's annotator): a worklist over blocks, one annotation per
//! function, list/dict definitions and instance attributes shared over the
//! whole program, and diagnostics that explain every refusal. An error
//! does not stop it: it is recorded and what it left untyped is poisoned
//! (`poison.rs`), so the errors of independent code are all reported.

mod calls;
mod methods;
pub mod model;
mod narrow;
mod overloading;
pub mod percent;
mod poison;
pub mod print;
pub mod result;
mod rules;
mod show;
mod union;
mod unsigned;

pub use model::*;
pub use result::Annotations;

use flowgraph::model::{BlockId, ExitCase, ExitSwitch, Value, VarId};
use flowgraph::ops::OpKind;
use flowgraph::FlowProgram;
use indexmap::{IndexMap, IndexSet};
use rpy_front::program::{ClassId, ConstValue, FuncId, Prebuilt, Program};
use rpy_front::{DResult, Diagnostics, Span};
use std::collections::{HashMap, HashSet, VecDeque};
use std::rc::Rc;

/// A place that reads some shared state: a block of a function.
type Pos = (FuncId, BlockId);

/// Annotate the program from its entry point; every error found, if any.
pub fn annotate(fp: &FlowProgram) -> Result<Annotations, Diagnostics> {
    let prog = &fp.program;
    let n = prog.functions.len();
    let mut an = Annotator {
        fp,
        prog,
        a: Annotations {
            vars: vec![None; n],
            reached_blocks: vec![HashSet::new(); n],
            funcs: vec![FuncInfo::default(); n],
            attrs: vec![IndexMap::new(); prog.classes.len()],
            instantiated: vec![false; prog.classes.len()],
            drivers: prog
                .drivers
                .iter()
                .map(|d| DriverInfo {
                    greens: vec![SomeValue::Impossible; d.greens.len()],
                    reds: vec![SomeValue::Impossible; d.reds.len()],
                    portal: None,
                })
                .collect(),
            prebuilt: vec![SomeValue::Impossible; prog.prebuilt.len()],
            ..Annotations::default()
        },
        origins: vec![HashMap::new(); n],
        worklist: VecDeque::new(),
        queued: HashSet::new(),
        pos: (prog.entry, fp.graphs[prog.entry.index()].startblock),
        ret_deps: vec![HashSet::new(); n],
        list_deps: HashMap::new(),
        dict_deps: HashMap::new(),
        attr_deps: HashMap::new(),
        list_sites: HashMap::new(),
        dict_sites: HashMap::new(),
        unresolved_attrs: Vec::new(),
        partial_calls: IndexSet::new(),
        missing_methods: IndexMap::new(),
        none_receivers: IndexSet::new(),
        method_families: HashMap::new(),
        poison: poison::Poison::default(),
    };
    an.init_prebuilt()?;
    let argv_def = an.new_listdef(SomeValue::STR, None);
    let entry_span = prog.func(prog.entry).span;
    let argv = SomeValue::List {
        def: argv_def,
        nullable: false,
    };
    an.call_function(prog.entry, vec![(argv, entry_span)], entry_span)?;
    an.run();
    if let Some(errors) = Diagnostics::new(std::mem::take(&mut an.poison.errors)) {
        return Err(errors);
    }
    an.finish()?;
    Ok(an.a)
}

impl<'a> Annotator<'a> {
    /// An annotator holding finished annotations, to show types.
    pub(crate) fn for_printing(fp: &'a FlowProgram, ann: &Annotations) -> Annotator<'a> {
        let prog = &fp.program;
        Annotator {
            fp,
            prog,
            a: ann.clone(),
            origins: Vec::new(),
            worklist: VecDeque::new(),
            queued: HashSet::new(),
            pos: (prog.entry, fp.graphs[prog.entry.index()].startblock),
            ret_deps: Vec::new(),
            list_deps: HashMap::new(),
            dict_deps: HashMap::new(),
            attr_deps: HashMap::new(),
            list_sites: HashMap::new(),
            dict_sites: HashMap::new(),
            unresolved_attrs: Vec::new(),
            partial_calls: IndexSet::new(),
            missing_methods: IndexMap::new(),
            none_receivers: IndexSet::new(),
            method_families: HashMap::new(),
            poison: poison::Poison::default(),
        }
    }
}

pub(crate) struct Annotator<'a> {
    pub fp: &'a FlowProgram,
    pub prog: &'a Program,
    pub a: Annotations,
    /// Per function: where each variable's type came from.
    pub origins: Vec<HashMap<VarId, Span>>,
    worklist: VecDeque<Pos>,
    queued: HashSet<Pos>,
    /// The block being annotated.
    pub pos: Pos,
    /// Who reads each function's return type, list/dict definition, attribute.
    pub ret_deps: Vec<HashSet<Pos>>,
    list_deps: HashMap<u32, HashSet<Pos>>,
    dict_deps: HashMap<u32, HashSet<Pos>>,
    attr_deps: HashMap<(ClassId, String), HashSet<Pos>>,
    /// One list/dict definition per creating op.
    list_sites: HashMap<(FuncId, VarId), ListDefId>,
    dict_sites: HashMap<(FuncId, VarId), DictDefId>,
    /// Attribute reads not (yet) matched by any assignment.
    unresolved_attrs: Vec<(ClassId, String, Span, FuncId)>,
    /// Method calls on instances of a class that has no such method (only
    /// some of its subclasses do): (class, name, call, caller).
    partial_calls: IndexSet<(ClassId, String, Span, FuncId)>,
    /// Method calls whose receiver's class has no such method in its
    /// whole hierarchy (so far: the receiver may widen), by (caller, call).
    missing_methods: IndexMap<(FuncId, Span), (ClassId, String)>,
    /// Ops (function, block, index) whose receiver (`x` of `x.a`,
    /// `x.m()`, `x[i]`, `len(x)`, ...) was only ever `None` so far, or
    /// whose typing failed with an operand that was only `None` so far
    /// (`"named " + p.name`). A
    /// nullable attribute read before any non-None assignment of it is
    /// annotated looks like this (`if o.h is not None: o = o.h.next`
    /// reads `o.h` anew, so the test does not narrow it); the block is
    /// re-flowed when the receiver widens, and `finish` reports the ones
    /// still `None` at the fixpoint.
    none_receivers: IndexSet<(FuncId, BlockId, usize)>,
    /// The implementations of a method called together through a base
    /// class (RPython's call family), per member: their parameters share
    /// one type each, so one vtable slot type serves them all.
    pub method_families: HashMap<FuncId, Vec<FuncId>>,
    /// The errors so far, and what they left untyped.
    poison: poison::Poison,
}

impl Annotator<'_> {
    fn schedule(&mut self, pos: Pos) {
        if self.queued.insert(pos) {
            self.worklist.push_back(pos);
        }
    }

    pub fn reflow_all(&mut self, deps: HashSet<Pos>) {
        for p in deps {
            self.schedule(p);
        }
    }

    pub fn reflow_list(&mut self, root: ListDefId) {
        let deps = self.list_deps.get(&root.0).cloned().unwrap_or_default();
        self.reflow_all(deps);
    }

    pub fn reflow_dict(&mut self, root: DictDefId) {
        let deps = self.dict_deps.get(&root.0).cloned().unwrap_or_default();
        self.reflow_all(deps);
    }

    pub fn reflow_attr(&mut self, class: ClassId, name: &str) {
        let deps = self
            .attr_deps
            .get(&(class, name.to_string()))
            .cloned()
            .unwrap_or_default();
        self.reflow_all(deps);
    }

    /// Reflow every reader of attribute `name` on `class`, its bases and
    /// its subclasses (a new attribute may be what they were waiting for).
    pub fn reflow_attr_family(&mut self, class: ClassId, name: &str) {
        let related: Vec<ClassId> = self
            .prog
            .classes
            .iter()
            .map(|c| c.id)
            .filter(|&c| self.prog.is_subclass(c, class) || self.prog.is_subclass(class, c))
            .collect();
        for c in related {
            self.reflow_attr(c, name);
        }
    }

    /// The current block reads this list definition (every read of
    /// shared state goes through a `depend_*`, which notes a poisoned one).
    pub fn depend_list(&mut self, def: ListDefId) {
        let r = self.a.list_root(def);
        let pos = self.pos;
        self.list_deps.entry(r.0).or_default().insert(pos);
        self.taint_if(self.list_poisoned(r));
    }

    pub fn depend_dict(&mut self, def: DictDefId) {
        let r = self.a.dict_root(def);
        let pos = self.pos;
        self.dict_deps.entry(r.0).or_default().insert(pos);
        self.taint_if(self.dict_poisoned(r));
    }

    pub fn depend_attr(&mut self, class: ClassId, name: &str) {
        let pos = self.pos;
        self.attr_deps
            .entry((class, name.to_string()))
            .or_default()
            .insert(pos);
        self.taint_if(self.attr_poisoned(class, name));
    }

    pub fn depend_return(&mut self, f: FuncId) {
        let pos = self.pos;
        self.ret_deps[f.index()].insert(pos);
        self.taint_if(self.return_poisoned(f));
    }

    /// The list definition of the list created by the current op.
    pub fn list_site(&mut self, result: VarId, item: SomeValue, origin: Span) -> ListDefId {
        let key = (self.pos.0, result);
        if let Some(&d) = self.list_sites.get(&key) {
            return d;
        }
        let d = self.new_listdef(item, Some(origin));
        self.list_sites.insert(key, d);
        d
    }

    pub fn dict_site(&mut self, result: VarId, origin: Span) -> DictDefId {
        let key = (self.pos.0, result);
        if let Some(&d) = self.dict_sites.get(&key) {
            return d;
        }
        let d = self.new_dictdef(SomeValue::Impossible, SomeValue::Impossible, Some(origin));
        self.dict_sites.insert(key, d);
        d
    }

    /// Give every prebuilt object its type (all first: they may refer to
    /// each other), then its contents': the items of a list or dict, the
    /// fields of an instance as attributes of its class.
    fn init_prebuilt(&mut self) -> DResult<()> {
        let prog = self.prog;
        for (i, p) in prog.prebuilt.iter().enumerate() {
            self.a.prebuilt[i] = match p {
                Prebuilt::List(_) => SomeValue::List {
                    def: self.new_listdef(SomeValue::Impossible, None),
                    nullable: false,
                },
                Prebuilt::Dict(_) => SomeValue::Dict {
                    def: self.new_dictdef(SomeValue::Impossible, SomeValue::Impossible, None),
                    nullable: false,
                },
                Prebuilt::Instance { class, .. } => self.prebuilt_instance(*class)?,
            };
        }
        for (i, p) in prog.prebuilt.iter().enumerate() {
            match p {
                Prebuilt::Instance { class, fields } => self.prebuilt_fields(*class, fields)?,
                _ => {
                    // A prebuilt list or dict mixing types is reported when it is used.
                    let _ = self.prebuilt_items(p, self.a.prebuilt[i].clone());
                }
            }
        }
        Ok(())
    }

    /// Store the items of a prebuilt list or dict (of type `ann`).
    fn prebuilt_items(&mut self, p: &Prebuilt, ann: SomeValue) -> DResult<()> {
        let span = self.prog.func(self.prog.entry).span;
        match (p, ann) {
            (Prebuilt::List(items), SomeValue::List { def, .. }) => {
                items.iter().try_for_each(|item| {
                    let ann = self.a.const_ann(item);
                    self.list_store(def, &ann, span)
                })
            }
            (Prebuilt::Dict(items), SomeValue::Dict { def, .. }) => {
                items.iter().try_for_each(|(k, v)| {
                    let (k, v) = (self.a.const_ann(k), self.a.const_ann(v));
                    self.dict_store(def, Some(&k), Some(&v), span)
                })
            }
            _ => Ok(()),
        }
    }

    /// The type of a prebuilt instance of `class`, which counts as
    /// instantiated.
    fn prebuilt_instance(&mut self, class: ClassId) -> DResult<SomeValue> {
        if self
            .prog
            .is_subclass(class, rpy_front::program::builtin_class::BASE_EXCEPTION)
        {
            return Err(self.error(
                self.class_span(class),
                format!(
                    "a prebuilt instance of the exception class {} is not supported yet",
                    self.prog.class(class).name
                ),
            ));
        }
        self.a.instantiated[class.index()] = true;
        Ok(SomeValue::Instance {
            class,
            nullable: false,
        })
    }

    /// The fields of a prebuilt instance of `class`, stored as if assigned
    /// on an instance (so that they are real fields, typed over every
    /// instance of the class).
    fn prebuilt_fields(&mut self, class: ClassId, fields: &[(String, ConstValue)]) -> DResult<()> {
        let span = self.class_span(class);
        for (name, v) in fields {
            let ann = self.a.const_ann(v);
            self.store_attr(class, name, &ann, span, span)
                .map_err(|d| {
                    d.with_note(format!(
                        "field '{name}' of a prebuilt instance of {} (set at module level)",
                        self.prog.class(class).name
                    ))
                })?;
        }
        Ok(())
    }

    /// Where a class is defined (the entry point for a builtin class).
    fn class_span(&self, class: ClassId) -> Span {
        let c = self.prog.class(class);
        if c.builtin {
            self.prog.func(self.prog.entry).span
        } else {
            c.span
        }
    }

    fn run(&mut self) {
        while let Some(pos) = self.worklist.pop_front() {
            self.queued.remove(&pos);
            self.pos = pos;
            self.flow_block(pos.0, pos.1);
        }
    }

    /// The type of an operand in function `f`.
    pub fn ann(&self, f: FuncId, v: &Value) -> SomeValue {
        self.a.value(f, v)
    }

    /// Where an operand's type came from (`fallback` for constants).
    pub fn origin(&self, f: FuncId, v: &Value, fallback: Span) -> Span {
        match v {
            Value::Var(x) => self.origins[f.index()].get(x).copied().unwrap_or(fallback),
            Value::Const(_) => fallback,
        }
    }

    /// Widen a variable's type; returns whether it changed. `what` names
    /// the variable for a conflict, which is recorded and poisons it.
    pub fn merge_var(
        &mut self,
        f: FuncId,
        v: VarId,
        new: &SomeValue,
        origin: Span,
        what: Option<String>,
    ) -> bool {
        if self.is_poisoned_var(f, v) {
            return false;
        }
        let old = self.a.var(f, v);
        let merged = match self.union(&old, new) {
            Ok(m) => m,
            Err(c) => {
                let name = what
                    .or_else(|| self.user_name(f, v).map(|n| format!("'{n}'")))
                    .unwrap_or_else(|| "this value".to_string());
                let old_origin = self.origins[f.index()].get(&v).copied();
                let e = self.conflict_error(c, &name, old_origin, origin);
                self.record(e);
                return self.poison_var(f, v);
            }
        };
        let merged = self.a.norm(&merged);
        if merged == old {
            return false;
        }
        self.origins[f.index()].entry(v).or_insert(origin);
        if let Some(vars) = self.a.vars[f.index()].as_mut() {
            vars[v.index()] = merged;
        }
        true
    }

    fn flow_block(&mut self, f: FuncId, b: BlockId) {
        let fp = self.fp;
        let g = &fp.graphs[f.index()];
        self.a.reached_blocks[f.index()].insert(b);
        let block = g.block(b);
        let raising_last = matches!(block.switch(), ExitSwitch::LastException);
        for (i, op) in block.ops.iter().enumerate() {
            if self.skip_poisoned(f, op) {
                continue;
            }
            let args: Vec<SomeValue> = op.args.iter().map(|a| self.ann(f, a)).collect();
            if args.iter().any(SomeValue::is_impossible) {
                return; // not reachable with these types (yet)
            }
            if receiver_is_none(op.kind, &args) {
                // Not an error yet: the receiver may still widen to a
                // nullable reference (see `none_receivers`).
                self.none_receivers.insert((f, b, i));
                return;
            }
            self.poison.tainted = false;
            let result = match self.op(f, op, &args) {
                Ok(r) if !self.poison.tainted => r,
                Ok(_) => {
                    self.poison_var(f, op.result);
                    continue;
                }
                Err(_) if has_none_var(op, &args) => {
                    // Maybe only so far: the `None` may widen later.
                    self.none_receivers.insert((f, b, i));
                    return;
                }
                Err(e) => {
                    self.record(e);
                    self.skip_op(f, op);
                    continue;
                }
            };
            let is_last = i + 1 == block.ops.len();
            if result.is_impossible() {
                if is_last && raising_last {
                    self.follow_exits(f, b, true);
                }
                return;
            }
            self.merge_var(f, op.result, &result, op.span, None);
        }
        self.follow_exits(f, b, false);
    }

    /// Send the block's values along its exits (only the exceptional ones
    /// when its last op produced no value).
    fn follow_exits(&mut self, f: FuncId, b: BlockId, only_exceptions: bool) {
        let fp = self.fp;
        let g = &fp.graphs[f.index()];
        let block = g.block(b);
        let raise_span = block.ops.last().map(|op| op.span);
        for &l in &block.exits {
            let link = g.link(l);
            if let ExitCase::Exception(cls) = link.exitcase {
                if let Some(e) = link.last_exc_value {
                    let ann = SomeValue::Instance {
                        class: cls,
                        nullable: false,
                    };
                    self.merge_var(f, e, &ann, raise_span.unwrap_or(link.span), None);
                }
            } else if only_exceptions {
                continue;
            }
            let narrowed = self.narrowing(f, b, &link.exitcase);
            if narrowed.values().any(SomeValue::is_impossible) {
                self.a.dead_links.insert((f, l));
                continue;
            }
            self.a.dead_links.remove(&(f, l));
            let target = g.link_target(l);
            let mut changed = !self.a.reached_blocks[f.index()].contains(&target);
            for (arg, &param) in link.args.iter().zip(&g.block(target).inputargs) {
                if self.is_poisoned(f, arg) {
                    changed |= self.poison_var(f, param);
                    continue;
                }
                let ann = match arg {
                    Value::Var(x) => narrowed.get(x).cloned().unwrap_or_else(|| self.ann(f, arg)),
                    Value::Const(_) => self.ann(f, arg),
                };
                let origin = self.origin(f, arg, link.span);
                let what = (target == g.returnblock)
                    .then(|| format!("the return value of {}()", self.prog.func(f).name));
                changed |= self.merge_var(f, param, &ann, origin, what);
            }
            if target == g.returnblock {
                let ret = self.a.var(f, g.block(target).inputargs[0]);
                // (`changed` also when the return value was just poisoned)
                if changed || self.a.funcs[f.index()].ret.as_ref() != Some(&ret) {
                    self.a.funcs[f.index()].ret = Some(ret);
                    let deps = self.ret_deps[f.index()].clone();
                    self.reflow_all(deps);
                }
                self.a.reached_blocks[f.index()].insert(target);
            } else if target == g.exceptblock {
                if let Err(e) = self.check_raised(f, link) {
                    self.record(e);
                }
                self.a.reached_blocks[f.index()].insert(target);
            } else if changed {
                self.schedule((f, target));
            }
        }
    }

    /// What a link to the except block raises must be an exception
    /// instance (DIALECT: classes deriving from `Exception`).
    fn check_raised(&self, f: FuncId, link: &flowgraph::model::Link) -> DResult<()> {
        let Some(arg) = link.args.first() else {
            return Ok(());
        };
        match self.ann(f, arg) {
            SomeValue::Instance { class, .. }
                if !self
                    .prog
                    .is_subclass(class, rpy_front::program::builtin_class::BASE_EXCEPTION) =>
            {
                Err(self.error(
                    link.span,
                    format!(
                        "only exceptions can be raised: {} does not derive from Exception",
                        self.prog.class(class).name
                    ),
                ))
            }
            _ => Ok(()),
        }
    }

    /// Checks that need the fixpoint: attributes read but never set,
    /// greens the JIT cannot treat as constants, the entry point's result.
    fn finish(&mut self) -> DResult<()> {
        self.check_none_receivers()?;
        self.check_immutable_writes()?;
        self.check_missing_methods()?;
        self.check_partial_calls()?;
        for (class, name, span, f) in self.unresolved_attrs.clone() {
            if self.a.attr(self.prog, class, &name).is_none()
                && self.class_attr_ann(class, &name).is_none()
                && self.may_exist(class)
            {
                self.pos.0 = f;
                return Err(self.error(
                    span,
                    format!(
                        "no class in the hierarchy of {} sets the attribute '{name}'",
                        self.prog.class(class).name
                    ),
                ));
            }
        }
        for (i, d) in self.prog.drivers.iter().enumerate() {
            let Some(portal) = self.a.drivers[i].portal else {
                continue;
            };
            self.pos.0 = portal;
            for (name, ann) in d.greens.iter().zip(self.a.drivers[i].greens.clone()) {
                if let Some(why) = self.not_constant_like(&ann) {
                    return Err(self.error(
                        d.span,
                        format!("green '{name}' must be something the JIT can treat as a constant (an int, a str, or a list, dict or instance compared by identity), but it is {why}"),
                    ));
                }
            }
        }
        let entry = self.prog.entry;
        let ret = self.a.funcs[entry.index()]
            .ret
            .clone()
            .unwrap_or(SomeValue::Impossible);
        if !(ret.is_intlike() || ret.is_impossible() || ret == SomeValue::None) {
            self.pos.0 = entry;
            return Err(self.error(
                self.prog.func(entry).span,
                format!(
                    "the entry point must return an int (the exit status), not {}",
                    self.show(&ret)
                ),
            ));
        }
        Ok(())
    }

    /// Some instance of `class` or of a subclass is made somewhere: a read
    /// through one is not dead code.
    fn may_exist(&self, class: ClassId) -> bool {
        self.prog
            .classes
            .iter()
            .any(|c| self.a.instantiated[c.id.index()] && self.prog.is_subclass(c.id, class))
    }

    /// An op whose receiver is still only `None` at the fixpoint really
    /// uses `None` as an object: report what its typing rule says about
    /// `None`, with a note on why the type never widened.
    fn check_none_receivers(&mut self) -> DResult<()> {
        let fp = self.fp;
        for (f, b, i) in self.none_receivers.clone() {
            let op = &fp.graphs[f.index()].block(b).ops[i];
            let args: Vec<SomeValue> = op.args.iter().map(|a| self.ann(f, a)).collect();
            if !receiver_is_none(op.kind, &args) && !has_none_var(op, &args) {
                continue; // widened since; the block was annotated again
            }
            self.pos = (f, b);
            let err = match self.op(f, op, &args) {
                Err(e) => e,
                Ok(_) if receiver_is_none(op.kind, &args) => {
                    self.error(op.span, "this operation on None is not supported in rpy")
                }
                Ok(_) => continue,
            };
            return Err(err.with_note(
                "this value is always None: nothing of another type (an instance, str, list or dict) ever reaches it",
            ));
        }
        Ok(())
    }

    /// A field in `_immutable_fields_` is assigned only in `__init__`. The
    /// JIT treats a field as immutable when the class that holds it (after
    /// the annotator moved attributes up to where they are shared) or any
    /// subclass declares it, so every write to such a field counts.
    fn check_immutable_writes(&mut self) -> DResult<()> {
        let fp = self.fp;
        for f in self.prog.functions.iter().map(|d| d.id) {
            if self.prog.is_init(f) {
                continue;
            }
            let g = &fp.graphs[f.index()];
            let reached = &self.a.reached_blocks[f.index()];
            let blocks: Vec<BlockId> = g
                .blocks_in_order()
                .into_iter()
                .filter(|b| reached.contains(b))
                .collect();
            for b in blocks {
                for op in g
                    .block(b)
                    .ops
                    .iter()
                    .filter(|op| op.kind == OpKind::SetAttr)
                {
                    let (SomeValue::Instance { class, .. }, Some(ConstValue::Str(name))) =
                        (self.ann(f, &op.args[0]), op.args[1].as_const())
                    else {
                        continue;
                    };
                    let name = String::from_utf8_lossy(name).into_owned();
                    let owner = self
                        .a
                        .attr(self.prog, class, &name)
                        .map_or(class, |(o, _)| o);
                    let declarer = self.prog.classes.iter().find(|c| {
                        self.prog.is_subclass(c.id, owner) && c.immutable_fields.declares(&name)
                    });
                    if let Some(c) = declarer {
                        self.pos = (f, b);
                        return Err(self
                            .error(
                                op.span,
                                format!(
                                    "'{name}' is in {}'s _immutable_fields_: it may only be assigned in __init__",
                                    c.name
                                ),
                            )
                            .with_note(
                                "the JIT folds reads of immutable fields of constant objects, so a later write would not be seen",
                            ));
                    }
                }
            }
        }
        Ok(())
    }

    /// Greens are compared by value (ints, strs) or by identity (lists,
    /// dicts, instances); anything else cannot key the JIT's code.
    fn not_constant_like(&self, ann: &SomeValue) -> Option<String> {
        match ann {
            SomeValue::Int { .. }
            | SomeValue::Bool
            | SomeValue::Str { .. }
            | SomeValue::Instance { .. }
            | SomeValue::List { .. }
            | SomeValue::Dict { .. }
            | SomeValue::Impossible => None,
            other => Some(self.show(other)),
        }
    }

    /// A fresh tuple type.
    pub fn tuple(items: Vec<SomeValue>) -> SomeValue {
        SomeValue::Tuple(Rc::from(items))
    }
}

/// Whether an op uses a value that is so far only `None` as its object
/// (the operand whose type picks the typing rule).
fn receiver_is_none(kind: OpKind, args: &[SomeValue]) -> bool {
    matches!(
        kind,
        OpKind::GetAttr
            | OpKind::SetAttr
            | OpKind::CallMethod
            | OpKind::CallMethodKw
            | OpKind::GetItem
            | OpKind::SetItem
            | OpKind::DelItem
            | OpKind::GetSlice
            | OpKind::DelSlice
            | OpKind::Len
            | OpKind::Iter
    ) && args.first() == Some(&SomeValue::None)
}

/// An operand of `op` is a variable that has only been `None` so far.
fn has_none_var(op: &flowgraph::model::Op, args: &[SomeValue]) -> bool {
    let none = |a: &SomeValue| match a {
        SomeValue::Tuple(items) => items.contains(&SomeValue::None),
        a => *a == SomeValue::None,
    };
    op.args
        .iter()
        .zip(args)
        .any(|(v, a)| matches!(v, Value::Var(_)) && none(a))
}
