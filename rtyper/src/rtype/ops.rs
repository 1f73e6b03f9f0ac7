//! HL ops → LL ops, chosen by the annotations of the operands: arithmetic,
//! comparisons, truth, identity, containers, attributes, exceptions and
//! JIT hints. Calls are in `calls.rs`, builtins and methods in `builtins.rs`.

use super::class_slot::ClassSlot;
use super::graph::GraphTyper;
use super::lltypes::user_name;
use crate::annotate::{IterKind, SomeValue};
use crate::ll::helpers::Helper;
use crate::ll::{LLConst, LLOpKind, LLType, LLValue};
use flowgraph::model::{Op, Value};
use flowgraph::ops::OpKind;
use rpy_front::program::{builtin_class, ClassId, ConstValue};
use rpy_front::DResult;

/// What kind of value an annotation describes, for choosing LL ops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cat {
    Int,
    Bool,
    /// An `r_uint`.
    UInt,
    Float,
    Char,
    Str,
    List,
    Dict,
    Tuple,
    Instance,
    None,
    Other,
}

impl Cat {
    pub fn of(a: &SomeValue) -> Cat {
        match a {
            SomeValue::Int { .. } => Cat::Int,
            SomeValue::Bool => Cat::Bool,
            SomeValue::UInt => Cat::UInt,
            SomeValue::Float => Cat::Float,
            SomeValue::Str {
                char: true,
                nullable: false,
            } => Cat::Char,
            SomeValue::Str { .. } => Cat::Str,
            SomeValue::List { .. } => Cat::List,
            SomeValue::Dict { .. } => Cat::Dict,
            SomeValue::Tuple(_) => Cat::Tuple,
            SomeValue::Instance { .. } => Cat::Instance,
            SomeValue::None => Cat::None,
            _ => Cat::Other,
        }
    }
    pub fn intlike(self) -> bool {
        matches!(self, Cat::Int | Cat::Bool)
    }
    pub fn numeric(self) -> bool {
        self.intlike() || self == Cat::Float
    }
    pub fn strlike(self) -> bool {
        matches!(self, Cat::Char | Cat::Str)
    }
}

pub fn int_const(i: i64) -> LLValue {
    LLValue::Const(LLConst::Int(i))
}

pub fn bool_const(b: bool) -> LLValue {
    LLValue::Const(LLConst::Bool(b))
}

fn symbol(kind: OpKind) -> &'static str {
    match kind {
        OpKind::Add | OpKind::InplaceAdd => "+",
        OpKind::Sub => "-",
        OpKind::Mul | OpKind::InplaceMul => "*",
        OpKind::TrueDiv => "/",
        OpKind::FloorDiv => "//",
        OpKind::Mod => "%",
        OpKind::Pow => "**",
        OpKind::LShift => "<<",
        OpKind::RShift => ">>",
        OpKind::And => "&",
        OpKind::Or => "|",
        OpKind::Xor => "^",
        OpKind::Neg => "unary -",
        OpKind::Pos => "unary +",
        OpKind::Invert => "~",
        OpKind::Lt => "<",
        OpKind::Le => "<=",
        OpKind::Eq => "==",
        OpKind::Ne => "!=",
        OpKind::Gt => ">",
        OpKind::Ge => ">=",
        OpKind::Is => "is",
        OpKind::Contains => "in",
        other => other.name(),
    }
}

impl GraphTyper<'_, '_> {
    pub fn cat(&self, v: &Value) -> Cat {
        Cat::of(&self.ann_of(v))
    }

    /// The user's name for an operand's type.
    pub fn user_type(&self, v: &Value) -> String {
        let x = self
            .value(v)
            .map_or(LLValue::Const(LLConst::Void), |(x, _)| x);
        self.user_type_ll(&x, &self.ann_of(v))
    }

    /// The user's name for the type of an LL value annotated `ann`.
    pub fn user_type_ll(&self, x: &LLValue, ann: &SomeValue) -> String {
        match self.ty_of(x) {
            LLType::Void => match ann {
                SomeValue::None => "None".into(),
                SomeValue::Funcs(_) => "function".into(),
                SomeValue::Classes(_) => "class".into(),
                SomeValue::Builtin(b) => format!("builtin {}", b.name()),
                _ => "an unknown value".into(),
            },
            t => user_name(&t),
        }
    }

    fn unsupported(&self, op: &Op) -> rpy_front::Diagnostic {
        let types: Vec<String> = op.args.iter().map(|a| self.user_type(a)).collect();
        self.error(format!(
            "cannot translate `{}` on {}",
            symbol(op.kind),
            types.join(" and ")
        ))
    }

    /// The result type of an HL op (a hint for generic ops).
    pub fn result_type(&self, op: &Op) -> DResult<LLType> {
        self.var_type(op.result)
    }

    pub fn lower_op(&mut self, op: &Op) -> DResult<()> {
        let a = &op.args;
        let r = match op.kind {
            OpKind::Add
            | OpKind::Sub
            | OpKind::Mul
            | OpKind::TrueDiv
            | OpKind::FloorDiv
            | OpKind::Mod
            | OpKind::Pow
            | OpKind::LShift
            | OpKind::RShift
            | OpKind::And
            | OpKind::Or
            | OpKind::Xor
            | OpKind::InplaceAdd
            | OpKind::InplaceMul
                if self.unsigned_pair(&a[0], &a[1]) =>
            {
                self.uint_binary(op)?
            }
            OpKind::Add
            | OpKind::Sub
            | OpKind::Mul
            | OpKind::TrueDiv
            | OpKind::FloorDiv
            | OpKind::Mod
            | OpKind::Pow
            | OpKind::LShift
            | OpKind::RShift
            | OpKind::And
            | OpKind::Or
            | OpKind::Xor
            | OpKind::InplaceAdd
            | OpKind::InplaceMul => self.binary(op)?,
            OpKind::AddOvf
            | OpKind::SubOvf
            | OpKind::MulOvf
            | OpKind::LShiftOvf
            | OpKind::NegOvf => self.ovf(op)?,
            OpKind::Neg | OpKind::Pos | OpKind::Invert if self.cat(&a[0]) == Cat::UInt => {
                self.uint_unary(op)?
            }
            OpKind::Neg | OpKind::Pos | OpKind::Invert => self.unary(op)?,
            OpKind::IsTrue => self.truth(&a[0])?,
            OpKind::Not => {
                let t = self.truth(&a[0])?;
                self.not(t)
            }
            OpKind::Lt | OpKind::Le | OpKind::Eq | OpKind::Ne | OpKind::Gt | OpKind::Ge => self
                .compare(op.kind, &a[0], &a[1])
                .map_err(|_| self.unsupported(op))?,
            OpKind::Is => self.identity(&a[0], &a[1])?,
            OpKind::Contains => self.contains(op)?,
            OpKind::GetItem => self.getitem(op)?,
            OpKind::SetItem => self.setitem(op)?,
            OpKind::DelItem => match self.cat(&a[0]) {
                Cat::List => {
                    let (l, _) = self.value(&a[0])?;
                    let i = self.operand(&a[1], &LLType::Signed)?;
                    self.helper(Helper::rpy_list_delitem, vec![l, i], None)?
                }
                Cat::Dict => {
                    let (d, _) = self.value(&a[0])?;
                    let (k, _) = self.value(&a[1])?;
                    self.helper(Helper::rpy_dict_delitem, vec![d, k], None)?
                }
                _ => return Err(self.unsupported(op)),
            },
            OpKind::GetSlice => self.getslice(op)?,
            OpKind::DelSlice => self.delslice(op)?,
            OpKind::Len => self.len(op, &a[0])?,
            OpKind::NewList => {
                let ty = self.result_type(op)?;
                let item = ty.list_item().cloned().unwrap_or(LLType::Void);
                let items = a
                    .iter()
                    .map(|v| self.operand(v, &item))
                    .collect::<DResult<Vec<_>>>()?;
                self.emit(LLOpKind::NewList, items, ty)
            }
            OpKind::NewTuple => {
                let ty = self.result_type(op)?;
                let LLType::Tuple(ts) = &ty else {
                    return Err(self.unsupported(op));
                };
                let items = a
                    .iter()
                    .zip(ts.iter())
                    .map(|(v, t)| self.operand(v, t))
                    .collect::<DResult<Vec<_>>>()?;
                self.emit(LLOpKind::NewTuple, items, ty)
            }
            OpKind::NewDict => {
                let ty = self.result_type(op)?;
                let d = self.helper(Helper::rpy_dict_new, Vec::new(), Some(&ty))?;
                for pair in a.chunks(2) {
                    let (k, _) = self.value(&pair[0])?;
                    let (v, _) = self.value(&pair[1])?;
                    self.helper(Helper::rpy_dict_setitem, vec![d.clone(), k, v], None)?;
                }
                d
            }
            OpKind::Iter => {
                let ty = self.result_type(op)?;
                let name = match self.cat(&a[0]) {
                    Cat::List => Helper::rpy_list_iter,
                    Cat::Str | Cat::Char => Helper::rpy_str_iter,
                    Cat::Dict => Helper::rpy_dict_iter,
                    _ => return Err(self.unsupported(op)),
                };
                let (x, _) = self.value(&a[0])?;
                self.helper(name, vec![x], Some(&ty))?
            }
            OpKind::Next => {
                let ty = self.result_type(op)?;
                let name = match self.ann_of(&a[0]) {
                    SomeValue::Iter(IterKind::List(_)) => Helper::rpy_list_iter_next,
                    SomeValue::Iter(IterKind::Str) => Helper::rpy_str_iter_next,
                    SomeValue::Iter(IterKind::Dict(_)) => Helper::rpy_dict_iter_next,
                    _ => return Err(self.unsupported(op)),
                };
                let (it, _) = self.value(&a[0])?;
                self.helper(name, vec![it], Some(&ty))?
            }
            OpKind::GetAttr => self.getattr(op)?,
            OpKind::SetAttr => self.setattr(op)?,
            OpKind::SimpleCall => self.simple_call(op)?,
            OpKind::CallKw => self.call_kw(op)?,
            OpKind::CallMethod | OpKind::CallMethodKw => self.call_method(op)?,
            OpKind::ExcMatch => self.type_test(&a[0], &a[1], false)?,
            OpKind::TypeIs => self.type_test(&a[0], &a[1], true)?,
            OpKind::ExcInstance => match &a[0] {
                Value::Const(ConstValue::Class(c)) => self.instantiate(*c, &[], &[])?,
                v => self.value(v)?.0,
            },
            OpKind::JitMergePoint | OpKind::CanEnterJit => self.jit_hint(op)?,
            OpKind::Promote => {
                let ty = self.result_type(op)?;
                let v = self.operand(&a[0], &ty)?;
                self.emit(LLOpKind::JitPromote, vec![v], ty)
            }
            OpKind::WeAreJitted => self.emit(LLOpKind::JitWeAreJitted, Vec::new(), LLType::Bool),
            OpKind::SameAs => self.value(&a[0])?.0,
        };
        self.bind(op.result, r)
    }

    pub fn not(&mut self, b: LLValue) -> LLValue {
        match b {
            LLValue::Const(LLConst::Bool(x)) => bool_const(!x),
            b => self.emit(LLOpKind::BoolNot, vec![b], LLType::Bool),
        }
    }

    fn binary(&mut self, op: &Op) -> DResult<LLValue> {
        let (x, y) = (&op.args[0], &op.args[1]);
        let (cx, cy) = (self.cat(x), self.cat(y));
        let k = op.kind;
        let int_op = match k {
            OpKind::Add | OpKind::InplaceAdd => Some(LLOpKind::IntAdd),
            OpKind::Sub => Some(LLOpKind::IntSub),
            OpKind::Mul | OpKind::InplaceMul => Some(LLOpKind::IntMul),
            OpKind::FloorDiv => Some(LLOpKind::IntFloorDiv),
            OpKind::Mod => Some(LLOpKind::IntMod),
            OpKind::LShift => Some(LLOpKind::IntLshift),
            OpKind::RShift => Some(LLOpKind::IntRshift),
            OpKind::And => Some(LLOpKind::IntAnd),
            OpKind::Or => Some(LLOpKind::IntOr),
            OpKind::Xor => Some(LLOpKind::IntXor),
            _ => None,
        };
        let float_op = match k {
            OpKind::Add | OpKind::InplaceAdd => Some(LLOpKind::FloatAdd),
            OpKind::Sub => Some(LLOpKind::FloatSub),
            OpKind::Mul | OpKind::InplaceMul => Some(LLOpKind::FloatMul),
            OpKind::TrueDiv => Some(LLOpKind::FloatTrueDiv),
            OpKind::FloorDiv => Some(LLOpKind::FloatFloorDiv),
            OpKind::Mod => Some(LLOpKind::FloatMod),
            _ => None,
        };
        let both = |t: LLType, s: &mut Self| -> DResult<Vec<LLValue>> {
            Ok(vec![s.operand(x, &t)?, s.operand(y, &t)?])
        };
        if cx.intlike() && cy.intlike() && k != OpKind::TrueDiv {
            if k == OpKind::Pow {
                let args = both(LLType::Signed, self)?;
                return self.helper(Helper::rpy_int_pow, args, None);
            }
            if let Some(kind) = int_op {
                let args = both(LLType::Signed, self)?;
                return Ok(self.emit(kind, args, LLType::Signed));
            }
        }
        if cx.numeric() && cy.numeric() {
            if k == OpKind::Pow {
                let args = both(LLType::Float, self)?;
                return self.helper(Helper::rpy_float_pow, args, None);
            }
            if let Some(kind) = float_op {
                let args = both(LLType::Float, self)?;
                return Ok(self.emit(kind, args, LLType::Float));
            }
        }
        if k == OpKind::Mod && cx.strlike() {
            return self.percent_format(op);
        }
        let (vx, _) = self.value(x)?;
        let (vy, _) = self.value(y)?;
        let hint = self.result_type(op)?;
        let is_add = matches!(k, OpKind::Add | OpKind::InplaceAdd);
        let is_mul = matches!(k, OpKind::Mul | OpKind::InplaceMul);
        match (cx, cy) {
            (a, b) if is_add && a.strlike() && b.strlike() => {
                self.helper(Helper::rpy_str_concat, vec![vx, vy], None)
            }
            (a, b) if is_mul && a.strlike() && b.intlike() => {
                self.helper(Helper::rpy_str_repeat, vec![vx, vy], None)
            }
            (a, b) if is_mul && a.intlike() && b.strlike() => {
                self.helper(Helper::rpy_str_repeat, vec![vy, vx], None)
            }
            (Cat::List, Cat::List) if k == OpKind::InplaceAdd => {
                self.helper(Helper::rpy_list_extend, vec![vx.clone(), vy], None)?;
                Ok(vx)
            }
            (Cat::List, Cat::List) if k == OpKind::Add => {
                self.helper(Helper::rpy_list_concat, vec![vx, vy], Some(&hint))
            }
            (Cat::List, b) if k == OpKind::InplaceMul && b.intlike() => {
                self.helper(Helper::rpy_list_inplace_repeat, vec![vx.clone(), vy], None)?;
                Ok(vx)
            }
            (Cat::List, b) if is_mul && b.intlike() => {
                self.helper(Helper::rpy_list_repeat, vec![vx, vy], Some(&hint))
            }
            (a, Cat::List) if is_mul && a.intlike() => {
                self.helper(Helper::rpy_list_repeat, vec![vy, vx], Some(&hint))
            }
            _ => Err(self.unsupported(op)),
        }
    }

    fn unary(&mut self, op: &Op) -> DResult<LLValue> {
        let x = &op.args[0];
        let c = self.cat(x);
        let (ty, kind) = match (op.kind, c) {
            (OpKind::Neg, c) if c.intlike() => (LLType::Signed, Some(LLOpKind::IntNeg)),
            (OpKind::Neg, Cat::Float) => (LLType::Float, Some(LLOpKind::FloatNeg)),
            (OpKind::Invert, c) if c.intlike() => (LLType::Signed, Some(LLOpKind::IntInvert)),
            (OpKind::Pos, c) if c.intlike() => (LLType::Signed, None),
            (OpKind::Pos, Cat::Float) => (LLType::Float, None),
            _ => return Err(self.unsupported(op)),
        };
        let v = self.operand(x, &ty)?;
        Ok(match kind {
            Some(k) => self.emit(k, vec![v], ty),
            None => v,
        })
    }

    /// The truth of a value, as a `Bool`.
    pub fn truth(&mut self, x: &Value) -> DResult<LLValue> {
        if let Value::Const(c) = x {
            if let Some(b) = rpy_front::constfold::fixed_truth(c) {
                return Ok(bool_const(b));
            }
        }
        let ann = self.ann_of(x);
        let nullable = ann.is_nullable();
        let (v, _) = self.value(x)?;
        Ok(match Cat::of(&ann) {
            Cat::Bool => self.operand(x, &LLType::Bool)?,
            Cat::Int => self.emit(LLOpKind::IntIsTrue, vec![v], LLType::Bool),
            Cat::UInt => self.emit(LLOpKind::UintIsTrue, vec![v], LLType::Bool),
            Cat::Float => self.emit(LLOpKind::FloatIsTrue, vec![v], LLType::Bool),
            Cat::Char => bool_const(true),
            Cat::Str if nullable => self.helper(Helper::rpy_str_is_true, vec![v], None)?,
            Cat::List if nullable => self.helper(Helper::rpy_list_is_true, vec![v], None)?,
            Cat::Str | Cat::List => {
                let kind = if Cat::of(&ann) == Cat::Str {
                    LLOpKind::StrLen
                } else {
                    LLOpKind::ListLen
                };
                let n = self.emit(kind, vec![v], LLType::Signed);
                self.emit(LLOpKind::IntIsTrue, vec![n], LLType::Bool)
            }
            Cat::Dict => self.helper(Helper::rpy_dict_is_true, vec![v], None)?,
            Cat::Instance if nullable => self.emit(LLOpKind::PtrNonZero, vec![v], LLType::Bool),
            Cat::Tuple => match ann {
                SomeValue::Tuple(items) => bool_const(!items.is_empty()),
                _ => unreachable!("Cat::Tuple"),
            },
            Cat::None => bool_const(false),
            Cat::Instance | Cat::Other => bool_const(true),
        })
    }

    /// `x <op> y` for the six comparisons, as a `Bool`; `Err(())` when
    /// the types cannot be compared.
    pub fn compare(&mut self, kind: OpKind, x: &Value, y: &Value) -> Result<LLValue, ()> {
        self.compare_inner(kind, x, y).map_err(|_| ())
    }

    fn compare_inner(&mut self, kind: OpKind, x: &Value, y: &Value) -> DResult<LLValue> {
        let (cx, cy) = (self.cat(x), self.cat(y));
        let eq = matches!(kind, OpKind::Eq | OpKind::Ne);
        let pick = |ops: [LLOpKind; 6]| match kind {
            OpKind::Lt => ops[0],
            OpKind::Le => ops[1],
            OpKind::Eq => ops[2],
            OpKind::Ne => ops[3],
            OpKind::Gt => ops[4],
            _ => ops[5],
        };
        use LLOpKind::*;
        if eq && (cx == Cat::None || cy == Cat::None) {
            let r = self.identity(x, y)?;
            return Ok(if kind == OpKind::Ne { self.not(r) } else { r });
        }
        if self.unsigned_pair(x, y)
            && (cx.numeric() || cx == Cat::UInt)
            && (cy.numeric() || cy == Cat::UInt)
        {
            return self.uint_compare(kind, x, y);
        }
        if cx.intlike() && cy.intlike() {
            let args = vec![
                self.operand(x, &LLType::Signed)?,
                self.operand(y, &LLType::Signed)?,
            ];
            return Ok(self.emit(
                pick([IntLt, IntLe, IntEq, IntNe, IntGt, IntGe]),
                args,
                LLType::Bool,
            ));
        }
        if cx.numeric() && cy.numeric() {
            let args = vec![
                self.operand(x, &LLType::Float)?,
                self.operand(y, &LLType::Float)?,
            ];
            let k = pick([FloatLt, FloatLe, FloatEq, FloatNe, FloatGt, FloatGe]);
            return Ok(self.emit(k, args, LLType::Bool));
        }
        if cx == Cat::Char && cy == Cat::Char {
            let args = vec![
                self.operand(x, &LLType::Char)?,
                self.operand(y, &LLType::Char)?,
            ];
            return Ok(self.emit(
                pick([CharLt, CharLe, CharEq, CharNe, CharGt, CharGe]),
                args,
                LLType::Bool,
            ));
        }
        if cx.strlike() && cy.strlike() {
            let args = vec![
                self.operand(x, &LLType::Str)?,
                self.operand(y, &LLType::Str)?,
            ];
            if eq {
                let r = self.helper(Helper::rpy_str_eq, args, None)?;
                return Ok(if kind == OpKind::Ne { self.not(r) } else { r });
            }
            let c = self.helper(Helper::rpy_str_cmp, args, None)?;
            return Ok(self.emit(
                pick([IntLt, IntLe, IntEq, IntNe, IntGt, IntGe]),
                vec![c, int_const(0)],
                LLType::Bool,
            ));
        }
        if !eq {
            return Err(self.error("unordered"));
        }
        let helper = match (cx, cy) {
            (Cat::Instance, Cat::Instance) => {
                let r = self.identity(x, y)?;
                return Ok(if kind == OpKind::Ne { self.not(r) } else { r });
            }
            (Cat::List, Cat::List) => Helper::rpy_list_eq,
            (Cat::Tuple, Cat::Tuple) => Helper::rpy_tuple_eq,
            // Values of different kinds are never equal.
            (a, b) if a != b && a != Cat::Other && b != Cat::Other => {
                return Ok(bool_const(kind == OpKind::Ne))
            }
            _ => return Err(self.error("incomparable")),
        };
        let args = vec![self.value(x)?.0, self.value(y)?.0];
        let r = self.helper(helper, args, None)?;
        Ok(if kind == OpKind::Ne { self.not(r) } else { r })
    }

    /// `x is y`.
    pub fn identity(&mut self, x: &Value, y: &Value) -> DResult<LLValue> {
        let (vx, tx) = self.value(x)?;
        let (vy, ty) = self.value(y)?;
        let (cx, cy) = (self.cat(x), self.cat(y));
        let null_test = |s: &mut Self, v: LLValue, t: &LLType, nullable: bool| {
            if t.is_ptr() && nullable {
                s.emit(LLOpKind::PtrIsZero, vec![v], LLType::Bool)
            } else {
                bool_const(false)
            }
        };
        Ok(match (cx, cy) {
            (Cat::None, Cat::None) => bool_const(true),
            (Cat::None, _) => null_test(self, vy, &ty, self.ann_of(y).is_nullable()),
            (_, Cat::None) => null_test(self, vx, &tx, self.ann_of(x).is_nullable()),
            _ if tx.is_ptr() && ty.is_ptr() => {
                self.emit(LLOpKind::PtrEq, vec![vx, vy], LLType::Bool)
            }
            _ => match self.compare(OpKind::Eq, x, y) {
                Ok(r) => r,
                Err(()) => bool_const(tx == LLType::Void && ty == LLType::Void),
            },
        })
    }

    fn contains(&mut self, op: &Op) -> DResult<LLValue> {
        let (c, x) = (&op.args[0], &op.args[1]);
        if let Value::Const(ConstValue::Tuple(items)) = c {
            let mut any = bool_const(false);
            for item in items.iter() {
                let e = self
                    .compare(OpKind::Eq, x, &Value::Const(item.clone()))
                    .map_err(|_| self.unsupported(op))?;
                any = self.or(any, e);
            }
            return Ok(any);
        }
        let (vc, _) = self.value(c)?;
        let (vx, _) = self.value(x)?;
        let name = match (self.cat(c), self.cat(x)) {
            (Cat::List, Cat::Str) if self.list_item_is_char(c) => Helper::rpy_chars_contains_str,
            (Cat::List, _) => Helper::rpy_list_contains,
            (Cat::Dict, _) => Helper::rpy_dict_contains,
            (a, Cat::Char) if a.strlike() => Helper::rpy_str_contains_char,
            (a, Cat::Str) if a.strlike() => Helper::rpy_str_contains,
            _ => return Err(self.unsupported(op)),
        };
        self.helper(name, vec![vc, vx], None)
    }

    /// Is `v` a list whose items are `Char`s?
    fn list_item_is_char(&self, v: &Value) -> bool {
        matches!(self.value(v), Ok((_, LLType::List { item, .. })) if *item == LLType::Char)
    }

    /// `a or b` on two `Bool`s, without control flow.
    pub fn or(&mut self, a: LLValue, b: LLValue) -> LLValue {
        self.combine(a, b, true)
    }

    pub fn and(&mut self, a: LLValue, b: LLValue) -> LLValue {
        self.combine(a, b, false)
    }

    /// `a or b` (`or_`) / `a and b` of two bools, folded when one is a
    /// constant.
    fn combine(&mut self, a: LLValue, b: LLValue, or_: bool) -> LLValue {
        match (&a, &b) {
            (LLValue::Const(LLConst::Bool(x)), _) if *x != or_ => b,
            (_, LLValue::Const(LLConst::Bool(x))) if *x != or_ => a,
            (LLValue::Const(LLConst::Bool(_)), _) | (_, LLValue::Const(LLConst::Bool(_))) => {
                bool_const(or_)
            }
            _ => {
                let ia = self.emit(LLOpKind::CastBoolToInt, vec![a], LLType::Signed);
                let ib = self.emit(LLOpKind::CastBoolToInt, vec![b], LLType::Signed);
                let k = if or_ {
                    LLOpKind::IntOr
                } else {
                    LLOpKind::IntAnd
                };
                let o = self.emit(k, vec![ia, ib], LLType::Signed);
                self.emit(LLOpKind::IntIsTrue, vec![o], LLType::Bool)
            }
        }
    }

    fn is_nonneg(&self, v: &Value) -> bool {
        matches!(
            self.ann_of(v),
            SomeValue::Int { nonneg: true } | SomeValue::Bool
        )
    }

    fn getitem(&mut self, op: &Op) -> DResult<LLValue> {
        let (o, i) = (&op.args[0], &op.args[1]);
        let hint = self.result_type(op)?;
        match self.cat(o) {
            Cat::List => {
                let kind = if self.is_nonneg(i) {
                    LLOpKind::ListGetItemNonneg
                } else {
                    LLOpKind::ListGetItem
                };
                let (l, _) = self.value(o)?;
                let idx = self.operand(i, &LLType::Signed)?;
                self.op(kind, vec![l, idx], Some(&hint))
            }
            Cat::Str | Cat::Char => {
                let s = self.operand(o, &LLType::Str)?;
                let idx = self.operand(i, &LLType::Signed)?;
                Ok(self.emit(LLOpKind::StrGetItem, vec![s, idx], LLType::Char))
            }
            Cat::Dict => {
                let (d, _) = self.value(o)?;
                let (k, _) = self.value(i)?;
                self.helper(Helper::rpy_dict_getitem, vec![d, k], Some(&hint))
            }
            Cat::Tuple => {
                let (t, tt) = self.value(o)?;
                let LLType::Tuple(ts) = &tt else {
                    return Err(self.unsupported(op));
                };
                let Value::Const(ConstValue::Int(k)) = i else {
                    return Err(self.error("a tuple can only be indexed by a constant in rpy"));
                };
                let n = ts.len() as i64;
                let k = if *k < 0 { k + n } else { *k };
                if !(0..n).contains(&k) {
                    return Err(self.error(format!(
                        "tuple index {k} out of range for {}",
                        user_name(&tt)
                    )));
                }
                if let LLValue::Const(LLConst::Tuple(items)) = &t {
                    return Ok(LLValue::Const(items[k as usize].clone()));
                }
                Ok(self.emit(
                    LLOpKind::TupleGetItem,
                    vec![t, int_const(k)],
                    ts[k as usize].clone(),
                ))
            }
            _ => Err(self.unsupported(op)),
        }
    }

    fn setitem(&mut self, op: &Op) -> DResult<LLValue> {
        let (o, i, v) = (&op.args[0], &op.args[1], &op.args[2]);
        match self.cat(o) {
            Cat::List => {
                let kind = if self.is_nonneg(i) {
                    LLOpKind::ListSetItemNonneg
                } else {
                    LLOpKind::ListSetItem
                };
                let (l, _) = self.value(o)?;
                let idx = self.operand(i, &LLType::Signed)?;
                let (x, _) = self.value(v)?;
                self.op(kind, vec![l, idx, x], None)
            }
            Cat::Dict => {
                let (d, _) = self.value(o)?;
                let (k, _) = self.value(i)?;
                let (x, _) = self.value(v)?;
                self.helper(Helper::rpy_dict_setitem, vec![d, k, x], None)
            }
            _ => Err(self.unsupported(op)),
        }
    }

    /// The bounds of `x[lo:hi]` as ints (a missing one: 0 or the maximum).
    fn slice_bounds(&mut self, op: &Op) -> DResult<(LLValue, LLValue)> {
        let bound = |s: &mut Self, v: &Value, missing: i64| match v {
            Value::Const(ConstValue::None) => Ok(int_const(missing)),
            v => s.operand(v, &LLType::Signed),
        };
        Ok((
            bound(self, &op.args[1], 0)?,
            bound(self, &op.args[2], i64::MAX)?,
        ))
    }

    fn delslice(&mut self, op: &Op) -> DResult<LLValue> {
        let (lo, hi) = self.slice_bounds(op)?;
        match self.cat(&op.args[0]) {
            Cat::List => {
                let (l, _) = self.value(&op.args[0])?;
                self.helper(Helper::rpy_list_delslice, vec![l, lo, hi], None)
            }
            _ => Err(self.unsupported(op)),
        }
    }

    fn getslice(&mut self, op: &Op) -> DResult<LLValue> {
        let (lo, hi) = self.slice_bounds(op)?;
        let hint = self.result_type(op)?;
        match self.cat(&op.args[0]) {
            Cat::Str | Cat::Char => {
                let s = self.operand(&op.args[0], &LLType::Str)?;
                self.helper(Helper::rpy_str_slice, vec![s, lo, hi], None)
            }
            Cat::List => {
                let (l, _) = self.value(&op.args[0])?;
                self.helper(Helper::rpy_list_slice, vec![l, lo, hi], Some(&hint))
            }
            _ => Err(self.unsupported(op)),
        }
    }

    pub fn len(&mut self, op: &Op, x: &Value) -> DResult<LLValue> {
        let (v, t) = self.value(x)?;
        Ok(match (self.cat(x), &t) {
            (Cat::List, _) => self.op(LLOpKind::ListLen, vec![v], None)?,
            (Cat::Str, _) => self.emit(LLOpKind::StrLen, vec![v], LLType::Signed),
            (Cat::Char, _) => int_const(1),
            (Cat::Dict, _) => self.helper(Helper::rpy_dict_len, vec![v], None)?,
            (Cat::Tuple, LLType::Tuple(ts)) => int_const(ts.len() as i64),
            _ => return Err(self.unsupported(op)),
        })
    }

    fn getattr(&mut self, op: &Op) -> DResult<LLValue> {
        let name = attr_name(op)?;
        let SomeValue::Instance { class, .. } = self.ann_of(&op.args[0]) else {
            return Err(self.error(format!(
                "{} has no attribute '{name}'",
                self.user_type(&op.args[0])
            )));
        };
        let (obj, _) = self.value(&op.args[0])?;
        let hint = self.result_type(op)?;
        if self.rt.fields[class.index()].contains_key(&name) {
            let ty = self.rt.fields[class.index()][&name].clone();
            return Ok(self.emit(LLOpKind::GetField, vec![obj, LLValue::field(&name)], ty));
        }
        if self.rt.prog.lookup_class_attr(class, &name).is_none()
            && !self
                .rt
                .subclasses(class)
                .iter()
                .any(|&d| self.rt.prog.class(d).attrs.contains_key(&name))
        {
            return Err(self.error(format!(
                "'{}' has no attribute '{name}'",
                self.rt.prog.class(class).name
            )));
        }
        self.class_attr(class, obj, &ClassSlot::Attr(name), &hint)
    }

    /// A class-level constant read through an instance of `class`: the
    /// constant itself when every instantiated subclass agrees, else a
    /// `getclassattr` from the vtable.
    pub fn class_attr(
        &mut self,
        class: ClassId,
        obj: LLValue,
        slot: &ClassSlot,
        ty: &LLType,
    ) -> DResult<LLValue> {
        let mut values = Vec::new();
        let classes: Vec<ClassId> = self
            .rt
            .subclasses(class)
            .into_iter()
            .filter(|&d| d == class || self.rt.is_instantiated(d))
            .collect();
        for d in classes {
            let v = match slot.value(self.rt.prog, d) {
                Some(c) => {
                    super::convert::const_to_type(self.rt, &c, ty).map_err(|e| self.error(e))?
                }
                None => super::convert::default_value(ty),
            };
            if (self.rt.is_instantiated(d) || values.is_empty()) && !values.contains(&v) {
                values.push(v);
            }
        }
        if values.len() == 1 {
            return Ok(LLValue::Const(values.pop().expect("one value")));
        }
        self.rt
            .class_attr_slots
            .borrow_mut()
            .insert((class, slot.clone()), ty.clone());
        Ok(self.emit(
            LLOpKind::GetClassAttr,
            vec![obj, LLValue::field(&slot.name())],
            ty.clone(),
        ))
    }

    fn setattr(&mut self, op: &Op) -> DResult<LLValue> {
        let name = attr_name(op)?;
        let SomeValue::Instance { class, .. } = self.ann_of(&op.args[0]) else {
            return Err(self.error(format!(
                "cannot set attribute '{name}' on {}",
                self.user_type(&op.args[0])
            )));
        };
        let Some(ty) = self.rt.fields[class.index()].get(&name).cloned() else {
            return Err(self.error(format!(
                "'{}' has no attribute '{name}'",
                self.rt.prog.class(class).name
            )));
        };
        let (obj, _) = self.value(&op.args[0])?;
        let v = self.operand(&op.args[2], &ty)?;
        Ok(self.emit(
            LLOpKind::SetField,
            vec![obj, LLValue::field(&name), v],
            LLType::Void,
        ))
    }

    fn jit_hint(&mut self, op: &Op) -> DResult<LLValue> {
        let Value::Const(ConstValue::Driver(d)) = &op.args[0] else {
            return Err(self.unsupported(op));
        };
        let info = self
            .rt
            .ann
            .drivers
            .get(d.index())
            .cloned()
            .unwrap_or_default();
        let mut args = vec![LLValue::Const(LLConst::Driver(*d))];
        for (v, a) in op.args[1..]
            .iter()
            .zip(info.greens.iter().chain(&info.reds))
        {
            let t = self.rt.ll(a).map_err(|e| self.error(e))?;
            args.push(self.operand(v, &t)?);
        }
        let kind = if op.kind == OpKind::JitMergePoint {
            LLOpKind::JitMergePoint
        } else {
            LLOpKind::CanEnterJit
        };
        Ok(self.emit(kind, args, LLType::Void))
    }

    /// An exception's message from its constructor arguments: none → null,
    /// one → its str (its repr for KeyError), several → the tuple's repr.
    pub fn exception_message(&mut self, class: ClassId, args: &[Value]) -> DResult<LLValue> {
        match args {
            [] => Ok(LLValue::Const(LLConst::Null(LLType::Str))),
            [a] if self.rt.prog.is_subclass(class, builtin_class::KEY_ERROR) => self.repr(a),
            [a] => self.str_of(a),
            many => {
                let mut items = Vec::new();
                for a in many {
                    items.push(self.value(a)?.0);
                }
                let types: Vec<LLType> = items.iter().map(|i| self.ty_of(i)).collect();
                let t = self.emit(LLOpKind::NewTuple, items, LLType::Tuple(types.into()));
                self.helper(Helper::rpy_tuple_repr, vec![t], None)
            }
        }
    }
}

/// The constant attribute name of a getattr/setattr.
fn attr_name(op: &Op) -> DResult<String> {
    match op.args.get(1) {
        Some(Value::Const(ConstValue::Str(s))) => Ok(String::from_utf8_lossy(s).into_owned()),
        _ => Err(rpy_front::Diagnostic::error(
            op.span,
            "attribute name must be a constant",
        )),
    }
}
