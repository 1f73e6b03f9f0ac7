//! The pure ops: int and float arithmetic, compares, casts and copies,
//! each a small table entry mapping the op to its instruction.

use super::assemble::Compiler;
use super::frame::{SCRATCH, SCRATCH2, XMM_SCRATCH, XMM_SCRATCH2};
use super::guard::{emit_setcc, Cond};
use super::moves::{emit_move, fits_i32, mov_imm, Operand};
use super::regalloc::{reg_loc, Loc};
use super::Asm;
use crate::ir::{Op, Opcode, Value};
use dynasmrt::{dynasm, DynasmApi, DynasmLabelApi};

/// Two-address int instructions `a = a OP b`.
#[derive(Clone, Copy)]
enum IntBin {
    Add,
    Sub,
    Mul,
    And,
    Or,
    Xor,
    Shl,
    Sar,
    Shr,
}

/// Two-address float instructions `a = a OP b`.
#[derive(Clone, Copy)]
enum FloatBin {
    Add,
    Sub,
    Mul,
    Div,
}

fn int_bin(op: Opcode) -> Option<IntBin> {
    use Opcode::*;
    Some(match op {
        IntAdd | IntAddOvf => IntBin::Add,
        IntSub | IntSubOvf => IntBin::Sub,
        IntMul | IntMulOvf => IntBin::Mul,
        IntAnd => IntBin::And,
        IntOr => IntBin::Or,
        IntXor => IntBin::Xor,
        IntLshift => IntBin::Shl,
        IntRshift => IntBin::Sar,
        UintRshift => IntBin::Shr,
        _ => return None,
    })
}

fn float_bin(op: Opcode) -> Option<FloatBin> {
    use Opcode::*;
    Some(match op {
        FloatAdd => FloatBin::Add,
        FloatSub => FloatBin::Sub,
        FloatMul => FloatBin::Mul,
        FloatTrueDiv => FloatBin::Div,
        _ => return None,
    })
}

/// `float_lt` and friends: the operands in `ucomisd` order and the
/// condition (`above` conditions are false on NaN).
fn float_compare(op: Opcode) -> Option<(bool, Cond)> {
    use Opcode::*;
    Some(match op {
        FloatLt => (true, Cond::A),
        FloatLe => (true, Cond::Ae),
        FloatGt => (false, Cond::A),
        FloatGe => (false, Cond::Ae),
        FloatEq => (false, Cond::E),
        FloatNe => (false, Cond::Ne),
        _ => return None,
    })
}

fn emit_int_bin(asm: &mut Asm, k: IntBin, r: u8, b: Operand) {
    use IntBin::*;
    match (k, b) {
        (Add, Operand::Imm(c)) if fits_i8(c) => dynasm!(asm ; .arch x64 ; add Rq(r), BYTE c as i8),
        (Sub, Operand::Imm(c)) if fits_i8(c) => dynasm!(asm ; .arch x64 ; sub Rq(r), BYTE c as i8),
        (Add, Operand::Imm(c)) => dynasm!(asm ; .arch x64 ; add Rq(r), c as i32),
        (Sub, Operand::Imm(c)) => dynasm!(asm ; .arch x64 ; sub Rq(r), c as i32),
        (Mul, Operand::Imm(c)) => dynasm!(asm ; .arch x64 ; imul Rq(r), Rq(r), c as i32),
        (And, Operand::Imm(c)) => dynasm!(asm ; .arch x64 ; and Rq(r), c as i32),
        (Or, Operand::Imm(c)) => dynasm!(asm ; .arch x64 ; or Rq(r), c as i32),
        (Xor, Operand::Imm(c)) => dynasm!(asm ; .arch x64 ; xor Rq(r), c as i32),
        (Shl, Operand::Imm(c)) => dynasm!(asm ; .arch x64 ; shl Rq(r), (c & 63) as i8),
        (Sar, Operand::Imm(c)) => dynasm!(asm ; .arch x64 ; sar Rq(r), (c & 63) as i8),
        (Shr, Operand::Imm(c)) => dynasm!(asm ; .arch x64 ; shr Rq(r), (c & 63) as i8),
        (Add, Operand::Gpr(b)) => dynasm!(asm ; .arch x64 ; add Rq(r), Rq(b)),
        (Sub, Operand::Gpr(b)) => dynasm!(asm ; .arch x64 ; sub Rq(r), Rq(b)),
        (Mul, Operand::Gpr(b)) => dynasm!(asm ; .arch x64 ; imul Rq(r), Rq(b)),
        (And, Operand::Gpr(b)) => dynasm!(asm ; .arch x64 ; and Rq(r), Rq(b)),
        (Or, Operand::Gpr(b)) => dynasm!(asm ; .arch x64 ; or Rq(r), Rq(b)),
        (Xor, Operand::Gpr(b)) => dynasm!(asm ; .arch x64 ; xor Rq(r), Rq(b)),
        (Shl, Operand::Gpr(b)) => dynasm!(asm ; .arch x64 ; mov rcx, Rq(b) ; shl Rq(r), cl),
        (Sar, Operand::Gpr(b)) => dynasm!(asm ; .arch x64 ; mov rcx, Rq(b) ; sar Rq(r), cl),
        (Shr, Operand::Gpr(b)) => dynasm!(asm ; .arch x64 ; mov rcx, Rq(b) ; shr Rq(r), cl),
        _ => panic!("emit_int_bin: operand {b:?}"),
    }
}

fn fits_i8(c: u64) -> bool {
    c as i64 == c as i8 as i64
}

fn emit_float_bin(asm: &mut Asm, k: FloatBin, r: u8, b: u8) {
    match k {
        FloatBin::Add => dynasm!(asm ; .arch x64 ; addsd Rx(r), Rx(b)),
        FloatBin::Sub => dynasm!(asm ; .arch x64 ; subsd Rx(r), Rx(b)),
        FloatBin::Mul => dynasm!(asm ; .arch x64 ; mulsd Rx(r), Rx(b)),
        FloatBin::Div => dynasm!(asm ; .arch x64 ; divsd Rx(r), Rx(b)),
    }
}

impl Compiler<'_> {
    /// The register of var `a`, if it is one and dies at op `i` (the
    /// result may then take it over).
    fn dying_reg(&self, a: Value, i: usize) -> Option<u8> {
        let v = a.as_var()?;
        match (self.ra.dies_at(v, i), self.ra.loc(v)) {
            (true, Loc::Gpr(r) | Loc::Xmm(r)) => Some(r),
            _ => None,
        }
    }

    /// A float value in an xmm register: its own, or `scratch` holding
    /// the constant.
    fn float_reg(&mut self, v: Value, scratch: u8) -> u8 {
        match v {
            Value::Var(x) => self.ra.in_reg(self.asm, x),
            Value::Const(_, c) => {
                mov_imm(self.asm, SCRATCH2, c);
                dynasm!(self.asm ; .arch x64 ; movq Rx(scratch), rcx);
                scratch
            }
        }
    }

    /// The result register of op `i` for a two-address instruction whose
    /// first operand is `a` (and second, in a register, `b`): `a`'s own
    /// register when it dies here, else a fresh one (never `b`'s), loaded
    /// with `a`.
    fn two_address_result(&mut self, i: usize, op: &Op, a: Value, b: Option<u8>) -> u8 {
        let r = op.result.expect("pure op without result");
        let hint = self.dying_reg(a, i);
        let avoid: Vec<u8> = b.into_iter().filter(|&b| Some(b) != hint).collect();
        self.ra.free_dead(op.args.iter().copied(), i);
        let dst = self.ra.define(self.asm, r, hint, &avoid);
        let src = match a {
            Value::Var(_) if Some(dst) == hint => return dst,
            Value::Var(_) => self.value_operand(a),
            Value::Const(_, c) => Operand::Imm(c),
        };
        let to = reg_loc(self.trace.kind(r), dst);
        emit_move(self.asm, src, to.into());
        dst
    }

    fn value_operand(&self, a: Value) -> Operand {
        self.ra.src(a).into()
    }

    pub fn pure(&mut self, i: usize, op: &Op) {
        let code = op.opcode;
        let a = op.args[0];
        if let Some(k) = int_bin(code) {
            let b = op.args[1];
            if let Value::Var(x) = a {
                self.ra.in_reg(self.asm, x);
            }
            let rb = b.as_var().map(|x| self.ra.in_reg(self.asm, x));
            let r = self.two_address_result(i, op, a, rb);
            let operand = match (rb, b) {
                (Some(rb), _) => Operand::Gpr(rb),
                (None, Value::Const(_, c)) if fits_i32(c) => Operand::Imm(c),
                (None, Value::Const(_, c)) => {
                    mov_imm(self.asm, SCRATCH, c);
                    Operand::Gpr(SCRATCH)
                }
                (None, Value::Var(_)) => unreachable!(),
            };
            emit_int_bin(self.asm, k, r, operand);
        } else if let Some(k) = float_bin(code) {
            if let Value::Var(x) = a {
                self.ra.in_reg(self.asm, x);
            }
            let rb = self.float_reg(op.args[1], XMM_SCRATCH);
            let r = self.two_address_result(i, op, a, Some(rb));
            emit_float_bin(self.asm, k, r, rb);
        } else if let Some(c) = Cond::of_compare(code) {
            self.emit_cmp(a, op.args[1]);
            self.set_result(i, op, c);
        } else if let Some((swap, c)) = float_compare(code) {
            let (x, y) = if swap {
                (op.args[1], a)
            } else {
                (a, op.args[1])
            };
            let rx = self.float_reg(x, XMM_SCRATCH);
            let ry = self.float_reg(y, XMM_SCRATCH2);
            dynasm!(self.asm ; .arch x64 ; ucomisd Rx(rx), Rx(ry));
            let r = self.set_result(i, op, c);
            // NaN compares unordered (PF=1): only != is then true
            match c {
                Cond::E => dynasm!(self.asm ; .arch x64 ; setnp cl ; and Rb(r), cl),
                Cond::Ne => dynasm!(self.asm ; .arch x64 ; setp cl ; or Rb(r), cl),
                _ => {}
            }
        } else if matches!(code, Opcode::IntPyDiv | Opcode::IntPyMod) {
            self.py_divmod(i, op);
        } else {
            self.unary(i, op);
        }
    }

    /// Python's `//` or `%` with `idiv`, which works on `rax`/`rdx`: the
    /// operands go to the scratch registers first (they may live there),
    /// `rax` and `rdx` are parked in the scratch xmm registers meanwhile,
    /// and the truncated result is moved towards minus infinity when the
    /// remainder and the divisor differ in sign. The result is defined
    /// only once the operands are read: defining it may spill a box into
    /// the slot of an operand that dies here.
    fn py_divmod(&mut self, i: usize, op: &Op) {
        let (a, b) = (
            self.value_operand(op.args[0]),
            self.value_operand(op.args[1]),
        );
        emit_move(self.asm, a, Operand::Gpr(SCRATCH));
        dynasm!(self.asm
            ; .arch x64
            ; movq Rx(XMM_SCRATCH), rax
            ; movq Rx(XMM_SCRATCH2), rdx
        );
        let quotient = op.opcode == Opcode::IntPyDiv;
        match b {
            Operand::Imm(c) if (2..1 << 31).contains(&c) && !c.is_power_of_two() => {
                self.divide_by_constant(c, quotient)
            }
            _ => {
                emit_move(self.asm, b, Operand::Gpr(SCRATCH2));
                emit_idiv(self.asm, quotient);
            }
        }
        dynasm!(self.asm
            ; .arch x64
            ; movq rax, Rx(XMM_SCRATCH)
            ; movq rdx, Rx(XMM_SCRATCH2)
        );
        // (spilling to make room for the result never touches r11)
        self.ra.free_dead(op.args.iter().copied(), i);
        let r = self
            .ra
            .define(self.asm, op.result.expect("division result"), None, &[]);
        dynasm!(self.asm ; .arch x64 ; mov Rq(r), r11);
    }

    /// `r11 = r11 // c` (or `% c`) for a constant `2 <= c < 2**31` that is
    /// not a power of two, without `idiv` (Granlund and Montgomery): with
    /// `s` the sign mask of `x`, `t = x ^ s` is `x` or `-x - 1`, both in
    /// `0..2**63`; `t // c` is the high half of `t * m` shifted right, for
    /// `m = ceil(2**(63 + l) / c)` and `2**(l-1) < c < 2**l`; and Python's
    /// `x // c` is `(t // c) ^ s`. Uses rax, rdx (parked) and rcx.
    fn divide_by_constant(&mut self, c: u64, quotient: bool) {
        let l = 64 - (c - 1).leading_zeros();
        let m = ((1u128 << (63 + l)).div_ceil(c as u128)) as u64;
        dynasm!(self.asm
            ; .arch x64
            ; mov rcx, r11
            ; sar rcx, 63
            ; mov rax, r11
            ; xor rax, rcx
            ; mov rdx, QWORD m as i64
            ; mul rdx
        );
        if l > 1 {
            dynasm!(self.asm ; .arch x64 ; shr rdx, (l - 1) as i8);
        }
        dynasm!(self.asm ; .arch x64 ; xor rdx, rcx);
        if quotient {
            dynasm!(self.asm ; .arch x64 ; mov r11, rdx);
        } else {
            dynasm!(self.asm ; .arch x64 ; imul rdx, rdx, c as i32 ; sub r11, rdx);
        }
    }

    /// Defines the result of op `i` as condition `c` of the flags set just before.
    fn set_result(&mut self, i: usize, op: &Op, c: Cond) -> u8 {
        self.ra.free_dead(op.args.iter().copied(), i);
        let r = self
            .ra
            .define(self.asm, op.result.expect("compare result"), None, &[]);
        emit_setcc(self.asm, c, r);
        r
    }

    fn unary(&mut self, i: usize, op: &Op) {
        use Opcode::*;
        let a = op.args[0];
        match op.opcode {
            IntNeg | IntInvert | SameAsI | SameAsR | SameAsF | FloatNeg | FloatAbs => {
                if let Value::Var(x) = a {
                    self.ra.in_reg(self.asm, x);
                }
                let r = self.two_address_result(i, op, a, None);
                match op.opcode {
                    IntNeg => dynasm!(self.asm ; .arch x64 ; neg Rq(r)),
                    IntInvert => dynasm!(self.asm ; .arch x64 ; not Rq(r)),
                    FloatNeg => self.float_mask(r, 1 << 63, false),
                    FloatAbs => self.float_mask(r, !(1 << 63), true),
                    _ => {}
                }
            }
            IntIsTrue | IntIsZero => {
                let ra = self.int_reg(a, SCRATCH);
                dynasm!(self.asm ; .arch x64 ; test Rq(ra), Rq(ra));
                let c = if op.opcode == IntIsTrue {
                    Cond::Ne
                } else {
                    Cond::E
                };
                self.set_result(i, op, c);
            }
            CastIntToFloat => {
                let ra = self.int_reg(a, SCRATCH);
                self.ra.free_dead(op.args.iter().copied(), i);
                let r = self
                    .ra
                    .define(self.asm, op.result.expect("cast result"), None, &[]);
                dynasm!(self.asm ; .arch x64 ; cvtsi2sd Rx(r), Rq(ra));
            }
            CastFloatToInt => {
                let xa = self.float_reg(a, XMM_SCRATCH);
                self.ra.free_dead(op.args.iter().copied(), i);
                let r = self
                    .ra
                    .define(self.asm, op.result.expect("cast result"), None, &[]);
                emit_float_to_int(self.asm, r, xa);
            }
            other => panic!("x86 backend: unhandled pure op {}", other.name()),
        }
    }

    /// `r = r AND mask` (`and`) or `r = r XOR mask` on the float bits.
    fn float_mask(&mut self, r: u8, mask: u64, and: bool) {
        mov_imm(self.asm, SCRATCH, mask);
        dynasm!(self.asm ; .arch x64 ; movq Rx(XMM_SCRATCH), r11);
        if and {
            dynasm!(self.asm ; .arch x64 ; andpd Rx(r), Rx(XMM_SCRATCH));
        } else {
            dynasm!(self.asm ; .arch x64 ; xorpd Rx(r), Rx(XMM_SCRATCH));
        }
    }
}

/// `r11 = r11 // rcx` (or `% rcx`), rounding towards minus infinity,
/// with `idiv` (clobbers `rax` and `rdx`).
fn emit_idiv(asm: &mut Asm, quotient: bool) {
    dynasm!(asm
        ; .arch x64
        ; mov rax, r11
        ; cqo
        ; idiv rcx
        ; test rdx, rdx
        ; je >exact
        ; mov r11, rdx
        ; xor r11, rcx
        ; jns >exact
        ; add rdx, rcx
        ; sub rax, 1
        ; exact:
    );
    if quotient {
        dynasm!(asm ; .arch x64 ; mov r11, rax);
    } else {
        dynasm!(asm ; .arch x64 ; mov r11, rdx);
    }
}

/// `r = x as i64` with Rust's saturating semantics: `cvttsd2si` gives
/// `i64::MIN` for NaN and out-of-range values; fix those up.
fn emit_float_to_int(asm: &mut Asm, r: u8, x: u8) {
    dynasm!(asm
        ; .arch x64
        ; cvttsd2si Rq(r), Rx(x)
        ; cmp Rq(r), 1
        ; jno >done
        ; ucomisd Rx(x), Rx(x)
        ; jp >nan
        ; xorpd Rx(XMM_SCRATCH2), Rx(XMM_SCRATCH2)
        ; ucomisd Rx(x), Rx(XMM_SCRATCH2)
        ; jbe >done
        ; mov Rq(r), QWORD i64::MAX
        ; jmp >done
        ; nan:
        ; mov Rd(r), 0
        ; done:
    );
}
