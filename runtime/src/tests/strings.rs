//! str methods, compared with what CPython answers.

use super::*;
use crate::*;

fn n() -> *mut RStr {
    std::ptr::null_mut()
}

unsafe fn split(t: &str, sep: *mut RStr, max: i64) -> String {
    text(rpy_list_repr(rpy_str_split(s(t), sep, max)))
}

#[test]
fn basics() {
    let _g = lock();
    unsafe {
        assert_eq!(text(rpy_str_concat(s("ab"), s("cd"))), "abcd");
        assert_eq!(text(rpy_str_repeat(s("ab"), 3)), "ababab");
        assert_eq!(text(rpy_str_repeat(s("ab"), -1)), "");
        assert!(rpy_str_eq(s("abc"), s("abc")));
        assert!(!rpy_str_eq(s("abc"), s("abd")));
        assert!(!rpy_str_eq(s("abc"), n()));
        assert!(rpy_str_eq(n(), n()));
        assert_eq!(rpy_str_cmp(s("a"), s("b")), -1);
        assert_eq!(rpy_str_cmp(s("b"), s("ab")), 1);
        assert_eq!(rpy_str_cmp(s("ab"), s("ab")), 0);
        assert_eq!(rpy_str_hash(s("hello")), rpy_str_hash(s("hello")));
        assert_ne!(rpy_str_hash(s("")), 0);
        assert!(rpy_str_is_true(s("x")));
        assert!(!rpy_str_is_true(s("")));
        assert!(!rpy_str_is_true(n()));
        assert_eq!(rpy_str_getitem(s("abc"), -1), b'c');
        no_exc();
        rpy_str_getitem(s("abc"), 3);
        raised("IndexError", "string index out of range");
        assert_eq!(text(rpy_str_slice(s("hello"), 1, -1)), "ell");
        assert_eq!(text(rpy_str_slice(s("hello"), -3, i64::MAX)), "llo");
        assert_eq!(text(rpy_str_slice(s("hello"), 4, 1)), "");
        assert!(rpy_str_contains(s("hello"), s("ell")));
        assert!(rpy_str_contains(s("hello"), s("")));
        assert!(rpy_str_contains_char(s("hello"), b'o'));
        assert_eq!(text(rpy_char_to_str(b'q')), "q");
        assert_eq!(rpy_str_ord(s("A")), 65);
        rpy_str_ord(s("AB"));
        raised(
            "TypeError",
            "ord() expected a character, but string of length 2 found",
        );
        assert_eq!(text(rpy_list_repr(rpy_str_to_list(s("ab")))), "['a', 'b']");
    }
}

#[test]
fn join_split_strip() {
    let _g = lock();
    unsafe {
        let l = rpy_newlist_from(&[s("a"), s("b"), s("c")]);
        assert_eq!(text(rpy_str_join(s(", "), l)), "a, b, c");
        assert_eq!(text(rpy_str_join(s(", "), rpy_newlist(0))), "");
        let c = rpy_newlist_from(b"xy");
        assert_eq!(text(rpy_str_join_chars(s("-"), c)), "x-y");
        assert_eq!(split("  a b  c ", n(), -1), "['a', 'b', 'c']");
        assert_eq!(split("  a b  c ", n(), 1), "['a', 'b  c ']");
        assert_eq!(split("   ", n(), -1), "[]");
        assert_eq!(split("a,b,,c", s(","), -1), "['a', 'b', '', 'c']");
        assert_eq!(split("a,b,,c", s(","), 2), "['a', 'b', ',c']");
        assert_eq!(split("", s(","), -1), "['']");
        assert_eq!(split("a--b", s("--"), -1), "['a', 'b']");
        rpy_str_split(s("a"), s(""), -1);
        raised("ValueError", "empty separator");
        assert_eq!(text(rpy_str_strip(s(" \t x y \n"), n())), "x y");
        assert_eq!(text(rpy_str_lstrip(s("  x "), n())), "x ");
        assert_eq!(text(rpy_str_rstrip(s("  x "), n())), "  x");
        assert_eq!(text(rpy_str_strip(s("xxhixy"), s("xy"))), "hi");
    }
}

#[test]
fn searching() {
    let _g = lock();
    unsafe {
        let h = s("hello world");
        assert_eq!(rpy_str_find(h, s("o"), 0, i64::MAX), 4);
        assert_eq!(rpy_str_find(h, s("o"), 5, i64::MAX), 7);
        assert_eq!(rpy_str_find(h, s("o"), -3, i64::MAX), -1);
        assert_eq!(rpy_str_find(h, s("z"), 0, i64::MAX), -1);
        assert_eq!(rpy_str_find(h, s(""), 11, i64::MAX), 11);
        assert_eq!(rpy_str_find(h, s(""), 12, i64::MAX), -1);
        assert_eq!(rpy_str_find(h, s("wor"), 0, 8), -1);
        assert_eq!(rpy_str_rfind(h, s("o"), 0, i64::MAX), 7);
        assert_eq!(rpy_str_rfind(h, s(""), 0, i64::MAX), 11);
        assert_eq!(rpy_str_index(h, s("w"), 0, i64::MAX), 6);
        no_exc();
        rpy_str_index(h, s("z"), 0, i64::MAX);
        raised("ValueError", "substring not found");
        rpy_str_rindex(h, s("z"), 0, i64::MAX);
        raised("ValueError", "substring not found");
        assert_eq!(rpy_str_count(s("aaaa"), s("aa")), 2);
        assert_eq!(rpy_str_count(s("abc"), s("")), 4);
        assert!(rpy_str_startswith(h, s("hell")));
        assert!(rpy_str_endswith(h, s("")));
        assert!(!rpy_str_endswith(h, s("x")));
    }
}

#[test]
fn predicates_and_case() {
    let _g = lock();
    unsafe {
        assert!(rpy_str_isdigit(s("0123")));
        assert!(!rpy_str_isdigit(s("")));
        assert!(!rpy_str_isdigit(s("1a")));
        assert!(rpy_str_isalpha(s("abC")));
        assert!(rpy_str_isalnum(s("a1")));
        assert!(rpy_str_isspace(s(" \t\n\x0b\x0c\r\x1c")));
        assert!(!rpy_str_isspace(s("")));
        assert!(rpy_str_isupper(s("AB1")));
        assert!(!rpy_str_isupper(s("1")));
        assert!(rpy_str_islower(s("ab1")));
        assert!(!rpy_str_islower(s("aB")));
        assert!(rpy_char_isdigit(b'7') && !rpy_char_isdigit(b'x'));
        assert!(rpy_char_isalpha(b'x') && rpy_char_isalnum(b'7'));
        assert!(rpy_char_isspace(b' ') && rpy_char_isupper(b'Q') && rpy_char_islower(b'q'));
        assert_eq!(text(rpy_str_upper(s("aBc1"))), "ABC1");
        assert_eq!(text(rpy_str_lower(s("aBc1"))), "abc1");
        assert_eq!(
            text(rpy_str_replace(s("a-b-c"), s("-"), s("+="))),
            "a+=b+=c"
        );
        assert_eq!(text(rpy_str_replace(s("ab"), s(""), s("."))), ".a.b.");
        assert_eq!(text(rpy_str_ljust(s("ab"), 4, s("*"))), "ab**");
        assert_eq!(text(rpy_str_rjust(s("ab"), 4, s(" "))), "  ab");
        assert_eq!(text(rpy_str_rjust(s("abcde"), 4, s(" "))), "abcde");
        rpy_str_ljust(s("a"), 3, s("ab"));
        raised(
            "TypeError",
            "The fill character must be exactly one character long",
        );
        assert_eq!(text(rpy_str_zfill(s("-42"), 5)), "-0042");
        assert_eq!(text(rpy_str_zfill(s("42"), 1)), "42");
    }
}
