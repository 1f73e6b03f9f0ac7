//! Dead-store elimination: a `setfield_gc` (or `setarrayitem_gc` at the
//! same index box) overwritten by a later store to the same place, with
//! nothing in between that could see the first value — no guard (a failing
//! guard resumes the interpreter on the heap as it is), no call, no read
//! of that field or array, no label or jump — is removed.

use crate::ir::{Descrs, Effect, Op, Opcode, Trace, Value};
use std::collections::HashMap;

/// A stored-to place: object, descr, and for arrays the index.
type Place = (Value, u32, Option<Value>);

pub fn deadstore(trace: &Trace, _descrs: &Descrs) -> Trace {
    let mut dead = vec![false; trace.ops.len()];
    // the stores since the last barrier, by place
    let mut pending: HashMap<Place, usize> = HashMap::new();
    for (n, op) in trace.ops.iter().enumerate() {
        match op.opcode {
            Opcode::SetfieldGc | Opcode::SetarrayitemGc => {
                let place = place_of(op);
                if let Some(prev) = pending.insert(place, n) {
                    dead[prev] = true;
                }
            }
            Opcode::DebugMergePoint => {}
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
        ops: trace
            .ops
            .iter()
            .zip(dead)
            .filter(|(_, d)| !*d)
            .map(|(op, _)| op.clone())
            .collect(),
        kinds: trace.kinds.clone(),
    }
}

fn place_of(op: &Op) -> Place {
    let descr = op.descr.map_or(u32::MAX, |d| d.0);
    let index = (op.opcode == Opcode::SetarrayitemGc).then(|| op.args[1]);
    (op.args[0], descr, index)
}
