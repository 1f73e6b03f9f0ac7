//! `RListView<T>`: the item pointer and length of a list whose length never
//! changes (a fixed-size or immutable list), taken once where the list is
//! made or enters a function. Generated code indexes through the view, so
//! the compiler keeps both in registers instead of reloading them from the
//! list after every store.

use crate::exc::{or_raise, RResult};
use crate::object::RList;
use rpy_semantics::Error;

#[derive(Clone, Copy)]
pub struct RListView<T> {
    ptr: *mut T,
    len: usize,
}

impl<T: Copy> RListView<T> {
    /// The view of no list (the value before the list exists).
    pub const EMPTY: RListView<T> = RListView {
        ptr: std::ptr::null_mut(),
        len: 0,
    };

    /// The view of `l`; a null list (`None`) has no items.
    ///
    /// # Safety
    /// `l` is null or a live list whose length never changes afterwards.
    #[inline(always)]
    pub unsafe fn of(l: *mut RList<T>) -> RListView<T> {
        if l.is_null() {
            return RListView::EMPTY;
        }
        RListView {
            ptr: (*(*l).items).data.as_mut_ptr(),
            len: (*l).len as usize,
        }
    }

    /// `len(xs)`.
    #[inline(always)]
    pub fn length(self) -> i64 {
        self.len as i64
    }

    /// `xs[i]` with `i >= 0`: IndexError out of range.
    #[inline(always)]
    pub unsafe fn getitem_nonneg_r(self, i: i64) -> RResult<T> {
        if (i as u64) >= self.len as u64 {
            return or_raise(Err(Error::ListIndexOutOfRange));
        }
        Ok(*self.ptr.add(i as usize))
    }

    /// `xs[i]`: negative from the end.
    #[inline(always)]
    pub unsafe fn getitem_r(self, i: i64) -> RResult<T> {
        self.getitem_nonneg_r(if i < 0 { i + self.length() } else { i })
    }

    /// `xs[i] = x` with `i >= 0`: IndexError out of range.
    #[inline(always)]
    pub unsafe fn setitem_nonneg_r(self, i: i64, x: T) -> RResult<()> {
        if (i as u64) >= self.len as u64 {
            return or_raise(Err(Error::ListAssignmentIndexOutOfRange));
        }
        *self.ptr.add(i as usize) = x;
        Ok(())
    }

    /// `xs[i] = x`: negative from the end.
    #[inline(always)]
    pub unsafe fn setitem_r(self, i: i64, x: T) -> RResult<()> {
        self.setitem_nonneg_r(if i < 0 { i + self.length() } else { i }, x)
    }
}

/// The items of an immutable list as a slice.
#[derive(Clone, Copy)]
pub struct RListRead<'a, T>(&'a [T]);

impl<T: Copy> RListRead<'_, T> {
    pub const EMPTY: Self = RListRead(&[]);

    /// # Safety
    /// `l` is null or a live list that never changes afterwards.
    #[inline(always)]
    pub unsafe fn of(l: *mut RList<T>) -> Self {
        if l.is_null() {
            return RListRead(&[]);
        }
        RListRead(std::slice::from_raw_parts(
            (*(*l).items).data.as_ptr(),
            (*l).len as usize,
        ))
    }

    #[inline(always)]
    pub fn length(self) -> i64 {
        self.0.len() as i64
    }

    #[inline(always)]
    pub fn getitem_nonneg_r(self, i: i64) -> RResult<T> {
        match self.0.get(i as usize) {
            Some(x) => Ok(*x),
            None => or_raise(Err(Error::ListIndexOutOfRange)),
        }
    }

    #[inline(always)]
    pub fn getitem_r(self, i: i64) -> RResult<T> {
        self.getitem_nonneg_r(if i < 0 { i + self.length() } else { i })
    }
}
