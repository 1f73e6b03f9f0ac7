//! Program-wide layouts: instance fields per class, vtables (class
//! constants and methods read through instances), prebuilt objects and the
//! LL types of JIT drivers.

use super::convert::const_to_type;
use super::{RTyper, MSG_FIELD};
use crate::ll::{LLClass, LLConst, LLDriver, LLPrebuilt, LLPrebuiltInit, LLType};
use indexmap::IndexMap;
use rpy_front::program::{builtin_class, ClassId, ConstValue, Prebuilt};
use rpy_front::{DResult, Diagnostic};

/// Every class's instance fields, the base's first. `BaseException`
/// holds the message of every exception.
pub(super) fn fields(rt: &RTyper) -> DResult<Vec<IndexMap<String, LLType>>> {
    let mut out: Vec<IndexMap<String, LLType>> = Vec::new();
    for c in &rt.prog.classes {
        let mut fields = c.base.map(|b| out[b.index()].clone()).unwrap_or_default();
        if c.id == builtin_class::BASE_EXCEPTION {
            fields.insert(MSG_FIELD.to_string(), LLType::Str);
        }
        for (name, info) in rt.ann.attrs.get(c.id.index()).into_iter().flatten() {
            let t = rt
                .ll(&info.ann)
                .map_err(|e| Diagnostic::error(info.origin.unwrap_or(c.span), e))?;
            fields.insert(name.clone(), t);
        }
        out.push(fields);
    }
    Ok(out)
}

pub(super) fn classes(rt: &RTyper) -> DResult<Vec<LLClass>> {
    let mut out = Vec::new();
    for c in &rt.prog.classes {
        let mut immutable_fields = c.base.map_or(Default::default(), |b| {
            let base: &LLClass = &out[b.index()];
            base.immutable_fields.clone()
        });
        immutable_fields.extend(&c.immutable_fields);
        let is_exception = rt.prog.is_subclass(c.id, builtin_class::BASE_EXCEPTION);
        let mut cls = LLClass {
            id: Some(c.id),
            name: c.name.clone(),
            base: c.base,
            fields: rt.fields[c.id.index()].clone(),
            immutable_fields,
            is_exception,
            // The runtime raises builtin exceptions itself.
            instantiated: rt.is_instantiated(c.id) || (c.builtin && is_exception),
            ..LLClass::default()
        };
        for ((owner, slot), t) in rt.class_attr_slots.borrow().iter() {
            if rt.prog.is_subclass(c.id, *owner) {
                let value = match slot.value(rt.prog, c.id) {
                    Some(v) => {
                        const_to_type(rt, &v, t).map_err(|e| Diagnostic::error(c.span, e))?
                    }
                    None => super::convert::default_value(t),
                };
                cls.class_attrs.insert(slot.name(), (t.clone(), value));
            }
        }
        for ((owner, name), t) in rt.vtable_slots.borrow().iter() {
            if rt.prog.is_subclass(c.id, *owner) {
                let f = rt
                    .prog
                    .lookup_method(c.id, name)
                    .filter(|&f| rt.ann.is_reached(f));
                cls.vtable.insert(name.clone(), (t.clone(), f));
            }
        }
        cls.missing_methods = rt
            .missing_methods
            .borrow()
            .iter()
            .filter(|(d, name)| *d == c.id && cls.vtable.get(name).is_some_and(|e| e.1.is_none()))
            .map(|(_, name)| name.clone())
            .collect();
        out.push(cls);
    }
    Ok(out)
}

pub(super) fn prebuilt(rt: &RTyper) -> DResult<Vec<LLPrebuilt>> {
    let span = |_| rt.fp.graph(rt.prog.entry).span;
    rt.prog
        .prebuilt
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let ann = &rt.ann.prebuilt[i];
            if ann.is_impossible() {
                return Ok(LLPrebuilt {
                    ty: LLType::Void,
                    init: LLPrebuiltInit::Unused,
                });
            }
            let err = |e: String| Diagnostic::error(span(i), e);
            let ty = rt.ll(ann).map_err(err)?;
            let init = match (p, &ty) {
                (Prebuilt::List(items), LLType::List { item, .. }) => LLPrebuiltInit::List(
                    items
                        .iter()
                        .map(|v| const_to_type(rt, v, item))
                        .collect::<Result<_, _>>()
                        .map_err(err)?,
                ),
                (Prebuilt::Dict(pairs), LLType::Dict(k, v)) => LLPrebuiltInit::Dict(
                    pairs
                        .iter()
                        .map(|(a, b)| Ok((const_to_type(rt, a, k)?, const_to_type(rt, b, v)?)))
                        .collect::<Result<_, String>>()
                        .map_err(err)?,
                ),
                (Prebuilt::Instance { class, fields }, LLType::Instance(..)) => {
                    LLPrebuiltInit::Instance {
                        class: *class,
                        fields: instance_fields(rt, *class, fields).map_err(err)?,
                    }
                }
                _ => return Err(err(format!("a prebuilt object typed {ty}"))),
            };
            Ok(LLPrebuilt { ty, init })
        })
        .collect()
}

/// The initial fields of a prebuilt instance of `class`, in layout order:
/// a field's value set at import time (the last one), else its class-level
/// default; fields with neither stay zero.
fn instance_fields(
    rt: &RTyper,
    class: ClassId,
    set: &[(String, ConstValue)],
) -> Result<Vec<(String, LLConst)>, String> {
    let layout = &rt.fields[class.index()];
    if let Some((name, _)) = set.iter().find(|(n, _)| !layout.contains_key(n)) {
        let c = &rt.prog.class(class).name;
        return Err(format!(
            "a prebuilt {c} sets '{name}', which is no field of {c}"
        ));
    }
    layout
        .iter()
        .filter_map(|(name, t)| {
            let v = set
                .iter()
                .rev()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v)
                .or_else(|| rt.prog.lookup_class_attr(class, name))?;
            Some(const_to_type(rt, v, t).map(|k| (name.clone(), k)))
        })
        .collect()
}

pub(super) fn drivers(rt: &RTyper) -> DResult<Vec<LLDriver>> {
    rt.prog
        .drivers
        .iter()
        .map(|d| {
            let info = rt
                .ann
                .drivers
                .get(d.id.index())
                .cloned()
                .unwrap_or_default();
            let typed = |names: &[String], anns: &[crate::annotate::SomeValue]| {
                names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| {
                        let a = anns
                            .get(i)
                            .cloned()
                            .unwrap_or(crate::annotate::SomeValue::Impossible);
                        Ok((
                            n.clone(),
                            rt.ll(&a).map_err(|e| Diagnostic::error(d.span, e))?,
                        ))
                    })
                    .collect::<DResult<Vec<_>>>()
            };
            Ok(LLDriver {
                name: d.name.clone(),
                greens: typed(&d.greens, &info.greens)?,
                reds: typed(&d.reds, &info.reds)?,
                portal: info.portal,
                get_printable_location: d.get_printable_location.filter(|&f| rt.ann.is_reached(f)),
            })
        })
        .collect()
}
