//! Whole-program facts of the LL graphs that the code generator and the
//! codewriter both need: which graphs may raise (so calls of the others
//! need no exception check), which may recurse (they check the stack on
//! entry; a recursive portal call is a JIT residual call), and which have
//! their address taken (what an `indirect_call` may reach).

use rpy_front::program::{builtin_class, ClassId, FuncId};
use rpy_rtyper::ll::{LLConst, LLExit, LLGraph, LLOp, LLOpKind, LLProgram, LLValue};
use std::collections::{HashMap, HashSet};

pub struct Analysis {
    raises: HashMap<FuncId, bool>,
    /// Graphs that may call themselves (on the call graph where an
    /// indirect call reaches every address-taken graph).
    recursive: HashSet<FuncId>,
    /// Some address-taken graph, or a vtable entry of a method its class
    /// lacks, may raise (so may any indirect call).
    indirect_raises: bool,
}

/// The callee of a `direct_call` of a graph.
fn callee(op: &LLOp) -> Option<FuncId> {
    match (op.kind, op.args.first()) {
        (LLOpKind::DirectCall, Some(LLValue::Const(LLConst::Func(f)))) => Some(*f),
        _ => None,
    }
}

/// Function constants anywhere in a constant.
fn funcs_in(c: &LLConst, out: &mut HashSet<FuncId>) {
    match c {
        LLConst::Func(f) => {
            out.insert(*f);
        }
        LLConst::Tuple(items) => items.iter().for_each(|i| funcs_in(i, out)),
        _ => {}
    }
}

/// Graphs whose address is taken: function constants other than the
/// callee of a `direct_call`, and vtable entries.
fn address_taken(prog: &LLProgram) -> HashSet<FuncId> {
    let mut out = HashSet::new();
    let value = |v: &LLValue, out: &mut HashSet<FuncId>| {
        if let LLValue::Const(c) = v {
            funcs_in(c, out);
        }
    };
    for g in &prog.graphs {
        for b in &g.blocks {
            for op in &b.ops {
                let skip = usize::from(callee(op).is_some());
                op.args.iter().skip(skip).for_each(|a| value(a, &mut out));
            }
            for l in b.exit.links() {
                l.args.iter().for_each(|a| value(a, &mut out));
            }
            b.exit
                .operands()
                .into_iter()
                .for_each(|a| value(a, &mut out));
        }
    }
    for c in &prog.classes {
        out.extend(c.vtable.values().filter_map(|(_, f)| *f));
        c.class_attrs
            .values()
            .for_each(|(_, k)| funcs_in(k, &mut out));
    }
    for p in &prog.prebuilt {
        p.init
            .consts()
            .into_iter()
            .for_each(|c| funcs_in(c, &mut out));
    }
    out
}

/// Does a handler of this class catch every exception?
pub fn catches_all(c: ClassId) -> bool {
    c == builtin_class::OBJECT || c == builtin_class::BASE_EXCEPTION
}

impl Analysis {
    pub fn new(prog: &LLProgram) -> Analysis {
        let taken = address_taken(prog);
        // a vtable entry of a method its class lacks raises AttributeError
        let missing = prog.classes.iter().any(|c| !c.missing_methods.is_empty());
        let edges: HashMap<FuncId, Vec<FuncId>> = prog
            .graphs
            .iter()
            .map(|g| {
                let mut out = Vec::new();
                for op in g.blocks.iter().flat_map(|b| &b.ops) {
                    if let Some(f) = callee(op) {
                        out.push(f);
                    } else if op.kind == LLOpKind::IndirectCall {
                        out.extend(taken.iter().copied());
                    }
                }
                (g.func, out)
            })
            .collect();
        let recursive = prog
            .graphs
            .iter()
            .map(|g| g.func)
            .filter(|&f| reaches(&edges, f, f))
            .collect();
        let mut a = Analysis {
            raises: prog.graphs.iter().map(|g| (g.func, false)).collect(),
            recursive,
            indirect_raises: false,
        };
        loop {
            let mut changed = false;
            for g in &prog.graphs {
                if !a.raises[&g.func] && a.graph_raises(g) {
                    a.raises.insert(g.func, true);
                    changed = true;
                }
            }
            let ind = missing || taken.iter().any(|f| a.raises.get(f) == Some(&true));
            changed |= ind != a.indirect_raises;
            a.indirect_raises = ind;
            if !changed {
                return a;
            }
        }
    }

    fn graph_raises(&self, g: &LLGraph) -> bool {
        self.is_recursive(g.func)
            || g.blocks.iter().any(|b| {
                matches!(b.exit, LLExit::Raise(_))
                    || b.ops.iter().enumerate().any(|(i, op)| {
                        let caught = i + 1 == b.ops.len()
                            && matches!(&b.exit, LLExit::OnException { handlers, .. }
                                if handlers.iter().any(|(c, _, _)| catches_all(*c)));
                        !caught && self.op_raises(op)
                    })
            })
    }

    /// May this op leave an exception pending?
    pub fn op_raises(&self, op: &LLOp) -> bool {
        match (op.kind, op.args.first()) {
            (LLOpKind::DirectCall, Some(LLValue::Const(LLConst::Func(f)))) => {
                self.raises.get(f).copied().unwrap_or(true)
            }
            (LLOpKind::DirectCall, Some(LLValue::Const(LLConst::Helper(h)))) => {
                !h.info().raises.is_empty()
            }
            (LLOpKind::IndirectCall, _) => self.indirect_raises,
            (kind, _) => kind.raises(),
        }
    }

    /// Must the graph check the stack on entry?
    pub fn is_recursive(&self, f: FuncId) -> bool {
        self.recursive.contains(&f)
    }
}

/// Is `to` reachable from `from` by at least one edge?
fn reaches(edges: &HashMap<FuncId, Vec<FuncId>>, from: FuncId, to: FuncId) -> bool {
    let mut seen = HashSet::new();
    let mut stack: Vec<FuncId> = edges.get(&from).cloned().unwrap_or_default();
    while let Some(f) = stack.pop() {
        if f == to {
            return true;
        }
        if seen.insert(f) {
            stack.extend(edges.get(&f).into_iter().flatten().copied());
        }
    }
    false
}
