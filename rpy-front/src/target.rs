//! Checks that an expression may be assigned to (or deleted), with
//! Python's messages ("cannot assign to function call", ...).

use crate::ast::{Expr, ExprKind};
use crate::diag::{DResult, Diagnostic};

/// What is done to the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    /// `=`, `for` targets and comprehension targets (unpacking allowed).
    Assign,
    /// `+=` and friends: a single name, attribute or item.
    AugAssign,
    /// `del`: names, list items and dict entries.
    Delete,
}

/// Check that `e` is a valid target for `verb`.
pub fn check_target(e: &Expr, verb: Verb) -> DResult<()> {
    match (&e.kind, verb) {
        (ExprKind::Subscript { .. }, _) => Ok(()),
        (ExprKind::Name(_), _) => Ok(()),
        (ExprKind::Attribute { .. }, Verb::Assign | Verb::AugAssign) => Ok(()),
        (ExprKind::Attribute { .. }, Verb::Delete) => Err(Diagnostic::error(
            e.span,
            "deleting an attribute is not supported in rpy",
        )
        .with_label("only names, list items and dict entries can be deleted")),
        (ExprKind::Tuple(elts) | ExprKind::List(elts), Verb::Assign | Verb::Delete) => {
            elts.iter().try_for_each(|t| check_target(t, verb))
        }
        (ExprKind::Tuple(_) | ExprKind::List(_), Verb::AugAssign) => Err(Diagnostic::error(
            e.span,
            format!(
                "'{}' is an illegal expression for augmented assignment",
                kind_name(e)
            ),
        )),
        (ExprKind::Slice { .. }, Verb::Delete) => Ok(()),
        (ExprKind::Slice { .. }, _) => Err(Diagnostic::error(
            e.span,
            "slice assignment is not supported in rpy",
        )),
        _ => Err(cannot(e, verb)),
    }
}

fn cannot(e: &Expr, verb: Verb) -> Diagnostic {
    let what = match verb {
        Verb::Delete => "delete",
        _ => "assign to",
    };
    Diagnostic::error(e.span, format!("cannot {what} {}", kind_name(e)))
        .with_label(format!("cannot {what} this"))
}

/// How Python names an expression in "cannot assign to …".
fn kind_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Str(_) => "literal",
        ExprKind::Bool(true) => "True",
        ExprKind::Bool(false) => "False",
        ExprKind::None => "None",
        ExprKind::Call { .. } => "function call",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        _ => "expression",
    }
}
