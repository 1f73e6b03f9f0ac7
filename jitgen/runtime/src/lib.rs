//! rpy_jit: the run-time half of rpy's meta-tracing JIT, linked into every
//! `-jit` target: the trace IR, the optimizer, the backends (x86-64 and a
//! trace interpreter), and (later) warmstate, tracer and blackhole.

pub mod backend;
pub mod ir;
pub mod jitcode;
pub mod mem;
pub mod opt;
