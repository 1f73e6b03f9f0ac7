//! Python's str algorithms on byte strings (rpy's `str` is bytes):
//! search, count, split, strip, replace, padding, case and the character
//! classes, `ord` and `hash`.

use crate::{Error, Result};

/// Python's whitespace (`str.isspace` on one byte: the ASCII spaces and
/// the C0 separators 0x1c–0x1f).
#[inline]
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0x1c..=0x1f)
}

/// `c.isdigit()`.
#[inline]
pub fn is_digit(c: u8) -> bool {
    c.is_ascii_digit()
}

/// `c.isalpha()`.
#[inline]
pub fn is_alpha(c: u8) -> bool {
    c.is_ascii_alphabetic()
}

/// `c.isalnum()`.
#[inline]
pub fn is_alnum(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}

/// `c.isupper()`.
#[inline]
pub fn is_upper(c: u8) -> bool {
    c.is_ascii_uppercase()
}

/// `c.islower()`.
#[inline]
pub fn is_lower(c: u8) -> bool {
    c.is_ascii_lowercase()
}

/// `s.isdigit()` and the like: non-empty and every byte passes.
pub fn all(s: &[u8], class: fn(u8) -> bool) -> bool {
    !s.is_empty() && s.iter().all(|&c| class(c))
}

/// `s.isupper()` (`upper`) or `s.islower()`: at least one cased byte, and
/// none of the other case.
pub fn is_cased(s: &[u8], upper: bool) -> bool {
    let (ups, lows) = (
        s.iter().any(|&c| is_upper(c)),
        s.iter().any(|&c| is_lower(c)),
    );
    if upper {
        ups && !lows
    } else {
        lows && !ups
    }
}

/// `s.upper()`.
pub fn upper(s: &[u8]) -> Vec<u8> {
    s.to_ascii_uppercase()
}

/// `s.lower()`.
pub fn lower(s: &[u8]) -> Vec<u8> {
    s.to_ascii_lowercase()
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

/// Where `sub` first occurs in `hay`.
#[inline]
pub fn find(hay: &[u8], sub: &[u8]) -> Option<usize> {
    match sub {
        [] => Some(0),
        [c] => hay.iter().position(|b| b == c),
        _ => hay.windows(sub.len()).position(|w| w == sub),
    }
}

/// Where `sub` last occurs in `hay`.
pub fn rfind(hay: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - sub.len())
        .rev()
        .find(|&i| &hay[i..i + sub.len()] == sub)
}

/// `s.find(sub, start, end)` (`rfind` when `last`), with Python's bounds:
/// negative ones count from the end, both are clamped, and a start past
/// the end finds nothing, not even the empty string. -1 when absent.
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
        rfind(hay, sub)
    } else {
        find(hay, sub)
    };
    found.map_or(-1, |i| lo + i as i64)
}

/// `s.index(sub, start, end)` (`rindex` when `last`).
pub fn index_in(s: &[u8], sub: &[u8], start: i64, end: i64, last: bool) -> Result<i64> {
    match find_in(s, sub, start, end, last) {
        -1 => Err(Error::SubstringNotFound),
        i => Ok(i),
    }
}

/// `s.count(sub)`: non-overlapping occurrences (the empty string occurs
/// `len + 1` times).
pub fn count(mut hay: &[u8], sub: &[u8]) -> i64 {
    if sub.is_empty() {
        return hay.len() as i64 + 1;
    }
    let mut n = 0;
    while let Some(i) = find(hay, sub) {
        n += 1;
        hay = &hay[i + sub.len()..];
    }
    n
}

/// `s.split(sep, maxsplit)`: `sep` None splits on runs of whitespace
/// (dropping empty parts); a negative `maxsplit` splits everywhere.
pub fn split<'a>(s: &'a [u8], sep: Option<&[u8]>, maxsplit: i64) -> Result<Vec<&'a [u8]>> {
    let max = usize::try_from(maxsplit).unwrap_or(usize::MAX);
    let mut parts = Vec::new();
    let Some(sep) = sep else {
        let mut rest = trim(s, None, true, false);
        while !rest.is_empty() {
            if parts.len() == max {
                parts.push(rest);
                break;
            }
            let end = rest.iter().position(|&c| is_space(c)).unwrap_or(rest.len());
            parts.push(&rest[..end]);
            rest = trim(&rest[end..], None, true, false);
        }
        return Ok(parts);
    };
    if sep.is_empty() {
        return Err(Error::EmptySeparator);
    }
    let mut rest = s;
    while parts.len() < max {
        match find(rest, sep) {
            Some(i) => {
                parts.push(&rest[..i]);
                rest = &rest[i + sep.len()..];
            }
            None => break,
        }
    }
    parts.push(rest);
    Ok(parts)
}

/// `s.replace(old, new, count)` (a negative count replaces all; an empty
/// `old` inserts `new` before every byte and at the end).
pub fn replace(s: &[u8], old: &[u8], new: &[u8], count: i64) -> Vec<u8> {
    let max = usize::try_from(count).unwrap_or(usize::MAX);
    let mut out = Vec::with_capacity(s.len());
    let mut n = 0;
    if old.is_empty() {
        for &c in s {
            if n < max {
                out.extend_from_slice(new);
                n += 1;
            }
            out.push(c);
        }
        if n < max {
            out.extend_from_slice(new);
        }
        return out;
    }
    let mut rest = s;
    while n < max {
        match find(rest, old) {
            Some(i) => {
                out.extend_from_slice(&rest[..i]);
                out.extend_from_slice(new);
                rest = &rest[i + old.len()..];
                n += 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(rest);
    out
}

/// `s.ljust(width, fill)` (`on_left` false) or `s.rjust(width, fill)`:
/// `None` when `s` is already that wide.
pub fn pad(s: &[u8], width: i64, fill: &[u8], on_left: bool) -> Result<Option<Vec<u8>>> {
    let [f] = fill else {
        return Err(Error::FillCharNotOneChar);
    };
    if width <= s.len() as i64 {
        return Ok(None);
    }
    let pad = vec![*f; width as usize - s.len()];
    Ok(Some(if on_left {
        [&pad[..], s].concat()
    } else {
        [s, &pad[..]].concat()
    }))
}

/// `s.zfill(width)`: zeros after the sign; `None` when `s` is already
/// that wide.
pub fn zfill(s: &[u8], width: i64) -> Option<Vec<u8>> {
    if width <= s.len() as i64 {
        return None;
    }
    let zeros = vec![b'0'; width as usize - s.len()];
    let sign = usize::from(matches!(s.first(), Some(b'+' | b'-')));
    Some([&s[..sign], &zeros[..], &s[sign..]].concat())
}

/// `ord(s)`.
pub fn ord(s: &[u8]) -> Result<i64> {
    match s {
        [c] => Ok(*c as i64),
        _ => Err(Error::OrdNotOneChar(s.len())),
    }
}

/// `hash(s)`: FNV-1a, never 0 (the runtime's "not computed yet") or -1.
/// CPython randomizes string hashes, so no program can rely on the value;
/// every rpy mode gives this one.
pub const fn hash(b: &[u8]) -> i64 {
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

/// `s.splitlines()`: the lines without their ends (`\n`, `\r`, `\r\n`
/// and str's other ASCII line boundaries `\v \f \x1c \x1d \x1e`); no
/// empty last line after a final line end.
pub fn splitlines(s: &[u8]) -> Vec<&[u8]> {
    let mut lines = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < s.len() {
        if matches!(s[i], b'\n' | b'\r' | 0x0b | 0x0c | 0x1c..=0x1e) {
            lines.push(&s[start..i]);
            if s[i] == b'\r' && s.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    lines
}
