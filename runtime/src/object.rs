//! Heap object layouts shared by generated code, the runtime, the JIT
//! backend and the GC, with their field offsets published as
//! constants.
//!
//! Every heap object starts with a `GcHeader`. Layouts:
//! - `RStr { hdr, hash, len, bytes… }` — bytes inline, immutable;
//! - `RList<T> { hdr, len, items: *mut RArray<T> }`, `RArray<T> { hdr, cap, data… }`;
//! - `RDict<K, V> { hdr, map, ops }` — insertion-ordered map in the Rust heap;
//! - instances `Object { hdr, vtable }` followed by the fields (the
//!   generated code defines one `#[repr(C)]` struct per class whose first
//!   field is an `Object` or the base class's struct);
//! - tuples `{ hdr, f0, f1, … }` (`#[repr(C)]`, fields in order), e.g. `RPair`.

use std::marker::PhantomData;
use std::mem::offset_of;

/// The first word of every heap object.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GcHeader {
    /// The type id: an index into the type descriptor registry (`alloc.rs`).
    pub tid: u32,
    /// GC flags (`GCFLAG_*`).
    pub flags: u32,
}

/// The object is a prebuilt static (read-only memory): the GC never marks
/// or frees it, and nothing may write to it.
pub const GCFLAG_PREBUILT: u32 = 1;

impl GcHeader {
    pub const fn new(tid: u32) -> GcHeader {
        GcHeader { tid, flags: 0 }
    }
    pub const fn prebuilt(tid: u32) -> GcHeader {
        GcHeader {
            tid,
            flags: GCFLAG_PREBUILT,
        }
    }
}

/// An immutable byte string; `len` bytes follow the struct.
#[repr(C)]
pub struct RStr {
    pub hdr: GcHeader,
    /// `hash(s)`, 0 = not computed yet (a computed hash is never 0).
    pub hash: i64,
    pub len: i64,
    pub bytes: [u8; 0],
}

pub const RSTR_HASH_OFFSET: usize = offset_of!(RStr, hash);
pub const RSTR_LEN_OFFSET: usize = offset_of!(RStr, len);
pub const RSTR_BYTES_OFFSET: usize = offset_of!(RStr, bytes);

/// A prebuilt string constant with the layout of `RStr` (generated code:
/// `static S3: RStrConst<5> = RStrConst::new(b"hello");` then
/// `S3.as_ptr()`). Its hash is computed at compile time, so nothing ever
/// writes to it.
#[repr(C)]
pub struct RStrConst<const N: usize> {
    pub hdr: GcHeader,
    pub hash: i64,
    pub len: i64,
    pub bytes: [u8; N],
}

impl<const N: usize> RStrConst<N> {
    pub const fn new(bytes: &[u8; N]) -> Self {
        RStrConst {
            hdr: GcHeader::prebuilt(crate::alloc::TID_STR),
            hash: crate::str::str_hash_bytes(bytes),
            len: N as i64,
            bytes: *bytes,
        }
    }
    /// The constant as a (never written) `RStr` pointer.
    pub const fn as_ptr(&'static self) -> *mut RStr {
        self as *const Self as *mut RStr
    }
}

/// A resizable list: `len` items used out of `items.cap`.
#[repr(C)]
pub struct RList<T> {
    pub hdr: GcHeader,
    pub len: i64,
    pub items: *mut RArray<T>,
}

/// The storage of a list; `cap` items follow the struct.
#[repr(C)]
pub struct RArray<T> {
    pub hdr: GcHeader,
    pub cap: i64,
    pub data: [T; 0],
}

pub const RLIST_LEN_OFFSET: usize = offset_of!(RList<i64>, len);
pub const RLIST_ITEMS_OFFSET: usize = offset_of!(RList<i64>, items);
pub const RARRAY_CAP_OFFSET: usize = offset_of!(RArray<i64>, cap);
/// The same for every item type (the header is 16 bytes, 8-aligned).
pub const RARRAY_DATA_OFFSET: usize = offset_of!(RArray<i64>, data);

/// An insertion-ordered dict. The entries live in the Rust heap behind
/// `map`; `ops` are the monomorphic functions the type-erased code (the
/// GC, repr through type descriptors) needs.
#[repr(C)]
pub struct RDict<K, V> {
    pub hdr: GcHeader,
    pub map: *mut crate::dict::DictMap<K, V>,
    pub ops: &'static crate::dict::DictOps,
    pub _marker: PhantomData<(K, V)>,
}

/// The start of every instance: the header and the class's vtable.
#[repr(C)]
pub struct Object {
    pub hdr: GcHeader,
    pub vtable: *const VTable,
}

pub const OBJECT_VTABLE_OFFSET: usize = offset_of!(Object, vtable);
/// Size of `Object`: where the first field of an instance goes.
pub const OBJECT_FIELDS_OFFSET: usize = std::mem::size_of::<Object>();

/// The header of every class's vtable (a static). The generated code
/// appends methods and class attributes in its own per-class struct whose
/// first field is a `VTable`.
///
/// `isinstance(x, C)` ⇔ `C.class_id <= x.vtable.class_id <= C.subclass_max`:
/// classes are numbered in preorder of the class tree (see `exc.rs`).
#[repr(C)]
#[derive(Debug)]
pub struct VTable {
    pub class_id: u32,
    pub subclass_max: u32,
    /// The type id of the class's instances (`malloc_dynamic`).
    pub tid: u32,
    /// The size of the class's instances in bytes.
    pub instance_size: u32,
    pub name_ptr: *const u8,
    pub name_len: usize,
    /// The base class's vtable (null for `object`).
    pub base: *const VTable,
}

// SAFETY: vtables are immutable statics; the raw pointers point to other
// statics (names and base vtables).
unsafe impl Sync for VTable {}

pub const VTABLE_CLASS_ID_OFFSET: usize = offset_of!(VTable, class_id);
pub const VTABLE_SUBCLASS_MAX_OFFSET: usize = offset_of!(VTable, subclass_max);
pub const VTABLE_TID_OFFSET: usize = offset_of!(VTable, tid);
pub const VTABLE_INSTANCE_SIZE_OFFSET: usize = offset_of!(VTable, instance_size);
pub const VTABLE_BASE_OFFSET: usize = offset_of!(VTable, base);
/// Size of `VTable`: where the generated code's method slots start.
pub const VTABLE_SIZE: usize = std::mem::size_of::<VTable>();

impl VTable {
    /// A class's vtable header: its preorder number and the last number of
    /// its subtree, its instances' type id and size, its name and base.
    pub const fn new(
        (class_id, subclass_max): (u32, u32),
        (tid, instance_size): (u32, usize),
        name: &'static str,
        base: *const VTable,
    ) -> VTable {
        VTable {
            class_id,
            subclass_max,
            tid,
            instance_size: instance_size as u32,
            name_ptr: name.as_ptr(),
            name_len: name.len(),
            base,
        }
    }

    /// The class name.
    pub fn name(&self) -> &'static [u8] {
        // SAFETY: name_ptr/name_len come from a `&'static str` (`new`).
        unsafe { std::slice::from_raw_parts(self.name_ptr, self.name_len) }
    }

    /// Is this class `other` or a subclass of it?
    #[inline(always)]
    pub fn is_subclass_of(&self, other: &VTable) -> bool {
        other.class_id <= self.class_id && self.class_id <= other.subclass_max
    }
}

/// `malloc_dynamic(cls)`: a new instance of the class whose vtable is
/// `cls`, every field zero or null.
pub unsafe fn rpy_malloc_dynamic(cls: *const VTable) -> *mut Object {
    let o = crate::alloc::rpy_alloc((*cls).instance_size as usize, (*cls).tid) as *mut Object;
    (*o).vtable = cls;
    o
}

/// `isinstance(obj, cls)`: false for null.
#[inline(always)]
pub unsafe fn rpy_instanceof(obj: *mut Object, cls: *const VTable) -> bool {
    !obj.is_null() && (*(*obj).vtable).is_subclass_of(&*cls)
}

/// A 2-tuple `(a, b)`; every generated tuple struct has this shape
/// (`#[repr(C)] { hdr, f0, f1, … }`). `rpy_dict_items` builds these.
#[repr(C)]
pub struct RPair<A, B> {
    pub hdr: GcHeader,
    pub a: A,
    pub b: B,
}

/// The bytes of a string.
#[inline(always)]
pub unsafe fn str_bytes<'a>(s: *const RStr) -> &'a [u8] {
    // SAFETY: `len` bytes follow the header of a live RStr.
    std::slice::from_raw_parts((*s).bytes.as_ptr(), (*s).len as usize)
}

/// The items of a list, as a slice.
#[inline(always)]
pub unsafe fn list_items<'a, T>(l: *const RList<T>) -> &'a [T] {
    let n = (*l).len as usize;
    if n == 0 {
        return &[];
    }
    // SAFETY: the first `len` items of `items` are initialized.
    std::slice::from_raw_parts((*(*l).items).data.as_ptr(), n)
}

/// The items of a list, as a mutable slice.
#[inline(always)]
pub unsafe fn list_items_mut<'a, T>(l: *mut RList<T>) -> &'a mut [T] {
    let n = (*l).len as usize;
    if n == 0 {
        return &mut [];
    }
    // SAFETY: as `list_items`; the runtime is single-threaded.
    std::slice::from_raw_parts_mut((*(*l).items).data.as_mut_ptr(), n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_offsets() {
        assert_eq!(RSTR_HASH_OFFSET, 8);
        assert_eq!(RSTR_LEN_OFFSET, 16);
        assert_eq!(RSTR_BYTES_OFFSET, 24);
        assert_eq!(RLIST_LEN_OFFSET, 8);
        assert_eq!(RLIST_ITEMS_OFFSET, 16);
        assert_eq!(RARRAY_DATA_OFFSET, 16);
        assert_eq!(offset_of!(RArray<u8>, data), RARRAY_DATA_OFFSET);
        assert_eq!(OBJECT_VTABLE_OFFSET, 8);
        assert_eq!(VTABLE_CLASS_ID_OFFSET, 0);
        assert_eq!(VTABLE_SUBCLASS_MAX_OFFSET, 4);
        assert_eq!(VTABLE_TID_OFFSET, 8);
        assert_eq!(VTABLE_INSTANCE_SIZE_OFFSET, 12);
        assert_eq!(VTABLE_SIZE, 40);
        assert_eq!(offset_of!(RStrConst<3>, bytes), RSTR_BYTES_OFFSET);
    }
}
