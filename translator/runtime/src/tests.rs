//! Unit tests of the runtime helpers, by family.
