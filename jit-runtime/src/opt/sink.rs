//! Sinking into guards: an `int_add`/`int_sub` of a constant whose result
//! only failing guards read (as a fail argument) is not computed; those
//! guards save its operand instead and note the offset, which resuming
//! adds back (a pointer moved by one before each of a run of checks then
//! costs nothing until a check fails).

use super::rules::added_const;
use crate::ir::{Descrs, Opcode, Trace, Value, Var};
use std::collections::HashMap;

pub fn sink(trace: &Trace, _descrs: &Descrs) -> Trace {
    // boxes some op reads as an argument (those stay computed)
    let mut read = vec![false; trace.kinds.len()];
    for op in &trace.ops {
        for a in &op.args {
            if let Value::Var(x) = a {
                read[x.index()] = true;
            }
        }
    }
    let mut sunk: HashMap<Var, (Value, i64)> = HashMap::new();
    let mut out = trace.clone();
    out.ops.retain(|op| {
        let Some(r) = op.result else { return true };
        if read[r.index()] {
            return true;
        }
        match added_const(op.opcode, &op.args) {
            Some((x @ Value::Var(_), k)) if op.opcode != Opcode::IntAdd || k != 0 => {
                // an operand sunk itself: offsets add up
                let (x, k0) = match x.as_var().and_then(|v| sunk.get(&v)) {
                    Some(&(y, j)) => (y, j),
                    None => (x, 0),
                };
                sunk.insert(r, (x, k0.wrapping_add(k)));
                false
            }
            _ => true,
        }
    });
    for op in &mut out.ops {
        let Some(g) = op.guard.as_mut() else { continue };
        for (pos, a) in g.fail_args.iter_mut().enumerate() {
            if let Some(&(x, k)) = a.as_var().and_then(|v| sunk.get(&v)) {
                *a = x;
                g.offsets.push((pos, k));
            }
        }
    }
    out
}
