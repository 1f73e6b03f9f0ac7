//! The meaning of the pure ops on 64-bit values: one definition used by the
//! tracer, the optimizer's constant folding, the trace interpreter and the
//! blackhole.

use super::Opcode;
use rpy_semantics::int;
use rpy_semantics::ovf::{self, OvfOp};

fn b(x: bool) -> u64 {
    x as u64
}

fn f(x: u64) -> f64 {
    f64::from_bits(x)
}

/// The result of a pure op on these arguments (`None` for an op that is
/// not pure, or an `_ovf` op that overflows).
pub fn eval_pure(op: Opcode, a: &[u64]) -> Option<u64> {
    use Opcode::*;
    let i = |k: usize| a[k] as i64;
    Some(match op {
        IntAdd => i(0).wrapping_add(i(1)) as u64,
        IntSub => i(0).wrapping_sub(i(1)) as u64,
        IntMul => i(0).wrapping_mul(i(1)) as u64,
        IntAnd => a[0] & a[1],
        IntOr => a[0] | a[1],
        IntXor => a[0] ^ a[1],
        IntLshift => i(0).wrapping_shl(a[1] as u32) as u64,
        IntRshift => i(0).wrapping_shr(a[1] as u32) as u64,
        UintRshift => a[0].wrapping_shr(a[1] as u32),
        IntNeg => i(0).wrapping_neg() as u64,
        IntInvert => !a[0],
        IntLt => b(i(0) < i(1)),
        IntLe => b(i(0) <= i(1)),
        IntEq => b(a[0] == a[1]),
        IntNe => b(a[0] != a[1]),
        IntGt => b(i(0) > i(1)),
        IntGe => b(i(0) >= i(1)),
        UintLt => b(a[0] < a[1]),
        UintLe => b(a[0] <= a[1]),
        UintGt => b(a[0] > a[1]),
        UintGe => b(a[0] >= a[1]),
        IntPyDiv | IntPyMod => {
            let (q, r) = py_divmod(i(0), i(1))?;
            if op == IntPyDiv {
                q as u64
            } else {
                r as u64
            }
        }
        IntIsTrue => b(a[0] != 0),
        IntIsZero => b(a[0] == 0),
        IntAddOvf | IntSubOvf | IntMulOvf => match eval_ovf(op, a[0], a[1]) {
            (r, false) => r,
            (_, true) => return None,
        },
        FloatAdd => (f(a[0]) + f(a[1])).to_bits(),
        FloatSub => (f(a[0]) - f(a[1])).to_bits(),
        FloatMul => (f(a[0]) * f(a[1])).to_bits(),
        FloatTrueDiv => (f(a[0]) / f(a[1])).to_bits(),
        FloatNeg => (-f(a[0])).to_bits(),
        FloatAbs => f(a[0]).abs().to_bits(),
        FloatLt => b(f(a[0]) < f(a[1])),
        FloatLe => b(f(a[0]) <= f(a[1])),
        FloatEq => b(f(a[0]) == f(a[1])),
        FloatNe => b(f(a[0]) != f(a[1])),
        FloatGt => b(f(a[0]) > f(a[1])),
        FloatGe => b(f(a[0]) >= f(a[1])),
        CastIntToFloat => (i(0) as f64).to_bits(),
        CastFloatToInt => (f(a[0]) as i64) as u64,
        PtrEq => b(a[0] == a[1]),
        PtrNe => b(a[0] != a[1]),
        SameAsI | SameAsR | SameAsF => a[0],
        _ => return None,
    })
}

/// Python's `x // y` and `x % y` (the semantics' own); `None` outside
/// the ops' precondition, a divisor neither 0 nor -1 (the codewriter
/// calls the native helper there).
pub fn py_divmod(x: i64, y: i64) -> Option<(i64, i64)> {
    if y == -1 {
        return None;
    }
    Some((int::floordiv(x, y).ok()?, int::modulo(x, y).ok()?))
}

/// An overflow-checked op: the wrapped result and whether it overflowed
/// (the semantics' `ovfcheck`).
pub fn eval_ovf(op: Opcode, x: u64, y: u64) -> (u64, bool) {
    let (o, wrapping) = match op {
        Opcode::IntAddOvf => (OvfOp::Add, Opcode::IntAdd),
        Opcode::IntSubOvf => (OvfOp::Sub, Opcode::IntSub),
        Opcode::IntMulOvf => (OvfOp::Mul, Opcode::IntMul),
        other => panic!("eval_ovf: {other:?} is not an _ovf op"),
    };
    match ovf::checked(o, x as i64, y as i64) {
        Ok(r) => (r as u64, false),
        Err(_) => (eval_pure(wrapping, &[x, y]).expect("a pure op"), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_wrap_and_compare_signed() {
        assert_eq!(eval_pure(Opcode::IntAdd, &[u64::MAX, 2]), Some(1));
        assert_eq!(eval_pure(Opcode::IntLt, &[(-1i64) as u64, 0]), Some(1));
        assert_eq!(eval_pure(Opcode::UintLt, &[(-1i64) as u64, 0]), Some(0));
        assert_eq!(eval_pure(Opcode::IntAddOvf, &[i64::MAX as u64, 1]), None);
        assert_eq!(eval_pure(Opcode::GetfieldGcI, &[0]), None);
    }

    #[test]
    fn python_division_rounds_down() {
        let d = |x: i64, y: i64| eval_pure(Opcode::IntPyDiv, &[x as u64, y as u64]);
        let m = |x: i64, y: i64| eval_pure(Opcode::IntPyMod, &[x as u64, y as u64]);
        assert_eq!(d(7, 2), Some(3));
        assert_eq!(d(-7, 2), Some(-4i64 as u64));
        assert_eq!(m(-7, 2), Some(1));
        assert_eq!(d(7, -2), Some(-4i64 as u64));
        assert_eq!(m(7, -2), Some(-1i64 as u64));
        assert_eq!(m(-6, 3), Some(0));
        assert_eq!(d(i64::MIN, 2), Some((i64::MIN / 2) as u64));
        assert_eq!(d(1, 0), None);
        assert_eq!(m(1, -1), None);
    }
}
