//! `RPYGC=stress=N` (its own process: the configuration is read once):
//! a collection every N allocations, and objects the stack holds survive.

use rpy_runtime::gc::rpy_gc_stats;
use rpy_runtime::*;
use std::hint::black_box;

#[inline(never)]
fn build_and_check() {
    let mut kept = Vec::new();
    let head = rpy_newlist::<*mut RStr>(0);
    for i in 0..300 {
        // SAFETY: `head` is a live list of strings.
        unsafe { rpy_list_append(head, rpy_str_from_bytes(format!("s{i}").as_bytes())) };
        kept.push(i);
    }
    let head = black_box(head);
    // SAFETY: the list survived every collection with its strings.
    let texts: Vec<Vec<u8>> = unsafe { list_items(head) }
        .iter()
        // SAFETY: live strings.
        .map(|&p| unsafe { str_bytes(p) }.to_vec())
        .collect();
    let expected: Vec<Vec<u8>> = kept.iter().map(|i| format!("s{i}").into_bytes()).collect();
    assert_eq!(texts, expected);
}

#[test]
fn stress_collects_every_nth_allocation() {
    std::env::set_var("RPYGC", "stress=3");
    let base = 0u8;
    rpy_gc_register_stack(black_box(&base) as *const u8 as usize + 64);
    build_and_check();
    let stats = rpy_gc_stats();
    // At least 300 allocations (the strings): at least 100 collections.
    assert!(stats.collections >= 100, "{stats:?}");
}
