//! Python's operations on floats: `/ // %` (raising on a zero divisor,
//! floor and modulo by CPython's `divmod`), `**` (raising where CPython
//! raises or would give a complex), `int(f)`, `min`/`max` and CPython's
//! `hash`.

use crate::int::{HASH_BITS, HASH_MODULUS};
use crate::{Error, Result};

/// `x / y`.
#[inline(always)]
pub fn truediv(x: f64, y: f64) -> Result<f64> {
    if y == 0.0 {
        return Err(Error::FloatDivisionByZero);
    }
    Ok(x / y)
}

/// `x // y`.
#[inline]
pub fn floordiv(x: f64, y: f64) -> Result<f64> {
    if y == 0.0 {
        return Err(Error::FloatFloorDivisionByZero);
    }
    Ok(divmod(x, y).0)
}

/// `x % y`.
#[inline]
pub fn modulo(x: f64, y: f64) -> Result<f64> {
    if y == 0.0 {
        return Err(Error::FloatModuloByZero);
    }
    Ok(divmod(x, y).1)
}

/// CPython's float divmod: (floor quotient, modulo with the divisor's
/// sign), for `y != 0`.
pub fn divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let fd = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(x / y)
    };
    (fd, m)
}

/// `x ** y`. A negative base with a fractional exponent is a complex
/// number in CPython; rpy has none and raises ValueError (as Python 2).
pub fn pow(x: f64, y: f64) -> Result<f64> {
    if x == 0.0 && y < 0.0 {
        return Err(Error::ZeroToNegativePower);
    }
    if x < 0.0 && y.is_finite() && y.fract() != 0.0 {
        return Err(Error::NegativeToFractionalPower);
    }
    Ok(x.powf(y))
}

/// `int(f)`: truncates toward zero (saturating at the ends of the int
/// range).
#[inline(always)]
pub fn to_int(f: f64) -> Result<i64> {
    if f.is_nan() {
        return Err(Error::FloatNanToInt);
    }
    if f.is_infinite() {
        return Err(Error::FloatInfinityToInt);
    }
    Ok(f as i64)
}

/// `min(a, b)`: `a` unless `b < a` (so NaN and `-0.0` as Python).
#[inline]
pub fn min(a: f64, b: f64) -> f64 {
    if b < a {
        b
    } else {
        a
    }
}

/// `max(a, b)`: `a` unless `b > a`.
#[inline]
pub fn max(a: f64, b: f64) -> f64 {
    if b > a {
        b
    } else {
        a
    }
}

const HASH_INF: i64 = 314_159;

/// CPython's `hash(float)` (equal to `hash(int)` for integral values).
pub fn hash(v: f64) -> i64 {
    if !v.is_finite() {
        return if v.is_nan() {
            0
        } else if v > 0.0 {
            HASH_INF
        } else {
            -HASH_INF
        };
    }
    let (mut m, mut e) = frexp(v);
    let sign: i64 = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | (x >> (HASH_BITS - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let bits = HASH_BITS as i32;
    let e = if e >= 0 {
        e % bits
    } else {
        bits - 1 - ((-1 - e) % bits)
    } as u32;
    x = ((x << e) & HASH_MODULUS) | (x >> (HASH_BITS - e));
    let h = (x as i64).wrapping_mul(sign);
    if h == -1 {
        -2
    } else {
        h
    }
}

/// C's `frexp`: `v = m * 2**e` with `0.5 <= |m| < 1` (v finite, non-zero).
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // subnormal: scale into the normal range first
        let (m, e) = frexp(v * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}
