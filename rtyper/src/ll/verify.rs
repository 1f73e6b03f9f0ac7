//! The LL verifier: every op's operand and result types against the op
//! table (and the helper table for helper calls), every link's values
//! against its target's input arguments, every exit's shape, and SSA form
//! (each variable defined once, used only in its block after its
//! definition).

use super::model::*;
use super::ops::LLOpKind;
use super::types::LLType;
use std::collections::HashSet;

/// Check every graph of the program; `Err` lists every problem found.
pub fn verify_program(p: &LLProgram) -> Result<(), String> {
    let mut errors = Vec::new();
    for w in p.graphs.windows(2) {
        if w[0].func >= w[1].func {
            errors.push(format!(
                "graphs {} and {} are not in FuncId order",
                w[0].name, w[1].name
            ));
        }
    }
    if p.graph(p.entry).is_none() {
        errors.push("the entry point has no graph".to_string());
    }
    for g in &p.graphs {
        errors.extend(graph_errors(p, g));
    }
    for (i, pb) in p.prebuilt.iter().enumerate() {
        errors.extend(prebuilt_errors(p, i, pb));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

/// A prebuilt instance is typed as its class, and each field it sets is
/// one of the class's, holding a constant of the field's type.
fn prebuilt_errors(p: &LLProgram, i: usize, pb: &LLPrebuilt) -> Vec<String> {
    let LLPrebuiltInit::Instance { class, fields } = &pb.init else {
        return Vec::new();
    };
    let cls = p.class(*class);
    let mut out = Vec::new();
    if pb.ty.instance_class() != Some(*class) {
        out.push(format!(
            "prebuilt{i}: an instance of {} typed {}",
            cls.name, pb.ty
        ));
    }
    for (name, v) in fields {
        match (cls.fields.get(name), p.const_type(v)) {
            (Some(ft), Some(t)) if *ft == t => {}
            (Some(ft), t) => out.push(format!(
                "prebuilt{i}: field '{name}' of type {ft} holds a constant of type {t:?}"
            )),
            (None, _) => out.push(format!("prebuilt{i}: {} has no field '{name}'", cls.name)),
        }
    }
    out
}

/// Check one graph.
pub fn verify_graph(p: &LLProgram, g: &LLGraph) -> Result<(), String> {
    let errors = graph_errors(p, g);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

fn graph_errors(p: &LLProgram, g: &LLGraph) -> Vec<String> {
    let mut v = Verifier {
        p,
        g,
        errors: Vec::new(),
        defined: HashSet::new(),
        at: String::new(),
    };
    v.graph();
    v.errors
}

struct Verifier<'a> {
    p: &'a LLProgram,
    g: &'a LLGraph,
    errors: Vec<String>,
    /// Variables defined anywhere so far (each at most once).
    defined: HashSet<LVar>,
    /// Where we are, for messages.
    at: String,
}

impl Verifier<'_> {
    fn err(&mut self, msg: impl std::fmt::Display) {
        self.errors
            .push(format!("{}: {}: {msg}", self.g.name, self.at));
    }

    fn graph(&mut self) {
        let g = self.g;
        self.at = "start".into();
        if g.blocks.is_empty() {
            self.err("no blocks");
            return;
        }
        if g.blocks[0].inputargs != g.params {
            self.err("block0's input arguments are not the graph's parameters");
        }
        for b in g.block_ids() {
            self.block(b);
        }
    }

    fn define(&mut self, v: LVar, local: &mut HashSet<LVar>) {
        if v.index() >= self.g.vars.len() {
            self.err(format!("v{} is not a variable of this graph", v.0));
            return;
        }
        if !self.defined.insert(v) {
            self.err(format!("v{} is defined twice", v.0));
        }
        local.insert(v);
    }

    fn ty(&mut self, v: &LLValue, local: &HashSet<LVar>) -> Option<LLType> {
        if let LLValue::Var(x) = v {
            if !local.contains(x) {
                self.err(format!("v{} is used where it is not defined", x.0));
                return None;
            }
        }
        let t = self.p.value_type(self.g, v);
        if t.is_none() {
            self.err(format!("{v:?} refers to a function without a graph"));
        }
        t
    }

    fn block(&mut self, b: LBlock) {
        let block = self.g.block(b);
        self.at = format!("block{}", b.0);
        let mut local = HashSet::new();
        for &v in &block.inputargs {
            self.define(v, &mut local);
        }
        let mut before_last = local.clone();
        for (i, op) in block.ops.iter().enumerate() {
            self.at = format!("block{} op {} ({})", b.0, i, op.kind.name());
            let args: Option<Vec<LLType>> = op.args.iter().map(|a| self.ty(a, &local)).collect();
            if i + 1 == block.ops.len() {
                before_last = local.clone();
            }
            self.define(op.result, &mut local);
            if let Some(args) = args {
                let result = self.g.var_type(op.result).clone();
                if let Err(e) = self.op(op, &args, &result) {
                    self.err(e);
                }
            }
        }
        self.at = format!("block{} exit", b.0);
        self.exit(b, &local, &before_last);
    }

    fn exit(&mut self, b: LBlock, local: &HashSet<LVar>, before_last: &HashSet<LVar>) {
        let block = self.g.block(b);
        match &block.exit {
            LLExit::Goto(l) => self.link(l, local),
            LLExit::If { cond, then, else_ } => {
                if let Some(t) = self.ty(cond, local) {
                    if t != LLType::Bool {
                        self.err(format!("if on a {t}"));
                    }
                }
                self.link(then, local);
                self.link(else_, local);
            }
            LLExit::Switch {
                value,
                cases,
                default,
            } => {
                let t = self.ty(value, local);
                let mut seen = Vec::new();
                for (c, l) in cases {
                    let ok = matches!(
                        (&t, c),
                        (Some(LLType::Signed), LLConst::Int(_))
                            | (Some(LLType::Unsigned), LLConst::UInt(_))
                            | (Some(LLType::Char), LLConst::Char(_))
                    );
                    if !ok {
                        self.err(format!("switch on {t:?} has case {c:?}"));
                    }
                    if seen.contains(&c) {
                        self.err(format!("switch case {c:?} twice"));
                    }
                    seen.push(c);
                    self.link(l, local);
                }
                self.link(default, local);
            }
            LLExit::Return(v) => {
                if let Some(t) = self.ty(v, local) {
                    if t != self.g.result {
                        self.err(format!(
                            "returns {t} from a graph returning {}",
                            self.g.result
                        ));
                    }
                }
            }
            LLExit::Raise(v) => {
                if let Some(t) = self.ty(v, local) {
                    if !matches!(t, LLType::Instance(..)) {
                        self.err(format!("raises a {t}"));
                    }
                }
            }
            LLExit::OnException { normal, handlers } => {
                match block.ops.last() {
                    Some(op) if self.p.op_can_raise(op) => {}
                    _ => self.err("on exception, but the last op cannot raise"),
                }
                self.link(normal, local);
                for (cls, v, l) in handlers {
                    let mut scope = before_last.clone();
                    self.define(*v, &mut scope);
                    match self.g.var_type(*v) {
                        LLType::Instance(c, _) if self.p.is_subclass(*cls, *c) => {}
                        t => self.err(format!("handler variable v{} is a {t}", v.0)),
                    }
                    self.link(l, &scope);
                }
            }
        }
    }

    fn link(&mut self, l: &LLLink, local: &HashSet<LVar>) {
        let Some(target) = self.g.blocks.get(l.target.index()) else {
            self.err(format!("link to missing block{}", l.target.0));
            return;
        };
        if target.inputargs.len() != l.args.len() {
            self.err(format!(
                "link to block{} passes {} values for {} input arguments",
                l.target.0,
                l.args.len(),
                target.inputargs.len()
            ));
            return;
        }
        for (a, &p) in l.args.iter().zip(&target.inputargs) {
            if let Some(t) = self.ty(a, local) {
                let want = self.g.var_type(p);
                if &t != want {
                    self.err(format!(
                        "link to block{} passes a {t} for v{} of type {want}",
                        l.target.0, p.0
                    ));
                }
            }
        }
    }

    fn op(&self, op: &LLOp, args: &[LLType], result: &LLType) -> Result<(), String> {
        if let Some(sig) = &op.kind.info().sig {
            return sig.check(args, result);
        }
        let field = |i: usize| match op.args.get(i) {
            Some(LLValue::Const(LLConst::Field(n))) => Ok(n.clone()),
            _ => Err(format!("argument {} must be a name", i + 1)),
        };
        let class_of = |t: Option<&LLType>| match t {
            Some(LLType::Instance(c, _)) => Ok(self.p.class(*c)),
            t => Err(format!("expects an instance, got {t:?}")),
        };
        let expect = |want: &LLType| {
            if result == want {
                Ok(())
            } else {
                Err(format!("result is {result}, expected {want}"))
            }
        };
        let arity = |n: usize| {
            if args.len() == n {
                Ok(())
            } else {
                Err(format!("takes {n} arguments, got {}", args.len()))
            }
        };
        match op.kind {
            LLOpKind::CastPointer => {
                arity(1)?;
                match (&args[0], result) {
                    (LLType::Instance(a, _), LLType::Instance(b, _))
                        if self.p.is_subclass(*a, *b) || self.p.is_subclass(*b, *a) =>
                    {
                        Ok(())
                    }
                    (a, r) => Err(format!("cannot cast {a} to {r}")),
                }
            }
            LLOpKind::Malloc => {
                arity(1)?;
                match &op.args[0] {
                    LLValue::Const(LLConst::Class(c)) => match result {
                        LLType::Instance(r, _) if r == c => Ok(()),
                        _ => Err(format!("result is {result}")),
                    },
                    _ => Err("argument must be a class constant".into()),
                }
            }
            LLOpKind::MallocDynamic => {
                arity(1)?;
                match (&args[0], result) {
                    (LLType::Class, LLType::Instance(..)) => Ok(()),
                    _ => Err(format!(
                        "takes a Class and returns an instance, not {result}"
                    )),
                }
            }
            LLOpKind::GetField | LLOpKind::SetField => {
                let name = field(1)?;
                let cls = class_of(args.first())?;
                let Some(ft) = cls.fields.get(&*name) else {
                    return Err(format!("class {} has no field '{name}'", cls.name));
                };
                if op.kind == LLOpKind::GetField {
                    arity(2)?;
                    expect(ft)
                } else {
                    arity(3)?;
                    if &args[2] != ft {
                        return Err(format!(
                            "stores a {} in field '{name}' of type {ft}",
                            args[2]
                        ));
                    }
                    expect(&LLType::Void)
                }
            }
            LLOpKind::GetClassAttr | LLOpKind::VtableMethod => {
                arity(2)?;
                let name = field(1)?;
                let cls = class_of(args.first())?;
                let t = if op.kind == LLOpKind::GetClassAttr {
                    cls.class_attrs.get(&*name).map(|(t, _)| t)
                } else {
                    cls.vtable.get(&*name).map(|(t, _)| t)
                };
                match t {
                    Some(t) => expect(t),
                    None => Err(format!("class {} has no vtable entry '{name}'", cls.name)),
                }
            }
            LLOpKind::InstanceOf => {
                arity(2)?;
                class_of(args.first())?;
                if !matches!(op.args[1], LLValue::Const(LLConst::Class(_))) {
                    return Err("argument 2 must be a class constant".into());
                }
                expect(&LLType::Bool)
            }
            LLOpKind::DirectCall => match op.args.first() {
                Some(LLValue::Const(LLConst::Helper(h))) => h
                    .info()
                    .sig
                    .check(&args[1..], result)
                    .map_err(|e| format!("{h}: {e}")),
                Some(LLValue::Const(LLConst::Func(_))) => check_call(&args[0], &args[1..], result),
                _ => Err("the callee must be a function or helper constant".into()),
            },
            LLOpKind::IndirectCall => match args.first() {
                Some(f) => check_call(f, &args[1..], result),
                None => Err("no callee".into()),
            },
            LLOpKind::NewTuple => expect(&LLType::Tuple(args.to_vec().into())),
            LLOpKind::TupleGetItem => {
                arity(2)?;
                match (&args[0], &op.args[1]) {
                    (LLType::Tuple(ts), LLValue::Const(LLConst::Int(k)))
                        if (*k as usize) < ts.len() && *k >= 0 =>
                    {
                        expect(&ts[*k as usize])
                    }
                    _ => Err("expects a tuple and a constant index in range".into()),
                }
            }
            LLOpKind::JitMergePoint | LLOpKind::CanEnterJit => {
                let Some(LLValue::Const(LLConst::Driver(d))) = op.args.first() else {
                    return Err("argument 1 must be a driver".into());
                };
                let Some(driver) = self.p.drivers.get(d.index()) else {
                    return Err("unknown driver".into());
                };
                let want: Vec<&LLType> = driver
                    .greens
                    .iter()
                    .chain(&driver.reds)
                    .map(|(_, t)| t)
                    .collect();
                let got: Vec<&LLType> = args[1..].iter().collect();
                if want != got {
                    return Err(format!(
                        "greens and reds are {got:?}, the driver declares {want:?}"
                    ));
                }
                expect(&LLType::Void)
            }
            _ => unreachable!("every op has a signature or a case here"),
        }
    }
}

/// A call through a function type: arguments and result must match.
fn check_call(f: &LLType, args: &[LLType], result: &LLType) -> Result<(), String> {
    let LLType::Func(params, ret) = f else {
        return Err(format!("calls a {f}"));
    };
    if params.len() != args.len() {
        return Err(format!("passes {} arguments to {f}", args.len()));
    }
    for (i, (a, p)) in args.iter().zip(params.iter()).enumerate() {
        if a != p {
            return Err(format!("argument {} is {a}, the callee takes {p}", i + 1));
        }
    }
    if **ret != *result {
        return Err(format!("result is {result}, the callee returns {ret}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ll::print::print_graph;
    use rpy_front::program::{FuncHints, FuncId};
    use rpy_front::Span;

    /// `f(a: Signed) -> Signed`: `b = kind(a, arg2); return b`.
    fn program(kind: LLOpKind, arg2: LLConst, result: LLType) -> LLProgram {
        let mut g = LLGraph {
            name: "f".into(),
            func: FuncId(0),
            params: Vec::new(),
            result: LLType::Signed,
            blocks: Vec::new(),
            vars: Vec::new(),
            hints: FuncHints::default(),
            span: Span::default(),
        };
        let a = g.new_var(LLType::Signed, Some("a"));
        let b = g.new_var(result, None);
        g.params = vec![a];
        let blk = g.add_block(vec![a], LLExit::Return(LLValue::Var(b)));
        g.block_mut(blk).ops.push(LLOp {
            kind,
            args: vec![LLValue::Var(a), LLValue::Const(arg2)],
            result: b,
            span: Span::default(),
        });
        LLProgram {
            graphs: vec![g],
            classes: Vec::new(),
            prebuilt: Vec::new(),
            drivers: Vec::new(),
            entry: FuncId(0),
        }
    }

    #[test]
    fn well_typed_graph_verifies_and_prints() {
        let p = program(LLOpKind::IntAdd, LLConst::Int(1), LLType::Signed);
        assert_eq!(verify_program(&p), Ok(()));
        assert_eq!(
            print_graph(&p, &p.graphs[0]),
            "graph f(v0: Signed) -> Signed\n  # v0 a: Signed\n  block0(v0: Signed):\n    v1 = int_add(v0, 1)\n    return v1\n"
        );
    }

    #[test]
    fn operand_and_result_types_are_checked() {
        let p = program(LLOpKind::IntAdd, LLConst::Float(1.0), LLType::Signed);
        let e = verify_program(&p).unwrap_err();
        assert!(
            e.contains("int_add") && e.contains("argument 2 is Float"),
            "{e}"
        );
        let p = program(LLOpKind::IntLt, LLConst::Int(1), LLType::Signed);
        let e = verify_program(&p).unwrap_err();
        assert!(e.contains("result is Signed, expected Bool"), "{e}");
    }

    #[test]
    fn uses_before_definition_are_refused() {
        let mut p = program(LLOpKind::IntAdd, LLConst::Int(1), LLType::Signed);
        let g = &mut p.graphs[0];
        let stray = g.new_var(LLType::Signed, None);
        g.blocks[0].ops[0].args[1] = LLValue::Var(stray);
        let e = verify_program(&p).unwrap_err();
        assert!(e.contains("is used where it is not defined"), "{e}");
    }
}
