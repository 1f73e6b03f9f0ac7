//! Fold tests on constants: `is_(None, None)`, `not_(c)`, `bool(c)`, where
//! SSA turned a variable that only ever holds one constant (`m = None`
//! before a loop) into that constant, so the switch on the test folds and
//! the branch it guards, dead, is never annotated. The builder folds the
//! tests it sees on constants with the same rule (`fold_test`).

use super::rewrite::{substitute_in_block, Renaming};
use crate::model::{FunctionGraph, Value};
use crate::ops::OpKind;
use rpy_front::program::ConstValue;

/// The value of a test whose operands are all constants, when it is known
/// while the program runs (not the truth of a prebuilt list or dict).
pub fn fold_test(kind: OpKind, args: &[Value]) -> Option<ConstValue> {
    let consts: Option<Vec<&ConstValue>> = args.iter().map(Value::as_const).collect();
    let truth = |c: &ConstValue| rpy_front::constfold::fixed_truth(c);
    match (kind, consts?.as_slice()) {
        (OpKind::Is, [a, b]) if **a == ConstValue::None || **b == ConstValue::None => {
            Some(ConstValue::Bool(a == b))
        }
        (OpKind::Not, [a]) => truth(a).map(|t| ConstValue::Bool(!t)),
        (OpKind::IsTrue, [a]) => truth(a).map(ConstValue::Bool),
        _ => None,
    }
}

/// Replace every foldable test by its value (its uses in the block and its
/// exits; a result is never used outside its block but through a link).
pub fn fold_tests(g: &mut FunctionGraph) {
    for b in g.all_blocks() {
        let mut map = Renaming::new();
        let mut keep = Vec::new();
        for op in std::mem::take(&mut g.block_mut(b).ops) {
            let args = super::rewrite::subst_all(&op.args, &map);
            match fold_test(op.kind, &args) {
                Some(c) => {
                    map.insert(op.result, Value::Const(c));
                }
                None => keep.push(op),
            }
        }
        g.block_mut(b).ops = keep;
        substitute_in_block(g, b, &map);
    }
}
