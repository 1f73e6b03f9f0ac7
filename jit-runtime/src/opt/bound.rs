//! Integer intervals for the intbounds pass: a box's possible values as a
//! signed range and an unsigned range (kept consistent with each other),
//! with the arithmetic and comparisons the pass needs.

/// Signed `lo..=hi` and unsigned `ulo..=uhi`; the value is in both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntBound {
    pub lo: i64,
    pub hi: i64,
    pub ulo: u64,
    pub uhi: u64,
}

impl IntBound {
    pub const FULL: IntBound = IntBound {
        lo: i64::MIN,
        hi: i64::MAX,
        ulo: 0,
        uhi: u64::MAX,
    };

    pub fn constant(c: i64) -> IntBound {
        IntBound::signed(c, c)
    }

    pub fn signed(lo: i64, hi: i64) -> IntBound {
        IntBound {
            lo,
            hi,
            ..IntBound::FULL
        }
        .normalized()
    }

    /// The signed range of an exact (128-bit) result, or full when it
    /// does not fit in 64 bits.
    fn exact(lo: i128, hi: i128) -> IntBound {
        match (i64::try_from(lo), i64::try_from(hi)) {
            (Ok(l), Ok(h)) => IntBound::signed(l, h),
            _ => IntBound::FULL,
        }
    }

    /// Whether the 128-bit range fits in 64 bits (an `_ovf` op on these
    /// bounds cannot overflow).
    pub fn fits(lo: i128, hi: i128) -> bool {
        i64::try_from(lo).is_ok() && i64::try_from(hi).is_ok()
    }

    pub fn as_const(&self) -> Option<i64> {
        (self.lo == self.hi).then_some(self.lo)
    }

    pub fn is_empty(&self) -> bool {
        self.lo > self.hi || self.ulo > self.uhi
    }

    /// Whether every value of `other` is in `self`.
    pub fn contains(&self, other: &IntBound) -> bool {
        self.lo <= other.lo && other.hi <= self.hi && self.ulo <= other.ulo && other.uhi <= self.uhi
    }

    /// Both ranges narrowed by what each tells about the other.
    fn normalized(mut self) -> IntBound {
        for _ in 0..2 {
            if self.lo >= 0 || self.hi < 0 {
                self.ulo = self.ulo.max(self.lo as u64);
                self.uhi = self.uhi.min(self.hi as u64);
            }
            if self.uhi <= i64::MAX as u64 || self.ulo > i64::MAX as u64 {
                self.lo = self.lo.max(self.ulo as i64);
                self.hi = self.hi.min(self.uhi as i64);
            }
        }
        self
    }

    /// `self` narrowed to `other` (unchanged if they contradict: the code
    /// after a guard that always fails is never run).
    pub fn meet(&self, other: &IntBound) -> IntBound {
        let b = IntBound {
            lo: self.lo.max(other.lo),
            hi: self.hi.min(other.hi),
            ulo: self.ulo.max(other.ulo),
            uhi: self.uhi.min(other.uhi),
        }
        .normalized();
        if b.is_empty() {
            *self
        } else {
            b
        }
    }

    pub fn at_most(hi: i64) -> IntBound {
        IntBound::signed(i64::MIN, hi)
    }

    pub fn at_least(lo: i64) -> IntBound {
        IntBound::signed(lo, i64::MAX)
    }

    pub fn unsigned(ulo: u64, uhi: u64) -> IntBound {
        IntBound {
            ulo,
            uhi,
            ..IntBound::FULL
        }
        .normalized()
    }

    /// The exact range of `a + b`, as 128-bit numbers.
    pub fn add_range(a: &IntBound, b: &IntBound) -> (i128, i128) {
        (a.lo as i128 + b.lo as i128, a.hi as i128 + b.hi as i128)
    }

    pub fn sub_range(a: &IntBound, b: &IntBound) -> (i128, i128) {
        (a.lo as i128 - b.hi as i128, a.hi as i128 - b.lo as i128)
    }

    pub fn mul_range(a: &IntBound, b: &IntBound) -> (i128, i128) {
        let p = [
            a.lo as i128 * b.lo as i128,
            a.lo as i128 * b.hi as i128,
            a.hi as i128 * b.lo as i128,
            a.hi as i128 * b.hi as i128,
        ];
        (*p.iter().min().unwrap(), *p.iter().max().unwrap())
    }

    /// A wrapping op's result: exact when it cannot wrap, else full.
    pub fn wrapping((lo, hi): (i128, i128)) -> IntBound {
        IntBound::exact(lo, hi)
    }

    /// An overflow-checked op's result after its guard passed.
    pub fn checked((lo, hi): (i128, i128)) -> IntBound {
        let clamp = |x: i128| x.clamp(i64::MIN as i128, i64::MAX as i128) as i64;
        IntBound::signed(clamp(lo), clamp(hi))
    }

    /// `a & b`: non-negative and at most a non-negative operand.
    pub fn and(a: &IntBound, b: &IntBound) -> IntBound {
        match (a.lo >= 0, b.lo >= 0) {
            (true, true) => IntBound::signed(0, a.hi.min(b.hi)),
            (true, false) => IntBound::signed(0, a.hi),
            (false, true) => IntBound::signed(0, b.hi),
            (false, false) => IntBound::FULL,
        }
    }

    /// Whether `a < b` (signed) always or never holds.
    pub fn lt(a: &IntBound, b: &IntBound) -> Option<bool> {
        if a.hi < b.lo {
            Some(true)
        } else if a.lo >= b.hi {
            Some(false)
        } else {
            None
        }
    }

    /// Whether `a < b` (unsigned) always or never holds.
    pub fn ult(a: &IntBound, b: &IntBound) -> Option<bool> {
        if a.uhi < b.ulo {
            Some(true)
        } else if a.ulo >= b.uhi {
            Some(false)
        } else {
            None
        }
    }

    /// Whether `a == b` always or never holds.
    pub fn eq(a: &IntBound, b: &IntBound) -> Option<bool> {
        match (a.as_const(), b.as_const()) {
            (Some(x), Some(y)) => Some(x == y),
            _ if a.hi < b.lo || b.hi < a.lo || a.uhi < b.ulo || b.uhi < a.ulo => Some(false),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsigned_lower_bound_proves_smaller_unsigned_tests() {
        // after uint_lt(2, n): n >=u 3, so uint_lt(1, n) holds
        let n = IntBound::FULL.meet(&IntBound::unsigned(3, u64::MAX));
        assert_eq!(IntBound::ult(&IntBound::constant(1), &n), Some(true));
        assert_eq!(IntBound::ult(&IntBound::constant(5), &n), None);
        // but n may still be negative
        assert_eq!(n.lo, i64::MIN);
    }

    #[test]
    fn ranges_and_overflow() {
        let a = IntBound::signed(0, 10);
        let (lo, hi) = IntBound::add_range(&a, &IntBound::constant(1));
        assert_eq!(IntBound::wrapping((lo, hi)), IntBound::signed(1, 11));
        let big = IntBound::at_least(0);
        let r = IntBound::add_range(&big, &IntBound::constant(1));
        assert!(!IntBound::fits(r.0, r.1));
        assert_eq!(IntBound::wrapping(r), IntBound::FULL);
        assert_eq!(IntBound::checked(r), IntBound::at_least(1));
        assert!(IntBound::FULL.contains(&a));
        assert!(!a.contains(&IntBound::FULL));
    }
}
