//! A function's own `import` statements: they run once, when import time
//! ends (RPython runs them when it builds the function's graph), and what
//! they bind becomes a constant of the function, like a closure's values.
//! So an import inside a function may name a module that imports this one
//! (the circular-import idiom of PyPy's `tlopcode.py`): by then both exist.

use super::exec::Scope;
use super::value::{Frame, FuncObj, Obj};
use super::{Loader, Stop};
use crate::ast::{Stmt, StmtKind};
use crate::diag::Diagnostic;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

impl Loader {
    /// Run the imports in the body of every function import time made; the
    /// modules they import make functions too, whose imports run in turn.
    pub fn run_function_imports(&self) {
        let mut next = 0;
        loop {
            let Some(f) = self.made.borrow().get(next).cloned() else {
                return;
            };
            next += 1;
            let mut stmts = Vec::new();
            import_stmts(&f.def.body, &mut stmts);
            if !stmts.is_empty() {
                let bound = self.function_imports(&f, &stmts);
                *f.imports.borrow_mut() = bound;
            }
        }
    }

    /// The names `stmts` bind, run in a frame of `f` of their own.
    fn function_imports(
        &self,
        f: &Rc<FuncObj>,
        stmts: &[&Stmt],
    ) -> Result<Vec<(String, Obj)>, Diagnostic> {
        let frame = Rc::new(Frame {
            vars: RefCell::new(HashMap::new()),
            locals: f.locals.clone(),
            parent: f.outer.clone(),
            func: Some(f.clone()),
            module: f.module.clone(),
        });
        let scope = Scope::Func(frame.clone());
        for s in stmts {
            match self.exec_block(std::slice::from_ref(*s), &scope) {
                Ok(_) => {}
                Err(Stop::Diag(d)) => return Err(d),
                Err(Stop::Exc(e)) => {
                    return Err(Diagnostic::error(e.span, self.exc_text(&e.value))
                        .with_label("this import ran when import time ended")
                        .with_note("rpy runs the imports in a function once, before translating it, and uses what they bind as constants"))
                }
            }
        }
        let mut bound: Vec<(String, Obj)> = frame.vars.borrow().clone().into_iter().collect();
        bound.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(bound)
    }
}

/// The `import` statements of a function body, nested blocks included.
fn import_stmts<'a>(body: &'a [Stmt], out: &mut Vec<&'a Stmt>) {
    for s in body {
        match &s.kind {
            StmtKind::Import(_) | StmtKind::ImportFrom { .. } => out.push(s),
            _ => s.blocks().into_iter().for_each(|b| import_stmts(b, out)),
        }
    }
}
