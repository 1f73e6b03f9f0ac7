//! The JIT driver at run time: what the translated portal calls. At
//! `can_enter_jit` it counts; at `jit_merge_point` (when something is to
//! do) it runs compiled code for the green key, or traces from there,
//! optimizes and compiles the loop; a failing guard resumes in the
//! blackhole up to the next merge point, or, once hot, is traced and
//! compiled as a bridge. The portal then continues with the values the
//! JIT hands back.

use crate::backend::{Backend, Exit, TraceId};
use crate::ir::{Descr, DescrId, Kind, Op, Opcode, Trace, Value};
use crate::jitcode::{Insn, Src};
use crate::log::{Log, Section};
use crate::metainterp::{input_boxes, Frame, MetaInterp, Recorder, Snapshot, Stop};
use crate::program::{Program, Target};
use crate::warmstate::{Cell, Params, WarmState};
use crate::{mem, opt};
use std::collections::{HashMap, HashSet};

/// What `merge_point` tells the portal.
pub const MP_CONTINUE: u32 = 0;
/// The values changed: continue at the merge point with them.
pub const MP_RESTART: u32 = 1;
/// The portal returns `values[0]`.
pub const MP_RETURN: u32 = 2;
/// An exception is pending: the portal returns at once.
pub const MP_RAISE: u32 = 3;

pub struct Jit {
    /// The program, decoded from `target` when the JIT is first entered
    /// (a run whose loops never get hot does not pay for it).
    pub prog: Program,
    target: Option<Target>,
    pub params: Params,
    warm: Vec<WarmState>,
    backend: Box<dyn Backend>,
    snapshots: Vec<Snapshot>,
    /// Every compiled trace, as compiled.
    traces: HashMap<TraceId, Trace>,
    /// Per driver: the start label of the loop compiled for a green key.
    start_labels: Vec<HashMap<Vec<u64>, DescrId>>,
    failures: HashMap<(TraceId, usize), u32>,
    no_bridge: HashSet<(TraceId, usize)>,
    /// How often tracing a bridge from a guard was aborted.
    bridge_aborts: HashMap<(TraceId, usize), u32>,
    /// Jitcodes the tracer calls natively instead of inlining
    /// (`MetaInterp::abort_inlining`).
    dont_inline: HashSet<u32>,
    /// Inside `enter` (running compiled code, tracing or blackholing): a
    /// portal called natively from there runs as plain native code.
    active: bool,
    pub log: Log,
    /// Objects compiled code refers to (constants in traces, the greens of
    /// compiled loops): kept alive for as long as the code is.
    kept: Vec<u64>,
}

static mut JIT: Option<Box<Jit>> = None;

fn jit() -> Option<&'static mut Jit> {
    // SAFETY: the translated program is single-threaded; the JIT is only
    // reached from the portal, and never entered again while it runs
    // (`active`: a recursive portal call from compiled code, the tracer or
    // the blackhole runs natively, without counting or entering).
    unsafe { (*std::ptr::addr_of_mut!(JIT)).as_deref_mut() }
}

/// The backend `RPYJIT=backend=…` names.
fn make_backend(name: &str) -> Box<dyn Backend> {
    match name {
        "interp" => Box::new(crate::backend::interp::TraceInterp::new()),
        _ => Box::new(crate::backend::x86::X86Backend::new()),
    }
}

/// Makes the JIT from what the target provides (once, at start-up).
pub fn init(t: Target) {
    let params = Params::from_env();
    let n = t.locations.len();
    let backend = make_backend(&params.backend);
    let j = Jit {
        prog: Program::default(),
        target: Some(t),
        params,
        warm: (0..n).map(|_| WarmState::default()).collect(),
        backend,
        snapshots: Vec::new(),
        traces: HashMap::new(),
        start_labels: vec![HashMap::new(); n],
        failures: HashMap::new(),
        no_bridge: HashSet::new(),
        bridge_aborts: HashMap::new(),
        dont_inline: HashSet::new(),
        active: false,
        log: Log::from_env(),
        kept: Vec::new(),
    };
    // SAFETY: start-up, before any portal runs.
    unsafe { *std::ptr::addr_of_mut!(JIT) = Some(Box::new(j)) };
    rpy_runtime::rpy_gc_add_root_scanner(visit_roots);
}

/// Every GC pointer the JIT holds outside the stack: the collector's root
/// scanner for JIT targets.
pub fn visit_roots(f: &mut dyn FnMut(u64)) {
    if let Some(j) = jit() {
        j.kept.iter().for_each(|w| f(*w));
        j.backend.visit_roots(f);
    }
    crate::roots::visit_active(f);
}

/// At exit: the summary, when asked for.
pub fn finish() {
    if let Some(j) = jit() {
        j.log.print_summary();
        j.log.write_perf_map(&j.backend.code_ranges());
    }
}

/// `can_enter_jit` with the greens of the loop's target: true when the
/// loop is hot (the portal then enters the JIT at its next merge point).
pub fn can_enter_jit(driver: usize, greens: &[u64]) -> bool {
    match jit() {
        Some(j) if !j.params.off && !j.active => j.warm[driver].tick(greens, j.params.threshold),
        _ => false,
    }
}

/// For portals without `can_enter_jit`: count at the merge point itself.
pub fn count_at_merge_point(driver: usize, values: &[u64]) -> bool {
    let Some(j) = jit() else { return false };
    j.decode();
    let ng = j.prog.codes.drivers[driver].greens.len();
    !j.params.off && !j.active && j.warm[driver].tick(&values[..ng], j.params.threshold)
}

/// `jit_merge_point` with the greens then the reds: `MP_*`. Cold: the
/// portal calls it only when a loop is hot, and its caller's dispatch loop
/// should be laid out without it.
#[cold]
pub fn merge_point(driver: usize, values: &mut [u64]) -> u32 {
    match jit() {
        Some(j) if !j.params.off && !j.active => {
            j.active = true;
            let r = j.enter(driver, values);
            j.active = false;
            r
        }
        _ => MP_CONTINUE,
    }
}

impl Jit {
    /// Decodes the program the first time the JIT needs it.
    fn decode(&mut self) {
        if let Some(t) = self.target.take() {
            self.prog = Program::new(t);
        }
    }

    fn enter(&mut self, d: usize, values: &mut [u64]) -> u32 {
        self.decode();
        let ng = self.prog.codes.drivers[d].greens.len();
        let mut result = MP_CONTINUE;
        loop {
            let key = values[..ng].to_vec();
            let stop = match self.warm[d].cell(&key) {
                Cell::Compiled(t) => {
                    let exit = self.backend.run(t, &values[ng..]);
                    self.handle_exit(d, exit)
                }
                Cell::Counting(n) if n >= self.params.threshold => match self.trace_loop(d, values)
                {
                    Some(stop) => stop,
                    None => continue,
                },
                _ => return result,
            };
            match stop {
                Stop::MergePoint(v) => {
                    values.copy_from_slice(&v);
                    result = MP_RESTART;
                }
                Stop::Return(v) => {
                    values[0] = v;
                    return MP_RETURN;
                }
                Stop::Raise => return MP_RAISE,
                other => unreachable!("the blackhole stopped with {other:?}"),
            }
        }
    }

    /// The portal frame at its merge point with these values; the boxes
    /// of the greens are constants, those of the reds the trace's inputs.
    fn portal_frame(&self, d: usize, values: &[u64], trace: Option<&mut Trace>) -> Frame {
        let drv = &self.prog.codes.drivers[d];
        let code = &self.prog.codes.codes[drv.portal as usize];
        let Insn::MergePoint(args) = &code.insns[drv.merge_point as usize] else {
            unreachable!("the driver's merge point")
        };
        let tracing = trace.is_some();
        let mut f = MetaInterp::frame(&self.prog, drv.portal, &[], tracing);
        let ng = drv.greens.len();
        let reds = trace.map(|t| input_boxes(t, &drv.reds));
        for (i, a) in args.iter().enumerate() {
            if let Src::Reg(r) = a {
                f.regs[*r as usize] = values[i];
                if let Some(reds) = &reds {
                    f.boxes[*r as usize] = if i < ng {
                        Value::Const(code.kinds[*r as usize], values[i])
                    } else {
                        Value::Var(reds[i - ng])
                    };
                }
            }
        }
        f.pc = drv.merge_point + 1;
        f
    }

    /// The recorder of a trace of driver `d`: a loop's from green key
    /// `start_key`, or a bridge's.
    fn recorder(&self, d: usize, trace: Trace, start_key: Option<Vec<u64>>) -> Recorder {
        Recorder {
            trace,
            snapshots: Vec::new(),
            locations: start_key.iter().cloned().collect(),
            start_key,
            loops: self.start_labels[d].clone(),
            limit: self.params.trace_limit,
            driver: d,
            known_class: HashMap::new(),
            dont_inline: self.dont_inline.clone(),
            inlined_ops: HashMap::new(),
            stop_inlining: None,
        }
    }

    /// Learns from an aborted trace: a function whose inlining made it
    /// too big is called natively by the traces made from now on.
    fn learn_from_abort(&mut self, rec: &Recorder) {
        if let Some(code) = rec.stop_inlining {
            if self.dont_inline.insert(code) {
                let name = &self.prog.codes.codes[code as usize].name;
                self.log.note(&format!("# not inlining {name} any more"));
            }
        }
    }

    /// Traces a loop from the merge point. `None`: the loop is compiled
    /// (values now at its start again); `Some`: where execution stopped.
    fn trace_loop(&mut self, d: usize, values: &mut [u64]) -> Option<Stop> {
        let ng = self.prog.codes.drivers[d].greens.len();
        let key = values[..ng].to_vec();
        let mut trace = Trace::default();
        let frame = self.portal_frame(d, values, Some(&mut trace));
        trace
            .ops
            .push(Op::new(Opcode::DebugMergePoint, vec![], None));
        let rec = self.recorder(d, trace, Some(key.clone()));
        let mut mi = MetaInterp::new(&self.prog, vec![frame], Some(rec));
        let stop = mi.run();
        let rec = mi.rec.take().expect("the recorder");
        let frames = std::mem::take(&mut mi.frames);
        match stop {
            Stop::LoopClosed | Stop::BridgeClosed => {
                let mi = MetaInterp::new(&self.prog, frames, None);
                let args = self.merge_args(d);
                let now: Vec<u64> = mi.merge_values(&args).iter().map(|v| v.0).collect();
                let into_other = stop == Stop::BridgeClosed;
                match self.compile_loop(d, &key, rec, into_other) {
                    Ok(()) => {
                        values.copy_from_slice(&now);
                        None
                    }
                    Err(e) => {
                        self.abort(d, &key, &e);
                        Some(Stop::MergePoint(now))
                    }
                }
            }
            Stop::Abort(why) => {
                self.learn_from_abort(&rec);
                self.abort(d, &key, &why);
                Some(self.blackhole(frames, false))
            }
            other => unreachable!("tracing stopped with {other:?}"),
        }
    }

    fn merge_args(&self, d: usize) -> Vec<Src> {
        let drv = &self.prog.codes.drivers[d];
        match &self.prog.codes.codes[drv.portal as usize].insns[drv.merge_point as usize] {
            Insn::MergePoint(args) => args.clone(),
            _ => unreachable!("the driver's merge point"),
        }
    }

    fn abort(&mut self, d: usize, key: &[u64], why: &str) {
        self.log.aborts += 1;
        if self.log.enabled() {
            let loc = self.prog.location(d, key);
            self.log.note(&format!("# aborted trace at ({loc}): {why}"));
        }
        self.warm[d].aborted(key);
    }

    /// Runs frames to the next merge point without recording (after an
    /// abort, or from a failed guard).
    fn blackhole(&self, frames: Vec<Frame>, raised: bool) -> Stop {
        let mut mi = MetaInterp::new(&self.prog, frames, None);
        for f in &mut mi.frames {
            f.boxes.clear();
        }
        if raised || mem::exc_pending() {
            if let Some(stop) = mi.resume_raised() {
                return stop;
            }
        }
        mi.run()
    }

    /// Names the `debug_merge_point`s and numbers the guards' snapshots
    /// globally.
    fn finish_trace(&mut self, d: usize, rec: Recorder) -> Trace {
        let mut t = rec.trace;
        let base = self.snapshots.len() as u32;
        let mut locs = rec.locations.iter();
        for op in &mut t.ops {
            if let Some(g) = op.guard.as_mut() {
                g.resume += base;
            }
            if op.opcode == Opcode::DebugMergePoint {
                let key = locs.next().cloned().unwrap_or_default();
                let name = self.prog.location(d, &key);
                let id = self.prog.descrs.by_name(&name).unwrap_or_else(|| {
                    self.prog.descrs.add(Descr::Location { name: name.clone() })
                });
                op.descr = Some(id);
            }
        }
        self.snapshots.extend(rec.snapshots);
        t
    }

    /// Compiles the trace from `key`'s merge point: a loop back to it, or
    /// (`into_other`) an entry bridge ending in another compiled loop (an
    /// outer loop whose inner loop is compiled already enters it this way;
    /// the inner loop's exits get bridges back).
    fn compile_loop(
        &mut self,
        d: usize,
        key: &[u64],
        rec: Recorder,
        into_other: bool,
    ) -> Result<(), String> {
        let trace = self.finish_trace(d, rec);
        let n = self.log.loops;
        let loc = self.prog.location(d, key);
        let what = if into_other { "entry bridge" } else { "loop" };
        self.log.trace(
            Section::NoOpt,
            &loop_header(n, &loc, what, &trace),
            &trace,
            &self.prog.descrs,
        );
        let mut optimized = if into_other {
            opt::optimize_bridge(&trace, &mut self.prog.descrs)?
        } else {
            opt::optimize_loop(&trace, &mut self.prog.descrs)?
        };
        let start = self.prog.descrs.new_label();
        let inputs: Vec<Value> = optimized.inputargs.iter().map(|v| Value::Var(*v)).collect();
        optimized
            .ops
            .insert(0, Op::new(Opcode::Label, inputs, None).with_descr(start));
        self.log_optimized_loop(n, &loc, &optimized, into_other);
        let t = self.backend.compile_loop(&optimized, &self.prog.descrs)?;
        self.log.names.push(format!("rpy-loop-{n} ({loc})"));
        self.keep_constants(&optimized);
        let kinds = self.prog.codes.drivers[d].greens.clone();
        self.kept.extend(
            key.iter()
                .zip(kinds)
                .filter(|(_, k)| *k == Kind::Ref)
                .map(|(w, _)| *w),
        );
        self.traces.insert(t, optimized);
        self.warm[d].cells.insert(key.to_vec(), Cell::Compiled(t));
        self.start_labels[d].insert(key.to_vec(), start);
        self.log.loops += 1;
        Ok(())
    }

    /// Keeps the objects a compiled trace names as constants alive.
    fn keep_constants(&mut self, t: &Trace) {
        for op in &t.ops {
            let fail = op.guard.iter().flat_map(|g| g.fail_args.iter());
            for v in op.args.iter().chain(fail) {
                if let Value::Const(Kind::Ref, bits) = v {
                    if *bits != 0 {
                        self.kept.push(*bits);
                    }
                }
            }
        }
    }

    /// The optimized loop: its preamble (an entry bridge) and the peeled
    /// loop from its last label on, each with its own header; a trace
    /// entering another loop (`into_other`) is all entry bridge.
    fn log_optimized_loop(&mut self, n: u32, loc: &str, t: &Trace, into_other: bool) {
        if !self.log.enabled() {
            return;
        }
        if into_other {
            let header = loop_header(n, loc, "entry bridge", t);
            self.log.trace(Section::Opt, &header, t, &self.prog.descrs);
            return;
        }
        let body_at = t
            .ops
            .iter()
            .rposition(|o| o.opcode == Opcode::Label)
            .unwrap_or(0);
        let mut pre = t.clone();
        pre.ops.truncate(body_at);
        let mut body = t.clone();
        body.ops.drain(..body_at);
        // the loop's inputs are its label's
        body.inputargs = body.ops[0].args.iter().filter_map(|a| a.as_var()).collect();
        if body_at > 0 {
            let header = loop_header(n, loc, "entry bridge", &pre);
            self.log
                .trace(Section::Opt, &header, &pre, &self.prog.descrs);
        }
        let header = loop_header(n, loc, "loop", &body);
        self.log
            .trace(Section::Opt, &header, &body, &self.prog.descrs);
    }

    /// The frames a guard's snapshot describes, filled with the saved
    /// values (removed allocations rebuilt first).
    fn rebuild(&self, exit: &Exit, mut tracing: Option<&mut Trace>) -> (Vec<Frame>, bool) {
        let op = &self.traces[&exit.trace].ops[exit.op];
        let g = op.guard.as_ref().expect("a guard exit");
        let mut values = exit.values.clone();
        for &(pos, k) in &g.offsets {
            values[pos] = values[pos].wrapping_add(k as u64);
        }
        // rebuilding virtuals allocates: no collection until they are
        // all filled in (the saved values and the new objects are only
        // in Rust buffers meanwhile)
        let _no_gc = rpy_runtime::gc::no_collect();
        let descrs = &self.prog.descrs;
        replay_guard(
            g,
            &mut values,
            |size| mem::alloc(descrs.get(size)),
            |obj, d, index, x| {
                let (off, size) = mem::field_place(descrs.get(d), index.unwrap_or(0));
                // SAFETY: a field of a fresh object, or a store the trace
                // removed, of a live object.
                unsafe { mem::store(obj, off, size, x) };
            },
        );
        // a bridge's inputs: one box per fail arg, but constants (greens,
        // say) stay constants in the bridge
        let mut boxes: Option<Vec<Value>> = tracing.as_deref_mut().map(|t| {
            let kinds: Vec<Kind> = g
                .fail_args
                .iter()
                .map(|a| self.traces[&exit.trace].value_kind(*a))
                .collect();
            let inputs = input_boxes(t, &kinds);
            g.fail_args
                .iter()
                .zip(inputs)
                .enumerate()
                .map(|(i, (a, v))| match a {
                    // (a virtual's placeholder too: the bridge allocates it)
                    Value::Const(k, bits) => Value::Const(*k, *bits),
                    _ => match g.offsets.iter().find(|(p, _)| *p == i) {
                        // the bridge starts by adding a sunk offset back
                        Some(&(_, k)) => {
                            let r = t.new_var(Kind::Int);
                            let add = Op::new(
                                Opcode::IntAdd,
                                vec![Value::Var(v), Value::int(k)],
                                Some(r),
                            );
                            t.ops.push(add);
                            Value::Var(r)
                        }
                        None => Value::Var(v),
                    },
                })
                .collect::<Vec<Value>>()
        });
        // a bridge starts by allocating the guard's virtuals and doing its
        // pending stores (done above for the tracer's own run; compiled,
        // the bridge does them itself — or its optimizer removes them)
        if let (Some(t), Some(b)) = (tracing, &mut boxes) {
            let descrs = &self.prog.descrs;
            let t = std::cell::RefCell::new(t);
            replay_guard(
                g,
                b,
                |size| {
                    let opcode = match descrs.get(size) {
                        Descr::Size { vtable, .. } if *vtable != 0 => Opcode::NewWithVtable,
                        _ => Opcode::New,
                    };
                    let mut t = t.borrow_mut();
                    let r = t.new_var(Kind::Ref);
                    t.ops
                        .push(Op::new(opcode, vec![], Some(r)).with_descr(size));
                    Value::Var(r)
                },
                |obj, d, index, x| {
                    let (opcode, args) = match index {
                        Some(i) => (Opcode::SetarrayitemGc, vec![obj, i, x]),
                        None => (Opcode::SetfieldGc, vec![obj, x]),
                    };
                    t.borrow_mut()
                        .ops
                        .push(Op::new(opcode, args, None).with_descr(d));
                },
            );
        }
        let snap = &self.snapshots[g.resume as usize];
        let mut frames = Vec::new();
        let mut at = 0;
        let mut raised = false;
        for fs in &snap.frames {
            let mut f = MetaInterp::frame(&self.prog, fs.code, &[], boxes.is_some());
            f.pc = fs.pc;
            for &r in &fs.regs {
                f.regs[r as usize] = values[at];
                if let Some(b) = &boxes {
                    f.boxes[r as usize] = b[at];
                }
                at += 1;
            }
            raised = fs.raised;
            frames.push(f);
        }
        (frames, raised)
    }

    /// After compiled code left through a guard: a bridge once the guard
    /// is hot, else the blackhole to the next merge point.
    fn handle_exit(&mut self, d: usize, exit: Exit) -> Stop {
        self.log.guard_failures += 1;
        let id = (exit.trace, exit.op);
        let n = self.failures.entry(id).or_insert(0);
        *n += 1;
        let hot = *n > self.params.trace_eagerness;
        if hot && !self.no_bridge.contains(&id) {
            return self.trace_bridge(d, exit);
        }
        let (frames, raised) = self.rebuild(&exit, None);
        self.blackhole(frames, raised)
    }

    fn trace_bridge(&mut self, d: usize, exit: Exit) -> Stop {
        let id = (exit.trace, exit.op);
        let mut trace = Trace::default();
        let (frames, raised) = self.rebuild(&exit, Some(&mut trace));
        if raised {
            self.no_bridge.insert(id);
            return self.blackhole(frames, true);
        }
        let guard_no = self.traces[&exit.trace].ops[exit.op]
            .guard
            .as_ref()
            .map_or(0, |g| g.resume);
        let rec = self.recorder(d, trace, None);
        let mut mi = MetaInterp::new(&self.prog, frames, Some(rec));
        let stop = mi.run();
        let rec = mi.rec.take().expect("the recorder");
        let frames = std::mem::take(&mut mi.frames);
        match stop {
            Stop::BridgeClosed => {
                let args = self.merge_args(d);
                let now: Vec<u64> = MetaInterp::new(&self.prog, frames, None)
                    .merge_values(&args)
                    .iter()
                    .map(|v| v.0)
                    .collect();
                if let Err(e) = self.compile_bridge(d, &exit, guard_no, rec) {
                    self.no_bridge.insert(id);
                    self.log.aborts += 1;
                    self.log
                        .note(&format!("# bridge out of guard {guard_no} failed: {e}"));
                }
                Stop::MergePoint(now)
            }
            Stop::Abort(why) => {
                self.learn_from_abort(&rec);
                // try again later (an inner loop it ran through may be
                // compiled by then), up to MAX_ABORTS times
                let n = self.bridge_aborts.entry(id).or_insert(0);
                *n += 1;
                if *n >= crate::warmstate::MAX_ABORTS {
                    self.no_bridge.insert(id);
                }
                self.failures.insert(id, 0);
                self.log.aborts += 1;
                self.log
                    .note(&format!("# bridge out of guard {guard_no} aborted: {why}"));
                self.blackhole(frames, false)
            }
            other => unreachable!("bridge tracing stopped with {other:?}"),
        }
    }

    fn compile_bridge(
        &mut self,
        d: usize,
        exit: &Exit,
        guard_no: u32,
        rec: Recorder,
    ) -> Result<(), String> {
        let trace = self.finish_trace(d, rec);
        self.log.trace(
            Section::NoOpt,
            &format!(
                "# bridge out of guard {guard_no} with {} ops",
                trace.counted_ops()
            ),
            &trace,
            &self.prog.descrs,
        );
        let optimized = opt::optimize_bridge(&trace, &mut self.prog.descrs)?;
        self.log.trace(
            Section::Opt,
            &format!(
                "# bridge out of guard {guard_no} with {} ops",
                optimized.counted_ops()
            ),
            &optimized,
            &self.prog.descrs,
        );
        let t = self
            .backend
            .compile_bridge(exit.trace, exit.op, &optimized, &self.prog.descrs)?;
        self.log
            .names
            .push(format!("rpy-bridge-{} (guard {guard_no})", t.0));
        self.keep_constants(&optimized);
        self.traces.insert(t, optimized);
        self.log.bridges += 1;
        Ok(())
    }
}

/// A log header, PyPy style: `# Loop 3 (<location>) : loop with 7 ops`.
fn loop_header(n: u32, loc: &str, what: &str, t: &Trace) -> String {
    format!("# Loop {n} ({loc}) : {what} with {} ops", t.counted_ops())
}

/// Rebuilds a guard's virtuals and does its pending stores, on `values`
/// (one per fail argument; a virtual's position gets the new object):
/// `new` makes an object of a size descr, `store` writes `(object, field or
/// array descr, index, value)`. Resuming does it in memory; a bridge's
/// trace starts with the same as ops.
fn replay_guard<T: Copy>(
    g: &crate::ir::GuardInfo,
    values: &mut [T],
    mut new: impl FnMut(DescrId) -> T,
    mut store: impl FnMut(T, DescrId, Option<T>, T),
) {
    let objs: Vec<T> = g.virtuals.iter().map(|v| new(v.size)).collect();
    for &(pos, k) in &g.virtual_at {
        values[pos] = objs[k];
    }
    for (v, &obj) in g.virtuals.iter().zip(&objs) {
        for (fd, src) in &v.fields {
            let x = match src {
                crate::ir::VirtualField::FailArg(i) => values[*i],
                crate::ir::VirtualField::Virtual(k) => objs[*k],
            };
            store(obj, *fd, None, x);
        }
    }
    for p in &g.pending {
        let index = p.index.map(|i| values[i]);
        store(values[p.obj], p.descr, index, values[p.value]);
    }
}
