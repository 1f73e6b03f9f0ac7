//! Runtime values of the graph interpreter: a small enum with cheap clones
//! (scalars inline, heap objects behind `Rc`), dict keys and iterators.

use indexmap::IndexMap;
use rpy_front::program::{Builtin, ClassId, DriverId, ExtModule, FuncId};
use std::cell::RefCell;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::rc::Rc;

/// A byte string.
pub type Str = Rc<[u8]>;
/// A mutable list.
pub type List = Rc<RefCell<Vec<Value>>>;
/// A dict's storage: insertion-ordered, Python-equality keys.
pub type DictMap = IndexMap<Key, Value, BuildHasherDefault<FxHasher>>;
/// A mutable dict.
pub type Dict = Rc<RefCell<DictMap>>;

/// One runtime value.
#[derive(Clone, Default)]
pub enum Value {
    #[default]
    None,
    Bool(bool),
    Int(i64),
    /// RPython's `r_uint`: an unsigned machine word.
    UInt(u64),
    Float(f64),
    Str(Str),
    List(List),
    Tuple(Rc<[Value]>),
    Dict(Dict),
    Instance(Rc<Instance>),
    Func(FuncId),
    Class(ClassId),
    Builtin(Builtin),
    Driver(DriverId),
    Module(ExtModule),
    /// A method bound to its receiver.
    Method(Rc<(Value, FuncId)>),
    Iter(Rc<RefCell<IterState>>),
}

/// An instance of a user class or a builtin exception class.
pub struct Instance {
    pub class: ClassId,
    /// Fields by interned attribute id, in assignment order.
    pub fields: RefCell<Vec<(u32, Value)>>,
    /// For exceptions: the arguments given to the constructor.
    pub args: Option<Rc<[Value]>>,
}

impl Instance {
    pub fn new(class: ClassId, args: Option<Rc<[Value]>>) -> Rc<Instance> {
        Rc::new(Instance {
            class,
            fields: RefCell::new(Vec::with_capacity(4)),
            args,
        })
    }

    #[inline(always)]
    pub fn get(&self, attr: u32) -> Option<Value> {
        self.fields
            .borrow()
            .iter()
            .find(|(a, _)| *a == attr)
            .map(|(_, v)| v.fast_clone())
    }

    #[inline]
    pub fn set(&self, attr: u32, v: Value) {
        let mut f = self.fields.borrow_mut();
        match f.iter_mut().find(|(a, _)| *a == attr) {
            Some(slot) => slot.1 = v,
            None => f.push((attr, v)),
        }
    }
}

/// The state of an iterator (`iter(x)`).
pub enum IterState {
    Seq(List, usize),
    Tuple(Rc<[Value]>, usize),
    Str(Str, usize),
    Dict(Dict, usize, usize),
    Range { cur: i64, stop: i64, step: i64 },
}

impl Value {
    /// `clone` with the scalar cases inlined (the derived clone is an
    /// out-of-line call).
    #[inline(always)]
    pub fn fast_clone(&self) -> Value {
        match self {
            Value::Int(i) => Value::Int(*i),
            Value::Bool(b) => Value::Bool(*b),
            Value::None => Value::None,
            Value::Float(f) => Value::Float(*f),
            v => v.clone(),
        }
    }

    /// `*self = v`, skipping the drop call when the old value is a scalar.
    #[inline(always)]
    pub fn set(&mut self, v: Value) {
        match self {
            Value::Int(_) | Value::Bool(_) | Value::None | Value::Float(_) => {
                std::mem::forget(std::mem::replace(self, v))
            }
            _ => *self = v,
        }
    }

    /// Drop, without the out-of-line call for scalars.
    #[inline(always)]
    pub fn release(self) {
        match self {
            Value::Int(_) | Value::Bool(_) | Value::None | Value::Float(_) => {
                std::mem::forget(self)
            }
            v => drop(v),
        }
    }

    pub fn str(s: &[u8]) -> Value {
        Value::Str(Rc::from(s))
    }
    pub fn new_list(v: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(v)))
    }
    pub fn new_tuple(v: Vec<Value>) -> Value {
        Value::Tuple(Rc::from(v))
    }
    pub fn new_dict(d: DictMap) -> Value {
        Value::Dict(Rc::new(RefCell::new(d)))
    }

    /// Python's type name, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::UInt(_) => "r_uint",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Instance(_) => "object",
            Value::Func(_) | Value::Builtin(_) => "function",
            Value::Class(_) => "type",
            Value::Driver(_) => "JitDriver",
            Value::Module(_) => "module",
            Value::Method(_) => "method",
            Value::Iter(_) => "iterator",
        }
    }

    /// Python truthiness.
    pub fn truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            _ => true,
        }
    }

    /// An int view of ints and bools (bool is a subtype of int).
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            _ => None,
        }
    }

    /// The bits of an int, bool or r_uint as an r_uint (an int mixed
    /// with an r_uint is converted to one).
    pub fn as_uint(&self) -> Option<u64> {
        match self {
            Value::UInt(u) => Some(*u),
            _ => self.as_int().map(rpy_semantics::uint::from_int),
        }
    }

    /// A float view of numbers.
    pub fn as_float(&self) -> Option<f64> {
        match self {
            Value::Float(f) => Some(*f),
            Value::Int(i) => Some(*i as f64),
            Value::UInt(u) => Some(rpy_semantics::uint::to_float(*u)),
            Value::Bool(b) => Some(*b as i64 as f64),
            _ => None,
        }
    }

    /// Can this value be a dict key?
    pub fn hashable(&self) -> bool {
        match self {
            Value::List(_) | Value::Dict(_) | Value::Iter(_) => false,
            Value::Tuple(t) => t.iter().all(Value::hashable),
            _ => true,
        }
    }

    /// Python's `hash()`: the semantics' int, float and str hashes (as
    /// translated code computes them).
    pub fn py_hash(&self) -> i64 {
        let h = match self {
            Value::None => 0x5f3759df,
            Value::Bool(b) => rpy_semantics::int::hash(*b as i64),
            Value::Int(i) => rpy_semantics::int::hash(*i),
            Value::UInt(u) => rpy_semantics::uint::hash(*u),
            Value::Float(f) => rpy_semantics::float::hash(*f),
            Value::Str(s) => rpy_semantics::text::hash(s),
            Value::Tuple(t) => {
                let mut h: i64 = 0x345678;
                for x in t.iter() {
                    h = (h ^ x.py_hash()).wrapping_mul(1000003);
                }
                h
            }
            Value::Instance(i) => (Rc::as_ptr(i) as usize >> 4) as i64,
            Value::Func(f) => f.0 as i64 + 0x1000,
            Value::Class(c) => c.0 as i64 + 0x2000,
            _ => 0,
        };
        if h == -1 {
            -2
        } else {
            h
        }
    }
}

/// A dict key: hashing and equality follow Python (`1 == 1.0 == True`).
#[derive(Clone)]
pub struct Key(pub Value);

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        crate::arith::py_eq(&self.0, &other.0)
    }
}
impl Eq for Key {}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_i64(self.0.py_hash())
    }
}

/// A fast non-cryptographic hasher (FxHash).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64)
    }
}
