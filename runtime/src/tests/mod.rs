//! Unit tests of the runtime helpers, one file per helper family; shared
//! here: string conversions and checking the pending exception.

mod dicts;
mod formatting;
mod lists;
mod misc;
mod parsing;
#[rustfmt::skip] // generated: genrust/src/signatures.rs
mod signatures;
mod strings;

use crate::exc::{rpy_exc_occurred, rpy_exc_take, RException};
use crate::object::{str_bytes, RStr};
use crate::str::rpy_str_from_bytes;
use std::sync::{Mutex, MutexGuard};

/// The pending-exception slot is global: tests that raise hold this lock.
static EXC_LOCK: Mutex<()> = Mutex::new(());

pub fn lock() -> MutexGuard<'static, ()> {
    let g = EXC_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    rpy_exc_take();
    g
}

pub fn s(text: &str) -> *mut RStr {
    rpy_str_from_bytes(text.as_bytes())
}

pub fn text(p: *mut RStr) -> String {
    assert!(!p.is_null(), "null string");
    // SAFETY: a live string.
    String::from_utf8_lossy(unsafe { str_bytes(p) }).into_owned()
}

/// No exception is pending.
#[track_caller]
pub fn no_exc() {
    if rpy_exc_occurred() {
        let (c, m) = exc().unwrap();
        panic!("unexpected {c}: {m}");
    }
}

/// The pending exception's class name and message, clearing it.
pub fn exc() -> Option<(String, String)> {
    let e = rpy_exc_take();
    if e.is_null() {
        return None;
    }
    // SAFETY: a live exception instance.
    unsafe {
        let name = String::from_utf8_lossy((*(*e).vtable).name()).into_owned();
        let m = (*(e as *mut RException)).message;
        Some((name, if m.is_null() { String::new() } else { text(m) }))
    }
}

/// The pending exception is `class` with message `msg`.
#[track_caller]
pub fn raised(class: &str, msg: &str) {
    assert_eq!(
        exc(),
        Some((class.to_string(), msg.to_string())),
        "expected {class}: {msg}"
    );
}
