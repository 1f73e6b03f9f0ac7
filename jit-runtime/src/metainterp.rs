//! The meta-interpreter: runs jitcodes on real values. With a recorder it
//! is the tracer — every op is also recorded on boxes (greens are
//! constants, branches on non-constant values become guards with resume
//! snapshots, immutable reads at constant addresses and `@elidable` calls
//! with constant arguments fold, callees are inlined); without one it is
//! the blackhole interpreter that finishes an iteration after a guard
//! failed, up to the next merge point.

use crate::ir::eval::{eval_ovf, eval_pure};
use crate::ir::{CallEffect, Descr, DescrId, Kind, Op, Opcode, Trace, Value, Var};
use crate::jitcode::{Insn, Reg, Src};
use crate::mem;
use crate::program::Program;
use std::collections::{HashMap, HashSet};

/// One jitcode activation.
#[derive(Clone, Debug)]
pub struct Frame {
    pub code: u32,
    pub pc: u32,
    pub regs: Vec<u64>,
    /// The box of every register (tracing only).
    pub boxes: Vec<Value>,
    /// The trace's length when the tracer inlined this frame.
    pub entered_at: usize,
}

/// Where a frame of a resume snapshot continues.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameSnap {
    pub code: u32,
    pub pc: u32,
    /// The call at `pc` raised (the exception is pending): dispatch it.
    pub raised: bool,
    /// The registers saved, in fail-argument order.
    pub regs: Vec<Reg>,
}

/// What a guard's failure resumes: the frames, outermost first.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub frames: Vec<FrameSnap>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Stop {
    /// The portal reached its merge point (blackhole): greens then reds.
    MergePoint(Vec<u64>),
    /// The portal returned.
    Return(u64),
    /// An exception left the portal (it is pending).
    Raise,
    /// Tracing: the loop closed (the trace ends with its jump).
    LoopClosed,
    /// Tracing: the trace (a bridge, or a loop's before it closed) reached
    /// another compiled loop (its jump recorded).
    BridgeClosed,
    /// Tracing gave up; execution can go on without the recorder.
    Abort(AbortReason),
}

/// Why tracing gave up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbortReason {
    /// The traced code raised (traces do not follow exceptions yet).
    ExceptionRaised,
    /// The portal returned before the loop closed.
    PortalReturned,
    /// Inlined calls went deeper than the tracer follows.
    InliningTooDeep,
    /// The trace grew past `trace_limit`.
    TraceTooLong,
}

impl std::fmt::Display for AbortReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AbortReason::ExceptionRaised => "an exception was raised while tracing",
            AbortReason::PortalReturned => "the portal returned while tracing",
            AbortReason::InliningTooDeep => "inlining too deep",
            AbortReason::TraceTooLong => "trace too long",
        })
    }
}

/// The tracing state.
pub struct Recorder {
    pub trace: Trace,
    pub snapshots: Vec<Snapshot>,
    /// The green key the loop started at (`None` for a bridge).
    pub start_key: Option<Vec<u64>>,
    /// The start labels of compiled loops, by green key: reaching one
    /// ends the trace with a jump there.
    pub loops: HashMap<Vec<u64>, DescrId>,
    pub limit: usize,
    pub driver: usize,
    /// Merge-point locations seen (for `debug_merge_point`).
    pub locations: Vec<Vec<u64>>,
    /// Boxes whose class (vtable) is known: allocated by the trace, or
    /// guarded.
    pub known_class: HashMap<Var, u64>,
    /// Jitcodes called natively instead of inlined (their inlining made
    /// an earlier trace abort), where the call has a native form.
    pub dont_inline: HashSet<u32>,
    /// Jitcodes inlined at a call that has a native form, and how many ops
    /// their finished outermost activations added to the trace.
    pub inlined_ops: HashMap<u32, usize>,
    /// Set when tracing aborts because of inlining: the jitcode whose
    /// inlining to stop (PyPy's "dont trace here" on the biggest function).
    pub stop_inlining: Option<u32>,
}

pub struct MetaInterp<'p> {
    pub prog: &'p Program,
    pub frames: Vec<Frame>,
    pub rec: Option<Recorder>,
}

/// The kind an op expects for argument `i`.
fn arg_kind(prog: &Program, op: Opcode, descr: Option<DescrId>, i: usize) -> Kind {
    use Opcode::*;
    let item = || match descr.map(|d| prog.descrs.get(d)) {
        Some(Descr::Field { kind, .. }) | Some(Descr::Array { kind, .. }) => *kind,
        _ => Kind::Int,
    };
    match op {
        FloatAdd | FloatSub | FloatMul | FloatTrueDiv | FloatNeg | FloatAbs | FloatLt | FloatLe
        | FloatEq | FloatNe | FloatGt | FloatGe | CastFloatToInt | SameAsF => Kind::Float,
        PtrEq | PtrNe | SameAsR | GuardNonnull | GuardIsnull | GuardClass => Kind::Ref,
        GetfieldGcI | GetfieldGcR | GetfieldGcF => Kind::Ref,
        SetfieldGc if i == 0 => Kind::Ref,
        SetfieldGc => item(),
        GetarrayitemGcI | GetarrayitemGcR | GetarrayitemGcF | SetarrayitemGc if i == 0 => Kind::Ref,
        SetarrayitemGc if i == 2 => item(),
        _ => Kind::Int,
    }
}

impl<'p> MetaInterp<'p> {
    pub fn new(prog: &'p Program, frames: Vec<Frame>, rec: Option<Recorder>) -> MetaInterp<'p> {
        MetaInterp { prog, frames, rec }
    }

    /// A new frame of `code` with these argument values (and boxes).
    pub fn frame(prog: &Program, code: u32, args: &[(u64, Value)], tracing: bool) -> Frame {
        let c = &prog.codes.codes[code as usize];
        let mut f = Frame {
            code,
            pc: 0,
            regs: vec![0; c.kinds.len()],
            boxes: if tracing {
                c.kinds.iter().map(|k| Value::Const(*k, 0)).collect()
            } else {
                Vec::new()
            },
            entered_at: 0,
        };
        for (&p, &(v, b)) in c.params.iter().zip(args) {
            f.regs[p as usize] = v;
            if tracing {
                f.boxes[p as usize] = b;
            }
        }
        f
    }

    fn top(&self) -> &Frame {
        self.frames.last().expect("a frame")
    }

    /// The real value and the box of an operand of the top frame.
    fn val(&self, s: Src, k: Kind) -> (u64, Value) {
        let f = self.top();
        match s {
            Src::Reg(r) => {
                let v = f.regs[r as usize];
                let b = f
                    .boxes
                    .get(r as usize)
                    .copied()
                    .unwrap_or(Value::Const(k, v));
                (v, b)
            }
            Src::Const(c) => (c, Value::Const(k, c)),
            Src::Addr(a) => {
                let v = self.prog.addrs[a as usize];
                (v, Value::Const(k, v))
            }
        }
    }

    fn set(&mut self, r: Reg, v: u64, b: Value) {
        let tracing = self.rec.is_some();
        let f = self.frames.last_mut().expect("a frame");
        f.regs[r as usize] = v;
        if tracing {
            f.boxes[r as usize] = b;
        }
    }

    /// Records an op; its result box (`None` for void ops or when not
    /// tracing).
    fn record(&mut self, op: Op, result: Option<Kind>) -> Value {
        let Some(rec) = self.rec.as_mut() else {
            return Value::Const(Kind::Int, 0);
        };
        let mut op = op;
        let v = result.map(|k| rec.trace.new_var(k));
        op.result = v;
        rec.trace.ops.push(op);
        v.map_or(Value::Const(Kind::Int, 0), Value::Var)
    }

    /// The registers of frame `i` a guard must save.
    fn live_regs(&self, i: usize, raised: bool) -> Vec<Reg> {
        let f = &self.frames[i];
        let code = &self.prog.codes.codes[f.code as usize];
        let pc = f.pc as usize;
        let innermost = i + 1 == self.frames.len();
        if innermost && !raised {
            return code.live[pc].clone();
        }
        let mut regs: Vec<Reg> = Vec::new();
        if let Some(h) = code.insns[pc].handler() {
            regs.extend(&code.live[h as usize]);
        }
        if !innermost {
            // waiting for a callee: what the code after the call reads,
            // except the result it will get
            let dst = code.insns[pc].call_dst();
            regs.extend(code.live[pc + 1].iter().filter(|r| Some(**r) != dst));
        }
        regs.sort_unstable();
        regs.dedup();
        regs
    }

    /// Records a guard with a snapshot of every frame. `known`: a box
    /// whose value is known when the guard fails (the condition of a
    /// `guard_true`/`guard_false` on a bool), saved as that constant.
    fn guard(
        &mut self,
        opcode: Opcode,
        args: Vec<Value>,
        raised: bool,
        known: Option<(Value, u64)>,
    ) {
        if self.rec.is_none() {
            return;
        }
        let mut frames = Vec::new();
        let mut fail_args = Vec::new();
        let mut cond_at = Vec::new();
        for i in 0..self.frames.len() {
            let regs = self.live_regs(i, raised && i + 1 == self.frames.len());
            let f = &self.frames[i];
            for r in &regs {
                match (f.boxes[*r as usize], known) {
                    (b, Some((k, v))) if b == k => {
                        cond_at.push(fail_args.len());
                        fail_args.push(Value::Const(Kind::Int, v));
                    }
                    (b, _) => fail_args.push(b),
                }
            }
            frames.push(FrameSnap {
                code: f.code,
                pc: f.pc,
                raised: raised && i + 1 == self.frames.len(),
                regs,
            });
        }
        let rec = self.rec.as_mut().expect("tracing");
        let resume = rec.snapshots.len() as u32;
        rec.snapshots.push(Snapshot { frames });
        rec.trace.ops.push(
            Op::new(opcode, args, None)
                .with_guard(fail_args, resume)
                .with_cond_at(cond_at),
        );
    }

    fn abort(&mut self, why: AbortReason) -> Option<Stop> {
        self.rec.as_ref()?;
        Some(Stop::Abort(why))
    }

    /// Runs until the portal's merge point (blackhole), the portal's
    /// return, an exception leaving it, or the end of tracing.
    pub fn run(&mut self) -> Stop {
        let _roots = crate::roots::frames(&self.frames);
        loop {
            if let Some(stop) = self.step() {
                return stop;
            }
        }
    }

    /// The exception pending: the top frame's handler takes it, or the
    /// frame is left.
    fn unwind(&mut self) -> Option<Stop> {
        if let Some(s) = self.abort(AbortReason::ExceptionRaised) {
            return Some(s);
        }
        loop {
            let f = self.top();
            let code = &self.prog.codes.codes[f.code as usize];
            if let Some(h) = code.insns[f.pc as usize].handler() {
                self.frames.last_mut().expect("a frame").pc = h;
                return None;
            }
            self.frames.pop();
            if self.frames.is_empty() {
                return Some(Stop::Raise);
            }
        }
    }

    /// A call of runtime function `descr` (a wrapper running an LL op, or
    /// a graph, natively): recorded when tracing, folded when elidable on
    /// constants.
    fn call(&mut self, descr: u32, args: &[Src], dst: Option<Reg>) -> Option<Stop> {
        let d = self.prog.call_descr[descr as usize];
        let Descr::Call {
            func,
            args: akinds,
            result,
            effect,
            can_raise,
            ..
        } = self.prog.descrs.get(d).clone()
        else {
            unreachable!("a call descr")
        };
        let vals: Vec<(u64, Value)> = args
            .iter()
            .zip(&akinds)
            .map(|(a, k)| self.val(*a, *k))
            .collect();
        let reals: Vec<u64> = vals.iter().map(|v| v.0).collect();
        // SAFETY: the wrapper takes exactly these arguments.
        let real = unsafe { mem::call(func, &reals) };
        let raised = mem::exc_pending();
        let all_const = vals.iter().all(|v| matches!(v.1, Value::Const(..)));
        let folded = effect == CallEffect::Elidable && all_const && !raised;
        let b = if folded {
            Value::Const(result.unwrap_or(Kind::Int), real)
        } else {
            let pure = effect == CallEffect::Elidable;
            self.record(
                Op::new(
                    Opcode::call(result, pure),
                    vals.iter().map(|v| v.1).collect(),
                    None,
                )
                .with_descr(d),
                result,
            )
        };
        if raised {
            return self.unwind();
        }
        // a recorded call (also one with no result, whose value is a
        // placeholder constant) is followed by its exception check
        if can_raise && !folded {
            self.guard(Opcode::GuardNoException, vec![], true, None);
        }
        if let Some(d) = dst {
            self.set(d, real, b);
        }
        self.next();
        None
    }

    /// How many portal frames are on the stack.
    fn portal_depth(&self) -> usize {
        let portals = &self.prog.codes.drivers;
        self.frames
            .iter()
            .filter(|f| portals.iter().any(|d| d.portal == f.code))
            .count()
    }

    /// A callee returned `v` to the frame below.
    fn returned(&mut self, v: u64, b: Value) -> Option<Stop> {
        if self.frames.len() == 1 {
            // the portal itself returns: tracing gives up here (the
            // blackhole then runs the `Return` again)
            if let Some(s) = self.abort(AbortReason::PortalReturned) {
                return Some(s);
            }
            self.frames.pop();
            return Some(Stop::Return(v));
        }
        let f = self.frames.pop().expect("a frame");
        if let Some(rec) = self.rec.as_mut() {
            let len = rec.trace.ops.len();
            count_inlined(&mut rec.inlined_ops, &self.frames, &f, len);
        }
        let f = self.top();
        let code = &self.prog.codes.codes[f.code as usize];
        if let Some(d) = code.insns[f.pc as usize].call_dst() {
            self.set(d, v, b);
        }
        self.frames.last_mut().expect("a frame").pc += 1;
        None
    }

    /// Continues a frame whose call at `pc` raised (the resume of a
    /// `guard_no_exception`).
    pub fn resume_raised(&mut self) -> Option<Stop> {
        self.unwind()
    }

    fn goto(&mut self, pc: u32) {
        self.frames.last_mut().expect("a frame").pc = pc;
    }

    fn next(&mut self) {
        self.frames.last_mut().expect("a frame").pc += 1;
    }

    /// Executes (and, when tracing, records) the instruction at the top
    /// frame's pc: one `opimpl_*` per kind of instruction.
    fn step(&mut self) -> Option<Stop> {
        let f = self.top();
        let code = &self.prog.codes.codes[f.code as usize];
        let insn = code.insns[f.pc as usize].clone();
        match insn {
            Insn::Op {
                op,
                args,
                dst,
                descr,
            } => self.opimpl_op(op, &args, dst, descr),
            Insn::OpOvf { op, args, dst, ovf } => self.opimpl_op_ovf(op, &args, dst, ovf),
            Insn::Call {
                descr,
                args,
                dst,
                handler: _,
            } => return self.call(descr, &args, dst),
            Insn::Inline {
                code,
                dst,
                native: Some((descr, nargs)),
                ..
            } if self.rec.is_none() || self.portal_depth() >= 2 || self.not_inlined(code) => {
                // a recursive call: natively in the blackhole, beyond one
                // inlined portal level, and once its inlining aborted a trace
                return self.call(descr, &nargs, dst);
            }
            Insn::Inline {
                code: callee,
                args,
                native,
                ..
            } => return self.inline(callee, &args, native.is_some()),
            Insn::CallIndirect {
                func,
                args,
                call: (descr, cargs),
                dst,
                ..
            } => return self.opimpl_call_indirect(func, &args, descr, &cargs, dst),
            Insn::ClassOf { obj, dst } => {
                let (v, b) = self.val(obj, Kind::Ref);
                let vt = self.class_of(v, b);
                self.set(dst, vt, Value::Const(Kind::Int, vt));
                self.next();
            }
            Insn::InstanceOf { obj, class, dst } => self.opimpl_instance_of(obj, class, dst),
            Insn::Goto(t) => self.goto(t),
            Insn::If { cond, then, else_ } => self.opimpl_if(cond, then, else_),
            Insn::Switch {
                value,
                cases,
                default,
            } => self.opimpl_switch(value, &cases, default),
            Insn::Move(moves) => self.opimpl_move(&moves),
            Insn::Return(v) => {
                let (v, b) = match v {
                    Some(s) => self.val(s, Kind::Int),
                    None => (0, Value::int(0)),
                };
                return self.returned(v, b);
            }
            Insn::Raise(s) => return self.opimpl_raise(s),
            Insn::Catch(handlers) => return self.opimpl_catch(&handlers),
            // an inlined portal's merge point: just go on
            Insn::MergePoint(_) if self.frames.len() > 1 => self.next(),
            Insn::MergePoint(args) => return self.merge_point(&args),
            Insn::CanEnterJit => self.next(),
            Insn::Promote { src, dst } => self.opimpl_promote(src, dst),
        }
        None
    }

    /// The kind of register `r` of the top frame's jitcode.
    fn kind_of_reg(&self, r: Reg) -> Kind {
        self.prog.codes.codes[self.top().code as usize].kinds[r as usize]
    }

    /// A trace operation (pure, heap, allocation…) on the argument values.
    fn opimpl_op(&mut self, op: Opcode, args: &[Src], dst: Option<Reg>, descr: Option<u32>) {
        let descr = descr.map(|d| self.descr_of(op, d));
        let vals: Vec<(u64, Value)> = args
            .iter()
            .enumerate()
            .map(|(i, a)| self.val(*a, arg_kind(self.prog, op, descr, i)))
            .collect();
        let (real, b) = self.exec_op(op, descr, &vals);
        if let Some(d) = dst {
            self.set(d, real, b);
        }
        self.next();
    }

    /// An overflow-checked op: recorded with `guard_no_overflow` (or
    /// `guard_overflow`) when tracing; on overflow, goes to `ovf`. A
    /// failing guard resumes here, so the blackhole redoes the op.
    fn opimpl_op_ovf(&mut self, op: Opcode, args: &[Src], dst: Option<Reg>, ovf: u32) {
        let (x, bx) = self.val(args[0], Kind::Int);
        let (y, by) = self.val(args[1], Kind::Int);
        let (r, overflowed) = eval_ovf(op, x, y);
        let b = match (bx, by) {
            (Value::Const(..), Value::Const(..)) => Value::Const(Kind::Int, r),
            _ => {
                let b = self.record(Op::new(op, vec![bx, by], None), Some(Kind::Int));
                let g = if overflowed {
                    Opcode::GuardOverflow
                } else {
                    Opcode::GuardNoOverflow
                };
                self.guard(g, vec![], false, None);
                b
            }
        };
        if overflowed {
            self.goto(ovf);
            return;
        }
        if let Some(d) = dst {
            self.set(d, r, b);
        }
        self.next();
    }

    /// A call through a function pointer: a constant function with a
    /// jitcode is inlined while tracing (one portal level deep for one that
    /// re-enters it), anything else is called.
    fn opimpl_call_indirect(
        &mut self,
        func: Src,
        args: &[Src],
        descr: u32,
        cargs: &[Src],
        dst: Option<Reg>,
    ) -> Option<Stop> {
        let (f, b) = self.val(func, Kind::Int);
        let target = match b {
            Value::Const(..) if self.rec.is_some() => self.prog.funcs.get(&f).copied(),
            _ => None,
        };
        match target {
            Some((callee, reenters))
                if (!reenters || self.portal_depth() < 2) && !self.not_inlined(callee) =>
            {
                self.inline(callee, args, true)
            }
            _ => self.call(descr, cargs, dst),
        }
    }

    /// `isinstance(obj, class)`: a null object guarded null is never an
    /// instance; otherwise the class of the object (guarded) decides.
    fn opimpl_instance_of(&mut self, obj: Src, class: Src, dst: Reg) {
        let (v, b) = self.val(obj, Kind::Ref);
        let (cls, _) = self.val(class, Kind::Int);
        let r = if v == 0 {
            if let Value::Var(_) = b {
                self.guard(Opcode::GuardIsnull, vec![b], false, None);
            }
            false
        } else {
            let vt = self.class_of(v, b);
            // SAFETY: both are vtables (of a live object, and a class
            // constant).
            unsafe {
                (*(vt as *const rpy_runtime::VTable))
                    .is_subclass_of(&*(cls as *const rpy_runtime::VTable))
            }
        };
        self.set(dst, r as u64, Value::Const(Kind::Int, r as u64));
        self.next();
    }

    /// A two-way branch on a bool, guarded when it is a variable.
    fn opimpl_if(&mut self, cond: Src, then: u32, else_: u32) {
        let (v, b) = self.val(cond, Kind::Int);
        if let Value::Var(_) = b {
            // an `If` tests a bool: when the guard fails it is the other one
            let g = if v != 0 {
                Opcode::GuardTrue
            } else {
                Opcode::GuardFalse
            };
            self.guard(g, vec![b], false, Some((b, (v == 0) as u64)));
        }
        self.goto(if v != 0 { then } else { else_ });
    }

    /// A switch on an int, its value guarded when it is a variable.
    fn opimpl_switch(&mut self, value: Src, cases: &[(u64, u32)], default: u32) {
        let (v, b) = self.val(value, Kind::Int);
        if let Value::Var(_) = b {
            self.guard(
                Opcode::GuardValue,
                vec![b, Value::int(v as i64)],
                false,
                None,
            );
        }
        let t = cases
            .iter()
            .find(|(c, _)| *c == v)
            .map_or(default, |(_, t)| *t);
        self.goto(t);
    }

    /// A parallel move between registers.
    fn opimpl_move(&mut self, moves: &[(Src, Reg)]) {
        let vals: Vec<(u64, Value)> = moves
            .iter()
            .map(|(s, r)| self.val(*s, self.kind_of_reg(*r)))
            .collect();
        for ((_, r), (v, b)) in moves.iter().zip(vals) {
            self.set(*r, v, b);
        }
        self.next();
    }

    /// `raise e`: a trace stops here; the frame unwinds to a handler.
    fn opimpl_raise(&mut self, s: Src) -> Option<Stop> {
        let (v, _) = self.val(s, Kind::Ref);
        // SAFETY: an exception object.
        unsafe { *mem::exc_slot() = v };
        if let Some(s) = self.abort(AbortReason::ExceptionRaised) {
            return Some(s);
        }
        self.frames.pop();
        if self.frames.is_empty() {
            return Some(Stop::Raise);
        }
        self.unwind()
    }

    /// The handlers of a block that caught an exception: the first whose
    /// class matches takes it, else the frame unwinds further.
    fn opimpl_catch(&mut self, handlers: &[(u64, Reg, u32)]) -> Option<Stop> {
        // SAFETY: the pending exception is an object.
        let e = unsafe { *mem::exc_slot() };
        for &(vt, r, t) in handlers {
            let vt = self.prog.addrs[vt as usize];
            // SAFETY: `e` is an exception instance, `vt` a vtable.
            let matches = unsafe {
                rpy_runtime::rpy_instanceof(
                    e as *mut rpy_runtime::Object,
                    vt as *const rpy_runtime::VTable,
                )
            };
            if matches {
                rpy_runtime::rpy_exc_take();
                self.set(r, e, Value::Const(Kind::Ref, e));
                self.goto(t);
                return None;
            }
        }
        self.frames.pop();
        if self.frames.is_empty() {
            return Some(Stop::Raise);
        }
        self.unwind()
    }

    /// `promote(x)`: a constant from here on, guarded when it was not.
    fn opimpl_promote(&mut self, src: Src, dst: Reg) {
        let k = self.kind_of_reg(dst);
        let (v, b) = self.val(src, k);
        if let Value::Var(_) = b {
            self.guard(Opcode::GuardValue, vec![b, Value::Const(k, v)], false, None);
        }
        self.set(dst, v, Value::Const(k, v));
        self.next();
    }

    /// Enters jitcode `callee` with these arguments (inlined when
    /// tracing); `fallback`: the call has a native form.
    fn inline(&mut self, callee: u32, args: &[Src], fallback: bool) -> Option<Stop> {
        let c = &self.prog.codes.codes[callee as usize];
        let vals: Vec<(u64, Value)> = args
            .iter()
            .zip(&c.params)
            .map(|(a, p)| self.val(*a, c.kinds[*p as usize]))
            .collect();
        let mut fr = MetaInterp::frame(self.prog, callee, &vals, self.rec.is_some());
        if let Some(rec) = self.rec.as_mut() {
            fr.entered_at = rec.trace.ops.len();
            if fallback {
                rec.inlined_ops.entry(callee).or_insert(0);
            }
        }
        self.frames.push(fr);
        if self
            .rec
            .as_ref()
            .is_some_and(|r| self.frames.len() > 64 + r.limit / 64)
        {
            return self.abort_inlining(AbortReason::InliningTooDeep);
        }
        None
    }

    /// While tracing: calls of jitcode `code` are not inlined any more.
    fn not_inlined(&self, code: u32) -> bool {
        self.rec
            .as_ref()
            .is_some_and(|r| r.dont_inline.contains(&code))
    }

    /// Aborts tracing because the trace got too big, naming the inlined
    /// function (one with a native form) that added the most ops to it,
    /// counting each function's outermost activations, finished or not.
    fn abort_inlining(&mut self, why: AbortReason) -> Option<Stop> {
        let rec = self.rec.as_mut()?;
        let mut ops = rec.inlined_ops.clone();
        for (i, f) in self.frames.iter().enumerate() {
            count_inlined(&mut ops, &self.frames[..i], f, rec.trace.ops.len());
        }
        rec.stop_inlining = ops
            .into_iter()
            .max_by_key(|&(code, n)| (n, std::cmp::Reverse(code)))
            .map(|(code, _)| code);
        Some(Stop::Abort(why))
    }

    /// The class (vtable) of the non-null object `v` with box `b`; when
    /// tracing and the class is not known yet, guards it (non-null, then
    /// `guard_class`).
    fn class_of(&mut self, v: u64, b: Value) -> u64 {
        let offset = rpy_runtime::OBJECT_VTABLE_OFFSET as i64;
        // SAFETY: `v` is a live instance; every instance starts with its
        // vtable pointer.
        let vt = unsafe { mem::load(v, offset, 8) };
        if let (Value::Var(x), Some(rec)) = (b, self.rec.as_ref()) {
            if rec.known_class.get(&x) != Some(&vt) {
                self.guard(Opcode::GuardNonnull, vec![b], false, None);
                self.guard(
                    Opcode::GuardClass,
                    vec![b, Value::Const(Kind::Int, vt)],
                    false,
                    None,
                );
                if let Some(rec) = self.rec.as_mut() {
                    rec.known_class.insert(x, vt);
                }
            }
        }
        vt
    }

    fn descr_of(&self, op: Opcode, d: u32) -> DescrId {
        match op {
            Opcode::New | Opcode::NewWithVtable => self.prog.size_descr[d as usize],
            _ => self.prog.field_descr[d as usize],
        }
    }

    /// Executes (and records) one IR op on its arguments.
    fn exec_op(
        &mut self,
        op: Opcode,
        descr: Option<DescrId>,
        vals: &[(u64, Value)],
    ) -> (u64, Value) {
        let reals: Vec<u64> = vals.iter().map(|v| v.0).collect();
        let boxes: Vec<Value> = vals.iter().map(|v| v.1).collect();
        let all_const = boxes.iter().all(|b| matches!(b, Value::Const(..)));
        let rk = op.result_kind();
        if op.is_pure() {
            let real = eval_pure(op, &reals).expect("a pure op");
            if all_const {
                return (real, Value::Const(rk.unwrap_or(Kind::Int), real));
            }
            let b = self.record(Op::new(op, boxes, None), rk);
            return (real, b);
        }
        let d = descr.expect("a heap op has a descr");
        let desc = self.prog.descrs.get(d).clone();
        let immutable = matches!(
            desc,
            Descr::Field {
                immutable: true,
                ..
            } | Descr::Array {
                immutable: true,
                ..
            }
        );
        let op_rec = Op::new(op, boxes.clone(), None).with_descr(d);
        match op {
            Opcode::GetfieldGcI | Opcode::GetfieldGcR | Opcode::GetfieldGcF => {
                let (off, size) = mem::field_place(&desc, 0);
                // SAFETY: the codewriter's field of a live object.
                let real = unsafe { mem::load(reals[0], off, size) };
                if immutable && all_const {
                    return (real, Value::Const(rk.unwrap_or(Kind::Int), real));
                }
                (real, self.record(op_rec, rk))
            }
            Opcode::GetarrayitemGcI | Opcode::GetarrayitemGcR | Opcode::GetarrayitemGcF => {
                let (off, size) = mem::field_place(&desc, reals[1]);
                // SAFETY: the index was bounds-checked by the jitcode.
                let real = unsafe { mem::load(reals[0], off, size) };
                if immutable && all_const {
                    return (real, Value::Const(rk.unwrap_or(Kind::Int), real));
                }
                (real, self.record(op_rec, rk))
            }
            Opcode::SetfieldGc => {
                let (off, size) = mem::field_place(&desc, 0);
                // SAFETY: as for getfield.
                unsafe { mem::store(reals[0], off, size, reals[1]) };
                (0, self.record(op_rec, None))
            }
            Opcode::SetarrayitemGc => {
                let (off, size) = mem::field_place(&desc, reals[1]);
                // SAFETY: as for getarrayitem.
                unsafe { mem::store(reals[0], off, size, reals[2]) };
                (0, self.record(op_rec, None))
            }
            Opcode::New | Opcode::NewWithVtable => {
                let real = mem::alloc(&desc);
                let b = self.record(op_rec, Some(Kind::Ref));
                if let (Descr::Size { vtable, .. }, Value::Var(x), Some(rec)) =
                    (&desc, b, self.rec.as_mut())
                {
                    if *vtable != 0 {
                        rec.known_class.insert(x, *vtable);
                    }
                }
                (real, b)
            }
            other => panic!("metainterp: {other:?} is not a jitcode op"),
        }
    }

    fn merge_point(&mut self, args: &[Src]) -> Option<Stop> {
        let Some(rec) = self.rec.as_ref() else {
            let vals = self.merge_values(args);
            return Some(Stop::MergePoint(vals.iter().map(|v| v.0).collect()));
        };
        let driver = &self.prog.codes.drivers[rec.driver];
        let ng = driver.greens.len();
        let vals = self.merge_values(args);
        let key: Vec<u64> = vals[..ng].iter().map(|v| v.0).collect();
        let reds: Vec<Value> = vals[ng..].iter().map(|v| v.1).collect();
        let rec = self.rec.as_mut().expect("tracing");
        if rec.start_key.as_ref() == Some(&key) {
            rec.trace.ops.push(Op::new(Opcode::Jump, reds, None));
            return Some(Stop::LoopClosed);
        }
        if let Some(label) = rec.loops.get(&key).copied() {
            rec.trace
                .ops
                .push(Op::new(Opcode::Jump, reds, None).with_descr(label));
            return Some(Stop::BridgeClosed);
        }
        if rec.trace.ops.len() > rec.limit {
            return self.abort_inlining(AbortReason::TraceTooLong);
        }
        rec.locations.push(key);
        rec.trace
            .ops
            .push(Op::new(Opcode::DebugMergePoint, vec![], None));
        self.next();
        None
    }

    /// The merge point's values (greens then reds) with their boxes.
    pub fn merge_values(&self, args: &[Src]) -> Vec<(u64, Value)> {
        let f = self.top();
        let kinds = &self.prog.codes.codes[f.code as usize].kinds;
        args.iter()
            .map(|a| {
                let k = match a {
                    Src::Reg(r) => kinds[*r as usize],
                    _ => Kind::Int,
                };
                self.val(*a, k)
            })
            .collect()
    }
}

/// A box for every value: input arguments of a trace starting here.
pub fn input_boxes(trace: &mut Trace, kinds: &[Kind]) -> Vec<Var> {
    let vs: Vec<Var> = kinds.iter().map(|k| trace.new_var(*k)).collect();
    trace.inputargs.extend(&vs);
    vs
}

/// Adds the ops frame `f` (an activation of an inlined function with a
/// native form, entered at trace length `entered_at`) added to a trace now
/// `len` ops long, unless an activation of the same function is `below` it
/// (the outermost one counts them already).
fn count_inlined(ops: &mut HashMap<u32, usize>, below: &[Frame], f: &Frame, len: usize) {
    if below.iter().any(|g| g.code == f.code) {
        return;
    }
    if let Some(n) = ops.get_mut(&f.code) {
        *n += len - f.entered_at;
    }
}
