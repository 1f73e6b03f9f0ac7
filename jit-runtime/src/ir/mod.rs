//! The trace IR: a linear list of ops over boxes (`i3`, `p2`, `f1`) and
//! constants, in PyPy's style. Produced by the tracer, rewritten by the
//! optimizer passes, compiled by the backends.
//!
//! Every value is 64 bits (`u64`): ints as two's complement, refs as
//! addresses, floats as their IEEE bits.

pub mod descr;
pub mod eval;
pub mod opcode;
pub mod parse;
pub mod print;
pub mod verify;

pub use descr::{CallEffect, Descr, DescrId, Descrs};
pub use opcode::{Effect, Opcode, OP_TABLE};

/// The kind of a value: what register class holds it and how it prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A 64-bit integer (also bools and chars).
    Int,
    /// A GC pointer (may be null).
    Ref,
    /// A 64-bit float.
    Float,
}

impl Kind {
    /// The letter of a box of this kind: `i`, `p`, `f`.
    pub fn letter(self) -> char {
        match self {
            Kind::Int => 'i',
            Kind::Ref => 'p',
            Kind::Float => 'f',
        }
    }
}

/// A box: a value computed by the trace (an input argument or an op result).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Var(pub u32);

impl Var {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// An argument: a box or a constant (the 64 bits and their kind).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    Var(Var),
    Const(Kind, u64),
}

impl Value {
    pub fn int(i: i64) -> Value {
        Value::Const(Kind::Int, i as u64)
    }

    pub fn as_var(self) -> Option<Var> {
        match self {
            Value::Var(v) => Some(v),
            Value::Const(..) => None,
        }
    }

    pub fn as_const(self) -> Option<u64> {
        match self {
            Value::Const(_, bits) => Some(bits),
            Value::Var(_) => None,
        }
    }
}

/// What a guard needs besides its condition: the values to save when it
/// fails, and which resume snapshot (owned by the tracer) says where they
/// go. The optimizer may rewrite `fail_args` entries (forwarding, folding
/// to constants) but keeps their number and order: the snapshot refers to
/// them by position.
#[derive(Clone, Debug, PartialEq)]
pub struct GuardInfo {
    pub fail_args: Vec<Value>,
    /// The resume snapshot (opaque to the optimizer and the backends).
    pub resume: u32,
    /// Objects the optimizer removed (virtuals) that this guard must
    /// rebuild when it fails; their field values are saved as extra fail
    /// arguments appended after the snapshot's.
    pub virtuals: Vec<VirtualInfo>,
    /// `(fail-arg position, virtual index)`: the snapshot value at that
    /// position is the rebuilt virtual (the saved value there is ignored).
    pub virtual_at: Vec<(usize, usize)>,
    /// `(fail-arg position, k)`: the value the snapshot wants there is the
    /// saved one plus k (an `int_add` sunk into the guard by `opt::sink`).
    pub offsets: Vec<(usize, i64)>,
    /// Stores the optimizer removed that this guard must do when it fails
    /// (PyPy's "pending fields"), in order, after rebuilding virtuals.
    pub pending: Vec<PendingStore>,
    /// Fail-arg positions of the registers holding the condition this
    /// guard tests: the snapshot resumes at the branch itself, and the
    /// tracer saves there the value the condition has when the guard fails
    /// (a constant). Printed `cond=VALUE`.
    pub cond_at: Vec<usize>,
}

/// A removed `setfield_gc`/`setarrayitem_gc` a failing guard performs: its
/// object, index (arrays) and value are fail arguments at these positions.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingStore {
    pub descr: DescrId,
    pub obj: usize,
    pub index: Option<usize>,
    pub value: usize,
}

/// An allocation removed by the optimizer, as a failing guard rebuilds it.
#[derive(Clone, Debug, PartialEq)]
pub struct VirtualInfo {
    /// The `Size` descr of the `new`/`new_with_vtable` it replaces.
    pub size: DescrId,
    /// Field descr and where its value comes from.
    pub fields: Vec<(DescrId, VirtualField)>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum VirtualField {
    /// The saved value of this fail argument.
    FailArg(usize),
    /// Another rebuilt virtual.
    Virtual(usize),
}

/// One operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Op {
    pub opcode: Opcode,
    pub args: Vec<Value>,
    pub result: Option<Var>,
    pub descr: Option<DescrId>,
    pub guard: Option<Box<GuardInfo>>,
}

impl Op {
    pub fn new(opcode: Opcode, args: Vec<Value>, result: Option<Var>) -> Op {
        Op {
            opcode,
            args,
            result,
            descr: None,
            guard: None,
        }
    }

    pub fn with_descr(mut self, d: DescrId) -> Op {
        self.descr = Some(d);
        self
    }

    pub fn with_guard(mut self, fail_args: Vec<Value>, resume: u32) -> Op {
        self.guard = Some(Box::new(GuardInfo {
            fail_args,
            resume,
            virtuals: Vec::new(),
            virtual_at: Vec::new(),
            offsets: Vec::new(),
            pending: Vec::new(),
            cond_at: Vec::new(),
        }));
        self
    }

    /// A guard's `GuardInfo::cond_at`.
    pub fn with_cond_at(mut self, cond_at: Vec<usize>) -> Op {
        if let Some(g) = self.guard.as_mut() {
            g.cond_at = cond_at;
        }
        self
    }
}

/// A trace: input arguments, then ops. A loop ends with `jump` (to its own
/// `label`, or to its start when it has none); a bridge ends with `jump`
/// to a label of another trace or with `finish`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Trace {
    pub inputargs: Vec<Var>,
    pub ops: Vec<Op>,
    /// The kind of every box, indexed by `Var`.
    pub kinds: Vec<Kind>,
}

impl Trace {
    /// A fresh box of this kind.
    pub fn new_var(&mut self, k: Kind) -> Var {
        self.kinds.push(k);
        Var(self.kinds.len() as u32 - 1)
    }

    pub fn kind(&self, v: Var) -> Kind {
        self.kinds[v.index()]
    }

    pub fn value_kind(&self, v: Value) -> Kind {
        match v {
            Value::Var(x) => self.kind(x),
            Value::Const(k, _) => k,
        }
    }

    /// Ops counted in a loop's header line: all but `debug_merge_point`.
    pub fn counted_ops(&self) -> usize {
        self.ops
            .iter()
            .filter(|o| o.opcode != Opcode::DebugMergePoint)
            .count()
    }
}
