//! Frame slots for the interpreter's code: liveness of the flow graph's
//! variables, their interference, and coalescing of the variables a link
//! copies into one slot (so most block arguments need no move).

use super::compile::{Slot, NONE};
use flowgraph::model::{BlockId, ExitSwitch, FunctionGraph, Link, Value as Operand, VarId};
use std::collections::HashMap;

/// A fixed-size bit set over variables.
#[derive(Clone)]
struct BitSet(Vec<u64>);

impl BitSet {
    fn new(n: usize) -> Self {
        BitSet(vec![0; n.div_ceil(64)])
    }
    fn insert(&mut self, i: usize) -> bool {
        let (w, b) = (i / 64, 1u64 << (i % 64));
        let new = self.0[w] & b == 0;
        self.0[w] |= b;
        new
    }
    fn remove(&mut self, i: usize) {
        self.0[i / 64] &= !(1u64 << (i % 64));
    }
    fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1u64 << (i % 64)) != 0
    }
    fn union_with(&mut self, o: &BitSet) -> bool {
        let mut changed = false;
        for (a, b) in self.0.iter_mut().zip(&o.0) {
            let n = *a | *b;
            changed |= n != *a;
            *a = n;
        }
        changed
    }
    fn intersects(&self, o: &BitSet) -> bool {
        self.0.iter().zip(&o.0).any(|(a, b)| a & b != 0)
    }
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &bits)| {
            (0..64)
                .filter(move |b| bits & (1u64 << b) != 0)
                .map(move |b| w * 64 + b)
        })
    }
}

pub(super) fn vars_of(args: &[Operand]) -> impl Iterator<Item = usize> + '_ {
    args.iter().filter_map(|a| a.as_var()).map(VarId::index)
}

pub(super) fn switch_var(g: &FunctionGraph, b: BlockId) -> Option<usize> {
    match g.block(b).switch() {
        ExitSwitch::Value(Operand::Var(v)) => Some(v.index()),
        _ => None,
    }
}

/// Above this many variables, skip coalescing (quadratic bit sets).
const MAX_COALESCE_VARS: usize = 20000;

/// Assign frame slots to variables: returns the slot of each variable and
/// the number of slots used.
pub(super) fn assign_slots(g: &FunctionGraph, blocks: &[BlockId]) -> (Vec<Slot>, u32) {
    let nv = g.vars.len();
    if nv > MAX_COALESCE_VARS {
        return ((0..nv as u32).collect(), nv as u32);
    }
    let live_out = liveness(g, blocks);
    let interf = interference(g, blocks, &live_out);
    let parent = coalesce(g, blocks, interf);
    number_slots(parent)
}

/// Is `b` the return or except block (no code of its own)?
fn special(g: &FunctionGraph, b: BlockId) -> bool {
    b == g.returnblock || b == g.exceptblock
}

/// Per block: the variables it reads before writing them (gen) and those
/// it writes (kill).
fn gen_kill(g: &FunctionGraph, blocks: &[BlockId]) -> (Vec<BitSet>, Vec<BitSet>) {
    let nv = g.vars.len();
    let mut gen = vec![BitSet::new(nv); blocks.len()];
    let mut kill = vec![BitSet::new(nv); blocks.len()];
    for (i, &b) in blocks.iter().enumerate() {
        let blk = g.block(b);
        for &a in &blk.inputargs {
            kill[i].insert(a.index());
        }
        for op in &blk.ops {
            for v in vars_of(&op.args) {
                if !kill[i].contains(v) {
                    gen[i].insert(v);
                }
            }
            kill[i].insert(op.result.index());
        }
        if let Some(v) = switch_var(g, b) {
            if !kill[i].contains(v) {
                gen[i].insert(v);
            }
        }
    }
    (gen, kill)
}

/// The variables a link reads (not the exception it carries in).
fn link_uses(l: &Link, nv: usize) -> BitSet {
    let mut s = BitSet::new(nv);
    for v in vars_of(&l.args) {
        s.insert(v);
    }
    if let Some(e) = l.last_exc_value {
        s.remove(e.index());
    }
    s
}

/// Per block, the variables live at its end: live_in = gen ∪ (live_out −
/// kill); live_out = ∪ link uses ∪ what passes through to the target.
fn liveness(g: &FunctionGraph, blocks: &[BlockId]) -> Vec<BitSet> {
    let nv = g.vars.len();
    let index: HashMap<BlockId, usize> = blocks.iter().enumerate().map(|(i, &b)| (b, i)).collect();
    let (gen, kill) = gen_kill(g, blocks);
    let mut live_in = vec![BitSet::new(nv); blocks.len()];
    let mut live_out = vec![BitSet::new(nv); blocks.len()];
    let mut changed = true;
    while changed {
        changed = false;
        for (i, &b) in blocks.iter().enumerate().rev() {
            let mut out = BitSet::new(nv);
            for &l in &g.block(b).exits {
                let link = g.link(l);
                out.union_with(&link_uses(link, nv));
                let t = g.link_target(l);
                if let (false, Some(&ti)) = (special(g, t), index.get(&t)) {
                    let mut pass = live_in[ti].clone();
                    for &a in &g.block(t).inputargs {
                        pass.remove(a.index());
                    }
                    if let Some(e) = link.last_exc_value {
                        pass.remove(e.index());
                    }
                    out.union_with(&pass);
                }
            }
            let mut inn = out.clone();
            for (w, k) in inn.0.iter_mut().zip(&kill[i].0) {
                *w &= !k;
            }
            inn.union_with(&gen[i]);
            changed |= live_out[i].union_with(&out);
            changed |= live_in[i].union_with(&inn);
        }
    }
    live_out
}

/// Which variables are live at the same time (cannot share a slot).
fn interference(g: &FunctionGraph, blocks: &[BlockId], live_out: &[BitSet]) -> Vec<BitSet> {
    let nv = g.vars.len();
    let mut interf = vec![BitSet::new(nv); nv];
    let interfere = |interf: &mut Vec<BitSet>, d: usize, live: &BitSet| {
        for o in live.iter() {
            if o != d {
                interf[d].insert(o);
                interf[o].insert(d);
            }
        }
    };
    for (i, &b) in blocks.iter().enumerate() {
        let blk = g.block(b);
        let mut live = live_out[i].clone();
        for &l in &blk.exits {
            if let Some(e) = g.link(l).last_exc_value {
                interfere(&mut interf, e.index(), &live);
            }
        }
        if let Some(v) = switch_var(g, b) {
            live.insert(v);
        }
        for op in blk.ops.iter().rev() {
            let r = op.result.index();
            live.remove(r);
            interfere(&mut interf, r, &live);
            for v in vars_of(&op.args) {
                live.insert(v);
            }
        }
        for &a in &blk.inputargs {
            live.insert(a.index());
        }
        for &a in &blk.inputargs {
            interfere(&mut interf, a.index(), &live);
        }
    }
    interf
}

/// The root of `x`'s class in a union-find forest.
fn find(p: &mut [usize], mut x: usize) -> usize {
    while p[x] != x {
        p[x] = p[p[x]];
        x = p[x];
    }
    x
}

/// Merge each link argument with the block argument it becomes, unless
/// they interfere: the union-find forest of the merged classes.
fn coalesce(g: &FunctionGraph, blocks: &[BlockId], mut interf: Vec<BitSet>) -> Vec<usize> {
    let nv = g.vars.len();
    let mut parent: Vec<usize> = (0..nv).collect();
    let mut members: Vec<BitSet> = (0..nv)
        .map(|v| {
            let mut s = BitSet::new(nv);
            s.insert(v);
            s
        })
        .collect();
    for &b in blocks {
        for &l in &g.block(b).exits {
            let t = g.link_target(l);
            if special(g, t) {
                continue;
            }
            for (arg, &dst) in g.link(l).args.iter().zip(&g.block(t).inputargs) {
                let Some(src) = arg.as_var() else { continue };
                let (ra, rb) = (
                    find(&mut parent, src.index()),
                    find(&mut parent, dst.index()),
                );
                if ra == rb || interf[ra].intersects(&members[rb]) {
                    continue;
                }
                parent[rb] = ra;
                let (mb, ib) = (
                    std::mem::replace(&mut members[rb], BitSet::new(0)),
                    std::mem::replace(&mut interf[rb], BitSet::new(0)),
                );
                members[ra].union_with(&mb);
                interf[ra].union_with(&ib);
            }
        }
    }
    parent
}

/// One slot per class, numbered in order of first variable.
fn number_slots(mut parent: Vec<usize>) -> (Vec<Slot>, u32) {
    let nv = parent.len();
    let mut slot_of_root = vec![NONE; nv];
    let mut next = 0u32;
    let slots = (0..nv)
        .map(|v| {
            let r = find(&mut parent, v);
            if slot_of_root[r] == NONE {
                slot_of_root[r] = next;
                next += 1;
            }
            slot_of_root[r]
        })
        .collect();
    (slots, next)
}
