//! The shape of a graph's control flow, for structured emission (after
//! Ramsey's "Beyond Relooper"): reverse postorder, dominator tree, loop
//! headers (targets of back edges) and merge nodes (two or more forward
//! in-edges). A reducible graph becomes nested `loop`s and labeled blocks;
//! an irreducible one (never produced from structured source, but legal)
//! is reported as such.

use rpy_rtyper::ll::{LBlock, LLGraph};

pub struct Cfg {
    /// Reverse-postorder number per block (`usize::MAX`: unreachable).
    pub rpo: Vec<usize>,
    /// Children in the dominator tree, per block.
    pub children: Vec<Vec<LBlock>>,
    pub loop_header: Vec<bool>,
    pub merge: Vec<bool>,
    /// Every back edge goes to a block that dominates its source.
    pub reducible: bool,
}

fn successors(g: &LLGraph, b: usize) -> Vec<usize> {
    g.blocks[b]
        .exit
        .links()
        .iter()
        .map(|l| l.target.index())
        .collect()
}

impl Cfg {
    pub fn new(g: &LLGraph) -> Cfg {
        let n = g.blocks.len();
        // postorder by an explicit-stack DFS from the start block
        let mut post = Vec::with_capacity(n);
        let mut seen = vec![false; n];
        let mut stack = vec![(0usize, 0usize)];
        seen[0] = true;
        while let Some((b, i)) = stack.pop() {
            let succ = successors(g, b);
            if let Some(&s) = succ.get(i) {
                stack.push((b, i + 1));
                if !seen[s] {
                    seen[s] = true;
                    stack.push((s, 0));
                }
            } else {
                post.push(b);
            }
        }
        let order: Vec<usize> = post.into_iter().rev().collect();
        let mut rpo = vec![usize::MAX; n];
        for (i, &b) in order.iter().enumerate() {
            rpo[b] = i;
        }
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &b in &order {
            for s in successors(g, b) {
                preds[s].push(b);
            }
        }
        // dominators (Cooper, Harvey, Kennedy)
        let mut idom: Vec<Option<usize>> = vec![None; n];
        idom[0] = Some(0);
        let intersect = |idom: &[Option<usize>], mut a: usize, mut b: usize| {
            while a != b {
                while rpo[a] > rpo[b] {
                    a = idom[a].expect("processed");
                }
                while rpo[b] > rpo[a] {
                    b = idom[b].expect("processed");
                }
            }
            a
        };
        let mut changed = true;
        while changed {
            changed = false;
            for &b in order.iter().skip(1) {
                let mut new: Option<usize> = None;
                for &p in &preds[b] {
                    if idom[p].is_some() {
                        new = Some(match new {
                            None => p,
                            Some(x) => intersect(&idom, p, x),
                        });
                    }
                }
                if new.is_some() && idom[b] != new {
                    idom[b] = new;
                    changed = true;
                }
            }
        }
        let dominates = |a: usize, mut b: usize| loop {
            if a == b {
                return true;
            }
            match idom[b] {
                Some(p) if p != b => b = p,
                _ => return false,
            }
        };
        let mut children = vec![Vec::new(); n];
        let mut loop_header = vec![false; n];
        let mut merge = vec![false; n];
        let mut forward_in = vec![0usize; n];
        let mut reducible = true;
        for &b in &order {
            if b != 0 {
                children[idom[b].expect("reachable")].push(LBlock(b as u32));
            }
            for s in successors(g, b) {
                if rpo[s] <= rpo[b] {
                    loop_header[s] = true;
                    reducible &= dominates(s, b);
                } else {
                    forward_in[s] += 1;
                }
            }
        }
        for b in 0..n {
            merge[b] = forward_in[b] >= 2;
        }
        Cfg {
            rpo,
            children,
            loop_header,
            merge,
            reducible,
        }
    }

    /// The merge nodes among `b`'s dominator-tree children, the latest in
    /// reverse postorder first.
    pub fn merge_children(&self, b: LBlock) -> Vec<LBlock> {
        let mut ys: Vec<LBlock> = self.children[b.index()]
            .iter()
            .copied()
            .filter(|y| self.merge[y.index()])
            .collect();
        ys.sort_by_key(|y| std::cmp::Reverse(self.rpo[y.index()]));
        ys
    }

    /// Is the edge `from → to` a back edge (a `continue`)?
    pub fn is_back_edge(&self, from: LBlock, to: LBlock) -> bool {
        self.rpo[to.index()] <= self.rpo[from.index()]
    }
}
