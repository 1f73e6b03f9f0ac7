//! The rewriting helpers shared by the passes: variable substitution,
//! moving exits between blocks, dropping an input argument everywhere.

use crate::model::{BlockId, ExitSwitch, FunctionGraph, Link, Value, VarId};
use std::collections::{HashMap, HashSet};

/// A substitution of values for variables.
pub type Renaming = HashMap<VarId, Value>;

/// `v` with the renaming applied.
pub fn subst(v: &Value, map: &Renaming) -> Value {
    match v {
        Value::Var(x) => map.get(x).cloned().unwrap_or_else(|| v.clone()),
        Value::Const(_) => v.clone(),
    }
}

pub fn subst_all(vs: &[Value], map: &Renaming) -> Vec<Value> {
    vs.iter().map(|v| subst(v, map)).collect()
}

/// The renaming that binds the input arguments of `b` to `args` (the
/// arguments of a link entering `b`).
pub fn bind_inputargs(g: &FunctionGraph, b: BlockId, args: &[Value]) -> Renaming {
    g.block(b)
        .inputargs
        .iter()
        .copied()
        .zip(args.iter().cloned())
        .collect()
}

/// Apply `map` to every use in `b`: op arguments, the exitswitch and the
/// arguments of its exits (definitions are left alone).
pub fn substitute_in_block(g: &mut FunctionGraph, b: BlockId, map: &Renaming) {
    if map.is_empty() {
        return;
    }
    let block = g.block_mut(b);
    for op in &mut block.ops {
        for a in &mut op.args {
            *a = subst(a, map);
        }
    }
    if let Some(ExitSwitch::Value(v)) = &mut block.exitswitch {
        *v = subst(v, map);
    }
    for l in block.exits.clone() {
        let link = g.link_mut(l);
        link.args = subst_all(&link.args, map);
    }
}

/// Move all exits of `from` to the end of `to`'s exit list, in order.
pub fn move_exits(g: &mut FunctionGraph, from: BlockId, to: BlockId) {
    for l in std::mem::take(&mut g.block_mut(from).exits) {
        let target = g.link_target(l);
        let data: Link = g.graph.remove_edge(l.0).expect("dangling link");
        g.add_link(to, target, data);
    }
}

/// Remove input argument `i` of `b` and the matching argument of every
/// link entering `b`.
pub fn remove_inputarg(g: &mut FunctionGraph, b: BlockId, i: usize) {
    for l in g.incoming(b) {
        g.link_mut(l).args.remove(i);
    }
    g.block_mut(b).inputargs.remove(i);
}

/// The variables `b` reads in its ops and exitswitch (not in its exits).
pub fn vars_read_in_block(g: &FunctionGraph, b: BlockId) -> HashSet<VarId> {
    let block = g.block(b);
    let mut used: HashSet<VarId> = block
        .ops
        .iter()
        .flat_map(|op| op.args.iter().filter_map(Value::as_var))
        .collect();
    if let ExitSwitch::Value(Value::Var(v)) = block.switch() {
        used.insert(*v);
    }
    used
}

/// The start, return and except blocks, whose shape passes never change.
pub fn is_special(g: &FunctionGraph, b: BlockId) -> bool {
    b == g.startblock || b == g.returnblock || b == g.exceptblock
}
