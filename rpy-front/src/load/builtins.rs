//! Import-time builtins: the dialect's builtins (`len`, `range`, the JIT
//! hints, …) and the import-time-only ones (`globals`, `setattr`, …), with
//! `str()`/`repr()` of import-time objects.

use super::value::{py_eq, HostFn, Obj};
use super::{Loader, R};
use crate::program::{builtin_class as bc, Builtin, FuncHints, OsFn};
use crate::span::Span;
use rpy_semantics::{float, int, parse, repr, text};
use std::io::Write;
use std::rc::Rc;

type Kwargs = Vec<(String, Obj)>;

impl Loader {
    fn arity(&self, what: &str, args: &[Obj], lo: usize, hi: usize, span: Span) -> R<()> {
        if (lo..=hi).contains(&args.len()) {
            return Ok(());
        }
        let want = if lo == hi {
            format!("exactly {lo}")
        } else {
            format!("{lo} to {hi}")
        };
        self.type_error(
            format!("{what}() takes {want} arguments ({} given)", args.len()),
            span,
        )
    }

    pub fn call_builtin(&self, b: Builtin, args: Vec<Obj>, kwargs: Kwargs, span: Span) -> R<Obj> {
        if b == Builtin::JitDriver {
            let kwargs = kwargs.into_iter().map(|(k, v)| (k, v, span)).collect();
            return self.make_driver(&args, kwargs, span);
        }
        if b == Builtin::Print {
            return self.print(&args, kwargs, span);
        }
        if let Some(h) = HostFn::lookup(b.name()) {
            // `dict`, `tuple`, `type`: import time's own
            return self.call_host(h, args, kwargs, span);
        }
        if b != Builtin::Hint {
            self.no_kwargs(&kwargs, b.name(), span)?;
        }
        let (lo, hi) = b.arity();
        self.arity(b.name(), &args, lo, hi, span)?;
        let a0 = args.first().cloned().unwrap_or(Obj::None);
        Ok(match b {
            Builtin::Len => self.len(&a0, span)?,
            Builtin::Range => self.range(&args, span)?,
            Builtin::Enumerate => {
                let items = self.items(&a0, span)?;
                Obj::list(
                    items
                        .into_iter()
                        .enumerate()
                        .map(|(i, x)| Obj::tuple(vec![Obj::Int(i as i64), x]))
                        .collect(),
                )
            }
            Builtin::Int => self.int(&args, span)?,
            Builtin::Str => Obj::str(self.to_str(&a0).as_bytes()),
            Builtin::Float => match &a0 {
                Obj::Str(s) => parse::float(s)
                    .map(Obj::Float)
                    .or_else(|e| self.raise_error(e, span))?,
                v => match v.as_f64() {
                    Some(f) => Obj::Float(f),
                    None => {
                        return self
                            .type_error("float() argument must be a string or a number", span)
                    }
                },
            },
            Builtin::Bool => Obj::Bool(!args.is_empty() && self.truth(&a0, span)?),
            Builtin::Ord => match &a0 {
                Obj::Str(s) => text::ord(s)
                    .map(Obj::Int)
                    .or_else(|e| self.raise_error(e, span))?,
                _ => return self.type_error("ord() expected a character", span),
            },
            Builtin::Chr => match a0.as_int() {
                Some(i) => int::chr(i)
                    .map(|c| Obj::str(&[c]))
                    .or_else(|e| self.raise_error(e, span))?,
                None => return self.type_error("an integer is required", span),
            },
            Builtin::Abs => match &a0 {
                Obj::Float(f) => Obj::Float(f.abs()),
                v => match v.as_int() {
                    Some(i) => Obj::Int(int::abs(i)),
                    None => return self.type_error("bad operand type for abs()", span),
                },
            },
            Builtin::Min | Builtin::Max => {
                // Python keeps the first argument on ties.
                let o = self.order(&args[1], &args[0], span)?;
                let want = if b == Builtin::Min {
                    std::cmp::Ordering::Less
                } else {
                    std::cmp::Ordering::Greater
                };
                let second = o == want;
                args[usize::from(second)].clone()
            }
            Builtin::Isinstance => Obj::Bool(self.isinstance(&args[0], &args[1], span)?),
            Builtin::List => Obj::list(self.items(&a0, span)?),
            Builtin::Hash => Obj::Int(self.hash(&a0, span)?),
            Builtin::Super => match (&args[0], args.get(1)) {
                (Obj::Class(c), Some(this)) => Obj::Super(Rc::new((c.clone(), this.clone()))),
                _ => return self.type_error("super() takes a class and an instance", span),
            },
            Builtin::Elidable | Builtin::DontLookInside | Builtin::UnrollSafe => {
                self.hint_decorator(b, a0, span)?
            }
            Builtin::Promote | Builtin::PromoteString | Builtin::Hint => a0,
            Builtin::WeAreJitted | Builtin::WeAreTranslated => Obj::Bool(false),
            Builtin::OvfCheck | Builtin::Widen => a0,
            Builtin::RUint => self.r_uint(&a0, span)?,
            Builtin::IntMask => self.intmask(&a0, span)?,
            Builtin::IsValidInt => Obj::Bool(self.is_valid_int(&a0)),
            Builtin::LookInsideIff => Obj::Host(HostFn::Keep),
            Builtin::SetParam | Builtin::SetUserParam => Obj::None,
            Builtin::Write | Builtin::WriteErr => {
                let s = self.to_str(&a0);
                if b == Builtin::Write {
                    let _ = std::io::stdout().write_all(s.as_bytes());
                } else {
                    let _ = std::io::stderr().write_all(s.as_bytes());
                }
                Obj::None
            }
            Builtin::Flush => {
                let _ = std::io::stdout().flush();
                Obj::None
            }
            Builtin::ReadFile => match &a0 {
                Obj::Str(p) => match rpy_semantics::io::read_file(p) {
                    Ok(bytes) => Obj::str(&bytes),
                    Err(e) => return self.raise_error(e, span),
                },
                _ => return self.type_error("read_file() takes a path", span),
            },
            Builtin::Os(f) => self.os_call(f, &args, span)?,
            Builtin::ReadStdin
            | Builtin::Print
            | Builtin::JitDriver
            | Builtin::Dict
            | Builtin::Tuple
            | Builtin::Type => {
                return self.diag(span, format!("{}() cannot run at import time", b.name()))
            }
        })
    }

    /// `os.*` and `time.*` at import time: the semantics' operations (fds
    /// 1 and 2 are this process's stdout and stderr).
    fn os_call(&self, f: OsFn, args: &[Obj], span: Span) -> R<Obj> {
        use rpy_semantics::io;
        let int = |i: usize| -> R<i64> {
            match args.get(i).and_then(Obj::as_int) {
                Some(n) => Ok(n),
                None => self.type_error(format!("{}() takes an int here", f.name()), span),
            }
        };
        let bytes = |i: usize| -> R<&[u8]> {
            match args.get(i) {
                Some(Obj::Str(s)) => Ok(s),
                _ => self.type_error(format!("{}() takes a str here", f.name()), span),
            }
        };
        let r = match f {
            OsFn::Write if matches!(int(0)?, 1 | 2) => {
                let s = bytes(1)?;
                let _ = std::io::stdout().flush();
                let r = if int(0)? == 1 {
                    std::io::stdout().write_all(s)
                } else {
                    std::io::stderr().write_all(s)
                };
                Ok(Obj::Int(if r.is_ok() { s.len() as i64 } else { 0 }))
            }
            OsFn::Write => io::write(int(0)?, bytes(1)?).map(Obj::Int),
            OsFn::Read => io::read(int(0)?, int(1)?).map(|v| Obj::str(&v)),
            OsFn::Open => {
                let mode = if args.len() > 2 { int(2)? } else { 0o777 };
                io::open(bytes(0)?, int(1)?, mode).map(Obj::Int)
            }
            OsFn::Close => io::close(int(0)?).map(|_| Obj::None),
            OsFn::Lseek => io::lseek(int(0)?, int(1)?, int(2)?).map(Obj::Int),
            OsFn::Time | OsFn::Clock => Ok(Obj::Float(io::time())),
        };
        r.or_else(|e| self.raise_error(e, span))
    }

    /// `@elidable` and the other JIT hints on a function.
    fn hint_decorator(&self, b: Builtin, f: Obj, span: Span) -> R<Obj> {
        let Obj::Func(func) = &f else {
            return self.type_error(format!("@{} decorates a function", b.name()), span);
        };
        let mut h: FuncHints = func.hints.get();
        match b {
            Builtin::Elidable => h.elidable = true,
            Builtin::DontLookInside => h.dont_look_inside = true,
            _ => h.unroll_safe = true,
        }
        func.hints.set(h);
        Ok(f)
    }

    fn print(&self, args: &[Obj], kwargs: Kwargs, span: Span) -> R<Obj> {
        let (mut sep, mut end) = (" ".to_string(), "\n".to_string());
        for (k, v) in kwargs {
            match k.as_str() {
                "sep" => sep = self.to_str(&v),
                "end" => end = self.to_str(&v),
                _ => {
                    return self.type_error(
                        format!("print() got an unexpected keyword argument '{k}'"),
                        span,
                    )
                }
            }
        }
        let parts: Vec<String> = args.iter().map(|a| self.to_str(a)).collect();
        let _ = write!(std::io::stdout(), "{}{}", parts.join(&sep), end);
        Ok(Obj::None)
    }

    fn len(&self, v: &Obj, span: Span) -> R<Obj> {
        Ok(Obj::Int(match v {
            Obj::Str(s) => s.len() as i64,
            Obj::Tuple(t) => t.len() as i64,
            Obj::List(l) => l.borrow().len() as i64,
            Obj::Dict(d) => d.borrow().len() as i64,
            Obj::Instance(_) => return self.call_method(v, "__len__", vec![], span),
            other => {
                return self.type_error(
                    format!("object of type '{}' has no len()", other.type_name()),
                    span,
                )
            }
        }))
    }

    /// `range(...)` at import time: the list of its ints.
    fn range(&self, args: &[Obj], span: Span) -> R<Obj> {
        let ints = args
            .iter()
            .map(|a| a.as_int())
            .collect::<Option<Vec<i64>>>();
        let Some(ints) = ints else {
            return self.type_error("range() arguments must be integers", span);
        };
        let (start, stop, step) = match ints.as_slice() {
            [n] => (0, *n, 1),
            [a, b] => (*a, *b, 1),
            [a, b, c] => (*a, *b, *c),
            _ => unreachable!("arity checked"),
        };
        if step == 0 {
            return self.raise_error(rpy_semantics::Error::RangeStepZero, span);
        }
        let mut out = Vec::new();
        let mut i = start;
        while (step > 0 && i < stop) || (step < 0 && i > stop) {
            out.push(Obj::Int(i));
            i = i.wrapping_add(step);
        }
        Ok(Obj::list(out))
    }

    fn int(&self, args: &[Obj], span: Span) -> R<Obj> {
        let r = match (&args[0], args.get(1)) {
            (Obj::Str(s), base) => {
                let base = base.and_then(Obj::as_int).unwrap_or(10);
                parse::int(s, base)
            }
            (Obj::Float(f), None) => float::to_int(*f),
            (v, None) if v.as_int().is_some() => Ok(v.as_int().unwrap_or(0)),
            (v, _) => {
                return self.type_error(
                    format!(
                        "int() argument must be a string or a number, not '{}'",
                        v.type_name()
                    ),
                    span,
                )
            }
        };
        r.map(Obj::Int).or_else(|e| self.raise_error(e, span))
    }

    fn hash(&self, v: &Obj, span: Span) -> R<i64> {
        Ok(match v {
            Obj::Float(f) => float::hash(*f),
            Obj::Str(_) | Obj::Tuple(_) | Obj::List(_) | Obj::Dict(_) => {
                return self.diag(
                    span,
                    format!(
                        "hash() of a {} at import time is not supported",
                        v.type_name()
                    ),
                )
            }
            other => match other.as_int() {
                Some(i) => int::hash(i),
                None => other.identity().unwrap_or(0) as i64,
            },
        })
    }

    fn isinstance(&self, v: &Obj, classes: &Obj, span: Span) -> R<bool> {
        let one = |c: &Obj| -> R<bool> {
            match c {
                Obj::Class(c) => Ok(matches!(v, Obj::Instance(i) if i.class.is_subclass(c))),
                Obj::Builtin(b) => Ok(matches!(
                    (b, v),
                    (Builtin::Int, Obj::Int(_) | Obj::Bool(_))
                        | (Builtin::Float, Obj::Float(_))
                        | (Builtin::Str, Obj::Str(_))
                        | (Builtin::Bool, Obj::Bool(_))
                        | (Builtin::List, Obj::List(_))
                )),
                Obj::Host(HostFn::Tuple) => Ok(matches!(v, Obj::Tuple(_))),
                Obj::Host(HostFn::Dict) => Ok(matches!(v, Obj::Dict(_))),
                _ => self.type_error("isinstance() arg 2 must be a type or tuple of types", span),
            }
        };
        match classes {
            Obj::Tuple(cs) => {
                for c in cs.iter() {
                    if one(c)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            c => one(c),
        }
    }

    pub fn call_host(&self, h: HostFn, args: Vec<Obj>, kwargs: Kwargs, span: Span) -> R<Obj> {
        if h == HostFn::Sorted {
            return self.sorted(args, kwargs, span);
        }
        if h == HostFn::Keep {
            self.arity("decorator", &args, 1, 1, span)?;
            return Ok(args[0].clone());
        }
        self.no_kwargs(&kwargs, h.name(), span)?;
        let (lo, hi) = match h {
            HostFn::Globals => (0, 0),
            HostFn::Staticmethod => (1, 1),
            HostFn::Tuple | HostFn::Dict => (0, 1),
            HostFn::Getattr => (2, 3),
            HostFn::Setattr => (3, 3),
            HostFn::Hasattr | HostFn::Issubclass => (2, 2),
            HostFn::Zip => (0, usize::MAX),
            HostFn::Sum => (1, 2),
            _ => (1, 1),
        };
        self.arity(h.name(), &args, lo, hi, span)?;
        let a0 = args.first().cloned().unwrap_or(Obj::None);
        Ok(match h {
            HostFn::Globals => Obj::Dict(self.main.globals.clone()),
            HostFn::Staticmethod => match a0 {
                Obj::Func(f) => Obj::StaticMethod(f),
                other => {
                    return self
                        .type_error(format!("staticmethod() of a {}", other.type_name()), span)
                }
            },
            HostFn::Getattr => {
                let name = self.attr_name(&args[1], span)?;
                match (self.get_attr(&a0, &name, span), args.get(2)) {
                    (Err(super::Stop::Exc(_)), Some(default)) => default.clone(),
                    (r, _) => r?,
                }
            }
            HostFn::Setattr => {
                let name = self.attr_name(&args[1], span)?;
                self.set_attr(&a0, &name, args[2].clone(), span)?;
                Obj::None
            }
            HostFn::Hasattr => {
                let name = self.attr_name(&args[1], span)?;
                Obj::Bool(self.get_attr(&a0, &name, span).is_ok())
            }
            HostFn::Tuple => Obj::tuple(if args.is_empty() {
                vec![]
            } else {
                self.items(&a0, span)?
            }),
            HostFn::Dict => self.dict_of(args.first(), span)?,
            HostFn::Reversed => {
                let mut items = self.items(&a0, span)?;
                items.reverse();
                Obj::list(items)
            }
            HostFn::Zip => {
                let seqs = args
                    .iter()
                    .map(|a| self.items(a, span))
                    .collect::<R<Vec<_>>>()?;
                let n = seqs.iter().map(Vec::len).min().unwrap_or(0);
                Obj::list(
                    (0..n)
                        .map(|i| Obj::tuple(seqs.iter().map(|s| s[i].clone()).collect()))
                        .collect(),
                )
            }
            HostFn::Repr => Obj::str(self.repr(&a0).as_bytes()),
            HostFn::Sum => {
                let mut acc = args.get(1).cloned().unwrap_or(Obj::Int(0));
                for x in self.items(&a0, span)? {
                    acc = self.binop(crate::ast::BinOp::Add, &acc, &x, span)?;
                }
                acc
            }
            HostFn::Any | HostFn::All => {
                let want = h == HostFn::Any;
                for x in self.items(&a0, span)? {
                    if self.truth(&x, span)? == want {
                        return Ok(Obj::Bool(want));
                    }
                }
                Obj::Bool(!want)
            }
            HostFn::Issubclass => match (&args[0], &args[1]) {
                (Obj::Class(a), Obj::Class(b)) => Obj::Bool(a.is_subclass(b)),
                _ => return self.type_error("issubclass() arguments must be classes", span),
            },
            HostFn::Type => match &a0 {
                Obj::Instance(i) => Obj::Class(i.class.clone()),
                other => {
                    return self.diag(
                        span,
                        format!(
                            "type() of a {} at import time is not supported",
                            other.type_name()
                        ),
                    )
                }
            },
            HostFn::Sorted | HostFn::Keep => unreachable!("handled above"),
        })
    }

    fn attr_name(&self, v: &Obj, span: Span) -> R<String> {
        match v {
            Obj::Str(s) => Ok(String::from_utf8_lossy(s).into_owned()),
            _ => self.type_error("attribute name must be string", span),
        }
    }

    fn dict_of(&self, from: Option<&Obj>, span: Span) -> R<Obj> {
        let d = Obj::Dict(Default::default());
        match from {
            None => {}
            Some(Obj::Dict(src)) => {
                let pairs: Vec<_> = src
                    .borrow()
                    .iter()
                    .map(|(k, v)| (k.0.clone(), v.clone()))
                    .collect();
                for (k, v) in pairs {
                    self.set_item(&d, k, v, span)?;
                }
            }
            Some(seq) => {
                for pair in self.items(seq, span)? {
                    let kv = self.items(&pair, span)?;
                    let [k, v] = <[Obj; 2]>::try_from(kv).map_err(|_| {
                        self.exc(
                            self.value_error_obj(
                                "dictionary update sequence element has wrong length",
                            ),
                            span,
                        )
                    })?;
                    self.set_item(&d, k, v, span)?;
                }
            }
        }
        Ok(d)
    }

    fn value_error_obj(&self, msg: &str) -> Rc<super::value::InstObj> {
        Rc::new(super::value::InstObj {
            class: self.builtin_class(bc::VALUE_ERROR),
            fields: Default::default(),
            args: vec![Obj::str(msg.as_bytes())],
        })
    }

    /// `sorted(xs, key=f, reverse=b)`: a stable merge sort whose comparisons may raise.
    pub fn sorted(&self, args: Vec<Obj>, kwargs: Kwargs, span: Span) -> R<Obj> {
        self.arity("sorted", &args, 1, 1, span)?;
        let items = self.items(&args[0], span)?;
        let (mut key, mut reverse) = (None, false);
        for (k, v) in kwargs {
            match k.as_str() {
                "key" => key = Some(v),
                "reverse" => reverse = self.truth(&v, span)?,
                _ => {
                    return self.type_error(
                        format!("sorted() got an unexpected keyword argument '{k}'"),
                        span,
                    )
                }
            }
        }
        Ok(Obj::list(self.sort_items(
            items,
            key.as_ref(),
            reverse,
            span,
        )?))
    }

    pub fn sort_items(
        &self,
        items: Vec<Obj>,
        key: Option<&Obj>,
        reverse: bool,
        span: Span,
    ) -> R<Vec<Obj>> {
        let mut keyed = Vec::with_capacity(items.len());
        for x in items {
            let k = match key {
                Some(f) => self.call(f, vec![x.clone()], vec![], span)?,
                None => x.clone(),
            };
            keyed.push((k, x));
        }
        let mut failed = None;
        keyed.sort_by(|a, b| {
            if failed.is_some() {
                return std::cmp::Ordering::Equal;
            }
            match self.order(&a.0, &b.0, span) {
                Ok(o) if reverse => o.reverse(),
                Ok(o) => o,
                Err(e) => {
                    failed = Some(e);
                    std::cmp::Ordering::Equal
                }
            }
        });
        match failed {
            Some(e) => Err(e),
            None => Ok(keyed.into_iter().map(|(_, x)| x).collect()),
        }
    }

    /// Python's `str(x)`.
    pub fn to_str(&self, v: &Obj) -> String {
        match v {
            Obj::Str(s) => String::from_utf8_lossy(s).into_owned(),
            Obj::Instance(i) if i.class.builtin.is_some() || !i.args.is_empty() => {
                let args: Vec<String> = i.args.iter().map(|a| self.to_str(a)).collect();
                match args.as_slice() {
                    [one] => one.clone(),
                    _ => format!("({})", args.join(", ")),
                }
            }
            other => self.repr(other),
        }
    }

    /// Python's `repr(x)`.
    pub fn repr(&self, v: &Obj) -> String {
        let seq = |items: &[Obj]| {
            items
                .iter()
                .map(|x| self.repr(x))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match v {
            Obj::None => "None".into(),
            Obj::Bool(b) => if *b { "True" } else { "False" }.into(),
            Obj::Int(i) => i.to_string(),
            Obj::UInt(u) => rpy_semantics::uint::str(*u),
            Obj::Float(f) => repr::float_repr_string(*f),
            Obj::Str(s) => repr::str_repr_string(s),
            Obj::Tuple(t) if t.len() == 1 => format!("({},)", self.repr(&t[0])),
            Obj::Tuple(t) => format!("({})", seq(t)),
            Obj::List(l) => format!("[{}]", seq(&l.borrow())),
            Obj::Dict(d) => {
                let parts: Vec<String> = d
                    .borrow()
                    .iter()
                    .map(|(k, x)| format!("{}: {}", self.repr(&k.0), self.repr(x)))
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
            Obj::Func(f) => format!("<function {}>", f.def.name),
            Obj::Class(c) => format!("<class '{}'>", c.name),
            Obj::Instance(i) => format!("<{} object>", i.class.name),
            Obj::Builtin(b) => format!("<built-in function {}>", b.name()),
            Obj::Host(h) => format!("<built-in function {}>", h.name()),
            other => format!("<{}>", other.type_name()),
        }
    }

    /// Is `x` in the list (by `==`)?
    pub fn list_index(&self, items: &[Obj], x: &Obj) -> Option<usize> {
        items.iter().position(|i| py_eq(i, x))
    }
}
