//! The flow-graph builder: one `FunctionGraph` per function of the loaded
//! program, from its AST, after PyPy's flow space (but reading the AST).
//!
//! Locals live in an environment (name → current value) that flows along
//! links; a join creates a block whose input arguments are the names whose
//! values differ between the incoming paths. Temporaries may cross block
//! boundaries freely: `ssa::ssa_to_ssi` threads them through afterwards.

mod ctx;
mod expr;
mod stmt;
mod types;

use crate::model::*;
use crate::ops::{OpKind, ResultKind};
use crate::program::FlowProgram;
use rpy_front::program::{builtin_class, ClassId, ConstValue, DriverId, FuncId, Program};
use rpy_front::{DResult, Diagnostic, Span};
use std::collections::{BTreeMap, HashMap, HashSet};

pub(crate) use ctx::{Ctx, ExitKind};

/// Local name → its current value.
pub(crate) type Env = BTreeMap<String, Value>;

/// An exit of some block whose target is not known yet.
#[derive(Clone, Debug)]
pub(crate) struct Pending {
    pub block: BlockId,
    pub case: ExitCase,
    pub last_exc: Option<VarId>,
    pub env: Env,
    /// The statement being built when the exit was made.
    pub span: Span,
}

/// Build every function's graph, then check the program-wide JIT-hint rules.
///
/// A function outside the dialect (one only import time calls, say) is
/// not an error here: its graph is an empty stand-in and its error is kept
/// in `refused`, reported if the annotator reaches the function.
pub fn build_program(program: Program) -> DResult<FlowProgram> {
    let mut graphs = Vec::new();
    let mut refused = Vec::new();
    let mut hints = HintUses::default();
    for f in &program.functions {
        // A refused function's hint uses are dropped with it.
        let mut uses = hints.clone();
        match build_function(&program, f.id, &f.body, &mut uses) {
            Ok(g) => {
                hints = uses;
                graphs.push(g);
                refused.push(None);
            }
            Err(d) => {
                graphs.push(build_function(&program, f.id, &[], &mut uses)?);
                refused.push(Some(d));
            }
        }
    }
    hints.check(&program)?;
    Ok(FlowProgram {
        program,
        graphs,
        refused,
    })
}

/// Where the JIT hints of each driver are used (checked program-wide).
#[derive(Clone, Default)]
pub(crate) struct HintUses {
    merge_points: HashMap<DriverId, (FuncId, Span)>,
    can_enter: Vec<(DriverId, FuncId, Span)>,
}

impl HintUses {
    fn check(&self, program: &Program) -> DResult<()> {
        for &(d, f, span) in &self.can_enter {
            let name = &program.drivers[d.index()].name;
            match self.merge_points.get(&d) {
                None => {
                    return Err(Diagnostic::error(
                        span,
                        format!("can_enter_jit of driver '{name}' but the driver has no jit_merge_point"),
                    ))
                }
                Some(&(mf, _)) if mf != f => {
                    return Err(Diagnostic::error(
                        span,
                        format!(
                            "can_enter_jit of driver '{name}' must be in the function of its jit_merge_point ({})",
                            program.func(mf).name
                        ),
                    ))
                }
                _ => {}
            }
        }
        Ok(())
    }
}

pub(crate) struct Builder<'p> {
    pub prog: &'p Program,
    pub func: FuncId,
    pub g: FunctionGraph,
    /// The block being filled; `None` after return/raise/break/continue.
    pub current: Option<BlockId>,
    pub env: Env,
    /// Names assigned anywhere in the function (Python's local scope).
    pub locals: HashSet<String>,
    /// Comprehension variables renamed to hidden locals (innermost last).
    pub renames: Vec<(String, String)>,
    pub ctx: Vec<Ctx>,
    /// Hidden names holding the exceptions being handled (for bare `raise`).
    pub handled: Vec<String>,
    /// Variables known to hold a bool (results of comparisons etc.).
    pub bools: HashSet<VarId>,
    /// Counter for hidden names.
    pub fresh: u32,
    /// Blocks made for code after a jump (no way in): what leaves them is
    /// dropped where paths join, so their empty environment loses nothing.
    pub dead: HashSet<BlockId>,
    /// True while building the first statement of a while loop's body.
    pub at_loop_top: bool,
    /// The statement being built (the span of links made now).
    pub span: Span,
    pub hints: &'p mut HintUses,
}

fn build_function(
    prog: &Program,
    f: FuncId,
    body: &[rpy_front::ast::Stmt],
    hints: &mut HintUses,
) -> DResult<FunctionGraph> {
    let decl = prog.func(f);
    if let (Some(d), false) = (&decl.refusal, body.is_empty()) {
        return Err(d.clone());
    }
    // A function's imports bind constants (in `closure`), not locals.
    let mut locals =
        rpy_front::scope::local_names(decl.params.iter().map(|p| p.name.as_str()), body);
    locals.retain(|n| !decl.closure.contains_key(n));
    let names: Vec<String> = decl.params.iter().map(|p| p.name.clone()).collect();
    let g = FunctionGraph::new(decl.name.clone(), f, &names, decl.span);
    let start = g.startblock;
    let mut env = Env::new();
    for (name, &v) in names.iter().zip(&g.block(start).inputargs) {
        env.insert(name.clone(), Value::Var(v));
    }
    let mut b = Builder {
        prog,
        func: f,
        g,
        current: Some(start),
        env,
        locals,
        renames: Vec::new(),
        ctx: Vec::new(),
        handled: Vec::new(),
        bools: HashSet::new(),
        fresh: 0,
        dead: HashSet::new(),
        at_loop_top: false,
        span: decl.span,
        hints,
    };
    b.stmts(body)?;
    if b.current.is_some() {
        b.do_return(Value::Const(ConstValue::None));
    }
    let mut g = b.g;
    // The blocks of code after a jump, and their half-built exits.
    crate::simplify::remove_unreachable_blocks(&mut g);
    crate::ssa::ssa_to_ssi(&mut g);
    Ok(g)
}

pub(crate) fn err<T>(span: Span, msg: impl Into<String>) -> DResult<T> {
    Err(Diagnostic::error(span, msg))
}

impl<'p> Builder<'p> {
    /// A new hidden local name (cannot clash with user names).
    pub fn hidden(&mut self, what: &str) -> String {
        self.fresh += 1;
        format!("${what}{}", self.fresh)
    }

    /// The current block, creating an unreachable one if needed (dead code
    /// is not built, so this only happens for expressions after a jump).
    pub fn cur(&mut self) -> BlockId {
        match self.current {
            Some(b) => b,
            None => {
                let b = self.g.add_block(Vec::new());
                self.dead.insert(b);
                self.current = Some(b);
                b
            }
        }
    }

    /// Append `result = kind(args)` to the current block. Inside a `try`,
    /// an op that can raise ends its block with an exceptional exit.
    pub fn emit(&mut self, kind: OpKind, args: Vec<Value>, span: Span) -> Value {
        let (v, _) = self.emit_catching(kind, args, span, None);
        v
    }

    /// A test on constants decided now, so that the branch it picks is the
    /// only one built (`m = None` … `if m is not None:` is dead code, as
    /// in Python): `is` where one side is the constant None, `not` and
    /// `bool` of a constant.
    /// Like `emit`; with `catch = Some(cls)` the op's exceptions of class
    /// `cls` leave by a separate exit, returned as a pending.
    pub fn emit_catching(
        &mut self,
        kind: OpKind,
        args: Vec<Value>,
        span: Span,
        catch: Option<ClassId>,
    ) -> (Value, Option<Pending>) {
        if let Some(c) = crate::simplify::fold_tests::fold_test(kind, &args) {
            return (Value::Const(c), None);
        }
        let can_raise = may_raise(kind, &args);
        let block = self.cur();
        let result = self.g.new_var(None);
        if kind.info().result == ResultKind::Bool {
            self.bools.insert(result);
        }
        self.g.block_mut(block).ops.push(Op {
            kind,
            args,
            result,
            span,
        });
        let catching = can_raise && self.catching_ctx().is_some();
        if catch.is_none() && !catching {
            return (Value::Var(result), None);
        }
        self.g.block_mut(block).exitswitch = Some(ExitSwitch::LastException);
        let normal = Pending {
            span: self.span,
            block,
            case: ExitCase::Always,
            last_exc: None,
            env: self.env.clone(),
        };
        let caught = catch.map(|cls| Pending {
            span: self.span,
            block,
            case: ExitCase::Exception(cls),
            last_exc: Some(self.g.new_var(Some("exc"))),
            env: self.env.clone(),
        });
        if catching {
            // The handler's link is made when the enclosing try is closed,
            // after the caller has linked `caught`: exits stay in order.
            let e = self.g.new_var(Some("exc"));
            let p = Pending {
                span: self.span,
                block,
                case: ExitCase::Exception(builtin_class::BASE_EXCEPTION),
                last_exc: Some(e),
                env: self.env.clone(),
            };
            self.route_raise(p, Value::Var(e), span);
        }
        self.current = None;
        self.join(vec![normal]);
        (Value::Var(result), caught)
    }

    /// Is a value known to be a bool?
    pub fn is_bool(&self, v: &Value) -> bool {
        match v {
            Value::Var(x) => self.bools.contains(x),
            Value::Const(c) => matches!(c, ConstValue::Bool(_)),
        }
    }

    /// End the current block (if any) as a pending unconditional exit.
    pub fn take_current(&mut self) -> Vec<Pending> {
        match self.current.take() {
            Some(block) => vec![Pending {
                span: self.span,
                block,
                case: ExitCase::Always,
                last_exc: None,
                env: std::mem::take(&mut self.env),
            }],
            None => Vec::new(),
        }
    }

    /// End the current block with a two-way switch on `cond` (a bool).
    pub fn split_bool(&mut self, cond: Value) -> (Vec<Pending>, Vec<Pending>) {
        if let Some(t) = cond.as_const().and_then(rpy_front::constfold::fixed_truth) {
            let p = self.take_current();
            return if t { (p, Vec::new()) } else { (Vec::new(), p) };
        }
        let block = self.cur();
        self.g.block_mut(block).exitswitch = Some(ExitSwitch::Value(cond));
        self.current = None;
        let env = std::mem::take(&mut self.env);
        let mk = |b: bool| Pending {
            span: self.span,
            block,
            case: ExitCase::Const(ConstValue::Bool(b)),
            last_exc: None,
            env: env.clone(),
        };
        (vec![mk(true)], vec![mk(false)])
    }

    /// Continue building where the pendings meet. Names whose values differ
    /// between pendings become input arguments of a new block; names missing
    /// on some path are dropped (reading them later is an error).
    pub fn join(&mut self, mut pendings: Vec<Pending>) {
        debug_assert!(self.current.is_none(), "join while a block is open");
        pendings.retain(|p| !self.dead.contains(&p.block));
        if pendings.is_empty() {
            self.current = None;
            self.env = Env::new();
            return;
        }
        if let [p] = pendings.as_slice() {
            let blk = self.g.block(p.block);
            if p.case == ExitCase::Always && blk.exits.is_empty() && blk.exitswitch.is_none() {
                self.current = Some(p.block);
                self.env = p.env.clone();
                return;
            }
        }
        let first = &pendings[0].env;
        let mut env = Env::new();
        let mut varying = Vec::new();
        for (name, v) in first {
            let values: Option<Vec<&Value>> = pendings.iter().map(|p| p.env.get(name)).collect();
            let Some(values) = values else {
                continue; // not assigned on every path
            };
            let same = values.iter().all(|x| *x == v);
            let caught =
                matches!(v, Value::Var(x) if pendings.iter().any(|p| p.last_exc == Some(*x)));
            if same && !caught {
                env.insert(name.clone(), v.clone());
            } else {
                let all_bool = values.iter().all(|x| self.is_bool(x));
                varying.push((name.clone(), all_bool));
            }
        }
        let inputs: Vec<VarId> = varying
            .iter()
            .map(|(n, _)| self.g.new_var(Some(n)))
            .collect();
        let target = self.g.add_block(inputs.clone());
        for p in pendings {
            let args = varying.iter().map(|(n, _)| p.env[n].clone()).collect();
            self.link(p, target, args);
        }
        for ((n, all_bool), v) in varying.into_iter().zip(inputs) {
            if all_bool {
                self.bools.insert(v);
            }
            env.insert(n, Value::Var(v));
        }
        self.current = Some(target);
        self.env = env;
    }

    /// Attach a pending exit to a known block.
    pub fn link(&mut self, p: Pending, target: BlockId, args: Vec<Value>) {
        self.g.add_link(
            p.block,
            target,
            Link {
                args,
                exitcase: p.case,
                last_exc_value: p.last_exc,
                span: p.span,
            },
        );
    }

    /// Start a loop header: a block taking every current local.
    pub fn loop_header(&mut self) -> (BlockId, Vec<String>) {
        let pend = self.take_current();
        let names: Vec<String> = pend
            .first()
            .map(|p| p.env.keys().cloned().collect())
            .unwrap_or_default();
        let inputs: Vec<VarId> = names.iter().map(|n| self.g.new_var(Some(n))).collect();
        let header = self.g.add_block(inputs.clone());
        for p in pend {
            let args = names.iter().map(|n| p.env[n].clone()).collect();
            self.link(p, header, args);
        }
        self.env = names
            .iter()
            .cloned()
            .zip(inputs.into_iter().map(Value::Var))
            .collect();
        self.current = Some(header);
        (header, names)
    }

    /// Close a loop: send each pending back to the header.
    pub fn close_loop(
        &mut self,
        header: BlockId,
        names: &[String],
        back: Vec<Pending>,
        span: Span,
    ) -> DResult<()> {
        for p in back {
            let mut args = Vec::new();
            for n in names {
                match p.env.get(n) {
                    Some(v) => args.push(v.clone()),
                    None => {
                        return err(
                            span,
                            format!(
                                "'{n}' is deleted inside the loop but used by the next iteration"
                            ),
                        )
                    }
                }
            }
            self.link(p, header, args);
        }
        Ok(())
    }

    /// Return `v` from the function (through enclosing `finally` blocks).
    pub fn do_return(&mut self, v: Value) {
        if self.current.is_none() {
            return;
        }
        if let Some(i) = self
            .ctx
            .iter()
            .rposition(|c| matches!(c, Ctx::Finally { .. }))
        {
            self.env.insert("$ret".into(), v);
            let p = self.take_current();
            self.ctx[i].push_exit(ExitKind::Return, p);
            return;
        }
        let p = self.take_current();
        let rb = self.g.returnblock;
        for p in p {
            self.link(p, rb, vec![v.clone()]);
        }
    }

    /// The innermost context that catches exceptions (a try/except or a
    /// try/finally), if any.
    pub fn catching_ctx(&self) -> Option<usize> {
        self.ctx.iter().rposition(|c| c.catches())
    }

    /// Send a pending raising `exc` to the innermost catching context, or
    /// out of the function.
    pub fn route_raise(&mut self, mut p: Pending, exc: Value, _span: Span) {
        match self.catching_ctx() {
            Some(i) => {
                let slot = self.ctx[i].exc_name().to_string();
                p.env.insert(slot, exc);
                self.ctx[i].push_exit(ExitKind::Raise, vec![p]);
            }
            None => {
                let eb = self.g.exceptblock;
                self.link(p, eb, vec![exc]);
            }
        }
    }

    /// `raise exc` from the current block.
    pub fn raise_value(&mut self, exc: Value, span: Span) {
        for p in self.take_current() {
            self.route_raise(p, exc.clone(), span);
        }
    }

    /// A builtin exception instance `cls(msg)`.
    pub fn new_exception(&mut self, cls: ClassId, args: Vec<Value>, span: Span) -> Value {
        let mut a = vec![Value::Const(ConstValue::Class(cls))];
        a.extend(args);
        self.emit(OpKind::SimpleCall, a, span)
    }
}

/// Can this op raise? Calls of the builtins that cannot (`isinstance`, …)
/// get no exception exit, so inside a `try` they stay in the block of the
/// test that uses them.
fn may_raise(kind: OpKind, args: &[Value]) -> bool {
    kind.can_raise()
        && !(kind == OpKind::SimpleCall
            && matches!(args.first(), Some(Value::Const(ConstValue::Builtin(b))) if !b.can_raise()))
}
