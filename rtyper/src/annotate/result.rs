//! The annotator's result: a type for every variable of every reached
//! function, the list/dict definitions, instance attributes, function
//! signatures and JIT-driver types. This is what the rtyper reads.

use super::model::*;
use flowgraph::model::{BlockId, LinkId, Value, VarId};
use indexmap::IndexMap;
use rpy_front::program::{ClassId, ConstValue, FuncId, Prebuilt, Program};
use std::collections::{BTreeSet, HashSet};
use std::rc::Rc;

#[derive(Clone, Debug, Default)]
pub struct Annotations {
    /// Per function (by `FuncId`): the type of each variable, `None` for
    /// functions never reached from the entry point.
    pub vars: Vec<Option<Vec<SomeValue>>>,
    /// Per function: the blocks reached.
    pub reached_blocks: Vec<HashSet<BlockId>>,
    /// Exits of reached blocks never taken: a test that the static type
    /// decides (narrowing leaves a variable no possible value there).
    pub dead_links: HashSet<(FuncId, LinkId)>,
    pub funcs: Vec<FuncInfo>,
    pub(crate) listdefs: Vec<ListDef>,
    pub(crate) list_parent: Vec<u32>,
    pub(crate) dictdefs: Vec<DictDef>,
    pub(crate) dict_parent: Vec<u32>,
    /// Per class: the instance attributes that live on it (each attribute
    /// lives on the most general class of the hierarchy that has it).
    pub attrs: Vec<IndexMap<String, AttrInfo>>,
    /// Per class: some instance of it (exactly this class) is created.
    pub instantiated: Vec<bool>,
    pub drivers: Vec<DriverInfo>,
    /// Per prebuilt object: its type (`Impossible` if never used).
    pub prebuilt: Vec<SomeValue>,
}

impl Annotations {
    pub fn is_reached(&self, f: FuncId) -> bool {
        self.vars.get(f.index()).is_some_and(Option::is_some)
    }

    pub fn link_dead(&self, f: FuncId, l: LinkId) -> bool {
        self.dead_links.contains(&(f, l))
    }

    pub fn block_reached(&self, f: FuncId, b: BlockId) -> bool {
        self.reached_blocks
            .get(f.index())
            .is_some_and(|s| s.contains(&b))
    }

    /// The type of a variable (with list/dict definitions canonical).
    pub fn var(&self, f: FuncId, v: VarId) -> SomeValue {
        let ann = self.vars[f.index()]
            .as_ref()
            .and_then(|vs| vs.get(v.index()))
            .cloned()
            .unwrap_or(SomeValue::Impossible);
        self.norm(&ann)
    }

    /// The type of an operand.
    pub fn value(&self, f: FuncId, v: &Value) -> SomeValue {
        match v {
            Value::Var(x) => self.var(f, *x),
            Value::Const(c) => self.const_ann(c),
        }
    }

    /// The root of a list definition (definitions merge as lists flow together).
    pub fn list_root(&self, mut id: ListDefId) -> ListDefId {
        while self.list_parent[id.0 as usize] != id.0 {
            id = ListDefId(self.list_parent[id.0 as usize]);
        }
        id
    }

    pub fn dict_root(&self, mut id: DictDefId) -> DictDefId {
        while self.dict_parent[id.0 as usize] != id.0 {
            id = DictDefId(self.dict_parent[id.0 as usize]);
        }
        id
    }

    pub fn listdef(&self, id: ListDefId) -> &ListDef {
        &self.listdefs[self.list_root(id).0 as usize]
    }

    pub fn dictdef(&self, id: DictDefId) -> &DictDef {
        &self.dictdefs[self.dict_root(id).0 as usize]
    }

    /// The same type with every list/dict definition replaced by its root.
    pub fn norm(&self, a: &SomeValue) -> SomeValue {
        match a {
            SomeValue::List { def, nullable } => SomeValue::List {
                def: self.list_root(*def),
                nullable: *nullable,
            },
            SomeValue::Dict { def, nullable } => SomeValue::Dict {
                def: self.dict_root(*def),
                nullable: *nullable,
            },
            SomeValue::Tuple(items) => {
                SomeValue::Tuple(items.iter().map(|i| self.norm(i)).collect())
            }
            SomeValue::Iter(IterKind::List(d)) => {
                SomeValue::Iter(IterKind::List(self.list_root(*d)))
            }
            SomeValue::Iter(IterKind::Dict(d)) => {
                SomeValue::Iter(IterKind::Dict(self.dict_root(*d)))
            }
            other => other.clone(),
        }
    }

    /// The type of a translation-time constant.
    pub fn const_ann(&self, c: &ConstValue) -> SomeValue {
        match c {
            ConstValue::Int(i) => SomeValue::Int { nonneg: *i >= 0 },
            ConstValue::UInt(_) => SomeValue::UInt,
            ConstValue::Float(_) => SomeValue::Float,
            ConstValue::Bool(_) => SomeValue::Bool,
            ConstValue::Str(s) => SomeValue::Str {
                char: s.len() == 1,
                nullable: false,
            },
            ConstValue::None => SomeValue::None,
            ConstValue::Tuple(items) => {
                SomeValue::Tuple(items.iter().map(|i| self.const_ann(i)).collect())
            }
            ConstValue::Prebuilt(id) => self.norm(&self.prebuilt[id.index()]),
            ConstValue::Func(f) => SomeValue::Funcs(Rc::new(BTreeSet::from([*f]))),
            ConstValue::Class(c) => SomeValue::Classes(Rc::new(BTreeSet::from([*c]))),
            ConstValue::Driver(d) => SomeValue::Driver(*d),
            ConstValue::Builtin(b) => SomeValue::Builtin(*b),
            ConstValue::ExtModule(_) | ConstValue::Module(_) => SomeValue::ExtModule,
        }
    }

    /// An instance attribute of `class`: the class it lives on and its info
    /// (searching `class` and its bases).
    pub fn attr(&self, prog: &Program, class: ClassId, name: &str) -> Option<(ClassId, &AttrInfo)> {
        let mut c = Some(class);
        while let Some(id) = c {
            if let Some(a) = self.attrs[id.index()].get(name) {
                return Some((id, a));
            }
            c = prog.class(id).base;
        }
        None
    }

    /// Is the prebuilt object `id` a list?
    pub fn prebuilt_is_list(prog: &Program, id: rpy_front::program::PrebuiltId) -> bool {
        matches!(prog.prebuilt[id.index()], Prebuilt::List(_))
    }
}
