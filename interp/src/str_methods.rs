//! The methods of str in the untranslated run: values around the
//! semantics' string algorithms (`rpy_semantics::text`); the argument
//! counts were checked against `rpy_rtyper::methods`.

use super::builtins::{iterate, no_method, want_int, want_str};
use super::exceptions::*;
use super::value::{Str, Value};
use rpy_rtyper::methods::Method;
use rpy_semantics::text;
use std::rc::Rc;

/// Call method `m` of the str `s`.
pub fn str_method(s: &Str, m: Method, args: &[Value]) -> R<Value> {
    use Method as M;
    let name = m.name();
    let bool_of = |class: fn(u8) -> bool| Ok(Value::Bool(text::all(s, class)));
    match m {
        M::Join => join(s, args),
        M::Split => split(s, args),
        M::Splitlines => Ok(Value::new_list(
            text::splitlines(s)
                .into_iter()
                .map(|l| Value::Str(Rc::from(l)))
                .collect(),
        )),
        M::Strip | M::Lstrip | M::Rstrip => strip(s, m, args),
        M::Startswith | M::Endswith => starts_ends(s, m, args),
        M::Find | M::Index | M::Rfind | M::Rindex => find(s, m, args),
        M::Count => count(s, args),
        M::Isdigit => bool_of(text::is_digit),
        M::Isalpha => bool_of(text::is_alpha),
        M::Isalnum => bool_of(text::is_alnum),
        M::Isspace => bool_of(text::is_space),
        M::Isupper | M::Islower => Ok(Value::Bool(text::is_cased(s, m == M::Isupper))),
        M::Upper => Ok(Value::Str(Rc::from(text::upper(s)))),
        M::Lower => Ok(Value::Str(Rc::from(text::lower(s)))),
        M::Replace => replace(s, args),
        M::Ljust | M::Rjust | M::Zfill => pad(s, m, args),
        _ => Err(no_method(&Value::Str(s.clone()), name)),
    }
}

/// `s` itself where the operation changed nothing, else the new string.
fn changed_or(s: &Str, new: Option<Vec<u8>>) -> Value {
    match new {
        Some(b) => Value::Str(Rc::from(b)),
        None => Value::Str(s.clone()),
    }
}

fn join(s: &Str, args: &[Value]) -> R<Value> {
    let items = iterate(&args[0])?;
    let mut out = Vec::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(s);
        }
        match x {
            Value::Str(p) => out.extend_from_slice(p),
            _ => {
                return Err(type_error(format!(
                    "sequence item {}: expected str instance, {} found",
                    i,
                    x.type_name()
                )))
            }
        }
    }
    Ok(Value::Str(Rc::from(out)))
}

/// An optional int argument (`None` or absent: `default`).
fn opt_int(what: &str, v: Option<&Value>, default: i64) -> R<i64> {
    match v {
        None | Some(Value::None) => Ok(default),
        Some(v) => want_int(what, v),
    }
}

/// An optional str argument (`None` or absent: `None`).
fn opt_str<'a>(what: &str, v: Option<&'a Value>) -> R<Option<&'a [u8]>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(&want_str(what, v)?[..])),
    }
}

fn split(s: &Str, args: &[Value]) -> R<Value> {
    let sep = opt_str("split()", args.first())?;
    let maxsplit = opt_int("split()", args.get(1), -1)?;
    let parts = text::split(s, sep, maxsplit).map_err(raised)?;
    Ok(Value::new_list(parts.into_iter().map(Value::str).collect()))
}

fn strip(s: &Str, m: Method, args: &[Value]) -> R<Value> {
    let chars = opt_str(m.name(), args.first())?;
    let t = text::trim(s, chars, m != Method::Rstrip, m != Method::Lstrip);
    Ok(if t.len() == s.len() {
        Value::Str(s.clone())
    } else {
        Value::str(t)
    })
}

fn starts_ends(s: &Str, m: Method, args: &[Value]) -> R<Value> {
    let p = want_str(m.name(), &args[0])?;
    Ok(Value::Bool(if m == Method::Startswith {
        s.starts_with(p)
    } else {
        s.ends_with(p)
    }))
}

fn find(s: &Str, m: Method, args: &[Value]) -> R<Value> {
    use Method as M;
    let sub = want_str(m.name(), &args[0])?;
    let start = opt_int("slice index", args.get(1), 0)?;
    let end = opt_int("slice index", args.get(2), i64::MAX)?;
    let last = m == M::Rfind || m == M::Rindex;
    let at = if m == M::Index || m == M::Rindex {
        text::index_in(s, sub, start, end, last).map_err(raised)?
    } else {
        text::find_in(s, sub, start, end, last)
    };
    Ok(Value::Int(at))
}

fn count(s: &Str, args: &[Value]) -> R<Value> {
    let sub = want_str("count", &args[0])?;
    Ok(Value::Int(text::count(s, sub)))
}

fn replace(s: &Str, args: &[Value]) -> R<Value> {
    let old = want_str("replace", &args[0])?;
    let new = want_str("replace", &args[1])?;
    let count = opt_int("replace", args.get(2), -1)?;
    Ok(Value::Str(Rc::from(text::replace(s, old, new, count))))
}

fn pad(s: &Str, m: Method, args: &[Value]) -> R<Value> {
    let width = want_int(m.name(), &args[0])?;
    if m == Method::Zfill {
        return Ok(changed_or(s, text::zfill(s, width)));
    }
    let fill = opt_str(m.name(), args.get(1))?.unwrap_or(b" ");
    let new = text::pad(s, width, fill, m == Method::Rjust).map_err(raised)?;
    Ok(changed_or(s, new))
}
