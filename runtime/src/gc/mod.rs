//! The garbage collector: a non-moving mark-sweep collector behind
//! `rpy_alloc`.
//!
//! - `heap`: size-segregated 64 KiB pages and large chunks, address lookup;
//! - `mark`: precise tracing through the type descriptors;
//! - `roots`: registered slots, root scanners, the conservative stack scan;
//! - `config`/`stats`: `RPYGC` and what `RPYGC=stats` prints.
//!
//! The heap is per thread. A thread collects only after it registered its
//! stack base (`rpy_gc_register_stack`, done by `rpy_main` for the program
//! thread): other threads (unit tests) allocate without ever collecting.
//! A collection starts when the bytes in use would reach the threshold,
//! `max(4 MiB, 2 × live bytes after the last collection)`, or on every
//! N-th allocation with `RPYGC=stress=N`.

mod config;
mod heap;
mod mark;
mod roots;
mod stats;

pub use config::Config;
pub use roots::RootScanner;
pub use stats::Stats;

use crate::alloc::TID_DICT;
use crate::dict::DictOps;
use crate::object::GcHeader;
use heap::Heap;
use mark::{Marker, DICT_MAP_OFFSET, DICT_OPS_OFFSET};
use roots::Roots;
use std::cell::UnsafeCell;
use std::time::Instant;

/// The smallest collection threshold.
const MIN_THRESHOLD: usize = 4 << 20;

struct Gc {
    heap: Heap,
    roots: Roots,
    stats: Stats,
    /// Collect when the bytes in use would reach this (0 until the first
    /// allocation reads the configuration).
    threshold: usize,
    /// `RPYGC=stress=N`: N, and the allocations left until the next one.
    stress: u64,
    stress_left: u64,
    /// Active `NoCollect` guards.
    no_collect: u32,
}

thread_local! {
    static GC: UnsafeCell<Gc> = const {
        UnsafeCell::new(Gc {
            heap: Heap::new(),
            roots: Roots::new(),
            stats: Stats::new(),
            threshold: 0,
            stress: 0,
            stress_left: 0,
            no_collect: 0,
        })
    };
}

/// Run `f` on this thread's collector. Nothing the collector calls
/// (tracing, root scanners) may allocate or call back into it.
#[inline(always)]
fn with_gc<R>(f: impl FnOnce(&mut Gc) -> R) -> R {
    // SAFETY: the state is thread-local and never borrowed twice: `f`
    // does not re-enter `with_gc` (see above).
    GC.with(|g| f(unsafe { &mut *g.get() }))
}

impl Gc {
    #[inline(always)]
    fn allocate(&mut self, size: usize) -> *mut u8 {
        if self.heap.used_bytes + size >= self.threshold || self.stress != 0 {
            self.before_allocation(size);
        }
        let before = self.heap.used_bytes;
        let p = self.heap.allocate(size);
        self.stats.allocated_bytes += (self.heap.used_bytes - before) as u64;
        p
    }

    /// The slow path: read the configuration, collect if due and possible.
    #[cold]
    #[inline(never)]
    fn before_allocation(&mut self, size: usize) {
        if self.threshold == 0 {
            self.stress = config::config().stress;
            self.stress_left = self.stress;
            self.threshold = MIN_THRESHOLD;
        }
        let mut due = self.heap.used_bytes + size >= self.threshold;
        if self.stress != 0 {
            self.stress_left -= 1;
            if self.stress_left == 0 {
                self.stress_left = self.stress;
                due = true;
            }
        }
        if !due {
            return;
        }
        if self.roots.stack_base == 0 || self.no_collect > 0 {
            self.threshold = self
                .threshold
                .max(self.heap.used_bytes + size + MIN_THRESHOLD);
        } else {
            self.collect();
        }
    }

    #[inline(never)]
    fn collect(&mut self) {
        let start = Instant::now();
        self.stats.peak_heap_bytes = self.stats.peak_heap_bytes.max(self.heap.used_bytes);
        let mut marker = Marker::new(&self.heap);
        self.roots.for_each(&mut |word| marker.mark_word(word));
        marker.finish();
        self.heap.sweep(finalize);
        self.threshold = MIN_THRESHOLD.max(2 * self.heap.used_bytes);
        self.stats.collections += 1;
        self.stats.collect_time += start.elapsed();
    }
}

/// Release what a dying object owns outside the heap (a dict's map);
/// the sweep calls it only on pages `note_finalizable` marked.
fn finalize(obj: usize) {
    // SAFETY: `obj` is an allocated object about to be freed: its header
    // and, for a dict, its map and ops fields are as it left them.
    unsafe {
        if (*(obj as *const GcHeader)).tid != TID_DICT {
            return;
        }
        let ops = *((obj + DICT_OPS_OFFSET) as *const *const DictOps);
        if !ops.is_null() && *((obj + DICT_MAP_OFFSET) as *const usize) != 0 {
            ((*ops).free)(obj as *mut GcHeader);
        }
    }
}

/// A zeroed, 8-aligned block of at least `size` bytes from this thread's
/// heap, collecting first if due.
#[inline]
pub fn gc_allocate(size: usize) -> *mut u8 {
    with_gc(|gc| gc.allocate(size))
}

/// The object at `obj` (just allocated) has a finalizer (see `finalize`).
pub fn note_finalizable(obj: *mut u8) {
    with_gc(|gc| gc.heap.note_finalizable(obj as usize))
}

/// Collect now (if this thread registered its stack; otherwise nothing
/// could be known about the objects its stack refers to, and nothing
/// happens).
pub fn rpy_gc_collect() {
    with_gc(|gc| {
        if gc.roots.stack_base != 0 {
            gc.collect()
        }
    })
}

/// Make this thread a mutator whose stack is scanned up to `base` (an
/// address above every frame that may hold GC pointers), so that it
/// collects.
pub fn rpy_gc_register_stack(base: usize) {
    with_gc(|gc| gc.roots.stack_base = base)
}

/// Stop collecting on this thread (`rpy_gc_register_stack` resumes).
pub fn rpy_gc_unregister_stack() {
    with_gc(|gc| gc.roots.stack_base = 0)
}

/// `slot` (a static living forever) holds a GC pointer or null: a root.
pub fn rpy_gc_add_root(slot: *const *mut u8) {
    with_gc(|gc| gc.roots.slots.push(slot))
}

/// `f` reports words to treat as conservative roots at every collection.
/// It must not allocate.
pub fn rpy_gc_add_root_scanner(f: RootScanner) {
    with_gc(|gc| gc.roots.scanners.push(f))
}

/// The start of the allocated object containing `addr`, if any.
pub fn rpy_gc_find(addr: usize) -> Option<usize> {
    with_gc(|gc| gc.heap.find(addr).map(|slot| slot.start()))
}

/// Bytes in allocated slots on this thread.
pub fn rpy_gc_heap_bytes() -> usize {
    with_gc(|gc| gc.heap.used_bytes)
}

/// This thread's statistics.
pub fn rpy_gc_stats() -> Stats {
    with_gc(|gc| {
        let mut stats = gc.stats;
        stats.peak_heap_bytes = stats.peak_heap_bytes.max(gc.heap.used_bytes);
        stats
    })
}

/// Print the statistics on stderr if `RPYGC=stats` (at program exit).
pub fn rpy_gc_report_at_exit() {
    if config::config().stats {
        eprintln!("{}", rpy_gc_stats().report());
    }
}

/// While this guard lives, this thread does not collect: for runtime
/// helpers that keep GC pointers in Rust-heap buffers across allocations.
pub struct NoCollect(());

pub fn no_collect() -> NoCollect {
    with_gc(|gc| gc.no_collect += 1);
    NoCollect(())
}

impl Drop for NoCollect {
    fn drop(&mut self) {
        with_gc(|gc| gc.no_collect -= 1)
    }
}
