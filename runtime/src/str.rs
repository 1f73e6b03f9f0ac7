//! Strings: immutable byte strings (`RStr`), their allocation, and every
//! `str` method of the dialect as a helper over the semantics' algorithms
//! (`rpy_semantics::text`).

use crate::alloc::{rpy_alloc, TID_STR};
use crate::exc::{or_raise, raise_error, RResult};
use crate::list::{list_from_vec, rpy_newlist};
use crate::object::{list_items, str_bytes, RList, RStr, RStrConst};
use rpy_semantics::text::{self, find};
use rpy_semantics::{seq, Error};
use std::mem::size_of;

pub use rpy_semantics::seq::clamp_slice;
pub use rpy_semantics::text::{find_in, hash as str_hash_bytes, is_space, trim};

/// A new string of `len` zero bytes (fill it before anyone sees it).
#[inline]
pub fn rpy_str_alloc(len: usize) -> *mut RStr {
    let s = rpy_alloc(size_of::<RStr>() + len, TID_STR) as *mut RStr;
    // SAFETY: a fresh RStr.
    unsafe { (*s).len = len as i64 };
    s
}

/// The bytes of a fresh string, to fill it.
unsafe fn fresh_bytes<'a>(s: *mut RStr) -> &'a mut [u8] {
    // SAFETY: `len` bytes follow the header; nobody else sees `s` yet.
    std::slice::from_raw_parts_mut((*s).bytes.as_mut_ptr(), (*s).len as usize)
}

/// A new string holding `b` (shared constants for lengths 0 and 1).
pub fn rpy_str_from_bytes(b: &[u8]) -> *mut RStr {
    match b {
        [] => empty_str(),
        [c] => rpy_char_to_str(*c),
        _ => {
            let s = rpy_str_alloc(b.len());
            // SAFETY: a fresh string of b.len() bytes.
            unsafe { fresh_bytes(s).copy_from_slice(b) };
            s
        }
    }
}

/// A new string made of `parts`.
fn str_from_parts(parts: &[&[u8]]) -> *mut RStr {
    let s = rpy_str_alloc(parts.iter().map(|p| p.len()).sum());
    // SAFETY: a fresh string of exactly that length.
    let mut out = unsafe { fresh_bytes(s) };
    for p in parts {
        let (head, rest) = out.split_at_mut(p.len());
        head.copy_from_slice(p);
        out = rest;
    }
    s
}

static EMPTY: RStrConst<0> = RStrConst::new(b"");
static TRUE: RStrConst<4> = RStrConst::new(b"True");
static FALSE: RStrConst<5> = RStrConst::new(b"False");
static NONE: RStrConst<4> = RStrConst::new(b"None");
static CHARS: [RStrConst<1>; 256] = char_strs();

const fn char_strs() -> [RStrConst<1>; 256] {
    let mut t = [const { RStrConst::new(&[0]) }; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = RStrConst::new(&[i as u8]);
        i += 1;
    }
    t
}

/// The (shared) empty string.
pub fn empty_str() -> *mut RStr {
    EMPTY.as_ptr()
}

/// The (shared) string `'None'`.
pub fn none_str() -> *mut RStr {
    NONE.as_ptr()
}

/// A one-character str (shared, never allocates).
#[inline]
pub fn rpy_char_to_str(c: u8) -> *mut RStr {
    CHARS[c as usize].as_ptr()
}

/// `'True'` or `'False'` (shared).
pub fn rpy_bool_to_str(b: bool) -> *mut RStr {
    if b {
        TRUE.as_ptr()
    } else {
        FALSE.as_ptr()
    }
}

/// `len(s)`.
#[inline(always)]
pub unsafe fn rpy_str_len(s: *mut RStr) -> i64 {
    (*s).len
}

/// `s[i]`: negative from the end; IndexError out of range.
#[inline(always)]
pub unsafe fn rpy_str_getitem_r(s: *mut RStr, i: i64) -> RResult<u8> {
    match seq::index(i, (*s).len) {
        Some(j) => Ok(*(*s).bytes.as_ptr().add(j)),
        None => or_raise(Err(Error::StringIndexOutOfRange)),
    }
}

/// `rpy_str_getitem_r` with the exception only pending.
#[inline(always)]
pub unsafe fn rpy_str_getitem(s: *mut RStr, i: i64) -> u8 {
    rpy_str_getitem_r(s, i).unwrap_or(0)
}

/// `a + b`.
pub unsafe fn rpy_str_concat(a: *mut RStr, b: *mut RStr) -> *mut RStr {
    if (*a).len == 0 {
        return b;
    }
    if (*b).len == 0 {
        return a;
    }
    str_from_parts(&[str_bytes(a), str_bytes(b)])
}

/// `s * n` (n <= 0 gives '').
pub unsafe fn rpy_str_repeat(s: *mut RStr, n: i64) -> *mut RStr {
    if n == 1 {
        return s;
    }
    rpy_str_from_bytes(&str_bytes(s).repeat(n.max(0) as usize))
}

/// `a == b` (null = None: equal only to null).
#[inline]
pub unsafe fn rpy_str_eq(a: *mut RStr, b: *mut RStr) -> bool {
    if a == b {
        return true;
    }
    if a.is_null() || b.is_null() || (*a).len != (*b).len {
        return false;
    }
    let (ha, hb) = ((*a).hash, (*b).hash);
    if ha != 0 && hb != 0 && ha != hb {
        return false;
    }
    str_bytes(a) == str_bytes(b)
}

/// -1, 0 or 1, bytewise.
pub unsafe fn rpy_str_cmp(a: *mut RStr, b: *mut RStr) -> i64 {
    str_bytes(a).cmp(str_bytes(b)) as i64
}

/// `min(a, b)` as Python: `a` unless `b < a` (bytewise).
pub unsafe fn rpy_str_min(a: *mut RStr, b: *mut RStr) -> *mut RStr {
    if str_bytes(b) < str_bytes(a) {
        b
    } else {
        a
    }
}

/// `max(a, b)` as Python: `a` unless `b > a` (bytewise).
pub unsafe fn rpy_str_max(a: *mut RStr, b: *mut RStr) -> *mut RStr {
    if str_bytes(b) > str_bytes(a) {
        b
    } else {
        a
    }
}

/// `hash(s)`, cached in the string.
#[inline]
pub unsafe fn rpy_str_hash(s: *mut RStr) -> i64 {
    let h = (*s).hash;
    if h != 0 {
        return h;
    }
    let h = str_hash_bytes(str_bytes(s));
    // prebuilt strings always have their hash: this only writes heap strings
    (*s).hash = h;
    h
}

/// `bool(s)` (null = None: false).
#[inline]
pub unsafe fn rpy_str_is_true(s: *mut RStr) -> bool {
    !s.is_null() && (*s).len > 0
}

/// `s[lo:hi]`.
pub unsafe fn rpy_str_slice(s: *mut RStr, lo: i64, hi: i64) -> *mut RStr {
    let (lo, hi) = clamp_slice(lo, hi, (*s).len);
    if lo == 0 && hi as i64 == (*s).len {
        return s;
    }
    rpy_str_from_bytes(&str_bytes(s)[lo..hi])
}

/// `sub in s`.
pub unsafe fn rpy_str_contains(s: *mut RStr, sub: *mut RStr) -> bool {
    find(str_bytes(s), str_bytes(sub)).is_some()
}

/// `c in s`.
pub unsafe fn rpy_str_contains_char(s: *mut RStr, c: u8) -> bool {
    str_bytes(s).contains(&c)
}

/// `sep.join(items)`.
pub unsafe fn rpy_str_join(sep: *mut RStr, items: *mut RList<*mut RStr>) -> *mut RStr {
    let _parts_in_vec = crate::gc::no_collect();
    let parts: Vec<&[u8]> = list_items(items).iter().map(|&p| str_bytes(p)).collect();
    join_parts(str_bytes(sep), &parts)
}

/// `sep.join(chars)`.
pub unsafe fn rpy_str_join_chars(sep: *mut RStr, items: *mut RList<u8>) -> *mut RStr {
    let chars = list_items(items);
    let parts: Vec<&[u8]> = chars.iter().map(std::slice::from_ref).collect();
    join_parts(str_bytes(sep), &parts)
}

fn join_parts(sep: &[u8], parts: &[&[u8]]) -> *mut RStr {
    let mut all: Vec<&[u8]> = Vec::with_capacity(parts.len() * 2);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            all.push(sep);
        }
        all.push(p);
    }
    str_from_parts(&all)
}

/// `s.split(sep, maxsplit)` (sep null = whitespace; maxsplit -1 = all).
pub unsafe fn rpy_str_split(s: *mut RStr, sep: *mut RStr, maxsplit: i64) -> *mut RList<*mut RStr> {
    let sep = (!sep.is_null()).then(|| str_bytes(sep));
    match text::split(str_bytes(s), sep, maxsplit) {
        Ok(parts) => {
            let _parts_in_vec = crate::gc::no_collect();
            list_from_vec(parts.into_iter().map(rpy_str_from_bytes).collect())
        }
        Err(e) => {
            raise_error(e);
            std::ptr::null_mut()
        }
    }
}

/// `s.splitlines()`.
pub unsafe fn rpy_str_splitlines(s: *mut RStr) -> *mut RList<*mut RStr> {
    let lines = text::splitlines(str_bytes(s));
    let _lines_in_vec = crate::gc::no_collect();
    list_from_vec(lines.into_iter().map(rpy_str_from_bytes).collect())
}

/// `s.strip(chars)` and its one-sided forms (chars null = whitespace).
unsafe fn strip_impl(s: *mut RStr, chars: *mut RStr, left: bool, right: bool) -> *mut RStr {
    let b = str_bytes(s);
    let chars = if chars.is_null() {
        None
    } else {
        Some(str_bytes(chars))
    };
    let t = trim(b, chars, left, right);
    if t.len() == b.len() {
        s
    } else {
        rpy_str_from_bytes(t)
    }
}

/// `s.strip(chars)` (chars null = whitespace).
pub unsafe fn rpy_str_strip(s: *mut RStr, chars: *mut RStr) -> *mut RStr {
    strip_impl(s, chars, true, true)
}

/// `s.lstrip(chars)` (chars null = whitespace).
pub unsafe fn rpy_str_lstrip(s: *mut RStr, chars: *mut RStr) -> *mut RStr {
    strip_impl(s, chars, true, false)
}

/// `s.rstrip(chars)` (chars null = whitespace).
pub unsafe fn rpy_str_rstrip(s: *mut RStr, chars: *mut RStr) -> *mut RStr {
    strip_impl(s, chars, false, true)
}

/// `s.startswith(prefix)`.
pub unsafe fn rpy_str_startswith(s: *mut RStr, prefix: *mut RStr) -> bool {
    str_bytes(s).starts_with(str_bytes(prefix))
}

/// `s.endswith(suffix)`.
pub unsafe fn rpy_str_endswith(s: *mut RStr, suffix: *mut RStr) -> bool {
    str_bytes(s).ends_with(str_bytes(suffix))
}

/// `s.find(sub, start, end)`.
pub unsafe fn rpy_str_find(s: *mut RStr, sub: *mut RStr, start: i64, end: i64) -> i64 {
    find_in(str_bytes(s), str_bytes(sub), start, end, false)
}

/// `s.rfind(sub, start, end)`.
pub unsafe fn rpy_str_rfind(s: *mut RStr, sub: *mut RStr, start: i64, end: i64) -> i64 {
    find_in(str_bytes(s), str_bytes(sub), start, end, true)
}

/// The index, or -1 with ValueError "substring not found" raised.
unsafe fn index_or_raise(s: *mut RStr, sub: *mut RStr, start: i64, end: i64, last: bool) -> i64 {
    text::index_in(str_bytes(s), str_bytes(sub), start, end, last).unwrap_or_else(|e| {
        raise_error(e);
        -1
    })
}

/// `s.index(sub, start, end)`.
pub unsafe fn rpy_str_index(s: *mut RStr, sub: *mut RStr, start: i64, end: i64) -> i64 {
    index_or_raise(s, sub, start, end, false)
}

/// `s.rindex(sub, start, end)`.
pub unsafe fn rpy_str_rindex(s: *mut RStr, sub: *mut RStr, start: i64, end: i64) -> i64 {
    index_or_raise(s, sub, start, end, true)
}

/// `s.count(sub)`: non-overlapping occurrences.
pub unsafe fn rpy_str_count(s: *mut RStr, sub: *mut RStr) -> i64 {
    text::count(str_bytes(s), str_bytes(sub))
}

/// `c.isdigit()`.
pub fn rpy_char_isdigit(c: u8) -> bool {
    text::is_digit(c)
}
/// `c.isalpha()`.
pub fn rpy_char_isalpha(c: u8) -> bool {
    text::is_alpha(c)
}
/// `c.isalnum()`.
pub fn rpy_char_isalnum(c: u8) -> bool {
    text::is_alnum(c)
}
/// `c.isspace()`.
pub fn rpy_char_isspace(c: u8) -> bool {
    text::is_space(c)
}
/// `c.isupper()`.
pub fn rpy_char_isupper(c: u8) -> bool {
    text::is_upper(c)
}
/// `c.islower()`.
pub fn rpy_char_islower(c: u8) -> bool {
    text::is_lower(c)
}

/// `s.isdigit()`.
pub unsafe fn rpy_str_isdigit(s: *mut RStr) -> bool {
    text::all(str_bytes(s), text::is_digit)
}
/// `s.isalpha()`.
pub unsafe fn rpy_str_isalpha(s: *mut RStr) -> bool {
    text::all(str_bytes(s), text::is_alpha)
}
/// `s.isalnum()`.
pub unsafe fn rpy_str_isalnum(s: *mut RStr) -> bool {
    text::all(str_bytes(s), text::is_alnum)
}
/// `s.isspace()`.
pub unsafe fn rpy_str_isspace(s: *mut RStr) -> bool {
    text::all(str_bytes(s), text::is_space)
}
/// `s.isupper()`.
pub unsafe fn rpy_str_isupper(s: *mut RStr) -> bool {
    text::is_cased(str_bytes(s), true)
}
/// `s.islower()`.
pub unsafe fn rpy_str_islower(s: *mut RStr) -> bool {
    text::is_cased(str_bytes(s), false)
}

/// `s.upper()`.
pub unsafe fn rpy_str_upper(s: *mut RStr) -> *mut RStr {
    rpy_str_from_bytes(&text::upper(str_bytes(s)))
}

/// `s.lower()`.
pub unsafe fn rpy_str_lower(s: *mut RStr) -> *mut RStr {
    rpy_str_from_bytes(&text::lower(str_bytes(s)))
}

/// `s.replace(old, new)`.
pub unsafe fn rpy_str_replace(s: *mut RStr, old: *mut RStr, new: *mut RStr) -> *mut RStr {
    rpy_str_from_bytes(&text::replace(
        str_bytes(s),
        str_bytes(old),
        str_bytes(new),
        -1,
    ))
}

/// A new string, or `s` itself where the operation changed nothing.
fn changed_or(s: *mut RStr, new: Option<Vec<u8>>) -> *mut RStr {
    new.map_or(s, |b| rpy_str_from_bytes(&b))
}

/// Pad `s` to `width` with `fill` on the right (`on_left` false) or left.
unsafe fn pad(s: *mut RStr, width: i64, fill: *mut RStr, on_left: bool) -> *mut RStr {
    match text::pad(str_bytes(s), width, str_bytes(fill), on_left) {
        Ok(new) => changed_or(s, new),
        Err(e) => {
            raise_error(e);
            std::ptr::null_mut()
        }
    }
}

/// `s.ljust(width, fill)`.
pub unsafe fn rpy_str_ljust(s: *mut RStr, width: i64, fill: *mut RStr) -> *mut RStr {
    pad(s, width, fill, false)
}

/// `s.rjust(width, fill)`.
pub unsafe fn rpy_str_rjust(s: *mut RStr, width: i64, fill: *mut RStr) -> *mut RStr {
    pad(s, width, fill, true)
}

/// `s.zfill(width)`: zeros after the sign.
pub unsafe fn rpy_str_zfill(s: *mut RStr, width: i64) -> *mut RStr {
    changed_or(s, text::zfill(str_bytes(s), width))
}

/// `ord(s)`: TypeError unless `len(s) == 1`.
pub unsafe fn rpy_str_ord(s: *mut RStr) -> i64 {
    text::ord(str_bytes(s)).unwrap_or_else(|e| {
        raise_error(e);
        0
    })
}

/// `list(s)`: the characters.
pub unsafe fn rpy_str_to_list(s: *mut RStr) -> *mut RList<u8> {
    let b = str_bytes(s);
    let l = rpy_newlist::<u8>(b.len() as i64);
    crate::object::list_items_mut(l).copy_from_slice(b);
    l
}
