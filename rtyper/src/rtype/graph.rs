//! One graph through the rtyper: reached blocks become LL blocks, each HL
//! op becomes LL ops (see `ops.rs`), exits become `goto` / `if` /
//! `switch` / `on exception` / `return` / `raise`, and links convert their
//! values to the types of their targets' input arguments.

use super::convert::lower_const;
use super::lltypes::user_name;
use super::RTyper;
use crate::annotate::SomeValue;
use crate::ll::edit::{detach, remove_unreachable_blocks, shortcut_trivial_exits, split_block};
use crate::ll::helpers::Helper;
use crate::ll::model::{op_may_raise, zero_const};
use crate::ll::sig::{Bindings, Pat, Sig};
use crate::ll::{LBlock, LLConst, LLExit, LLGraph, LLLink, LLOp, LLOpKind, LLType, LLValue};
use flowgraph::model::{BlockId, ExitCase, ExitSwitch, FunctionGraph, LinkId, Value, VarId};
use rpy_front::program::{ConstValue, FuncId};
use rpy_front::{DResult, Diagnostic, Span};
use std::collections::HashMap;

pub(super) fn rtype_graph(rt: &RTyper, f: FuncId) -> DResult<LLGraph> {
    let hl = rt.fp.graph(f);
    let (_, result) = rt.sig_parts(f).map_err(|e| Diagnostic::error(hl.span, e))?;
    let mut t = GraphTyper {
        rt,
        f,
        hl,
        g: LLGraph {
            name: hl.name.clone(),
            func: f,
            params: Vec::new(),
            result,
            blocks: Vec::new(),
            vars: Vec::new(),
            hints: rt.prog.func(f).hints,
            span: hl.span,
        },
        vals: HashMap::new(),
        blocks: HashMap::new(),
        ops: Vec::new(),
        span: hl.span,
    };
    let order: Vec<BlockId> = hl
        .blocks_in_order()
        .into_iter()
        .filter(|&b| rt.ann.block_reached(f, b))
        .collect();
    for &b in &order {
        t.new_block(b)?;
    }
    t.g.params = t.g.blocks[0].inputargs.clone();
    for &b in &order {
        t.lower_block(b)?;
    }
    shortcut_trivial_exits(&mut t.g);
    remove_unreachable_blocks(&mut t.g);
    Ok(t.g)
}

/// The translation state of one graph.
pub(crate) struct GraphTyper<'r, 'a> {
    pub rt: &'r RTyper<'a>,
    pub f: FuncId,
    pub hl: &'a FunctionGraph,
    pub g: LLGraph,
    /// What each HL variable became.
    vals: HashMap<VarId, LLValue>,
    blocks: HashMap<BlockId, LBlock>,
    /// The ops of the block being translated.
    pub ops: Vec<LLOp>,
    /// The span of the HL op being translated.
    pub span: Span,
}

impl GraphTyper<'_, '_> {
    pub fn error(&self, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.span, msg)
    }

    fn new_block(&mut self, b: BlockId) -> DResult<()> {
        let block = self.hl.block(b);
        let mut inputargs = Vec::new();
        for &x in &block.inputargs {
            let ty = if b == self.hl.returnblock {
                self.g.result.clone()
            } else {
                self.var_type(x)?
            };
            let v = self.g.new_var(ty, self.hl.vars[x.index()].name.as_deref());
            self.vals.insert(x, LLValue::Var(v));
            inputargs.push(v);
        }
        let exit = LLExit::Return(LLValue::Const(LLConst::Void));
        let lb = self.g.add_block(inputargs, exit);
        self.blocks.insert(b, lb);
        Ok(())
    }

    /// The LL type of an HL variable.
    pub fn var_type(&self, x: VarId) -> DResult<LLType> {
        self.rt
            .ll(&self.rt.ann.var(self.f, x))
            .map_err(|e| self.error(e))
    }

    pub fn ann_of(&self, v: &Value) -> SomeValue {
        self.rt.ann.value(self.f, v)
    }

    /// The type of an LL operand.
    pub fn ty_of(&self, v: &LLValue) -> LLType {
        match v {
            LLValue::Var(x) => self.g.var_type(*x).clone(),
            LLValue::Const(c) => const_type(self.rt, c),
        }
    }

    /// What an HL operand is in LL, with its own type.
    pub fn value(&self, v: &Value) -> DResult<(LLValue, LLType)> {
        match v {
            Value::Var(x) => match self.vals.get(x) {
                Some(val) => Ok((val.clone(), self.ty_of(val))),
                // Defined by an op that never produces a value (unreachable).
                None => Ok((LLValue::Const(LLConst::Void), LLType::Void)),
            },
            Value::Const(c) => {
                let (k, t) = lower_const(self.rt, c).map_err(|e| self.error(e))?;
                Ok((LLValue::Const(k), t))
            }
        }
    }

    /// An HL operand converted to `to`.
    pub fn operand(&mut self, v: &Value, to: &LLType) -> DResult<LLValue> {
        let (val, from) = self.value(v)?;
        let src = self.ann_of(v);
        self.convert(val, &from, &src, to)
    }

    /// The HL result `x` is `val` (converted to `x`'s type).
    pub fn bind(&mut self, x: VarId, val: LLValue) -> DResult<()> {
        let to = self.var_type(x)?;
        let from = self.ty_of(&val);
        let val = self.convert(val, &from, &SomeValue::Impossible, &to)?;
        if let LLValue::Var(v) = &val {
            let info = &mut self.g.vars[v.index()];
            if info.name.is_none() {
                info.name = self.hl.vars[x.index()].name.clone();
            }
        }
        self.vals.insert(x, val);
        Ok(())
    }

    /// Append `kind(args)` with a new result variable of type `ty`.
    pub fn emit(&mut self, kind: LLOpKind, args: Vec<LLValue>, ty: LLType) -> LLValue {
        let result = self.g.new_var(ty, None);
        self.ops.push(LLOp {
            kind,
            args,
            result,
            span: self.span,
        });
        LLValue::Var(result)
    }

    /// Append an op of the table with a signature: arguments are converted
    /// to the types the signature asks for; the result type comes from the
    /// signature, or from `hint` when the signature leaves it open (or
    /// when it only differs from it by list mutability).
    pub fn op(
        &mut self,
        kind: LLOpKind,
        args: Vec<LLValue>,
        hint: Option<&LLType>,
    ) -> DResult<LLValue> {
        let sig = kind.info().sig.expect("an op with a signature");
        let (args, ty) = self.fit(&sig, args, hint, kind.name())?;
        Ok(self.emit(kind, args, ty))
    }

    /// `direct_call(helper, args…)`, typed by the helper table.
    pub fn helper(
        &mut self,
        h: Helper,
        args: Vec<LLValue>,
        hint: Option<&LLType>,
    ) -> DResult<LLValue> {
        let (mut args, ty) = self.fit(&h.info().sig, args, hint, h.name())?;
        args.insert(0, LLValue::Const(LLConst::Helper(h)));
        Ok(self.emit(LLOpKind::DirectCall, args, ty))
    }

    fn fit(
        &mut self,
        sig: &Sig,
        args: Vec<LLValue>,
        hint: Option<&LLType>,
        what: &str,
    ) -> DResult<(Vec<LLValue>, LLType)> {
        assert!(
            sig.accepts_arity(args.len()),
            "{what} called with {} arguments",
            args.len()
        );
        let tys: Vec<LLType> = args.iter().map(|a| self.ty_of(a)).collect();
        let mut b = Bindings::default();
        let bind = |b: &mut Bindings, p: Pat, t: &LLType| {
            let mut trial = b.clone();
            if trial.matches(p, t) {
                *b = trial;
            }
        };
        // Containers bind the item types first (a `None` taken out of a
        // list of null strings is still one), the result then, bare
        // variables last.
        let is_var = |p: Pat| matches!(p, Pat::T | Pat::K | Pat::V);
        for (i, t) in tys.iter().enumerate() {
            let p = sig.param(i).expect("arity checked");
            if !is_var(p) {
                bind(&mut b, p, t);
            }
        }
        if let Some(h) = hint {
            bind(&mut b, sig.result, h);
        }
        for (i, t) in tys.iter().enumerate() {
            let p = sig.param(i).expect("arity checked");
            if is_var(p) {
                bind(&mut b, p, t);
            }
        }
        let mut out = Vec::new();
        for (i, (a, t)) in args.into_iter().zip(&tys).enumerate() {
            let p = sig.param(i).expect("arity checked");
            let mut probe = b.clone();
            out.push(match b.instantiate(p) {
                Some(want)
                    if !probe.matches(p, t) || want.erase_mutability() != t.erase_mutability() =>
                {
                    self.convert(a, t, &SomeValue::Impossible, &want)?
                }
                None if !probe.matches(p, t) => {
                    return Err(self.error(format!("{what} cannot take a {}", user_name(t))))
                }
                _ => a,
            });
        }
        let ty = match (b.instantiate(sig.result), hint) {
            (Some(i), Some(h)) if i.erase_mutability() == h.erase_mutability() => h.clone(),
            (Some(i), _) => i,
            (None, Some(h)) => h.clone(),
            (None, None) => return Err(self.error(format!("the result type of {what} is unknown"))),
        };
        Ok((out, ty))
    }

    fn lower_block(&mut self, b: BlockId) -> DResult<()> {
        let lb = self.blocks[&b];
        let block = self.hl.block(b);
        self.ops.clear();
        if b == self.hl.returnblock || b == self.hl.exceptblock {
            let v = LLValue::Var(self.g.block(lb).inputargs[0]);
            self.g.block_mut(lb).exit = if b == self.hl.returnblock {
                LLExit::Return(v)
            } else {
                LLExit::Raise(v)
            };
            return Ok(());
        }
        let mut mark = 0;
        let n = block.ops.len();
        for (i, op) in block.ops.iter().enumerate() {
            let no_result = self.ann_of(&Value::Var(op.result)).is_impossible();
            let dead_read = op.kind == flowgraph::ops::OpKind::GetAttr && no_result;
            if dead_read || op.args.iter().any(|a| self.ann_of(a).is_impossible()) {
                // The annotator stopped here: no value of an operand ever
                // exists (an item of a list nothing is stored in), or the
                // attribute read is never set on an instance that exists
                // (a class never instantiated), so neither this op nor
                // what follows it ever runs.
                return self.end_unreachable(lb);
            }
            mark = self.ops.len();
            self.span = op.span;
            self.lower_op(op)?;
            if no_result && i + 1 < n {
                // A call that never returns (it always raises): the
                // annotator stopped after it, and so does the block.
                return self.end_unreachable(lb);
            }
        }
        let exits = block.exits.clone();
        match block.switch().clone() {
            ExitSwitch::None => {
                let exit = match exits.first() {
                    Some(&l) => match self.link(l, false)? {
                        Some(link) => LLExit::Goto(link),
                        // The block ends in a call that never returns (it
                        // always raises): what follows cannot run.
                        None => LLExit::Return(LLValue::Const(zero_const(&self.g.result))),
                    },
                    None => return Err(self.error("internal: a block without exits")),
                };
                self.finish(lb, exit);
            }
            ExitSwitch::Value(v) => {
                let exit = self.switch_exit(&v, &exits)?;
                self.finish(lb, exit);
            }
            ExitSwitch::LastException => self.exception_exit(lb, mark, &exits)?,
        }
        Ok(())
    }

    fn finish(&mut self, lb: LBlock, exit: LLExit) {
        let ops = std::mem::take(&mut self.ops);
        let block = self.g.block_mut(lb);
        block.ops = ops;
        block.exit = exit;
    }

    /// The LL link for an HL link (`None` when its target is unreached).
    /// Conversions go in the current ops, or with `separate` in a new block
    /// on the link.
    fn link(&mut self, l: LinkId, separate: bool) -> DResult<Option<LLLink>> {
        if self.rt.ann.link_dead(self.f, l) {
            return Ok(None);
        }
        let target = self.hl.link_target(l);
        let Some(&tb) = self.blocks.get(&target) else {
            return Ok(None);
        };
        let link = self.hl.link(l);
        self.span = link.span;
        let params = self.g.block(tb).inputargs.clone();
        let saved = separate.then(|| std::mem::take(&mut self.ops));
        let mut args = Vec::new();
        for (a, p) in link.args.iter().zip(params) {
            let want = self.g.var_type(p).clone();
            args.push(self.operand(a, &want)?);
        }
        let direct = LLLink { target: tb, args };
        let Some(saved) = saved else {
            return Ok(Some(direct));
        };
        let conversions = std::mem::replace(&mut self.ops, saved);
        if conversions.is_empty() {
            return Ok(Some(direct));
        }
        let (nb, free) = detach(&mut self.g, conversions, LLExit::Goto(direct));
        Ok(Some(LLLink {
            target: nb,
            args: free.into_iter().map(LLValue::Var).collect(),
        }))
    }

    fn switch_exit(&mut self, v: &Value, exits: &[LinkId]) -> DResult<LLExit> {
        let mut arms = Vec::new();
        for &l in exits {
            if let Some(link) = self.link(l, true)? {
                arms.push((self.hl.link(l).exitcase.clone(), link));
            }
        }
        if arms.len() == 1 {
            return Ok(LLExit::Goto(arms.pop().expect("one arm").1));
        }
        if arms.is_empty() {
            return Err(self.error("internal: no exit of a reached block is reached"));
        }
        let is_bool = arms
            .iter()
            .all(|(c, _)| matches!(c, ExitCase::Const(ConstValue::Bool(_))));
        if is_bool {
            let cond = self.operand(v, &LLType::Bool)?;
            let arm = |b: bool| {
                arms.iter()
                    .find(|(c, _)| *c == ExitCase::Const(ConstValue::Bool(b)))
                    .map(|(_, l)| l.clone())
                    .expect("both arms")
            };
            return Ok(match cond {
                LLValue::Const(LLConst::Bool(b)) => LLExit::Goto(arm(b)),
                cond => LLExit::If {
                    cond,
                    then: arm(true),
                    else_: arm(false),
                },
            });
        }
        let default = match arms.iter().position(|(c, _)| *c == ExitCase::Default) {
            Some(i) => arms.remove(i).1,
            None => arms.pop().expect("two arms at least").1,
        };
        let (val, ty) = self.value(v)?;
        let cases: Vec<(ConstValue, LLLink)> = arms
            .into_iter()
            .filter_map(|(c, l)| match c {
                ExitCase::Const(k) => Some((k, l)),
                _ => None,
            })
            .collect();
        match ty {
            LLType::Signed | LLType::Bool => {
                let value = self.operand(v, &LLType::Signed)?;
                let cases = cases
                    .into_iter()
                    .filter_map(|(k, l)| match k {
                        ConstValue::Int(i) => Some((LLConst::Int(i), l)),
                        ConstValue::Bool(b) => Some((LLConst::Int(b as i64), l)),
                        _ => None,
                    })
                    .collect();
                Ok(LLExit::Switch {
                    value,
                    cases,
                    default,
                })
            }
            LLType::Unsigned => {
                // an r_uint never equals a negative int
                let cases = cases
                    .into_iter()
                    .filter_map(|(k, l)| match k {
                        ConstValue::Int(i) if i >= 0 => Some((LLConst::UInt(i as u64), l)),
                        ConstValue::Bool(b) => Some((LLConst::UInt(b as u64), l)),
                        ConstValue::UInt(u) => Some((LLConst::UInt(u), l)),
                        _ => None,
                    })
                    .collect();
                Ok(LLExit::Switch {
                    value: val,
                    cases,
                    default,
                })
            }
            LLType::Char => {
                let cases = cases
                    .into_iter()
                    .filter_map(|(k, l)| match k {
                        ConstValue::Str(s) if s.len() == 1 => Some((LLConst::Char(s[0]), l)),
                        _ => None,
                    })
                    .collect();
                Ok(LLExit::Switch {
                    value: val,
                    cases,
                    default,
                })
            }
            LLType::Str => self.str_switch(val, cases, default),
            other => Err(self.error(format!(
                "cannot switch on a value of type {}",
                user_name(&other)
            ))),
        }
    }

    /// A switch on a string: compare with every case, then switch on the
    /// number of the case that matched (0 for none).
    fn str_switch(
        &mut self,
        val: LLValue,
        cases: Vec<(ConstValue, LLLink)>,
        default: LLLink,
    ) -> DResult<LLExit> {
        let mut index = LLValue::Const(LLConst::Int(0));
        let mut out = Vec::new();
        for (k, (c, l)) in cases.into_iter().enumerate() {
            let ConstValue::Str(s) = c else { continue };
            let eq = self.helper(
                Helper::rpy_str_eq,
                vec![val.clone(), LLValue::Const(LLConst::Str(s))],
                None,
            )?;
            let n = self.emit(LLOpKind::CastBoolToInt, vec![eq], LLType::Signed);
            let weighted = self.emit(
                LLOpKind::IntMul,
                vec![n, LLValue::Const(LLConst::Int(k as i64 + 1))],
                LLType::Signed,
            );
            index = self.emit(LLOpKind::IntAdd, vec![index, weighted], LLType::Signed);
            out.push((LLConst::Int(k as i64 + 1), l));
        }
        Ok(LLExit::Switch {
            value: index,
            cases: out,
            default,
        })
    }

    /// The exit of a block whose last HL op may raise (lowered from
    /// `self.ops[mark..]`).
    fn exception_exit(&mut self, lb: LBlock, mark: usize, exits: &[LinkId]) -> DResult<()> {
        let raiser = (mark..self.ops.len())
            .rev()
            .find(|&i| op_may_raise(&self.ops[i]));
        let (&normal_l, handler_ls) = exits.split_first().expect("a normal exit");
        let normal = self.link(normal_l, false)?;
        let Some(r) = raiser else {
            // Nothing can raise after all: the handlers vanish.
            let Some(normal) = normal else {
                // Nor does it produce a value (an item of an empty
                // container's tuple): the op never runs.
                return self.end_unreachable(lb);
            };
            self.finish(lb, LLExit::Goto(normal));
            return Ok(());
        };
        let normal = match normal {
            Some(n) => n,
            None => {
                // The op always raises: its normal exit is never taken.
                self.ops.truncate(r + 1);
                let t = self.unreachable_block();
                LLLink {
                    target: t,
                    args: Vec::new(),
                }
            }
        };
        let trailing = self.ops.len() > r + 1;
        self.finish(lb, LLExit::Goto(normal));
        if trailing {
            split_block(&mut self.g, lb, r + 1);
        }
        let LLExit::Goto(normal) = self.g.block(lb).exit.clone() else {
            unreachable!("a goto was set above")
        };
        let mut handlers = Vec::new();
        for &l in handler_ls {
            let link = self.hl.link(l);
            let ExitCase::Exception(cls) = link.exitcase else {
                continue;
            };
            if !self.blocks.contains_key(&self.hl.link_target(l)) {
                continue;
            }
            let exc_ty = match link.last_exc_value.map(|x| self.var_type(x)) {
                Some(Ok(t @ LLType::Instance(..))) => t,
                _ => self.rt.instance_type(cls),
            };
            let v = self.g.new_var(exc_ty, Some("exc"));
            if let Some(x) = link.last_exc_value {
                self.vals.insert(x, LLValue::Var(v));
            }
            if let Some(ll) = self.link(l, true)? {
                handlers.push((cls, v, ll));
            }
        }
        self.g.block_mut(lb).exit = if handlers.is_empty() {
            LLExit::Goto(normal)
        } else {
            LLExit::OnException { normal, handlers }
        };
        Ok(())
    }

    /// A block that is never entered (it raises a null exception).
    /// End the block being built with a jump to an unreachable block.
    fn end_unreachable(&mut self, lb: LBlock) -> DResult<()> {
        let t = self.unreachable_block();
        let goto = LLExit::Goto(LLLink {
            target: t,
            args: Vec::new(),
        });
        self.finish(lb, goto);
        Ok(())
    }

    fn unreachable_block(&mut self) -> LBlock {
        let t = self
            .rt
            .instance_type(rpy_front::program::builtin_class::BASE_EXCEPTION);
        self.g
            .add_block(Vec::new(), LLExit::Raise(LLValue::Const(LLConst::Null(t))))
    }
}

/// The type of a constant during translation (functions by their signature).
pub fn const_type(rt: &RTyper, c: &LLConst) -> LLType {
    match c {
        LLConst::Void | LLConst::Helper(_) | LLConst::Field(_) | LLConst::Driver(_) => LLType::Void,
        LLConst::Int(_) => LLType::Signed,
        LLConst::UInt(_) => LLType::Unsigned,
        LLConst::Bool(_) => LLType::Bool,
        LLConst::Float(_) => LLType::Float,
        LLConst::Char(_) => LLType::Char,
        LLConst::Str(_) => LLType::Str,
        LLConst::Null(t) | LLConst::Prebuilt(_, t) => t.clone(),
        LLConst::Func(f) => rt.sig(*f).unwrap_or(LLType::Void),
        LLConst::Class(_) => LLType::Class,
        LLConst::Tuple(items) => LLType::Tuple(items.iter().map(|i| const_type(rt, i)).collect()),
    }
}
