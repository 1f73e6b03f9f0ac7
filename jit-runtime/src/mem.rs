//! The JIT's access to memory and to runtime functions, shared by the
//! tracer, the blackhole and the trace interpreter (the x86 backend emits
//! the same operations inline): loads and stores by descr, calls through
//! the uniform `extern "C" fn(*const u64) -> u64` ABI, allocation, and the
//! pending-exception slot.

use crate::ir::Descr;

/// A runtime function as the JIT calls it: arguments stored in order in
/// an array of 64-bit words, the result as 64 bits.
pub type JitFn = unsafe extern "C" fn(args: *const u64) -> u64;

/// Reads `size` bytes (1 or 8, zero-extended) at `base + offset`.
///
/// # Safety
/// The address is a live field or array item of that size.
#[inline]
pub unsafe fn load(base: u64, offset: i64, size: u8) -> u64 {
    let p = (base as i64 + offset) as *const u8;
    match size {
        1 => *p as u64,
        _ => (p as *const u64).read_unaligned(),
    }
}

/// Writes the low `size` bytes (1 or 8) of `value` at `base + offset`.
///
/// # Safety
/// The address is a live field or array item of that size.
#[inline]
pub unsafe fn store(base: u64, offset: i64, size: u8, value: u64) {
    let p = (base as i64 + offset) as *mut u8;
    match size {
        1 => *p = value as u8,
        _ => (p as *mut u64).write_unaligned(value),
    }
}

/// The address and size of a field, or of item `index` of an array.
pub fn field_place(d: &Descr, index: u64) -> (i64, u8) {
    match d {
        Descr::Field { offset, size, .. } => (*offset as i64, *size),
        Descr::Array {
            base, item_size, ..
        } => (
            *base as i64 + (index as i64).wrapping_mul(*item_size as i64),
            *item_size,
        ),
        other => panic!("field_place: not a field or array descr: {other:?}"),
    }
}

/// Calls runtime function `func` with these arguments.
///
/// # Safety
/// `func` is a `JitFn` taking that many arguments of the right kinds.
pub unsafe fn call(func: u64, args: &[u64]) -> u64 {
    let f: JitFn = std::mem::transmute::<u64, JitFn>(func);
    f(args.as_ptr())
}

/// A new object for a `Size` descr (the vtable stored when it has one).
pub fn alloc(d: &Descr) -> u64 {
    match d {
        Descr::Size {
            size,
            tid,
            vtable,
            vtable_offset,
            ..
        } => {
            let p = rpy_runtime::rpy_alloc(*size as usize, *tid) as u64;
            if *vtable != 0 {
                // SAFETY: a fresh object with a vtable field at that offset.
                unsafe { store(p, *vtable_offset as i64, 8, *vtable) };
            }
            p
        }
        other => panic!("alloc: not a size descr: {other:?}"),
    }
}

/// `extern "C"` allocation entry for machine code: `args = [size, tid,
/// vtable, vtable_offset]`.
///
/// # Safety
/// `args` points at four words.
pub unsafe extern "C" fn jit_alloc(args: *const u64) -> u64 {
    let a = std::slice::from_raw_parts(args, 4);
    let p = rpy_runtime::rpy_alloc(a[0] as usize, a[1] as u32) as u64;
    if a[2] != 0 {
        store(p, a[3] as i64, 8, a[2]);
    }
    p
}

/// The address of the pending-exception slot (a pointer; null = none).
pub fn exc_slot() -> *mut u64 {
    (&raw mut rpy_runtime::RPY_EXC).cast::<u64>()
}

/// Is an exception pending?
pub fn exc_pending() -> bool {
    rpy_runtime::rpy_exc_occurred()
}
