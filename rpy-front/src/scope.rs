//! Python's local scope rule: a name assigned anywhere in a function is
//! local to the whole function.

use crate::ast::{Expr, ExprKind, Stmt, StmtKind};
use std::collections::HashSet;

/// The local names of a function with these parameters and this body
/// (shared by the flow-graph builder and the import-time evaluator).
pub fn local_names<'a>(
    params: impl IntoIterator<Item = &'a str>,
    body: &[Stmt],
) -> HashSet<String> {
    let mut names: HashSet<String> = params.into_iter().map(str::to_string).collect();
    collect_stmts(body, &mut names);
    let mut globals = HashSet::new();
    collect_globals(body, &mut globals);
    names.retain(|n| !globals.contains(n));
    names
}

/// The names a `global` statement anywhere in the body declares.
fn collect_globals(body: &[Stmt], out: &mut HashSet<String>) {
    for s in body {
        match &s.kind {
            StmtKind::Global(names) => out.extend(names.iter().cloned()),
            StmtKind::If { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::For { body, orelse, .. } => {
                collect_globals(body, out);
                collect_globals(orelse, out);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                collect_globals(body, out);
                handlers.iter().for_each(|h| collect_globals(&h.body, out));
                collect_globals(orelse, out);
                collect_globals(finalbody, out);
            }
            _ => {}
        }
    }
}

fn collect_stmts(body: &[Stmt], names: &mut HashSet<String>) {
    for s in body {
        collect_stmt(s, names);
    }
}

fn collect_target(t: &Expr, names: &mut HashSet<String>) {
    match &t.kind {
        ExprKind::Name(n) => {
            names.insert(n.clone());
        }
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            for i in items {
                collect_target(i, names);
            }
        }
        _ => {}
    }
}

fn collect_stmt(s: &Stmt, names: &mut HashSet<String>) {
    match &s.kind {
        StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| collect_target(t, names)),
        StmtKind::AugAssign { target, .. } => collect_target(target, names),
        StmtKind::For {
            target,
            body,
            orelse,
            ..
        } => {
            collect_target(target, names);
            collect_stmts(body, names);
            collect_stmts(orelse, names);
        }
        StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
            collect_stmts(body, names);
            collect_stmts(orelse, names);
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            collect_stmts(body, names);
            for h in handlers {
                if let Some(n) = &h.name {
                    names.insert(n.clone());
                }
                collect_stmts(&h.body, names);
            }
            collect_stmts(orelse, names);
            collect_stmts(finalbody, names);
        }
        StmtKind::Del(targets) => targets.iter().for_each(|t| collect_target(t, names)),
        StmtKind::FunctionDef(d) => {
            names.insert(d.name.clone());
        }
        StmtKind::ClassDef(d) => {
            names.insert(d.name.clone());
        }
        StmtKind::Import(imports) | StmtKind::ImportFrom { names: imports, .. } => {
            for i in imports {
                let bound = i.asname.as_deref().unwrap_or(&i.name);
                let top = bound.split('.').next().unwrap_or(bound);
                names.insert(top.to_string());
            }
        }
        _ => {}
    }
}
