//! Dicts: `RDict<K, V>`, an insertion-ordered `IndexMap` in the Rust heap
//! (keys by `Item::eq_item`/`hash_item`: ints and strs by value, instances
//! by identity), and every dict helper, generic over key and value types.
//!
//! Deletion keeps the order (`shift_remove`, O(n)); the GC frees the map
//! of a dead dict (`DictOps::free`).

use crate::alloc::{pair_tid, rpy_alloc, TID_DICT};
use crate::exc::{raise_error, RResult, Raised};
use crate::item::Item;
use crate::list::list_from_vec;
use crate::object::{GcHeader, Object, RDict, RList, RPair};
use indexmap::IndexMap;
use std::hash::{BuildHasher, Hash, Hasher};
use std::marker::PhantomData;
use std::mem::size_of;

/// A dict key: hashed and compared as Python does.
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct Key<K>(pub K);

impl<K: Item> Hash for Key<K> {
    #[inline]
    fn hash<H: Hasher>(&self, h: &mut H) {
        // SAFETY: keys stored in a dict are live (or null).
        h.write_i64(unsafe { self.0.hash_item() })
    }
}

impl<K: Item> PartialEq for Key<K> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        // SAFETY: keys stored in a dict are live (or null).
        unsafe { self.0.eq_item(other.0) }
    }
}

impl<K: Item> Eq for Key<K> {}

/// A fast multiplicative hasher over the Python hash of a key.
#[derive(Clone, Copy, Default)]
pub struct FxBuild;

pub struct FxHasher(u64);

impl BuildHasher for FxBuild {
    type Hasher = FxHasher;
    #[inline]
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn write_i64(&mut self, x: i64) {
        self.write_u64(x as u64)
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The entries of a dict.
pub type DictMap<K, V> = IndexMap<Key<K>, V, FxBuild>;

/// What type-erased code needs of one `RDict<K, V>` instantiation.
pub struct DictOps {
    /// `repr(d)` into the buffer.
    pub repr: fn(*mut GcHeader, &mut Vec<u8>),
    /// `a == b` (both of this instantiation).
    pub eq: fn(*mut GcHeader, *mut GcHeader) -> bool,
    /// Call the function on every GC pointer among keys and values.
    pub trace: fn(*mut GcHeader, &mut dyn FnMut(*mut GcHeader)),
    /// Free the map (the GC calls this when the dict dies).
    pub free: fn(*mut GcHeader),
}

struct OpsOf<K, V>(PhantomData<(K, V)>);

impl<K: Item, V: Item> OpsOf<K, V> {
    const OPS: &'static DictOps = &DictOps {
        repr: |d, out| {
            // SAFETY: the ops of a live RDict<K, V>.
            unsafe { dict_repr_into(d as *mut RDict<K, V>, out) }
        },
        // SAFETY: both are live RDict<K, V> (same ops).
        eq: |a, b| unsafe { dict_eq(a as *mut RDict<K, V>, b as *mut RDict<K, V>) },
        trace: |d, f| {
            // SAFETY: the ops of a live RDict<K, V>; pointer items are
            // GC pointers when their kind is Ptr.
            unsafe {
                for (k, v) in map(d as *mut RDict<K, V>).iter() {
                    trace_item(k.0, f);
                    trace_item(*v, f);
                }
            }
        },
        free: |d| {
            // SAFETY: a dying RDict<K, V>: its map is the Box it owns,
            // dropped once (the dict is never used again).
            unsafe {
                let d = d as *mut RDict<K, V>;
                drop(Box::from_raw((*d).map));
                (*d).map = std::ptr::null_mut();
            }
        },
    };
}

/// Report `x` to `f` if it is a GC pointer.
fn trace_item<T: Item>(x: T, f: &mut dyn FnMut(*mut GcHeader)) {
    if T::KIND == crate::item::ValueKind::Ptr {
        // SAFETY: Ptr-kind items are pointer-sized.
        let p: *mut GcHeader = unsafe { std::mem::transmute_copy(&x) };
        if !p.is_null() {
            f(p)
        }
    }
}

/// The entries of a dict.
#[inline(always)]
unsafe fn map<'a, K, V>(d: *mut RDict<K, V>) -> &'a mut DictMap<K, V> {
    // SAFETY: `map` is a live Box owned by the dict; single-threaded.
    &mut *(*d).map
}

/// `{}`.
pub fn rpy_dict_new<K: Item, V: Item>() -> *mut RDict<K, V> {
    let d = rpy_alloc(size_of::<RDict<K, V>>(), TID_DICT) as *mut RDict<K, V>;
    crate::gc::note_finalizable(d as *mut u8);
    // SAFETY: a fresh RDict: fill its fields without reading the zeroes.
    unsafe {
        std::ptr::addr_of_mut!((*d).map)
            .write(Box::into_raw(Box::new(DictMap::with_hasher(FxBuild))));
        std::ptr::addr_of_mut!((*d).ops).write(OpsOf::<K, V>::OPS);
    }
    d
}

#[cold]
unsafe fn raise_key_error<K: Item>(k: K) {
    let mut repr = Vec::new();
    k.repr_item(&mut repr);
    raise_error(rpy_semantics::Error::Key(repr));
}

/// `d[k]`: KeyError (message: repr of the key).
#[inline]
pub unsafe fn rpy_dict_getitem_r<K: Item, V: Item>(d: *mut RDict<K, V>, k: K) -> RResult<V> {
    match map(d).get(&Key(k)) {
        Some(v) => Ok(*v),
        None => {
            raise_key_error(k);
            Err(Raised)
        }
    }
}

/// `rpy_dict_getitem_r` with the exception only pending.
#[inline]
pub unsafe fn rpy_dict_getitem<K: Item, V: Item>(d: *mut RDict<K, V>, k: K) -> V {
    rpy_dict_getitem_r(d, k).unwrap_or(V::ZERO)
}

/// `d[k] = v`.
#[inline]
pub unsafe fn rpy_dict_setitem<K: Item, V: Item>(d: *mut RDict<K, V>, k: K, v: V) {
    map(d).insert(Key(k), v);
}

/// `del d[k]`.
pub unsafe fn rpy_dict_delitem<K: Item, V: Item>(d: *mut RDict<K, V>, k: K) {
    if map(d).shift_remove(&Key(k)).is_none() {
        raise_key_error(k);
    }
}

/// `k in d`.
#[inline]
pub unsafe fn rpy_dict_contains<K: Item, V: Item>(d: *mut RDict<K, V>, k: K) -> bool {
    map(d).contains_key(&Key(k))
}

/// `d.get(k, default)`.
#[inline]
pub unsafe fn rpy_dict_get<K: Item, V: Item>(d: *mut RDict<K, V>, k: K, default: V) -> V {
    map(d).get(&Key(k)).copied().unwrap_or(default)
}

/// `len(d)`.
#[inline]
pub unsafe fn rpy_dict_len<K, V>(d: *mut RDict<K, V>) -> i64 {
    map(d).len() as i64
}

/// `bool(d)` (null = None: false).
pub unsafe fn rpy_dict_is_true<K, V>(d: *mut RDict<K, V>) -> bool {
    !d.is_null() && !map(d).is_empty()
}

/// `list(d.keys())`.
pub unsafe fn rpy_dict_keys<K: Item, V: Item>(d: *mut RDict<K, V>) -> *mut RList<K> {
    let _keys_in_vec = crate::gc::no_collect();
    list_from_vec(map(d).keys().map(|k| k.0).collect())
}

/// `list(d.values())`.
pub unsafe fn rpy_dict_values<K: Item, V: Item>(d: *mut RDict<K, V>) -> *mut RList<V> {
    let _values_in_vec = crate::gc::no_collect();
    list_from_vec(map(d).values().copied().collect())
}

/// `list(d.items())`: a list of `RPair<K, V>` tuples.
pub unsafe fn rpy_dict_items<K: Item, V: Item>(d: *mut RDict<K, V>) -> *mut RList<*mut Object> {
    let tid = pair_tid(K::KIND, V::KIND);
    let _pairs_in_vec = crate::gc::no_collect();
    let pairs = map(d)
        .iter()
        .map(|(k, v)| {
            let p = rpy_alloc(size_of::<RPair<K, V>>(), tid) as *mut RPair<K, V>;
            (*p).a = k.0;
            (*p).b = *v;
            p as *mut Object
        })
        .collect();
    list_from_vec(pairs)
}

/// `d.pop(k)`: KeyError.
pub unsafe fn rpy_dict_pop<K: Item, V: Item>(d: *mut RDict<K, V>, k: K) -> V {
    match map(d).shift_remove(&Key(k)) {
        Some(v) => v,
        None => {
            raise_key_error(k);
            V::ZERO
        }
    }
}

/// `d.pop(k, default)`.
pub unsafe fn rpy_dict_pop_default<K: Item, V: Item>(d: *mut RDict<K, V>, k: K, default: V) -> V {
    map(d).shift_remove(&Key(k)).unwrap_or(default)
}

/// `d.clear()`.
pub unsafe fn rpy_dict_clear<K, V>(d: *mut RDict<K, V>) {
    map(d).clear()
}

/// `d.copy()`.
pub unsafe fn rpy_dict_copy<K: Item, V: Item>(d: *mut RDict<K, V>) -> *mut RDict<K, V> {
    let r = rpy_dict_new::<K, V>();
    *map(r) = map(d).clone();
    r
}

/// `d.setdefault(k, v)`.
pub unsafe fn rpy_dict_setdefault<K: Item, V: Item>(d: *mut RDict<K, V>, k: K, v: V) -> V {
    *map(d).entry(Key(k)).or_insert(v)
}

/// `d.update(other)`.
pub unsafe fn rpy_dict_update<K: Item, V: Item>(d: *mut RDict<K, V>, other: *mut RDict<K, V>) {
    if d == other {
        return;
    }
    let src: Vec<(Key<K>, V)> = map(other).iter().map(|(k, v)| (*k, *v)).collect();
    map(d).extend(src);
}

/// Entry `i` in insertion order.
#[inline]
pub(crate) unsafe fn dict_entry<K: Item, V: Item>(d: *mut RDict<K, V>, i: usize) -> Option<(K, V)> {
    map(d).get_index(i).map(|(k, v)| (k.0, *v))
}

/// `a == b`: same keys with equal values.
pub unsafe fn dict_eq<K: Item, V: Item>(a: *mut RDict<K, V>, b: *mut RDict<K, V>) -> bool {
    let (ma, mb) = (map(a), map(b));
    ma.len() == mb.len()
        && ma
            .iter()
            .all(|(k, v)| mb.get(k).is_some_and(|w| v.eq_item(*w)))
}

/// `repr(d)` into `out` (null: `None`).
pub unsafe fn dict_repr_into<K: Item, V: Item>(d: *mut RDict<K, V>, out: &mut Vec<u8>) {
    if d.is_null() {
        out.extend_from_slice(b"None");
        return;
    }
    out.push(b'{');
    for (i, (k, v)) in map(d).iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b", ");
        }
        k.0.repr_item(out);
        out.extend_from_slice(b": ");
        v.repr_item(out);
    }
    out.push(b'}');
}
