//! Dicts: insertion order, KeyError messages, keys by value or identity.

use super::*;
use crate::*;

#[test]
fn insertion_order_and_updates() {
    let _g = lock();
    unsafe {
        let d = rpy_dict_new::<*mut RStr, i64>();
        for (i, k) in ["z", "a", "m", "b"].iter().enumerate() {
            rpy_dict_setitem(d, s(k), i as i64);
        }
        rpy_dict_setitem(d, s("a"), 10);
        assert_eq!(text(rpy_dict_repr(d)), "{'z': 0, 'a': 10, 'm': 2, 'b': 3}");
        rpy_dict_delitem(d, s("z"));
        rpy_dict_setitem(d, s("z"), 5);
        assert_eq!(
            text(rpy_list_repr(rpy_dict_keys(d))),
            "['a', 'm', 'b', 'z']"
        );
        assert_eq!(text(rpy_list_repr(rpy_dict_values(d))), "[10, 2, 3, 5]");
        assert_eq!(rpy_dict_len(d), 4);
        assert_eq!(rpy_dict_getitem(d, s("m")), 2);
        assert!(rpy_dict_contains(d, s("b")));
        assert!(!rpy_dict_contains(d, s("q")));
        assert_eq!(rpy_dict_get(d, s("q"), -1), -1);
        assert_eq!(rpy_dict_setdefault(d, s("q"), 7), 7);
        assert_eq!(rpy_dict_setdefault(d, s("q"), 8), 7);
        assert_eq!(rpy_dict_pop(d, s("q")), 7);
        assert_eq!(rpy_dict_pop_default(d, s("q"), 0), 0);
        no_exc();
        rpy_dict_getitem(d, s("nope"));
        raised("KeyError", "'nope'");
        rpy_dict_delitem(d, s("nope"));
        raised("KeyError", "'nope'");
        rpy_dict_pop(d, s("nope"));
        raised("KeyError", "'nope'");
        let c = rpy_dict_copy(d);
        rpy_dict_clear(d);
        assert!(!rpy_dict_is_true(d));
        assert_eq!(rpy_dict_len(c), 4);
        rpy_dict_update(d, c);
        assert_eq!(text(rpy_dict_repr(d)), "{'a': 10, 'm': 2, 'b': 3, 'z': 5}");
        assert!(!rpy_dict_is_true::<i64, i64>(std::ptr::null_mut()));
    }
}

#[test]
fn int_keys_and_iteration() {
    let _g = lock();
    unsafe {
        let d = rpy_dict_new::<i64, f64>();
        for i in (0..1000).rev() {
            rpy_dict_setitem(d, i, i as f64 / 2.0);
        }
        assert_eq!(rpy_dict_getitem(d, 999), 499.5);
        rpy_dict_getitem(d, -1);
        raised("KeyError", "-1");
        assert_eq!(rpy_dict_getitem_r(d, 1), Ok(0.5));
        assert_eq!(rpy_dict_getitem_r(d, 1000), Err(Raised));
        raised("KeyError", "1000");
        let it = rpy_dict_iter(d);
        assert_eq!(rpy_dict_iter_next(it), 999);
        assert_eq!(rpy_dict_iter_next(it), 998);
        rpy_dict_setitem(d, 5000, 0.0);
        rpy_dict_iter_next(it);
        raised("RuntimeError", "dictionary changed size during iteration");
        let small = rpy_dict_new::<i64, i64>();
        rpy_dict_setitem(small, 1, 1);
        let it = rpy_dict_iter(small);
        assert_eq!(rpy_dict_iter_next(it), 1);
        rpy_dict_iter_next(it);
        raised("StopIteration", "");
    }
}

#[test]
fn instance_keys_by_identity() {
    let _g = lock();
    unsafe {
        let a = rpy_exc_new_builtin(builtin_class::VALUE_ERROR, s("x"));
        let b = rpy_exc_new_builtin(builtin_class::VALUE_ERROR, s("x"));
        let d = rpy_dict_new::<*mut Object, i64>();
        rpy_dict_setitem(d, a, 1);
        rpy_dict_setitem(d, b, 2);
        assert_eq!(rpy_dict_len(d), 2);
        assert_eq!(rpy_dict_getitem(d, a), 1);
        assert_eq!(rpy_dict_getitem(d, b), 2);
        // items are pairs
        let items = rpy_dict_items(d);
        let p = rpy_list_getitem(items, 1) as *mut RPair<*mut Object, i64>;
        assert_eq!((*p).a, b);
        assert_eq!((*p).b, 2);
        no_exc();
    }
}
