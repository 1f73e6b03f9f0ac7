//! A whole program in flow-graph form: the loaded module plus one graph per function.

use crate::model::FunctionGraph;
use rpy_front::program::{FuncId, Program};
use rpy_front::Diagnostic;

pub struct FlowProgram {
    pub program: Program,
    /// One graph per function, indexed by `FuncId`.
    pub graphs: Vec<FunctionGraph>,
    /// Per function: why it is outside the run-time dialect (its graph is
    /// then an empty stand-in); an error only if the entry point reaches it.
    pub refused: Vec<Option<Diagnostic>>,
}

impl FlowProgram {
    pub fn graph(&self, f: FuncId) -> &FunctionGraph {
        &self.graphs[f.index()]
    }
}
