//! Python's operations on rpy's 64-bit ints: `+ - *` wrap; `//` rounds
//! toward minus infinity and `%` takes the divisor's sign (`MIN // -1`
//! wraps); shifts by a count >= 64 give 0 (or -1); `**` wraps and refuses
//! a negative exponent; CPython's `hash`.

use crate::{Error, Result};

/// `x // y`.
#[inline(always)]
pub fn floordiv(x: i64, y: i64) -> Result<i64> {
    if y == 0 {
        return Err(Error::IntDivisionByZero);
    }
    let q = x.wrapping_div(y);
    Ok(if x.wrapping_rem(y) != 0 && (x ^ y) < 0 {
        q - 1
    } else {
        q
    })
}

/// `x % y`.
#[inline(always)]
pub fn modulo(x: i64, y: i64) -> Result<i64> {
    if y == 0 {
        return Err(Error::IntModuloByZero);
    }
    let r = x.wrapping_rem(y);
    Ok(if r != 0 && (r ^ y) < 0 { r + y } else { r })
}

/// `x << y`.
#[inline(always)]
pub fn lshift(x: i64, y: i64) -> Result<i64> {
    if y < 0 {
        return Err(Error::NegativeShiftCount);
    }
    Ok(if y >= 64 { 0 } else { x << y })
}

/// `x >> y` (arithmetic).
#[inline(always)]
pub fn rshift(x: i64, y: i64) -> Result<i64> {
    if y < 0 {
        return Err(Error::NegativeShiftCount);
    }
    Ok(x >> y.min(63))
}

/// `x ** y`.
pub fn pow(x: i64, y: i64) -> Result<i64> {
    if y < 0 {
        return Err(Error::NegativeIntPower);
    }
    let (mut base, mut e, mut acc) = (x, y as u64, 1i64);
    while e > 0 {
        if e & 1 == 1 {
            acc = acc.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        e >>= 1;
    }
    Ok(acc)
}

/// `chr(i)` (a byte).
#[inline(always)]
pub fn chr(i: i64) -> Result<u8> {
    if !(0..=255).contains(&i) {
        return Err(Error::ChrOutOfRange);
    }
    Ok(i as u8)
}

/// `abs(x)` (wraps at `MIN`).
#[inline(always)]
pub fn abs(x: i64) -> i64 {
    x.wrapping_abs()
}

pub(crate) const HASH_BITS: u32 = 61;
pub(crate) const HASH_MODULUS: u64 = (1 << HASH_BITS) - 1;

/// CPython's `hash(int)`: the value modulo 2**61 - 1, keeping the sign;
/// -1 hashes to -2.
pub fn hash(i: i64) -> i64 {
    let m = (i.unsigned_abs() % HASH_MODULUS) as i64;
    let h = if i < 0 { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}
