//! The runtime helpers: every named function LL graphs call with
//! `direct_call(Helper name, args…)`, with its signature (generic over
//! container item types `T`, `K`, `V`: the backend instantiates one copy
//! per item type), effect and the builtin exceptions it may raise. This
//! table is the contract with the runtime crate and the JIT.
//!
//! Conventions: a `Ptr(Str)` argument documented "null = …" accepts null;
//! otherwise pointers are non-null. Indices follow Python (negative from
//! the end); slice bounds are clamped (`i64::MAX` stands for "to the end").

use super::ops::Effect;
use super::sig::{Pat, Sig};
use rpy_front::program::builtin_class as bc;
use rpy_front::program::ClassId;

pub struct HelperInfo {
    pub helper: Helper,
    pub name: &'static str,
    pub sig: Sig,
    pub effect: Effect,
    pub raises: &'static [ClassId],
    pub doc: &'static str,
    /// The runtime also has `<name>_r`, returning the exception as an
    /// `RResult` (genrust calls it where the raise can be tested inline);
    /// marked `[r]` after the name in the table.
    pub result_form: bool,
}

macro_rules! helper_table {
    (@form) => { false };
    (@form r) => { true };
    ($( $name:ident $([$form:ident])? ( $($p:expr),* ) -> $r:expr, $effect:ident, $raises:expr, $doc:literal; )*) => {
        /// A runtime helper, by the name of its Rust function.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Helper { $($name),* }

        /// Every runtime helper, grouped by what it works on (in the
        /// order of `Helper`).
        pub static HELPERS: &[HelperInfo] = &[
            $(HelperInfo {
                helper: Helper::$name,
                name: stringify!($name),
                sig: Sig { params: &[$($p),*], rest: None, result: $r },
                effect: Effect::$effect,
                raises: $raises,
                doc: $doc,
                result_form: helper_table!(@form $($form)?),
            }),*
        ];
    };
}

use Pat::{Bool as B, Char as C, Float as F, Signed as S, Str, Unsigned as U, Void, K, T, V};

const NONE: &[ClassId] = &[];
const VALUE: &[ClassId] = &[bc::VALUE_ERROR];
const INDEX: &[ClassId] = &[bc::INDEX_ERROR];
const KEY: &[ClassId] = &[bc::KEY_ERROR];
const TYPE: &[ClassId] = &[bc::TYPE_ERROR];
const STOP: &[ClassId] = &[bc::STOP_ITERATION];
const OS: &[ClassId] = &[bc::OS_ERROR];
const LT: Pat = Pat::List(&T);
const D: Pat = Pat::Dict(&K, &V);
const I: Pat = Pat::AnyInstance;

helper_table! {
    // str
    rpy_str_concat (Str, Str) -> Str, Allocates, NONE, "a + b";
    rpy_str_repeat (Str, S) -> Str, Allocates, NONE, "s * n (n <= 0 gives '')";
    rpy_str_eq (Str, Str) -> B, Pure, NONE, "a == b (null = None: equal only to null)";
    rpy_str_cmp (Str, Str) -> S, Pure, NONE, "-1, 0 or 1 (bytewise)";
    rpy_str_min (Str, Str) -> Str, Pure, NONE, "min(a, b): a unless b < a";
    rpy_str_max (Str, Str) -> Str, Pure, NONE, "max(a, b): a unless b > a";
    rpy_str_hash (Str) -> S, Pure, NONE, "hash(s)";
    rpy_str_is_true (Str) -> B, Pure, NONE, "bool(s) (null = None: false)";
    rpy_str_slice (Str, S, S) -> Str, Allocates, NONE, "s[lo:hi]";
    rpy_str_contains (Str, Str) -> B, Pure, NONE, "sub in s";
    rpy_str_contains_char (Str, C) -> B, Pure, NONE, "c in s";
    rpy_char_to_str (C) -> Str, Allocates, NONE, "a one-character str";
    rpy_str_join (Str, Pat::List(&Str)) -> Str, Allocates, NONE, "sep.join(items)";
    rpy_str_join_chars (Str, Pat::List(&C)) -> Str, Allocates, NONE, "sep.join(chars)";
    rpy_str_split (Str, Str, S) -> Pat::List(&Str), Allocates, VALUE, "s.split(sep, maxsplit) (sep null = whitespace; maxsplit -1 = all)";
    rpy_str_splitlines (Str) -> Pat::List(&Str), Allocates, NONE, "s.splitlines()";
    rpy_str_strip (Str, Str) -> Str, Allocates, NONE, "s.strip(chars) (chars null = whitespace)";
    rpy_str_lstrip (Str, Str) -> Str, Allocates, NONE, "s.lstrip(chars) (chars null = whitespace)";
    rpy_str_rstrip (Str, Str) -> Str, Allocates, NONE, "s.rstrip(chars) (chars null = whitespace)";
    rpy_str_startswith (Str, Str) -> B, Pure, NONE, "s.startswith(prefix)";
    rpy_str_endswith (Str, Str) -> B, Pure, NONE, "s.endswith(suffix)";
    rpy_str_find (Str, Str, S, S) -> S, Pure, NONE, "s.find(sub, start, end)";
    rpy_str_rfind (Str, Str, S, S) -> S, Pure, NONE, "s.rfind(sub, start, end)";
    rpy_str_index (Str, Str, S, S) -> S, Pure, VALUE, "s.index(sub, start, end)";
    rpy_str_rindex (Str, Str, S, S) -> S, Pure, VALUE, "s.rindex(sub, start, end)";
    rpy_str_count (Str, Str) -> S, Pure, NONE, "s.count(sub)";
    rpy_str_isdigit (Str) -> B, Pure, NONE, "s.isdigit()";
    rpy_str_isalpha (Str) -> B, Pure, NONE, "s.isalpha()";
    rpy_str_isalnum (Str) -> B, Pure, NONE, "s.isalnum()";
    rpy_str_isspace (Str) -> B, Pure, NONE, "s.isspace()";
    rpy_str_isupper (Str) -> B, Pure, NONE, "s.isupper()";
    rpy_str_islower (Str) -> B, Pure, NONE, "s.islower()";
    rpy_char_isdigit (C) -> B, Pure, NONE, "c.isdigit()";
    rpy_char_isalpha (C) -> B, Pure, NONE, "c.isalpha()";
    rpy_char_isalnum (C) -> B, Pure, NONE, "c.isalnum()";
    rpy_char_isspace (C) -> B, Pure, NONE, "c.isspace()";
    rpy_char_isupper (C) -> B, Pure, NONE, "c.isupper()";
    rpy_char_islower (C) -> B, Pure, NONE, "c.islower()";
    rpy_str_upper (Str) -> Str, Allocates, NONE, "s.upper()";
    rpy_str_lower (Str) -> Str, Allocates, NONE, "s.lower()";
    rpy_str_replace (Str, Str, Str) -> Str, Allocates, NONE, "s.replace(old, new)";
    rpy_str_ljust (Str, S, Str) -> Str, Allocates, TYPE, "s.ljust(width, fill)";
    rpy_str_rjust (Str, S, Str) -> Str, Allocates, TYPE, "s.rjust(width, fill)";
    rpy_str_zfill (Str, S) -> Str, Allocates, NONE, "s.zfill(width)";
    rpy_str_ord (Str) -> S, Pure, TYPE, "ord(s): TypeError unless len(s) == 1";
    rpy_str_to_int (Str) -> S, Pure, VALUE, "int(s)";
    rpy_str_to_int_base (Str, S) -> S, Pure, VALUE, "int(s, base)";
    rpy_str_to_float (Str) -> F, Pure, VALUE, "float(s)";
    rpy_str_to_list (Str) -> Pat::List(&C), Allocates, NONE, "list(s)";
    rpy_str_iter (Str) -> Pat::Iter(&Str), Allocates, NONE, "iter(s)";
    rpy_str_iter_next (Pat::Iter(&Str)) -> C, WritesHeap, STOP, "next(it)";
    // str() and repr() of every type (as Python prints them)
    rpy_int_to_str (S) -> Str, Allocates, NONE, "str(i)";
    rpy_uint_to_str (U) -> Str, Allocates, NONE, "str(u) of an r_uint (unsigned decimal)";
    rpy_float_to_str (F) -> Str, Allocates, NONE, "str(f): shortest repr";
    rpy_bool_to_str (B) -> Str, Pure, NONE, "'True' or 'False'";
    rpy_str_str (Str) -> Str, Pure, NONE, "str(s) (null = None: 'None')";
    rpy_str_repr (Str) -> Str, Allocates, NONE, "repr(s) (null = None: 'None')";
    rpy_list_repr (LT) -> Str, ReadsHeap, NONE, "repr(xs) (null: 'None')";
    rpy_tuple_repr (Pat::AnyTuple) -> Str, ReadsHeap, NONE, "repr(t) (null: 'None')";
    rpy_dict_repr (D) -> Str, ReadsHeap, NONE, "repr(d) (null: 'None')";
    rpy_instance_repr (I) -> Str, Pure, NONE, "'<C object>' (null: 'None')";
    rpy_exc_str (I) -> Str, ReadsHeap, NONE, "str(e) of an exception: its message ('' without)";
    // `%` formatting, one conversion: the spec is its text ('%-5.2f')
    rpy_format_int (Str, S) -> Str, Allocates, &[bc::OVERFLOW_ERROR, bc::VALUE_ERROR], "spec % i for %d %i %u %x %X %o %c (OverflowError: %c out of range)";
    rpy_format_float (Str, F) -> Str, Allocates, &[bc::OVERFLOW_ERROR, bc::VALUE_ERROR], "spec % f for %f %F %e %E %g %G, and %d %i %u truncating (ValueError/OverflowError: of nan/inf)";
    rpy_format_text (Str, Str) -> Str, Allocates, &[bc::TYPE_ERROR, bc::VALUE_ERROR], "spec % text for %s %r (text is str(x) / repr(x)) and %c of a str (TypeError unless one character)";
    // numbers
    rpy_int_pow (S, S) -> S, Pure, VALUE, "a ** b (wrapping; negative b raises)";
    rpy_float_pow (F, F) -> F, Pure, &[bc::ZERO_DIVISION_ERROR, bc::VALUE_ERROR], "a ** b";
    rpy_int_min (S, S) -> S, Pure, NONE, "min(a, b)";
    rpy_int_max (S, S) -> S, Pure, NONE, "max(a, b)";
    rpy_float_min (F, F) -> F, Pure, NONE, "min(a, b)";
    rpy_float_max (F, F) -> F, Pure, NONE, "max(a, b)";
    rpy_int_hash (S) -> S, Pure, NONE, "hash(i) (as CPython: -1 hashes to -2)";
    rpy_float_hash (F) -> S, Pure, NONE, "hash(f)";
    rpy_instance_hash (I) -> S, Pure, NONE, "hash(obj): identity";
    // lists
    rpy_list_append (LT, T) -> Void, WritesHeap, NONE, "xs.append(x)";
    rpy_list_pop (LT, S) -> T, WritesHeap, INDEX, "xs.pop(i)";
    rpy_list_insert (LT, S, T) -> Void, WritesHeap, NONE, "xs.insert(i, x)";
    rpy_list_extend (LT, LT) -> Void, WritesHeap, NONE, "xs.extend(ys) / xs += ys";
    rpy_list_index (LT, T) -> S, ReadsHeap, VALUE, "xs.index(x)";
    rpy_list_reverse (LT) -> Void, WritesHeap, NONE, "xs.reverse()";
    rpy_list_slice (LT, S, S) -> LT, Allocates, NONE, "xs[lo:hi]";
    rpy_list_concat (LT, LT) -> LT, Allocates, NONE, "xs + ys";
    rpy_list_repeat (LT, S) -> LT, Allocates, NONE, "xs * n";
    rpy_list_inplace_repeat (LT, S) -> Void, WritesHeap, NONE, "xs *= n";
    rpy_list_copy (LT) -> LT, Allocates, NONE, "list(xs) / xs.copy()";
    rpy_list_contains (LT, T) -> B, ReadsHeap, NONE, "x in xs";
    rpy_chars_contains_str (Pat::List(&C), Str) -> B, ReadsHeap, NONE, "s in xs, xs a list of chars (false unless len(s) == 1)";
    rpy_list_remove (LT, T) -> Void, WritesHeap, VALUE, "xs.remove(x)";
    rpy_list_count (LT, T) -> S, ReadsHeap, NONE, "xs.count(x)";
    rpy_list_sort (LT) -> Void, WritesHeap, NONE, "xs.sort()";
    rpy_list_clear (LT) -> Void, WritesHeap, NONE, "xs.clear()";
    rpy_list_delitem (LT, S) -> Void, WritesHeap, INDEX, "del xs[i]";
    rpy_list_delslice (LT, S, S) -> Void, WritesHeap, NONE, "del xs[lo:hi]";
    rpy_list_is_true (LT) -> B, ReadsHeap, NONE, "bool(xs) (null = None: false)";
    rpy_list_eq (LT, LT) -> B, ReadsHeap, NONE, "xs == ys (item by item)";
    rpy_list_iter (LT) -> Pat::Iter(&LT), Allocates, NONE, "iter(xs)";
    rpy_list_iter_next (Pat::Iter(&LT)) -> T, WritesHeap, STOP, "next(it)";
    rpy_range (S, S, S) -> Pat::List(&S), Allocates, VALUE, "list(range(start, stop, step))";
    // tuples
    rpy_tuple_eq (Pat::AnyTuple, Pat::AnyTuple) -> B, Pure, NONE, "a == b (item by item)";
    // dicts
    rpy_dict_new () -> D, Allocates, NONE, "{}";
    rpy_dict_getitem [r] (D, K) -> V, ReadsHeap, KEY, "d[k]";
    rpy_dict_setitem (D, K, V) -> Void, WritesHeap, NONE, "d[k] = v";
    rpy_dict_delitem (D, K) -> Void, WritesHeap, KEY, "del d[k]";
    rpy_dict_contains (D, K) -> B, ReadsHeap, NONE, "k in d";
    rpy_dict_get (D, K, V) -> V, ReadsHeap, NONE, "d.get(k, default)";
    rpy_dict_len (D) -> S, ReadsHeap, NONE, "len(d)";
    rpy_dict_is_true (D) -> B, ReadsHeap, NONE, "bool(d) (null = None: false)";
    rpy_dict_keys (D) -> Pat::List(&K), Allocates, NONE, "list(d.keys())";
    rpy_dict_values (D) -> Pat::List(&V), Allocates, NONE, "list(d.values())";
    rpy_dict_items (D) -> Pat::List(&Pat::Pair(&K, &V)), Allocates, NONE, "list(d.items())";
    rpy_dict_pop (D, K) -> V, WritesHeap, KEY, "d.pop(k)";
    rpy_dict_pop_default (D, K, V) -> V, WritesHeap, NONE, "d.pop(k, default)";
    rpy_dict_clear (D) -> Void, WritesHeap, NONE, "d.clear()";
    rpy_dict_copy (D) -> D, Allocates, NONE, "d.copy()";
    rpy_dict_setdefault (D, K, V) -> V, WritesHeap, NONE, "d.setdefault(k, v)";
    rpy_dict_update (D, D) -> Void, WritesHeap, NONE, "d.update(other)";
    rpy_dict_iter (D) -> Pat::Iter(&D), Allocates, NONE, "iter(d): the keys in insertion order";
    rpy_dict_iter_next (Pat::Iter(&D)) -> K, WritesHeap, &[bc::STOP_ITERATION, bc::RUNTIME_ERROR], "next(it) (RuntimeError if d changed size)";
    // print (buffered stdout, flushed at exit) and rpy.io
    rpy_print_str (Str) -> Void, WritesHeap, NONE, "write s to stdout (null = None: 'None')";
    rpy_print_int (S) -> Void, WritesHeap, NONE, "write str(i) to stdout";
    rpy_print_float (F) -> Void, WritesHeap, NONE, "write str(f) to stdout";
    rpy_print_bool (B) -> Void, WritesHeap, NONE, "write 'True'/'False' to stdout";
    rpy_print_char (C) -> Void, WritesHeap, NONE, "write one byte to stdout";
    rpy_io_write (Str) -> Void, WritesHeap, NONE, "rpy.io.write(s)";
    rpy_io_write_err (Str) -> Void, WritesHeap, NONE, "rpy.io.write_err(s) (flushes stdout first)";
    rpy_io_read_file (Str) -> Str, WritesHeap, OS, "rpy.io.read_file(path)";
    rpy_io_read_stdin (S) -> Str, WritesHeap, NONE, "rpy.io.read_stdin(n): '' at end of input";
    rpy_io_flush () -> Void, WritesHeap, NONE, "rpy.io.flush()";
    // os and time (RPython's I/O on file descriptors)
    rpy_os_write (S, Str) -> S, WritesHeap, OS, "os.write(fd, s): fds 1 and 2 through the stdout buffer";
    rpy_os_read (S, S) -> Str, WritesHeap, OS, "os.read(fd, n) (fd 0 flushes stdout first)";
    rpy_os_open (Str, S, S) -> S, WritesHeap, OS, "os.open(path, flags, mode)";
    rpy_os_close (S) -> Void, WritesHeap, OS, "os.close(fd)";
    rpy_os_lseek (S, S, S) -> S, WritesHeap, OS, "os.lseek(fd, pos, how)";
    rpy_time_time () -> F, ReadsHeap, NONE, "time.time()";
}

impl std::fmt::Display for Helper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Helper {
    /// Its row of the table.
    pub fn info(self) -> &'static HelperInfo {
        &HELPERS[self as usize]
    }

    /// The name of its Rust function.
    pub fn name(self) -> &'static str {
        self.info().name
    }
}

/// The helper named `name`.
pub fn helper(name: &str) -> Option<&'static HelperInfo> {
    HELPERS.iter().find(|h| h.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ll::ListKind;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_and_prefixed() {
        let mut seen = HashSet::new();
        for (i, h) in HELPERS.iter().enumerate() {
            assert_eq!(h.helper as usize, i, "{} is out of order", h.name);
            assert!(seen.insert(h.name), "{} twice", h.name);
            assert!(h.name.starts_with("rpy_"), "{}", h.name);
        }
    }

    #[test]
    fn generic_helpers_check_their_arguments() {
        use super::super::types::LLType;
        let append = helper("rpy_list_append").unwrap();
        let l = LLType::list(LLType::Signed, ListKind::Resizable);
        assert!(append
            .sig
            .check(&[l.clone(), LLType::Signed], &LLType::Void)
            .is_ok());
        assert!(append
            .sig
            .check(&[l, LLType::Float], &LLType::Void)
            .is_err());
        assert!(helper("rpy_no_such").is_none());
    }
}
