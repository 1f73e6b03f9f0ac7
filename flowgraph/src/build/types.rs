//! Type tests: the second argument of `isinstance` (classes and builtin
//! types, or a tuple of them), and `type(x) is T` / `x.__class__ == T`
//! (also `is not`, `!=`, either side), built as one `type_is(x, T)` op —
//! `type(x)` is no run-time value of its own.

use super::{err, Builder};
use crate::model::Value;
use crate::ops::OpKind;
use rpy_front::ast::{CmpOp, Expr, ExprKind};
use rpy_front::program::{Builtin, ConstValue};
use rpy_front::{DResult, Span};

/// A class or a builtin type (`int`, `str`, …, `dict`, `tuple`).
pub(super) fn is_type(c: &ConstValue) -> bool {
    match c {
        ConstValue::Class(_) => true,
        ConstValue::Builtin(b) => b.is_type(),
        _ => false,
    }
}

/// What `isinstance(x, T)` accepts as `T`: a type or a tuple of types.
pub(super) fn is_isinstance_target(v: &Value) -> bool {
    match v {
        Value::Const(ConstValue::Tuple(items)) => items.iter().all(is_type),
        Value::Const(c) => is_type(c),
        Value::Var(_) => false,
    }
}

/// The error for `type(x)` (`what`) used other than in a type test.
pub(super) fn type_of_elsewhere<T>(what: &str, span: Span) -> DResult<T> {
    err(
        span,
        format!("{what} is only supported compared with a type in rpy: `type(x) is C`, `type(x) == int`, `is not`, `!=`"),
    )
}

impl Builder<'_> {
    /// `x` of `type(x)` or `x.__class__`.
    fn type_of_subject<'e>(&self, e: &'e Expr) -> Option<&'e Expr> {
        if let Some((Builtin::Type, [x])) = self.builtin_call(e) {
            return Some(x);
        }
        match &e.kind {
            ExprKind::Attribute { value, attr } if attr == "__class__" => Some(value),
            _ => None,
        }
    }

    /// `left op right` when it is a test of a value's exact type: the
    /// `type_is` op (negated for `is not`/`!=`); `None` for any other
    /// comparison.
    pub(super) fn type_compare(
        &mut self,
        left: &Expr,
        op: CmpOp,
        right: &Expr,
        span: Span,
    ) -> DResult<Option<Value>> {
        if !matches!(op, CmpOp::Is | CmpOp::IsNot | CmpOp::Eq | CmpOp::NotEq) {
            return Ok(None);
        }
        let (x, t) = match (self.type_of_subject(left), self.type_of_subject(right)) {
            (Some(x), _) => {
                let x = self.expr(x)?;
                (x, self.expr(right)?)
            }
            (None, Some(x)) => {
                let t = self.expr(left)?;
                (self.expr(x)?, t)
            }
            (None, None) => return Ok(None),
        };
        if !matches!(&t, Value::Const(c) if is_type(c)) {
            return err(
                span,
                "type(x) can only be compared with a class or a builtin type known at translation time in rpy",
            );
        }
        let v = self.emit(OpKind::TypeIs, vec![x, t], span);
        Ok(Some(match op {
            CmpOp::IsNot | CmpOp::NotEq => self.emit(OpKind::Not, vec![v], span),
            _ => v,
        }))
    }
}
