//! The one "replace box by value" map every pass uses: when a pass proves
//! that box `x` always equals value `v` it records `x -> v`, and every
//! later argument and fail argument is rewritten through the map.

use crate::ir::{Op, Value, Var};
use std::collections::HashMap;

#[derive(Default, Clone, Debug)]
pub struct Forward {
    map: HashMap<Var, Value>,
}

impl Forward {
    /// From now on `x` is `v`.
    pub fn set(&mut self, x: Var, v: Value) {
        let v = self.get(v);
        if v != Value::Var(x) {
            self.map.insert(x, v);
        }
    }

    /// The value a box (or constant) currently stands for.
    pub fn get(&self, mut v: Value) -> Value {
        while let Value::Var(x) = v {
            match self.map.get(&x) {
                Some(next) => v = *next,
                None => break,
            }
        }
        v
    }

    /// Whether `x` was replaced.
    pub fn is_forwarded(&self, x: Var) -> bool {
        self.map.contains_key(&x)
    }

    /// Rewrites the arguments and fail arguments of `op` (fail arguments
    /// keep their number and order).
    pub fn rewrite(&self, op: &mut Op) {
        for a in op.args.iter_mut() {
            *a = self.get(*a);
        }
        if let Some(g) = op.guard.as_mut() {
            for a in g.fail_args.iter_mut() {
                *a = self.get(*a);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_resolve_to_the_end() {
        let mut f = Forward::default();
        f.set(Var(1), Value::Var(Var(2)));
        f.set(Var(2), Value::int(7));
        assert_eq!(f.get(Value::Var(Var(1))), Value::int(7));
        assert_eq!(f.get(Value::Var(Var(3))), Value::Var(Var(3)));
        assert!(f.is_forwarded(Var(2)));
    }
}
