//! The flow-graph verifier: checks every structural invariant of a
//! `FunctionGraph` (run after every pass in debug builds and tests).

use crate::model::{BlockId, ExitCase, ExitSwitch, FunctionGraph, Value, VarId};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use rpy_front::program::ConstValue;
use std::collections::{HashMap, HashSet};

/// Check `g`; the error names the offending block (by internal index) and
/// variable.
pub fn verify(g: &FunctionGraph) -> Result<(), String> {
    Verifier { g }
        .run()
        .map_err(|e| format!("graph {}: {e}", g.name))
}

struct Verifier<'a> {
    g: &'a FunctionGraph,
}

fn bname(b: BlockId) -> String {
    format!("block#{}", b.0.index())
}

fn vname(v: VarId) -> String {
    format!("var#{}", v.0)
}

impl Verifier<'_> {
    fn run(&self) -> Result<(), String> {
        let g = self.g;
        for (what, b) in [
            ("startblock", g.startblock),
            ("returnblock", g.returnblock),
            ("exceptblock", g.exceptblock),
        ] {
            if !g.graph.contains_node(b.0) {
                return Err(format!("the {what} {} is not in the graph", bname(b)));
            }
        }
        if g.returnblock == g.exceptblock
            || g.startblock == g.returnblock
            || g.startblock == g.exceptblock
        {
            return Err("start, return and except blocks must be distinct".to_string());
        }
        self.check_definitions()?;
        for b in g.all_blocks() {
            self.check_exit_list(b)?;
            if b == g.returnblock || b == g.exceptblock {
                self.check_final_block(b)?;
            } else {
                self.check_block(b)?;
            }
        }
        Ok(())
    }

    /// Every variable is defined exactly once in the graph.
    fn check_definitions(&self) -> Result<(), String> {
        let g = self.g;
        let mut defined: HashMap<VarId, BlockId> = HashMap::new();
        let mut define = |v: VarId, b: BlockId, how: &str| -> Result<(), String> {
            if v.index() >= g.vars.len() {
                return Err(format!(
                    "{} ({how} in {}) is not a variable of this graph",
                    vname(v),
                    bname(b)
                ));
            }
            match defined.insert(v, b) {
                Some(prev) => Err(format!(
                    "{} is defined twice: in {} and again ({how}) in {}",
                    vname(v),
                    bname(prev),
                    bname(b)
                )),
                None => Ok(()),
            }
        };
        for b in g.all_blocks() {
            let block = g.block(b);
            for &v in &block.inputargs {
                define(v, b, "as an inputarg")?;
            }
            for op in &block.ops {
                define(op.result, b, "as an op result")?;
            }
            for &l in &block.exits {
                if let Some(e) = g.link(l).last_exc_value {
                    define(e, b, "as a link's last_exc_value")?;
                }
            }
        }
        Ok(())
    }

    /// `block.exits` lists exactly the out-edges of the block, once each.
    fn check_exit_list(&self, b: BlockId) -> Result<(), String> {
        let g = self.g;
        let mut edges: Vec<_> = g
            .graph
            .edges_directed(b.0, Direction::Outgoing)
            .map(|e| e.id())
            .collect();
        let mut exits: Vec<_> = g.block(b).exits.iter().map(|l| l.0).collect();
        edges.sort();
        exits.sort();
        if edges != exits {
            return Err(format!(
                "{}: the exits list {:?} differs from the graph's out-edges {:?}",
                bname(b),
                exits,
                edges
            ));
        }
        Ok(())
    }

    fn check_final_block(&self, b: BlockId) -> Result<(), String> {
        let block = self.g.block(b);
        let what = if b == self.g.returnblock {
            "returnblock"
        } else {
            "exceptblock"
        };
        if block.inputargs.len() != 1 {
            return Err(format!(
                "the {what} {} must have exactly 1 inputarg",
                bname(b)
            ));
        }
        if !block.ops.is_empty() || !block.exits.is_empty() || *block.switch() != ExitSwitch::None {
            return Err(format!(
                "the {what} {} must have no ops, no exitswitch and no exits",
                bname(b)
            ));
        }
        Ok(())
    }

    fn check_block(&self, b: BlockId) -> Result<(), String> {
        let g = self.g;
        let block = g.block(b);
        let here = bname(b);
        let mut avail: HashSet<VarId> = block.inputargs.iter().copied().collect();
        let check_use = |avail: &HashSet<VarId>, v: &Value, what: &str| -> Result<(), String> {
            match v {
                Value::Var(v) if !avail.contains(v) => Err(format!(
                    "{here}: {} used by {what} is not defined before it in the block",
                    vname(*v)
                )),
                _ => Ok(()),
            }
        };
        for (i, op) in block.ops.iter().enumerate() {
            let what = format!("op {i} ({})", op.kind.name());
            if !op.kind.info().arity.accepts(op.args.len()) {
                return Err(format!(
                    "{here}: {what} has {} args, the op table says {:?}",
                    op.args.len(),
                    op.kind.info().arity
                ));
            }
            for a in &op.args {
                check_use(&avail, a, &what)?;
            }
            avail.insert(op.result);
        }
        if let ExitSwitch::Value(v) = block.switch() {
            check_use(&avail, v, "the exitswitch")?;
        }
        self.check_exitcases(b)?;
        for (i, &l) in block.exits.iter().enumerate() {
            let link = g.link(l);
            let what = format!("exit {i}");
            let target = g.link_target(l);
            let nargs = g.block(target).inputargs.len();
            if link.args.len() != nargs {
                return Err(format!(
                    "{here}: {what} passes {} args to {} which takes {nargs}",
                    link.args.len(),
                    bname(target)
                ));
            }
            let is_exc = matches!(link.exitcase, ExitCase::Exception(_));
            if link.last_exc_value.is_some() && !is_exc {
                return Err(format!(
                    "{here}: {what} has a last_exc_value but is not an exception link"
                ));
            }
            let mut link_avail = avail.clone();
            if is_exc {
                // The raising op did not produce its result.
                if let Some(last) = block.ops.last() {
                    link_avail.remove(&last.result);
                }
                link_avail.extend(link.last_exc_value);
            }
            for a in &link.args {
                check_use(&link_avail, a, &what)?;
            }
        }
        Ok(())
    }

    /// The exitswitch agrees with the number and kinds of exits.
    fn check_exitcases(&self, b: BlockId) -> Result<(), String> {
        let g = self.g;
        let block = g.block(b);
        let here = bname(b);
        let cases: Vec<&ExitCase> = block.exits.iter().map(|&l| &g.link(l).exitcase).collect();
        match block.switch() {
            ExitSwitch::None => {
                if cases != [&ExitCase::Always] {
                    return Err(format!(
                        "{here}: a block without exitswitch needs exactly one Always exit, has {cases:?}"
                    ));
                }
            }
            ExitSwitch::Value(_) => {
                if cases.is_empty() {
                    return Err(format!("{here}: a switch with no exits"));
                }
                let mut seen: Vec<&ConstValue> = Vec::new();
                for (i, case) in cases.iter().enumerate() {
                    match case {
                        ExitCase::Const(c) => {
                            if !matches!(
                                c,
                                ConstValue::Bool(_) | ConstValue::Int(_) | ConstValue::Str(_)
                            ) {
                                return Err(format!(
                                    "{here}: exit {i} switches on {c:?}: only bools, ints and strs"
                                ));
                            }
                            if let Some(first) = seen.first() {
                                if std::mem::discriminant(*first) != std::mem::discriminant(c) {
                                    return Err(format!(
                                        "{here}: exit {i} case {c:?} mixes kinds with {first:?}"
                                    ));
                                }
                            }
                            if seen.contains(&c) {
                                return Err(format!("{here}: duplicate exitcase {c:?}"));
                            }
                            seen.push(c);
                        }
                        ExitCase::Default if i + 1 == cases.len() => {}
                        ExitCase::Default => {
                            return Err(format!("{here}: the Default exit must be the last one"));
                        }
                        other => {
                            return Err(format!(
                                "{here}: exit {i} of a switch has exitcase {other:?}"
                            ));
                        }
                    }
                }
                if let Some(ConstValue::Bool(_)) = seen.first() {
                    if cases.len() != 2 || seen.len() != 2 {
                        return Err(format!(
                            "{here}: an if needs exactly a True and a False exit, has {cases:?}"
                        ));
                    }
                }
            }
            ExitSwitch::LastException => {
                match block.ops.last() {
                    None => {
                        return Err(format!(
                            "{here}: LastException switch on a block without ops"
                        ))
                    }
                    Some(op) if !op.kind.can_raise() => {
                        return Err(format!(
                            "{here}: LastException switch but the last op {} cannot raise",
                            op.kind.name()
                        ))
                    }
                    Some(_) => {}
                }
                if cases.first() != Some(&&ExitCase::Always) {
                    return Err(format!(
                        "{here}: exit 0 of a LastException block must be Always"
                    ));
                }
                let mut seen = Vec::new();
                for (i, case) in cases.iter().enumerate().skip(1) {
                    match case {
                        ExitCase::Exception(cls) if seen.contains(cls) => {
                            return Err(format!(
                                "{here}: duplicate exception exit for class {}",
                                cls.0
                            ));
                        }
                        ExitCase::Exception(cls) => seen.push(*cls),
                        other => {
                            return Err(format!(
                                "{here}: exit {i} of a LastException block has exitcase {other:?}"
                            ));
                        }
                    }
                }
            }
        }
        Ok(())
    }
}
