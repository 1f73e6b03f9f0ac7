//! The trace compiler's driver: walks the ops once, allocating registers
//! as it goes and emitting each op (the per-kind emitters are in `arith`,
//! `heap` and `guard`); labels, jumps and `finish` are here.

use super::frame::SCRATCH;
use super::guard::{fusable_compare, Stub};
use super::moves::{emit_move, parallel_move, Operand};
use super::regalloc::{Allocator, Loc, Src};
use super::Asm;
use crate::ir::{DescrId, Descrs, Op, Opcode, Trace, Value, Var};
use dynasmrt::{dynasm, AssemblyOffset, DynamicLabel, DynasmApi, DynasmLabelApi};
use std::collections::HashMap;

/// A compiled label: its code and where it expects its arguments (plus
/// the boxes its own loop carries implicitly; labels entered from other
/// traces must have none).
#[derive(Clone, Debug)]
pub struct LabelInfo {
    pub label: DynamicLabel,
    pub locs: Vec<Loc>,
    pub carried: Vec<(Var, Loc)>,
}

/// A guard or `finish` of a compiled trace: where its saved values are,
/// and (guards) the end of its `jcc`, whose rel32 a bridge patches.
#[derive(Clone, Debug)]
pub struct ExitSite {
    pub op: usize,
    pub values: Vec<Src>,
    pub jcc_end: Option<AssemblyOffset>,
}

/// How a trace is entered.
pub enum Entry<'e> {
    /// From `run`: the input arguments are in the deadframe.
    Loop,
    /// From a failing guard: the input arguments are where the guard's
    /// fail arguments were.
    Bridge(&'e [Src]),
}

/// What the backend keeps of a compiled trace.
pub struct Compiled {
    pub start: AssemblyOffset,
    pub labels: HashMap<DescrId, LabelInfo>,
    pub exits: Vec<ExitSite>,
    pub slots: u32,
}

/// Everything the emitters share while compiling one trace.
pub struct Compiler<'a> {
    pub asm: &'a mut Asm,
    pub ra: Allocator,
    pub trace: &'a Trace,
    pub descrs: &'a Descrs,
    foreign_labels: &'a HashMap<DescrId, LabelInfo>,
    labels: HashMap<DescrId, LabelInfo>,
    start_label: Option<LabelInfo>,
    pub exit_label: DynamicLabel,
    pub first_exit: usize,
    pub exits: Vec<ExitSite>,
    pub stubs: Vec<Stub>,
    /// `fused[i]`: op `i` is a compare emitted by the guard after it.
    pub fused: Vec<bool>,
}

/// Compiles `trace` at the end of `asm`. Exits are numbered from
/// `first_exit`; jumps may target `foreign_labels`.
pub fn compile(
    asm: &mut Asm,
    trace: &Trace,
    descrs: &Descrs,
    foreign_labels: &HashMap<DescrId, LabelInfo>,
    exit_label: DynamicLabel,
    first_exit: usize,
    entry: Entry,
) -> Result<Compiled, String> {
    let fused: Vec<bool> = (0..trace.ops.len())
        .map(|i| fusable_compare(trace, i))
        .collect();
    let start = asm.offset();
    let mut c = Compiler {
        asm,
        ra: Allocator::new(trace, &fused),
        trace,
        descrs,
        foreign_labels,
        labels: HashMap::new(),
        start_label: None,
        exit_label,
        first_exit,
        exits: Vec::new(),
        stubs: Vec::new(),
        fused,
    };
    c.enter(entry)?;
    for i in 0..trace.ops.len() {
        c.ra.unpin_all();
        c.op(i)?;
        let op = &trace.ops[i];
        let fail_args = op.guard.iter().flat_map(|g| g.fail_args.iter().copied());
        c.ra.free_dead(op.args.iter().copied().chain(fail_args), i);
        if let Some(r) = op.result {
            c.ra.free_dead([Value::Var(r)], i);
        }
    }
    c.emit_stubs();
    Ok(Compiled {
        start,
        labels: c.labels,
        exits: c.exits,
        slots: c.ra.slot_count(),
    })
}

impl Compiler<'_> {
    /// Places the input arguments and defines the trace's start label.
    fn enter(&mut self, entry: Entry) -> Result<(), String> {
        let inputs = &self.trace.inputargs;
        match entry {
            Entry::Loop => {
                // the deadframe's address is in frame word 0
                dynasm!(self.asm ; .arch x64 ; mov r11, QWORD [rbp]);
                for (k, &v) in inputs.iter().enumerate() {
                    let r = self.ra.define(self.asm, v, None, &[]);
                    let dst = self.ra.loc(v);
                    emit_move(self.asm, Operand::Mem(SCRATCH, 8 * k as i32), dst.into());
                    debug_assert!(matches!(dst, Loc::Gpr(x) | Loc::Xmm(x) if x == r));
                    self.ra.unpin_all();
                }
            }
            Entry::Bridge(from) => {
                if from.len() != inputs.len() {
                    return Err("bridge inputargs do not match the guard's fail args".into());
                }
                // boxes take over their fail argument's location when they
                // can; a second box of the same fail argument copies the
                // first (from wherever it is by then: making room for a
                // copy may move it out of its register), a constant is
                // loaded
                let mut copies = Vec::new();
                let mut placed: HashMap<Loc, Var> = HashMap::new();
                for (&v, &s) in inputs.iter().zip(from) {
                    match s {
                        Src::Loc(l) if self.ra.is_free(l) => {
                            self.ra.place(v, l);
                            placed.insert(l, v);
                        }
                        _ => copies.push((v, s)),
                    }
                }
                for (v, s) in copies {
                    self.ra.define(self.asm, v, None, &[]);
                    let src = match s {
                        Src::Loc(l) => placed.get(&l).map_or(s, |&u| Src::Loc(self.ra.loc(u))),
                        Src::Const(_) => s,
                    };
                    emit_move(self.asm, src.into(), self.ra.loc(v).into());
                    self.ra.unpin_all();
                }
            }
        }
        let label = self.asm.new_dynamic_label();
        dynasm!(self.asm ; .arch x64 ; =>label);
        let locs: Vec<Loc> = inputs.iter().map(|&v| self.ra.loc(v)).collect();
        self.hint_jump_args(None, &locs);
        self.start_label = Some(LabelInfo {
            label,
            locs,
            carried: Vec::new(),
        });
        Ok(())
    }

    /// Emits op `i`.
    fn op(&mut self, i: usize) -> Result<(), String> {
        let op = &self.trace.ops[i];
        use Opcode::*;
        match op.opcode {
            _ if self.fused[i] => {}
            Label => self.label(op)?,
            Jump => self.jump(op)?,
            Finish => self.finish(i, op),
            DebugMergePoint => {}
            code if code.is_guard() => self.guard(i, op),
            code if code.is_pure() => self.pure(i, op),
            GetfieldGcI | GetfieldGcR | GetfieldGcF | GetarrayitemGcI | GetarrayitemGcR
            | GetarrayitemGcF => self.load(i, op),
            SetfieldGc | SetarrayitemGc => self.store(op),
            New | NewWithVtable => self.new_object(i, op),
            code if code.is_call() => self.call_op(i, op),
            other => return Err(format!("x86 backend: unhandled op {}", other.name())),
        }
        Ok(())
    }

    fn label(&mut self, op: &Op) -> Result<(), String> {
        let d = op.descr.ok_or("label without descr")?;
        let mut locs: Vec<Loc> = Vec::new();
        for a in &op.args {
            let v = a.as_var().ok_or("label argument is a constant")?;
            let l = self.ra.loc(v);
            if locs.contains(&l) {
                return Err("label argument repeated".into());
            }
            locs.push(l);
        }
        let carried = (0..self.trace.kinds.len() as u32)
            .map(Var)
            .filter(|&v| self.ra.carried(v))
            .filter_map(|v| self.ra.try_loc(v).map(|l| (v, l)))
            .collect();
        self.hint_jump_args(Some(d), &locs);
        let label = self.asm.new_dynamic_label();
        dynasm!(self.asm ; .arch x64 ; .align 16 ; =>label);
        self.labels.insert(
            d,
            LabelInfo {
                label,
                locs,
                carried,
            },
        );
        Ok(())
    }

    /// If the trace ends jumping to this label (`None`: its start), asks
    /// for the boxes it passes to be made where the label wants them.
    fn hint_jump_args(&mut self, label: Option<DescrId>, locs: &[Loc]) {
        let Some(last) = self.trace.ops.last() else {
            return;
        };
        if last.opcode != Opcode::Jump || last.descr != label {
            return;
        }
        for (a, l) in last.args.iter().zip(locs) {
            if let (Some(v), Loc::Gpr(r) | Loc::Xmm(r)) = (a.as_var(), *l) {
                self.ra.hint(v, r);
            }
        }
    }

    fn jump(&mut self, op: &Op) -> Result<(), String> {
        let target = match op.descr {
            None => self.start_label.clone().ok_or("no start label")?,
            Some(d) => match self.labels.get(&d) {
                Some(l) => l.clone(),
                None => {
                    let l = self
                        .foreign_labels
                        .get(&d)
                        .ok_or("jump to an unknown label")?;
                    if !l.carried.is_empty() {
                        return Err("jump to a label whose loop carries other boxes".into());
                    }
                    l.clone()
                }
            },
        };
        if target.locs.len() != op.args.len() {
            return Err("jump and label have different arities".into());
        }
        let mut moves: Vec<(Src, Loc)> = op
            .args
            .iter()
            .zip(&target.locs)
            .map(|(&a, &l)| (self.ra.src(a), l))
            .collect();
        moves.extend(
            target
                .carried
                .iter()
                .map(|&(v, l)| (Src::Loc(self.ra.loc(v)), l)),
        );
        parallel_move(self.asm, &moves);
        let label = target.label;
        dynasm!(self.asm ; .arch x64 ; jmp =>label);
        Ok(())
    }

    /// Stores `values` in the deadframe and leaves with exit `exit`.
    pub fn emit_exit(&mut self, exit: usize, values: &[Src]) {
        dynasm!(self.asm ; .arch x64 ; mov r11, QWORD [rbp]);
        for (k, &s) in values.iter().enumerate() {
            emit_move(self.asm, s.into(), Operand::Mem(SCRATCH, 8 * k as i32));
        }
        let exit_label = self.exit_label;
        dynasm!(self.asm ; .arch x64 ; mov eax, exit as i32 ; jmp =>exit_label);
    }

    fn finish(&mut self, i: usize, op: &Op) {
        let values: Vec<Src> = op.args.iter().map(|&a| self.ra.src(a)).collect();
        let exit = self.first_exit + self.exits.len();
        self.exits.push(ExitSite {
            op: i,
            values: values.clone(),
            jcc_end: None,
        });
        self.emit_exit(exit, &values);
    }
}
