//! One LL op → one Rust expression, and how it reports an exception:
//! not at all, through an `RResult` (the runtime's `_r` forms of the inline
//! raising ops, which rustc merges with the op's own test), or by leaving
//! it pending in `RPY_EXC` (calls).

use super::Gen;
use rpy_rtyper::ll::ops::Rust;
use rpy_rtyper::ll::{LLConst, LLGraph, LLOp, LLOpKind as K, LLType, LLValue};

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

    /// The code of one op (its result is assigned by the caller): the op
    /// table's Rust form, or the op's own case below.
    pub fn op_code(&self, g: &LLGraph, op: &LLOp) -> OpCode {
        let a: Vec<String> = op.args.iter().map(|v| self.value(v)).collect();
        match op.kind.info().rust {
            Rust::Special => self.special_op_code(g, op, &a),
            r @ (Rust::Expr(_) | Rust::Call(_)) => OpCode::Plain(r.render(&a)),
            r @ Rust::CallR(_) => OpCode::Result(r.render(&a)),
        }
    }

    /// The ops whose Rust form depends on the program.
    fn special_op_code(&self, g: &LLGraph, op: &LLOp, a: &[String]) -> OpCode {
        use OpCode::{Nothing, Plain, Result};
        let call = |f: &str| format!("{f}({})", a.join(", "));
        match op.kind {
            K::GetField | K::SetField => {
                let c = self.class_of(g, &op.args[0]);
                let place = self.field_place(&a[0], c, self.field_of(&op.args[1]));
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
            other => unreachable!("genrust: {} has a Rust form in the op table", other.name()),
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
