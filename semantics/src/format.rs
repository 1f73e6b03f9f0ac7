//! Python's `%` formatting of strs (`"%s: %5.2f" % (name, x)`): the format
//! string as literal pieces and conversion specs, the walk that pairs each
//! conversion with its argument and checks it as CPython does, and the
//! formatting of one int, float or text under a spec (`format/number.rs`).
//!
//! Every evaluator uses the same walk: the annotator and the rtyper on
//! static types (rpy's format string is a translation-time constant, as in
//! RPython), the import-time evaluator and `--interp` on their values
//! (`format`), the runtime's helpers one conversion at a time (a spec
//! travels as its text, `Spec::text` / `Spec::from_text`).

mod number;
#[cfg(test)]
mod tests;

use crate::{Error, Result};
pub use number::{format_float, format_int, format_text};

/// The flags of a conversion: `-` `+` ` ` `#` `0`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// `-`: pad on the right.
    pub left: bool,
    /// `+`: a sign for non-negative numbers too.
    pub sign: bool,
    /// ` `: a space before non-negative numbers.
    pub space: bool,
    /// `#`: the alternate form (`0x`, `0o`, a point that stays).
    pub alt: bool,
    /// `0`: pad numbers with zeros after the sign.
    pub zero: bool,
}

/// One conversion: `%[flags][width][.precision]ch`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    pub flags: Flags,
    pub width: usize,
    pub precision: Option<usize>,
    /// The conversion character (`s`, `d`, `f`, …; any byte: an unknown one
    /// is an error once its argument is fetched, as in CPython).
    pub ch: u8,
    /// Where `ch` is in the format string (for the error message).
    pub index: usize,
}

/// A piece of a format string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text copied as it is (`%%` is the text `%`).
    Text(&'a [u8]),
    Conv(Spec),
}

/// How a conversion formats its argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// `format_int` of the argument (an int or bool).
    Int,
    /// `format_float` of the argument as a float (an int converted).
    Float,
    /// `format_text` of `str(x)`, or of `repr(x)` for `%r` (`Spec::repr`).
    Text,
}

/// What the checks need to know of an argument's type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgType {
    /// An int or a bool.
    Int,
    Float,
    Str,
    /// Anything else, by its Python type name (`NoneType`, `list`, `C`).
    Other(String),
}

impl Flags {
    fn set(&mut self, c: u8) -> bool {
        match c {
            b'-' => self.left = true,
            b'+' => self.sign = true,
            b' ' => self.space = true,
            b'#' => self.alt = true,
            b'0' => self.zero = true,
            _ => return false,
        }
        true
    }
}

impl Spec {
    /// `%r`: the argument's `repr`, not its `str`.
    pub fn repr(&self) -> bool {
        self.ch == b'r'
    }

    /// Neither flags, width nor precision: the conversion is plain `str()`
    /// (`%s`, `%d` of an int) or `repr()` (`%r`).
    pub fn plain(&self) -> bool {
        self.flags == Flags::default() && self.width == 0 && self.precision.is_none()
    }

    /// How an argument of type `t` is formatted, or the TypeError (or, for
    /// an unknown conversion character, the ValueError) CPython raises.
    pub fn route(&self, t: &ArgType) -> Result<Route> {
        let wrong = || {
            let type_name = match t {
                ArgType::Int => "int",
                ArgType::Float => "float",
                ArgType::Str => "str",
                ArgType::Other(n) => n,
            };
            Err(Error::FormatArgType {
                ch: self.ch,
                type_name: type_name.to_string(),
            })
        };
        match (self.ch, t) {
            (b's' | b'r', _) => Ok(Route::Text),
            (b'd' | b'i' | b'u' | b'x' | b'X' | b'o' | b'c', ArgType::Int) => Ok(Route::Int),
            (b'd' | b'i' | b'u' | b'f' | b'F' | b'e' | b'E' | b'g' | b'G', ArgType::Float) => {
                Ok(Route::Float)
            }
            (b'f' | b'F' | b'e' | b'E' | b'g' | b'G', ArgType::Int) => Ok(Route::Float),
            (b'c', ArgType::Str) => Ok(Route::Text),
            (b'd' | b'i' | b'u' | b'x' | b'X' | b'o' | b'c', _)
            | (b'f' | b'F' | b'e' | b'E' | b'g' | b'G', _) => wrong(),
            (ch, _) => Err(Error::FormatUnsupported {
                ch,
                index: self.index,
            }),
        }
    }

    /// The spec as format text (`%-08.3f`): what a runtime helper gets.
    pub fn text(&self) -> Vec<u8> {
        let f = self.flags;
        let mut t = vec![b'%'];
        for (on, c) in [
            (f.left, b'-'),
            (f.sign, b'+'),
            (f.space, b' '),
            (f.alt, b'#'),
            (f.zero, b'0'),
        ] {
            if on {
                t.push(c);
            }
        }
        if self.width > 0 {
            t.extend_from_slice(self.width.to_string().as_bytes());
        }
        if let Some(p) = self.precision {
            t.push(b'.');
            t.extend_from_slice(p.to_string().as_bytes());
        }
        t.push(self.ch);
        t
    }

    /// The spec of a format text that is exactly one conversion (the
    /// inverse of `text`).
    pub fn from_text(t: &[u8]) -> Result<Spec> {
        match (t.first(), parse_spec(t, 1)) {
            (Some(b'%'), Ok((spec, end))) if end == t.len() => Ok(spec),
            (_, Err(e)) => Err(e),
            _ => Err(Error::FormatIncomplete),
        }
    }
}

/// The pieces of a format string, in order; an error ends them.
pub struct Pieces<'a> {
    fmt: &'a [u8],
    pos: usize,
}

/// The pieces of `fmt`.
pub fn pieces(fmt: &[u8]) -> Pieces<'_> {
    Pieces { fmt, pos: 0 }
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Result<Piece<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        let (fmt, start) = (self.fmt, self.pos);
        if start >= fmt.len() {
            return None;
        }
        if fmt[start] != b'%' {
            let end = fmt[start..]
                .iter()
                .position(|&c| c == b'%')
                .map_or(fmt.len(), |k| start + k);
            self.pos = end;
            return Some(Ok(Piece::Text(&fmt[start..end])));
        }
        if fmt.get(start + 1) == Some(&b'%') {
            self.pos = start + 2;
            return Some(Ok(Piece::Text(b"%")));
        }
        Some(match parse_spec(fmt, start + 1) {
            Ok((spec, end)) => {
                self.pos = end;
                Ok(Piece::Conv(spec))
            }
            Err(e) => {
                self.pos = fmt.len();
                Err(e)
            }
        })
    }
}

/// The decimal number at `fmt[*pos..]` (none: 0); `too_big` past `max`
/// (CPython's limits: a width is an `ssize_t`, a precision an `int`).
fn parse_number(fmt: &[u8], pos: &mut usize, max: usize, too_big: Error) -> Result<usize> {
    let mut n: usize = 0;
    while let Some(d) = fmt.get(*pos).filter(|c| c.is_ascii_digit()) {
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(usize::from(d - b'0')))
            .filter(|&n| n <= max)
            .ok_or_else(|| too_big.clone())?;
        *pos += 1;
    }
    Ok(n)
}

/// The conversion after a `%` at `pos - 1`, and where it ends.
fn parse_spec(fmt: &[u8], mut pos: usize) -> Result<(Spec, usize)> {
    match fmt.get(pos) {
        Some(b'(') => return Err(Error::FormatMappingKey),
        Some(b'*') => return Err(Error::FormatStar),
        _ => {}
    }
    let mut flags = Flags::default();
    while fmt.get(pos).is_some_and(|&c| flags.set(c)) {
        pos += 1;
    }
    if fmt.get(pos) == Some(&b'*') {
        return Err(Error::FormatStar);
    }
    let width = parse_number(fmt, &mut pos, i64::MAX as usize, Error::FormatWidthTooBig)?;
    let mut precision = None;
    if fmt.get(pos) == Some(&b'.') {
        pos += 1;
        if fmt.get(pos) == Some(&b'*') {
            return Err(Error::FormatStar);
        }
        let too_big = Error::FormatPrecisionTooBig;
        precision = Some(parse_number(fmt, &mut pos, i32::MAX as usize, too_big)?);
    }
    // C's length modifiers, which Python ignores (`%ld`)
    if matches!(fmt.get(pos), Some(b'h' | b'l' | b'L')) {
        pos += 1;
    }
    let Some(&ch) = fmt.get(pos) else {
        return Err(Error::FormatIncomplete);
    };
    let spec = Spec {
        flags,
        width,
        precision,
        ch,
        index: pos,
    };
    Ok((spec, pos + 1))
}

/// One step of formatting: text to copy, or argument `arg` converted by
/// `spec` along `route`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step<'a> {
    Text(&'a [u8]),
    Conv {
        spec: Spec,
        arg: usize,
        route: Route,
    },
}

/// Walk `fmt` over `len` arguments as CPython does, calling `step` for
/// each piece in order; the first error (of the format, the argument
/// count, an argument's type or of `step` itself) stops it. `arg_type(i)`
/// is asked only for the conversions that depend on it (not `%s`/`%r`).
/// `lenient`: the one argument is not a tuple but a mapping (a dict, a
/// list, an object with `__getitem__`), which Python does not complain
/// about when no conversion uses it.
pub fn walk<'a>(
    fmt: &'a [u8],
    len: usize,
    lenient: bool,
    mut arg_type: impl FnMut(usize) -> ArgType,
    mut step: impl FnMut(Step<'a>) -> Result<()>,
) -> Result<()> {
    let mut next = 0;
    for piece in pieces(fmt) {
        let spec = match piece? {
            Piece::Text(t) => {
                step(Step::Text(t))?;
                continue;
            }
            Piece::Conv(spec) => spec,
        };
        if next >= len {
            return Err(Error::FormatNotEnoughArguments);
        }
        let route = match spec.ch {
            b's' | b'r' => Route::Text,
            _ => spec.route(&arg_type(next))?,
        };
        step(Step::Conv {
            spec,
            arg: next,
            route,
        })?;
        next += 1;
    }
    if next < len && !lenient {
        return Err(Error::FormatNotAllConverted);
    }
    Ok(())
}

/// The steps of `fmt` over arguments of the types `types` (translation
/// time: the annotator's check, the rtyper's lowering).
pub fn plan<'a>(fmt: &'a [u8], types: &[ArgType], lenient: bool) -> Result<Vec<Step<'a>>> {
    let mut steps = Vec::new();
    walk(
        fmt,
        types.len(),
        lenient,
        |i| types[i].clone(),
        |s| {
            steps.push(s);
            Ok(())
        },
    )?;
    Ok(steps)
}

/// An argument's value as the conversions see it.
#[derive(Clone, Debug, PartialEq)]
pub enum ArgValue<'a> {
    /// An int or a bool.
    Int(i64),
    Float(f64),
    Str(&'a [u8]),
    /// Anything else, by its Python type name.
    Other(String),
}

impl ArgValue<'_> {
    pub fn arg_type(&self) -> ArgType {
        match self {
            ArgValue::Int(_) => ArgType::Int,
            ArgValue::Float(_) => ArgType::Float,
            ArgValue::Str(_) => ArgType::Str,
            ArgValue::Other(n) => ArgType::Other(n.clone()),
        }
    }
}

/// One argument of `%` as an evaluator of dynamic values sees it.
pub trait FormatArg {
    fn value(&self) -> ArgValue<'_>;
    /// `str(x)` (or `repr(x)`) of the argument, appended to `out`.
    fn write_text(&self, repr: bool, out: &mut Vec<u8>);
}

/// One converted argument, appended to `out`.
pub fn format_arg(spec: &Spec, route: Route, a: &impl FormatArg, out: &mut Vec<u8>) -> Result<()> {
    match (route, a.value()) {
        (Route::Int, ArgValue::Int(i)) => format_int(spec, i, out),
        (Route::Float, ArgValue::Int(i)) => format_float(spec, i as f64, out),
        (Route::Float, ArgValue::Float(f)) => format_float(spec, f, out),
        _ => {
            let mut text = Vec::new();
            a.write_text(spec.repr(), &mut text);
            format_text(spec, &text, out)
        }
    }
}

/// `fmt % args` on dynamic values (import time, `--interp`): `args` are a
/// tuple's items, or the one argument that is not a tuple (`lenient` as
/// for `walk`).
pub fn format<A: FormatArg>(fmt: &[u8], args: &[A], lenient: bool) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(fmt.len() + 8 * args.len());
    walk(
        fmt,
        args.len(),
        lenient,
        |i| args[i].value().arg_type(),
        |s| match s {
            Step::Text(t) => {
                out.extend_from_slice(t);
                Ok(())
            }
            Step::Conv { spec, arg, route } => format_arg(&spec, route, &args[arg], &mut out),
        },
    )?;
    Ok(out)
}
