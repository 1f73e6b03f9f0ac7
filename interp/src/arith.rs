//! Operation semantics on dynamic values: arithmetic with Python's rules
//! (64-bit wrapping ints, floor division), comparisons, equality, and the
//! container ops (getitem, setitem, slices, `in`, `len`).

use super::exceptions::*;
use super::value::{Key, Str, Value};
use rpy_semantics::{float, int, ovf, seq, text, uint, Error};
use std::cmp::Ordering;
use std::rc::Rc;

/// The binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    /// `+=`: extends a list in place.
    InplaceAdd,
    /// `*=`: repeats a list in place.
    InplaceMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    Is,
    Contains,
    GetItem,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::InplaceAdd => "+=",
            BinOp::InplaceMul => "*=",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Is => "is",
            BinOp::Contains => "in",
            BinOp::GetItem => "[]",
        }
    }
}

/// The fast path of `op` on two ints; `None` when it needs the slow path
/// (an exception, a float result).
#[inline(always)]
pub fn int_fast(op: BinOp, x: i64, y: i64) -> Option<Value> {
    Some(match op {
        BinOp::Add | BinOp::InplaceAdd => Value::Int(x.wrapping_add(y)),
        BinOp::Sub => Value::Int(x.wrapping_sub(y)),
        BinOp::Mul | BinOp::InplaceMul => Value::Int(x.wrapping_mul(y)),
        BinOp::And => Value::Int(x & y),
        BinOp::Or => Value::Int(x | y),
        BinOp::Xor => Value::Int(x ^ y),
        BinOp::Lt => Value::Bool(x < y),
        BinOp::Le => Value::Bool(x <= y),
        BinOp::Gt => Value::Bool(x > y),
        BinOp::Ge => Value::Bool(x >= y),
        BinOp::Eq | BinOp::Is => Value::Bool(x == y),
        BinOp::Ne => Value::Bool(x != y),
        BinOp::FloorDiv => Value::Int(int::floordiv(x, y).ok()?),
        BinOp::Mod => Value::Int(int::modulo(x, y).ok()?),
        _ => return None,
    })
}

/// `op(a, b)` for any operands.
#[inline(always)]
pub fn binary(op: BinOp, a: &Value, b: &Value) -> R<Value> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        if let Some(v) = int_fast(op, *x, *y) {
            return Ok(v);
        }
    }
    binary_slow(op, a, b)
}

/// The general case of `binary`.
#[inline(never)]
pub fn binary_slow(op: BinOp, a: &Value, b: &Value) -> R<Value> {
    match op {
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => compare(op, a, b).map(Value::Bool),
        BinOp::Eq => Ok(Value::Bool(py_eq(a, b))),
        BinOp::Ne => Ok(Value::Bool(!py_eq(a, b))),
        BinOp::Is => Ok(Value::Bool(py_is(a, b))),
        BinOp::Contains => contains(a, b).map(Value::Bool),
        BinOp::GetItem => getitem(a, b),
        BinOp::InplaceAdd => match a {
            Value::List(l) => {
                let items = match b {
                    Value::List(m) => m.borrow().clone(),
                    Value::Tuple(t) => t.to_vec(),
                    Value::Str(s) => s.iter().map(|&c| char_str(c)).collect(),
                    _ => return Err(unsupported("+=", a, b)),
                };
                l.borrow_mut().extend(items);
                Ok(a.clone())
            }
            _ => arith(BinOp::Add, a, b),
        },
        BinOp::InplaceMul => match (a, b.as_int()) {
            (Value::List(l), Some(n)) => {
                let items = repeat(&l.borrow(), n.max(0) as usize)?;
                *l.borrow_mut() = items;
                Ok(a.clone())
            }
            _ => arith(BinOp::Mul, a, b),
        },
        _ => arith(op, a, b),
    }
}

fn arith(op: BinOp, a: &Value, b: &Value) -> R<Value> {
    use Value::*;
    if matches!(a, UInt(_)) || matches!(b, UInt(_)) {
        if let Some(r) = uint_arith(op, a, b) {
            return r;
        }
    }
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        if let (Bool(p), Bool(q)) = (a, b) {
            match op {
                BinOp::And => return Ok(Bool(p & q)),
                BinOp::Or => return Ok(Bool(p | q)),
                BinOp::Xor => return Ok(Bool(p ^ q)),
                _ => {}
            }
        }
        return int_arith(op, x, y);
    }
    if let (Some(x), Some(y)) = (a.as_float(), b.as_float()) {
        return float_arith(op, x, y).ok_or_else(|| unsupported(op.symbol(), a, b))?;
    }
    match (op, a, b) {
        (BinOp::Add, Str(x), Str(y)) => {
            let mut v = Vec::with_capacity(x.len() + y.len());
            v.extend_from_slice(x);
            v.extend_from_slice(y);
            Ok(Str(Rc::from(v)))
        }
        (BinOp::Add, List(x), List(y)) => {
            let mut v = x.borrow().clone();
            v.extend(y.borrow().iter().cloned());
            Ok(Value::new_list(v))
        }
        (BinOp::Add, Tuple(x), Tuple(y)) => Ok(Value::new_tuple(
            x.iter().chain(y.iter()).cloned().collect(),
        )),
        (BinOp::Mul, seq, n) | (BinOp::Mul, n, seq) if n.as_int().is_some() => {
            let n = n.as_int().unwrap_or(0).max(0) as usize;
            match seq {
                Str(s) => Ok(Str(Rc::from(s.repeat(n)))),
                List(l) => Ok(Value::new_list(repeat(&l.borrow(), n)?)),
                Tuple(t) => Ok(Value::new_tuple(repeat(t, n)?)),
                _ => Err(unsupported(op.symbol(), a, b)),
            }
        }
        (BinOp::Mul, Str(_) | List(_) | Tuple(_), _) => Err(type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            b.type_name()
        ))),
        _ => Err(unsupported(op.symbol(), a, b)),
    }
}

fn repeat(items: &[Value], n: usize) -> R<Vec<Value>> {
    let total = items.len().checked_mul(n).filter(|&t| t < (1 << 40));
    let total = total.ok_or_else(|| exc(rpy_front::program::builtin_class::OVERFLOW_ERROR, ""))?;
    let mut v = Vec::with_capacity(total);
    for _ in 0..n {
        v.extend(items.iter().cloned());
    }
    Ok(v)
}

fn int_arith(op: BinOp, x: i64, y: i64) -> R<Value> {
    use Value::Int;
    Ok(match op {
        BinOp::Add => Int(x.wrapping_add(y)),
        BinOp::Sub => Int(x.wrapping_sub(y)),
        BinOp::Mul => Int(x.wrapping_mul(y)),
        BinOp::And => Int(x & y),
        BinOp::Or => Int(x | y),
        BinOp::Xor => Int(x ^ y),
        BinOp::FloorDiv => Int(int::floordiv(x, y).map_err(raised)?),
        BinOp::Mod => Int(int::modulo(x, y).map_err(raised)?),
        // as translated code: both operands become floats
        BinOp::TrueDiv => Value::Float(float::truediv(x as f64, y as f64).map_err(raised)?),
        BinOp::Pow => Int(int::pow(x, y).map_err(raised)?),
        BinOp::LShift => Int(int::lshift(x, y).map_err(raised)?),
        BinOp::RShift => Int(int::rshift(x, y).map_err(raised)?),
        _ => return Err(type_error(format!("bad int operator {}", op.symbol()))),
    })
}

/// `a op b` with an r_uint operand (the other an r_uint, int or bool,
/// converted to an r_uint; a shift count stays an int): `None` for
/// operands or an operator r_uints do not have.
fn uint_arith(op: BinOp, a: &Value, b: &Value) -> Option<R<Value>> {
    let x = a.as_uint()?;
    let count = || match b {
        Value::UInt(u) => Some(uint::to_int(*u)),
        _ => b.as_int(),
    };
    let r = match op {
        BinOp::Add | BinOp::InplaceAdd => Ok(x.wrapping_add(b.as_uint()?)),
        BinOp::Sub => Ok(x.wrapping_sub(b.as_uint()?)),
        BinOp::Mul | BinOp::InplaceMul => Ok(x.wrapping_mul(b.as_uint()?)),
        BinOp::And => Ok(x & b.as_uint()?),
        BinOp::Or => Ok(x | b.as_uint()?),
        BinOp::Xor => Ok(x ^ b.as_uint()?),
        BinOp::FloorDiv => uint::floordiv(x, b.as_uint()?),
        BinOp::Mod => uint::modulo(x, b.as_uint()?),
        BinOp::LShift => uint::lshift(x, count()?),
        BinOp::RShift => uint::rshift(x, count()?),
        _ => return None,
    };
    Some(r.map(Value::UInt).map_err(raised))
}

/// `ovfcheck(x op y)` (`ovfcheck(-x)`: `y` is ignored) on ints.
pub fn ovf_checked(op: ovf::OvfOp, a: &Value, b: &Value) -> R<Value> {
    match (a.as_int(), b.as_int()) {
        (Some(x), Some(y)) => ovf::checked(op, x, y).map(Value::Int).map_err(raised),
        _ => Err(type_error(format!(
            "ovfcheck() checks int operations, not `{}` on '{}' and '{}'",
            op.symbol(),
            a.type_name(),
            b.type_name()
        ))),
    }
}

/// A number's exact value, for comparing ints with r_uints as Python does.
fn wide(v: &Value) -> Option<i128> {
    match v {
        Value::UInt(u) => Some(*u as i128),
        _ => v.as_int().map(i128::from),
    }
}

fn float_arith(op: BinOp, x: f64, y: f64) -> Option<R<Value>> {
    let r = match op {
        BinOp::Add => Ok(x + y),
        BinOp::Sub => Ok(x - y),
        BinOp::Mul => Ok(x * y),
        BinOp::TrueDiv => float::truediv(x, y),
        BinOp::FloorDiv => float::floordiv(x, y),
        BinOp::Mod => float::modulo(x, y),
        BinOp::Pow => float::pow(x, y),
        _ => return None,
    };
    Some(r.map(Value::Float).map_err(raised))
}

/// Unary minus.
pub fn neg(a: &Value) -> R<Value> {
    match a {
        Value::Int(i) => Ok(Value::Int(i.wrapping_neg())),
        Value::UInt(u) => Ok(Value::UInt(u.wrapping_neg())),
        Value::Bool(b) => Ok(Value::Int(-(*b as i64))),
        Value::Float(f) => Ok(Value::Float(-f)),
        _ => Err(bad_unary("-", a)),
    }
}

/// Unary plus.
pub fn pos(a: &Value) -> R<Value> {
    match a {
        Value::Int(_) | Value::UInt(_) | Value::Float(_) => Ok(a.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        _ => Err(bad_unary("+", a)),
    }
}

/// `~x`.
pub fn invert(a: &Value) -> R<Value> {
    if let Value::UInt(u) = a {
        return Ok(Value::UInt(!u));
    }
    match a.as_int() {
        Some(i) => Ok(Value::Int(!i)),
        None => Err(bad_unary("~", a)),
    }
}

fn bad_unary(op: &str, a: &Value) -> Exc {
    type_error(format!(
        "bad operand type for unary {}: '{}'",
        op,
        a.type_name()
    ))
}

/// Python `==`.
pub fn py_eq(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (Int(x), Int(y)) => x == y,
        (Str(x), Str(y)) => x == y,
        (None, None) => true,
        (Bool(x), Bool(y)) => x == y,
        (Int(_) | UInt(_) | Bool(_) | Float(_), Int(_) | UInt(_) | Bool(_) | Float(_)) => {
            match (wide(a), wide(b)) {
                (Some(x), Some(y)) => x == y,
                _ => a.as_float() == b.as_float(),
            }
        }
        (List(x), List(y)) => Rc::ptr_eq(x, y) || seq_eq(&x.borrow(), &y.borrow()),
        (Tuple(x), Tuple(y)) => seq_eq(x, y),
        (Dict(x), Dict(y)) => {
            if Rc::ptr_eq(x, y) {
                return true;
            }
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| py_eq(v, w)))
        }
        (Instance(x), Instance(y)) => Rc::ptr_eq(x, y),
        (Func(x), Func(y)) => x == y,
        (Class(x), Class(y)) => x == y,
        (Builtin(x), Builtin(y)) => x == y,
        (Driver(x), Driver(y)) => x == y,
        (Module(x), Module(y)) => x == y,
        (Method(x), Method(y)) => x.1 == y.1 && py_is(&x.0, &y.0),
        (Iter(x), Iter(y)) => Rc::ptr_eq(x, y),
        _ => false,
    }
}

fn seq_eq(x: &[Value], y: &[Value]) -> bool {
    x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q))
}

/// Python `is`: identity for objects, value equality for scalars.
pub fn py_is(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (List(x), List(y)) => Rc::ptr_eq(x, y),
        (Dict(x), Dict(y)) => Rc::ptr_eq(x, y),
        (Tuple(x), Tuple(y)) => Rc::ptr_eq(x, y),
        (Int(_), Int(_))
        | (UInt(_), UInt(_))
        | (Bool(_), Bool(_))
        | (Float(_), Float(_))
        | (Str(_), Str(_)) => py_eq(a, b),
        (Int(_) | UInt(_) | Bool(_) | Float(_), _) | (_, Int(_) | UInt(_) | Bool(_) | Float(_)) => {
            false
        }
        _ => py_eq(a, b),
    }
}

/// `<`, `<=`, `>`, `>=`.
pub fn compare(op: BinOp, a: &Value, b: &Value) -> R<bool> {
    use Value::*;
    let ord = match (a, b) {
        (Str(x), Str(y)) => x.cmp(y),
        (List(x), List(y)) => return seq_compare(op, &x.borrow(), &y.borrow()),
        (Tuple(x), Tuple(y)) => return seq_compare(op, x, y),
        _ => match (wide(a), wide(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => match (a.as_float(), b.as_float()) {
                (Some(x), Some(y)) => match x.partial_cmp(&y) {
                    Some(o) => o,
                    Option::None => return Ok(false),
                },
                _ => {
                    return Err(type_error(format!(
                        "'{}' not supported between instances of '{}' and '{}'",
                        op.symbol(),
                        a.type_name(),
                        b.type_name()
                    )))
                }
            },
        },
    };
    Ok(match op {
        BinOp::Lt => ord == Ordering::Less,
        BinOp::Le => ord != Ordering::Greater,
        BinOp::Gt => ord == Ordering::Greater,
        _ => ord != Ordering::Less,
    })
}

fn seq_compare(op: BinOp, x: &[Value], y: &[Value]) -> R<bool> {
    for (p, q) in x.iter().zip(y) {
        if !py_eq(p, q) {
            return compare(op, p, q);
        }
    }
    compare(op, &Value::Int(x.len() as i64), &Value::Int(y.len() as i64))
}

/// `item in container`.
pub fn contains(container: &Value, item: &Value) -> R<bool> {
    match container {
        Value::List(l) => Ok(l.borrow().iter().any(|x| py_eq(x, item))),
        Value::Tuple(t) => Ok(t.iter().any(|x| py_eq(x, item))),
        Value::Str(s) => match item {
            Value::Str(sub) => Ok(text::find(s, sub).is_some()),
            _ => Err(type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                item.type_name()
            ))),
        },
        Value::Dict(d) => {
            check_hashable(item)?;
            Ok(d.borrow().contains_key(&Key(item.clone())))
        }
        _ => Err(type_error(format!(
            "argument of type '{}' is not iterable",
            container.type_name()
        ))),
    }
}

/// TypeError unless `v` can be a dict key.
pub fn check_hashable(v: &Value) -> R<()> {
    if v.hashable() {
        Ok(())
    } else {
        Err(type_error(format!("unhashable type: '{}'", v.type_name())))
    }
}

thread_local! {
    static CHARS: Vec<Str> = (0..=255u8).map(|b| Rc::from(&[b][..])).collect();
}

/// The one-character str `chr(b)` (shared, no allocation).
pub fn char_str(b: u8) -> Value {
    CHARS.with(|c| Value::Str(c[b as usize].clone()))
}

/// Normalize a possibly negative index against `len`.
#[inline(always)]
pub fn norm_index(i: i64, len: usize) -> Option<usize> {
    seq::index(i, len as i64)
}

fn index_of(obj: &Value, idx: &Value) -> R<i64> {
    idx.as_int().ok_or_else(|| {
        let what = match obj {
            Value::Str(_) => "string",
            other => other.type_name(),
        };
        type_error(format!(
            "{} indices must be integers or slices, not {}",
            what,
            idx.type_name()
        ))
    })
}

/// `obj[idx]`.
pub fn getitem(obj: &Value, idx: &Value) -> R<Value> {
    match obj {
        Value::List(l) => {
            let l = l.borrow();
            norm_index(index_of(obj, idx)?, l.len())
                .map(|i| l[i].clone())
                .ok_or_else(|| raised(Error::ListIndexOutOfRange))
        }
        Value::Str(s) => norm_index(index_of(obj, idx)?, s.len())
            .map(|i| char_str(s[i]))
            .ok_or_else(|| raised(Error::StringIndexOutOfRange)),
        Value::Tuple(t) => norm_index(index_of(obj, idx)?, t.len())
            .map(|i| t[i].clone())
            .ok_or_else(|| raised(Error::TupleIndexOutOfRange)),
        Value::Dict(d) => {
            check_hashable(idx)?;
            d.borrow()
                .get(&Key(idx.clone()))
                .cloned()
                .ok_or_else(|| key_error(idx))
        }
        _ => Err(type_error(format!(
            "'{}' object is not subscriptable",
            obj.type_name()
        ))),
    }
}

/// `obj[idx] = v`.
pub fn setitem(obj: &Value, idx: &Value, v: Value) -> R<()> {
    match obj {
        Value::List(l) => {
            let mut l = l.borrow_mut();
            let i = norm_index(index_of(obj, idx)?, l.len())
                .ok_or_else(|| raised(Error::ListAssignmentIndexOutOfRange))?;
            l[i] = v;
            Ok(())
        }
        Value::Dict(d) => {
            check_hashable(idx)?;
            d.borrow_mut().insert(Key(idx.clone()), v);
            Ok(())
        }
        _ => Err(type_error(format!(
            "'{}' object does not support item assignment",
            obj.type_name()
        ))),
    }
}

/// `del obj[idx]`.
pub fn delitem(obj: &Value, idx: &Value) -> R<()> {
    match obj {
        Value::List(l) => {
            let mut l = l.borrow_mut();
            let i = norm_index(index_of(obj, idx)?, l.len())
                .ok_or_else(|| raised(Error::ListAssignmentIndexOutOfRange))?;
            l.remove(i);
            Ok(())
        }
        Value::Dict(d) => {
            check_hashable(idx)?;
            d.borrow_mut()
                .shift_remove(&Key(idx.clone()))
                .map(|_| ())
                .ok_or_else(|| key_error(idx))
        }
        _ => Err(type_error(format!(
            "'{}' object doesn't support item deletion",
            obj.type_name()
        ))),
    }
}

/// One slice bound as an int (`None`: `default`).
fn slice_bound(b: &Value, default: i64) -> R<i64> {
    match b {
        Value::None => Ok(default),
        _ => b.as_int().ok_or_else(|| {
            type_error("slice indices must be integers or None or have an __index__ method")
        }),
    }
}

/// `obj[lo:hi]`.
/// `del xs[lo:hi]`.
pub fn delslice(obj: &Value, lo: &Value, hi: &Value) -> R<()> {
    let Value::List(l) = obj else {
        return Err(type_error(format!(
            "'{}' object doesn't support item deletion",
            obj.type_name()
        )));
    };
    let mut l = l.borrow_mut();
    let (lo, hi) = (slice_bound(lo, 0)?, slice_bound(hi, i64::MAX)?);
    let (lo, hi) = seq::clamp_slice(lo, hi, l.len() as i64);
    l.drain(lo..hi);
    Ok(())
}

pub fn getslice(obj: &Value, lo: &Value, hi: &Value) -> R<Value> {
    let range = |len: usize| -> R<(usize, usize)> {
        let (lo, hi) = (slice_bound(lo, 0)?, slice_bound(hi, i64::MAX)?);
        Ok(seq::clamp_slice(lo, hi, len as i64))
    };
    match obj {
        Value::Str(s) => {
            let (lo, hi) = range(s.len())?;
            Ok(match hi - lo {
                1 => char_str(s[lo]),
                _ => Value::str(&s[lo..hi]),
            })
        }
        Value::List(l) => {
            let l = l.borrow();
            let (lo, hi) = range(l.len())?;
            Ok(Value::new_list(l[lo..hi].to_vec()))
        }
        Value::Tuple(t) => {
            let (lo, hi) = range(t.len())?;
            Ok(Value::new_tuple(t[lo..hi].to_vec()))
        }
        _ => Err(type_error(format!(
            "'{}' object is not subscriptable",
            obj.type_name()
        ))),
    }
}

/// `len(x)`.
pub fn len(v: &Value) -> R<Value> {
    let n = match v {
        Value::Str(s) => s.len(),
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        Value::Dict(d) => d.borrow().len(),
        _ => {
            return Err(type_error(format!(
                "object of type '{}' has no len()",
                v.type_name()
            )))
        }
    };
    Ok(Value::Int(n as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(v: R<Value>) -> i64 {
        match v {
            Ok(Value::Int(i)) => i,
            _ => panic!("not an int"),
        }
    }
    fn float(v: R<Value>) -> f64 {
        match v {
            Ok(Value::Float(f)) => f,
            _ => panic!("not a float"),
        }
    }

    #[test]
    fn int_floor_semantics() {
        let b = |op, x, y| int(binary(op, &Value::Int(x), &Value::Int(y)));
        assert_eq!(b(BinOp::FloorDiv, -7, 2), -4);
        assert_eq!(b(BinOp::Mod, -7, 2), 1);
        assert_eq!(b(BinOp::Mod, 7, -2), -1);
        assert_eq!(b(BinOp::FloorDiv, 7, -2), -4);
        assert_eq!(b(BinOp::FloorDiv, i64::MIN, -1), i64::MIN);
        assert_eq!(b(BinOp::Add, i64::MAX, 1), i64::MIN);
        assert_eq!(b(BinOp::Pow, 3, 4), 81);
        assert_eq!(b(BinOp::LShift, 1, 70), 0);
        assert_eq!(b(BinOp::RShift, -3, 70), -1);
        assert!(binary(BinOp::Mod, &Value::Int(1), &Value::Int(0)).is_err());
        assert!(binary(BinOp::LShift, &Value::Int(1), &Value::Int(-1)).is_err());
    }

    #[test]
    fn float_floor_semantics() {
        let b = |op, x, y| float(binary(op, &Value::Float(x), &Value::Float(y)));
        assert_eq!(b(BinOp::FloorDiv, -7.5, 2.0), -4.0);
        assert_eq!(b(BinOp::Mod, -7.5, 2.0), 0.5);
        assert_eq!(b(BinOp::Mod, 7.0, -2.0), -1.0);
        // int ** negative int raises, as in translated code (rpy's ints
        // stay ints; CPython's float result has no static type here)
        assert!(binary(BinOp::Pow, &Value::Int(2), &Value::Int(-1)).is_err());
        assert_eq!(
            float(binary(BinOp::TrueDiv, &Value::Int(5), &Value::Int(2))),
            2.5
        );
    }

    #[test]
    fn bools_are_ints() {
        assert_eq!(
            int(binary(BinOp::Add, &Value::Bool(true), &Value::Int(1))),
            2
        );
        assert!(matches!(
            binary(BinOp::And, &Value::Bool(true), &Value::Bool(false)),
            Ok(Value::Bool(false))
        ));
        assert!(py_eq(&Value::Int(1), &Value::Float(1.0)));
        assert!(py_eq(&Value::Bool(true), &Value::Int(1)));
    }

    #[test]
    fn slices_clamp() {
        let s = Value::str(b"hello");
        let sl = |lo: Value, hi: Value| match getslice(&s, &lo, &hi) {
            Ok(Value::Str(x)) => x.to_vec(),
            _ => panic!(),
        };
        assert_eq!(sl(Value::Int(1), Value::None), b"ello");
        assert_eq!(sl(Value::Int(-3), Value::Int(100)), b"llo");
        assert_eq!(sl(Value::Int(4), Value::Int(2)), b"");
        assert_eq!(sl(Value::None, Value::Int(-1)), b"hell");
    }
}
