//! Types and places in the user's terms, for diagnostics: `int`,
//! `list[str]`, `Shape or None`, `toy.rpy:20:13`, call chains.

use super::model::{IterKind, SomeValue};
use super::Annotator;
use rpy_front::program::FuncId;
use rpy_front::{Diagnostic, Span};

impl Annotator<'_> {
    /// A type as the user would write it.
    pub fn show(&self, a: &SomeValue) -> String {
        let or_none = |s: String, nullable: bool| if nullable { format!("{s} or None") } else { s };
        match a {
            SomeValue::Impossible => "nothing".into(),
            SomeValue::Int { .. } => "int".into(),
            SomeValue::Bool => "bool".into(),
            SomeValue::UInt => "r_uint".into(),
            SomeValue::Float => "float".into(),
            SomeValue::Str { nullable, .. } => or_none("str".into(), *nullable),
            SomeValue::None => "None".into(),
            SomeValue::List { def, nullable } => {
                let item = self.show(&self.a.listdef(*def).item);
                or_none(format!("list[{item}]"), *nullable)
            }
            SomeValue::Dict { def, nullable } => {
                let d = self.a.dictdef(*def);
                or_none(
                    format!("dict[{}, {}]", self.show(&d.key), self.show(&d.value)),
                    *nullable,
                )
            }
            SomeValue::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(|i| self.show(i)).collect();
                format!("tuple[{}]", parts.join(", "))
            }
            SomeValue::Instance { class, nullable } => {
                or_none(self.prog.class(*class).name.clone(), *nullable)
            }
            SomeValue::Funcs(fs) => {
                let names: Vec<&str> = fs
                    .iter()
                    .map(|f| self.prog.func(*f).name.as_str())
                    .collect();
                format!("function {}", names.join(" or "))
            }
            SomeValue::Classes(cs) => {
                let names: Vec<&str> = cs
                    .iter()
                    .map(|c| self.prog.class(*c).name.as_str())
                    .collect();
                format!("class {}", names.join(" or "))
            }
            SomeValue::Builtin(b) => format!("builtin {}", b.name()),
            SomeValue::Driver(_) => "JitDriver".into(),
            SomeValue::ExtModule => "module".into(),
            SomeValue::Iter(k) => match k {
                IterKind::List(d) => format!(
                    "iterator over list[{}]",
                    self.show(&self.a.listdef(*d).item)
                ),
                IterKind::Str => "iterator over str".into(),
                IterKind::Dict(_) => "iterator over dict keys".into(),
            },
        }
    }

    /// `file:line:col`.
    pub fn loc(&self, span: Span) -> String {
        self.prog.location(span)
    }

    /// `in f, called from g at file:line, called from entry_point at …`.
    pub fn chain(&self, f: FuncId) -> String {
        let mut out = format!("in {}", self.prog.func(f).name);
        let mut cur = f;
        let mut steps = 0;
        while let Some((caller, span)) = self.a.funcs[cur.index()].called_from {
            out.push_str(&format!(
                ", called from {} at {}:{}",
                self.prog.func(caller).name,
                self.prog.file_name(span),
                span.line
            ));
            cur = caller;
            steps += 1;
            if steps > 20 || caller == f {
                break;
            }
        }
        out
    }

    /// The error of a function outside the run-time dialect that the
    /// entry point reaches: its own error, and how it is reached.
    pub fn refused(&self, f: FuncId, d: &Diagnostic) -> Diagnostic {
        d.clone()
            .with_note(format!("reached from the entry point: {}", self.chain(f)))
    }

    /// An error at `span` in the current function, with its call chain.
    pub fn error(&self, span: Span, msg: impl Into<String>) -> Diagnostic {
        let msg = msg.into();
        let f = self.pos.0;
        Diagnostic::error(span, format!("{msg} ({})", self.chain(f)))
    }

    /// The user's name of a variable, if it has one (hidden builder names
    /// start with `$`).
    pub fn user_name(&self, f: FuncId, v: flowgraph::model::VarId) -> Option<String> {
        let name = self.fp.graphs[f.index()].vars[v.index()].name.as_deref()?;
        (!name.starts_with('$') && name != "exc").then(|| name.to_string())
    }
}
