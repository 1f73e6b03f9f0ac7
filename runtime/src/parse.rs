//! `int(s)`, `int(s, base)` and `float(s)` on run-time strings: the
//! semantics' parsers, their errors raised.

use crate::exc::raise_error;
use crate::object::{str_bytes, RStr};
use rpy_semantics::parse;

/// `int(s)`.
pub unsafe fn rpy_str_to_int(s: *mut RStr) -> i64 {
    rpy_str_to_int_base(s, 10)
}

/// `int(s, base)` (base 0: from the prefix, as Python literals).
pub unsafe fn rpy_str_to_int_base(s: *mut RStr, base: i64) -> i64 {
    parse::int(str_bytes(s), base).unwrap_or_else(|e| {
        raise_error(e);
        0
    })
}

/// `float(s)`.
pub unsafe fn rpy_str_to_float(s: *mut RStr) -> f64 {
    parse::float(str_bytes(s)).unwrap_or_else(|e| {
        raise_error(e);
        0.0
    })
}
