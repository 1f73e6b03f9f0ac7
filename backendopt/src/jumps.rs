//! Jump cleanup on LL graphs: a block with no ops that only jumps on is
//! bypassed, and a block entered by exactly one `goto` is merged into its
//! predecessor (what inlining and folding leave behind).

use rpy_rtyper::ll::edit::remove_unreachable_blocks;
use rpy_rtyper::ll::model::*;
use std::collections::HashMap;

/// Thread jumps and merge blocks until nothing changes.
pub fn cleanup_jumps(g: &mut LLGraph) {
    while bypass_empty_blocks(g) | merge_single_gotos(g) {
        remove_unreachable_blocks(g);
    }
    remove_unreachable_blocks(g);
}

fn substitute(v: &LLValue, map: &HashMap<LVar, LLValue>) -> LLValue {
    match v {
        LLValue::Var(x) => map.get(x).cloned().unwrap_or_else(|| v.clone()),
        c => c.clone(),
    }
}

fn binding(inputargs: &[LVar], args: &[LLValue]) -> HashMap<LVar, LLValue> {
    inputargs
        .iter()
        .copied()
        .zip(args.iter().cloned())
        .collect()
}

/// Links into an empty forwarding block go straight to its target.
fn bypass_empty_blocks(g: &mut LLGraph) -> bool {
    let mut changed = false;
    for t in 1..g.blocks.len() {
        let LLExit::Goto(fwd) = &g.blocks[t].exit else {
            continue;
        };
        if !g.blocks[t].ops.is_empty() || fwd.target.index() == t {
            continue;
        }
        let (fwd, inputargs) = (fwd.clone(), g.blocks[t].inputargs.clone());
        for b in 0..g.blocks.len() {
            if b == t {
                continue;
            }
            for l in g.blocks[b].exit.links_mut() {
                if l.target.index() == t {
                    let map = binding(&inputargs, &l.args);
                    l.args = fwd.args.iter().map(|a| substitute(a, &map)).collect();
                    l.target = fwd.target;
                    changed = true;
                }
            }
        }
    }
    changed
}

/// A block whose only entry is a `goto` from another block joins it.
fn merge_single_gotos(g: &mut LLGraph) -> bool {
    let mut entries = vec![0usize; g.blocks.len()];
    for b in &g.blocks {
        for l in b.exit.links() {
            entries[l.target.index()] += 1;
        }
    }
    for b in 0..g.blocks.len() {
        let LLExit::Goto(l) = &g.blocks[b].exit else {
            continue;
        };
        let t = l.target.index();
        if t == 0 || t == b || entries[t] != 1 {
            continue;
        }
        let map = binding(&g.blocks[t].inputargs, &l.args);
        let mut merged = std::mem::replace(
            &mut g.blocks[t].exit,
            LLExit::Return(LLValue::Const(LLConst::Void)),
        );
        let mut ops = std::mem::take(&mut g.blocks[t].ops);
        for op in &mut ops {
            op.args = op.args.iter().map(|a| substitute(a, &map)).collect();
        }
        match &mut merged {
            LLExit::If { cond: v, .. }
            | LLExit::Switch { value: v, .. }
            | LLExit::Return(v)
            | LLExit::Raise(v) => *v = substitute(v, &map),
            LLExit::Goto(_) | LLExit::OnException { .. } => {}
        }
        for link in merged.links_mut() {
            link.args = link.args.iter().map(|a| substitute(a, &map)).collect();
        }
        g.blocks[b].ops.extend(ops);
        g.blocks[b].exit = merged;
        // Block t is now unreachable (its only entry was this goto).
        g.blocks[t].exit = LLExit::Return(LLValue::Const(LLConst::Void));
        return true;
    }
    false
}
