//! Jitcodes as text (`translate --dump=jitcodes`): each jitcode's
//! registers, then one instruction per line with its index, the registers
//! live before it where a guard may resume, and descrs by name.

use rpy_jit::jitcode::{Insn, JitCode, JitCodes, Src};
use std::fmt::Write;

fn src(s: &Src) -> String {
    match s {
        Src::Reg(r) => format!("r{r}"),
        Src::Const(c) => (*c as i64).to_string(),
        Src::Addr(a) => format!("addr{a}"),
    }
}

fn srcs(v: &[Src]) -> String {
    v.iter().map(src).collect::<Vec<_>>().join(", ")
}

fn dst(d: &Option<u16>) -> String {
    d.map_or(String::new(), |r| format!("r{r} = "))
}

fn handler(h: &Option<u32>) -> String {
    h.map_or(String::new(), |h| format!(" except -> {h}"))
}

fn insn(j: &JitCodes, i: &Insn) -> String {
    match i {
        Insn::Op {
            op,
            args,
            dst: d,
            descr,
        } => {
            let descr = descr.map_or(String::new(), |k| {
                let name = match op {
                    rpy_jit::ir::Opcode::New | rpy_jit::ir::Opcode::NewWithVtable => {
                        &j.sizes[k as usize].name
                    }
                    _ => &j.fields[k as usize].name,
                };
                format!(", descr={name}")
            });
            format!("{}{}({}{descr})", dst(d), op.name(), srcs(args))
        }
        Insn::Call {
            descr,
            args,
            dst: d,
            handler: h,
        } => format!(
            "{}call {}({}){}",
            dst(d),
            j.calls[*descr as usize].name,
            srcs(args),
            handler(h)
        ),
        Insn::Inline {
            code,
            args,
            dst: d,
            handler: h,
            native,
        } => format!(
            "{}inline {}({}){}{}",
            dst(d),
            j.codes[*code as usize].name,
            srcs(args),
            handler(h),
            native.as_ref().map_or(String::new(), |(n, a)| format!(
                " or native {}({})",
                j.calls[*n as usize].name,
                srcs(a)
            ))
        ),
        Insn::OpOvf {
            op,
            args,
            dst: d,
            ovf,
        } => format!("{}{}({}) else -> {ovf}", dst(d), op.name(), srcs(args)),
        Insn::Goto(t) => format!("goto {t}"),
        Insn::If { cond, then, else_ } => format!("if {} -> {then} else {else_}", src(cond)),
        Insn::Switch {
            value,
            cases,
            default,
        } => {
            let cs: Vec<String> = cases
                .iter()
                .map(|(c, t)| format!("{} -> {t}", *c as i64))
                .collect();
            format!("switch {} [{}] else {default}", src(value), cs.join(", "))
        }
        Insn::Move(moves) => {
            let ms: Vec<String> = moves
                .iter()
                .map(|(s, r)| format!("r{r} = {}", src(s)))
                .collect();
            format!("move {}", ms.join(", "))
        }
        Insn::Return(v) => format!("return {}", v.as_ref().map_or(String::new(), src)),
        Insn::Raise(v) => format!("raise {}", src(v)),
        Insn::Catch(hs) => {
            let hs: Vec<String> = hs
                .iter()
                .map(|(c, r, t)| format!("addr{c} as r{r} -> {t}"))
                .collect();
            format!("catch [{}]", hs.join(", "))
        }
        Insn::MergePoint(args) => format!("jit_merge_point({})", srcs(args)),
        Insn::CanEnterJit => "can_enter_jit".into(),
        Insn::Promote { src: s, dst: d } => format!("r{d} = promote({})", src(s)),
        Insn::ClassOf { obj, dst: d } => format!("r{d} = class_of({})", src(obj)),
        Insn::InstanceOf { obj, class, dst: d } => {
            format!("r{d} = instanceof({}, {})", src(obj), src(class))
        }
        Insn::CallIndirect {
            func,
            args,
            call,
            dst: d,
            handler: h,
        } => format!(
            "{}call_indirect {}({}){} or native {}({})",
            dst(d),
            src(func),
            srcs(args),
            handler(h),
            j.calls[call.0 as usize].name,
            srcs(&call.1)
        ),
    }
}

/// Is `i` a point a guard may resume from (its live registers are shown)?
fn resumable(i: &Insn) -> bool {
    matches!(
        i,
        Insn::If { .. }
            | Insn::OpOvf { .. }
            | Insn::Switch { .. }
            | Insn::Promote { .. }
            | Insn::Call { .. }
            | Insn::Inline { .. }
            | Insn::ClassOf { .. }
            | Insn::InstanceOf { .. }
            | Insn::CallIndirect { .. }
    )
}

fn code(j: &JitCodes, c: &JitCode, out: &mut String) {
    let regs: Vec<String> = c
        .kinds
        .iter()
        .enumerate()
        .map(|(i, k)| format!("r{i}:{}", k.letter()))
        .collect();
    let params: Vec<String> = c.params.iter().map(|p| format!("r{p}")).collect();
    let _ = writeln!(out, "jitcode {}({})", c.name, params.join(", "));
    let _ = writeln!(out, "  # registers {}", regs.join(" "));
    for (n, i) in c.insns.iter().enumerate() {
        let live = if resumable(i) {
            let l: Vec<String> = c.live[n].iter().map(|r| format!("r{r}")).collect();
            format!("    # live {}", l.join(" "))
        } else {
            String::new()
        };
        let _ = writeln!(out, "  {n:4}: {}{live}", insn(j, i));
    }
}

/// Every jitcode, then the drivers.
pub fn print_jitcodes(j: &JitCodes) -> String {
    let mut out = String::new();
    for c in &j.codes {
        code(j, c, &mut out);
        out.push('\n');
    }
    for d in &j.drivers {
        let _ = writeln!(
            out,
            "driver {}: portal {}, merge point at {}, {} greens, {} reds",
            d.name,
            j.codes[d.portal as usize].name,
            d.merge_point,
            d.greens.len(),
            d.reds.len()
        );
    }
    out
}
