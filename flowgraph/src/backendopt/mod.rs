//! flowgraph::backendopt — optimizations of LL graphs before the backends:
//! inlining of small leaf functions, then constant folding (with constant
//! branches and dead ops), then jump cleanup. Each pass is a free function; `optimize` runs
//! them in order.

pub mod constfold;
pub mod inline;
pub mod jumps;

use crate::ll::LLProgram;

/// The passes for `--opt=1` and up, in order.
pub fn optimize(p: &mut LLProgram) {
    inline::inline_small_functions(p);
    for g in &mut p.graphs {
        constfold::constant_fold(g);
        jumps::cleanup_jumps(g);
    }
}
