//! Type tests lowered by their verdicts (`crate::typetest`):
//! `isinstance(x, T)`, an `except` clause's `exc_match(e, C)` and
//! `type_is(x, T)` (`type(x) is T`) — a constant where the static type
//! decides, a null test, or `instanceof` tests of the instance: an exact
//! class is `instanceof` it and of none of its direct subclasses.

use super::graph::GraphTyper;
use super::ops::bool_const;
use crate::annotate::SomeValue;
use crate::ll::{LLConst, LLOpKind, LLType, LLValue};
use crate::typetest::{verdicts, Verdict};
use flowgraph::model::Value;
use rpy_front::program::ClassId;
use rpy_front::DResult;

impl GraphTyper<'_, '_> {
    /// Is `x` an instance of one of `types` (exactly, with `exact`)?
    pub fn type_test(&mut self, x: &Value, types: &Value, exact: bool) -> DResult<LLValue> {
        let Value::Const(t) = types else {
            return Err(self.error(
                "a type test needs a type (or a tuple of types) known at translation time",
            ));
        };
        let ann = self.ann_of(x);
        let mut any = bool_const(false);
        for v in verdicts(self.rt.prog, &ann, t, exact) {
            let test = match v {
                Verdict::Always(b) => bool_const(b),
                Verdict::NotNone => {
                    let (v, _) = self.value(x)?;
                    self.emit(LLOpKind::PtrNonZero, vec![v], LLType::Bool)
                }
                Verdict::Instance { class, exact } => self.class_test(x, &ann, class, exact)?,
            };
            any = self.or(any, test);
        }
        Ok(any)
    }

    /// Is the instance `x` (annotated `ann`) of `class` or a subclass (of
    /// exactly `class` with `exact`)? False for `None`.
    fn class_test(
        &mut self,
        x: &Value,
        ann: &SomeValue,
        class: ClassId,
        exact: bool,
    ) -> DResult<LLValue> {
        let (v, _) = self.value(x)?;
        let mut test = match ann {
            SomeValue::Instance {
                class: c,
                nullable: false,
            } if *c == class => bool_const(true),
            SomeValue::Instance { class: c, .. } if *c == class => {
                self.emit(LLOpKind::PtrNonZero, vec![v.clone()], LLType::Bool)
            }
            _ => self.instanceof(&v, class),
        };
        if exact {
            let subs: Vec<ClassId> = self
                .rt
                .prog
                .classes
                .iter()
                .filter(|d| d.base == Some(class))
                .map(|d| d.id)
                .collect();
            for d in subs {
                let sub = self.instanceof(&v, d);
                let not_sub = self.not(sub);
                test = self.and(test, not_sub);
            }
        }
        Ok(test)
    }

    fn instanceof(&mut self, v: &LLValue, class: ClassId) -> LLValue {
        self.emit(
            LLOpKind::InstanceOf,
            vec![v.clone(), LLValue::Const(LLConst::Class(class))],
            LLType::Bool,
        )
    }
}
