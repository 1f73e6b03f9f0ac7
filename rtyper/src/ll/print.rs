//! The text form of LL programs (`--dump=ll`, golden tests): class
//! layouts, prebuilt objects and drivers, then each graph with its blocks
//! in order and variables renumbered by first appearance.

use super::model::*;
use super::types::{LLType, ListKind};
use rpy_front::pyrepr::{float_repr_string, str_repr_string};
use std::collections::HashMap;
use std::fmt::Write;

/// The whole program: the header, then every graph.
pub fn print_program(p: &LLProgram) -> String {
    let mut out = String::new();
    // Builtin classes only when they add fields (BaseException's message).
    let nbuiltin = rpy_front::program::BUILTIN_CLASSES.len();
    for (i, c) in p.classes.iter().enumerate() {
        let inherited = c.base.map_or(0, |b| p.class(b).fields.len());
        if i >= nbuiltin || c.fields.len() > inherited {
            print_class(p, c, &mut out);
        }
    }
    for (i, pb) in p.prebuilt.iter().enumerate() {
        if pb.init != LLPrebuiltInit::Unused {
            let _ = writeln!(
                out,
                "# prebuilt{i}: {}{}",
                type_text(&pb.ty),
                fields_text(p, pb)
            );
        }
    }
    for d in &p.drivers {
        let vars = |vs: &[(String, LLType)]| {
            vs.iter()
                .map(|(n, t)| format!("{n}: {}", type_text(t)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let portal = d
            .portal
            .and_then(|f| p.graph(f))
            .map_or("-".to_string(), |g| g.name.clone());
        let _ = writeln!(
            out,
            "# driver {}: greens [{}], reds [{}], portal {portal}",
            d.name,
            vars(&d.greens),
            vars(&d.reds)
        );
    }
    for g in &p.graphs {
        out.push('\n');
        out.push_str(&print_graph(p, g));
    }
    out
}

/// The initial fields of a prebuilt instance: ` {x = 1, next = prebuilt2}`.
fn fields_text(p: &LLProgram, pb: &LLPrebuilt) -> String {
    let LLPrebuiltInit::Instance { fields, .. } = &pb.init else {
        return String::new();
    };
    let parts: Vec<String> = fields
        .iter()
        .map(|(n, v)| format!("{n} = {}", const_text(p, v)))
        .collect();
    format!(" {{{}}}", parts.join(", "))
}

fn print_class(p: &LLProgram, c: &LLClass, out: &mut String) {
    let base = c
        .base
        .map_or(String::new(), |b| format!("({})", p.class(b).name));
    let mut parts = Vec::new();
    if c.is_exception {
        parts.push("exception".to_string());
    }
    if c.instantiated {
        parts.push("instantiated".to_string());
    }
    let _ = writeln!(out, "# class {}{base}: {}", c.name, parts.join(", "));
    for (n, t) in &c.fields {
        let imm = if c.immutable_fields.declares(n) {
            " immutable"
        } else {
            ""
        };
        let _ = writeln!(out, "#   field {n}: {}{imm}", type_text(t));
    }
    for (n, (t, v)) in &c.class_attrs {
        let _ = writeln!(
            out,
            "#   classattr {n}: {} = {}",
            type_text(t),
            const_text(p, v)
        );
    }
    for (n, (t, f)) in &c.vtable {
        let missing = if c.missing_methods.contains(n) {
            "raises AttributeError"
        } else {
            "abstract"
        };
        let imp = f
            .and_then(|f| p.graph(f))
            .map_or(missing.to_string(), |g| g.name.clone());
        let _ = writeln!(out, "#   method {n}: {} = {imp}", type_text(t));
    }
}

/// A type, with `immutable` (or `fixed`) after list types proven never to
/// change (never to change length).
pub fn type_text(t: &LLType) -> String {
    match strongest_list_kind(t) {
        Some(k) if k != ListKind::Resizable => format!("{t} {}", k.name()),
        _ => t.to_string(),
    }
}

/// The strongest kind of a list type or of the lists among its items.
fn strongest_list_kind(t: &LLType) -> Option<ListKind> {
    match t {
        LLType::List { kind, item } => {
            Some((*kind).max(strongest_list_kind(item).unwrap_or(*kind)))
        }
        _ => None,
    }
}

/// One graph: its signature, a header naming its parameters and the list
/// types it uses, then its blocks.
pub fn print_graph(p: &LLProgram, g: &LLGraph) -> String {
    let names = Names::new(g);
    let mut out = String::new();
    let params: Vec<String> = g
        .params
        .iter()
        .map(|&v| format!("{}: {}", names.var(v), g.var_type(v)))
        .collect();
    let _ = writeln!(
        out,
        "graph {}({}) -> {}",
        g.name,
        params.join(", "),
        g.result
    );
    for &v in &g.params {
        let name = g.vars[v.index()].name.as_deref().unwrap_or("");
        let _ = writeln!(
            out,
            "  # {} {name}: {}",
            names.var(v),
            type_text(g.var_type(v))
        );
    }
    let mut lists: Vec<&LLType> = Vec::new();
    for info in &g.vars {
        if matches!(info.ty, LLType::List { .. }) && !lists.contains(&&info.ty) {
            lists.push(&info.ty);
        }
    }
    for l in lists {
        let kind = strongest_list_kind(l).unwrap_or(ListKind::Resizable);
        let _ = writeln!(out, "  # list {l} {}", kind.name());
    }
    for b in g.block_ids() {
        let block = g.block(b);
        let args: Vec<String> = block
            .inputargs
            .iter()
            .map(|&v| format!("{}: {}", names.var(v), g.var_type(v)))
            .collect();
        if args.is_empty() {
            let _ = writeln!(out, "  block{}:", b.0);
        } else {
            let _ = writeln!(out, "  block{}({}):", b.0, args.join(", "));
        }
        for op in &block.ops {
            let args = names.values(p, &op.args);
            if *g.var_type(op.result) == LLType::Void {
                let _ = writeln!(out, "    {}({args})", op.kind.name());
            } else {
                let _ = writeln!(
                    out,
                    "    {} = {}({args})",
                    names.var(op.result),
                    op.kind.name()
                );
            }
        }
        let _ = writeln!(out, "    {}", names.exit(p, &block.exit));
    }
    out
}

/// Variables renumbered in order of first appearance (blocks in order).
struct Names {
    vars: HashMap<LVar, usize>,
}

impl Names {
    fn new(g: &LLGraph) -> Names {
        let mut n = Names {
            vars: HashMap::new(),
        };
        for b in &g.blocks {
            for &v in &b.inputargs {
                n.see(v);
            }
            for op in &b.ops {
                op.args.iter().for_each(|a| n.see_value(a));
                if *g.var_type(op.result) != LLType::Void {
                    n.see(op.result);
                }
            }
            for v in b.exit.operands() {
                n.see_value(v);
            }
            if let LLExit::OnException { handlers, .. } = &b.exit {
                for (_, v, _) in handlers {
                    n.see(*v);
                }
            }
            for l in b.exit.links() {
                l.args.iter().for_each(|a| n.see_value(a));
            }
        }
        n
    }

    fn see(&mut self, v: LVar) {
        let k = self.vars.len();
        self.vars.entry(v).or_insert(k);
    }

    fn see_value(&mut self, v: &LLValue) {
        if let LLValue::Var(x) = v {
            self.see(*x);
        }
    }

    fn var(&self, v: LVar) -> String {
        match self.vars.get(&v) {
            Some(n) => format!("v{n}"),
            None => format!("v?{}", v.0),
        }
    }

    fn value(&self, p: &LLProgram, v: &LLValue) -> String {
        match v {
            LLValue::Var(x) => self.var(*x),
            LLValue::Const(c) => const_text(p, c),
        }
    }

    fn values(&self, p: &LLProgram, vs: &[LLValue]) -> String {
        vs.iter()
            .map(|v| self.value(p, v))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn link(&self, p: &LLProgram, l: &LLLink) -> String {
        if l.args.is_empty() {
            format!("block{}", l.target.0)
        } else {
            format!("block{}({})", l.target.0, self.values(p, &l.args))
        }
    }

    fn exit(&self, p: &LLProgram, e: &LLExit) -> String {
        match e {
            LLExit::Goto(l) => format!("goto {}", self.link(p, l)),
            LLExit::If { cond, then, else_ } => format!(
                "if {} → {} else → {}",
                self.value(p, cond),
                self.link(p, then),
                self.link(p, else_)
            ),
            LLExit::Switch {
                value,
                cases,
                default,
            } => {
                let mut arms: Vec<String> = cases
                    .iter()
                    .map(|(c, l)| format!("{} → {}", const_text(p, c), self.link(p, l)))
                    .collect();
                arms.push(format!("default → {}", self.link(p, default)));
                format!("switch {} [{}]", self.value(p, value), arms.join(", "))
            }
            LLExit::Return(v) => format!("return {}", self.value(p, v)),
            LLExit::Raise(v) => format!("raise {}", self.value(p, v)),
            LLExit::OnException { normal, handlers } => {
                let mut arms = vec![format!("normal → {}", self.link(p, normal))];
                for (c, v, l) in handlers {
                    arms.push(format!(
                        "{} as {} → {}",
                        p.class(*c).name,
                        self.var(*v),
                        self.link(p, l)
                    ));
                }
                format!("on exception [{}]", arms.join(", "))
            }
        }
    }
}

/// A constant as printed in ops and exits.
pub fn const_text(p: &LLProgram, c: &LLConst) -> String {
    match c {
        LLConst::Void => "void".into(),
        LLConst::Int(i) => i.to_string(),
        LLConst::UInt(u) => format!("{u}u"),
        LLConst::Bool(b) => if *b { "True" } else { "False" }.into(),
        LLConst::Float(f) => float_repr_string(*f),
        LLConst::Char(b) => format!("c{}", str_repr_string(&[*b])),
        LLConst::Str(s) => str_repr_string(s),
        LLConst::Null(_) => "null".into(),
        LLConst::Func(f) => p
            .graph(*f)
            .map_or(format!("func{}", f.0), |g| g.name.clone()),
        LLConst::Helper(h) => h.name().to_string(),
        LLConst::Class(c) => p.class(*c).name.clone(),
        LLConst::Field(n) => format!("'{n}'"),
        LLConst::Driver(d) => p
            .drivers
            .get(d.index())
            .map_or(format!("driver{}", d.0), |d| d.name.clone()),
        LLConst::Prebuilt(id, _) => format!("prebuilt{}", id.0),
        LLConst::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(|i| const_text(p, i)).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
    }
}
