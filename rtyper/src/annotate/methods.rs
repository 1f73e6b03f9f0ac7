//! Annotating a call of a builtin method (`s.split()`, `xs.append(x)`,
//! `d.get(k, v)`): which methods exist, their argument counts and str/int
//! arguments come from the one table `crate::methods`; the rules here add
//! what the table cannot say (new lists, effects on the receiver's list or
//! dict, the result of a list or dict method).

use super::calls::Arg;
use super::model::*;
use super::Annotator;
use crate::methods::{self, Arg as Kind, Dflt, Method, MethodRow, Recv, Res};
use flowgraph::model::Op;
use rpy_front::{DResult, Span};
use SomeValue as S;

impl Annotator<'_> {
    pub(super) fn builtin_method(
        &mut self,
        op: &Op,
        recv: &SomeValue,
        name: &str,
        args: Vec<Arg>,
    ) -> DResult<SomeValue> {
        let span = op.span;
        let kind = match recv {
            S::Str { .. } => Recv::Str,
            S::List { .. } => Recv::List,
            S::Dict { .. } => Recv::Dict,
            _ => {
                return Err(self.error(span, format!("{} has no method '{name}'", self.show(recv))))
            }
        };
        let no_method = || format!("{} has no method '{name}' in rpy", kind_name(kind));
        let method = Method::from_name(name).ok_or_else(|| self.error(span, no_method()))?;
        let (lo, hi) = methods::arity(kind, method).ok_or_else(|| self.error(span, no_method()))?;
        let n = args.len();
        let Some(row) = methods::lookup(kind, method, n) else {
            let range = match (lo, hi) {
                (1, 1) => "1 argument".to_string(),
                (lo, hi) if hi > lo => format!("{lo} to {hi} arguments"),
                (lo, _) => format!("{lo} arguments"),
            };
            return Err(self.error(
                span,
                format!("{}.{name}() takes {range}, {n} given", self.show(recv)),
            ));
        };
        self.check_method_args(row, recv, &args, span)?;
        Ok(match row.result {
            Res::Bool => S::Bool,
            Res::Int => S::INT,
            Res::NonNeg => S::NONNEG,
            Res::Str => S::STR,
            Res::Rule => self.method_rule(op, recv, method, &args)?,
        })
    }

    /// The table's argument kinds: a str (or `None` where the default is
    /// `None`) or an int.
    fn check_method_args(
        &self,
        row: &MethodRow,
        recv: &SomeValue,
        args: &[Arg],
        span: Span,
    ) -> DResult<()> {
        for (i, ((a, _), want)) in args.iter().zip(row.args).enumerate() {
            let none_default =
                i >= row.min && matches!(row.defaults.get(i - row.min), Some(Dflt::None));
            let ok = match want {
                Kind::Str => matches!(a, S::Str { .. }) || none_default && *a == S::None,
                Kind::Int => a.is_intlike(),
                Kind::Any => true,
            };
            if !ok {
                let what = if *want == Kind::Str {
                    "a str"
                } else {
                    "an int"
                };
                return Err(self.error(
                    span,
                    format!(
                        "{}.{}() needs {what} argument, not {}",
                        self.show(recv),
                        row.method.name(),
                        self.show(a)
                    ),
                ));
            }
        }
        Ok(())
    }

    fn method_rule(
        &mut self,
        op: &Op,
        recv: &SomeValue,
        method: Method,
        args: &[Arg],
    ) -> DResult<SomeValue> {
        match recv {
            S::List { def, .. } => self.list_method(op, *def, method, args),
            S::Dict { def, .. } => self.dict_method(op, *def, method, args),
            _ => self.str_method(op, method, args),
        }
    }

    /// `sep.join(xs)` and `s.split(…)`.
    fn str_method(&mut self, op: &Op, method: Method, args: &[Arg]) -> DResult<SomeValue> {
        let span = op.span;
        if method == Method::Join {
            let item = match &args[0].0 {
                S::List { def, .. } => Some(self.list_item(*def)),
                _ => None,
            };
            if !matches!(item, Some(S::Str { .. } | S::Impossible)) {
                return Err(self.error(
                    span,
                    format!(
                        "str.join() needs a list of strs, not {}",
                        self.show(&args[0].0)
                    ),
                ));
            }
            return Ok(S::STR);
        }
        let d = self.list_site(op.result, S::STR, span);
        Ok(S::List {
            def: d,
            nullable: false,
        })
    }

    fn list_method(
        &mut self,
        op: &Op,
        def: ListDefId,
        method: Method,
        args: &[Arg],
    ) -> DResult<SomeValue> {
        let span = op.span;
        Ok(match method {
            Method::Append | Method::Insert => {
                let (item, at) = &args[args.len() - 1];
                self.list_store(def, item, *at)?;
                self.list_mutate(def, true, span);
                S::None
            }
            Method::Extend => {
                let S::List { def: other, .. } = &args[0].0 else {
                    return Err(self.error(
                        span,
                        format!("list.extend() needs a list, not {}", self.show(&args[0].0)),
                    ));
                };
                self.list_agree(def, *other, args[0].1)?;
                self.list_mutate(def, true, span);
                S::None
            }
            Method::Pop => {
                self.list_mutate(def, true, span);
                self.list_item(def)
            }
            Method::Remove => {
                self.list_probe(def, &args[0].0, args[0].1)?;
                self.list_mutate(def, true, span);
                S::None
            }
            Method::Reverse | Method::Sort | Method::Clear => {
                self.list_mutate(def, method == Method::Clear, span);
                S::None
            }
            _ => {
                self.list_probe(def, &args[0].0, args[0].1)?;
                S::NONNEG
            }
        })
    }

    fn dict_method(
        &mut self,
        op: &Op,
        def: DictDefId,
        method: Method,
        args: &[Arg],
    ) -> DResult<SomeValue> {
        let span = op.span;
        self.depend_dict(def);
        let d = self.a.dictdef(def).clone();
        Ok(match method {
            Method::Get | Method::Pop => {
                self.dict_key_check(&args[0].0, span)?;
                self.dict_store(def, Some(&args[0].0), None, args[0].1)?;
                // As RPython: the default generalizes the dict's values,
                // so one LL type holds both; `get(k)`'s default is None.
                let default = match (args.get(1), method) {
                    (Some((d, at)), _) => Some((d.clone(), *at)),
                    (None, Method::Get) => Some((S::None, span)),
                    (None, _) => None,
                };
                if let Some((default, at)) = default {
                    self.dict_store(def, None, Some(&default), at)?;
                }
                let r = self.a.dict_root(def);
                self.a.dictdefs[r.0 as usize].value.clone()
            }
            Method::Keys | Method::Values | Method::Items => {
                let item = match method {
                    Method::Keys => d.key,
                    Method::Values => d.value,
                    _ => Self::tuple(vec![d.key, d.value]),
                };
                let l = self.list_site(op.result, item.clone(), span);
                self.list_store(l, &item, span)?;
                self.dict_follows_list(def, method.name(), l, span)?;
                S::List {
                    def: l,
                    nullable: false,
                }
            }
            _ => S::None,
        })
    }
}

fn kind_name(kind: Recv) -> &'static str {
    match kind {
        Recv::Char | Recv::Str => "str",
        Recv::List => "list",
        Recv::Dict => "dict",
    }
}
