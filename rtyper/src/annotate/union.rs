//! The union (least upper bound) of two annotations, merging list and dict
//! definitions as values flow together; and the stores that widen them.

use super::model::*;
use super::Annotator;
use rpy_front::program::{builtin_class, ClassId};
use rpy_front::{DResult, Span};
use std::rc::Rc;

/// Two types that cannot be one: the innermost conflicting pair and
/// where it was found (`"list items"`, …).
#[derive(Debug)]
pub struct Conflict {
    pub a: SomeValue,
    pub b: SomeValue,
    pub context: Option<String>,
}

fn conflict<T>(a: &SomeValue, b: &SomeValue) -> Result<T, Conflict> {
    Err(Conflict {
        a: a.clone(),
        b: b.clone(),
        context: None,
    })
}

fn with_context<T>(r: Result<T, Conflict>, what: &str) -> Result<T, Conflict> {
    r.map_err(|mut c| {
        c.context.get_or_insert_with(|| what.to_string());
        c
    })
}

impl Annotator<'_> {
    /// The least common base of two classes (`None`: only `object`).
    pub fn common_base(&self, a: ClassId, b: ClassId) -> Option<ClassId> {
        let mut c = Some(a);
        while let Some(x) = c {
            if self.prog.is_subclass(b, x) {
                return (x != builtin_class::OBJECT || a == x || b == x).then_some(x);
            }
            c = self.prog.class(x).base;
        }
        None
    }

    pub fn union(&mut self, a: &SomeValue, b: &SomeValue) -> Result<SomeValue, Conflict> {
        use SomeValue as S;
        let a = self.a.norm(a);
        let b = self.a.norm(b);
        Ok(match (&a, &b) {
            (S::Impossible, x) | (x, S::Impossible) => x.clone(),
            _ if a == b => a.clone(),
            (S::Int { nonneg: x }, S::Int { nonneg: y }) => S::Int { nonneg: *x && *y },
            (S::Bool, S::Int { nonneg }) | (S::Int { nonneg }, S::Bool) => {
                S::Int { nonneg: *nonneg }
            }
            (
                S::Str {
                    char: c1,
                    nullable: n1,
                },
                S::Str {
                    char: c2,
                    nullable: n2,
                },
            ) => S::Str {
                char: *c1 && *c2,
                nullable: *n1 || *n2,
            },
            (S::None, x) | (x, S::None) => match x {
                S::Str { char, .. } => S::Str {
                    char: *char,
                    nullable: true,
                },
                S::List { def, .. } => S::List {
                    def: *def,
                    nullable: true,
                },
                S::Dict { def, .. } => S::Dict {
                    def: *def,
                    nullable: true,
                },
                S::Instance { class, .. } => S::Instance {
                    class: *class,
                    nullable: true,
                },
                _ => return conflict(&a, &b),
            },
            (
                S::List {
                    def: d1,
                    nullable: n1,
                },
                S::List {
                    def: d2,
                    nullable: n2,
                },
            ) => {
                let def = self.merge_lists(*d1, *d2)?;
                S::List {
                    def,
                    nullable: *n1 || *n2,
                }
            }
            (
                S::Dict {
                    def: d1,
                    nullable: n1,
                },
                S::Dict {
                    def: d2,
                    nullable: n2,
                },
            ) => {
                let def = self.merge_dicts(*d1, *d2)?;
                S::Dict {
                    def,
                    nullable: *n1 || *n2,
                }
            }
            (S::Tuple(x), S::Tuple(y)) if x.len() == y.len() => {
                let mut items = Vec::new();
                for (i, j) in x.iter().zip(y.iter()) {
                    items.push(self.union(i, j)?);
                }
                S::Tuple(Rc::from(items))
            }
            (
                S::Instance {
                    class: c1,
                    nullable: n1,
                },
                S::Instance {
                    class: c2,
                    nullable: n2,
                },
            ) => match self.common_base(*c1, *c2) {
                Some(class) => S::Instance {
                    class,
                    nullable: *n1 || *n2,
                },
                None => return conflict(&a, &b),
            },
            (S::Funcs(x), S::Funcs(y)) => S::Funcs(Rc::new(x.union(y).copied().collect())),
            (S::Classes(x), S::Classes(y)) => S::Classes(Rc::new(x.union(y).copied().collect())),
            (S::Iter(IterKind::List(x)), S::Iter(IterKind::List(y))) => {
                S::Iter(IterKind::List(self.merge_lists(*x, *y)?))
            }
            (S::Iter(IterKind::Dict(x)), S::Iter(IterKind::Dict(y))) => {
                S::Iter(IterKind::Dict(self.merge_dicts(*x, *y)?))
            }
            _ => return conflict(&a, &b),
        })
    }

    /// One list definition for two (their items unified).
    fn merge_lists(&mut self, d1: ListDefId, d2: ListDefId) -> Result<ListDefId, Conflict> {
        let (r1, r2) = (self.a.list_root(d1), self.a.list_root(d2));
        if r1 == r2 {
            return Ok(r1);
        }
        let (i1, i2) = (
            self.a.listdefs[r1.0 as usize].item.clone(),
            self.a.listdefs[r2.0 as usize].item.clone(),
        );
        let item = with_context(self.union(&i1, &i2), "list items")?;
        // The union may itself have merged things: re-find the roots.
        let (r1, r2) = (self.a.list_root(r1), self.a.list_root(r2));
        if r1 == r2 {
            return Ok(r1);
        }
        let other = self.a.listdefs[r2.0 as usize].clone();
        let d = &mut self.a.listdefs[r1.0 as usize];
        d.item = item;
        d.mutated |= other.mutated;
        d.resized |= other.resized;
        d.item_origin = d.item_origin.or(other.item_origin);
        d.mutated_at = d.mutated_at.or(other.mutated_at);
        self.a.list_parent[r2.0 as usize] = r1.0;
        let moved = self.list_deps.remove(&r2.0).unwrap_or_default();
        self.list_deps.entry(r1.0).or_default().extend(moved);
        self.reflow_list(r1);
        Ok(r1)
    }

    fn merge_dicts(&mut self, d1: DictDefId, d2: DictDefId) -> Result<DictDefId, Conflict> {
        let (r1, r2) = (self.a.dict_root(d1), self.a.dict_root(d2));
        if r1 == r2 {
            return Ok(r1);
        }
        let (a, b) = (
            self.a.dictdefs[r1.0 as usize].clone(),
            self.a.dictdefs[r2.0 as usize].clone(),
        );
        let key = with_context(self.union(&a.key, &b.key), "dict keys")?;
        let value = with_context(self.union(&a.value, &b.value), "dict values")?;
        let (r1, r2) = (self.a.dict_root(r1), self.a.dict_root(r2));
        if r1 == r2 {
            return Ok(r1);
        }
        let d = &mut self.a.dictdefs[r1.0 as usize];
        d.key = key;
        d.value = value;
        d.key_origin = d.key_origin.or(b.key_origin);
        d.value_origin = d.value_origin.or(b.value_origin);
        self.a.dict_parent[r2.0 as usize] = r1.0;
        let moved = self.dict_deps.remove(&r2.0).unwrap_or_default();
        self.dict_deps.entry(r1.0).or_default().extend(moved);
        self.reflow_dict(r1);
        Ok(r1)
    }

    pub fn new_listdef(&mut self, item: SomeValue, origin: Option<Span>) -> ListDefId {
        let id = ListDefId(self.a.listdefs.len() as u32);
        // A type's origin is where its first value comes from, not where
        // an empty list is made.
        self.a.listdefs.push(ListDef {
            item_origin: origin.filter(|_| !item.is_impossible()),
            item,
            mutated: false,
            resized: false,
            mutated_at: None,
        });
        self.a.list_parent.push(id.0);
        id
    }

    pub fn new_dictdef(
        &mut self,
        key: SomeValue,
        value: SomeValue,
        origin: Option<Span>,
    ) -> DictDefId {
        let id = DictDefId(self.a.dictdefs.len() as u32);
        self.a.dictdefs.push(DictDef {
            key_origin: origin.filter(|_| !key.is_impossible()),
            value_origin: origin.filter(|_| !value.is_impossible()),
            key,
            value,
        });
        self.a.dict_parent.push(id.0);
        id
    }

    /// Report a conflict found while merging `what` (a phrase naming the
    /// place, e.g. "'a'") whose type came from `old_origin`.
    pub fn conflict_error(
        &self,
        c: Conflict,
        what: &str,
        old_origin: Option<Span>,
        new_origin: Span,
    ) -> rpy_front::Diagnostic {
        let subject = match &c.context {
            Some(ctx) => format!("the {ctx} of {what}"),
            None => what.to_string(),
        };
        let detail = if matches!(
            (&c.a, &c.b),
            (SomeValue::Instance { .. }, SomeValue::Instance { .. })
        ) {
            " (the two classes have no common base class other than object)"
        } else if matches!(c.a, SomeValue::None) || matches!(c.b, SomeValue::None) {
            " (None only mixes with str, list, dict and instances)"
        } else {
            ""
        };
        let is = if c.context.is_some() { "are" } else { "is" };
        match old_origin {
            Some(old) if old != new_origin => self.error(
                old,
                format!(
                    "{subject} {is} {} here, but {} at {}{detail}",
                    self.show(&c.a),
                    self.show(&c.b),
                    self.loc(new_origin)
                ),
            ),
            _ => self.error(
                new_origin,
                format!(
                    "{subject} would be both {} and {}{detail}",
                    self.show(&c.a),
                    self.show(&c.b)
                ),
            ),
        }
    }

    /// Store a value into a list's items (widening them).
    pub fn list_store(&mut self, def: ListDefId, v: &SomeValue, origin: Span) -> DResult<()> {
        let r = self.a.list_root(def);
        if self.list_poisoned(r) {
            return Ok(());
        }
        let old = self.a.listdefs[r.0 as usize].item.clone();
        let new = match self.union(&old, v) {
            Ok(n) => n,
            Err(c) => {
                self.poison_list(r);
                let old_origin = self.a.listdefs[r.0 as usize].item_origin;
                let c = Conflict {
                    context: Some("items".into()),
                    ..c
                };
                return Err(self.conflict_error(c, "this list", old_origin, origin));
            }
        };
        let r = self.a.list_root(r);
        if self.a.norm(&new) != self.a.norm(&self.a.listdefs[r.0 as usize].item) {
            let d = &mut self.a.listdefs[r.0 as usize];
            d.item = new;
            d.item_origin.get_or_insert(origin);
            self.reflow_list(r);
        }
        Ok(())
    }

    /// `a.extend(b)`, `a += b`: both lists get one item type (RPython's
    /// `agree`), so `b`'s items need no conversion.
    pub fn list_agree(&mut self, a: ListDefId, b: ListDefId, origin: Span) -> DResult<()> {
        let item = self.list_item(b);
        self.list_store(a, &item, origin)?;
        let item = self.list_item(a);
        self.list_store(b, &item, origin)
    }

    /// An item looked up in a list (`in`, `index`, `count`, `remove`). As
    /// in RPython it generalizes the items, so that one LL type compares
    /// both (`-1 in []`, an instance of a sibling class) -- but not from
    /// one number kind to another, which would change how the list prints;
    /// there the comparison converts instead.
    pub fn list_probe(&mut self, def: ListDefId, v: &SomeValue, origin: Span) -> DResult<()> {
        let item = self.list_item(def);
        if item != SomeValue::Impossible && item.is_number() && v.is_number() {
            return Ok(());
        }
        self.list_store(def, v, origin)
    }

    /// Note that a list is changed after it was built.
    pub fn list_mutate(&mut self, def: ListDefId, resized: bool, at: Span) {
        let r = self.a.list_root(def);
        let d = &mut self.a.listdefs[r.0 as usize];
        let changed = !d.mutated || (resized && !d.resized);
        d.mutated = true;
        d.resized |= resized;
        d.mutated_at.get_or_insert(at);
        if changed {
            self.reflow_list(r);
        }
    }

    /// Store a key and/or value into a dict (widening them).
    pub fn dict_store(
        &mut self,
        def: DictDefId,
        key: Option<&SomeValue>,
        value: Option<&SomeValue>,
        origin: Span,
    ) -> DResult<()> {
        let r = self.a.dict_root(def);
        if self.dict_poisoned(r) {
            return Ok(());
        }
        let d = self.a.dictdefs[r.0 as usize].clone();
        let (mut key_changed, mut value_changed) = (false, false);
        let mut new_key = d.key.clone();
        let mut new_value = d.value.clone();
        if let Some(k) = key {
            new_key = self.union(&d.key, k).map_err(|c| {
                self.poison_dict(r);
                self.conflict_error(
                    Conflict {
                        context: Some("keys".into()),
                        ..c
                    },
                    "this dict",
                    d.key_origin,
                    origin,
                )
            })?;
            key_changed = self.a.norm(&new_key) != self.a.norm(&d.key);
        }
        if let Some(v) = value {
            new_value = self.union(&d.value, v).map_err(|c| {
                self.poison_dict(r);
                self.conflict_error(
                    Conflict {
                        context: Some("values".into()),
                        ..c
                    },
                    "this dict",
                    d.value_origin,
                    origin,
                )
            })?;
            value_changed = self.a.norm(&new_value) != self.a.norm(&d.value);
        }
        if key_changed || value_changed {
            let r = self.a.dict_root(r);
            let dd = &mut self.a.dictdefs[r.0 as usize];
            dd.key = new_key;
            dd.value = new_value;
            if key_changed {
                dd.key_origin.get_or_insert(origin);
            }
            if value_changed {
                dd.value_origin.get_or_insert(origin);
            }
            self.reflow_dict(r);
        }
        Ok(())
    }
}
