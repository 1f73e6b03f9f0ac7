//! jitgen: the translation-time half of rpy's JIT — the codewriter, which
//! turns the portal's LL graphs into jitcodes (the run-time half is the
//! `rpy-jit` crate in `runtime/`).

pub mod codewriter;
pub mod liveness;
pub mod print;
