//! flowgraph::annotate — whole-program type inference from the entry point
//! (after PyPy's annotator): a worklist over blocks, one annotation per
//! function, list/dict definitions and instance attributes shared over the
//! whole program, diagnostics that explain every refusal.

pub mod model;
pub mod result;

pub use model::*;
pub use result::Annotations;
