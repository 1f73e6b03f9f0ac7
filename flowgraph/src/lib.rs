//! flowgraph: the graph model, the builder from the AST, the simplification
//! passes, the verifier, the text and DOT printers and the graph interpreter.

pub mod annotate;
pub mod backendopt;
pub mod build;
pub mod dot;
pub mod hints;
pub mod interp;
pub mod ll;
pub mod methods;
pub mod model;
pub mod ops;
pub mod print;
pub mod program;
pub mod rtype;
pub mod simplify;
pub mod ssa;
pub mod verify;

pub use model::*;
pub use ops::{OpKind, OP_TABLE};
pub use program::FlowProgram;
