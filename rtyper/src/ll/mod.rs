//! rpy_rtyper::ll — the low-level IR produced by the rtyper: LL types, the
//! LL op table, the runtime helper table, the graph model, its verifier
//! and its text form.

pub mod edit;
pub mod helpers;
pub mod model;
pub mod ops;
pub mod print;
pub mod sig;
pub mod types;
pub mod verify;

pub use model::*;
pub use ops::{Effect, LLOpKind, LL_OP_TABLE};
pub use types::{LLType, ListKind};
