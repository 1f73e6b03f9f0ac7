//! Replace an input argument that always receives the same constant by
//! that constant (optimistically through loops).

use super::rewrite::{is_special, remove_inputarg, substitute_in_block, Renaming};
use crate::model::{FunctionGraph, Value, VarId};
use rpy_front::program::ConstValue;
use std::collections::HashMap;

/// What is known of an input argument's value.
#[derive(Clone, PartialEq)]
enum Known {
    /// Nothing reached it yet (optimistic start).
    Unknown,
    Const(ConstValue),
    Varying,
}

fn meet(a: &Known, b: Known) -> Known {
    match (a, b) {
        (Known::Unknown, b) => b,
        (a, Known::Unknown) => a.clone(),
        (Known::Const(x), Known::Const(y)) if *x == y => Known::Const(y),
        _ => Known::Varying,
    }
}

/// For every input argument of an ordinary block, the one constant it can
/// hold, if any: a fixpoint starting from "unknown" so that a value passed
/// unchanged round a loop keeps the constant it entered with.
fn constant_inputargs(g: &FunctionGraph) -> Renaming {
    let blocks: Vec<_> = g
        .all_blocks()
        .into_iter()
        .filter(|&b| !is_special(g, b))
        .collect();
    let mut known: HashMap<VarId, Known> = blocks
        .iter()
        .flat_map(|&b| g.block(b).inputargs.iter().map(|&v| (v, Known::Unknown)))
        .collect();
    let mut changed = true;
    while changed {
        changed = false;
        for &b in &blocks {
            for (i, &v) in g.block(b).inputargs.iter().enumerate() {
                let mut k = Known::Unknown;
                for l in g.incoming(b) {
                    let arg = match &g.link(l).args[i] {
                        Value::Const(c) => Known::Const(c.clone()),
                        Value::Var(w) => known.get(w).cloned().unwrap_or(Known::Varying),
                    };
                    k = meet(&k, arg);
                }
                if known[&v] != k {
                    known.insert(v, k);
                    changed = true;
                }
            }
        }
    }
    known
        .into_iter()
        .filter_map(|(v, k)| match k {
            Known::Const(c) => Some((v, Value::Const(c))),
            _ => None,
        })
        .collect()
}

/// Replace each input argument that receives the same constant on every
/// entering link (directly, or passed unchanged round a loop) by that
/// constant, and drop it. The start block's parameters are kept.
pub fn remove_identical_inputargs(g: &mut FunctionGraph) {
    let map = constant_inputargs(g);
    if map.is_empty() {
        return;
    }
    for b in g.all_blocks() {
        substitute_in_block(g, b, &map);
    }
    for b in g.all_blocks() {
        for i in (0..g.block(b).inputargs.len()).rev() {
            if map.contains_key(&g.block(b).inputargs[i]) {
                remove_inputarg(g, b, i);
            }
        }
    }
}
