//! Leaving compiled code: a failed guard's frames rebuilt from its
//! snapshot (virtuals allocated, pending stores done), then resumed in the
//! blackhole, or traced and compiled as a bridge once the guard is hot.

use super::*;

impl Jit {
    /// The frames a guard's snapshot describes, filled with the saved
    /// values (removed allocations rebuilt first).
    pub(super) fn rebuild(
        &self,
        exit: &Exit,
        mut tracing: Option<&mut Trace>,
    ) -> (Vec<Frame>, bool) {
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
    pub(super) fn handle_exit(&mut self, d: usize, exit: Exit) -> Stop {
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

    pub(super) fn trace_bridge(&mut self, d: usize, exit: Exit) -> Stop {
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
}

/// Rebuilds a guard's virtuals and does its pending stores, on `values`
/// (one per fail argument; a virtual's position gets the new object):
/// `new` makes an object of a size descr, `store` writes `(object, field or
/// array descr, index, value)`. Resuming does it in memory; a bridge's
/// trace starts with the same as ops.
pub(super) fn replay_guard<T: Copy>(
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
