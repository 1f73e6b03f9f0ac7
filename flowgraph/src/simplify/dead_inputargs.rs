//! Remove input arguments whose values are never used (liveness over the
//! whole graph, loops included).

use super::rewrite::{is_special, remove_inputarg, vars_read_in_block};
use crate::model::{FunctionGraph, Value, VarId};
use std::collections::HashSet;

/// The variables whose value is needed: read by an op or an exitswitch,
/// an inputarg of the start/return/except block, or passed along a link to
/// a needed inputarg.
fn live_vars(g: &FunctionGraph) -> HashSet<VarId> {
    let blocks = g.all_blocks();
    let mut live: HashSet<VarId> = HashSet::new();
    for &b in &blocks {
        live.extend(vars_read_in_block(g, b));
        if is_special(g, b) {
            live.extend(g.block(b).inputargs.iter().copied());
        }
    }
    let mut changed = true;
    while changed {
        changed = false;
        for &b in &blocks {
            for &l in &g.block(b).exits {
                let params = &g.block(g.link_target(l)).inputargs;
                for (p, a) in params.iter().zip(&g.link(l).args) {
                    if let Value::Var(v) = a {
                        if live.contains(p) && live.insert(*v) {
                            changed = true;
                        }
                    }
                }
            }
        }
    }
    live
}

/// Remove every dead input argument (and the matching argument of each
/// entering link). The start block's arguments are the function's
/// parameters and are never removed; neither are the return/except blocks'.
pub fn remove_dead_inputargs(g: &mut FunctionGraph) {
    let live = live_vars(g);
    for b in g.all_blocks() {
        if is_special(g, b) {
            continue;
        }
        for i in (0..g.block(b).inputargs.len()).rev() {
            if !live.contains(&g.block(b).inputargs[i]) {
                remove_inputarg(g, b, i);
            }
        }
    }
}
