//! Truth of translation-time constants, shared by the flow-graph
//! builder, its simplifier and the rtyper.

use crate::program::ConstValue;

/// The truth of a constant that stays the same while the program runs:
/// `None` for a prebuilt object, which it may change (a list it empties).
pub fn fixed_truth(v: &ConstValue) -> Option<bool> {
    Some(match v {
        ConstValue::Int(i) => *i != 0,
        ConstValue::Float(f) => *f != 0.0,
        ConstValue::Bool(b) => *b,
        ConstValue::Str(s) => !s.is_empty(),
        ConstValue::None => false,
        ConstValue::Tuple(t) => !t.is_empty(),
        ConstValue::Func(_) | ConstValue::Class(_) | ConstValue::Builtin(_) => true,
        _ => return None,
    })
}
