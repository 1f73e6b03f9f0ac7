//! int(str) and float(str) as CPython parses them.

use super::*;
use crate::*;

fn int(t: &str) -> Result<i64, (String, String)> {
    let r = unsafe { rpy_str_to_int(s(t)) };
    exc().map_or(Ok(r), Err)
}

fn int_base(t: &str, base: i64) -> Result<i64, (String, String)> {
    let r = unsafe { rpy_str_to_int_base(s(t), base) };
    exc().map_or(Ok(r), Err)
}

fn float(t: &str) -> Result<f64, (String, String)> {
    let r = unsafe { rpy_str_to_float(s(t)) };
    exc().map_or(Ok(r), Err)
}

#[test]
fn ints() {
    let _g = lock();
    for (t, v) in [
        ("0", 0),
        ("42", 42),
        ("  -17\n", -17),
        ("+5", 5),
        ("1_000_000", 1_000_000),
        ("007", 7),
        ("\t9 ", 9),
        ("-9223372036854775808", i64::MIN),
    ] {
        assert_eq!(int(t), Ok(v), "int({t:?})");
    }
    for t in [
        "abc", "", " ", "1__0", "_1", "1_", "- 1", "1.5", "0x10", "١",
    ] {
        let mut want = b"invalid literal for int() with base 10: ".to_vec();
        crate::pyrepr::str_repr(t.as_bytes(), &mut want);
        assert_eq!(
            int(t),
            Err(("ValueError".into(), String::from_utf8(want).unwrap())),
            "int({t:?})"
        );
    }
    assert_eq!(
        int("abc").unwrap_err().1,
        "invalid literal for int() with base 10: 'abc'"
    );
}

#[test]
fn ints_with_a_base() {
    let _g = lock();
    assert_eq!(int_base("ff", 16), Ok(255));
    assert_eq!(int_base("0xFF", 16), Ok(255));
    assert_eq!(int_base("0x_f_f", 16), Ok(255));
    assert_eq!(int_base("-0b101", 0), Ok(-5));
    assert_eq!(int_base("0o17", 0), Ok(15));
    assert_eq!(int_base("00", 0), Ok(0));
    assert_eq!(int_base("z", 36), Ok(35));
    assert_eq!(int_base("101", 2), Ok(5));
    assert!(int_base("010", 0).is_err());
    assert!(int_base("2", 2).is_err());
    assert_eq!(
        int_base("12", 1),
        Err((
            "ValueError".into(),
            "int() base must be >= 2 and <= 36, or 0".into()
        ))
    );
    assert_eq!(
        int_base("g", 16).unwrap_err().1,
        "invalid literal for int() with base 16: 'g'"
    );
}

#[test]
fn floats() {
    let _g = lock();
    for (t, v) in [
        ("1.5", 1.5),
        (" -2 ", -2.0),
        ("1e3", 1000.0),
        ("1E-2", 0.01),
        (".5", 0.5),
        ("5.", 5.0),
        ("1_0.2_5", 10.25),
        ("+inf", f64::INFINITY),
        ("-Infinity", f64::NEG_INFINITY),
        ("\n3\t", 3.0),
    ] {
        assert_eq!(float(t), Ok(v), "float({t:?})");
    }
    assert!(float("nan").unwrap().is_nan());
    assert!(float("-NaN").unwrap().is_nan());
    for t in [
        "x", "", ".", "1e", "e5", "1_", "_1", "1__0", "0x10", "1.5.2", "in f", "infinit",
    ] {
        assert!(float(t).is_err(), "float({t:?})");
    }
    assert_eq!(
        float("x"),
        Err((
            "ValueError".into(),
            "could not convert string to float: 'x'".into()
        ))
    );
}
