//! Narrowing: what a two-way branch teaches about a variable on each of
//! its exits — type tests (`isinstance`, `type(x) is T`, an `except`
//! clause's `exc_match`) by their verdicts (`crate::typetest`), `x is
//! None` and truth tests by removing `None`; seeing through `not` and
//! `bool()` of a test made in the block. A variable narrowed to nothing
//! means the exit is never taken: the annotator does not follow it (a
//! sibling class, or a test the static type decides, as in RPython).

use super::{Annotator, SomeValue};
use crate::typetest::{verdicts, Verdict};
use flowgraph::model::{BlockId, ExitCase, ExitSwitch, Op, Value, VarId};
use flowgraph::ops::OpKind;
use rpy_front::program::{Builtin, ConstValue, FuncId};
use std::collections::HashMap;

impl Annotator<'_> {
    /// The narrowed variables on the exit of block `b` taken on `case`.
    pub(super) fn narrowing(
        &self,
        f: FuncId,
        b: BlockId,
        case: &ExitCase,
    ) -> HashMap<VarId, SomeValue> {
        let mut out = HashMap::new();
        let g = &self.fp.graphs[f.index()];
        let block = g.block(b);
        let (ExitSwitch::Value(Value::Var(cond)), ExitCase::Const(ConstValue::Bool(mut truth))) =
            (block.switch(), case)
        else {
            return out;
        };
        let mut cond = *cond;
        let find = |v: VarId| block.ops.iter().find(|op| op.result == v);
        // See through `not` and through `bool()` of a test made here.
        while let Some(op) = find(cond) {
            let Some(Value::Var(inner)) = op.args.first() else {
                break;
            };
            match op.kind {
                OpKind::Not => truth = !truth,
                OpKind::IsTrue if find(*inner).is_some_and(is_test) => {}
                _ => break,
            }
            cond = *inner;
        }
        let Some(op) = find(cond) else { return out };
        let subject = match op.kind {
            OpKind::SimpleCall if is_isinstance(op) => op.args.get(1),
            OpKind::ExcMatch | OpKind::TypeIs | OpKind::Is | OpKind::IsTrue => op.args.first(),
            _ => None,
        };
        let Some(Value::Var(x)) = subject else {
            return out;
        };
        let current = self.a.var(f, *x);
        let narrowed = match op.kind {
            OpKind::ExcMatch | OpKind::SimpleCall | OpKind::TypeIs => {
                let exact = op.kind == OpKind::TypeIs;
                op.args.last().and_then(Value::as_const).and_then(|t| {
                    let vs = verdicts(self.prog, &current, t, exact);
                    self.type_narrowed(&current, &vs, truth)
                })
            }
            OpKind::Is if op.args.get(1) == Some(&Value::Const(ConstValue::None)) => {
                (!truth).then(|| not_none(&current))
            }
            OpKind::IsTrue if truth => Some(not_none(&current)),
            _ => None,
        };
        if let Some(n) = narrowed {
            out.insert(*x, n);
        }
        out
    }

    /// What a value annotated `current` is where a type test whose
    /// targets have the verdicts `vs` is `truth`: where it holds, itself
    /// without `None` under a target it always matches, else the common
    /// base of the classes it may be an instance of, else nothing; where
    /// it fails, nothing if some target always matches.
    fn type_narrowed(&self, current: &SomeValue, vs: &[Verdict], truth: bool) -> Option<SomeValue> {
        if !truth {
            return vs
                .contains(&Verdict::Always(true))
                .then_some(SomeValue::Impossible);
        }
        if vs
            .iter()
            .any(|v| matches!(v, Verdict::Always(true) | Verdict::NotNone))
        {
            return Some(not_none(current));
        }
        let fallback = match current {
            SomeValue::Instance { class, .. } => *class,
            _ => return Some(SomeValue::Impossible),
        };
        let below = vs
            .iter()
            .filter_map(|v| match v {
                Verdict::Instance { class, .. } => Some(*class),
                _ => None,
            })
            .reduce(|a, b| self.common_base(a, b).unwrap_or(fallback));
        Some(match below {
            Some(class) => SomeValue::Instance {
                class,
                nullable: false,
            },
            None => SomeValue::Impossible,
        })
    }
}

/// The type on the path where a value is known not to be None
/// (`Impossible` when it is always None: that path is never taken).
pub(super) fn not_none(a: &SomeValue) -> SomeValue {
    match a {
        SomeValue::None => SomeValue::Impossible,
        other => other.non_null(),
    }
}

fn is_isinstance(op: &Op) -> bool {
    op.args.first().and_then(Value::as_const) == Some(&ConstValue::Builtin(Builtin::Isinstance))
}

/// An op whose result is a test the annotator narrows on.
fn is_test(op: &Op) -> bool {
    match op.kind {
        OpKind::Not | OpKind::Is | OpKind::ExcMatch | OpKind::TypeIs => true,
        OpKind::SimpleCall => is_isinstance(op),
        _ => false,
    }
}
