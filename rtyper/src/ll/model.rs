//! The low-level IR: index-based graphs of typed variables, ops from the
//! LL op table, and explicit exits — what the native backend and the JIT's
//! codewriter consume — plus the program-wide layouts they need.

use super::ops::{Effect, LLOpKind};
use super::types::LLType;
use indexmap::IndexMap;
use rpy_front::ast::Bytes;
use rpy_front::program::{ClassId, DriverId, FuncHints, FuncId, PrebuiltId};
use rpy_front::Span;
use std::rc::Rc;

/// A variable of one LL graph (index into `LLGraph::vars`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LVar(pub u32);

impl LVar {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A block of one LL graph (index into `LLGraph::blocks`; 0 is the start).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LBlock(pub u32);

impl LBlock {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LLVarInfo {
    pub ty: LLType,
    /// The source-level name it holds, when it holds one.
    pub name: Option<String>,
}

/// The zero value of a type (null for pointers): what code that can never
/// run returns.
pub fn zero_const(ty: &LLType) -> LLConst {
    match ty {
        LLType::Void => LLConst::Void,
        LLType::Bool => LLConst::Bool(false),
        LLType::Signed => LLConst::Int(0),
        LLType::Unsigned => LLConst::UInt(0),
        LLType::Float => LLConst::Float(0.0),
        LLType::Char => LLConst::Char(0),
        other => LLConst::Null(other.clone()),
    }
}

/// A typed translation-time constant.
#[derive(Clone, Debug, PartialEq)]
pub enum LLConst {
    /// The only value of `Void`.
    Void,
    Int(i64),
    /// An `Unsigned` word.
    UInt(u64),
    Bool(bool),
    Float(f64),
    Char(u8),
    /// A prebuilt immutable string: `Ptr(Str)`.
    Str(Bytes),
    /// The null pointer of a pointer type (`None`).
    Null(LLType),
    /// A pointer to the function of this graph (typed by its signature).
    Func(FuncId),
    /// A runtime helper (only as the callee of `direct_call`; `Void`).
    Helper(super::helpers::Helper),
    /// A class (its vtable): `Class`.
    Class(ClassId),
    /// A field, class-attribute or method name (only as an op operand; `Void`).
    Field(Rc<str>),
    /// A JIT driver (only as the first operand of the JIT hints; `Void`).
    Driver(DriverId),
    /// A prebuilt (module-level) list or dict, with its type.
    Prebuilt(PrebuiltId, LLType),
    /// A prebuilt immutable tuple: `Ptr(Tuple(types of items))`.
    Tuple(Rc<[LLConst]>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum LLValue {
    Var(LVar),
    Const(LLConst),
}

impl LLValue {
    pub fn as_var(&self) -> Option<LVar> {
        match self {
            LLValue::Var(v) => Some(*v),
            LLValue::Const(_) => None,
        }
    }
    pub fn as_const(&self) -> Option<&LLConst> {
        match self {
            LLValue::Const(c) => Some(c),
            LLValue::Var(_) => None,
        }
    }
    pub fn field(name: &str) -> LLValue {
        LLValue::Const(LLConst::Field(Rc::from(name)))
    }
}

impl From<LVar> for LLValue {
    fn from(v: LVar) -> LLValue {
        LLValue::Var(v)
    }
}

impl From<LLConst> for LLValue {
    fn from(c: LLConst) -> LLValue {
        LLValue::Const(c)
    }
}

/// `result = kind(args…)`; the result is a `Void` variable for void ops.
#[derive(Clone, Debug, PartialEq)]
pub struct LLOp {
    pub kind: LLOpKind,
    pub args: Vec<LLValue>,
    pub result: LVar,
    pub span: Span,
}

/// A jump: one value per input argument of the target.
#[derive(Clone, Debug, PartialEq)]
pub struct LLLink {
    pub target: LBlock,
    pub args: Vec<LLValue>,
}

/// How a block ends.
#[derive(Clone, Debug, PartialEq)]
pub enum LLExit {
    Goto(LLLink),
    /// `cond` is a `Bool`.
    If {
        cond: LLValue,
        then: LLLink,
        else_: LLLink,
    },
    /// `value` is `Signed` (cases `Int`) or `Char` (cases `Char`); the
    /// cases are distinct.
    Switch {
        value: LLValue,
        cases: Vec<(LLConst, LLLink)>,
        default: LLLink,
    },
    /// Return from the graph (a value of the graph's result type).
    Return(LLValue),
    /// Raise an exception instance.
    Raise(LLValue),
    /// The block's last op may raise. Without an exception, `normal` is
    /// taken (it may use the op's result); otherwise the first handler
    /// whose class the exception is an instance of is taken, with its
    /// variable bound to the exception; none matching, the exception
    /// propagates out of the graph.
    OnException {
        normal: LLLink,
        handlers: Vec<(ClassId, LVar, LLLink)>,
    },
}

impl LLExit {
    /// The links of this exit, in order.
    pub fn links(&self) -> Vec<&LLLink> {
        match self {
            LLExit::Goto(l) => vec![l],
            LLExit::If { then, else_, .. } => vec![then, else_],
            LLExit::Switch { cases, default, .. } => {
                cases.iter().map(|(_, l)| l).chain([default]).collect()
            }
            LLExit::Return(_) | LLExit::Raise(_) => Vec::new(),
            LLExit::OnException { normal, handlers } => [normal]
                .into_iter()
                .chain(handlers.iter().map(|(_, _, l)| l))
                .collect(),
        }
    }

    pub fn links_mut(&mut self) -> Vec<&mut LLLink> {
        match self {
            LLExit::Goto(l) => vec![l],
            LLExit::If { then, else_, .. } => vec![then, else_],
            LLExit::Switch { cases, default, .. } => cases
                .iter_mut()
                .map(|(_, l)| l)
                .chain(std::iter::once(default))
                .collect(),
            LLExit::Return(_) | LLExit::Raise(_) => Vec::new(),
            LLExit::OnException { normal, handlers } => std::iter::once(normal)
                .chain(handlers.iter_mut().map(|(_, _, l)| l))
                .collect(),
        }
    }

    /// The values the exit itself reads (not those passed on links).
    pub fn operands(&self) -> Vec<&LLValue> {
        match self {
            LLExit::If { cond, .. } => vec![cond],
            LLExit::Switch { value, .. } => vec![value],
            LLExit::Return(v) | LLExit::Raise(v) => vec![v],
            LLExit::Goto(_) | LLExit::OnException { .. } => Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LLBlock {
    pub inputargs: Vec<LVar>,
    pub ops: Vec<LLOp>,
    pub exit: LLExit,
}

/// The LL graph of one function.
#[derive(Clone, Debug)]
pub struct LLGraph {
    pub name: String,
    pub func: FuncId,
    /// The input arguments of block 0.
    pub params: Vec<LVar>,
    pub result: LLType,
    pub blocks: Vec<LLBlock>,
    pub vars: Vec<LLVarInfo>,
    pub hints: FuncHints,
    pub span: Span,
}

impl LLGraph {
    pub fn new_var(&mut self, ty: LLType, name: Option<&str>) -> LVar {
        self.vars.push(LLVarInfo {
            ty,
            name: name.map(str::to_string),
        });
        LVar(self.vars.len() as u32 - 1)
    }

    pub fn var_type(&self, v: LVar) -> &LLType {
        &self.vars[v.index()].ty
    }

    pub fn block(&self, b: LBlock) -> &LLBlock {
        &self.blocks[b.index()]
    }

    pub fn block_mut(&mut self, b: LBlock) -> &mut LLBlock {
        &mut self.blocks[b.index()]
    }

    pub fn add_block(&mut self, inputargs: Vec<LVar>, exit: LLExit) -> LBlock {
        self.blocks.push(LLBlock {
            inputargs,
            ops: Vec::new(),
            exit,
        });
        LBlock(self.blocks.len() as u32 - 1)
    }

    /// The parameter types, in order.
    pub fn param_types(&self) -> Vec<LLType> {
        self.params
            .iter()
            .map(|&v| self.var_type(v).clone())
            .collect()
    }

    /// The type of a function pointer to this graph.
    pub fn func_type(&self) -> LLType {
        LLType::func(self.param_types(), self.result.clone())
    }

    pub fn block_ids(&self) -> impl Iterator<Item = LBlock> {
        (0..self.blocks.len() as u32).map(LBlock)
    }
}

/// The layout and vtable of one class (builtin exception classes included).
#[derive(Clone, Debug, Default)]
pub struct LLClass {
    pub id: Option<ClassId>,
    pub name: String,
    pub base: Option<ClassId>,
    /// Instance fields in layout order: the base's fields first.
    pub fields: IndexMap<String, LLType>,
    /// Class-level constants read through instances (`getclassattr`): in
    /// the vtable, with this class's value.
    pub class_attrs: IndexMap<String, (LLType, LLConst)>,
    /// Methods called through the vtable (`vtable_method`): the slot's
    /// function type and this class's implementation (`None`: abstract).
    pub vtable: IndexMap<String, (LLType, Option<FuncId>)>,
    /// The slots of `vtable` without an implementation that a call may
    /// reach on an instance of this class (a method defined only on other
    /// subclasses): their entry raises AttributeError, as Python does.
    pub missing_methods: Vec<String>,
    /// `_immutable_fields_`, this class's and inherited.
    pub immutable_fields: rpy_front::program::ImmutableFields,
    pub is_exception: bool,
    /// Instances of exactly this class are created somewhere.
    pub instantiated: bool,
}

/// A prebuilt object's initial contents.
#[derive(Clone, Debug, PartialEq)]
pub enum LLPrebuiltInit {
    List(Vec<LLConst>),
    Dict(Vec<(LLConst, LLConst)>),
    /// An instance of exactly `class`: the fields that are not zero or
    /// null (those set at import time, else the class-level defaults), in
    /// layout order, each of its field's LL type.
    Instance {
        class: ClassId,
        fields: Vec<(String, LLConst)>,
    },
    /// Never used by reached code (type `Void`).
    Unused,
}

impl LLPrebuiltInit {
    /// Every constant the object holds initially.
    pub fn consts(&self) -> Vec<&LLConst> {
        match self {
            LLPrebuiltInit::List(items) => items.iter().collect(),
            LLPrebuiltInit::Dict(items) => items.iter().flat_map(|(k, v)| [k, v]).collect(),
            LLPrebuiltInit::Instance { fields, .. } => fields.iter().map(|(_, v)| v).collect(),
            LLPrebuiltInit::Unused => Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LLPrebuilt {
    pub ty: LLType,
    pub init: LLPrebuiltInit,
}

/// A JIT driver: the LL types of its greens and reds.
#[derive(Clone, Debug, PartialEq)]
pub struct LLDriver {
    pub name: String,
    pub greens: Vec<(String, LLType)>,
    pub reds: Vec<(String, LLType)>,
    /// The graph holding the `jit_merge_point`.
    pub portal: Option<FuncId>,
    pub get_printable_location: Option<FuncId>,
}

#[derive(Clone, Debug)]
pub struct LLProgram {
    /// The graphs of reached functions, in `FuncId` order.
    pub graphs: Vec<LLGraph>,
    /// Per class, by `ClassId`.
    pub classes: Vec<LLClass>,
    /// Per prebuilt object, by `PrebuiltId`.
    pub prebuilt: Vec<LLPrebuilt>,
    /// Per driver, by `DriverId`.
    pub drivers: Vec<LLDriver>,
    pub entry: FuncId,
}

impl LLProgram {
    /// The graph of a reached function.
    pub fn graph(&self, f: FuncId) -> Option<&LLGraph> {
        self.graphs
            .binary_search_by_key(&f, |g| g.func)
            .ok()
            .map(|i| &self.graphs[i])
    }

    pub fn class(&self, c: ClassId) -> &LLClass {
        &self.classes[c.index()]
    }

    /// Is `sub` the class `sup` or derived from it?
    pub fn is_subclass(&self, sub: ClassId, sup: ClassId) -> bool {
        rpy_front::program::is_subclass_by(sub, sup, |c| self.class(c).base)
    }

    /// The type of a constant (`None` for a function that has no graph).
    pub fn const_type(&self, c: &LLConst) -> Option<LLType> {
        Some(match c {
            LLConst::Void | LLConst::Helper(_) | LLConst::Field(_) | LLConst::Driver(_) => {
                LLType::Void
            }
            LLConst::Int(_) => LLType::Signed,
            LLConst::UInt(_) => LLType::Unsigned,
            LLConst::Bool(_) => LLType::Bool,
            LLConst::Float(_) => LLType::Float,
            LLConst::Char(_) => LLType::Char,
            LLConst::Str(_) => LLType::Str,
            LLConst::Null(t) | LLConst::Prebuilt(_, t) => t.clone(),
            LLConst::Func(f) => self.graph(*f)?.func_type(),
            LLConst::Class(_) => LLType::Class,
            LLConst::Tuple(items) => LLType::Tuple(
                items
                    .iter()
                    .map(|i| self.const_type(i))
                    .collect::<Option<Vec<_>>>()?
                    .into(),
            ),
        })
    }

    /// The type of an operand of graph `g`.
    pub fn value_type(&self, g: &LLGraph, v: &LLValue) -> Option<LLType> {
        match v {
            LLValue::Var(x) => Some(g.var_type(*x).clone()),
            LLValue::Const(c) => self.const_type(c),
        }
    }

    /// Can this op raise? (See `op_may_raise`.)
    pub fn op_can_raise(&self, op: &LLOp) -> bool {
        op_may_raise(op)
    }
}

/// May this op raise? Ops as the table says, helpers as the helper table
/// says, calls of graphs and indirect calls conservatively yes.
pub fn op_may_raise(op: &LLOp) -> bool {
    if op.kind.raises() {
        return true;
    }
    match (op.kind, op.args.first()) {
        (LLOpKind::DirectCall, Some(LLValue::Const(LLConst::Helper(h)))) => {
            !h.info().raises.is_empty()
        }
        _ => op.kind.effect() == Effect::Calls,
    }
}
