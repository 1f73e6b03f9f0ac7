//! Import-time objects: the dynamically typed values module level computes
//! while it runs as Python (before there are any types).

use crate::ast::{Bytes, FunctionDef};
use crate::program::{Builtin, ClassId, ExtModule, FuncHints};
use crate::span::Span;
use indexmap::IndexMap;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// A list's storage.
pub type ListRef = Rc<RefCell<Vec<Obj>>>;
/// A dict's storage: insertion-ordered, keys compared as Python does.
pub type DictMap = IndexMap<Key, Obj>;
pub type DictRef = Rc<RefCell<DictMap>>;

/// One import-time value.
#[derive(Clone)]
pub enum Obj {
    None,
    Bool(bool),
    Int(i64),
    /// An `r_uint`: an unsigned 64-bit word.
    UInt(u64),
    Float(f64),
    Str(Bytes),
    Tuple(Rc<[Obj]>),
    List(ListRef),
    Dict(DictRef),
    Func(Rc<FuncObj>),
    Class(Rc<ClassObj>),
    Instance(Rc<InstObj>),
    /// A method bound to its receiver.
    Method(Rc<(Obj, Rc<FuncObj>)>),
    /// A builtin of the run-time dialect (callable at import time too).
    Builtin(Builtin),
    /// A builtin that exists only at import time (`globals`, `setattr`, …).
    Host(HostFn),
    /// `xs.append`, `s.split`: a builtin method bound to its receiver.
    BuiltinMethod(Rc<(Obj, String)>),
    /// `super()` inside a method: the class whose bases to search, and self.
    Super(Rc<(Rc<ClassObj>, Obj)>),
    Module(ExtModule),
    /// A module of the program (`import ops`).
    PyModule(Rc<ModuleObj>),
    /// `staticmethod(f)`: found on a class or an instance, it is `f` itself.
    StaticMethod(Rc<FuncObj>),
    Driver(Rc<DriverObj>),
}

/// A module of the program: its namespace (what `globals()` returns in it).
pub struct ModuleObj {
    /// The dotted name (`__main__`'s real name is the main file's stem).
    pub name: String,
    pub globals: DictRef,
    /// The id of its file.
    pub file: u32,
}

impl ModuleObj {
    /// A module called `name` whose source is `path` (its `__file__`).
    pub fn new(name: &str, path: &str, file: u32) -> Rc<ModuleObj> {
        let m = Rc::new(ModuleObj {
            name: name.to_string(),
            globals: Default::default(),
            file,
        });
        m.set("__name__", Obj::str(name.as_bytes()));
        m.set("__file__", Obj::str(path.as_bytes()));
        m
    }

    pub fn get(&self, name: &str) -> Option<Obj> {
        self.globals.borrow().get(&StrKey(name.as_bytes())).cloned()
    }

    pub fn set(&self, name: &str, v: Obj) {
        self.globals
            .borrow_mut()
            .insert(Key(Obj::str(name.as_bytes())), v);
    }

    /// Its names and values, in definition order (string keys only).
    pub fn names(&self) -> Vec<(String, Obj)> {
        self.globals
            .borrow()
            .iter()
            .filter_map(|(k, v)| match &k.0 {
                Obj::Str(s) => Some((String::from_utf8_lossy(s).into_owned(), v.clone())),
                _ => None,
            })
            .collect()
    }
}

/// The builtins that exist only at import time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostFn {
    Globals,
    Getattr,
    Setattr,
    Hasattr,
    Tuple,
    Dict,
    Sorted,
    Reversed,
    Zip,
    Repr,
    Sum,
    Any,
    All,
    Issubclass,
    Type,
    Staticmethod,
    /// A decorator that returns the function it decorates (what
    /// `look_inside_iff(pred)` returns); no builtin name.
    Keep,
}

impl HostFn {
    pub const ALL: [HostFn; 16] = [
        HostFn::Globals,
        HostFn::Getattr,
        HostFn::Setattr,
        HostFn::Hasattr,
        HostFn::Tuple,
        HostFn::Dict,
        HostFn::Sorted,
        HostFn::Reversed,
        HostFn::Zip,
        HostFn::Repr,
        HostFn::Sum,
        HostFn::Any,
        HostFn::All,
        HostFn::Issubclass,
        HostFn::Type,
        HostFn::Staticmethod,
    ];

    pub fn name(self) -> &'static str {
        match self {
            HostFn::Globals => "globals",
            HostFn::Getattr => "getattr",
            HostFn::Setattr => "setattr",
            HostFn::Hasattr => "hasattr",
            HostFn::Tuple => "tuple",
            HostFn::Dict => "dict",
            HostFn::Sorted => "sorted",
            HostFn::Reversed => "reversed",
            HostFn::Zip => "zip",
            HostFn::Repr => "repr",
            HostFn::Sum => "sum",
            HostFn::Any => "any",
            HostFn::All => "all",
            HostFn::Issubclass => "issubclass",
            HostFn::Type => "type",
            HostFn::Staticmethod => "staticmethod",
            HostFn::Keep => "<decorator>",
        }
    }

    pub fn lookup(name: &str) -> Option<HostFn> {
        HostFn::ALL.into_iter().find(|h| h.name() == name)
    }
}

/// A function object: made each time a `def` runs.
pub struct FuncObj {
    pub def: Rc<FunctionDef>,
    /// Default values of the parameters, evaluated when the `def` ran.
    pub defaults: Vec<Option<Obj>>,
    pub hints: Cell<FuncHints>,
    /// The frame of the enclosing function (its free variables), if any.
    pub outer: Option<Rc<Frame>>,
    /// The names local to the function (Python's rule).
    pub locals: Rc<HashSet<String>>,
    /// The module whose globals it sees.
    pub module: Rc<ModuleObj>,
    /// What the `import` statements of its body bound when import time
    /// ended (`local_imports`), or why one failed.
    pub imports: RefCell<Result<Vec<(String, Obj)>, crate::diag::Diagnostic>>,
}

/// A class object: made when a `class` statement runs (or one of the
/// builtin exception classes).
pub struct ClassObj {
    pub name: String,
    pub base: Option<Rc<ClassObj>>,
    pub dict: RefCell<IndexMap<String, Obj>>,
    /// Where the class body assigned each name (for errors about them).
    pub spans: HashMap<String, Span>,
    /// The builtin class this is, with its fixed id.
    pub builtin: Option<ClassId>,
    /// A subclass of `JitDriver` (PyPy's style: class-level `greens` and
    /// `reds`): instantiating it makes a driver.
    pub driver: bool,
    pub span: Span,
}

impl ClassObj {
    /// Look a name up through the class and its bases.
    pub fn lookup(&self, name: &str) -> Option<Obj> {
        if let Some(v) = self.dict.borrow().get(name) {
            return Some(v.clone());
        }
        self.base.as_ref().and_then(|b| b.lookup(name))
    }

    /// Is this class, or a base of it, a subclass of `JitDriver`?
    pub fn is_driver(&self) -> bool {
        self.driver || self.base.as_ref().is_some_and(|b| b.is_driver())
    }

    pub fn is_subclass(self: &Rc<Self>, sup: &Rc<ClassObj>) -> bool {
        let mut c = Some(self.clone());
        while let Some(k) = c {
            if Rc::ptr_eq(&k, sup) {
                return true;
            }
            c = k.base.clone();
        }
        false
    }
}

/// An instance of a class.
pub struct InstObj {
    pub class: Rc<ClassObj>,
    pub fields: RefCell<IndexMap<String, Obj>>,
    /// For exceptions: the constructor's arguments.
    pub args: Vec<Obj>,
}

/// `JitDriver(greens=[...], reds=[...], ...)` once made.
pub struct DriverObj {
    pub greens: Vec<String>,
    pub reds: Vec<String>,
    pub get_printable_location: Option<Rc<FuncObj>>,
    pub span: Span,
}

/// The variables of one running function (kept alive by the closures made
/// in it).
pub struct Frame {
    pub vars: RefCell<HashMap<String, Obj>>,
    /// The names local to the function (Python's rule: assigned anywhere in it).
    pub locals: Rc<HashSet<String>>,
    pub parent: Option<Rc<Frame>>,
    /// The function running in this frame (for `super()`).
    pub func: Option<Rc<FuncObj>>,
    /// The module whose globals the code sees.
    pub module: Rc<ModuleObj>,
}

impl Obj {
    pub fn str(s: &[u8]) -> Obj {
        Obj::Str(Rc::from(s))
    }

    pub fn list(items: Vec<Obj>) -> Obj {
        Obj::List(Rc::new(RefCell::new(items)))
    }

    pub fn tuple(items: Vec<Obj>) -> Obj {
        Obj::Tuple(Rc::from(items))
    }

    /// The name of the value's type, as Python spells it in messages.
    pub fn type_name(&self) -> String {
        match self {
            Obj::None => "NoneType".into(),
            Obj::Bool(_) => "bool".into(),
            Obj::Int(_) => "int".into(),
            Obj::UInt(_) => "r_uint".into(),
            Obj::Float(_) => "float".into(),
            Obj::Str(_) => "str".into(),
            Obj::Tuple(_) => "tuple".into(),
            Obj::List(_) => "list".into(),
            Obj::Dict(_) => "dict".into(),
            Obj::Func(_) => "function".into(),
            Obj::Class(_) => "type".into(),
            Obj::Instance(i) => i.class.name.clone(),
            Obj::Method(_) => "method".into(),
            Obj::Builtin(_) | Obj::Host(_) | Obj::BuiltinMethod(_) => {
                "builtin_function_or_method".into()
            }
            Obj::Super(_) => "super".into(),
            Obj::Module(_) | Obj::PyModule(_) => "module".into(),
            Obj::StaticMethod(_) => "staticmethod".into(),
            Obj::Driver(_) => "JitDriver".into(),
        }
    }

    /// The address of a heap object (identity), or `None` for a value type.
    pub fn identity(&self) -> Option<usize> {
        Some(match self {
            Obj::List(l) => Rc::as_ptr(l) as *const u8 as usize,
            Obj::Dict(d) => Rc::as_ptr(d) as *const u8 as usize,
            Obj::Func(f) => Rc::as_ptr(f) as *const u8 as usize,
            Obj::Class(c) => Rc::as_ptr(c) as *const u8 as usize,
            Obj::Instance(i) => Rc::as_ptr(i) as *const u8 as usize,
            Obj::Method(m) => Rc::as_ptr(m) as *const u8 as usize,
            Obj::Driver(d) => Rc::as_ptr(d) as *const u8 as usize,
            Obj::Super(s) => Rc::as_ptr(s) as *const u8 as usize,
            Obj::BuiltinMethod(m) => Rc::as_ptr(m) as *const u8 as usize,
            Obj::PyModule(m) => Rc::as_ptr(m) as *const u8 as usize,
            Obj::StaticMethod(f) => Rc::as_ptr(f) as *const u8 as usize,
            _ => return None,
        })
    }

    /// `a is b`.
    pub fn is(&self, other: &Obj) -> bool {
        match (self.identity(), other.identity()) {
            (Some(a), Some(b)) => a == b,
            (None, None) => match (self, other) {
                (Obj::Builtin(a), Obj::Builtin(b)) => a == b,
                (Obj::Host(a), Obj::Host(b)) => a == b,
                (Obj::Module(a), Obj::Module(b)) => a == b,
                (Obj::Bool(_) | Obj::Int(_) | Obj::UInt(_) | Obj::Float(_), _) => {
                    std::mem::discriminant(self) == std::mem::discriminant(other)
                        && py_eq(self, other)
                }
                _ => py_eq(self, other),
            },
            _ => false,
        }
    }

    /// A number as a float (bools and ints too).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Obj::Int(i) => Some(*i as f64),
            Obj::UInt(u) => Some(rpy_semantics::uint::to_float(*u)),
            Obj::Bool(b) => Some(*b as i64 as f64),
            Obj::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// An int (or bool) as an i64.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Obj::Int(i) => Some(*i),
            Obj::Bool(b) => Some(*b as i64),
            _ => None,
        }
    }

    /// An int, bool or r_uint as its exact value (they compare by it).
    pub fn as_i128(&self) -> Option<i128> {
        match self {
            Obj::UInt(u) => Some(*u as i128),
            _ => self.as_int().map(i128::from),
        }
    }
}

/// Python's `==` on values (identity for objects without `__eq__`).
pub fn py_eq(a: &Obj, b: &Obj) -> bool {
    match (a, b) {
        (Obj::None, Obj::None) => true,
        (Obj::Str(x), Obj::Str(y)) => x == y,
        (Obj::Tuple(x), Obj::Tuple(y)) => seq_eq(x, y),
        (Obj::List(x), Obj::List(y)) => Rc::ptr_eq(x, y) || seq_eq(&x.borrow(), &y.borrow()),
        (Obj::Dict(x), Obj::Dict(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| py_eq(v, w)))
        }
        _ => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => match (a.as_i128(), b.as_i128()) {
                (Some(i), Some(j)) => i == j,
                _ => x == y,
            },
            _ => a.is(b) && a.identity().is_some(),
        },
    }
}

fn seq_eq(x: &[Obj], y: &[Obj]) -> bool {
    x.len() == y.len() && x.iter().zip(y).all(|(a, b)| py_eq(a, b))
}

/// A dict key: hashed and compared as Python does (`1 == 1.0 == True`).
#[derive(Clone)]
pub struct Key(pub Obj);

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        py_eq(&self.0, &other.0)
    }
}
impl Eq for Key {}

impl Hash for Key {
    fn hash<H: Hasher>(&self, h: &mut H) {
        hash_obj(&self.0, h)
    }
}

fn hash_obj<H: Hasher>(o: &Obj, h: &mut H) {
    match o {
        Obj::Str(s) => hash_str(s, h),
        Obj::None => 2u8.hash(h),
        Obj::Tuple(items) => {
            3u8.hash(h);
            items.iter().for_each(|i| hash_obj(i, h));
        }
        Obj::Float(f) if f.fract() != 0.0 || !f.is_finite() => f.to_bits().hash(h),
        Obj::Float(f) => {
            0u8.hash(h);
            (*f as i64).hash(h)
        }
        Obj::Int(_) | Obj::Bool(_) => {
            0u8.hash(h);
            o.as_int().hash(h)
        }
        // an r_uint equal to an int hashes as that int
        Obj::UInt(u) if rpy_semantics::uint::is_valid_int(*u) => {
            0u8.hash(h);
            Some(*u as i64).hash(h)
        }
        Obj::UInt(u) => {
            5u8.hash(h);
            u.hash(h)
        }
        other => {
            4u8.hash(h);
            other.identity().hash(h)
        }
    }
}

fn hash_str<H: Hasher>(s: &[u8], h: &mut H) {
    1u8.hash(h);
    s.hash(h)
}

/// Look a dict up by a string without allocating a key.
pub struct StrKey<'a>(pub &'a [u8]);

impl Hash for StrKey<'_> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        hash_str(self.0, h)
    }
}

impl indexmap::Equivalent<Key> for StrKey<'_> {
    fn equivalent(&self, key: &Key) -> bool {
        matches!(&key.0, Obj::Str(s) if &**s == self.0)
    }
}

/// Can the value be a dict key? (Lists and dicts cannot.)
pub fn hashable(o: &Obj) -> bool {
    match o {
        Obj::List(_) | Obj::Dict(_) => false,
        Obj::Tuple(items) => items.iter().all(hashable),
        _ => true,
    }
}
