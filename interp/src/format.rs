//! Python's `str()` and `repr()` of runtime values, including the shortest
//! round-trip `repr` of floats, and `%` formatting with them (the
//! semantics' `rpy_semantics::format`).

use super::value::{Instance, Value};
use rpy_front::program::{builtin_class as bc, Program};
use rpy_semantics::format::{self, ArgValue};
use std::io::Write;
use std::rc::Rc;

pub use rpy_front::pyrepr::{float_repr, str_repr};

/// Python's `str(x)`.
pub fn write_str(p: &Program, v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Str(s) => out.extend_from_slice(s),
        Value::Instance(i) if i.args.is_some() => exc_message(p, i, out),
        _ => write_repr(p, v, out),
    }
}

/// `str(x)` as a new byte vector.
pub fn to_str(p: &Program, v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    write_str(p, v, &mut out);
    out
}

fn write_seq(p: &Program, items: &[Value], open: u8, close: u8, out: &mut Vec<u8>) {
    out.push(open);
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b", ");
        }
        write_repr(p, x, out);
    }
    if open == b'(' && items.len() == 1 {
        out.push(b',');
    }
    out.push(close);
}

/// Python's `repr(x)`.
pub fn write_repr(p: &Program, v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::None => out.extend_from_slice(b"None"),
        Value::Bool(true) => out.extend_from_slice(b"True"),
        Value::Bool(false) => out.extend_from_slice(b"False"),
        Value::Int(i) => {
            let _ = write!(out, "{}", i);
        }
        Value::UInt(u) => out.extend_from_slice(rpy_semantics::uint::str(*u).as_bytes()),
        Value::Float(f) => float_repr(*f, out),
        Value::Str(s) => str_repr(s, out),
        Value::List(l) => write_seq(p, &l.borrow(), b'[', b']', out),
        Value::Tuple(t) => write_seq(p, t, b'(', b')', out),
        Value::Dict(d) => {
            out.push(b'{');
            for (i, (k, v)) in d.borrow().iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(b", ");
                }
                write_repr(p, &k.0, out);
                out.extend_from_slice(b": ");
                write_repr(p, v, out);
            }
            out.push(b'}');
        }
        Value::Instance(i) => {
            let name = &p.class(i.class).name;
            match &i.args {
                Some(args) => {
                    out.extend_from_slice(name.as_bytes());
                    write_seq(p, args, b'(', b')', out);
                    if args.len() == 1 {
                        // `E('x')`, not `E('x',)`
                        out.pop();
                        out.pop();
                        out.push(b')');
                    }
                }
                None => {
                    let _ = write!(out, "<{} object>", name);
                }
            }
        }
        Value::Func(f) => {
            let _ = write!(out, "<function {}>", p.func(*f).name);
        }
        Value::Class(c) => {
            let _ = write!(out, "<class '{}'>", p.class(*c).name);
        }
        Value::Builtin(b) => {
            let _ = write!(out, "<built-in function {}>", b.name());
        }
        Value::Driver(_) => out.extend_from_slice(b"<JitDriver object>"),
        Value::Module(_) => out.extend_from_slice(b"<module>"),
        Value::Method(m) => {
            let _ = write!(out, "<bound method {}>", p.func(m.1).name);
        }
        Value::Iter(_) => out.extend_from_slice(b"<iterator object>"),
    }
}

/// `str(e)` of an exception: '' for no args, str(arg) for one (repr for
/// KeyError), the tuple's repr for several.
pub fn exc_message(p: &Program, e: &Instance, out: &mut Vec<u8>) {
    let args: &[Value] = e.args.as_deref().unwrap_or(&[]);
    match args {
        [] => {}
        [a] if p.is_subclass(e.class, bc::KEY_ERROR) => write_repr(p, a, out),
        [a] => write_str(p, a, out),
        _ => write_seq(p, args, b'(', b')', out),
    }
}

/// One argument of `%`, printed with the program's classes.
struct FormatArg<'a> {
    p: &'a Program,
    v: &'a Value,
}

impl format::FormatArg for FormatArg<'_> {
    fn value(&self) -> ArgValue<'_> {
        match self.v {
            Value::Str(s) => ArgValue::Str(s),
            Value::Float(f) => ArgValue::Float(*f),
            v => match v.as_int() {
                Some(i) => ArgValue::Int(i),
                None => ArgValue::Other(v.type_name().to_string()),
            },
        }
    }

    fn write_text(&self, repr: bool, out: &mut Vec<u8>) {
        if repr {
            write_repr(self.p, self.v, out)
        } else {
            write_str(self.p, self.v, out)
        }
    }
}

/// Is `x` a mapping for Python's `%` (which may stay unconverted)? As the
/// annotator decides: a list, a dict, an object with `__getitem__`.
fn mapping(p: &Program, x: &Value) -> bool {
    match x {
        Value::List(_) | Value::Dict(_) => true,
        Value::Instance(i) => p.lookup_method(i.class, "__getitem__").is_some(),
        _ => false,
    }
}

/// `fmt % x`: `x` a tuple of the arguments, or the one argument.
pub fn percent(p: &Program, fmt: &[u8], x: &Value) -> rpy_semantics::Result<Value> {
    let arg = |v| FormatArg { p, v };
    let text = match x {
        Value::Tuple(items) => {
            let args: Vec<FormatArg> = items.iter().map(arg).collect();
            format::format(fmt, &args, false)?
        }
        one => format::format(fmt, &[arg(one)], mapping(p, one))?,
    };
    Ok(Value::Str(Rc::from(text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(f: f64) -> String {
        let mut v = Vec::new();
        float_repr(f, &mut v);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn float_reprs_match_python() {
        let cases: &[(f64, &str)] = &[
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (3.0, "3.0"),
            (100.0, "100.0"),
            (1.0 / 3.0, "0.3333333333333333"),
            (2.0 / 3.0, "0.6666666666666666"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (2.5e-5, "2.5e-05"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (1.5e300, "1.5e+300"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (-2.5, "-2.5"),
            (1e22, "1e+22"),
            (9999999999999998.0, "9999999999999998.0"),
            (5e-324, "5e-324"),
            (0.30000000000000004, "0.30000000000000004"),
            (123.456, "123.456"),
        ];
        for &(f, want) in cases {
            assert_eq!(fr(f), want, "repr of {:?}", f);
        }
    }

    #[test]
    fn str_reprs_match_python() {
        let r = |s: &[u8]| {
            let mut v = Vec::new();
            str_repr(s, &mut v);
            String::from_utf8(v).unwrap()
        };
        assert_eq!(r(b"abc"), "'abc'");
        assert_eq!(r(b"it's"), "\"it's\"");
        assert_eq!(r(b"'\""), "'\\'\"'");
        assert_eq!(r(b"a\nb\t\\\x01"), "'a\\nb\\t\\\\\\x01'");
    }
}
