//! SSA repair (PyPy's SSA_to_SSI): the builder may use a variable in any
//! block its definition dominates; this pass threads each such use through
//! block input arguments so that every block uses only its own variables.

use crate::model::{BlockId, ExitSwitch, FunctionGraph, Value, VarId};
use std::collections::{HashMap, HashSet};

/// Variables defined in a block: input args and op results.
fn defined_in(g: &FunctionGraph, b: BlockId) -> HashSet<VarId> {
    let blk = g.block(b);
    blk.inputargs
        .iter()
        .copied()
        .chain(blk.ops.iter().map(|op| op.result))
        .collect()
}

struct Repair {
    /// (block, original var) → the input arg standing for it in that block.
    memo: HashMap<(BlockId, VarId), VarId>,
    defined: HashMap<BlockId, HashSet<VarId>>,
}

impl Repair {
    fn defines(&mut self, g: &FunctionGraph, b: BlockId, v: VarId) -> bool {
        self.defined
            .entry(b)
            .or_insert_with(|| defined_in(g, b))
            .contains(&v)
    }

    /// The variable that holds `v` at the end of block `b`.
    fn available_in(&mut self, g: &mut FunctionGraph, b: BlockId, v: VarId) -> VarId {
        if self.defines(g, b, v) {
            return v;
        }
        if let Some(&x) = self.memo.get(&(b, v)) {
            return x;
        }
        let name = g.vars[v.index()].name.clone();
        let nv = g.new_var(name.as_deref());
        g.block_mut(b).inputargs.push(nv);
        self.defined.entry(b).or_default().insert(nv);
        self.memo.insert((b, v), nv);
        for l in g.incoming(b) {
            let from = g.link_source(l);
            let arg = if g.link(l).last_exc_value == Some(v) {
                v
            } else {
                self.available_in(g, from, v)
            };
            g.link_mut(l).args.push(Value::Var(arg));
        }
        nv
    }
}

fn fix_value(
    r: &mut Repair,
    g: &mut FunctionGraph,
    b: BlockId,
    local: &HashSet<VarId>,
    val: &Value,
) -> Value {
    match val {
        Value::Var(v) if !local.contains(v) => Value::Var(r.available_in(g, b, *v)),
        other => other.clone(),
    }
}

/// Make every block use only its own variables.
pub fn ssa_to_ssi(g: &mut FunctionGraph) {
    let mut r = Repair {
        memo: HashMap::new(),
        defined: HashMap::new(),
    };
    for b in g.all_blocks() {
        // Ops: a use is local if defined earlier in the block.
        let mut local: HashSet<VarId> = g.block(b).inputargs.iter().copied().collect();
        let nops = g.block(b).ops.len();
        for i in 0..nops {
            let args = g.block(b).ops[i].args.clone();
            let fixed: Vec<Value> = args
                .iter()
                .map(|a| fix_value(&mut r, g, b, &local, a))
                .collect();
            let blk = g.block_mut(b);
            blk.ops[i].args = fixed;
            local.insert(blk.ops[i].result);
        }
        // Inputargs added for ops above are local too.
        local.extend(g.block(b).inputargs.iter().copied());
        if let Some(ExitSwitch::Value(v)) = g.block(b).exitswitch.clone() {
            let fixed = fix_value(&mut r, g, b, &local, &v);
            g.block_mut(b).exitswitch = Some(ExitSwitch::Value(fixed));
        }
        for l in g.block(b).exits.clone() {
            let mut link_local = local.clone();
            link_local.extend(g.link(l).last_exc_value);
            let args = g.link(l).args.clone();
            let fixed: Vec<Value> = args
                .iter()
                .map(|a| {
                    let f = fix_value(&mut r, g, b, &link_local, a);
                    if let Value::Var(v) = f {
                        link_local.insert(v);
                    }
                    f
                })
                .collect();
            g.link_mut(l).args = fixed;
        }
    }
}
