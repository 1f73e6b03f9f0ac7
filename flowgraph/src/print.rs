//! The stable text form of flow graphs (`--dump=flow`, golden tests):
//! blocks and variables renumbered in order of first appearance.

use crate::model::{BlockId, ExitCase, ExitSwitch, FunctionGraph, LinkId, Value, VarId};
use crate::program::FlowProgram;
use rpy_front::program::{ClassId, ConstValue, Program};
use std::collections::HashMap;
use std::fmt::Write;

/// Stable names for the blocks and variables of one graph: blocks in
/// `blocks_in_order()` order (return and except blocks excluded: links to
/// them print as `return x` / `raise x`), variables in order of first
/// appearance in that walk.
pub struct Names {
    blocks: HashMap<BlockId, usize>,
    vars: HashMap<VarId, usize>,
    /// The printed blocks, in order.
    pub order: Vec<BlockId>,
}

impl Names {
    pub fn new(g: &FunctionGraph) -> Names {
        let mut names = Names {
            blocks: HashMap::new(),
            vars: HashMap::new(),
            order: Vec::new(),
        };
        for b in g.blocks_in_order() {
            if b != g.returnblock && b != g.exceptblock {
                names.blocks.insert(b, names.order.len());
                names.order.push(b);
            }
        }
        for &b in &names.order.clone() {
            let block = g.block(b);
            for &v in &block.inputargs {
                names.see(v);
            }
            for op in &block.ops {
                for a in &op.args {
                    names.see_value(a);
                }
                names.see(op.result);
            }
            if let ExitSwitch::Value(v) = block.switch() {
                names.see_value(v);
            }
            for &l in &block.exits {
                let link = g.link(l);
                if let Some(e) = link.last_exc_value {
                    names.see(e);
                }
                for a in &link.args {
                    names.see_value(a);
                }
            }
        }
        names
    }

    fn see(&mut self, v: VarId) {
        let n = self.vars.len();
        self.vars.entry(v).or_insert(n);
    }

    fn see_value(&mut self, v: &Value) {
        if let Value::Var(v) = v {
            self.see(*v);
        }
    }

    pub fn var(&self, v: VarId) -> String {
        match self.vars.get(&v) {
            Some(n) => format!("v{n}"),
            None => format!("v?{}", v.0),
        }
    }

    pub fn block(&self, g: &FunctionGraph, b: BlockId) -> String {
        if b == g.returnblock {
            "returnblock".to_string()
        } else if b == g.exceptblock {
            "exceptblock".to_string()
        } else {
            match self.blocks.get(&b) {
                Some(n) => format!("block{n}"),
                None => format!("block?{}", b.0.index()),
            }
        }
    }

    pub fn value(&self, v: &Value, prog: &Program) -> String {
        match v {
            Value::Var(v) => self.var(*v),
            Value::Const(c) => format_const(c, prog),
        }
    }

    pub fn values(&self, vs: &[Value], prog: &Program) -> String {
        vs.iter()
            .map(|v| self.value(v, prog))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn vars(&self, vs: &[VarId]) -> String {
        vs.iter()
            .map(|&v| self.var(v))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// `block3(v1, 2)`, `block3` (no args), `return v1` or `raise v2`.
    pub fn link_target(&self, g: &FunctionGraph, l: LinkId, prog: &Program) -> String {
        let target = g.link_target(l);
        let args = self.values(&g.link(l).args, prog);
        if target == g.returnblock {
            format!("return {args}")
        } else if target == g.exceptblock {
            format!("raise {args}")
        } else if args.is_empty() {
            self.block(g, target)
        } else {
            format!("{}({args})", self.block(g, target))
        }
    }

    /// A block header without the colon: `block2(v3, v4)` or `block2`.
    pub fn block_header(&self, g: &FunctionGraph, b: BlockId) -> String {
        let inputargs = &g.block(b).inputargs;
        if inputargs.is_empty() {
            self.block(g, b)
        } else {
            format!("{}({})", self.block(g, b), self.vars(inputargs))
        }
    }

    /// The label of one exit in a switch: `True`, `3`, `default`, `normal`,
    /// `IndexError as v7`.
    pub fn exitcase(&self, g: &FunctionGraph, l: LinkId, prog: &Program) -> String {
        let link = g.link(l);
        match &link.exitcase {
            ExitCase::Always => "normal".to_string(),
            ExitCase::Const(c) => format_const(c, prog),
            ExitCase::Default => "default".to_string(),
            ExitCase::Exception(cls) => match link.last_exc_value {
                Some(e) => format!("{} as {}", class_name(*cls, prog), self.var(e)),
                None => class_name(*cls, prog),
            },
        }
    }

    /// The last line of a block: how it leaves.
    pub fn exit_line(&self, g: &FunctionGraph, b: BlockId, prog: &Program) -> String {
        let block = g.block(b);
        let cases = || {
            block
                .exits
                .iter()
                .map(|&l| {
                    format!(
                        "{} → {}",
                        self.exitcase(g, l, prog),
                        self.link_target(g, l, prog)
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        match block.switch() {
            ExitSwitch::None => match block.exits.as_slice() {
                [] => "(no exits)".to_string(),
                [l] if g.link_target(*l) == g.returnblock || g.link_target(*l) == g.exceptblock => {
                    self.link_target(g, *l, prog)
                }
                [l] => format!("goto {}", self.link_target(g, *l, prog)),
                _ => format!("goto? [{}]", cases()),
            },
            ExitSwitch::Value(v) => {
                let is_if = block
                    .exits
                    .iter()
                    .all(|&l| matches!(g.link(l).exitcase, ExitCase::Const(ConstValue::Bool(_))));
                let kw = if is_if { "if" } else { "switch" };
                format!("{kw} {} [{}]", self.value(v, prog), cases())
            }
            ExitSwitch::LastException => format!("on exception [{}]", cases()),
        }
    }
}

/// The text form of one graph.
pub fn print_graph(g: &FunctionGraph, prog: &Program) -> String {
    let names = Names::new(g);
    let mut out = String::new();
    let params = names.vars(&g.block(g.startblock).inputargs);
    let _ = writeln!(out, "graph {}({params}):", g.name);
    for &b in &names.order {
        let block = g.block(b);
        let _ = writeln!(out, "  {}:", names.block_header(g, b));
        for op in &block.ops {
            let _ = writeln!(
                out,
                "    {} = {}({})",
                names.var(op.result),
                op.kind.name(),
                names.values(&op.args, prog)
            );
        }
        let _ = writeln!(out, "    {}", names.exit_line(g, b, prog));
    }
    out
}

/// Every graph of a program in `FuncId` order, separated by blank lines.
pub fn print_program(fp: &FlowProgram) -> String {
    fp.graphs
        .iter()
        .map(|g| print_graph(g, &fp.program))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A constant, readably: Python reprs for data, names for functions,
/// classes, drivers, builtins and prebuilt objects bound to a global.
pub fn format_const(c: &ConstValue, prog: &Program) -> String {
    match c {
        ConstValue::Int(i) => i.to_string(),
        ConstValue::UInt(u) => format!("r_uint({u})"),
        ConstValue::Float(f) => format_float(*f),
        ConstValue::Bool(true) => "True".to_string(),
        ConstValue::Bool(false) => "False".to_string(),
        ConstValue::Str(s) => format_str(s),
        ConstValue::None => "None".to_string(),
        ConstValue::Tuple(items) => {
            let inner: Vec<String> = items.iter().map(|c| format_const(c, prog)).collect();
            if inner.len() == 1 {
                format!("({},)", inner[0])
            } else {
                format!("({})", inner.join(", "))
            }
        }
        ConstValue::Prebuilt(id) => prog
            .globals
            .iter()
            .find(|(_, v)| **v == ConstValue::Prebuilt(*id))
            .map(|(name, _)| name.clone())
            .unwrap_or_else(|| format!("<prebuilt {}>", id.0)),
        ConstValue::Func(id) => prog
            .functions
            .get(id.index())
            .map(|f| f.name.clone())
            .unwrap_or_else(|| format!("<func {}>", id.0)),
        ConstValue::Class(id) => class_name(*id, prog),
        ConstValue::Driver(id) => prog
            .drivers
            .get(id.index())
            .map(|d| d.name.clone())
            .unwrap_or_else(|| format!("<driver {}>", id.0)),
        ConstValue::Builtin(b) => b.name().to_string(),
        ConstValue::ExtModule(m) => m.name().to_string(),
        ConstValue::Module(m) => prog
            .modules
            .get(m.index())
            .map_or_else(|| format!("<module {}>", m.0), |d| d.name.clone()),
    }
}

/// A class's name (or `<class N>` if `prog` does not know it).
pub fn class_name(id: ClassId, prog: &Program) -> String {
    prog.classes
        .get(id.index())
        .map(|c| c.name.clone())
        .unwrap_or_else(|| format!("<class {}>", id.0))
}

/// A float as Python's `repr` prints it.
pub fn format_float(f: f64) -> String {
    rpy_front::pyrepr::float_repr_string(f)
}

/// A byte string as Python's `repr` prints it.
pub fn format_str(s: &[u8]) -> String {
    rpy_front::pyrepr::str_repr_string(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_python_repr() {
        assert_eq!(format_float(1.0), "1.0");
        assert_eq!(format_float(0.1), "0.1");
        assert_eq!(format_float(-2.5), "-2.5");
        assert_eq!(format_float(1e16), "1e+16");
        assert_eq!(format_float(1e15), "1000000000000000.0");
        assert_eq!(format_float(0.0001), "0.0001");
        assert_eq!(format_float(0.00001), "1e-05");
        assert_eq!(format_float(1.5e300), "1.5e+300");
        assert_eq!(format_float(f64::INFINITY), "inf");
        assert_eq!(format_float(f64::NAN), "nan");
        assert_eq!(format_float(-0.0), "-0.0");
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(format_str(b"a'b\\c\n\x01"), "\"a'b\\\\c\\n\\x01\"");
        assert_eq!(format_str(b"it's \"q\""), "'it\\'s \"q\"'");
    }
}
