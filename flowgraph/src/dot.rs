//! Graphviz DOT export of a flow graph: one node per block listing its
//! ops, edges labelled with their exitcase and args.

use crate::model::{ExitCase, ExitSwitch, FunctionGraph};
use crate::print::Names;
use rpy_front::program::Program;
use std::fmt::Write;

/// Escape text for a double-quoted DOT string; `\l` ends left-aligned lines.
fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The DOT text of `g` (block names as in `print_graph`).
pub fn to_dot(g: &FunctionGraph, prog: &Program) -> String {
    let names = Names::new(g);
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", esc(&g.name));
    let _ = writeln!(out, "  node [shape=box, fontname=\"monospace\"];");
    let _ = writeln!(out, "  edge [fontname=\"monospace\"];");
    let node_id = |b| names.block(g, b);
    for &b in &names.order {
        let block = g.block(b);
        let mut label = format!("{}:\\l", esc(&names.block_header(g, b)));
        for op in &block.ops {
            let line = format!(
                "{} = {}({})",
                names.var(op.result),
                op.kind.name(),
                names.values(&op.args, prog)
            );
            let _ = write!(label, "{}\\l", esc(&line));
        }
        let exit = match block.switch() {
            ExitSwitch::None => String::new(),
            ExitSwitch::Value(v) => format!("switch {}", names.value(v, prog)),
            ExitSwitch::LastException => "on exception".to_string(),
        };
        if !exit.is_empty() {
            let _ = write!(label, "{}\\l", esc(&exit));
        }
        let style = if b == g.startblock {
            ", style=bold"
        } else {
            ""
        };
        let _ = writeln!(out, "  {} [label=\"{label}\"{style}];", node_id(b));
    }
    for (b, shape, text) in [
        (g.returnblock, "ellipse", "return"),
        (g.exceptblock, "octagon", "raise"),
    ] {
        let arg = names.vars(&g.block(b).inputargs);
        let _ = writeln!(
            out,
            "  {} [label=\"{text}\", shape={shape}, tooltip=\"{}\"];",
            node_id(b),
            esc(&arg)
        );
    }
    for &b in &names.order {
        for &l in &g.block(b).exits {
            let link = g.link(l);
            let args = names.values(&link.args, prog);
            let case = match link.exitcase {
                ExitCase::Always => String::new(),
                _ => names.exitcase(g, l, prog),
            };
            let label = match (case.is_empty(), args.is_empty()) {
                (true, _) => format!("({args})"),
                (false, true) => case,
                (false, false) => format!("{case}: ({args})"),
            };
            let style = match link.exitcase {
                ExitCase::Exception(_) => ", style=dashed, color=red, fontcolor=red",
                _ => "",
            };
            let _ = writeln!(
                out,
                "  {} -> {} [label=\"{}\"{style}];",
                node_id(b),
                node_id(g.link_target(l)),
                esc(&label)
            );
        }
    }
    out.push_str("}\n");
    out
}
