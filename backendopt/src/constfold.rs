//! Constant folding on LL graphs: pure ops on constants become constants,
//! constant `if`/`switch` exits become jumps, input arguments that receive
//! the same constant on every incoming link become that constant, and
//! removable ops whose result is unused disappear.

use rpy_rtyper::ll::edit::remove_unreachable_blocks;
use rpy_rtyper::ll::model::*;
use rpy_rtyper::ll::ops::LLOpKind as K;
use std::collections::{HashMap, HashSet};

/// Fold until nothing changes.
pub fn constant_fold(g: &mut LLGraph) {
    loop {
        let mut changed = false;
        for b in 0..g.blocks.len() {
            changed |= fold_block(&mut g.blocks[b]);
        }
        changed |= fold_exits(g);
        changed |= propagate_constant_inputargs(g);
        changed |= remove_dead_ops(g);
        if !changed {
            break;
        }
        remove_unreachable_blocks(g);
    }
}

/// The value of a pure op on constant operands, when it can be known (the
/// op table's fold). Ops that would raise (division by zero, …) are left
/// alone.
pub fn fold_op(kind: K, args: &[LLConst]) -> Option<LLConst> {
    kind.info().fold.and_then(|f| f(args))
}

fn subst(v: &mut LLValue, known: &HashMap<LVar, LLConst>) -> bool {
    if let LLValue::Var(x) = v {
        if let Some(c) = known.get(x) {
            *v = LLValue::Const(c.clone());
            return true;
        }
    }
    false
}

/// Replace variables by constants everywhere in a block.
fn subst_block(b: &mut LLBlock, known: &HashMap<LVar, LLConst>) -> bool {
    let mut changed = false;
    for op in &mut b.ops {
        for a in &mut op.args {
            changed |= subst(a, known);
        }
    }
    changed |= match &mut b.exit {
        LLExit::If { cond: v, .. }
        | LLExit::Switch { value: v, .. }
        | LLExit::Return(v)
        | LLExit::Raise(v) => subst(v, known),
        _ => false,
    };
    for l in b.exit.links_mut() {
        for a in &mut l.args {
            changed |= subst(a, known);
        }
    }
    changed
}

/// Fold the ops of one block whose operands are all constants.
fn fold_block(b: &mut LLBlock) -> bool {
    let mut known = HashMap::new();
    let mut changed = false;
    let mut kept = Vec::with_capacity(b.ops.len());
    let last = b.ops.len().checked_sub(1);
    let mut last_folded = false;
    for (i, mut op) in std::mem::take(&mut b.ops).into_iter().enumerate() {
        for a in &mut op.args {
            changed |= subst(a, &known);
        }
        let consts: Option<Vec<LLConst>> = op.args.iter().map(|a| a.as_const().cloned()).collect();
        match consts.and_then(|cs| fold_op(op.kind, &cs)) {
            Some(c) => {
                known.insert(op.result, c);
                changed = true;
                last_folded = Some(i) == last;
            }
            None => kept.push(op),
        }
    }
    b.ops = kept;
    // The op an exception exit belongs to is gone: it cannot raise.
    if last_folded {
        if let LLExit::OnException { normal, .. } = &b.exit {
            b.exit = LLExit::Goto(normal.clone());
        }
    }
    changed | subst_block(b, &known)
}

/// `if True` / `switch 3` pick their exit now.
fn fold_exits(g: &mut LLGraph) -> bool {
    let mut changed = false;
    for b in &mut g.blocks {
        let taken = match &b.exit {
            LLExit::If {
                cond: LLValue::Const(LLConst::Bool(c)),
                then,
                else_,
            } => Some(if *c { then.clone() } else { else_.clone() }),
            LLExit::Switch {
                value: LLValue::Const(v),
                cases,
                default,
            } => Some(
                cases
                    .iter()
                    .find(|(c, _)| c == v)
                    .map(|(_, l)| l.clone())
                    .unwrap_or_else(|| default.clone()),
            ),
            _ => None,
        };
        if let Some(link) = taken {
            b.exit = LLExit::Goto(link);
            changed = true;
        }
    }
    changed
}

/// An input argument that every incoming link fills with the same
/// constant becomes that constant (block 0's are the parameters: kept).
fn propagate_constant_inputargs(g: &mut LLGraph) -> bool {
    let n = g.blocks.len();
    let mut incoming: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (src, b) in g.blocks.iter().enumerate() {
        for (li, l) in b.exit.links().into_iter().enumerate() {
            incoming[l.target.index()].push((src, li));
        }
    }
    let mut changed = false;
    for (t, into) in incoming.iter().enumerate().skip(1) {
        if into.is_empty() {
            continue;
        }
        let mut j = 0;
        while j < g.blocks[t].inputargs.len() {
            let first = &g.blocks[into[0].0].exit.links()[into[0].1].args[j];
            let same = match first {
                LLValue::Const(c) => into.iter().all(|&(s, li)| {
                    g.blocks[s].exit.links()[li].args[j] == LLValue::Const(c.clone())
                }),
                LLValue::Var(_) => false,
            };
            if !same {
                j += 1;
                continue;
            }
            let LLValue::Const(c) = first.clone() else {
                unreachable!("checked above")
            };
            for &(s, li) in into {
                g.blocks[s].exit.links_mut()[li].args.remove(j);
            }
            let v = g.blocks[t].inputargs.remove(j);
            subst_block(&mut g.blocks[t], &HashMap::from([(v, c)]));
            changed = true;
        }
    }
    changed
}

/// Removable ops whose result nothing uses.
fn remove_dead_ops(g: &mut LLGraph) -> bool {
    let mut changed = false;
    for b in &mut g.blocks {
        loop {
            let mut used = HashSet::new();
            let mut note = |v: &LLValue| {
                if let LLValue::Var(x) = v {
                    used.insert(*x);
                }
            };
            b.ops
                .iter()
                .for_each(|op| op.args.iter().for_each(&mut note));
            b.exit.operands().into_iter().for_each(&mut note);
            b.exit
                .links()
                .into_iter()
                .for_each(|l| l.args.iter().for_each(&mut note));
            let before = b.ops.len();
            b.ops
                .retain(|op| !op.kind.removable() || used.contains(&op.result) || is_call(op));
            if b.ops.len() == before {
                break;
            }
            changed = true;
        }
    }
    changed
}

/// Calls are not removable even when their op kind looks harmless.
fn is_call(op: &LLOp) -> bool {
    matches!(op.kind, K::DirectCall | K::IndirectCall)
}
