//! The builtin methods of str, list and dict: one table, read by the
//! annotator (which methods exist, how many arguments, which must be
//! strs, the result), the rtyper (the runtime helper and the defaults it
//! passes) and the untranslated interpreter (dispatch by name).

/// A builtin method, by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Join,
    Split,
    Splitlines,
    Strip,
    Lstrip,
    Rstrip,
    Startswith,
    Endswith,
    Find,
    Rfind,
    Index,
    Rindex,
    Count,
    Isdigit,
    Isalpha,
    Isalnum,
    Isspace,
    Isupper,
    Islower,
    Upper,
    Lower,
    Replace,
    Ljust,
    Rjust,
    Zfill,
    Append,
    Pop,
    Insert,
    Extend,
    Reverse,
    Remove,
    Sort,
    Clear,
    Get,
    Keys,
    Values,
    Items,
}

/// Every method with its Python name.
const NAMES: &[(Method, &str)] = {
    use Method::*;
    &[
        (Join, "join"),
        (Split, "split"),
        (Splitlines, "splitlines"),
        (Strip, "strip"),
        (Lstrip, "lstrip"),
        (Rstrip, "rstrip"),
        (Startswith, "startswith"),
        (Endswith, "endswith"),
        (Find, "find"),
        (Rfind, "rfind"),
        (Index, "index"),
        (Rindex, "rindex"),
        (Count, "count"),
        (Isdigit, "isdigit"),
        (Isalpha, "isalpha"),
        (Isalnum, "isalnum"),
        (Isspace, "isspace"),
        (Isupper, "isupper"),
        (Islower, "islower"),
        (Upper, "upper"),
        (Lower, "lower"),
        (Replace, "replace"),
        (Ljust, "ljust"),
        (Rjust, "rjust"),
        (Zfill, "zfill"),
        (Append, "append"),
        (Pop, "pop"),
        (Insert, "insert"),
        (Extend, "extend"),
        (Reverse, "reverse"),
        (Remove, "remove"),
        (Sort, "sort"),
        (Clear, "clear"),
        (Get, "get"),
        (Keys, "keys"),
        (Values, "values"),
        (Items, "items"),
    ]
};

impl Method {
    pub fn from_name(name: &str) -> Option<Method> {
        NAMES.iter().find(|(_, n)| *n == name).map(|(m, _)| *m)
    }

    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|(m, _)| *m == self)
            .map_or("?", |(_, n)| n)
    }
}

/// What a row applies to. A one-character str is a `Char` to the rtyper
/// (its own LL type) and a `Str` to everyone else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recv {
    Char,
    Str,
    List,
    Dict,
}

/// A default argument the rtyper passes for an omitted one.
#[derive(Clone, Copy, Debug)]
pub enum Dflt {
    None,
    Int(i64),
    Str(&'static str),
}

/// What an argument must be (checked by the annotator).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg {
    Str,
    Int,
    /// Checked by the method's own rule (list items, dict keys, …).
    Any,
}

/// The result's annotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Res {
    Bool,
    Int,
    NonNeg,
    Str,
    /// The annotator's rule for the method decides (new lists, the
    /// effects on the receiver's list or dict, …).
    Rule,
}

/// `recv.method(args)` with `min..=min + defaults.len()` arguments: the
/// runtime helper called with the receiver, the arguments and the
/// defaults of the omitted ones.
pub struct MethodRow {
    pub recv: Recv,
    pub method: Method,
    pub min: usize,
    pub defaults: &'static [Dflt],
    pub args: &'static [Arg],
    pub result: Res,
    pub helper: Helper,
}

impl MethodRow {
    pub fn max(&self) -> usize {
        self.min + self.defaults.len()
    }

    pub fn takes(&self, n: usize) -> bool {
        (self.min..=self.max()).contains(&n)
    }
}

const fn row(
    recv: Recv,
    method: Method,
    min: usize,
    defaults: &'static [Dflt],
    args: &'static [Arg],
    result: Res,
    helper: Helper,
) -> MethodRow {
    MethodRow {
        recv,
        method,
        min,
        defaults,
        args,
        result,
        helper,
    }
}

use crate::ll::helpers::Helper;
use Arg::{Any as A, Int as I, Str as S};
use Method as M;
use Recv::{Char as RC, Dict as RD, List as RL, Str as RS};

const FIND_BOUNDS: &[Dflt] = &[Dflt::Int(0), Dflt::Int(i64::MAX)];

/// Every builtin method; the first row of a method that fits the receiver
/// and the argument count wins (char rows before str rows).
#[rustfmt::skip]
pub static METHODS: &[MethodRow] = &[
    row(RC, M::Isdigit, 0, &[], &[], Res::Bool, Helper::rpy_char_isdigit),
    row(RC, M::Isalpha, 0, &[], &[], Res::Bool, Helper::rpy_char_isalpha),
    row(RC, M::Isalnum, 0, &[], &[], Res::Bool, Helper::rpy_char_isalnum),
    row(RC, M::Isspace, 0, &[], &[], Res::Bool, Helper::rpy_char_isspace),
    row(RC, M::Isupper, 0, &[], &[], Res::Bool, Helper::rpy_char_isupper),
    row(RC, M::Islower, 0, &[], &[], Res::Bool, Helper::rpy_char_islower),
    // join's helper depends on the list's items: the rtyper picks it
    row(RS, M::Join, 1, &[], &[A], Res::Rule, Helper::rpy_str_join),
    row(RS, M::Split, 0, &[Dflt::None, Dflt::Int(-1)], &[S, I], Res::Rule, Helper::rpy_str_split),
    row(RS, M::Splitlines, 0, &[], &[], Res::Rule, Helper::rpy_str_splitlines),
    row(RS, M::Strip, 0, &[Dflt::None], &[S], Res::Str, Helper::rpy_str_strip),
    row(RS, M::Lstrip, 0, &[Dflt::None], &[S], Res::Str, Helper::rpy_str_lstrip),
    row(RS, M::Rstrip, 0, &[Dflt::None], &[S], Res::Str, Helper::rpy_str_rstrip),
    row(RS, M::Startswith, 1, &[], &[S], Res::Bool, Helper::rpy_str_startswith),
    row(RS, M::Endswith, 1, &[], &[S], Res::Bool, Helper::rpy_str_endswith),
    row(RS, M::Find, 1, FIND_BOUNDS, &[S, I, I], Res::Int, Helper::rpy_str_find),
    row(RS, M::Rfind, 1, FIND_BOUNDS, &[S, I, I], Res::Int, Helper::rpy_str_rfind),
    row(RS, M::Index, 1, FIND_BOUNDS, &[S, I, I], Res::NonNeg, Helper::rpy_str_index),
    row(RS, M::Rindex, 1, FIND_BOUNDS, &[S, I, I], Res::NonNeg, Helper::rpy_str_rindex),
    row(RS, M::Count, 1, &[], &[S], Res::NonNeg, Helper::rpy_str_count),
    row(RS, M::Isdigit, 0, &[], &[], Res::Bool, Helper::rpy_str_isdigit),
    row(RS, M::Isalpha, 0, &[], &[], Res::Bool, Helper::rpy_str_isalpha),
    row(RS, M::Isalnum, 0, &[], &[], Res::Bool, Helper::rpy_str_isalnum),
    row(RS, M::Isspace, 0, &[], &[], Res::Bool, Helper::rpy_str_isspace),
    row(RS, M::Isupper, 0, &[], &[], Res::Bool, Helper::rpy_str_isupper),
    row(RS, M::Islower, 0, &[], &[], Res::Bool, Helper::rpy_str_islower),
    row(RS, M::Upper, 0, &[], &[], Res::Str, Helper::rpy_str_upper),
    row(RS, M::Lower, 0, &[], &[], Res::Str, Helper::rpy_str_lower),
    row(RS, M::Replace, 2, &[], &[S, S], Res::Str, Helper::rpy_str_replace),
    row(RS, M::Ljust, 1, &[Dflt::Str(" ")], &[I, S], Res::Str, Helper::rpy_str_ljust),
    row(RS, M::Rjust, 1, &[Dflt::Str(" ")], &[I, S], Res::Str, Helper::rpy_str_rjust),
    row(RS, M::Zfill, 1, &[], &[I], Res::Str, Helper::rpy_str_zfill),
    row(RL, M::Append, 1, &[], &[A], Res::Rule, Helper::rpy_list_append),
    row(RL, M::Pop, 0, &[Dflt::Int(-1)], &[I], Res::Rule, Helper::rpy_list_pop),
    row(RL, M::Insert, 2, &[], &[I, A], Res::Rule, Helper::rpy_list_insert),
    row(RL, M::Extend, 1, &[], &[A], Res::Rule, Helper::rpy_list_extend),
    row(RL, M::Index, 1, &[], &[A], Res::Rule, Helper::rpy_list_index),
    row(RL, M::Reverse, 0, &[], &[], Res::Rule, Helper::rpy_list_reverse),
    row(RL, M::Remove, 1, &[], &[A], Res::Rule, Helper::rpy_list_remove),
    row(RL, M::Count, 1, &[], &[A], Res::Rule, Helper::rpy_list_count),
    row(RL, M::Sort, 0, &[], &[], Res::Rule, Helper::rpy_list_sort),
    row(RL, M::Clear, 0, &[], &[], Res::Rule, Helper::rpy_list_clear),
    row(RD, M::Get, 1, &[Dflt::None], &[A, A], Res::Rule, Helper::rpy_dict_get),
    row(RD, M::Keys, 0, &[], &[], Res::Rule, Helper::rpy_dict_keys),
    row(RD, M::Values, 0, &[], &[], Res::Rule, Helper::rpy_dict_values),
    row(RD, M::Items, 0, &[], &[], Res::Rule, Helper::rpy_dict_items),
    row(RD, M::Pop, 1, &[], &[A], Res::Rule, Helper::rpy_dict_pop),
    row(RD, M::Pop, 2, &[], &[A, A], Res::Rule, Helper::rpy_dict_pop_default),
    row(RD, M::Clear, 0, &[], &[], Res::Rule, Helper::rpy_dict_clear),
];

/// The rows of `method` on `recv` (str rows also serve a char).
pub fn rows(recv: Recv, method: Method) -> impl Iterator<Item = &'static MethodRow> {
    METHODS.iter().filter(move |r| {
        r.method == method && (r.recv == recv || recv == Recv::Char && r.recv == Recv::Str)
    })
}

/// The row for `recv.method(…)` with `n` arguments.
pub fn lookup(recv: Recv, method: Method, n: usize) -> Option<&'static MethodRow> {
    rows(recv, method).find(|r| r.takes(n))
}

/// The argument counts `method` takes on `recv`: `(fewest, most)`.
pub fn arity(recv: Recv, method: Method) -> Option<(usize, usize)> {
    rows(recv, method).fold(None, |acc, r| {
        let (lo, hi) = acc.unwrap_or((r.min, r.max()));
        Some((lo.min(r.min), hi.max(r.max())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_rows_are_complete() {
        for (m, n) in NAMES {
            assert_eq!(Method::from_name(n), Some(*m));
            assert_eq!(m.name(), *n);
            assert!(METHODS.iter().any(|r| r.method == *m), "{n} has no row");
        }
        for r in METHODS {
            assert!(
                r.args.len() >= r.max(),
                "{:?} lacks argument kinds",
                r.method
            );
        }
        assert_eq!(arity(Recv::Dict, Method::Pop), Some((1, 2)));
        assert_eq!(
            lookup(Recv::Char, Method::Upper, 0).unwrap().helper,
            Helper::rpy_str_upper
        );
    }
}
