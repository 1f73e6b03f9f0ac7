//! The trace interpreter: runs traces op by op over a register file of
//! 64-bit values. Slow and simple, it is the reference the x86 backend is
//! tested against.

use super::{Backend, Exit, TraceId};
use crate::ir::eval::{eval_ovf, eval_pure};
use crate::ir::{Descr, DescrId, Descrs, Opcode, Trace, Value, Var};
use crate::mem;
use std::collections::HashMap;

/// A compiled (here: stored) trace with the descrs it was given.
struct Stored {
    trace: Trace,
    descrs: Descrs,
}

#[derive(Default)]
pub struct TraceInterp {
    traces: Vec<Stored>,
    /// Every label: its trace and the index of its `label` op.
    labels: HashMap<DescrId, (TraceId, usize)>,
    /// Bridges by the guard they leave from.
    bridges: HashMap<(TraceId, usize), TraceId>,
}

/// Where the interpreter goes next after an op.
enum Next {
    Op,
    Goto(TraceId, usize, Vec<u64>),
    Stop(Exit),
}

impl TraceInterp {
    pub fn new() -> TraceInterp {
        TraceInterp::default()
    }

    fn store(&mut self, trace: &Trace, descrs: &Descrs) -> TraceId {
        let id = TraceId(self.traces.len() as u32);
        for (n, op) in trace.ops.iter().enumerate() {
            if let (Opcode::Label, Some(d)) = (op.opcode, op.descr) {
                self.labels.insert(d, (id, n));
            }
        }
        self.traces.push(Stored {
            trace: trace.clone(),
            descrs: descrs.clone(),
        });
        id
    }

    /// Where a jump goes: the op after its label, with the label's boxes.
    fn jump_target(&self, t: TraceId, descr: Option<DescrId>) -> (TraceId, usize) {
        match descr {
            Some(d) => self.labels[&d],
            None => (t, usize::MAX),
        }
    }

    /// Enters trace `t` at its label `ops[at]` (at its inputargs for
    /// `usize::MAX`) with these values; returns the index of the next op.
    /// `regs` keeps the other boxes when the jump stays in its trace.
    fn enter(&self, t: TraceId, at: usize, values: &[u64], regs: &mut Vec<u64>) -> usize {
        let trace = &self.traces[t.0 as usize].trace;
        regs.resize(trace.kinds.len(), 0);
        let boxes: Vec<Var> = match at {
            usize::MAX => trace.inputargs.clone(),
            n => trace.ops[n]
                .args
                .iter()
                .map(|a| a.as_var().expect("label arguments are boxes"))
                .collect(),
        };
        for (b, v) in boxes.iter().zip(values) {
            regs[b.index()] = *v;
        }
        at.wrapping_add(1)
    }

    /// Runs one op of trace `t` (index `n`) on `regs`.
    fn step(&self, t: TraceId, n: usize, regs: &mut [u64], overflowed: &mut bool) -> Next {
        let Stored { trace, descrs } = &self.traces[t.0 as usize];
        let op = &trace.ops[n];
        let arg = |k: usize, regs: &[u64]| value(regs, op.args[k]);
        let descr = || descrs.get(op.descr.expect("op without descr"));
        let mut result = None;
        use Opcode::*;
        match op.opcode {
            IntAddOvf | IntSubOvf | IntMulOvf => {
                let (r, o) = eval_ovf(op.opcode, arg(0, regs), arg(1, regs));
                *overflowed = o;
                result = Some(r);
            }
            code if code.is_pure() => {
                let args: Vec<u64> = (0..op.args.len()).map(|k| arg(k, regs)).collect();
                result = eval_pure(code, &args);
            }
            GetfieldGcI | GetfieldGcR | GetfieldGcF => {
                let (off, size) = mem::field_place(descr(), 0);
                // SAFETY: the trace reads a live field of the object.
                result = Some(unsafe { mem::load(arg(0, regs), off, size) });
            }
            GetarrayitemGcI | GetarrayitemGcR | GetarrayitemGcF => {
                let (off, size) = mem::field_place(descr(), arg(1, regs));
                // SAFETY: the trace reads a live item of the array.
                result = Some(unsafe { mem::load(arg(0, regs), off, size) });
            }
            SetfieldGc => {
                let (off, size) = mem::field_place(descr(), 0);
                // SAFETY: the trace writes a live field of the object.
                unsafe { mem::store(arg(0, regs), off, size, arg(1, regs)) };
            }
            SetarrayitemGc => {
                let (off, size) = mem::field_place(descr(), arg(1, regs));
                // SAFETY: the trace writes a live item of the array.
                unsafe { mem::store(arg(0, regs), off, size, arg(2, regs)) };
            }
            New | NewWithVtable => result = Some(mem::alloc(descr())),
            code if code.is_call() => {
                let Descr::Call { func, .. } = descr() else {
                    panic!("call without a call descr");
                };
                let args: Vec<u64> = (0..op.args.len()).map(|k| arg(k, regs)).collect();
                // SAFETY: the call descr names a JitFn taking these arguments.
                result = Some(unsafe { mem::call(*func, &args) });
            }
            code if code.is_guard() => {
                if !guard_holds(code, op.args.iter().map(|a| value(regs, *a)), *overflowed) {
                    let g = op.guard.as_ref().expect("guard without fail args");
                    let values = g.fail_args.iter().map(|a| value(regs, *a)).collect();
                    return match self.bridges.get(&(t, n)) {
                        Some(&b) => Next::Goto(b, usize::MAX, values),
                        None => Next::Stop(Exit {
                            trace: t,
                            op: n,
                            values,
                        }),
                    };
                }
            }
            Jump => {
                let (to, label) = self.jump_target(t, op.descr);
                let values = op.args.iter().map(|a| value(regs, *a)).collect();
                return Next::Goto(to, label, values);
            }
            Finish => {
                return Next::Stop(Exit {
                    trace: t,
                    op: n,
                    values: op.args.iter().map(|a| value(regs, *a)).collect(),
                })
            }
            Label | DebugMergePoint => {}
            other => panic!("trace interpreter: unhandled op {}", other.name()),
        }
        if let (Some(r), Some(v)) = (op.result, result) {
            regs[r.index()] = v;
        }
        Next::Op
    }
}

fn value(regs: &[u64], v: Value) -> u64 {
    match v {
        Value::Var(x) => regs[x.index()],
        Value::Const(_, bits) => bits,
    }
}

/// Does a guard's condition hold for these argument values?
fn guard_holds(code: Opcode, mut args: impl Iterator<Item = u64>, overflowed: bool) -> bool {
    let mut a = || args.next().expect("guard argument");
    match code {
        Opcode::GuardTrue | Opcode::GuardNonnull => a() != 0,
        Opcode::GuardFalse | Opcode::GuardIsnull => a() == 0,
        Opcode::GuardValue => a() == a(),
        Opcode::GuardClass => {
            let offset = rpy_runtime::OBJECT_VTABLE_OFFSET as i64;
            // SAFETY: guard_class is applied to a live object.
            (unsafe { mem::load(a(), offset, 8) }) == a()
        }
        // SAFETY: the slot is the runtime's pending-exception word.
        Opcode::GuardNoException => unsafe { *mem::exc_slot() == 0 },
        Opcode::GuardNoOverflow => !overflowed,
        Opcode::GuardOverflow => overflowed,
        other => panic!("not a guard: {}", other.name()),
    }
}

impl Backend for TraceInterp {
    fn compile_loop(&mut self, trace: &Trace, descrs: &Descrs) -> Result<TraceId, String> {
        Ok(self.store(trace, descrs))
    }

    fn compile_bridge(
        &mut self,
        from: TraceId,
        guard_op: usize,
        trace: &Trace,
        descrs: &Descrs,
    ) -> Result<TraceId, String> {
        let id = self.store(trace, descrs);
        self.bridges.insert((from, guard_op), id);
        Ok(id)
    }

    fn run(&mut self, t: TraceId, args: &[u64]) -> Exit {
        let mut t = t;
        let mut regs = Vec::new();
        let _roots = crate::roots::words(&regs);
        let mut n = self.enter(t, usize::MAX, args, &mut regs);
        let mut overflowed = false;
        loop {
            match self.step(t, n, &mut regs, &mut overflowed) {
                Next::Op => n += 1,
                Next::Goto(to, label, values) => {
                    if to != t {
                        t = to;
                        regs.clear();
                    }
                    n = self.enter(t, label, &values, &mut regs);
                }
                Next::Stop(exit) => return exit,
            }
        }
    }
}
