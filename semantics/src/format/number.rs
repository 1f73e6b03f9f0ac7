//! One conversion of `%` formatting as CPython does it: ints in bases 10,
//! 16 and 8 (precision as a minimum of digits, `#` prefixes), floats in
//! `f`/`e`/`g` form (correctly rounded, half to even, as CPython's dtoa),
//! text (precision truncates), `%c`; then the sign and the padding.

use super::Spec;
use crate::{float, Error, Result};

/// `spec % i` for `%d %i %u %x %X %o %c` of an int, appended to `out`.
pub fn format_int(spec: &Spec, i: i64, out: &mut Vec<u8>) -> Result<()> {
    let n = i.unsigned_abs();
    let (digits, prefix): (String, &[u8]) = match spec.ch {
        b'x' => (format!("{n:x}"), b"0x"),
        b'X' => (format!("{n:X}"), b"0X"),
        b'o' => (format!("{n:o}"), b"0o"),
        b'c' => return format_text(spec, &[char_byte(i)?], out),
        _ => (n.to_string(), b""),
    };
    let zeros = spec.precision.unwrap_or(0).saturating_sub(digits.len());
    let mut body = vec![b'0'; zeros];
    body.extend_from_slice(digits.as_bytes());
    let prefix = if spec.flags.alt { prefix } else { b"" };
    pad(spec, sign(spec, i < 0), prefix, &body, out);
    Ok(())
}

/// The byte `%c` of an int gives (rpy's strs are bytes).
fn char_byte(i: i64) -> Result<u8> {
    match i {
        0..=255 => Ok(i as u8),
        256..=0x10ffff => Err(Error::FormatCharNotByte),
        _ => Err(Error::FormatCharRange),
    }
}

/// `spec % f` for `%f %F %e %E %g %G` of a float, and `%d %i %u` (which
/// truncate it as `int(f)` does), appended to `out`.
pub fn format_float(spec: &Spec, f: f64, out: &mut Vec<u8>) -> Result<()> {
    if matches!(spec.ch, b'd' | b'i' | b'u') {
        return format_int(spec, float::to_int(f)?, out);
    }
    let upper = spec.ch.is_ascii_uppercase();
    let mut body = if f.is_finite() {
        finite_digits(spec, f.abs())
    } else if f.is_nan() {
        b"nan".to_vec()
    } else {
        b"inf".to_vec()
    };
    if upper {
        body.make_ascii_uppercase();
    }
    let negative = f.is_sign_negative() && !f.is_nan();
    pad(spec, sign(spec, negative), b"", &body, out);
    Ok(())
}

/// The digits of a finite, non-negative `f` in the spec's form.
fn finite_digits(spec: &Spec, f: f64) -> Vec<u8> {
    let p = spec.precision.unwrap_or(6);
    let alt = spec.flags.alt;
    match spec.ch.to_ascii_lowercase() {
        b'f' => fixed(f, p, alt),
        b'e' => exponent(f, p, alt),
        _ => general(f, p.max(1), alt),
    }
}

/// The most decimals Rust is asked for: an f64's exact decimal expansion
/// has at most 1074 (and Rust formats at most `u16::MAX`); any further
/// digits are zeros, appended by `zeros`.
const EXACT_DIGITS: usize = 1100;

/// `p - EXACT_DIGITS` zeros, if `p` is more.
fn zeros(p: usize) -> impl Iterator<Item = char> {
    std::iter::repeat_n('0', p.saturating_sub(EXACT_DIGITS))
}

/// `%.{p}f`; `#` keeps the point when there are no decimals.
fn fixed(f: f64, p: usize, alt: bool) -> Vec<u8> {
    let q = p.min(EXACT_DIGITS);
    let mut s = format!("{f:.q$}");
    s.extend(zeros(p));
    if alt && p == 0 {
        s.push('.');
    }
    s.into_bytes()
}

/// The mantissa and the decimal exponent of `f` with `p` decimals.
fn mantissa_exponent(f: f64, p: usize) -> (String, i32) {
    let q = p.min(EXACT_DIGITS);
    let s = format!("{f:.q$e}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let mut m = m.to_string();
    m.extend(zeros(p));
    (m, e.parse().unwrap_or(0))
}

/// `%.{p}e`: at least two exponent digits, with a sign.
fn exponent(f: f64, p: usize, alt: bool) -> Vec<u8> {
    let (mut m, e) = mantissa_exponent(f, p);
    if alt && p == 0 {
        m.push('.');
    }
    let sign = if e < 0 { '-' } else { '+' };
    format!("{m}e{sign}{:02}", e.unsigned_abs()).into_bytes()
}

/// `%.{p}g`: `e` form when the exponent is < -4 or >= p, else `f` form
/// with p significant digits; trailing zeros dropped unless `#`.
fn general(f: f64, p: usize, alt: bool) -> Vec<u8> {
    let (_, e) = mantissa_exponent(f, p - 1);
    let mut s = if (-4..p as i32).contains(&e) {
        fixed(f, (p as i32 - 1 - e) as usize, false)
    } else {
        exponent(f, p - 1, false)
    };
    let exp_at = s.iter().position(|&c| c == b'e').unwrap_or(s.len());
    let tail = s.split_off(exp_at);
    if alt {
        if !s.contains(&b'.') {
            s.push(b'.');
        }
    } else if s.contains(&b'.') {
        while s.last() == Some(&b'0') {
            s.pop();
        }
        if s.last() == Some(&b'.') {
            s.pop();
        }
    }
    s.extend_from_slice(&tail);
    s
}

/// `spec % text` for `%s` and `%r` (the text is `str(x)` or `repr(x)`;
/// the precision keeps that many bytes) and `%c` of a str (exactly one
/// character), appended to `out`.
pub fn format_text(spec: &Spec, text: &[u8], out: &mut Vec<u8>) -> Result<()> {
    let text = match (spec.ch, spec.precision) {
        (b'c', _) if text.len() != 1 => {
            return Err(Error::FormatArgType {
                ch: b'c',
                type_name: "str".into(),
            })
        }
        (b'c', _) => text,
        (_, Some(p)) => &text[..p.min(text.len())],
        (_, None) => text,
    };
    let mut plain = *spec;
    plain.flags.zero = false;
    pad(&plain, b"", b"", text, out);
    Ok(())
}

/// The sign a number gets.
fn sign(spec: &Spec, negative: bool) -> &'static [u8] {
    match (negative, spec.flags.sign, spec.flags.space) {
        (true, _, _) => b"-",
        (false, true, _) => b"+",
        (false, false, true) => b" ",
        _ => b"",
    }
}

/// `sign prefix body` padded to the spec's width: spaces on the left,
/// spaces on the right (`-`) or zeros after the prefix (`0`).
fn pad(spec: &Spec, sign: &[u8], prefix: &[u8], body: &[u8], out: &mut Vec<u8>) {
    let len = sign.len() + prefix.len() + body.len();
    let fill = spec.width.saturating_sub(len);
    let (left, zeros, right) = match (spec.flags.left, spec.flags.zero) {
        (true, _) => (0, 0, fill),
        (false, true) => (0, fill, 0),
        (false, false) => (fill, 0, 0),
    };
    out.reserve(len + fill);
    out.extend(std::iter::repeat_n(b' ', left));
    out.extend_from_slice(sign);
    out.extend_from_slice(prefix);
    out.extend(std::iter::repeat_n(b'0', zeros));
    out.extend_from_slice(body);
    out.extend(std::iter::repeat_n(b' ', right));
}
