//! The op table of the flow-graph IR: every high-level op with its name,
//! arity, result kind and effects. The builder emits only these.

/// How many arguments an op takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arity {
    Exactly(usize),
    AtLeast(usize),
}

impl Arity {
    pub fn accepts(self, n: usize) -> bool {
        match self {
            Arity::Exactly(k) => n == k,
            Arity::AtLeast(k) => n >= k,
        }
    }
}

/// What an op's result is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultKind {
    /// A value (its type is found by the annotator).
    Value,
    /// Always a bool.
    Bool,
    /// Nothing useful (the result variable is unused).
    Void,
}

/// What an op may do besides computing its result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// No effect: may be folded, reordered or removed if unused.
    Pure,
    /// Reads mutable heap state.
    ReadsHeap,
    /// Writes heap state or allocates something mutable.
    WritesHeap,
    /// Calls other code: anything may happen.
    Calls,
}

pub struct OpInfo {
    pub kind: OpKind,
    pub name: &'static str,
    pub arity: Arity,
    pub result: ResultKind,
    pub effect: Effect,
    /// May raise an exception (ends its block inside a `try`).
    pub can_raise: bool,
}

macro_rules! op_table {
    ($( $(#[$doc:meta])* $kind:ident $name:literal $arity:expr, $result:ident, $effect:ident, $raise:literal; )*) => {
        /// A high-level operation.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum OpKind { $($(#[$doc])* $kind),* }

        /// The op table, one row per `OpKind`, in declaration order.
        pub static OP_TABLE: &[OpInfo] = &[
            $(OpInfo {
                kind: OpKind::$kind,
                name: $name,
                arity: $arity,
                result: ResultKind::$result,
                effect: Effect::$effect,
                can_raise: $raise,
            }),*
        ];
    };
}

pub use rpy_semantics::ovf::OvfOp;
use Arity::{AtLeast, Exactly};

op_table! {
    // arithmetic and bitwise: (a, b) → value
    Add "add" Exactly(2), Value, Pure, false;
    Sub "sub" Exactly(2), Value, Pure, false;
    Mul "mul" Exactly(2), Value, Pure, false;
    TrueDiv "truediv" Exactly(2), Value, Pure, true;
    FloorDiv "floordiv" Exactly(2), Value, Pure, true;
    Mod "mod" Exactly(2), Value, Pure, true;
    Pow "pow" Exactly(2), Value, Pure, true;
    LShift "lshift" Exactly(2), Value, Pure, true;
    RShift "rshift" Exactly(2), Value, Pure, true;
    And "and_" Exactly(2), Value, Pure, false;
    Or "or_" Exactly(2), Value, Pure, false;
    Xor "xor" Exactly(2), Value, Pure, false;
    /// `a += b`: in place for lists (extends a), else `add`.
    InplaceAdd "inplace_add" Exactly(2), Value, WritesHeap, false;
    /// `a *= b`: in place for lists, else `mul`.
    InplaceMul "inplace_mul" Exactly(2), Value, WritesHeap, false;
    /// `ovfcheck(a + b)` and friends: the int op, raising OverflowError
    /// when the exact result does not fit in 64 bits (RPython's `*_ovf`).
    AddOvf "add_ovf" Exactly(2), Value, Pure, true;
    SubOvf "sub_ovf" Exactly(2), Value, Pure, true;
    MulOvf "mul_ovf" Exactly(2), Value, Pure, true;
    LShiftOvf "lshift_ovf" Exactly(2), Value, Pure, true;
    NegOvf "neg_ovf" Exactly(1), Value, Pure, true;
    // unary: (a) → value
    Neg "neg" Exactly(1), Value, Pure, false;
    Pos "pos" Exactly(1), Value, Pure, false;
    Invert "invert" Exactly(1), Value, Pure, false;
    /// Truth value of any object.
    IsTrue "bool" Exactly(1), Bool, ReadsHeap, false;
    /// `not x`.
    Not "not_" Exactly(1), Bool, ReadsHeap, false;
    // comparisons: (a, b) → bool
    Lt "lt" Exactly(2), Bool, ReadsHeap, false;
    Le "le" Exactly(2), Bool, ReadsHeap, false;
    Eq "eq" Exactly(2), Bool, ReadsHeap, false;
    Ne "ne" Exactly(2), Bool, ReadsHeap, false;
    Gt "gt" Exactly(2), Bool, ReadsHeap, false;
    Ge "ge" Exactly(2), Bool, ReadsHeap, false;
    /// Identity (`is`).
    Is "is_" Exactly(2), Bool, Pure, false;
    /// `type(x) is T` (also `==`, and `x.__class__`): `x`'s exact type is
    /// `T`, a class or a builtin type (a constant).
    TypeIs "type_is" Exactly(2), Bool, Pure, false;
    /// `item in container` is `contains(container, item)`.
    Contains "contains" Exactly(2), Bool, ReadsHeap, false;
    // containers
    /// `obj[index]`.
    GetItem "getitem" Exactly(2), Value, ReadsHeap, true;
    /// `obj[index] = value`.
    SetItem "setitem" Exactly(3), Void, WritesHeap, true;
    /// `del obj[index]`.
    DelItem "delitem" Exactly(2), Void, WritesHeap, true;
    /// `del obj[lo:hi]`, a missing bound is `None`.
    DelSlice "delslice" Exactly(3), Void, WritesHeap, false;
    /// `obj[lo:hi]`, a missing bound is `None`.
    GetSlice "getslice" Exactly(3), Value, ReadsHeap, false;
    Len "len" Exactly(1), Value, ReadsHeap, false;
    NewList "newlist" AtLeast(0), Value, WritesHeap, false;
    NewTuple "newtuple" AtLeast(0), Value, Pure, false;
    /// `newdict(k1, v1, k2, v2, …)`.
    NewDict "newdict" AtLeast(0), Value, WritesHeap, true;
    /// An iterator over a list, str or dict (keys).
    Iter "iter" Exactly(1), Value, WritesHeap, false;
    /// The next item; raises `StopIteration` at the end.
    Next "next" Exactly(1), Value, WritesHeap, true;
    // attributes
    /// `getattr(obj, 'name')`.
    GetAttr "getattr" Exactly(2), Value, ReadsHeap, true;
    /// `setattr(obj, 'name', value)`.
    SetAttr "setattr" Exactly(3), Void, WritesHeap, false;
    // calls
    /// `simple_call(f, args…)`: f a function, class or builtin.
    SimpleCall "simple_call" AtLeast(1), Value, Calls, true;
    /// `call_kw(f, ('k1', …), args…)`: the last len(names) args are keywords.
    CallKw "call_kw" AtLeast(2), Value, Calls, true;
    /// `call_method(obj, 'name', args…)`.
    CallMethod "call_method" AtLeast(2), Value, Calls, true;
    /// `call_method_kw(obj, 'name', ('k1', …), args…)`.
    CallMethodKw "call_method_kw" AtLeast(3), Value, Calls, true;
    // exceptions
    /// `exc_match(exc, Class-or-tuple-of-classes)`: isinstance for handlers.
    ExcMatch "exc_match" Exactly(2), Bool, Pure, false;
    /// `raise x`: x an instance, or a class to instantiate with no args.
    ExcInstance "exc_instance" Exactly(1), Value, Calls, true;
    // JIT hints
    /// `jit_merge_point(driver, greens…, reds…)` in the driver's order.
    JitMergePoint "jit_merge_point" AtLeast(1), Void, Pure, false;
    /// `can_enter_jit(driver, greens…, reds…)` in the driver's order.
    CanEnterJit "can_enter_jit" AtLeast(1), Void, Pure, false;
    Promote "promote" Exactly(1), Value, Pure, false;
    WeAreJitted "we_are_jitted" Exactly(0), Bool, Pure, false;
    // misc
    /// A copy of its argument.
    SameAs "same_as" Exactly(1), Value, Pure, false;
}

impl OpKind {
    pub fn info(self) -> &'static OpInfo {
        &OP_TABLE[self as usize]
    }
    pub fn name(self) -> &'static str {
        self.info().name
    }
    pub fn can_raise(self) -> bool {
        self.info().can_raise
    }
    pub fn from_name(name: &str) -> Option<OpKind> {
        OP_TABLE.iter().find(|i| i.name == name).map(|i| i.kind)
    }
    /// The overflow-checked operation of an `*_ovf` op.
    pub fn ovf_op(self) -> Option<OvfOp> {
        Some(match self {
            OpKind::AddOvf => OvfOp::Add,
            OpKind::SubOvf => OvfOp::Sub,
            OpKind::MulOvf => OvfOp::Mul,
            OpKind::LShiftOvf => OvfOp::LShift,
            OpKind::NegOvf => OvfOp::Neg,
            _ => return None,
        })
    }
    /// The `*_ovf` op checking `op`.
    pub fn of_ovf(op: OvfOp) -> OpKind {
        match op {
            OvfOp::Add => OpKind::AddOvf,
            OvfOp::Sub => OpKind::SubOvf,
            OvfOp::Mul => OpKind::MulOvf,
            OvfOp::LShift => OpKind::LShiftOvf,
            OvfOp::Neg => OpKind::NegOvf,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_match_their_kinds() {
        for (i, info) in OP_TABLE.iter().enumerate() {
            assert_eq!(info.kind as usize, i, "{} is out of order", info.name);
            assert_eq!(OpKind::from_name(info.name), Some(info.kind));
        }
    }
}
