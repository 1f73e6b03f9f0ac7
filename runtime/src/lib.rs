//! rpy-runtime: what the Rust code generated from LL graphs links against —
//! object layouts, the allocator and type descriptors, pending exceptions,
//! and every runtime helper of `rpy_rtyper::ll::helpers::HELPERS`.
//!
//! Safety contract shared by every `unsafe fn` of this crate (one place
//! instead of a `# Safety` section per helper): pointer arguments point to
//! live objects of the stated type, allocated by `rpy_alloc` (or prebuilt
//! statics with the same layout), and are non-null unless the helper's
//! documentation says "null = None". The runtime is single-threaded: the
//! generated program runs on one thread (`rpy_main`).
#![allow(clippy::missing_safety_doc)]

pub mod alloc;
pub mod dict;
pub mod dynamic;
pub mod entry;
pub mod exc;
pub mod format;
pub mod gc;
pub mod io;
pub mod item;
pub mod iter;
pub mod list;
pub mod numbers;
pub mod object;
pub mod parse;
pub mod percent;
pub mod rarith;
pub use rpy_semantics::repr as pyrepr;
pub mod str;
pub mod tuple;
pub mod view;

#[cfg(test)]
mod tests;

pub use alloc::*;
pub use dict::*;
pub use entry::*;
pub use exc::*;
pub use format::*;
pub use gc::{rpy_gc_add_root, rpy_gc_add_root_scanner, rpy_gc_collect, rpy_gc_register_stack};
pub use io::*;
pub use item::*;
pub use iter::*;
pub use list::*;
pub use numbers::*;
pub use object::*;
pub use parse::*;
pub use percent::*;
pub use rarith::*;
pub use str::*;
pub use tuple::*;
pub use view::*;
