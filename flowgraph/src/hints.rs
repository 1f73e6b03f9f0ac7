//! Whole-graph checks of the JIT hints: nothing with an effect may run
//! between `can_enter_jit` and the `jit_merge_point` the loop jumps back to.

use crate::model::{BlockId, ExitCase, FunctionGraph};
use crate::ops::{Effect, OpKind};
use crate::FlowProgram;
use rpy_front::{DResult, Diagnostic};
use std::collections::{HashMap, HashSet};

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

/// Walk forward from `ops[start]` of `b` to the `jit_merge_point`s it
/// reaches: nothing with an effect may run on a path from the
/// `can_enter_jit` to one of them. Paths that leave the loop instead (the
/// loop's test failing, then whatever follows the loop) are not checked.
fn check_after_can_enter(
    g: &FunctionGraph,
    b: BlockId,
    start: usize,
    span: rpy_front::Span,
) -> DResult<()> {
    let is_merge_point = |b: BlockId| {
        g.block(b)
            .ops
            .first()
            .is_some_and(|op| op.kind == OpKind::JitMergePoint)
    };
    let successors = |b: BlockId| {
        g.block(b)
            .exits
            .iter()
            .filter(|&&l| !matches!(g.link(l).exitcase, ExitCase::Exception(_)))
            .map(|&l| g.link_target(l))
            .collect::<Vec<_>>()
    };
    // the blocks reachable from the can_enter_jit without passing a merge
    // point, with the op each is entered at
    let mut from: HashMap<BlockId, usize> = HashMap::from([(b, start)]);
    let mut work = vec![b];
    while let Some(x) = work.pop() {
        for t in successors(x) {
            if !is_merge_point(t) && from.get(&t).is_none_or(|&f| f > 0) {
                from.insert(t, 0);
                work.push(t);
            }
        }
    }
    // those of them on a path to a merge point
    let mut leads: HashSet<BlockId> = HashSet::new();
    loop {
        let before = leads.len();
        for &x in from.keys() {
            if successors(x)
                .into_iter()
                .any(|t| is_merge_point(t) || leads.contains(&t))
            {
                leads.insert(x);
            }
        }
        if leads.len() == before {
            break;
        }
    }
    if !leads.contains(&b) {
        return Err(Diagnostic::error(
            span,
            "can_enter_jit must be followed by the jump back to the loop's jit_merge_point",
        ));
    }
    for x in g.blocks_in_order() {
        let Some(&start) = from.get(&x).filter(|_| leads.contains(&x)) else {
            continue;
        };
        let ops = &g.block(x).ops;
        for op in &ops[start.min(ops.len())..] {
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
    }
    Ok(())
}
