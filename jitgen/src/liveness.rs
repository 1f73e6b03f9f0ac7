//! Liveness over a jitcode: the registers live before each instruction
//! (backward dataflow to a fixpoint), so a guard's resume data saves only
//! what the rest of the frame can still read.

use rpy_jit::jitcode::{Insn, Reg, Src};

/// The instructions control can go to after `insns[i]`.
pub fn successors(insns: &[Insn], i: usize) -> Vec<usize> {
    let next = i + 1;
    match &insns[i] {
        Insn::Goto(t) => vec![*t as usize],
        Insn::If { then, else_, .. } => vec![*then as usize, *else_ as usize],
        Insn::OpOvf { ovf, .. } => vec![next, *ovf as usize],
        Insn::Switch { cases, default, .. } => cases
            .iter()
            .map(|(_, t)| *t as usize)
            .chain([*default as usize])
            .collect(),
        Insn::Return(_) | Insn::Raise(_) => vec![],
        Insn::Catch(hs) => hs.iter().map(|(_, _, t)| *t as usize).collect(),
        Insn::Call { .. } | Insn::Inline { .. } | Insn::CallIndirect { .. } => {
            let mut s = vec![next];
            s.extend(insns[i].handler().map(|h| h as usize));
            s
        }
        _ => vec![next],
    }
}

fn regs_of<'a>(srcs: impl IntoIterator<Item = &'a Src>) -> Vec<Reg> {
    srcs.into_iter()
        .filter_map(|s| match s {
            Src::Reg(r) => Some(*r),
            _ => None,
        })
        .collect()
}

/// (registers read, registers written) by one instruction.
pub fn uses_defs(i: &Insn) -> (Vec<Reg>, Vec<Reg>) {
    match i {
        Insn::Op { args, dst, .. }
        | Insn::OpOvf { args, dst, .. }
        | Insn::Call { args, dst, .. }
        | Insn::Inline { args, dst, .. } => (regs_of(args), dst.iter().copied().collect()),
        Insn::If { cond, .. } => (regs_of([cond]), vec![]),
        Insn::Switch { value, .. } => (regs_of([value]), vec![]),
        Insn::Move(moves) => (
            regs_of(moves.iter().map(|(s, _)| s)),
            moves.iter().map(|(_, r)| *r).collect(),
        ),
        Insn::Return(v) => (regs_of(v.iter()), vec![]),
        Insn::Raise(v) => (regs_of([v]), vec![]),
        // each handler defines its register on its own path: modelled as
        // a definition here (the handler targets read it)
        Insn::Catch(hs) => (vec![], hs.iter().map(|(_, r, _)| *r).collect()),
        Insn::MergePoint(args) => (regs_of(args), vec![]),
        Insn::Promote { src, dst } | Insn::ClassOf { obj: src, dst } => {
            (regs_of([src]), vec![*dst])
        }
        Insn::InstanceOf { obj, class, dst } => (regs_of([obj, class]), vec![*dst]),
        Insn::CallIndirect {
            func,
            args,
            call,
            dst,
            ..
        } => (
            regs_of(std::iter::once(func).chain(args).chain(&call.1)),
            dst.iter().copied().collect(),
        ),
        Insn::Goto(_) | Insn::CanEnterJit => (vec![], vec![]),
    }
}

/// The registers live before every instruction, sorted.
pub fn live_in(insns: &[Insn], nregs: usize) -> Vec<Vec<Reg>> {
    let words = nregs.div_ceil(64).max(1);
    let mut live = vec![vec![0u64; words]; insns.len() + 1];
    let info: Vec<(Vec<Reg>, Vec<Reg>, Vec<usize>)> = (0..insns.len())
        .map(|i| {
            let (u, d) = uses_defs(&insns[i]);
            (u, d, successors(insns, i))
        })
        .collect();
    let mut changed = true;
    while changed {
        changed = false;
        for i in (0..insns.len()).rev() {
            let (uses, defs, succ) = &info[i];
            let mut set = vec![0u64; words];
            for &s in succ {
                for (w, x) in set.iter_mut().zip(&live[s.min(insns.len())]) {
                    *w |= x;
                }
            }
            // a Move reads all its sources before writing
            for r in defs {
                set[*r as usize / 64] &= !(1 << (*r % 64));
            }
            for r in uses {
                set[*r as usize / 64] |= 1 << (*r % 64);
            }
            if set != live[i] {
                live[i] = set;
                changed = true;
            }
        }
    }
    live.truncate(insns.len());
    live.into_iter()
        .map(|set| {
            (0..nregs as Reg)
                .filter(|r| set[*r as usize / 64] & (1 << (*r % 64)) != 0)
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rpy_jit::ir::Opcode;

    #[test]
    fn a_loop_keeps_its_counter_live() {
        // 0: r1 = r0 - 1; 1: if r1 goto 0 else 2; 2: return r2
        let insns = vec![
            Insn::Op {
                op: Opcode::IntSub,
                args: vec![Src::Reg(0), Src::Const(1)],
                dst: Some(0),
                descr: None,
            },
            Insn::If {
                cond: Src::Reg(0),
                then: 0,
                else_: 2,
            },
            Insn::Return(Some(Src::Reg(2))),
        ];
        let live = live_in(&insns, 3);
        assert_eq!(live[0], vec![0, 2]);
        assert_eq!(live[1], vec![0, 2]);
        assert_eq!(live[2], vec![2]);
    }
}
