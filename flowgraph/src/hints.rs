//! Whole-graph checks of the JIT hints: nothing with an effect may run
//! between `can_enter_jit` and the `jit_merge_point` the loop jumps back to.

use crate::model::{BlockId, ExitCase, FunctionGraph};
use crate::ops::{Effect, OpKind};
use crate::FlowProgram;
use rpy_front::{DResult, Diagnostic};
use std::collections::HashSet;

pub fn check_hints(fp: &FlowProgram) -> DResult<()> {
    for g in &fp.graphs {
        for b in g.blocks_in_order() {
            for (i, op) in g.block(b).ops.iter().enumerate() {
                if op.kind == OpKind::CanEnterJit {
                    check_after_can_enter(g, b, i + 1, op.span)?;
                }
            }
        }
    }
    Ok(())
}

/// Walk forward from `ops[start]` of `b` until a `jit_merge_point`.
fn check_after_can_enter(
    g: &FunctionGraph,
    b: BlockId,
    start: usize,
    span: rpy_front::Span,
) -> DResult<()> {
    let mut seen = HashSet::new();
    let mut work = vec![(b, start)];
    let mut reaches_merge_point = false;
    while let Some((b, from)) = work.pop() {
        let ops = &g.block(b).ops;
        if from == 0
            && ops
                .first()
                .is_some_and(|op| op.kind == OpKind::JitMergePoint)
        {
            reaches_merge_point = true;
            continue;
        }
        for op in &ops[from.min(ops.len())..] {
            if matches!(op.kind.info().effect, Effect::WritesHeap | Effect::Calls) {
                return Err(Diagnostic::error(
                    op.span,
                    "this runs between can_enter_jit and jit_merge_point",
                )
                .with_label("has an effect")
                .with_note(format!(
                    "can_enter_jit (line {}) must be the last thing the loop does before it jumps back to its jit_merge_point",
                    span.line
                )));
            }
        }
        for &l in &g.block(b).exits {
            if matches!(g.link(l).exitcase, ExitCase::Exception(_)) {
                continue;
            }
            let t = g.link_target(l);
            if seen.insert(t) {
                work.push((t, 0));
            }
        }
    }
    if reaches_merge_point {
        Ok(())
    } else {
        Err(Diagnostic::error(
            span,
            "can_enter_jit must be followed by the jump back to the loop's jit_merge_point",
        ))
    }
}
