//! Tuples: fixed-size immutable structs `{ hdr, f0, f1, … }` defined by
//! the generated code and described by their type descriptor; the runtime
//! compares and prints them through it.

use crate::dynamic::{eq_ptr, repr_ptr};
use crate::object::{Object, RStr};
use crate::str::rpy_str_from_bytes;

/// `a == b`, item by item.
pub unsafe fn rpy_tuple_eq(a: *mut Object, b: *mut Object) -> bool {
    eq_ptr(a.cast(), b.cast())
}

/// `repr(t)`: `(1, 'a')`, `(1,)` (null: `'None'`).
pub unsafe fn rpy_tuple_repr(t: *mut Object) -> *mut RStr {
    let mut out = Vec::new();
    repr_ptr(t.cast(), &mut out);
    rpy_str_from_bytes(&out)
}
