//! Op selection: each LL op as jitcode instructions — pure machine ops,
//! strength-reduced divisions and shifts, field and vtable reads, calls
//! (inlined jitcode or a wrapper of the native code), the JIT hints.

use super::*;
use rpy_rtyper::ll::ops::Jit;

impl<'p> Writer<'p> {
    /// One LL op; `handler`: where an exception goes (the block's
    /// `Catch`), for the last op of an `on exception` block.
    pub(super) fn op(
        &mut self,
        c: &mut Code,
        block: LBlock,
        i: usize,
        op: &LLOp,
        handler: Option<u32>,
    ) {
        let dst = c.reg(op.result);
        let a: Vec<Src> = op.args.iter().map(|v| self.src(c, v)).collect();
        if let Some((o, args)) = strength_reduced(op, &a) {
            return pure(c, o, args, dst);
        }
        match op.kind.info().jit {
            Jit::Op(o) => pure(c, o, a, dst),
            Jit::OpConst(o, k) => pure(c, o, vec![a[0], Src::Const(k)], dst),
            Jit::Move => {
                if let Some(d) = dst {
                    c.emit(Insn::Move(vec![(a[0], d)]));
                }
            }
            Jit::Call => self.wrapped(c, block, i, op, handler),
            Jit::Ovf(o) => self.ovf_op(c, (block, i, op, handler), o, a, dst),
            Jit::Special => self.special_op(c, (block, i, op, handler), a, dst),
        }
    }

    /// The ops whose JIT form depends on the program or needs a guard.
    fn special_op(
        &mut self,
        c: &mut Code,
        site: (LBlock, usize, &LLOp, Option<u32>),
        a: Vec<Src>,
        dst: Option<Reg>,
    ) {
        let (block, i, op, handler) = site;
        match op.kind {
            K::IntMod | K::IntFloorDiv => self.py_division(c, site, &a),
            K::CastFloatToInt => self.float_to_int(c, site, a[0]),
            K::JitWeAreJitted | K::JitPromote | K::JitMergePoint | K::CanEnterJit => {
                jit_hint(c, op, &a, dst)
            }
            K::Malloc => {
                let Some(LLConst::Class(cls)) = op.args[0].as_const() else {
                    unreachable!("malloc of a non-class")
                };
                let d = self.size(*cls);
                c.emit(Insn::Op {
                    op: Opcode::NewWithVtable,
                    args: vec![],
                    dst,
                    descr: Some(d),
                });
            }
            K::GetField | K::SetField => self.field_op(c, op, &a, dst),
            K::ListLen => {
                let t = c.list_type(self.prog, &op.args[0]);
                let (len, ..) = self.list_fields(&t);
                c.emit(Insn::Op {
                    op: Opcode::GetfieldGcI,
                    args: vec![a[0]],
                    dst,
                    descr: Some(len),
                });
            }
            K::ListGetItem | K::ListGetItemNonneg | K::ListSetItem | K::ListSetItemNonneg => {
                self.list_item(c, block, i, op, &a, handler);
            }
            K::VtableMethod | K::GetClassAttr => self.class_slot(c, op, &a, dst),
            K::InstanceOf => {
                if let Some(d) = dst {
                    c.emit(Insn::InstanceOf {
                        obj: a[0],
                        class: a[1],
                        dst: d,
                    });
                }
            }
            K::IndirectCall => {
                let call = self.call_wrapper(c, block, i, op);
                c.emit(Insn::CallIndirect {
                    func: a[0],
                    args: a[1..].to_vec(),
                    call,
                    dst,
                    handler,
                });
            }
            K::DirectCall => self.direct_call(c, site, &a, dst),
            other => unreachable!(
                "codewriter: {} has a JIT form in the op table",
                other.name()
            ),
        }
    }

    /// `getfield`/`setfield` of an instance: a field descr of the class
    /// that declares the field (immutable when declared so).
    pub(super) fn field_op(&mut self, c: &mut Code, op: &LLOp, a: &[Src], dst: Option<Reg>) {
        let (cls, name) = self.class_and_name(c, op);
        let ty = self
            .prog
            .class(cls)
            .fields
            .get(name)
            .cloned()
            .unwrap_or(LLType::Signed);
        let Some(k) = kind_of(&ty) else {
            return;
        };
        let size = field_size(&ty);
        let owner = owner_of(self.prog, cls, name);
        let immutable = declared_immutable(self.prog, owner, name);
        let site = FieldSite::Instance {
            class: owner,
            field: name.to_string(),
        };
        let d = self.field(site, immutable, k, size);
        let (o, args, dst) = if op.kind == K::GetField {
            (Opcode::getfield(k), vec![a[0]], dst)
        } else {
            (Opcode::SetfieldGc, vec![a[0], a[2]], None)
        };
        c.emit(Insn::Op {
            op: o,
            args,
            dst,
            descr: Some(d),
        });
    }

    /// A method or class attribute read from the vtable: the class
    /// guarded (a constant from here on), then the slot, an immutable
    /// field of a constant vtable, so the tracer reads it while recording.
    pub(super) fn class_slot(&mut self, c: &mut Code, op: &LLOp, a: &[Src], dst: Option<Reg>) {
        let (class, name) = self.class_and_name(c, op);
        let ty = c.g.var_type(op.result).clone();
        let Some(k) = kind_of(&ty) else {
            return;
        };
        let site = FieldSite::ClassSlot {
            class,
            name: name.to_string(),
            method: op.kind == K::VtableMethod,
        };
        let d = self.field(site, true, k, field_size(&ty));
        let vt = c.new_reg(Kind::Int);
        c.emit(Insn::ClassOf { obj: a[0], dst: vt });
        c.emit(Insn::Op {
            op: Opcode::getfield(k),
            args: vec![Src::Reg(vt)],
            dst,
            descr: Some(d),
        });
    }

    /// A direct call: of a graph the JIT traces into (inlined jitcode),
    /// else of its native code through a wrapper.
    pub(super) fn direct_call(
        &mut self,
        c: &mut Code,
        site: (LBlock, usize, &LLOp, Option<u32>),
        a: &[Src],
        dst: Option<Reg>,
    ) {
        let (block, i, op, handler) = site;
        if let Some(LLValue::Const(LLConst::Func(f))) = op.args.first() {
            if let Some((code, reenters)) = self.inlinable(*f) {
                let native = reenters.then(|| self.call_wrapper(c, block, i, op));
                c.emit(Insn::Inline {
                    code,
                    args: a[1..].to_vec(),
                    dst,
                    handler,
                    native,
                });
                return;
            }
        }
        self.wrapped(c, block, i, op, handler);
    }

    /// The static class of an instance op's object and the field or slot
    /// name it names (`getfield`, `setfield`, `vtable_method`, ...).
    pub(super) fn class_and_name<'o>(&self, c: &Code, op: &'o LLOp) -> (ClassId, &'o str) {
        let class = self
            .prog
            .value_type(c.g, &op.args[0])
            .and_then(|t| t.instance_class())
            .expect("an op on an instance");
        let Some(LLConst::Field(name)) = op.args[1].as_const() else {
            unreachable!("an instance op without a name")
        };
        (class, name)
    }

    pub(super) fn wrapped(
        &mut self,
        c: &mut Code,
        block: LBlock,
        i: usize,
        op: &LLOp,
        handler: Option<u32>,
    ) {
        let (descr, args) = self.call_wrapper(c, block, i, op);
        c.emit(Insn::Call {
            descr,
            args,
            dst: c.reg(op.result),
            handler,
        });
    }

    /// Python's `x // y` and `x % y`: machine ops when `y` is neither 0
    /// nor -1 (known when it is a constant, else checked), the native op
    /// otherwise (it raises ZeroDivisionError, or handles `MIN // -1`).
    pub(super) fn py_division(
        &mut self,
        c: &mut Code,
        site: (LBlock, usize, &LLOp, Option<u32>),
        a: &[Src],
    ) {
        let o = if site.2.kind == K::IntMod {
            Opcode::IntPyMod
        } else {
            Opcode::IntPyDiv
        };
        let dst = c.reg(site.2.result);
        let op = Insn::Op {
            op: o,
            args: vec![a[0], a[1]],
            dst,
            descr: None,
        };
        if let Src::Const(y) = a[1] {
            if y != 0 && y as i64 != -1 {
                c.emit(op);
                return;
            }
        }
        // y + 1 >= 2 (unsigned): y is neither -1 nor 0
        let y1 = c.new_reg(Kind::Int);
        c.emit(Insn::Op {
            op: Opcode::IntAdd,
            args: vec![a[1], Src::Const(1)],
            dst: Some(y1),
            descr: None,
        });
        let ok = c.new_reg(Kind::Int);
        c.emit(Insn::Op {
            op: Opcode::UintGe,
            args: vec![Src::Reg(y1), Src::Const(2)],
            dst: Some(ok),
            descr: None,
        });
        self.fast_or_native(c, site, ok, |c| {
            c.emit(op);
        });
    }

    /// `ovfcheck(x op y)`: the overflow-checked machine op (a one-operand
    /// op is `0 op x`), and on overflow the op run natively (it raises
    /// OverflowError).
    pub(super) fn ovf_op(
        &mut self,
        c: &mut Code,
        site: (LBlock, usize, &LLOp, Option<u32>),
        o: Opcode,
        a: Vec<Src>,
        dst: Option<Reg>,
    ) {
        let (block, i, op, handler) = site;
        let args = match a[..] {
            [x] => vec![Src::Const(0), x],
            _ => a,
        };
        let at = c.emit(Insn::OpOvf {
            op: o,
            args: args.clone(),
            dst,
            ovf: 0,
        });
        let exit_fast = c.emit(Insn::Goto(0));
        let slow = c.at();
        self.wrapped(c, block, i, op, handler);
        let done = c.at();
        c.insns[at] = Insn::OpOvf {
            op: o,
            args,
            dst,
            ovf: slow,
        };
        c.insns[exit_fast] = Insn::Goto(done);
    }

    /// `int(f)`: the machine conversion when `|f| < 2**63`, the native op
    /// otherwise (it raises for nan and infinities, and handles -2**63).
    pub(super) fn float_to_int(
        &mut self,
        c: &mut Code,
        site: (LBlock, usize, &LLOp, Option<u32>),
        f: Src,
    ) {
        let abs = c.new_reg(Kind::Float);
        c.emit(Insn::Op {
            op: Opcode::FloatAbs,
            args: vec![f],
            dst: Some(abs),
            descr: None,
        });
        let ok = c.new_reg(Kind::Int);
        c.emit(Insn::Op {
            op: Opcode::FloatLt,
            args: vec![Src::Reg(abs), Src::Const((i64::MAX as f64).to_bits())],
            dst: Some(ok),
            descr: None,
        });
        let dst = c.reg(site.2.result);
        self.fast_or_native(c, site, ok, |c| {
            c.emit(Insn::Op {
                op: Opcode::CastFloatToInt,
                args: vec![f],
                dst,
                descr: None,
            });
        });
    }
}

/// A pure machine op on the op's arguments.
pub(super) fn pure(c: &mut Code, op: Opcode, args: Vec<Src>, dst: Option<Reg>) {
    c.emit(Insn::Op {
        op,
        args,
        dst,
        descr: None,
    });
}

/// Python's `%` and `//` by a positive power of two, and shifts by a
/// constant in 0..64, as plain machine ops (`& (2**k - 1)`, `>> k`); the
/// same for r_uints.
pub(super) fn strength_reduced(op: &LLOp, a: &[Src]) -> Option<(Opcode, Vec<Src>)> {
    let k = match op.args.get(1).and_then(|v| v.as_const()) {
        Some(LLConst::Int(k)) => *k,
        Some(LLConst::UInt(u)) if *u <= i64::MAX as u64 => *u as i64,
        _ => return None,
    };
    let pow2 = k > 0 && (k as u64).is_power_of_two();
    let shift = (0..64).contains(&k);
    Some(match op.kind {
        K::IntMod if pow2 => (Opcode::IntAnd, vec![a[0], Src::Const(k as u64 - 1)]),
        K::IntFloorDiv if pow2 => (
            Opcode::IntRshift,
            vec![a[0], Src::Const(k.trailing_zeros() as u64)],
        ),
        K::IntLshift if shift => (Opcode::IntLshift, vec![a[0], Src::Const(k as u64)]),
        K::IntRshift if shift => (Opcode::IntRshift, vec![a[0], Src::Const(k as u64)]),
        K::UintMod if pow2 => (Opcode::IntAnd, vec![a[0], Src::Const(k as u64 - 1)]),
        K::UintFloorDiv if pow2 => (
            Opcode::UintRshift,
            vec![a[0], Src::Const(k.trailing_zeros() as u64)],
        ),
        K::UintLshift if shift => (Opcode::IntLshift, vec![a[0], Src::Const(k as u64)]),
        K::UintRshift if shift => (Opcode::UintRshift, vec![a[0], Src::Const(k as u64)]),
        _ => return None,
    })
}

/// `we_are_jitted()`, `promote(x)`, `jit_merge_point(…)`, `can_enter_jit(…)`.
pub(super) fn jit_hint(c: &mut Code, op: &LLOp, a: &[Src], dst: Option<Reg>) {
    match op.kind {
        K::JitWeAreJitted => {
            if let Some(d) = dst {
                c.emit(Insn::Move(vec![(Src::Const(1), d)]));
            }
        }
        K::JitPromote => {
            if let Some(d) = dst {
                c.emit(Insn::Promote { src: a[0], dst: d });
            }
        }
        K::JitMergePoint => {
            let at = c.emit(Insn::MergePoint(a[1..].to_vec()));
            c.merge_points.push((at, op.span));
        }
        _ => {
            c.emit(Insn::CanEnterJit);
        }
    }
}
