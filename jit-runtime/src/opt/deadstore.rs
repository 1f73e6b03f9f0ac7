//! Dead-store elimination: a `setfield_gc` (or `setarrayitem_gc` at the
//! same index box) overwritten by a later store to the same place, with
//! nothing in between that could read the first value — no call, no read
//! of that field or array, no store that may alias it, no label or jump —
//! is removed. Guards in between would see it (a failing guard resumes the
//! interpreter on the heap as it is), so each of them gets the store as a
//! *pending store* (PyPy's pending fields): done when the guard fails,
//! after its virtuals are rebuilt. A value stored only for failing guards
//! then no longer escapes, and `virtuals` can remove its allocation.
//! A guard's pending stores that may alias keep their order in the trace,
//! whichever round of the passes removed them.

use crate::ir::{Descrs, Effect, Op, Opcode, PendingStore, Trace, Value};
use std::collections::HashMap;

/// A stored-to place: object, descr, and for arrays the index.
type Place = (Value, u32, Option<Value>);

/// The last store to a place, while it may still turn out dead.
struct Pending {
    store: usize,
    /// Guards passed since, that would see it.
    guards: Vec<usize>,
    frozen: bool,
}

pub fn deadstore(trace: &Trace, _descrs: &Descrs) -> Trace {
    let mut ops = trace.ops.clone();
    let mut dead = vec![false; ops.len()];
    // the stores since the last barrier, by place: the guards since, and
    // whether a store that may alias it came after (a later guard cannot
    // replay it then: the other store would have to follow; it stays)
    let mut pending: HashMap<Place, Pending> = HashMap::new();
    for n in 0..ops.len() {
        let op = &ops[n];
        match op.opcode {
            Opcode::SetfieldGc | Opcode::SetarrayitemGc => {
                let place = place_of(op);
                for (p, e) in pending.iter_mut() {
                    e.frozen |= *p != place && may_alias(p, &place);
                }
                let fresh = Pending {
                    store: n,
                    guards: Vec::new(),
                    frozen: false,
                };
                if let Some(prev) = pending.insert(place, fresh) {
                    dead[prev.store] = true;
                    let store = ops[prev.store].clone();
                    for g in prev.guards {
                        add_pending(&mut ops[g], &store);
                    }
                }
            }
            Opcode::DebugMergePoint => {}
            code if code.is_guard() => {
                // a frozen store must stay: this guard needs it done
                pending.retain(|_, e| !e.frozen);
                pending.values_mut().for_each(|e| e.guards.push(n));
            }
            code => match code.info().effect {
                Effect::Pure | Effect::Allocates => {}
                Effect::ReadsHeap => {
                    // a read of this descr may see a pending store
                    let d = op.descr.map(|d| d.0);
                    pending.retain(|p, _| Some(p.1) != d);
                }
                _ => pending.clear(),
            },
        }
    }
    Trace {
        inputargs: trace.inputargs.clone(),
        ops: ops
            .into_iter()
            .zip(dead)
            .filter(|(_, d)| !*d)
            .map(|(op, _)| op)
            .collect(),
        kinds: trace.kinds.clone(),
    }
}

fn place_of(op: &Op) -> Place {
    let descr = op.descr.map_or(u32::MAX, |d| d.0);
    let index = (op.opcode == Opcode::SetarrayitemGc).then(|| op.args[1]);
    (op.args[0], descr, index)
}

/// May two distinct places be the same memory? The same descr, unless on
/// one object at two different constant indices.
fn may_alias(a: &Place, b: &Place) -> bool {
    let distinct_items = a.0 == b.0
        && matches!((a.2, b.2), (Some(Value::Const(_, i)), Some(Value::Const(_, j))) if i != j);
    a.1 == b.1 && !distinct_items
}

/// Makes the guard do `store` when it fails, before the pending stores it
/// already has that may alias it. Those are stores removed in an earlier
/// round of the passes, and they follow `store` in the trace: one before
/// it would have been frozen (or, at the same place, removed) when
/// `store` came, and the guard would not have it. Kept in the order
/// stores are removed, an earlier store would be replayed after a later
/// one to the same place, and win.
fn add_pending(guard: &mut Op, store: &Op) {
    let g = guard.guard.as_mut().expect("a guard");
    let place = place_of(store);
    let at = g
        .pending
        .iter()
        .position(|p| {
            let other = (
                g.fail_args[p.obj],
                p.descr.0,
                p.index.map(|i| g.fail_args[i]),
            );
            may_alias(&other, &place)
        })
        .unwrap_or(g.pending.len());
    let mut arg = |v: Value| {
        g.fail_args.push(v);
        g.fail_args.len() - 1
    };
    let obj = arg(store.args[0]);
    let (index, value) = match store.opcode {
        Opcode::SetarrayitemGc => (Some(arg(store.args[1])), arg(store.args[2])),
        _ => (None, arg(store.args[1])),
    };
    let pending = PendingStore {
        descr: store.descr.expect("a store has a descr"),
        obj,
        index,
        value,
    };
    g.pending.insert(at, pending);
}
