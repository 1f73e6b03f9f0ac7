//! Values seen through type descriptors: repr, equality, hashing and
//! ordering of GC objects whose static type the runtime does not know
//! (tuple fields, instances, the items of nested containers).

use crate::alloc::{rpy_type_desc, TypeDesc};
use crate::item::{Item, ValueKind};
use crate::object::{str_bytes, GcHeader, Object, RDict, RList, RStr};
use std::cmp::Ordering;

/// One value read from memory according to its kind.
#[derive(Clone, Copy, Debug)]
pub enum DynVal {
    Int(i64),
    UInt(u64),
    Bool(bool),
    Float(f64),
    Char(u8),
    Ptr(*mut GcHeader),
}

/// Read a value of kind `kind` at `addr`.
#[inline]
pub unsafe fn read_value(addr: *const u8, kind: ValueKind) -> DynVal {
    // SAFETY: the caller's descriptor says a value of `kind` lives there.
    match kind {
        ValueKind::Int => DynVal::Int(*(addr as *const i64)),
        ValueKind::UInt => DynVal::UInt(*(addr as *const u64)),
        ValueKind::Bool => DynVal::Bool(*addr != 0),
        ValueKind::Float => DynVal::Float(*(addr as *const f64)),
        ValueKind::Char => DynVal::Char(*addr),
        ValueKind::Ptr => DynVal::Ptr(*(addr as *const *mut GcHeader)),
    }
}

impl DynVal {
    pub unsafe fn repr(self, out: &mut Vec<u8>) {
        match self {
            DynVal::Int(i) => i.repr_item(out),
            DynVal::UInt(u) => u.repr_item(out),
            DynVal::Bool(b) => b.repr_item(out),
            DynVal::Float(f) => f.repr_item(out),
            DynVal::Char(c) => c.repr_item(out),
            DynVal::Ptr(p) => repr_ptr(p, out),
        }
    }

    pub unsafe fn eq_val(self, other: DynVal) -> bool {
        match (self, other) {
            (DynVal::Int(a), DynVal::Int(b)) => a == b,
            (DynVal::UInt(a), DynVal::UInt(b)) => a == b,
            (DynVal::Bool(a), DynVal::Bool(b)) => a == b,
            (DynVal::Float(a), DynVal::Float(b)) => a == b,
            (DynVal::Char(a), DynVal::Char(b)) => a == b,
            (DynVal::Ptr(a), DynVal::Ptr(b)) => eq_ptr(a, b),
            _ => false,
        }
    }

    pub unsafe fn hash(self) -> i64 {
        match self {
            DynVal::Int(i) => i.hash_item(),
            DynVal::UInt(u) => u.hash_item(),
            DynVal::Bool(b) => b.hash_item(),
            DynVal::Float(f) => f.hash_item(),
            DynVal::Char(c) => c.hash_item(),
            DynVal::Ptr(p) => hash_ptr(p),
        }
    }

    pub unsafe fn cmp_val(self, other: DynVal) -> Ordering {
        match (self, other) {
            (DynVal::Int(a), DynVal::Int(b)) => a.cmp(&b),
            (DynVal::UInt(a), DynVal::UInt(b)) => a.cmp(&b),
            (DynVal::Bool(a), DynVal::Bool(b)) => a.cmp(&b),
            (DynVal::Float(a), DynVal::Float(b)) => a.cmp_item(b),
            (DynVal::Char(a), DynVal::Char(b)) => a.cmp(&b),
            (DynVal::Ptr(a), DynVal::Ptr(b)) => cmp_ptr(a, b),
            _ => Ordering::Equal,
        }
    }
}

/// What a non-null GC object is, with its values made readable.
enum Shape {
    Str(&'static [u8]),
    /// Items of a list: (first item address, count, kind).
    Seq(*const u8, usize, ValueKind),
    Tuple(*const u8, &'static [crate::alloc::Field]),
    Dict,
    Instance(*mut Object),
    Other,
}

/// Classify a non-null object by its type descriptor.
unsafe fn shape(p: *mut GcHeader) -> Shape {
    // SAFETY: `p` is a live object; its descriptor says what follows.
    match rpy_type_desc((*p).tid) {
        TypeDesc::Str => Shape::Str(str_bytes(p as *const RStr)),
        TypeDesc::List(k) => {
            let l = p as *const RList<u8>;
            let n = (*l).len as usize;
            let data = if n == 0 {
                std::ptr::null()
            } else {
                (*(*l).items).data.as_ptr()
            };
            Shape::Seq(data, n, k)
        }
        TypeDesc::Tuple { fields, .. } => Shape::Tuple(p as *const u8, fields),
        TypeDesc::Dict => Shape::Dict,
        TypeDesc::Instance { .. } => Shape::Instance(p as *mut Object),
        TypeDesc::Array(_) | TypeDesc::Iter { .. } => Shape::Other,
    }
}

/// The values of a list or tuple.
unsafe fn values(s: &Shape) -> Vec<DynVal> {
    // SAFETY: addresses come from `shape` of a live object.
    match *s {
        Shape::Seq(data, n, k) => (0..n)
            .map(|i| read_value(data.add(i * k.size()), k))
            .collect(),
        Shape::Tuple(base, fields) => fields
            .iter()
            .map(|f| read_value(base.add(f.offset), f.kind))
            .collect(),
        _ => Vec::new(),
    }
}

unsafe fn repr_seq(vals: &[DynVal], open: u8, close: u8, out: &mut Vec<u8>) {
    out.push(open);
    for (i, v) in vals.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b", ");
        }
        v.repr(out);
    }
    if open == b'(' && vals.len() == 1 {
        out.push(b',');
    }
    out.push(close);
}

/// `repr(p)` of any GC object; null is `None`.
pub unsafe fn repr_ptr(p: *mut GcHeader, out: &mut Vec<u8>) {
    if p.is_null() {
        out.extend_from_slice(b"None");
        return;
    }
    // SAFETY: a live object.
    unsafe {
        let s = shape(p);
        match s {
            Shape::Str(b) => crate::pyrepr::str_repr(b, out),
            Shape::Seq(..) => repr_seq(&values(&s), b'[', b']', out),
            Shape::Tuple(..) => repr_seq(&values(&s), b'(', b')', out),
            Shape::Dict => ((*(p as *mut RDict<u8, u8>)).ops.repr)(p, out),
            Shape::Instance(o) => crate::format::instance_repr_into(o, out),
            Shape::Other => out.extend_from_slice(b"<iterator>"),
        }
    }
}

/// `str(p)`: strings as they are, exceptions as their message, the rest
/// as `repr`.
pub unsafe fn str_ptr(p: *mut GcHeader, out: &mut Vec<u8>) {
    if p.is_null() {
        out.extend_from_slice(b"None");
        return;
    }
    // SAFETY: a live object.
    unsafe {
        match shape(p) {
            Shape::Str(b) => out.extend_from_slice(b),
            Shape::Instance(o) if crate::exc::is_exception(o) => {
                let m = (*(o as *mut crate::exc::RException)).message;
                if !m.is_null() {
                    out.extend_from_slice(str_bytes(m));
                }
            }
            _ => repr_ptr(p, out),
        }
    }
}

/// Python's `==`: strings, lists, tuples and dicts by value, the rest by
/// identity.
pub unsafe fn eq_ptr(a: *mut GcHeader, b: *mut GcHeader) -> bool {
    if a == b {
        return true;
    }
    if a.is_null() || b.is_null() {
        return false;
    }
    // SAFETY: live objects.
    unsafe {
        let (sa, sb) = (shape(a), shape(b));
        match (&sa, &sb) {
            (Shape::Str(x), Shape::Str(y)) => x == y,
            (Shape::Seq(..), Shape::Seq(..)) | (Shape::Tuple(..), Shape::Tuple(..)) => {
                let (va, vb) = (values(&sa), values(&sb));
                va.len() == vb.len() && va.iter().zip(&vb).all(|(x, y)| x.eq_val(*y))
            }
            (Shape::Dict, Shape::Dict) => {
                let (da, db) = (a as *mut RDict<u8, u8>, b as *mut RDict<u8, u8>);
                std::ptr::eq((*da).ops, (*db).ops) && ((*da).ops.eq)(a, b)
            }
            _ => false,
        }
    }
}

/// `hash(p)`, consistent with `eq_ptr`.
pub unsafe fn hash_ptr(p: *mut GcHeader) -> i64 {
    if p.is_null() {
        return 0;
    }
    // SAFETY: a live object.
    unsafe {
        let s = shape(p);
        match s {
            Shape::Str(_) => crate::str::rpy_str_hash(p as *mut RStr),
            Shape::Tuple(..) => values(&s)
                .iter()
                .fold(0x345678i64, |h, v| (h ^ v.hash()).wrapping_mul(1_000_003)),
            _ => p as i64 >> 3,
        }
    }
}

/// Python's ordering: strings, lists and tuples lexicographically, other
/// objects by address (Python would raise TypeError); null first.
pub unsafe fn cmp_ptr(a: *mut GcHeader, b: *mut GcHeader) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    match (a.is_null(), b.is_null()) {
        (true, _) => return Ordering::Less,
        (_, true) => return Ordering::Greater,
        _ => {}
    }
    // SAFETY: live objects.
    unsafe {
        let (sa, sb) = (shape(a), shape(b));
        match (&sa, &sb) {
            (Shape::Str(x), Shape::Str(y)) => x.cmp(y),
            (Shape::Seq(..), Shape::Seq(..)) | (Shape::Tuple(..), Shape::Tuple(..)) => {
                let (va, vb) = (values(&sa), values(&sb));
                va.iter()
                    .zip(&vb)
                    .map(|(x, y)| x.cmp_val(*y))
                    .find(|o| o.is_ne())
                    .unwrap_or(va.len().cmp(&vb.len()))
            }
            _ => (a as usize).cmp(&(b as usize)),
        }
    }
}
