//! Lists: `RList<T>` over a resizable `RArray<T>` (amortized doubling),
//! the inline indexing ops of the LL graphs (each also as an `_r` variant
//! returning `RResult`) and every list helper, generic over the item type.
//!
//! Invariant: `items` is never null (an empty list has an array of
//! capacity >= 0), so the hot paths test nothing but the bounds. Slots
//! past `len` hold `T::ZERO` (popped pointers do not stay reachable).

use crate::alloc::{array_tid, list_tid, rpy_alloc};
use crate::exc::{or_raise, raise_error, RResult};
use crate::item::Item;
use crate::object::{list_items, list_items_mut, str_bytes, RArray, RList, RStr};
use rpy_semantics::{seq, Error};
use std::mem::size_of;

/// A new array with room for `cap` items, all zero.
#[inline]
fn array_alloc<T: Item>(cap: usize) -> *mut RArray<T> {
    let size = size_of::<RArray<T>>() + cap * size_of::<T>();
    let a = rpy_alloc(size, array_tid(T::KIND)) as *mut RArray<T>;
    // SAFETY: a fresh array.
    unsafe { (*a).cap = cap as i64 };
    a
}

/// A new list of `len` zero items (`0`, `false`, `0.0`, null), with room
/// for `cap` (>= len) items.
pub fn rpy_newlist_cap<T: Item>(len: i64, cap: i64) -> *mut RList<T> {
    let len = len.max(0);
    let l = rpy_alloc(size_of::<RList<T>>(), list_tid(T::KIND)) as *mut RList<T>;
    // SAFETY: a fresh list; zero bytes are `T::ZERO` for every item type
    // the runtime stores (ints, floats, bools, chars, pointers).
    unsafe {
        (*l).items = array_alloc::<T>(cap.max(len) as usize);
        (*l).len = len;
    }
    l
}

/// A new list of `len` zero items.
#[inline]
pub fn rpy_newlist<T: Item>(len: i64) -> *mut RList<T> {
    rpy_newlist_cap(len, len)
}

/// A new list holding `items` (`newlist(a, b, c)`).
pub fn rpy_newlist_from<T: Item>(items: &[T]) -> *mut RList<T> {
    let l = rpy_newlist::<T>(items.len() as i64);
    // SAFETY: a fresh list of exactly that length.
    unsafe { list_items_mut(l).copy_from_slice(items) };
    l
}

/// A new list holding the items of `v`.
pub fn list_from_vec<T: Item>(v: Vec<T>) -> *mut RList<T> {
    rpy_newlist_from(&v)
}

/// `len(xs)`.
#[inline(always)]
pub unsafe fn rpy_list_len<T>(l: *mut RList<T>) -> i64 {
    (*l).len
}

/// The address of item `i` (in bounds).
#[inline(always)]
unsafe fn slot<T>(l: *mut RList<T>, i: i64) -> *mut T {
    (*(*l).items).data.as_mut_ptr().add(i as usize)
}

/// `xs[i]`: negative from the end; IndexError out of range.
#[inline(always)]
pub unsafe fn rpy_list_getitem_r<T: Item>(l: *mut RList<T>, i: i64) -> RResult<T> {
    match seq::index(i, (*l).len) {
        Some(j) => Ok(*slot(l, j as i64)),
        None => or_raise(Err(Error::ListIndexOutOfRange)),
    }
}

/// `xs[i]` with `i` known to be >= 0 (the one unsigned compare also
/// rejects negative values).
#[inline(always)]
pub unsafe fn rpy_list_getitem_nonneg_r<T: Item>(l: *mut RList<T>, i: i64) -> RResult<T> {
    if (i as u64) >= ((*l).len as u64) {
        return or_raise(Err(Error::ListIndexOutOfRange));
    }
    Ok(*slot(l, i))
}

/// `xs[i] = x`: negative from the end; IndexError out of range.
#[inline(always)]
pub unsafe fn rpy_list_setitem_r<T: Item>(l: *mut RList<T>, i: i64, x: T) -> RResult<()> {
    match seq::index(i, (*l).len) {
        Some(j) => {
            *slot(l, j as i64) = x;
            Ok(())
        }
        None => or_raise(Err(Error::ListAssignmentIndexOutOfRange)),
    }
}

/// `xs[i] = x` with `i` known to be >= 0.
#[inline(always)]
pub unsafe fn rpy_list_setitem_nonneg_r<T: Item>(l: *mut RList<T>, i: i64, x: T) -> RResult<()> {
    if (i as u64) >= ((*l).len as u64) {
        return or_raise(Err(Error::ListAssignmentIndexOutOfRange));
    }
    *slot(l, i) = x;
    Ok(())
}

/// `rpy_list_getitem_r` with the exception only pending.
#[inline(always)]
pub unsafe fn rpy_list_getitem<T: Item>(l: *mut RList<T>, i: i64) -> T {
    rpy_list_getitem_r(l, i).unwrap_or(T::ZERO)
}

/// `rpy_list_getitem_nonneg_r` with the exception only pending.
#[inline(always)]
pub unsafe fn rpy_list_getitem_nonneg<T: Item>(l: *mut RList<T>, i: i64) -> T {
    rpy_list_getitem_nonneg_r(l, i).unwrap_or(T::ZERO)
}

/// `rpy_list_setitem_r` with the exception only pending.
#[inline(always)]
pub unsafe fn rpy_list_setitem<T: Item>(l: *mut RList<T>, i: i64, x: T) {
    let _ = rpy_list_setitem_r(l, i, x);
}

/// `rpy_list_setitem_nonneg_r` with the exception only pending.
#[inline(always)]
pub unsafe fn rpy_list_setitem_nonneg<T: Item>(l: *mut RList<T>, i: i64, x: T) {
    let _ = rpy_list_setitem_nonneg_r(l, i, x);
}

/// Make room for at least `needed` items (doubling).
#[cold]
#[inline(never)]
unsafe fn grow<T: Item>(l: *mut RList<T>, needed: i64) {
    let old = (*l).items;
    let cap = needed.max((*old).cap * 2).max(4) as usize;
    let new = array_alloc::<T>(cap);
    std::ptr::copy_nonoverlapping(
        (*old).data.as_ptr(),
        (*new).data.as_mut_ptr(),
        (*l).len as usize,
    );
    (*l).items = new;
}

/// Ensure room for `needed` items.
#[inline(always)]
unsafe fn reserve<T: Item>(l: *mut RList<T>, needed: i64) {
    if needed > (*(*l).items).cap {
        grow(l, needed);
    }
}

/// Set the length (growing if needed); new slots are zero.
unsafe fn set_len<T: Item>(l: *mut RList<T>, n: i64) {
    reserve(l, n);
    let old = (*l).len;
    for i in n..old {
        *slot(l, i) = T::ZERO;
    }
    (*l).len = n;
}

/// `xs.append(x)`.
#[inline]
pub unsafe fn rpy_list_append<T: Item>(l: *mut RList<T>, x: T) {
    let len = (*l).len;
    reserve(l, len + 1);
    *slot(l, len) = x;
    (*l).len = len + 1;
}

/// `xs.pop(i)` (`xs.pop()` is `i = -1`).
pub unsafe fn rpy_list_pop<T: Item>(l: *mut RList<T>, i: i64) -> T {
    let len = (*l).len;
    if len == 0 {
        raise_error(Error::PopFromEmptyList);
        return T::ZERO;
    }
    let Some(j) = seq::index(i, len) else {
        raise_error(Error::PopIndexOutOfRange);
        return T::ZERO;
    };
    let items = list_items_mut(l);
    let x = items[j];
    items.copy_within(j + 1.., j);
    set_len(l, len - 1);
    x
}

/// `xs.insert(i, x)` (the index is clamped, as in Python).
pub unsafe fn rpy_list_insert<T: Item>(l: *mut RList<T>, i: i64, x: T) {
    let len = (*l).len;
    let j = rpy_semantics::seq::insert_position(i, len);
    set_len(l, len + 1);
    let items = list_items_mut(l);
    items.copy_within(j..len as usize, j + 1);
    items[j] = x;
}

/// `xs.extend(ys)` / `xs += ys` (`ys` may be `xs`).
pub unsafe fn rpy_list_extend<T: Item>(l: *mut RList<T>, other: *mut RList<T>) {
    let (n, m) = ((*l).len, (*other).len);
    set_len(l, n + m);
    // after set_len: `other`'s items may have moved if it is `l`
    std::ptr::copy_nonoverlapping(slot(other, 0), slot(l, n), m as usize);
}

/// The first position of `x`, by `==`.
unsafe fn position<T: Item>(l: *mut RList<T>, x: T) -> Option<usize> {
    list_items(l).iter().position(|y| y.eq_item(x))
}

/// `xs.index(x)`: ValueError "X is not in list".
pub unsafe fn rpy_list_index<T: Item>(l: *mut RList<T>, x: T) -> i64 {
    match position(l, x) {
        Some(i) => i as i64,
        None => {
            let mut repr = Vec::new();
            x.repr_item(&mut repr);
            raise_error(Error::NotInList(repr));
            -1
        }
    }
}

/// `x in xs`.
pub unsafe fn rpy_list_contains<T: Item>(l: *mut RList<T>, x: T) -> bool {
    position(l, x).is_some()
}

/// `s in xs` for a list of chars: only a one-character str can be in it.
pub unsafe fn rpy_chars_contains_str(l: *mut RList<u8>, s: *mut RStr) -> bool {
    match str_bytes(s) {
        [c] => rpy_list_contains(l, *c),
        _ => false,
    }
}

/// `xs.remove(x)`.
pub unsafe fn rpy_list_remove<T: Item>(l: *mut RList<T>, x: T) {
    match position(l, x) {
        Some(i) => rpy_list_delitem(l, i as i64),
        None => raise_error(Error::ListRemoveMissing),
    }
}

/// `xs.count(x)`.
pub unsafe fn rpy_list_count<T: Item>(l: *mut RList<T>, x: T) -> i64 {
    list_items(l).iter().filter(|y| y.eq_item(x)).count() as i64
}

/// `del xs[i]`.
pub unsafe fn rpy_list_delitem<T: Item>(l: *mut RList<T>, i: i64) {
    let len = (*l).len;
    let Some(j) = seq::index(i, len) else {
        raise_error(Error::ListAssignmentIndexOutOfRange);
        return;
    };
    list_items_mut(l).copy_within(j + 1.., j);
    set_len(l, len - 1);
}

/// `del xs[lo:hi]`.
pub unsafe fn rpy_list_delslice<T: Item>(l: *mut RList<T>, lo: i64, hi: i64) {
    let len = (*l).len;
    let (lo, hi) = crate::str::clamp_slice(lo, hi, len);
    list_items_mut(l).copy_within(hi.., lo);
    set_len(l, len - (hi - lo) as i64);
}

/// `xs.reverse()`.
pub unsafe fn rpy_list_reverse<T: Item>(l: *mut RList<T>) {
    list_items_mut(l).reverse()
}

/// `xs.sort()`: stable, by Python's `<`.
pub unsafe fn rpy_list_sort<T: Item>(l: *mut RList<T>) {
    list_items_mut(l).sort_by(|a, b| a.cmp_item(*b))
}

/// `xs.clear()`.
pub unsafe fn rpy_list_clear<T: Item>(l: *mut RList<T>) {
    set_len(l, 0)
}

/// `xs[lo:hi]`.
pub unsafe fn rpy_list_slice<T: Item>(l: *mut RList<T>, lo: i64, hi: i64) -> *mut RList<T> {
    let (lo, hi) = crate::str::clamp_slice(lo, hi, (*l).len);
    rpy_newlist_from(&list_items(l)[lo..hi])
}

/// `xs + ys`.
pub unsafe fn rpy_list_concat<T: Item>(a: *mut RList<T>, b: *mut RList<T>) -> *mut RList<T> {
    let r = rpy_newlist_cap::<T>(0, (*a).len + (*b).len);
    rpy_list_extend(r, a);
    rpy_list_extend(r, b);
    r
}

/// `xs * n` (`[0] * 256`).
pub unsafe fn rpy_list_repeat<T: Item>(l: *mut RList<T>, n: i64) -> *mut RList<T> {
    let items = list_items(l);
    let n = n.max(0) as usize;
    let r = rpy_newlist::<T>((items.len() * n) as i64);
    if let [x] = items {
        list_items_mut(r).fill(*x);
    } else if !items.is_empty() {
        for chunk in list_items_mut(r).chunks_exact_mut(items.len()) {
            chunk.copy_from_slice(items);
        }
    }
    r
}

/// `xs *= n`.
pub unsafe fn rpy_list_inplace_repeat<T: Item>(l: *mut RList<T>, n: i64) {
    let r = rpy_list_repeat(l, n);
    (*l).len = (*r).len;
    (*l).items = (*r).items;
}

/// `list(xs)` / `xs.copy()`.
pub unsafe fn rpy_list_copy<T: Item>(l: *mut RList<T>) -> *mut RList<T> {
    rpy_newlist_from(list_items(l))
}

/// `bool(xs)` (null = None: false).
#[inline]
pub unsafe fn rpy_list_is_true<T>(l: *mut RList<T>) -> bool {
    !l.is_null() && (*l).len > 0
}

/// `xs == ys`, item by item.
pub unsafe fn rpy_list_eq<T: Item>(a: *mut RList<T>, b: *mut RList<T>) -> bool {
    let (x, y) = (list_items(a), list_items(b));
    x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.eq_item(*q))
}

/// `list(range(start, stop, step))`.
pub fn rpy_range(start: i64, stop: i64, step: i64) -> *mut RList<i64> {
    if step == 0 {
        raise_error(Error::RangeStepZero);
        return std::ptr::null_mut();
    }
    let n = if step > 0 && start < stop {
        (stop as i128 - start as i128 + step as i128 - 1) / step as i128
    } else if step < 0 && start > stop {
        (start as i128 - stop as i128 - step as i128 - 1) / -(step as i128)
    } else {
        0
    };
    let l = rpy_newlist::<i64>(n as i64);
    // SAFETY: a fresh list of n items.
    let items = unsafe { list_items_mut(l) };
    let mut x = start;
    for it in items {
        *it = x;
        x = x.wrapping_add(step);
    }
    l
}
