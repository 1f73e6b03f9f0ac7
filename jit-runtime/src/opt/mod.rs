//! The trace optimizer: a chain of passes, one file each, run in order.
//! Loops are first unrolled once (`peel`), so the passes see the preamble
//! and a second iteration as one straight line and carry their knowledge
//! from the first into the second; `peel` then closes the loop.

pub mod bound;
pub mod dce;
pub mod deadstore;
pub mod fold;
pub mod forward;
pub mod guardrange;
pub mod heap;
pub mod intbounds;
pub mod loopcheck;
pub mod peel;
pub mod rules;
pub mod sink;
pub mod virtuals;

use crate::ir::{Descrs, Opcode, Trace};

/// A pass: a free function from a trace to an optimized trace.
pub type Pass = fn(&Trace, &Descrs) -> Trace;

/// The passes run on a straight-line trace, in order.
pub const PASSES: &[(&str, Pass)] = &[
    ("heap", heap::heap),
    ("fold", fold::fold),
    ("intbounds", intbounds::intbounds),
    ("deadstore", deadstore::deadstore),
    ("virtuals", virtuals::virtuals),
    ("dce", dce::dce),
];

/// The passes run once on the finished trace (after peeling: only then is
/// it known which boxes the loop carries — an allocation the unrolled
/// trace passed to its label may turn out not to escape).
pub const LATE_PASSES: &[(&str, Pass)] = &[
    ("virtuals", virtuals::virtuals),
    ("guardrange", guardrange::guardrange),
    ("sink", sink::sink),
    ("dce", dce::dce),
];

/// Runs the late passes.
fn run_late(trace: Trace, descrs: &Descrs) -> Trace {
    LATE_PASSES
        .iter()
        .fold(trace, |t, (_, pass)| pass(&t, descrs))
}

/// How often the pass chain is repeated (each pass exposes work for the
/// others: a forwarded read makes two comparisons equal, ...).
const ROUNDS: usize = 3;

/// Runs the pass chain until nothing changes (at most `ROUNDS` times).
pub fn run_passes(trace: &Trace, descrs: &Descrs) -> Trace {
    let mut t = trace.clone();
    for _ in 0..ROUNDS {
        let before = t.clone();
        for (_, pass) in PASSES {
            t = pass(&t, descrs);
        }
        if t == before {
            break;
        }
    }
    t
}

/// Optimizes a loop trace (ending with a `jump` to its start, without
/// descr) into a preamble, a `label` and a loop body ending with a `jump`
/// to that label.
pub fn optimize_loop(trace: &Trace, descrs: &mut Descrs) -> Result<Trace, String> {
    check(trace, descrs, "input")?;
    let t = virtuals::virtuals(trace, descrs);
    let t = peel::peel(&t, descrs, run_passes)?;
    let t = run_late(t, descrs);
    check(&t, descrs, "output")?;
    Ok(t)
}

/// Optimizes a bridge (no peeling; its final jump keeps its descr).
pub fn optimize_bridge(trace: &Trace, descrs: &mut Descrs) -> Result<Trace, String> {
    check(trace, descrs, "input")?;
    let t = virtuals::virtuals(trace, descrs);
    let t = run_late(run_passes(&t, descrs), descrs);
    check(&t, descrs, "output")?;
    Ok(t)
}

/// Verifies a trace in debug and test builds.
fn check(t: &Trace, descrs: &Descrs, what: &str) -> Result<(), String> {
    if cfg!(debug_assertions) {
        crate::ir::verify::verify(t, descrs).map_err(|e| format!("optimizer {what}: {e}"))?;
    }
    Ok(())
}

/// The index of the loop label, if the trace ends with a jump to a label
/// it contains.
pub fn loop_label(t: &Trace) -> Option<usize> {
    let last = t.ops.last()?;
    if last.opcode != Opcode::Jump || last.descr.is_none() {
        return None;
    }
    t.ops
        .iter()
        .position(|o| o.opcode == Opcode::Label && o.descr == last.descr)
}
