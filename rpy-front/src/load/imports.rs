//! Import-time `import` and `from … import …`: the toolchain's modules
//! (`rpy.jit`, `rpy.io`, and RPython's `rpython.rlib.jit` for the same
//! hints); any other module raises ImportError, which the program may catch.

use super::exec::Scope;
use super::value::Obj;
use super::{Loader, R};
use crate::ast::ImportName;
use crate::program::{builtin_class as bc, Builtin, ExtModule};
use crate::span::Span;

/// The module a dotted name means, if the toolchain provides it.
fn ext_module(name: &str) -> Option<ExtModule> {
    match name {
        "rpy.jit" | "rpython.rlib.jit" => Some(ExtModule::Jit),
        "rpy.io" => Some(ExtModule::Io),
        _ => None,
    }
}

fn names_of(m: ExtModule) -> &'static [Builtin] {
    match m {
        ExtModule::Jit => Builtin::JIT,
        ExtModule::Io => Builtin::IO,
    }
}

fn module_name(m: ExtModule) -> &'static str {
    match m {
        ExtModule::Jit => "rpy.jit",
        ExtModule::Io => "rpy.io",
    }
}

impl Loader {
    /// `m.attr` of a toolchain module.
    pub fn module_attr(&self, m: ExtModule, attr: &str) -> Option<Obj> {
        Builtin::lookup(names_of(m), attr).map(Obj::Builtin)
    }

    fn no_module<T>(&self, name: &str, span: Span) -> R<T> {
        self.raise(
            bc::IMPORT_ERROR,
            format!("No module named '{name}' (rpy provides rpy.jit, rpy.io and rpython.rlib.jit)"),
            span,
        )
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
            let local = n.asname.as_deref().unwrap_or(&n.name);
            let full = format!("{module}.{}", n.name);
            let value = if let Some(m) = ext_module(&full) {
                Obj::Module(m)
            } else if let Some(m) = ext_module(module) {
                match self.module_attr(m, &n.name) {
                    Some(v) => v,
                    None => {
                        let known: Vec<&str> = names_of(m).iter().map(|b| b.name()).collect();
                        return self.raise(
                            bc::IMPORT_ERROR,
                            format!(
                                "cannot import name '{}' from '{}' (it provides: {})",
                                n.name,
                                module_name(m),
                                known.join(", ")
                            ),
                            n.span,
                        );
                    }
                }
            } else {
                return self.no_module(module, span);
            };
            self.bind(local, value, scope);
        }
        Ok(())
    }

    pub fn import(&self, names: &[ImportName], scope: &Scope) -> R<()> {
        for n in names {
            let Some(m) = ext_module(&n.name) else {
                return self.no_module(&n.name, n.span);
            };
            match &n.asname {
                Some(alias) => self.bind(alias, Obj::Module(m), scope),
                None => {
                    return self.diag(
                        n.span,
                        format!("`import {}` binds a package rpy does not model: write `from {} import ...` or `import {} as name`", n.name, n.name, n.name),
                    )
                }
            }
        }
        Ok(())
    }
}
