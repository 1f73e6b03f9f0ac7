//! The JIT driver at run time: what the translated portal calls. At
//! `can_enter_jit` it counts; at `jit_merge_point` (when something is to
//! do) it runs compiled code for the green key, or traces from there,
//! optimizes and compiles the loop; a failing guard resumes in the
//! blackhole up to the next merge point, or, once hot, is traced and
//! compiled as a bridge. The portal then continues with the values the
//! JIT hands back. This file is the driver (entry points, warm-up,
//! tracing); `compile.rs` finishes and compiles traces, `resume.rs` leaves
//! compiled code at a failed guard.

use crate::backend::{Backend, Exit, TraceId};
use crate::ir::{Descr, DescrId, Kind, Op, Opcode, Trace, Value};
use crate::jitcode::{Insn, Src};
use crate::log::{Log, Section};
use crate::metainterp::{input_boxes, Frame, MetaInterp, Recorder, Snapshot, Stop};
use crate::program::{Program, Target};
use crate::warmstate::{Cell, Params, WarmState};
use crate::{mem, opt};
use std::collections::{HashMap, HashSet};

mod compile;
mod resume;

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
                self.abort(d, &key, &why.to_string());
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
}
