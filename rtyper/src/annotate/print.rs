//! `--dump=annotated`: the flow graphs of reached functions with the type
//! of every variable.

use super::{Annotations, Annotator};
use flowgraph::model::FunctionGraph;
use flowgraph::print::Names;
use flowgraph::FlowProgram;
use rpy_front::program::FuncId;
use std::fmt::Write;

/// The annotated text of every reached function, in `FuncId` order.
pub fn print_annotated(fp: &FlowProgram, ann: &Annotations) -> String {
    let shower = Annotator::for_printing(fp, ann);
    let mut out = String::new();
    for (i, g) in fp.graphs.iter().enumerate() {
        let f = FuncId(i as u32);
        if !ann.is_reached(f) {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&print_graph(&shower, g, f));
    }
    out
}

fn print_graph(s: &Annotator, g: &FunctionGraph, f: FuncId) -> String {
    let prog = &s.fp.program;
    let names = Names::new(g);
    let typed = |v| format!("{}: {}", names.var(v), s.show(&s.a.var(f, v)));
    let mut out = String::new();
    let info = &s.a.funcs[f.index()];
    let params: Vec<String> = g
        .block(g.startblock)
        .inputargs
        .iter()
        .map(|&v| typed(v))
        .collect();
    let ret = info
        .ret
        .as_ref()
        .map(|r| s.show(r))
        .unwrap_or_else(|| "nothing (never returns)".into());
    let _ = writeln!(out, "graph {}({}) -> {ret}:", g.name, params.join(", "));
    for &b in &names.order {
        if !s.a.block_reached(f, b) {
            let _ = writeln!(out, "  {}: (not reached)", names.block(g, b));
            continue;
        }
        let block = g.block(b);
        let inputs: Vec<String> = block.inputargs.iter().map(|&v| typed(v)).collect();
        if inputs.is_empty() {
            let _ = writeln!(out, "  {}:", names.block(g, b));
        } else {
            let _ = writeln!(out, "  {}({}):", names.block(g, b), inputs.join(", "));
        }
        for op in &block.ops {
            let _ = writeln!(
                out,
                "    {} = {}({})",
                typed(op.result),
                op.kind.name(),
                names.values(&op.args, prog)
            );
        }
        let _ = writeln!(out, "    {}", names.exit_line(g, b, prog));
    }
    out
}
