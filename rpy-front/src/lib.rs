//! rpy-front: the rpy dialect's parser (pest grammar → AST with spans) and
//! the module loader that runs module level at translation time.

pub mod ast;
pub mod ast_dump;
pub mod constfold;
pub mod diag;
pub mod grammar;
pub mod layout;
pub mod literal;
pub mod load;
mod lower_expr;
mod lower_stmt;
pub mod parse;
mod percent;
pub mod program;
pub mod scope;
pub use rpy_semantics::repr as pyrepr;
pub mod span;
mod target;

pub use diag::{DResult, Diagnostic, Diagnostics};
pub use parse::parse_module;
pub use span::{SourceFile, Span};
