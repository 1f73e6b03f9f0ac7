//! Lists in jitcode: their fields, item reads and writes with a fast
//! path in bounds and the native helper otherwise, and which lists are
//! never written after construction (`name[*]` fields).

use super::*;

impl Code<'_> {
    /// The LL type of a list operand; a list read from a field declared
    /// `name[*]` in `_immutable_fields_` counts as immutable.
    pub(super) fn list_type(&self, prog: &LLProgram, v: &LLValue) -> LLType {
        let t = prog.value_type(self.g, v).expect("a list");
        match (v, &t) {
            (LLValue::Var(x), LLType::List { item, .. }) if self.items_immutable[x.index()] => {
                LLType::list((**item).clone(), ListKind::Immutable)
            }
            _ => t,
        }
    }
}

impl<'p> Writer<'p> {
    pub(super) fn list_fields(&mut self, t: &LLType) -> (u32, u32, u32, Kind) {
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

    /// `xs[i]` / `xs[i] = x`: a bounds check `0 <= i < len` (one unsigned
    /// compare) whose failing side runs the op natively (that handles a
    /// negative index, or raises IndexError), then the item. A constant
    /// negative index is made `len - k` first.
    pub(super) fn list_item(
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
    pub(super) fn fast_or_native(
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
}

/// Which variables hold a list read from a field declared `name[*]`: the
/// `getfield` results, and block arguments every incoming link fills with
/// such a variable (an optimistic fixpoint, as for genrust's list views).
pub(super) fn items_immutable(prog: &LLProgram, g: &LLGraph) -> Vec<bool> {
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
        seed[op.result.index()] = prog.class(cls).immutable_fields.declares_items(name);
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
