//! Integer bounds: an interval per int box, from constants, arithmetic,
//! comparisons and passed guards. Comparisons whose outcome the intervals
//! decide become constants, guards on them go, and an `_ovf` op that
//! cannot overflow becomes the plain op without its `guard_no_overflow`.

use super::bound::IntBound;
use super::forward::Forward;
use super::loopcheck::{run_over_loop, Forget, LoopFacts, LoopMap};
use super::rules;
use crate::ir::{Descrs, Kind, Op, Opcode, Trace, Value, Var};
use std::collections::HashMap;

#[derive(Clone, Default)]
struct Bounds {
    fwd: Forward,
    known: HashMap<Var, IntBound>,
    /// The comparison that defined a box: what a guard on it tells.
    compares: HashMap<Var, (Opcode, Value, Value)>,
    skip_overflow_guard: bool,
}

pub fn intbounds(trace: &Trace, _descrs: &Descrs) -> Trace {
    run_over_loop(trace, Bounds::default)
}

impl LoopFacts for Bounds {
    type Fact = Var;

    fn forward(&mut self) -> &mut Forward {
        &mut self.fwd
    }

    fn forget(&mut self, forget: &Forget<Var>) {
        self.known.retain(|v, _| !forget.forgets(v));
    }

    fn facts_failing(&self, end: &Bounds, map: &LoopMap) -> Vec<Var> {
        self.bounds_failing(end, map)
    }

    fn step(&mut self, op: Op, trace: &Trace, out: &mut Vec<Op>) {
        out.extend(self.op(op, trace));
    }
}

impl Bounds {
    fn of(&self, v: Value) -> IntBound {
        match v {
            Value::Const(_, c) => IntBound::constant(c as i64),
            Value::Var(x) => self.known.get(&x).copied().unwrap_or(IntBound::FULL),
        }
    }

    fn narrow(&mut self, v: Value, b: IntBound) {
        if let Value::Var(x) = v {
            let nb = self.of(v).meet(&b);
            self.known.insert(x, nb);
        }
    }

    fn op(&mut self, mut op: Op, trace: &Trace) -> Option<Op> {
        use Opcode::*;
        if std::mem::take(&mut self.skip_overflow_guard) && op.opcode == GuardNoOverflow {
            return None;
        }
        if op.opcode.is_guard() {
            return self.guard(op);
        }
        let Some(r) = op.result.filter(|r| trace.kind(*r) == Kind::Int) else {
            return Some(op);
        };
        let arg = |k: usize| self.of(op.args[k]);
        let b = match op.opcode {
            IntAdd => IntBound::wrapping(IntBound::add_range(&arg(0), &arg(1))),
            IntSub => IntBound::wrapping(IntBound::sub_range(&arg(0), &arg(1))),
            IntMul => IntBound::wrapping(IntBound::mul_range(&arg(0), &arg(1))),
            IntAnd => IntBound::and(&arg(0), &arg(1)),
            IntAddOvf | IntSubOvf | IntMulOvf => {
                let range = match op.opcode {
                    IntAddOvf => IntBound::add_range(&arg(0), &arg(1)),
                    IntSubOvf => IntBound::sub_range(&arg(0), &arg(1)),
                    _ => IntBound::mul_range(&arg(0), &arg(1)),
                };
                if IntBound::fits(range.0, range.1) {
                    op.opcode = without_overflow_check(op.opcode);
                    self.skip_overflow_guard = true;
                }
                IntBound::checked(range)
            }
            o if rules::gives_bool(o) => {
                if let Some(truth) = self.decide(o, &op.args) {
                    self.fwd.set(r, Value::int(truth as i64));
                    return None;
                }
                if let [a, b] = op.args[..] {
                    self.compares.insert(r, (o, a, b));
                }
                IntBound::signed(0, 1)
            }
            _ => IntBound::FULL,
        };
        if let Some(c) = b.as_const() {
            self.fwd.set(r, Value::int(c));
            return None;
        }
        self.known.insert(r, b);
        Some(op)
    }

    /// The outcome of a comparison when the intervals decide it.
    fn decide(&self, o: Opcode, args: &[Value]) -> Option<bool> {
        use Opcode::*;
        let (a, b) = match args {
            [a, b] => (self.of(*a), self.of(*b)),
            _ => return None,
        };
        match o {
            IntLt => IntBound::lt(&a, &b),
            IntGt => IntBound::lt(&b, &a),
            IntGe => IntBound::lt(&a, &b).map(|x| !x),
            IntLe => IntBound::lt(&b, &a).map(|x| !x),
            UintLt => IntBound::ult(&a, &b),
            UintGe => IntBound::ult(&a, &b).map(|x| !x),
            IntEq => IntBound::eq(&a, &b),
            IntNe => IntBound::eq(&a, &b).map(|x| !x),
            _ => None,
        }
    }

    fn guard(&mut self, op: Op) -> Option<Op> {
        use Opcode::*;
        let passes = match op.opcode {
            GuardTrue | GuardFalse => {
                let b = self.of(op.args[0]);
                let nonzero = IntBound::eq(&b, &IntBound::constant(0)).map(|z| !z);
                nonzero.map(|nz| nz == (op.opcode == GuardTrue))
            }
            _ => rules::guard_outcome(op.opcode, &op.args),
        };
        if passes == Some(true) {
            return None;
        }
        match op.opcode {
            GuardTrue | GuardFalse => self.learn(op.args[0], op.opcode == GuardTrue),
            GuardValue => {
                let c = self.of(op.args[1]);
                self.narrow(op.args[0], c);
            }
            _ => {}
        }
        Some(op)
    }

    /// What a passed guard_true (`truth`) or guard_false on `c` tells.
    fn learn(&mut self, c: Value, truth: bool) {
        use Opcode::*;
        if !truth {
            self.narrow(c, IntBound::constant(0));
        }
        let Some(&(o, a, b)) = c.as_var().and_then(|x| self.compares.get(&x)) else {
            return;
        };
        if truth {
            self.narrow(c, IntBound::constant(1));
        }
        // the comparison that holds, as (op, left, right)
        let holds = match (o, truth) {
            (IntLt, true) | (IntGe, false) => (IntLt, a, b),
            (IntLe, true) | (IntGt, false) => (IntLe, a, b),
            (IntGt, true) | (IntLe, false) => (IntLt, b, a),
            (IntGe, true) | (IntLt, false) => (IntLe, b, a),
            (UintLt, true) | (UintGe, false) => (UintLt, a, b),
            (UintGe, true) | (UintLt, false) => (UintGe, a, b),
            (IntEq, true) | (IntNe, false) => (IntEq, a, b),
            _ => return,
        };
        let (ba, bb) = (self.of(holds.1), self.of(holds.2));
        let (na, nb) = match holds.0 {
            IntLt => (
                IntBound::at_most(bb.hi.saturating_sub(1)),
                IntBound::at_least(ba.lo.saturating_add(1)),
            ),
            IntLe => (IntBound::at_most(bb.hi), IntBound::at_least(ba.lo)),
            UintLt => (
                IntBound::unsigned(0, bb.uhi.saturating_sub(1)),
                IntBound::unsigned(ba.ulo.saturating_add(1), u64::MAX),
            ),
            UintGe => (
                IntBound::unsigned(bb.ulo, u64::MAX),
                IntBound::unsigned(0, ba.uhi),
            ),
            _ => (bb, ba),
        };
        self.narrow(holds.1, na);
        self.narrow(holds.2, nb);
    }

    /// The label boxes whose bound at the label does not contain the
    /// bound of their image at the jump.
    fn bounds_failing(&self, end: &Bounds, map: &LoopMap) -> Vec<Var> {
        let mut failed = Vec::new();
        for &(l, _) in map.pairs() {
            let Some(x) = l.as_var() else { continue };
            let Some(b) = self.known.get(&x) else {
                continue;
            };
            let holds = map.image(l).is_some_and(|j| b.contains(&end.of(j)));
            if !holds {
                failed.push(x);
            }
        }
        failed
    }
}

/// `int_add_ovf` -> `int_add`, ...
fn without_overflow_check(o: Opcode) -> Opcode {
    match o {
        Opcode::IntAddOvf => Opcode::IntAdd,
        Opcode::IntSubOvf => Opcode::IntSub,
        Opcode::IntMulOvf => Opcode::IntMul,
        other => other,
    }
}
