//! Traces as text, in PyPy's log style: the input arguments in brackets,
//! then one op per line (`i3 = int_add(i1, i2)`, `guard_true(i4) [i1, p2]`,
//! `setfield_gc(p1, i3, descr=list.len)`, `jump(i1, p2, descr=L0)`).

use super::{Descr, Descrs, Kind, Op, Opcode, Trace, Value, Var};
use std::fmt::Write;

/// A box's name: `i3`, `p2`, `f1`.
pub fn var_name(t: &Trace, v: Var) -> String {
    format!("{}{}", t.kind(v).letter(), v.0)
}

/// A constant as text: ints in decimal, floats with a point (or `inf`,
/// `nan`), pointers as `ConstPtr(0x…)` (`ConstPtr(null)` for 0).
pub fn const_text(k: Kind, bits: u64) -> String {
    match k {
        Kind::Int => (bits as i64).to_string(),
        Kind::Float => {
            let x = f64::from_bits(bits);
            if x.is_finite() && x == x.trunc() && x.abs() < 1e16 {
                format!("{x:.1}")
            } else {
                format!("{x:?}")
            }
        }
        Kind::Ref if bits == 0 => "ConstPtr(null)".to_string(),
        Kind::Ref => format!("ConstPtr({bits:#x})"),
    }
}

pub fn value_text(t: &Trace, v: Value) -> String {
    match v {
        Value::Var(x) => var_name(t, x),
        Value::Const(k, bits) => const_text(k, bits),
    }
}

/// One op as a line (without newline).
pub fn op_text(t: &Trace, descrs: &Descrs, op: &Op) -> String {
    let mut s = String::new();
    if let Some(r) = op.result {
        let _ = write!(s, "{} = ", var_name(t, r));
    }
    if op.opcode == Opcode::DebugMergePoint {
        let loc = op.descr.map_or("", |d| descrs.get(d).name());
        let _ = write!(s, "debug_merge_point('{loc}')");
        return s;
    }
    s.push_str(op.opcode.name());
    s.push('(');
    let mut parts: Vec<String> = op.args.iter().map(|a| value_text(t, *a)).collect();
    if let Some(d) = op.descr {
        parts.push(format!("descr={}", descrs.get(d).name()));
    }
    s.push_str(&parts.join(", "));
    s.push(')');
    if let Some(g) = &op.guard {
        let fa: Vec<String> = g
            .fail_args
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let cond = if g.cond_at.contains(&i) { "cond=" } else { "" };
                format!("{cond}{}", value_text(t, *a))
            })
            .collect();
        let _ = write!(s, " [{}]", fa.join(", "));
    }
    s
}

/// The whole trace: `[inputargs]` then the ops.
pub fn trace_text(t: &Trace, descrs: &Descrs) -> String {
    let mut s = String::new();
    let ins: Vec<String> = t.inputargs.iter().map(|v| var_name(t, *v)).collect();
    let _ = writeln!(s, "[{}]", ins.join(", "));
    for op in &t.ops {
        let _ = writeln!(s, "{}", op_text(t, descrs, op));
        if let Some(g) = op.guard.as_ref().filter(|g| !g.virtuals.is_empty()) {
            let _ = writeln!(s, "{}", virtuals_text(g, descrs));
        }
        if let Some(g) = op.guard.as_ref().filter(|g| !g.offsets.is_empty()) {
            let o: Vec<String> = g
                .offsets
                .iter()
                .map(|(p, k)| format!("[{p}]{k:+}"))
                .collect();
            let _ = writeln!(s, "# offsets: {}", o.join(" "));
        }
        if let Some(g) = op.guard.as_ref().filter(|g| !g.pending.is_empty()) {
            let p: Vec<String> = g
                .pending
                .iter()
                .map(|p| {
                    let index = p.index.map_or(String::new(), |i| format!("[@{i}]"));
                    let name = descrs.get(p.descr).name();
                    format!("@{}{index}.{name}=@{}", p.obj, p.value)
                })
                .collect();
            let _ = writeln!(s, "# pending: {}", p.join(" "));
        }
    }
    s
}

/// A guard's removed objects as a comment line (the parser skips it):
/// `# virtuals: [0]=v0 v0=point(point.x=@3, point.next=v1)`, `@3` being
/// fail argument 3.
pub fn virtuals_text(g: &super::GuardInfo, descrs: &Descrs) -> String {
    use super::VirtualField;
    let mut s = String::from("# virtuals:");
    for (pos, v) in &g.virtual_at {
        let _ = write!(s, " [{pos}]=v{v}");
    }
    for (n, v) in g.virtuals.iter().enumerate() {
        let fields: Vec<String> = v
            .fields
            .iter()
            .map(|(d, f)| match f {
                VirtualField::FailArg(k) => format!("{}=@{k}", descrs.get(*d).name()),
                VirtualField::Virtual(k) => format!("{}=v{k}", descrs.get(*d).name()),
            })
            .collect();
        let _ = write!(
            s,
            " v{n}={}({})",
            descrs.get(v.size).name(),
            fields.join(", ")
        );
    }
    s
}

/// The declarations of the descrs a trace uses, in the parser's syntax
/// (`@field list.len 8 8 i`), so a printed trace parses back.
pub fn descr_decls(t: &Trace, descrs: &Descrs) -> String {
    let mut used: Vec<super::DescrId> = t.ops.iter().filter_map(|o| o.descr).collect();
    used.sort();
    used.dedup();
    let mut s = String::new();
    for d in used {
        let line = match descrs.get(d) {
            Descr::Field {
                name,
                offset,
                size,
                kind,
                immutable,
            } => format!(
                "@field {name} {offset} {size} {}{}",
                kind.letter(),
                if *immutable { " immutable" } else { "" }
            ),
            Descr::Array {
                name,
                base,
                item_size,
                kind,
                immutable,
            } => format!(
                "@array {name} {base} {item_size} {}{}",
                kind.letter(),
                if *immutable { " immutable" } else { "" }
            ),
            Descr::Size {
                name,
                size,
                tid,
                vtable,
                vtable_offset,
            } => format!("@size {name} {size} {tid} {vtable:#x} {vtable_offset}"),
            Descr::Call {
                name,
                args,
                result,
                effect,
                can_raise,
                ..
            } => {
                let a: String = args.iter().map(|k| k.letter()).collect();
                let r = result.map_or('n', |k| k.letter());
                let e = match effect {
                    super::CallEffect::Elidable => "elidable",
                    super::CallEffect::ReadsOnly => "readonly",
                    super::CallEffect::Any => "any",
                };
                format!(
                    "@call {name} {a}:{r} {e}{}",
                    if *can_raise { " raises" } else { "" }
                )
            }
            Descr::Label { .. } | Descr::Location { .. } => continue,
        };
        let _ = writeln!(s, "{line}");
    }
    s
}
