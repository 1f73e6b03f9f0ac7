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
//! implementation of each op. This file holds the writer and the control
//! flow of a graph; `ops.rs` selects instructions per op, `descrs.rs`
//! makes descrs and call wrappers, `lists.rs` writes list accesses,
//! `hints.rs` checks the merge points.

use crate::liveness::live_in;
use rpy_backendopt::analysis::Analysis;
use rpy_front::program::{ClassId, FuncId};
use rpy_front::Diagnostic;
use rpy_jit::ir::{CallEffect, Kind, Opcode};
use rpy_jit::jitcode::{
    CallInfo, DriverInfo, FieldInfo, Insn, JitCode, JitCodes, Reg, SizeInfo, Src,
};
use rpy_rtyper::ll::{
    Effect as LLEffect, LBlock, LLConst, LLExit, LLGraph, LLLink, LLOp, LLOpKind as K, LLProgram,
    LLType, LLValue, LVar, ListKind,
};
use std::collections::HashMap;

mod descrs;
mod hints;
mod lists;
mod ops;

use descrs::*;
use hints::*;
use lists::*;

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

pub fn kind_of(t: &LLType) -> Option<Kind> {
    match t {
        LLType::Void => None,
        LLType::Float => Some(Kind::Float),
        LLType::Bool
        | LLType::Signed
        | LLType::Unsigned
        | LLType::Char
        | LLType::Class
        | LLType::Func(..) => Some(Kind::Int),
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
            LLConst::UInt(u) => Src::Const(*u),
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
