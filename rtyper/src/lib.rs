//! rpy-rtyper: the annotator (types inferred over the flow graphs), the
//! builtin-method table, the rtyper and the LL IR it produces (typed
//! low-level graphs, the LL op table, the runtime-helper table, the LL
//! verifier and printer). The `ll` module is the API boundary between the
//! front end and the back ends.

pub mod annotate;
pub mod ll;
pub mod methods;
pub mod rtype;
pub mod typetest;
