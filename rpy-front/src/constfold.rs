//! Arithmetic on translation-time constants (module-level expressions),
//! by the semantics' own operations (64-bit wrapping ints, floor
//! division, …), shared by the loader and later passes.

use crate::ast::BinOp;
use crate::program::{Builtin, ConstValue, Prebuilt};
use rpy_semantics::{float, int, parse, text};
use std::rc::Rc;

/// An operation's error as the loader reports it.
fn in_constant(e: rpy_semantics::Error) -> String {
    format!(
        "{}: {} in a constant expression",
        rpy_semantics::exc::BUILTIN_CLASSES[e.class() as usize].0,
        String::from_utf8_lossy(&e.message())
    )
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
    if let (Int(a), Int(b)) = (&a, &b) {
        return int_binop(op, *a, *b).map_err(in_constant);
    }
    let (Some(x), Some(y)) = (as_float(&a), as_float(&b)) else {
        return bad();
    };
    Ok(Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div => float::truediv(x, y).map_err(in_constant)?,
        BinOp::FloorDiv => float::floordiv(x, y).map_err(in_constant)?,
        BinOp::Mod => float::modulo(x, y).map_err(in_constant)?,
        BinOp::Pow => float::pow(x, y).map_err(in_constant)?,
        _ => return bad(),
    }))
}

/// `a op b` on int constants (`int / int` is a float, as in Python; the
/// run-time dialect refuses it).
fn int_binop(op: BinOp, a: i64, b: i64) -> rpy_semantics::Result<ConstValue> {
    use ConstValue::{Float, Int};
    Ok(Int(match op {
        BinOp::Add => a.wrapping_add(b),
        BinOp::Sub => a.wrapping_sub(b),
        BinOp::Mul => a.wrapping_mul(b),
        BinOp::FloorDiv => int::floordiv(a, b)?,
        BinOp::Mod => int::modulo(a, b)?,
        BinOp::Pow => int::pow(a, b)?,
        BinOp::LShift => int::lshift(a, b)?,
        BinOp::RShift => int::rshift(a, b)?,
        BinOp::BitAnd => a & b,
        BinOp::BitOr => a | b,
        BinOp::BitXor => a ^ b,
        BinOp::Div => return Ok(Float(float::truediv(a as f64, b as f64)?)),
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
            Prebuilt::Instance { .. } => true,
        },
        _ => return None,
    })
}

/// The truth of a constant that stays the same while the program runs:
/// `None` for a prebuilt object (the program may empty or fill a list or
/// dict: their truth is known only at import time, where the loader uses
/// `truth`; an instance, always true, is tested at run time all the same).
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
            Prebuilt::Dict(_) | Prebuilt::Instance { .. } => None,
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
                        Prebuilt::Dict(d) => Ok(Int(d.len() as i64)),
                        Prebuilt::List(l) => Ok(Int(l.len() as i64)),
                        Prebuilt::Instance { .. } => Err("len() of an instance".into()),
                    },
                    _ => Err("len() of a non-sequence".into()),
                }
            }
            Builtin::Ord => {
                arity(1)?;
                match &args[0] {
                    Str(s) => text::ord(s).map(Int).map_err(in_constant),
                    _ => Err("ord() expects a one-character string".into()),
                }
            }
            Builtin::Chr => {
                arity(1)?;
                match &args[0] {
                    Int(i) => int::chr(*i)
                        .map(|c| Str(Rc::from(vec![c])))
                        .map_err(in_constant),
                    _ => Err("chr() takes an int".into()),
                }
            }
            Builtin::Abs => {
                arity(1)?;
                match &args[0] {
                    Int(i) => Ok(Int(int::abs(*i))),
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
                    Float(f) => float::to_int(*f).map(Int).map_err(in_constant),
                    Str(s) => parse::int(s, 10).map(Int).map_err(in_constant),
                    _ => Err("int() of this constant".into()),
                }
            }
            Builtin::Float => {
                arity(1)?;
                match &args[0] {
                    Str(s) => parse::float(s).map(Float).map_err(in_constant),
                    v => as_float(v)
                        .map(Float)
                        .ok_or_else(|| "float() of this constant".to_string()),
                }
            }
            _ => Err(String::new()),
        }
    })();
    match r {
        Err(e) if e.is_empty() => None,
        r => Some(r),
    }
}
