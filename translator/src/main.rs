//! The `translate` command line.
fn main() {}
