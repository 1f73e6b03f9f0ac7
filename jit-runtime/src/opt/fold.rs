//! Constant folding and common-subexpression elimination: pure ops on
//! constants are evaluated (`eval_pure`), identities applied (`rules`),
//! repeated pure ops and `call_pure_*` with the same arguments reuse the
//! first result; guards with a known outcome go, a passed guard makes its
//! condition known (`guard_value` makes its box constant), repeated
//! `guard_class`/`guard_nonnull` on a box go (as do those on an object the
//! trace allocated), and `guard_true(int_ne(x, 0))` becomes
//! `guard_true(x)`.

use super::forward::Forward;
use super::loopcheck::{run_over_loop, Forget, LoopFacts, LoopMap};
use super::rules;
use crate::ir::eval::eval_pure;
use crate::ir::{Descr, DescrId, Descrs, Kind, Op, Opcode, Trace, Value, Var};
use std::collections::{HashMap, HashSet};

/// A pure computation: opcode, arguments, descr (for `call_pure_*`).
type PureKey = (Opcode, Vec<Value>, Option<DescrId>);

/// A fact the pass may carry over a loop label.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Fact {
    Pure(PureKey),
    Class(Value),
    Nonnull(Value),
}

#[derive(Default, Clone)]
struct Fold {
    fwd: Forward,
    pure: HashMap<PureKey, Value>,
    /// The pure computation that defined a box (valid while `pure` maps it
    /// back to the box).
    defs: HashMap<Var, PureKey>,
    classes: HashMap<Value, Value>,
    nonnull: HashSet<Value>,
    /// The vtable each size descr's allocation gets.
    vtables: HashMap<DescrId, u64>,
    /// A guard that the next op makes redundant (the `guard_no_overflow`
    /// of a folded `_ovf` op, the `guard_no_exception` of a reused call).
    skip_guard: Option<Opcode>,
    out: Vec<Op>,
    /// The trace's box count, and the kinds of the boxes made since.
    base: usize,
    fresh: Vec<Kind>,
}

pub fn fold(trace: &Trace, descrs: &Descrs) -> Trace {
    let vtables: HashMap<DescrId, u64> = (0..descrs.all().len() as u32)
        .map(DescrId)
        .filter_map(|d| match descrs.get(d) {
            Descr::Size { vtable, .. } if *vtable != 0 => Some((d, *vtable)),
            _ => None,
        })
        .collect();
    run_over_loop(trace, || Fold {
        base: trace.kinds.len(),
        vtables: vtables.clone(),
        ..Fold::default()
    })
}

impl LoopFacts for Fold {
    type Fact = Fact;

    fn forward(&mut self) -> &mut Forward {
        &mut self.fwd
    }

    fn forget(&mut self, forget: &Forget<Fact>) {
        self.forget_facts(forget);
    }

    fn facts_failing(&self, end: &Fold, map: &LoopMap) -> Vec<Fact> {
        self.facts_not_held(end, map)
    }

    /// `op` emits into `self.out`, handed on at once.
    fn step(&mut self, op: Op, _trace: &Trace, out: &mut Vec<Op>) {
        self.op(op);
        out.append(&mut self.out);
    }

    fn new_kinds(&self) -> &[Kind] {
        &self.fresh
    }
}

impl Fold {
    fn op(&mut self, op: Op) {
        if let Some(g) = self.skip_guard.take() {
            if op.opcode == g {
                return;
            }
        }
        if op.opcode.is_pure() {
            self.pure_op(op)
        } else if op.opcode.is_call_pure() {
            self.call_pure(op)
        } else if op.opcode.is_guard() {
            self.guard(op)
        } else {
            if let (Opcode::New | Opcode::NewWithVtable, Some(r)) = (op.opcode, op.result) {
                // a new object is not null, and its class is the size's
                let x = Value::Var(r);
                self.nonnull.insert(x);
                if let Some(vt) = op.descr.and_then(|d| self.vtables.get(&d)) {
                    self.classes.insert(x, Value::Const(Kind::Int, *vt));
                }
            }
            self.out.push(op)
        }
    }

    fn pure_op(&mut self, op: Op) {
        let r = op.result.expect("pure ops have a result");
        let is_ovf = matches!(
            op.opcode,
            Opcode::IntAddOvf | Opcode::IntSubOvf | Opcode::IntMulOvf
        );
        let consts: Option<Vec<u64>> = op.args.iter().map(|a| a.as_const()).collect();
        if let Some(c) = consts.and_then(|c| eval_pure(op.opcode, &c)) {
            let k = op.opcode.result_kind().expect("pure ops have a result");
            self.fwd.set(r, Value::Const(k, c));
            if is_ovf {
                self.skip_guard = Some(Opcode::GuardNoOverflow);
            }
            return;
        }
        // an `_ovf` op must stay right before its overflow guard
        if is_ovf {
            self.out.push(op);
            return;
        }
        if let Some(v) = rules::simplify(op.opcode, &op.args) {
            self.fwd.set(r, v);
            return;
        }
        let def = |v| self.def_of(v).map(|(o, a, _)| (*o, a.clone()));
        if let Some(ops) = rules::rewrite(op.opcode, &op.args, &def) {
            self.rewritten(ops, r);
            return;
        }
        self.reuse_or_emit((op.opcode, op.args.clone(), None), op);
    }

    /// Computes `ops` (a rewrite's) instead of the op defining `r`.
    fn rewritten(&mut self, ops: Vec<(Opcode, Vec<Value>)>, r: Var) {
        let mut prev = None;
        let n = ops.len();
        for (i, (o, args)) in ops.into_iter().enumerate() {
            let args = args
                .into_iter()
                .map(|a| match (a, prev) {
                    (rules::PREV, Some(p)) => self.fwd.get(Value::Var(p)),
                    _ => a,
                })
                .collect();
            let result = if i + 1 == n {
                r
            } else {
                let k = o.result_kind().expect("pure ops have a result");
                self.fresh.push(k);
                Var((self.base + self.fresh.len() - 1) as u32)
            };
            self.pure_op(Op::new(o, args, Some(result)));
            prev = Some(result);
        }
    }

    fn call_pure(&mut self, op: Op) {
        let key = (op.opcode, op.args.clone(), op.descr);
        if self.pure.contains_key(&key) {
            self.skip_guard = Some(Opcode::GuardNoException);
        }
        self.reuse_or_emit(key, op);
    }

    /// Forwards the op's result to an earlier identical computation, or
    /// emits the op and remembers it.
    fn reuse_or_emit(&mut self, key: PureKey, op: Op) {
        match (self.pure.get(&key), op.result) {
            (Some(v), Some(r)) => self.fwd.set(r, *v),
            (Some(_), None) => {}
            (None, r) => {
                if let Some(r) = r {
                    self.pure.insert(key.clone(), Value::Var(r));
                    self.defs.insert(r, key);
                }
                self.out.push(op);
            }
        }
    }

    /// The pure computation that defines `v`, if still known.
    fn def_of(&self, v: Value) -> Option<&PureKey> {
        let x = v.as_var()?;
        let key = self.defs.get(&x)?;
        (self.pure.get(key) == Some(&v)).then_some(key)
    }

    fn guard(&mut self, mut op: Op) {
        use Opcode::*;
        if let Some(key) = self.def_of(op.args.first().copied().unwrap_or(Value::int(0))) {
            if let Some((g, x)) = rules::guard_on_zero_test(op.opcode, key.0, &key.1) {
                op.opcode = g;
                op.args[0] = x;
            }
        }
        if rules::guard_outcome(op.opcode, &op.args) == Some(true) {
            return;
        }
        match op.opcode {
            GuardClass if self.classes.get(&op.args[0]) == Some(&op.args[1]) => return,
            GuardNonnull if self.nonnull.contains(&op.args[0]) => return,
            _ => {}
        }
        let x = op.args.first().copied();
        let opcode = op.opcode;
        let cls = op.args.get(1).copied();
        self.out.push(op);
        // what the passed guard tells
        let Some(x) = x else { return };
        match opcode {
            GuardTrue | GuardFalse => {
                // guard_false: x is 0; guard_true: x is non-zero, which
                // is 1 only for a comparison (0 or 1)
                let truth = Value::int((opcode == GuardTrue) as i64);
                let defined_by = x.as_var().and_then(|v| self.defs.get(&v));
                let known =
                    opcode == GuardFalse || defined_by.is_some_and(|k| rules::gives_bool(k.0));
                if !known {
                    return;
                }
                if let Some(key) = self.def_of(x).cloned() {
                    self.pure.insert(key, truth);
                }
                if let Some(v) = x.as_var() {
                    self.fwd.set(v, truth);
                }
            }
            GuardValue => {
                if let (Some(v), Some(c)) = (x.as_var(), cls) {
                    self.fwd.set(v, c);
                }
            }
            GuardClass => {
                self.classes
                    .insert(x, cls.expect("guard_class has a class"));
                self.nonnull.insert(x);
            }
            GuardNonnull => {
                self.nonnull.insert(x);
            }
            _ => {}
        }
    }

    /// Drops the facts `forget` names (at a loop label).
    fn forget_facts(&mut self, forget: &Forget<Fact>) {
        self.pure
            .retain(|k, _| !forget.forgets(&Fact::Pure(k.clone())));
        self.classes
            .retain(|k, _| !forget.forgets(&Fact::Class(*k)));
        self.nonnull.retain(|k| !forget.forgets(&Fact::Nonnull(*k)));
    }

    /// The facts known here (at the label) whose image under `map` is not
    /// known in `end` (at the jump).
    fn facts_not_held(&self, end: &Fold, map: &LoopMap) -> Vec<Fact> {
        let mut failed = Vec::new();
        for (key, v) in &self.pure {
            let holds = map
                .images(&key.1)
                .zip(map.image(*v))
                .is_some_and(|(args, v2)| end.pure.get(&(key.0, args, key.2)) == Some(&v2));
            if !holds {
                failed.push(Fact::Pure(key.clone()));
            }
        }
        for (x, cls) in &self.classes {
            let holds = map
                .image(*x)
                .is_some_and(|x2| end.classes.get(&x2) == Some(cls));
            if !holds {
                failed.push(Fact::Class(*x));
            }
        }
        for x in &self.nonnull {
            let holds = map.image(*x).is_some_and(|x2| {
                end.nonnull.contains(&x2) || x2.as_const().is_some_and(|c| c != 0)
            });
            if !holds {
                failed.push(Fact::Nonnull(*x));
            }
        }
        failed
    }
}
