//! `str % args` at import time: the semantics' `%` formatting
//! (`rpy_semantics::format`) on import-time objects, with Python's `str`
//! and `repr` of them. Any format string is allowed here: import time is
//! Python.

use crate::load::value::Obj;
use crate::load::Loader;
use rpy_semantics::format::{self, ArgValue, FormatArg};

/// One argument of `%` and the evaluator that prints it.
struct Arg<'a> {
    loader: &'a Loader,
    obj: &'a Obj,
}

impl FormatArg for Arg<'_> {
    fn value(&self) -> ArgValue<'_> {
        match self.obj {
            Obj::Str(s) => ArgValue::Str(s),
            Obj::Float(f) => ArgValue::Float(*f),
            o => match o.as_int() {
                Some(i) => ArgValue::Int(i),
                None => ArgValue::Other(o.type_name()),
            },
        }
    }

    fn write_text(&self, repr: bool, out: &mut Vec<u8>) {
        match self.obj {
            Obj::Str(s) if !repr => out.extend_from_slice(s),
            o if repr => out.extend_from_slice(self.loader.repr(o).as_bytes()),
            o => out.extend_from_slice(self.loader.to_str(o).as_bytes()),
        }
    }
}

/// Is `x` a mapping for Python's `%` (a dict, a list, an object with
/// `__getitem__`), which may stay unconverted?
fn mapping(x: &Obj) -> bool {
    match x {
        Obj::Dict(_) | Obj::List(_) => true,
        Obj::Instance(i) => i.class.lookup("__getitem__").is_some(),
        _ => false,
    }
}

/// `fmt % x`.
pub(crate) fn format(loader: &Loader, fmt: &[u8], x: &Obj) -> rpy_semantics::Result<Obj> {
    let arg = |obj| Arg { loader, obj };
    let text = match x {
        Obj::Tuple(items) => {
            let args: Vec<Arg> = items.iter().map(arg).collect();
            format::format(fmt, &args, false)?
        }
        one => format::format(fmt, &[arg(one)], mapping(one))?,
    };
    Ok(Obj::str(&text))
}
