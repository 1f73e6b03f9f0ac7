//! Type tests on static types: what `isinstance(x, T)` and `type(x) is T`
//! (`exact`) are for a value of a given annotation — decided at
//! translation time, a test against `None`, or a class test of an
//! instance at run time. The annotator narrows by it; the rtyper lowers by
//! it, so both read one rule.

use crate::annotate::SomeValue;
use rpy_front::program::{builtin_class, Builtin, ClassId, ConstValue, Program};

/// A type tested against: a class or a builtin type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Class(ClassId),
    Builtin(Builtin),
}

/// The types of a test's second operand: one type, or a tuple of them
/// (the builder checked that every item is one).
pub fn targets(t: &ConstValue) -> Vec<Target> {
    let one = |c: &ConstValue| match c {
        ConstValue::Class(c) => Some(Target::Class(*c)),
        ConstValue::Builtin(b) if b.is_type() => Some(Target::Builtin(*b)),
        _ => None,
    };
    match t {
        ConstValue::Tuple(items) => items.iter().filter_map(one).collect(),
        c => one(c).into_iter().collect(),
    }
}

/// What a type test is at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Decided at translation time.
    Always(bool),
    /// True unless the value is `None`.
    NotNone,
    /// A class test of the instance: of `class` or a subclass, or of
    /// exactly `class`; false for `None`.
    Instance { class: ClassId, exact: bool },
}

/// The test of a value annotated `ann` against `t`.
pub fn verdict(prog: &Program, ann: &SomeValue, t: Target, exact: bool) -> Verdict {
    let any = |holds: bool| match holds {
        true if ann.is_nullable() => Verdict::NotNone,
        holds => Verdict::Always(holds),
    };
    match (ann, t) {
        (_, Target::Class(builtin_class::OBJECT)) if !exact => Verdict::Always(true),
        (SomeValue::Instance { class, .. }, Target::Class(c)) => {
            if !exact && prog.is_subclass(*class, c) {
                any(true)
            } else if prog.is_subclass(c, *class) {
                Verdict::Instance { class: c, exact }
            } else {
                Verdict::Always(false)
            }
        }
        (_, Target::Class(_)) => Verdict::Always(false),
        (_, Target::Builtin(b)) => any(builtin_type_holds(ann, b, exact)),
    }
}

/// Is a (non-None) value annotated `ann` of builtin type `b`? A bool is
/// an int too, as in Python, but its exact type is `bool`.
fn builtin_type_holds(ann: &SomeValue, b: Builtin, exact: bool) -> bool {
    use SomeValue as S;
    matches!(
        (ann, b),
        (S::Int { .. }, Builtin::Int)
            | (S::Bool, Builtin::Bool)
            | (S::Float, Builtin::Float)
            | (S::Str { .. }, Builtin::Str)
            | (S::List { .. }, Builtin::List)
            | (S::Dict { .. }, Builtin::Dict)
            | (S::Tuple(_), Builtin::Tuple)
    ) || (!exact && matches!((ann, b), (S::Bool, Builtin::Int)))
}

/// The verdicts of a test against every target of `t`.
pub fn verdicts(prog: &Program, ann: &SomeValue, t: &ConstValue, exact: bool) -> Vec<Verdict> {
    targets(t)
        .into_iter()
        .map(|t| verdict(prog, ann, t, exact))
        .collect()
}
