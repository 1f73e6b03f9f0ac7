//! `%` formatting, one conversion at a time: the rtyper lowers `fmt % args`
//! (whose format is a translation-time constant) to these calls and the
//! concatenation of the pieces. Each gets its conversion's spec as text
//! (`'%-5.2f'`), formats with the semantics (`rpy_semantics::format`) and
//! raises what they raise (a spec the rtyper wrote always parses; one that
//! did not would raise its ValueError).

use crate::exc::raise_error;
use crate::object::{str_bytes, RStr};
use crate::str::{none_str, rpy_str_from_bytes};
use rpy_semantics::format::{self, Spec};
use std::ptr::null_mut;

/// The formatted text as a new str, or null with the error raised.
unsafe fn formatted(
    spec: *mut RStr,
    f: impl FnOnce(&Spec, &mut Vec<u8>) -> rpy_semantics::Result<()>,
) -> *mut RStr {
    let mut out = Vec::new();
    match Spec::from_text(str_bytes(spec)).and_then(|s| f(&s, &mut out)) {
        Ok(()) => rpy_str_from_bytes(&out),
        Err(e) => {
            raise_error(e);
            null_mut()
        }
    }
}

/// `spec % i` for `%d %i %u %x %X %o %c` of an int.
pub unsafe fn rpy_format_int(spec: *mut RStr, i: i64) -> *mut RStr {
    formatted(spec, |s, out| format::format_int(s, i, out))
}

/// `spec % f` for `%f %F %e %E %g %G`, and `%d %i %u` of a float.
pub unsafe fn rpy_format_float(spec: *mut RStr, f: f64) -> *mut RStr {
    formatted(spec, |s, out| format::format_float(s, f, out))
}

/// `spec % text` for `%s %r` (`text` is `str(x)` or `repr(x)`) and `%c`
/// of a str (null = None: not a character).
pub unsafe fn rpy_format_text(spec: *mut RStr, text: *mut RStr) -> *mut RStr {
    let text = if text.is_null() { none_str() } else { text };
    formatted(spec, |s, out| format::format_text(s, str_bytes(text), out))
}

#[cfg(test)]
mod tests {
    use super::*;

    unsafe fn text(s: *mut RStr) -> String {
        String::from_utf8_lossy(str_bytes(s)).into_owned()
    }

    #[test]
    fn one_conversion_each() {
        let spec = |t: &str| rpy_str_from_bytes(t.as_bytes());
        unsafe {
            assert_eq!(text(rpy_format_int(spec("%#06x"), 255)), "0x00ff");
            assert_eq!(text(rpy_format_float(spec("%-8.2e"), 1234.5)), "1.23e+03");
            assert_eq!(text(rpy_format_float(spec("%d"), -3.7)), "-3");
            assert_eq!(text(rpy_format_text(spec("%.2s"), spec("hello"))), "he");
            assert_eq!(text(rpy_format_text(spec("%5r"), spec("'a'"))), "  'a'");
        }
    }
}
