//! Moving 64-bit values between registers, frame slots, memory and
//! constants, one at a time or as a parallel move (jumps to labels).

use super::frame::{slot_offset, FRAME_REG, SCRATCH, SCRATCH2, XMM_SCRATCH};
use super::regalloc::{Loc, Src};
use super::Asm;
use dynasmrt::{dynasm, DynasmApi};

/// A machine operand: a register, a word of memory at `[base + disp]`,
/// or a 64-bit immediate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    Gpr(u8),
    Xmm(u8),
    Mem(u8, i32),
    Imm(u64),
}

impl From<Loc> for Operand {
    fn from(l: Loc) -> Operand {
        match l {
            Loc::Gpr(r) => Operand::Gpr(r),
            Loc::Xmm(x) => Operand::Xmm(x),
            Loc::Slot(s) => Operand::Mem(FRAME_REG, slot_offset(s)),
        }
    }
}

impl From<Src> for Operand {
    fn from(s: Src) -> Operand {
        match s {
            Src::Loc(l) => l.into(),
            Src::Const(c) => Operand::Imm(c),
        }
    }
}

/// Does `c` fit a sign-extended 32-bit immediate?
pub fn fits_i32(c: u64) -> bool {
    c as i64 == c as i32 as i64
}

/// `reg = c`, with the shortest encoding (never touches the flags).
pub fn mov_imm(asm: &mut Asm, reg: u8, c: u64) {
    if c <= u32::MAX as u64 {
        dynasm!(asm ; .arch x64 ; mov Rd(reg), c as i32);
    } else if fits_i32(c) {
        dynasm!(asm ; .arch x64 ; mov Rq(reg), c as i32);
    } else {
        dynasm!(asm ; .arch x64 ; mov Rq(reg), QWORD c as i64);
    }
}

/// `dst = src` for any pair (memory to memory goes through `rcx`).
pub fn emit_move(asm: &mut Asm, src: Operand, dst: Operand) {
    use Operand::*;
    if src == dst {
        return;
    }
    match (src, dst) {
        (Gpr(a), Gpr(b)) => dynasm!(asm ; .arch x64 ; mov Rq(b), Rq(a)),
        (Gpr(a), Xmm(b)) => dynasm!(asm ; .arch x64 ; movq Rx(b), Rq(a)),
        (Gpr(a), Mem(base, d)) => dynasm!(asm ; .arch x64 ; mov QWORD [Rq(base) + d], Rq(a)),
        (Xmm(a), Gpr(b)) => dynasm!(asm ; .arch x64 ; movq Rq(b), Rx(a)),
        (Xmm(a), Xmm(b)) => dynasm!(asm ; .arch x64 ; movapd Rx(b), Rx(a)),
        (Xmm(a), Mem(base, d)) => dynasm!(asm ; .arch x64 ; movq QWORD [Rq(base) + d], Rx(a)),
        (Mem(base, d), Gpr(b)) => dynasm!(asm ; .arch x64 ; mov Rq(b), QWORD [Rq(base) + d]),
        (Mem(base, d), Xmm(b)) => dynasm!(asm ; .arch x64 ; movq Rx(b), QWORD [Rq(base) + d]),
        (Mem(..), Mem(..)) => {
            emit_move(asm, src, Gpr(SCRATCH2));
            emit_move(asm, Gpr(SCRATCH2), dst);
        }
        (Imm(c), Gpr(b)) => mov_imm(asm, b, c),
        (Imm(c), Mem(base, d)) if fits_i32(c) => {
            dynasm!(asm ; .arch x64 ; mov QWORD [Rq(base) + d], c as i32)
        }
        (Imm(c), Mem(..) | Xmm(_)) => {
            mov_imm(asm, SCRATCH2, c);
            emit_move(asm, Gpr(SCRATCH2), dst);
        }
        (_, Imm(_)) => panic!("emit_move: cannot move into a constant"),
    }
}

/// Performs `moves` (source, destination) as if all at once: no move
/// overwrites a location another still reads; cycles go through `r11`.
pub fn parallel_move(asm: &mut Asm, moves: &[(Src, Loc)]) {
    let mut pending: Vec<(Operand, Operand)> = moves
        .iter()
        .map(|&(s, d)| (Operand::from(s), Operand::from(d)))
        .filter(|(s, d)| s != d)
        .collect();
    while !pending.is_empty() {
        let free = (0..pending.len()).find(|&i| {
            let dst = pending[i].1;
            pending.iter().all(|(s, _)| *s != dst)
        });
        match free {
            Some(i) => {
                let (s, d) = pending.remove(i);
                emit_move(asm, s, d);
            }
            None => {
                // Every destination is still read: a cycle. Save the first
                // destination's value in the scratch register.
                let dst = pending[0].1;
                let scratch = match dst {
                    Operand::Xmm(_) => Operand::Xmm(XMM_SCRATCH),
                    _ => Operand::Gpr(SCRATCH),
                };
                emit_move(asm, dst, scratch);
                for m in pending.iter_mut() {
                    if m.0 == dst {
                        m.0 = scratch;
                    }
                }
            }
        }
    }
}
