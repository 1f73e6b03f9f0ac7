//! The x86-64 backend: compiles traces to machine code with dynasmrt, all
//! in one growing executable buffer that lives as long as the backend.
//! Bridges are attached by patching their guard's `jcc` to jump to them.

mod arith;
mod assemble;
mod frame;
mod guard;
mod heap;
mod moves;
mod regalloc;

use super::{Backend, Exit, TraceId};
use crate::ir::{DescrId, Descrs, Trace};
use assemble::{compile, Entry, ExitSite, LabelInfo};
use dynasmrt::{AssemblyOffset, DynamicLabel, DynasmApi};
use std::collections::HashMap;

/// The assembler every trace is emitted into.
pub type Asm = dynasmrt::x64::Assembler;

/// One exit of compiled code, numbered globally (the number is what the
/// code returns).
struct ExitRecord {
    trace: TraceId,
    site: ExitSite,
}

pub struct X86Backend {
    asm: Asm,
    entry: AssemblyOffset,
    exit_label: DynamicLabel,
    /// Where each trace's code starts (loops: at the input-argument loads).
    starts: Vec<AssemblyOffset>,
    /// Which traces are loops (only those can be run).
    is_loop: Vec<bool>,
    exits: Vec<ExitRecord>,
    /// The exit number of each guard, by trace and op index.
    guard_exits: HashMap<(TraceId, usize), usize>,
    labels: HashMap<DescrId, LabelInfo>,
    /// The frame (word 0: the deadframe's address; then spill slots) and
    /// the deadframe.
    frame: Vec<u64>,
    deadframe: Vec<u64>,
}

impl X86Backend {
    pub fn new() -> X86Backend {
        let mut asm = Asm::new().expect("cannot map executable memory");
        let exit_label = asm.new_dynamic_label();
        let entry = frame::emit_trampoline(&mut asm, exit_label);
        asm.commit().expect("trampoline");
        X86Backend {
            asm,
            entry,
            exit_label,
            starts: Vec::new(),
            is_loop: Vec::new(),
            exits: Vec::new(),
            guard_exits: HashMap::new(),
            labels: HashMap::new(),
            frame: vec![0],
            deadframe: Vec::new(),
        }
    }

    fn add(&mut self, trace: &Trace, descrs: &Descrs, entry: Entry) -> Result<TraceId, String> {
        let id = TraceId(self.starts.len() as u32);
        let is_loop = matches!(entry, Entry::Loop);
        let first_exit = self.exits.len();
        let c = compile(
            &mut self.asm,
            trace,
            descrs,
            &self.labels,
            self.exit_label,
            first_exit,
            entry,
        )?;
        self.asm.commit().map_err(|e| format!("x86 backend: {e}"))?;
        self.starts.push(c.start);
        self.is_loop.push(is_loop);
        self.labels.extend(c.labels);
        for site in c.exits {
            if site.jcc_end.is_some() {
                self.guard_exits.insert((id, site.op), self.exits.len());
            }
            let n = site.values.len().max(trace.inputargs.len());
            self.deadframe.resize(self.deadframe.len().max(n), 0);
            self.exits.push(ExitRecord { trace: id, site });
        }
        let words = 1 + c.slots as usize;
        self.frame.resize(self.frame.len().max(words), 0);
        Ok(id)
    }

    /// Trace `t`'s code as offsets into the buffer.
    fn span(&self, t: usize) -> std::ops::Range<usize> {
        let start = self.starts[t].0;
        let end = self.starts.get(t + 1).map_or(self.asm.offset().0, |s| s.0);
        start..end
    }

    /// The machine code of trace `t` (for listings and tests).
    pub fn code(&self, t: TraceId) -> Vec<u8> {
        let reader = self.asm.reader();
        let buf = reader.lock();
        buf[self.span(t.0 as usize)].to_vec()
    }
}

impl Default for X86Backend {
    fn default() -> Self {
        X86Backend::new()
    }
}

impl Backend for X86Backend {
    fn compile_loop(&mut self, trace: &Trace, descrs: &Descrs) -> Result<TraceId, String> {
        self.add(trace, descrs, Entry::Loop)
    }

    fn compile_bridge(
        &mut self,
        from: TraceId,
        guard_op: usize,
        trace: &Trace,
        descrs: &Descrs,
    ) -> Result<TraceId, String> {
        let exit = *self
            .guard_exits
            .get(&(from, guard_op))
            .ok_or("compile_bridge: no such guard")?;
        let values = self.exits[exit].site.values.clone();
        let jcc_end = self.exits[exit].site.jcc_end.expect("guard exit");
        let id = self.add(trace, descrs, Entry::Bridge(&values))?;
        let target = self.starts[id.0 as usize];
        let rel = target.0 as i64 - jcc_end.0 as i64;
        let rel = i32::try_from(rel).map_err(|_| "bridge too far")?;
        self.asm
            .alter(|m| {
                m.goto(AssemblyOffset(jcc_end.0 - 4));
                m.push_i32(rel);
            })
            .map_err(|e| format!("x86 backend: patching: {e}"))?;
        Ok(id)
    }

    fn run(&mut self, t: TraceId, args: &[u64]) -> Exit {
        assert!(
            self.is_loop[t.0 as usize],
            "run: {t:?} is a bridge, not a loop"
        );
        if self.deadframe.len() < args.len() {
            self.deadframe.resize(args.len(), 0);
        }
        self.deadframe[..args.len()].copy_from_slice(args);
        self.frame[0] = self.deadframe.as_mut_ptr() as u64;
        let reader = self.asm.reader();
        let buf = reader.lock();
        let code = buf.ptr(self.starts[t.0 as usize]);
        // SAFETY: the trampoline has type EntryFn; `code` is compiled trace
        // code that only touches the frame (big enough for every trace's
        // slots), the deadframe (big enough for every exit) and the memory
        // the trace's ops name.
        let n = unsafe {
            let entry: frame::EntryFn = std::mem::transmute(buf.ptr(self.entry));
            entry(self.frame.as_mut_ptr(), code)
        };
        drop(buf);
        let rec = &self.exits[n as usize];
        Exit {
            trace: rec.trace,
            op: rec.site.op,
            values: self.deadframe[..rec.site.values.len()].to_vec(),
        }
    }

    fn visit_roots(&self, f: &mut dyn FnMut(u64)) {
        self.frame.iter().chain(&self.deadframe).for_each(|w| f(*w));
    }

    fn code_ranges(&self) -> Vec<(u64, usize)> {
        let reader = self.asm.reader();
        let buf = reader.lock();
        (0..self.starts.len())
            .map(|t| {
                let span = self.span(t);
                (buf.ptr(AssemblyOffset(span.start)) as u64, span.len())
            })
            .collect()
    }
}
