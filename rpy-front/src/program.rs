//! The loaded program: what module level produced at translation time
//! (constants, prebuilt objects, functions, classes, JIT drivers, the entry point).

use crate::ast::{Bytes, Stmt};
use crate::span::{SourceFile, Span};
use indexmap::IndexMap;
use std::rc::Rc;

macro_rules! entity_id {
    ($name:ident) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}
entity_id!(FuncId);
entity_id!(ClassId);
entity_id!(DriverId);
entity_id!(PrebuiltId);
entity_id!(ModuleId);

/// A value known at translation time.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    Int(i64),
    /// An `r_uint` made at import time.
    UInt(u64),
    Float(f64),
    Bool(bool),
    Str(Bytes),
    None,
    Tuple(Rc<[ConstValue]>),
    /// A prebuilt (module-level) list, dict or instance: shared and mutable.
    Prebuilt(PrebuiltId),
    Func(FuncId),
    Class(ClassId),
    Driver(DriverId),
    Builtin(Builtin),
    /// `from rpy import jit` binds `jit` to this.
    ExtModule(ExtModule),
    /// A module of the program other than the main one (`import ops`).
    Module(ModuleId),
}

/// A prebuilt object's initial contents.
#[derive(Clone, Debug, PartialEq)]
pub enum Prebuilt {
    List(Vec<ConstValue>),
    Dict(Vec<(ConstValue, ConstValue)>),
    /// A prebuilt instance of a class: its class and its fields' values at
    /// the end of import time (in assignment order).
    Instance {
        class: ClassId,
        fields: Vec<(String, ConstValue)>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExtModule {
    Jit,
    Io,
    /// `_rpy_internal`: the builtins the toolchain's own library modules
    /// (written in rpy: `rpy.objectmodel`, …) are made of.
    Internal,
    /// RPython's `os`: file descriptors (`write`, `read`, `open`, …).
    Os,
    /// `sys`: `maxsize`.
    Sys,
    /// `time`: `time()`, `clock()`.
    Time,
}

impl ExtModule {
    /// The module's name as rpy spells it.
    pub fn name(self) -> &'static str {
        match self {
            ExtModule::Jit => "rpy.jit",
            ExtModule::Io => "rpy.io",
            ExtModule::Internal => "_rpy_internal",
            ExtModule::Os => "os",
            ExtModule::Sys => "sys",
            ExtModule::Time => "time",
        }
    }

    /// `module.NAME` when it is a constant (`os.O_RDONLY`, `sys.maxsize`).
    pub fn constant(self, name: &str) -> Option<ConstValue> {
        match (self, name) {
            (ExtModule::Os, _) => rpy_semantics::io::OS_CONSTANTS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| ConstValue::Int(*v)),
            (ExtModule::Sys, "maxsize") => Some(ConstValue::Int(i64::MAX)),
            _ => None,
        }
    }

    /// Every name of the module: its builtins and its constants.
    pub fn constant_names(self) -> Vec<&'static str> {
        match self {
            ExtModule::Os => rpy_semantics::io::OS_CONSTANTS
                .iter()
                .map(|(n, _)| *n)
                .collect(),
            ExtModule::Sys => vec!["maxsize"],
            _ => Vec::new(),
        }
    }

    /// The builtins the module provides.
    pub fn builtins(self) -> &'static [Builtin] {
        match self {
            ExtModule::Jit => Builtin::JIT,
            ExtModule::Io => Builtin::IO,
            ExtModule::Internal => Builtin::INTERNAL,
            ExtModule::Os => Builtin::OS,
            ExtModule::Sys => &[],
            ExtModule::Time => Builtin::TIME,
        }
    }

    /// `module.name`: one of its builtins, or one of RPython's other names
    /// for it (`purefunction` is `elidable`).
    pub fn lookup(self, name: &str) -> Option<Builtin> {
        let alias = match (self, name) {
            (ExtModule::Jit, "purefunction") => Some(Builtin::Elidable),
            (ExtModule::Time, "process_time" | "perf_counter") => Some(Builtin::Os(OsFn::Clock)),
            _ => None,
        };
        alias.or_else(|| Builtin::lookup(self.builtins(), name))
    }
}

/// Functions and names provided by the toolchain: Python builtins and the
/// `rpy.jit` / `rpy.io` modules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    // Python builtins
    Print,
    Len,
    Range,
    Enumerate,
    Int,
    Str,
    Float,
    Bool,
    Ord,
    Chr,
    Abs,
    Min,
    Max,
    Isinstance,
    List,
    Hash,
    Super,
    /// `dict`, `tuple`, `type`: import time has them as host functions
    /// (`HostFn`); run-time code has them only as types to test against
    /// (`isinstance(x, dict)`, `type(x) is C`).
    Dict,
    Tuple,
    Type,
    // rpy.jit
    JitDriver,
    Elidable,
    DontLookInside,
    UnrollSafe,
    Promote,
    WeAreJitted,
    /// `hint(x, promote=True, ...)`: `promote` when asked, else `x`.
    Hint,
    PromoteString,
    /// `@look_inside_iff(pred)`: accepted, the JIT looks inside always.
    LookInsideIff,
    /// `set_param(driver, name, value)`: accepted, no effect yet.
    SetParam,
    /// `set_user_param(driver, "name=value,...")`: accepted, no effect yet.
    SetUserParam,
    /// `os.*` and `time.*`.
    Os(OsFn),
    // _rpy_internal
    /// True in translated code (every run-time mode), False at import time.
    WeAreTranslated,
    /// `ovfcheck(x op y)`: the builder makes the op inside an `*_ovf` op.
    OvfCheck,
    /// `r_uint(x)`: an unsigned 64-bit int.
    RUint,
    /// `intmask(x)`: an int (an r_uint's bits as a signed int).
    IntMask,
    /// `widen(x)`: `x` (rpy has no integer types narrower than a word).
    Widen,
    /// `is_valid_int(x)`: an int or bool (an r_uint below 2**63).
    IsValidInt,
    // rpy.io
    Write,
    WriteErr,
    ReadFile,
    ReadStdin,
    Flush,
}

impl Builtin {
    /// How many arguments a call of the builtin takes, `(fewest, most)`:
    /// the one arity table of the annotator and the rtyper.
    pub fn arity(self) -> (usize, usize) {
        use Builtin::*;
        match self {
            Print | Super | JitDriver => (0, usize::MAX),
            SetParam => (3, 3),
            SetUserParam => (2, 2),
            Os(f) => f.arity(),
            WeAreTranslated => (0, 0),
            OvfCheck | RUint | IntMask | Widen | IsValidInt => (1, 1),
            Range => (1, 3),
            Int => (1, 2),
            Str | Bool | Dict | Tuple => (0, 1),
            Min | Max | Isinstance => (2, 2),
            Flush | WeAreJitted => (0, 0),
            Len | Enumerate | Float | Ord | Chr | Abs | List | Hash | Elidable | DontLookInside
            | UnrollSafe | Promote | Write | WriteErr | ReadFile | ReadStdin | Hint
            | PromoteString | LookInsideIff | Type => (1, 1),
        }
    }

    /// The Python builtins visible in every module without an import.
    pub const PYTHON: &'static [Builtin] = &[
        Builtin::Print,
        Builtin::Len,
        Builtin::Range,
        Builtin::Enumerate,
        Builtin::Int,
        Builtin::Str,
        Builtin::Float,
        Builtin::Bool,
        Builtin::Ord,
        Builtin::Chr,
        Builtin::Abs,
        Builtin::Min,
        Builtin::Max,
        Builtin::Isinstance,
        Builtin::List,
        Builtin::Hash,
        Builtin::Super,
    ];
    /// The names of run-time code that import time implements as host
    /// functions (`HostFn`): at run time only types to test against.
    pub const RUNTIME_TYPES: &'static [Builtin] = &[Builtin::Dict, Builtin::Tuple, Builtin::Type];
    pub const JIT: &'static [Builtin] = &[
        Builtin::JitDriver,
        Builtin::Elidable,
        Builtin::DontLookInside,
        Builtin::UnrollSafe,
        Builtin::Promote,
        Builtin::WeAreJitted,
        Builtin::Hint,
        Builtin::PromoteString,
        Builtin::LookInsideIff,
        Builtin::SetParam,
        Builtin::SetUserParam,
    ];
    pub const INTERNAL: &'static [Builtin] = &[
        Builtin::WeAreTranslated,
        Builtin::OvfCheck,
        Builtin::RUint,
        Builtin::IntMask,
        Builtin::Widen,
        Builtin::IsValidInt,
    ];
    pub const OS: &'static [Builtin] = &[
        Builtin::Os(OsFn::Write),
        Builtin::Os(OsFn::Read),
        Builtin::Os(OsFn::Open),
        Builtin::Os(OsFn::Close),
        Builtin::Os(OsFn::Lseek),
    ];
    pub const TIME: &'static [Builtin] = &[Builtin::Os(OsFn::Time), Builtin::Os(OsFn::Clock)];
    pub const IO: &'static [Builtin] = &[
        Builtin::Write,
        Builtin::WriteErr,
        Builtin::ReadFile,
        Builtin::ReadStdin,
        Builtin::Flush,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Builtin::Print => "print",
            Builtin::Len => "len",
            Builtin::Range => "range",
            Builtin::Enumerate => "enumerate",
            Builtin::Int => "int",
            Builtin::Str => "str",
            Builtin::Float => "float",
            Builtin::Bool => "bool",
            Builtin::Ord => "ord",
            Builtin::Chr => "chr",
            Builtin::Abs => "abs",
            Builtin::Min => "min",
            Builtin::Max => "max",
            Builtin::Isinstance => "isinstance",
            Builtin::List => "list",
            Builtin::Hash => "hash",
            Builtin::Super => "super",
            Builtin::Dict => "dict",
            Builtin::Tuple => "tuple",
            Builtin::Type => "type",
            Builtin::JitDriver => "JitDriver",
            Builtin::Elidable => "elidable",
            Builtin::DontLookInside => "dont_look_inside",
            Builtin::UnrollSafe => "unroll_safe",
            Builtin::Promote => "promote",
            Builtin::WeAreJitted => "we_are_jitted",
            Builtin::Hint => "hint",
            Builtin::PromoteString => "promote_string",
            Builtin::LookInsideIff => "look_inside_iff",
            Builtin::SetParam => "set_param",
            Builtin::SetUserParam => "set_user_param",
            Builtin::WeAreTranslated => "we_are_translated",
            Builtin::OvfCheck => "ovfcheck",
            Builtin::RUint => "r_uint",
            Builtin::IntMask => "intmask",
            Builtin::Widen => "widen",
            Builtin::IsValidInt => "is_valid_int",
            Builtin::Os(f) => f.name(),
            Builtin::Write => "write",
            Builtin::WriteErr => "write_err",
            Builtin::ReadFile => "read_file",
            Builtin::ReadStdin => "read_stdin",
            Builtin::Flush => "flush",
        }
    }

    /// Can a call of this builtin raise? (`isinstance(x, C)` cannot: inside
    /// a `try` it stays in the block of the test that uses it, so the test
    /// narrows `x`.)
    pub fn can_raise(self) -> bool {
        !matches!(
            self,
            Builtin::Isinstance
                | Builtin::Len
                | Builtin::Bool
                | Builtin::Promote
                | Builtin::PromoteString
                | Builtin::Hint
                | Builtin::WeAreJitted
                | Builtin::WeAreTranslated
                | Builtin::RUint
                | Builtin::IntMask
                | Builtin::Widen
                | Builtin::IsValidInt
                | Builtin::Os(OsFn::Time | OsFn::Clock)
        )
    }

    /// A builtin type that `isinstance(x, T)` and `type(x) is T` test
    /// against.
    pub fn is_type(self) -> bool {
        use Builtin::*;
        matches!(self, Int | Float | Str | Bool | List | Dict | Tuple)
    }

    /// Look up `name` among the builtins of one list.
    pub fn lookup(list: &[Builtin], name: &str) -> Option<Builtin> {
        list.iter().copied().find(|b| b.name() == name)
    }
}

/// The functions of `os` and `time` (RPython's I/O on file descriptors).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OsFn {
    Write,
    Read,
    Open,
    Close,
    Lseek,
    /// `time.time()`
    Time,
    /// `time.clock()`
    Clock,
}

impl OsFn {
    pub fn name(self) -> &'static str {
        match self {
            OsFn::Write => "write",
            OsFn::Read => "read",
            OsFn::Open => "open",
            OsFn::Close => "close",
            OsFn::Lseek => "lseek",
            OsFn::Time => "time",
            OsFn::Clock => "clock",
        }
    }

    /// `(fewest, most)` arguments.
    pub fn arity(self) -> (usize, usize) {
        match self {
            OsFn::Write | OsFn::Read => (2, 2),
            OsFn::Open => (2, 3),
            OsFn::Close => (1, 1),
            OsFn::Lseek => (3, 3),
            OsFn::Time | OsFn::Clock => (0, 0),
        }
    }
}

/// The JIT hints a decorator put on a function.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FuncHints {
    pub elidable: bool,
    pub dont_look_inside: bool,
    pub unroll_safe: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ParamDecl {
    pub name: String,
    pub default: Option<ConstValue>,
    pub span: Span,
}

/// A module-level function or a method.
#[derive(Clone, Debug)]
pub struct FuncDecl {
    pub id: FuncId,
    /// `f` or `Class.method`: unique in the program, used as the graph name.
    pub name: String,
    pub params: Vec<ParamDecl>,
    /// Why run-time code may not reach this function, found when import
    /// time ended (`*args`/`**kwargs` parameters, an import in its body
    /// that failed): reported if the entry point reaches it.
    pub refusal: Option<crate::diag::Diagnostic>,
    pub body: Vec<Stmt>,
    pub hints: FuncHints,
    /// The class a method belongs to.
    pub class: Option<ClassId>,
    /// The free variables of a function made inside another one at import
    /// time (a closure), with their values then: the function is
    /// specialised on them, as RPython does. Also the names its own
    /// `import` statements bind: they run once, when import time ends
    /// (RPython runs them when it builds the graph), and are constants.
    pub closure: IndexMap<String, Global>,
    /// The module whose globals the function sees (`None`: the main one).
    pub module: Option<ModuleId>,
    pub span: Span,
}

/// A module of the program other than the main file: its namespace at
/// the end of import time.
#[derive(Clone, Debug)]
pub struct ModuleDecl {
    pub id: ModuleId,
    /// The dotted name it was imported by (`pkg.ops`).
    pub name: String,
    pub globals: IndexMap<String, ConstValue>,
    pub import_only: IndexMap<String, String>,
}

/// What a module-level (or closed-over) name holds once import time is
/// over: a constant of the translated program, or a value that exists
/// only at import time (`what` says which, for the error if run-time
/// code uses it).
#[derive(Clone, Debug, PartialEq)]
pub enum Global {
    Const(ConstValue),
    ImportOnly(String),
}

/// A class: user-defined or one of the builtin exception classes.
#[derive(Clone, Debug)]
pub struct ClassDecl {
    pub id: ClassId,
    pub name: String,
    pub base: Option<ClassId>,
    /// Methods defined in this class body (not inherited).
    pub methods: IndexMap<String, FuncId>,
    /// Class-level constants (`x = 0`, `_immutable_fields_ = [...]`).
    pub attrs: IndexMap<String, ConstValue>,
    /// `_immutable_fields_` (`'code'`, `'consts[*]'`), parsed.
    pub immutable_fields: ImmutableFields,
    pub builtin: bool,
    pub span: Span,
}

/// One `_immutable_fields_` entry, parsed by the loader: `'x'` (the field
/// is assigned only in `__init__`), `'xs[*]'` (nor do the items of the list
/// it holds change). RPython's quasi-immutable spellings `'x?'` and
/// `'xs?[*]'` are accepted and mean an ordinary, mutable field here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImmutableField {
    pub name: String,
    /// `[*]`: the list's items are immutable too.
    pub items: bool,
    /// `?`: quasi-immutable (treated as mutable).
    pub quasi: bool,
}

impl ImmutableField {
    /// Parse one entry; `None` if it is not `name`, `name[*]`, `name?` or
    /// `name?[*]` with `name` an identifier.
    pub fn parse(entry: &str) -> Option<ImmutableField> {
        let (rest, items) = match entry.strip_suffix("[*]") {
            Some(r) => (r, true),
            None => (entry, false),
        };
        let (name, quasi) = match rest.strip_suffix('?') {
            Some(n) => (n, true),
            None => (rest, false),
        };
        let mut chars = name.chars();
        let ident = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
        ident.then(|| ImmutableField {
            name: name.to_string(),
            items,
            quasi,
        })
    }
}

/// A class's `_immutable_fields_` (with its bases' once the rtyper has laid
/// the class out).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImmutableFields(pub Vec<ImmutableField>);

impl ImmutableFields {
    fn find(&self, name: &str) -> Option<&ImmutableField> {
        self.0.iter().find(|f| f.name == name && !f.quasi)
    }

    /// Is field `name` immutable after `__init__`?
    pub fn declares(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// Are the items of the list in field `name` immutable too (`name[*]`)?
    pub fn declares_items(&self, name: &str) -> bool {
        self.find(name).is_some_and(|f| f.items)
    }

    /// Add another class's entries (a base class's, when laying out).
    pub fn extend(&mut self, other: &ImmutableFields) {
        self.0.extend(other.0.iter().cloned());
    }
}

/// `name = JitDriver(greens=[...], reds=[...], get_printable_location=f)`.
#[derive(Clone, Debug)]
pub struct DriverDecl {
    pub id: DriverId,
    pub name: String,
    pub greens: Vec<String>,
    pub reds: Vec<String>,
    pub get_printable_location: Option<FuncId>,
    pub span: Span,
}

/// Everything module level produced.
#[derive(Clone, Debug)]
pub struct Program {
    /// The main file.
    pub file: SourceFile,
    /// Every file of the program, by id (`files[0]` is the main file).
    pub files: Vec<SourceFile>,
    /// The modules imported from the program's own files.
    pub modules: Vec<ModuleDecl>,
    /// Module-level names in definition order (constants, functions,
    /// classes, drivers, imported names).
    pub globals: IndexMap<String, ConstValue>,
    /// Module-level names whose values exist only at import time (what
    /// each one is): an error if the run-time code uses one.
    pub import_only: IndexMap<String, String>,
    pub prebuilt: Vec<Prebuilt>,
    pub functions: Vec<FuncDecl>,
    pub classes: Vec<ClassDecl>,
    pub drivers: Vec<DriverDecl>,
    pub entry: FuncId,
}

/// The builtin exception classes (name, base), created first in every
/// program in this order, so their ids are fixed: the semantics' table.
pub use rpy_semantics::exc::BUILTIN_CLASSES;

/// Ids of the builtin classes: the semantics' indices as `ClassId`s.
pub mod builtin_class {
    use super::ClassId;
    use rpy_semantics::exc as e;
    pub const OBJECT: ClassId = ClassId(e::OBJECT);
    pub const BASE_EXCEPTION: ClassId = ClassId(e::BASE_EXCEPTION);
    pub const EXCEPTION: ClassId = ClassId(e::EXCEPTION);
    pub const STOP_ITERATION: ClassId = ClassId(e::STOP_ITERATION);
    pub const ARITHMETIC_ERROR: ClassId = ClassId(e::ARITHMETIC_ERROR);
    pub const ZERO_DIVISION_ERROR: ClassId = ClassId(e::ZERO_DIVISION_ERROR);
    pub const OVERFLOW_ERROR: ClassId = ClassId(e::OVERFLOW_ERROR);
    pub const LOOKUP_ERROR: ClassId = ClassId(e::LOOKUP_ERROR);
    pub const INDEX_ERROR: ClassId = ClassId(e::INDEX_ERROR);
    pub const KEY_ERROR: ClassId = ClassId(e::KEY_ERROR);
    pub const VALUE_ERROR: ClassId = ClassId(e::VALUE_ERROR);
    pub const ASSERTION_ERROR: ClassId = ClassId(e::ASSERTION_ERROR);
    pub const RUNTIME_ERROR: ClassId = ClassId(e::RUNTIME_ERROR);
    pub const NOT_IMPLEMENTED_ERROR: ClassId = ClassId(e::NOT_IMPLEMENTED_ERROR);
    pub const OS_ERROR: ClassId = ClassId(e::OS_ERROR);
    pub const TYPE_ERROR: ClassId = ClassId(e::TYPE_ERROR);
    pub const ATTRIBUTE_ERROR: ClassId = ClassId(e::ATTRIBUTE_ERROR);
    pub const NAME_ERROR: ClassId = ClassId(e::NAME_ERROR);
    pub const UNBOUND_LOCAL_ERROR: ClassId = ClassId(e::UNBOUND_LOCAL_ERROR);
    pub const IMPORT_ERROR: ClassId = ClassId(e::IMPORT_ERROR);
}

impl Program {
    pub fn func(&self, id: FuncId) -> &FuncDecl {
        &self.functions[id.index()]
    }
    pub fn class(&self, id: ClassId) -> &ClassDecl {
        &self.classes[id.index()]
    }
    /// Is `sub` the class `sup` or derived from it?
    pub fn is_subclass(&self, sub: ClassId, sup: ClassId) -> bool {
        is_subclass_by(sub, sup, |c| self.class(c).base)
    }
    /// The topmost class of `c`'s hierarchy below `object`: where vtable
    /// slots of methods live, so that every class of one hierarchy agrees
    /// on a slot's type.
    pub fn hierarchy_root(&self, c: ClassId) -> ClassId {
        let mut root = c;
        while let Some(b) = self.class(root).base {
            if b == builtin_class::OBJECT {
                break;
            }
            root = b;
        }
        root
    }
    /// Is `f` a class's `__init__`?
    pub fn is_init(&self, f: FuncId) -> bool {
        let class = self.func(f).class;
        class.is_some_and(|c| self.class(c).methods.get("__init__") == Some(&f))
    }
    /// Find a method through the class hierarchy.
    pub fn lookup_method(&self, class: ClassId, name: &str) -> Option<FuncId> {
        let mut c = Some(class);
        while let Some(id) = c {
            if let Some(&f) = self.class(id).methods.get(name) {
                return Some(f);
            }
            c = self.class(id).base;
        }
        None
    }
    /// Find a class-level constant through the class hierarchy.
    pub fn lookup_class_attr(&self, class: ClassId, name: &str) -> Option<&ConstValue> {
        let mut c = Some(class);
        while let Some(id) = c {
            if let Some(v) = self.class(id).attrs.get(name) {
                return Some(v);
            }
            c = self.class(id).base;
        }
        None
    }
}

impl Program {
    /// What a name means at module scope: a module-level name, a builtin
    /// exception class, or a Python builtin.
    pub fn resolve_global(&self, name: &str) -> Option<ConstValue> {
        if let Some(v) = self.globals.get(name) {
            return Some(v.clone());
        }
        builtin_name(name)
    }

    /// What a name that is not local to function `f` means in it: a value
    /// it closed over, a module-level name or a builtin (`None`: not defined).
    pub fn resolve_in(&self, f: FuncId, name: &str) -> Option<Global> {
        let decl = self.func(f);
        if let Some(g) = decl.closure.get(name) {
            return Some(g.clone());
        }
        let Some(m) = decl.module else {
            if let Some(what) = self.import_only.get(name) {
                return Some(Global::ImportOnly(what.clone()));
            }
            return self.resolve_global(name).map(Global::Const);
        };
        let m = &self.modules[m.index()];
        if let Some(what) = m.import_only.get(name) {
            return Some(Global::ImportOnly(what.clone()));
        }
        if let Some(v) = m.globals.get(name) {
            return Some(Global::Const(v.clone()));
        }
        builtin_name(name).map(Global::Const)
    }

    /// `file:line:col` of a span, in whichever file of the program it is.
    pub fn location(&self, span: Span) -> String {
        self.files
            .get(span.file as usize)
            .unwrap_or(&self.file)
            .location(span)
    }

    /// The name of the file a span is in.
    pub fn file_name(&self, span: Span) -> &str {
        &self
            .files
            .get(span.file as usize)
            .unwrap_or(&self.file)
            .name
    }
}

/// A name of the builtins: an exception class or a Python builtin.
fn builtin_name(name: &str) -> Option<ConstValue> {
    if let Some(i) = rpy_semantics::exc::by_name(name) {
        return Some(ConstValue::Class(ClassId(i)));
    }
    Builtin::lookup(Builtin::PYTHON, name)
        .or_else(|| Builtin::lookup(Builtin::RUNTIME_TYPES, name))
        .map(ConstValue::Builtin)
}

/// Is `sub` the class `sup` or derived from it, given each class's base?
/// (Shared by every layer that keeps its own class table.)
pub fn is_subclass_by(
    sub: ClassId,
    sup: ClassId,
    base: impl Fn(ClassId) -> Option<ClassId>,
) -> bool {
    let mut c = Some(sub);
    while let Some(id) = c {
        if id == sup {
            return true;
        }
        c = base(id);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{ImmutableField, ImmutableFields};

    #[test]
    fn immutable_field_entries_parse_once() {
        let f = |e: &str| ImmutableField::parse(e).map(|f| (f.name, f.items, f.quasi));
        assert_eq!(f("code"), Some(("code".into(), false, false)));
        assert_eq!(f("ops[*]"), Some(("ops".into(), true, false)));
        assert_eq!(f("w?"), Some(("w".into(), false, true)));
        assert_eq!(f("ws?[*]"), Some(("ws".into(), true, true)));
        for bad in ["", "[*]", "a b", "x[1]", "1x", "x[*]?"] {
            assert_eq!(f(bad), None, "{bad:?}");
        }
        let fields = ImmutableFields(
            ["a", "bs[*]", "q?"]
                .iter()
                .filter_map(|e| ImmutableField::parse(e))
                .collect(),
        );
        assert!(fields.declares("a") && !fields.declares_items("a"));
        assert!(fields.declares("bs") && fields.declares_items("bs"));
        assert!(!fields.declares("q") && !fields.declares("c"));
    }
}
