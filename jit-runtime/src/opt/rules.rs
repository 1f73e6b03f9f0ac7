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
        (Opcode::IntLshift | Opcode::IntRshift | Opcode::UintRshift, [x, ZERO]) => Some(*x),
        _ => None,
    }
}

/// x == x, x <= x, x >= x are 1; x != x, x < x, x > x are 0 (ints and
/// pointers, not floats: NaN != NaN)
fn compare_self(op: Opcode, a: &[Value]) -> Option<Value> {
    use Opcode::*;
    match (op, a) {
        (IntEq | IntLe | IntGe | UintLe | UintGe | PtrEq, [x, y]) if x == y => Some(ONE),
        (IntNe | IntLt | IntGt | UintLt | UintGt | PtrNe, [x, y]) if x == y => Some(ZERO),
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

/// What defines a box: its pure op and arguments, when the pass knows.
pub type DefOf<'a> = &'a dyn Fn(Value) -> Option<(Opcode, Vec<Value>)>;

/// In a rewrite's ops, the result of the op before.
pub const PREV: Value = Value::Var(crate::ir::Var(u32::MAX));

/// Rewrites look one or two ops back through `def`; each gives the ops to
/// compute instead (the last one's result replaces the op's; `PREV` names
/// the result of the op before it).
type Rewrite = fn(Opcode, &[Value], DefOf) -> Option<Vec<(Opcode, Vec<Value>)>>;

/// The rewrites, tried in order after the identities.
const REWRITES: &[Rewrite] = &[add_sub_const_chain, mask_of_masked_add, eq_of_offset];

/// The ops to compute instead of `op(args)`, if a rewrite knows cheaper ones.
pub fn rewrite(op: Opcode, args: &[Value], def: DefOf) -> Option<Vec<(Opcode, Vec<Value>)>> {
    REWRITES.iter().find_map(|rule| rule(op, args, def))
}

/// The constant `op(x, c)` adds to x, for `int_add(x, c)`, `int_add(c, x)`
/// and `int_sub(x, c)`.
pub fn added_const(op: Opcode, a: &[Value]) -> Option<(Value, i64)> {
    let c = |v: &Value| v.as_const().map(|c| c as i64);
    match (op, a) {
        (Opcode::IntAdd, [x, k]) | (Opcode::IntAdd, [k, x]) if c(x).is_none() => Some((*x, c(k)?)),
        (Opcode::IntSub, [x, k]) if c(x).is_none() => Some((*x, c(k)?.checked_neg()?)),
        _ => None,
    }
}

/// `x + k` as `int_add` or (k < 0) `int_sub`.
fn add_const(x: Value, k: i64) -> (Opcode, Vec<Value>) {
    match k.checked_neg() {
        Some(n) if k < 0 => (Opcode::IntSub, vec![x, Value::int(n)]),
        _ => (Opcode::IntAdd, vec![x, Value::int(k)]),
    }
}

/// (x + c1) + c2 = x + (c1 + c2), with `-` adding the negation (a run of
/// `ptr += 1` becomes one add; ints wrap, so this is exact)
fn add_sub_const_chain(op: Opcode, a: &[Value], def: DefOf) -> Option<Vec<(Opcode, Vec<Value>)>> {
    let (inner, c2) = added_const(op, a)?;
    let (dop, dargs) = def(inner)?;
    let (x, c1) = added_const(dop, &dargs)?;
    Some(vec![add_const(x, c1.wrapping_add(c2))])
}

/// ((x & m) + c) & m = (x + c) & m when m + 1 is a power of two: the low
/// bits of a sum depend only on the low bits of its terms (`(t + 1) % 256`
/// twice is `(t + 2) % 256`)
fn mask_of_masked_add(op: Opcode, a: &[Value], def: DefOf) -> Option<Vec<(Opcode, Vec<Value>)>> {
    let (Opcode::IntAnd, [sum, m]) = (op, a) else {
        return None;
    };
    let mask = m.as_const()?;
    if mask.wrapping_add(1) & mask != 0 {
        return None;
    }
    let (sop, sargs) = def(*sum)?;
    let (masked, c) = added_const(sop, &sargs)?;
    let (Opcode::IntAnd, inner) = def(masked)? else {
        return None;
    };
    let x = match inner.as_slice() {
        [x, k] | [k, x] if k == m && x.as_const().is_none() => *x,
        _ => return None,
    };
    Some(vec![add_const(x, c), (Opcode::IntAnd, vec![PREV, *m])])
}

/// (x + k == n) = (n - x == k), either way round, and for `!=`: a run of
/// such tests (a pointer moved step by step, each step compared with one
/// bound) then shares one `n - x` and compares it with constants (ints
/// wrap, so this is exact)
fn eq_of_offset(op: Opcode, a: &[Value], def: DefOf) -> Option<Vec<(Opcode, Vec<Value>)>> {
    let (Opcode::IntEq | Opcode::IntNe, [l, r]) = (op, a) else {
        return None;
    };
    if l.as_const().is_some() || r.as_const().is_some() {
        return None;
    }
    // the sum on either side
    let (n, (x, k)) = [(*r, *l), (*l, *r)].into_iter().find_map(|(n, sum)| {
        let (dop, dargs) = def(sum)?;
        Some((n, added_const(dop, &dargs)?))
    })?;
    Some(vec![
        (Opcode::IntSub, vec![n, x]),
        (op, vec![PREV, Value::int(k)]),
    ])
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
            | UintLe
            | UintGt
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
    fn rewrites_look_through_definitions() {
        let (x, y, z) = (Value::Var(Var(1)), Value::Var(Var(2)), Value::Var(Var(3)));
        let m = Value::int(255);
        // y = x - 1, z = y & 255, w = z + 3
        let def = |v: Value| match v {
            v if v == y => Some((Opcode::IntSub, vec![x, Value::int(1)])),
            v if v == z => Some((Opcode::IntAnd, vec![x, m])),
            _ => None,
        };
        assert_eq!(
            rewrite(Opcode::IntSub, &[y, Value::int(2)], &def),
            Some(vec![(Opcode::IntSub, vec![x, Value::int(3)])])
        );
        assert_eq!(
            rewrite(Opcode::IntAdd, &[Value::int(5), y], &def),
            Some(vec![(Opcode::IntAdd, vec![x, Value::int(4)])])
        );
        // ((x & 255) + 3) & 255 needs the sum's definition
        let def2 = |v: Value| match v {
            v if v == y => Some((Opcode::IntAdd, vec![z, Value::int(3)])),
            v if v == z => Some((Opcode::IntAnd, vec![x, m])),
            _ => None,
        };
        assert_eq!(
            rewrite(Opcode::IntAnd, &[y, m], &def2),
            Some(vec![
                (Opcode::IntAdd, vec![x, Value::int(3)]),
                (Opcode::IntAnd, vec![PREV, m])
            ])
        );
        assert_eq!(rewrite(Opcode::IntAnd, &[y, Value::int(254)], &def2), None);
        // y = x - 1: (y == n) is (n - x == -1)
        let n = Value::Var(Var(4));
        assert_eq!(
            rewrite(Opcode::IntEq, &[y, n], &def),
            Some(vec![
                (Opcode::IntSub, vec![n, x]),
                (Opcode::IntEq, vec![PREV, Value::int(-1)])
            ])
        );
        assert_eq!(
            rewrite(Opcode::IntNe, &[n, y], &def),
            Some(vec![
                (Opcode::IntSub, vec![n, x]),
                (Opcode::IntNe, vec![PREV, Value::int(-1)])
            ])
        );
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
