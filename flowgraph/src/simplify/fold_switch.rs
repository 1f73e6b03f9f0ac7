//! Constant-fold exitswitches: a switch on a constant takes one exit.

use crate::model::{ExitCase, ExitSwitch, FunctionGraph, Value};
use rpy_front::program::ConstValue;

/// Replace every switch on a constant by an unconditional exit to the
/// matching case (or the default); the other exits are removed.
pub fn constant_fold_exitswitch(g: &mut FunctionGraph) {
    for b in g.all_blocks() {
        let ExitSwitch::Value(Value::Const(c)) = g.block(b).switch().clone() else {
            continue;
        };
        let exits = g.block(b).exits.clone();
        let is_if = exits
            .iter()
            .all(|&l| matches!(g.link(l).exitcase, ExitCase::Const(ConstValue::Bool(_))));
        let key = match (is_if, rpy_front::constfold::fixed_truth(&c)) {
            (true, Some(t)) => ConstValue::Bool(t),
            _ => c,
        };
        let chosen = exits
            .iter()
            .find(|&&l| g.link(l).exitcase == ExitCase::Const(key.clone()))
            .or_else(|| {
                exits
                    .iter()
                    .find(|&&l| g.link(l).exitcase == ExitCase::Default)
            });
        let Some(&chosen) = chosen else {
            continue;
        };
        for &l in &exits {
            if l != chosen {
                g.remove_link(l);
            }
        }
        g.link_mut(chosen).exitcase = ExitCase::Always;
        g.block_mut(b).exitswitch = None;
    }
}
