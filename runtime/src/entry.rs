//! Program entry: `rpy_main` runs the translated entry point on a thread
//! with a large stack, reports an uncaught exception as `Name: message`
//! on stderr (status 1), and flushes stdout; `rpy_stack_check` turns deep
//! recursion into RuntimeError("maximum recursion depth exceeded").

use crate::exc::{exc_report, raise_error, rpy_exc_take};
use crate::io::rpy_io_flush;
use crate::list::list_from_vec;
use crate::object::{RList, RStr};
use crate::str::rpy_str_from_bytes;
use std::cell::Cell;
use std::io::Write;

/// The stack of the thread that runs the program.
pub const STACK_SIZE: usize = 256 << 20;
/// Room kept for the runtime (and the exception path) below the limit.
const STACK_MARGIN: usize = 1 << 20;

thread_local! {
    /// The lowest stack address the program may use (0: no limit).
    static STACK_LIMIT: Cell<usize> = const { Cell::new(0) };
}

/// The current stack position (approximately: a local's address).
#[inline(always)]
fn stack_pos() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Call at the start of every function that may recurse: true (with
/// RuntimeError pending) when the stack is nearly exhausted.
#[inline(always)]
pub fn rpy_stack_check() -> bool {
    if stack_pos() < STACK_LIMIT.with(|l| l.get()) {
        stack_overflow();
        return true;
    }
    false
}

#[cold]
#[inline(never)]
fn stack_overflow() {
    raise_error(rpy_semantics::Error::RecursionDepth);
}

/// `argv` as a list of str.
fn build_argv() -> *mut RList<*mut RStr> {
    use std::os::unix::ffi::OsStrExt;
    let _args_in_vec = crate::gc::no_collect();
    let args: Vec<*mut RStr> = std::env::args_os()
        .map(|a| rpy_str_from_bytes(a.as_bytes()))
        .collect();
    list_from_vec(args)
}

/// Run the program: `entry(argv)` on a thread with a 256 MB stack, then
/// exit with its status (`& 0xff`), or with 1 after printing an uncaught
/// exception. The generated `main` calls its setup (vtables, types) and
/// then `rpy_main(entry_point)`.
pub fn rpy_main(entry: fn(*mut RList<*mut RStr>) -> i64) -> ! {
    let worker = std::thread::Builder::new()
        .name("rpy-main".into())
        .stack_size(STACK_SIZE)
        .spawn(move || {
            let base = stack_pos();
            STACK_LIMIT.with(|l| l.set(base - (STACK_SIZE - STACK_MARGIN)));
            // Every frame of the program is below `base`.
            crate::gc::rpy_gc_register_stack(base);
            let status = entry(build_argv());
            rpy_io_flush();
            crate::gc::rpy_gc_report_at_exit();
            let e = rpy_exc_take();
            if e.is_null() {
                (status & 0xff) as i32
            } else {
                // SAFETY: the pending exception is a live exception instance.
                let mut msg = unsafe { exc_report(e) };
                msg.push(b'\n');
                let _ = std::io::stderr().write_all(&msg);
                1
            }
        });
    let code = match worker.map(|w| w.join()) {
        Ok(Ok(code)) => code,
        _ => {
            let _ = std::io::stderr().write_all(b"rpy runtime: fatal error\n");
            70
        }
    };
    std::process::exit(code)
}
