//! Remove pure ops whose result is never used.

use crate::model::{ExitSwitch, FunctionGraph, Value, VarId};
use crate::ops::{Effect, ResultKind};
use std::collections::HashSet;

/// Remove the ops that are pure, cannot raise, produce a value and whose
/// result is unused (transitively, within the block). Void ops such as
/// `jit_merge_point` exist for their meaning and are always kept.
pub fn remove_dead_ops(g: &mut FunctionGraph) {
    for b in g.all_blocks() {
        let mut used: HashSet<VarId> = HashSet::new();
        for &l in &g.block(b).exits {
            used.extend(g.link(l).args.iter().filter_map(Value::as_var));
        }
        let block = g.block_mut(b);
        if let ExitSwitch::Value(Value::Var(v)) = block.switch() {
            used.insert(*v);
        }
        let mut kept = Vec::with_capacity(block.ops.len());
        for op in std::mem::take(&mut block.ops).into_iter().rev() {
            let info = op.kind.info();
            let removable =
                info.effect == Effect::Pure && !info.can_raise && info.result != ResultKind::Void;
            if removable && !used.contains(&op.result) {
                continue;
            }
            used.extend(op.args.iter().filter_map(Value::as_var));
            kept.push(op);
        }
        kept.reverse();
        block.ops = kept;
    }
}
