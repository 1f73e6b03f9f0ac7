//! Drop the blocks that cannot be reached from the start block.

use crate::model::FunctionGraph;
use std::collections::HashSet;

/// Remove every block not reachable from the start block (the return and
/// except blocks are kept even when unreachable).
pub fn remove_unreachable_blocks(g: &mut FunctionGraph) {
    let reachable: HashSet<_> = g.blocks_in_order().into_iter().collect();
    for b in g.all_blocks() {
        if !reachable.contains(&b) && b != g.returnblock && b != g.exceptblock {
            g.remove_block(b);
        }
    }
}
