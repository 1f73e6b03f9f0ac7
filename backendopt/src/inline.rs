//! Inlining of small leaf functions into their callers: a `direct_call`
//! of a graph with no calls of other graphs, few ops, and no JIT meaning
//! (not the portal, not @elidable/@dont_look_inside) is replaced by a copy
//! of the callee's blocks.

use rpy_front::program::FuncId;
use rpy_rtyper::ll::edit::split_block;
use rpy_rtyper::ll::model::*;
use rpy_rtyper::ll::ops::LLOpKind as K;
use std::collections::HashMap;

/// At most this many ops (all blocks together) in an inlined function.
pub const INLINE_MAX_OPS: usize = 20;

/// Inline every call of a small leaf function (callers in turn may become
/// leaves, but one round is enough for the graphs we see).
pub fn inline_small_functions(p: &mut LLProgram) {
    let portals: Vec<FuncId> = p.drivers.iter().filter_map(|d| d.portal).collect();
    let candidates: HashMap<FuncId, LLGraph> = p
        .graphs
        .iter()
        .filter(|g| is_inlinable(g, &portals) && g.func != p.entry)
        .map(|g| (g.func, g.clone()))
        .collect();
    for g in &mut p.graphs {
        while let Some((b, i, f)) = find_call_site(g, &candidates) {
            inline_at(g, b, i, &candidates[&f]);
        }
    }
}

/// A small leaf with no JIT meaning.
pub fn is_inlinable(g: &LLGraph, portals: &[FuncId]) -> bool {
    let ops: usize = g.blocks.iter().map(|b| b.ops.len()).sum();
    let leaf = g
        .blocks
        .iter()
        .flat_map(|b| &b.ops)
        .all(|op| match op.kind {
            K::DirectCall => matches!(op.args.first(), Some(LLValue::Const(LLConst::Helper(_)))),
            K::IndirectCall
            | K::VtableMethod
            | K::JitMergePoint
            | K::CanEnterJit
            | K::JitPromote
            | K::JitWeAreJitted => false,
            _ => true,
        });
    let handles = g
        .blocks
        .iter()
        .any(|b| matches!(b.exit, LLExit::OnException { .. }));
    leaf && !handles
        && ops <= INLINE_MAX_OPS
        && !g.hints.elidable
        && !g.hints.dont_look_inside
        && !portals.contains(&g.func)
}

/// A call of a candidate that is not covered by exception handlers.
fn find_call_site(
    g: &LLGraph,
    candidates: &HashMap<FuncId, LLGraph>,
) -> Option<(LBlock, usize, FuncId)> {
    for b in g.block_ids() {
        let block = g.block(b);
        for (i, op) in block.ops.iter().enumerate() {
            let Some(LLValue::Const(LLConst::Func(f))) = op.args.first() else {
                continue;
            };
            let covered =
                i + 1 == block.ops.len() && matches!(block.exit, LLExit::OnException { .. });
            if op.kind == K::DirectCall && *f != g.func && candidates.contains_key(f) && !covered {
                return Some((b, i, *f));
            }
        }
    }
    None
}

/// Replace `ops[i]` of block `b` (a call of `callee`) by a copy of the
/// callee's blocks, every copied block carrying the caller's live values.
fn inline_at(g: &mut LLGraph, b: LBlock, i: usize, callee: &LLGraph) {
    let cont = split_block(g, b, i + 1);
    let call = g
        .block_mut(b)
        .ops
        .pop()
        .expect("the call is the last op now");
    let LLExit::Goto(to_cont) = g.block(b).exit.clone() else {
        unreachable!("split_block ends with a goto")
    };
    // The caller's values the continuation needs, apart from the result.
    let carried: Vec<LVar> = to_cont
        .args
        .iter()
        .filter_map(LLValue::as_var)
        .filter(|&v| v != call.result)
        .collect();
    let base = g.blocks.len() as u32;
    let mut map: HashMap<LVar, LVar> = HashMap::new();
    for (k, info) in callee.vars.iter().enumerate() {
        map.insert(
            LVar(k as u32),
            g.new_var(info.ty.clone(), info.name.as_deref()),
        );
    }
    let rename = |v: &LLValue, map: &HashMap<LVar, LVar>| match v {
        LLValue::Var(x) => LLValue::Var(map[x]),
        c => c.clone(),
    };
    for cb in &callee.blocks {
        // Fresh copies of the carried values for this block.
        let extra: Vec<LVar> = carried
            .iter()
            .map(|&v| g.new_var(g.var_type(v).clone(), None))
            .collect();
        let extra_values: Vec<LLValue> = extra.iter().map(|&v| LLValue::Var(v)).collect();
        let mut inputargs: Vec<LVar> = cb.inputargs.iter().map(|v| map[v]).collect();
        inputargs.extend(&extra);
        let ops = cb
            .ops
            .iter()
            .map(|op| LLOp {
                kind: op.kind,
                args: op.args.iter().map(|a| rename(a, &map)).collect(),
                result: map[&op.result],
                span: op.span,
            })
            .collect();
        let relink = |l: &LLLink| LLLink {
            target: LBlock(base + l.target.0),
            args: l
                .args
                .iter()
                .map(|a| rename(a, &map))
                .chain(extra_values.iter().cloned())
                .collect(),
        };
        let exit = match &cb.exit {
            LLExit::Return(v) => {
                let ret = rename(v, &map);
                let args = to_cont
                    .args
                    .iter()
                    .map(|a| match a {
                        LLValue::Var(x) if *x == call.result => ret.clone(),
                        LLValue::Var(x) => extra_values
                            [carried.iter().position(|c| c == x).expect("carried")]
                        .clone(),
                        c => c.clone(),
                    })
                    .collect();
                LLExit::Goto(LLLink { target: cont, args })
            }
            LLExit::Raise(v) => LLExit::Raise(rename(v, &map)),
            LLExit::Goto(l) => LLExit::Goto(relink(l)),
            LLExit::If { cond, then, else_ } => LLExit::If {
                cond: rename(cond, &map),
                then: relink(then),
                else_: relink(else_),
            },
            LLExit::Switch {
                value,
                cases,
                default,
            } => LLExit::Switch {
                value: rename(value, &map),
                cases: cases.iter().map(|(c, l)| (c.clone(), relink(l))).collect(),
                default: relink(default),
            },
            LLExit::OnException { .. } => unreachable!("inlined graphs have no handlers"),
        };
        let nb = g.add_block(inputargs, exit);
        g.block_mut(nb).ops = ops;
    }
    let mut args: Vec<LLValue> = call.args[1..].to_vec();
    args.extend(carried.iter().map(|&v| LLValue::Var(v)));
    g.block_mut(b).exit = LLExit::Goto(LLLink {
        target: LBlock(base),
        args,
    });
}
