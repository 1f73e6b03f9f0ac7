//! The trace verifier: every box is defined once before it is used, every
//! op has the arity, argument kinds and descr its table entry asks for,
//! guards carry fail arguments, and the trace ends with `jump` or `finish`.

use super::opcode::{Arity, ResultKind};
use super::{Descr, Descrs, Kind, Opcode, Trace, Value};

pub fn verify(t: &Trace, descrs: &Descrs) -> Result<(), String> {
    let mut defined = vec![false; t.kinds.len()];
    let define = |v: super::Var, defined: &mut Vec<bool>| -> Result<(), String> {
        if v.index() >= defined.len() {
            return Err(format!("box {} has no kind", v.0));
        }
        if std::mem::replace(&mut defined[v.index()], true) {
            return Err(format!("box {} defined twice", v.0));
        }
        Ok(())
    };
    for &v in &t.inputargs {
        define(v, &mut defined)?;
    }
    let last = t.ops.len().saturating_sub(1);
    for (n, op) in t.ops.iter().enumerate() {
        let at = |e: String| format!("op {n} ({}): {e}", op.opcode.name());
        let info = op.opcode.info();
        let used = op
            .args
            .iter()
            .chain(op.guard.iter().flat_map(|g| g.fail_args.iter()));
        for a in used {
            if let Value::Var(v) = a {
                if !defined.get(v.index()).copied().unwrap_or(false) {
                    return Err(at(format!("box {} used before it is defined", v.0)));
                }
            }
        }
        if let Arity::Fixed(k) = info.arity {
            if op.args.len() != k as usize {
                return Err(at(format!("expects {k} arguments, has {}", op.args.len())));
            }
        }
        if info.has_descr != op.descr.is_some()
            && op.opcode != Opcode::Jump
            && op.opcode != Opcode::Finish
            && op.opcode != Opcode::Label
        {
            return Err(at("descr missing or unexpected".into()));
        }
        if op.opcode.is_guard() != op.guard.is_some() {
            return Err(at("guards (and only guards) carry fail arguments".into()));
        }
        match (info.result, op.result) {
            (ResultKind::None, None) => {}
            (ResultKind::Is(k), Some(r)) => {
                define(r, &mut defined).map_err(at)?;
                if t.kind(r) != k {
                    return Err(at(format!("result kind {:?}, expected {k:?}", t.kind(r))));
                }
            }
            _ => return Err(at("result present or missing against the op table".into())),
        }
        if let Some(d) = op.descr {
            if d.0 as usize >= descrs.all().len() {
                return Err(at("descr out of range".into()));
            }
            if let (Descr::Call { args, .. }, true) = (descrs.get(d), op.opcode.is_call()) {
                if args.len() != op.args.len() {
                    return Err(at(format!("call descr takes {} arguments", args.len())));
                }
                for (a, k) in op.args.iter().zip(args) {
                    if t.value_kind(*a) != *k {
                        return Err(at("call argument of the wrong kind".into()));
                    }
                }
            }
        }
        let needs_int = matches!(op.opcode, Opcode::GuardTrue | Opcode::GuardFalse);
        if needs_int && t.value_kind(op.args[0]) != Kind::Int {
            return Err(at("guard on a non-int".into()));
        }
        if matches!(op.opcode, Opcode::Jump | Opcode::Finish) && n != last {
            return Err(at("jump/finish must end the trace".into()));
        }
    }
    match t.ops.last().map(|o| o.opcode) {
        Some(Opcode::Jump) | Some(Opcode::Finish) => Ok(()),
        _ => Err("a trace ends with jump or finish".into()),
    }
}
