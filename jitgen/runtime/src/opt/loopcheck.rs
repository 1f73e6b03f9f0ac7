//! What a pass needs to carry knowledge across a loop's `label`: the map
//! from the label's arguments to the closing jump's arguments (the values
//! the next iteration starts with), and a driver that re-runs a pass,
//! forgetting at the label every fact that did not hold again at the jump,
//! until all remaining facts do.
//!
//! A fact known at the label (about the label's boxes) may be used by the
//! loop body only if its image under that map holds at the jump: then it
//! holds at the start of every iteration, by induction.

use crate::ir::{Op, Opcode, Value};
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
