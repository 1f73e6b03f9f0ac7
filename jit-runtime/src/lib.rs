//! rpy_jit: the run-time half of rpy's meta-tracing JIT, linked into every
//! `-jit` target: the trace IR, jitcodes, the meta-interpreter (tracer and
//! blackhole), warmstate, the optimizer, the backends (x86-64 and a trace
//! interpreter) and the driver the translated portal calls (`jit.rs`).

pub mod backend;
pub mod ir;
pub mod jit;
pub mod jitcode;
pub mod log;
pub mod mem;
pub mod metainterp;
pub mod opt;
pub mod program;
pub mod roots;
pub mod warmstate;
