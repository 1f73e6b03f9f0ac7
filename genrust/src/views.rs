//! Which variables of a graph can be indexed through a list view (runtime
//! `RListView`): a list whose length never changes (LL list kind
//! `FixedSize` or `Immutable`) gets its item pointer and length read once,
//! where it is made — a parameter or the result of an op — and every
//! variable that always holds that same list (a block input argument all
//! incoming links fill with copies of it) indexes through the view.

use rpy_rtyper::ll::{LLExit, LLGraph, LLType, LLValue, LVar, ListKind};

/// Per variable: the variable whose view it reads through, if any. The
/// origins map to themselves. `excluded` variables (and their copies) get
/// no view.
pub fn list_views(g: &LLGraph, excluded: &[LVar]) -> Vec<Option<LVar>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Holds {
        /// Not known yet (block arguments before the fixpoint reaches them).
        Unknown,
        /// Always this origin's list.
        Origin(LVar),
        No,
    }
    let has_view = |v: LVar| {
        !excluded.contains(&v)
            && matches!(
                g.var_type(v),
                LLType::List {
                    kind: ListKind::FixedSize | ListKind::Immutable,
                    ..
                }
            )
    };
    let mut state = vec![Holds::No; g.vars.len()];
    for &p in &g.params {
        if has_view(p) {
            state[p.index()] = Holds::Origin(p);
        }
    }
    for b in &g.blocks {
        // The result of the last op of an `on exception` block is assigned
        // in the handler dispatch: no view for it.
        let n = match b.exit {
            LLExit::OnException { .. } => b.ops.len().saturating_sub(1),
            _ => b.ops.len(),
        };
        for op in &b.ops[..n] {
            if has_view(op.result) {
                state[op.result.index()] = Holds::Origin(op.result);
            }
        }
    }
    for b in g.blocks.iter().skip(1) {
        for &v in &b.inputargs {
            state[v.index()] = Holds::Unknown;
        }
    }
    let pinned = |v: LVar| excluded.contains(&v);
    loop {
        let mut next = state.clone();
        for b in g.blocks.iter().skip(1) {
            for &v in &b.inputargs {
                next[v.index()] = Holds::Unknown;
            }
        }
        for b in &g.blocks {
            for l in b.exit.links() {
                if l.target.index() == 0 {
                    continue;
                }
                for (a, &v) in l.args.iter().zip(&g.block(l.target).inputargs) {
                    if pinned(v) {
                        next[v.index()] = Holds::No;
                        continue;
                    }
                    let from = match a {
                        LLValue::Var(x) => state[x.index()],
                        LLValue::Const(_) => Holds::No,
                    };
                    next[v.index()] = match (next[v.index()], from) {
                        (Holds::Unknown, f) => f,
                        (h, Holds::Unknown) => h,
                        (Holds::Origin(a), Holds::Origin(b)) if a == b => Holds::Origin(a),
                        _ => Holds::No,
                    };
                }
            }
        }
        if next == state {
            break;
        }
        state = next;
    }
    state
        .into_iter()
        .map(|h| match h {
            Holds::Origin(o) => Some(o),
            _ => None,
        })
        .collect()
}
