//! The simplification passes run on every graph after the builder (after
//! PyPy's `simplify.py`), and `simplify_graph` that runs them to a fixpoint.

mod dead_inputargs;
mod dead_ops;
mod empty_blocks;
mod fold_switch;
pub mod fold_tests;
mod identical_inputargs;
mod join;
pub mod rewrite;
mod switch_chains;
mod unreachable;

pub use dead_inputargs::remove_dead_inputargs;
pub use dead_ops::remove_dead_ops;
pub use empty_blocks::eliminate_empty_blocks;
pub use fold_switch::constant_fold_exitswitch;
pub use fold_tests::fold_tests;
pub use identical_inputargs::remove_identical_inputargs;
pub use join::join_blocks;
pub use switch_chains::switch_chains;
pub use unreachable::remove_unreachable_blocks;

use crate::model::FunctionGraph;
use rpy_front::program::Program;

/// A simplification pass.
pub type Pass = fn(&mut FunctionGraph);

/// The passes in the order `simplify_graph` runs them.
pub const PASSES: &[(&str, Pass)] = &[
    ("remove_unreachable_blocks", remove_unreachable_blocks),
    ("eliminate_empty_blocks", eliminate_empty_blocks),
    ("join_blocks", join_blocks),
    ("fold_tests", fold_tests),
    ("constant_fold_exitswitch", constant_fold_exitswitch),
    ("switch_chains", switch_chains),
    ("remove_identical_inputargs", remove_identical_inputargs),
    ("remove_dead_ops", remove_dead_ops),
    ("remove_dead_inputargs", remove_dead_inputargs),
];

/// A measure every pass strictly decreases when it changes something.
fn size(g: &FunctionGraph) -> usize {
    let blocks = g.all_blocks();
    g.graph.node_count()
        + g.graph.edge_count()
        + blocks
            .iter()
            .map(|&b| g.block(b).ops.len() + g.block(b).inputargs.len())
            .sum::<usize>()
}

/// Run all passes until none changes anything. In debug builds the graph
/// is verified after each pass; a broken invariant panics naming the pass.
pub fn simplify_graph(g: &mut FunctionGraph, prog: &Program) {
    debug_verify(g, prog, "the graph given to simplify_graph is broken");
    loop {
        let before = size(g);
        for &(name, pass) in PASSES {
            pass(g);
            debug_verify(g, prog, &format!("simplify pass {name} broke the graph"));
        }
        if size(g) == before {
            break;
        }
    }
}

fn debug_verify(g: &FunctionGraph, prog: &Program, what: &str) {
    if cfg!(debug_assertions) {
        if let Err(e) = crate::verify::verify(g) {
            panic!("{what}: {e}\n{}", crate::print::print_graph(g, prog));
        }
    }
}

/// Simplify every graph of a program.
pub fn simplify_program(fp: &mut crate::FlowProgram) {
    for g in &mut fp.graphs {
        simplify_graph(g, &fp.program);
    }
}
