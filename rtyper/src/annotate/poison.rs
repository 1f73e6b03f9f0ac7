//! Errors that do not stop the annotator. Each one is recorded (once per
//! place) and what it leaves without a type is *poisoned*, as rustc's
//! error type: the result of the op that failed, a variable whose types
//! conflict, a list or dict whose items conflict, an attribute, so that
//! nothing typed from them is checked (no cascade of errors caused by the
//! first one), while code that does not depend on them still is. An op
//! with a poisoned operand, or one that read poisoned shared state (a
//! list, a dict, an attribute, the return value of a function), is not
//! typed and its result is poisoned too.
//!
//! Poison only grows, and a poisoned place never widens again, so the
//! fixpoint still terminates; the checks made at the fixpoint (`finish`)
//! are skipped when there were errors, as they need complete types.

use super::model::{DictDefId, ListDefId, SomeValue};
use super::Annotator;
use flowgraph::model::{Op, Value, VarId};
use flowgraph::ops::OpKind;
use rpy_front::program::{ClassId, ConstValue, FuncId};
use rpy_front::Diagnostic;
use std::collections::HashSet;

/// The errors found so far and what they poisoned.
#[derive(Default)]
pub(crate) struct Poison {
    /// In the order found; at most one per span.
    pub errors: Vec<Diagnostic>,
    spans: HashSet<(u32, u32)>,
    vars: HashSet<(FuncId, VarId)>,
    lists: Vec<ListDefId>,
    dicts: Vec<DictDefId>,
    attrs: Vec<(ClassId, String)>,
    /// Set while an op is typed if it reads poisoned shared state.
    pub tainted: bool,
}

impl Annotator<'_> {
    /// Record an error (the first one at its place: an op typed again
    /// after its block widened may fail again).
    pub fn record(&mut self, d: Diagnostic) {
        if self.poison.spans.insert((d.span.lo, d.span.hi)) {
            self.poison.errors.push(d);
        }
    }

    /// Poison a variable of `f`; returns whether it was not yet.
    pub fn poison_var(&mut self, f: FuncId, v: VarId) -> bool {
        self.poison.vars.insert((f, v))
    }

    pub fn is_poisoned_var(&self, f: FuncId, v: VarId) -> bool {
        self.poison.vars.contains(&(f, v))
    }

    /// An operand that is a poisoned variable.
    pub fn is_poisoned(&self, f: FuncId, v: &Value) -> bool {
        matches!(v, Value::Var(x) if self.is_poisoned_var(f, *x))
    }

    pub fn poison_list(&mut self, def: ListDefId) {
        self.poison.lists.push(def);
    }

    pub fn poison_dict(&mut self, def: DictDefId) {
        self.poison.dicts.push(def);
    }

    pub fn poison_attr(&mut self, class: ClassId, name: &str) {
        self.poison.attrs.push((class, name.to_string()));
    }

    /// A list definition merged with a poisoned one (definitions merge as
    /// lists flow together, so roots are compared now).
    pub fn list_poisoned(&self, def: ListDefId) -> bool {
        let r = self.a.list_root(def);
        self.poison.lists.iter().any(|&p| self.a.list_root(p) == r)
    }

    pub fn dict_poisoned(&self, def: DictDefId) -> bool {
        let r = self.a.dict_root(def);
        self.poison.dicts.iter().any(|&p| self.a.dict_root(p) == r)
    }

    /// Attribute `name` of `class`, of a base or of a subclass of it, is
    /// poisoned (attributes move up the hierarchy to where they are shared).
    pub fn attr_poisoned(&self, class: ClassId, name: &str) -> bool {
        self.poison.attrs.iter().any(|(c, n)| {
            n == name && (self.prog.is_subclass(class, *c) || self.prog.is_subclass(*c, class))
        })
    }

    /// The return value of `f` is poisoned (its types conflicted).
    pub fn return_poisoned(&self, f: FuncId) -> bool {
        let g = &self.fp.graphs[f.index()];
        self.is_poisoned_var(f, g.block(g.returnblock).inputargs[0])
    }

    /// The op being typed read poisoned state: its result is poisoned.
    pub fn taint_if(&mut self, poisoned: bool) {
        self.poison.tainted |= poisoned;
    }

    /// Skip an op of `f` that failed before or has a poisoned operand
    /// (whose result is then poisoned); returns whether it was skipped.
    pub fn skip_poisoned(&mut self, f: FuncId, op: &Op) -> bool {
        if self.is_poisoned_var(f, op.result) {
            return true;
        }
        if !op.args.iter().any(|a| self.is_poisoned(f, a)) {
            return false;
        }
        self.skip_op(f, op);
        true
    }

    /// An op of `f` that is not typed (it failed, or an operand is
    /// poisoned): its result is poisoned, and so is what it may have
    /// stored into; the functions it calls are reached all the same.
    pub fn skip_op(&mut self, f: FuncId, op: &Op) {
        self.poison_var(f, op.result);
        self.poison_stores(f, op);
        self.reach_callees(f, op);
    }

    /// The attribute, list items or dict entries an op may store into
    /// (`o.a = v`, `x[k] = v`, `xs.append(v)`): their readers are not
    /// checked against types that lack the value stored.
    fn poison_stores(&mut self, f: FuncId, op: &Op) {
        use OpKind as K;
        if !matches!(
            op.kind,
            K::SetAttr | K::SetItem | K::CallMethod | K::CallMethodKw
        ) {
            return;
        }
        let Some(obj) = op.args.first().filter(|o| !self.is_poisoned(f, o)) else {
            return;
        };
        match (self.ann(f, obj), op.args.get(1).and_then(Value::as_const)) {
            (SomeValue::Instance { class, .. }, Some(ConstValue::Str(name)))
                if op.kind == K::SetAttr =>
            {
                self.poison_attr(class, &String::from_utf8_lossy(name));
            }
            (SomeValue::List { def, .. }, _) => self.poison_list(def),
            (SomeValue::Dict { def, .. }, _) => self.poison_dict(def),
            _ => {}
        }
    }

    /// A call not typed still reaches the functions it calls, so that one
    /// outside the run-time dialect is reported.
    fn reach_callees(&mut self, f: FuncId, op: &Op) {
        if !matches!(op.kind, OpKind::SimpleCall | OpKind::CallKw) {
            return;
        }
        let Some(callee) = op.args.first().filter(|c| !self.is_poisoned(f, c)) else {
            return;
        };
        if let SomeValue::Funcs(fs) = self.ann(f, callee) {
            for fid in fs.iter().copied() {
                if let Err(e) = self.reach(fid, op.span) {
                    self.record(e);
                }
            }
        }
    }
}
