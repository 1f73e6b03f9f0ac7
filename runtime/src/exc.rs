//! Exceptions: one pending-exception slot (`RPY_EXC`), checked by the
//! generated code after every call that can raise, and the builtin
//! exception classes the runtime raises.
//!
//! Class numbering. Builtin classes are named by their index in
//! `rpy_semantics::exc::BUILTIN_CLASSES` (the constants of
//! `builtin_class`, used as `rpy_raise_builtin`'s first argument). Their
//! `VTable::class_id`, like every class's, is the class's number in a
//! preorder walk of the WHOLE class tree (builtin and user classes, rooted
//! at `object`), with `subclass_max` the largest number in its subtree.
//! That numbering depends on the program (a user `class E(ValueError)`
//! lands inside ValueError's range), so the generated code computes it,
//! emits a vtable for every class including the builtin ones, and calls
//! `rpy_set_builtin_vtables(&[…; N_BUILTIN_CLASSES])` (indexed by builtin index) at
//! startup, before running anything. Until then the runtime uses its own
//! vtables numbered for the builtin tree alone (`BUILTIN_CLASSES` is
//! already in preorder, so there class_id = builtin index) — enough for
//! tests of the runtime by itself.

use crate::alloc::{rpy_alloc, TID_EXCEPTION, TID_OBJECT};
use crate::object::{Object, RStr, VTable};
use std::mem::offset_of;
use std::ptr::null_mut;

/// Every exception instance starts like this (user exception classes add
/// their fields after `message`).
#[repr(C)]
pub struct RException {
    pub obj: Object,
    /// `str(e)`; null when raised without a message.
    pub message: *mut RStr,
}

pub const EXC_MESSAGE_OFFSET: usize = offset_of!(RException, message);

/// The pending exception (null = none).
#[no_mangle]
pub static mut RPY_EXC: *mut Object = null_mut();

/// Is an exception pending?
#[inline(always)]
pub fn rpy_exc_occurred() -> bool {
    // SAFETY: single-threaded runtime; a plain read of the slot.
    let e = unsafe { RPY_EXC };
    !e.is_null()
}

/// The pending exception, clearing the slot (null if none).
#[inline]
pub fn rpy_exc_take() -> *mut Object {
    // SAFETY: single-threaded runtime.
    unsafe { std::mem::replace(&mut *std::ptr::addr_of_mut!(RPY_EXC), null_mut()) }
}

/// The pending exception, leaving it pending (null if none).
#[inline]
pub fn rpy_exc_peek() -> *mut Object {
    // SAFETY: single-threaded runtime.
    unsafe { RPY_EXC }
}

/// Raise `e` (an exception instance): make it the pending exception.
#[inline]
pub fn rpy_raise(e: *mut Object) {
    // SAFETY: single-threaded runtime.
    unsafe { RPY_EXC = e };
}

/// "An exception is pending": the error of the `_r` variants of the
/// inline raising ops (`rpy_list_getitem_r`, `rpy_int_floordiv_r`, …).
/// Branching on their `Result` instead of calling `rpy_exc_occurred`
/// after the op lets rustc merge the check with the op's own test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Raised;

/// The result of an op that may raise (the exception is in `RPY_EXC`).
pub type RResult<T> = Result<T, Raised>;

/// Raise builtin `class` with `msg` and return `Err(Raised)`.
#[cold]
#[inline(never)]
pub fn raise_err<T>(class: u32, msg: &[u8]) -> RResult<T> {
    rpy_raise_builtin(class, msg);
    Err(Raised)
}

/// Raise an operation's error (its builtin class and message).
#[cold]
#[inline(never)]
pub fn raise_error(e: rpy_semantics::Error) {
    rpy_raise_builtin(e.class(), &e.message());
}

/// An operation's result, its error raised: the bridge from the
/// semantics' `Result` to the runtime's pending exception.
#[inline(always)]
pub fn or_raise<T>(r: rpy_semantics::Result<T>) -> RResult<T> {
    r.map_err(|e| {
        raise_error(e);
        Raised
    })
}

use builtin_class as bc;
/// The builtin classes (names, bases and indices), from the semantics.
pub use rpy_semantics::exc as builtin_class;
pub use rpy_semantics::exc::{BUILTIN_CLASSES, N_BUILTIN_CLASSES};

/// The runtime's own vtables for the builtin classes alone.
static DEFAULT_VTABLES: [VTable; N_BUILTIN_CLASSES] =
    default_vtables(&DEFAULT_VTABLES as *const [VTable; N_BUILTIN_CLASSES] as *const VTable);

const fn default_vtables(first: *const VTable) -> [VTable; N_BUILTIN_CLASSES] {
    // subclass_max: children come after their parent, so a backward pass
    // sees every descendant before its ancestors.
    let mut max = [0u32; N_BUILTIN_CLASSES];
    let mut i = 0;
    while i < N_BUILTIN_CLASSES {
        max[i] = i as u32;
        i += 1;
    }
    let mut j = N_BUILTIN_CLASSES;
    while j > 1 {
        j -= 1;
        if let Some(p) = BUILTIN_CLASSES[j].1 {
            if max[j] > max[p as usize] {
                max[p as usize] = max[j];
            }
        }
    }
    let mut vts = [const { VTable::new((0, 0), (0, 0), "", std::ptr::null()) }; N_BUILTIN_CLASSES];
    let mut k = 0;
    while k < N_BUILTIN_CLASSES {
        let base = match BUILTIN_CLASSES[k].1 {
            // SAFETY: `p` < N_BUILTIN_CLASSES: inside the array.
            Some(p) => unsafe { first.add(p as usize) },
            None => std::ptr::null(),
        };
        let instances = if k == bc::OBJECT as usize {
            (TID_OBJECT, std::mem::size_of::<Object>())
        } else {
            (TID_EXCEPTION, std::mem::size_of::<RException>())
        };
        vts[k] = VTable::new((k as u32, max[k]), instances, BUILTIN_CLASSES[k].0, base);
        k += 1;
    }
    vts
}

/// The vtables of the builtin classes in use, by builtin index.
static mut BUILTIN_VTABLES: [*const VTable; N_BUILTIN_CLASSES] = default_vtable_ptrs();

const fn default_vtable_ptrs() -> [*const VTable; N_BUILTIN_CLASSES] {
    let mut p = [std::ptr::null(); N_BUILTIN_CLASSES];
    let mut i = 0;
    while i < N_BUILTIN_CLASSES {
        p[i] = &DEFAULT_VTABLES[i];
        i += 1;
    }
    p
}

/// Install the generated code's vtables of the builtin classes (indexed by
/// builtin index; each starts with a `VTable` numbered in the program's
/// preorder). Call once at startup, before anything raises.
pub unsafe fn rpy_set_builtin_vtables(vtables: &[*const VTable]) {
    assert_eq!(vtables.len(), N_BUILTIN_CLASSES, "rpy_set_builtin_vtables");
    // SAFETY: single-threaded runtime; no reference to the table escapes.
    (*std::ptr::addr_of_mut!(BUILTIN_VTABLES)).copy_from_slice(vtables);
    STOP_ITERATION = null_mut();
}

/// The vtable of builtin class `class` (a builtin index).
#[inline]
pub fn rpy_builtin_vtable(class: u32) -> *const VTable {
    // SAFETY: single-threaded runtime; a plain read.
    unsafe { (*std::ptr::addr_of!(BUILTIN_VTABLES))[class as usize] }
}

/// Is `obj` (non-null) an exception instance?
pub unsafe fn is_exception(obj: *mut Object) -> bool {
    rpy_instanceof_builtin(obj, bc::BASE_EXCEPTION)
}

/// The class numbering is the generated code's; builtin exception
/// instances are `RException`s (`TID_EXCEPTION`), plain `object()`s are
/// bare `Object`s (`TID_OBJECT`): the generated builtin vtables must say
/// so in their `tid`/`instance_size`.
///
/// `isinstance(obj, builtin class)`: false for null.
pub unsafe fn rpy_instanceof_builtin(obj: *mut Object, class: u32) -> bool {
    crate::object::rpy_instanceof(obj, rpy_builtin_vtable(class))
}

/// A new instance of builtin exception class `class` with `message`.
pub fn rpy_exc_new_builtin(class: u32, message: *mut RStr) -> *mut Object {
    let e = rpy_alloc(std::mem::size_of::<RException>(), TID_EXCEPTION) as *mut RException;
    // SAFETY: a fresh RException.
    unsafe {
        (*e).obj.vtable = rpy_builtin_vtable(class);
        (*e).message = message;
    }
    e as *mut Object
}

/// Raise builtin exception `class` (a builtin index) with message `msg`.
#[cold]
#[inline(never)]
pub fn rpy_raise_builtin(class: u32, msg: &[u8]) {
    let m = crate::str::rpy_str_from_bytes(msg);
    rpy_raise(rpy_exc_new_builtin(class, m));
}

/// The shared StopIteration instance (no message): iterators raise it
/// without allocating.
static mut STOP_ITERATION: *mut Object = null_mut();

/// The slots of the runtime that hold GC pointers: roots of every
/// collection (the pending exception, the shared StopIteration).
pub(crate) fn exception_root_slots() -> [*const *mut Object; 2] {
    [&raw const RPY_EXC, &raw const STOP_ITERATION]
}

/// Raise StopIteration.
#[cold]
pub fn rpy_raise_stop_iteration() {
    // SAFETY: single-threaded runtime.
    unsafe {
        if STOP_ITERATION.is_null() {
            STOP_ITERATION = rpy_exc_new_builtin(bc::STOP_ITERATION, null_mut());
        }
        rpy_raise(STOP_ITERATION);
    }
}

/// `str(e)` of an exception: its message ('' without).
pub unsafe fn rpy_exc_str(e: *mut Object) -> *mut RStr {
    let m = (*(e as *mut RException)).message;
    if m.is_null() {
        crate::str::empty_str()
    } else {
        m
    }
}

/// The class name of an exception and its message, as an uncaught
/// exception is reported: `Name: message` (or `Name` without message).
pub unsafe fn exc_report(e: *mut Object) -> Vec<u8> {
    let mut out = (*(*e).vtable).name().to_vec();
    let m = (*(e as *mut RException)).message;
    if !m.is_null() && (*m).len > 0 {
        out.extend_from_slice(b": ");
        out.extend_from_slice(crate::object::str_bytes(m));
    }
    out
}
