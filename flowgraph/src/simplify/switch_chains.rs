//! Turn an if/elif chain comparing one variable against constants into a
//! single switch (the interpreter's opcode dispatch becomes one switch).

use super::rewrite::{bind_inputargs, is_special, subst, subst_all, Renaming};
use crate::model::{BlockId, ExitCase, ExitSwitch, FunctionGraph, Link, LinkId, Value, VarId};
use crate::ops::OpKind;
use rpy_front::program::ConstValue;
use std::mem::discriminant;

/// A block ending in `if eq(subject, case)` (optionally through `bool(…)`).
struct Test {
    subject: Value,
    case: ConstValue,
    /// The variables holding the comparison's outcome (eq, and bool if any).
    outcome: Vec<VarId>,
    /// How many ops at the end of the block make up the test.
    nops: usize,
    if_true: LinkId,
    if_false: LinkId,
}

impl Test {
    /// The outcome variables replaced by what they are on one branch.
    fn outcome_is(&self, value: bool, mut map: Renaming) -> Renaming {
        for &v in &self.outcome {
            map.insert(v, Value::Const(ConstValue::Bool(value)));
        }
        map
    }
}

fn match_test(g: &FunctionGraph, b: BlockId) -> Option<Test> {
    let block = g.block(b);
    let ExitSwitch::Value(Value::Var(sw)) = block.switch() else {
        return None;
    };
    let [e0, e1] = block.exits[..] else {
        return None;
    };
    let branch = |value| {
        [e0, e1]
            .into_iter()
            .find(|&l| g.link(l).exitcase == ExitCase::Const(ConstValue::Bool(value)))
    };
    let (if_true, if_false) = (branch(true)?, branch(false)?);
    let n = block.ops.len();
    let last = block.ops.last()?;
    if last.result != *sw {
        return None;
    }
    let (eq, outcome) = if last.kind == OpKind::IsTrue {
        let eq = block.ops.get(n.checked_sub(2)?)?;
        if last.args.first() != Some(&Value::Var(eq.result)) {
            return None;
        }
        (eq, vec![eq.result, last.result])
    } else {
        (last, vec![last.result])
    };
    if eq.kind != OpKind::Eq {
        return None;
    }
    let (subject, case) = match &eq.args[..] {
        [Value::Var(v), Value::Const(c)] | [Value::Const(c), Value::Var(v)] => (Value::Var(*v), c),
        _ => return None,
    };
    if !matches!(case, ConstValue::Int(_) | ConstValue::Str(_)) {
        return None;
    }
    Some(Test {
        subject,
        case: case.clone(),
        nops: outcome.len(),
        outcome,
        if_true,
        if_false,
    })
}

/// Where a branch goes, with its arguments expressed in the head block.
struct Branch {
    target: BlockId,
    args: Vec<Value>,
    span: rpy_front::Span,
}

impl Branch {
    fn of(g: &FunctionGraph, l: LinkId, map: &Renaming) -> Branch {
        Branch {
            target: g.link_target(l),
            args: subst_all(&g.link(l).args, map),
            span: g.link(l).span,
        }
    }
}

/// Collapse the chain starting at `head`; false if there is none.
fn collapse_chain(g: &mut FunctionGraph, head: BlockId) -> bool {
    let Some(test) = match_test(g, head) else {
        return false;
    };
    let kind = discriminant(&test.case);
    let mut cases = vec![(
        test.case.clone(),
        Branch::of(g, test.if_true, &test.outcome_is(true, Renaming::new())),
    )];
    let mut default = Branch::of(g, test.if_false, &test.outcome_is(false, Renaming::new()));
    let mut consumed: Vec<BlockId> = Vec::new();
    loop {
        let next = default.target;
        if next == head
            || is_special(g, next)
            || consumed.contains(&next)
            || g.incoming(next).len() != 1
        {
            break;
        }
        let Some(t) = match_test(g, next) else { break };
        if g.block(next).ops.len() != t.nops || discriminant(&t.case) != kind {
            break;
        }
        let map = bind_inputargs(g, next, &default.args);
        if subst(&t.subject, &map) != test.subject {
            break;
        }
        let on_true = Branch::of(g, t.if_true, &t.outcome_is(true, map.clone()));
        if !cases.iter().any(|(c, _)| *c == t.case) {
            cases.push((t.case.clone(), on_true));
        }
        default = Branch::of(g, t.if_false, &t.outcome_is(false, map));
        consumed.push(next);
    }
    if consumed.is_empty() {
        return false;
    }
    for l in g.block(head).exits.clone() {
        g.remove_link(l);
    }
    let block = g.block_mut(head);
    let keep = block.ops.len() - test.nops;
    block.ops.truncate(keep);
    block.exitswitch = Some(ExitSwitch::Value(test.subject));
    let exits = cases
        .into_iter()
        .map(|(c, br)| (ExitCase::Const(c), br))
        .chain(std::iter::once((ExitCase::Default, default)));
    for (exitcase, br) in exits {
        let link = Link {
            args: br.args,
            exitcase,
            last_exc_value: None,
            span: br.span,
        };
        g.add_link(head, br.target, link);
    }
    for b in consumed {
        g.remove_block(b);
    }
    true
}

/// Turn each chain `if x == C1: … elif x == C2: … else: …` (each test in
/// its own block, reached only from the previous test's False exit, the
/// variable possibly renamed along the links) into one switch on `x` with
/// cases `C1, C2, …` (first wins on duplicates) and a default exit.
pub fn switch_chains(g: &mut FunctionGraph) {
    for b in g.blocks_in_order() {
        if g.graph.contains_node(b.0) {
            collapse_chain(g, b);
        }
    }
}
