//! `str % args`: the format string must be a constant (parsed at
//! translation time, as in RPython); its conversions are checked against
//! the arguments' types by the semantics' own walk (`rpy_semantics::format`),
//! so a wrong count or type is a translation error where Python would
//! raise TypeError. The rtyper lowers the same plan.

use super::model::SomeValue;
use super::Annotator;
use flowgraph::model::{Op, Value};
use rpy_front::program::{ConstValue, Program};
use rpy_front::DResult;
use rpy_semantics::format::{plan, ArgType, Step};

/// The constant format string of a `%` op on a str.
pub fn format_string(op: &Op) -> Option<&[u8]> {
    match &op.args[0] {
        Value::Const(ConstValue::Str(s)) => Some(s),
        _ => None,
    }
}

/// The arguments `%` formats given its right operand: a tuple's items, or
/// the one value; and whether that one value is a mapping (which Python
/// lets stay unconverted).
pub fn format_args(prog: &Program, right: &SomeValue) -> (Vec<SomeValue>, bool) {
    match right {
        SomeValue::Tuple(items) => (items.to_vec(), false),
        SomeValue::List {
            nullable: false, ..
        }
        | SomeValue::Dict {
            nullable: false, ..
        } => (vec![right.clone()], true),
        SomeValue::Instance {
            class,
            nullable: false,
        } => {
            let mapping = prog.lookup_method(*class, "__getitem__").is_some();
            (vec![right.clone()], mapping)
        }
        one => (vec![one.clone()], false),
    }
}

/// What the semantics' checks see of an annotation.
pub fn arg_type(prog: &Program, a: &SomeValue) -> ArgType {
    let other = |name: &str| ArgType::Other(name.to_string());
    match a {
        a if a.is_intlike() => ArgType::Int,
        SomeValue::Float => ArgType::Float,
        SomeValue::Str { .. } => ArgType::Str,
        SomeValue::None => other("NoneType"),
        SomeValue::List { .. } => other("list"),
        SomeValue::Dict { .. } => other("dict"),
        SomeValue::Tuple(_) => other("tuple"),
        SomeValue::Instance { class, .. } => other(&prog.class(*class).name),
        SomeValue::Funcs(_) => other("function"),
        SomeValue::Classes(_) => other("type"),
        _ => other("object"),
    }
}

/// The steps of the `%` op `op` on the arguments `right` (annotator and
/// rtyper alike), or the semantics' error.
pub fn format_plan<'a>(
    prog: &Program,
    op: &'a Op,
    right: &SomeValue,
) -> Option<rpy_semantics::Result<Vec<Step<'a>>>> {
    let fmt = format_string(op)?;
    let (args, lenient) = format_args(prog, right);
    let types: Vec<ArgType> = args.iter().map(|a| arg_type(prog, a)).collect();
    Some(plan(fmt, &types, lenient))
}

impl Annotator<'_> {
    /// The type of `fmt % right`: a str, once the format is known to be
    /// constant and to fit the arguments.
    pub(super) fn percent_format(&self, op: &Op, right: &SomeValue) -> DResult<SomeValue> {
        let Some(planned) = format_plan(self.prog, op, right) else {
            return Err(self.error(
                op.span,
                "the format string of % must be a constant (as in RPython)",
            ));
        };
        if let Err(e) = planned {
            let fmt = format_string(op).unwrap_or_default();
            return Err(self.error(
                op.span,
                format!(
                    "% formatting: {} (the format {} on {})",
                    String::from_utf8_lossy(&e.message()),
                    rpy_semantics::repr::str_repr_string(fmt),
                    self.show(right)
                ),
            ));
        }
        Ok(SomeValue::STR)
    }
}
