//! Import-time `import` and `from … import …`: the toolchain's modules
//! (`rpy.jit`, `rpy.io`, and RPython's `rpython.rlib.jit` for the same
//! hints) and the program's own modules — `NAME.rpy` or `NAME.py` (or a
//! package directory) next to the main file or in a `--path` directory,
//! each run once; any other module raises ImportError, which the program
//! may catch.

use super::exec::Scope;
use super::value::{ModuleObj, Obj};
use super::{Loader, Stop, R};
use crate::ast::ImportName;
use crate::program::{builtin_class as bc, ExtModule};
use crate::span::{SourceFile, Span};
use std::path::PathBuf;
use std::rc::Rc;

/// The module a dotted name means, if the toolchain provides it.
fn ext_module(name: &str) -> Option<ExtModule> {
    match name {
        "rpy.jit" | "rpython.rlib.jit" => Some(ExtModule::Jit),
        "rpy.io" => Some(ExtModule::Io),
        "_rpy_internal" => Some(ExtModule::Internal),
        "os" => Some(ExtModule::Os),
        "sys" => Some(ExtModule::Sys),
        "time" => Some(ExtModule::Time),
        _ => None,
    }
}

/// The toolchain's library modules, written in rpy (they are the shim's
/// files too, so CPython runs the same code): `(names, file, source)`.
const LIBRARY: &[(&[&str], &str, &str)] = &[
    (
        &["rpy.rstring", "rpython.rlib.rstring"],
        "rpy/rstring.py",
        include_str!("../../../goal/rpy/rstring.py"),
    ),
    (
        &["rpy.rarithmetic", "rpython.rlib.rarithmetic"],
        "rpy/rarithmetic.py",
        include_str!("../../../goal/rpy/rarithmetic.py"),
    ),
    (
        &["rpy.objectmodel", "rpython.rlib.objectmodel"],
        "rpy/objectmodel.py",
        include_str!("../../../goal/rpy/objectmodel.py"),
    ),
    (
        &["rpy.streamio", "rpython.rlib.streamio"],
        "rpy/streamio.py",
        include_str!("../../../goal/rpy/streamio.py"),
    ),
    (
        &["rpy.rfile", "rpython.rlib.rfile"],
        "rpy/rfile.py",
        include_str!("../../../goal/rpy/rfile.py"),
    ),
    (
        &["rpython.jit.backend.hlinfo"],
        "rpython/jit/backend/hlinfo.py",
        include_str!("../../../goal/rpython/jit/backend/hlinfo.py"),
    ),
    (
        &["rpython.jit.codewriter.policy"],
        "rpython/jit/codewriter/policy.py",
        include_str!("../../../goal/rpython/jit/codewriter/policy.py"),
    ),
    (
        &["py"],
        "rpy/pylib.py",
        include_str!("../../../goal/rpy/pylib.py"),
    ),
];

fn library_module(name: &str) -> Option<(&'static str, &'static str, &'static str)> {
    LIBRARY
        .iter()
        .find(|(names, _, _)| names.contains(&name))
        .map(|(names, file, text)| (names[0], *file, *text))
}

/// The toolchain's packages (not modules of their own here).
fn ext_package(name: &str) -> bool {
    matches!(
        name,
        "rpy"
            | "rpython"
            | "rpython.rlib"
            | "rpython.jit"
            | "rpython.jit.backend"
            | "rpython.jit.codewriter"
    )
}

/// Where a module's source may be, relative to a search directory.
fn candidates(name: &str) -> [PathBuf; 4] {
    let rel = PathBuf::from(name.replace('.', "/"));
    [
        rel.with_extension("rpy"),
        rel.with_extension("py"),
        rel.join("__init__.rpy"),
        rel.join("__init__.py"),
    ]
}

impl Loader {
    /// `m.attr` of a toolchain module.
    pub fn module_attr(&self, m: ExtModule, attr: &str) -> Option<Obj> {
        m.lookup(attr).map(Obj::Builtin).or_else(|| {
            m.constant(attr).map(|c| match c {
                crate::program::ConstValue::Int(i) => Obj::Int(i),
                _ => Obj::None,
            })
        })
    }

    fn no_module<T>(&self, name: &str, span: Span) -> R<T> {
        let dirs: Vec<String> = self
            .search
            .iter()
            .map(|d| match d.to_string_lossy().as_ref() {
                "" => ".".to_string(),
                s => s.to_string(),
            })
            .collect();
        self.raise(
            bc::IMPORT_ERROR,
            format!(
                "No module named '{name}' (looked for {name}.rpy and {name}.py in {}; rpy also provides rpy.jit, rpy.io, os, sys, time and the rpython.rlib modules)",
                dirs.join(", ")
            ),
            span,
        )
    }

    /// The module called `name` (dotted), imported at most once: its
    /// parent packages first, then its body runs in a namespace of its own.
    pub fn import_module(&self, name: &str, span: Span) -> R<Obj> {
        if let Some(m) = ext_module(name) {
            return Ok(Obj::Module(m));
        }
        let name = library_module(name).map_or(name, |(canonical, _, _)| canonical);
        if let Some(m) = self.modules.borrow().get(name) {
            return Ok(Obj::PyModule(m.clone()));
        }
        if let Some((_, file, text)) = library_module(name) {
            return Ok(Obj::PyModule(self.run_source(
                name,
                file.to_string(),
                text.to_string(),
                span,
            )?));
        }
        let parent = match name.rsplit_once('.') {
            Some((p, _)) if !ext_package(p) => Some(self.import_module(p, span)?),
            _ => None,
        };
        let found = self
            .search
            .iter()
            .flat_map(|d| candidates(name).map(|c| d.join(c)))
            .find(|p| p.is_file());
        let m = match found {
            Some(path) => self.run_file(name, &path, span)?,
            None => return self.no_module(name, span),
        };
        if let (Some(Obj::PyModule(p)), Some((_, last))) = (parent, name.rsplit_once('.')) {
            p.set(last, Obj::PyModule(m.clone()));
        }
        Ok(Obj::PyModule(m))
    }

    /// Read, parse and run one module's file.
    fn run_file(&self, name: &str, path: &std::path::Path, span: Span) -> R<Rc<ModuleObj>> {
        match std::fs::read_to_string(path) {
            Ok(text) => self.run_source(name, path.display().to_string(), text, span),
            Err(e) => self.raise(
                bc::IMPORT_ERROR,
                format!("cannot read {}: {e}", path.display()),
                span,
            ),
        }
    }

    /// Parse and run one module's source.
    fn run_source(
        &self,
        name: &str,
        file_name: String,
        text: String,
        span: Span,
    ) -> R<Rc<ModuleObj>> {
        let id = self.files.borrow().len() as u32;
        let file = SourceFile::numbered(file_name, text, id);
        self.files.borrow_mut().push(file.clone());
        // A module with syntax errors reports the first one (import time stops there).
        let ast = Rc::new(crate::parse_module(&file).map_err(|ds| Stop::Diag(ds.first().clone()))?);
        self.asts.borrow_mut().push(ast.clone());
        let m = ModuleObj::new(name, &file.name, id);
        // Registered before its body runs, so circular imports see it.
        self.modules
            .borrow_mut()
            .insert(name.to_string(), m.clone());
        match self.exec_block(&ast.body, &Scope::Module(m.clone())) {
            Ok(_) => Ok(m),
            Err(Stop::Exc(mut e)) => {
                e.trace.push(span);
                Err(Stop::Exc(e))
            }
            Err(d) => Err(d),
        }
    }

    pub fn import_from(
        &self,
        module: &str,
        names: &[ImportName],
        span: Span,
        scope: &Scope,
    ) -> R<()> {
        if module == "__future__" {
            return Ok(());
        }
        for n in names {
            let full = format!("{module}.{}", n.name);
            if let Some(m) = ext_module(&full) {
                let local = n.asname.as_deref().unwrap_or(&n.name);
                self.bind(local, Obj::Module(m), scope);
                continue;
            }
            if ext_package(module) && library_module(&full).is_none() {
                return self.no_module(&full, n.span);
            }
            let m = self.import_module(module, span)?;
            if n.name == "*" {
                self.import_star(&m, module, scope)?;
                continue;
            }
            let value = self.imported_name(&m, module, n)?;
            self.bind(n.asname.as_deref().unwrap_or(&n.name), value, scope);
        }
        Ok(())
    }

    /// One name of `from module import name`: an attribute of the module,
    /// or a submodule of the package.
    fn imported_name(&self, m: &Obj, module: &str, n: &ImportName) -> R<Obj> {
        let found = match m {
            Obj::Module(e) => self.module_attr(*e, &n.name),
            Obj::PyModule(p) => p.get(&n.name),
            _ => None,
        };
        if let Some(v) = found {
            return Ok(v);
        }
        if let Obj::PyModule(_) = m {
            let full = format!("{module}.{}", n.name);
            if candidates(&full)
                .iter()
                .any(|c| self.search.iter().any(|d| d.join(c).is_file()))
            {
                return self.import_module(&full, n.span);
            }
        }
        let provides = match m {
            Obj::Module(e) => {
                let known: Vec<&str> = e
                    .builtins()
                    .iter()
                    .map(|b| b.name())
                    .chain(e.constant_names())
                    .collect();
                format!(" (it provides: {})", known.join(", "))
            }
            _ => String::new(),
        };
        let shown = match m {
            Obj::Module(e) => e.name(),
            _ => module,
        };
        self.raise(
            bc::IMPORT_ERROR,
            format!("cannot import name '{}' from '{shown}'{provides}", n.name),
            n.span,
        )
    }

    /// `from m import *`: the names in `__all__`, or every public one.
    fn import_star(&self, m: &Obj, module: &str, scope: &Scope) -> R<()> {
        let names: Vec<(String, Obj)> = match m {
            Obj::Module(e) => e
                .builtins()
                .iter()
                .map(|b| b.name())
                .chain(e.constant_names())
                .filter_map(|n| Some((n.to_string(), self.module_attr(*e, n)?)))
                .collect(),
            Obj::PyModule(p) => match p.get("__all__") {
                Some(all) => {
                    let span = Span::default();
                    let mut out = Vec::new();
                    for n in self.items(&all, span)? {
                        let name = self.to_str(&n);
                        match p.get(&name) {
                            Some(v) => out.push((name, v)),
                            None => {
                                return self.raise(
                                    bc::ATTRIBUTE_ERROR,
                                    format!("module '{module}' has no attribute '{name}'"),
                                    span,
                                )
                            }
                        }
                    }
                    out
                }
                None => p
                    .names()
                    .into_iter()
                    .filter(|(n, _)| !n.starts_with('_'))
                    .collect(),
            },
            _ => Vec::new(),
        };
        for (name, v) in names {
            self.bind(&name, v, scope);
        }
        Ok(())
    }

    pub fn import(&self, names: &[ImportName], scope: &Scope) -> R<()> {
        for n in names {
            let m = self.import_module(&n.name, n.span)?;
            match (&n.asname, n.name.split_once('.')) {
                (Some(alias), _) => self.bind(alias, m, scope),
                (None, None) => self.bind(&n.name, m, scope),
                (None, Some((top, _))) if !ext_package(top) => {
                    let top_module = self.import_module(top, n.span)?;
                    self.bind(top, top_module, scope)
                }
                (None, Some(_)) => {
                    return self.diag(
                        n.span,
                        format!(
                            "`import {0}` binds a package rpy does not model: write `from {0} import ...` or `import {0} as name`",
                            n.name
                        ),
                    )
                }
            }
        }
        Ok(())
    }
}
