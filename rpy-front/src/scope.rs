//! Python's local scope rule: a name assigned anywhere in a function is
//! local to the whole function.

use crate::ast::{Expr, ExprKind, Stmt, StmtKind};
use std::collections::HashSet;

/// The local names of a function with these parameters and this body
/// (shared by the flow-graph builder and the import-time evaluator): the
/// names it assigns, less those a `global` statement declares.
pub fn local_names<'a>(
    params: impl IntoIterator<Item = &'a str>,
    body: &[Stmt],
) -> HashSet<String> {
    let mut names = Names {
        assigned: params.into_iter().map(str::to_string).collect(),
        global: HashSet::new(),
    };
    collect_stmts(body, &mut names);
    let Names {
        mut assigned,
        global,
    } = names;
    assigned.retain(|n| !global.contains(n));
    assigned
}

/// What one walk over a function body finds.
struct Names {
    assigned: HashSet<String>,
    global: HashSet<String>,
}

fn collect_stmts(body: &[Stmt], names: &mut Names) {
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

fn collect_stmt(s: &Stmt, n: &mut Names) {
    let names = &mut n.assigned;
    match &s.kind {
        StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| collect_target(t, names)),
        StmtKind::AugAssign { target, .. } => collect_target(target, names),
        StmtKind::Global(declared) => n.global.extend(declared.iter().cloned()),
        StmtKind::For {
            target,
            body,
            orelse,
            ..
        } => {
            collect_target(target, names);
            collect_stmts(body, n);
            collect_stmts(orelse, n);
        }
        StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
            collect_stmts(body, n);
            collect_stmts(orelse, n);
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            collect_stmts(body, n);
            for h in handlers {
                if let Some(name) = &h.name {
                    n.assigned.insert(name.clone());
                }
                collect_stmts(&h.body, n);
            }
            collect_stmts(orelse, n);
            collect_stmts(finalbody, n);
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
