//! The typing rule of every flow-graph op: the result's type from the
//! operands' types, widening shared state (lists, dicts, attributes) and
//! refusing what has no meaning in rpy.

use super::model::*;
use super::Annotator;
use flowgraph::model::Op;
use flowgraph::ops::OpKind;
use rpy_front::program::{ConstValue, FuncId};
use rpy_front::DResult;

use SomeValue as S;

impl Annotator<'_> {
    pub fn op(&mut self, f: FuncId, op: &Op, args: &[SomeValue]) -> DResult<SomeValue> {
        use OpKind as K;
        let span = op.span;
        self.refuse_overloading(op, args)?;
        Ok(match op.kind {
            K::Add
            | K::Sub
            | K::Mul
            | K::TrueDiv
            | K::FloorDiv
            | K::Mod
            | K::Pow
            | K::LShift
            | K::RShift
            | K::And
            | K::Or
            | K::Xor
            | K::InplaceAdd
            | K::InplaceMul => self.binary(f, op, &args[0], &args[1])?,
            K::AddOvf | K::SubOvf | K::MulOvf | K::LShiftOvf | K::NegOvf => self.ovf(op, args)?,
            K::Neg | K::Pos | K::Invert => self.unary(op, &args[0])?,
            K::IsTrue | K::Not => S::Bool,
            K::Lt | K::Le | K::Gt | K::Ge => self.ordering(op, &args[0], &args[1])?,
            K::Eq | K::Ne if self.is_unsigned_pair(&args[0], &args[1]) => {
                self.uint_compare(op, &args[0], &args[1])?
            }
            K::Eq | K::Ne | K::Is | K::Contains | K::ExcMatch | K::TypeIs => {
                if op.kind == K::Contains {
                    self.contains(f, op, &args[0], &args[1])?;
                }
                S::Bool
            }
            K::GetItem => self.getitem(f, op, &args[0], &args[1])?,
            K::SetItem => {
                self.setitem(op, &args[0], &args[1], &args[2])?;
                S::None
            }
            K::DelItem => self.delitem(op, &args[0], &args[1])?,
            K::GetSlice => self.getslice(op, args)?,
            K::DelSlice => self.delslice(op, args)?,
            K::Len => match &args[0] {
                S::List { .. } | S::Str { .. } | S::Dict { .. } | S::Tuple(_) => S::NONNEG,
                other => {
                    return Err(self.error(
                        span,
                        format!("len() of {} (it has no length)", self.show(other)),
                    ))
                }
            },
            K::NewList => self.newlist(f, op, args)?,
            K::NewTuple => Self::tuple(args.to_vec()),
            K::NewDict => {
                let d = self.dict_site(op.result, span);
                for kv in args.chunks(2) {
                    self.dict_store(d, Some(&kv[0]), Some(&kv[1]), span)?;
                }
                S::Dict {
                    def: d,
                    nullable: false,
                }
            }
            K::Iter => self.iter(op, &args[0])?,
            K::Next => self.next(op, &args[0])?,
            K::GetAttr => self.getattr(op, &args[0])?,
            K::SetAttr => {
                self.setattr(f, op, &args[0], &args[2])?;
                S::None
            }
            K::SimpleCall | K::CallKw => self.call(f, op, args)?,
            K::CallMethod | K::CallMethodKw => self.call_method(f, op, args)?,
            K::ExcInstance => self.exc_instance(op, &args[0])?,
            K::JitMergePoint | K::CanEnterJit => {
                self.jit_hint(f, op, args)?;
                S::None
            }
            K::Promote | K::SameAs => args[0].clone(),
            K::WeAreJitted => S::Bool,
        })
    }

    /// `-x`, `+x`, `~x`.
    fn unary(&self, op: &Op, a: &SomeValue) -> DResult<SomeValue> {
        Ok(match (a, op.kind) {
            (S::UInt, _) => S::UInt,
            (S::Int { nonneg }, OpKind::Pos) => S::Int { nonneg: *nonneg },
            (a, _) if a.is_intlike() => S::INT,
            (S::Float, OpKind::Neg | OpKind::Pos) => S::Float,
            (a, _) => {
                return Err(self.error(
                    op.span,
                    format!(
                        "bad operand type for unary {}: {}",
                        unary_symbol(op.kind),
                        self.show(a)
                    ),
                ))
            }
        })
    }

    /// `<`, `<=`, `>`, `>=` on numbers, strs, lists or tuples.
    fn ordering(&self, op: &Op, a: &SomeValue, b: &SomeValue) -> DResult<SomeValue> {
        if self.is_unsigned_pair(a, b) {
            return self.uint_compare(op, a, b);
        }
        let ok = (a.is_number() && b.is_number())
            || matches!(
                (a, b),
                (S::Str { .. }, S::Str { .. })
                    | (S::List { .. }, S::List { .. })
                    | (S::Tuple(_), S::Tuple(_))
            );
        if !ok {
            return Err(self.error(
                op.span,
                format!(
                    "cannot compare {} and {} with an ordering (<, <=, >, >=)",
                    self.show(a),
                    self.show(b)
                ),
            ));
        }
        Ok(S::Bool)
    }

    /// `del xs[i]`, `del d[k]`.
    fn delitem(&mut self, op: &Op, c: &SomeValue, k: &SomeValue) -> DResult<SomeValue> {
        let span = op.span;
        match (c, k) {
            (S::List { def, .. }, i) if i.is_intlike() => self.list_mutate(*def, true, span),
            (S::Dict { def, .. }, k) => {
                let def = *def;
                self.dict_store(def, Some(k), None, span)?
            }
            (c, _) => {
                return Err(self.error(span, format!("cannot delete items of {}", self.show(c))))
            }
        }
        Ok(S::None)
    }

    /// Slice bounds are ints or None.
    fn slice_bounds(&self, op: &Op, args: &[SomeValue]) -> DResult<()> {
        for bound in &args[1..] {
            if !(bound.is_intlike() || *bound == S::None) {
                return Err(self.error(
                    op.span,
                    format!("slice bounds must be ints, not {}", self.show(bound)),
                ));
            }
        }
        Ok(())
    }

    /// `del xs[lo:hi]`.
    fn delslice(&mut self, op: &Op, args: &[SomeValue]) -> DResult<SomeValue> {
        self.slice_bounds(op, args)?;
        match &args[0] {
            S::List { def, .. } => self.list_mutate(*def, true, op.span),
            other => {
                return Err(self.error(
                    op.span,
                    format!("cannot delete a slice of {}", self.show(other)),
                ))
            }
        }
        Ok(S::None)
    }

    /// `s[lo:hi]`, `xs[lo:hi]`.
    fn getslice(&mut self, op: &Op, args: &[SomeValue]) -> DResult<SomeValue> {
        let span = op.span;
        self.slice_bounds(op, args)?;
        match &args[0] {
            S::Str { .. } => Ok(S::STR),
            S::List { def, .. } => {
                // a slice has its source's item type, both ways
                let item = self.list_item(*def);
                let d = self.list_site(op.result, item, span);
                self.list_agree(d, *def, span)?;
                Ok(S::List {
                    def: d,
                    nullable: false,
                })
            }
            other => Err(self.error(span, format!("cannot slice {}", self.show(other)))),
        }
    }

    /// `[a, b, …]`.
    fn newlist(&mut self, f: FuncId, op: &Op, args: &[SomeValue]) -> DResult<SomeValue> {
        let d = self.list_site(op.result, S::Impossible, op.span);
        for (a, v) in args.iter().zip(&op.args) {
            let origin = self.origin(f, v, op.span);
            self.list_store(d, a, origin)?;
        }
        Ok(S::List {
            def: d,
            nullable: false,
        })
    }

    /// `iter(x)` of a list, str or dict.
    fn iter(&mut self, op: &Op, x: &SomeValue) -> DResult<SomeValue> {
        Ok(match x {
            S::List { def, .. } => S::Iter(IterKind::List(self.a.list_root(*def))),
            S::Str { .. } => S::Iter(IterKind::Str),
            S::Dict { def, .. } => S::Iter(IterKind::Dict(self.a.dict_root(*def))),
            S::Tuple(_) => {
                return Err(self.error(
                    op.span,
                    "iterating over a tuple is not supported in rpy; use a list",
                ))
            }
            other => {
                return Err(self.error(
                    op.span,
                    format!(
                        "cannot iterate over {} (only lists, strs and dicts)",
                        self.show(other)
                    ),
                ))
            }
        })
    }

    /// `next(it)`.
    fn next(&mut self, op: &Op, it: &SomeValue) -> DResult<SomeValue> {
        Ok(match it {
            S::Iter(IterKind::List(d)) => self.list_item(*d),
            S::Iter(IterKind::Str) => S::CHAR,
            S::Iter(IterKind::Dict(d)) => {
                self.depend_dict(*d);
                self.a.dictdef(*d).key.clone()
            }
            other => return Err(self.error(op.span, format!("next() of {}", self.show(other)))),
        })
    }

    /// The instance a `raise` raises: of the class, or the instance itself.
    fn exc_instance(&mut self, op: &Op, x: &SomeValue) -> DResult<SomeValue> {
        let span = op.span;
        match x {
            S::Classes(cs) => {
                let mut out = S::Impossible;
                for c in cs.iter().copied().collect::<Vec<_>>() {
                    let inst = self.instantiate(c, Vec::new(), span)?;
                    out = self
                        .union(&out, &inst)
                        .map_err(|c| self.conflict_error(c, "the raised exception", None, span))?;
                }
                Ok(out)
            }
            inst @ S::Instance { .. } => Ok(inst.clone()),
            other => Err(self.error(span, format!("cannot raise {}", self.show(other)))),
        }
    }

    /// The items of a list (the current block depends on them).
    pub fn list_item(&mut self, def: ListDefId) -> SomeValue {
        self.depend_list(def);
        self.a.listdef(def).item.clone()
    }

    fn binary(&mut self, f: FuncId, op: &Op, a: &SomeValue, b: &SomeValue) -> DResult<SomeValue> {
        use OpKind as K;
        let kind = op.kind;
        let nonneg = |x: &SomeValue| matches!(x, S::Int { nonneg: true } | S::Bool);
        if self.is_unsigned_pair(a, b) {
            return self.uint_binary(f, op, a, b);
        }
        if a.is_intlike() && b.is_intlike() {
            return Ok(match kind {
                K::And | K::Or | K::Xor if *a == S::Bool && *b == S::Bool => S::Bool,
                K::Add | K::InplaceAdd | K::Mul | K::InplaceMul | K::FloorDiv | K::Or | K::Xor => S::Int { nonneg: nonneg(a) && nonneg(b) },
                K::And => S::Int { nonneg: nonneg(a) || nonneg(b) },
                K::Mod => S::Int { nonneg: nonneg(b) },
                K::RShift => S::Int { nonneg: nonneg(a) },
                K::Sub | K::Pow | K::LShift => S::INT,
                K::TrueDiv => return Err(self.error(op.span, "/ on ints: rpy's / is for floats only; use // for integer division, or float(x) / y")),
                _ => unreachable!("not a binary op"),
            });
        }
        if a.is_number() && b.is_number() {
            if matches!(
                kind,
                K::Add
                    | K::InplaceAdd
                    | K::Sub
                    | K::Mul
                    | K::InplaceMul
                    | K::TrueDiv
                    | K::FloorDiv
                    | K::Mod
                    | K::Pow
            ) {
                return Ok(S::Float);
            }
            return Err(self.operand_error(f, op, a, b));
        }
        Ok(match (kind, a, b) {
            (K::Mod, S::Str { .. }, args) => self.percent_format(op, args)?,
            (K::Add | K::InplaceAdd, S::Str { .. }, S::Str { .. }) => S::STR,
            (K::Mul | K::InplaceMul, S::Str { .. }, n) | (K::Mul, n, S::Str { .. })
                if n.is_intlike() =>
            {
                S::STR
            }
            (K::Add, S::List { def: d1, .. }, S::List { def: d2, .. }) => {
                let (i1, i2) = (self.list_item(*d1), self.list_item(*d2));
                let d = self.list_site(op.result, S::Impossible, op.span);
                self.list_store(d, &i1, op.span)?;
                self.list_store(d, &i2, op.span)?;
                // As RPython's offspring: the operands take the result's
                // item type, so one LL list type serves all three.
                let item = self.list_item(d);
                self.list_store(*d1, &item, op.span)?;
                self.list_store(*d2, &item, op.span)?;
                S::List {
                    def: d,
                    nullable: false,
                }
            }
            (K::InplaceAdd, S::List { def: d1, .. }, S::List { def: d2, .. }) => {
                self.list_agree(*d1, *d2, op.span)?;
                self.list_mutate(*d1, true, op.span);
                a.non_null()
            }
            (K::Mul, S::List { .. }, n) | (K::Mul, n, S::List { .. }) if n.is_intlike() => {
                if matches!(a, S::List { .. }) {
                    a.non_null()
                } else {
                    b.non_null()
                }
            }
            (K::InplaceMul, S::List { def, .. }, n) if n.is_intlike() => {
                self.list_mutate(*def, true, op.span);
                a.non_null()
            }
            (K::Add, S::Tuple(x), S::Tuple(y)) => {
                Self::tuple(x.iter().chain(y.iter()).cloned().collect())
            }
            _ => return Err(self.operand_error(f, op, a, b)),
        })
    }

    pub(super) fn operand_error(
        &self,
        f: FuncId,
        op: &Op,
        a: &SomeValue,
        b: &SomeValue,
    ) -> rpy_front::Diagnostic {
        let sym = binary_symbol(op.kind);
        let mut d = self.error(
            op.span,
            format!(
                "unsupported operand types for {sym}: {} and {}",
                self.show(a),
                self.show(b)
            ),
        );
        for (v, ann) in op.args.iter().zip([a, b]) {
            let o = self.origin(f, v, op.span);
            if o != op.span {
                d = d.with_note(format!("{} comes from {}", self.show(ann), self.loc(o)));
            }
        }
        d
    }

    fn contains(
        &mut self,
        f: FuncId,
        op: &Op,
        container: &SomeValue,
        item: &SomeValue,
    ) -> DResult<()> {
        let _ = f;
        match container {
            S::List { def, .. } => self.list_probe(*def, item, op.span)?,
            S::Dict { def, .. } => {
                // as `d.get(k)`: the key generalizes the dict's keys
                self.dict_key_check(item, op.span)?;
                self.dict_store(*def, Some(item), None, op.span)?
            }
            S::Str { .. } if matches!(item, S::Str { .. }) => {}
            S::Tuple(_) => {}
            other => {
                return Err(self.error(
                    op.span,
                    format!(
                        "'in' needs a list, dict, str or tuple, not {}",
                        self.show(other)
                    ),
                ))
            }
        }
        Ok(())
    }

    fn getitem(
        &mut self,
        f: FuncId,
        op: &Op,
        obj: &SomeValue,
        index: &SomeValue,
    ) -> DResult<SomeValue> {
        let span = op.span;
        let need_int = |s: &Self, what: &str| {
            Err(s.error(
                span,
                format!("{what} indices must be ints, not {}", s.show(index)),
            ))
        };
        Ok(match obj {
            S::List { def, .. } => {
                if !index.is_intlike() {
                    return need_int(self, "list");
                }
                self.list_item(*def)
            }
            S::Str { .. } => {
                if !index.is_intlike() {
                    return need_int(self, "str");
                }
                S::CHAR
            }
            S::Tuple(items) => match op.args[1].as_const() {
                Some(ConstValue::Int(i)) => {
                    let n = items.len() as i64;
                    let j = if *i < 0 { i + n } else { *i };
                    match items.get(j as usize) {
                        Some(t) if (0..n).contains(&j) => t.clone(),
                        _ => {
                            return Err(self.error(
                                span,
                                format!("tuple index {i} out of range for {}", self.show(obj)),
                            ))
                        }
                    }
                }
                _ if index.is_intlike() => {
                    let mut out = S::Impossible;
                    for t in items.iter() {
                        out = self.union(&out, t).map_err(|c| {
                            self.conflict_error(
                                c,
                                "the items of a tuple indexed by a variable",
                                None,
                                span,
                            )
                        })?;
                    }
                    out
                }
                _ => return need_int(self, "tuple"),
            },
            S::Dict { def, .. } => {
                let def = *def;
                let origin = self.origin(f, &op.args[1], span);
                self.dict_key_check(index, span)?;
                self.dict_store(def, Some(index), None, origin)?;
                self.depend_dict(def);
                self.a.dictdef(def).value.clone()
            }
            other => {
                return Err(self.error(span, format!("{} cannot be indexed", self.show(other))))
            }
        })
    }

    fn setitem(
        &mut self,
        op: &Op,
        obj: &SomeValue,
        index: &SomeValue,
        v: &SomeValue,
    ) -> DResult<()> {
        let span = op.span;
        match obj {
            S::List { def, .. } => {
                if !index.is_intlike() {
                    return Err(self.error(
                        span,
                        format!("list indices must be ints, not {}", self.show(index)),
                    ));
                }
                self.list_store(*def, v, span)?;
                self.list_mutate(*def, false, span);
            }
            S::Dict { def, .. } => {
                self.dict_key_check(index, span)?;
                self.dict_store(*def, Some(index), Some(v), span)?;
            }
            other => {
                return Err(self.error(
                    span,
                    format!("{} does not support item assignment", self.show(other)),
                ))
            }
        }
        Ok(())
    }

    /// Dict keys are ints, strs or instances (by identity).
    pub fn dict_key_check(&self, key: &SomeValue, span: rpy_front::Span) -> DResult<()> {
        match key {
            S::Int { .. } | S::Bool | S::Str { .. } | S::Instance { .. } | S::Impossible => Ok(()),
            other => Err(self.error(
                span,
                format!(
                    "dict keys must be ints, strs or instances, not {}",
                    self.show(other)
                ),
            )),
        }
    }

    fn jit_hint(&mut self, f: FuncId, op: &Op, args: &[SomeValue]) -> DResult<()> {
        let Some(ConstValue::Driver(d)) = op.args[0].as_const() else {
            return Ok(());
        };
        let d = *d;
        let ngreens = self.prog.drivers[d.index()].greens.len();
        if op.kind == OpKind::JitMergePoint {
            self.a.drivers[d.index()].portal = Some(f);
        }
        for (i, (ann, v)) in args[1..].iter().zip(&op.args[1..]).enumerate() {
            let (slot, name) = if i < ngreens {
                (
                    self.a.drivers[d.index()].greens[i].clone(),
                    self.prog.drivers[d.index()].greens[i].clone(),
                )
            } else {
                (
                    self.a.drivers[d.index()].reds[i - ngreens].clone(),
                    self.prog.drivers[d.index()].reds[i - ngreens].clone(),
                )
            };
            let origin = self.origin(f, v, op.span);
            let merged = self.union(&slot, ann).map_err(|c| {
                self.conflict_error(c, &format!("'{name}' of the JIT driver"), None, origin)
            })?;
            if i < ngreens {
                self.a.drivers[d.index()].greens[i] = merged;
            } else {
                self.a.drivers[d.index()].reds[i - ngreens] = merged;
            }
        }
        // the JIT calls get_printable_location with the greens
        let printable = self.prog.drivers[d.index()].get_printable_location;
        if let (Some(g), OpKind::JitMergePoint) = (printable, op.kind) {
            let greens: Vec<_> = self.a.drivers[d.index()]
                .greens
                .iter()
                .map(|a| (a.clone(), op.span))
                .collect();
            let bound = self.bind(g, greens, Vec::new(), op.span)?;
            self.call_function(g, bound, op.span)?;
        }
        Ok(())
    }
}

pub(super) fn binary_symbol(k: OpKind) -> &'static str {
    use OpKind as K;
    match k {
        K::Add | K::InplaceAdd => "+",
        K::Sub => "-",
        K::Mul | K::InplaceMul => "*",
        K::TrueDiv => "/",
        K::FloorDiv => "//",
        K::Mod => "%",
        K::Pow => "**",
        K::LShift => "<<",
        K::RShift => ">>",
        K::And => "&",
        K::Or => "|",
        K::Xor => "^",
        _ => "?",
    }
}

fn unary_symbol(k: OpKind) -> &'static str {
    match k {
        OpKind::Neg => "-",
        OpKind::Pos => "+",
        _ => "~",
    }
}
