//! The helpers of RPython's `rarithmetic` ops: `ovfcheck`'s `int_*_ovf`
//! (OverflowError), `r_uint` division, modulo and shifts, `str(u)` — each
//! the semantics' function with its error raised.

use crate::exc::{or_raise, RResult};
use crate::object::RStr;
use crate::str::rpy_str_from_bytes;
use rpy_semantics::{ovf, uint};

/// `ovfcheck(x + y)`.
#[inline(always)]
pub fn rpy_int_add_ovf_r(x: i64, y: i64) -> RResult<i64> {
    or_raise(ovf::add(x, y))
}

/// `ovfcheck(x - y)`.
#[inline(always)]
pub fn rpy_int_sub_ovf_r(x: i64, y: i64) -> RResult<i64> {
    or_raise(ovf::sub(x, y))
}

/// `ovfcheck(x * y)`.
#[inline(always)]
pub fn rpy_int_mul_ovf_r(x: i64, y: i64) -> RResult<i64> {
    or_raise(ovf::mul(x, y))
}

/// `ovfcheck(-x)`.
#[inline(always)]
pub fn rpy_int_neg_ovf_r(x: i64) -> RResult<i64> {
    or_raise(ovf::neg(x))
}

/// `ovfcheck(x << y)`.
#[inline(always)]
pub fn rpy_int_lshift_ovf_r(x: i64, y: i64) -> RResult<i64> {
    or_raise(ovf::lshift(x, y))
}

/// `x // y` on r_uints.
#[inline(always)]
pub fn rpy_uint_floordiv_r(x: u64, y: u64) -> RResult<u64> {
    or_raise(uint::floordiv(x, y))
}

/// `x % y` on r_uints.
#[inline(always)]
pub fn rpy_uint_mod_r(x: u64, y: u64) -> RResult<u64> {
    or_raise(uint::modulo(x, y))
}

/// `x << y` of an r_uint.
#[inline(always)]
pub fn rpy_uint_lshift_r(x: u64, y: i64) -> RResult<u64> {
    or_raise(uint::lshift(x, y))
}

/// `x >> y` of an r_uint.
#[inline(always)]
pub fn rpy_uint_rshift_r(x: u64, y: i64) -> RResult<u64> {
    or_raise(uint::rshift(x, y))
}

/// `str(u)` of an r_uint.
pub fn rpy_uint_to_str(u: u64) -> *mut RStr {
    rpy_str_from_bytes(uint::str(u).as_bytes())
}
