//! The backends: what runs an optimized trace. Two implement one trait —
//! `interp` (a trace interpreter, no machine code) and `x86` (x86-64 code
//! emitted with dynasmrt) — so every JIT test runs on both.

use crate::ir::{Descrs, Trace};

/// A compiled trace (loop or bridge), numbered by the backend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TraceId(pub u32);

/// Where running compiled code stopped: the guard that failed (or the
/// `finish`), as the index of that op in its trace's `ops`, with one saved
/// value per fail argument (per `finish` argument) in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exit {
    pub trace: TraceId,
    pub op: usize,
    pub values: Vec<u64>,
}

pub trait Backend {
    /// Compiles a loop: input arguments, ops, and a final `jump` to a
    /// `label` of this trace (to its start when it has none).
    fn compile_loop(&mut self, trace: &Trace, descrs: &Descrs) -> Result<TraceId, String>;

    /// Compiles a bridge for the guard at `ops[guard_op]` of `from`: its
    /// input arguments receive that guard's saved fail-argument values in
    /// order; it ends with `jump` to a label of any compiled trace or with
    /// `finish`. From then on a failure of that guard runs the bridge.
    fn compile_bridge(
        &mut self,
        from: TraceId,
        guard_op: usize,
        trace: &Trace,
        descrs: &Descrs,
    ) -> Result<TraceId, String>;

    /// Runs compiled loop `t` from its start on these input values until a
    /// guard without a bridge fails or a `finish` is reached.
    fn run(&mut self, t: TraceId, args: &[u64]) -> Exit;

    /// Every word the backend keeps outside the stack that may point to a
    /// GC object (spill slots, saved exit values): roots for the collector.
    fn visit_roots(&self, _f: &mut dyn FnMut(u64)) {}

    /// Where each compiled trace's machine code is now, as (address,
    /// length) by trace number; empty for backends without machine code.
    fn code_ranges(&self) -> Vec<(u64, usize)> {
        Vec::new()
    }
}

pub mod interp;
pub mod x86;

pub use interp::TraceInterp;
pub use x86::X86Backend;
