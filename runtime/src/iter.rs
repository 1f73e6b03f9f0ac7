//! Iterators over strings, lists and dicts: small heap objects
//! `{ hdr, container, pos, … }`; `next` raises StopIteration (a shared
//! instance, no allocation) at the end.

use crate::alloc::{rpy_alloc, TID_DICT_ITER, TID_LIST_ITER, TID_STR_ITER};
use crate::dict::{dict_entry, rpy_dict_len};
use crate::exc::{raise_error, rpy_raise_stop_iteration};
use crate::item::Item;
use crate::object::{GcHeader, RDict, RList, RStr};
use std::mem::size_of;

/// `iter(s)`.
#[repr(C)]
pub struct RStrIter {
    pub hdr: GcHeader,
    pub s: *mut RStr,
    pub pos: i64,
}

/// `iter(xs)`: sees items appended while iterating, as in Python.
#[repr(C)]
pub struct RListIter<T> {
    pub hdr: GcHeader,
    pub list: *mut RList<T>,
    pub pos: i64,
}

/// `iter(d)`: the keys in insertion order.
#[repr(C)]
pub struct RDictIter<K, V> {
    pub hdr: GcHeader,
    pub dict: *mut RDict<K, V>,
    pub pos: i64,
    /// `len(d)` when the iterator was made.
    pub len: i64,
}

/// A new iterator object of type `S` with its container set.
fn new_iter<S, C>(tid: u32, container: *mut C) -> *mut S {
    let it = rpy_alloc(size_of::<S>(), tid);
    // SAFETY: every iterator struct has its container pointer right after
    // the header (offset 8, as the type descriptor says).
    unsafe { *(it.add(size_of::<GcHeader>()) as *mut *mut C) = container };
    it as *mut S
}

/// `iter(s)`.
pub fn rpy_str_iter(s: *mut RStr) -> *mut RStrIter {
    new_iter(TID_STR_ITER, s)
}

/// `next(it)` over a string.
#[inline]
pub unsafe fn rpy_str_iter_next(it: *mut RStrIter) -> u8 {
    let pos = (*it).pos;
    if pos >= (*(*it).s).len {
        rpy_raise_stop_iteration();
        return 0;
    }
    (*it).pos = pos + 1;
    *(*(*it).s).bytes.as_ptr().add(pos as usize)
}

/// `iter(xs)`.
pub fn rpy_list_iter<T: Item>(l: *mut RList<T>) -> *mut RListIter<T> {
    new_iter(TID_LIST_ITER, l)
}

/// `next(it)` over a list.
#[inline]
pub unsafe fn rpy_list_iter_next<T: Item>(it: *mut RListIter<T>) -> T {
    let pos = (*it).pos;
    let l = (*it).list;
    if pos >= (*l).len {
        rpy_raise_stop_iteration();
        return T::ZERO;
    }
    (*it).pos = pos + 1;
    *(*(*l).items).data.as_ptr().add(pos as usize)
}

/// `iter(d)`.
pub unsafe fn rpy_dict_iter<K: Item, V: Item>(d: *mut RDict<K, V>) -> *mut RDictIter<K, V> {
    let it: *mut RDictIter<K, V> = new_iter(TID_DICT_ITER, d);
    (*it).len = rpy_dict_len(d);
    it
}

/// `next(it)` over a dict's keys: RuntimeError if the dict changed size.
pub unsafe fn rpy_dict_iter_next<K: Item, V: Item>(it: *mut RDictIter<K, V>) -> K {
    let d = (*it).dict;
    if rpy_dict_len(d) != (*it).len {
        (*it).len = -1; // stays broken, as in CPython
        raise_error(rpy_semantics::Error::DictChangedSize);
        return K::ZERO;
    }
    match dict_entry(d, (*it).pos as usize) {
        Some((k, _)) => {
            (*it).pos += 1;
            k
        }
        None => {
            rpy_raise_stop_iteration();
            K::ZERO
        }
    }
}
