//! Conversions between LL types where a value flows into a place of
//! another type: constants are converted at translation time, variables by
//! cast ops or helpers (`Bool → Signed`, `Signed → Float`, `Char → Str`,
//! up/downcasts between classes, tuples item by item, `None` → null).

use super::graph::GraphTyper;
use super::lltypes::user_name;
use super::RTyper;
use crate::annotate::SomeValue;
use crate::ll::helpers::Helper;
use crate::ll::{LLConst, LLOpKind, LLType, LLValue};
use rpy_front::program::ConstValue;
use rpy_front::DResult;
use std::rc::Rc;

/// A translation-time constant with the LL type it has on its own.
pub fn lower_const(rt: &RTyper, c: &ConstValue) -> Result<(LLConst, LLType), String> {
    Ok(match c {
        ConstValue::Int(i) => (LLConst::Int(*i), LLType::Signed),
        ConstValue::UInt(u) => (LLConst::UInt(*u), LLType::Unsigned),
        ConstValue::Float(f) => (LLConst::Float(*f), LLType::Float),
        ConstValue::Bool(b) => (LLConst::Bool(*b), LLType::Bool),
        ConstValue::Str(s) => (LLConst::Str(s.clone()), LLType::Str),
        ConstValue::Tuple(items) => {
            let (cs, ts): (Vec<LLConst>, Vec<LLType>) = items
                .iter()
                .map(|i| lower_const(rt, i))
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .unzip();
            (LLConst::Tuple(cs.into()), LLType::Tuple(ts.into()))
        }
        ConstValue::Prebuilt(id) => {
            let t = rt.ll(&rt.ann.prebuilt[id.index()])?;
            (LLConst::Prebuilt(*id, t.clone()), t)
        }
        // Never called: a call through the place holding it would have
        // reached it. Its place keeps the null function.
        ConstValue::Func(f) if !rt.ann.is_reached(*f) => {
            let t = rt.sig(*f)?;
            (LLConst::Null(t.clone()), t)
        }
        ConstValue::Func(f) => (LLConst::Func(*f), rt.sig(*f)?),
        ConstValue::Class(c) => (LLConst::Class(*c), LLType::Class),
        ConstValue::None
        | ConstValue::Driver(_)
        | ConstValue::Builtin(_)
        | ConstValue::ExtModule(_)
        | ConstValue::Module(_) => (LLConst::Void, LLType::Void),
    })
}

/// A constant converted to the LL type `to`.
pub fn const_to_type(rt: &RTyper, c: &ConstValue, to: &LLType) -> Result<LLConst, String> {
    let (k, from) = lower_const(rt, c)?;
    convert_const(k, &from, to).ok_or_else(|| {
        format!(
            "the constant {} cannot be used as a {}",
            flowgraph::print::format_const(c, rt.prog),
            user_name(to)
        )
    })
}

/// The value of a place of type `t` that nothing was stored in: zero, null.
pub fn default_value(t: &LLType) -> LLConst {
    match t {
        LLType::Void | LLType::Class => LLConst::Void,
        LLType::Func(..) => LLConst::Null(t.clone()),
        LLType::Bool => LLConst::Bool(false),
        LLType::Signed => LLConst::Int(0),
        LLType::Unsigned => LLConst::UInt(0),
        LLType::Float => LLConst::Float(0.0),
        LLType::Char => LLConst::Char(0),
        ptr => LLConst::Null(ptr.clone()),
    }
}

/// Convert a constant of type `from` to type `to`.
pub fn convert_const(c: LLConst, from: &LLType, to: &LLType) -> Option<LLConst> {
    if from == to {
        return Some(c);
    }
    Some(match (c, to) {
        (_, LLType::Void) => LLConst::Void,
        (LLConst::Int(i), LLType::Float) => LLConst::Float(i as f64),
        (LLConst::Int(i), LLType::Bool) => LLConst::Bool(i != 0),
        (LLConst::Bool(b), LLType::Signed) => LLConst::Int(b as i64),
        (LLConst::Int(i), LLType::Unsigned) => LLConst::UInt(rpy_semantics::uint::from_int(i)),
        (LLConst::Bool(b), LLType::Unsigned) => LLConst::UInt(b as u64),
        (LLConst::Bool(b), LLType::Float) => LLConst::Float(b as i64 as f64),
        (LLConst::Str(s), LLType::Char) if s.len() == 1 => LLConst::Char(s[0]),
        (LLConst::Char(b), LLType::Str) => LLConst::Str(Rc::from(vec![b])),
        (LLConst::Void | LLConst::Null(_), t) if t.is_ptr() => LLConst::Null(t.clone()),
        (LLConst::Null(_), t @ LLType::Func(..)) => LLConst::Null(t.clone()),
        // A method as a slot of a base class: its `self` is that base's.
        (LLConst::Func(f), LLType::Func(..)) if same_but_instances(from, to) => LLConst::Func(f),
        (LLConst::Void, t) => default_value(t),
        (LLConst::Prebuilt(id, _), t) if from.erase_mutability() == t.erase_mutability() => {
            LLConst::Prebuilt(id, t.clone())
        }
        // A prebuilt instance where the annotator let it flow: a place of
        // one of its classes' bases (instances are one pointer type).
        (LLConst::Prebuilt(id, _), t @ LLType::Instance(..))
            if matches!(from, LLType::Instance(..)) =>
        {
            LLConst::Prebuilt(id, t.clone())
        }
        (LLConst::Tuple(items), LLType::Tuple(ts)) => {
            let LLType::Tuple(fs) = from else { return None };
            if items.len() != ts.len() {
                return None;
            }
            let conv: Option<Vec<LLConst>> = items
                .iter()
                .zip(fs.iter().zip(ts.iter()))
                .map(|(i, (f, t))| convert_const(i.clone(), f, t))
                .collect();
            LLConst::Tuple(conv?.into())
        }
        _ => return None,
    })
}

/// Two function types that differ at most in which class instances they take.
fn same_but_instances(a: &LLType, b: &LLType) -> bool {
    let (LLType::Func(pa, ra), LLType::Func(pb, rb)) = (a, b) else {
        return false;
    };
    let same = |x: &LLType, y: &LLType| {
        x == y || matches!((x, y), (LLType::Instance(..), LLType::Instance(..)))
    };
    pa.len() == pb.len() && pa.iter().zip(pb.iter()).all(|(x, y)| same(x, y)) && ra == rb
}

impl GraphTyper<'_, '_> {
    /// Convert `val` (of type `from`, annotated `src`) to type `to`,
    /// emitting the ops it takes.
    pub fn convert(
        &mut self,
        val: LLValue,
        from: &LLType,
        src: &SomeValue,
        to: &LLType,
    ) -> DResult<LLValue> {
        if from == to {
            return Ok(val);
        }
        // One known function or class (Void) used as a function or class value.
        match (src, to) {
            (SomeValue::Funcs(fs), LLType::Func(..)) if fs.len() == 1 => {
                let f = *fs.iter().next().expect("one function");
                return Ok(LLValue::Const(LLConst::Func(f)));
            }
            (SomeValue::Classes(cs), LLType::Class) if cs.len() == 1 => {
                return Ok(LLValue::Const(LLConst::Class(
                    *cs.iter().next().expect("one class"),
                )));
            }
            _ => {}
        }
        if let LLValue::Const(c) = &val {
            if let Some(k) = convert_const(c.clone(), from, to) {
                return Ok(LLValue::Const(k));
            }
        }
        let op = |kind| (kind, to.clone());
        let (kind, ty) = match (from, to) {
            (LLType::Void, t) => return Ok(LLValue::Const(default_value(t))),
            // the annotator knows the value (`None` out of a list of them)
            (_, LLType::Void) => return Ok(LLValue::Const(LLConst::Void)),
            (LLType::Bool, LLType::Signed) => op(LLOpKind::CastBoolToInt),
            (LLType::Bool, LLType::Float) => {
                let i = self.emit(LLOpKind::CastBoolToInt, vec![val], LLType::Signed);
                return Ok(self.emit(LLOpKind::CastIntToFloat, vec![i], LLType::Float));
            }
            (LLType::Signed, LLType::Float) => op(LLOpKind::CastIntToFloat),
            (LLType::Signed, LLType::Unsigned) => op(LLOpKind::CastIntToUint),
            (LLType::Bool, LLType::Unsigned) => {
                let i = self.emit(LLOpKind::CastBoolToInt, vec![val], LLType::Signed);
                return Ok(self.emit(LLOpKind::CastIntToUint, vec![i], LLType::Unsigned));
            }
            (LLType::Signed, LLType::Bool) => op(LLOpKind::IntIsTrue),
            (LLType::Char, LLType::Str) => {
                return self.helper(Helper::rpy_char_to_str, vec![val], None)
            }
            (LLType::Str, LLType::Char) => {
                return Ok(self.emit(
                    LLOpKind::StrGetItem,
                    vec![val, LLValue::Const(LLConst::Int(0))],
                    LLType::Char,
                ))
            }
            (LLType::Instance(..), LLType::Instance(..)) => op(LLOpKind::CastPointer),
            (LLType::Tuple(fs), LLType::Tuple(ts)) if fs.len() == ts.len() => {
                return self.convert_tuple(val, fs, ts);
            }
            (a, b) if a.erase_mutability() == b.erase_mutability() => op(LLOpKind::SameAs),
            _ => {
                return Err(self.error(format!(
                    "a value of type {} is used where a {} is expected",
                    user_name(from),
                    user_name(to)
                )))
            }
        };
        Ok(self.emit(kind, vec![val], ty))
    }

    fn convert_tuple(&mut self, val: LLValue, fs: &[LLType], ts: &[LLType]) -> DResult<LLValue> {
        let mut items = Vec::new();
        for (k, (f, t)) in fs.iter().zip(ts).enumerate() {
            let item = self.emit(
                LLOpKind::TupleGetItem,
                vec![val.clone(), LLValue::Const(LLConst::Int(k as i64))],
                f.clone(),
            );
            items.push(self.convert(item, f, &SomeValue::Impossible, t)?);
        }
        Ok(self.emit(LLOpKind::NewTuple, items, LLType::Tuple(ts.to_vec().into())))
    }
}
