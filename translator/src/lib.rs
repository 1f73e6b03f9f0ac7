//! translator: the driver that runs the pipeline's steps for the
//! `translate` command (and later the backends).

pub mod build;
pub mod driver;
