//! `str()` and `repr()` of every kind of value, as Python prints them:
//! ints, bools, floats (shortest repr), strings, lists `[1, 'a']`, tuples
//! `(1,)`, dicts `{1: 'a'}`, None, instances `<C object>`, exceptions
//! `E('msg')`.

use crate::dict::dict_repr_into;
use crate::item::Item;
use crate::object::{list_items, str_bytes, Object, RDict, RList, RStr};
use crate::pyrepr::{float_repr, str_repr};
use crate::str::{none_str, rpy_str_from_bytes};

pub use rpy_semantics::repr::int_str as fmt_int;

/// `str(i)`.
pub fn rpy_int_to_str(i: i64) -> *mut RStr {
    rpy_str_from_bytes(fmt_int(i, &mut [0; 20]))
}

/// `str(f)`: Python's shortest repr (`3.0`, `0.1`, `1e+16`, `inf`, `nan`).
pub fn rpy_float_to_str(f: f64) -> *mut RStr {
    let mut out = Vec::with_capacity(24);
    float_repr(f, &mut out);
    rpy_str_from_bytes(&out)
}

/// `str(s)` (null = None: `'None'`).
pub fn rpy_str_str(s: *mut RStr) -> *mut RStr {
    if s.is_null() {
        none_str()
    } else {
        s
    }
}

/// `repr(s)` (null = None: `'None'`).
pub unsafe fn rpy_str_repr(s: *mut RStr) -> *mut RStr {
    if s.is_null() {
        return none_str();
    }
    let mut out = Vec::with_capacity((*s).len as usize + 2);
    str_repr(str_bytes(s), &mut out);
    rpy_str_from_bytes(&out)
}

/// `repr(xs)` into `out` (null: `None`).
pub unsafe fn list_repr_into<T: Item>(l: *mut RList<T>, out: &mut Vec<u8>) {
    if l.is_null() {
        out.extend_from_slice(b"None");
        return;
    }
    out.push(b'[');
    for (i, x) in list_items(l).iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b", ");
        }
        x.repr_item(out);
    }
    out.push(b']');
}

/// `repr(xs)` (null: `'None'`).
pub unsafe fn rpy_list_repr<T: Item>(l: *mut RList<T>) -> *mut RStr {
    let mut out = Vec::new();
    list_repr_into(l, &mut out);
    rpy_str_from_bytes(&out)
}

/// `repr(d)` (null: `'None'`).
pub unsafe fn rpy_dict_repr<K: Item, V: Item>(d: *mut RDict<K, V>) -> *mut RStr {
    let mut out = Vec::new();
    dict_repr_into(d, &mut out);
    rpy_str_from_bytes(&out)
}

/// `repr(obj)` of an instance into `out`: `<C object>`, or `E('msg')` /
/// `E()` for exceptions; null: `None`.
pub unsafe fn instance_repr_into(obj: *mut Object, out: &mut Vec<u8>) {
    if obj.is_null() {
        out.extend_from_slice(b"None");
        return;
    }
    let name = (*(*obj).vtable).name();
    if crate::exc::is_exception(obj) {
        out.extend_from_slice(name);
        out.push(b'(');
        let m = (*(obj as *mut crate::exc::RException)).message;
        if !m.is_null() {
            str_repr(str_bytes(m), out);
        }
        out.push(b')');
    } else {
        out.push(b'<');
        out.extend_from_slice(name);
        out.extend_from_slice(b" object>");
    }
}

/// `repr(obj)` of an instance (null: `'None'`).
pub unsafe fn rpy_instance_repr(obj: *mut Object) -> *mut RStr {
    let mut out = Vec::new();
    instance_repr_into(obj, &mut out);
    rpy_str_from_bytes(&out)
}
