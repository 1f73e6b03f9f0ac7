//! Replace an input argument that always receives the same constant by
//! that constant.

use super::rewrite::{is_special, remove_inputarg, substitute_in_block, Renaming};
use crate::model::{BlockId, FunctionGraph, Value};

/// The constant every entering link passes for inputarg `i` of `b` (a
/// link passing the inputarg back to itself, round a loop, does not count).
fn constant_inputarg(g: &FunctionGraph, b: BlockId, i: usize) -> Option<Value> {
    let own = Value::Var(g.block(b).inputargs[i]);
    let mut found: Option<&Value> = None;
    for l in g.incoming(b) {
        let a = &g.link(l).args[i];
        if *a == own {
            continue;
        }
        match (a, found) {
            (Value::Var(_), _) => return None,
            (_, Some(prev)) if prev != a => return None,
            _ => found = Some(a),
        }
    }
    found.cloned()
}

/// Replace each input argument that receives the same constant on every
/// entering link (or itself back from a loop) by that constant; repeat
/// until nothing changes.
pub fn remove_identical_inputargs(g: &mut FunctionGraph) {
    let mut changed = true;
    while changed {
        changed = false;
        for b in g.all_blocks() {
            if is_special(g, b) {
                continue;
            }
            for i in (0..g.block(b).inputargs.len()).rev() {
                if let Some(c) = constant_inputarg(g, b, i) {
                    let map = Renaming::from([(g.block(b).inputargs[i], c)]);
                    substitute_in_block(g, b, &map);
                    remove_inputarg(g, b, i);
                    changed = true;
                }
            }
        }
    }
}
