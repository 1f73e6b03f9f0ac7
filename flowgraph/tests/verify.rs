//! The verifier accepts well-formed graphs and names what is wrong in
//! broken ones.

mod common;

use common::*;
use flowgraph::model::{BlockId, ExitCase, ExitSwitch, FunctionGraph, Link, Op, VarId};
use flowgraph::ops::OpKind;
use flowgraph::verify::verify;
use rpy_front::program::{builtin_class, ConstValue};
use rpy_front::Span;

struct Base {
    g: FunctionGraph,
    /// start(x): y = add(x, 1); if lt(y, 3) [True → b1(y), False → b2(x)]
    b1: BlockId,
    b2: BlockId,
    x: VarId,
    y: VarId,
    c: VarId,
    /// b2(z): r = getitem(z, 0) inside a try: normal → return r,
    /// IndexError as e → raise e
    r: VarId,
}

fn base() -> Base {
    let mut g = graph("main", &["x"]);
    let start = g.startblock;
    let x = g.block(start).inputargs[0];
    let (b1, a1) = block(&mut g, 1);
    let (b2, a2) = block(&mut g, 1);
    let y = op(&mut g, start, OpKind::Add, vec![var(x), int(1)]);
    let c = op(&mut g, start, OpKind::Lt, vec![var(y), int(3)]);
    branch(
        &mut g,
        start,
        var(c),
        (b1, vec![var(y)]),
        (b2, vec![var(x)]),
    );
    ret(&mut g, b1, var(a1[0]));
    let r = op(&mut g, b2, OpKind::GetItem, vec![var(a2[0]), int(0)]);
    g.block_mut(b2).exitswitch = Some(ExitSwitch::LastException);
    ret(&mut g, b2, var(r));
    let e = g.new_var(None);
    let exc = g.exceptblock;
    let link = Link {
        args: vec![var(e)],
        exitcase: ExitCase::Exception(builtin_class::INDEX_ERROR),
        last_exc_value: Some(e),
        span: rpy_front::Span::default(),
    };
    g.add_link(b2, exc, link);
    Base {
        g,
        b1,
        b2,
        x,
        y,
        c,
        r,
    }
}

#[track_caller]
fn rejects(mutate: impl FnOnce(&mut Base), message: &str) {
    let mut b = base();
    mutate(&mut b);
    match verify(&b.g) {
        Ok(()) => panic!("verify accepted a broken graph (expected {message:?})"),
        Err(e) => assert!(e.contains(message), "{e:?} does not mention {message:?}"),
    }
}

fn exit(b: &Base, block: BlockId, i: usize) -> flowgraph::LinkId {
    b.g.block(block).exits[i]
}

#[test]
fn accepts_a_well_formed_graph() {
    verify(&base().g).unwrap();
}

#[test]
fn variables_are_defined_once() {
    rejects(|b| b.g.block_mut(b.b1).inputargs[0] = b.y, "defined twice");
}

#[test]
fn uses_come_after_definitions_in_the_same_block() {
    rejects(
        |b| {
            let start = b.g.startblock;
            b.g.block_mut(start).ops[0].args[0] = flowgraph::Value::Var(b.c);
        },
        "not defined before it",
    );
    rejects(
        |b| b.g.block_mut(b.b2).ops[0].args[0] = var(b.x),
        "used by op 0 (getitem) is not defined",
    );
}

#[test]
fn link_args_match_the_target() {
    rejects(
        |b| b.g.link_mut(exit(b, b.b1, 0)).args.push(int(1)),
        "passes 2 args",
    );
}

#[test]
fn exit_list_matches_the_edges() {
    rejects(
        |b| {
            let l = exit(b, b.b1, 0);
            b.g.block_mut(b.b1).exits.push(l);
        },
        "differs from the graph's out-edges",
    );
}

#[test]
fn op_arity_follows_the_table() {
    rejects(
        |b| b.g.block_mut(b.b2).ops[0].args.pop().map(|_| ()).unwrap(),
        "has 1 args",
    );
}

#[test]
fn exitswitch_and_exitcases_agree() {
    rejects(
        |b| b.g.block_mut(b.b1).exitswitch = Some(ExitSwitch::Value(int(1))),
        "a switch",
    );
    rejects(
        |b| {
            let start = b.g.startblock;
            b.g.block_mut(start).exitswitch = None;
        },
        "exactly one Always exit",
    );
    rejects(
        |b| {
            let l = exit(b, b.g.startblock, 0);
            b.g.link_mut(l).exitcase = ExitCase::Const(ConstValue::Bool(false));
        },
        "duplicate exitcase",
    );
    rejects(
        |b| {
            let l = exit(b, b.g.startblock, 0);
            b.g.link_mut(l).exitcase = ExitCase::Default;
        },
        "Default exit must be the last",
    );
    rejects(
        |b| {
            let l = exit(b, b.g.startblock, 1);
            b.g.link_mut(l).exitcase = ExitCase::Const(ConstValue::Int(1));
        },
        "mixes kinds",
    );
}

#[test]
fn exception_links_see_last_exc_value_but_not_the_raising_result() {
    rejects(
        |b| {
            let l = exit(b, b.b2, 1);
            b.g.link_mut(l).args[0] = var(b.r);
        },
        "used by exit 1 is not defined",
    );
    rejects(
        |b| {
            let (l, e) = (exit(b, b.b2, 0), b.g.new_var(None));
            b.g.link_mut(l).last_exc_value = Some(e);
        },
        "not an exception link",
    );
    rejects(
        |b| b.g.block_mut(b.b2).ops[0].kind = OpKind::Lt,
        "cannot raise",
    );
    rejects(
        |b| {
            let l = exit(b, b.b2, 0);
            b.g.link_mut(l).exitcase = ExitCase::Exception(builtin_class::KEY_ERROR);
        },
        "exit 0 of a LastException block must be Always",
    );
}

#[test]
fn return_and_except_blocks_have_their_shape() {
    rejects(
        |b| {
            let (rb, v) = (b.g.returnblock, b.g.new_var(None));
            let arg = b.g.block(rb).inputargs[0];
            b.g.block_mut(rb).ops.push(Op {
                kind: OpKind::Neg,
                args: vec![var(arg)],
                result: v,
                span: Span::default(),
            });
        },
        "must have no ops",
    );
}
