//! Builtin functions (`print`, `int`, `len`, …, `rpy.io`) and the methods
//! of str, list, tuple and dict.

use super::arith::{self, char_str, check_hashable, compare, BinOp};
use super::exceptions::*;
use super::format::{to_str, write_str};
use super::value::{Str, Value};
use super::Interp;
use rpy_front::program::{builtin_class, Builtin, OsFn};
use rpy_semantics::{float, int, parse, text, uint};
use std::io::Write;
use std::rc::Rc;

pub(super) fn arg_count(name: &str, args: &[Value], lo: usize, hi: usize) -> R<()> {
    if args.len() < lo || args.len() > hi {
        let want = if lo == hi {
            format!("exactly {}", lo)
        } else if args.len() < lo {
            format!("at least {}", lo)
        } else {
            format!("at most {}", hi)
        };
        return Err(type_error(format!(
            "{}() takes {} argument{} ({} given)",
            name,
            want,
            if lo == hi && lo == 1 { "" } else { "s" },
            args.len()
        )));
    }
    Ok(())
}

pub(super) fn want_int(what: &str, v: &Value) -> R<i64> {
    v.as_int().ok_or_else(|| not_an_int(what, v))
}

fn not_an_int(what: &str, v: &Value) -> Exc {
    type_error(format!(
        "{}: an integer is required, not '{}'",
        what,
        v.type_name()
    ))
}

/// An int, bool or r_uint's bits as an r_uint.
fn want_uint(what: &str, v: &Value) -> R<u64> {
    v.as_uint().ok_or_else(|| not_an_int(what, v))
}

pub(super) fn want_str<'a>(what: &str, v: &'a Value) -> R<&'a Str> {
    match v {
        Value::Str(s) => Ok(s),
        _ => Err(type_error(format!(
            "{}: must be str, not {}",
            what,
            v.type_name()
        ))),
    }
}

/// The items of any iterable, as a vector.
pub fn iterate(v: &Value) -> R<Vec<Value>> {
    match v {
        Value::List(l) => Ok(l.borrow().clone()),
        Value::Tuple(t) => Ok(t.to_vec()),
        Value::Str(s) => Ok(s.iter().map(|&b| char_str(b)).collect()),
        Value::Dict(d) => Ok(d.borrow().keys().map(|k| k.0.clone()).collect()),
        _ => Err(type_error(format!(
            "'{}' object is not iterable",
            v.type_name()
        ))),
    }
}

/// `range(…)` as a list.
pub fn range_bounds(args: &[Value]) -> R<(i64, i64, i64)> {
    arg_count("range", args, 1, 3)?;
    let ints: Vec<i64> = args
        .iter()
        .map(|a| want_int("range()", a))
        .collect::<R<_>>()?;
    let (start, stop, step) = match ints[..] {
        [stop] => (0, stop, 1),
        [start, stop] => (start, stop, 1),
        [start, stop, step] => (start, stop, step),
        _ => (0, 0, 1),
    };
    if step == 0 {
        return Err(value_error("range() arg 3 must not be zero"));
    }
    Ok((start, stop, step))
}

/// `isinstance(x, cls)` for one class-like value.
fn isinstance1(ip: &Interp, x: &Value, cls: &Value) -> R<bool> {
    match cls {
        Value::Tuple(t) => {
            for c in t.iter() {
                if is_of_type(ip, x, c, false)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        c => is_of_type(ip, x, c, false),
    }
}

/// Is `x` of type `t`, a class or a builtin type (exactly `t` with
/// `exact`: `type(x) is t`)? A bool is an int too, as in Python.
pub(super) fn is_of_type(ip: &Interp, x: &Value, t: &Value, exact: bool) -> R<bool> {
    use Builtin as B;
    Ok(match t {
        Value::Class(c) if *c == builtin_class::OBJECT && !exact => true,
        Value::Class(c) => matches!(x, Value::Instance(i)
            if i.class == *c || (!exact && ip.program.is_subclass(i.class, *c))),
        Value::Builtin(b) => {
            matches!(
                (b, x),
                (B::Int, Value::Int(_))
                    | (B::Float, Value::Float(_))
                    | (B::Str, Value::Str(_))
                    | (B::Bool, Value::Bool(_))
                    | (B::List, Value::List(_))
                    | (B::Dict, Value::Dict(_))
                    | (B::Tuple, Value::Tuple(_))
            ) || (!exact && matches!((b, x), (B::Int, Value::Bool(_))))
        }
        _ => {
            return Err(type_error(
                "isinstance() arg 2 must be a type, a tuple of types, or a union",
            ))
        }
    })
}

fn min_max(name: &str, args: &[Value], op: BinOp) -> R<Value> {
    let items = match args {
        [one] => iterate(one)?,
        _ => args.to_vec(),
    };
    // `min(2.5, 1)` is a float in rpy (the annotator's rule: an int and a
    // float argument give a float), where CPython would return the int.
    let any_float = items.iter().any(|x| matches!(x, Value::Float(_)));
    let mut it = items.into_iter();
    let mut best = it
        .next()
        .ok_or_else(|| value_error(format!("{}() arg is an empty sequence", name)))?;
    for x in it {
        if compare(op, &x, &best)? {
            best = x;
        }
    }
    Ok(match best {
        Value::Int(i) if any_float => Value::Float(i as f64),
        Value::Bool(b) if any_float => Value::Float(b as i64 as f64),
        v => v,
    })
}

/// Call a builtin function; `kw` holds keyword arguments.
pub fn call_builtin(ip: &Interp, b: Builtin, args: &[Value], kw: &[(Str, Value)]) -> R<Value> {
    if !kw.is_empty() && b != Builtin::Print {
        return Err(type_error(format!(
            "{}() takes no keyword arguments",
            b.name()
        )));
    }
    let name = b.name();
    let one = || arg_count(name, args, 1, 1).map(|_| &args[0]);
    match b {
        Builtin::Print => print(ip, args, kw),
        Builtin::RUint => Ok(Value::UInt(want_uint("r_uint()", one()?)?)),
        Builtin::IntMask => Ok(Value::Int(uint::to_int(want_uint("intmask()", one()?)?))),
        // the builder makes `ovfcheck(x op y)` an overflow-checked op
        Builtin::Widen | Builtin::OvfCheck => one().cloned(),
        Builtin::IsValidInt => Ok(Value::Bool(match one()? {
            Value::Int(_) | Value::Bool(_) => true,
            Value::UInt(u) => uint::is_valid_int(*u),
            _ => false,
        })),
        Builtin::Len => arith::len(one()?),
        Builtin::Range => range(args),
        Builtin::Enumerate => enumerate(args),
        Builtin::Int => int(args),
        Builtin::Float => float(args),
        Builtin::Str => {
            arg_count(name, args, 0, 1)?;
            Ok(match args.first() {
                None => Value::str(b""),
                Some(Value::Str(s)) => Value::Str(s.clone()),
                Some(x) => Value::Str(Rc::from(to_str(ip.program, x))),
            })
        }
        Builtin::Bool => {
            arg_count(name, args, 0, 1)?;
            Ok(Value::Bool(args.first().is_some_and(Value::truthy)))
        }
        Builtin::Ord => ord(one()?),
        Builtin::Chr => int::chr(want_int("chr()", one()?)?)
            .map(char_str)
            .map_err(raised),
        Builtin::Abs => abs(one()?),
        Builtin::Min => min_max(name, args, BinOp::Lt),
        Builtin::Max => min_max(name, args, BinOp::Gt),
        Builtin::Isinstance => {
            arg_count(name, args, 2, 2)?;
            isinstance1(ip, &args[0], &args[1]).map(Value::Bool)
        }
        Builtin::List => {
            arg_count(name, args, 0, 1)?;
            let items = args.first().map_or(Ok(Vec::new()), iterate)?;
            Ok(Value::new_list(items))
        }
        Builtin::Hash => {
            let x = one()?;
            check_hashable(x)?;
            Ok(Value::Int(x.py_hash()))
        }
        // the JIT hints do nothing untranslated
        Builtin::Promote
        | Builtin::PromoteString
        | Builtin::Hint
        | Builtin::Elidable
        | Builtin::DontLookInside
        | Builtin::UnrollSafe => one().cloned(),
        Builtin::WeAreJitted => Ok(Value::Bool(false)),
        // run-time code is translated code, in every mode
        Builtin::WeAreTranslated => Ok(Value::Bool(true)),
        Builtin::SetParam | Builtin::SetUserParam => Ok(Value::None),
        Builtin::JitDriver
        | Builtin::Super
        | Builtin::LookInsideIff
        | Builtin::Dict
        | Builtin::Tuple
        | Builtin::Type => Err(type_error(format!(
            "{}() cannot be called at run time",
            name
        ))),
        Builtin::Write | Builtin::WriteErr | Builtin::Flush | Builtin::ReadFile => io(ip, b, args),
        Builtin::Os(f) => os(ip, f, args),
        Builtin::ReadStdin => read_stdin(ip, want_int("read_stdin()", one()?)?),
    }
}

/// `print(*args, sep=' ', end='\n')`.
fn print(ip: &Interp, args: &[Value], kw: &[(Str, Value)]) -> R<Value> {
    let (mut sep, mut end): (&[u8], &[u8]) = (b" ", b"\n");
    for (k, v) in kw {
        let val: &[u8] = match v {
            Value::None => continue,
            Value::Str(s) => s,
            _ => {
                return Err(type_error(format!(
                    "{} must be None or a string, not {}",
                    String::from_utf8_lossy(k),
                    v.type_name()
                )))
            }
        };
        match &k[..] {
            b"sep" => sep = val,
            b"end" => end = val,
            _ => {
                return Err(type_error(format!(
                    "'{}' is an invalid keyword argument for print()",
                    String::from_utf8_lossy(k)
                )))
            }
        }
    }
    let mut out = ip.out.borrow_mut();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(sep);
        }
        write_str(ip.program, a, &mut out);
    }
    out.extend_from_slice(end);
    drop(out);
    ip.maybe_flush();
    Ok(Value::None)
}

/// `range(…)` as a list.
fn range(args: &[Value]) -> R<Value> {
    let (start, stop, step) = range_bounds(args)?;
    let mut v = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        v.push(Value::Int(i));
        i = match i.checked_add(step) {
            Some(n) => n,
            None => break,
        };
    }
    Ok(Value::new_list(v))
}

/// `enumerate(xs, start)` as a list of pairs.
fn enumerate(args: &[Value]) -> R<Value> {
    arg_count("enumerate", args, 1, 2)?;
    let start = match args.get(1) {
        Some(s) => want_int("enumerate()", s)?,
        None => 0,
    };
    let items = iterate(&args[0])?;
    Ok(Value::new_list(
        items
            .into_iter()
            .enumerate()
            .map(|(i, x)| Value::new_tuple(vec![Value::Int(start.wrapping_add(i as i64)), x]))
            .collect(),
    ))
}

/// `int(x)`, `int(s, base)`.
fn int(args: &[Value]) -> R<Value> {
    arg_count("int", args, 0, 2)?;
    let Some(x) = args.first() else {
        return Ok(Value::Int(0));
    };
    if let Some(base) = args.get(1) {
        let base = want_int("int()", base)?;
        let s = want_str("int()", x)?;
        return parse::int(s, base).map(Value::Int).map_err(raised);
    }
    match x {
        Value::Int(i) => Ok(Value::Int(*i)),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => float::to_int(*f).map(Value::Int).map_err(raised),
        Value::Str(s) => parse::int(s, 10).map(Value::Int).map_err(raised),
        _ => Err(type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            x.type_name()
        ))),
    }
}

/// `float(x)`.
fn float(args: &[Value]) -> R<Value> {
    arg_count("float", args, 0, 1)?;
    match args.first() {
        None => Ok(Value::Float(0.0)),
        Some(Value::Str(s)) => parse::float(s).map(Value::Float).map_err(raised),
        Some(x) => x.as_float().map(Value::Float).ok_or_else(|| {
            type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                x.type_name()
            ))
        }),
    }
}

/// `ord(s)`.
fn ord(x: &Value) -> R<Value> {
    match x {
        Value::Str(s) => text::ord(s).map(Value::Int).map_err(raised),
        x => Err(type_error(format!(
            "ord() expected string of length 1, but {} found",
            x.type_name()
        ))),
    }
}

/// `abs(x)`.
fn abs(x: &Value) -> R<Value> {
    match x {
        Value::Int(i) => Ok(Value::Int(int::abs(*i))),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        x => Err(type_error(format!(
            "bad operand type for abs(): '{}'",
            x.type_name()
        ))),
    }
}

/// `write(s)`, `write_err(s)`, `flush()`, `read_file(path)` of `rpy.io`.
fn io(ip: &Interp, b: Builtin, args: &[Value]) -> R<Value> {
    let name = b.name();
    if b == Builtin::Flush {
        ip.flush();
        return Ok(Value::None);
    }
    arg_count(name, args, 1, 1)?;
    let s = want_str(name, &args[0])?;
    match b {
        Builtin::Write => {
            ip.out.borrow_mut().extend_from_slice(s);
            ip.maybe_flush();
        }
        Builtin::WriteErr => {
            let _ = std::io::stderr().write_all(s);
        }
        _ => {
            return rpy_semantics::io::read_file(s)
                .map(|data| Value::Str(Rc::from(data)))
                .map_err(raised)
        }
    }
    Ok(Value::None)
}

/// `os.*` and `time.*`: fds 1 and 2 go through the stdout buffer in
/// order with `print`; the rest is the semantics' file-descriptor I/O.
fn os(ip: &Interp, f: OsFn, args: &[Value]) -> R<Value> {
    use rpy_semantics::io;
    let name = f.name();
    let (lo, hi) = f.arity();
    arg_count(name, args, lo, hi)?;
    let int = |i: usize| want_int(name, &args[i]);
    let r = match f {
        OsFn::Write => {
            let (fd, s) = (int(0)?, want_str(name, &args[1])?);
            match fd {
                1 => {
                    ip.out.borrow_mut().extend_from_slice(s);
                    ip.maybe_flush();
                    Ok(Value::Int(s.len() as i64))
                }
                2 => {
                    ip.flush();
                    let _ = std::io::stderr().write_all(s);
                    Ok(Value::Int(s.len() as i64))
                }
                _ => io::write(fd, s).map(Value::Int),
            }
        }
        OsFn::Read => {
            if int(0)? == 0 {
                ip.flush();
            }
            io::read(int(0)?, int(1)?).map(|v| Value::Str(Rc::from(v)))
        }
        OsFn::Open => {
            let mode = if args.len() > 2 { int(2)? } else { 0o777 };
            io::open(want_str(name, &args[0])?, int(1)?, mode).map(Value::Int)
        }
        OsFn::Close => io::close(int(0)?).map(|_| Value::None),
        OsFn::Lseek => io::lseek(int(0)?, int(1)?, int(2)?).map(Value::Int),
        OsFn::Time | OsFn::Clock => Ok(Value::Float(io::time())),
    };
    r.map_err(raised)
}

/// `read_stdin(n)`: up to `n` bytes ("" at the end of the input).
fn read_stdin(ip: &Interp, n: i64) -> R<Value> {
    ip.flush();
    rpy_semantics::io::read_stdin(n)
        .map(|data| Value::Str(Rc::from(data)))
        .map_err(raised)
}

pub(super) fn no_method(recv: &Value, m: &str) -> Exc {
    attribute_error(format!(
        "'{}' object has no attribute '{}'",
        recv.type_name(),
        m
    ))
}
