//! RPython's `r_uint`: unsigned 64-bit machine words. `+ - *` and unary
//! `-` wrap; `//` and `%` are unsigned (division by zero raises
//! ZeroDivisionError); `<<` wraps and `>>` is logical, a count >= 64
//! giving 0 and a negative count raising ValueError; an int mixed with an
//! r_uint is converted to one first (its bits: `r_uint(-1)` is 2**64 - 1).

use crate::{Error, Result};

/// `r_uint(i)`: the bits of an int.
#[inline(always)]
pub fn from_int(i: i64) -> u64 {
    i as u64
}

/// `intmask(u)`: the bits of an r_uint as an int.
#[inline(always)]
pub fn to_int(u: u64) -> i64 {
    u as i64
}

/// `is_valid_int(u)`: does the r_uint's value fit in an int?
#[inline(always)]
pub fn is_valid_int(u: u64) -> bool {
    u <= i64::MAX as u64
}

/// `x // y`.
#[inline(always)]
pub fn floordiv(x: u64, y: u64) -> Result<u64> {
    if y == 0 {
        return Err(Error::IntDivisionByZero);
    }
    Ok(x / y)
}

/// `x % y`.
#[inline(always)]
pub fn modulo(x: u64, y: u64) -> Result<u64> {
    if y == 0 {
        return Err(Error::IntModuloByZero);
    }
    Ok(x % y)
}

/// `x << y` (the count is an int, as in RPython).
#[inline(always)]
pub fn lshift(x: u64, y: i64) -> Result<u64> {
    if y < 0 {
        return Err(Error::NegativeShiftCount);
    }
    Ok(if y >= 64 { 0 } else { x << y })
}

/// `x >> y` (logical).
#[inline(always)]
pub fn rshift(x: u64, y: i64) -> Result<u64> {
    if y < 0 {
        return Err(Error::NegativeShiftCount);
    }
    Ok(if y >= 64 { 0 } else { x >> y })
}

/// `float(u)`.
#[inline(always)]
pub fn to_float(u: u64) -> f64 {
    u as f64
}

/// `hash(u)`: CPython's hash of the int of that value.
pub fn hash(u: u64) -> i64 {
    (u % crate::int::HASH_MODULUS) as i64
}

/// `str(u)`: the unsigned decimal digits.
pub fn str(u: u64) -> String {
    u.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_become_their_bits() {
        assert_eq!(from_int(-1), u64::MAX);
        assert_eq!(to_int(u64::MAX), -1);
        assert!(is_valid_int(i64::MAX as u64));
        assert!(!is_valid_int(1 << 63));
        assert_eq!(str(u64::MAX), "18446744073709551615");
    }

    #[test]
    fn division_and_shifts_are_unsigned() {
        assert_eq!(floordiv(u64::MAX, 2), Ok(u64::MAX / 2));
        assert_eq!(modulo(7, 0), Err(Error::IntModuloByZero));
        assert_eq!(rshift(u64::MAX, 63), Ok(1));
        assert_eq!(rshift(u64::MAX, 64), Ok(0));
        assert_eq!(lshift(3, 63), Ok(1 << 63));
        assert_eq!(lshift(1, -1), Err(Error::NegativeShiftCount));
    }
}
