//! Arithmetic on translation-time constants, with rpy's run-time semantics
//! (64-bit wrapping ints, floor division), shared by the loader and later passes.

use crate::ast::BinOp;
use crate::program::{Builtin, ConstValue, Prebuilt};
use std::rc::Rc;

/// Python's floor division on ints; `None` on division by zero.
pub fn int_floordiv(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    let q = a.wrapping_div(b);
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

/// Python's modulo on ints (sign of the divisor); `None` on division by zero.
pub fn int_mod(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    let r = a.wrapping_rem(b);
    if r != 0 && ((r < 0) != (b < 0)) {
        Some(r + b)
    } else {
        Some(r)
    }
}

/// `a ** b` for ints with b >= 0, wrapping.
pub fn int_pow(mut base: i64, mut exp: i64) -> i64 {
    let mut acc: i64 = 1;
    while exp > 0 {
        if exp & 1 == 1 {
            acc = acc.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        exp >>= 1;
    }
    acc
}

/// `a << b` wrapping (counts >= 64 give 0); `None` for a negative count.
pub fn int_lshift(a: i64, b: i64) -> Option<i64> {
    match b {
        b if b < 0 => None,
        b if b >= 64 => Some(0),
        b => Some(a.wrapping_shl(b as u32)),
    }
}

/// `a >> b` arithmetic; `None` for a negative count.
pub fn int_rshift(a: i64, b: i64) -> Option<i64> {
    match b {
        b if b < 0 => None,
        b if b >= 64 => Some(if a < 0 { -1 } else { 0 }),
        b => Some(a >> b),
    }
}

/// Python's float floor division and modulo.
pub fn float_floordiv(a: f64, b: f64) -> f64 {
    rpy_runtime::numbers::float_divmod(a, b).0
}

pub fn float_mod(a: f64, b: f64) -> f64 {
    rpy_runtime::numbers::float_divmod(a, b).1
}

fn as_num(v: &ConstValue) -> Option<ConstValue> {
    match v {
        ConstValue::Bool(b) => Some(ConstValue::Int(*b as i64)),
        ConstValue::Int(_) | ConstValue::Float(_) => Some(v.clone()),
        _ => None,
    }
}

fn as_float(v: &ConstValue) -> Option<f64> {
    match v {
        ConstValue::Int(i) => Some(*i as f64),
        ConstValue::Float(f) => Some(*f),
        ConstValue::Bool(b) => Some(*b as i64 as f64),
        _ => None,
    }
}

/// Evaluate `l op r` on constants (not lists: those are prebuilt objects
/// handled by the loader).
pub fn binop(op: BinOp, l: &ConstValue, r: &ConstValue) -> Result<ConstValue, String> {
    use ConstValue::{Float, Int, Str, Tuple};
    let bad = || {
        Err(format!(
            "unsupported operand types for {} in a constant expression",
            op.symbol()
        ))
    };
    match (l, r) {
        (Str(a), Str(b)) if op == BinOp::Add => {
            let mut v = a.to_vec();
            v.extend_from_slice(b);
            return Ok(Str(Rc::from(v)));
        }
        (Str(s), Int(n)) | (Int(n), Str(s)) if op == BinOp::Mul => {
            return Ok(Str(Rc::from(s.repeat((*n).max(0) as usize))));
        }
        (Tuple(a), Tuple(b)) if op == BinOp::Add => {
            let mut v = a.to_vec();
            v.extend(b.iter().cloned());
            return Ok(Tuple(Rc::from(v)));
        }
        _ => {}
    }
    let (Some(a), Some(b)) = (as_num(l), as_num(r)) else {
        return bad();
    };
    let zero = || Err("division by zero in a constant expression".to_string());
    if let (Int(a), Int(b)) = (&a, &b) {
        let (a, b) = (*a, *b);
        return Ok(Int(match op {
            BinOp::Add => a.wrapping_add(b),
            BinOp::Sub => a.wrapping_sub(b),
            BinOp::Mul => a.wrapping_mul(b),
            BinOp::FloorDiv => match int_floordiv(a, b) {
                Some(v) => v,
                None => return zero(),
            },
            BinOp::Mod => match int_mod(a, b) {
                Some(v) => v,
                None => return zero(),
            },
            BinOp::Pow if b >= 0 => int_pow(a, b),
            BinOp::Pow => return Ok(Float((a as f64).powf(b as f64))),
            BinOp::LShift | BinOp::RShift => {
                let v = if op == BinOp::LShift {
                    int_lshift(a, b)
                } else {
                    int_rshift(a, b)
                };
                match v {
                    Some(v) => v,
                    None => return Err("negative shift count in a constant expression".into()),
                }
            }
            BinOp::BitAnd => a & b,
            BinOp::BitOr => a | b,
            BinOp::BitXor => a ^ b,
            BinOp::Div => {
                if b == 0 {
                    return zero();
                }
                return Ok(Float(a as f64 / b as f64));
            }
        }));
    }
    let (Some(x), Some(y)) = (as_float(&a), as_float(&b)) else {
        return bad();
    };
    Ok(Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div | BinOp::FloorDiv | BinOp::Mod if y == 0.0 => return zero(),
        BinOp::Div => x / y,
        BinOp::FloorDiv => float_floordiv(x, y),
        BinOp::Mod => float_mod(x, y),
        BinOp::Pow => x.powf(y),
        _ => return bad(),
    }))
}

/// Python truthiness of a constant (`None` if unknown).
pub fn truth(v: &ConstValue, prebuilt: &[Prebuilt]) -> Option<bool> {
    Some(match v {
        ConstValue::Int(i) => *i != 0,
        ConstValue::Float(f) => *f != 0.0,
        ConstValue::Bool(b) => *b,
        ConstValue::Str(s) => !s.is_empty(),
        ConstValue::None => false,
        ConstValue::Tuple(t) => !t.is_empty(),
        ConstValue::Func(_) | ConstValue::Class(_) | ConstValue::Builtin(_) => true,
        ConstValue::Prebuilt(id) => match &prebuilt[id.index()] {
            Prebuilt::List(items) => !items.is_empty(),
            Prebuilt::Dict(items) => !items.is_empty(),
        },
        _ => return None,
    })
}

/// The truth of a constant that stays the same while the program runs:
/// `None` for a prebuilt list or dict, which it may empty or fill (their
/// truth is known only at import time, where the loader uses `truth`).
pub fn fixed_truth(v: &ConstValue) -> Option<bool> {
    match v {
        ConstValue::Prebuilt(_) => None,
        v => truth(v, &[]),
    }
}

fn seq_items(v: &ConstValue, prebuilt: &[Prebuilt]) -> Option<Vec<ConstValue>> {
    match v {
        ConstValue::Tuple(t) => Some(t.to_vec()),
        ConstValue::Str(s) => Some(
            s.iter()
                .map(|b| ConstValue::Str(Rc::from(vec![*b])))
                .collect(),
        ),
        ConstValue::Prebuilt(id) => match &prebuilt[id.index()] {
            Prebuilt::List(items) => Some(items.clone()),
            Prebuilt::Dict(_) => None,
        },
        _ => None,
    }
}

/// `v[i]` on constant sequences and dicts.
pub fn index(v: &ConstValue, i: &ConstValue, prebuilt: &[Prebuilt]) -> Option<ConstValue> {
    if let ConstValue::Prebuilt(id) = v {
        if let Prebuilt::Dict(items) = &prebuilt[id.index()] {
            return items.iter().find(|(k, _)| k == i).map(|(_, v)| v.clone());
        }
    }
    let items = seq_items(v, prebuilt)?;
    let ConstValue::Int(i) = *i else { return None };
    let n = items.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if (0..n).contains(&j) {
        Some(items[j as usize].clone())
    } else {
        None
    }
}

/// The pure builtins usable in constant expressions; `None` if `b` is not one.
pub fn call_builtin(
    b: Builtin,
    args: &[ConstValue],
    prebuilt: &[Prebuilt],
) -> Option<Result<ConstValue, String>> {
    use ConstValue::{Bool, Float, Int, Str};
    let arity = |n: usize| {
        if args.len() == n {
            Ok(())
        } else {
            Err(format!("{}() takes {} arguments here", b.name(), n))
        }
    };
    let r = (|| -> Result<ConstValue, String> {
        match b {
            Builtin::Len => {
                arity(1)?;
                if let Some(items) = seq_items(&args[0], prebuilt) {
                    return Ok(Int(items.len() as i64));
                }
                match &args[0] {
                    ConstValue::Prebuilt(id) => match &prebuilt[id.index()] {
                        crate::program::Prebuilt::Dict(d) => Ok(Int(d.len() as i64)),
                        crate::program::Prebuilt::List(l) => Ok(Int(l.len() as i64)),
                    },
                    _ => Err("len() of a non-sequence".into()),
                }
            }
            Builtin::Ord => {
                arity(1)?;
                match &args[0] {
                    Str(s) if s.len() == 1 => Ok(Int(s[0] as i64)),
                    _ => Err("ord() expects a one-character string".into()),
                }
            }
            Builtin::Chr => {
                arity(1)?;
                match &args[0] {
                    Int(i) if (0..256).contains(i) => Ok(Str(Rc::from(vec![*i as u8]))),
                    _ => Err("chr() arg not in range(256)".into()),
                }
            }
            Builtin::Abs => {
                arity(1)?;
                match &args[0] {
                    Int(i) => Ok(Int(i.wrapping_abs())),
                    Float(f) => Ok(Float(f.abs())),
                    _ => Err("bad operand type for abs()".into()),
                }
            }
            Builtin::Min | Builtin::Max => {
                arity(2)?;
                let (Some(x), Some(y)) = (as_float(&args[0]), as_float(&args[1])) else {
                    return Err(format!("{}() of non-numbers", b.name()));
                };
                // Python keeps the first argument on ties.
                let second = if b == Builtin::Min { y < x } else { y > x };
                Ok(args[usize::from(second)].clone())
            }
            Builtin::Int => {
                arity(1)?;
                match &args[0] {
                    Int(i) => Ok(Int(*i)),
                    Bool(b) => Ok(Int(*b as i64)),
                    Float(f) => Ok(Int(f.trunc() as i64)),
                    Str(s) => std::str::from_utf8(s)
                        .ok()
                        .and_then(|t| t.trim().parse::<i64>().ok())
                        .map(Int)
                        .ok_or_else(|| "invalid literal for int()".to_string()),
                    _ => Err("int() of this constant".into()),
                }
            }
            Builtin::Float => {
                arity(1)?;
                as_float(&args[0])
                    .map(Float)
                    .ok_or_else(|| "float() of this constant".to_string())
            }
            _ => Err(String::new()),
        }
    })();
    match r {
        Err(e) if e.is_empty() => None,
        r => Some(r),
    }
}
