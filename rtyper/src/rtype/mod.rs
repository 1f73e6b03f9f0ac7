//! rpy_rtyper::rtype — the rtyper (after PyPy's): annotated flow graphs →
//! LL graphs on LL types, where every operation is an op of the LL op table
//! or a call of a named runtime helper, with explicit conversions wherever
//! a value of one LL type flows into a place of another.
//!
//! Decisions:
//! - Unreached blocks are not translated; links to them vanish (an `if`
//!   with one reached arm becomes a `goto`, a switch whose default is
//!   unreached uses its last case as default).
//! - Conversions on a link go in the source block, except after an op
//!   that may raise (an `on exception` block): there they get a block of
//!   their own on that link.
//! - Inside a `try`, the HL op that may raise is lowered so that its LL op
//!   that may raise comes last; what must follow it (conversions of its
//!   result) moves to a new block on the normal link.
//! - Exceptions carry their message in the field `$msg` of
//!   `BaseException` (`Ptr(Str)`, null without arguments).

mod builtins;
mod calls;
mod class_slot;
mod convert;
mod graph;
mod layout;
mod lltypes;
mod ops;
mod percent;
mod rarith;
mod typetest;

pub use lltypes::user_name;

use crate::annotate::{Annotations, SomeValue};
use crate::ll::{LLProgram, LLType};
use flowgraph::program::FlowProgram;
use indexmap::{IndexMap, IndexSet};
use rpy_front::program::{ClassId, FuncId, Program};
use rpy_front::DResult;
use std::cell::RefCell;
use std::collections::HashMap;

/// The field of every exception instance holding its message.
pub const MSG_FIELD: &str = "$msg";

/// Translate every reached function of an annotated program.
pub fn rtype(fp: &FlowProgram, ann: &Annotations) -> DResult<LLProgram> {
    let rt = RTyper::new(fp, ann)?;
    let mut graphs = Vec::new();
    for decl in &fp.program.functions {
        if ann.is_reached(decl.id) {
            graphs.push(graph::rtype_graph(&rt, decl.id)?);
        }
    }
    Ok(LLProgram {
        classes: layout::classes(&rt)?,
        prebuilt: layout::prebuilt(&rt)?,
        drivers: layout::drivers(&rt)?,
        graphs,
        entry: fp.program.entry,
    })
}

/// What the translation of every graph shares.
pub(crate) struct RTyper<'a> {
    pub fp: &'a FlowProgram,
    pub ann: &'a Annotations,
    pub prog: &'a Program,
    /// Per class: its instance fields in layout order (inherited first).
    pub fields: Vec<IndexMap<String, LLType>>,
    sigs: RefCell<HashMap<FuncId, LLType>>,
    /// Methods called through vtables: (class introducing the slot, name) → type.
    pub vtable_slots: RefCell<IndexMap<(ClassId, String), LLType>>,
    /// Methods called through vtables on instances of a class that has
    /// none: (the class, the method's name).
    pub missing_methods: RefCell<IndexSet<(ClassId, String)>>,
    /// Class constants read through vtables: (class, slot) → type.
    pub class_attr_slots: RefCell<IndexMap<(ClassId, class_slot::ClassSlot), LLType>>,
}

impl<'a> RTyper<'a> {
    fn new(fp: &'a FlowProgram, ann: &'a Annotations) -> DResult<RTyper<'a>> {
        let mut rt = RTyper {
            fp,
            ann,
            prog: &fp.program,
            fields: Vec::new(),
            sigs: RefCell::new(HashMap::new()),
            vtable_slots: RefCell::new(IndexMap::new()),
            missing_methods: RefCell::new(IndexSet::new()),
            class_attr_slots: RefCell::new(IndexMap::new()),
        };
        rt.fields = layout::fields(&rt)?;
        Ok(rt)
    }

    /// The function type of a reached function's graph: its parameters'
    /// and its return value's LL types.
    pub fn sig(&self, f: FuncId) -> Result<LLType, String> {
        if let Some(t) = self.sigs.borrow().get(&f) {
            return Ok(t.clone());
        }
        let g = self.fp.graph(f);
        let params = g
            .block(g.startblock)
            .inputargs
            .iter()
            .map(|&v| self.ll(&self.ann.var(f, v)))
            .collect::<Result<Vec<_>, _>>()?;
        let result = self.ll(&self.return_ann(f))?;
        let t = LLType::func(params, result);
        self.sigs.borrow_mut().insert(f, t.clone());
        Ok(t)
    }

    /// What a function returns (`Impossible` if it never returns).
    pub fn return_ann(&self, f: FuncId) -> SomeValue {
        let g = self.fp.graph(f);
        if self.ann.block_reached(f, g.returnblock) {
            self.ann.var(f, g.block(g.returnblock).inputargs[0])
        } else {
            SomeValue::Impossible
        }
    }

    /// `sig` as parameter types and result.
    pub fn sig_parts(&self, f: FuncId) -> Result<(Vec<LLType>, LLType), String> {
        match self.sig(f)? {
            LLType::Func(ps, r) => Ok((ps.to_vec(), (*r).clone())),
            _ => unreachable!("sig builds a function type"),
        }
    }

    /// Classes that are `c` or derive from it, in id order.
    pub fn subclasses(&self, c: ClassId) -> Vec<ClassId> {
        self.prog
            .classes
            .iter()
            .filter(|d| self.prog.is_subclass(d.id, c))
            .map(|d| d.id)
            .collect()
    }

    pub fn is_instantiated(&self, c: ClassId) -> bool {
        self.ann
            .instantiated
            .get(c.index())
            .copied()
            .unwrap_or(false)
    }
}
