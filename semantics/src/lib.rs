//! The language's semantics, written once: every evaluator of rpy (the
//! front end's and backendopt's constant folders, the untranslated
//! interpreter, the native runtime's helpers, the JIT's trace evaluator)
//! calls these functions instead of spelling out an operation itself.
//!
//! GC-free and dependency-free: values are plain `i64`/`f64`/`u8`/byte
//! slices, results are `Result<T, Error>` where `Error` names the builtin
//! exception and its message. Callers turn an `Error` into their own
//! exception (a pending runtime exception, an interpreter instance, "not
//! foldable").

pub mod error;
pub mod exc;
pub mod float;
pub mod format;
pub mod int;
pub mod io;
pub mod ovf;
pub mod parse;
pub mod repr;
pub mod seq;
pub mod text;
pub mod uint;

pub use error::{Error, Result};
