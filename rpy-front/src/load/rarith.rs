//! Import time's `rarithmetic`: `ovfcheck(x op y)` checks the op directly
//! inside it (the run-time rule), `r_uint` values (unsigned 64-bit words,
//! with an int operand converted to one, as in RPython), `intmask` and
//! `is_valid_int` — every result the semantics' (`ovf`, `uint`).

use super::exec::Scope;
use super::value::Obj;
use super::{Loader, R};
use crate::ast::{BinOp, Expr, ExprKind, UnaryOp};
use crate::span::Span;
use rpy_semantics::ovf::{self, OvfOp};
use rpy_semantics::uint;

impl Loader {
    /// `ovfcheck(arg)` where `arg` is an int `+ - * <<` or unary `-`:
    /// its operands evaluated and the op checked; `None` for anything
    /// else (then it is an ordinary call, which returns its argument).
    pub(super) fn ovfcheck_call(&self, arg: &Expr, scope: &Scope) -> R<Option<Obj>> {
        let (op, operands): (OvfOp, Vec<&Expr>) = match &arg.kind {
            ExprKind::BinOp { op, left, right } => match op {
                BinOp::Add => (OvfOp::Add, vec![left, right]),
                BinOp::Sub => (OvfOp::Sub, vec![left, right]),
                BinOp::Mul => (OvfOp::Mul, vec![left, right]),
                BinOp::LShift => (OvfOp::LShift, vec![left, right]),
                _ => return Ok(None),
            },
            ExprKind::UnaryOp {
                op: UnaryOp::Neg,
                operand,
            } => (OvfOp::Neg, vec![operand]),
            _ => return Ok(None),
        };
        let vals = operands
            .iter()
            .map(|e| self.eval(e, scope))
            .collect::<R<Vec<_>>>()?;
        let ints: Option<Vec<i64>> = vals.iter().map(Obj::as_int).collect();
        let Some(ints) = ints else {
            // not ints: Python's operator (and its TypeError)
            return Ok(Some(match &arg.kind {
                ExprKind::BinOp { op, .. } => self.binop(*op, &vals[0], &vals[1], arg.span)?,
                _ => self.unary(UnaryOp::Neg, vals[0].clone(), arg.span)?,
            }));
        };
        match ovf::checked(op, ints[0], ints.get(1).copied().unwrap_or(0)) {
            Ok(v) => Ok(Some(Obj::Int(v))),
            Err(e) => self.raise_error(e, arg.span),
        }
    }

    /// `r_uint(x)` of an int, bool or r_uint.
    pub(super) fn r_uint(&self, v: &Obj, span: Span) -> R<Obj> {
        match v {
            Obj::UInt(_) => Ok(v.clone()),
            _ => match v.as_int() {
                Some(i) => Ok(Obj::UInt(uint::from_int(i))),
                None => self.type_error(format!("r_uint() of a '{}'", v.type_name()), span),
            },
        }
    }

    /// `intmask(x)` of an int, bool or r_uint.
    pub(super) fn intmask(&self, v: &Obj, span: Span) -> R<Obj> {
        match v {
            Obj::UInt(u) => Ok(Obj::Int(uint::to_int(*u))),
            _ => match v.as_int() {
                Some(i) => Ok(Obj::Int(i)),
                None => self.type_error(format!("intmask() of a '{}'", v.type_name()), span),
            },
        }
    }

    /// `is_valid_int(x)`: an int or bool, or an r_uint that fits in one.
    pub(super) fn is_valid_int(&self, v: &Obj) -> bool {
        match v {
            Obj::UInt(u) => uint::is_valid_int(*u),
            Obj::Int(_) | Obj::Bool(_) => true,
            _ => false,
        }
    }

    /// `a op b` when one operand is an r_uint and the other an int, bool
    /// or r_uint (`None`: not such a pair).
    pub(super) fn uint_binop(&self, op: BinOp, a: &Obj, b: &Obj, span: Span) -> R<Option<Obj>> {
        if !matches!((a, b), (Obj::UInt(_), _) | (_, Obj::UInt(_))) {
            return Ok(None);
        }
        let (Some(x), Some(y)) = (as_uint(a), as_uint(b)) else {
            return Ok(None);
        };
        let r = match op {
            BinOp::Add => Ok(x.wrapping_add(y)),
            BinOp::Sub => Ok(x.wrapping_sub(y)),
            BinOp::Mul => Ok(x.wrapping_mul(y)),
            BinOp::FloorDiv => uint::floordiv(x, y),
            BinOp::Mod => uint::modulo(x, y),
            BinOp::LShift => uint::lshift(x, y as i64),
            BinOp::RShift => uint::rshift(x, y as i64),
            BinOp::BitAnd => Ok(x & y),
            BinOp::BitOr => Ok(x | y),
            BinOp::BitXor => Ok(x ^ y),
            BinOp::Div | BinOp::Pow => return Ok(None),
        };
        match r {
            Ok(u) => Ok(Some(Obj::UInt(u))),
            Err(e) => self.raise_error(e, span),
        }
    }

    /// `-u`, `+u`, `~u` of an r_uint.
    pub(super) fn uint_unary(&self, op: UnaryOp, u: u64) -> Option<Obj> {
        Some(Obj::UInt(match op {
            UnaryOp::Neg => u.wrapping_neg(),
            UnaryOp::Pos => u,
            UnaryOp::Invert => !u,
            UnaryOp::Not => return None,
        }))
    }
}

/// An int, bool or r_uint as an r_uint's bits (the count of a shift
/// keeps its int value: its bits as an i64).
fn as_uint(v: &Obj) -> Option<u64> {
    match v {
        Obj::UInt(u) => Some(*u),
        _ => v.as_int().map(uint::from_int),
    }
}
