//! Number semantics the LL ops and helpers need beyond machine
//! instructions: Python's floor division and modulo (ints and floats),
//! shifts, `**`, `min`/`max`, `chr`, and CPython's numeric hashes. The
//! inline raising ops come in two forms: `_r` returning `RResult`, and
//! plain (zero result, exception pending).

use crate::exc::{builtin_class as bc, raise_err, rpy_raise_builtin, RResult};
use crate::object::Object;

#[cold]
#[inline(never)]
fn raise(class: u32, msg: &[u8]) {
    rpy_raise_builtin(class, msg)
}

/// `x // y` (rounds toward negative infinity; `MIN // -1` wraps).
#[inline(always)]
pub fn rpy_int_floordiv_r(x: i64, y: i64) -> RResult<i64> {
    if y == 0 {
        return raise_err(
            bc::ZERO_DIVISION_ERROR,
            b"integer division or modulo by zero",
        );
    }
    let q = x.wrapping_div(y);
    Ok(if x.wrapping_rem(y) != 0 && (x ^ y) < 0 {
        q - 1
    } else {
        q
    })
}

/// `x % y` (the sign of the divisor).
#[inline(always)]
pub fn rpy_int_mod_r(x: i64, y: i64) -> RResult<i64> {
    if y == 0 {
        return raise_err(bc::ZERO_DIVISION_ERROR, b"integer modulo by zero");
    }
    let r = x.wrapping_rem(y);
    Ok(if r != 0 && (r ^ y) < 0 { r + y } else { r })
}

/// `x << y`: wraps; a count >= 64 gives 0; a negative count raises.
#[inline(always)]
pub fn rpy_int_lshift_r(x: i64, y: i64) -> RResult<i64> {
    if y < 0 {
        return raise_err(bc::VALUE_ERROR, b"negative shift count");
    }
    Ok(if y >= 64 { 0 } else { x << y })
}

/// `x >> y`: arithmetic; a negative count raises.
#[inline(always)]
pub fn rpy_int_rshift_r(x: i64, y: i64) -> RResult<i64> {
    if y < 0 {
        return raise_err(bc::VALUE_ERROR, b"negative shift count");
    }
    Ok(x >> y.min(63))
}

/// `chr(i)`.
#[inline(always)]
pub fn rpy_cast_int_to_char_r(i: i64) -> RResult<u8> {
    if !(0..=255).contains(&i) {
        return raise_err(bc::VALUE_ERROR, b"chr() arg not in range(256)");
    }
    Ok(i as u8)
}

/// `x / y` on floats.
#[inline(always)]
pub fn rpy_float_truediv_r(x: f64, y: f64) -> RResult<f64> {
    if y == 0.0 {
        return raise_err(bc::ZERO_DIVISION_ERROR, b"float division by zero");
    }
    Ok(x / y)
}

/// `x // y` on floats.
#[inline]
pub fn rpy_float_floordiv_r(x: f64, y: f64) -> RResult<f64> {
    if y == 0.0 {
        return raise_err(bc::ZERO_DIVISION_ERROR, b"float floor division by zero");
    }
    Ok(float_divmod(x, y).0)
}

/// `x % y` on floats.
#[inline]
pub fn rpy_float_mod_r(x: f64, y: f64) -> RResult<f64> {
    if y == 0.0 {
        return raise_err(bc::ZERO_DIVISION_ERROR, b"float modulo");
    }
    Ok(float_divmod(x, y).1)
}

/// The plain forms of the `_r` ops: the result (zero after a raise),
/// with the exception left pending.
macro_rules! pending_forms {
    ($($name:ident = $r:ident ($($a:ident: $t:ty),*) -> $res:ty;)*) => {$(
        #[doc = concat!("`", stringify!($r), "` with the exception only pending.")]
        #[inline(always)]
        pub fn $name($($a: $t),*) -> $res {
            $r($($a),*).unwrap_or_default()
        }
    )*};
}

pending_forms! {
    rpy_int_floordiv = rpy_int_floordiv_r(x: i64, y: i64) -> i64;
    rpy_int_mod = rpy_int_mod_r(x: i64, y: i64) -> i64;
    rpy_int_lshift = rpy_int_lshift_r(x: i64, y: i64) -> i64;
    rpy_int_rshift = rpy_int_rshift_r(x: i64, y: i64) -> i64;
    rpy_cast_int_to_char = rpy_cast_int_to_char_r(i: i64) -> u8;
    rpy_float_truediv = rpy_float_truediv_r(x: f64, y: f64) -> f64;
    rpy_float_floordiv = rpy_float_floordiv_r(x: f64, y: f64) -> f64;
    rpy_float_mod = rpy_float_mod_r(x: f64, y: f64) -> f64;
    rpy_cast_float_to_int = rpy_cast_float_to_int_r(f: f64) -> i64;
}

/// `int(f)`: truncates toward zero (saturating at the ends of the int
/// range); ValueError for nan, OverflowError for infinities, as Python.
#[inline(always)]
pub fn rpy_cast_float_to_int_r(f: f64) -> RResult<i64> {
    if f.is_nan() {
        return raise_err(bc::VALUE_ERROR, b"cannot convert float NaN to integer");
    }
    if f.is_infinite() {
        return raise_err(
            bc::OVERFLOW_ERROR,
            b"cannot convert float infinity to integer",
        );
    }
    Ok(f as i64)
}

/// Python's float divmod: (floor quotient, modulo), y != 0.
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
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

/// `a ** b` on ints (wrapping); a negative `b` raises ValueError.
pub fn rpy_int_pow(a: i64, b: i64) -> i64 {
    if b < 0 {
        raise(
            bc::VALUE_ERROR,
            b"integer to a negative power is not supported",
        );
        return 0;
    }
    let (mut base, mut e, mut acc) = (a, b as u64, 1i64);
    while e > 0 {
        if e & 1 == 1 {
            acc = acc.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        e >>= 1;
    }
    acc
}

/// `a ** b` on floats.
pub fn rpy_float_pow(a: f64, b: f64) -> f64 {
    if a == 0.0 && b < 0.0 {
        raise(
            bc::ZERO_DIVISION_ERROR,
            b"0.0 cannot be raised to a negative power",
        );
        return 0.0;
    }
    if a < 0.0 && b.is_finite() && b.fract() != 0.0 {
        raise(
            bc::VALUE_ERROR,
            b"negative number cannot be raised to a fractional power",
        );
        return 0.0;
    }
    a.powf(b)
}

/// `min(a, b)`: `a` unless `b < a`.
#[inline]
pub fn rpy_int_min(a: i64, b: i64) -> i64 {
    a.min(b)
}

/// `max(a, b)`: `a` unless `b > a`.
#[inline]
pub fn rpy_int_max(a: i64, b: i64) -> i64 {
    a.max(b)
}

/// `min(a, b)` as Python: `a` unless `b < a`.
#[inline]
pub fn rpy_float_min(a: f64, b: f64) -> f64 {
    if b < a {
        b
    } else {
        a
    }
}

/// `max(a, b)` as Python: `a` unless `b > a`.
#[inline]
pub fn rpy_float_max(a: f64, b: f64) -> f64 {
    if b > a {
        b
    } else {
        a
    }
}

const HASH_BITS: u32 = 61;
const HASH_MODULUS: u64 = (1 << HASH_BITS) - 1;
const HASH_INF: i64 = 314_159;

/// CPython's `hash(int)`: the value modulo 2**61 - 1, keeping the sign;
/// -1 hashes to -2.
pub fn int_hash(i: i64) -> i64 {
    let m = (i.unsigned_abs() % HASH_MODULUS) as i64;
    let h = if i < 0 { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// CPython's `hash(float)` (equal to `hash(int)` for integral values).
pub fn float_hash(v: f64) -> i64 {
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

/// `hash(i)`.
pub fn rpy_int_hash(i: i64) -> i64 {
    int_hash(i)
}

/// `hash(f)`.
pub fn rpy_float_hash(f: f64) -> i64 {
    float_hash(f)
}

/// `hash(obj)`: identity.
pub fn rpy_instance_hash(obj: *mut Object) -> i64 {
    obj as usize as i64 >> 4
}
