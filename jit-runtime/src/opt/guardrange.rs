//! Guard runs as one range check: consecutive guards `x != k` for constants
//! `k` that together cover a range `a..=b` (a run of `>` in Brainfuck, each
//! checking that the pointer has not reached the end of the tape), with
//! only pure ops between them, become one `guard_false(uint_lt(x - a,
//! b - a + 1))` with the first guard's resume data. That snapshot resumes
//! at the first check's branch with the condition's failing value saved
//! (`GuardInfo::cond_at`); the merged guard saves the real `x == k1` (the
//! first guard's own test) there instead, so failing it re-runs the first check and the
//! interpreter, redoing the same pure steps, finds which check fails.

use crate::ir::{Descrs, Effect, Op, Opcode, Trace, Value, Var};
use std::collections::HashMap;

pub fn guardrange(trace: &Trace, _descrs: &Descrs) -> Trace {
    // `r = int_eq(x, k)` (either order): r -> (x, k)
    let mut tests: HashMap<Var, (Value, i64)> = HashMap::new();
    let mut out = Trace {
        inputargs: trace.inputargs.clone(),
        ops: Vec::new(),
        kinds: trace.kinds.clone(),
    };
    // the run being collected: index in `out` of its first guard, its box
    // and constants, and the later guards' indices in `out`
    let mut run: Option<Run> = None;
    for op in &trace.ops {
        if let (Opcode::IntEq, Some(r)) = (op.opcode, op.result) {
            match (op.args[0], op.args[1]) {
                (x @ Value::Var(_), Value::Const(_, k))
                | (Value::Const(_, k), x @ Value::Var(_)) => {
                    tests.insert(r, (x, k as i64));
                }
                _ => {}
            }
        }
        let test = match (op.opcode, op.args.first().and_then(|a| a.as_var())) {
            (Opcode::GuardFalse, Some(c)) => tests.get(&c).copied(),
            _ => None,
        };
        match (test, run.as_mut()) {
            (Some((x, k)), Some(r)) if r.x == x => {
                r.ks.push(k);
                r.later.push(out.ops.len());
            }
            (Some((x, k)), _) => {
                close(&mut out, run.take());
                run = Some(Run {
                    first: out.ops.len(),
                    x,
                    ks: vec![k],
                    later: Vec::new(),
                });
            }
            (None, _) => {
                let harmless =
                    op.opcode.info().effect == Effect::Pure || op.opcode == Opcode::DebugMergePoint;
                if !harmless {
                    close(&mut out, run.take());
                }
            }
        }
        out.ops.push(op.clone());
    }
    close(&mut out, run);
    out
}

struct Run {
    first: usize,
    x: Value,
    ks: Vec<i64>,
    later: Vec<usize>,
}

/// Merges a finished run whose constants form a range of two or more.
fn close(out: &mut Trace, run: Option<Run>) {
    let Some(run) = run else { return };
    let mut ks = run.ks.clone();
    ks.sort_unstable();
    ks.dedup();
    let (a, b) = (ks[0], ks[ks.len() - 1]);
    let contiguous = b.wrapping_sub(a) as usize + 1 == ks.len();
    let first = &out.ops[run.first];
    let cond_known = first.guard.as_ref().is_some_and(|g| !g.cond_at.is_empty());
    if run.later.is_empty() || !contiguous || !cond_known {
        return;
    }
    let t = out.new_var(crate::ir::Kind::Int);
    let inside = out.new_var(crate::ir::Kind::Int);
    let mut guard = out.ops[run.first].clone();
    // the first guard tests `x == k1`: its real value replaces the saved one
    let first_test = guard.args[0];
    guard.args = vec![Value::Var(inside)];
    let g = guard.guard.as_mut().expect("a guard");
    for &pos in &g.cond_at {
        g.fail_args[pos] = first_test;
    }
    g.cond_at.clear();
    let check = [
        Op::new(Opcode::IntSub, vec![run.x, Value::int(a)], Some(t)),
        Op::new(
            Opcode::UintLt,
            vec![Value::Var(t), Value::int(b.wrapping_sub(a).wrapping_add(1))],
            Some(inside),
        ),
        guard,
    ];
    let mut ops: Vec<Op> = Vec::with_capacity(out.ops.len() + 2);
    for (i, op) in std::mem::take(&mut out.ops).into_iter().enumerate() {
        if i == run.first {
            ops.extend(check.iter().cloned());
        } else if !run.later.contains(&i) {
            ops.push(op);
        }
    }
    out.ops = ops;
}
