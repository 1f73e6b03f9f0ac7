//! The typing rules of RPython's `r_uint` and of `ovfcheck`: arithmetic
//! with an r_uint operand (the other an r_uint, an int or a bool) is an
//! r_uint, as RPython's `compute_restype` says; comparing one with an int
//! that may be negative is refused (RPython's "comparing a signed and an
//! unsigned number"); r_uints do not mix with floats. The `*_ovf` ops of
//! `ovfcheck(x op y)` take ints only.

use super::model::SomeValue;
use super::rules::binary_symbol;
use super::Annotator;
use flowgraph::model::Op;
use flowgraph::ops::OpKind;
use rpy_front::program::FuncId;
use rpy_front::DResult;

use SomeValue as S;

impl Annotator<'_> {
    /// An op on an r_uint and a number: typed by the r_uint rules.
    pub(super) fn is_unsigned_pair(&self, a: &SomeValue, b: &SomeValue) -> bool {
        let number = |x: &SomeValue| x.is_number() || *x == S::UInt;
        (*a == S::UInt && number(b)) || (*b == S::UInt && number(a))
    }

    /// `a op b` with an r_uint operand: an r_uint.
    pub(super) fn uint_binary(
        &self,
        f: FuncId,
        op: &Op,
        a: &SomeValue,
        b: &SomeValue,
    ) -> DResult<SomeValue> {
        use OpKind as K;
        if *a == S::Float || *b == S::Float {
            return Err(self.error(
                op.span,
                format!(
                    "r_uint and float do not mix ({} on {} and {}): convert with float(u)",
                    binary_symbol(op.kind),
                    self.show(a),
                    self.show(b)
                ),
            ));
        }
        match op.kind {
            K::Add
            | K::InplaceAdd
            | K::Sub
            | K::Mul
            | K::InplaceMul
            | K::FloorDiv
            | K::Mod
            | K::LShift
            | K::RShift
            | K::And
            | K::Or
            | K::Xor => Ok(S::UInt),
            _ => Err(self.operand_error(f, op, a, b)),
        }
    }

    /// `a < b`, `a == b`, … with an r_uint operand: the other must be an
    /// r_uint or an int known to be >= 0 (then both compare as unsigned).
    pub(super) fn uint_compare(&self, op: &Op, a: &SomeValue, b: &SomeValue) -> DResult<SomeValue> {
        let fits = |x: &SomeValue| matches!(x, S::UInt | S::Bool | S::Int { nonneg: true });
        if fits(a) && fits(b) {
            return Ok(S::Bool);
        }
        let why = if *a == S::Float || *b == S::Float {
            "r_uint and float do not mix: convert with float(u)"
        } else {
            "comparing a signed and an unsigned number (RPython refuses it unless the int is \
             known to be >= 0): convert with r_uint(x) or intmask(u)"
        };
        Err(self.error(
            op.span,
            format!(
                "cannot compare {} and {}: {why}",
                self.show(a),
                self.show(b)
            ),
        ))
    }

    /// `ovfcheck(x op y)`: an int op, checked.
    pub(super) fn ovf(&self, op: &Op, args: &[SomeValue]) -> DResult<SomeValue> {
        if args.iter().all(SomeValue::is_intlike) {
            return Ok(S::INT);
        }
        let types: Vec<String> = args.iter().map(|a| self.show(a)).collect();
        let ovf = op.kind.ovf_op().expect("an _ovf op");
        let hint = if args.contains(&S::UInt) {
            " (r_uint arithmetic wraps: it is never checked)"
        } else {
            ""
        };
        Err(self.error(
            op.span,
            format!(
                "ovfcheck() checks int operations, not `{}` on {}{hint}",
                ovf.symbol(),
                types.join(" and ")
            ),
        ))
    }
}
