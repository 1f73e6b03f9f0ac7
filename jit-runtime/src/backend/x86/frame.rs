//! The frame and calling convention of compiled traces.
//!
//! Machine code is entered through one trampoline, `entry(frame, code)`
//! (SysV): it saves the callee-saved registers, keeps `rsp` 16-byte
//! aligned, points `rbp` at the frame and jumps to `code`. The frame is a
//! heap array of words owned by the backend: word 0 holds the address of
//! the deadframe (input arguments on entry, saved values on exit), words
//! 1.. are spill slots shared by all traces (a bridge keeps its parent's
//! slots). Exits store their values in the deadframe and jump to the
//! trampoline's epilogue with the exit number in `rax`.

use super::Asm;
use dynasmrt::{dynasm, AssemblyOffset, DynamicLabel, DynasmApi, DynasmLabelApi};

/// The frame pointer register (`rbp`).
pub const FRAME_REG: u8 = 5;
/// Scratch registers never allocated: `r11` (addresses and cycle breaking
/// in moves) and `rcx` (memory-to-memory moves, shift counts).
pub const SCRATCH: u8 = 11;
pub const SCRATCH2: u8 = 1;
/// Scratch xmm registers never allocated.
pub const XMM_SCRATCH: u8 = 15;
pub const XMM_SCRATCH2: u8 = 14;
pub const RAX: u8 = 0;
pub const RSP: u8 = 4;

/// Allocatable general registers a call clobbers, in preference order.
pub const CALLER_SAVED: &[u8] = &[0, 2, 6, 7, 8, 9, 10];
/// Allocatable general registers a call preserves.
pub const CALLEE_SAVED: &[u8] = &[3, 12, 13, 14, 15];
/// Allocatable xmm registers (all clobbered by calls).
pub const XMMS: &[u8] = &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];

/// The trampoline's type: `entry(frame, code) -> exit number`.
pub type EntryFn = unsafe extern "sysv64" fn(frame: *mut u64, code: *const u8) -> u64;

/// The displacement from `rbp` of spill slot `s`.
pub fn slot_offset(s: u32) -> i32 {
    8 * (s as i32 + 1)
}

/// Emits the entry trampoline and, at `exit`, the epilogue every exit
/// jumps to. Returns the trampoline's offset.
pub fn emit_trampoline(asm: &mut Asm, exit: DynamicLabel) -> AssemblyOffset {
    let entry = asm.offset();
    dynasm!(asm
        ; .arch x64
        ; push rbp
        ; push rbx
        ; push r12
        ; push r13
        ; push r14
        ; push r15
        ; sub rsp, 8
        ; mov rbp, rdi
        ; jmp rsi
        ; =>exit
        ; add rsp, 8
        ; pop r15
        ; pop r14
        ; pop r13
        ; pop r12
        ; pop rbx
        ; pop rbp
        ; ret
    );
    entry
}
