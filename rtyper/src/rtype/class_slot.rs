//! A per-class constant read through an instance's vtable: a class-level
//! attribute, the default value of a method parameter (each override
//! keeps its own default, so a call through the base type reads it from
//! the receiver's class), or a method of only some classes (the
//! `__init__` of a class picked from a table of classes).

use rpy_front::program::{ClassId, ConstValue, Program};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ClassSlot {
    /// `class C: name = value`, looked up through the bases.
    Attr(String),
    /// The default of parameter `param` of the method `method` the class
    /// resolves to (in the classes of `only`, when given).
    Default {
        method: String,
        param: usize,
        only: Option<Vec<ClassId>>,
    },
    /// The method `method` of the classes in `only` (null in the others,
    /// which never reach the read).
    Method { method: String, only: Vec<ClassId> },
}

impl ClassSlot {
    /// The slot's name in the LL class (`getclassattr`'s operand). A
    /// default's name has a `#`, which no attribute name has.
    pub fn name(&self) -> String {
        match self {
            ClassSlot::Attr(name) => name.clone(),
            ClassSlot::Default {
                method,
                param,
                only,
            } => format!(
                "{method}#{param}{}",
                only.as_deref().map_or(String::new(), ids)
            ),
            ClassSlot::Method { method, only } => format!("{method}{}", ids(only)),
        }
    }

    /// The slot's value for instances of exactly `class`, if it has one.
    pub fn value(&self, prog: &Program, class: ClassId) -> Option<ConstValue> {
        match self {
            ClassSlot::Attr(name) => prog.lookup_class_attr(class, name).cloned(),
            ClassSlot::Default {
                only: Some(only), ..
            } if !only.contains(&class) => None,
            ClassSlot::Default { method, param, .. } => prog
                .lookup_method(class, method)
                .and_then(|f| prog.func(f).params.get(*param))
                .and_then(|p| p.default.clone()),
            ClassSlot::Method { method, only } if only.contains(&class) => {
                prog.lookup_method(class, method).map(ConstValue::Func)
            }
            ClassSlot::Method { .. } => None,
        }
    }
}

/// `@3,5`: the ids of the classes a slot is restricted to.
fn ids(only: &[ClassId]) -> String {
    let ids: Vec<String> = only.iter().map(|c| c.0.to_string()).collect();
    format!("@{}", ids.join(","))
}
