//! A whole program in flow-graph form: the loaded module plus one graph per function.

use crate::model::FunctionGraph;
use rpy_front::program::{FuncId, Program};

pub struct FlowProgram {
    pub program: Program,
    /// One graph per function, indexed by `FuncId`.
    pub graphs: Vec<FunctionGraph>,
}

impl FlowProgram {
    pub fn graph(&self, f: FuncId) -> &FunctionGraph {
        &self.graphs[f.index()]
    }
}
