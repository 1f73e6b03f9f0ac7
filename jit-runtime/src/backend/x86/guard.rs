//! Guards: a test and a conditional jump (`jcc rel32`) to an out-of-line
//! stub that saves the fail arguments and exits. A bridge later patches
//! the jump to go to the bridge instead. Int compares directly before the
//! guard that consumes them are fused into it (`cmp; jcc`).

use super::assemble::{Compiler, ExitSite};
use super::frame::{SCRATCH, SCRATCH2};
use super::moves::{fits_i32, mov_imm};
use super::regalloc::Src;
use super::Asm;
use crate::ir::{Op, Opcode, Trace, Value};
use dynasmrt::{dynasm, DynamicLabel, DynasmApi, DynasmLabelApi};

/// An x86 condition code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cond {
    O,
    No,
    B,
    Ae,
    E,
    Ne,
    Be,
    A,
    P,
    Np,
    L,
    Ge,
    Le,
    G,
}

impl Cond {
    pub fn not(self) -> Cond {
        use Cond::*;
        match self {
            O => No,
            No => O,
            B => Ae,
            Ae => B,
            E => Ne,
            Ne => E,
            Be => A,
            A => Be,
            P => Np,
            Np => P,
            L => Ge,
            Ge => L,
            Le => G,
            G => Le,
        }
    }

    /// The condition an int compare op computes (after `cmp a, b`).
    pub fn of_compare(op: Opcode) -> Option<Cond> {
        use Opcode::*;
        Some(match op {
            IntLt => Cond::L,
            IntLe => Cond::Le,
            IntGt => Cond::G,
            IntGe => Cond::Ge,
            IntEq | PtrEq => Cond::E,
            IntNe | PtrNe => Cond::Ne,
            UintLt => Cond::B,
            UintLe => Cond::Be,
            UintGt => Cond::A,
            UintGe => Cond::Ae,
            _ => return None,
        })
    }
}

/// `jcc label` (always the rel32 form, so it can be patched).
pub fn emit_jcc(asm: &mut Asm, c: Cond, l: DynamicLabel) {
    use Cond::*;
    match c {
        O => dynasm!(asm ; .arch x64 ; jo =>l),
        No => dynasm!(asm ; .arch x64 ; jno =>l),
        B => dynasm!(asm ; .arch x64 ; jb =>l),
        Ae => dynasm!(asm ; .arch x64 ; jae =>l),
        E => dynasm!(asm ; .arch x64 ; je =>l),
        Ne => dynasm!(asm ; .arch x64 ; jne =>l),
        Be => dynasm!(asm ; .arch x64 ; jbe =>l),
        A => dynasm!(asm ; .arch x64 ; ja =>l),
        P => dynasm!(asm ; .arch x64 ; jp =>l),
        Np => dynasm!(asm ; .arch x64 ; jnp =>l),
        L => dynasm!(asm ; .arch x64 ; jl =>l),
        Ge => dynasm!(asm ; .arch x64 ; jge =>l),
        Le => dynasm!(asm ; .arch x64 ; jle =>l),
        G => dynasm!(asm ; .arch x64 ; jg =>l),
    }
}

/// `r = c ? 1 : 0` (the whole register).
pub fn emit_setcc(asm: &mut Asm, c: Cond, r: u8) {
    use Cond::*;
    match c {
        O => dynasm!(asm ; .arch x64 ; seto Rb(r)),
        No => dynasm!(asm ; .arch x64 ; setno Rb(r)),
        B => dynasm!(asm ; .arch x64 ; setb Rb(r)),
        Ae => dynasm!(asm ; .arch x64 ; setae Rb(r)),
        E => dynasm!(asm ; .arch x64 ; sete Rb(r)),
        Ne => dynasm!(asm ; .arch x64 ; setne Rb(r)),
        Be => dynasm!(asm ; .arch x64 ; setbe Rb(r)),
        A => dynasm!(asm ; .arch x64 ; seta Rb(r)),
        P => dynasm!(asm ; .arch x64 ; setp Rb(r)),
        Np => dynasm!(asm ; .arch x64 ; setnp Rb(r)),
        L => dynasm!(asm ; .arch x64 ; setl Rb(r)),
        Ge => dynasm!(asm ; .arch x64 ; setge Rb(r)),
        Le => dynasm!(asm ; .arch x64 ; setle Rb(r)),
        G => dynasm!(asm ; .arch x64 ; setg Rb(r)),
    }
    dynasm!(asm ; .arch x64 ; movzx Rd(r), Rb(r));
}

/// Is op `i` an int compare whose only use is the guard right after it?
pub fn fusable_compare(t: &Trace, i: usize) -> bool {
    let (op, Some(next)) = (&t.ops[i], t.ops.get(i + 1)) else {
        return false;
    };
    let Some(r) = op.result else { return false };
    let is_test = Cond::of_compare(op.opcode).is_some()
        || matches!(op.opcode, Opcode::IntIsTrue | Opcode::IntIsZero);
    let guards_it = matches!(next.opcode, Opcode::GuardTrue | Opcode::GuardFalse)
        && next.args[0] == Value::Var(r);
    let used_later = t.ops[i + 1..].iter().enumerate().any(|(k, o)| {
        let fail_args = o.guard.iter().flat_map(|g| g.fail_args.iter());
        let mut uses = o.args.iter().chain(fail_args);
        if k == 0 {
            // the guard's own argument is the fused use
            uses.filter(|a| **a == Value::Var(r)).count() > 1
        } else {
            uses.any(|a| *a == Value::Var(r))
        }
    });
    is_test && guards_it && !used_later
}

/// A guard's out-of-line exit code, emitted after the trace body.
pub struct Stub {
    label: DynamicLabel,
    exit: usize,
    values: Vec<Src>,
}

impl Compiler<'_> {
    /// An int value in a register: its own, or `scratch` loaded with the
    /// constant.
    pub fn int_reg(&mut self, v: Value, scratch: u8) -> u8 {
        match v {
            Value::Var(x) => self.ra.in_reg(self.asm, x),
            Value::Const(_, c) => {
                mov_imm(self.asm, scratch, c);
                scratch
            }
        }
    }

    /// `cmp a, b` for int values.
    pub fn emit_cmp(&mut self, a: Value, b: Value) {
        let ra = self.int_reg(a, SCRATCH);
        match b {
            Value::Const(_, c) if fits_i32(c) => {
                dynasm!(self.asm ; .arch x64 ; cmp Rq(ra), c as i32)
            }
            _ => {
                let rb = self.int_reg(b, SCRATCH2);
                dynasm!(self.asm ; .arch x64 ; cmp Rq(ra), Rq(rb))
            }
        }
    }

    /// Emits the test of a guard and returns the condition that fails it.
    fn guard_test(&mut self, i: usize, op: &Op) -> Cond {
        use Opcode::*;
        let arg = |k: usize| op.args[k];
        match op.opcode {
            GuardTrue | GuardFalse if self.fused.get(i.wrapping_sub(1)) == Some(&true) => {
                let cmp = &self.trace.ops[i - 1];
                let holds = match Cond::of_compare(cmp.opcode) {
                    Some(c) => {
                        self.emit_cmp(cmp.args[0], cmp.args[1]);
                        c
                    }
                    None => {
                        let r = self.int_reg(cmp.args[0], SCRATCH);
                        dynasm!(self.asm ; .arch x64 ; test Rq(r), Rq(r));
                        if cmp.opcode == IntIsTrue {
                            Cond::Ne
                        } else {
                            Cond::E
                        }
                    }
                };
                // guard_true fails when the compare is false
                if op.opcode == GuardTrue {
                    holds.not()
                } else {
                    holds
                }
            }
            GuardTrue | GuardFalse | GuardNonnull | GuardIsnull => {
                let r = self.int_reg(arg(0), SCRATCH);
                dynasm!(self.asm ; .arch x64 ; test Rq(r), Rq(r));
                if matches!(op.opcode, GuardTrue | GuardNonnull) {
                    Cond::E
                } else {
                    Cond::Ne
                }
            }
            GuardValue => {
                if self.trace.value_kind(arg(0)) == crate::ir::Kind::Float {
                    // compare the bits, like eval
                    let a = self.bits_in_gpr(arg(0), SCRATCH);
                    let b = self.bits_in_gpr(arg(1), SCRATCH2);
                    dynasm!(self.asm ; .arch x64 ; cmp Rq(a), Rq(b));
                } else {
                    self.emit_cmp(arg(0), arg(1));
                }
                Cond::Ne
            }
            GuardClass => {
                let p = self.int_reg(arg(0), SCRATCH);
                let off = rpy_runtime::OBJECT_VTABLE_OFFSET as i32;
                let c = self.int_reg(arg(1), SCRATCH2);
                dynasm!(self.asm ; .arch x64 ; cmp QWORD [Rq(p) + off], Rq(c));
                Cond::Ne
            }
            GuardNoException => {
                let slot = crate::mem::exc_slot() as u64;
                mov_imm(self.asm, SCRATCH, slot);
                dynasm!(self.asm ; .arch x64 ; cmp QWORD [r11], 0);
                Cond::Ne
            }
            GuardNoOverflow => Cond::O,
            GuardOverflow => Cond::No,
            other => panic!("not a guard: {}", other.name()),
        }
    }

    /// A value's 64 bits in a general register (floats copied out).
    fn bits_in_gpr(&mut self, v: Value, scratch: u8) -> u8 {
        match v {
            Value::Var(x) if self.trace.kind(x) == crate::ir::Kind::Float => {
                let r = self.ra.in_reg(self.asm, x);
                dynasm!(self.asm ; .arch x64 ; movq Rq(scratch), Rx(r));
                scratch
            }
            _ => self.int_reg(v, scratch),
        }
    }

    pub fn guard(&mut self, i: usize, op: &Op) {
        let fails = self.guard_test(i, op);
        let g = op.guard.as_ref().expect("guard without fail args");
        let values: Vec<Src> = g.fail_args.iter().map(|&a| self.ra.src(a)).collect();
        let label = self.asm.new_dynamic_label();
        emit_jcc(self.asm, fails, label);
        let exit = self.first_exit + self.exits.len();
        self.exits.push(ExitSite {
            op: i,
            values: values.clone(),
            jcc_end: Some(self.asm.offset()),
        });
        self.stubs.push(Stub {
            label,
            exit,
            values,
        });
    }

    /// Emits every guard's exit stub (after the trace body).
    pub fn emit_stubs(&mut self) {
        for stub in std::mem::take(&mut self.stubs) {
            let label = stub.label;
            dynasm!(self.asm ; .arch x64 ; =>label);
            self.emit_exit(stub.exit, &stub.values);
        }
    }
}
