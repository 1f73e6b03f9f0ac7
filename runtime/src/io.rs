//! Input and output: `print` and `rpy.io.write` go to a big stdout buffer
//! flushed when full, before reading stdin or writing stderr, and at exit
//! (`rpy_main`); `write_err`, `read_file` (OSError), `read_stdin`.

use crate::exc::raise_error;
use crate::format::fmt_int;
use crate::object::{str_bytes, RStr};
use crate::pyrepr::float_repr;
use crate::str::{empty_str, rpy_str_from_bytes};
use std::cell::UnsafeCell;
use std::io::Write;

/// Flush when the buffer holds this much.
const OUT_LIMIT: usize = 1 << 17;

thread_local! {
    /// The stdout buffer of the thread running the program.
    static OUT: UnsafeCell<Vec<u8>> = const { UnsafeCell::new(Vec::new()) };
}

/// Run `f` on the stdout buffer.
#[inline]
fn with_out<R>(f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
    // SAFETY: thread-local, and `f` never re-enters `with_out`.
    OUT.with(|o| f(unsafe { &mut *o.get() }))
}

/// Append to the stdout buffer; flush it when full.
#[inline]
fn out(bytes: &[u8]) {
    if with_out(|o| {
        o.extend_from_slice(bytes);
        o.len() >= OUT_LIMIT
    }) {
        rpy_io_flush();
    }
}

/// Write the stdout buffer out (errors such as a closed pipe are ignored).
pub fn rpy_io_flush() {
    let buf = with_out(std::mem::take);
    if !buf.is_empty() {
        let mut so = std::io::stdout().lock();
        let _ = so.write_all(&buf);
        let _ = so.flush();
        // keep the allocation for the next round
        with_out(|o| {
            if o.is_empty() {
                *o = buf;
                o.clear();
            }
        });
    }
}

/// Take what is buffered for stdout without writing it (tests, embedding).
pub fn rpy_io_take_buffer() -> Vec<u8> {
    with_out(std::mem::take)
}

/// Write `s` to stdout (null = None: `None`).
pub unsafe fn rpy_print_str(s: *mut RStr) {
    if s.is_null() {
        out(b"None");
    } else {
        out(str_bytes(s));
    }
}

/// Write `str(i)` to stdout.
pub fn rpy_print_int(i: i64) {
    out(fmt_int(i, &mut [0; 20]))
}

/// Write `str(f)` to stdout.
pub fn rpy_print_float(f: f64) {
    let mut buf = Vec::with_capacity(24);
    float_repr(f, &mut buf);
    out(&buf)
}

/// Write `True` / `False` to stdout.
pub fn rpy_print_bool(b: bool) {
    out(if b { b"True" } else { b"False" })
}

/// Write one byte to stdout.
#[inline]
pub fn rpy_print_char(c: u8) {
    out(&[c])
}

/// `rpy.io.write(s)`.
pub unsafe fn rpy_io_write(s: *mut RStr) {
    rpy_print_str(s)
}

/// `rpy.io.write_err(s)` (flushes stdout first, to keep the order).
pub unsafe fn rpy_io_write_err(s: *mut RStr) {
    rpy_io_flush();
    let _ = std::io::stderr().write_all(str_bytes(s));
}

/// `rpy.io.read_file(path)`: OSError `[Errno N] text: 'path'`.
pub unsafe fn rpy_io_read_file(path: *mut RStr) -> *mut RStr {
    match rpy_semantics::io::read_file(str_bytes(path)) {
        Ok(data) => rpy_str_from_bytes(&data),
        Err(e) => {
            raise_error(e);
            std::ptr::null_mut()
        }
    }
}

/// `rpy.io.read_stdin(n)`: up to `n` bytes, `''` at end of input
/// (flushes stdout first, so prompts appear).
pub fn rpy_io_read_stdin(n: i64) -> *mut RStr {
    rpy_io_flush();
    match rpy_semantics::io::read_stdin(n) {
        Ok(data) if !data.is_empty() => rpy_str_from_bytes(&data),
        // an unreadable stdin reads as its end, as before
        _ => empty_str(),
    }
}

/// Raise the semantics' error `e` (and return the dummy result).
fn or_raise<T>(r: rpy_semantics::Result<T>, dummy: T) -> T {
    r.unwrap_or_else(|e| {
        raise_error(e);
        dummy
    })
}

/// `os.write(fd, s)`: fds 1 and 2 go through the stdout buffer (in order
/// with `print`), the others straight to the file.
pub unsafe fn rpy_os_write(fd: i64, s: *mut RStr) -> i64 {
    let bytes = str_bytes(s);
    match fd {
        1 => {
            out(bytes);
            bytes.len() as i64
        }
        2 => {
            rpy_io_write_err(s);
            bytes.len() as i64
        }
        _ => or_raise(rpy_semantics::io::write(fd, bytes), 0),
    }
}

/// `os.read(fd, n)`: at most `n` bytes (stdout is flushed before reading
/// stdin, so prompts appear).
pub fn rpy_os_read(fd: i64, n: i64) -> *mut RStr {
    if fd == 0 {
        rpy_io_flush();
    }
    match rpy_semantics::io::read(fd, n) {
        Ok(data) if data.is_empty() => empty_str(),
        Ok(data) => rpy_str_from_bytes(&data),
        Err(e) => {
            raise_error(e);
            std::ptr::null_mut()
        }
    }
}

/// `os.open(path, flags, mode)`.
pub unsafe fn rpy_os_open(path: *mut RStr, flags: i64, mode: i64) -> i64 {
    or_raise(rpy_semantics::io::open(str_bytes(path), flags, mode), -1)
}

/// `os.close(fd)`.
pub fn rpy_os_close(fd: i64) {
    or_raise(rpy_semantics::io::close(fd), ())
}

/// `os.lseek(fd, pos, how)`.
pub fn rpy_os_lseek(fd: i64, pos: i64, how: i64) -> i64 {
    or_raise(rpy_semantics::io::lseek(fd, pos, how), -1)
}

/// `time.time()`.
pub fn rpy_time_time() -> f64 {
    rpy_semantics::io::time()
}
