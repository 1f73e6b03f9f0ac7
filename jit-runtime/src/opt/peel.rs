//! Loop peeling (PyPy's "unrolling"). The loop trace is copied once: the
//! first copy becomes the preamble, the second the loop body. Between
//! them a `label` takes every box of the first copy, and the body's
//! `jump` passes the corresponding boxes of the second copy, so the
//! passes see one straight line, carry what they know from the preamble
//! into the body (and check at the jump that it still holds, see
//! `loopcheck`). Afterwards the label keeps only the preamble boxes the
//! body really uses: loop-invariant values stay in their registers
//! (`jump` passes them unchanged), loop-carried ones get the body's new
//! value.
//!
//! If the result cannot be closed consistently (the body relies on a
//! preamble equality the jump does not keep), the loop is optimized
//! without peeling: `label(inputargs)`, one iteration, `jump`.

use super::dce::{dce, uses};
use crate::ir::{Descrs, Op, Opcode, Trace, Value, Var};
use std::collections::{HashMap, HashSet};

pub fn peel(
    trace: &Trace,
    descrs: &mut Descrs,
    run: fn(&Trace, &Descrs) -> Trace,
) -> Result<Trace, String> {
    let (body, jump_args) = split_loop(trace)?;
    let label = descrs.new_label();
    let unrolled = unroll(trace, body, jump_args, label);
    let optimized = run(&unrolled, descrs);
    match close(&optimized, descrs) {
        Some(t) => Ok(t),
        None => Ok(run(&without_peeling(trace, body, jump_args, label), descrs)),
    }
}

/// The ops before the final jump, and the jump's arguments.
fn split_loop(trace: &Trace) -> Result<(&[Op], &[Value]), String> {
    match trace.ops.split_last() {
        Some((jump, body)) if jump.opcode == Opcode::Jump && jump.descr.is_none() => {
            Ok((body, &jump.args))
        }
        _ => Err("a loop trace ends with a jump to its start (without descr)".into()),
    }
}

/// `iteration 1, label(its boxes), iteration 2, jump(their images)`.
fn unroll(trace: &Trace, body: &[Op], jump_args: &[Value], label: crate::ir::DescrId) -> Trace {
    let mut t = Trace {
        inputargs: trace.inputargs.clone(),
        ops: body.to_vec(),
        kinds: trace.kinds.clone(),
    };
    let first: Vec<Var> = trace
        .inputargs
        .iter()
        .copied()
        .chain(body.iter().filter_map(|o| o.result))
        .collect();
    let mut image: HashMap<Var, Value> = trace
        .inputargs
        .iter()
        .copied()
        .zip(jump_args.iter().copied())
        .collect();
    let mut second = Vec::new();
    for op in body {
        let mut op = op.clone();
        let subst = |v: &mut Value| {
            if let Value::Var(x) = v {
                if let Some(y) = image.get(x) {
                    *v = *y;
                }
            }
        };
        op.args.iter_mut().for_each(subst);
        if let Some(g) = op.guard.as_mut() {
            g.fail_args.iter_mut().for_each(subst);
        }
        if let Some(r) = op.result {
            let r2 = t.new_var(trace.kind(r));
            image.insert(r, Value::Var(r2));
            op.result = Some(r2);
        }
        second.push(op);
    }
    let label_args: Vec<Value> = first.iter().map(|x| Value::Var(*x)).collect();
    let next_args: Vec<Value> = first.iter().map(|x| image[x]).collect();
    t.ops
        .push(Op::new(Opcode::Label, label_args, None).with_descr(label));
    t.ops.extend(second);
    t.ops
        .push(Op::new(Opcode::Jump, next_args, None).with_descr(label));
    t
}

/// `label(inputargs), iteration, jump`: the loop without a preamble.
fn without_peeling(
    trace: &Trace,
    body: &[Op],
    jump_args: &[Value],
    label: crate::ir::DescrId,
) -> Trace {
    let ins = trace.inputargs.iter().map(|x| Value::Var(*x)).collect();
    let mut ops = vec![Op::new(Opcode::Label, ins, None).with_descr(label)];
    ops.extend(body.iter().cloned());
    ops.push(Op::new(Opcode::Jump, jump_args.to_vec(), None).with_descr(label));
    Trace {
        inputargs: trace.inputargs.clone(),
        ops,
        kinds: trace.kinds.clone(),
    }
}

/// Trims the label to the preamble boxes the body uses (and the jump to
/// the matching values), removing what becomes dead, until stable.
/// `None` if the body relies on something the jump does not keep.
fn close(t: &Trace, descrs: &Descrs) -> Option<Trace> {
    let mut t = t.clone();
    loop {
        let li = t.ops.iter().position(|o| o.opcode == Opcode::Label)?;
        let last = t.ops.len() - 1;
        let pairs: Vec<(Value, Value)> = t.ops[li]
            .args
            .iter()
            .copied()
            .zip(t.ops[last].args.iter().copied())
            .collect();
        // a constant the preamble found must be the same constant again
        if pairs
            .iter()
            .any(|(a, b)| matches!(a, Value::Const(..)) && a != b)
        {
            return None;
        }
        let image = consistent_images(&pairs)?;
        let defined_in_body: HashSet<Var> = t.ops[li + 1..last]
            .iter()
            .filter_map(|o| o.result)
            .collect();
        let from_preamble = |v: Value| v.as_var().filter(|x| !defined_in_body.contains(x));
        // the preamble boxes the body uses, closed under "the jump passes
        // a preamble box for a kept one"
        let mut needed: HashSet<Var> = t.ops[li + 1..last]
            .iter()
            .flat_map(|o| uses(o).filter_map(from_preamble))
            .collect();
        let mut work: Vec<Var> = needed.iter().copied().collect();
        while let Some(x) = work.pop() {
            let next = from_preamble(*image.get(&x)?);
            if let Some(y) = next {
                if needed.insert(y) {
                    work.push(y);
                }
            }
        }
        let mut kept: Vec<Var> = Vec::new();
        for (a, _) in &pairs {
            if let Some(x) = a
                .as_var()
                .filter(|x| needed.contains(x) && !kept.contains(x))
            {
                kept.push(x);
            }
        }
        let label_args: Vec<Value> = kept.iter().map(|x| Value::Var(*x)).collect();
        let jump_args: Vec<Value> = kept.iter().map(|x| image[x]).collect();
        let changed = t.ops[li].args != label_args;
        t.ops[li].args = label_args;
        t.ops[last].args = jump_args;
        let trimmed = dce(&t, descrs);
        if !changed && trimmed == t {
            return Some(t);
        }
        t = trimmed;
    }
}

/// Label box -> jump value, if every position of a box gets one value.
fn consistent_images(pairs: &[(Value, Value)]) -> Option<HashMap<Var, Value>> {
    let mut image = HashMap::new();
    for (a, b) in pairs {
        if let Some(x) = a.as_var() {
            if *image.entry(x).or_insert(*b) != *b {
                return None;
            }
        }
    }
    Some(image)
}
