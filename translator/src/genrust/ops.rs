//! One LL op → one Rust expression, and how it reports an exception:
//! not at all, through an `RResult` (the runtime's `_r` forms of the inline
//! raising ops, which rustc merges with the op's own test), or by leaving
//! it pending in `RPY_EXC` (calls).

use super::Gen;
use flowgraph::ll::{LLConst, LLGraph, LLOp, LLOpKind as K, LLType, LLValue};

/// The Rust form of an op.
pub enum OpCode {
    /// An expression that cannot raise.
    Plain(String),
    /// An expression of type `RResult<T>`.
    Result(String),
    /// An expression that may leave an exception pending.
    Pending(String),
    /// A JIT hint with no run-time effect (a comment).
    Nothing(String),
}

impl Gen<'_> {
    /// An operand.
    pub fn value(&self, v: &LLValue) -> String {
        match v {
            LLValue::Var(x) => format!("v{}", x.0),
            LLValue::Const(c) => self.konst(c),
        }
    }

    fn field_of<'v>(&self, v: &'v LLValue) -> &'v str {
        match v {
            LLValue::Const(LLConst::Field(f)) => f,
            other => panic!("genrust: expected a field name, got {other:?}"),
        }
    }

    fn class_of(&self, g: &LLGraph, v: &LLValue) -> rpy_front::program::ClassId {
        self.prog
            .value_type(g, v)
            .and_then(|t| t.instance_class())
            .expect("genrust: an instance operand")
    }

    /// The code of one op (its result is assigned by the caller).
    pub fn op_code(&self, g: &LLGraph, op: &LLOp) -> OpCode {
        use OpCode::{Nothing, Plain, Result};
        let a: Vec<String> = op.args.iter().map(|v| self.value(v)).collect();
        let bin = |f: &str| Plain(format!("({} {f} {})", a[0], a[1]));
        let method = |m: &str| Plain(format!("{}.{m}({})", a[0], a[1]));
        let call = |f: &str| format!("{f}({})", a.join(", "));
        let call_r = |f: &str| Result(call(f));
        match op.kind {
            K::IntAdd => method("wrapping_add"),
            K::IntSub => method("wrapping_sub"),
            K::IntMul => method("wrapping_mul"),
            K::IntFloorDiv => call_r("rpy_int_floordiv_r"),
            K::IntMod => call_r("rpy_int_mod_r"),
            K::IntLshift => call_r("rpy_int_lshift_r"),
            K::IntRshift => call_r("rpy_int_rshift_r"),
            K::IntLt | K::FloatLt | K::CharLt => bin("<"),
            K::IntLe | K::FloatLe | K::CharLe => bin("<="),
            K::IntEq | K::FloatEq | K::CharEq => bin("=="),
            K::IntNe | K::FloatNe | K::CharNe => bin("!="),
            K::IntGt | K::FloatGt | K::CharGt => bin(">"),
            K::IntGe | K::FloatGe | K::CharGe => bin(">="),
            K::IntNeg => Plain(format!("{}.wrapping_neg()", a[0])),
            K::IntAbs => Plain(format!("{}.wrapping_abs()", a[0])),
            K::IntAnd => bin("&"),
            K::IntOr => bin("|"),
            K::IntXor => bin("^"),
            K::IntInvert | K::BoolNot => Plain(format!("(!{})", a[0])),
            K::IntIsTrue => Plain(format!("({} != 0)", a[0])),
            K::FloatAdd => bin("+"),
            K::FloatSub => bin("-"),
            K::FloatMul => bin("*"),
            K::FloatTrueDiv => call_r("rpy_float_truediv_r"),
            K::FloatFloorDiv => call_r("rpy_float_floordiv_r"),
            K::FloatMod => call_r("rpy_float_mod_r"),
            K::FloatNeg => Plain(format!("(-{})", a[0])),
            K::FloatAbs => Plain(format!("{}.abs()", a[0])),
            K::FloatIsTrue => Plain(format!("({} != 0.0)", a[0])),
            K::CastBoolToInt | K::CastCharToInt => Plain(format!("({} as i64)", a[0])),
            K::CastIntToFloat => Plain(format!("({} as f64)", a[0])),
            K::CastFloatToInt => call_r("rpy_cast_float_to_int_r"),
            K::CastIntToChar => call_r("rpy_cast_int_to_char_r"),
            K::PtrEq => Plain(format!("std::ptr::addr_eq({}, {})", a[0], a[1])),
            K::PtrNe => Plain(format!("(!std::ptr::addr_eq({}, {}))", a[0], a[1])),
            K::PtrIsZero => Plain(format!("{}.is_null()", a[0])),
            K::PtrNonZero => Plain(format!("(!{}.is_null())", a[0])),
            K::CastPointer | K::SameAs | K::JitPromote => Plain(a[0].clone()),
            K::Malloc => Plain(format!("rpy_malloc_dynamic({})", a[0])),
            K::MallocDynamic => Plain(format!("rpy_malloc_dynamic({})", a[0])),
            K::GetField | K::SetField => {
                let cls = self.prog.class(self.class_of(g, &op.args[0]));
                let f = super::classes::field_name(cls, self.field_of(&op.args[1]));
                let place = format!(
                    "(*({} as *mut {})).{f}",
                    a[0],
                    self.classes.struct_name[cls.id.expect("a class id").index()]
                );
                if op.kind == K::GetField {
                    Plain(place)
                } else {
                    Plain(format!("{place} = {}", a[2]))
                }
            }
            K::GetClassAttr | K::VtableMethod => {
                let c = self.class_of(g, &op.args[0]);
                let name = self.field_of(&op.args[1]);
                Plain(self.vtable_slot(&a[0], c, name, op.kind == K::VtableMethod))
            }
            K::InstanceOf => Plain(format!("rpy_instanceof({}, {})", a[0], a[1])),
            K::DirectCall => {
                let args = a[1..].join(", ");
                let code = match &op.args[0] {
                    LLValue::Const(LLConst::Func(f)) => format!("{}({args})", self.fn_names[f]),
                    LLValue::Const(LLConst::Helper(h)) if h.info().result_form => {
                        return Result(format!("{h}_r({args})"))
                    }
                    LLValue::Const(LLConst::Helper(h)) => format!("{h}({args})"),
                    other => panic!("genrust: direct_call of {other:?}"),
                };
                self.pending_if(op, code)
            }
            K::IndirectCall => {
                let code = format!("({})({})", a[0], a[1..].join(", "));
                self.pending_if(op, code)
            }
            K::NewList if a.is_empty() => Plain("rpy_newlist(0)".into()),
            K::NewList => Plain(format!("rpy_newlist_from(&[{}])", a.join(", "))),
            K::ListLen => Plain(call("rpy_list_len")),
            K::ListGetItem => call_r("rpy_list_getitem_r"),
            K::ListGetItemNonneg => call_r("rpy_list_getitem_nonneg_r"),
            K::ListSetItem => call_r("rpy_list_setitem_r"),
            K::ListSetItemNonneg => call_r("rpy_list_setitem_nonneg_r"),
            K::StrLen => Plain(call("rpy_str_len")),
            K::StrGetItem => call_r("rpy_str_getitem_r"),
            K::NewTuple => {
                let types: Vec<LLType> = op
                    .args
                    .iter()
                    .map(|v| self.prog.value_type(g, v).expect("a typed tuple item"))
                    .collect();
                Plain(call(&format!("new_{}", self.tuple_struct(&types))))
            }
            K::TupleGetItem => {
                let Some(LLType::Tuple(types)) = self.prog.value_type(g, &op.args[0]) else {
                    panic!("genrust: tuple_getitem of a non-tuple")
                };
                let Some(LLConst::Int(k)) = op.args[1].as_const() else {
                    panic!("genrust: tuple_getitem with a variable index")
                };
                let st = self.tuple_struct(&types);
                Plain(format!("(*({} as *mut {st})).f{k}", a[0]))
            }
            K::JitMergePoint | K::CanEnterJit => Nothing(op.kind.name().into()),
            K::JitWeAreJitted => Plain("false".into()),
        }
    }

    /// A call: `Pending` if the callee may raise, else `Plain`.
    fn pending_if(&self, op: &LLOp, code: String) -> OpCode {
        if self.analysis.op_raises(op) {
            OpCode::Pending(code)
        } else {
            OpCode::Plain(code)
        }
    }
}
