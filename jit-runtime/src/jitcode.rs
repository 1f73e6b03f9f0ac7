//! Jitcodes: the register bytecode the codewriter makes of each graph the
//! JIT may trace (the portal and the graphs it reaches), with live
//! registers at every instruction a guard can resume from. Run by the
//! meta-interpreter (tracing) and the blackhole alike. Encoded to bytes at
//! translation time and embedded in the `-jit` target.

use crate::ir::{CallEffect, Kind, Opcode};

/// A register of one jitcode frame.
pub type Reg = u16;

/// An operand: a register, a 64-bit constant (of the kind its use asks),
/// or entry N of the target's table of constant addresses (prebuilt
/// objects, string constants, vtables, functions: known only at run time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Src {
    Reg(Reg),
    Const(u64),
    Addr(u32),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Insn {
    /// `dst = op(args)`: a pure op, a heap op (with its descr) or `new`.
    Op {
        op: Opcode,
        args: Vec<Src>,
        dst: Option<Reg>,
        descr: Option<u32>,
    },
    /// `dst = op(args)` of an overflow-checked op (`int_add_ovf`, …); when
    /// it overflows, go to `ovf` instead (`dst` is not written). PyPy's
    /// `int_add_jump_if_ovf`: the tracer records the op and
    /// `guard_no_overflow` (or `guard_overflow`).
    OpOvf {
        op: Opcode,
        args: Vec<Src>,
        dst: Option<Reg>,
        ovf: u32,
    },
    /// `dst = call(args)` of a runtime function (call descr); when it
    /// raises, go to `handler` (a `Catch`) or leave the frame.
    Call {
        descr: u32,
        args: Vec<Src>,
        dst: Option<Reg>,
        handler: Option<u32>,
    },
    /// `dst = code(args)`: another jitcode, inlined when tracing. With
    /// `native` (a call descr running the callee natively: calls that
    /// re-enter the portal), the blackhole always calls it natively and the
    /// tracer does when it is already inside an inlined portal call.
    Inline {
        code: u32,
        args: Vec<Src>,
        dst: Option<Reg>,
        handler: Option<u32>,
        native: Option<(u32, Vec<Src>)>,
    },
    Goto(u32),
    /// Go to `then` when `cond` is non-zero, else to `else_`.
    If {
        cond: Src,
        then: u32,
        else_: u32,
    },
    Switch {
        value: Src,
        cases: Vec<(u64, u32)>,
        default: u32,
    },
    /// Parallel moves (the arguments of a link).
    Move(Vec<(Src, Reg)>),
    Return(Option<Src>),
    /// Raise the exception object.
    Raise(Src),
    /// An exception is pending: the first handler whose class (an entry
    /// of the constant-address table: its vtable) the exception is an
    /// instance of takes it into its register and goes to its target;
    /// none matching, leave the frame.
    Catch(Vec<(u64, Reg, u32)>),
    /// `jit_merge_point`: the greens, then the reds.
    MergePoint(Vec<Src>),
    /// `can_enter_jit` (nothing to do for the tracer and the blackhole).
    CanEnterJit,
    /// `dst = promote(src)`: a constant in the trace from here on.
    Promote {
        src: Src,
        dst: Reg,
    },
    /// `dst` = the class (vtable address) of the instance `obj`, a
    /// constant in the trace from here on: PyPy's `guard_class`, recorded
    /// only when the tracer does not know the class already (an object
    /// the trace allocated, a constant, a class guarded before).
    ClassOf {
        obj: Src,
        dst: Reg,
    },
    /// `dst = isinstance(obj, class)` (`class`: a vtable; false for null),
    /// a constant in the trace: the object's class is guarded as for
    /// `ClassOf` (null-ness as well).
    InstanceOf {
        obj: Src,
        class: Src,
        dst: Reg,
    },
    /// `dst = func(args)` through a function address: the tracer inlines
    /// the callee's jitcode when `func` is a constant with one (`funcs`),
    /// else (and in the blackhole) `call` runs it natively.
    CallIndirect {
        func: Src,
        args: Vec<Src>,
        call: (u32, Vec<Src>),
        dst: Option<Reg>,
        handler: Option<u32>,
    },
}

impl Insn {
    /// Where an exception raised by this call goes (a `Catch`), if any.
    pub fn handler(&self) -> Option<u32> {
        match self {
            Insn::Call { handler, .. }
            | Insn::Inline { handler, .. }
            | Insn::CallIndirect { handler, .. } => *handler,
            _ => None,
        }
    }

    /// Where a call that may be inlined puts its result.
    pub fn call_dst(&self) -> Option<Reg> {
        match self {
            Insn::Inline { dst, .. } | Insn::CallIndirect { dst, .. } => *dst,
            _ => None,
        }
    }
}

/// How a runtime function is described to the JIT (its address comes from
/// the target's table at start-up).
#[derive(Clone, Debug, PartialEq)]
pub struct CallInfo {
    pub name: String,
    pub args: Vec<Kind>,
    pub result: Option<Kind>,
    pub effect: CallEffect,
    pub can_raise: bool,
}

/// A field or array-items place (its offset comes from the target).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldInfo {
    pub name: String,
    pub size: u8,
    pub kind: Kind,
    pub immutable: bool,
    /// An array's items rather than one field.
    pub array: bool,
}

/// An allocation size (the numbers come from the target).
#[derive(Clone, Debug, PartialEq)]
pub struct SizeInfo {
    pub name: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct JitCode {
    pub name: String,
    /// The kind of every register.
    pub kinds: Vec<Kind>,
    pub params: Vec<Reg>,
    pub insns: Vec<Insn>,
    /// Per instruction, the registers live before it (only for the
    /// instructions a guard can resume from; empty otherwise).
    pub live: Vec<Vec<Reg>>,
}

/// The driver of the portal.
#[derive(Clone, Debug, PartialEq)]
pub struct DriverInfo {
    pub name: String,
    pub greens: Vec<Kind>,
    pub reds: Vec<Kind>,
    /// The portal's jitcode.
    pub portal: u32,
    /// The instruction index of the portal's merge point.
    pub merge_point: u32,
}

/// Everything the codewriter produces for one program.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct JitCodes {
    pub codes: Vec<JitCode>,
    pub calls: Vec<CallInfo>,
    pub fields: Vec<FieldInfo>,
    pub sizes: Vec<SizeInfo>,
    pub drivers: Vec<DriverInfo>,
    /// The functions an indirect call may inline: (the `Src::Addr` entry
    /// of the function's address, its jitcode, whether calling it may
    /// re-enter the portal — then only one portal level is inlined).
    pub funcs: Vec<(u32, u32, bool)>,
}

// ---- encoding: a stream of LEB128 numbers and length-prefixed strings

struct Writer(Vec<u8>);

impl Writer {
    fn n(&mut self, mut x: u64) {
        loop {
            let b = (x & 0x7f) as u8;
            x >>= 7;
            if x == 0 {
                self.0.push(b);
                return;
            }
            self.0.push(b | 0x80);
        }
    }
    fn s(&mut self, s: &str) {
        self.n(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn kind(&mut self, k: Kind) {
        self.n(k as u64);
    }
    fn src(&mut self, s: &Src) {
        match s {
            Src::Reg(r) => {
                self.n(0);
                self.n(*r as u64);
            }
            Src::Const(c) => {
                self.n(1);
                self.n(*c);
            }
            Src::Addr(a) => {
                self.n(2);
                self.n(*a as u64);
            }
        }
    }
    fn srcs(&mut self, v: &[Src]) {
        self.n(v.len() as u64);
        v.iter().for_each(|s| self.src(s));
    }
    fn opt(&mut self, x: Option<u64>) {
        match x {
            None => self.n(0),
            Some(x) => self.n(x + 1),
        }
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn n(&mut self) -> u64 {
        let mut x = 0u64;
        let mut shift = 0;
        loop {
            let b = self.b[self.at];
            self.at += 1;
            x |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return x;
            }
            shift += 7;
        }
    }
    fn u32(&mut self) -> u32 {
        self.n() as u32
    }
    fn reg(&mut self) -> Reg {
        self.n() as Reg
    }
    fn s(&mut self) -> String {
        let len = self.n() as usize;
        let s = String::from_utf8_lossy(&self.b[self.at..self.at + len]).into_owned();
        self.at += len;
        s
    }
    fn kind(&mut self) -> Kind {
        match self.n() {
            0 => Kind::Int,
            1 => Kind::Ref,
            _ => Kind::Float,
        }
    }
    fn src(&mut self) -> Src {
        match self.n() {
            0 => Src::Reg(self.reg()),
            1 => Src::Const(self.n()),
            _ => Src::Addr(self.u32()),
        }
    }
    fn srcs(&mut self) -> Vec<Src> {
        (0..self.n()).map(|_| self.src()).collect()
    }
    fn opt(&mut self) -> Option<u64> {
        match self.n() {
            0 => None,
            x => Some(x - 1),
        }
    }
    fn vec<T>(&mut self, mut f: impl FnMut(&mut Self) -> T) -> Vec<T> {
        let n = self.n();
        (0..n).map(|_| f(self)).collect()
    }
}

fn effect_code(e: CallEffect) -> u64 {
    match e {
        CallEffect::Elidable => 0,
        CallEffect::ReadsOnly => 1,
        CallEffect::Any => 2,
    }
}

fn effect_of(x: u64) -> CallEffect {
    match x {
        0 => CallEffect::Elidable,
        1 => CallEffect::ReadsOnly,
        _ => CallEffect::Any,
    }
}

fn write_insn(w: &mut Writer, i: &Insn) {
    let reg = |r: &Option<Reg>| r.map(|r| r as u64);
    let h = |h: &Option<u32>| h.map(|h| h as u64);
    match i {
        Insn::Op {
            op,
            args,
            dst,
            descr,
        } => {
            w.n(0);
            w.n(*op as u64);
            w.srcs(args);
            w.opt(reg(dst));
            w.opt(descr.map(|d| d as u64));
        }
        Insn::Call {
            descr,
            args,
            dst,
            handler,
        } => {
            w.n(1);
            w.n(*descr as u64);
            w.srcs(args);
            w.opt(reg(dst));
            w.opt(h(handler));
        }
        Insn::Inline {
            code,
            args,
            dst,
            handler,
            native,
        } => {
            w.n(2);
            w.n(*code as u64);
            w.srcs(args);
            w.opt(reg(dst));
            w.opt(h(handler));
            w.opt(native.as_ref().map(|(d, _)| *d as u64));
            if let Some((_, args)) = native {
                w.srcs(args);
            }
        }
        Insn::Goto(t) => {
            w.n(3);
            w.n(*t as u64);
        }
        Insn::If { cond, then, else_ } => {
            w.n(4);
            w.src(cond);
            w.n(*then as u64);
            w.n(*else_ as u64);
        }
        Insn::Switch {
            value,
            cases,
            default,
        } => {
            w.n(5);
            w.src(value);
            w.n(cases.len() as u64);
            for (c, t) in cases {
                w.n(*c);
                w.n(*t as u64);
            }
            w.n(*default as u64);
        }
        Insn::Move(moves) => {
            w.n(6);
            w.n(moves.len() as u64);
            for (s, r) in moves {
                w.src(s);
                w.n(*r as u64);
            }
        }
        Insn::Return(v) => {
            w.n(7);
            match v {
                None => w.n(0),
                Some(s) => {
                    w.n(1);
                    w.src(s);
                }
            }
        }
        Insn::Raise(s) => {
            w.n(8);
            w.src(s);
        }
        Insn::Catch(hs) => {
            w.n(9);
            w.n(hs.len() as u64);
            for (c, r, t) in hs {
                w.n(*c);
                w.n(*r as u64);
                w.n(*t as u64);
            }
        }
        Insn::MergePoint(args) => {
            w.n(10);
            w.srcs(args);
        }
        Insn::CanEnterJit => w.n(11),
        Insn::Promote { src, dst } => {
            w.n(12);
            w.src(src);
            w.n(*dst as u64);
        }
        Insn::ClassOf { obj, dst } => {
            w.n(13);
            w.src(obj);
            w.n(*dst as u64);
        }
        Insn::InstanceOf { obj, class, dst } => {
            w.n(14);
            w.src(obj);
            w.src(class);
            w.n(*dst as u64);
        }
        Insn::CallIndirect {
            func,
            args,
            call,
            dst,
            handler,
        } => {
            w.n(15);
            w.src(func);
            w.srcs(args);
            w.n(call.0 as u64);
            w.srcs(&call.1);
            w.opt(reg(dst));
            w.opt(h(handler));
        }
        Insn::OpOvf { op, args, dst, ovf } => {
            w.n(16);
            w.n(*op as u64);
            w.srcs(args);
            w.opt(reg(dst));
            w.n(*ovf as u64);
        }
    }
}

fn read_insn(r: &mut Reader) -> Insn {
    let reg = |x: Option<u64>| x.map(|x| x as Reg);
    let h = |x: Option<u64>| x.map(|x| x as u32);
    match r.n() {
        0 => Insn::Op {
            op: crate::ir::opcode::ALL_OPCODES[r.n() as usize],
            args: r.srcs(),
            dst: reg(r.opt()),
            descr: r.opt().map(|d| d as u32),
        },
        1 => Insn::Call {
            descr: r.u32(),
            args: r.srcs(),
            dst: reg(r.opt()),
            handler: h(r.opt()),
        },
        2 => {
            let code = r.u32();
            let args = r.srcs();
            let dst = reg(r.opt());
            let handler = h(r.opt());
            let native = h(r.opt()).map(|d| (d, r.srcs()));
            Insn::Inline {
                code,
                args,
                dst,
                handler,
                native,
            }
        }
        3 => Insn::Goto(r.u32()),
        4 => Insn::If {
            cond: r.src(),
            then: r.u32(),
            else_: r.u32(),
        },
        5 => Insn::Switch {
            value: r.src(),
            cases: r.vec(|r| (r.n(), r.u32())),
            default: r.u32(),
        },
        6 => Insn::Move(r.vec(|r| (r.src(), r.reg()))),
        7 => Insn::Return(match r.n() {
            0 => None,
            _ => Some(r.src()),
        }),
        8 => Insn::Raise(r.src()),
        9 => Insn::Catch(r.vec(|r| (r.n(), r.reg(), r.u32()))),
        10 => Insn::MergePoint(r.srcs()),
        11 => Insn::CanEnterJit,
        12 => Insn::Promote {
            src: r.src(),
            dst: r.reg(),
        },
        13 => Insn::ClassOf {
            obj: r.src(),
            dst: r.reg(),
        },
        14 => Insn::InstanceOf {
            obj: r.src(),
            class: r.src(),
            dst: r.reg(),
        },
        15 => Insn::CallIndirect {
            func: r.src(),
            args: r.srcs(),
            call: (r.u32(), r.srcs()),
            dst: reg(r.opt()),
            handler: h(r.opt()),
        },
        _ => Insn::OpOvf {
            op: crate::ir::opcode::ALL_OPCODES[r.n() as usize],
            args: r.srcs(),
            dst: reg(r.opt()),
            ovf: r.u32(),
        },
    }
}

impl JitCodes {
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer(Vec::new());
        w.n(self.codes.len() as u64);
        for c in &self.codes {
            w.s(&c.name);
            w.n(c.kinds.len() as u64);
            c.kinds.iter().for_each(|k| w.kind(*k));
            w.n(c.params.len() as u64);
            c.params.iter().for_each(|p| w.n(*p as u64));
            w.n(c.insns.len() as u64);
            c.insns.iter().for_each(|i| write_insn(&mut w, i));
            w.n(c.live.len() as u64);
            for l in &c.live {
                w.n(l.len() as u64);
                l.iter().for_each(|r| w.n(*r as u64));
            }
        }
        w.n(self.calls.len() as u64);
        for c in &self.calls {
            w.s(&c.name);
            w.n(c.args.len() as u64);
            c.args.iter().for_each(|k| w.kind(*k));
            w.opt(c.result.map(|k| k as u64));
            w.n(effect_code(c.effect));
            w.n(c.can_raise as u64);
        }
        w.n(self.fields.len() as u64);
        for f in &self.fields {
            w.s(&f.name);
            w.n(f.size as u64);
            w.kind(f.kind);
            w.n(f.immutable as u64);
            w.n(f.array as u64);
        }
        w.n(self.sizes.len() as u64);
        self.sizes.iter().for_each(|s| w.s(&s.name));
        w.n(self.drivers.len() as u64);
        for d in &self.drivers {
            w.s(&d.name);
            w.n(d.greens.len() as u64);
            d.greens.iter().for_each(|k| w.kind(*k));
            w.n(d.reds.len() as u64);
            d.reds.iter().for_each(|k| w.kind(*k));
            w.n(d.portal as u64);
            w.n(d.merge_point as u64);
        }
        w.n(self.funcs.len() as u64);
        for (addr, code, reenters) in &self.funcs {
            w.n(*addr as u64);
            w.n(*code as u64);
            w.n(*reenters as u64);
        }
        w.0
    }

    pub fn decode(bytes: &[u8]) -> JitCodes {
        let mut r = Reader { b: bytes, at: 0 };
        let codes = r.vec(|r| JitCode {
            name: r.s(),
            kinds: r.vec(|r| r.kind()),
            params: r.vec(|r| r.reg()),
            insns: r.vec(read_insn),
            live: r.vec(|r| r.vec(|r| r.reg())),
        });
        let calls = r.vec(|r| CallInfo {
            name: r.s(),
            args: r.vec(|r| r.kind()),
            result: r.opt().map(|k| match k {
                0 => Kind::Int,
                1 => Kind::Ref,
                _ => Kind::Float,
            }),
            effect: effect_of(r.n()),
            can_raise: r.n() != 0,
        });
        let fields = r.vec(|r| FieldInfo {
            name: r.s(),
            size: r.n() as u8,
            kind: r.kind(),
            immutable: r.n() != 0,
            array: r.n() != 0,
        });
        let sizes = r.vec(|r| SizeInfo { name: r.s() });
        let drivers = r.vec(|r| DriverInfo {
            name: r.s(),
            greens: r.vec(|r| r.kind()),
            reds: r.vec(|r| r.kind()),
            portal: r.u32(),
            merge_point: r.u32(),
        });
        let funcs = r.vec(|r| (r.u32(), r.u32(), r.n() != 0));
        JitCodes {
            codes,
            calls,
            fields,
            sizes,
            drivers,
            funcs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_round_trip() {
        let j = JitCodes {
            codes: vec![JitCode {
                name: "f".into(),
                kinds: vec![Kind::Int, Kind::Ref, Kind::Float],
                params: vec![0, 1],
                insns: vec![
                    Insn::Op {
                        op: Opcode::IntAdd,
                        args: vec![Src::Reg(0), Src::Const(u64::MAX)],
                        dst: Some(0),
                        descr: None,
                    },
                    Insn::Call {
                        descr: 3,
                        args: vec![Src::Reg(1), Src::Addr(4)],
                        dst: None,
                        handler: Some(5),
                    },
                    Insn::Switch {
                        value: Src::Reg(0),
                        cases: vec![(1, 2), (7, 0)],
                        default: 1,
                    },
                    Insn::Catch(vec![(0xdead, 1, 2)]),
                    Insn::Return(Some(Src::Reg(0))),
                    Insn::MergePoint(vec![Src::Reg(0), Src::Reg(1)]),
                    Insn::Promote {
                        src: Src::Reg(0),
                        dst: 0,
                    },
                    Insn::ClassOf {
                        obj: Src::Reg(1),
                        dst: 0,
                    },
                    Insn::InstanceOf {
                        obj: Src::Reg(1),
                        class: Src::Addr(2),
                        dst: 0,
                    },
                    Insn::CallIndirect {
                        func: Src::Reg(0),
                        args: vec![Src::Reg(1), Src::Const(3)],
                        call: (2, vec![Src::Reg(0), Src::Reg(1)]),
                        dst: Some(1),
                        handler: None,
                    },
                    Insn::OpOvf {
                        op: Opcode::IntMulOvf,
                        args: vec![Src::Reg(0), Src::Const(7)],
                        dst: Some(0),
                        ovf: 3,
                    },
                ],
                live: vec![vec![0, 1], vec![]],
            }],
            calls: vec![CallInfo {
                name: "g".into(),
                args: vec![Kind::Ref],
                result: Some(Kind::Float),
                effect: CallEffect::ReadsOnly,
                can_raise: true,
            }],
            fields: vec![FieldInfo {
                name: "list.len".into(),
                size: 8,
                kind: Kind::Int,
                immutable: true,
                array: false,
            }],
            sizes: vec![SizeInfo { name: "C".into() }],
            drivers: vec![DriverInfo {
                name: "d".into(),
                greens: vec![Kind::Int],
                reds: vec![Kind::Ref],
                portal: 0,
                merge_point: 5,
            }],
            funcs: vec![(2, 0, true)],
        };
        assert_eq!(JitCodes::decode(&j.encode()), j);
    }
}
