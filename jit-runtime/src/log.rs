//! JIT logging, as PyPy's `PYPYLOG`: `RPYLOG=jit-log-opt:FILE` writes every
//! trace before and after optimization (`# Loop N (<location>) : loop with
//! K ops`, K counting every op but `debug_merge_point`; bridges `# bridge
//! out of guard N with K ops`), `RPYLOG=jit-summary` prints counters at
//! exit, `RPYLOG=perf-map` writes `/tmp/perf-PID.map` at exit (each
//! compiled trace's code named, for `perf report`). Several settings are
//! separated by commas.

use crate::ir::print::trace_text;
use crate::ir::{Descrs, Trace};
use std::io::Write;

#[derive(Default)]
pub struct Log {
    file: Option<std::fs::File>,
    pub summary: bool,
    pub perf_map: bool,
    /// The name of every compiled trace, by trace number.
    pub names: Vec<String>,
    pub loops: u32,
    pub bridges: u32,
    pub aborts: u32,
    pub guard_failures: u64,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Section {
    /// Before optimization.
    NoOpt,
    Opt,
}

impl Log {
    /// From `RPYLOG`.
    pub fn from_env() -> Log {
        let mut log = Log::default();
        let Ok(spec) = std::env::var("RPYLOG") else {
            return log;
        };
        for part in spec.split(',') {
            if part == "jit-summary" {
                log.summary = true;
            } else if part == "perf-map" {
                log.perf_map = true;
            } else if let Some(path) = part.split_once(':').map(|(_, p)| p) {
                match std::fs::File::create(path) {
                    Ok(f) => log.file = Some(f),
                    Err(e) => eprintln!("RPYLOG: cannot write {path}: {e}"),
                }
            }
        }
        log
    }

    pub fn enabled(&self) -> bool {
        self.file.is_some()
    }

    /// Writes one trace under a header line.
    pub fn trace(&mut self, section: Section, header: &str, t: &Trace, descrs: &Descrs) {
        let Some(f) = self.file.as_mut() else { return };
        let tag = match section {
            Section::NoOpt => "jit-log-noopt",
            Section::Opt => "jit-log-opt",
        };
        let _ = writeln!(f, "[{tag}]\n{header}\n{}", trace_text(t, descrs));
    }

    /// A comment line (aborts, failed bridges).
    pub fn note(&mut self, text: &str) {
        if let Some(f) = self.file.as_mut() {
            let _ = writeln!(f, "{text}");
        }
    }

    /// `/tmp/perf-PID.map` for these code ranges (by trace number).
    pub fn write_perf_map(&self, ranges: &[(u64, usize)]) {
        if !self.perf_map {
            return;
        }
        let path = format!("/tmp/perf-{}.map", std::process::id());
        let text: String = ranges
            .iter()
            .zip(&self.names)
            .map(|((addr, len), name)| format!("{addr:x} {len:x} {name}\n"))
            .collect();
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("RPYLOG: cannot write {path}: {e}");
        }
    }

    /// The counters, on stderr (at exit).
    pub fn print_summary(&self) {
        if self.summary {
            eprintln!(
                "[jit-summary] loops: {}, bridges: {}, aborts: {}, guard failures: {}",
                self.loops, self.bridges, self.aborts, self.guard_failures
            );
        }
    }
}
