//! The collector end to end on a test thread registered as a mutator:
//! what is reachable from roots, the stack or interior pointers survives
//! a collection with its contents, what is not is freed and reused.

use rpy_runtime::gc::{rpy_gc_find, rpy_gc_heap_bytes, rpy_gc_stats, rpy_gc_unregister_stack};
use rpy_runtime::*;
use std::hint::black_box;

/// Run `f` with this thread registered as a mutator (its frames below
/// this one are scanned), then unregister.
fn as_mutator(f: impl FnOnce()) {
    let base = 0u8;
    rpy_gc_register_stack(black_box(&base) as *const u8 as usize + 64);
    run_below(f);
    rpy_gc_unregister_stack();
}

#[inline(never)]
fn run_below(f: impl FnOnce()) {
    f()
}

fn s(text: &str) -> *mut RStr {
    rpy_str_from_bytes(text.as_bytes())
}

fn text(p: *mut RStr) -> String {
    // SAFETY: a live string.
    String::from_utf8_lossy(unsafe { str_bytes(p) }).into_owned()
}

/// A pointer hidden from the conservative scan (`addr ^ HIDE`).
const HIDE: usize = 0x5a5a_0000_0000_0000;

/// Allocate `n` strings nothing refers to; their hidden addresses.
#[inline(never)]
fn garbage_strings(n: usize) -> Vec<usize> {
    (0..n)
        .map(|i| s(&format!("garbage {i}")) as usize ^ HIDE)
        .collect()
}

/// Overwrite freed memory: many short-lived allocations.
#[inline(never)]
fn churn() {
    for i in 0..20_000 {
        black_box(s(&format!("churn {i}")));
        black_box(rpy_newlist::<i64>(3));
    }
}

#[test]
fn unreachable_objects_are_freed_and_their_slots_reused() {
    as_mutator(|| {
        let hidden = garbage_strings(100);
        rpy_gc_collect();
        let freed: Vec<usize> = hidden
            .iter()
            .map(|h| h ^ HIDE)
            .filter(|&a| rpy_gc_find(a).is_none())
            .collect();
        assert!(freed.len() >= 90, "only {} of 100 freed", freed.len());
        let reused = (0..200)
            .filter(|_| freed.contains(&(s("reused 123") as usize)))
            .count();
        assert!(reused > 0, "no freed slot was reused");
    });
}

#[test]
fn a_million_short_lived_objects_keep_the_heap_bounded() {
    as_mutator(|| {
        let before = rpy_gc_stats().collections;
        for i in 0..1_000_000 {
            black_box(rpy_newlist_from(&[i as i64, 2, 3]));
        }
        assert!(rpy_gc_stats().collections > before);
        assert!(
            rpy_gc_heap_bytes() < 12 << 20,
            "heap holds {} bytes",
            rpy_gc_heap_bytes()
        );
    });
}

static mut ROOT: *mut RList<*mut Object> = std::ptr::null_mut();

/// Fill `ROOT` with a list of a list of strings, a dict, a pair and an
/// instance, each referring to fresh strings only they hold.
#[inline(never)]
fn build_rooted_graph(instance_tid: u32) {
    // SAFETY: fresh objects of the stated types.
    unsafe {
        let strs = rpy_newlist::<*mut RStr>(0);
        for i in 0..50 {
            rpy_list_append(strs, s(&format!("item {i}")));
        }
        let dict = rpy_dict_new::<*mut RStr, *mut RStr>();
        for i in 0..50 {
            rpy_dict_setitem(dict, s(&format!("key {i}")), s(&format!("value {i}")));
        }
        let pair = rpy_alloc(
            std::mem::size_of::<RPair<*mut RStr, i64>>(),
            pair_tid(ValueKind::Ptr, ValueKind::Int),
        ) as *mut RPair<*mut RStr, i64>;
        (*pair).a = s("pair first");
        (*pair).b = 7;
        let inst = rpy_alloc(24, instance_tid) as *mut [*mut RStr; 3];
        (*inst)[2] = s("instance field");
        let root = rpy_newlist::<*mut Object>(0);
        for obj in [strs.cast(), dict.cast(), pair.cast(), inst.cast()] {
            rpy_list_append(root, obj);
        }
        ROOT = root;
    }
}

#[test]
fn a_registered_root_keeps_lists_dicts_tuples_and_instances() {
    as_mutator(|| {
        let instance_tid = rpy_register_type(TypeDesc::Instance {
            size: 24,
            ptr_offsets: &[16],
        });
        rpy_gc_add_root((&raw const ROOT).cast());
        build_rooted_graph(instance_tid);
        rpy_gc_collect();
        churn();
        rpy_gc_collect();
        churn();
        // SAFETY: the objects built by `build_rooted_graph`, kept alive.
        unsafe {
            let objs = list_items(ROOT);
            let strs = objs[0] as *mut RList<*mut RStr>;
            let texts: Vec<String> = list_items(strs).iter().map(|&p| text(p)).collect();
            assert_eq!(
                texts,
                (0..50).map(|i| format!("item {i}")).collect::<Vec<_>>()
            );
            let dict = objs[1] as *mut RDict<*mut RStr, *mut RStr>;
            for i in 0..50 {
                let v = rpy_dict_getitem(dict, s(&format!("key {i}")));
                assert_eq!(text(v), format!("value {i}"));
            }
            let pair = objs[2] as *mut RPair<*mut RStr, i64>;
            assert_eq!((text((*pair).a), (*pair).b), ("pair first".to_string(), 7));
            let inst = objs[3] as *mut [*mut RStr; 3];
            assert_eq!(text((*inst)[2]), "instance field");
        }
    });
}

/// A list of strings; only the address of its second item survives.
#[inline(never)]
fn item_pointer_only() -> *mut *mut RStr {
    let l = rpy_newlist_from(&[s("zero"), s("one"), s("two")]);
    // SAFETY: a fresh list of three items.
    unsafe { (*(*l).items).data.as_mut_ptr().add(1) }
}

#[test]
fn an_interior_pointer_keeps_its_object_and_what_it_refers_to() {
    as_mutator(|| {
        let item = black_box(item_pointer_only());
        rpy_gc_collect();
        churn();
        rpy_gc_collect();
        churn();
        assert!(rpy_gc_find(item as usize).is_some());
        // SAFETY: the item array is alive (the interior pointer), and so
        // are the strings it holds.
        unsafe {
            assert_eq!(text(*item.sub(1)), "zero");
            assert_eq!(text(*item), "one");
            assert_eq!(text(*item.add(1)), "two");
        }
        black_box(item);
    });
}

#[test]
fn objects_held_only_by_the_stack_survive() {
    as_mutator(|| {
        let strs: [*mut RStr; 4] = std::array::from_fn(|i| s(&format!("on the stack {i}")));
        let big = rpy_newlist::<i64>(100_000);
        // SAFETY: a fresh list of 100000 ints.
        unsafe { list_items_mut(big)[99_999] = 42 };
        let strs = black_box(strs);
        rpy_gc_collect();
        churn();
        rpy_gc_collect();
        for (i, &p) in strs.iter().enumerate() {
            assert_eq!(text(p), format!("on the stack {i}"));
        }
        // SAFETY: the list is still referenced from this frame.
        assert_eq!(unsafe { list_items(black_box(big))[99_999] }, 42);
    });
}

#[test]
fn a_thread_without_a_registered_stack_never_collects() {
    let hidden = garbage_strings(10);
    rpy_gc_collect();
    for _ in 0..200_000 {
        black_box(s("x"));
    }
    assert_eq!(rpy_gc_stats().collections, 0);
    assert!(hidden.iter().all(|h| rpy_gc_find(h ^ HIDE).is_some()));
}
