//! The builtin exception classes: one table (name, base) in preorder of
//! the builtin class tree, and their indices. The front end creates them
//! first in every program in this order, so a builtin class's `ClassId`
//! is its index here; the runtime numbers its default vtables the same way.

/// `(name, index of the base class)`, in preorder of the tree rooted at
/// `object` (every class's subtree follows it contiguously).
pub const BUILTIN_CLASSES: [(&str, Option<u32>); 20] = [
    ("object", None),
    ("BaseException", Some(OBJECT)),
    ("Exception", Some(BASE_EXCEPTION)),
    ("StopIteration", Some(EXCEPTION)),
    ("ArithmeticError", Some(EXCEPTION)),
    ("ZeroDivisionError", Some(ARITHMETIC_ERROR)),
    ("OverflowError", Some(ARITHMETIC_ERROR)),
    ("LookupError", Some(EXCEPTION)),
    ("IndexError", Some(LOOKUP_ERROR)),
    ("KeyError", Some(LOOKUP_ERROR)),
    ("ValueError", Some(EXCEPTION)),
    ("AssertionError", Some(EXCEPTION)),
    ("RuntimeError", Some(EXCEPTION)),
    ("NotImplementedError", Some(RUNTIME_ERROR)),
    ("OSError", Some(EXCEPTION)),
    ("TypeError", Some(EXCEPTION)),
    ("AttributeError", Some(EXCEPTION)),
    ("NameError", Some(EXCEPTION)),
    ("UnboundLocalError", Some(NAME_ERROR)),
    ("ImportError", Some(EXCEPTION)),
];

pub const OBJECT: u32 = 0;
pub const BASE_EXCEPTION: u32 = 1;
pub const EXCEPTION: u32 = 2;
pub const STOP_ITERATION: u32 = 3;
pub const ARITHMETIC_ERROR: u32 = 4;
pub const ZERO_DIVISION_ERROR: u32 = 5;
pub const OVERFLOW_ERROR: u32 = 6;
pub const LOOKUP_ERROR: u32 = 7;
pub const INDEX_ERROR: u32 = 8;
pub const KEY_ERROR: u32 = 9;
pub const VALUE_ERROR: u32 = 10;
pub const ASSERTION_ERROR: u32 = 11;
pub const RUNTIME_ERROR: u32 = 12;
pub const NOT_IMPLEMENTED_ERROR: u32 = 13;
pub const OS_ERROR: u32 = 14;
pub const TYPE_ERROR: u32 = 15;
pub const ATTRIBUTE_ERROR: u32 = 16;
pub const NAME_ERROR: u32 = 17;
pub const UNBOUND_LOCAL_ERROR: u32 = 18;
pub const IMPORT_ERROR: u32 = 19;

/// The number of builtin classes.
pub const N_BUILTIN_CLASSES: usize = BUILTIN_CLASSES.len();

/// The builtin class called `name`.
pub fn by_name(name: &str) -> Option<u32> {
    BUILTIN_CLASSES
        .iter()
        .position(|(n, _)| *n == name)
        .map(|i| i as u32)
}

/// Is builtin `sub` the builtin `sup` or derived from it?
pub fn is_subclass(sub: u32, sup: u32) -> bool {
    let mut c = Some(sub);
    while let Some(k) = c {
        if k == sup {
            return true;
        }
        c = BUILTIN_CLASSES[k as usize].1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_preorder_with_named_indices() {
        // every base comes before its subclasses and subtrees are contiguous
        for (i, (_, base)) in BUILTIN_CLASSES.iter().enumerate() {
            if let Some(b) = base {
                assert!((*b as usize) < i);
                for j in (*b as usize + 1)..i {
                    assert!(is_subclass(j as u32, *b), "{} breaks {}'s subtree", j, b);
                }
            }
        }
        assert_eq!(by_name("ValueError"), Some(VALUE_ERROR));
        assert_eq!(by_name("UnboundLocalError"), Some(UNBOUND_LOCAL_ERROR));
        assert!(is_subclass(KEY_ERROR, LOOKUP_ERROR));
        assert!(!is_subclass(KEY_ERROR, INDEX_ERROR));
    }
}
