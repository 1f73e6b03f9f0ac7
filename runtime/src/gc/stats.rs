//! Collector statistics (`RPYGC=stats` prints them at exit).

use std::time::Duration;

#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    pub collections: u64,
    /// Bytes of every allocation ever made (slot sizes).
    pub allocated_bytes: u64,
    /// The most bytes in allocated slots at once.
    pub peak_heap_bytes: usize,
    pub collect_time: Duration,
}

impl Stats {
    pub const fn new() -> Stats {
        Stats {
            collections: 0,
            allocated_bytes: 0,
            peak_heap_bytes: 0,
            collect_time: Duration::ZERO,
        }
    }

    pub fn report(&self) -> String {
        format!(
            "rpy gc: {} collections, {} bytes allocated, peak heap {} bytes, {:.3} s collecting",
            self.collections,
            self.allocated_bytes,
            self.peak_heap_bytes,
            self.collect_time.as_secs_f64()
        )
    }
}
