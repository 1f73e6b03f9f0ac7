//! The one allocation entry point (`rpy_alloc`) and the registry of type
//! descriptors that say, for every type id, what kind of object it is and
//! where its GC pointers are (what the GC traces through).
//!
//! The memory comes from the garbage collector (`gc`).

use crate::item::ValueKind;
use crate::object::GcHeader;
use std::sync::RwLock;

/// One field of a tuple: where it is and what it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub offset: usize,
    pub kind: ValueKind,
}

/// What the objects of one type id are.
#[derive(Clone, Copy, Debug)]
pub enum TypeDesc {
    /// `RStr`: no GC pointers.
    Str,
    /// `RList<T>` with items of this kind: `items` is a GC pointer.
    List(ValueKind),
    /// `RArray<T>`: every item is a GC pointer iff the kind is `Ptr`.
    Array(ValueKind),
    /// `RDict<K, V>`: the object carries its own `DictOps` (trace, repr).
    Dict,
    /// A tuple struct `{ hdr, f0, f1, … }`: every field, in order (the GC
    /// traces the `Ptr` ones; repr and equality read them all).
    Tuple {
        size: usize,
        fields: &'static [Field],
    },
    /// An instance `{ hdr, vtable, fields… }`: the offsets of its GC
    /// pointer fields.
    Instance {
        size: usize,
        ptr_offsets: &'static [usize],
    },
    /// An iterator: the offsets of its GC pointers.
    Iter { ptr_offsets: &'static [usize] },
}

/// Type id 0 is never used (a zeroed header is recognizably invalid).
pub const TID_STR: u32 = 1;
const TID_LIST_BASE: u32 = 2;
const TID_ARRAY_BASE: u32 = TID_LIST_BASE + ValueKind::COUNT;
pub const TID_DICT: u32 = TID_ARRAY_BASE + ValueKind::COUNT;
const TID_PAIR_BASE: u32 = TID_DICT + 1;
pub const TID_STR_ITER: u32 = TID_PAIR_BASE + ValueKind::COUNT * ValueKind::COUNT;
pub const TID_LIST_ITER: u32 = TID_STR_ITER + 1;
pub const TID_DICT_ITER: u32 = TID_STR_ITER + 2;
/// Instances of the builtin exception classes (`RException`).
pub const TID_EXCEPTION: u32 = TID_STR_ITER + 3;
/// Instances of `object` itself (a bare `Object`).
pub const TID_OBJECT: u32 = TID_EXCEPTION + 1;
/// The first id `rpy_register_type` hands out: the i-th registration gets
/// `FIRST_USER_TID + i`, so generated statics (vtables) can name the ids
/// of the types they register in order at startup.
pub const FIRST_USER_TID: u32 = TID_OBJECT + 1;

/// The type id of lists whose items are of kind `k` (generated code:
/// `list_tid(<T as Item>::KIND)`).
pub const fn list_tid(k: ValueKind) -> u32 {
    TID_LIST_BASE + k as u32
}

/// The type id of the arrays behind lists of kind `k`.
pub const fn array_tid(k: ValueKind) -> u32 {
    TID_ARRAY_BASE + k as u32
}

/// The type id of `RPair<A, B>` with fields of kinds `a` and `b`.
pub const fn pair_tid(a: ValueKind, b: ValueKind) -> u32 {
    TID_PAIR_BASE + a as u32 * ValueKind::COUNT + b as u32
}

/// The fields of every builtin pair type, indexed like `pair_tid`.
const PAIRS: usize = (ValueKind::COUNT * ValueKind::COUNT) as usize;
static PAIR_FIELDS: [[Field; 2]; PAIRS] = pair_fields();

const fn pair_fields() -> [[Field; 2]; PAIRS] {
    let n = ValueKind::COUNT as usize;
    let mut t = [[Field {
        offset: 0,
        kind: ValueKind::Int,
    }; 2]; PAIRS];
    let mut i = 0;
    while i < PAIRS {
        let a = ValueKind::ALL[i / n];
        let b = ValueKind::ALL[i % n];
        let a_off = std::mem::size_of::<GcHeader>();
        let b_align = b.size();
        let b_off = (a_off + a.size()).div_ceil(b_align) * b_align;
        t[i] = [
            Field {
                offset: a_off,
                kind: a,
            },
            Field {
                offset: b_off,
                kind: b,
            },
        ];
        i += 1;
    }
    t
}

const ITER_PTRS: &[usize] = &[8];
const EXCEPTION_PTRS: &[usize] = &[crate::exc::EXC_MESSAGE_OFFSET];

static USER_TYPES: RwLock<Vec<TypeDesc>> = RwLock::new(Vec::new());

/// Register a type; returns its id (`>= FIRST_USER_TID`). Generated code
/// registers its instance and tuple types once at startup.
pub fn rpy_register_type(desc: TypeDesc) -> u32 {
    let mut types = USER_TYPES.write().unwrap_or_else(|e| e.into_inner());
    types.push(desc);
    FIRST_USER_TID + types.len() as u32 - 1
}

/// The descriptor of a type id (builtin or registered).
pub fn rpy_type_desc(tid: u32) -> TypeDesc {
    let k = |base: u32| ValueKind::ALL[(tid - base) as usize];
    match tid {
        TID_STR => TypeDesc::Str,
        t if (TID_LIST_BASE..TID_ARRAY_BASE).contains(&t) => TypeDesc::List(k(TID_LIST_BASE)),
        t if (TID_ARRAY_BASE..TID_DICT).contains(&t) => TypeDesc::Array(k(TID_ARRAY_BASE)),
        TID_DICT => TypeDesc::Dict,
        t if (TID_PAIR_BASE..TID_STR_ITER).contains(&t) => {
            let fields = &PAIR_FIELDS[(t - TID_PAIR_BASE) as usize];
            let last = fields[1];
            TypeDesc::Tuple {
                size: (last.offset + last.kind.size()).next_multiple_of(8),
                fields,
            }
        }
        TID_STR_ITER | TID_LIST_ITER | TID_DICT_ITER => TypeDesc::Iter {
            ptr_offsets: ITER_PTRS,
        },
        TID_EXCEPTION => TypeDesc::Instance {
            size: std::mem::size_of::<crate::exc::RException>(),
            ptr_offsets: EXCEPTION_PTRS,
        },
        TID_OBJECT => TypeDesc::Instance {
            size: std::mem::size_of::<crate::object::Object>(),
            ptr_offsets: &[],
        },
        t => {
            let types = USER_TYPES.read().unwrap_or_else(|e| e.into_inner());
            match t
                .checked_sub(FIRST_USER_TID)
                .and_then(|i| types.get(i as usize))
            {
                Some(d) => *d,
                None => panic!("rpy runtime: unknown type id {t}"),
            }
        }
    }
}

/// Allocate a zeroed, 8-byte aligned object of `size` bytes (header
/// included) from the GC heap and set its header to `tid`. May collect
/// first. Never returns null.
#[inline]
pub fn rpy_alloc(size: usize, tid: u32) -> *mut u8 {
    debug_assert!(size >= std::mem::size_of::<GcHeader>());
    let p = crate::gc::gc_allocate(size);
    // SAFETY: `p` is a fresh, zeroed, 8-aligned block of at least 8 bytes.
    unsafe { (p as *mut GcHeader).write(GcHeader::new(tid)) };
    p
}

/// `rpy_alloc` with the C calling convention, for JIT-compiled code.
pub extern "C" fn rpy_alloc_extern(size: usize, tid: u32) -> *mut u8 {
    rpy_alloc(size, tid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alloc_is_zeroed_aligned_and_tagged() {
        for size in [8, 16, 24, 100, 70_000, 8] {
            let p = rpy_alloc(size, 77);
            assert_eq!(p as usize % 8, 0);
            // SAFETY: a fresh block of `size` bytes.
            unsafe {
                assert_eq!((*(p as *mut GcHeader)).tid, 77);
                assert!((8..size).all(|i| *p.add(i) == 0));
            }
        }
    }

    #[test]
    fn builtin_and_registered_descriptors() {
        assert!(matches!(rpy_type_desc(TID_STR), TypeDesc::Str));
        assert!(matches!(
            rpy_type_desc(list_tid(ValueKind::Float)),
            TypeDesc::List(ValueKind::Float)
        ));
        assert!(matches!(
            rpy_type_desc(array_tid(ValueKind::Ptr)),
            TypeDesc::Array(ValueKind::Ptr)
        ));
        match rpy_type_desc(pair_tid(ValueKind::Char, ValueKind::Int)) {
            TypeDesc::Tuple { size, fields } => {
                assert_eq!(size, 24);
                assert_eq!(fields[0].offset, 8);
                assert_eq!(fields[1].offset, 16);
            }
            d => panic!("{d:?}"),
        }
        let tid = rpy_register_type(TypeDesc::Instance {
            size: 24,
            ptr_offsets: &[16],
        });
        assert!(tid >= FIRST_USER_TID);
        assert!(matches!(
            rpy_type_desc(tid),
            TypeDesc::Instance { size: 24, .. }
        ));
    }
}
