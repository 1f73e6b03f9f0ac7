//! Python's sequence positions, shared by str and list: an index counts
//! from the end when negative; slice bounds and insert positions are
//! clamped.

/// The position of `seq[i]` in a sequence of `len` items, or `None` when
/// out of range (the caller raises its own IndexError).
#[inline(always)]
pub fn index(i: i64, len: i64) -> Option<usize> {
    let j = if i < 0 { i.wrapping_add(len) } else { i };
    ((j as u64) < (len as u64)).then_some(j as usize)
}

/// Where `xs.insert(i, x)` puts `x` in a list of `len` items: a negative
/// `i` counts from the end; both ends are clamped.
#[inline]
pub fn insert_position(i: i64, len: i64) -> usize {
    (if i < 0 {
        i.saturating_add(len).max(0)
    } else {
        i.min(len)
    }) as usize
}

/// The bounds of `seq[lo:hi]`: negative from the end, clamped to
/// `0..=len`, `hi` at least `lo`.
#[inline]
pub fn clamp_slice(lo: i64, hi: i64, len: i64) -> (usize, usize) {
    let fix = |i: i64| {
        if i < 0 {
            i.saturating_add(len).max(0)
        } else {
            i.min(len)
        }
    };
    let (lo, hi) = (fix(lo), fix(hi));
    (lo as usize, hi.max(lo) as usize)
}
