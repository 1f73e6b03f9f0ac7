//! The heap cache: a field or array item read after a read or a write of
//! the same place (same descr, same object box, same index) is replaced by
//! the known value, as is an immutable field of a constant object; a store
//! of the value the place is known to hold goes. A write forgets what it may overwrite: the same descr
//! on objects that may alias (a fresh, not yet escaped allocation aliases
//! nothing else) at indexes that may be equal; a call that may do
//! anything forgets everything but immutable fields and items.
//!
//! Indexes are told apart when both are constants, or the same box plus
//! different constants (`int_add`/`int_sub` of a box and a constant,
//! followed through chains): `a[i + 1]` and `a[i + 2]` are different items.

use super::forward::Forward;
use super::loopcheck::{run_over_loop, Forget, LoopFacts, LoopMap};
use crate::ir::{CallEffect, Descr, DescrId, Descrs, Effect, Op, Opcode, Trace, Value, Var};
use std::collections::{HashMap, HashSet};

/// A place: object, field or array descr, item index (`None` for fields).
type Place = (Value, DescrId, Option<Value>);

#[derive(Clone)]
struct Heap<'d> {
    descrs: &'d Descrs,
    fwd: Forward,
    known: HashMap<Place, Value>,
    /// Allocations of this trace that nothing else can point to yet.
    fresh: HashSet<Value>,
    /// Boxes known to be another box plus a constant (wrapping): the
    /// definitions of pure ops, true wherever the box is.
    offsets: HashMap<Var, (Value, u64)>,
}

pub fn heap(trace: &Trace, descrs: &Descrs) -> Trace {
    run_over_loop(trace, || Heap {
        descrs,
        fwd: Forward::default(),
        known: HashMap::new(),
        fresh: HashSet::new(),
        offsets: HashMap::new(),
    })
}

impl<'d> LoopFacts for Heap<'d> {
    type Fact = Place;

    fn forward(&mut self) -> &mut Forward {
        &mut self.fwd
    }

    fn forget(&mut self, forget: &Forget<Place>) {
        self.known.retain(|p, _| !forget.forgets(p));
        self.fresh.clear();
    }

    fn facts_failing(&self, end: &Heap<'d>, map: &LoopMap) -> Vec<Place> {
        self.places_failing(end, map)
    }

    fn step(&mut self, op: Op, _trace: &Trace, out: &mut Vec<Op>) {
        out.extend(self.op(op));
    }
}

impl Heap<'_> {
    /// Processes one op; returns it unless it is removed.
    fn op(&mut self, op: Op) -> Option<Op> {
        use Opcode::*;
        match op.opcode {
            GetfieldGcI | GetfieldGcR | GetfieldGcF => {
                self.read((op.args[0], self.descr(&op), None), op)
            }
            GetarrayitemGcI | GetarrayitemGcR | GetarrayitemGcF => {
                self.read((op.args[0], self.descr(&op), Some(op.args[1])), op)
            }
            SetfieldGc => {
                let place = (op.args[0], self.descr(&op), None);
                self.write(place, op.args[1]).then_some(op)
            }
            SetarrayitemGc => {
                let place = (op.args[0], self.descr(&op), Some(op.args[1]));
                self.write(place, op.args[2]).then_some(op)
            }
            IntAdd | IntSub => {
                self.record_offset(&op);
                Some(op)
            }
            New | NewWithVtable => {
                self.fresh.extend(op.result.map(Value::Var));
                Some(op)
            }
            _ => {
                let escapes = op.opcode.info().effect == Effect::Call
                    || matches!(op.opcode, Jump | Finish | Label);
                if escapes {
                    for a in &op.args {
                        self.fresh.remove(a);
                    }
                }
                if self.call_may_write(&op) {
                    let descrs = self.descrs;
                    self.known.retain(|p, _| immutable(descrs, p.1));
                }
                Some(op)
            }
        }
    }

    fn descr(&self, op: &Op) -> DescrId {
        op.descr.expect("heap ops have a descr")
    }

    fn read(&mut self, place: Place, op: Op) -> Option<Op> {
        let r = op.result.expect("reads have a result");
        if let Some(v) = self
            .known
            .get(&place)
            .copied()
            .or_else(|| self.constant(place))
        {
            self.fwd.set(r, v);
            return None;
        }
        self.known.insert(place, Value::Var(r));
        Some(op)
    }

    /// An immutable field of a constant object is read now (the object
    /// lives as long as the trace that holds it).
    fn constant(&self, place: Place) -> Option<Value> {
        let (Value::Const(_, obj), None) = (place.0, place.2) else {
            return None;
        };
        match self.descrs.get(place.1) {
            Descr::Field {
                offset,
                size,
                kind,
                immutable: true,
                ..
            } if obj != 0 => {
                // SAFETY: a constant object of the trace, with that field
                // (its reads were recorded on it).
                let bits = unsafe { crate::mem::load(obj, *offset as i64, *size) };
                Some(Value::Const(*kind, bits))
            }
            _ => None,
        }
    }

    /// Records a store; false if the place is known to hold the value
    /// already (the store can go).
    fn write(&mut self, place: Place, value: Value) -> bool {
        if self.known.get(&place) == Some(&value) {
            return false;
        }
        self.fresh.remove(&value);
        let fresh = &self.fresh;
        let offsets = &self.offsets;
        self.known.retain(|p, _| {
            p.1 != place.1
                || !(may_alias(fresh, p.0, place.0) && may_be_equal(offsets, p.2, place.2))
        });
        self.known.insert(place, value);
        true
    }

    /// Records `r = x + c` (or `c + x`, `x - c`) as an offset from the
    /// box `x` is an offset from.
    fn record_offset(&mut self, op: &Op) {
        let Some(r) = op.result else { return };
        let (x, c) = match (op.opcode, op.args[0], op.args[1]) {
            (Opcode::IntAdd, x @ Value::Var(_), Value::Const(_, c))
            | (Opcode::IntAdd, Value::Const(_, c), x @ Value::Var(_)) => (x, c),
            (Opcode::IntSub, x @ Value::Var(_), Value::Const(_, c)) => (x, c.wrapping_neg()),
            _ => return,
        };
        let (root, k) = split_offset(&self.offsets, x);
        self.offsets.insert(r, (root, k.wrapping_add(c)));
    }

    fn call_may_write(&self, op: &Op) -> bool {
        if op.opcode.info().effect != Effect::Call || op.opcode.is_call_pure() {
            return false;
        }
        let effect = op.descr.map(|d| self.descrs.get(d));
        matches!(
            effect,
            Some(Descr::Call {
                effect: CallEffect::Any,
                ..
            }) | None
        )
    }

    /// The places known here (at the label) whose image under `map` is
    /// not known to hold the image value in `end` (at the jump).
    fn places_failing(&self, end: &Heap, map: &LoopMap) -> Vec<Place> {
        let mut failed = Vec::new();
        for (place, v) in &self.known {
            let obj = map.image(place.0);
            let index = match place.2 {
                Some(i) => map.image(i).map(Some),
                None => Some(None),
            };
            let holds = match (obj, index, map.image(*v)) {
                (Some(o), Some(i), Some(v2)) => end.known.get(&(o, place.1, i)) == Some(&v2),
                _ => false,
            };
            if !holds {
                failed.push(*place);
            }
        }
        failed
    }
}

fn immutable(descrs: &Descrs, d: DescrId) -> bool {
    matches!(
        descrs.get(d),
        Descr::Field {
            immutable: true,
            ..
        } | Descr::Array {
            immutable: true,
            ..
        }
    )
}

/// Two objects may be the same unless one is a fresh allocation (and the
/// other a different box) or both are different constants.
fn may_alias(fresh: &HashSet<Value>, a: Value, b: Value) -> bool {
    if a == b {
        return true;
    }
    if fresh.contains(&a) || fresh.contains(&b) {
        return false;
    }
    !matches!((a, b), (Value::Const(..), Value::Const(..)))
}

/// `v` as a root value plus a constant offset (itself plus 0 if nothing
/// is known; a constant is its own root).
fn split_offset(offsets: &HashMap<Var, (Value, u64)>, v: Value) -> (Value, u64) {
    match v {
        Value::Var(x) => offsets.get(&x).copied().unwrap_or((v, 0)),
        Value::Const(..) => (v, 0),
    }
}

/// Two indexes may be equal unless both are different constants, or the
/// same box plus different constants.
fn may_be_equal(offsets: &HashMap<Var, (Value, u64)>, a: Option<Value>, b: Option<Value>) -> bool {
    match (a, b) {
        (Some(Value::Const(_, x)), Some(Value::Const(_, y))) => x == y,
        (Some(a), Some(b)) => {
            let (ra, ka) = split_offset(offsets, a);
            let (rb, kb) = split_offset(offsets, b);
            ra != rb || ka == kb
        }
        _ => true,
    }
}
