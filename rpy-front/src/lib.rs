//! rpy-front: the rpy dialect's parser (pest grammar → AST with spans) and
//! the module loader that runs module level at translation time.

pub mod ast;
pub mod constfold;
pub mod diag;
pub mod loader;
pub mod program;
pub mod span;

pub use diag::{DResult, Diagnostic};
pub use span::{SourceFile, Span};
