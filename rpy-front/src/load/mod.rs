//! The module loader: runs module level as Python at translation time
//! (RPython's model: import time is ordinary Python) and turns what it
//! built into the program's prebuilt constants (`collect`).
//!
//! The run-time dialect is only what the entry point reaches; module level
//! and the functions it calls run here, dynamically typed, with Python's
//! scoping, calls, classes and exceptions. Every operation's meaning on
//! values is the semantics' (`rpy_semantics`), as in every other evaluator.

mod builtins;
mod call;
mod collect;
mod driver;
mod eval;
mod exec;
mod imports;
mod local_imports;
mod methods;
mod rarith;
pub mod value;

use crate::ast::Module;
use crate::diag::{DResult, Diagnostic};
use crate::program::{builtin_class, ClassId, Program, BUILTIN_CLASSES};
use crate::span::{SourceFile, Span};
use indexmap::IndexMap;
use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use value::{ClassObj, InstObj, ModuleObj, Obj};

/// Calls deeper than this at import time raise RecursionError.
const MAX_DEPTH: usize = 500;

/// Run module level of a parsed file and produce the program.
///
/// `search` lists the directories imported modules are looked for in
/// (after the main file's own directory).
pub fn load(file: SourceFile, module: &Module, search: &[PathBuf]) -> DResult<Program> {
    let l = Loader::new(file, search);
    let r = l
        .run_module(&l.main, &module.body)
        .and_then(|_| l.entry_point())
        .inspect(|_| l.run_function_imports())
        .and_then(|entry| collect::program(&l, entry));
    r.map_err(|d| d.in_files(&l.files.borrow()))
}

/// `a op b` on two numbers as import time computes it (for the table
/// of semantics tests): the result, or the exception's `Class: message`.
pub fn binop_on_numbers(
    op: crate::ast::BinOp,
    a: &crate::program::ConstValue,
    b: &crate::program::ConstValue,
) -> Result<crate::program::ConstValue, String> {
    use crate::program::ConstValue as C;
    let obj = |c: &C| match c {
        C::Int(i) => Ok(Obj::Int(*i)),
        C::Float(f) => Ok(Obj::Float(*f)),
        C::Bool(b) => Ok(Obj::Bool(*b)),
        _ => Err("not a number".to_string()),
    };
    let l = Loader::new(SourceFile::new("<numbers>", ""), &[]);
    match l.binop(op, &obj(a)?, &obj(b)?, Span::default()) {
        Ok(Obj::Int(i)) => Ok(C::Int(i)),
        Ok(Obj::Float(f)) => Ok(C::Float(f)),
        Ok(other) => Err(format!("not a number: {}", l.repr(&other))),
        Err(Stop::Exc(e)) => Err(l.exc_text(&e.value)),
        Err(Stop::Diag(d)) => Err(d.message),
    }
}

/// Why evaluation stopped early: a Python exception (which `try` may
/// catch) or a translation error (which nothing catches).
pub(crate) enum Stop {
    Exc(Exc),
    Diag(Diagnostic),
}

/// A raised import-time exception: the instance, where it was raised and
/// the calls it unwound through (innermost first).
pub(crate) struct Exc {
    pub value: Rc<InstObj>,
    pub span: Span,
    pub trace: Vec<Span>,
}

pub(crate) type R<T> = Result<T, Stop>;

pub(crate) struct Loader {
    pub file: SourceFile,
    /// The main module (named after the file's stem, as RPython imports it).
    pub main: Rc<ModuleObj>,
    /// The program's other modules by dotted name, in import order.
    pub modules: RefCell<IndexMap<String, Rc<ModuleObj>>>,
    /// Every file of the program, by id (the main file first).
    pub files: RefCell<Vec<SourceFile>>,
    /// Where imported modules are looked for.
    pub search: Vec<PathBuf>,
    /// The ASTs of the imported modules, alive as long as the function
    /// objects made from them (`defs` is keyed by their addresses).
    pub asts: RefCell<Vec<Rc<Module>>>,
    /// The builtin classes, by their fixed ids.
    pub builtin_classes: Vec<Rc<ClassObj>>,
    /// Calls in progress (their call sites), for tracebacks and depth.
    pub calls: RefCell<Vec<Span>>,
    /// The exceptions being handled (`raise` alone re-raises the last).
    pub handling: RefCell<Vec<Rc<InstObj>>>,
    /// Each function definition shared by the function objects made from it.
    pub defs: RefCell<std::collections::HashMap<usize, Rc<crate::ast::FunctionDef>>>,
    /// Every function object made, in order (their own imports run when
    /// import time ends).
    pub made: RefCell<Vec<Rc<value::FuncObj>>>,
}

impl Loader {
    fn new(file: SourceFile, search: &[PathBuf]) -> Loader {
        let mut classes: Vec<Rc<ClassObj>> = Vec::new();
        for (i, (name, base)) in BUILTIN_CLASSES.iter().enumerate() {
            let base = base.map(|b| classes[b as usize].clone());
            classes.push(Rc::new(ClassObj {
                name: name.to_string(),
                base,
                dict: RefCell::new(IndexMap::new()),
                spans: Default::default(),
                builtin: Some(ClassId(i as u32)),
                driver: false,
                span: Span::default(),
            }));
        }
        let stem = std::path::Path::new(&file.name)
            .file_stem()
            .map_or("__main__".to_string(), |s| s.to_string_lossy().into_owned());
        let dir = std::path::Path::new(&file.name)
            .parent()
            .map(|p| p.to_path_buf())
            .unwrap_or_default();
        let mut dirs = vec![dir];
        dirs.extend(search.iter().cloned());
        Loader {
            main: ModuleObj::new(&stem, &file.name, 0),
            modules: RefCell::new(IndexMap::new()),
            files: RefCell::new(vec![file.clone()]),
            search: dirs,
            asts: RefCell::new(Vec::new()),
            file,
            builtin_classes: classes,
            calls: RefCell::new(Vec::new()),
            handling: RefCell::new(Vec::new()),
            defs: RefCell::new(Default::default()),
            made: RefCell::new(Vec::new()),
        }
    }

    pub fn run_module(&self, m: &Rc<ModuleObj>, body: &[crate::ast::Stmt]) -> DResult<()> {
        match self.exec_block(body, &exec::Scope::Module(m.clone())) {
            Ok(_) => Ok(()),
            Err(Stop::Diag(d)) => Err(d),
            Err(Stop::Exc(e)) => Err(self.uncaught(e)),
        }
    }

    /// The translation error for an exception nothing caught at import time.
    fn uncaught(&self, e: Exc) -> Diagnostic {
        let mut d = Diagnostic::error(
            e.span,
            format!("{} (raised at import time)", self.exc_text(&e.value)),
        );
        let files = self.files.borrow();
        for site in &e.trace {
            let file = files.get(site.file as usize).unwrap_or(&self.file);
            d = d.with_note(format!("called from {}", file.location(*site)));
        }
        d
    }

    /// `ClassName: message` of an exception instance.
    pub fn exc_text(&self, e: &InstObj) -> String {
        let args: Vec<String> = e.args.iter().map(|a| self.to_str(a)).collect();
        match args.as_slice() {
            [] => e.class.name.clone(),
            [one] => format!("{}: {}", e.class.name, one),
            _ => format!("{}: ({})", e.class.name, args.join(", ")),
        }
    }

    /// A translation error at `span` (not catchable by the program).
    pub fn diag<T>(&self, span: Span, msg: impl Into<String>) -> R<T> {
        Err(Stop::Diag(Diagnostic::error(span, msg)))
    }

    pub fn builtin_class(&self, id: ClassId) -> Rc<ClassObj> {
        self.builtin_classes[id.index()].clone()
    }

    /// Raise an instance of builtin class `class` with message `msg`.
    pub fn raise<T>(&self, class: ClassId, msg: impl AsRef<[u8]>, span: Span) -> R<T> {
        let value = Rc::new(InstObj {
            class: self.builtin_class(class),
            fields: RefCell::new(IndexMap::new()),
            args: vec![Obj::str(msg.as_ref())],
        });
        Err(self.exc(value, span))
    }

    pub fn exc(&self, value: Rc<InstObj>, span: Span) -> Stop {
        Stop::Exc(Exc {
            value,
            span,
            trace: Vec::new(),
        })
    }

    /// Raise the semantics' error `e` as its exception.
    pub fn raise_error<T>(&self, e: rpy_semantics::Error, span: Span) -> R<T> {
        self.raise(ClassId(e.class()), e.message(), span)
    }

    pub fn type_error<T>(&self, msg: impl AsRef<[u8]>, span: Span) -> R<T> {
        self.raise(builtin_class::TYPE_ERROR, msg, span)
    }

    /// The entry point: what `target()` returns (called here, as RPython's
    /// driver does), or the function `entry_point`.
    fn entry_point(&self) -> DResult<Rc<value::FuncObj>> {
        let at_start = self.file.span(0, 0);
        let found = match self.main.get("target") {
            Some(t @ Obj::Func(_)) => self.call_target(&t)?,
            _ => match self.main.get("entry_point") {
                Some(Obj::Func(f)) => (f, at_start),
                _ => {
                    return Err(Diagnostic::error(
                        at_start,
                        "no entry point: define `entry_point(argv)` or `target(*args)`",
                    ))
                }
            },
        };
        let (f, _) = found;
        let n = f.def.params.len();
        if n != 1 || f.def.vararg.is_some() {
            return Err(Diagnostic::error(
                f.def.span,
                format!(
                    "the entry point '{}' must take one parameter (argv), not {}",
                    f.def.name, n
                ),
            ));
        }
        Ok(f)
    }

    /// Call `target(driver, args)` with placeholders for its parameters.
    fn call_target(&self, t: &Obj) -> DResult<(Rc<value::FuncObj>, Span)> {
        let Obj::Func(tf) = t else { unreachable!() };
        let span = tf.def.span;
        let args: Vec<Obj> = tf
            .def
            .params
            .iter()
            .filter(|p| p.default.is_none())
            .map(|_| Obj::None)
            .collect();
        let result = match self.call(t, args, Vec::new(), span) {
            Ok(r) => r,
            Err(Stop::Diag(d)) => return Err(d),
            Err(Stop::Exc(e)) => return Err(self.uncaught(e)),
        };
        let first = match &result {
            Obj::Tuple(items) => items.first().cloned().unwrap_or(Obj::None),
            other => other.clone(),
        };
        match first {
            Obj::Func(f) => Ok((f, span)),
            _ => Err(Diagnostic::error(
                span,
                "target() must return the entry point: `return entry_point, None`",
            )),
        }
    }
}
