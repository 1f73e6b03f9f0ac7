//! The one op table of the trace IR: every opcode with its PyPy-style name,
//! arity, result kind and effects. Everything else (printer, parser,
//! verifier, optimizer, backends) reads this table.

use super::Kind;

/// What an op does besides computing its result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// A pure function of its arguments: foldable, CSE-able, removable.
    Pure,
    /// Reads the heap (removable if unused, not foldable across stores).
    ReadsHeap,
    /// Writes the heap.
    WritesHeap,
    /// Allocates a new object (removable if unused).
    Allocates,
    /// A guard: leaves the trace when its condition fails.
    Guard,
    /// A call of a runtime function (see the call descr for its effects).
    Call,
    /// Control: labels, jumps, finish, markers.
    Control,
}

/// The kind of an op's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultKind {
    None,
    Is(Kind),
}

/// Arity: a fixed number of arguments, or any number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arity {
    Fixed(u8),
    Variadic,
}

pub struct OpInfo {
    pub name: &'static str,
    pub arity: Arity,
    pub result: ResultKind,
    pub effect: Effect,
    /// The op takes a descr (field, array, size, call, label).
    pub has_descr: bool,
}

macro_rules! opcodes {
    ($($op:ident $name:literal $arity:expr, $res:expr, $eff:ident, $descr:literal;)*) => {
        /// A trace opcode.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Opcode { $($op),* }

        /// The op table, indexed by `Opcode as usize`.
        pub const OP_TABLE: &[OpInfo] = &[
            $(OpInfo { name: $name, arity: $arity, result: $res, effect: Effect::$eff, has_descr: $descr }),*
        ];

        /// Every opcode, in table order.
        pub const ALL_OPCODES: &[Opcode] = &[$(Opcode::$op),*];
    };
}

const N: ResultKind = ResultKind::None;
const I: ResultKind = ResultKind::Is(Kind::Int);
const R: ResultKind = ResultKind::Is(Kind::Ref);
const F: ResultKind = ResultKind::Is(Kind::Float);
const A1: Arity = Arity::Fixed(1);
const A2: Arity = Arity::Fixed(2);
const A3: Arity = Arity::Fixed(3);
const AV: Arity = Arity::Variadic;

opcodes! {
    // integers (wrapping 64-bit; comparisons give 0 or 1)
    IntAdd "int_add" A2, I, Pure, false;
    IntSub "int_sub" A2, I, Pure, false;
    IntMul "int_mul" A2, I, Pure, false;
    IntAnd "int_and" A2, I, Pure, false;
    IntOr "int_or" A2, I, Pure, false;
    IntXor "int_xor" A2, I, Pure, false;
    IntLshift "int_lshift" A2, I, Pure, false;
    IntRshift "int_rshift" A2, I, Pure, false;
    UintRshift "uint_rshift" A2, I, Pure, false;
    IntNeg "int_neg" A1, I, Pure, false;
    IntInvert "int_invert" A1, I, Pure, false;
    IntLt "int_lt" A2, I, Pure, false;
    IntLe "int_le" A2, I, Pure, false;
    IntEq "int_eq" A2, I, Pure, false;
    IntNe "int_ne" A2, I, Pure, false;
    IntGt "int_gt" A2, I, Pure, false;
    IntGe "int_ge" A2, I, Pure, false;
    UintLt "uint_lt" A2, I, Pure, false;
    UintLe "uint_le" A2, I, Pure, false;
    UintGt "uint_gt" A2, I, Pure, false;
    UintGe "uint_ge" A2, I, Pure, false;
    // Python's `//` and `%` (rounding towards minus infinity); the
    // divisor is neither 0 nor -1 (the codewriter checks first)
    IntPyDiv "int_py_div" A2, I, Pure, false;
    IntPyMod "int_py_mod" A2, I, Pure, false;
    IntIsTrue "int_is_true" A1, I, Pure, false;
    IntIsZero "int_is_zero" A1, I, Pure, false;
    // overflow-checked arithmetic: followed by guard_no_overflow / guard_overflow
    IntAddOvf "int_add_ovf" A2, I, Pure, false;
    IntSubOvf "int_sub_ovf" A2, I, Pure, false;
    IntMulOvf "int_mul_ovf" A2, I, Pure, false;
    // floats
    FloatAdd "float_add" A2, F, Pure, false;
    FloatSub "float_sub" A2, F, Pure, false;
    FloatMul "float_mul" A2, F, Pure, false;
    FloatTrueDiv "float_truediv" A2, F, Pure, false;
    FloatNeg "float_neg" A1, F, Pure, false;
    FloatAbs "float_abs" A1, F, Pure, false;
    FloatLt "float_lt" A2, I, Pure, false;
    FloatLe "float_le" A2, I, Pure, false;
    FloatEq "float_eq" A2, I, Pure, false;
    FloatNe "float_ne" A2, I, Pure, false;
    FloatGt "float_gt" A2, I, Pure, false;
    FloatGe "float_ge" A2, I, Pure, false;
    CastIntToFloat "cast_int_to_float" A1, F, Pure, false;
    CastFloatToInt "cast_float_to_int" A1, I, Pure, false;
    // pointers
    PtrEq "ptr_eq" A2, I, Pure, false;
    PtrNe "ptr_ne" A2, I, Pure, false;
    // copies (the optimizer's placeholders; the backends move)
    SameAsI "same_as_i" A1, I, Pure, false;
    SameAsR "same_as_r" A1, R, Pure, false;
    SameAsF "same_as_f" A1, F, Pure, false;
    // heap: fields at a descr's offset, array items after a descr's base offset
    GetfieldGcI "getfield_gc_i" A1, I, ReadsHeap, true;
    GetfieldGcR "getfield_gc_r" A1, R, ReadsHeap, true;
    GetfieldGcF "getfield_gc_f" A1, F, ReadsHeap, true;
    SetfieldGc "setfield_gc" A2, N, WritesHeap, true;
    GetarrayitemGcI "getarrayitem_gc_i" A2, I, ReadsHeap, true;
    GetarrayitemGcR "getarrayitem_gc_r" A2, R, ReadsHeap, true;
    GetarrayitemGcF "getarrayitem_gc_f" A2, F, ReadsHeap, true;
    SetarrayitemGc "setarrayitem_gc" A3, N, WritesHeap, true;
    // allocation (size descr: size, type id and, for instances, the vtable)
    New "new" Arity::Fixed(0), R, Allocates, true;
    NewWithVtable "new_with_vtable" Arity::Fixed(0), R, Allocates, true;
    // guards
    GuardTrue "guard_true" A1, N, Guard, false;
    GuardFalse "guard_false" A1, N, Guard, false;
    GuardValue "guard_value" A2, N, Guard, false;
    GuardClass "guard_class" A2, N, Guard, false;
    GuardNonnull "guard_nonnull" A1, N, Guard, false;
    GuardIsnull "guard_isnull" A1, N, Guard, false;
    GuardNoException "guard_no_exception" Arity::Fixed(0), N, Guard, false;
    GuardNoOverflow "guard_no_overflow" Arity::Fixed(0), N, Guard, false;
    GuardOverflow "guard_overflow" Arity::Fixed(0), N, Guard, false;
    // calls of runtime functions (call descr: address, argument and result kinds, effects)
    CallI "call_i" AV, I, Call, true;
    CallR "call_r" AV, R, Call, true;
    CallF "call_f" AV, F, Call, true;
    CallN "call_n" AV, N, Call, true;
    CallPureI "call_pure_i" AV, I, Call, true;
    CallPureR "call_pure_r" AV, R, Call, true;
    CallPureF "call_pure_f" AV, F, Call, true;
    CallPureN "call_pure_n" AV, N, Call, true;
    // control
    Label "label" AV, N, Control, true;
    Jump "jump" AV, N, Control, true;
    Finish "finish" AV, N, Control, true;
    DebugMergePoint "debug_merge_point" Arity::Fixed(0), N, Control, true;
}

impl Opcode {
    pub fn info(self) -> &'static OpInfo {
        &OP_TABLE[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn from_name(name: &str) -> Option<Opcode> {
        ALL_OPCODES.iter().copied().find(|o| o.name() == name)
    }

    pub fn is_guard(self) -> bool {
        self.info().effect == Effect::Guard
    }

    pub fn is_pure(self) -> bool {
        self.info().effect == Effect::Pure
    }

    pub fn is_call(self) -> bool {
        self.info().effect == Effect::Call
    }

    pub fn is_call_pure(self) -> bool {
        matches!(
            self,
            Opcode::CallPureI | Opcode::CallPureR | Opcode::CallPureF | Opcode::CallPureN
        )
    }

    /// The kind of the result, if any.
    pub fn result_kind(self) -> Option<Kind> {
        match self.info().result {
            ResultKind::None => None,
            ResultKind::Is(k) => Some(k),
        }
    }

    /// `getfield_gc_{i,r,f}` for a result kind.
    pub fn getfield(k: Kind) -> Opcode {
        match k {
            Kind::Int => Opcode::GetfieldGcI,
            Kind::Ref => Opcode::GetfieldGcR,
            Kind::Float => Opcode::GetfieldGcF,
        }
    }

    /// `getarrayitem_gc_{i,r,f}` for a result kind.
    pub fn getarrayitem(k: Kind) -> Opcode {
        match k {
            Kind::Int => Opcode::GetarrayitemGcI,
            Kind::Ref => Opcode::GetarrayitemGcR,
            Kind::Float => Opcode::GetarrayitemGcF,
        }
    }

    /// `same_as_{i,r,f}`.
    pub fn same_as(k: Kind) -> Opcode {
        match k {
            Kind::Int => Opcode::SameAsI,
            Kind::Ref => Opcode::SameAsR,
            Kind::Float => Opcode::SameAsF,
        }
    }

    /// `call_{i,r,f,n}` (or the `call_pure_` forms) for a result kind.
    pub fn call(k: Option<Kind>, pure: bool) -> Opcode {
        match (k, pure) {
            (Some(Kind::Int), false) => Opcode::CallI,
            (Some(Kind::Ref), false) => Opcode::CallR,
            (Some(Kind::Float), false) => Opcode::CallF,
            (None, false) => Opcode::CallN,
            (Some(Kind::Int), true) => Opcode::CallPureI,
            (Some(Kind::Ref), true) => Opcode::CallPureR,
            (Some(Kind::Float), true) => Opcode::CallPureF,
            (None, true) => Opcode::CallPureN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_enum_order_and_names_are_unique() {
        for (i, op) in ALL_OPCODES.iter().enumerate() {
            assert_eq!(*op as usize, i);
            assert_eq!(Opcode::from_name(op.name()), Some(*op));
        }
    }
}
