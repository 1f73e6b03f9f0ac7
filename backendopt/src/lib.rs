//! rpy-backendopt: the passes and analyses over LL graphs between the
//! rtyper and the back ends — inlining of small leaf functions, constant
//! folding (with constant branches and dead ops), jump cleanup (`optimize`
//! runs them in order), and the whole-program analysis both back ends read
//! (`analysis`: which calls raise, which lists are only read, …).

pub mod analysis;
pub mod constfold;
pub mod inline;
pub mod jumps;

use rpy_rtyper::ll::LLProgram;

/// The passes for `--opt=1` and up, in order.
pub fn optimize(p: &mut LLProgram) {
    inline::inline_small_functions(p);
    for g in &mut p.graphs {
        constfold::constant_fold(g);
        jumps::cleanup_jumps(g);
    }
}
