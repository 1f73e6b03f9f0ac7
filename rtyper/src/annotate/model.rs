//! The annotation lattice (after PyPy's `SomeValue`s): one static type per
//! variable, with list/dict definitions shared between every place a list
//! or dict flows to.

use rpy_front::program::{Builtin, ClassId, DriverId, FuncId};
use rpy_front::Span;
use std::collections::BTreeSet;
use std::rc::Rc;

/// A list definition: the one item type of every list created at the
/// places that were unified into it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ListDefId(pub u32);

/// A dict definition: key and value types shared the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DictDefId(pub u32);

/// What an iterator walks over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IterKind {
    List(ListDefId),
    /// The characters of a str.
    Str,
    /// The keys of a dict.
    Dict(DictDefId),
}

/// A static type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SomeValue {
    /// No value yet (bottom): unreachable or not annotated yet.
    Impossible,
    /// An int; `nonneg` when it is known to be >= 0.
    Int {
        nonneg: bool,
    },
    Bool,
    /// An `r_uint`: an unsigned 64-bit int (RPython's; it does not merge
    /// with `int`).
    UInt,
    Float,
    /// A str; `char` when always exactly one character.
    Str {
        char: bool,
        nullable: bool,
    },
    /// Only ever `None`.
    None,
    List {
        def: ListDefId,
        nullable: bool,
    },
    Dict {
        def: DictDefId,
        nullable: bool,
    },
    Tuple(Rc<[SomeValue]>),
    /// An instance of `class` or a subclass.
    Instance {
        class: ClassId,
        nullable: bool,
    },
    /// One of these module-level functions (a function used as a value).
    Funcs(Rc<BTreeSet<FuncId>>),
    /// One of these classes (a class used as a value: calling instantiates).
    Classes(Rc<BTreeSet<ClassId>>),
    /// A builtin function or rpy.jit/rpy.io name used as a value.
    Builtin(Builtin),
    Driver(DriverId),
    /// A module such as `jit` from `from rpy import jit`.
    ExtModule,
    /// An iterator (the hidden value of a `for` loop).
    Iter(IterKind),
}

impl SomeValue {
    pub const INT: SomeValue = SomeValue::Int { nonneg: false };
    pub const NONNEG: SomeValue = SomeValue::Int { nonneg: true };
    pub const STR: SomeValue = SomeValue::Str {
        char: false,
        nullable: false,
    };
    pub const CHAR: SomeValue = SomeValue::Str {
        char: true,
        nullable: false,
    };

    pub fn is_impossible(&self) -> bool {
        matches!(self, SomeValue::Impossible)
    }

    /// Int or bool (bool widens to int).
    pub fn is_intlike(&self) -> bool {
        matches!(self, SomeValue::Int { .. } | SomeValue::Bool)
    }

    /// Int, bool or float.
    pub fn is_number(&self) -> bool {
        self.is_intlike() || matches!(self, SomeValue::Float)
    }

    /// Can this value be `None`?
    pub fn is_nullable(&self) -> bool {
        match self {
            SomeValue::None => true,
            SomeValue::Str { nullable, .. }
            | SomeValue::List { nullable, .. }
            | SomeValue::Dict { nullable, .. }
            | SomeValue::Instance { nullable, .. } => *nullable,
            _ => false,
        }
    }

    /// The same type without `None`.
    pub fn non_null(&self) -> SomeValue {
        match self.clone() {
            SomeValue::Str { char, .. } => SomeValue::Str {
                char,
                nullable: false,
            },
            SomeValue::List { def, .. } => SomeValue::List {
                def,
                nullable: false,
            },
            SomeValue::Dict { def, .. } => SomeValue::Dict {
                def,
                nullable: false,
            },
            SomeValue::Instance { class, .. } => SomeValue::Instance {
                class,
                nullable: false,
            },
            other => other,
        }
    }
}

/// Where a type came from: the span of the code that produced it, for
/// diagnostics.
pub type Origin = Span;

/// The shared state of a list definition.
#[derive(Clone, Debug)]
pub struct ListDef {
    pub item: SomeValue,
    /// Where the item type came from.
    pub item_origin: Option<Origin>,
    /// An item is stored after the list is built (`xs[i] = v`, sort, …).
    pub mutated: bool,
    /// The length changes after the list is built (append, pop, …).
    pub resized: bool,
    /// Where the first mutation happened (for diagnostics).
    pub mutated_at: Option<Origin>,
}

impl ListDef {
    /// Never changed after it was built: the JIT may treat it as constant.
    pub fn is_immutable(&self) -> bool {
        !self.mutated && !self.resized
    }

    /// What may change after the list is built, as the LL list type says.
    pub fn kind(&self) -> crate::ll::ListKind {
        use crate::ll::ListKind;
        match (self.mutated, self.resized) {
            (_, true) => ListKind::Resizable,
            (true, false) => ListKind::FixedSize,
            (false, false) => ListKind::Immutable,
        }
    }
}

#[derive(Clone, Debug)]
pub struct DictDef {
    pub key: SomeValue,
    pub value: SomeValue,
    pub key_origin: Option<Origin>,
    pub value_origin: Option<Origin>,
}

/// An instance attribute: its type over the class hierarchy.
#[derive(Clone, Debug)]
pub struct AttrInfo {
    pub ann: SomeValue,
    pub origin: Option<Origin>,
    /// Assigned on some instance (not only a class-level constant).
    pub assigned: bool,
}

/// What the annotator learned about one function.
#[derive(Clone, Debug, Default)]
pub struct FuncInfo {
    /// Reached from the entry point.
    pub reached: bool,
    pub args: Vec<SomeValue>,
    pub ret: Option<SomeValue>,
    /// The first call that reached it: (caller, call site), for call chains.
    pub called_from: Option<(FuncId, Span)>,
}

/// The annotations of greens and reds of one JIT driver.
#[derive(Clone, Debug, Default)]
pub struct DriverInfo {
    pub greens: Vec<SomeValue>,
    pub reds: Vec<SomeValue>,
    /// The function holding the jit_merge_point (the portal).
    pub portal: Option<FuncId>,
}
