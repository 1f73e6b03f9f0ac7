//! flowgraph: the graph model, the builder from the AST, the simplification
//! passes, the verifier and the text and DOT printers.

pub mod build;
pub mod dot;
pub mod hints;
pub mod model;
pub mod ops;
pub mod print;
pub mod program;
pub mod simplify;
pub mod ssa;
pub mod verify;

pub use model::*;
pub use ops::{OpKind, OP_TABLE};
pub use program::FlowProgram;
