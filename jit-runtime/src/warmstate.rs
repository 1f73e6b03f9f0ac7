//! Warmstate: the JIT's run-time parameters (`RPYJIT=threshold=N,
//! trace_limit=N,trace_eagerness=N` or `RPYJIT=off`) and, per green key,
//! a counter that decides when to trace, then the compiled loop.

use crate::backend::TraceId;
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// Loop iterations (`can_enter_jit` passes) before tracing starts.
    pub threshold: u32,
    /// Ops recorded before a trace is aborted.
    pub trace_limit: usize,
    /// Failures of a guard before a bridge is traced from it.
    pub trace_eagerness: u32,
    /// `RPYJIT=off`: never trace.
    pub off: bool,
    /// `RPYJIT=backend=x86|interp`: what runs the traces.
    pub backend: String,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            threshold: 1039,
            trace_limit: 6000,
            trace_eagerness: 200,
            off: false,
            backend: "x86".into(),
        }
    }
}

impl Params {
    /// Parses `RPYJIT`'s value: comma-separated `name=value` or `off`.
    pub fn parse(s: &str) -> Result<Params, String> {
        let mut p = Params::default();
        for part in s.split(',').map(str::trim).filter(|x| !x.is_empty()) {
            if part == "off" {
                p.off = true;
                continue;
            }
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("RPYJIT: expected name=value, got '{part}'"))?;
            if name == "backend" {
                if value != "x86" && value != "interp" {
                    return Err(format!("RPYJIT: backend is x86 or interp, got '{value}'"));
                }
                p.backend = value.to_string();
                continue;
            }
            let n: u64 = value
                .parse()
                .map_err(|_| format!("RPYJIT: {name} wants a number, got '{value}'"))?;
            match name {
                "threshold" => p.threshold = n.max(1) as u32,
                "trace_limit" => p.trace_limit = n as usize,
                "trace_eagerness" => p.trace_eagerness = n as u32,
                other => return Err(format!("RPYJIT: unknown parameter '{other}'")),
            }
        }
        Ok(p)
    }

    /// From the environment (defaults when unset; a bad value is reported
    /// and the defaults used).
    pub fn from_env() -> Params {
        match std::env::var("RPYJIT") {
            Ok(s) => Params::parse(&s).unwrap_or_else(|e| {
                eprintln!("{e}");
                Params::default()
            }),
            Err(_) => Params::default(),
        }
    }
}

/// What the JIT knows about one green key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell {
    Counting(u32),
    Compiled(TraceId),
    /// Tracing from here failed too often: interpret forever.
    Disabled,
}

/// Aborted traces from one key before it is disabled.
pub const MAX_ABORTS: u32 = 3;

#[derive(Default)]
pub struct WarmState {
    pub cells: HashMap<Vec<u64>, Cell>,
    pub aborts: HashMap<Vec<u64>, u32>,
}

impl WarmState {
    pub fn cell(&self, key: &[u64]) -> Cell {
        self.cells.get(key).copied().unwrap_or(Cell::Counting(0))
    }

    /// One more pass through `key`: true when it is worth entering the JIT
    /// (compiled, or hot enough to trace).
    pub fn tick(&mut self, key: &[u64], threshold: u32) -> bool {
        match self.cells.get_mut(key) {
            Some(Cell::Counting(n)) => {
                *n += 1;
                *n >= threshold
            }
            Some(Cell::Compiled(_)) => true,
            Some(Cell::Disabled) => false,
            None => {
                self.cells.insert(key.to_vec(), Cell::Counting(1));
                threshold <= 1
            }
        }
    }

    /// A trace from `key` was aborted: start counting again, or give up.
    pub fn aborted(&mut self, key: &[u64]) {
        let n = self.aborts.entry(key.to_vec()).or_insert(0);
        *n += 1;
        let cell = if *n >= MAX_ABORTS {
            Cell::Disabled
        } else {
            Cell::Counting(0)
        };
        self.cells.insert(key.to_vec(), cell);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rpyjit() {
        let p = Params::parse("threshold=3,trace_limit=100").unwrap();
        assert_eq!((p.threshold, p.trace_limit, p.off), (3, 100, false));
        assert!(Params::parse("off").unwrap().off);
        assert_eq!(Params::parse("backend=interp").unwrap().backend, "interp");
        assert!(Params::parse("backend=arm").is_err());
        assert!(Params::parse("speed=9").is_err());
        assert!(Params::parse("threshold=x").is_err());
    }

    #[test]
    fn counts_then_gives_up_after_aborts() {
        let mut w = WarmState::default();
        assert!(!w.tick(&[4], 3));
        assert!(!w.tick(&[4], 3));
        assert!(w.tick(&[4], 3));
        for _ in 0..MAX_ABORTS {
            w.aborted(&[4]);
        }
        assert_eq!(w.cell(&[4]), Cell::Disabled);
        assert!(!w.tick(&[4], 3));
    }
}
