//! Low-level types: machine scalars and GC pointers to heap objects (the
//! types of every variable of the LL graphs the backends and the JIT read).

use rpy_front::program::ClassId;
use std::fmt;
use std::rc::Rc;

/// A low-level type. `Str`, `List`, `Dict`, `Tuple`, `Instance` and `Iter`
/// are GC pointers to heap objects and may be null (`None`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LLType {
    /// No value (results of ops that return nothing, `None`-only values).
    Void,
    Bool,
    /// A 64-bit signed machine integer.
    Signed,
    /// A 64-bit unsigned machine integer (`r_uint`).
    Unsigned,
    /// A 64-bit IEEE float.
    Float,
    /// One byte (a one-character str).
    Char,
    /// Pointer to an immutable byte string.
    Str,
    /// Pointer to a list; `kind` is what the annotator proved about its
    /// changes after it was built.
    List {
        item: Rc<LLType>,
        kind: ListKind,
    },
    /// Pointer to a dict (insertion ordered).
    Dict(Rc<LLType>, Rc<LLType>),
    /// Pointer to an immutable fixed-size tuple.
    Tuple(Rc<[LLType]>),
    /// Pointer to an instance of this class (or a subclass); the name is
    /// carried for printing only.
    Instance(ClassId, Rc<str>),
    /// A class: a pointer to its vtable.
    Class,
    /// A function pointer with this signature.
    Func(Rc<[LLType]>, Rc<LLType>),
    /// Pointer to an iterator over this container type (`Str`, `List`, `Dict`).
    Iter(Rc<LLType>),
}

/// What may change in a list after it is built (all kinds share one layout).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ListKind {
    /// Items and length may change (append, pop, …).
    Resizable,
    /// Items may be stored but the length never changes: the item pointer
    /// and the length are invariant, so backends may keep them in registers.
    FixedSize,
    /// Never changed after it is built: the JIT may fold reads of it at
    /// constant addresses.
    Immutable,
}

impl ListKind {
    /// The word the LL printer puts after such a list type.
    pub fn name(self) -> &'static str {
        match self {
            ListKind::Resizable => "mutable",
            ListKind::FixedSize => "fixed",
            ListKind::Immutable => "immutable",
        }
    }
}

impl LLType {
    pub fn list(item: LLType, kind: ListKind) -> LLType {
        LLType::List {
            item: Rc::new(item),
            kind,
        }
    }

    /// The kind of a list type.
    pub fn list_kind(&self) -> Option<ListKind> {
        match self {
            LLType::List { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    pub fn dict(k: LLType, v: LLType) -> LLType {
        LLType::Dict(Rc::new(k), Rc::new(v))
    }

    pub fn func(params: Vec<LLType>, result: LLType) -> LLType {
        LLType::Func(Rc::from(params), Rc::new(result))
    }

    /// A GC pointer (nullable, compared by identity with `ptr_eq`).
    pub fn is_ptr(&self) -> bool {
        matches!(
            self,
            LLType::Str
                | LLType::List { .. }
                | LLType::Dict(..)
                | LLType::Tuple(_)
                | LLType::Instance(..)
                | LLType::Iter(_)
        )
    }

    /// A scalar held in a machine register (not a GC pointer, not void).
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            LLType::Bool | LLType::Signed | LLType::Unsigned | LLType::Float | LLType::Char
        )
    }

    pub fn instance_class(&self) -> Option<ClassId> {
        match self {
            LLType::Instance(c, _) => Some(*c),
            _ => None,
        }
    }

    /// The item type of a list type.
    pub fn list_item(&self) -> Option<&LLType> {
        match self {
            LLType::List { item, .. } => Some(item),
            _ => None,
        }
    }

    /// The same type with every list made `Resizable` (types that only
    /// differ by their list kinds have the same layout).
    pub fn erase_mutability(&self) -> LLType {
        match self {
            LLType::List { item, .. } => LLType::list(item.erase_mutability(), ListKind::Resizable),
            LLType::Dict(k, v) => LLType::dict(k.erase_mutability(), v.erase_mutability()),
            LLType::Tuple(ts) => LLType::Tuple(ts.iter().map(LLType::erase_mutability).collect()),
            LLType::Func(ps, r) => LLType::func(
                ps.iter().map(LLType::erase_mutability).collect(),
                r.erase_mutability(),
            ),
            LLType::Iter(c) => LLType::Iter(Rc::new(c.erase_mutability())),
            other => other.clone(),
        }
    }

    /// The pointee, as written inside `Ptr(…)`.
    fn fmt_pointee(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            LLType::Str => write!(f, "Str"),
            LLType::List { item, .. } => write!(f, "List({item})"),
            LLType::Dict(k, v) => write!(f, "Dict({k}, {v})"),
            LLType::Tuple(ts) => {
                write!(f, "Tuple(")?;
                write_list(f, ts)?;
                write!(f, ")")
            }
            LLType::Instance(_, name) => write!(f, "Instance({name})"),
            LLType::Iter(c) => {
                write!(f, "Iter(")?;
                c.fmt_pointee(f)?;
                write!(f, ")")
            }
            other => write!(f, "{other}"),
        }
    }
}

fn write_list(f: &mut fmt::Formatter, ts: &[LLType]) -> fmt::Result {
    for (i, t) in ts.iter().enumerate() {
        if i > 0 {
            write!(f, ", ")?;
        }
        write!(f, "{t}")?;
    }
    Ok(())
}

impl fmt::Display for LLType {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            LLType::Void => write!(f, "Void"),
            LLType::Bool => write!(f, "Bool"),
            LLType::Signed => write!(f, "Signed"),
            LLType::Unsigned => write!(f, "Unsigned"),
            LLType::Float => write!(f, "Float"),
            LLType::Char => write!(f, "Char"),
            LLType::Class => write!(f, "Class"),
            LLType::Func(ps, r) => {
                write!(f, "Func((")?;
                write_list(f, ps)?;
                write!(f, ") -> {r})")
            }
            ptr => {
                write!(f, "Ptr(")?;
                ptr.fmt_pointee(f)?;
                write!(f, ")")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_like_the_design() {
        assert_eq!(LLType::Signed.to_string(), "Signed");
        assert_eq!(LLType::Str.to_string(), "Ptr(Str)");
        assert_eq!(
            LLType::list(LLType::Signed, ListKind::Immutable).to_string(),
            "Ptr(List(Signed))"
        );
        assert_eq!(
            LLType::dict(LLType::Str, LLType::Signed).to_string(),
            "Ptr(Dict(Ptr(Str), Signed))"
        );
        assert_eq!(
            LLType::Instance(ClassId(20), Rc::from("Shape")).to_string(),
            "Ptr(Instance(Shape))"
        );
        assert_eq!(
            LLType::Iter(Rc::new(LLType::list(LLType::Char, ListKind::Resizable))).to_string(),
            "Ptr(Iter(List(Char)))"
        );
        assert_eq!(
            LLType::func(vec![LLType::Signed, LLType::Str], LLType::Void).to_string(),
            "Func((Signed, Ptr(Str)) -> Void)"
        );
        assert_eq!(
            LLType::Tuple(Rc::from(vec![LLType::Signed, LLType::Bool])).to_string(),
            "Ptr(Tuple(Signed, Bool))"
        );
    }

    #[test]
    fn pointers_and_scalars() {
        assert!(LLType::Str.is_ptr());
        assert!(!LLType::Class.is_ptr());
        assert!(LLType::Char.is_scalar());
        assert!(!LLType::Void.is_scalar());
        let a = LLType::list(LLType::Signed, ListKind::Immutable);
        assert_ne!(a, LLType::list(LLType::Signed, ListKind::Resizable));
        assert_eq!(
            a.erase_mutability(),
            LLType::list(LLType::Signed, ListKind::Resizable)
        );
    }
}
