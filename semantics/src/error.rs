//! Every error the language's own operations raise: which builtin
//! exception class and what message, so that `--interp`, native code and
//! the JIT print the same text.

use crate::exc;
use crate::repr::str_repr;
use std::borrow::Cow;

/// An operation's error. The message is CPython's where CPython raises
/// the same error; rpy's own errors (an int raised to a negative power)
/// say what rpy does not support.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    IntDivisionByZero,
    IntModuloByZero,
    FloatDivisionByZero,
    FloatFloorDivisionByZero,
    FloatModuloByZero,
    ZeroToNegativePower,
    NegativeToFractionalPower,
    /// `int ** negative int`: a float in CPython, which has no static
    /// type in rpy.
    NegativeIntPower,
    NegativeShiftCount,
    /// `ovfcheck(x op y)`: the 64-bit signed result overflowed.
    IntOverflow,
    ChrOutOfRange,
    FloatNanToInt,
    FloatInfinityToInt,
    IntBaseOutOfRange,
    InvalidIntLiteral {
        base: i64,
        text: Vec<u8>,
    },
    InvalidFloatLiteral {
        text: Vec<u8>,
    },
    EmptySeparator,
    SubstringNotFound,
    FillCharNotOneChar,
    /// `ord(s)` on a string of this length.
    OrdNotOneChar(usize),
    StringIndexOutOfRange,
    ListIndexOutOfRange,
    ListAssignmentIndexOutOfRange,
    TupleIndexOutOfRange,
    PopFromEmptyList,
    PopIndexOutOfRange,
    /// `xs.index(x)`; the repr of `x`.
    NotInList(Vec<u8>),
    ListRemoveMissing,
    RangeStepZero,
    DictChangedSize,
    RecursionDepth,
    /// `KeyError(k)`; the repr of `k` (its message).
    Key(Vec<u8>),
    /// An OSError of the system: `[Errno N] reason: 'path'`.
    Os {
        errno: Option<i32>,
        reason: String,
        path: Vec<u8>,
    },
    /// An OSError of an operation on a file descriptor: `[Errno N] reason`.
    OsFd {
        errno: Option<i32>,
        reason: String,
    },
    /// `%` formatting: the format string ends inside a conversion.
    FormatIncomplete,
    /// `%` formatting: an unknown conversion character at this index.
    FormatUnsupported {
        ch: u8,
        index: usize,
    },
    FormatWidthTooBig,
    FormatPrecisionTooBig,
    /// `%*d`: rpy has no width or precision taken from the arguments.
    FormatStar,
    /// `%(key)s`: rpy formats no mappings.
    FormatMappingKey,
    FormatNotEnoughArguments,
    FormatNotAllConverted,
    /// `%` formatting: the conversion `ch` got an argument of this type.
    FormatArgType {
        ch: u8,
        type_name: String,
    },
    /// `%c` of an int outside Python's code points.
    FormatCharRange,
    /// `%c` of a code point that is not a byte (rpy's strs are bytes).
    FormatCharNotByte,
}

/// The result of an operation that may raise.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// The builtin exception class (an index into `exc::BUILTIN_CLASSES`).
    pub fn class(&self) -> u32 {
        use Error::*;
        match self {
            IntDivisionByZero
            | IntModuloByZero
            | FloatDivisionByZero
            | FloatFloorDivisionByZero
            | FloatModuloByZero
            | ZeroToNegativePower => exc::ZERO_DIVISION_ERROR,
            FloatInfinityToInt | IntOverflow | FormatCharRange | FormatCharNotByte => {
                exc::OVERFLOW_ERROR
            }
            FillCharNotOneChar
            | OrdNotOneChar(_)
            | FormatNotEnoughArguments
            | FormatNotAllConverted
            | FormatArgType { .. } => exc::TYPE_ERROR,
            StringIndexOutOfRange
            | ListIndexOutOfRange
            | ListAssignmentIndexOutOfRange
            | TupleIndexOutOfRange
            | PopFromEmptyList
            | PopIndexOutOfRange => exc::INDEX_ERROR,
            DictChangedSize | RecursionDepth => exc::RUNTIME_ERROR,
            Key(_) => exc::KEY_ERROR,
            Os { .. } | OsFd { .. } => exc::OS_ERROR,
            NegativeToFractionalPower
            | NegativeIntPower
            | NegativeShiftCount
            | ChrOutOfRange
            | FloatNanToInt
            | IntBaseOutOfRange
            | InvalidIntLiteral { .. }
            | InvalidFloatLiteral { .. }
            | EmptySeparator
            | SubstringNotFound
            | NotInList(_)
            | ListRemoveMissing
            | RangeStepZero
            | FormatIncomplete
            | FormatUnsupported { .. }
            | FormatWidthTooBig
            | FormatPrecisionTooBig
            | FormatStar
            | FormatMappingKey => exc::VALUE_ERROR,
        }
    }

    /// The message (`str(e)`).
    pub fn message(&self) -> Cow<'static, [u8]> {
        use Error::*;
        let fixed: &'static str = match self {
            IntDivisionByZero => "integer division or modulo by zero",
            IntModuloByZero => "integer modulo by zero",
            FloatDivisionByZero => "float division by zero",
            FloatFloorDivisionByZero => "float floor division by zero",
            FloatModuloByZero => "float modulo",
            ZeroToNegativePower => "0.0 cannot be raised to a negative power",
            NegativeToFractionalPower => "negative number cannot be raised to a fractional power",
            NegativeIntPower => "integer to a negative power is not supported",
            NegativeShiftCount => "negative shift count",
            IntOverflow => "signed integer expression did overflow",
            ChrOutOfRange => "chr() arg not in range(256)",
            FloatNanToInt => "cannot convert float NaN to integer",
            FloatInfinityToInt => "cannot convert float infinity to integer",
            IntBaseOutOfRange => "int() base must be >= 2 and <= 36, or 0",
            EmptySeparator => "empty separator",
            SubstringNotFound => "substring not found",
            FillCharNotOneChar => "The fill character must be exactly one character long",
            StringIndexOutOfRange => "string index out of range",
            ListIndexOutOfRange => "list index out of range",
            ListAssignmentIndexOutOfRange => "list assignment index out of range",
            TupleIndexOutOfRange => "tuple index out of range",
            PopFromEmptyList => "pop from empty list",
            PopIndexOutOfRange => "pop index out of range",
            ListRemoveMissing => "list.remove(x): x not in list",
            RangeStepZero => "range() arg 3 must not be zero",
            DictChangedSize => "dictionary changed size during iteration",
            RecursionDepth => "maximum recursion depth exceeded",
            FormatIncomplete => "incomplete format",
            FormatWidthTooBig => "width too big",
            FormatPrecisionTooBig => "precision too big",
            FormatStar => "a width or precision from the arguments (%*d) is not supported in rpy",
            FormatMappingKey => "formatting with a mapping (%(key)s) is not supported in rpy",
            FormatNotEnoughArguments => "not enough arguments for format string",
            FormatNotAllConverted => "not all arguments converted during string formatting",
            FormatCharRange => "%c arg not in range(0x110000)",
            FormatCharNotByte => "%c arg not in range(256) (rpy's strs are bytes)",
            FormatArgType { ch, type_name } => return Cow::Owned(format_arg_type(*ch, type_name)),
            FormatUnsupported { ch, index } => {
                // CPython shows a character outside printable ASCII as '?'
                let shown = if (31..=126).contains(ch) {
                    *ch as char
                } else {
                    '?'
                };
                return Cow::Owned(
                    format!("unsupported format character '{shown}' (0x{ch:x}) at index {index}")
                        .into_bytes(),
                );
            }
            InvalidIntLiteral { base, text } => {
                let mut m = format!("invalid literal for int() with base {base}: ").into_bytes();
                str_repr(text, &mut m);
                return Cow::Owned(m);
            }
            InvalidFloatLiteral { text } => {
                let mut m = b"could not convert string to float: ".to_vec();
                str_repr(text, &mut m);
                return Cow::Owned(m);
            }
            OrdNotOneChar(n) => {
                return Cow::Owned(
                    format!("ord() expected a character, but string of length {n} found")
                        .into_bytes(),
                )
            }
            Key(repr) => return Cow::Owned(repr.clone()),
            OsFd { errno, reason } => {
                return Cow::Owned(match errno {
                    Some(n) => format!("[Errno {n}] {reason}").into_bytes(),
                    None => reason.clone().into_bytes(),
                })
            }
            Os {
                errno,
                reason,
                path,
            } => {
                let mut m = match errno {
                    Some(n) => format!("[Errno {n}] {reason}: ").into_bytes(),
                    None => format!("{reason}: ").into_bytes(),
                };
                str_repr(path, &mut m);
                return Cow::Owned(m);
            }
            NotInList(repr) => {
                let mut m = repr.clone();
                m.extend_from_slice(b" is not in list");
                return Cow::Owned(m);
            }
        };
        Cow::Borrowed(fixed.as_bytes())
    }
}

/// CPython's TypeError for a `%` conversion given the wrong type.
fn format_arg_type(ch: u8, type_name: &str) -> Vec<u8> {
    let c = ch as char;
    match ch {
        b'c' => "%c requires int or char".into(),
        b'd' | b'i' | b'u' => format!("%{c} format: a real number is required, not {type_name}"),
        b'x' | b'X' | b'o' => format!("%{c} format: an integer is required, not {type_name}"),
        _ => format!("must be real number, not {type_name}"),
    }
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_with_data() {
        let e = Error::InvalidIntLiteral {
            base: 10,
            text: b"1x".to_vec(),
        };
        assert_eq!(
            &*e.message(),
            b"invalid literal for int() with base 10: '1x'"
        );
        assert_eq!(e.class(), exc::VALUE_ERROR);
        assert_eq!(
            &*Error::NotInList(b"'a'".to_vec()).message(),
            b"'a' is not in list"
        );
        assert_eq!(Error::IntModuloByZero.class(), exc::ZERO_DIVISION_ERROR);
    }
}
