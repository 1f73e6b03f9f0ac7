//! The JIT side of a `-jit` target: the codewriter's jitcodes as static
//! data, the call wrappers (each runs one LL op natively on 64-bit words),
//! the tables of field offsets, instance sizes and constant addresses the
//! JIT reads at start-up, and the portal's calls into `rpy_jit` at
//! `jit_merge_point` and `can_enter_jit`.

use super::types::rust_type;
use super::Gen;
use jitgen::codewriter::{FieldSite, Output};
use rpy_rtyper::ll::{LLConst, LLGraph, LLOp, LLOpKind, LLType, LLValue, LVar};
use std::fmt::Write;

/// `bits` (a u64 expression) as a value of type `t`.
pub fn from_bits(t: &LLType, bits: &str) -> String {
    match t {
        LLType::Void => "()".into(),
        LLType::Bool => format!("({bits} != 0)"),
        LLType::Signed => format!("({bits} as i64)"),
        LLType::Char => format!("({bits} as u8)"),
        LLType::Float => format!("f64::from_bits({bits})"),
        LLType::Func(..) => format!(
            "std::mem::transmute::<usize, {}>({bits} as usize)",
            rust_type(t)
        ),
        _ => format!("({bits} as usize as {})", rust_type(t)),
    }
}

/// A value of type `t` as a u64 expression.
pub fn to_bits(t: &LLType, v: &str) -> String {
    match t {
        LLType::Void => "0u64".into(),
        LLType::Bool | LLType::Signed | LLType::Char => format!("({v} as u64)"),
        LLType::Float => format!("{v}.to_bits()"),
        _ => format!("({v} as usize as u64)"),
    }
}

impl Gen<'_> {
    /// The wrapper `jw_N` running op `op` of graph `g` on its variable
    /// operands.
    fn call_wrapper(&self, n: usize, g: &LLGraph, op: &LLOp) -> String {
        let mut s =
            format!("unsafe extern \"C\" fn jw_{n}(a: *const u64) -> u64 {{\n    unsafe {{\n");
        let mut k = 0;
        let mut seen: Vec<LVar> = Vec::new();
        for v in op.args.iter().filter_map(LLValue::as_var) {
            let t = g.var_type(v);
            if seen.contains(&v) {
                if *t != LLType::Void {
                    k += 1;
                }
                continue;
            }
            seen.push(v);
            if *t == LLType::Void {
                // passed as no word, still named by the op's code
                let _ = writeln!(s, "        let v{}: () = ();", v.0);
                continue;
            }
            let _ = writeln!(
                s,
                "        let v{}: {} = {};",
                v.0,
                rust_type(t),
                from_bits(t, &format!("*a.add({k})"))
            );
            k += 1;
        }
        let rt = g.var_type(op.result);
        let e = match self.op_code(g, op) {
            super::ops::OpCode::Plain(e) | super::ops::OpCode::Pending(e) => format!("{{ {e} }}"),
            super::ops::OpCode::Result(e) => {
                format!("match {e} {{ Ok(r) => r, Err(_) => return 0 }}")
            }
            super::ops::OpCode::Nothing(_) => "()".into(),
        };
        let _ = writeln!(s, "        let r: {} = {e};", rust_type(rt));
        let _ = writeln!(s, "        {}\n    }}\n}}", to_bits(rt, "r"));
        s
    }

    /// Everything a `-jit` target adds: wrappers, tables, `jit_target()`.
    pub fn emit_jit(&self, out: &Output) -> String {
        let mut s = String::from("// ---- JIT: jitcodes, call wrappers and tables\n");
        let bytes = out.jitcodes.encode();
        let _ = writeln!(s, "static JITCODES: [u8; {}] = {:?};", bytes.len(), bytes);
        for (n, site) in out.calls.iter().enumerate() {
            let g = self.prog.graph(site.func).expect("a wrapped graph");
            let op = &g.blocks[site.block as usize].ops[site.op as usize];
            s.push_str(&self.call_wrapper(n, g, op));
        }
        let calls: Vec<String> = (0..out.calls.len()).map(|n| format!("jw_{n}")).collect();
        let fields: Vec<String> = out.fields.iter().map(|f| self.field_offset(f)).collect();
        let sizes: Vec<String> = out
            .sizes
            .iter()
            .map(|c| {
                let vt = self.classes.vt_ptr(*c);
                format!(
                    "(((*{vt}).instance_size) as u64, (*{vt}).tid, {vt} as usize as u64, OBJECT_VTABLE_OFFSET as i64)"
                )
            })
            .collect();
        let addrs: Vec<String> = out
            .addrs
            .iter()
            .map(|c| format!("({} as usize as u64)", self.konst(c)))
            .collect();
        let mut locations = Vec::new();
        for (d, drv) in self.prog.drivers.iter().enumerate() {
            match drv.get_printable_location.and_then(|f| self.prog.graph(f)) {
                Some(g) => {
                    let args: Vec<String> = drv
                        .greens
                        .iter()
                        .enumerate()
                        .map(|(i, (_, t))| from_bits(t, &format!("g[{i}]")))
                        .collect();
                    // A one-character result is a byte, any other str a pointer.
                    let text = match g.result {
                        rpy_rtyper::ll::LLType::Char => "String::from_utf8_lossy(&[r]).into_owned()",
                        _ => "if r.is_null() { String::new() } else { String::from_utf8_lossy(str_bytes(r)).into_owned() }",
                    };
                    let _ = writeln!(
                        s,
                        "fn jit_location_{d}(g: &[u64]) -> String {{\n    unsafe {{ let r = {}({}); {text} }}\n}}",
                        self.fn_names[&g.func],
                        args.join(", ")
                    );
                    locations.push(format!("Some(jit_location_{d} as fn(&[u64]) -> String)"));
                }
                None => locations.push("None".into()),
            }
        }
        let _ = writeln!(
            s,
            "fn jit_target() -> rpy_jit::program::Target {{\n    unsafe {{\n        rpy_jit::program::Target {{\n            jitcodes: &JITCODES,\n            calls: vec![{}],\n            field_offsets: vec![{}],\n            sizes: vec![{}],\n            addrs: vec![{}],\n            locations: vec![{}],\n        }}\n    }}\n}}",
            calls
                .iter()
                .map(|c| format!("{c} as rpy_jit::mem::JitFn"))
                .collect::<Vec<_>>()
                .join(", "),
            fields.join(", "),
            sizes.join(", "),
            addrs.join(", "),
            locations.join(", ")
        );
        s
    }

    fn field_offset(&self, f: &FieldSite) -> String {
        match f {
            FieldSite::Instance { class, field } => {
                let cls = self.prog.class(*class);
                format!(
                    "offset_of!({}, {}) as i64",
                    self.classes.struct_name[class.index()],
                    super::classes::field_name(cls, field)
                )
            }
            FieldSite::ListLen => "RLIST_LEN_OFFSET as i64".into(),
            FieldSite::ListItems => "RLIST_ITEMS_OFFSET as i64".into(),
            FieldSite::ArrayItems(t) => {
                format!("offset_of!(RArray<{}>, data) as i64", rust_type(t))
            }
            FieldSite::ClassSlot {
                class,
                name,
                method,
            } => self.vtable_slot_offset(*class, name, *method),
        }
    }

    /// The portal's code at `jit_merge_point(driver, greens…, reds…)`.
    pub fn merge_point_code(&self, g: &LLGraph, op: &LLOp, zero: &str) -> Vec<String> {
        let Some(LLConst::Driver(driver)) = op.args[0].as_const() else {
            return vec!["// jit_merge_point".into()];
        };
        let di = driver.index();
        let args = &op.args[1..];
        let words: Vec<String> = args
            .iter()
            .map(|a| {
                let t = self.prog.value_type(g, a).unwrap_or(LLType::Signed);
                to_bits(&t, &self.value(a))
            })
            .collect();
        let counts_here = !self.portal_has_can_enter(g);
        let enter = if counts_here {
            format!(
                "rpy_jit::jit::count_at_merge_point({di}, &[{}])",
                words.join(", ")
            )
        } else {
            // a local flag: one register test per iteration of the
            // interpreter, nothing more, until a loop is hot
            "std::mem::take(&mut jit_pending)".to_string()
        };
        let mut lines = vec![
            "// jit_merge_point".to_string(),
            format!("if {enter} {{"),
            format!(
                "    let mut jv: [u64; {}] = [{}];",
                words.len(),
                words.join(", ")
            ),
            format!("    match rpy_jit::jit::merge_point({di}, &mut jv) {{"),
        ];
        let mut restart = Vec::new();
        for (i, a) in args.iter().enumerate() {
            if let LLValue::Var(v) = a {
                let t = g.var_type(*v);
                restart.push(format!("v{} = {};", v.0, from_bits(t, &format!("jv[{i}]"))));
            }
        }
        lines.push(format!("        1 => {{ {} }}", restart.join(" ")));
        let ret = from_bits(&g.result, "jv[0]");
        lines.push(format!("        2 => return {ret},"));
        lines.push(format!("        3 => return {zero},"));
        lines.push("        _ => {}".into());
        lines.push("    }".into());
        lines.push("}".into());
        lines
    }

    pub fn portal_has_can_enter(&self, g: &LLGraph) -> bool {
        g.blocks
            .iter()
            .flat_map(|b| &b.ops)
            .any(|o| o.kind == LLOpKind::CanEnterJit)
    }

    /// `can_enter_jit(driver, greens…, reds…)`: count the target's key.
    pub fn can_enter_code(&self, g: &LLGraph, op: &LLOp) -> String {
        let Some(LLConst::Driver(driver)) = op.args[0].as_const() else {
            return "// can_enter_jit".into();
        };
        let ng = self.prog.drivers[driver.index()].greens.len();
        let words: Vec<String> = op.args[1..1 + ng]
            .iter()
            .map(|a| {
                let t = self.prog.value_type(g, a).unwrap_or(LLType::Signed);
                to_bits(&t, &self.value(a))
            })
            .collect();
        format!(
            "if rpy_jit::jit::can_enter_jit({}, &[{}]) {{ jit_pending = true; }}",
            driver.index(),
            words.join(", ")
        )
    }
}
