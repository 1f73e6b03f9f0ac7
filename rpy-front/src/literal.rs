//! Decoding of number and string literal tokens (their text as matched by
//! the grammar) into values. Errors are plain messages; the caller adds
//! the span.

/// The value of an integer literal token (`123`, `0x7f`, `0o17`, `0b101`,
/// with `_` separators), as a u128 so that callers can accept `-2**63`.
pub fn int_value(text: &str) -> Result<u128, String> {
    let digits: String = text.chars().filter(|&c| c != '_').collect();
    let lower = digits.to_ascii_lowercase();
    let (radix, body) = if let Some(b) = lower.strip_prefix("0x") {
        (16, b)
    } else if let Some(b) = lower.strip_prefix("0o") {
        (8, b)
    } else if let Some(b) = lower.strip_prefix("0b") {
        (2, b)
    } else {
        if lower.len() > 1 && lower.starts_with('0') && lower.bytes().any(|b| b != b'0') {
            return Err(
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
                    .to_string(),
            );
        }
        (10, lower.as_str())
    };
    u128::from_str_radix(body, radix).map_err(|_| TOO_LARGE.to_string())
}

pub const TOO_LARGE: &str = "integer literal too large for rpy's 64-bit int";

/// The value of a float literal token (`1.5`, `1e10`, `.5`, `5.`).
pub fn float_value(text: &str) -> Result<f64, String> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    clean
        .parse::<f64>()
        .map_err(|_| format!("invalid float literal '{text}'"))
}

/// What a string literal's prefix makes of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrKind {
    Plain,
    Raw,
}

/// Classify a string prefix (`r`, `u`, ...); refused prefixes give the
/// error message.
pub fn str_kind(prefix: &str) -> Result<StrKind, String> {
    let p = prefix.to_ascii_lowercase();
    if p.contains('f') {
        return Err("f-strings are not supported in rpy".to_string());
    }
    if p.contains('b') {
        return Err(
            "bytes literals are not supported in rpy (str is already a byte string)".to_string(),
        );
    }
    match p.as_str() {
        "" | "u" => Ok(StrKind::Plain),
        "r" => Ok(StrKind::Raw),
        _ => Err(format!("invalid string prefix '{prefix}'")),
    }
}

/// The bytes of one string literal body (with its quotes), e.g. `'a\n'`.
/// Non-ASCII characters are encoded as UTF-8.
pub fn string_value(body: &str, kind: StrKind) -> Result<Vec<u8>, String> {
    let q = if body.starts_with("\"\"\"") || body.starts_with("'''") {
        3
    } else {
        1
    };
    let inner = body
        .get(q..body.len().saturating_sub(q))
        .unwrap_or_default()
        .replace("\r\n", "\n");
    match kind {
        StrKind::Raw => Ok(inner.into_bytes()),
        StrKind::Plain => unescape(&inner),
    }
}

fn unescape(s: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut buf = [0u8; 4];
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        let Some(e) = chars.next() else {
            out.push(b'\\');
            break;
        };
        match e {
            '\n' => {}
            '\\' => out.push(b'\\'),
            '\'' => out.push(b'\''),
            '"' => out.push(b'"'),
            'a' => out.push(7),
            'b' => out.push(8),
            'f' => out.push(12),
            'n' => out.push(b'\n'),
            'r' => out.push(b'\r'),
            't' => out.push(b'\t'),
            'v' => out.push(11),
            '0'..='7' => out.push(octal_escape(e, &mut chars)?),
            'x' => out.push(hex_escape(&mut chars, 2, "\\x")? as u8),
            'u' => push_char(&mut out, hex_escape(&mut chars, 4, "\\u")?)?,
            'U' => push_char(&mut out, hex_escape(&mut chars, 8, "\\U")?)?,
            'N' => return Err("\\N{...} escapes are not supported in rpy".to_string()),
            other => {
                // Python keeps unknown escapes as they are.
                out.push(b'\\');
                out.extend_from_slice(other.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    Ok(out)
}

fn octal_escape(
    first: char,
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
) -> Result<u8, String> {
    let mut v = first.to_digit(8).unwrap_or(0);
    for _ in 0..2 {
        match chars.peek().and_then(|c| c.to_digit(8)) {
            Some(d) => {
                v = v * 8 + d;
                chars.next();
            }
            None => break,
        }
    }
    u8::try_from(v).map_err(|_| format!("octal escape value \\{v:o} is larger than 0o377"))
}

fn hex_escape(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    n: usize,
    what: &str,
) -> Result<u32, String> {
    let mut v = 0u32;
    for _ in 0..n {
        let d = chars
            .peek()
            .and_then(|c| c.to_digit(16))
            .ok_or_else(|| format!("truncated {what} escape: expected {n} hex digits"))?;
        chars.next();
        v = v.wrapping_mul(16).wrapping_add(d);
    }
    Ok(v)
}

fn push_char(out: &mut Vec<u8>, v: u32) -> Result<(), String> {
    let c = char::from_u32(v).ok_or_else(|| format!("invalid unicode escape \\U{v:08x}"))?;
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints() {
        assert_eq!(int_value("1_000"), Ok(1000));
        assert_eq!(int_value("0x_ff"), Ok(255));
        assert_eq!(int_value("0o17"), Ok(15));
        assert_eq!(int_value("0B101"), Ok(5));
        assert_eq!(int_value("000"), Ok(0));
        assert!(int_value("012").is_err());
        assert_eq!(
            int_value("9".repeat(60).as_str()),
            Err(TOO_LARGE.to_string())
        );
    }

    #[test]
    fn strings() {
        let s = |b: &str| string_value(b, StrKind::Plain).unwrap();
        assert_eq!(s(r"'a\nb'"), b"a\nb");
        assert_eq!(s(r"'\x41\101\0'"), b"AA\0");
        assert_eq!(s("'''a\\\nb'''"), b"ab");
        assert_eq!(s(r"'\d'"), b"\\d");
        assert_eq!(s("'é'"), "é".as_bytes());
        assert_eq!(string_value(r"'\n'", StrKind::Raw).unwrap(), b"\\n");
        assert!(string_value(r"'\x4'", StrKind::Plain).is_err());
        assert!(string_value(r"'\777'", StrKind::Plain).is_err());
    }
}
