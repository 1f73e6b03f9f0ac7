//! Memory and calls: field and array loads and stores by descr,
//! allocation, and calls of runtime functions through the uniform ABI
//! (arguments in an array on the stack, its address in `rdi`, the result
//! in `rax`).

use super::assemble::Compiler;
use super::frame::{RAX, RSP, SCRATCH, SCRATCH2, XMM_SCRATCH};
use super::moves::{emit_move, fits_i32, mov_imm, Operand};
use super::regalloc::{reg_loc, Src};
use super::Asm;
use crate::ir::{Descr, Kind, Op, Value};
use crate::mem;
use dynasmrt::{dynasm, DynasmApi};

/// A memory address `[base + disp]` (indexed addresses are computed
/// into `rcx` first).
#[derive(Clone, Copy)]
enum Addr {
    Disp(u8, i32),
}

/// What a load reads: a zero-extended byte, a word, or a float word.
#[derive(Clone, Copy, PartialEq)]
enum Width {
    Byte,
    Word,
    Float,
}

fn emit_load(asm: &mut Asm, w: Width, r: u8, a: Addr) {
    match (w, a) {
        (Width::Byte, Addr::Disp(b, d)) => dynasm!(asm ; .arch x64 ; movzx Rd(r), BYTE [Rq(b) + d]),
        (Width::Word, Addr::Disp(b, d)) => dynasm!(asm ; .arch x64 ; mov Rq(r), QWORD [Rq(b) + d]),
        (Width::Float, Addr::Disp(b, d)) => {
            dynasm!(asm ; .arch x64 ; movq Rx(r), QWORD [Rq(b) + d])
        }
    }
}

/// Stores `v` (a register of width `w`, or an immediate) at `a`.
fn emit_store(asm: &mut Asm, w: Width, v: Operand, a: Addr) {
    use Operand::*;
    match (w, v, a) {
        (Width::Byte, Gpr(r), Addr::Disp(b, d)) => {
            dynasm!(asm ; .arch x64 ; mov BYTE [Rq(b) + d], Rb(r))
        }
        (Width::Byte, Imm(c), Addr::Disp(b, d)) => {
            dynasm!(asm ; .arch x64 ; mov BYTE [Rq(b) + d], c as i8)
        }
        (Width::Word, Gpr(r), Addr::Disp(b, d)) => {
            dynasm!(asm ; .arch x64 ; mov QWORD [Rq(b) + d], Rq(r))
        }
        (Width::Word, Imm(c), Addr::Disp(b, d)) => {
            dynasm!(asm ; .arch x64 ; mov QWORD [Rq(b) + d], c as i32)
        }
        (Width::Word | Width::Float, Xmm(x), Addr::Disp(b, d)) => {
            dynasm!(asm ; .arch x64 ; movq QWORD [Rq(b) + d], Rx(x))
        }
        _ => panic!("emit_store: {v:?}"),
    }
}

impl Compiler<'_> {
    /// The address an op's descr names, from the object (`args[0]`) and,
    /// for arrays, the index (`args[1]`).
    fn address(&mut self, op: &Op) -> Addr {
        let base = self.int_reg(op.args[0], SCRATCH);
        match self.descrs.get(op.descr.expect("memory op without descr")) {
            Descr::Field { offset, .. } => Addr::Disp(base, *offset),
            Descr::Array {
                base: start,
                item_size,
                ..
            } => match op.args[1] {
                Value::Const(_, i) => {
                    let d =
                        (*start as i64).wrapping_add((i as i64).wrapping_mul(*item_size as i64));
                    if fits_i32(d as u64) {
                        Addr::Disp(base, d as i32)
                    } else {
                        mov_imm(self.asm, SCRATCH2, d as u64);
                        dynasm!(self.asm ; .arch x64 ; add rcx, Rq(base));
                        Addr::Disp(SCRATCH2, 0)
                    }
                }
                Value::Var(x) => {
                    let i = self.ra.in_reg(self.asm, x);
                    let d = *start;
                    match item_size {
                        1 => dynasm!(self.asm ; .arch x64 ; lea rcx, [Rq(base) + Rq(i) + d]),
                        _ => dynasm!(self.asm ; .arch x64 ; lea rcx, [Rq(base) + Rq(i) * 8 + d]),
                    }
                    Addr::Disp(SCRATCH2, 0)
                }
            },
            other => panic!("not a field or array descr: {other:?}"),
        }
    }

    fn width(&self, op: &Op, kind: Kind) -> Width {
        let (_, size) = mem::field_place(self.descrs.get(op.descr.expect("descr")), 0);
        match (kind, size) {
            (Kind::Float, _) => Width::Float,
            (_, 1) => Width::Byte,
            _ => Width::Word,
        }
    }

    pub fn load(&mut self, i: usize, op: &Op) {
        let r = op.result.expect("load without result");
        let w = self.width(op, self.trace.kind(r));
        let addr = self.address(op);
        self.ra.free_dead(op.args.iter().copied(), i);
        let dst = self.ra.define(self.asm, r, None, &[]);
        emit_load(self.asm, w, dst, addr);
    }

    pub fn store(&mut self, op: &Op) {
        let value = *op.args.last().expect("store value");
        let mut w = self.width(op, self.trace.value_kind(value));
        let v = match value {
            Value::Var(x) => {
                let r = self.ra.in_reg(self.asm, x);
                Operand::from(reg_loc(self.trace.kind(x), r))
            }
            Value::Const(_, c) if w == Width::Byte || fits_i32(c) => {
                w = if w == Width::Float { Width::Word } else { w };
                Operand::Imm(c)
            }
            Value::Const(_, c) => {
                // r11 and rcx may serve the address: park a wide constant
                // in the xmm scratch
                emit_move(self.asm, Operand::Imm(c), Operand::Xmm(XMM_SCRATCH));
                w = Width::Word;
                Operand::Xmm(XMM_SCRATCH)
            }
        };
        let addr = self.address(op);
        emit_store(self.asm, w, v, addr);
    }

    pub fn new_object(&mut self, i: usize, op: &Op) {
        let Descr::Size {
            size,
            tid,
            vtable,
            vtable_offset,
            ..
        } = self.descrs.get(op.descr.expect("new without descr"))
        else {
            panic!("new without a size descr");
        };
        let args = [
            *size as u64,
            *tid as u64,
            *vtable,
            *vtable_offset as i64 as u64,
        ]
        .map(Src::Const);
        self.call(i, mem::jit_alloc as *const () as u64, &args, op.result);
    }

    pub fn call_op(&mut self, i: usize, op: &Op) {
        let Descr::Call { func, .. } = self.descrs.get(op.descr.expect("call without descr"))
        else {
            panic!("call without a call descr");
        };
        let args: Vec<Src> = op.args.iter().map(|&a| self.ra.src(a)).collect();
        self.call(i, *func, &args, op.result);
        self.ra.free_dead(op.args.iter().copied(), i);
    }

    /// Calls JitFn `func` with `args`, the result (if any) into `result`.
    fn call(&mut self, i: usize, func: u64, args: &[Src], result: Option<crate::ir::Var>) {
        // rsp is 16-byte aligned in trace code; keep it so
        let bytes = (8 * args.len() as i32 + 15) & !15;
        if bytes > 0 {
            dynasm!(self.asm ; .arch x64 ; sub rsp, bytes);
        }
        for (k, &a) in args.iter().enumerate() {
            emit_move(self.asm, a.into(), Operand::Mem(RSP, 8 * k as i32));
        }
        let op = &self.trace.ops[i];
        self.ra.free_dead(op.args.iter().copied(), i);
        self.ra.evict_caller_saved(self.asm, i);
        mov_imm(self.asm, SCRATCH, func);
        dynasm!(self.asm ; .arch x64 ; mov rdi, rsp ; call r11);
        if bytes > 0 {
            dynasm!(self.asm ; .arch x64 ; add rsp, bytes);
        }
        if let Some(r) = result {
            let k = self.trace.kind(r);
            let dst = self.ra.define(self.asm, r, Some(RAX), &[]);
            emit_move(self.asm, Operand::Gpr(RAX), reg_loc(k, dst).into());
        }
    }
}
