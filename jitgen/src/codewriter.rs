//! The codewriter: the portal graph (the one with `jit_merge_point`), every
//! graph it reaches by direct calls and every method an indirect call
//! through a vtable may reach (minus `@dont_look_inside`, `@elidable` and
//! graphs with loops, which stay calls) become jitcodes; method calls guard
//! the receiver's class so the tracer inlines the method. Ops the JIT
//! understands become IR ops — integer, float and pointer arithmetic,
//! instance fields, list length and items (with their bounds checks spelled
//! out, so the tracer records guards the optimizer can remove) — and every
//! other op becomes a call of a small wrapper that the backend generates
//! from the op itself (`CallSite`), so the JIT and native code share one
//! implementation of each op.

use crate::liveness::live_in;
use flowgraph::ll::analysis::Analysis;
use flowgraph::ll::{
    Effect as LLEffect, LBlock, LLConst, LLExit, LLGraph, LLLink, LLOp, LLOpKind as K, LLProgram,
    LLType, LLValue, LVar, ListKind,
};
use rpy_front::program::{ClassId, FuncId};
use rpy_front::Diagnostic;
use rpy_jit::ir::{CallEffect, Kind, Opcode};
use rpy_jit::jitcode::{
    CallInfo, DriverInfo, FieldInfo, Insn, JitCode, JitCodes, Reg, SizeInfo, Src,
};
use std::collections::HashMap;

/// What a call wrapper does: run op `op` of block `block` of graph `func`
/// natively, on the wrapper's arguments (the op's variable operands, in
/// order), returning its result.
#[derive(Clone, Debug, PartialEq)]
pub struct CallSite {
    pub func: FuncId,
    pub block: u32,
    pub op: u32,
}

/// Where a field descr's offset comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FieldSite {
    Instance {
        class: ClassId,
        field: String,
    },
    ListLen,
    ListItems,
    /// The items of a list's array, of this item type.
    ArrayItems(LLType),
    /// A slot of a class's vtable, as seen from instances of `class`: a
    /// method (`vtable_method`) or a class attribute (`getclassattr`).
    ClassSlot {
        class: ClassId,
        name: String,
        method: bool,
    },
}

/// The codewriter's output: the jitcodes, and what the backend must
/// provide for the numbers only rustc knows (call wrappers, field offsets,
/// instance sizes, constant addresses), index for index.
pub struct Output {
    pub jitcodes: JitCodes,
    pub calls: Vec<CallSite>,
    pub fields: Vec<FieldSite>,
    /// Per size descr: the class allocated.
    pub sizes: Vec<ClassId>,
    /// Per `Src::Addr` entry: the constant whose address it is.
    pub addrs: Vec<LLConst>,
}

/// What a call of a helper or an op with this effect may do, for the JIT:
/// one that only allocates writes nothing existing objects hold.
fn call_effect(e: LLEffect) -> CallEffect {
    match e {
        LLEffect::Pure => CallEffect::Elidable,
        LLEffect::ReadsHeap | LLEffect::Allocates => CallEffect::ReadsOnly,
        _ => CallEffect::Any,
    }
}

pub fn kind_of(t: &LLType) -> Option<Kind> {
    match t {
        LLType::Void => None,
        LLType::Float => Some(Kind::Float),
        LLType::Bool | LLType::Signed | LLType::Char | LLType::Class | LLType::Func(..) => {
            Some(Kind::Int)
        }
        _ => Some(Kind::Ref),
    }
}

struct Writer<'p> {
    prog: &'p LLProgram,
    facts: &'p Analysis,
    out: Output,
    /// Graphs to write, and their jitcode numbers.
    code_of: HashMap<FuncId, u32>,
    todo: Vec<FuncId>,
    field_ids: HashMap<(FieldSite, bool), u32>,
    size_ids: HashMap<ClassId, u32>,
    portals: Vec<FuncId>,
}

/// One graph being written.
struct Code<'g> {
    g: &'g LLGraph,
    regs: Vec<Option<Reg>>,
    kinds: Vec<Kind>,
    insns: Vec<Insn>,
    block_at: Vec<u32>,
    /// Jumps to patch: (insn, which target, block).
    fixups: Vec<(usize, usize, LBlock)>,
    /// The `MergePoint` instructions and their source spans.
    merge_points: Vec<(usize, rpy_front::Span)>,
    /// Variables holding a list read from a `name[*]` immutable field.
    items_immutable: Vec<bool>,
}

impl Code<'_> {
    /// The LL type of a list operand; a list read from a field declared
    /// `name[*]` in `_immutable_fields_` counts as immutable.
    fn list_type(&self, prog: &LLProgram, v: &LLValue) -> LLType {
        let t = prog.value_type(self.g, v).expect("a list");
        match (v, &t) {
            (LLValue::Var(x), LLType::List { item, .. }) if self.items_immutable[x.index()] => {
                LLType::list((**item).clone(), ListKind::Immutable)
            }
            _ => t,
        }
    }

    fn reg(&self, v: LVar) -> Option<Reg> {
        self.regs[v.index()]
    }

    fn new_reg(&mut self, k: Kind) -> Reg {
        self.kinds.push(k);
        (self.kinds.len() - 1) as Reg
    }

    fn at(&self) -> u32 {
        self.insns.len() as u32
    }

    fn emit(&mut self, i: Insn) -> usize {
        self.insns.push(i);
        self.insns.len() - 1
    }
}

impl<'p> Writer<'p> {
    fn src(&mut self, c: &Code, v: &LLValue) -> Src {
        match v {
            LLValue::Var(x) => c.reg(*x).map_or(Src::Const(0), Src::Reg),
            LLValue::Const(k) => self.konst(k),
        }
    }

    fn konst(&mut self, k: &LLConst) -> Src {
        match k {
            LLConst::Void | LLConst::Helper(_) | LLConst::Field(_) | LLConst::Driver(_) => {
                Src::Const(0)
            }
            LLConst::Int(i) => Src::Const(*i as u64),
            LLConst::Bool(b) => Src::Const(*b as u64),
            LLConst::Float(f) => Src::Const(f.to_bits()),
            LLConst::Char(c) => Src::Const(*c as u64),
            LLConst::Null(_) => Src::Const(0),
            other => {
                let n = match self.out.addrs.iter().position(|a| a == other) {
                    Some(n) => n,
                    None => {
                        self.out.addrs.push(other.clone());
                        self.out.addrs.len() - 1
                    }
                };
                Src::Addr(n as u32)
            }
        }
    }

    fn field(&mut self, site: FieldSite, immutable: bool, kind: Kind, size: u8) -> u32 {
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

    fn size(&mut self, c: ClassId) -> u32 {
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

    /// The jitcode of a graph the JIT may inline (made on demand), and
    /// whether a call of it is recursive (it may re-enter the portal, or
    /// itself): the tracer inlines those one portal level deep (as deep as
    /// the recursion really goes, up to its limit) and the blackhole calls
    /// them natively, so a deep recursion runs on the machine stack with
    /// the native code's RecursionError.
    fn inlinable(&mut self, f: FuncId) -> Option<(u32, bool)> {
        let g = self.prog.graph(f)?;
        if self.portals.contains(&f) {
            return Some((self.code_number(f), true));
        }
        let reenters = self.facts.is_recursive(f);
        if g.hints.dont_look_inside || g.hints.elidable || (has_loop(g) && !g.hints.unroll_safe) {
            return None;
        }
        Some((self.code_number(f), reenters))
    }

    fn code_number(&mut self, f: FuncId) -> u32 {
        if let Some(n) = self.code_of.get(&f) {
            return *n;
        }
        let n = self.code_of.len() as u32;
        self.code_of.insert(f, n);
        self.todo.push(f);
        n
    }

    /// A call of the wrapper running `op` natively.
    fn call_wrapper(&mut self, c: &Code, block: LBlock, i: usize, op: &LLOp) -> (u32, Vec<Src>) {
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
                LLValue::Const(LLConst::Helper(h)) => flowgraph::ll::helpers::helper(h)
                    .map_or(CallEffect::Any, |i| call_effect(i.effect)),
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

    fn list_fields(&mut self, t: &LLType) -> (u32, u32, u32, Kind) {
        let kind = t.list_kind().unwrap_or(ListKind::Resizable);
        let item = t.list_item().cloned().unwrap_or(LLType::Signed);
        let k = kind_of(&item).unwrap_or(Kind::Int);
        let item_size = field_size(&item);
        let fixed = kind != ListKind::Resizable;
        let len = self.field(FieldSite::ListLen, fixed, Kind::Int, 8);
        let items = self.field(FieldSite::ListItems, fixed, Kind::Ref, 8);
        let arr = self.field(
            FieldSite::ArrayItems(item),
            kind == ListKind::Immutable,
            k,
            item_size,
        );
        (len, items, arr, k)
    }

    /// One LL op; `handler`: where an exception goes (the block's
    /// `Catch`), for the last op of an `on exception` block.
    fn op(&mut self, c: &mut Code, block: LBlock, i: usize, op: &LLOp, handler: Option<u32>) {
        let dst = c.reg(op.result);
        let a: Vec<Src> = op.args.iter().map(|v| self.src(c, v)).collect();
        if let Some(o) = pure_opcode(op.kind) {
            return pure(c, o, a, dst);
        }
        if let Some((o, args)) = strength_reduced(op, &a) {
            return pure(c, o, args, dst);
        }
        let site = (block, i, op, handler);
        match op.kind {
            K::IntMod | K::IntFloorDiv => self.py_division(c, site, &a),
            K::CastFloatToInt => self.float_to_int(c, site, a[0]),
            K::BoolNot => pure(c, Opcode::IntXor, vec![a[0], Src::Const(1)], dst),
            K::FloatIsTrue => pure(
                c,
                Opcode::FloatNe,
                vec![a[0], Src::Const(0f64.to_bits())],
                dst,
            ),
            K::PtrIsZero => pure(c, Opcode::PtrEq, vec![a[0], Src::Const(0)], dst),
            K::PtrNonZero => pure(c, Opcode::PtrNe, vec![a[0], Src::Const(0)], dst),
            K::CastBoolToInt | K::CastCharToInt | K::CastPointer | K::SameAs => {
                if let Some(d) = dst {
                    c.emit(Insn::Move(vec![(a[0], d)]));
                }
            }
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
            _ => self.wrapped(c, block, i, op, handler),
        }
    }

    /// `getfield`/`setfield` of an instance: a field descr of the class
    /// that declares the field (immutable when declared so).
    fn field_op(&mut self, c: &mut Code, op: &LLOp, a: &[Src], dst: Option<Reg>) {
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
    fn class_slot(&mut self, c: &mut Code, op: &LLOp, a: &[Src], dst: Option<Reg>) {
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
    fn direct_call(
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
    fn class_and_name<'o>(&self, c: &Code, op: &'o LLOp) -> (ClassId, &'o str) {
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

    fn wrapped(&mut self, c: &mut Code, block: LBlock, i: usize, op: &LLOp, handler: Option<u32>) {
        let (descr, args) = self.call_wrapper(c, block, i, op);
        c.emit(Insn::Call {
            descr,
            args,
            dst: c.reg(op.result),
            handler,
        });
    }

    /// `xs[i]` / `xs[i] = x`: a bounds check `0 <= i < len` (one unsigned
    /// compare) whose failing side runs the op natively (that handles a
    /// negative index, or raises IndexError), then the item. A constant
    /// negative index is made `len - k` first.
    fn list_item(
        &mut self,
        c: &mut Code,
        block: LBlock,
        i: usize,
        op: &LLOp,
        a: &[Src],
        handler: Option<u32>,
    ) {
        let t = c.list_type(self.prog, &op.args[0]);
        let (len_d, items_d, arr_d, k) = self.list_fields(&t);
        let len = c.new_reg(Kind::Int);
        c.emit(Insn::Op {
            op: Opcode::GetfieldGcI,
            args: vec![a[0]],
            dst: Some(len),
            descr: Some(len_d),
        });
        let mut index = a[1];
        let negative_const = matches!(index, Src::Const(x) if (x as i64) < 0);
        if negative_const && matches!(op.kind, K::ListGetItem | K::ListSetItem) {
            // xs[-k]: len - k
            let idx = c.new_reg(Kind::Int);
            c.emit(Insn::Op {
                op: Opcode::IntAdd,
                args: vec![Src::Reg(len), index],
                dst: Some(idx),
                descr: None,
            });
            index = Src::Reg(idx);
        }
        let ok = c.new_reg(Kind::Int);
        c.emit(Insn::Op {
            op: Opcode::UintLt,
            args: vec![index, Src::Reg(len)],
            dst: Some(ok),
            descr: None,
        });
        // out of range: the native op raises IndexError
        let get = matches!(op.kind, K::ListGetItem | K::ListGetItemNonneg);
        let a0 = a[0];
        let value = a.get(2).copied();
        self.fast_or_native(c, (block, i, op, handler), ok, |c| {
            let items = c.new_reg(Kind::Ref);
            c.emit(Insn::Op {
                op: Opcode::GetfieldGcR,
                args: vec![a0],
                dst: Some(items),
                descr: Some(items_d),
            });
            if get {
                c.emit(Insn::Op {
                    op: Opcode::getarrayitem(k),
                    args: vec![Src::Reg(items), index],
                    dst: c.reg(op.result),
                    descr: Some(arr_d),
                });
            } else {
                c.emit(Insn::Op {
                    op: Opcode::SetarrayitemGc,
                    args: vec![Src::Reg(items), index, value.expect("a stored value")],
                    dst: None,
                    descr: Some(arr_d),
                });
            }
        });
    }

    /// `if ok: <fast> else: <op run natively>`: the fast path as IR ops,
    /// the rare case (an exception to raise, an overflow) by the wrapper.
    fn fast_or_native(
        &mut self,
        c: &mut Code,
        (block, i, op, handler): (LBlock, usize, &LLOp, Option<u32>),
        ok: Reg,
        fast: impl FnOnce(&mut Code),
    ) {
        let branch = c.emit(Insn::If {
            cond: Src::Reg(ok),
            then: 0,
            else_: 0,
        });
        let slow = c.at();
        self.wrapped(c, block, i, op, handler);
        let exit_slow = c.emit(Insn::Goto(0));
        let fast_at = c.at();
        fast(c);
        let done = c.at();
        c.insns[branch] = Insn::If {
            cond: Src::Reg(ok),
            then: fast_at,
            else_: slow,
        };
        c.insns[exit_slow] = Insn::Goto(done);
    }

    /// Python's `x // y` and `x % y`: machine ops when `y` is neither 0
    /// nor -1 (known when it is a constant, else checked), the native op
    /// otherwise (it raises ZeroDivisionError, or handles `MIN // -1`).
    fn py_division(&mut self, c: &mut Code, site: (LBlock, usize, &LLOp, Option<u32>), a: &[Src]) {
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

    /// `int(f)`: the machine conversion when `|f| < 2**63`, the native op
    /// otherwise (it raises for nan and infinities, and handles -2**63).
    fn float_to_int(&mut self, c: &mut Code, site: (LBlock, usize, &LLOp, Option<u32>), f: Src) {
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

    /// The moves of a link, then a jump to its target.
    fn link(&mut self, c: &mut Code, l: &LLLink) {
        let target = c.g.block(l.target);
        let moves: Vec<(Src, Reg)> = l
            .args
            .iter()
            .zip(&target.inputargs)
            .filter_map(|(a, &v)| c.reg(v).map(|r| (a, r)))
            .map(|(a, r)| (self.src(c, a), r))
            .filter(|(s, r)| *s != Src::Reg(*r))
            .collect();
        if !moves.is_empty() {
            c.emit(Insn::Move(moves));
        }
        let j = c.emit(Insn::Goto(0));
        c.fixups.push((j, 0, l.target));
    }

    fn graph(&mut self, f: FuncId) -> Result<JitCode, Diagnostic> {
        let g = self.prog.graph(f).expect("a graph to write");
        let mut regs = vec![None; g.vars.len()];
        let mut kinds = Vec::new();
        for (i, v) in g.vars.iter().enumerate() {
            if let Some(k) = kind_of(&v.ty) {
                regs[i] = Some(kinds.len() as Reg);
                kinds.push(k);
            }
        }
        let mut c = Code {
            g,
            regs,
            kinds,
            insns: Vec::new(),
            block_at: vec![0; g.blocks.len()],
            fixups: Vec::new(),
            merge_points: Vec::new(),
            items_immutable: items_immutable(self.prog, g),
        };
        for b in g.block_ids() {
            c.block_at[b.index()] = c.at();
            let block = g.block(b);
            let catching = matches!(block.exit, LLExit::OnException { .. });
            // a `Catch` is placed after the block's normal path; its
            // position is patched in once known
            let n = block.ops.len();
            let mut raising_insn = None;
            for (i, op) in block.ops.iter().enumerate() {
                let last = catching && i + 1 == n;
                let before = c.insns.len();
                self.op(&mut c, b, i, op, if last { Some(u32::MAX) } else { None });
                if last {
                    raising_insn = Some(before..c.insns.len());
                }
            }
            self.block_exit(&mut c, &block.exit, raising_insn);
        }
        for (i, _, b) in std::mem::take(&mut c.fixups) {
            c.insns[i] = Insn::Goto(c.block_at[b.index()]);
        }
        let params = g.params.iter().filter_map(|&p| c.reg(p)).collect();
        let live = live_in(&c.insns, c.kinds.len());
        check_merge_points(&c, &live)?;
        Ok(JitCode {
            name: g.name.clone(),
            kinds: c.kinds,
            params,
            insns: c.insns,
            live,
        })
    }

    /// A block's exit: a jump, a two-way or many-way branch, a return or
    /// raise, or the normal path and the handlers of an exception exit
    /// (`raising`: the instructions of the op whose exception it catches).
    fn block_exit(&mut self, c: &mut Code, exit: &LLExit, raising: Option<std::ops::Range<usize>>) {
        let g = c.g;
        match exit {
            LLExit::Goto(l) => self.link(c, l),
            LLExit::If { cond, then, else_ } => {
                let cond = self.src(c, cond);
                let at = c.emit(Insn::If {
                    cond,
                    then: 0,
                    else_: 0,
                });
                let t = c.at();
                self.link(c, then);
                let e = c.at();
                self.link(c, else_);
                c.insns[at] = Insn::If {
                    cond,
                    then: t,
                    else_: e,
                };
            }
            LLExit::Switch {
                value,
                cases,
                default,
            } => {
                let value = self.src(c, value);
                let at = c.emit(Insn::Switch {
                    value,
                    cases: Vec::new(),
                    default: 0,
                });
                let mut targets = Vec::new();
                for (k, l) in cases {
                    let Src::Const(bits) = self.konst(k) else {
                        unreachable!("switch on a non-scalar")
                    };
                    targets.push((bits, c.at()));
                    self.link(c, l);
                }
                let d = c.at();
                self.link(c, default);
                c.insns[at] = Insn::Switch {
                    value,
                    cases: targets,
                    default: d,
                };
            }
            LLExit::Return(v) => {
                let v = (g.result != LLType::Void).then(|| self.src(c, v));
                c.emit(Insn::Return(v));
            }
            LLExit::Raise(v) => {
                let v = self.src(c, v);
                c.emit(Insn::Raise(v));
            }
            LLExit::OnException { normal, handlers } => {
                self.link(c, normal);
                let catch_at = c.at();
                let at = c.emit(Insn::Catch(Vec::new()));
                let mut entries = Vec::new();
                for (cls, var, l) in handlers {
                    let Src::Addr(vt) = self.konst(&LLConst::Class(*cls)) else {
                        unreachable!()
                    };
                    let r = c.reg(*var).expect("an exception register");
                    entries.push((vt as u64, r, c.at()));
                    self.link(c, l);
                }
                c.insns[at] = Insn::Catch(entries);
                for i in raising.clone().unwrap_or(0..0) {
                    set_handler(&mut c.insns[i], catch_at);
                }
            }
        }
    }
}

/// Which variables hold a list read from a field declared `name[*]`: the
/// `getfield` results, and block arguments every incoming link fills with
/// such a variable (an optimistic fixpoint, as for genrust's list views).
fn items_immutable(prog: &LLProgram, g: &LLGraph) -> Vec<bool> {
    let mut seed = vec![false; g.vars.len()];
    for op in g.blocks.iter().flat_map(|b| &b.ops) {
        if op.kind != K::GetField {
            continue;
        }
        let (Some(cls), Some(LLConst::Field(name))) = (
            prog.value_type(g, &op.args[0])
                .and_then(|t| t.instance_class()),
            op.args[1].as_const(),
        ) else {
            continue;
        };
        let starred = format!("{name}[*]");
        seed[op.result.index()] = prog.class(cls).immutable_fields.contains(&starred);
    }
    let mut state = seed.clone();
    for b in g.blocks.iter().skip(1) {
        for &v in &b.inputargs {
            state[v.index()] = true;
        }
    }
    loop {
        let mut next = seed.clone();
        let mut incoming = vec![false; g.vars.len()];
        for b in &g.blocks {
            for l in b.exit.links() {
                for (a, &v) in l.args.iter().zip(&g.block(l.target).inputargs) {
                    let ok = matches!(a, LLValue::Var(x) if state[x.index()]);
                    next[v.index()] = if incoming[v.index()] {
                        next[v.index()] && ok
                    } else {
                        ok
                    };
                    incoming[v.index()] = true;
                }
            }
        }
        for (i, n) in next.iter_mut().enumerate() {
            *n |= seed[i];
        }
        if next == state {
            return state;
        }
        state = next;
    }
}

/// Does the graph loop? (Callees with loops are not inlined — the trace
/// would unroll them — unless they are `@unroll_safe`.)
fn has_loop(g: &LLGraph) -> bool {
    // depth-first search for a back edge
    fn visit(g: &LLGraph, b: usize, state: &mut [u8]) -> bool {
        state[b] = 1;
        for l in g.blocks[b].exit.links() {
            let t = l.target.index();
            if state[t] == 1 || (state[t] == 0 && visit(g, t, state)) {
                return true;
            }
        }
        state[b] = 2;
        false
    }
    visit(g, 0, &mut vec![0; g.blocks.len()])
}

/// Handlers are written as `u32::MAX` until the `Catch` is placed.
fn set_handler(i: &mut Insn, catch_at: u32) {
    match i {
        Insn::Call { handler, .. }
        | Insn::Inline { handler, .. }
        | Insn::CallIndirect { handler, .. }
            if *handler == Some(u32::MAX) =>
        {
            *handler = Some(catch_at)
        }
        _ => {}
    }
}

/// The bytes a field or list item of this type takes (bools and chars
/// one).
fn field_size(t: &LLType) -> u8 {
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
fn declared_immutable(p: &LLProgram, owner: ClassId, name: &str) -> bool {
    let declares = |c: &flowgraph::ll::LLClass| {
        c.immutable_fields
            .iter()
            .any(|f| rpy_front::program::declares_immutable(f, name))
    };
    let below_owner = |c: &flowgraph::ll::LLClass| {
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
fn owner_of(p: &LLProgram, mut c: ClassId, name: &str) -> ClassId {
    while let Some(b) = p.class(c).base {
        if !p.class(b).fields.contains_key(name) {
            break;
        }
        c = b;
    }
    c
}

/// Writes the jitcodes of every portal (`None` without a JIT driver); a
/// merge point that does not name every live variable is the user's error.
pub fn codewrite(prog: &LLProgram) -> Result<Option<Output>, Diagnostic> {
    let facts = &Analysis::new(prog);
    let portals: Vec<FuncId> = prog.drivers.iter().filter_map(|d| d.portal).collect();
    if portals.is_empty() {
        return Ok(None);
    }
    let mut w = Writer {
        prog,
        facts,
        out: Output {
            jitcodes: JitCodes::default(),
            calls: Vec::new(),
            fields: Vec::new(),
            sizes: Vec::new(),
            addrs: Vec::new(),
        },
        code_of: HashMap::new(),
        todo: Vec::new(),
        field_ids: HashMap::new(),
        size_ids: HashMap::new(),
        portals: portals.clone(),
    };
    for &p in &portals {
        w.code_number(p);
    }
    // what an indirect call through a vtable may inline
    let mut methods: Vec<FuncId> = prog
        .classes
        .iter()
        .flat_map(|cls| cls.vtable.values().filter_map(|(_, f)| *f))
        .collect();
    methods.sort_unstable_by_key(|f| f.index());
    methods.dedup();
    for f in methods {
        if let Some((code, reenters)) = w.inlinable(f) {
            let Src::Addr(addr) = w.konst(&LLConst::Func(f)) else {
                unreachable!("a function constant is an address")
            };
            w.out.jitcodes.funcs.push((addr, code, reenters));
        }
    }
    let mut codes: Vec<Option<JitCode>> = Vec::new();
    while let Some(f) = w.todo.pop() {
        let n = w.code_of[&f] as usize;
        let code = w.graph(f)?;
        if codes.len() <= n {
            codes.resize(n + 1, None);
        }
        codes[n] = Some(code);
    }
    w.out.jitcodes.codes = codes
        .into_iter()
        .map(|c| c.expect("every jitcode written"))
        .collect();
    // one entry per driver, in the LL program's order (a driver without
    // a portal is never entered)
    for d in &prog.drivers {
        let code = d.portal.map_or(0, |p| w.code_of[&p]);
        let merge_point = w.out.jitcodes.codes[code as usize]
            .insns
            .iter()
            .position(|i| matches!(i, Insn::MergePoint(_)))
            .unwrap_or(0) as u32;
        let kinds = |vs: &[(String, LLType)]| {
            vs.iter()
                .map(|(_, t)| kind_of(t).unwrap_or(Kind::Int))
                .collect()
        };
        w.out.jitcodes.drivers.push(DriverInfo {
            name: d.name.clone(),
            greens: kinds(&d.greens),
            reds: kinds(&d.reds),
            portal: code,
            merge_point,
        });
    }
    Ok(Some(w.out))
}

/// A pure machine op on the op's arguments.
fn pure(c: &mut Code, op: Opcode, args: Vec<Src>, dst: Option<Reg>) {
    c.emit(Insn::Op {
        op,
        args,
        dst,
        descr: None,
    });
}

/// The JIT op of an LL op that is one pure machine op on the same
/// arguments.
fn pure_opcode(kind: K) -> Option<Opcode> {
    use Opcode as O;
    Some(match kind {
        K::IntAdd => O::IntAdd,
        K::IntSub => O::IntSub,
        K::IntMul => O::IntMul,
        K::IntAnd => O::IntAnd,
        K::IntOr => O::IntOr,
        K::IntXor => O::IntXor,
        K::IntNeg => O::IntNeg,
        K::IntInvert => O::IntInvert,
        K::IntIsTrue => O::IntIsTrue,
        K::IntLt | K::CharLt => O::IntLt,
        K::IntLe | K::CharLe => O::IntLe,
        K::IntEq | K::CharEq => O::IntEq,
        K::IntNe | K::CharNe => O::IntNe,
        K::IntGt | K::CharGt => O::IntGt,
        K::IntGe | K::CharGe => O::IntGe,
        K::FloatAdd => O::FloatAdd,
        K::FloatSub => O::FloatSub,
        K::FloatMul => O::FloatMul,
        K::FloatNeg => O::FloatNeg,
        K::FloatAbs => O::FloatAbs,
        K::FloatLt => O::FloatLt,
        K::FloatLe => O::FloatLe,
        K::FloatEq => O::FloatEq,
        K::FloatNe => O::FloatNe,
        K::FloatGt => O::FloatGt,
        K::FloatGe => O::FloatGe,
        K::CastIntToFloat => O::CastIntToFloat,
        K::PtrEq => O::PtrEq,
        K::PtrNe => O::PtrNe,
        _ => return None,
    })
}

/// Python's `%` and `//` by a positive power of two, and shifts by a
/// constant in 0..64, as plain machine ops (`& (2**k - 1)`, `>> k`).
fn strength_reduced(op: &LLOp, a: &[Src]) -> Option<(Opcode, Vec<Src>)> {
    let Some(LLConst::Int(k)) = op.args.get(1).and_then(|v| v.as_const()) else {
        return None;
    };
    let k = *k;
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
        _ => return None,
    })
}

/// `we_are_jitted()`, `promote(x)`, `jit_merge_point(…)`, `can_enter_jit(…)`.
fn jit_hint(c: &mut Code, op: &LLOp, a: &[Src], dst: Option<Reg>) {
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

/// Every variable live at a `jit_merge_point` is one of its greens or
/// reds (the user's error otherwise, named with the variable).
fn check_merge_points(c: &Code, live: &[Vec<Reg>]) -> Result<(), Diagnostic> {
    let g = c.g;
    for &(at, span) in &c.merge_points {
        let Insn::MergePoint(args) = &c.insns[at] else {
            continue;
        };
        let declared: Vec<Reg> = args
            .iter()
            .filter_map(|a| match a {
                Src::Reg(r) => Some(*r),
                _ => None,
            })
            .collect();
        if let Some(r) = live[at].iter().find(|r| !declared.contains(r)) {
            let name = c
                .regs
                .iter()
                .position(|x| *x == Some(*r))
                .and_then(|v| g.vars[v].name.clone())
                .unwrap_or_else(|| "a value".into());
            return Err(Diagnostic::error(
                    span,
                    format!("'{name}' is live at jit_merge_point but is neither a green nor a red"),
                )
                .with_label("the loop goes on using it")
                .with_note("every variable the loop reads after the merge point must be listed in the JitDriver's greens or reds"));
        }
    }
    Ok(())
}
