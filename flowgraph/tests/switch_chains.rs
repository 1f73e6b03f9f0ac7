//! The if/elif chain → switch pass.

mod common;

use common::*;
use flowgraph::model::{FunctionGraph, Value};
use flowgraph::ops::OpKind;
use flowgraph::print::print_graph;
use flowgraph::simplify::{remove_unreachable_blocks, simplify_graph, switch_chains};
use rpy_front::program::ConstValue;
use std::rc::Rc;

/// A block `t(a): r = add(a, k); return r`.
fn arm(g: &mut FunctionGraph, k: i64) -> flowgraph::BlockId {
    let (b, a) = block(g, 1);
    let r = op(g, b, OpKind::Add, vec![var(a[0]), int(k)]);
    ret(g, b, var(r));
    b
}

/// `if x == 1: … elif x == 2: … elif x == 3: … elif x == 4: … else: …`
/// with the tested variable renamed in each block, the constant on either
/// side of `eq`, and the last test's outcome passed along its links.
fn chain(cases: [i64; 4]) -> FunctionGraph {
    let mut g = graph("main", &["x", "y"]);
    let start = g.startblock;
    let p = g.block(start).inputargs.clone();
    let (b2, a2) = block(&mut g, 2);
    let (b3, a3) = block(&mut g, 2);
    let (b4, a4) = block(&mut g, 2);
    let arms: Vec<_> = (1..=4).map(|k| arm(&mut g, 10 * k)).collect();
    let (t4, _) = block(&mut g, 2);
    let (other, o) = block(&mut g, 2);
    ret(&mut g, t4, int(40));
    let r = op(&mut g, other, OpKind::Sub, vec![var(o[0]), var(o[1])]);
    ret(&mut g, other, var(r));
    let c1 = op(&mut g, start, OpKind::Eq, vec![var(p[0]), int(cases[0])]);
    branch(
        &mut g,
        start,
        var(c1),
        (arms[0], vec![var(p[1])]),
        (b2, vec![var(p[1]), var(p[0])]),
    );
    let c2 = op(&mut g, b2, OpKind::Eq, vec![var(a2[1]), int(cases[1])]);
    branch(
        &mut g,
        b2,
        var(c2),
        (arms[1], vec![var(a2[0])]),
        (b3, vec![var(a2[1]), var(a2[0])]),
    );
    let c3 = op(&mut g, b3, OpKind::Eq, vec![int(cases[2]), var(a3[0])]);
    branch(
        &mut g,
        b3,
        var(c3),
        (arms[2], vec![var(a3[1])]),
        (b4, vec![var(a3[0]), var(a3[1])]),
    );
    let c4 = op(&mut g, b4, OpKind::Eq, vec![var(a4[0]), int(cases[3])]);
    branch(
        &mut g,
        b4,
        var(c4),
        (t4, vec![var(a4[1]), var(c4)]),
        (other, vec![var(a4[1]), var(c4)]),
    );
    g
}

#[test]
fn four_comparisons_become_one_switch() {
    let mut g = chain([1, 2, 3, 4]);
    assert_text(
        &checked(&g),
        "
        graph main(v0, v1):
          block0(v0, v1):
            v2 = eq(v0, 1)
            if v2 [True → block1(v1), False → block2(v1, v0)]
          block1(v3):
            v4 = add(v3, 10)
            return v4
          block2(v5, v6):
            v7 = eq(v6, 2)
            if v7 [True → block3(v5), False → block4(v6, v5)]
          block3(v8):
            v9 = add(v8, 20)
            return v9
          block4(v10, v11):
            v12 = eq(3, v10)
            if v12 [True → block5(v11), False → block6(v10, v11)]
          block5(v13):
            v14 = add(v13, 30)
            return v14
          block6(v15, v16):
            v17 = eq(v15, 4)
            if v17 [True → block7(v16, v17), False → block8(v16, v17)]
          block7(v18, v19):
            return 40
          block8(v20, v21):
            v22 = sub(v20, v21)
            return v22
        ",
    );
    switch_chains(&mut g);
    assert_text(
        &checked(&g),
        "
        graph main(v0, v1):
          block0(v0, v1):
            switch v0 [1 → block1(v1), 2 → block2(v1), 3 → block3(v1), 4 → block4(v1, True), default → block5(v1, False)]
          block1(v2):
            v3 = add(v2, 10)
            return v3
          block2(v4):
            v5 = add(v4, 20)
            return v5
          block3(v6):
            v7 = add(v6, 30)
            return v7
          block4(v8, v9):
            return 40
          block5(v10, v11):
            v12 = sub(v10, v11)
            return v12
        ",
    );
}

#[test]
fn duplicated_constants_keep_the_first_case() {
    let mut g = chain([1, 2, 1, 3]);
    switch_chains(&mut g);
    remove_unreachable_blocks(&mut g);
    assert_text(
        &checked(&g),
        "
        graph main(v0, v1):
          block0(v0, v1):
            switch v0 [1 → block1(v1), 2 → block2(v1), 3 → block3(v1, True), default → block4(v1, False)]
          block1(v2):
            v3 = add(v2, 10)
            return v3
          block2(v4):
            v5 = add(v4, 20)
            return v5
          block3(v6, v7):
            return 40
          block4(v8, v9):
            v10 = sub(v8, v9)
            return v10
        ",
    );
}

#[test]
fn chain_stops_at_another_variable_or_a_shared_block() {
    // Test 2 compares y, not x: only tests on x are collected (1 of them:
    // no switch); test 3 is reached from two places.
    let mut g = graph("main", &["x", "y"]);
    let start = g.startblock;
    let p = g.block(start).inputargs.clone();
    let (b2, a2) = block(&mut g, 2);
    let t1 = arm(&mut g, 1);
    let t2 = arm(&mut g, 2);
    let c1 = op(&mut g, start, OpKind::Eq, vec![var(p[0]), int(1)]);
    branch(
        &mut g,
        start,
        var(c1),
        (t1, vec![var(p[0])]),
        (b2, vec![var(p[0]), var(p[1])]),
    );
    let c2 = op(&mut g, b2, OpKind::Eq, vec![var(a2[1]), int(2)]);
    branch(
        &mut g,
        b2,
        var(c2),
        (t2, vec![var(a2[0])]),
        (t1, vec![var(a2[1])]),
    );
    let before = checked(&g);
    switch_chains(&mut g);
    assert_eq!(checked(&g), before);
}

#[test]
fn string_cases_and_bool_of_eq() {
    // `if s == 'a'` emitted as `v = eq(s, 'a'); w = bool(v); if w`.
    let mut g = graph("main", &["s"]);
    let start = g.startblock;
    let p = g.block(start).inputargs.clone();
    let (b2, a2) = block(&mut g, 1);
    let (t1, t2, other) = (arm(&mut g, 1), arm(&mut g, 2), arm(&mut g, 3));
    let str_ = |s: &str| Value::Const(ConstValue::Str(Rc::from(s.as_bytes())));
    let pre = op(&mut g, start, OpKind::Len, vec![var(p[0])]);
    let c1 = op(&mut g, start, OpKind::Eq, vec![var(p[0]), str_("a")]);
    let w1 = op(&mut g, start, OpKind::IsTrue, vec![var(c1)]);
    branch(
        &mut g,
        start,
        var(w1),
        (t1, vec![var(pre)]),
        (b2, vec![var(p[0])]),
    );
    let c2 = op(&mut g, b2, OpKind::Eq, vec![str_("b"), var(a2[0])]);
    let w2 = op(&mut g, b2, OpKind::IsTrue, vec![var(c2)]);
    branch(
        &mut g,
        b2,
        var(w2),
        (t2, vec![int(0)]),
        (other, vec![int(1)]),
    );
    checked(&g);
    switch_chains(&mut g);
    assert_text(
        &checked(&g),
        "
        graph main(v0):
          block0(v0):
            v1 = len(v0)
            switch v0 ['a' → block1(v1), 'b' → block2(0), default → block3(1)]
          block1(v2):
            v3 = add(v2, 1)
            return v3
          block2(v4):
            v5 = add(v4, 2)
            return v5
          block3(v6):
            v7 = add(v6, 3)
            return v7
        ",
    );
}

#[test]
fn opcode_dispatch_simplifies_to_one_switch() {
    // The builder's shape: empty blocks on every link.
    let mut g = chain([1, 2, 3, 4]);
    split_links(&mut g);
    checked(&g);
    assert!(print_graph(&g, &program()).contains("block20"));
    simplify_graph(&mut g, &program());
    assert_text(
        &checked(&g),
        "
        graph main(v0, v1):
          block0(v0, v1):
            switch v0 [1 → block1(v1), 2 → block2(v1), 3 → block3(v1), 4 → return 40, default → block4(v1)]
          block1(v2):
            v3 = add(v2, 10)
            return v3
          block2(v4):
            v5 = add(v4, 20)
            return v5
          block3(v6):
            v7 = add(v6, 30)
            return v7
          block4(v8):
            v9 = sub(v8, False)
            return v9
        ",
    );
}
