//! `%` formatting against CPython 3.11: `cpython.txt` holds CPython's
//! results (generated once with python3 and pasted): one case a line,
//! tab-separated — the format, `=result` or `!Class: message` of the
//! exception CPython raised, `tuple` or `one`, then the arguments as
//! `i:INT`, `b:0|1`, `f:FLOAT`, `s:STR`, `n` (None), `l:`/`d:`/`t:` and the
//! repr of a list, dict or tuple; bytes outside printable ASCII as `\xNN`.

use super::*;
use crate::exc::BUILTIN_CLASSES;
use crate::repr::{float_repr, str_repr};

/// A test argument.
#[derive(Clone, Debug)]
enum V {
    I(i64),
    B(bool),
    F(f64),
    S(Vec<u8>),
    N,
    /// A list, dict or tuple by its type name and repr.
    Seq(&'static str, Vec<u8>),
}

impl FormatArg for V {
    fn value(&self) -> ArgValue<'_> {
        match self {
            V::I(i) => ArgValue::Int(*i),
            V::B(b) => ArgValue::Int(*b as i64),
            V::F(f) => ArgValue::Float(*f),
            V::S(s) => ArgValue::Str(s),
            V::N => ArgValue::Other("NoneType".into()),
            V::Seq(t, _) => ArgValue::Other(t.to_string()),
        }
    }

    fn write_text(&self, repr: bool, out: &mut Vec<u8>) {
        match self {
            V::I(i) => out.extend_from_slice(i.to_string().as_bytes()),
            V::B(b) => out.extend_from_slice(if *b { b"True" } else { b"False" }),
            V::F(f) => float_repr(*f, out),
            V::S(s) if repr => str_repr(s, out),
            V::S(s) => out.extend_from_slice(s),
            V::N => out.extend_from_slice(b"None"),
            V::Seq(_, r) => out.extend_from_slice(r),
        }
    }
}

/// `\xNN` and `\\` unescaped.
fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match (b[i], b.get(i + 1)) {
            (b'\\', Some(b'x')) => {
                let hex = std::str::from_utf8(&b[i + 2..i + 4]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 4;
            }
            (b'\\', Some(b'\\')) => {
                out.push(b'\\');
                i += 2;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn arg(s: &str) -> V {
    let (kind, rest) = s.split_once(':').unwrap_or((s, ""));
    match kind {
        "i" => V::I(rest.parse().unwrap()),
        "b" => V::B(rest == "1"),
        "f" => V::F(rest.parse().unwrap()),
        "s" => V::S(unescape(rest)),
        "n" => V::N,
        "l" => V::Seq("list", unescape(rest)),
        "d" => V::Seq("dict", unescape(rest)),
        "t" => V::Seq("tuple", unescape(rest)),
        other => panic!("bad argument kind {other}"),
    }
}

/// `fmt % args` as the table writes it: `=result` or `!Class: message`.
fn run(fmt: &[u8], args: &[V], lenient: bool) -> Vec<u8> {
    match format(fmt, args, lenient) {
        Ok(mut s) => {
            s.insert(0, b'=');
            s
        }
        Err(e) => {
            let mut m = format!("!{}: ", BUILTIN_CLASSES[e.class() as usize].0).into_bytes();
            m.extend_from_slice(&e.message());
            m
        }
    }
}

#[test]
fn agrees_with_cpython() {
    let table = include_str!("cpython.txt");
    let mut fails = Vec::new();
    for (n, line) in table.lines().enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        let (fmt, want) = (unescape(fields[0]), unescape(fields[1]));
        let args: Vec<V> = fields[3..].iter().map(|a| arg(a)).collect();
        let lenient = fields[2] == "one" && matches!(&args[0], V::Seq("list" | "dict", _));
        let got = run(&fmt, &args, lenient);
        if got != want {
            fails.push(format!(
                "cpython.txt:{}: {}: got {:?}",
                n + 1,
                line,
                String::from_utf8_lossy(&got)
            ));
        }
    }
    assert!(
        fails.is_empty(),
        "{} cases differ:\n{}",
        fails.len(),
        fails.join("\n")
    );
}

#[test]
fn where_rpy_differs() {
    let v = |f: &[u8], args: &[V]| String::from_utf8_lossy(&run(f, args, false)).into_owned();
    assert_eq!(
        v(b"%c", &[V::I(256)]),
        "!OverflowError: %c arg not in range(256) (rpy's strs are bytes)"
    );
    assert!(v(b"%*d", &[V::I(3), V::I(4)]).starts_with("!ValueError: a width or precision"));
    assert!(v(b"%.*f", &[V::I(3), V::F(4.0)]).starts_with("!ValueError: a width or precision"));
    assert!(v(b"%(a)s", &[V::I(1)]).starts_with("!ValueError: formatting with a mapping"));
}

#[test]
fn spec_text_round_trips() {
    for t in [
        &b"%s"[..],
        b"%-08.3f",
        b"%+ #5x",
        b"%.0e",
        b"%c",
        b"%12r",
        b"%#o",
    ] {
        let spec = Spec::from_text(t).unwrap();
        assert_eq!(spec.text(), t, "{}", String::from_utf8_lossy(t));
    }
    assert_eq!(Spec::from_text(b"%5"), Err(Error::FormatIncomplete));
    assert_eq!(Spec::from_text(b"%dx"), Err(Error::FormatIncomplete));
    assert!(Spec::from_text(b"%d").unwrap().plain());
    assert!(!Spec::from_text(b"%5d").unwrap().plain());
}

#[test]
fn plans_on_static_types() {
    let steps = plan(b"%s: %5.2f%%", &[ArgType::Str, ArgType::Int], false).unwrap();
    assert_eq!(steps.len(), 4);
    assert!(matches!(
        steps[0],
        Step::Conv {
            arg: 0,
            route: Route::Text,
            ..
        }
    ));
    assert_eq!(steps[1], Step::Text(b": "));
    assert!(matches!(
        steps[2],
        Step::Conv {
            arg: 1,
            route: Route::Float,
            ..
        }
    ));
    assert_eq!(steps[3], Step::Text(b"%"));
    let err = |f: &[u8], t: &[ArgType]| plan(f, t, false).unwrap_err().message().into_owned();
    assert_eq!(
        err(b"%s %s", &[ArgType::Int]),
        b"not enough arguments for format string"
    );
    assert_eq!(
        err(b"%d", &[ArgType::Other("NoneType".into())]),
        b"%d format: a real number is required, not NoneType"
    );
    assert_eq!(
        err(b"%x", &[ArgType::Float]),
        b"%x format: an integer is required, not float"
    );
    assert_eq!(
        err(b"%q", &[ArgType::Int]),
        b"unsupported format character 'q' (0x71) at index 1"
    );
    // a mapping may stay unconverted
    assert!(plan(b"abc", &[ArgType::Other("list".into())], true).is_ok());
}

#[test]
fn long_precisions() {
    // CPython 3.11: the exact expansion, then zeros; past an int: an error
    let s = run(b"%.1500f", &[V::F(0.1)], false);
    assert_eq!(s.len(), 1 + 1502);
    assert!(s.starts_with(b"=0.1000000000000000055511151231"));
    assert!(s[1051..].iter().all(|&c| c == b'0'));
    let e = run(b"%.70000e", &[V::F(5e-324)], false);
    assert_eq!(
        (e.len(), &e[..21]),
        (1 + 70007, &b"=4.940656458412465441"[..])
    );
    assert!(e.ends_with(b"0000e-324"));
    let big = run(b"%.2147483648f", &[V::F(1.0)], false);
    assert_eq!(big, b"!ValueError: precision too big");
}
