//! jitgen: the translation-time half of rpy's JIT (the codewriter).
