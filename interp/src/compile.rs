//! Compiling one flow graph into compact code: variables coalesced into
//! frame slots (liveness + interference, so most link moves vanish),
//! constants pre-loaded into slots, blocks laid out as a flat instruction
//! array with jump targets as indices, link moves sequentialized.

use super::arith::BinOp;
use super::slots::{assign_slots, switch_var, vars_of};
use super::value::{Str, Value};
use super::Interp;
use flowgraph::model::{BlockId, ExitCase, ExitSwitch, FunctionGraph, LinkId, Value as Operand};
use flowgraph::ops::OpKind;
use rpy_front::program::{builtin_class as bc, Builtin, ClassId, ConstValue, FuncId};
use rpy_rtyper::annotate::percent;
use rpy_rtyper::methods::Method;
use std::cell::{Cell, OnceCell};
use std::collections::HashMap;
use std::rc::Rc;

/// A frame slot.
pub type Slot = u32;
/// "No handler" / "no slot" marker.
pub const NONE: u32 = u32::MAX;

/// Unary operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Pos,
    Invert,
    IsTrue,
    Not,
    Len,
}

/// A call of a known function.
pub struct CallFunc {
    pub dst: Slot,
    pub func: FuncId,
    pub args: Box<[Slot]>,
    /// The callee's code, resolved on first call.
    pub code: OnceCell<Rc<Code>>,
}

/// A generic call: `f(args…)` with optional keyword names (the last
/// `names.len()` args).
pub struct CallAny {
    pub dst: Slot,
    pub f: Slot,
    pub args: Box<[Slot]>,
    pub names: Option<Rc<[Str]>>,
}

/// `obj.name(args…)`.
pub struct CallMethod {
    pub dst: Slot,
    pub obj: Slot,
    pub name: Str,
    pub attr: u32,
    pub known: Option<Method>,
    pub args: Box<[Slot]>,
    pub names: Option<Rc<[Str]>>,
    /// Inline cache: (class id, method func id) of the last instance call.
    pub cache: Cell<(u32, u32)>,
}

/// One instruction of compiled code. Targets are instruction indices.
pub enum Instr {
    Move {
        dst: Slot,
        src: Slot,
    },
    Jump {
        target: u32,
    },
    /// Branch on the truth of a slot.
    BranchIf {
        cond: Slot,
        then_: u32,
        else_: u32,
    },
    /// A comparison fused with the branch on its result.
    CmpBranch {
        op: BinOp,
        a: Slot,
        b: Slot,
        then_: u32,
        else_: u32,
    },
    Switch(Box<SwitchI>),
    Return {
        src: Slot,
    },
    Raise {
        src: Slot,
    },
    Add {
        dst: Slot,
        a: Slot,
        b: Slot,
    },
    IAdd {
        dst: Slot,
        a: Slot,
        b: Slot,
    },
    Sub {
        dst: Slot,
        a: Slot,
        b: Slot,
    },
    Lt {
        dst: Slot,
        a: Slot,
        b: Slot,
    },
    Eq {
        dst: Slot,
        a: Slot,
        b: Slot,
    },
    Bin {
        op: BinOp,
        dst: Slot,
        a: Slot,
        b: Slot,
    },
    Unary {
        op: UnOp,
        dst: Slot,
        a: Slot,
    },
    /// `ovfcheck(a op b)` (`b` is `a` for unary minus).
    Ovf {
        op: rpy_semantics::ovf::OvfOp,
        dst: Slot,
        a: Slot,
        b: Slot,
    },
    GetItem {
        dst: Slot,
        obj: Slot,
        idx: Slot,
    },
    SetItem {
        obj: Slot,
        idx: Slot,
        v: Slot,
    },
    DelItem {
        obj: Slot,
        idx: Slot,
    },
    DelSlice {
        obj: Slot,
        lo: Slot,
        hi: Slot,
    },
    GetSlice {
        dst: Slot,
        obj: Slot,
        lo: Slot,
        hi: Slot,
    },
    NewList {
        dst: Slot,
        items: Box<[Slot]>,
    },
    NewTuple {
        dst: Slot,
        items: Box<[Slot]>,
    },
    NewDict {
        dst: Slot,
        items: Box<[Slot]>,
    },
    Iter {
        dst: Slot,
        src: Slot,
    },
    /// `iter(range(args…))` without building the list.
    RangeIter {
        dst: Slot,
        args: Box<[Slot]>,
    },
    Next {
        dst: Slot,
        it: Slot,
    },
    /// `next` of a for loop: jumps to `exit` when exhausted.
    ForNext {
        dst: Slot,
        it: Slot,
        exit: u32,
    },
    GetAttr {
        dst: Slot,
        obj: Slot,
        attr: u32,
    },
    SetAttr {
        obj: Slot,
        attr: u32,
        v: Slot,
    },
    CallFunc(Box<CallFunc>),
    New {
        dst: Slot,
        class: ClassId,
        args: Box<[Slot]>,
    },
    CallBuiltin {
        dst: Slot,
        b: Builtin,
        args: Box<[Slot]>,
    },
    CallAny(Box<CallAny>),
    CallMethod(Box<CallMethod>),
    ExcMatch {
        dst: Slot,
        e: Slot,
        classes: Box<[ClassId]>,
    },
    ExcInstance {
        dst: Slot,
        src: Slot,
    },
    /// `type(x) is t`: `t` a class or a builtin type.
    TypeIs {
        dst: Slot,
        x: Slot,
        t: Slot,
    },
    /// `fmt % arg` with a constant format string.
    Format {
        dst: Slot,
        fmt: Str,
        arg: Slot,
    },
    /// A malformed graph: raises RuntimeError with this message.
    Error {
        msg: Rc<str>,
    },
}

pub struct SwitchI {
    pub v: Slot,
    pub cases: Vec<(Value, u32)>,
    pub default: u32,
    /// For all-int cases in a small range: (lowest case, dense targets).
    pub table: Option<(i64, Vec<u32>)>,
}

impl SwitchI {
    fn new(v: Slot, cases: Vec<(Value, u32)>, default: u32) -> SwitchI {
        SwitchI {
            v,
            cases,
            default,
            table: None,
        }
    }

    /// Build the dense table (after the targets are resolved).
    fn build_table(&mut self) {
        let ints: Option<Vec<(i64, u32)>> = self
            .cases
            .iter()
            .map(|(v, t)| match v {
                Value::Int(i) => Some((*i, *t)),
                _ => None,
            })
            .collect();
        let Some(ints) = ints else { return };
        let (Some(lo), Some(hi)) = (
            ints.iter().map(|c| c.0).min(),
            ints.iter().map(|c| c.0).max(),
        ) else {
            return;
        };
        if hi.wrapping_sub(lo) as u64 >= 4096 {
            return;
        }
        let mut table = vec![self.default; (hi - lo + 1) as usize];
        // the first matching case wins
        for &(i, t) in ints.iter().rev() {
            table[(i - lo) as usize] = t;
        }
        self.table = Some((lo, table));
    }

    /// The target for value `v`.
    #[inline(always)]
    pub fn target(&self, v: &Value) -> u32 {
        if let (Some((lo, table)), Some(i)) = (&self.table, v.as_int()) {
            return table
                .get(i.wrapping_sub(*lo) as u64 as usize)
                .copied()
                .unwrap_or(self.default);
        }
        self.cases
            .iter()
            .find(|(c, _)| super::arith::py_eq(c, v))
            .map_or(self.default, |c| c.1)
    }
}

/// A one-line description of an instruction (for `RPY_DUMP_CODE`).
pub fn describe(i: &Instr) -> String {
    match i {
        Instr::Move { dst, src } => format!("s{} = s{}", dst, src),
        Instr::Jump { target } => format!("jump {}", target),
        Instr::BranchIf { cond, then_, else_ } => {
            format!("if s{} then {} else {}", cond, then_, else_)
        }
        Instr::CmpBranch {
            op,
            a,
            b,
            then_,
            else_,
        } => {
            format!(
                "if s{} {} s{} then {} else {}",
                a,
                op.symbol(),
                b,
                then_,
                else_
            )
        }
        Instr::Switch(sw) => format!(
            "switch s{} {:?} default {}",
            sw.v,
            sw.cases.iter().map(|c| c.1).collect::<Vec<_>>(),
            sw.default
        ),
        Instr::Return { src } => format!("return s{}", src),
        Instr::Raise { src } => format!("raise s{}", src),
        Instr::Add { dst, a, b } => format!("s{} = s{} + s{}", dst, a, b),
        Instr::IAdd { dst, a, b } => format!("s{} = s{} += s{}", dst, a, b),
        Instr::Sub { dst, a, b } => format!("s{} = s{} - s{}", dst, a, b),
        Instr::Lt { dst, a, b } => format!("s{} = s{} < s{}", dst, a, b),
        Instr::Eq { dst, a, b } => format!("s{} = s{} == s{}", dst, a, b),
        Instr::Bin { op, dst, a, b } => format!("s{} = s{} {} s{}", dst, a, op.symbol(), b),
        Instr::GetItem { dst, obj, idx } => format!("s{} = s{}[s{}]", dst, obj, idx),
        Instr::Format { dst, fmt, arg } => {
            format!("s{} = {:?} % s{}", dst, String::from_utf8_lossy(fmt), arg)
        }
        Instr::SetItem { obj, idx, v } => format!("s{}[s{}] = s{}", obj, idx, v),
        Instr::ForNext { dst, it, exit } => format!("s{} = next(s{}) or jump {}", dst, it, exit),
        Instr::CallFunc(c) => format!("s{} = call f{}{:?}", c.dst, c.func.0, c.args),
        Instr::CallMethod(c) => format!(
            "s{} = s{}.{}{:?}",
            c.dst,
            c.obj,
            String::from_utf8_lossy(&c.name),
            c.args
        ),
        _ => "(other)".to_string(),
    }
}

/// Where an exception raised by one instruction goes.
pub struct Handler {
    /// (class, slot receiving the exception or NONE, target).
    pub cases: Vec<(ClassId, Slot, u32)>,
}

/// One function's compiled code.
pub struct Code {
    pub name: String,
    pub func: FuncId,
    /// The parameter slots, in order.
    pub params: Box<[Slot]>,
    /// The initial frame: constants in their slots, None elsewhere.
    pub template: Vec<Value>,
    /// The constants and their slots.
    pub consts: Vec<(Slot, Value)>,
    pub instrs: Vec<Instr>,
    /// Per instruction: index into `handlers`, or NONE.
    pub handler_at: Vec<u32>,
    pub handlers: Vec<Handler>,
}

/// Turn a parallel assignment into a sequence of moves (using `tmp` to
/// break cycles).
fn sequentialize(moves: &[(Slot, Slot)], tmp: Slot) -> Vec<(Slot, Slot)> {
    let mut pending: Vec<(Slot, Slot)> = moves.iter().copied().filter(|(d, s)| d != s).collect();
    let mut out = Vec::new();
    while !pending.is_empty() {
        match pending
            .iter()
            .position(|&(d, _)| !pending.iter().any(|&(_, s)| s == d))
        {
            Some(i) => out.push(pending.remove(i)),
            None => {
                let d0 = pending[0].0;
                out.push((tmp, d0));
                for m in pending.iter_mut() {
                    if m.1 == d0 {
                        m.1 = tmp;
                    }
                }
            }
        }
    }
    out
}

/// Per-function compilation state.
struct Compiler<'a, 'p> {
    ip: &'a Interp<'p>,
    g: &'a FunctionGraph,
    slots: Vec<Slot>,
    consts: Vec<(ConstValue, Slot)>,
    template: Vec<Value>,
    tmp: Slot,
    uses: Vec<u32>,
    instrs: Vec<Instr>,
    handler_at: Vec<u32>,
    handlers: Vec<Handler>,
    /// Label → pc (labels 0..nblocks are blocks).
    label_pc: Vec<u32>,
    block_label: HashMap<BlockId, u32>,
}

/// Visit the jump targets of an instruction.
fn targets_mut(i: &mut Instr) -> Vec<&mut u32> {
    match i {
        Instr::Jump { target } => vec![target],
        Instr::BranchIf { then_, else_, .. } | Instr::CmpBranch { then_, else_, .. } => {
            vec![then_, else_]
        }
        Instr::Switch(s) => {
            let SwitchI { cases, default, .. } = &mut **s;
            let mut v: Vec<&mut u32> = cases.iter_mut().map(|(_, t)| t).collect();
            v.push(default);
            v
        }
        Instr::ForNext { exit, .. } => vec![exit],
        _ => vec![],
    }
}

/// Convert a translation-time constant to a runtime value.
pub fn const_value(ip: &Interp, c: &ConstValue) -> Value {
    match c {
        ConstValue::Int(i) => Value::Int(*i),
        ConstValue::UInt(u) => Value::UInt(*u),
        ConstValue::Float(f) => Value::Float(*f),
        ConstValue::Bool(b) => Value::Bool(*b),
        ConstValue::Str(s) => Value::Str(s.clone()),
        ConstValue::None => Value::None,
        ConstValue::Tuple(t) => Value::new_tuple(t.iter().map(|c| const_value(ip, c)).collect()),
        ConstValue::Prebuilt(p) => ip.prebuilt.get(p.index()).cloned().unwrap_or_default(),
        ConstValue::Func(f) => Value::Func(*f),
        ConstValue::Class(c) => Value::Class(*c),
        ConstValue::Driver(d) => Value::Driver(*d),
        ConstValue::Builtin(b) => Value::Builtin(*b),
        ConstValue::ExtModule(m) => Value::Module(*m),
        // The builder reads a module's attributes as constants; a module
        // itself carries nothing at run time (its LL type is Void).
        ConstValue::Module(_) => Value::None,
    }
}

impl<'a, 'p> Compiler<'a, 'p> {
    fn operand(&mut self, v: &Operand) -> Slot {
        match v {
            Operand::Var(v) => self.slots[v.index()],
            Operand::Const(c) => {
                if let Some((_, s)) = self.consts.iter().find(|(k, _)| same_const(k, c)) {
                    return *s;
                }
                let s = self.template.len() as Slot;
                self.template.push(const_value(self.ip, c));
                self.consts.push((c.clone(), s));
                s
            }
        }
    }

    fn operands(&mut self, vs: &[Operand]) -> Box<[Slot]> {
        vs.iter().map(|v| self.operand(v)).collect()
    }

    fn emit(&mut self, i: Instr) {
        self.instrs.push(i);
        self.handler_at.push(NONE);
    }

    fn new_label(&mut self) -> u32 {
        self.label_pc.push(NONE);
        self.label_pc.len() as u32 - 1
    }

    fn place(&mut self, label: u32) {
        self.label_pc[label as usize] = self.instrs.len() as u32;
    }

    fn error(&mut self, msg: String) {
        self.emit(Instr::Error { msg: Rc::from(msg) });
    }

    /// The code for taking link `l` when it needs code (moves, return,
    /// raise); `None` when it is a plain jump to the target's label.
    fn link_code(&mut self, l: LinkId) -> Option<Vec<Instr>> {
        let g = self.g;
        let link = g.link(l);
        let t = g.link_target(l);
        if t == g.returnblock || t == g.exceptblock {
            let src = match link.args.first() {
                Some(a) => self.operand(a),
                None => {
                    return Some(vec![Instr::Error {
                        msg: Rc::from("link to return block without a value"),
                    }])
                }
            };
            return Some(vec![if t == g.returnblock {
                Instr::Return { src }
            } else {
                Instr::Raise { src }
            }]);
        }
        let dsts = &g.block(t).inputargs;
        if dsts.len() != link.args.len() {
            return Some(vec![Instr::Error {
                msg: Rc::from("link arity mismatch"),
            }]);
        }
        let moves: Vec<(Slot, Slot)> = dsts
            .iter()
            .zip(&link.args)
            .map(|(d, a)| (self.slots[d.index()], self.operand(a)))
            .collect();
        let seq = sequentialize(&moves, self.tmp);
        if seq.is_empty() {
            return None;
        }
        let mut code: Vec<Instr> = seq
            .into_iter()
            .map(|(dst, src)| Instr::Move { dst, src })
            .collect();
        code.push(Instr::Jump {
            target: self.block_label[&t],
        });
        Some(code)
    }

    /// A label for taking link `l` from a branch; its code goes in `stubs`.
    fn link_label(&mut self, l: LinkId, stubs: &mut Vec<(u32, Vec<Instr>)>) -> u32 {
        match self.link_code(l) {
            None => self.block_label[&self.g.link_target(l)],
            Some(code) => {
                let lab = self.new_label();
                stubs.push((lab, code));
                lab
            }
        }
    }

    /// Emit one op.
    fn compile_op(
        &mut self,
        op: &flowgraph::model::Op,
        block_ops: &[flowgraph::model::Op],
        idx: usize,
    ) {
        let dst = self.slots[op.result.index()];
        let args = &op.args;
        if !op.kind.info().arity.accepts(args.len()) {
            return self.error(format!("{}: bad arity {}", op.kind.name(), args.len()));
        }
        if let Some(fmt) = format_string(op) {
            let arg = self.operand(&args[1]);
            return self.emit(Instr::Format { dst, fmt, arg });
        }
        if let Some(bop) = bin_op(op.kind) {
            let (x, y) = (self.operand(&args[0]), self.operand(&args[1]));
            return self.emit(Instr::Bin {
                op: bop,
                dst,
                a: x,
                b: y,
            });
        }
        if let Some(u) = un_op(op.kind) {
            let x = self.operand(&args[0]);
            return self.emit(Instr::Unary { op: u, dst, a: x });
        }
        if let Some(ovf) = op.kind.ovf_op() {
            let a = self.operand(&args[0]);
            let b = self.operand(args.last().unwrap_or(&args[0]));
            return self.emit(Instr::Ovf { op: ovf, dst, a, b });
        }
        let i = match op.kind {
            OpKind::Iter if idx > 0 && range_fused(block_ops, idx - 1, &self.uses) => {
                // iter(range(…)) where the range list is used only here
                let rargs = self.operands(&block_ops[idx - 1].args[1..]);
                Ok(Instr::RangeIter { dst, args: rargs })
            }
            OpKind::GetAttr | OpKind::SetAttr => self.attr_instr(op, dst),
            OpKind::SimpleCall | OpKind::CallKw => self.call_instr(op, dst),
            OpKind::CallMethod | OpKind::CallMethodKw => self.call_method_instr(op, dst),
            OpKind::ExcMatch => self.exc_match_instr(op, dst),
            OpKind::JitMergePoint | OpKind::CanEnterJit => return,
            OpKind::WeAreJitted => {
                let src = self.operand(&Operand::Const(ConstValue::Bool(false)));
                Ok(Instr::Move { dst, src })
            }
            _ => self.plain_instr(op, dst),
        };
        match i {
            Ok(i) => self.emit(i),
            Err(m) => self.error(m),
        }
    }

    /// The ops that are one instruction on their operands.
    fn plain_instr(&mut self, op: &flowgraph::model::Op, dst: Slot) -> Result<Instr, String> {
        use OpKind as K;
        let args = &op.args;
        let mut a = |i: usize| self.operand(&args[i]);
        Ok(match op.kind {
            K::Add => Instr::Add {
                dst,
                a: a(0),
                b: a(1),
            },
            K::InplaceAdd => Instr::IAdd {
                dst,
                a: a(0),
                b: a(1),
            },
            K::Sub => Instr::Sub {
                dst,
                a: a(0),
                b: a(1),
            },
            K::TypeIs => Instr::TypeIs {
                dst,
                x: a(0),
                t: a(1),
            },
            K::Lt => Instr::Lt {
                dst,
                a: a(0),
                b: a(1),
            },
            K::Eq => Instr::Eq {
                dst,
                a: a(0),
                b: a(1),
            },
            K::GetItem => Instr::GetItem {
                dst,
                obj: a(0),
                idx: a(1),
            },
            K::SetItem => Instr::SetItem {
                obj: a(0),
                idx: a(1),
                v: a(2),
            },
            K::DelItem => Instr::DelItem {
                obj: a(0),
                idx: a(1),
            },
            K::DelSlice => Instr::DelSlice {
                obj: a(0),
                lo: a(1),
                hi: a(2),
            },
            K::GetSlice => Instr::GetSlice {
                dst,
                obj: a(0),
                lo: a(1),
                hi: a(2),
            },
            K::Iter => Instr::Iter { dst, src: a(0) },
            K::Next => Instr::Next { dst, it: a(0) },
            K::ExcInstance => Instr::ExcInstance { dst, src: a(0) },
            K::Promote | K::SameAs => Instr::Move { dst, src: a(0) },
            K::NewList => Instr::NewList {
                dst,
                items: self.operands(args),
            },
            K::NewTuple => Instr::NewTuple {
                dst,
                items: self.operands(args),
            },
            K::NewDict => Instr::NewDict {
                dst,
                items: self.operands(args),
            },
            k => return Err(format!("unsupported op {}", k.name())),
        })
    }

    /// `getattr(obj, 'name')` and `setattr(obj, 'name', v)`.
    fn attr_instr(&mut self, op: &flowgraph::model::Op, dst: Slot) -> Result<Instr, String> {
        let Some(ConstValue::Str(name)) = op.args[1].as_const() else {
            return Err(format!("{} with a non-constant name", op.kind.name()));
        };
        let attr = self.ip.intern(name);
        let obj = self.operand(&op.args[0]);
        Ok(if op.kind == OpKind::GetAttr {
            Instr::GetAttr { dst, obj, attr }
        } else {
            let v = self.operand(&op.args[2]);
            Instr::SetAttr { obj, attr, v }
        })
    }

    /// A call: of a known function, class or builtin, or of any value.
    fn call_instr(&mut self, op: &flowgraph::model::Op, dst: Slot) -> Result<Instr, String> {
        let args = &op.args;
        let (names, rest) = if op.kind == OpKind::CallKw {
            (Some(self.names(&args[1])?), &args[2..])
        } else {
            (None, &args[1..])
        };
        let cargs = self.operands(rest);
        Ok(match (&args[0], names) {
            (Operand::Const(ConstValue::Func(f)), None) => Instr::CallFunc(Box::new(CallFunc {
                dst,
                func: *f,
                args: cargs,
                code: OnceCell::new(),
            })),
            (Operand::Const(ConstValue::Class(c)), None) => Instr::New {
                dst,
                class: *c,
                args: cargs,
            },
            (Operand::Const(ConstValue::Builtin(b)), None) => Instr::CallBuiltin {
                dst,
                b: *b,
                args: cargs,
            },
            (f, names) => {
                let f = self.operand(f);
                Instr::CallAny(Box::new(CallAny {
                    dst,
                    f,
                    args: cargs,
                    names,
                }))
            }
        })
    }

    /// `obj.name(args)`, its builtin method resolved from the name now.
    fn call_method_instr(&mut self, op: &flowgraph::model::Op, dst: Slot) -> Result<Instr, String> {
        let args = &op.args;
        let Some(ConstValue::Str(name)) = args[1].as_const() else {
            return Err("call_method with a non-constant name".into());
        };
        let (names, rest) = if op.kind == OpKind::CallMethodKw {
            (Some(self.names(&args[2])?), &args[3..])
        } else {
            (None, &args[2..])
        };
        let cargs = self.operands(rest);
        let obj = self.operand(&args[0]);
        Ok(Instr::CallMethod(Box::new(CallMethod {
            dst,
            obj,
            name: name.clone(),
            attr: self.ip.intern(name),
            known: std::str::from_utf8(name).ok().and_then(Method::from_name),
            args: cargs,
            names,
            cache: Cell::new((NONE, NONE)),
        })))
    }

    /// `exc_match(e, C)` or `exc_match(e, (C1, C2))`.
    fn exc_match_instr(&mut self, op: &flowgraph::model::Op, dst: Slot) -> Result<Instr, String> {
        let classes = match op.args[1].as_const() {
            Some(ConstValue::Class(c)) => vec![*c],
            Some(ConstValue::Tuple(t)) => t
                .iter()
                .filter_map(|c| match c {
                    ConstValue::Class(c) => Some(*c),
                    _ => None,
                })
                .collect(),
            _ => return Err("exc_match with a non-constant class".into()),
        };
        Ok(Instr::ExcMatch {
            dst,
            e: self.operand(&op.args[0]),
            classes: classes.into(),
        })
    }

    fn names(&mut self, v: &Operand) -> Result<Rc<[Str]>, String> {
        match v.as_const() {
            Some(ConstValue::Tuple(t)) => t
                .iter()
                .map(|c| match c {
                    ConstValue::Str(s) => Ok(s.clone()),
                    _ => Err("keyword names must be strs".to_string()),
                })
                .collect(),
            _ => Err("keyword names must be a constant tuple".into()),
        }
    }

    /// Is op `i` of block `b` only used as the block's switch?
    fn only_switch_use(&self, b: BlockId, i: usize) -> bool {
        let blk = self.g.block(b);
        i + 1 == blk.ops.len()
            && switch_var(self.g, b) == Some(blk.ops[i].result.index())
            && self.uses[blk.ops[i].result.index()] == 1
    }

    /// Emit block `b`; returns the block to place next if its only exit is a
    /// move-free jump there (fallthrough).
    fn compile_block(&mut self, b: BlockId) -> Option<BlockId> {
        let g = self.g;
        let blk = g.block(b);
        let lab = self.block_label[&b];
        self.place(lab);
        let (fused_cond, last_op_pc) = self.compile_block_ops(b);
        let mut stubs: Vec<(u32, Vec<Instr>)> = Vec::new();
        let mut fallthrough = None;
        match blk.switch().clone() {
            ExitSwitch::None => match blk.exits.first() {
                Some(&l) => fallthrough = self.emit_link_inline(l),
                None => self.error(format!("block without exits in {}", g.name)),
            },
            ExitSwitch::LastException => {
                self.exception_cases(b, last_op_pc, &mut stubs);
                match blk.exits.first() {
                    Some(&l) => fallthrough = self.emit_link_inline(l),
                    None => self.error("LastException block without exits".into()),
                }
            }
            ExitSwitch::Value(v) => self.value_switch(b, &v, fused_cond, &mut stubs),
        }
        if !stubs.is_empty() {
            fallthrough = None;
        }
        for (lab, code) in stubs {
            self.place(lab);
            for i in code {
                self.emit(i);
            }
        }
        fallthrough
    }

    /// The ops of block `b`; returns the condition fused into the block's
    /// switch (its last op, a comparison or truth test used only there)
    /// and the pc of the last op's instruction.
    fn compile_block_ops(&mut self, b: BlockId) -> (Option<Instr>, Option<usize>) {
        let blk = self.g.block(b);
        let nops = blk.ops.len();
        let mut fused_cond = None;
        let mut last_op_pc = None;
        for (i, op) in blk.ops.iter().enumerate() {
            if self.only_switch_use(b, i) {
                if let Some(c) = self.fused_condition(op) {
                    fused_cond = Some(c);
                    continue;
                }
            }
            if range_fused(&blk.ops, i, &self.uses) {
                continue;
            }
            let before = self.instrs.len();
            let is_last_raising =
                i + 1 == nops && matches!(blk.switch(), ExitSwitch::LastException);
            if is_last_raising && op.kind == OpKind::Next {
                if let Some(fused) = self.for_next(b, op) {
                    self.emit(fused);
                }
            }
            if self.instrs.len() == before {
                self.compile_op(op, &blk.ops, i);
            }
            if i + 1 == nops && self.instrs.len() > before {
                last_op_pc = Some(self.instrs.len() - 1);
            }
        }
        (fused_cond, last_op_pc)
    }

    /// A comparison or truth test as a conditional branch (targets filled
    /// in by `value_switch`).
    fn fused_condition(&mut self, op: &flowgraph::model::Op) -> Option<Instr> {
        let cmp = match op.kind {
            OpKind::Lt => Some(BinOp::Lt),
            OpKind::Le => Some(BinOp::Le),
            OpKind::Gt => Some(BinOp::Gt),
            OpKind::Ge => Some(BinOp::Ge),
            OpKind::Eq => Some(BinOp::Eq),
            OpKind::Ne => Some(BinOp::Ne),
            _ => None,
        };
        if let (Some(cop), 2) = (cmp, op.args.len()) {
            let (x, y) = (self.operand(&op.args[0]), self.operand(&op.args[1]));
            return Some(Instr::CmpBranch {
                op: cop,
                a: x,
                b: y,
                then_: NONE,
                else_: NONE,
            });
        }
        if op.kind == OpKind::IsTrue && op.args.len() == 1 {
            let cond = self.operand(&op.args[0]);
            return Some(Instr::BranchIf {
                cond,
                then_: NONE,
                else_: NONE,
            });
        }
        None
    }

    /// The exception exits of block `b`: a handler for its last op's
    /// instruction (and the StopIteration exit of a `ForNext`).
    fn exception_cases(
        &mut self,
        b: BlockId,
        last_op_pc: Option<usize>,
        stubs: &mut Vec<(u32, Vec<Instr>)>,
    ) {
        let g = self.g;
        let mut cases = Vec::new();
        for &l in g.block(b).exits.iter().skip(1) {
            let link = g.link(l);
            if let ExitCase::Exception(c) = link.exitcase {
                let slot = link.last_exc_value.map_or(NONE, |e| self.slots[e.index()]);
                let target = self.link_label(l, stubs);
                cases.push((c, slot, target));
            }
        }
        // the ForNext exit label must also be resolved
        if let Some(Instr::ForNext { exit, .. }) = self.instrs.last_mut() {
            if *exit == NONE {
                *exit = cases
                    .iter()
                    .find(|(c, _, _)| *c == bc::STOP_ITERATION)
                    .map_or(NONE, |c| c.2);
            }
        }
        if let (Some(pc), false) = (last_op_pc, cases.is_empty()) {
            self.handler_at[pc] = self.handlers.len() as u32;
            self.handlers.push(Handler { cases });
        }
    }

    /// A switch on `v`: a two-way branch (with the fused condition) when
    /// the cases are bools, else a `Switch`.
    fn value_switch(
        &mut self,
        b: BlockId,
        v: &Operand,
        fused_cond: Option<Instr>,
        stubs: &mut Vec<(u32, Vec<Instr>)>,
    ) {
        let g = self.g;
        let mut bool_cases: [Option<u32>; 2] = [None, None];
        let mut default = None;
        let mut cases = Vec::new();
        for &l in &g.block(b).exits {
            let target = self.link_label(l, stubs);
            match &g.link(l).exitcase {
                ExitCase::Const(ConstValue::Bool(bv)) => {
                    bool_cases[*bv as usize] = Some(target);
                    cases.push((Value::Bool(*bv), target));
                }
                ExitCase::Const(c) => cases.push((const_value(self.ip, c), target)),
                ExitCase::Default | ExitCase::Always => default = Some(target),
                ExitCase::Exception(_) => {}
            }
        }
        let all_bool = cases.iter().all(|(v, _)| matches!(v, Value::Bool(_)));
        let (then_, else_) = (bool_cases[1].or(default), bool_cases[0].or(default));
        if let (true, Some(then_), Some(else_)) = (all_bool, then_, else_) {
            let i = match fused_cond {
                Some(Instr::CmpBranch { op, a, b, .. }) => Instr::CmpBranch {
                    op,
                    a,
                    b,
                    then_,
                    else_,
                },
                Some(Instr::BranchIf { cond, .. }) => Instr::BranchIf { cond, then_, else_ },
                _ => Instr::BranchIf {
                    cond: self.operand(v),
                    then_,
                    else_,
                },
            };
            return self.emit(i);
        }
        if fused_cond.is_some() {
            // cannot happen: fusion requires a bool switch; keep it correct anyway
            self.error("fused condition on a non-bool switch".into());
        }
        let vs = self.operand(v);
        let default = default.unwrap_or_else(|| {
            let lab = self.new_label();
            let msg = Rc::from("no switch case matched");
            stubs.push((lab, vec![Instr::Error { msg }]));
            lab
        });
        self.emit(Instr::Switch(Box::new(SwitchI::new(vs, cases, default))));
    }

    /// `next` ending a for-loop block, when its StopIteration exit does not
    /// use the exception: a `ForNext` (exit label patched by the caller).
    fn for_next(&mut self, b: BlockId, op: &flowgraph::model::Op) -> Option<Instr> {
        let g = self.g;
        let stop = g
            .block(b)
            .exits
            .iter()
            .skip(1)
            .map(|&l| g.link(l))
            .find(|l| l.exitcase == ExitCase::Exception(bc::STOP_ITERATION))?;
        if let Some(e) = stop.last_exc_value {
            if stop.args.contains(&Operand::Var(e)) {
                return None;
            }
        }
        let it = self.operand(op.args.first()?);
        Some(Instr::ForNext {
            dst: self.slots[op.result.index()],
            it,
            exit: NONE,
        })
    }

    /// Emit link `l` inline; returns its target when it is a move-free jump.
    fn emit_link_inline(&mut self, l: LinkId) -> Option<BlockId> {
        match self.link_code(l) {
            None => {
                let t = self.g.link_target(l);
                self.emit(Instr::Jump {
                    target: self.block_label[&t],
                });
                Some(t)
            }
            Some(code) => {
                for i in code {
                    self.emit(i);
                }
                None
            }
        }
    }
}

/// Is op `i` a `range(…)` call consumed only by the `iter` right after it?
fn range_fused(ops: &[flowgraph::model::Op], i: usize, uses: &[u32]) -> bool {
    let (Some(call), Some(it)) = (ops.get(i), ops.get(i + 1)) else {
        return false;
    };
    call.kind == OpKind::SimpleCall
        && call.args.first() == Some(&Operand::Const(ConstValue::Builtin(Builtin::Range)))
        && (2..=4).contains(&call.args.len())
        && it.kind == OpKind::Iter
        && it.args.first() == Some(&Operand::Var(call.result))
        && uses[call.result.index()] == 1
}

/// Constant identity for the constant pool (-0.0 is not 0.0).
fn same_const(a: &ConstValue, b: &ConstValue) -> bool {
    match (a, b) {
        (ConstValue::Float(x), ConstValue::Float(y)) => x.to_bits() == y.to_bits(),
        (ConstValue::Tuple(_), _) => false,
        _ => a == b,
    }
}

/// Compile one function's graph.
pub fn compile(ip: &Interp, g: &FunctionGraph) -> Code {
    let order: Vec<BlockId> = g.blocks_in_order();
    let blocks: Vec<BlockId> = order
        .iter()
        .copied()
        .filter(|&b| b != g.returnblock && b != g.exceptblock)
        .collect();
    let (slots, nslots) = assign_slots(g, &blocks);
    let mut uses = vec![0u32; g.vars.len()];
    for &b in &blocks {
        let blk = g.block(b);
        for op in &blk.ops {
            for v in vars_of(&op.args) {
                uses[v] += 1;
            }
        }
        if let Some(v) = switch_var(g, b) {
            uses[v] += 1;
        }
        for &l in &blk.exits {
            for v in vars_of(&g.link(l).args) {
                uses[v] += 1;
            }
        }
    }
    let mut c = Compiler {
        ip,
        g,
        slots,
        consts: Vec::new(),
        template: vec![Value::None; nslots as usize + 1],
        tmp: nslots,
        uses,
        instrs: Vec::new(),
        handler_at: Vec::new(),
        handlers: Vec::new(),
        label_pc: vec![NONE; blocks.len()],
        block_label: blocks
            .iter()
            .enumerate()
            .map(|(i, &b)| (b, i as u32))
            .collect(),
    };
    let mut placed = vec![false; blocks.len()];
    let mut next_unplaced = 0;
    let mut cur = blocks.first().copied();
    while let Some(b) = cur {
        placed[c.block_label[&b] as usize] = true;
        let fall = c.compile_block(b);
        cur = match fall {
            Some(t) if !placed[c.block_label[&t] as usize] => {
                // drop the jump: t comes next
                c.instrs.pop();
                c.handler_at.pop();
                Some(t)
            }
            _ => {
                while next_unplaced < blocks.len() && placed[next_unplaced] {
                    next_unplaced += 1;
                }
                blocks.get(next_unplaced).copied()
            }
        };
    }
    // resolve labels; a missing target goes to a final error instruction
    let bad = c.instrs.len() as u32;
    c.error(format!("bad jump in {}", g.name));
    let label_pc: Vec<u32> = std::mem::take(&mut c.label_pc)
        .into_iter()
        .map(|pc| if pc == NONE { bad } else { pc })
        .collect();
    for i in c.instrs.iter_mut() {
        for t in targets_mut(i) {
            *t = label_pc.get(*t as usize).copied().unwrap_or(bad);
        }
        if let Instr::Switch(sw) = i {
            sw.build_table();
        }
    }
    for h in c.handlers.iter_mut() {
        for case in h.cases.iter_mut() {
            case.2 = label_pc.get(case.2 as usize).copied().unwrap_or(bad);
        }
    }
    if std::env::var_os("RPY_DUMP_CODE").is_some() {
        eprintln!("code {} ({} slots):", g.name, c.template.len());
        for (pc, i) in c.instrs.iter().enumerate() {
            eprintln!("  {:4}  {}", pc, describe(i));
        }
    }
    let params = g
        .block(g.startblock)
        .inputargs
        .iter()
        .map(|v| c.slots[v.index()])
        .collect();
    Code {
        name: g.name.clone(),
        func: g.func,
        params,
        consts: c
            .template
            .iter()
            .enumerate()
            .filter(|(_, v)| !matches!(v, Value::None))
            .map(|(i, v)| (i as Slot, v.clone()))
            .collect(),
        template: c.template,
        instrs: c.instrs,
        handler_at: c.handler_at,
        handlers: c.handlers,
    }
}

/// The constant format string of a `%` op on a str (the annotator
/// refuses any other on a str).
fn format_string(op: &flowgraph::model::Op) -> Option<Str> {
    let fmt = (op.kind == OpKind::Mod).then(|| percent::format_string(op));
    fmt.flatten().map(Rc::from)
}

/// The HL op as the interpreter's generic binary instruction (`None`
/// for the ops with their own instruction or that are not binary).
fn bin_op(kind: OpKind) -> Option<BinOp> {
    use OpKind as K;
    Some(match kind {
        K::InplaceMul => BinOp::InplaceMul,
        K::Mul => BinOp::Mul,
        K::TrueDiv => BinOp::TrueDiv,
        K::FloorDiv => BinOp::FloorDiv,
        K::Mod => BinOp::Mod,
        K::Pow => BinOp::Pow,
        K::LShift => BinOp::LShift,
        K::RShift => BinOp::RShift,
        K::And => BinOp::And,
        K::Or => BinOp::Or,
        K::Xor => BinOp::Xor,
        K::Le => BinOp::Le,
        K::Gt => BinOp::Gt,
        K::Ge => BinOp::Ge,
        K::Ne => BinOp::Ne,
        K::Is => BinOp::Is,
        K::Contains => BinOp::Contains,
        _ => return None,
    })
}

/// The HL op as a unary instruction.
fn un_op(kind: OpKind) -> Option<UnOp> {
    use OpKind as K;
    Some(match kind {
        K::Neg => UnOp::Neg,
        K::Pos => UnOp::Pos,
        K::Invert => UnOp::Invert,
        K::IsTrue => UnOp::IsTrue,
        K::Not => UnOp::Not,
        K::Len => UnOp::Len,
        _ => return None,
    })
}
