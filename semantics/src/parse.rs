//! `int(s)`, `int(s, base)` and `float(s)` exactly as CPython parses
//! them: surrounding whitespace, a sign, `_` between digits, base
//! prefixes; a bad literal is an error with CPython's message. Ints wrap
//! to 64 bits (the dialect's `int`).

use crate::text::trim;
use crate::{Error, Result};

/// `int(s, base)` (base 0: from the prefix, as Python literals).
pub fn int(s: &[u8], base: i64) -> Result<i64> {
    if base != 0 && !(2..=36).contains(&base) {
        return Err(Error::IntBaseOutOfRange);
    }
    int_digits(s, base as u32).ok_or_else(|| Error::InvalidIntLiteral {
        base,
        text: s.to_vec(),
    })
}

/// CPython's integer literal grammar for `int()`; None when invalid.
fn int_digits(s: &[u8], base: u32) -> Option<i64> {
    let t = trim(s, None, true, true);
    let (neg, t) = match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let prefix = |t: &[u8]| match t {
        [b'0', b'x' | b'X', ..] => Some(16),
        [b'0', b'o' | b'O', ..] => Some(8),
        [b'0', b'b' | b'B', ..] => Some(2),
        _ => None,
    };
    let base0 = base == 0;
    let (base, digits, after_prefix) = match (base, prefix(t)) {
        (0, Some(p)) => (p, &t[2..], true),
        (0, None) => (10, t, false),
        (b, Some(p)) if b == p => (b, &t[2..], true),
        (b, _) => (b, t, false),
    };
    // one `_` may follow a prefix; otherwise `_` only between digits
    let digits = match digits {
        [b'_', rest @ ..] if after_prefix => rest,
        d => d,
    };
    if digits.is_empty() || digits[0] == b'_' || digits[digits.len() - 1] == b'_' {
        return None;
    }
    let mut acc: i64 = 0;
    let mut prev_us = false;
    let mut all_zero = true;
    for &c in digits {
        if c == b'_' {
            if prev_us {
                return None;
            }
            prev_us = true;
            continue;
        }
        prev_us = false;
        let d = (c as char).to_digit(base)?;
        all_zero &= d == 0;
        acc = acc.wrapping_mul(base as i64).wrapping_add(d as i64);
    }
    // base 0 without prefix: no leading zeros ("010" is invalid, "00" is not)
    if base0 && !after_prefix && digits[0] == b'0' && !all_zero {
        return None;
    }
    Some(if neg { acc.wrapping_neg() } else { acc })
}

/// `float(s)`.
pub fn float(s: &[u8]) -> Result<f64> {
    float_literal(s).ok_or_else(|| Error::InvalidFloatLiteral { text: s.to_vec() })
}

/// CPython's `float()` grammar: decimal literals with `_` between digits,
/// `inf`, `infinity`, `nan` in any case, each with an optional sign.
fn float_literal(s: &[u8]) -> Option<f64> {
    let t = trim(s, None, true, true);
    let mut clean = Vec::with_capacity(t.len());
    for (i, &c) in t.iter().enumerate() {
        if c == b'_' {
            let between_digits = i > 0
                && t[i - 1].is_ascii_digit()
                && t.get(i + 1).is_some_and(|n| n.is_ascii_digit());
            if !between_digits {
                return None;
            }
        } else {
            clean.push(c.to_ascii_lowercase());
        }
    }
    let body = match clean.first() {
        Some(b'+' | b'-') => &clean[1..],
        _ => &clean[..],
    };
    let special = matches!(body, b"inf" | b"infinity" | b"nan");
    let decimal = body
        .iter()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'+' | b'-'));
    if !special && !decimal {
        return None;
    }
    std::str::from_utf8(&clean).ok()?.parse::<f64>().ok()
}
