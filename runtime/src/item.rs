//! `Item`: what the generic helpers need to know about a value stored in a
//! list, dict or tuple (equality, hashing, ordering, repr, whether it is a
//! GC pointer), implemented once per low-level value type.
//!
//! Pointer items are compared by value where Python does (str, list, dict,
//! tuple) and by identity otherwise (instances, classes, functions); null
//! is `None` (equal only to null, printed `None`).

use crate::dynamic;
use crate::object::{Object, RDict, RList, RStr, VTable};
use crate::pyrepr::{float_repr, str_repr};
use crate::str::str_hash_bytes;
use rpy_semantics::{float::hash as float_hash, int::hash as int_hash};
use std::cmp::Ordering;
use std::io::Write;

/// How a value is stored (its size, and whether the GC must trace it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum ValueKind {
    /// `i64`.
    Int = 0,
    /// `bool` (one byte).
    Bool = 1,
    /// `f64`.
    Float = 2,
    /// `u8`.
    Char = 3,
    /// A GC pointer (nullable); the pointee's header says what it is.
    Ptr = 4,
    /// `u64` (an `r_uint`).
    UInt = 5,
}

impl ValueKind {
    pub const COUNT: u32 = 6;
    pub const ALL: [ValueKind; 6] = [
        ValueKind::Int,
        ValueKind::Bool,
        ValueKind::Float,
        ValueKind::Char,
        ValueKind::Ptr,
        ValueKind::UInt,
    ];

    /// Size (and alignment) in bytes.
    pub const fn size(self) -> usize {
        match self {
            ValueKind::Bool | ValueKind::Char => 1,
            _ => 8,
        }
    }
}

/// A value that can live in a container. The methods are `unsafe`: pointer
/// items must point to live objects (or be null).
pub trait Item: Copy + 'static {
    /// How it is stored; `Ptr` for every GC pointer type. Non-GC pointers
    /// (vtables, functions) are stored as `Int`-like words.
    const KIND: ValueKind;
    /// The zero value (`0`, `false`, `0.0`, null): what a helper returns
    /// when it raises.
    const ZERO: Self;
    /// Python's `==`.
    unsafe fn eq_item(self, other: Self) -> bool;
    /// `hash(x)`, consistent with `eq_item`.
    unsafe fn hash_item(self) -> i64;
    /// Python's `<` ordering (used by `sort`); unordered values compare equal.
    unsafe fn cmp_item(self, other: Self) -> Ordering;
    /// Python's `repr(x)`.
    unsafe fn repr_item(self, out: &mut Vec<u8>);
    /// Python's `str(x)`.
    unsafe fn str_item(self, out: &mut Vec<u8>) {
        self.repr_item(out)
    }
}

impl Item for i64 {
    const KIND: ValueKind = ValueKind::Int;
    const ZERO: Self = 0;
    #[inline]
    unsafe fn eq_item(self, other: Self) -> bool {
        self == other
    }
    #[inline]
    unsafe fn hash_item(self) -> i64 {
        int_hash(self)
    }
    #[inline]
    unsafe fn cmp_item(self, other: Self) -> Ordering {
        self.cmp(&other)
    }
    unsafe fn repr_item(self, out: &mut Vec<u8>) {
        let _ = write!(out, "{self}");
    }
}

/// An `r_uint`: compared, printed and hashed as the unsigned value.
impl Item for u64 {
    const KIND: ValueKind = ValueKind::UInt;
    const ZERO: Self = 0;
    #[inline]
    unsafe fn eq_item(self, other: Self) -> bool {
        self == other
    }
    #[inline]
    unsafe fn hash_item(self) -> i64 {
        rpy_semantics::uint::hash(self)
    }
    #[inline]
    unsafe fn cmp_item(self, other: Self) -> Ordering {
        self.cmp(&other)
    }
    unsafe fn repr_item(self, out: &mut Vec<u8>) {
        out.extend_from_slice(rpy_semantics::uint::str(self).as_bytes());
    }
}

impl Item for bool {
    const KIND: ValueKind = ValueKind::Bool;
    const ZERO: Self = false;
    #[inline]
    unsafe fn eq_item(self, other: Self) -> bool {
        self == other
    }
    #[inline]
    unsafe fn hash_item(self) -> i64 {
        self as i64
    }
    #[inline]
    unsafe fn cmp_item(self, other: Self) -> Ordering {
        self.cmp(&other)
    }
    unsafe fn repr_item(self, out: &mut Vec<u8>) {
        out.extend_from_slice(if self { b"True" } else { b"False" });
    }
}

impl Item for f64 {
    const KIND: ValueKind = ValueKind::Float;
    const ZERO: Self = 0.0;
    #[inline]
    unsafe fn eq_item(self, other: Self) -> bool {
        self == other
    }
    #[inline]
    unsafe fn hash_item(self) -> i64 {
        float_hash(self)
    }
    #[inline]
    unsafe fn cmp_item(self, other: Self) -> Ordering {
        self.partial_cmp(&other).unwrap_or(Ordering::Equal)
    }
    unsafe fn repr_item(self, out: &mut Vec<u8>) {
        float_repr(self, out)
    }
}

/// A one-character string.
impl Item for u8 {
    const KIND: ValueKind = ValueKind::Char;
    const ZERO: Self = 0;
    #[inline]
    unsafe fn eq_item(self, other: Self) -> bool {
        self == other
    }
    #[inline]
    unsafe fn hash_item(self) -> i64 {
        str_hash_bytes(&[self])
    }
    #[inline]
    unsafe fn cmp_item(self, other: Self) -> Ordering {
        self.cmp(&other)
    }
    unsafe fn repr_item(self, out: &mut Vec<u8>) {
        str_repr(&[self], out)
    }
    unsafe fn str_item(self, out: &mut Vec<u8>) {
        out.push(self)
    }
}

/// Null first, then `cmp` of the non-null pointers.
fn cmp_nullable<P>(a: *mut P, b: *mut P, cmp: impl FnOnce() -> Ordering) -> Ordering {
    match (a.is_null(), b.is_null()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => cmp(),
    }
}

impl Item for *mut RStr {
    const KIND: ValueKind = ValueKind::Ptr;
    const ZERO: Self = std::ptr::null_mut();
    #[inline]
    unsafe fn eq_item(self, other: Self) -> bool {
        // SAFETY: items are live strings or null.
        unsafe { crate::str::rpy_str_eq(self, other) }
    }
    #[inline]
    unsafe fn hash_item(self) -> i64 {
        if self.is_null() {
            return 0;
        }
        // SAFETY: a live string.
        unsafe { crate::str::rpy_str_hash(self) }
    }
    unsafe fn cmp_item(self, other: Self) -> Ordering {
        // SAFETY: live strings.
        cmp_nullable(self, other, || unsafe {
            crate::object::str_bytes(self).cmp(crate::object::str_bytes(other))
        })
    }
    unsafe fn repr_item(self, out: &mut Vec<u8>) {
        dynamic::repr_ptr(self.cast(), out)
    }
    unsafe fn str_item(self, out: &mut Vec<u8>) {
        dynamic::str_ptr(self.cast(), out)
    }
}

impl<T: Item> Item for *mut RList<T> {
    const KIND: ValueKind = ValueKind::Ptr;
    const ZERO: Self = std::ptr::null_mut();
    unsafe fn eq_item(self, other: Self) -> bool {
        // SAFETY: live lists or null.
        self == other
            || (!self.is_null()
                && !other.is_null()
                && unsafe { crate::list::rpy_list_eq(self, other) })
    }
    unsafe fn hash_item(self) -> i64 {
        // unhashable in Python: identity is consistent with `==` on one object
        self as i64 >> 3
    }
    unsafe fn cmp_item(self, other: Self) -> Ordering {
        // SAFETY: live lists.
        cmp_nullable(self, other, || unsafe {
            let (a, b) = (
                crate::object::list_items(self),
                crate::object::list_items(other),
            );
            a.iter()
                .zip(b)
                .map(|(x, y)| x.cmp_item(*y))
                .find(|o| o.is_ne())
                .unwrap_or(a.len().cmp(&b.len()))
        })
    }
    unsafe fn repr_item(self, out: &mut Vec<u8>) {
        // SAFETY: a live list or null.
        unsafe { crate::format::list_repr_into(self, out) }
    }
}

impl<K: Item, V: Item> Item for *mut RDict<K, V> {
    const KIND: ValueKind = ValueKind::Ptr;
    const ZERO: Self = std::ptr::null_mut();
    unsafe fn eq_item(self, other: Self) -> bool {
        // SAFETY: live dicts or null.
        self == other
            || (!self.is_null() && !other.is_null() && unsafe { crate::dict::dict_eq(self, other) })
    }
    unsafe fn hash_item(self) -> i64 {
        self as i64 >> 3
    }
    unsafe fn cmp_item(self, other: Self) -> Ordering {
        (self as usize).cmp(&(other as usize))
    }
    unsafe fn repr_item(self, out: &mut Vec<u8>) {
        dynamic::repr_ptr(self.cast(), out)
    }
}

/// Instances and tuples: what they are is in their header.
impl Item for *mut Object {
    const KIND: ValueKind = ValueKind::Ptr;
    const ZERO: Self = std::ptr::null_mut();
    unsafe fn eq_item(self, other: Self) -> bool {
        dynamic::eq_ptr(self.cast(), other.cast())
    }
    unsafe fn hash_item(self) -> i64 {
        dynamic::hash_ptr(self.cast())
    }
    unsafe fn cmp_item(self, other: Self) -> Ordering {
        dynamic::cmp_ptr(self.cast(), other.cast())
    }
    unsafe fn repr_item(self, out: &mut Vec<u8>) {
        dynamic::repr_ptr(self.cast(), out)
    }
    unsafe fn str_item(self, out: &mut Vec<u8>) {
        dynamic::str_ptr(self.cast(), out)
    }
}

/// A class (a static vtable, not a GC object).
impl Item for *const VTable {
    const KIND: ValueKind = ValueKind::Int;
    const ZERO: Self = std::ptr::null();
    unsafe fn eq_item(self, other: Self) -> bool {
        self == other
    }
    unsafe fn hash_item(self) -> i64 {
        self as i64 >> 3
    }
    unsafe fn cmp_item(self, other: Self) -> Ordering {
        (self as usize).cmp(&(other as usize))
    }
    unsafe fn repr_item(self, out: &mut Vec<u8>) {
        if self.is_null() {
            out.extend_from_slice(b"None");
            return;
        }
        out.extend_from_slice(b"<class '");
        // SAFETY: a static vtable.
        out.extend_from_slice(unsafe { (*self).name() });
        out.extend_from_slice(b"'>");
    }
}

/// Function pointers (functions stored in lists and dicts): by identity.
macro_rules! fn_items {
    ($($arg:ident)*) => {
        impl<R: 'static, $($arg: 'static),*> Item for fn($($arg),*) -> R {
            const KIND: ValueKind = ValueKind::Int;
            const ZERO: Self = {
                #[allow(clippy::too_many_arguments)]
                fn unset<R, $($arg),*>($(_: $arg),*) -> R {
                    panic!("rpy runtime: call of a zero function pointer")
                }
                unset::<R, $($arg),*>
            };
            unsafe fn eq_item(self, other: Self) -> bool {
                self as usize == other as usize
            }
            unsafe fn hash_item(self) -> i64 {
                self as usize as i64 >> 3
            }
            unsafe fn cmp_item(self, other: Self) -> Ordering {
                (self as usize).cmp(&(other as usize))
            }
            unsafe fn repr_item(self, out: &mut Vec<u8>) {
                out.extend_from_slice(b"<function>");
            }
        }
    };
}

fn_items!();
fn_items!(A);
fn_items!(A B);
fn_items!(A B C);
fn_items!(A B C D);
fn_items!(A B C D E);
fn_items!(A B C D E F);
fn_items!(A B C D E F G);
fn_items!(A B C D E F G H);
