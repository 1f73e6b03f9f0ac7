//! Finishing a trace and compiling it: naming its merge points, the
//! optimizer, the backend, the constants it keeps alive, the log of the
//! optimized loop or bridge.

use super::*;

impl Jit {
    /// Names the `debug_merge_point`s and numbers the guards' snapshots
    /// globally.
    pub(super) fn finish_trace(&mut self, d: usize, rec: Recorder) -> Trace {
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
    pub(super) fn compile_loop(
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
    pub(super) fn keep_constants(&mut self, t: &Trace) {
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
    pub(super) fn log_optimized_loop(&mut self, n: u32, loc: &str, t: &Trace, into_other: bool) {
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

    pub(super) fn compile_bridge(
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
