//! The simplification passes other than switch_chains, one by one.

mod common;

use common::*;
use flowgraph::model::{ExitCase, ExitSwitch, FunctionGraph, Link, Value};
use flowgraph::ops::OpKind;
use flowgraph::simplify::*;
use rpy_front::program::{builtin_class, ConstValue};

/// `while i > 0: acc += i; i -= 1` with a `junk` value carried round the
/// loop and to the exit without ever being used, and a dead `mul` of it.
fn loop_graph() -> FunctionGraph {
    let mut g = graph("main", &["n"]);
    let start = g.startblock;
    let n = g.block(start).inputargs[0];
    let (head, h) = block(&mut g, 3);
    let (body, b) = block(&mut g, 3);
    let (exit, e) = block(&mut g, 2);
    goto(&mut g, start, head, vec![var(n), int(0), int(99)]);
    let c = op(&mut g, head, OpKind::Gt, vec![var(h[0]), int(0)]);
    branch(
        &mut g,
        head,
        var(c),
        (body, vars(&h)),
        (exit, vec![var(h[1]), var(h[2])]),
    );
    let acc = op(&mut g, body, OpKind::Add, vec![var(b[1]), var(b[0])]);
    let i = op(&mut g, body, OpKind::Sub, vec![var(b[0]), int(1)]);
    let junk = op(&mut g, body, OpKind::Mul, vec![var(b[2]), int(2)]);
    let _dead = op(&mut g, body, OpKind::Add, vec![var(junk), int(1)]);
    goto(&mut g, body, head, vec![var(i), var(acc), var(b[2])]);
    ret(&mut g, exit, var(e[0]));
    g
}

#[test]
fn dead_inputargs_on_a_loop() {
    let mut g = loop_graph();
    remove_dead_ops(&mut g);
    assert_text(
        &checked(&g),
        "
        graph main(v0):
          block0(v0):
            goto block1(v0, 0, 99)
          block1(v1, v2, v3):
            v4 = gt(v1, 0)
            if v4 [True → block2(v1, v2, v3), False → block3(v2, v3)]
          block2(v5, v6, v7):
            v8 = add(v6, v5)
            v9 = sub(v5, 1)
            goto block1(v9, v8, v7)
          block3(v10, v11):
            return v10
        ",
    );
    remove_dead_inputargs(&mut g);
    assert_text(
        &checked(&g),
        "
        graph main(v0):
          block0(v0):
            goto block1(v0, 0)
          block1(v1, v2):
            v3 = gt(v1, 0)
            if v3 [True → block2(v1, v2), False → block3(v2)]
          block2(v4, v5):
            v6 = add(v5, v4)
            v7 = sub(v4, 1)
            goto block1(v7, v6)
          block3(v8):
            return v8
        ",
    );
}

#[test]
fn dead_inputargs_keep_values_used_later_round_the_loop() {
    // Without removing the dead ops first, `junk` feeds `mul`: it stays
    // round the loop; only the exit block's copy goes.
    let mut g = loop_graph();
    let before = checked(&g);
    remove_dead_inputargs(&mut g);
    let expected = before
        .replace("False → block3(v2, v3)", "False → block3(v2)")
        .replace("block3(v12, v13):", "block3(v12):");
    assert_eq!(checked(&g), expected);
}

#[test]
fn dead_ops_keep_effects_hints_and_raising_ops() {
    let mut g = graph("main", &["a", "b"]);
    let start = g.startblock;
    let p = g.block(start).inputargs.clone();
    op(&mut g, start, OpKind::FloorDiv, vec![var(p[0]), var(p[1])]); // may raise
    op(&mut g, start, OpKind::JitMergePoint, vec![var(p[0])]); // a hint
    op(&mut g, start, OpKind::Len, vec![var(p[0])]); // reads the heap
    let n = op(&mut g, start, OpKind::Neg, vec![var(p[0])]); // pure, dead
    op(&mut g, start, OpKind::Add, vec![var(n), int(1)]); // pure, dead
    let kept = op(&mut g, start, OpKind::Sub, vec![var(p[0]), int(1)]); // pure, used
    ret(&mut g, start, var(kept));
    remove_dead_ops(&mut g);
    assert_text(
        &checked(&g),
        "
        graph main(v0, v1):
          block0(v0, v1):
            v2 = floordiv(v0, v1)
            v3 = jit_merge_point(v0)
            v4 = len(v0)
            v5 = sub(v0, 1)
            return v5
        ",
    );
}

#[test]
fn empty_blocks_are_bypassed_and_joined() {
    let mut g = loop_graph();
    split_links(&mut g);
    checked(&g);
    eliminate_empty_blocks(&mut g);
    // The exit block `block3(v10, v11): return v10` is empty too.
    assert_text(
        &checked(&g),
        "
        graph main(v0):
          block0(v0):
            goto block1(v0, 0, 99)
          block1(v1, v2, v3):
            v4 = gt(v1, 0)
            if v4 [True → block2(v1, v2, v3), False → return v2]
          block2(v5, v6, v7):
            v8 = add(v6, v5)
            v9 = sub(v5, 1)
            v10 = mul(v7, 2)
            v11 = add(v10, 1)
            goto block1(v9, v8, v7)
        ",
    );
}

#[test]
fn join_merges_straight_line_blocks() {
    let mut g = graph("main", &["x"]);
    let start = g.startblock;
    let x = g.block(start).inputargs[0];
    let (b1, a1) = block(&mut g, 2);
    let (b2, a2) = block(&mut g, 1);
    let y = op(&mut g, start, OpKind::Add, vec![var(x), int(1)]);
    goto(&mut g, start, b1, vec![var(y), int(7)]);
    let z = op(&mut g, b1, OpKind::Mul, vec![var(a1[0]), var(a1[1])]);
    goto(&mut g, b1, b2, vec![var(z)]);
    let c = op(&mut g, b2, OpKind::Lt, vec![var(a2[0]), int(3)]);
    let r = g.returnblock;
    branch(&mut g, b2, var(c), (r, vec![var(a2[0])]), (r, vec![int(0)]));
    join_blocks(&mut g);
    assert_text(
        &checked(&g),
        "
        graph main(v0):
          block0(v0):
            v1 = add(v0, 1)
            v2 = mul(v1, 7)
            v3 = lt(v2, 3)
            if v3 [True → return v2, False → return 0]
        ",
    );
}

#[test]
fn join_into_the_start_block_keeps_exception_exits() {
    let mut g = graph("main", &["f"]);
    let start = g.startblock;
    let f = g.block(start).inputargs[0];
    let (b1, a1) = block(&mut g, 1);
    goto(&mut g, start, b1, vec![var(f)]);
    let r = op(&mut g, b1, OpKind::SimpleCall, vec![var(a1[0])]);
    g.block_mut(b1).exitswitch = Some(ExitSwitch::LastException);
    let e = g.new_var(None);
    let rb = g.returnblock;
    goto(&mut g, b1, rb, vec![var(r)]);
    let link = Link {
        args: vec![var(e)],
        exitcase: ExitCase::Exception(builtin_class::KEY_ERROR),
        last_exc_value: Some(e),
        span: rpy_front::Span::default(),
    };
    g.add_link(b1, start, link);
    join_blocks(&mut g);
    assert_text(
        &checked(&g),
        "
        graph main(v0):
          block0(v0):
            v1 = simple_call(v0)
            on exception [normal → return v1, KeyError as v2 → block0(v2)]
        ",
    );
}

#[test]
fn constant_switches_fold_and_unreachable_blocks_go() {
    let mut g = graph("main", &["x"]);
    let start = g.startblock;
    let x = g.block(start).inputargs[0];
    let (b1, a1) = block(&mut g, 2);
    let (t, ta) = block(&mut g, 1);
    let (f, fa) = block(&mut g, 1);
    goto(&mut g, start, b1, vec![var(x), int(0)]);
    branch(
        &mut g,
        b1,
        var(a1[1]),
        (t, vec![var(a1[0])]),
        (f, vec![int(5)]),
    );
    ret(&mut g, t, var(ta[0]));
    ret(&mut g, f, var(fa[0]));
    join_blocks(&mut g); // the switch becomes `if 0`
    constant_fold_exitswitch(&mut g);
    remove_unreachable_blocks(&mut g);
    assert_text(
        &checked(&g),
        "
        graph main(v0):
          block0(v0):
            goto block1(5)
          block1(v1):
            return v1
        ",
    );
    assert_eq!(g.all_blocks().len(), 4);
}

#[test]
fn switch_on_a_constant_picks_the_default() {
    let mut g = graph("main", &[]);
    let start = g.startblock;
    let rb = g.returnblock;
    g.block_mut(start).exitswitch = Some(ExitSwitch::Value(int(9)));
    for (case, value) in [
        (ExitCase::Const(ConstValue::Int(1)), 1),
        (ExitCase::Default, 2),
    ] {
        let link = Link {
            args: vec![int(value)],
            exitcase: case,
            last_exc_value: None,
            span: rpy_front::Span::default(),
        };
        g.add_link(start, rb, link);
    }
    constant_fold_exitswitch(&mut g);
    assert_text(&checked(&g), "graph main():\n  block0:\n    return 2\n");
}

#[test]
fn identical_inputargs_become_constants() {
    // `k` is 3 on entry and passed back unchanged round the loop.
    let mut g = graph("main", &["n"]);
    let start = g.startblock;
    let n = g.block(start).inputargs[0];
    let (head, h) = block(&mut g, 2);
    let (body, b) = block(&mut g, 2);
    goto(&mut g, start, head, vec![var(n), int(3)]);
    let c = op(&mut g, head, OpKind::Gt, vec![var(h[0]), var(h[1])]);
    let rb = g.returnblock;
    branch(
        &mut g,
        head,
        var(c),
        (body, vars(&h)),
        (rb, vec![var(h[1])]),
    );
    let i = op(&mut g, body, OpKind::Sub, vec![var(b[0]), var(b[1])]);
    goto(&mut g, body, head, vec![var(i), var(b[1])]);
    remove_identical_inputargs(&mut g);
    assert_text(
        &checked(&g),
        "
        graph main(v0):
          block0(v0):
            goto block1(v0)
          block1(v1):
            v2 = gt(v1, 3)
            if v2 [True → block2(v1), False → return 3]
          block2(v3):
            v4 = sub(v3, 3)
            goto block1(v4)
        ",
    );
}

#[test]
fn simplify_graph_on_the_loop() {
    let mut g = loop_graph();
    split_links(&mut g);
    simplify_graph(&mut g, &program());
    assert_text(
        &checked(&g),
        "
        graph main(v0):
          block0(v0):
            goto block1(v0, 0)
          block1(v1, v2):
            v3 = gt(v1, 0)
            if v3 [True → block2(v1, v2), False → return v2]
          block2(v4, v5):
            v6 = add(v5, v4)
            v7 = sub(v4, 1)
            goto block1(v7, v6)
        ",
    );
}

#[test]
fn start_block_parameters_are_never_removed() {
    let mut g = graph("main", &["unused"]);
    let start = g.startblock;
    ret(&mut g, start, Value::Const(ConstValue::None));
    simplify_graph(&mut g, &program());
    assert_text(
        &checked(&g),
        "graph main(v0):\n  block0(v0):\n    return None\n",
    );
}
