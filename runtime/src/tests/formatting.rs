//! str()/repr() of every kind of value.

use super::*;
use crate::*;

fn f(x: f64) -> String {
    text(rpy_float_to_str(x))
}

#[test]
fn float_repr_like_python() {
    let cases = [
        (0.1, "0.1"),
        (1e16, "1e+16"),
        (1e-5, "1e-05"),
        (2.5e-5, "2.5e-05"),
        (-0.0, "-0.0"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (f64::NAN, "nan"),
        (3.0, "3.0"),
        (1.5e300, "1.5e+300"),
        (1e15, "1000000000000000.0"),
        (0.0001, "0.0001"),
        (123456789.125, "123456789.125"),
        (0.1 + 0.2, "0.30000000000000004"),
        (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (-2.5, "-2.5"),
        // two shortest candidates equally close: the even one, as Python
        (1e15 + 0.25, "1000000000000000.2"),
        (1e15 + 0.75, "1000000000000000.8"),
        (-(1e15 + 0.25), "-1000000000000000.2"),
    ];
    for (x, want) in cases {
        assert_eq!(f(x), want, "repr({x:?})");
    }
}

#[test]
fn ints_bools_strs() {
    assert_eq!(text(rpy_int_to_str(0)), "0");
    assert_eq!(text(rpy_int_to_str(-42)), "-42");
    assert_eq!(text(rpy_int_to_str(i64::MIN)), "-9223372036854775808");
    assert_eq!(text(rpy_int_to_str(i64::MAX)), "9223372036854775807");
    assert_eq!(text(rpy_bool_to_str(true)), "True");
    assert_eq!(text(rpy_bool_to_str(false)), "False");
    unsafe {
        assert_eq!(text(rpy_str_repr(s("it's"))), "\"it's\"");
        assert_eq!(text(rpy_str_repr(s("a\n\t\\'\""))), "'a\\n\\t\\\\\\'\"'");
        assert_eq!(
            text(rpy_str_repr(rpy_str_from_bytes(&[0, 0x7f, 0xe9]))),
            "'\\x00\\x7f\\xe9'"
        );
        assert_eq!(text(rpy_str_repr(std::ptr::null_mut())), "None");
    }
    assert_eq!(text(rpy_str_str(std::ptr::null_mut())), "None");
}

#[test]
fn containers() {
    let _g = lock();
    unsafe {
        let l = rpy_newlist_from(&[1i64, -2, 3]);
        assert_eq!(text(rpy_list_repr(l)), "[1, -2, 3]");
        let e = rpy_newlist::<i64>(0);
        assert_eq!(text(rpy_list_repr(e)), "[]");
        let fl = rpy_newlist_from(&[0.5f64, -0.0]);
        assert_eq!(text(rpy_list_repr(fl)), "[0.5, -0.0]");
        let strs = rpy_newlist_from(&[s("a"), std::ptr::null_mut(), s("b'")]);
        assert_eq!(text(rpy_list_repr(strs)), "['a', None, \"b'\"]");
        let chars = rpy_newlist_from(b"x'");
        assert_eq!(text(rpy_list_repr(chars)), "['x', \"'\"]");
        let bools = rpy_newlist_from(&[true, false]);
        assert_eq!(text(rpy_list_repr(bools)), "[True, False]");
        let nested = rpy_newlist_from(&[l, e]);
        assert_eq!(text(rpy_list_repr(nested)), "[[1, -2, 3], []]");
        assert_eq!(text(rpy_list_repr::<i64>(std::ptr::null_mut())), "None");

        let d = rpy_dict_new::<i64, *mut RStr>();
        rpy_dict_setitem(d, 1, s("a"));
        rpy_dict_setitem(d, 2, s("b"));
        assert_eq!(text(rpy_dict_repr(d)), "{1: 'a', 2: 'b'}");
        assert_eq!(text(rpy_dict_repr(rpy_dict_new::<i64, i64>())), "{}");

        // a list of dicts: repr through the dict's own ops
        let dl = rpy_newlist_from(&[d]);
        assert_eq!(text(rpy_list_repr(dl)), "[{1: 'a', 2: 'b'}]");

        // tuples through their type descriptor
        let items = rpy_dict_items(d);
        assert_eq!(text(rpy_list_repr(items)), "[(1, 'a'), (2, 'b')]");
        let t = rpy_list_getitem(items, 0);
        assert_eq!(text(rpy_tuple_repr(t)), "(1, 'a')");
        no_exc();
    }
}

#[repr(C)]
struct One {
    hdr: GcHeader,
    f0: f64,
}

#[test]
fn one_tuple_and_instances() {
    let _g = lock();
    static FIELDS: [Field; 1] = [Field {
        offset: 8,
        kind: ValueKind::Float,
    }];
    let tid = rpy_register_type(TypeDesc::Tuple {
        size: 16,
        fields: &FIELDS,
    });
    unsafe {
        let t = rpy_alloc(16, tid) as *mut One;
        (*t).f0 = 2.5;
        assert_eq!(text(rpy_tuple_repr(t as *mut Object)), "(2.5,)");
        let u = rpy_alloc(16, tid) as *mut One;
        (*u).f0 = 2.5;
        assert!(rpy_tuple_eq(t as *mut Object, u as *mut Object));
        (*u).f0 = 3.0;
        assert!(!rpy_tuple_eq(t as *mut Object, u as *mut Object));

        let itid = rpy_register_type(TypeDesc::Instance {
            size: 16,
            ptr_offsets: &[],
        });
        let first_user = crate::exc::N_BUILTIN_CLASSES as u32;
        let shape = Box::leak(Box::new(VTable::new(
            (first_user, first_user),
            (itid, 16),
            "Shape",
            std::ptr::null(),
        )));
        let o = rpy_malloc_dynamic(shape);
        assert_eq!((*o).hdr.tid, itid);
        assert_eq!(text(rpy_instance_repr(o)), "<Shape object>");
        assert_eq!(text(rpy_instance_repr(std::ptr::null_mut())), "None");

        let e = rpy_exc_new_builtin(builtin_class::VALUE_ERROR, s("bad"));
        assert_eq!(text(rpy_instance_repr(e)), "ValueError('bad')");
        assert_eq!(text(rpy_exc_str(e)), "bad");
        let e = rpy_exc_new_builtin(builtin_class::KEY_ERROR, std::ptr::null_mut());
        assert_eq!(text(rpy_exc_str(e)), "");
        assert_eq!(text(rpy_instance_repr(e)), "KeyError()");
    }
}

#[test]
fn print_goes_to_the_buffer() {
    let _g = lock();
    rpy_io_take_buffer();
    unsafe {
        rpy_print_int(-7);
        rpy_print_char(b' ');
        rpy_print_float(0.5);
        rpy_print_char(b' ');
        rpy_print_bool(true);
        rpy_print_char(b' ');
        rpy_print_str(std::ptr::null_mut());
        rpy_print_char(b' ');
        rpy_io_write(s("x\n"));
    }
    assert_eq!(rpy_io_take_buffer(), b"-7 0.5 True None x\n");
}
