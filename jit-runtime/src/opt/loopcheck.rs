//! What a pass needs to carry knowledge across a loop's `label`: the map
//! from the label's arguments to the closing jump's arguments (the values
//! the next iteration starts with), and a driver that re-runs a pass,
//! forgetting at the label every fact that did not hold again at the jump,
//! until all remaining facts do.
//!
//! A fact known at the label (about the label's boxes) may be used by the
//! loop body only if its image under that map holds at the jump: then it
//! holds at the start of every iteration, by induction.

use super::forward::Forward;
use super::loop_label;
use crate::ir::{Kind, Op, Opcode, Trace, Value};
use std::collections::HashSet;
use std::hash::Hash;

/// Label argument -> jump argument.
pub struct LoopMap {
    pairs: Vec<(Value, Value)>,
}

impl LoopMap {
    pub fn new(label: &Op, jump: &Op) -> LoopMap {
        LoopMap {
            pairs: label
                .args
                .iter()
                .copied()
                .zip(jump.args.iter().copied())
                .collect(),
        }
    }

    /// The value `v` (a label-time value) has at the next iteration start:
    /// constants are themselves, a box must be a label argument whose
    /// positions all receive the same jump value.
    pub fn image(&self, v: Value) -> Option<Value> {
        if let Value::Const(..) = v {
            return Some(v);
        }
        let mut found = None;
        for &(l, j) in &self.pairs {
            if l == v {
                match found {
                    None => found = Some(j),
                    Some(prev) if prev != j => return None,
                    Some(_) => {}
                }
            }
        }
        found
    }

    pub fn images(&self, vs: &[Value]) -> Option<Vec<Value>> {
        vs.iter().map(|v| self.image(*v)).collect()
    }

    pub fn pairs(&self) -> &[(Value, Value)] {
        &self.pairs
    }
}

/// Whether `op` is the label of a loop and `last` the jump closing it.
pub fn closes_loop(label: &Op, jump: &Op) -> bool {
    label.opcode == Opcode::Label && jump.opcode == Opcode::Jump && label.descr == jump.descr
}

/// Facts a pass drops at the label (by key), or all of them.
pub struct Forget<K> {
    pub all: bool,
    pub keys: HashSet<K>,
}

impl<K: Hash + Eq> Forget<K> {
    pub fn forgets(&self, k: &K) -> bool {
        self.all || self.keys.contains(k)
    }
}

const MAX_RUNS: usize = 16;

/// Runs `pass` (which returns its output and the keys of the label facts
/// that failed at the jump) until no fact fails.
pub fn until_consistent<K: Hash + Eq, T>(mut pass: impl FnMut(&Forget<K>) -> (T, Vec<K>)) -> T {
    let mut forget = Forget {
        all: false,
        keys: HashSet::new(),
    };
    for _ in 0..MAX_RUNS {
        let (out, failed) = pass(&forget);
        if failed.is_empty() {
            return out;
        }
        let before = forget.keys.len();
        forget.keys.extend(failed);
        if forget.keys.len() == before {
            forget.all = true;
        }
    }
    forget.all = true;
    pass(&forget).0
}

/// A pass that walks the trace once, knowing facts it may carry over the
/// loop's label: `run_over_loop` drives it.
pub trait LoopFacts: Clone {
    type Fact: Hash + Eq;

    /// The pass's box forwarding (applied to every op before `step`).
    fn forward(&mut self) -> &mut Forward;

    /// At the label: drop the facts to forget.
    fn forget(&mut self, forget: &Forget<Self::Fact>);

    /// The facts known here (at the label) whose image under `map` does
    /// not hold in `end` (at the jump).
    fn facts_failing(&self, end: &Self, map: &LoopMap) -> Vec<Self::Fact>;

    /// Processes one (forwarded) op, appending what it keeps to `out`.
    fn step(&mut self, op: Op, trace: &Trace, out: &mut Vec<Op>);

    /// The kinds of the boxes the pass made (numbered after the trace's).
    fn new_kinds(&self) -> &[Kind] {
        &[]
    }
}

/// Runs a `LoopFacts` pass over the trace from the state `start()`, again
/// and again (`until_consistent`) until every fact carried over the label
/// holds at the jump.
pub fn run_over_loop<S: LoopFacts>(trace: &Trace, start: impl Fn() -> S) -> Trace {
    until_consistent(|forget| {
        let label = loop_label(trace);
        let mut st = start();
        let mut at_label = st.clone();
        let mut failed = Vec::new();
        let mut out = Vec::new();
        for (n, op) in trace.ops.iter().enumerate() {
            let mut op = op.clone();
            st.forward().rewrite(&mut op);
            if Some(n) == label {
                st.forget(forget);
                at_label = st.clone();
            }
            if label.is_some() && n + 1 == trace.ops.len() {
                let at = out
                    .iter()
                    .rposition(|o: &Op| o.opcode == Opcode::Label)
                    .expect("a loop has a label");
                failed = at_label.facts_failing(&st, &LoopMap::new(&out[at], &op));
            }
            st.step(op, trace, &mut out);
        }
        let t = Trace {
            inputargs: trace.inputargs.clone(),
            ops: out,
            kinds: [&trace.kinds[..], st.new_kinds()].concat(),
        };
        (t, failed)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{DescrId, Var};

    fn v(n: u32) -> Value {
        Value::Var(Var(n))
    }

    #[test]
    fn images_follow_positions_and_refuse_disagreement() {
        let label = Op::new(Opcode::Label, vec![v(0), v(1), v(1)], None).with_descr(DescrId(0));
        let jump = Op::new(Opcode::Jump, vec![v(5), v(6), v(7)], None).with_descr(DescrId(0));
        assert!(closes_loop(&label, &jump));
        let map = LoopMap::new(&label, &jump);
        assert_eq!(map.image(v(0)), Some(v(5)));
        assert_eq!(map.image(v(1)), None);
        assert_eq!(map.image(v(2)), None);
        assert_eq!(map.image(Value::int(3)), Some(Value::int(3)));
    }

    #[test]
    fn the_driver_forgets_failed_facts_until_none_fail() {
        let mut runs = 0;
        let out = until_consistent(|forget: &Forget<u32>| {
            runs += 1;
            let failed: Vec<u32> = [1, 2].into_iter().filter(|k| !forget.forgets(k)).collect();
            (runs, if runs == 1 { vec![1] } else { failed })
        });
        assert_eq!(out, 3);
    }
}
