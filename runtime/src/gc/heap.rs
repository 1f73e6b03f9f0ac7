//! The heap: 64 KiB pages of equal-size slots (one size class per page),
//! large objects in chunks of their own, and the map from ANY address to
//! the object containing it (`Heap::find`).
//!
//! Every page or large chunk starts with a `PageHeader` (slot size and
//! count, allocation and mark bits); its 64 KiB-aligned chunks are keys
//! of `chunks`, so an address is looked up by masking it to its chunk.
//! A large object is a page with a single slot. Free slots are kept
//! zeroed, except for the first word, the link of their class's free list.

use std::alloc::{alloc_zeroed, dealloc, handle_alloc_error, Layout};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Pages (and large chunks) are this big and aligned to this.
pub const PAGE_SIZE: usize = 64 << 10;
/// Objects up to this size live in pages; bigger ones get a chunk.
pub const MAX_SMALL: usize = 16 << 10;
/// Bits of the allocation and mark bitmaps (slots are at least 16 bytes).
const MAX_SLOTS: usize = PAGE_SIZE / 16;
const BITMAP_WORDS: usize = MAX_SLOTS / 64;

#[repr(C)]
struct PageHeader {
    /// Bytes per slot (a large object's whole size).
    slot_size: usize,
    n_slots: usize,
    /// The size class of a small page; `LARGE` for a large chunk.
    class: usize,
    /// The chunk's size in bytes (`PAGE_SIZE` for a small page).
    bytes: usize,
    allocated: [u64; BITMAP_WORDS],
    marked: [u64; BITMAP_WORDS],
    /// Some slot of this page held an object with a finalizer (a dict):
    /// only such pages (and large chunks) call it for their dead slots,
    /// an indirect call per dead object being most of a sweep otherwise.
    finalizable: bool,
}

const LARGE: usize = usize::MAX;
/// Offset of the first slot in a page.
const FIRST_SLOT: usize = std::mem::size_of::<PageHeader>().next_multiple_of(16);

/// Slot sizes: every multiple of 8 up to 128, then four per doubling.
const N_CLASSES: usize = 15 + 4 * 7;
const CLASS_SIZES: [usize; N_CLASSES] = class_sizes();
/// `ceil(2**32 / slot size)`: a slot's index is its offset in the page
/// times this, shifted right by 32 (exact for offsets below 2**16 that are
/// multiples of the size; a division costs tens of cycles per allocation).
const CLASS_RECIPROCALS: [u64; N_CLASSES] = class_reciprocals();
/// `CLASS_OF[(size + 7) / 8]`: the smallest class that fits `size`.
static CLASS_OF: [u8; MAX_SMALL / 8 + 1] = class_table();

const fn class_sizes() -> [usize; N_CLASSES] {
    let mut sizes = [0; N_CLASSES];
    let mut i = 0;
    while i < 15 {
        sizes[i] = 16 + 8 * i;
        i += 1;
    }
    let mut base = 128;
    while i < N_CLASSES {
        let mut q = 1;
        while q <= 4 {
            sizes[i] = base + base / 4 * q;
            i += 1;
            q += 1;
        }
        base *= 2;
    }
    sizes
}

const fn class_reciprocals() -> [u64; N_CLASSES] {
    let mut r = [0; N_CLASSES];
    let mut i = 0;
    while i < N_CLASSES {
        r[i] = (1u64 << 32).div_ceil(CLASS_SIZES[i] as u64);
        i += 1;
    }
    r
}

const fn class_table() -> [u8; MAX_SMALL / 8 + 1] {
    let mut table = [0u8; MAX_SMALL / 8 + 1];
    let mut words = 0;
    let mut class = 0;
    while words <= MAX_SMALL / 8 {
        while CLASS_SIZES[class] < words * 8 {
            class += 1;
        }
        table[words] = class as u8;
        words += 1;
    }
    table
}

/// A multiplicative hash of a chunk address (its low 16 bits are zero).
#[derive(Default)]
pub struct ChunkHasher(u64);

impl Hasher for ChunkHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64)
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0 ^ (x >> 16)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Where an address lies: its page and slot.
#[derive(Clone, Copy)]
pub struct Slot {
    page: *mut PageHeader,
    index: usize,
}

impl Slot {
    /// The object's start address.
    pub fn start(self) -> usize {
        // SAFETY: `page` is a live page header (`Heap::find`).
        unsafe { self.page as usize + FIRST_SLOT + self.index * (*self.page).slot_size }
    }

    /// Set the mark bit; false if it was set already.
    pub fn mark(self) -> bool {
        let (word, bit) = (self.index / 64, 1u64 << (self.index % 64));
        // SAFETY: as `start`; the collector runs on the heap's own thread.
        let marked = unsafe { &mut (*self.page).marked[word] };
        let fresh = *marked & bit == 0;
        *marked |= bit;
        fresh
    }
}

/// Called on every object about to be freed (its memory is still intact).
pub type Finalizer = fn(usize);

pub struct Heap {
    /// Chunk address → address of the page (or large chunk) covering it.
    chunks: HashMap<usize, usize, BuildHasherDefault<ChunkHasher>>,
    pages: Vec<*mut PageHeader>,
    /// Per class: the head of the free list (0 = empty).
    free: [usize; N_CLASSES],
    /// Per class: the never-used tail of its newest page (next, end).
    fresh: [(usize, usize); N_CLASSES],
    /// Bytes in allocated slots.
    pub used_bytes: usize,
}

impl Heap {
    pub const fn new() -> Heap {
        Heap {
            chunks: HashMap::with_hasher(BuildHasherDefault::new()),
            pages: Vec::new(),
            free: [0; N_CLASSES],
            fresh: [(0, 0); N_CLASSES],
            used_bytes: 0,
        }
    }

    /// How many bytes an object of `size` bytes takes.
    #[cfg(test)]
    pub fn slot_bytes(size: usize) -> usize {
        if size <= MAX_SMALL {
            CLASS_SIZES[CLASS_OF[size.div_ceil(8)] as usize]
        } else {
            size.next_multiple_of(8)
        }
    }

    /// A zeroed block of at least `size` bytes (8-aligned, never null).
    pub fn allocate(&mut self, size: usize) -> *mut u8 {
        if size > MAX_SMALL {
            return self.allocate_large(size);
        }
        let class = CLASS_OF[size.div_ceil(8)] as usize;
        let p = if self.free[class] != 0 {
            let p = self.free[class];
            // SAFETY: a free slot: its first word links the free list.
            unsafe {
                self.free[class] = *(p as *const usize);
                *(p as *mut usize) = 0;
            }
            p
        } else {
            let (mut next, mut end) = self.fresh[class];
            if next == end {
                (next, end) = self.new_page(class);
            }
            self.fresh[class] = (next + CLASS_SIZES[class], end);
            next
        };
        self.used_bytes += CLASS_SIZES[class];
        let page = p & !(PAGE_SIZE - 1);
        set_allocated(Slot {
            page: page as *mut PageHeader,
            index: (((p - page - FIRST_SLOT) as u64 * CLASS_RECIPROCALS[class]) >> 32) as usize,
        });
        p as *mut u8
    }

    fn new_page(&mut self, class: usize) -> (usize, usize) {
        let slot_size = CLASS_SIZES[class];
        let n_slots = (PAGE_SIZE - FIRST_SLOT) / slot_size;
        let page = self.new_chunk(PAGE_SIZE, slot_size, n_slots, class);
        let first = page as usize + FIRST_SLOT;
        (first, first + n_slots * slot_size)
    }

    fn allocate_large(&mut self, size: usize) -> *mut u8 {
        let size = size.next_multiple_of(8);
        let bytes = (FIRST_SLOT + size).next_multiple_of(PAGE_SIZE);
        let page = self.new_chunk(bytes, size, 1, LARGE);
        self.used_bytes += size;
        let slot = Slot { page, index: 0 };
        set_allocated(slot);
        slot.start() as *mut u8
    }

    /// A zeroed, registered chunk of `bytes` with its header filled in.
    fn new_chunk(
        &mut self,
        bytes: usize,
        slot_size: usize,
        n_slots: usize,
        class: usize,
    ) -> *mut PageHeader {
        let layout = chunk_layout(bytes);
        // SAFETY: the layout has a non-zero size.
        let page = unsafe { alloc_zeroed(layout) } as *mut PageHeader;
        if page.is_null() {
            handle_alloc_error(layout);
        }
        // SAFETY: a fresh, zeroed chunk with room for its header.
        unsafe {
            (*page).slot_size = slot_size;
            (*page).n_slots = n_slots;
            (*page).class = class;
            (*page).bytes = bytes;
        }
        for chunk in (page as usize..page as usize + bytes).step_by(PAGE_SIZE) {
            self.chunks.insert(chunk, page as usize);
        }
        self.pages.push(page);
        page
    }

    /// The allocated object containing `addr` (its start or any byte
    /// inside it), or None (free slot, page header, not in the heap).
    #[inline]
    /// The object at `addr` needs its finalizer when it dies.
    pub fn note_finalizable(&mut self, addr: usize) {
        if let Some(s) = self.find(addr) {
            // SAFETY: a registered, live page header.
            unsafe { (*s.page).finalizable = true };
        }
    }

    pub fn find(&self, addr: usize) -> Option<Slot> {
        let page = *self.chunks.get(&(addr & !(PAGE_SIZE - 1)))? as *mut PageHeader;
        let offset = (addr - page as usize).checked_sub(FIRST_SLOT)?;
        // SAFETY: `page` is a registered, live page header.
        let (slot_size, n_slots, allocated) = unsafe {
            let h = &*page;
            (h.slot_size, h.n_slots, &h.allocated)
        };
        let index = offset / slot_size;
        let live = index < n_slots && allocated[index / 64] & (1 << (index % 64)) != 0;
        live.then_some(Slot { page, index })
    }

    /// Free every allocated object that is not marked (calling
    /// `finalize` on it first), clear the marks, and recount `used_bytes`.
    pub fn sweep(&mut self, finalize: Finalizer) {
        self.used_bytes = 0;
        let mut kept = Vec::with_capacity(self.pages.len());
        for page in std::mem::take(&mut self.pages) {
            if self.sweep_page(page, finalize) {
                kept.push(page);
            } else {
                self.free_chunk(page);
            }
        }
        self.pages = kept;
    }

    /// Sweep one page; false if it is a large chunk whose object died.
    fn sweep_page(&mut self, page: *mut PageHeader, finalize: Finalizer) -> bool {
        // SAFETY: a registered page; nothing else references its header.
        let h = unsafe { &mut *page };
        for word in 0..h.n_slots.div_ceil(64) {
            let mut dead = h.allocated[word] & !h.marked[word];
            h.allocated[word] &= h.marked[word];
            h.marked[word] = 0;
            self.used_bytes += h.allocated[word].count_ones() as usize * h.slot_size;
            while dead != 0 {
                let index = word * 64 + dead.trailing_zeros() as usize;
                dead &= dead - 1;
                let obj = page as usize + FIRST_SLOT + index * h.slot_size;
                if h.finalizable || h.class == LARGE {
                    finalize(obj);
                }
                if h.class == LARGE {
                    return false;
                }
                // SAFETY: a dead slot of this page: zero it, link it.
                unsafe {
                    std::ptr::write_bytes(obj as *mut u8, 0, h.slot_size);
                    *(obj as *mut usize) = self.free[h.class];
                }
                self.free[h.class] = obj;
            }
        }
        true
    }

    fn free_chunk(&mut self, page: *mut PageHeader) {
        // SAFETY: a registered chunk, no longer referenced.
        let bytes = unsafe { (*page).bytes };
        for chunk in (page as usize..page as usize + bytes).step_by(PAGE_SIZE) {
            self.chunks.remove(&chunk);
        }
        // SAFETY: allocated by `new_chunk` with this layout.
        unsafe { dealloc(page as *mut u8, chunk_layout(bytes)) };
    }
}

fn chunk_layout(bytes: usize) -> Layout {
    Layout::from_size_align(bytes, PAGE_SIZE)
        .unwrap_or_else(|_| panic!("rpy runtime: cannot allocate {bytes} bytes"))
}

fn set_allocated(slot: Slot) {
    // SAFETY: a live page header; single-threaded heap.
    unsafe { (*slot.page).allocated[slot.index / 64] |= 1 << (slot.index % 64) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reciprocals_give_every_slot_index() {
        const _: () = assert!(PAGE_SIZE <= 1 << 16);
        for (class, &size) in CLASS_SIZES.iter().enumerate() {
            for index in 0..(PAGE_SIZE - FIRST_SLOT) / size {
                let off = (index * size) as u64;
                assert_eq!(((off * CLASS_RECIPROCALS[class]) >> 32) as usize, index);
            }
        }
    }

    #[test]
    fn classes_are_increasing_and_fit_their_sizes() {
        assert!(CLASS_SIZES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(CLASS_SIZES[N_CLASSES - 1], MAX_SMALL);
        for size in 1..=MAX_SMALL {
            let slot = Heap::slot_bytes(size);
            assert!(slot >= size && slot.is_multiple_of(8), "{size} -> {slot}");
            assert!(slot <= size.max(16) * 5 / 4 + 8, "{size} -> {slot}");
        }
    }

    #[test]
    fn find_maps_interior_addresses_and_rejects_others() {
        let mut heap = Heap::new();
        let small = heap.allocate(40) as usize;
        let large = heap.allocate(100_000) as usize;
        for (obj, size) in [(small, 40), (large, 100_000)] {
            for addr in [obj, obj + 8, obj + size - 1] {
                assert_eq!(heap.find(addr).map(Slot::start), Some(obj));
            }
        }
        // The next slot is not allocated; a local is not in the heap.
        assert!(heap.find(small + Heap::slot_bytes(40)).is_none());
        let local = 0u64;
        assert!(heap.find(&local as *const u64 as usize).is_none());
    }

    #[test]
    fn sweep_frees_unmarked_and_reuses_them_zeroed() {
        let mut heap = Heap::new();
        let kept = heap.allocate(24) as usize;
        let dropped = heap.allocate(24);
        let big = heap.allocate(MAX_SMALL + 1) as usize;
        // SAFETY: a fresh 24-byte block.
        unsafe { *(dropped as *mut u64).add(2) = 7 };
        assert!(heap.find(kept).unwrap().mark());
        assert!(!heap.find(kept).unwrap().mark());
        heap.sweep(|_| {});
        assert_eq!(heap.used_bytes, 24);
        assert!(heap.find(dropped as usize).is_none());
        assert!(heap.find(big).is_none());
        let again = heap.allocate(24);
        assert_eq!(again, dropped);
        // SAFETY: a fresh 24-byte block.
        assert!((0..3).all(|i| unsafe { *(again as *mut u64).add(i) } == 0));
    }

    #[test]
    fn only_noted_pages_and_large_chunks_call_the_finalizer() {
        use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
        static CALLS: AtomicUsize = AtomicUsize::new(0);
        static PLAIN: AtomicUsize = AtomicUsize::new(0);
        let mut heap = Heap::new();
        PLAIN.store(heap.allocate(24) as usize, Relaxed);
        let noted = heap.allocate(48) as usize;
        heap.note_finalizable(noted);
        heap.allocate(MAX_SMALL + 1);
        heap.sweep(|obj| {
            assert_ne!(
                obj,
                PLAIN.load(Relaxed),
                "an unnoted page called the finalizer"
            );
            CALLS.fetch_add(1, Relaxed);
        });
        assert_eq!(CALLS.load(Relaxed), 2, "the noted slot and the large chunk");
    }
}
