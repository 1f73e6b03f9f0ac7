//! The runtime's side of the helper contract: every helper of
//! `flowgraph::ll::helpers::HELPERS` with the Rust signature the code
//! generator expects (items instantiated as T = i64, K = *mut RStr,
//! V = f64). Generated from helpers.rs; a mismatch fails to compile.

use crate::*;

#[test]
fn every_helper_has_its_signature() {
    let _: unsafe fn(*mut RStr, *mut RStr) -> *mut RStr = rpy_str_concat;
    let _: unsafe fn(*mut RStr, i64) -> *mut RStr = rpy_str_repeat;
    let _: unsafe fn(*mut RStr, *mut RStr) -> bool = rpy_str_eq;
    let _: unsafe fn(*mut RStr, *mut RStr) -> i64 = rpy_str_cmp;
    let _: unsafe fn(*mut RStr, *mut RStr) -> *mut RStr = rpy_str_min;
    let _: unsafe fn(*mut RStr, *mut RStr) -> *mut RStr = rpy_str_max;
    let _: unsafe fn(*mut RStr) -> i64 = rpy_str_hash;
    let _: unsafe fn(*mut RStr) -> bool = rpy_str_is_true;
    let _: unsafe fn(*mut RStr, i64, i64) -> *mut RStr = rpy_str_slice;
    let _: unsafe fn(*mut RStr, *mut RStr) -> bool = rpy_str_contains;
    let _: unsafe fn(*mut RStr, u8) -> bool = rpy_str_contains_char;
    let _: unsafe fn(u8) -> *mut RStr = rpy_char_to_str;
    let _: unsafe fn(*mut RStr, *mut RList<*mut RStr>) -> *mut RStr = rpy_str_join;
    let _: unsafe fn(*mut RStr, *mut RList<u8>) -> *mut RStr = rpy_str_join_chars;
    let _: unsafe fn(*mut RStr, *mut RStr, i64) -> *mut RList<*mut RStr> = rpy_str_split;
    let _: unsafe fn(*mut RStr, *mut RStr) -> *mut RStr = rpy_str_strip;
    let _: unsafe fn(*mut RStr, *mut RStr) -> *mut RStr = rpy_str_lstrip;
    let _: unsafe fn(*mut RStr, *mut RStr) -> *mut RStr = rpy_str_rstrip;
    let _: unsafe fn(*mut RStr, *mut RStr) -> bool = rpy_str_startswith;
    let _: unsafe fn(*mut RStr, *mut RStr) -> bool = rpy_str_endswith;
    let _: unsafe fn(*mut RStr, *mut RStr, i64, i64) -> i64 = rpy_str_find;
    let _: unsafe fn(*mut RStr, *mut RStr, i64, i64) -> i64 = rpy_str_rfind;
    let _: unsafe fn(*mut RStr, *mut RStr, i64, i64) -> i64 = rpy_str_index;
    let _: unsafe fn(*mut RStr, *mut RStr, i64, i64) -> i64 = rpy_str_rindex;
    let _: unsafe fn(*mut RStr, *mut RStr) -> i64 = rpy_str_count;
    let _: unsafe fn(*mut RStr) -> bool = rpy_str_isdigit;
    let _: unsafe fn(*mut RStr) -> bool = rpy_str_isalpha;
    let _: unsafe fn(*mut RStr) -> bool = rpy_str_isalnum;
    let _: unsafe fn(*mut RStr) -> bool = rpy_str_isspace;
    let _: unsafe fn(*mut RStr) -> bool = rpy_str_isupper;
    let _: unsafe fn(*mut RStr) -> bool = rpy_str_islower;
    let _: unsafe fn(u8) -> bool = rpy_char_isdigit;
    let _: unsafe fn(u8) -> bool = rpy_char_isalpha;
    let _: unsafe fn(u8) -> bool = rpy_char_isalnum;
    let _: unsafe fn(u8) -> bool = rpy_char_isspace;
    let _: unsafe fn(u8) -> bool = rpy_char_isupper;
    let _: unsafe fn(u8) -> bool = rpy_char_islower;
    let _: unsafe fn(*mut RStr) -> *mut RStr = rpy_str_upper;
    let _: unsafe fn(*mut RStr) -> *mut RStr = rpy_str_lower;
    let _: unsafe fn(*mut RStr, *mut RStr, *mut RStr) -> *mut RStr = rpy_str_replace;
    let _: unsafe fn(*mut RStr, i64, *mut RStr) -> *mut RStr = rpy_str_ljust;
    let _: unsafe fn(*mut RStr, i64, *mut RStr) -> *mut RStr = rpy_str_rjust;
    let _: unsafe fn(*mut RStr, i64) -> *mut RStr = rpy_str_zfill;
    let _: unsafe fn(*mut RStr) -> i64 = rpy_str_ord;
    let _: unsafe fn(*mut RStr) -> i64 = rpy_str_to_int;
    let _: unsafe fn(*mut RStr, i64) -> i64 = rpy_str_to_int_base;
    let _: unsafe fn(*mut RStr) -> f64 = rpy_str_to_float;
    let _: unsafe fn(*mut RStr) -> *mut RList<u8> = rpy_str_to_list;
    let _: unsafe fn(*mut RStr) -> *mut RStrIter = rpy_str_iter;
    let _: unsafe fn(*mut RStrIter) -> u8 = rpy_str_iter_next;
    let _: unsafe fn(i64) -> *mut RStr = rpy_int_to_str;
    let _: unsafe fn(f64) -> *mut RStr = rpy_float_to_str;
    let _: unsafe fn(bool) -> *mut RStr = rpy_bool_to_str;
    let _: unsafe fn(*mut RStr) -> *mut RStr = rpy_str_str;
    let _: unsafe fn(*mut RStr) -> *mut RStr = rpy_str_repr;
    let _: unsafe fn(*mut RList<i64>) -> *mut RStr = rpy_list_repr;
    let _: unsafe fn(*mut Object) -> *mut RStr = rpy_tuple_repr;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>) -> *mut RStr = rpy_dict_repr;
    let _: unsafe fn(*mut Object) -> *mut RStr = rpy_instance_repr;
    let _: unsafe fn(*mut Object) -> *mut RStr = rpy_exc_str;
    let _: unsafe fn(i64, i64) -> i64 = rpy_int_pow;
    let _: unsafe fn(f64, f64) -> f64 = rpy_float_pow;
    let _: unsafe fn(i64, i64) -> i64 = rpy_int_min;
    let _: unsafe fn(i64, i64) -> i64 = rpy_int_max;
    let _: unsafe fn(f64, f64) -> f64 = rpy_float_min;
    let _: unsafe fn(f64, f64) -> f64 = rpy_float_max;
    let _: unsafe fn(i64) -> i64 = rpy_int_hash;
    let _: unsafe fn(f64) -> i64 = rpy_float_hash;
    let _: unsafe fn(*mut Object) -> i64 = rpy_instance_hash;
    let _: unsafe fn(*mut RList<i64>, i64) -> () = rpy_list_append::<i64>;
    let _: unsafe fn(*mut RList<i64>, i64) -> i64 = rpy_list_pop::<i64>;
    let _: unsafe fn(*mut RList<i64>, i64, i64) -> () = rpy_list_insert::<i64>;
    let _: unsafe fn(*mut RList<i64>, *mut RList<i64>) -> () = rpy_list_extend::<i64>;
    let _: unsafe fn(*mut RList<i64>, i64) -> i64 = rpy_list_index::<i64>;
    let _: unsafe fn(*mut RList<i64>) -> () = rpy_list_reverse;
    let _: unsafe fn(*mut RList<i64>, i64, i64) -> *mut RList<i64> = rpy_list_slice::<i64>;
    let _: unsafe fn(*mut RList<i64>, *mut RList<i64>) -> *mut RList<i64> = rpy_list_concat::<i64>;
    let _: unsafe fn(*mut RList<i64>, i64) -> *mut RList<i64> = rpy_list_repeat::<i64>;
    let _: unsafe fn(*mut RList<i64>, i64) -> () = rpy_list_inplace_repeat::<i64>;
    let _: unsafe fn(*mut RList<i64>) -> *mut RList<i64> = rpy_list_copy;
    let _: unsafe fn(*mut RList<i64>, i64) -> bool = rpy_list_contains::<i64>;
    let _: unsafe fn(*mut RList<u8>, *mut RStr) -> bool = rpy_chars_contains_str;
    let _: unsafe fn(*mut RList<i64>, i64) -> () = rpy_list_remove::<i64>;
    let _: unsafe fn(*mut RList<i64>, i64) -> i64 = rpy_list_count::<i64>;
    let _: unsafe fn(*mut RList<i64>) -> () = rpy_list_sort;
    let _: unsafe fn(*mut RList<i64>) -> () = rpy_list_clear;
    let _: unsafe fn(*mut RList<i64>, i64) -> () = rpy_list_delitem::<i64>;
    let _: unsafe fn(*mut RList<i64>) -> bool = rpy_list_is_true;
    let _: unsafe fn(*mut RList<i64>, *mut RList<i64>) -> bool = rpy_list_eq::<i64>;
    let _: unsafe fn(*mut RList<i64>) -> *mut RListIter<i64> = rpy_list_iter::<i64>;
    let _: unsafe fn(*mut RListIter<i64>) -> i64 = rpy_list_iter_next::<i64>;
    let _: unsafe fn(i64, i64, i64) -> *mut RList<i64> = rpy_range;
    let _: unsafe fn(*mut Object, *mut Object) -> bool = rpy_tuple_eq;
    let _: unsafe fn() -> *mut RDict<*mut RStr, f64> = rpy_dict_new::<*mut RStr, f64>;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>, *mut RStr) -> f64 =
        rpy_dict_getitem::<*mut RStr, f64>;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>, *mut RStr, f64) -> () =
        rpy_dict_setitem::<*mut RStr, f64>;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>, *mut RStr) -> () =
        rpy_dict_delitem::<*mut RStr, f64>;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>, *mut RStr) -> bool =
        rpy_dict_contains::<*mut RStr, f64>;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>, *mut RStr, f64) -> f64 =
        rpy_dict_get::<*mut RStr, f64>;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>) -> i64 = rpy_dict_len;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>) -> bool = rpy_dict_is_true;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>) -> *mut RList<*mut RStr> = rpy_dict_keys;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>) -> *mut RList<f64> = rpy_dict_values;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>) -> *mut RList<*mut Object> = rpy_dict_items;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>, *mut RStr) -> f64 = rpy_dict_pop::<*mut RStr, f64>;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>, *mut RStr, f64) -> f64 =
        rpy_dict_pop_default::<*mut RStr, f64>;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>) -> () = rpy_dict_clear;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>) -> *mut RDict<*mut RStr, f64> = rpy_dict_copy;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>, *mut RStr, f64) -> f64 =
        rpy_dict_setdefault::<*mut RStr, f64>;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>, *mut RDict<*mut RStr, f64>) -> () =
        rpy_dict_update::<*mut RStr, f64>;
    let _: unsafe fn(*mut RDict<*mut RStr, f64>) -> *mut RDictIter<*mut RStr, f64> =
        rpy_dict_iter::<*mut RStr, f64>;
    let _: unsafe fn(*mut RDictIter<*mut RStr, f64>) -> *mut RStr =
        rpy_dict_iter_next::<*mut RStr, f64>;
    let _: unsafe fn(*mut RStr) -> () = rpy_print_str;
    let _: unsafe fn(i64) -> () = rpy_print_int;
    let _: unsafe fn(f64) -> () = rpy_print_float;
    let _: unsafe fn(bool) -> () = rpy_print_bool;
    let _: unsafe fn(u8) -> () = rpy_print_char;
    let _: unsafe fn(*mut RStr) -> () = rpy_io_write;
    let _: unsafe fn(*mut RStr) -> () = rpy_io_write_err;
    let _: unsafe fn(*mut RStr) -> *mut RStr = rpy_io_read_file;
    let _: unsafe fn(i64) -> *mut RStr = rpy_io_read_stdin;
    let _: unsafe fn() -> () = rpy_io_flush;
}
