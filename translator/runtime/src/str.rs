//! Strings: immutable byte strings (`RStr`), their allocation, hashing and
//! every `str` method of the dialect, with CPython's semantics on ASCII.

use crate::alloc::{rpy_alloc, TID_STR};
use crate::exc::{builtin_class as bc, raise_err, rpy_raise_builtin, RResult};
use crate::list::{list_from_vec, rpy_newlist};
use crate::object::{list_items, str_bytes, RList, RStr, RStrConst};
use std::mem::size_of;

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

/// The string hash (FNV-1a); never 0 (0 marks "not computed") nor -1.
pub const fn str_hash_bytes(b: &[u8]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < b.len() {
        h ^= b[i] as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
        i += 1;
    }
    match h as i64 {
        0 => 1,
        -1 => -2,
        x => x,
    }
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
    let len = (*s).len;
    let j = if i < 0 { i + len } else { i };
    if (j as u64) >= (len as u64) {
        return raise_err(bc::INDEX_ERROR, b"string index out of range");
    }
    Ok(*(*s).bytes.as_ptr().add(j as usize))
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

/// Python's slice bounds: negative from the end, clamped to `0..=len`.
pub fn clamp_slice(lo: i64, hi: i64, len: i64) -> (usize, usize) {
    let fix = |i: i64| if i < 0 { (i + len).max(0) } else { i.min(len) };
    let (lo, hi) = (fix(lo), fix(hi));
    (lo as usize, hi.max(lo) as usize)
}

/// `s[lo:hi]`.
pub unsafe fn rpy_str_slice(s: *mut RStr, lo: i64, hi: i64) -> *mut RStr {
    let (lo, hi) = clamp_slice(lo, hi, (*s).len);
    if lo == 0 && hi as i64 == (*s).len {
        return s;
    }
    rpy_str_from_bytes(&str_bytes(s)[lo..hi])
}

/// Where `sub` first occurs in `hay`.
fn find_bytes(hay: &[u8], sub: &[u8]) -> Option<usize> {
    match sub {
        [] => Some(0),
        [c] => hay.iter().position(|b| b == c),
        _ => hay.windows(sub.len()).position(|w| w == sub),
    }
}

/// Where `sub` last occurs in `hay`.
fn rfind_bytes(hay: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - sub.len())
        .rev()
        .find(|&i| &hay[i..i + sub.len()] == sub)
}

/// `sub in s`.
pub unsafe fn rpy_str_contains(s: *mut RStr, sub: *mut RStr) -> bool {
    find_bytes(str_bytes(s), str_bytes(sub)).is_some()
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

/// Python's whitespace (`str.isspace` on one byte).
#[inline]
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0x1c..=0x1f)
}

/// `s.split(sep, maxsplit)` (sep null = whitespace; maxsplit -1 = all).
pub unsafe fn rpy_str_split(s: *mut RStr, sep: *mut RStr, maxsplit: i64) -> *mut RList<*mut RStr> {
    let b = str_bytes(s);
    let max = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let _parts_in_vec = crate::gc::no_collect();
    let mut parts = Vec::new();
    if sep.is_null() {
        let mut rest = trim(b, None, true, false);
        while !rest.is_empty() {
            if parts.len() == max {
                parts.push(rpy_str_from_bytes(rest));
                break;
            }
            let end = rest.iter().position(|&c| is_space(c)).unwrap_or(rest.len());
            parts.push(rpy_str_from_bytes(&rest[..end]));
            rest = trim(&rest[end..], None, true, false);
        }
    } else {
        let sep = str_bytes(sep);
        if sep.is_empty() {
            rpy_raise_builtin(bc::VALUE_ERROR, b"empty separator");
            return std::ptr::null_mut();
        }
        let mut rest = b;
        while parts.len() < max {
            match find_bytes(rest, sep) {
                Some(i) => {
                    parts.push(rpy_str_from_bytes(&rest[..i]));
                    rest = &rest[i + sep.len()..];
                }
                None => break,
            }
        }
        parts.push(rpy_str_from_bytes(rest));
    }
    list_from_vec(parts)
}

/// Strip bytes of `chars` (None: whitespace) from the left and/or right.
pub fn trim<'a>(s: &'a [u8], chars: Option<&[u8]>, left: bool, right: bool) -> &'a [u8] {
    let strip = |b: u8| chars.map_or(is_space(b), |cs| cs.contains(&b));
    let mut lo = 0;
    let mut hi = s.len();
    while left && lo < hi && strip(s[lo]) {
        lo += 1;
    }
    while right && hi > lo && strip(s[hi - 1]) {
        hi -= 1;
    }
    &s[lo..hi]
}

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

/// `s.find(sub, start, end)` on bytes (`rfind` when `last`), with
/// Python's bounds: negative ones count from the end, both are clamped,
/// and a start past the end finds nothing, not even the empty string.
/// -1 when absent. The one meaning of find, rfind, index and rindex (the
/// untranslated run calls it too).
pub fn find_in(s: &[u8], sub: &[u8], start: i64, end: i64, last: bool) -> i64 {
    let len = s.len() as i64;
    let fix = |i: i64| {
        if i < 0 {
            (i.saturating_add(len)).max(0)
        } else {
            i
        }
    };
    let (lo, hi) = (fix(start), fix(end).min(len));
    if lo > len || lo > hi {
        return -1;
    }
    let hay = &s[lo as usize..hi as usize];
    let found = if last {
        rfind_bytes(hay, sub)
    } else {
        find_bytes(hay, sub)
    };
    found.map_or(-1, |i| lo + i as i64)
}

/// `s.find(sub, start, end)`.
pub unsafe fn rpy_str_find(s: *mut RStr, sub: *mut RStr, start: i64, end: i64) -> i64 {
    find_in(str_bytes(s), str_bytes(sub), start, end, false)
}

/// `s.rfind(sub, start, end)`.
pub unsafe fn rpy_str_rfind(s: *mut RStr, sub: *mut RStr, start: i64, end: i64) -> i64 {
    find_in(str_bytes(s), str_bytes(sub), start, end, true)
}

/// `r`, or ValueError "substring not found" when it is -1.
fn found_or_raise(r: i64) -> i64 {
    if r < 0 {
        rpy_raise_builtin(bc::VALUE_ERROR, b"substring not found");
    }
    r
}

/// `s.index(sub, start, end)`.
pub unsafe fn rpy_str_index(s: *mut RStr, sub: *mut RStr, start: i64, end: i64) -> i64 {
    found_or_raise(rpy_str_find(s, sub, start, end))
}

/// `s.rindex(sub, start, end)`.
pub unsafe fn rpy_str_rindex(s: *mut RStr, sub: *mut RStr, start: i64, end: i64) -> i64 {
    found_or_raise(rpy_str_rfind(s, sub, start, end))
}

/// `s.count(sub)`: non-overlapping occurrences.
pub unsafe fn rpy_str_count(s: *mut RStr, sub: *mut RStr) -> i64 {
    let (mut hay, sub) = (str_bytes(s), str_bytes(sub));
    if sub.is_empty() {
        return hay.len() as i64 + 1;
    }
    let mut n = 0;
    while let Some(i) = find_bytes(hay, sub) {
        n += 1;
        hay = &hay[i + sub.len()..];
    }
    n
}

/// `c.isdigit()`.
pub fn rpy_char_isdigit(c: u8) -> bool {
    c.is_ascii_digit()
}
/// `c.isalpha()`.
pub fn rpy_char_isalpha(c: u8) -> bool {
    c.is_ascii_alphabetic()
}
/// `c.isalnum()`.
pub fn rpy_char_isalnum(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}
/// `c.isspace()`.
pub fn rpy_char_isspace(c: u8) -> bool {
    is_space(c)
}
/// `c.isupper()`.
pub fn rpy_char_isupper(c: u8) -> bool {
    c.is_ascii_uppercase()
}
/// `c.islower()`.
pub fn rpy_char_islower(c: u8) -> bool {
    c.is_ascii_lowercase()
}

/// Non-empty and every byte passes.
unsafe fn all_bytes(s: *mut RStr, f: fn(u8) -> bool) -> bool {
    let b = str_bytes(s);
    !b.is_empty() && b.iter().all(|&c| f(c))
}

/// `s.isdigit()`.
pub unsafe fn rpy_str_isdigit(s: *mut RStr) -> bool {
    all_bytes(s, rpy_char_isdigit)
}
/// `s.isalpha()`.
pub unsafe fn rpy_str_isalpha(s: *mut RStr) -> bool {
    all_bytes(s, rpy_char_isalpha)
}
/// `s.isalnum()`.
pub unsafe fn rpy_str_isalnum(s: *mut RStr) -> bool {
    all_bytes(s, rpy_char_isalnum)
}
/// `s.isspace()`.
pub unsafe fn rpy_str_isspace(s: *mut RStr) -> bool {
    all_bytes(s, is_space)
}

/// At least one cased byte, and none of the other case.
unsafe fn cased(s: *mut RStr, upper: bool) -> bool {
    let b = str_bytes(s);
    let is_upper = |c: &u8| c.is_ascii_uppercase();
    let is_lower = |c: &u8| c.is_ascii_lowercase();
    if upper {
        b.iter().any(is_upper) && !b.iter().any(is_lower)
    } else {
        b.iter().any(is_lower) && !b.iter().any(is_upper)
    }
}

/// `s.isupper()`.
pub unsafe fn rpy_str_isupper(s: *mut RStr) -> bool {
    cased(s, true)
}
/// `s.islower()`.
pub unsafe fn rpy_str_islower(s: *mut RStr) -> bool {
    cased(s, false)
}

/// `s.upper()`.
pub unsafe fn rpy_str_upper(s: *mut RStr) -> *mut RStr {
    rpy_str_from_bytes(&str_bytes(s).to_ascii_uppercase())
}

/// `s.lower()`.
pub unsafe fn rpy_str_lower(s: *mut RStr) -> *mut RStr {
    rpy_str_from_bytes(&str_bytes(s).to_ascii_lowercase())
}

/// `s.replace(old, new)`.
pub unsafe fn rpy_str_replace(s: *mut RStr, old: *mut RStr, new: *mut RStr) -> *mut RStr {
    let (b, old, new) = (str_bytes(s), str_bytes(old), str_bytes(new));
    let mut out = Vec::with_capacity(b.len());
    if old.is_empty() {
        for &c in b {
            out.extend_from_slice(new);
            out.push(c);
        }
        out.extend_from_slice(new);
    } else {
        let mut rest = b;
        while let Some(i) = find_bytes(rest, old) {
            out.extend_from_slice(&rest[..i]);
            out.extend_from_slice(new);
            rest = &rest[i + old.len()..];
        }
        out.extend_from_slice(rest);
    }
    rpy_str_from_bytes(&out)
}

/// Pad `s` to `width` with `fill` on the right (`left` false) or left.
unsafe fn pad(s: *mut RStr, width: i64, fill: *mut RStr, on_left: bool) -> *mut RStr {
    let f = str_bytes(fill);
    if f.len() != 1 {
        rpy_raise_builtin(
            bc::TYPE_ERROR,
            b"The fill character must be exactly one character long",
        );
        return std::ptr::null_mut();
    }
    let b = str_bytes(s);
    if width <= b.len() as i64 {
        return s;
    }
    let padding = vec![f[0]; width as usize - b.len()];
    if on_left {
        str_from_parts(&[&padding, b])
    } else {
        str_from_parts(&[b, &padding])
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
    let b = str_bytes(s);
    if width <= b.len() as i64 {
        return s;
    }
    let zeros = vec![b'0'; width as usize - b.len()];
    let sign = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    str_from_parts(&[&b[..sign], &zeros, &b[sign..]])
}

/// `ord(s)`: TypeError unless `len(s) == 1`.
pub unsafe fn rpy_str_ord(s: *mut RStr) -> i64 {
    match str_bytes(s) {
        [c] => *c as i64,
        b => {
            let msg = format!(
                "ord() expected a character, but string of length {} found",
                b.len()
            );
            rpy_raise_builtin(bc::TYPE_ERROR, msg.as_bytes());
            0
        }
    }
}

/// `list(s)`: the characters.
pub unsafe fn rpy_str_to_list(s: *mut RStr) -> *mut RList<u8> {
    let b = str_bytes(s);
    let l = rpy_newlist::<u8>(b.len() as i64);
    crate::object::list_items_mut(l).copy_from_slice(b);
    l
}
