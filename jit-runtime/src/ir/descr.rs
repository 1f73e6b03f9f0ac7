//! Descrs: what an op needs to know about memory and calls — field offsets
//! and sizes (from the runtime's published layouts), array item layouts,
//! allocation sizes, runtime functions, loop labels and merge-point
//! locations. Each has a unique name used by the printer and the parser.

use super::Kind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DescrId(pub u32);

/// What a called function may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallEffect {
    /// `@elidable`: same arguments, same result, no visible effect; may
    /// raise (then it is not folded).
    Elidable,
    /// Reads the heap (or allocates) but writes nothing the trace can see.
    ReadsOnly,
    /// Anything.
    Any,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Descr {
    /// A field of `size` bytes (1 or 8) at `offset` in an object.
    Field {
        name: String,
        offset: i32,
        size: u8,
        kind: Kind,
        /// Never written after the object is built: reads of a constant
        /// object fold.
        immutable: bool,
    },
    /// The items of an array: item `i` is at `base + i * item_size`.
    Array {
        name: String,
        base: i32,
        item_size: u8,
        kind: Kind,
        immutable: bool,
    },
    /// An allocation: `size` bytes with type id `tid`; instances also get
    /// their class pointer `vtable` stored at `vtable_offset`.
    Size {
        name: String,
        size: u32,
        tid: u32,
        vtable: u64,
        vtable_offset: i32,
    },
    /// A runtime function `extern "C" fn(args: *const u64) -> u64`: the
    /// arguments stored in order, the result as 64 bits (0 without one).
    /// A function that raises leaves the exception pending in the
    /// runtime's slot (`guard_no_exception` follows the call).
    Call {
        name: String,
        func: u64,
        args: Vec<Kind>,
        result: Option<Kind>,
        effect: CallEffect,
        can_raise: bool,
    },
    /// A loop label (the target of `jump`).
    Label { name: String },
    /// A merge-point location, printed as its text.
    Location { name: String },
}

impl Descr {
    pub fn name(&self) -> &str {
        match self {
            Descr::Field { name, .. }
            | Descr::Array { name, .. }
            | Descr::Size { name, .. }
            | Descr::Call { name, .. }
            | Descr::Label { name }
            | Descr::Location { name } => name,
        }
    }
}

/// The table of descrs, shared by every trace of a program.
#[derive(Clone, Debug, Default)]
pub struct Descrs {
    all: Vec<Descr>,
    by_name: std::collections::HashMap<String, DescrId>,
    /// How many labels there are (the next label's number).
    labels: usize,
}

impl Descrs {
    pub fn add(&mut self, d: Descr) -> DescrId {
        let id = DescrId(self.all.len() as u32);
        self.by_name.entry(d.name().to_string()).or_insert(id);
        if let Descr::Label { .. } = d {
            self.labels += 1;
        }
        self.all.push(d);
        id
    }

    /// Descr `id`, to change (its name stays).
    pub fn get_mut(&mut self, id: DescrId) -> &mut Descr {
        &mut self.all[id.0 as usize]
    }

    /// Every descr, in the order added.
    pub fn all(&self) -> &[Descr] {
        &self.all
    }

    pub fn get(&self, id: DescrId) -> &Descr {
        &self.all[id.0 as usize]
    }

    pub fn by_name(&self, name: &str) -> Option<DescrId> {
        self.by_name.get(name).copied()
    }

    /// A new label with a fresh name (`L3`).
    pub fn new_label(&mut self) -> DescrId {
        let n = self.labels;
        self.add(Descr::Label {
            name: format!("L{n}"),
        })
    }
}
