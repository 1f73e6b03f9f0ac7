//! The GC pointers the JIT holds where the collector's stack scan cannot
//! see them — register files and frames in Rust heap buffers while they
//! are in use — reported to the collector through one root scanner (see
//! `jit::visit_roots`). A buffer is registered for the extent of a `Guard`.

use crate::metainterp::Frame;
use std::cell::RefCell;

type Visit = fn(*const (), &mut dyn FnMut(u64));

thread_local! {
    static ACTIVE: RefCell<Vec<(*const (), Visit)>> = const { RefCell::new(Vec::new()) };
}

/// While alive, the registered buffer's words are roots.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        ACTIVE.with(|a| a.borrow_mut().pop());
    }
}

fn push(p: *const (), visit: Visit) -> Guard {
    ACTIVE.with(|a| a.borrow_mut().push((p, visit)));
    Guard
}

/// Registers a vector of words (a register file): every word is a
/// possible pointer. The vector must not move while the guard lives (it
/// may grow).
pub fn words(v: &Vec<u64>) -> Guard {
    push((v as *const Vec<u64>).cast(), |p, f| {
        // SAFETY: registered by `words` and still alive (guard scope).
        let v = unsafe { &*(p as *const Vec<u64>) };
        v.iter().for_each(|w| f(*w));
    })
}

/// Registers the frames of a meta-interpreter (their registers).
pub fn frames(v: &Vec<Frame>) -> Guard {
    push((v as *const Vec<Frame>).cast(), |p, f| {
        // SAFETY: registered by `frames` and still alive (guard scope).
        let v = unsafe { &*(p as *const Vec<Frame>) };
        for fr in v {
            fr.regs.iter().for_each(|w| f(*w));
        }
    })
}

/// Every word of every registered buffer.
pub fn visit_active(f: &mut dyn FnMut(u64)) {
    ACTIVE.with(|a| {
        for (p, visit) in a.borrow().iter() {
            visit(*p, f);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_while_the_guard_lives() {
        let v = vec![1u64, 2, 3];
        let mut seen = Vec::new();
        {
            let _g = words(&v);
            visit_active(&mut |w| seen.push(w));
        }
        visit_active(&mut |w| seen.push(w));
        assert_eq!(seen, vec![1, 2, 3]);
    }
}
