//! The text form and the DOT export of hand-built graphs.

mod common;

use common::*;
use flowgraph::dot::to_dot;
use flowgraph::model::{ExitCase, ExitSwitch, Link, Value};
use flowgraph::ops::OpKind;
use flowgraph::print::format_const;
use rpy_front::program::{builtin_class, Builtin, ClassId, ConstValue, FuncId};
use std::rc::Rc;

/// The graph of the brief's example: a loop head, a switch, an if, a call
/// inside a try.
/// `noise` unused variables and blocks shift every internal id.
fn example(noise: usize) -> flowgraph::FunctionGraph {
    let mut g = graph("interpret", &["code", "pc"]);
    for _ in 0..noise {
        g.new_var(None);
        let (orphan, a) = block(&mut g, 1);
        ret(&mut g, orphan, var(a[0]));
    }
    let start = g.startblock;
    let p = g.block(start).inputargs.clone();
    let (b1, a1) = block(&mut g, 3);
    let (b2, a2) = block(&mut g, 2);
    let (b3, a3) = block(&mut g, 1);
    let (b4, _) = block(&mut g, 1);
    let (b5, a5) = block(&mut g, 1);
    let m = op(&mut g, start, OpKind::Mul, vec![int(0), int(256)]);
    goto(&mut g, start, b1, vec![var(p[0]), var(p[1]), var(m)]);
    let opcode = op(&mut g, b1, OpKind::GetItem, vars(&a1[..2]));
    g.block_mut(b1).exitswitch = Some(ExitSwitch::Value(var(opcode)));
    let case = |c: i64| ExitCase::Const(ConstValue::Int(c));
    for (target, args, exitcase) in [
        (b2, vars(&a1[..2]), case(1)),
        (b3, vec![var(a1[2])], case(2)),
        (
            g.exceptblock,
            vec![Value::Const(ConstValue::Class(builtin_class::VALUE_ERROR))],
            ExitCase::Default,
        ),
    ] {
        g.add_link(
            b1,
            target,
            Link {
                args,
                exitcase,
                last_exc_value: None,
                span: rpy_front::Span::default(),
            },
        );
    }
    let c = op(&mut g, b2, OpKind::Lt, vec![var(a2[0]), int(10)]);
    branch(
        &mut g,
        b2,
        var(c),
        (b4, vec![var(a2[0])]),
        (b5, vec![var(a2[1])]),
    );
    ret(&mut g, b3, var(a3[0]));
    ret(
        &mut g,
        b4,
        Value::Const(ConstValue::Str(Rc::from(&b"it's\n"[..]))),
    );
    let r = op(
        &mut g,
        b5,
        OpKind::SimpleCall,
        vec![Value::Const(ConstValue::Func(FuncId(1))), var(a5[0])],
    );
    g.block_mut(b5).exitswitch = Some(ExitSwitch::LastException);
    let r_block = g.returnblock;
    g.add_link(
        b5,
        r_block,
        Link {
            args: vec![var(r)],
            exitcase: ExitCase::Always,
            last_exc_value: None,
            span: rpy_front::Span::default(),
        },
    );
    let e = g.new_var(None);
    let exc = g.exceptblock;
    g.add_link(
        b5,
        exc,
        Link {
            args: vec![var(e)],
            exitcase: ExitCase::Exception(builtin_class::INDEX_ERROR),
            last_exc_value: Some(e),
            span: rpy_front::Span::default(),
        },
    );
    g
}

#[test]
fn prints_the_example() {
    let g = example(0);
    assert_text(
        &checked(&g),
        "
        graph interpret(v0, v1):
          block0(v0, v1):
            v2 = mul(0, 256)
            goto block1(v0, v1, v2)
          block1(v3, v4, v5):
            v6 = getitem(v3, v4)
            switch v6 [1 → block2(v3, v4), 2 → block5(v5), default → raise ValueError]
          block2(v7, v8):
            v9 = lt(v7, 10)
            if v9 [True → block3(v7), False → block4(v8)]
          block3(v10):
            return \"it's\\n\"
          block4(v11):
            v12 = simple_call(f, v11)
            on exception [normal → return v12, IndexError as v13 → raise v13]
          block5(v14):
            return v14
        ",
    );
}

#[test]
fn printing_ignores_internal_ids() {
    assert_eq!(checked(&example(3)), checked(&example(0)));
}

#[test]
fn constants_print_readably() {
    let prog = program();
    let tuple = ConstValue::Tuple(Rc::from(vec![
        ConstValue::Int(1),
        ConstValue::None,
        ConstValue::Bool(false),
    ]));
    assert_eq!(format_const(&tuple, &prog), "(1, None, False)");
    let single = ConstValue::Tuple(Rc::from(vec![ConstValue::Float(2.0)]));
    assert_eq!(format_const(&single, &prog), "(2.0,)");
    assert_eq!(
        format_const(&ConstValue::Builtin(Builtin::Len), &prog),
        "len"
    );
    assert_eq!(format_const(&ConstValue::Func(FuncId(0)), &prog), "main");
    assert_eq!(
        format_const(&ConstValue::Class(ClassId(8)), &prog),
        "IndexError"
    );
    assert_eq!(format_const(&ConstValue::Int(-3), &prog), "-3");
}

#[test]
fn dot_export_has_nodes_and_styled_edges() {
    let dot = to_dot(&example(0), &program());
    assert!(dot.starts_with("digraph \"interpret\" {"), "{dot}");
    assert!(
        dot.contains(
            "block1 [label=\"block1(v3, v4, v5):\\lv6 = getitem(v3, v4)\\lswitch v6\\l\"];"
        ),
        "{dot}"
    );
    assert!(
        dot.contains("block1 -> block2 [label=\"1: (v3, v4)\"];"),
        "{dot}"
    );
    assert!(
        dot.contains("block3 -> returnblock [label=\"(\\\"it's\\\\n\\\")\"];"),
        "{dot}"
    );
    assert!(
        dot.contains("block4 -> exceptblock [label=\"IndexError as v13: (v13)\", style=dashed, color=red, fontcolor=red];"),
        "{dot}"
    );
    assert!(dot.trim_end().ends_with('}'));
}

#[test]
fn print_program_separates_graphs_with_blank_lines() {
    let mut f = graph("f", &[]);
    let start = f.startblock;
    ret(&mut f, start, Value::Const(ConstValue::None));
    let fp = flowgraph::FlowProgram {
        program: program(),
        graphs: vec![example(0), f],
        refused: vec![None, None],
    };
    let text = flowgraph::print::print_program(&fp);
    assert!(text.starts_with("graph interpret(v0, v1):\n"), "{text}");
    assert!(
        text.ends_with("    return v14\n\ngraph f():\n  block0:\n    return None\n"),
        "{text}"
    );
}
