//! Join a block into its only predecessor when that predecessor falls
//! through to it unconditionally.

use super::rewrite::{bind_inputargs, is_special, move_exits, substitute_in_block};
use crate::model::{BlockId, ExitSwitch, FunctionGraph, LinkId};

/// Merge every block that has exactly one incoming link, coming from a
/// block whose single exit is unconditional, into that block.
pub fn join_blocks(g: &mut FunctionGraph) {
    for a in g.all_blocks() {
        while g.graph.contains_node(a.0) {
            match joinable_exit(g, a) {
                Some(l) => merge(g, a, l),
                None => break,
            }
        }
    }
}

/// The exit of `a` leading to a block that can be merged into `a`.
fn joinable_exit(g: &FunctionGraph, a: BlockId) -> Option<LinkId> {
    let block = g.block(a);
    if *block.switch() != ExitSwitch::None || block.exits.len() != 1 {
        return None;
    }
    let l = block.exits[0];
    let b = g.link_target(l);
    (b != a && !is_special(g, b) && g.incoming(b).len() == 1).then_some(l)
}

/// Append the target of `l` (its only entry) to `a`, the source of `l`.
fn merge(g: &mut FunctionGraph, a: BlockId, l: LinkId) {
    let b = g.link_target(l);
    let map = bind_inputargs(g, b, &g.link(l).args);
    substitute_in_block(g, b, &map);
    g.remove_link(l);
    move_exits(g, b, a);
    let ops = std::mem::take(&mut g.block_mut(b).ops);
    let exitswitch = g.block_mut(b).exitswitch.take();
    let block = g.block_mut(a);
    block.ops.extend(ops);
    block.exitswitch = exitswitch;
    g.remove_block(b);
}
