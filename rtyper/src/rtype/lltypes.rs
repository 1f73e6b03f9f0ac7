//! Annotations → low-level types, and the names of LL types in user terms
//! (for diagnostics).

use super::RTyper;
use crate::annotate::{IterKind, SomeValue};
use crate::ll::LLType;
use rpy_front::program::FuncId;
use std::rc::Rc;

impl RTyper<'_> {
    /// The LL type of an annotation. Values that carry no run-time
    /// information (`None`, one known function or class, builtins,
    /// drivers, modules, unreachable values) are `Void`.
    pub fn ll(&self, a: &SomeValue) -> Result<LLType, String> {
        Ok(match self.ann.norm(a) {
            SomeValue::Impossible
            | SomeValue::None
            | SomeValue::Builtin(_)
            | SomeValue::Driver(_)
            | SomeValue::ExtModule => LLType::Void,
            SomeValue::Int { .. } => LLType::Signed,
            SomeValue::Bool => LLType::Bool,
            SomeValue::UInt => LLType::Unsigned,
            SomeValue::Float => LLType::Float,
            SomeValue::Str {
                char: true,
                nullable: false,
            } => LLType::Char,
            SomeValue::Str { .. } => LLType::Str,
            SomeValue::List { def, .. } => {
                let d = self.ann.listdef(def);
                LLType::list(self.item(&d.item)?, d.kind())
            }
            SomeValue::Dict { def, .. } => {
                let d = self.ann.dictdef(def);
                LLType::dict(self.item(&d.key)?, self.item(&d.value)?)
            }
            SomeValue::Tuple(items) => self.tuple_type(&items, |i| self.ll(i))?,
            SomeValue::Instance { class, .. } => self.instance_type(class),
            SomeValue::Funcs(fs) if fs.len() == 1 => LLType::Void,
            SomeValue::Funcs(fs) => {
                // Unreached functions are never called through the place
                // (their constants are null there): only the others count.
                let reached: Vec<FuncId> = fs
                    .iter()
                    .copied()
                    .filter(|&f| self.ann.is_reached(f))
                    .collect();
                let fs = if reached.is_empty() {
                    fs.iter().copied().take(1).collect()
                } else {
                    reached
                };
                let mut sigs = fs.iter().map(|&f| self.sig(f));
                let first = sigs.next().expect("a non-empty set")?;
                for s in sigs {
                    if s? != first {
                        let names: Vec<&str> = fs
                            .iter()
                            .map(|&f| self.prog.func(f).name.as_str())
                            .collect();
                        return Err(format!(
                            "the functions {} are stored in one place but do not have one signature",
                            names.join(", ")
                        ));
                    }
                }
                first
            }
            SomeValue::Classes(cs) if cs.len() == 1 => LLType::Void,
            SomeValue::Classes(_) => LLType::Class,
            SomeValue::Iter(kind) => LLType::Iter(Rc::new(match kind {
                IterKind::List(d) => self.ll(&SomeValue::List {
                    def: d,
                    nullable: false,
                })?,
                IterKind::Str => LLType::Str,
                IterKind::Dict(d) => self.ll(&SomeValue::Dict {
                    def: d,
                    nullable: false,
                })?,
            })),
        })
    }

    /// The LL type of a list item, dict key or dict value (and of the
    /// items of a tuple stored there). Items that are only ever `None` (or
    /// never stored: `[]` that stays empty) are null string pointers, so
    /// the container has a real item type and shows them as `None`.
    /// One known function or class is stored as a function pointer or a
    /// class pointer.
    fn item(&self, a: &SomeValue) -> Result<LLType, String> {
        Ok(match self.ann.norm(a) {
            SomeValue::Impossible | SomeValue::None => LLType::Str,
            SomeValue::Funcs(fs) if fs.len() == 1 => {
                self.sig(*fs.iter().next().expect("one function"))?
            }
            SomeValue::Classes(cs) if cs.len() == 1 => LLType::Class,
            SomeValue::Tuple(items) => self.tuple_type(&items, |i| self.item(i))?,
            _ => self.ll(a)?,
        })
    }

    /// A tuple type, each item's type by `item`.
    fn tuple_type(
        &self,
        items: &[SomeValue],
        item: impl Fn(&SomeValue) -> Result<LLType, String>,
    ) -> Result<LLType, String> {
        let types = items.iter().map(item).collect::<Result<Vec<_>, _>>()?;
        Ok(LLType::Tuple(types.into()))
    }

    pub fn instance_type(&self, c: rpy_front::program::ClassId) -> LLType {
        LLType::Instance(c, Rc::from(self.prog.class(c).name.as_str()))
    }
}

/// An LL type as the user would say it: `int`, `list[str]`, `Shape`.
pub fn user_name(t: &LLType) -> String {
    match t {
        LLType::Void => "None".into(),
        LLType::Bool => "bool".into(),
        LLType::Signed => "int".into(),
        LLType::Unsigned => "r_uint".into(),
        LLType::Float => "float".into(),
        LLType::Char | LLType::Str => "str".into(),
        LLType::List { item, .. } => format!("list[{}]", user_name(item)),
        LLType::Dict(k, v) => format!("dict[{}, {}]", user_name(k), user_name(v)),
        LLType::Tuple(ts) => {
            let items: Vec<String> = ts.iter().map(user_name).collect();
            format!("tuple[{}]", items.join(", "))
        }
        LLType::Instance(_, name) => name.to_string(),
        LLType::Class => "class".into(),
        LLType::Func(..) => "function".into(),
        LLType::Iter(c) => format!("iterator over {}", user_name(c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ll::ListKind;

    #[test]
    fn user_names() {
        assert_eq!(
            user_name(&LLType::list(LLType::Char, ListKind::Resizable)),
            "list[str]"
        );
        assert_eq!(
            user_name(&LLType::dict(LLType::Str, LLType::Signed)),
            "dict[str, int]"
        );
    }
}
