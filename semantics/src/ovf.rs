//! RPython's `ovfcheck(x op y)`: the 64-bit signed operation, raising
//! OverflowError when the exact result does not fit (the `int_*_ovf` ops
//! of every evaluator). Supported: `+`, `-`, `*`, `<<` and unary `-`.

use crate::{int, Error, Result};

/// An overflow-checked operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OvfOp {
    Add,
    Sub,
    Mul,
    LShift,
    /// Unary minus (its second operand is ignored).
    Neg,
}

impl OvfOp {
    /// The Python operator, as the user wrote it inside `ovfcheck`.
    pub fn symbol(self) -> &'static str {
        match self {
            OvfOp::Add => "+",
            OvfOp::Sub => "-",
            OvfOp::Mul => "*",
            OvfOp::LShift => "<<",
            OvfOp::Neg => "unary -",
        }
    }
}

/// `ovfcheck(x op y)` (`ovfcheck(-x)` for `Neg`).
pub fn checked(op: OvfOp, x: i64, y: i64) -> Result<i64> {
    match op {
        OvfOp::Add => add(x, y),
        OvfOp::Sub => sub(x, y),
        OvfOp::Mul => mul(x, y),
        OvfOp::LShift => lshift(x, y),
        OvfOp::Neg => neg(x),
    }
}

/// `ovfcheck(x + y)`.
#[inline(always)]
pub fn add(x: i64, y: i64) -> Result<i64> {
    x.checked_add(y).ok_or(Error::IntOverflow)
}

/// `ovfcheck(x - y)`.
#[inline(always)]
pub fn sub(x: i64, y: i64) -> Result<i64> {
    x.checked_sub(y).ok_or(Error::IntOverflow)
}

/// `ovfcheck(x * y)`.
#[inline(always)]
pub fn mul(x: i64, y: i64) -> Result<i64> {
    x.checked_mul(y).ok_or(Error::IntOverflow)
}

/// `ovfcheck(-x)`.
#[inline(always)]
pub fn neg(x: i64) -> Result<i64> {
    x.checked_neg().ok_or(Error::IntOverflow)
}

/// `ovfcheck(x << y)`: a negative count raises ValueError (as Python's
/// `<<` does first); the result overflows when shifting it back does not
/// give `x`.
pub fn lshift(x: i64, y: i64) -> Result<i64> {
    let r = int::lshift(x, y)?;
    if x == 0 {
        return Ok(0);
    }
    if y >= 64 || r >> y != x {
        return Err(Error::IntOverflow);
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflows_exactly_outside_64_bits() {
        assert_eq!(add(i64::MAX, 0), Ok(i64::MAX));
        assert_eq!(add(i64::MAX, 1), Err(Error::IntOverflow));
        assert_eq!(sub(i64::MIN, 1), Err(Error::IntOverflow));
        assert_eq!(sub(-1, i64::MAX), Ok(i64::MIN));
        assert_eq!(mul(1 << 32, 1 << 31), Err(Error::IntOverflow));
        assert_eq!(mul(-(1 << 32), 1 << 31), Ok(i64::MIN));
        assert_eq!(neg(i64::MIN), Err(Error::IntOverflow));
        assert_eq!(neg(i64::MAX), Ok(-i64::MAX));
    }

    #[test]
    fn shifts_check_the_bits_lost() {
        assert_eq!(lshift(1, 62), Ok(1 << 62));
        assert_eq!(lshift(1, 63), Err(Error::IntOverflow));
        assert_eq!(lshift(-1, 63), Ok(i64::MIN));
        assert_eq!(lshift(0, 200), Ok(0));
        assert_eq!(lshift(3, 64), Err(Error::IntOverflow));
        assert_eq!(lshift(1, -1), Err(Error::NegativeShiftCount));
    }
}
