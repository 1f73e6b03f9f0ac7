//! Descrs: the field, size and call descrs the jitcodes name, and the
//! call wrappers through which the JIT calls native code.

use super::*;

impl<'p> Writer<'p> {
    pub(super) fn field(&mut self, site: FieldSite, immutable: bool, kind: Kind, size: u8) -> u32 {
        if let Some(id) = self.field_ids.get(&(site.clone(), immutable)) {
            return *id;
        }
        let name = match &site {
            FieldSite::Instance { class, field } => {
                format!("{}.{field}", self.prog.class(*class).name)
            }
            FieldSite::ListLen => "list.len".into(),
            FieldSite::ListItems => "list.items".into(),
            FieldSite::ArrayItems(t) => format!("array.{t}"),
            FieldSite::ClassSlot { class, name, .. } => {
                format!("{}.vtable.{name}", self.prog.class(*class).name)
            }
        };
        let name = if immutable {
            format!("{name}.imm")
        } else {
            name
        };
        let id = self.out.jitcodes.fields.len() as u32;
        self.out.jitcodes.fields.push(FieldInfo {
            name,
            size,
            kind,
            immutable,
            array: matches!(site, FieldSite::ArrayItems(_)),
        });
        self.out.fields.push(site.clone());
        self.field_ids.insert((site, immutable), id);
        id
    }

    pub(super) fn size(&mut self, c: ClassId) -> u32 {
        if let Some(id) = self.size_ids.get(&c) {
            return *id;
        }
        let id = self.out.sizes.len() as u32;
        self.out.sizes.push(c);
        self.out.jitcodes.sizes.push(SizeInfo {
            name: self.prog.class(c).name.clone(),
        });
        self.size_ids.insert(c, id);
        id
    }

    /// A call of the wrapper running `op` natively.
    pub(super) fn call_wrapper(
        &mut self,
        c: &Code,
        block: LBlock,
        i: usize,
        op: &LLOp,
    ) -> (u32, Vec<Src>) {
        let g = c.g;
        let args: Vec<Src> = op
            .args
            .iter()
            .filter_map(|a| a.as_var())
            .filter_map(|v| c.reg(v).map(Src::Reg))
            .collect();
        let arg_kinds: Vec<Kind> = op
            .args
            .iter()
            .filter_map(|a| a.as_var())
            .filter_map(|v| kind_of(g.var_type(v)))
            .collect();
        let effect = match op.kind {
            K::DirectCall => match &op.args[0] {
                LLValue::Const(LLConst::Func(f)) => {
                    if self.prog.graph(*f).is_some_and(|g| g.hints.elidable) {
                        CallEffect::Elidable
                    } else {
                        CallEffect::Any
                    }
                }
                LLValue::Const(LLConst::Helper(h)) => call_effect(h.info().effect),
                _ => CallEffect::Any,
            },
            k => call_effect(k.effect()),
        };
        let name = match (&op.kind, op.args.first()) {
            (K::DirectCall, Some(LLValue::Const(LLConst::Func(f)))) => self
                .prog
                .graph(*f)
                .map_or("call".to_string(), |g| g.name.clone()),
            (K::DirectCall, Some(LLValue::Const(LLConst::Helper(h)))) => h.to_string(),
            (k, _) => k.name().to_string(),
        };
        let id = self.out.calls.len() as u32;
        self.out.jitcodes.calls.push(CallInfo {
            name: format!("{name}#{id}"),
            args: arg_kinds,
            result: kind_of(g.var_type(op.result)),
            effect,
            can_raise: self.facts.op_raises(op),
        });
        self.out.calls.push(CallSite {
            func: g.func,
            block: block.0,
            op: i as u32,
        });
        (id, args)
    }
}

/// What a call of a helper or an op with this effect may do, for the JIT:
/// one that only allocates writes nothing existing objects hold.
pub(super) fn call_effect(e: LLEffect) -> CallEffect {
    match e {
        LLEffect::Pure => CallEffect::Elidable,
        LLEffect::ReadsHeap | LLEffect::Allocates => CallEffect::ReadsOnly,
        _ => CallEffect::Any,
    }
}

/// The bytes a field or list item of this type takes (bools and chars
/// one).
pub(super) fn field_size(t: &LLType) -> u8 {
    match t {
        LLType::Bool | LLType::Char => 1,
        _ => 8,
    }
}

/// Is field `name` of `owner`'s layout declared in `_immutable_fields_`
/// by `owner` or one of its subclasses? (A field the annotator moved up to
/// a base class, because it is read through the base type, keeps its
/// subclass's declaration: one descr per field, whatever the static type
/// of an access.)
pub(super) fn declared_immutable(p: &LLProgram, owner: ClassId, name: &str) -> bool {
    let declares = |c: &rpy_rtyper::ll::LLClass| c.immutable_fields.declares(name);
    let below_owner = |c: &rpy_rtyper::ll::LLClass| {
        let mut at = c.id;
        while let Some(x) = at {
            if x == owner {
                return true;
            }
            at = p.class(x).base;
        }
        false
    };
    p.classes.iter().any(|c| below_owner(c) && declares(c))
}

/// The class whose layout declares field `name` (fields are inherited).
pub(super) fn owner_of(p: &LLProgram, mut c: ClassId, name: &str) -> ClassId {
    while let Some(b) = p.class(c).base {
        if !p.class(b).fields.contains_key(name) {
            break;
        }
        c = b;
    }
    c
}
