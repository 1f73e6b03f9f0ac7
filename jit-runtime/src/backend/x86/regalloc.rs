//! Register allocation: linear scan over the trace as it is emitted. Each
//! box has one location at a time (a register of its class or a spill
//! slot); it dies after its last use (arguments and fail arguments). When
//! registers run out, the box used furthest ahead is spilled. Boxes alive
//! across a call prefer callee-saved registers; the others are moved out
//! of caller-saved registers at the call.
//!
//! An emitter frees the operands that die at its op before it defines the
//! result, so that the result may take over a dying operand's register:
//! it must have read its operands by then, or hold them in pinned
//! registers. A slot freed while an op is emitted is held until the next
//! op (`unpin_all`), so spilling a box to make room for the result never
//! overwrites an operand the op still reads from its slot.

use super::frame::{CALLEE_SAVED, CALLER_SAVED, XMMS};
use super::moves::emit_move;
use super::Asm;
use crate::ir::{Kind, Opcode, Trace, Value, Var};

/// Where a box lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Loc {
    Gpr(u8),
    Xmm(u8),
    Slot(u32),
}

/// A value to move: a location or a constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Src {
    Loc(Loc),
    Const(u64),
}

/// Ops that call out of the trace (and clobber caller-saved registers).
pub fn is_call_op(op: Opcode) -> bool {
    op.is_call() || matches!(op, Opcode::New | Opcode::NewWithVtable)
}

pub struct Allocator {
    loc: Vec<Option<Loc>>,
    /// The index of the op after which each box is dead (`usize::MAX`:
    /// never, for boxes a loop's label carries implicitly).
    last_use: Vec<usize>,
    crosses_call: Vec<bool>,
    kinds: Vec<Kind>,
    gprs: [Option<Var>; 16],
    xmms: [Option<Var>; 16],
    slots: Vec<Option<Var>>,
    /// Registers the current op reads: never chosen as spill victims.
    pinned: Vec<u8>,
    /// Slots freed while the current op is emitted: not reused before the
    /// next op (an operand there may still be read).
    held: Vec<u32>,
    /// The register each box would best live in (its place in the label
    /// the trace's final jump goes to).
    hints: Vec<Option<u8>>,
}

/// The register class of a kind: general (`false`) or xmm (`true`).
fn is_float(k: Kind) -> bool {
    k == Kind::Float
}

impl Allocator {
    /// Liveness for `trace`, whose ops at the indices in `fused` are
    /// compares emitted by the guard that follows them.
    pub fn new(trace: &Trace, fused: &[bool]) -> Allocator {
        let n = trace.kinds.len();
        // `born[v]`: the first op after `v` is defined (`None`: never is)
        let mut born: Vec<Option<usize>> = vec![None; n];
        let mut last_use: Vec<usize> = vec![0; n];
        for v in &trace.inputargs {
            born[v.index()] = Some(0);
        }
        for (i, op) in trace.ops.iter().enumerate() {
            if let Some(r) = op.result {
                born[r.index()] = Some(i + 1);
                last_use[r.index()] = i;
            }
            let fail_args = op.guard.iter().flat_map(|g| g.fail_args.iter());
            for v in op.args.iter().chain(fail_args).filter_map(|a| a.as_var()) {
                // a fused compare reads its arguments at its guard
                let at = if fused[i] { i + 1 } else { i };
                last_use[v.index()] = last_use[v.index()].max(at);
            }
        }
        // Boxes defined before a label and used after it (other than the
        // label's arguments) live to the end: the loop carries them.
        for (l, op) in trace.ops.iter().enumerate() {
            if op.opcode != Opcode::Label {
                continue;
            }
            for v in 0..n {
                let defined_before = born[v].is_some_and(|b| b <= l);
                let is_arg = op.args.contains(&Value::Var(Var(v as u32)));
                if defined_before && !is_arg && last_use[v] > l {
                    last_use[v] = usize::MAX;
                }
            }
        }
        let calls_before: Vec<usize> = std::iter::once(0)
            .chain(trace.ops.iter().scan(0, |c, op| {
                *c += is_call_op(op.opcode) as usize;
                Some(*c)
            }))
            .collect();
        let crosses_call = (0..n)
            .map(|v| {
                let end = last_use[v].min(trace.ops.len());
                let start = born[v].unwrap_or(0).min(end);
                calls_before[end] > calls_before[start]
            })
            .collect();
        Allocator {
            loc: vec![None; n],
            last_use,
            crosses_call,
            kinds: trace.kinds.clone(),
            gprs: [None; 16],
            xmms: [None; 16],
            slots: Vec::new(),
            pinned: Vec::new(),
            held: Vec::new(),
            hints: vec![None; n],
        }
    }

    pub fn loc(&self, v: Var) -> Loc {
        self.loc[v.index()].unwrap_or_else(|| panic!("box {} has no location", v.index()))
    }

    pub fn try_loc(&self, v: Var) -> Option<Loc> {
        self.loc[v.index()]
    }

    /// A value as a move source.
    pub fn src(&self, v: Value) -> Src {
        match v {
            Value::Var(x) => Src::Loc(self.loc(x)),
            Value::Const(_, c) => Src::Const(c),
        }
    }

    /// Is `v` dead after op `i`?
    pub fn dies_at(&self, v: Var, i: usize) -> bool {
        self.last_use[v.index()] <= i
    }

    /// Is `v` alive forever (carried by a loop's label)?
    pub fn carried(&self, v: Var) -> bool {
        self.last_use[v.index()] == usize::MAX
    }

    /// The spill slots used so far.
    pub fn slot_count(&self) -> u32 {
        self.slots.len() as u32
    }

    /// Asks for `v` to be defined in register `r` when it is free.
    pub fn hint(&mut self, v: Var, r: u8) {
        self.hints[v.index()] = Some(r);
    }

    /// Between ops: no register is pinned, no freed slot held any more.
    pub fn unpin_all(&mut self) {
        self.pinned.clear();
        self.held.clear();
    }

    /// Records that `v` lives at `l` (which must be free).
    pub fn place(&mut self, v: Var, l: Loc) {
        match l {
            Loc::Gpr(r) => self.gprs[r as usize] = Some(v),
            Loc::Xmm(x) => self.xmms[x as usize] = Some(v),
            Loc::Slot(s) => {
                if self.slots.len() <= s as usize {
                    self.slots.resize(s as usize + 1, None);
                }
                self.slots[s as usize] = Some(v);
            }
        }
        self.loc[v.index()] = Some(l);
    }

    /// Is location `l` free?
    pub fn is_free(&self, l: Loc) -> bool {
        match l {
            Loc::Gpr(r) => self.gprs[r as usize].is_none(),
            Loc::Xmm(x) => self.xmms[x as usize].is_none(),
            Loc::Slot(s) => self.slots.get(s as usize).is_none_or(|o| o.is_none()),
        }
    }

    /// Forgets `v`'s location.
    pub fn free(&mut self, v: Var) {
        match self.loc[v.index()].take() {
            Some(Loc::Gpr(r)) => self.gprs[r as usize] = None,
            Some(Loc::Xmm(x)) => self.xmms[x as usize] = None,
            Some(Loc::Slot(s)) => {
                self.slots[s as usize] = None;
                self.held.push(s);
            }
            None => {}
        }
    }

    /// Frees every box in `vars` that is dead after op `i`.
    pub fn free_dead(&mut self, vars: impl IntoIterator<Item = Value>, i: usize) {
        for v in vars.into_iter().filter_map(|a| a.as_var()) {
            if self.dies_at(v, i) {
                self.free(v);
            }
        }
    }

    /// A slot no box holds, nor was freed during the current op.
    fn free_slot(&mut self) -> u32 {
        let held = &self.held;
        let free = (0..self.slots.len() as u32)
            .find(|s| self.slots[*s as usize].is_none() && !held.contains(s));
        match free {
            Some(s) => s,
            None => {
                self.slots.push(None);
                self.slots.len() as u32 - 1
            }
        }
    }

    /// Moves `v` to a fresh spill slot.
    pub fn spill(&mut self, asm: &mut Asm, v: Var) {
        let s = Loc::Slot(self.free_slot());
        self.relocate(asm, v, s);
    }

    /// Moves `v` to `to` (free), emitting the move.
    pub fn relocate(&mut self, asm: &mut Asm, v: Var, to: Loc) {
        let from = self.loc(v);
        emit_move(asm, from.into(), to.into());
        self.free(v);
        self.place(v, to);
    }

    /// A free register for a box of kind `k` (spilling if needed),
    /// preferring `hints` in order, and callee-saved registers when `across_call`;
    /// never one in `avoid` or pinned.
    fn take_reg(
        &mut self,
        asm: &mut Asm,
        k: Kind,
        across_call: bool,
        hints: &[u8],
        avoid: &[u8],
    ) -> u8 {
        let float = is_float(k);
        let order: Vec<u8> = match (float, across_call) {
            (true, _) => XMMS.to_vec(),
            (false, false) => [CALLER_SAVED, CALLEE_SAVED].concat(),
            (false, true) => [CALLEE_SAVED, CALLER_SAVED].concat(),
        };
        let free = |a: &Allocator, r: u8| {
            let l = if float { Loc::Xmm(r) } else { Loc::Gpr(r) };
            a.is_free(l) && !avoid.contains(&r)
        };
        let chosen = hints
            .iter()
            .copied()
            .find(|&h| order.contains(&h) && free(self, h))
            .or_else(|| order.iter().copied().find(|&r| free(self, r)));
        let r = match chosen {
            Some(r) => r,
            None => {
                // spill the box whose last use is furthest ahead
                let holders = if float { &self.xmms } else { &self.gprs };
                let (r, victim) = order
                    .iter()
                    .filter(|r| !avoid.contains(r) && !self.pinned.contains(r))
                    .filter_map(|&r| holders[r as usize].map(|v| (r, v)))
                    .max_by_key(|(_, v)| self.last_use[v.index()])
                    .expect("no register to spill");
                self.spill(asm, victim);
                r
            }
        };
        self.pinned.push(r);
        r
    }

    /// `v` in a register of its class (loaded from its slot if spilled);
    /// the register is pinned for the current op.
    pub fn in_reg(&mut self, asm: &mut Asm, v: Var) -> u8 {
        match self.loc(v) {
            Loc::Gpr(r) | Loc::Xmm(r) => {
                self.pinned.push(r);
                r
            }
            Loc::Slot(_) => {
                let k = self.kinds[v.index()];
                let r = self.take_reg(asm, k, self.crosses_call[v.index()], &[], &[]);
                self.relocate(asm, v, reg_loc(k, r));
                r
            }
        }
    }

    /// A register for the result `v` of the current op: `hint` if free,
    /// else `v`'s own hint if free; never one in `avoid`.
    pub fn define(&mut self, asm: &mut Asm, v: Var, hint: Option<u8>, avoid: &[u8]) -> u8 {
        let k = self.kinds[v.index()];
        let hints: Vec<u8> = hint.into_iter().chain(self.hints[v.index()]).collect();
        let r = self.take_reg(asm, k, self.crosses_call[v.index()], &hints, avoid);
        self.place(v, reg_loc(k, r));
        r
    }

    /// Before a call at op `i`: moves every box alive after it out of the
    /// registers the call clobbers (to a free callee-saved register, or a
    /// spill slot).
    pub fn evict_caller_saved(&mut self, asm: &mut Asm, i: usize) {
        let live = |a: &Allocator, v: &Option<Var>| v.filter(|v| !a.dies_at(*v, i));
        let gprs: Vec<Var> = CALLER_SAVED
            .iter()
            .filter_map(|&r| live(self, &self.gprs[r as usize]))
            .collect();
        for v in gprs {
            match CALLEE_SAVED.iter().find(|&&r| self.is_free(Loc::Gpr(r))) {
                Some(&r) => self.relocate(asm, v, Loc::Gpr(r)),
                None => self.spill(asm, v),
            }
        }
        let xmms: Vec<Var> = XMMS
            .iter()
            .filter_map(|&r| live(self, &self.xmms[r as usize]))
            .collect();
        for v in xmms {
            self.spill(asm, v);
        }
    }
}

/// The register location of class `k`.
pub fn reg_loc(k: Kind, r: u8) -> Loc {
    if is_float(k) {
        Loc::Xmm(r)
    } else {
        Loc::Gpr(r)
    }
}

impl From<Loc> for Src {
    fn from(l: Loc) -> Src {
        Src::Loc(l)
    }
}
