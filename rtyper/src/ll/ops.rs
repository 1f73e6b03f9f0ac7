//! THE low-level op table: every op of the LL graphs with its name,
//! signature (operand and result types, generic over container items),
//! effect, the exceptions it may raise, its Rust form (genrust), its JIT
//! form (the codewriter) and its constant fold (backendopt) — adding an op
//! is one row. Ops whose typing depends on the program (fields, classes,
//! calls, tuples, JIT drivers) are `SPECIAL` and checked one by one by the
//! verifier; ops whose code depends on the program have `Rust::Special` /
//! `Jit::Special` and are written by genrust's and the codewriter's own
//! function for them.

use super::model::LLConst;
use super::sig::{Pat, Sig};
use rpy_front::program::builtin_class as bc;
use rpy_front::program::ClassId;
use rpy_jit::ir::Opcode;
use rpy_semantics::{int, ovf, uint};

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
    /// How generated Rust computes it.
    pub rust: Rust,
    /// How JIT code computes it.
    pub jit: Jit,
    /// Its value on constant operands (`None`: not folded, or it would
    /// raise).
    pub fold: Fold,
}

/// The Rust form of an op. Templates name the operands `{0}`, `{1}`, …
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rust {
    /// An expression that cannot raise.
    Expr(&'static str),
    /// A call of a runtime function on the operands; cannot raise.
    Call(&'static str),
    /// A call of a runtime `_r` function returning `RResult`.
    CallR(&'static str),
    /// Written by genrust case by case (fields, calls, tuples, hints, …).
    Special,
}

impl Rust {
    /// The Rust expression for the operands `args` (not for `Special`).
    pub fn render(self, args: &[String]) -> String {
        let fill = |t: &str| {
            let mut out = t.to_string();
            for (i, a) in args.iter().enumerate() {
                out = out.replace(&format!("{{{i}}}"), a);
            }
            out
        };
        match self {
            Rust::Expr(t) => fill(t),
            Rust::Call(f) | Rust::CallR(f) => format!("{f}({})", args.join(", ")),
            Rust::Special => unreachable!("Rust::Special has no template"),
        }
    }
}

/// The JIT form of an op (what the codewriter emits).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jit {
    /// One pure trace op on the same operands.
    Op(Opcode),
    /// One pure trace op on the (only) operand and a constant.
    OpConst(Opcode, u64),
    /// A copy of its operand (casts that change no bits).
    Move,
    /// A call of the op's native code (a wrapper), opaque to the trace.
    Call,
    /// An overflow-checked trace op (`int_add_ovf`, …: a one-operand op is
    /// `0 op x`) followed by `guard_no_overflow`; on overflow, the op's
    /// native code (which raises OverflowError).
    Ovf(Opcode),
    /// Written by the codewriter case by case.
    Special,
}

/// A constant fold: the result on constant operands, if it can be known.
pub type Fold = Option<fn(&[LLConst]) -> Option<LLConst>>;

/// `fold!([Int(a), Int(b)] => Int(a & b))`: a fold for operands of that
/// shape (`?` inside gives up: the op would raise).
macro_rules! fold {
    ([$($pat:pat),*] => $e:expr) => {
        Some(|args: &[LLConst]| {
            #[allow(unused_imports)]
            use LLConst::{Bool, Char, Float, Int, UInt};
            match args {
                [$($pat),*] => Some($e),
                #[allow(unreachable_patterns)]
                _ => None,
            }
        })
    };
}

const NO_FOLD: Fold = None;

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
    ($( $(#[$doc:meta])* $kind:ident $name:literal $sig:expr, $effect:ident, $raises:expr
        => $rust:expr, $jit:expr, $fold:expr; )*) => {
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
                rust: $rust,
                jit: $jit,
                fold: $fold,
            }),*
        ];
    };
}

use Opcode as O;
use Pat::{Bool as B, Char as C, Float as F, Signed as S, Str, Unsigned as U, Void, T};

const NONE: &[ClassId] = &[];
const ZERO_DIV: &[ClassId] = &[bc::ZERO_DIVISION_ERROR];
/// `int(nan)`: ValueError; `int(inf)`: OverflowError.
const FLOAT_TO_INT: &[ClassId] = &[bc::VALUE_ERROR, bc::OVERFLOW_ERROR];
const VALUE: &[ClassId] = &[bc::VALUE_ERROR];
const OVERFLOW: &[ClassId] = &[bc::OVERFLOW_ERROR];
/// `ovfcheck(x << y)`: a negative count raises ValueError.
const SHIFT_OVERFLOW: &[ClassId] = &[bc::VALUE_ERROR, bc::OVERFLOW_ERROR];
const INDEX: &[ClassId] = &[bc::INDEX_ERROR];
const LIST_T: Pat = Pat::List(&T);

ll_op_table! {
    // integers (wrapping 64-bit)
    IntAdd "int_add" sig(&[S, S], S), Pure, NONE
        => Rust::Expr("{0}.wrapping_add({1})"), Jit::Op(O::IntAdd), fold!([Int(a), Int(b)] => Int(a.wrapping_add(*b)));
    IntSub "int_sub" sig(&[S, S], S), Pure, NONE
        => Rust::Expr("{0}.wrapping_sub({1})"), Jit::Op(O::IntSub), fold!([Int(a), Int(b)] => Int(a.wrapping_sub(*b)));
    IntMul "int_mul" sig(&[S, S], S), Pure, NONE
        => Rust::Expr("{0}.wrapping_mul({1})"), Jit::Op(O::IntMul), fold!([Int(a), Int(b)] => Int(a.wrapping_mul(*b)));
    /// Rounds toward negative infinity (Python's `//`).
    IntFloorDiv "int_floordiv" sig(&[S, S], S), Pure, ZERO_DIV
        => Rust::CallR("rpy_int_floordiv_r"), Jit::Special, fold!([Int(a), Int(b)] => Int(int::floordiv(*a, *b).ok()?));
    /// The sign of the divisor (Python's `%`).
    IntMod "int_mod" sig(&[S, S], S), Pure, ZERO_DIV
        => Rust::CallR("rpy_int_mod_r"), Jit::Special, fold!([Int(a), Int(b)] => Int(int::modulo(*a, *b).ok()?));
    IntLt "int_lt" sig(&[S, S], B), Pure, NONE
        => Rust::Expr("({0} < {1})"), Jit::Op(O::IntLt), fold!([Int(a), Int(b)] => Bool(a < b));
    IntLe "int_le" sig(&[S, S], B), Pure, NONE
        => Rust::Expr("({0} <= {1})"), Jit::Op(O::IntLe), fold!([Int(a), Int(b)] => Bool(a <= b));
    IntEq "int_eq" sig(&[S, S], B), Pure, NONE
        => Rust::Expr("({0} == {1})"), Jit::Op(O::IntEq), fold!([Int(a), Int(b)] => Bool(a == b));
    IntNe "int_ne" sig(&[S, S], B), Pure, NONE
        => Rust::Expr("({0} != {1})"), Jit::Op(O::IntNe), fold!([Int(a), Int(b)] => Bool(a != b));
    IntGt "int_gt" sig(&[S, S], B), Pure, NONE
        => Rust::Expr("({0} > {1})"), Jit::Op(O::IntGt), fold!([Int(a), Int(b)] => Bool(a > b));
    IntGe "int_ge" sig(&[S, S], B), Pure, NONE
        => Rust::Expr("({0} >= {1})"), Jit::Op(O::IntGe), fold!([Int(a), Int(b)] => Bool(a >= b));
    IntNeg "int_neg" sig(&[S], S), Pure, NONE
        => Rust::Expr("{0}.wrapping_neg()"), Jit::Op(O::IntNeg), fold!([Int(a)] => Int(a.wrapping_neg()));
    IntAbs "int_abs" sig(&[S], S), Pure, NONE
        => Rust::Expr("{0}.wrapping_abs()"), Jit::Call, fold!([Int(a)] => Int(int::abs(*a)));
    IntAnd "int_and" sig(&[S, S], S), Pure, NONE
        => Rust::Expr("({0} & {1})"), Jit::Op(O::IntAnd), fold!([Int(a), Int(b)] => Int(a & b));
    IntOr "int_or" sig(&[S, S], S), Pure, NONE
        => Rust::Expr("({0} | {1})"), Jit::Op(O::IntOr), fold!([Int(a), Int(b)] => Int(a | b));
    IntXor "int_xor" sig(&[S, S], S), Pure, NONE
        => Rust::Expr("({0} ^ {1})"), Jit::Op(O::IntXor), fold!([Int(a), Int(b)] => Int(a ^ b));
    IntInvert "int_invert" sig(&[S], S), Pure, NONE
        => Rust::Expr("(!{0})"), Jit::Op(O::IntInvert), fold!([Int(a)] => Int(!a));
    /// Wraps; a count >= 64 gives 0; a negative count raises ValueError.
    IntLshift "int_lshift" sig(&[S, S], S), Pure, VALUE
        => Rust::CallR("rpy_int_lshift_r"), Jit::Call, fold!([Int(a), Int(b)] => Int(int::lshift(*a, *b).ok()?));
    /// Arithmetic shift; a negative count raises ValueError.
    IntRshift "int_rshift" sig(&[S, S], S), Pure, VALUE
        => Rust::CallR("rpy_int_rshift_r"), Jit::Call, fold!([Int(a), Int(b)] => Int(int::rshift(*a, *b).ok()?));
    IntIsTrue "int_is_true" sig(&[S], B), Pure, NONE
        => Rust::Expr("({0} != 0)"), Jit::Op(O::IntIsTrue), fold!([Int(a)] => Bool(*a != 0));
    // overflow-checked integers (`ovfcheck(x op y)`): OverflowError when
    // the exact result does not fit
    IntAddOvf "int_add_ovf" sig(&[S, S], S), Pure, OVERFLOW
        => Rust::CallR("rpy_int_add_ovf_r"), Jit::Ovf(O::IntAddOvf), fold!([Int(a), Int(b)] => Int(ovf::add(*a, *b).ok()?));
    IntSubOvf "int_sub_ovf" sig(&[S, S], S), Pure, OVERFLOW
        => Rust::CallR("rpy_int_sub_ovf_r"), Jit::Ovf(O::IntSubOvf), fold!([Int(a), Int(b)] => Int(ovf::sub(*a, *b).ok()?));
    IntMulOvf "int_mul_ovf" sig(&[S, S], S), Pure, OVERFLOW
        => Rust::CallR("rpy_int_mul_ovf_r"), Jit::Ovf(O::IntMulOvf), fold!([Int(a), Int(b)] => Int(ovf::mul(*a, *b).ok()?));
    IntNegOvf "int_neg_ovf" sig(&[S], S), Pure, OVERFLOW
        => Rust::CallR("rpy_int_neg_ovf_r"), Jit::Ovf(O::IntSubOvf), fold!([Int(a)] => Int(ovf::neg(*a).ok()?));
    IntLshiftOvf "int_lshift_ovf" sig(&[S, S], S), Pure, SHIFT_OVERFLOW
        => Rust::CallR("rpy_int_lshift_ovf_r"), Jit::Call, fold!([Int(a), Int(b)] => Int(ovf::lshift(*a, *b).ok()?));
    // unsigned integers (`r_uint`: wrapping 64-bit, the machine's int ops)
    UintAdd "uint_add" sig(&[U, U], U), Pure, NONE
        => Rust::Expr("{0}.wrapping_add({1})"), Jit::Op(O::IntAdd), fold!([UInt(a), UInt(b)] => UInt(a.wrapping_add(*b)));
    UintSub "uint_sub" sig(&[U, U], U), Pure, NONE
        => Rust::Expr("{0}.wrapping_sub({1})"), Jit::Op(O::IntSub), fold!([UInt(a), UInt(b)] => UInt(a.wrapping_sub(*b)));
    UintMul "uint_mul" sig(&[U, U], U), Pure, NONE
        => Rust::Expr("{0}.wrapping_mul({1})"), Jit::Op(O::IntMul), fold!([UInt(a), UInt(b)] => UInt(a.wrapping_mul(*b)));
    UintFloorDiv "uint_floordiv" sig(&[U, U], U), Pure, ZERO_DIV
        => Rust::CallR("rpy_uint_floordiv_r"), Jit::Call, fold!([UInt(a), UInt(b)] => UInt(uint::floordiv(*a, *b).ok()?));
    UintMod "uint_mod" sig(&[U, U], U), Pure, ZERO_DIV
        => Rust::CallR("rpy_uint_mod_r"), Jit::Call, fold!([UInt(a), UInt(b)] => UInt(uint::modulo(*a, *b).ok()?));
    UintLt "uint_lt" sig(&[U, U], B), Pure, NONE
        => Rust::Expr("({0} < {1})"), Jit::Op(O::UintLt), fold!([UInt(a), UInt(b)] => Bool(a < b));
    UintLe "uint_le" sig(&[U, U], B), Pure, NONE
        => Rust::Expr("({0} <= {1})"), Jit::Op(O::UintLe), fold!([UInt(a), UInt(b)] => Bool(a <= b));
    UintEq "uint_eq" sig(&[U, U], B), Pure, NONE
        => Rust::Expr("({0} == {1})"), Jit::Op(O::IntEq), fold!([UInt(a), UInt(b)] => Bool(a == b));
    UintNe "uint_ne" sig(&[U, U], B), Pure, NONE
        => Rust::Expr("({0} != {1})"), Jit::Op(O::IntNe), fold!([UInt(a), UInt(b)] => Bool(a != b));
    UintGt "uint_gt" sig(&[U, U], B), Pure, NONE
        => Rust::Expr("({0} > {1})"), Jit::Op(O::UintGt), fold!([UInt(a), UInt(b)] => Bool(a > b));
    UintGe "uint_ge" sig(&[U, U], B), Pure, NONE
        => Rust::Expr("({0} >= {1})"), Jit::Op(O::UintGe), fold!([UInt(a), UInt(b)] => Bool(a >= b));
    UintNeg "uint_neg" sig(&[U], U), Pure, NONE
        => Rust::Expr("{0}.wrapping_neg()"), Jit::Op(O::IntNeg), fold!([UInt(a)] => UInt(a.wrapping_neg()));
    UintAnd "uint_and" sig(&[U, U], U), Pure, NONE
        => Rust::Expr("({0} & {1})"), Jit::Op(O::IntAnd), fold!([UInt(a), UInt(b)] => UInt(a & b));
    UintOr "uint_or" sig(&[U, U], U), Pure, NONE
        => Rust::Expr("({0} | {1})"), Jit::Op(O::IntOr), fold!([UInt(a), UInt(b)] => UInt(a | b));
    UintXor "uint_xor" sig(&[U, U], U), Pure, NONE
        => Rust::Expr("({0} ^ {1})"), Jit::Op(O::IntXor), fold!([UInt(a), UInt(b)] => UInt(a ^ b));
    UintInvert "uint_invert" sig(&[U], U), Pure, NONE
        => Rust::Expr("(!{0})"), Jit::Op(O::IntInvert), fold!([UInt(a)] => UInt(!a));
    /// The count is an int: one >= 64 gives 0; a negative one raises ValueError.
    UintLshift "uint_lshift" sig(&[U, S], U), Pure, VALUE
        => Rust::CallR("rpy_uint_lshift_r"), Jit::Call, fold!([UInt(a), Int(b)] => UInt(uint::lshift(*a, *b).ok()?));
    /// Logical shift; the count as for `uint_lshift`.
    UintRshift "uint_rshift" sig(&[U, S], U), Pure, VALUE
        => Rust::CallR("rpy_uint_rshift_r"), Jit::Call, fold!([UInt(a), Int(b)] => UInt(uint::rshift(*a, *b).ok()?));
    UintIsTrue "uint_is_true" sig(&[U], B), Pure, NONE
        => Rust::Expr("({0} != 0)"), Jit::Op(O::IntIsTrue), fold!([UInt(a)] => Bool(*a != 0));
    // floats
    FloatAdd "float_add" sig(&[F, F], F), Pure, NONE
        => Rust::Expr("({0} + {1})"), Jit::Op(O::FloatAdd), fold!([Float(a), Float(b)] => Float(a + b));
    FloatSub "float_sub" sig(&[F, F], F), Pure, NONE
        => Rust::Expr("({0} - {1})"), Jit::Op(O::FloatSub), fold!([Float(a), Float(b)] => Float(a - b));
    FloatMul "float_mul" sig(&[F, F], F), Pure, NONE
        => Rust::Expr("({0} * {1})"), Jit::Op(O::FloatMul), fold!([Float(a), Float(b)] => Float(a * b));
    FloatTrueDiv "float_truediv" sig(&[F, F], F), Pure, ZERO_DIV
        => Rust::CallR("rpy_float_truediv_r"), Jit::Call, NO_FOLD;
    FloatFloorDiv "float_floordiv" sig(&[F, F], F), Pure, ZERO_DIV
        => Rust::CallR("rpy_float_floordiv_r"), Jit::Call, NO_FOLD;
    FloatMod "float_mod" sig(&[F, F], F), Pure, ZERO_DIV
        => Rust::CallR("rpy_float_mod_r"), Jit::Call, NO_FOLD;
    FloatLt "float_lt" sig(&[F, F], B), Pure, NONE
        => Rust::Expr("({0} < {1})"), Jit::Op(O::FloatLt), fold!([Float(a), Float(b)] => Bool(a < b));
    FloatLe "float_le" sig(&[F, F], B), Pure, NONE
        => Rust::Expr("({0} <= {1})"), Jit::Op(O::FloatLe), fold!([Float(a), Float(b)] => Bool(a <= b));
    FloatEq "float_eq" sig(&[F, F], B), Pure, NONE
        => Rust::Expr("({0} == {1})"), Jit::Op(O::FloatEq), fold!([Float(a), Float(b)] => Bool(a == b));
    FloatNe "float_ne" sig(&[F, F], B), Pure, NONE
        => Rust::Expr("({0} != {1})"), Jit::Op(O::FloatNe), fold!([Float(a), Float(b)] => Bool(a != b));
    FloatGt "float_gt" sig(&[F, F], B), Pure, NONE
        => Rust::Expr("({0} > {1})"), Jit::Op(O::FloatGt), fold!([Float(a), Float(b)] => Bool(a > b));
    FloatGe "float_ge" sig(&[F, F], B), Pure, NONE
        => Rust::Expr("({0} >= {1})"), Jit::Op(O::FloatGe), fold!([Float(a), Float(b)] => Bool(a >= b));
    FloatNeg "float_neg" sig(&[F], F), Pure, NONE
        => Rust::Expr("(-{0})"), Jit::Op(O::FloatNeg), fold!([Float(a)] => Float(-a));
    FloatAbs "float_abs" sig(&[F], F), Pure, NONE
        => Rust::Expr("{0}.abs()"), Jit::Op(O::FloatAbs), NO_FOLD;
    FloatIsTrue "float_is_true" sig(&[F], B), Pure, NONE
        => Rust::Expr("({0} != 0.0)"), Jit::OpConst(O::FloatNe, 0), fold!([Float(a)] => Bool(*a != 0.0));
    // chars (unsigned bytes)
    CharEq "char_eq" sig(&[C, C], B), Pure, NONE
        => Rust::Expr("({0} == {1})"), Jit::Op(O::IntEq), fold!([Char(a), Char(b)] => Bool(a == b));
    CharNe "char_ne" sig(&[C, C], B), Pure, NONE
        => Rust::Expr("({0} != {1})"), Jit::Op(O::IntNe), fold!([Char(a), Char(b)] => Bool(a != b));
    CharLt "char_lt" sig(&[C, C], B), Pure, NONE
        => Rust::Expr("({0} < {1})"), Jit::Op(O::IntLt), fold!([Char(a), Char(b)] => Bool(a < b));
    CharLe "char_le" sig(&[C, C], B), Pure, NONE
        => Rust::Expr("({0} <= {1})"), Jit::Op(O::IntLe), fold!([Char(a), Char(b)] => Bool(a <= b));
    CharGt "char_gt" sig(&[C, C], B), Pure, NONE
        => Rust::Expr("({0} > {1})"), Jit::Op(O::IntGt), fold!([Char(a), Char(b)] => Bool(a > b));
    CharGe "char_ge" sig(&[C, C], B), Pure, NONE
        => Rust::Expr("({0} >= {1})"), Jit::Op(O::IntGe), fold!([Char(a), Char(b)] => Bool(a >= b));
    // conversions
    CastBoolToInt "cast_bool_to_int" sig(&[B], S), Pure, NONE
        => Rust::Expr("({0} as i64)"), Jit::Move, fold!([Bool(a)] => Int(*a as i64));
    CastIntToFloat "cast_int_to_float" sig(&[S], F), Pure, NONE
        => Rust::Expr("({0} as f64)"), Jit::Op(O::CastIntToFloat), fold!([Int(a)] => Float(*a as f64));
    /// Truncates toward zero (saturating at the i64 range; NaN gives 0).
    CastFloatToInt "cast_float_to_int" sig(&[F], S), Pure, FLOAT_TO_INT
        => Rust::CallR("rpy_cast_float_to_int_r"), Jit::Special, NO_FOLD;
    /// `r_uint(i)`: the same bits.
    CastIntToUint "cast_int_to_uint" sig(&[S], U), Pure, NONE
        => Rust::Expr("({0} as u64)"), Jit::Move, fold!([Int(a)] => UInt(uint::from_int(*a)));
    /// `intmask(u)`: the same bits.
    CastUintToInt "cast_uint_to_int" sig(&[U], S), Pure, NONE
        => Rust::Expr("({0} as i64)"), Jit::Move, fold!([UInt(a)] => Int(uint::to_int(*a)));
    CastUintToFloat "cast_uint_to_float" sig(&[U], F), Pure, NONE
        => Rust::Expr("({0} as f64)"), Jit::Call, fold!([UInt(a)] => Float(uint::to_float(*a)));
    /// `ord(c)`.
    CastCharToInt "cast_char_to_int" sig(&[C], S), Pure, NONE
        => Rust::Expr("({0} as i64)"), Jit::Move, fold!([Char(a)] => Int(*a as i64));
    /// `chr(i)`: ValueError outside 0..=255.
    CastIntToChar "cast_int_to_char" sig(&[S], C), Pure, VALUE
        => Rust::CallR("rpy_cast_int_to_char_r"), Jit::Call, NO_FOLD;
    BoolNot "bool_not" sig(&[B], B), Pure, NONE
        => Rust::Expr("(!{0})"), Jit::OpConst(O::IntXor, 1), fold!([Bool(a)] => Bool(!a));
    // pointers
    /// Identity of two pointers (of any types).
    PtrEq "ptr_eq" sig(&[Pat::AnyPtr, Pat::AnyPtr], B), Pure, NONE
        => Rust::Expr("std::ptr::addr_eq({0}, {1})"), Jit::Op(O::PtrEq), NO_FOLD;
    PtrNe "ptr_ne" sig(&[Pat::AnyPtr, Pat::AnyPtr], B), Pure, NONE
        => Rust::Expr("(!std::ptr::addr_eq({0}, {1}))"), Jit::Op(O::PtrNe), NO_FOLD;
    PtrIsZero "ptr_iszero" sig(&[Pat::AnyPtr], B), Pure, NONE
        => Rust::Expr("{0}.is_null()"), Jit::OpConst(O::PtrEq, 0), NO_FOLD;
    PtrNonZero "ptr_nonzero" sig(&[Pat::AnyPtr], B), Pure, NONE
        => Rust::Expr("(!{0}.is_null())"), Jit::OpConst(O::PtrNe, 0), NO_FOLD;
    /// `cast_pointer(p)`: the same instance seen as another class of its
    /// hierarchy (up- or downcast; the annotator proved it is valid).
    CastPointer "cast_pointer" SPECIAL, Pure, NONE
        => Rust::Expr("{0}"), Jit::Move, NO_FOLD;
    /// A copy of its argument.
    SameAs "same_as" sig(&[T], T), Pure, NONE
        => Rust::Expr("{0}"), Jit::Move, fold!([a] => a.clone());
    // instances and classes
    /// `malloc(Class C) → Ptr(Instance(C))`: every field zero or null.
    Malloc "malloc" SPECIAL, Allocates, NONE
        => Rust::Call("rpy_malloc_dynamic"), Jit::Special, NO_FOLD;
    /// `malloc_dynamic(cls) → Ptr(Instance(B))`: an instance of the class
    /// held in the `Class` value (some subclass of B), fields zero or null.
    MallocDynamic "malloc_dynamic" SPECIAL, Allocates, NONE
        => Rust::Call("rpy_malloc_dynamic"), Jit::Call, NO_FOLD;
    /// `getfield(obj, 'name')`: a field of the object's class layout.
    GetField "getfield" SPECIAL, ReadsHeap, NONE
        => Rust::Special, Jit::Special, NO_FOLD;
    /// `setfield(obj, 'name', value) → Void`.
    SetField "setfield" SPECIAL, WritesHeap, NONE
        => Rust::Special, Jit::Special, NO_FOLD;
    /// `getclassattr(obj, 'name')`: a class-level constant read through the
    /// object's vtable (differs between subclasses).
    GetClassAttr "getclassattr" SPECIAL, Pure, NONE
        => Rust::Special, Jit::Special, NO_FOLD;
    /// `instanceof(obj, Class C) → Bool`: false for null.
    InstanceOf "instanceof" SPECIAL, Pure, NONE
        => Rust::Call("rpy_instanceof"), Jit::Special, NO_FOLD;
    /// `vtable_method(obj, 'name') → Func(sig)`: the implementation of a
    /// method for the object's class (the first parameter is the instance
    /// seen as the class that introduces the method).
    VtableMethod "vtable_method" SPECIAL, Pure, NONE
        => Rust::Special, Jit::Special, NO_FOLD;
    // calls
    /// `direct_call(Func f | Helper h, args…)`.
    DirectCall "direct_call" SPECIAL, Calls, NONE
        => Rust::Special, Jit::Special, NO_FOLD;
    /// `indirect_call(fptr, args…)`.
    IndirectCall "indirect_call" SPECIAL, Calls, NONE
        => Rust::Special, Jit::Special, NO_FOLD;
    // lists
    NewList "newlist" variadic(&[], T, LIST_T), Allocates, NONE
        => Rust::Special, Jit::Call, NO_FOLD;
    ListLen "list_len" sig(&[LIST_T], S), ReadsHeap, NONE
        => Rust::Call("rpy_list_len"), Jit::Special, NO_FOLD;
    /// Python indexing: negative from the end; IndexError out of range.
    ListGetItem "list_getitem" sig(&[LIST_T, S], T), ReadsHeap, INDEX
        => Rust::CallR("rpy_list_getitem_r"), Jit::Special, NO_FOLD;
    /// The index is known to be >= 0 (the bounds check stays).
    ListGetItemNonneg "list_getitem_nonneg" sig(&[LIST_T, S], T), ReadsHeap, INDEX
        => Rust::CallR("rpy_list_getitem_nonneg_r"), Jit::Special, NO_FOLD;
    ListSetItem "list_setitem" sig(&[LIST_T, S, T], Void), WritesHeap, INDEX
        => Rust::CallR("rpy_list_setitem_r"), Jit::Special, NO_FOLD;
    ListSetItemNonneg "list_setitem_nonneg" sig(&[LIST_T, S, T], Void), WritesHeap, INDEX
        => Rust::CallR("rpy_list_setitem_nonneg_r"), Jit::Special, NO_FOLD;
    // strings (immutable)
    StrLen "str_len" sig(&[Str], S), Pure, NONE
        => Rust::Call("rpy_str_len"), Jit::Call, NO_FOLD;
    /// Python indexing: negative from the end; IndexError out of range.
    StrGetItem "str_getitem" sig(&[Str, S], C), Pure, INDEX
        => Rust::CallR("rpy_str_getitem_r"), Jit::Call, NO_FOLD;
    // tuples (immutable)
    /// `newtuple(items…) → Ptr(Tuple(types of items))`.
    NewTuple "newtuple" SPECIAL, Allocates, NONE
        => Rust::Special, Jit::Call, NO_FOLD;
    /// `tuple_getitem(t, k)` with `k` a constant in range.
    TupleGetItem "tuple_getitem" SPECIAL, Pure, NONE
        => Rust::Special, Jit::Call, NO_FOLD;
    // JIT hints
    /// `jit_merge_point(Driver d, greens…, reds…)` in the driver's order.
    JitMergePoint "jit_merge_point" SPECIAL, Hint, NONE
        => Rust::Special, Jit::Special, NO_FOLD;
    /// `can_enter_jit(Driver d, greens…, reds…)`.
    CanEnterJit "can_enter_jit" SPECIAL, Hint, NONE
        => Rust::Special, Jit::Special, NO_FOLD;
    /// At trace time: turn the value into a constant (guard_value).
    JitPromote "jit_promote" sig(&[T], T), Hint, NONE
        => Rust::Expr("{0}"), Jit::Special, NO_FOLD;
    JitWeAreJitted "jit_we_are_jitted" sig(&[], B), Hint, NONE
        => Rust::Expr("false"), Jit::Special, NO_FOLD;
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
    fn forms_agree_with_effects() {
        for info in LL_OP_TABLE {
            let raising = !info.raises.is_empty();
            let plain = matches!(info.rust, Rust::Expr(_) | Rust::Call(_));
            assert!(
                !(raising && plain),
                "{} raises but its Rust form cannot",
                info.name
            );
            assert!(
                !(raising && matches!(info.jit, Jit::Op(_) | Jit::OpConst(..) | Jit::Move)),
                "{} raises but its JIT form is a pure trace op",
                info.name
            );
            if info.fold.is_some() {
                assert_eq!(
                    info.effect,
                    Effect::Pure,
                    "{} folds but is not pure",
                    info.name
                );
            }
        }
    }

    #[test]
    fn folds_call_the_semantics() {
        use LLConst::{Bool, Int};
        let f = |k: LLOpKind, args: &[LLConst]| k.info().fold.and_then(|f| f(args));
        assert_eq!(f(LLOpKind::IntFloorDiv, &[Int(-7), Int(2)]), Some(Int(-4)));
        assert_eq!(f(LLOpKind::IntMod, &[Int(-7), Int(2)]), Some(Int(1)));
        assert_eq!(f(LLOpKind::IntMod, &[Int(1), Int(0)]), None);
        assert_eq!(
            f(LLOpKind::CharLt, &[LLConst::Char(1), LLConst::Char(2)]),
            Some(Bool(true))
        );
        assert_eq!(f(LLOpKind::IntAdd, &[Int(1), Bool(true)]), None);
        assert_eq!(f(LLOpKind::PtrEq, &[Int(0), Int(0)]), None);
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
