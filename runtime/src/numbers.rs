//! The number helpers of LL ops: Python's floor division and modulo
//! (ints and floats), shifts, `**`, `int(f)`, `min`/`max`, `chr` and the
//! numeric hashes, each the semantics' function with its error raised.
//! The inline raising ops come in two forms: `_r` returning `RResult`,
//! and plain (zero result, exception pending).

use crate::exc::{or_raise, RResult};
use crate::object::Object;
use rpy_semantics::{float, int};

/// `x // y`.
#[inline(always)]
pub fn rpy_int_floordiv_r(x: i64, y: i64) -> RResult<i64> {
    or_raise(int::floordiv(x, y))
}

/// `x % y`.
#[inline(always)]
pub fn rpy_int_mod_r(x: i64, y: i64) -> RResult<i64> {
    or_raise(int::modulo(x, y))
}

/// `x << y`.
#[inline(always)]
pub fn rpy_int_lshift_r(x: i64, y: i64) -> RResult<i64> {
    or_raise(int::lshift(x, y))
}

/// `x >> y`.
#[inline(always)]
pub fn rpy_int_rshift_r(x: i64, y: i64) -> RResult<i64> {
    or_raise(int::rshift(x, y))
}

/// `chr(i)`.
#[inline(always)]
pub fn rpy_cast_int_to_char_r(i: i64) -> RResult<u8> {
    or_raise(int::chr(i))
}

/// `x / y` on floats.
#[inline(always)]
pub fn rpy_float_truediv_r(x: f64, y: f64) -> RResult<f64> {
    or_raise(float::truediv(x, y))
}

/// `x // y` on floats.
#[inline]
pub fn rpy_float_floordiv_r(x: f64, y: f64) -> RResult<f64> {
    or_raise(float::floordiv(x, y))
}

/// `x % y` on floats.
#[inline]
pub fn rpy_float_mod_r(x: f64, y: f64) -> RResult<f64> {
    or_raise(float::modulo(x, y))
}

/// `int(f)`.
#[inline(always)]
pub fn rpy_cast_float_to_int_r(f: f64) -> RResult<i64> {
    or_raise(float::to_int(f))
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
    rpy_int_pow = rpy_int_pow_r(a: i64, b: i64) -> i64;
    rpy_float_pow = rpy_float_pow_r(a: f64, b: f64) -> f64;
}

/// `a ** b` on ints.
pub fn rpy_int_pow_r(a: i64, b: i64) -> RResult<i64> {
    or_raise(int::pow(a, b))
}

/// `a ** b` on floats.
pub fn rpy_float_pow_r(a: f64, b: f64) -> RResult<f64> {
    or_raise(float::pow(a, b))
}

/// `min(a, b)`.
#[inline]
pub fn rpy_int_min(a: i64, b: i64) -> i64 {
    a.min(b)
}

/// `max(a, b)`.
#[inline]
pub fn rpy_int_max(a: i64, b: i64) -> i64 {
    a.max(b)
}

/// `min(a, b)` on floats.
#[inline]
pub fn rpy_float_min(a: f64, b: f64) -> f64 {
    float::min(a, b)
}

/// `max(a, b)` on floats.
#[inline]
pub fn rpy_float_max(a: f64, b: f64) -> f64 {
    float::max(a, b)
}

/// `hash(i)`.
pub fn rpy_int_hash(i: i64) -> i64 {
    int::hash(i)
}

/// `hash(f)`.
pub fn rpy_float_hash(f: f64) -> i64 {
    float::hash(f)
}

/// `hash(obj)`: identity.
pub fn rpy_instance_hash(obj: *mut Object) -> i64 {
    obj as usize as i64 >> 4
}
