//! A per-class constant read through an instance's vtable: a class-level
//! attribute, or the default value of a method parameter (each override
//! keeps its own default, so a call through the base type reads it from
//! the receiver's class).

use rpy_front::program::{ClassId, ConstValue, Program};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ClassSlot {
    /// `class C: name = value`, looked up through the bases.
    Attr(String),
    /// The default of parameter `param` of the method `method` the class
    /// resolves to.
    Default { method: String, param: usize },
}

impl ClassSlot {
    /// The slot's name in the LL class (`getclassattr`'s operand). A
    /// default's name has a `#`, which no attribute name has.
    pub fn name(&self) -> String {
        match self {
            ClassSlot::Attr(name) => name.clone(),
            ClassSlot::Default { method, param } => format!("{method}#{param}"),
        }
    }

    /// The slot's value for instances of exactly `class`, if it has one.
    pub fn value<'p>(&self, prog: &'p Program, class: ClassId) -> Option<&'p ConstValue> {
        match self {
            ClassSlot::Attr(name) => prog.lookup_class_attr(class, name),
            ClassSlot::Default { method, param } => prog
                .lookup_method(class, method)
                .and_then(|f| prog.func(f).params.get(*param))
                .and_then(|p| p.default.as_ref()),
        }
    }
}
