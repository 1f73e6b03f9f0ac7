//! Calls of the builtin methods of list and dict in the untranslated run
//! (str's are in `str_methods.rs`): the method and its argument count are
//! checked against the one table `rpy_rtyper::methods`, then run on the values.

use super::arith::{self, check_hashable, compare, py_eq, BinOp};
use super::builtins::{iterate, no_method, want_int};
use super::exceptions::*;
use super::format::write_repr;
use super::str_methods::str_method;
use super::value::{Key, Value};
use super::Interp;
use rpy_rtyper::methods::{self, Method, Recv};
use rpy_semantics::Error;

/// Call method `m` (named `name`) of a str, list or dict.
pub fn call_method(
    ip: &Interp,
    recv: &Value,
    m: Option<Method>,
    name: &[u8],
    args: &[Value],
) -> R<Value> {
    let kind = match recv {
        Value::Str(_) => Recv::Str,
        Value::List(_) => Recv::List,
        Value::Dict(_) => Recv::Dict,
        _ => return Err(no_method(recv, &String::from_utf8_lossy(name))),
    };
    let Some((m, (lo, hi))) = m.and_then(|m| Some((m, methods::arity(kind, m)?))) else {
        return Err(no_method(recv, &String::from_utf8_lossy(name)));
    };
    if methods::lookup(kind, m, args.len()).is_none() {
        return Err(type_error(format!(
            "{}() takes {lo} to {hi} arguments ({} given)",
            m.name(),
            args.len()
        )));
    }
    match recv {
        Value::Str(s) => str_method(s, m, args),
        Value::List(_) => list_method(ip, recv, m, args),
        _ => dict_method(recv, m, args),
    }
}

/// `xs.index(x)` and `xs.count(x)`.
fn index_count(ip: &Interp, items: &[Value], m: Method, x: &Value) -> R<Value> {
    if m == Method::Count {
        return Ok(Value::Int(
            items.iter().filter(|y| py_eq(y, x)).count() as i64
        ));
    }
    match items.iter().position(|y| py_eq(y, x)) {
        Some(i) => Ok(Value::Int(i as i64)),
        None => {
            let mut repr = Vec::new();
            write_repr(ip.program, x, &mut repr);
            Err(raised(Error::NotInList(repr)))
        }
    }
}

fn list_method(ip: &Interp, recv: &Value, m: Method, args: &[Value]) -> R<Value> {
    use Method as M;
    let Value::List(l) = recv else {
        return Err(no_method(recv, m.name()));
    };
    let name = m.name();
    match m {
        M::Append => {
            l.borrow_mut().push(args[0].clone());
            Ok(Value::None)
        }
        M::Pop => {
            let mut v = l.borrow_mut();
            if v.is_empty() {
                return Err(raised(Error::PopFromEmptyList));
            }
            match args.first() {
                None => Ok(v.pop().unwrap_or_default()),
                Some(i) => {
                    let i = want_int(name, i)?;
                    let len = v.len();
                    let i = arith::norm_index(i, len)
                        .ok_or_else(|| raised(Error::PopIndexOutOfRange))?;
                    Ok(v.remove(i))
                }
            }
        }
        M::Insert => {
            let mut v = l.borrow_mut();
            let len = v.len() as i64;
            let i = want_int(name, &args[0])?;
            v.insert(rpy_semantics::seq::insert_position(i, len), args[1].clone());
            Ok(Value::None)
        }
        M::Extend => {
            let items = iterate(&args[0])?;
            l.borrow_mut().extend(items);
            Ok(Value::None)
        }
        M::Reverse => {
            l.borrow_mut().reverse();
            Ok(Value::None)
        }
        M::Index | M::Count => index_count(ip, &l.borrow(), m, &args[0]),
        M::Remove => {
            let pos = l.borrow().iter().position(|x| py_eq(x, &args[0]));
            match pos {
                Some(i) => {
                    l.borrow_mut().remove(i);
                    Ok(Value::None)
                }
                None => Err(raised(Error::ListRemoveMissing)),
            }
        }
        M::Sort => {
            let mut items = l.borrow().clone();
            let mut err = None;
            items.sort_by(|a, b| {
                if err.is_some() {
                    return std::cmp::Ordering::Equal;
                }
                match compare(BinOp::Lt, a, b) {
                    Ok(true) => std::cmp::Ordering::Less,
                    Ok(false) => match compare(BinOp::Lt, b, a) {
                        Ok(true) => std::cmp::Ordering::Greater,
                        _ => std::cmp::Ordering::Equal,
                    },
                    Err(e) => {
                        err = Some(e);
                        std::cmp::Ordering::Equal
                    }
                }
            });
            if let Some(e) = err {
                return Err(e);
            }
            *l.borrow_mut() = items;
            Ok(Value::None)
        }
        M::Clear => {
            l.borrow_mut().clear();
            Ok(Value::None)
        }
        _ => Err(no_method(recv, name)),
    }
}

fn dict_method(recv: &Value, m: Method, args: &[Value]) -> R<Value> {
    use Method as M;
    let Value::Dict(d) = recv else {
        return Err(no_method(recv, m.name()));
    };
    let name = m.name();
    match m {
        M::Get => {
            check_hashable(&args[0])?;
            let v = d.borrow().get(&Key(args[0].clone())).cloned();
            Ok(v.unwrap_or_else(|| args.get(1).cloned().unwrap_or_default()))
        }
        M::Keys => Ok(Value::new_list(
            d.borrow().keys().map(|k| k.0.clone()).collect(),
        )),
        M::Values => Ok(Value::new_list(d.borrow().values().cloned().collect())),
        M::Items => Ok(Value::new_list(
            d.borrow()
                .iter()
                .map(|(k, v)| Value::new_tuple(vec![k.0.clone(), v.clone()]))
                .collect(),
        )),
        M::Pop => {
            check_hashable(&args[0])?;
            let v = d.borrow_mut().shift_remove(&Key(args[0].clone()));
            match (v, args.get(1)) {
                (Some(v), _) => Ok(v),
                (None, Some(default)) => Ok(default.clone()),
                (None, None) => Err(key_error(&args[0])),
            }
        }
        M::Clear => {
            d.borrow_mut().clear();
            Ok(Value::None)
        }
        _ => Err(no_method(recv, name)),
    }
}
