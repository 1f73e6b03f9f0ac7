//! RPython's `rarithmetic` in LL ops: `r_uint` arithmetic and comparisons
//! (`uint_*`, the int operand cast to `Unsigned` first; a shift count
//! stays `Signed`), the `int_*_ovf` ops of `ovfcheck`, and the builtins
//! `r_uint`, `intmask`, `is_valid_int`.

use super::graph::GraphTyper;
use super::ops::{bool_const, Cat};
use crate::ll::{LLConst, LLOpKind, LLType, LLValue};
use flowgraph::model::{Op, Value};
use flowgraph::ops::OpKind;
use rpy_front::DResult;
use rpy_semantics::ovf::OvfOp;

impl GraphTyper<'_, '_> {
    /// Does an op on `x` and `y` work on r_uints?
    pub fn unsigned_pair(&self, x: &Value, y: &Value) -> bool {
        self.cat(x) == Cat::UInt || self.cat(y) == Cat::UInt
    }

    /// `x op y` with an r_uint operand.
    pub fn uint_binary(&mut self, op: &Op) -> DResult<LLValue> {
        use LLOpKind as L;
        let (x, y) = (&op.args[0], &op.args[1]);
        let kind = match op.kind {
            OpKind::Add | OpKind::InplaceAdd => L::UintAdd,
            OpKind::Sub => L::UintSub,
            OpKind::Mul | OpKind::InplaceMul => L::UintMul,
            OpKind::FloorDiv => L::UintFloorDiv,
            OpKind::Mod => L::UintMod,
            OpKind::And => L::UintAnd,
            OpKind::Or => L::UintOr,
            OpKind::Xor => L::UintXor,
            OpKind::LShift => L::UintLshift,
            OpKind::RShift => L::UintRshift,
            _ => return Err(self.error(format!("cannot translate `{}` on r_uint", op.kind.name()))),
        };
        let a = self.operand(x, &LLType::Unsigned)?;
        // a shift's count keeps its int value
        let shift = matches!(kind, L::UintLshift | L::UintRshift);
        let count = if shift && self.cat(y) == Cat::UInt {
            let u = self.operand(y, &LLType::Unsigned)?;
            self.emit(L::CastUintToInt, vec![u], LLType::Signed)
        } else if shift {
            self.operand(y, &LLType::Signed)?
        } else {
            self.operand(y, &LLType::Unsigned)?
        };
        Ok(self.emit(kind, vec![a, count], LLType::Unsigned))
    }

    /// `-u`, `+u`, `~u`.
    pub fn uint_unary(&mut self, op: &Op) -> DResult<LLValue> {
        let u = self.operand(&op.args[0], &LLType::Unsigned)?;
        Ok(match op.kind {
            OpKind::Neg => self.emit(LLOpKind::UintNeg, vec![u], LLType::Unsigned),
            OpKind::Invert => self.emit(LLOpKind::UintInvert, vec![u], LLType::Unsigned),
            _ => u,
        })
    }

    /// A comparison with an r_uint operand (the annotator made sure the
    /// other one is an r_uint or an int >= 0): unsigned.
    pub fn uint_compare(&mut self, kind: OpKind, x: &Value, y: &Value) -> DResult<LLValue> {
        use LLOpKind as L;
        let k = match kind {
            OpKind::Lt => L::UintLt,
            OpKind::Le => L::UintLe,
            OpKind::Eq => L::UintEq,
            OpKind::Ne => L::UintNe,
            OpKind::Gt => L::UintGt,
            _ => L::UintGe,
        };
        let args = vec![
            self.operand(x, &LLType::Unsigned)?,
            self.operand(y, &LLType::Unsigned)?,
        ];
        Ok(self.emit(k, args, LLType::Bool))
    }

    /// `ovfcheck(x op y)`: the overflow-checked int op.
    pub fn ovf(&mut self, op: &Op) -> DResult<LLValue> {
        let kind = match op.kind.ovf_op().expect("an _ovf op") {
            OvfOp::Add => LLOpKind::IntAddOvf,
            OvfOp::Sub => LLOpKind::IntSubOvf,
            OvfOp::Mul => LLOpKind::IntMulOvf,
            OvfOp::LShift => LLOpKind::IntLshiftOvf,
            OvfOp::Neg => LLOpKind::IntNegOvf,
        };
        let args = op
            .args
            .iter()
            .map(|a| self.operand(a, &LLType::Signed))
            .collect::<DResult<Vec<_>>>()?;
        Ok(self.emit(kind, args, LLType::Signed))
    }

    /// `r_uint(x)`.
    pub fn r_uint(&mut self, x: &Value) -> DResult<LLValue> {
        self.operand(x, &LLType::Unsigned)
    }

    /// `intmask(x)`: an r_uint's bits as an int; an int itself.
    pub fn intmask(&mut self, x: &Value) -> DResult<LLValue> {
        if self.cat(x) == Cat::UInt {
            let u = self.operand(x, &LLType::Unsigned)?;
            return Ok(self.emit(LLOpKind::CastUintToInt, vec![u], LLType::Signed));
        }
        self.operand(x, &LLType::Signed)
    }

    /// `is_valid_int(x)`: true for ints and bools, for an r_uint whether
    /// it is below 2**63, false for anything else.
    pub fn is_valid_int(&mut self, x: &Value) -> DResult<LLValue> {
        Ok(match self.cat(x) {
            Cat::UInt => {
                let u = self.operand(x, &LLType::Unsigned)?;
                let max = LLValue::Const(LLConst::UInt(i64::MAX as u64));
                self.emit(LLOpKind::UintLe, vec![u, max], LLType::Bool)
            }
            c => bool_const(c.intlike()),
        })
    }
}
