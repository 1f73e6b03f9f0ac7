//! Import-time methods of str, list and dict (their meaning on strings is
//! the semantics' text algorithms).

use super::value::{Key, Obj};
use super::{Loader, R};
use crate::program::builtin_class as bc;
use crate::span::Span;
use rpy_semantics::{seq, text};

const STR_METHODS: &[&str] = &[
    "join",
    "split",
    "strip",
    "lstrip",
    "rstrip",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "count",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "upper",
    "lower",
    "replace",
    "ljust",
    "rjust",
    "zfill",
    "splitlines",
];
const LIST_METHODS: &[&str] = &[
    "append", "pop", "insert", "extend", "reverse", "remove", "sort", "clear", "index", "count",
];
const DICT_METHODS: &[&str] = &[
    "get",
    "keys",
    "values",
    "items",
    "setdefault",
    "pop",
    "update",
    "clear",
    "copy",
];

/// Does `o` (a str, list or dict) have the builtin method `name` here?
pub fn exists(o: &Obj, name: &str) -> bool {
    let table = match o {
        Obj::Str(_) => STR_METHODS,
        Obj::List(_) => LIST_METHODS,
        Obj::Dict(_) => DICT_METHODS,
        _ => return false,
    };
    table.contains(&name)
}

impl Loader {
    pub fn call_builtin_method(&self, o: &Obj, name: &str, args: Vec<Obj>, span: Span) -> R<Obj> {
        match o {
            Obj::Str(s) => self.str_method(s, name, &args, span),
            Obj::List(_) => self.list_method(o, name, args, span),
            Obj::Dict(_) => self.dict_method(o, name, args, span),
            _ => unreachable!("bound only on strs, lists and dicts"),
        }
    }

    fn str_arg<'a>(&self, args: &'a [Obj], i: usize, span: Span) -> R<Option<&'a [u8]>> {
        match args.get(i) {
            None | Some(Obj::None) => Ok(None),
            Some(Obj::Str(s)) => Ok(Some(s)),
            Some(other) => self.type_error(format!("must be str, not {}", other.type_name()), span),
        }
    }

    fn str_method(&self, s: &[u8], name: &str, args: &[Obj], span: Span) -> R<Obj> {
        let a = |i| self.str_arg(args, i, span);
        let need = |i| -> R<&[u8]> {
            match self.str_arg(args, i, span)? {
                Some(x) => Ok(x),
                None => self.type_error(format!("{name}() takes a str argument"), span),
            }
        };
        let int_arg = |i: usize, default: i64| args.get(i).and_then(Obj::as_int).unwrap_or(default);
        let strs = |parts: Vec<&[u8]>| Obj::list(parts.into_iter().map(Obj::str).collect());
        let class = |f: fn(u8) -> bool| Obj::Bool(!s.is_empty() && text::all(s, f));
        let or_raise = |r: rpy_semantics::Result<Obj>| r.or_else(|e| self.raise_error(e, span));
        Ok(match name {
            "join" => {
                let mut out = Vec::new();
                for (i, x) in self.items(&args[0], span)?.iter().enumerate() {
                    if i > 0 {
                        out.extend_from_slice(s);
                    }
                    match x {
                        Obj::Str(x) => out.extend_from_slice(x),
                        _ => return self.type_error("sequence item: expected str instance", span),
                    }
                }
                Obj::str(&out)
            }
            "split" => or_raise(text::split(s, a(0)?, int_arg(1, -1)).map(strs))?,
            "splitlines" => strs(text::splitlines(s)),
            "strip" => Obj::str(text::trim(s, a(0)?, true, true)),
            "lstrip" => Obj::str(text::trim(s, a(0)?, true, false)),
            "rstrip" => Obj::str(text::trim(s, a(0)?, false, true)),
            "startswith" => Obj::Bool(s.starts_with(need(0)?)),
            "endswith" => Obj::Bool(s.ends_with(need(0)?)),
            "find" | "rfind" => Obj::Int(text::find_in(
                s,
                need(0)?,
                int_arg(1, 0),
                int_arg(2, i64::MAX),
                name == "rfind",
            )),
            "index" => or_raise(
                text::index_in(s, need(0)?, int_arg(1, 0), int_arg(2, i64::MAX), false)
                    .map(Obj::Int),
            )?,
            "count" => Obj::Int(text::count(s, need(0)?)),
            "isdigit" => class(text::is_digit),
            "isalpha" => class(text::is_alpha),
            "isalnum" => class(text::is_alnum),
            "isspace" => class(text::is_space),
            "isupper" => Obj::Bool(text::is_cased(s, true)),
            "islower" => Obj::Bool(text::is_cased(s, false)),
            "upper" => Obj::str(&text::upper(s)),
            "lower" => Obj::str(&text::lower(s)),
            "replace" => Obj::str(&text::replace(s, need(0)?, need(1)?, int_arg(2, -1))),
            "ljust" | "rjust" => {
                let fill = a(1)?.unwrap_or(b" ");
                let padded = text::pad(s, int_arg(0, 0), fill, name == "rjust");
                or_raise(padded.map(|p| Obj::str(p.as_deref().unwrap_or(s))))?
            }
            "zfill" => Obj::str(text::zfill(s, int_arg(0, 0)).as_deref().unwrap_or(s)),
            _ => unreachable!("checked by `exists`"),
        })
    }

    fn list_method(&self, o: &Obj, name: &str, args: Vec<Obj>, span: Span) -> R<Obj> {
        let Obj::List(l) = o else { unreachable!() };
        let len = l.borrow().len() as i64;
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Obj::None);
        Ok(match name {
            "append" => {
                l.borrow_mut().push(arg(0));
                Obj::None
            }
            "extend" => {
                let items = self.items(&arg(0), span)?;
                l.borrow_mut().extend(items);
                Obj::None
            }
            "insert" => {
                let at = seq::insert_position(arg(0).as_int().unwrap_or(0), len);
                l.borrow_mut().insert(at, arg(1));
                Obj::None
            }
            "pop" => {
                if len == 0 {
                    return self.raise_error(rpy_semantics::Error::PopFromEmptyList, span);
                }
                let at = args.first().and_then(Obj::as_int).unwrap_or(-1);
                match seq::index(at, len) {
                    Some(k) => l.borrow_mut().remove(k),
                    None => {
                        return self.raise_error(rpy_semantics::Error::PopIndexOutOfRange, span)
                    }
                }
            }
            "reverse" => {
                l.borrow_mut().reverse();
                Obj::None
            }
            "clear" => {
                l.borrow_mut().clear();
                Obj::None
            }
            "remove" | "index" => {
                let found = self.list_index(&l.borrow(), &arg(0));
                match (found, name) {
                    (Some(k), "index") => Obj::Int(k as i64),
                    (Some(k), _) => {
                        l.borrow_mut().remove(k);
                        Obj::None
                    }
                    (None, "index") => {
                        let e = rpy_semantics::Error::NotInList(self.repr(&arg(0)).into_bytes());
                        return self.raise_error(e, span);
                    }
                    (None, _) => {
                        return self.raise_error(rpy_semantics::Error::ListRemoveMissing, span)
                    }
                }
            }
            "count" => {
                let x = arg(0);
                Obj::Int(
                    l.borrow()
                        .iter()
                        .filter(|i| super::value::py_eq(i, &x))
                        .count() as i64,
                )
            }
            "sort" => {
                let items = l.borrow().clone();
                *l.borrow_mut() = self.sort_items(items, None, false, span)?;
                Obj::None
            }
            _ => unreachable!("checked by `exists`"),
        })
    }

    fn dict_method(&self, o: &Obj, name: &str, args: Vec<Obj>, span: Span) -> R<Obj> {
        let Obj::Dict(d) = o else { unreachable!() };
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Obj::None);
        let pairs = || -> Vec<(Obj, Obj)> {
            d.borrow()
                .iter()
                .map(|(k, v)| (k.0.clone(), v.clone()))
                .collect()
        };
        Ok(match name {
            "get" => {
                let k = arg(0);
                let hit = super::value::hashable(&k)
                    .then(|| d.borrow().get(&Key(k)).cloned())
                    .flatten();
                hit.unwrap_or_else(|| arg(1))
            }
            "keys" => Obj::list(pairs().into_iter().map(|p| p.0).collect()),
            "values" => Obj::list(pairs().into_iter().map(|p| p.1).collect()),
            "items" => Obj::list(
                pairs()
                    .into_iter()
                    .map(|(k, v)| Obj::tuple(vec![k, v]))
                    .collect(),
            ),
            "setdefault" => {
                let (k, v) = (arg(0), arg(1));
                if let Ok(found) = self.get_item(o, &k, span) {
                    return Ok(found);
                }
                self.set_item(o, k, v.clone(), span)?;
                v
            }
            "pop" => {
                let k = arg(0);
                match (self.get_item(o, &k, span), args.get(1)) {
                    (Ok(v), _) => {
                        self.del_item(o, &k, span)?;
                        v
                    }
                    (Err(_), Some(default)) => default.clone(),
                    (Err(e), None) => return Err(e),
                }
            }
            "update" => {
                let Obj::Dict(src) = arg(0) else {
                    return self.raise(bc::TYPE_ERROR, "update() takes a dict here", span);
                };
                let items: Vec<_> = src
                    .borrow()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                d.borrow_mut().extend(items);
                Obj::None
            }
            "clear" => {
                d.borrow_mut().clear();
                Obj::None
            }
            "copy" => Obj::Dict(std::rc::Rc::new(std::cell::RefCell::new(
                d.borrow().clone(),
            ))),
            _ => unreachable!("checked by `exists`"),
        })
    }
}
