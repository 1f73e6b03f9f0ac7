//! Dead-code elimination: ops whose result nobody uses (as an argument or
//! a fail argument) and that have no effect — pure ops, heap reads,
//! allocations, `call_pure_*` that cannot raise — are removed.

use crate::ir::{Descr, Descrs, Effect, Op, Opcode, Trace, Value};

pub fn dce(trace: &Trace, descrs: &Descrs) -> Trace {
    let mut used = vec![false; trace.kinds.len()];
    let mut keep = vec![false; trace.ops.len()];
    for (n, op) in trace.ops.iter().enumerate().rev() {
        let live = op.result.is_some_and(|r| used[r.index()]);
        if live || !removable(op, descrs) {
            keep[n] = true;
            for v in uses(op) {
                if let Value::Var(x) = v {
                    used[x.index()] = true;
                }
            }
        }
    }
    Trace {
        inputargs: trace.inputargs.clone(),
        ops: trace
            .ops
            .iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(op, _)| op.clone())
            .collect(),
        kinds: trace.kinds.clone(),
    }
}

/// Every value an op reads: its arguments and its fail arguments.
pub fn uses(op: &Op) -> impl Iterator<Item = Value> + '_ {
    op.args
        .iter()
        .chain(op.guard.iter().flat_map(|g| g.fail_args.iter()))
        .copied()
}

/// Whether the op may go when its result is unused.
fn removable(op: &Op, descrs: &Descrs) -> bool {
    let overflow_checked = matches!(
        op.opcode,
        Opcode::IntAddOvf | Opcode::IntSubOvf | Opcode::IntMulOvf
    );
    match op.opcode.info().effect {
        Effect::Pure => !overflow_checked,
        Effect::ReadsHeap | Effect::Allocates => true,
        Effect::Call if op.opcode.is_call_pure() => {
            let raises = op.descr.map(|d| descrs.get(d));
            !matches!(
                raises,
                Some(Descr::Call {
                    can_raise: true,
                    ..
                })
            )
        }
        _ => false,
    }
}
