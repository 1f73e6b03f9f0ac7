//! Lists: Python indexing, errors with CPython's messages, mutation.

use super::*;
use crate::*;

unsafe fn ints(l: *mut RList<i64>) -> Vec<i64> {
    list_items(l).to_vec()
}

#[test]
fn indexing_with_negative_indices_and_errors() {
    let _g = lock();
    unsafe {
        let l = rpy_newlist_from(&[10i64, 20, 30]);
        assert_eq!(rpy_list_getitem(l, 0), 10);
        assert_eq!(rpy_list_getitem(l, -1), 30);
        assert_eq!(rpy_list_getitem(l, -3), 10);
        no_exc();
        assert_eq!(rpy_list_getitem(l, 3), 0);
        raised("IndexError", "list index out of range");
        rpy_list_getitem(l, -4);
        raised("IndexError", "list index out of range");
        rpy_list_getitem_nonneg(l, -1);
        raised("IndexError", "list index out of range");
        rpy_list_setitem(l, -2, 21);
        assert_eq!(ints(l), [10, 21, 30]);
        rpy_list_setitem(l, 5, 0);
        raised("IndexError", "list assignment index out of range");
        assert_eq!(rpy_list_len(l), 3);
        assert_eq!(rpy_list_getitem_r(l, -1), Ok(30));
        assert_eq!(rpy_list_getitem_nonneg_r(l, 3), Err(Raised));
        raised("IndexError", "list index out of range");
        assert_eq!(rpy_list_setitem_r(l, -4, 0), Err(Raised));
        raised("IndexError", "list assignment index out of range");
        assert_eq!(rpy_list_setitem_nonneg_r(l, 0, 1), Ok(()));
        assert_eq!(rpy_list_getitem(l, 0), 1);
        assert_eq!(rpy_str_getitem_r(s("ab"), -2), Ok(b'a'));
        assert_eq!(rpy_str_getitem_r(s("ab"), 2), Err(Raised));
        raised("IndexError", "string index out of range");
    }
}

#[test]
fn append_pop_insert_delete() {
    let _g = lock();
    unsafe {
        let l = rpy_newlist::<i64>(0);
        for i in 0..100 {
            rpy_list_append(l, i);
        }
        assert_eq!(rpy_list_len(l), 100);
        assert_eq!(rpy_list_pop(l, -1), 99);
        assert_eq!(rpy_list_pop(l, 0), 0);
        assert_eq!(rpy_list_getitem(l, 0), 1);
        rpy_list_pop(l, 98);
        raised("IndexError", "pop index out of range");
        let e = rpy_newlist::<i64>(0);
        rpy_list_pop(e, -1);
        raised("IndexError", "pop from empty list");

        let l = rpy_newlist_from(&[1i64, 2, 3]);
        rpy_list_insert(l, 0, 0);
        rpy_list_insert(l, -1, 9);
        rpy_list_insert(l, 100, 4);
        rpy_list_insert(l, -100, -1);
        assert_eq!(ints(l), [-1, 0, 1, 2, 9, 3, 4]);
        rpy_list_delitem(l, -2);
        rpy_list_delitem(l, 0);
        assert_eq!(ints(l), [0, 1, 2, 9, 4]);
        rpy_list_delitem(l, 5);
        raised("IndexError", "list assignment index out of range");
        rpy_list_remove(l, 9);
        assert_eq!(ints(l), [0, 1, 2, 4]);
        rpy_list_remove(l, 9);
        raised("ValueError", "list.remove(x): x not in list");
        assert_eq!(rpy_list_index(l, 2), 2);
        rpy_list_index(l, 7);
        raised("ValueError", "7 is not in list");
        rpy_list_clear(l);
        assert_eq!(rpy_list_len(l), 0);
        assert!(!rpy_list_is_true(l));
        assert!(!rpy_list_is_true::<i64>(std::ptr::null_mut()));
        no_exc();
    }
}

#[test]
fn whole_list_operations() {
    let _g = lock();
    unsafe {
        let l = rpy_newlist_from(&[3i64, 1, 2]);
        rpy_list_extend(l, l);
        assert_eq!(ints(l), [3, 1, 2, 3, 1, 2]);
        assert_eq!(rpy_list_count(l, 3), 2);
        assert!(rpy_list_contains(l, 2));
        assert!(!rpy_list_contains(l, 5));
        rpy_list_sort(l);
        assert_eq!(ints(l), [1, 1, 2, 2, 3, 3]);
        rpy_list_reverse(l);
        assert_eq!(ints(l), [3, 3, 2, 2, 1, 1]);
        assert_eq!(ints(rpy_list_slice(l, 1, -1)), [3, 2, 2, 1]);
        assert_eq!(ints(rpy_list_slice(l, -2, i64::MAX)), [1, 1]);
        assert_eq!(ints(rpy_list_slice(l, 4, 2)), [] as [i64; 0]);
        let z = rpy_list_repeat(rpy_newlist_from(&[0i64]), 256);
        assert_eq!(rpy_list_len(z), 256);
        assert_eq!(
            ints(rpy_list_repeat(rpy_newlist_from(&[1i64, 2]), 2)),
            [1, 2, 1, 2]
        );
        assert_eq!(rpy_list_len(rpy_list_repeat(l, -1)), 0);
        let a = rpy_newlist_from(&[1i64]);
        rpy_list_inplace_repeat(a, 3);
        assert_eq!(ints(a), [1, 1, 1]);
        let c = rpy_list_concat(a, rpy_newlist_from(&[2i64]));
        assert_eq!(ints(c), [1, 1, 1, 2]);
        let d = rpy_list_copy(c);
        assert!(rpy_list_eq(c, d));
        rpy_list_setitem(d, 0, 5);
        assert!(!rpy_list_eq(c, d));
        assert_eq!(ints(rpy_range(0, 5, 1)), [0, 1, 2, 3, 4]);
        assert_eq!(ints(rpy_range(5, 0, -2)), [5, 3, 1]);
        assert_eq!(ints(rpy_range(0, 0, 1)), [] as [i64; 0]);
        rpy_range(0, 1, 0);
        raised("ValueError", "range() arg 3 must not be zero");
    }
}

#[test]
fn lists_of_strings_compare_by_value() {
    let _g = lock();
    unsafe {
        let l = rpy_newlist_from(&[s("b"), s("a"), s("c")]);
        assert!(rpy_list_contains(l, s("a")));
        assert_eq!(rpy_list_index(l, s("c")), 2);
        rpy_list_index(l, s("z"));
        raised("ValueError", "'z' is not in list");
        rpy_list_sort(l);
        assert_eq!(text(rpy_list_repr(l)), "['a', 'b', 'c']");
        let m = rpy_newlist_from(&[rpy_newlist_from(&[1i64]), rpy_newlist_from(&[2i64])]);
        assert!(rpy_list_contains(m, rpy_newlist_from(&[2i64])));
    }
}

#[test]
fn iterators() {
    let _g = lock();
    unsafe {
        let l = rpy_newlist_from(&[1i64, 2]);
        let it = rpy_list_iter(l);
        assert_eq!(rpy_list_iter_next(it), 1);
        rpy_list_append(l, 3);
        assert_eq!(rpy_list_iter_next(it), 2);
        assert_eq!(rpy_list_iter_next(it), 3);
        no_exc();
        rpy_list_iter_next(it);
        raised("StopIteration", "");
        let si = rpy_str_iter(s("ab"));
        assert_eq!(rpy_str_iter_next(si), b'a');
        assert_eq!(rpy_str_iter_next(si), b'b');
        no_exc();
        rpy_str_iter_next(si);
        raised("StopIteration", "");
    }
}
