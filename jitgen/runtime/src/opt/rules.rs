//! Fold rules: tiny algebraic identities and guard rewrites, one function
//! each (LuaJIT style). They look only at an op's (already forwarded)
//! arguments; the fold pass applies the first one that fires.

use crate::ir::{Opcode, Value};

type Rule = fn(Opcode, &[Value]) -> Option<Value>;

const ZERO: Value = Value::Const(crate::ir::Kind::Int, 0);
const ONE: Value = Value::Const(crate::ir::Kind::Int, 1);

/// The identities, tried in order.
const RULES: &[Rule] = &[
    add_zero,
    sub_zero,
    sub_self,
    mul_one,
    mul_zero,
    and_zero,
    or_xor_zero,
    xor_self,
    and_or_self,
    shift_by_zero,
    compare_self,
    same_as,
];

/// The value an op always equals by an identity, if a rule knows one.
pub fn simplify(op: Opcode, args: &[Value]) -> Option<Value> {
    RULES.iter().find_map(|rule| rule(op, args))
}

/// x + 0 = 0 + x = x
fn add_zero(op: Opcode, a: &[Value]) -> Option<Value> {
    match (op, a) {
        (Opcode::IntAdd, [x, ZERO]) | (Opcode::IntAdd, [ZERO, x]) => Some(*x),
        _ => None,
    }
}

/// x - 0 = x
fn sub_zero(op: Opcode, a: &[Value]) -> Option<Value> {
    match (op, a) {
        (Opcode::IntSub, [x, ZERO]) => Some(*x),
        _ => None,
    }
}

/// x - x = 0
fn sub_self(op: Opcode, a: &[Value]) -> Option<Value> {
    match (op, a) {
        (Opcode::IntSub, [x, y]) if x == y => Some(ZERO),
        _ => None,
    }
}

/// x * 1 = 1 * x = x
fn mul_one(op: Opcode, a: &[Value]) -> Option<Value> {
    match (op, a) {
        (Opcode::IntMul, [x, ONE]) | (Opcode::IntMul, [ONE, x]) => Some(*x),
        _ => None,
    }
}

/// x * 0 = 0 * x = 0
fn mul_zero(op: Opcode, a: &[Value]) -> Option<Value> {
    match (op, a) {
        (Opcode::IntMul, [_, ZERO]) | (Opcode::IntMul, [ZERO, _]) => Some(ZERO),
        _ => None,
    }
}

/// x & 0 = 0 & x = 0
fn and_zero(op: Opcode, a: &[Value]) -> Option<Value> {
    match (op, a) {
        (Opcode::IntAnd, [_, ZERO]) | (Opcode::IntAnd, [ZERO, _]) => Some(ZERO),
        _ => None,
    }
}

/// x | 0 = x ^ 0 = x (and mirrored)
fn or_xor_zero(op: Opcode, a: &[Value]) -> Option<Value> {
    match (op, a) {
        (Opcode::IntOr | Opcode::IntXor, [x, ZERO])
        | (Opcode::IntOr | Opcode::IntXor, [ZERO, x]) => Some(*x),
        _ => None,
    }
}

/// x ^ x = 0
fn xor_self(op: Opcode, a: &[Value]) -> Option<Value> {
    match (op, a) {
        (Opcode::IntXor, [x, y]) if x == y => Some(ZERO),
        _ => None,
    }
}

/// x & x = x | x = x
fn and_or_self(op: Opcode, a: &[Value]) -> Option<Value> {
    match (op, a) {
        (Opcode::IntAnd | Opcode::IntOr, [x, y]) if x == y => Some(*x),
        _ => None,
    }
}

/// x << 0 = x >> 0 = x
fn shift_by_zero(op: Opcode, a: &[Value]) -> Option<Value> {
    match (op, a) {
        (Opcode::IntLshift | Opcode::IntRshift, [x, ZERO]) => Some(*x),
        _ => None,
    }
}

/// x == x, x <= x, x >= x are 1; x != x, x < x, x > x are 0 (ints and
/// pointers, not floats: NaN != NaN)
fn compare_self(op: Opcode, a: &[Value]) -> Option<Value> {
    use Opcode::*;
    match (op, a) {
        (IntEq | IntLe | IntGe | UintGe | PtrEq, [x, y]) if x == y => Some(ONE),
        (IntNe | IntLt | IntGt | UintLt | PtrNe, [x, y]) if x == y => Some(ZERO),
        _ => None,
    }
}

/// same_as(x) = x
fn same_as(op: Opcode, a: &[Value]) -> Option<Value> {
    match (op, a) {
        (Opcode::SameAsI | Opcode::SameAsR | Opcode::SameAsF, [x]) => Some(*x),
        _ => None,
    }
}

/// A guard testing `x != 0` or `x == 0` through a comparison box tests `x`
/// itself: guard_true/false check non-zero/zero. Given the guard and the
/// op defining its argument, the guard to use instead and its argument.
pub fn guard_on_zero_test(guard: Opcode, def: Opcode, args: &[Value]) -> Option<(Opcode, Value)> {
    use Opcode::*;
    let flip = |g: Opcode| {
        if g == GuardTrue {
            GuardFalse
        } else {
            GuardTrue
        }
    };
    if !matches!(guard, GuardTrue | GuardFalse) {
        return None;
    }
    match (def, args) {
        // guard_true(int_ne(x, 0)) = guard_true(int_is_true(x)) = guard_true(x)
        (IntNe, [x, ZERO]) | (IntNe, [ZERO, x]) | (IntIsTrue, [x]) => Some((guard, *x)),
        // guard_true(int_eq(x, 0)) = guard_true(int_is_zero(x)) = guard_false(x)
        (IntEq, [x, ZERO]) | (IntEq, [ZERO, x]) | (IntIsZero, [x]) => Some((flip(guard), *x)),
        _ => None,
    }
}

/// Whether an op's result is 0 or 1 (a comparison).
pub fn gives_bool(op: Opcode) -> bool {
    use Opcode::*;
    matches!(
        op,
        IntLt
            | IntLe
            | IntEq
            | IntNe
            | IntGt
            | IntGe
            | UintLt
            | UintGe
            | IntIsTrue
            | IntIsZero
            | PtrEq
            | PtrNe
            | FloatLt
            | FloatLe
            | FloatEq
            | FloatNe
            | FloatGt
            | FloatGe
    )
}

/// Whether a guard on constant arguments passes (`None` if an argument is
/// not constant or the guard is not of that sort).
pub fn guard_outcome(guard: Opcode, args: &[Value]) -> Option<bool> {
    use Opcode::*;
    let c = |k: usize| args.get(k).and_then(|v| v.as_const());
    match guard {
        GuardTrue | GuardNonnull => Some(c(0)? != 0),
        GuardFalse | GuardIsnull => Some(c(0)? == 0),
        GuardValue => Some(c(0)? == c(1)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Var;

    #[test]
    fn identities_fire_only_when_they_apply() {
        let x = Value::Var(Var(3));
        assert_eq!(simplify(Opcode::IntAdd, &[Value::int(0), x]), Some(x));
        assert_eq!(simplify(Opcode::IntSub, &[x, x]), Some(Value::int(0)));
        assert_eq!(simplify(Opcode::IntSub, &[Value::int(0), x]), None);
        assert_eq!(simplify(Opcode::IntLt, &[x, x]), Some(Value::int(0)));
        assert_eq!(simplify(Opcode::FloatEq, &[x, x]), None);
    }

    #[test]
    fn zero_tests_become_direct_guards() {
        let x = Value::Var(Var(3));
        let g = guard_on_zero_test(Opcode::GuardTrue, Opcode::IntEq, &[x, Value::int(0)]);
        assert_eq!(g, Some((Opcode::GuardFalse, x)));
        assert_eq!(
            guard_outcome(Opcode::GuardTrue, &[Value::int(2)]),
            Some(true)
        );
        assert_eq!(guard_outcome(Opcode::GuardTrue, &[x]), None);
    }
}
