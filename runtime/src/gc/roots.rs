//! Roots: the runtime's own slots (the pending exception), registered
//! slots (prebuilt objects),
//! root scanners of other crates (the JIT), and a conservative scan of
//! the mutator thread's stack and callee-saved registers.

/// A function reporting words to treat as conservative roots.
pub type RootScanner = fn(&mut dyn FnMut(u64));

pub struct Roots {
    /// Slots holding a GC pointer (or null).
    pub slots: Vec<*const *mut u8>,
    pub scanners: Vec<RootScanner>,
    /// The highest stack address to scan (0: not a mutator thread, no
    /// automatic collection).
    pub stack_base: usize,
}

impl Roots {
    pub const fn new() -> Roots {
        Roots {
            slots: Vec::new(),
            scanners: Vec::new(),
            stack_base: 0,
        }
    }

    /// Report every root word: slots, scanners, then the stack from the
    /// caller's frames up to `stack_base` (registers spilled first).
    pub fn for_each(&self, f: &mut dyn FnMut(usize)) {
        for slot in crate::exc::exception_root_slots() {
            // SAFETY: statics of the runtime.
            f(unsafe { std::ptr::read_volatile(slot) } as usize);
        }
        for &slot in &self.slots {
            // SAFETY: registered slots are statics that live forever.
            f(unsafe { std::ptr::read_volatile(slot) } as usize);
        }
        for scanner in &self.scanners {
            scanner(&mut |w| f(w as usize));
        }
        if self.stack_base != 0 {
            with_registers_spilled(&mut |sp| scan_range(sp, self.stack_base, f));
        }
    }
}

/// Report every aligned word in `[low, high)` of this thread's stack.
fn scan_range(low: usize, high: usize, f: &mut dyn FnMut(usize)) {
    for addr in (low & !7..high).step_by(8) {
        // SAFETY: `[low, high)` is the live part of this thread's stack
        // (between the current frame and the recorded base).
        f(unsafe { std::ptr::read_volatile(addr as *const usize) });
    }
}

/// Store the callee-saved registers in a local array (so that pointers
/// held only in registers by the callers are on the stack), then call
/// `f` with the array's address: everything from there up is the stack
/// of this function and its callers.
#[inline(never)]
fn with_registers_spilled(f: &mut dyn FnMut(usize)) {
    let mut regs = [0usize; 12];
    spill_registers(&mut regs);
    f(std::hint::black_box(&regs).as_ptr() as usize);
}

#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn spill_registers(regs: &mut [usize; 12]) {
    // SAFETY: stores six registers into the 12-word array.
    unsafe {
        std::arch::asm!(
            "mov [{r}], rbx",
            "mov [{r} + 8], rbp",
            "mov [{r} + 16], r12",
            "mov [{r} + 24], r13",
            "mov [{r} + 32], r14",
            "mov [{r} + 40], r15",
            r = in(reg) regs.as_mut_ptr(),
            options(nostack, preserves_flags),
        )
    }
}

#[cfg(target_arch = "aarch64")]
#[inline(always)]
fn spill_registers(regs: &mut [usize; 12]) {
    // SAFETY: stores eleven registers into the 12-word array.
    unsafe {
        std::arch::asm!(
            "stp x19, x20, [{r}]",
            "stp x21, x22, [{r}, #16]",
            "stp x23, x24, [{r}, #32]",
            "stp x25, x26, [{r}, #48]",
            "stp x27, x28, [{r}, #64]",
            "str x29, [{r}, #80]",
            r = in(reg) regs.as_mut_ptr(),
            options(nostack, preserves_flags),
        )
    }
}

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
compile_error!("rpy gc: spilling callee-saved registers is implemented for x86-64 and aarch64");
