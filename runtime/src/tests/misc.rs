//! Numbers, exceptions and the class numbering, I/O errors, hashes.

use super::*;
use crate::*;

#[test]
fn python_division_and_modulo() {
    let _g = lock();
    for (x, y, q, r) in [
        (7, 2, 3, 1),
        (-7, 2, -4, 1),
        (7, -2, -4, -1),
        (-7, -2, 3, -1),
        (6, 3, 2, 0),
    ] {
        assert_eq!(rpy_int_floordiv(x, y), q, "{x} // {y}");
        assert_eq!(rpy_int_mod(x, y), r, "{x} % {y}");
    }
    assert_eq!(rpy_int_floordiv(i64::MIN, -1), i64::MIN);
    assert_eq!(rpy_int_mod(i64::MIN, -1), 0);
    no_exc();
    rpy_int_floordiv(1, 0);
    raised("ZeroDivisionError", "integer division or modulo by zero");
    rpy_int_mod(1, 0);
    raised("ZeroDivisionError", "integer modulo by zero");
    assert_eq!(rpy_float_floordiv(-7.0, 2.0), -4.0);
    assert_eq!(rpy_float_mod(-7.0, 2.0), 1.0);
    assert_eq!(rpy_float_mod(7.0, -2.0), -1.0);
    assert_eq!(rpy_float_truediv(1.0, 4.0), 0.25);
    no_exc();
    rpy_float_truediv(1.0, 0.0);
    raised("ZeroDivisionError", "float division by zero");
    rpy_float_floordiv(1.0, 0.0);
    raised("ZeroDivisionError", "float floor division by zero");
    rpy_float_mod(1.0, 0.0);
    raised("ZeroDivisionError", "float modulo");
    assert_eq!(rpy_int_floordiv_r(-7, 2), Ok(-4));
    assert_eq!(rpy_int_mod_r(1, 0), Err(Raised));
    raised("ZeroDivisionError", "integer modulo by zero");
    assert_eq!(rpy_cast_int_to_char_r(-1), Err(Raised));
    raised("ValueError", "chr() arg not in range(256)");
}

#[test]
fn shifts_pow_chr_minmax() {
    let _g = lock();
    assert_eq!(rpy_int_lshift(1, 3), 8);
    assert_eq!(rpy_int_lshift(1, 64), 0);
    assert_eq!(rpy_int_rshift(-16, 2), -4);
    assert_eq!(rpy_int_rshift(-1, 100), -1);
    no_exc();
    rpy_int_lshift(1, -1);
    raised("ValueError", "negative shift count");
    rpy_int_rshift(1, -1);
    raised("ValueError", "negative shift count");
    assert_eq!(rpy_int_pow(3, 4), 81);
    assert_eq!(rpy_int_pow(2, 64), 0);
    assert_eq!(rpy_int_pow(0, 0), 1);
    rpy_int_pow(2, -1);
    assert_eq!(exc().unwrap().0, "ValueError");
    assert_eq!(rpy_float_pow(2.0, 0.5), 2f64.sqrt());
    rpy_float_pow(0.0, -1.0);
    raised(
        "ZeroDivisionError",
        "0.0 cannot be raised to a negative power",
    );
    rpy_float_pow(-8.0, 0.5);
    assert_eq!(exc().unwrap().0, "ValueError");
    assert_eq!(rpy_float_pow(-2.0, 3.0), -8.0);
    assert_eq!(rpy_cast_int_to_char(65), b'A');
    no_exc();
    rpy_cast_int_to_char(256);
    raised("ValueError", "chr() arg not in range(256)");
    assert_eq!(rpy_cast_float_to_int(-2.7), -2);
    assert_eq!(rpy_cast_float_to_int(-9.3e18), i64::MIN);
    rpy_cast_float_to_int(f64::NAN);
    raised("ValueError", "cannot convert float NaN to integer");
    rpy_cast_float_to_int(f64::NEG_INFINITY);
    raised("OverflowError", "cannot convert float infinity to integer");
    assert_eq!((rpy_int_min(3, -1), rpy_int_max(3, -1)), (-1, 3));
    assert_eq!(
        (rpy_float_min(0.5, 1.5), rpy_float_max(0.5, 1.5)),
        (0.5, 1.5)
    );
}

#[test]
fn hashes_like_cpython() {
    assert_eq!(rpy_int_hash(5), 5);
    assert_eq!(rpy_int_hash(-1), -2);
    assert_eq!(rpy_int_hash(1 << 62), 2);
    assert_eq!(rpy_int_hash(-(1 << 62)), -2);
    assert_eq!(rpy_float_hash(3.0), 3);
    assert_eq!(rpy_float_hash(-1.0), -2);
    assert_eq!(rpy_float_hash(0.5), 1152921504606846976);
    assert_eq!(rpy_float_hash(1.5), 1152921504606846977);
    assert_eq!(rpy_float_hash(f64::INFINITY), 314159);
    assert_eq!(rpy_float_hash(-2.5), -1152921504606846978);
    assert_eq!(rpy_float_hash(1e300), 1224995262755759164);
    assert_eq!(rpy_float_hash(1e-300), 482449582752280463);
    assert_eq!(rpy_float_hash(123.456), 1051464412201451643);
}

#[test]
fn builtin_class_numbering_is_preorder() {
    let vt = |c| unsafe { &*rpy_builtin_vtable(c) };
    use builtin_class as bc;
    let index = vt(bc::INDEX_ERROR);
    assert_eq!(index.name(), b"IndexError");
    assert!(index.is_subclass_of(vt(bc::LOOKUP_ERROR)));
    assert!(index.is_subclass_of(vt(bc::EXCEPTION)));
    assert!(index.is_subclass_of(vt(bc::OBJECT)));
    assert!(!index.is_subclass_of(vt(bc::KEY_ERROR)));
    assert!(!vt(bc::LOOKUP_ERROR).is_subclass_of(index));
    assert!(vt(bc::UNBOUND_LOCAL_ERROR).is_subclass_of(vt(bc::NAME_ERROR)));
    assert!(vt(bc::NOT_IMPLEMENTED_ERROR).is_subclass_of(vt(bc::RUNTIME_ERROR)));
    assert!(vt(bc::ZERO_DIVISION_ERROR).is_subclass_of(vt(bc::ARITHMETIC_ERROR)));
    assert_eq!(vt(bc::OBJECT).subclass_max, bc::IMPORT_ERROR);
    assert!(vt(bc::IMPORT_ERROR).is_subclass_of(vt(bc::EXCEPTION)));
    assert_eq!(vt(bc::LOOKUP_ERROR).subclass_max, bc::KEY_ERROR);
    assert!(std::ptr::eq(index.base, vt(bc::LOOKUP_ERROR)));
    assert!(vt(bc::OBJECT).base.is_null());
}

#[test]
fn raising_and_reporting() {
    let _g = lock();
    assert!(!rpy_exc_occurred());
    rpy_raise_builtin(builtin_class::INDEX_ERROR, b"list index out of range");
    assert!(rpy_exc_occurred());
    let e = rpy_exc_take();
    assert!(!rpy_exc_occurred());
    unsafe {
        assert!(rpy_instanceof_builtin(e, builtin_class::LOOKUP_ERROR));
        assert!(!rpy_instanceof_builtin(e, builtin_class::KEY_ERROR));
        assert!(!rpy_instanceof_builtin(
            std::ptr::null_mut(),
            builtin_class::OBJECT
        ));
        assert_eq!(exc_report(e), b"IndexError: list index out of range");
        rpy_raise(e);
        assert_eq!(rpy_exc_peek(), e);
        rpy_exc_take();
        let bare = rpy_exc_new_builtin(builtin_class::ASSERTION_ERROR, std::ptr::null_mut());
        assert_eq!(exc_report(bare), b"AssertionError");
        let dynamic = rpy_malloc_dynamic(rpy_builtin_vtable(builtin_class::KEY_ERROR));
        assert!(rpy_instanceof_builtin(dynamic, builtin_class::LOOKUP_ERROR));
        assert_eq!((*dynamic).hdr.tid, TID_EXCEPTION);
        assert_eq!(exc_report(dynamic), b"KeyError");
    }
}

#[test]
fn read_file_errors_like_cpython() {
    let _g = lock();
    unsafe {
        rpy_io_read_file(s("/no/such/file"));
        raised(
            "OSError",
            "[Errno 2] No such file or directory: '/no/such/file'",
        );
        let path = std::env::temp_dir().join(format!("rpy-runtime-{}", std::process::id()));
        std::fs::write(&path, b"data\n").unwrap();
        let got = rpy_io_read_file(s(path.to_str().unwrap()));
        no_exc();
        assert_eq!(text(got), "data\n");
        let _ = std::fs::remove_file(path);
    }
}

#[test]
fn stack_check_passes_on_a_normal_stack() {
    let _g = lock();
    assert!(!rpy_stack_check());
    no_exc();
}
