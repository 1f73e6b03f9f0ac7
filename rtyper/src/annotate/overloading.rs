//! Operators on instances of classes that define the special method
//! Python would call: rpy does not dispatch operators to methods, so
//! `a == b` there would silently compare identities and `a + b` would be
//! refused with a confusing message. The annotator refuses the operator
//! instead, naming the method (only what run time reaches is checked: a
//! `__eq__` nothing compares with is an ordinary method).

use super::model::SomeValue;
use super::Annotator;
use flowgraph::model::Op;
use flowgraph::ops::OpKind;
use rpy_front::program::ClassId;
use rpy_front::DResult;

/// The special methods Python calls for an operator, by operand position
/// (the reflected ones for the right operand).
fn dunders(kind: OpKind) -> &'static [&'static [&'static str]] {
    use OpKind as K;
    match kind {
        K::Add => &[&["__add__"], &["__radd__"]],
        K::Sub => &[&["__sub__"], &["__rsub__"]],
        K::Mul => &[&["__mul__"], &["__rmul__"]],
        K::TrueDiv => &[&["__truediv__"], &["__rtruediv__"]],
        K::FloorDiv => &[&["__floordiv__"], &["__rfloordiv__"]],
        K::Mod => &[&["__mod__"], &["__rmod__"]],
        K::Pow => &[&["__pow__"], &["__rpow__"]],
        K::LShift => &[&["__lshift__"], &["__rlshift__"]],
        K::RShift => &[&["__rshift__"], &["__rrshift__"]],
        K::And => &[&["__and__"], &["__rand__"]],
        K::Or => &[&["__or__"], &["__ror__"]],
        K::Xor => &[&["__xor__"], &["__rxor__"]],
        K::InplaceAdd => &[&["__iadd__", "__add__"], &["__radd__"]],
        K::InplaceMul => &[&["__imul__", "__mul__"], &["__rmul__"]],
        K::Neg => &[&["__neg__"]],
        K::Pos => &[&["__pos__"]],
        K::Invert => &[&["__invert__"]],
        K::Eq => &[&["__eq__"], &["__eq__"]],
        K::Ne => &[&["__ne__", "__eq__"], &["__ne__", "__eq__"]],
        K::Lt => &[&["__lt__"], &["__gt__"]],
        K::Le => &[&["__le__"], &["__ge__"]],
        K::Gt => &[&["__gt__"], &["__lt__"]],
        K::Ge => &[&["__ge__"], &["__le__"]],
        K::IsTrue | K::Not => &[&["__bool__", "__len__"]],
        K::Iter => &[&["__iter__"]],
        K::DelItem => &[&["__delitem__"]],
        _ => &[],
    }
}

impl Annotator<'_> {
    /// Refuse `op` if an operand is an instance whose class (or a subclass
    /// of it) defines the special method Python would call for it.
    pub fn refuse_overloading(&self, op: &Op, args: &[SomeValue]) -> DResult<()> {
        for (arg, names) in args.iter().zip(dunders(op.kind)) {
            let SomeValue::Instance { class, .. } = arg else {
                continue;
            };
            if let Some((name, owner)) = self.overloaded(*class, names) {
                return Err(self
                    .error(
                        op.span,
                        format!("operator overloading ({name}) is not supported in rpy"),
                    )
                    .with_note(format!(
                        "{} defines {name}, which Python would call here; rpy does not: call a method by its name instead",
                        self.prog.class(owner).name
                    )));
            }
        }
        Ok(())
    }

    /// The first of `names` defined by `class`, a base or a subclass of it.
    fn overloaded(
        &self,
        class: ClassId,
        names: &[&'static str],
    ) -> Option<(&'static str, ClassId)> {
        let prog = self.prog;
        names.iter().find_map(|&name| {
            prog.classes
                .iter()
                .find(|c| {
                    c.methods.contains_key(name)
                        && (prog.is_subclass(c.id, class) || prog.is_subclass(class, c.id))
                })
                .map(|c| (name, c.id))
        })
    }
}
