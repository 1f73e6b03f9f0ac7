//! Marking: from root words, precisely through the heap by the type
//! descriptors (`rpy_type_desc`): list items arrays, the `cap` items of
//! pointer arrays, dict keys and values (`DictOps::trace`), the pointer
//! fields of tuples, instances and iterators.

use super::heap::Heap;
use crate::alloc::{rpy_type_desc, TypeDesc};
use crate::dict::DictOps;
use crate::item::ValueKind;
use crate::object::{GcHeader, RARRAY_CAP_OFFSET, RARRAY_DATA_OFFSET, RLIST_ITEMS_OFFSET};
use std::collections::HashMap;

/// The marking state of one collection.
pub struct Marker<'h> {
    heap: &'h Heap,
    /// Marked objects whose fields are not traced yet.
    pending: Vec<usize>,
    /// Descriptors looked up so far in this collection, by type id.
    descs: HashMap<u32, TypeDesc>,
}

impl<'h> Marker<'h> {
    pub fn new(heap: &'h Heap) -> Marker<'h> {
        Marker {
            heap,
            pending: Vec::new(),
            descs: HashMap::new(),
        }
    }

    /// Mark the object `word` points into, if any (a root or a field).
    #[inline]
    pub fn mark_word(&mut self, word: usize) {
        if let Some(slot) = self.heap.find(word) {
            if slot.mark() {
                self.pending.push(slot.start());
            }
        }
    }

    /// Trace every marked object until nothing new is marked.
    pub fn finish(&mut self) {
        while let Some(obj) = self.pending.pop() {
            self.trace(obj);
        }
    }

    fn trace(&mut self, obj: usize) {
        // SAFETY: `obj` is an allocated object: its header is written.
        let tid = unsafe { (*(obj as *const GcHeader)).tid };
        let desc = *self.descs.entry(tid).or_insert_with(|| rpy_type_desc(tid));
        let word_at = |offset: usize| {
            // SAFETY: the descriptor says a pointer-sized field is there.
            unsafe { *((obj + offset) as *const usize) }
        };
        match desc {
            TypeDesc::Str
            | TypeDesc::Array(ValueKind::Int | ValueKind::Bool | ValueKind::UInt)
            | TypeDesc::Array(ValueKind::Float | ValueKind::Char) => {}
            TypeDesc::List(_) => self.mark_word(word_at(RLIST_ITEMS_OFFSET)),
            TypeDesc::Array(ValueKind::Ptr) => {
                let cap = word_at(RARRAY_CAP_OFFSET);
                for i in 0..cap {
                    self.mark_word(word_at(RARRAY_DATA_OFFSET + 8 * i));
                }
            }
            TypeDesc::Dict => {
                let ops = word_at(DICT_OPS_OFFSET) as *const DictOps;
                if !ops.is_null() && word_at(DICT_MAP_OFFSET) != 0 {
                    // SAFETY: a dict's ops are a static `DictOps` of its
                    // instantiation and its map is set.
                    let trace = unsafe { (*ops).trace };
                    trace(obj as *mut GcHeader, &mut |p| self.mark_word(p as usize));
                }
            }
            TypeDesc::Tuple { fields, .. } => {
                for f in fields.iter().filter(|f| f.kind == ValueKind::Ptr) {
                    self.mark_word(word_at(f.offset));
                }
            }
            TypeDesc::Instance { ptr_offsets, .. } | TypeDesc::Iter { ptr_offsets } => {
                for &offset in ptr_offsets {
                    self.mark_word(word_at(offset));
                }
            }
        }
    }
}

/// Where every `RDict<K, V>` keeps its map and its ops.
pub const DICT_MAP_OFFSET: usize = std::mem::offset_of!(crate::object::RDict<i64, i64>, map);
pub const DICT_OPS_OFFSET: usize = std::mem::offset_of!(crate::object::RDict<i64, i64>, ops);
