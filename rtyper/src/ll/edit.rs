//! Editing LL graphs: split a block in two (passing the live variables
//! along), shortcut jumps to trivial return/raise blocks, drop blocks that
//! cannot be reached.

use super::model::*;
use std::collections::HashMap;

/// Move `ops[at..]` and the exit of `b` to a new block; `b` jumps to it,
/// passing every variable of `b` the moved part uses (renamed there).
pub fn split_block(g: &mut LLGraph, b: LBlock, at: usize) -> LBlock {
    let block = g.block_mut(b);
    let ops = block.ops.split_off(at);
    let placeholder = LLExit::Return(LLValue::Const(LLConst::Void));
    let exit = std::mem::replace(&mut block.exit, placeholder);
    let (nb, live) = detach(g, ops, exit);
    g.block_mut(b).exit = LLExit::Goto(LLLink {
        target: nb,
        args: live.into_iter().map(LLValue::Var).collect(),
    });
    nb
}

/// A new block made of `ops` and `exit`, which use variables defined
/// elsewhere: those become its input arguments (renamed inside), returned
/// in order so that a link to the block can pass them.
pub fn detach(g: &mut LLGraph, mut ops: Vec<LLOp>, mut exit: LLExit) -> (LBlock, Vec<LVar>) {
    let mut defined: Vec<LVar> = ops.iter().map(|op| op.result).collect();
    if let LLExit::OnException { handlers, .. } = &exit {
        defined.extend(handlers.iter().map(|(_, v, _)| *v));
    }
    let mut free = Vec::new();
    let mut note = |v: &LLValue| {
        if let LLValue::Var(x) = v {
            if !defined.contains(x) && !free.contains(x) {
                free.push(*x);
            }
        }
    };
    for op in &ops {
        op.args.iter().for_each(&mut note);
    }
    exit.operands().into_iter().for_each(&mut note);
    for l in exit.links() {
        l.args.iter().for_each(&mut note);
    }
    let mut map = HashMap::new();
    let mut inputargs = Vec::new();
    for &v in &free {
        let info = g.vars[v.index()].clone();
        let nv = g.new_var(info.ty, info.name.as_deref());
        map.insert(v, nv);
        inputargs.push(nv);
    }
    for op in &mut ops {
        op.args.iter_mut().for_each(|a| rename(a, &map));
    }
    rename_exit(&mut exit, &map);
    let nb = g.add_block(inputargs, exit);
    g.block_mut(nb).ops = ops;
    (nb, free)
}

fn rename(v: &mut LLValue, map: &HashMap<LVar, LVar>) {
    if let LLValue::Var(x) = v {
        if let Some(n) = map.get(x) {
            *x = *n;
        }
    }
}

fn rename_exit(e: &mut LLExit, map: &HashMap<LVar, LVar>) {
    match e {
        LLExit::If { cond: v, .. }
        | LLExit::Switch { value: v, .. }
        | LLExit::Return(v)
        | LLExit::Raise(v) => rename(v, map),
        LLExit::Goto(_) | LLExit::OnException { .. } => {}
    }
    for l in e.links_mut() {
        l.args.iter_mut().for_each(|a| rename(a, map));
    }
}

/// `goto blockN(x)` where blockN only returns (or raises) its one input
/// argument becomes `return x` (or `raise x`).
pub fn shortcut_trivial_exits(g: &mut LLGraph) {
    let trivial: Vec<Option<bool>> = g
        .blocks
        .iter()
        .map(
            |b| match (&b.exit, b.ops.is_empty(), b.inputargs.as_slice()) {
                (LLExit::Return(LLValue::Var(v)), true, [a]) if v == a => Some(true),
                (LLExit::Raise(LLValue::Var(v)), true, [a]) if v == a => Some(false),
                _ => None,
            },
        )
        .collect();
    for b in &mut g.blocks {
        if let LLExit::Goto(l) = &b.exit {
            if let Some(is_return) = trivial[l.target.index()] {
                let v = l.args[0].clone();
                b.exit = if is_return {
                    LLExit::Return(v)
                } else {
                    LLExit::Raise(v)
                };
            }
        }
    }
}

/// Drop the blocks that cannot be reached from block 0 and renumber the
/// others in their current order.
pub fn remove_unreachable_blocks(g: &mut LLGraph) {
    let mut reached = vec![false; g.blocks.len()];
    let mut stack = vec![0usize];
    while let Some(b) = stack.pop() {
        if std::mem::replace(&mut reached[b], true) {
            continue;
        }
        for l in g.blocks[b].exit.links() {
            stack.push(l.target.index());
        }
    }
    let mut new_index = vec![u32::MAX; g.blocks.len()];
    let mut next = 0;
    for (i, r) in reached.iter().enumerate() {
        if *r {
            new_index[i] = next;
            next += 1;
        }
    }
    let blocks = std::mem::take(&mut g.blocks);
    g.blocks = blocks
        .into_iter()
        .zip(&reached)
        .filter(|(_, r)| **r)
        .map(|(mut b, _)| {
            for l in b.exit.links_mut() {
                l.target = LBlock(new_index[l.target.index()]);
            }
            b
        })
        .collect();
}

#[cfg(test)]
mod tests {
    use super::super::ops::LLOpKind;
    use super::super::types::LLType;
    use super::*;
    use rpy_front::program::FuncId;
    use rpy_front::Span;

    /// `block0(a): b = a + 1; c = b + 1; goto block1(c)`, `block1(r): return r`.
    fn graph() -> LLGraph {
        let mut g = LLGraph {
            name: "f".into(),
            func: FuncId(0),
            params: Vec::new(),
            result: LLType::Signed,
            blocks: Vec::new(),
            vars: Vec::new(),
            hints: Default::default(),
            span: Span::default(),
        };
        let [a, b, c, r] = [0; 4].map(|_| g.new_var(LLType::Signed, None));
        g.params = vec![a];
        let goto_ret = LLExit::Goto(LLLink {
            target: LBlock(1),
            args: vec![LLValue::Var(c)],
        });
        g.add_block(vec![a], goto_ret);
        g.add_block(vec![r], LLExit::Return(LLValue::Var(r)));
        for (x, y) in [(b, a), (c, b)] {
            g.blocks[0].ops.push(LLOp {
                kind: LLOpKind::IntAdd,
                args: vec![LLValue::Var(y), LLValue::Const(LLConst::Int(1))],
                result: x,
                span: Span::default(),
            });
        }
        g
    }

    #[test]
    fn split_passes_live_variables() {
        let mut g = graph();
        let nb = split_block(&mut g, LBlock(0), 1);
        assert_eq!(g.blocks[0].ops.len(), 1);
        let LLExit::Goto(l) = &g.blocks[0].exit else {
            panic!()
        };
        assert_eq!(l.target, nb);
        assert_eq!(l.args.len(), 1, "only b is live");
        let moved = g.block(nb);
        assert_eq!(moved.ops.len(), 1);
        assert_eq!(moved.ops[0].args[0], LLValue::Var(moved.inputargs[0]));
    }

    #[test]
    fn shortcut_and_cleanup() {
        let mut g = graph();
        shortcut_trivial_exits(&mut g);
        assert!(matches!(g.blocks[0].exit, LLExit::Return(_)));
        remove_unreachable_blocks(&mut g);
        assert_eq!(g.blocks.len(), 1);
    }
}
