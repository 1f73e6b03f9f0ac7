//! Bypass empty blocks (PyPy's "drop empty links"): a block with no ops
//! and one unconditional exit only renames its input arguments.

use super::rewrite::{bind_inputargs, is_special, subst_all};
use crate::model::{ExitSwitch, FunctionGraph};

/// Redirect the links entering an empty forwarding block straight to its
/// target (with the arguments substituted) and remove the block.
pub fn eliminate_empty_blocks(g: &mut FunctionGraph) {
    for b in g.all_blocks() {
        if is_special(g, b) {
            continue;
        }
        let block = g.block(b);
        if !block.ops.is_empty() || *block.switch() != ExitSwitch::None || block.exits.len() != 1 {
            continue;
        }
        let exit = block.exits[0];
        let target = g.link_target(exit);
        if target == b {
            continue; // an empty infinite loop: leave it be
        }
        let forwarded = g.link(exit).args.clone();
        // Where the forwarded values were bound: the later jump when it
        // passes constants, else each incoming jump.
        let binds_constants = forwarded
            .iter()
            .any(|a| matches!(a, crate::model::Value::Const(_)));
        let exit_span = g.link(exit).span;
        for l in g.incoming(b) {
            let map = bind_inputargs(g, b, &g.link(l).args);
            g.link_mut(l).args = subst_all(&forwarded, &map);
            if binds_constants {
                g.link_mut(l).span = exit_span;
            }
            g.retarget_link(l, target);
        }
        g.remove_block(b);
    }
}
