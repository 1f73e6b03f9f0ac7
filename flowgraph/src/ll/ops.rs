//! THE low-level op table: every op of the LL graphs with its name,
//! signature (operand and result types, generic over container items),
//! effect and the exceptions it may raise. Ops whose typing depends on the
//! program (fields, classes, calls, tuples, JIT drivers) are `SPECIAL` and
//! checked one by one by the verifier.

use super::sig::{Pat, Sig};
use rpy_front::program::builtin_class as bc;
use rpy_front::program::ClassId;

/// What an op may do besides computing its result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Nothing: may be folded, reordered, shared or removed if unused.
    Pure,
    /// Returns a fresh object: may be removed if unused, never shared.
    Allocates,
    /// Reads mutable heap state.
    ReadsHeap,
    /// Writes heap state.
    WritesHeap,
    /// Calls other code (a graph or a runtime helper): anything may happen,
    /// and it raises what the callee raises.
    Calls,
    /// A JIT hint: no effect at run time, but never removed or moved.
    Hint,
}

pub struct LLOpInfo {
    pub kind: LLOpKind,
    pub name: &'static str,
    /// `None` for ops typed case by case (see the verifier).
    pub sig: Option<Sig>,
    pub effect: Effect,
    /// The builtin exceptions it may raise (calls: see `Effect::Calls`).
    pub raises: &'static [ClassId],
}

const fn sig(params: &'static [Pat], result: Pat) -> Option<Sig> {
    Some(Sig {
        params,
        rest: None,
        result,
    })
}

const fn variadic(params: &'static [Pat], rest: Pat, result: Pat) -> Option<Sig> {
    Some(Sig {
        params,
        rest: Some(rest),
        result,
    })
}

const SPECIAL: Option<Sig> = None;

macro_rules! ll_op_table {
    ($( $(#[$doc:meta])* $kind:ident $name:literal $sig:expr, $effect:ident, $raises:expr; )*) => {
        /// A low-level operation.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum LLOpKind { $($(#[$doc])* $kind),* }

        /// The op table, one row per `LLOpKind`, in declaration order.
        pub static LL_OP_TABLE: &[LLOpInfo] = &[
            $(LLOpInfo {
                kind: LLOpKind::$kind,
                name: $name,
                sig: $sig,
                effect: Effect::$effect,
                raises: $raises,
            }),*
        ];
    };
}

use Pat::{Bool as B, Char as C, Float as F, Signed as S, Str, Void, T};

const NONE: &[ClassId] = &[];
const ZERO_DIV: &[ClassId] = &[bc::ZERO_DIVISION_ERROR];
/// `int(nan)`: ValueError; `int(inf)`: OverflowError.
const FLOAT_TO_INT: &[ClassId] = &[bc::VALUE_ERROR, bc::OVERFLOW_ERROR];
const VALUE: &[ClassId] = &[bc::VALUE_ERROR];
const INDEX: &[ClassId] = &[bc::INDEX_ERROR];
const LIST_T: Pat = Pat::List(&T);

ll_op_table! {
    // integers (wrapping 64-bit)
    IntAdd "int_add" sig(&[S, S], S), Pure, NONE;
    IntSub "int_sub" sig(&[S, S], S), Pure, NONE;
    IntMul "int_mul" sig(&[S, S], S), Pure, NONE;
    /// Rounds toward negative infinity (Python's `//`).
    IntFloorDiv "int_floordiv" sig(&[S, S], S), Pure, ZERO_DIV;
    /// The sign of the divisor (Python's `%`).
    IntMod "int_mod" sig(&[S, S], S), Pure, ZERO_DIV;
    IntLt "int_lt" sig(&[S, S], B), Pure, NONE;
    IntLe "int_le" sig(&[S, S], B), Pure, NONE;
    IntEq "int_eq" sig(&[S, S], B), Pure, NONE;
    IntNe "int_ne" sig(&[S, S], B), Pure, NONE;
    IntGt "int_gt" sig(&[S, S], B), Pure, NONE;
    IntGe "int_ge" sig(&[S, S], B), Pure, NONE;
    IntNeg "int_neg" sig(&[S], S), Pure, NONE;
    IntAbs "int_abs" sig(&[S], S), Pure, NONE;
    IntAnd "int_and" sig(&[S, S], S), Pure, NONE;
    IntOr "int_or" sig(&[S, S], S), Pure, NONE;
    IntXor "int_xor" sig(&[S, S], S), Pure, NONE;
    IntInvert "int_invert" sig(&[S], S), Pure, NONE;
    /// Wraps; a count >= 64 gives 0; a negative count raises ValueError.
    IntLshift "int_lshift" sig(&[S, S], S), Pure, VALUE;
    /// Arithmetic shift; a negative count raises ValueError.
    IntRshift "int_rshift" sig(&[S, S], S), Pure, VALUE;
    IntIsTrue "int_is_true" sig(&[S], B), Pure, NONE;
    // floats
    FloatAdd "float_add" sig(&[F, F], F), Pure, NONE;
    FloatSub "float_sub" sig(&[F, F], F), Pure, NONE;
    FloatMul "float_mul" sig(&[F, F], F), Pure, NONE;
    FloatTrueDiv "float_truediv" sig(&[F, F], F), Pure, ZERO_DIV;
    FloatFloorDiv "float_floordiv" sig(&[F, F], F), Pure, ZERO_DIV;
    FloatMod "float_mod" sig(&[F, F], F), Pure, ZERO_DIV;
    FloatLt "float_lt" sig(&[F, F], B), Pure, NONE;
    FloatLe "float_le" sig(&[F, F], B), Pure, NONE;
    FloatEq "float_eq" sig(&[F, F], B), Pure, NONE;
    FloatNe "float_ne" sig(&[F, F], B), Pure, NONE;
    FloatGt "float_gt" sig(&[F, F], B), Pure, NONE;
    FloatGe "float_ge" sig(&[F, F], B), Pure, NONE;
    FloatNeg "float_neg" sig(&[F], F), Pure, NONE;
    FloatAbs "float_abs" sig(&[F], F), Pure, NONE;
    FloatIsTrue "float_is_true" sig(&[F], B), Pure, NONE;
    // chars (unsigned bytes)
    CharEq "char_eq" sig(&[C, C], B), Pure, NONE;
    CharNe "char_ne" sig(&[C, C], B), Pure, NONE;
    CharLt "char_lt" sig(&[C, C], B), Pure, NONE;
    CharLe "char_le" sig(&[C, C], B), Pure, NONE;
    CharGt "char_gt" sig(&[C, C], B), Pure, NONE;
    CharGe "char_ge" sig(&[C, C], B), Pure, NONE;
    // conversions
    CastBoolToInt "cast_bool_to_int" sig(&[B], S), Pure, NONE;
    CastIntToFloat "cast_int_to_float" sig(&[S], F), Pure, NONE;
    /// Truncates toward zero (saturating at the i64 range; NaN gives 0).
    CastFloatToInt "cast_float_to_int" sig(&[F], S), Pure, FLOAT_TO_INT;
    /// `ord(c)`.
    CastCharToInt "cast_char_to_int" sig(&[C], S), Pure, NONE;
    /// `chr(i)`: ValueError outside 0..=255.
    CastIntToChar "cast_int_to_char" sig(&[S], C), Pure, VALUE;
    BoolNot "bool_not" sig(&[B], B), Pure, NONE;
    // pointers
    /// Identity of two pointers (of any types).
    PtrEq "ptr_eq" sig(&[Pat::AnyPtr, Pat::AnyPtr], B), Pure, NONE;
    PtrNe "ptr_ne" sig(&[Pat::AnyPtr, Pat::AnyPtr], B), Pure, NONE;
    PtrIsZero "ptr_iszero" sig(&[Pat::AnyPtr], B), Pure, NONE;
    PtrNonZero "ptr_nonzero" sig(&[Pat::AnyPtr], B), Pure, NONE;
    /// `cast_pointer(p)`: the same instance seen as another class of its
    /// hierarchy (up- or downcast; the annotator proved it is valid).
    CastPointer "cast_pointer" SPECIAL, Pure, NONE;
    /// A copy of its argument.
    SameAs "same_as" sig(&[T], T), Pure, NONE;
    // instances and classes
    /// `malloc(Class C) → Ptr(Instance(C))`: every field zero or null.
    Malloc "malloc" SPECIAL, Allocates, NONE;
    /// `malloc_dynamic(cls) → Ptr(Instance(B))`: an instance of the class
    /// held in the `Class` value (some subclass of B), fields zero or null.
    MallocDynamic "malloc_dynamic" SPECIAL, Allocates, NONE;
    /// `getfield(obj, 'name')`: a field of the object's class layout.
    GetField "getfield" SPECIAL, ReadsHeap, NONE;
    /// `setfield(obj, 'name', value) → Void`.
    SetField "setfield" SPECIAL, WritesHeap, NONE;
    /// `getclassattr(obj, 'name')`: a class-level constant read through the
    /// object's vtable (differs between subclasses).
    GetClassAttr "getclassattr" SPECIAL, Pure, NONE;
    /// `instanceof(obj, Class C) → Bool`: false for null.
    InstanceOf "instanceof" SPECIAL, Pure, NONE;
    /// `vtable_method(obj, 'name') → Func(sig)`: the implementation of a
    /// method for the object's class (the first parameter is the instance
    /// seen as the class that introduces the method).
    VtableMethod "vtable_method" SPECIAL, Pure, NONE;
    // calls
    /// `direct_call(Func f | Helper h, args…)`.
    DirectCall "direct_call" SPECIAL, Calls, NONE;
    /// `indirect_call(fptr, args…)`.
    IndirectCall "indirect_call" SPECIAL, Calls, NONE;
    // lists
    NewList "newlist" variadic(&[], T, LIST_T), Allocates, NONE;
    ListLen "list_len" sig(&[LIST_T], S), ReadsHeap, NONE;
    /// Python indexing: negative from the end; IndexError out of range.
    ListGetItem "list_getitem" sig(&[LIST_T, S], T), ReadsHeap, INDEX;
    /// The index is known to be >= 0 (the bounds check stays).
    ListGetItemNonneg "list_getitem_nonneg" sig(&[LIST_T, S], T), ReadsHeap, INDEX;
    ListSetItem "list_setitem" sig(&[LIST_T, S, T], Void), WritesHeap, INDEX;
    ListSetItemNonneg "list_setitem_nonneg" sig(&[LIST_T, S, T], Void), WritesHeap, INDEX;
    // strings (immutable)
    StrLen "str_len" sig(&[Str], S), Pure, NONE;
    /// Python indexing: negative from the end; IndexError out of range.
    StrGetItem "str_getitem" sig(&[Str, S], C), Pure, INDEX;
    // tuples (immutable)
    /// `newtuple(items…) → Ptr(Tuple(types of items))`.
    NewTuple "newtuple" SPECIAL, Allocates, NONE;
    /// `tuple_getitem(t, k)` with `k` a constant in range.
    TupleGetItem "tuple_getitem" SPECIAL, Pure, NONE;
    // JIT hints
    /// `jit_merge_point(Driver d, greens…, reds…)` in the driver's order.
    JitMergePoint "jit_merge_point" SPECIAL, Hint, NONE;
    /// `can_enter_jit(Driver d, greens…, reds…)`.
    CanEnterJit "can_enter_jit" SPECIAL, Hint, NONE;
    /// At trace time: turn the value into a constant (guard_value).
    JitPromote "jit_promote" sig(&[T], T), Hint, NONE;
    JitWeAreJitted "jit_we_are_jitted" sig(&[], B), Hint, NONE;
}

impl LLOpKind {
    pub fn info(self) -> &'static LLOpInfo {
        &LL_OP_TABLE[self as usize]
    }
    pub fn name(self) -> &'static str {
        self.info().name
    }
    pub fn effect(self) -> Effect {
        self.info().effect
    }
    pub fn from_name(name: &str) -> Option<LLOpKind> {
        LL_OP_TABLE.iter().find(|i| i.name == name).map(|i| i.kind)
    }
    /// May this op raise by itself (calls: see `LLProgram::op_can_raise`)?
    pub fn raises(self) -> bool {
        !self.info().raises.is_empty()
    }
    /// Can the op be removed when its result is unused?
    pub fn removable(self) -> bool {
        matches!(
            self.effect(),
            Effect::Pure | Effect::Allocates | Effect::ReadsHeap
        ) && !self.raises()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_match_their_kinds() {
        for (i, info) in LL_OP_TABLE.iter().enumerate() {
            assert_eq!(info.kind as usize, i, "{} is out of order", info.name);
            assert_eq!(LLOpKind::from_name(info.name), Some(info.kind));
        }
    }

    #[test]
    fn effects_and_raises() {
        assert!(LLOpKind::IntAdd.removable());
        assert!(!LLOpKind::IntFloorDiv.removable());
        assert!(LLOpKind::IntMod.raises());
        assert!(!LLOpKind::SetField.removable());
        assert_eq!(LLOpKind::DirectCall.effect(), Effect::Calls);
    }
}
