//! Python's `repr` of floats and byte strings and `str` of ints, shared
//! by every evaluator's formatting and every text dump.

use std::io::Write;

/// Python's `repr(float)`: shortest round-trip digits, exponent form when
/// the decimal exponent is < -4 or >= 16.
pub fn float_repr(f: f64, out: &mut Vec<u8>) {
    if f.is_nan() {
        out.extend_from_slice(b"nan");
        return;
    }
    if f.is_infinite() {
        out.extend_from_slice(if f < 0.0 { b"-inf" } else { b"inf" });
        return;
    }
    // `{:e}` gives the shortest round-trip digits: "-1.2345e-7". When two
    // strings of that length are equally close to `f`, Python takes the
    // even one: formatting with that many digits rounds half to even.
    let shortest = format!("{:e}", f);
    let digits = shortest
        .split('e')
        .next()
        .map_or(1, |m| m.bytes().filter(u8::is_ascii_digit).count());
    let even = format!("{:.*e}", digits.saturating_sub(1), f);
    let s = if even.parse::<f64>() == Ok(f) {
        even
    } else {
        shortest
    };
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (neg, mant) = match mant.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mant),
    };
    let digits: Vec<u8> = mant.bytes().filter(|&c| c != b'.').collect();
    if neg {
        out.push(b'-');
    }
    let n = digits.len() as i32;
    if (-4..16).contains(&exp) {
        let point = exp + 1;
        if point <= 0 {
            out.extend_from_slice(b"0.");
            out.extend(std::iter::repeat_n(b'0', (-point) as usize));
            out.extend_from_slice(&digits);
        } else if point >= n {
            out.extend_from_slice(&digits);
            out.extend(std::iter::repeat_n(b'0', (point - n) as usize));
            out.extend_from_slice(b".0");
        } else {
            out.extend_from_slice(&digits[..point as usize]);
            out.push(b'.');
            out.extend_from_slice(&digits[point as usize..]);
        }
    } else {
        out.push(digits[0]);
        if n > 1 {
            out.push(b'.');
            out.extend_from_slice(&digits[1..]);
        }
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
}

/// Python's `repr(str)` of a byte string.
pub fn str_repr(s: &[u8], out: &mut Vec<u8>) {
    let quote = if s.contains(&b'\'') && !s.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    out.push(quote);
    for &c in s {
        match c {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\r' => out.extend_from_slice(b"\\r"),
            c if c == quote => {
                out.push(b'\\');
                out.push(c);
            }
            0x20..=0x7e => out.push(c),
            c => {
                let _ = write!(out, "\\x{:02x}", c);
            }
        }
    }
    out.push(quote);
}

/// The decimal digits of `i` (`str(i)`), written at the end of `buf`.
#[inline]
pub fn int_str(i: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut n = i.unsigned_abs();
    let mut pos = buf.len();
    loop {
        pos -= 1;
        buf[pos] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        pos -= 1;
        buf[pos] = b'-';
    }
    &buf[pos..]
}

/// `float_repr` as a `String`.
pub fn float_repr_string(f: f64) -> String {
    let mut out = Vec::new();
    float_repr(f, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// `str_repr` as a `String`.
pub fn str_repr_string(s: &[u8]) -> String {
    let mut out = Vec::new();
    str_repr(s, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}
