//! The module loader: runs module level at translation time (constants,
//! prebuilt lists, dicts and instances, functions, classes, JIT drivers)
//! and finds the entry point.

use crate::ast::{BinOp, Expr, ExprKind, FunctionDef, Module, Stmt, StmtKind, UnaryOp};
use crate::constfold;
use crate::diag::{DResult, Diagnostic};
use crate::program::*;
use crate::span::{SourceFile, Span};
use indexmap::IndexMap;
use std::rc::Rc;

const MODULE_LEVEL_HELP: &str = "module level may only hold imports from rpy.jit/rpy.io, \
constant assignments, instances of classes without __init__ and assignments to their fields, \
JitDriver(...) declarations, def, class and the `if __name__ == '__main__':` block";

/// Run module level of a parsed file and produce the program.
pub fn load(file: SourceFile, module: &Module) -> DResult<Program> {
    let mut l = Loader {
        prog: Program {
            file,
            globals: IndexMap::new(),
            prebuilt: Vec::new(),
            functions: Vec::new(),
            classes: Vec::new(),
            drivers: Vec::new(),
            entry: FuncId(0),
        },
    };
    l.add_builtin_classes();
    for stmt in &module.body {
        l.module_stmt(stmt)?;
    }
    l.prog.entry = l.find_entry()?;
    Ok(l.prog)
}

struct Loader {
    prog: Program,
}

fn err<T>(span: Span, msg: impl Into<String>) -> DResult<T> {
    Err(Diagnostic::error(span, msg))
}

fn is_docstring(stmt: &Stmt) -> bool {
    matches!(
        &stmt.kind,
        StmtKind::Expr(Expr {
            kind: ExprKind::Str(_),
            ..
        })
    )
}

/// `if __name__ == '__main__':`
fn is_main_guard(test: &Expr) -> bool {
    if let ExprKind::Compare { left, ops } = &test.kind {
        if let (ExprKind::Name(n), [(crate::ast::CmpOp::Eq, rhs)]) = (&left.kind, ops.as_slice()) {
            return n == "__name__" && matches!(&rhs.kind, ExprKind::Str(s) if &**s == b"__main__");
        }
    }
    false
}

impl Loader {
    fn add_builtin_classes(&mut self) {
        for (i, (name, base)) in BUILTIN_CLASSES.iter().enumerate() {
            let base = base.map(ClassId);
            self.prog.classes.push(ClassDecl {
                id: ClassId(i as u32),
                name: name.to_string(),
                base,
                methods: IndexMap::new(),
                attrs: IndexMap::new(),
                immutable_fields: ImmutableFields::default(),
                builtin: true,
                span: Span::default(),
            });
        }
    }

    fn module_stmt(&mut self, stmt: &Stmt) -> DResult<()> {
        match &stmt.kind {
            _ if is_docstring(stmt) => Ok(()),
            StmtKind::Pass => Ok(()),
            StmtKind::If { test, .. } if is_main_guard(test) => Ok(()),
            StmtKind::ImportFrom { module, names } => self.import_from(stmt.span, module, names),
            StmtKind::Import(names) => err(
                names.first().map_or(stmt.span, |n| n.span),
                format!(
                    "`import {}` is only allowed inside the `if __name__ == '__main__':` block",
                    names.first().map_or("", |n| n.name.as_str())
                ),
            )
            .map_err(|d| d.with_note("use `from rpy.jit import ...` or `from rpy.io import ...`")),
            StmtKind::Assign { targets, value } => self.assign(targets, value),
            StmtKind::AugAssign { target, op, value } => {
                let ExprKind::Name(name) = &target.kind else {
                    return self.not_at_module_level(stmt.span);
                };
                let cur = self.name_value(name, target.span)?;
                let rhs = self.eval(value)?;
                let v = self.binop(*op, cur, rhs, stmt.span)?;
                self.prog.globals.insert(name.clone(), v);
                Ok(())
            }
            StmtKind::FunctionDef(def) => {
                let id = self.function(def, None)?;
                self.prog
                    .globals
                    .insert(def.name.clone(), ConstValue::Func(id));
                Ok(())
            }
            StmtKind::ClassDef(def) => self.class(def),
            _ => self.not_at_module_level(stmt.span),
        }
    }

    fn not_at_module_level<T>(&self, span: Span) -> DResult<T> {
        Err(Diagnostic::error(
            span,
            "this statement cannot run at module level (translation time)",
        )
        .with_note(MODULE_LEVEL_HELP))
    }

    fn import_from(
        &mut self,
        span: Span,
        module: &str,
        names: &[crate::ast::ImportName],
    ) -> DResult<()> {
        for n in names {
            let value = match module {
                "rpy" => match n.name.as_str() {
                    "jit" => ConstValue::ExtModule(ExtModule::Jit),
                    "io" => ConstValue::ExtModule(ExtModule::Io),
                    other => return err(n.span, format!("module 'rpy' has no submodule '{other}' (there are rpy.jit and rpy.io)")),
                },
                "rpy.jit" | "rpy.io" => {
                    let list = if module == "rpy.jit" { Builtin::JIT } else { Builtin::IO };
                    match Builtin::lookup(list, &n.name) {
                        Some(b) => ConstValue::Builtin(b),
                        None => {
                            let known: Vec<&str> = list.iter().map(|b| b.name()).collect();
                            return err(n.span, format!("{module} has no name '{}'", n.name))
                                .map_err(|d| d.with_note(format!("{module} provides: {}", known.join(", "))));
                        }
                    }
                }
                "__future__" => continue,
                _ => {
                    return err(
                        span,
                        format!("module '{module}' is not available in rpy (only rpy.jit and rpy.io)"),
                    )
                }
            };
            let local = n.asname.clone().unwrap_or_else(|| n.name.clone());
            self.prog.globals.insert(local, value);
        }
        Ok(())
    }

    fn assign(&mut self, targets: &[Expr], value: &Expr) -> DResult<()> {
        // `driver = JitDriver(...)`
        if let ExprKind::Call { func, .. } = &value.kind {
            if self.hint_builtin(func) == Some(ConstValue::Builtin(Builtin::JitDriver)) {
                let [Expr {
                    kind: ExprKind::Name(name),
                    ..
                }] = targets
                else {
                    return err(
                        value.span,
                        "a JitDriver must be assigned to a single module-level name",
                    );
                };
                let id = self.driver(name, value)?;
                self.prog
                    .globals
                    .insert(name.clone(), ConstValue::Driver(id));
                return Ok(());
            }
        }
        let v = self.eval(value)?;
        for t in targets {
            self.bind_target(t, v.clone())?;
        }
        Ok(())
    }

    fn bind_target(&mut self, target: &Expr, v: ConstValue) -> DResult<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                self.prog.globals.insert(n.clone(), v);
                Ok(())
            }
            ExprKind::Tuple(ts) | ExprKind::List(ts) => {
                let items = match &v {
                    ConstValue::Tuple(items) => items.to_vec(),
                    ConstValue::Prebuilt(id) => match &self.prog.prebuilt[id.index()] {
                        Prebuilt::List(items) => items.clone(),
                        _ => return err(target.span, "cannot unpack this constant"),
                    },
                    _ => return err(target.span, "cannot unpack a non-sequence constant"),
                };
                if items.len() != ts.len() {
                    return err(
                        target.span,
                        format!(
                            "cannot unpack {} values into {} names",
                            items.len(),
                            ts.len()
                        ),
                    );
                }
                for (t, item) in ts.iter().zip(items) {
                    self.bind_target(t, item)?;
                }
                Ok(())
            }
            ExprKind::Attribute { value, attr } => self.set_field(value, attr, v, target.span),
            _ => self.bad_target(target.span),
        }
    }

    /// A module-level name's value.
    fn name_value(&self, name: &str, span: Span) -> DResult<ConstValue> {
        match self.prog.resolve_global(name) {
            Some(v) => Ok(v),
            None => err(span, format!("name '{name}' is not defined")),
        }
    }

    /// Evaluate a constant expression at translation time.
    fn eval(&mut self, e: &Expr) -> DResult<ConstValue> {
        Ok(match &e.kind {
            ExprKind::Int(i) => ConstValue::Int(*i),
            ExprKind::Float(f) => ConstValue::Float(*f),
            ExprKind::Str(s) => ConstValue::Str(s.clone()),
            ExprKind::Bool(b) => ConstValue::Bool(*b),
            ExprKind::None => ConstValue::None,
            ExprKind::Name(n) => self.name_value(n, e.span)?,
            ExprKind::Tuple(items) => {
                let vs = items
                    .iter()
                    .map(|i| self.eval(i))
                    .collect::<DResult<Vec<_>>>()?;
                ConstValue::Tuple(Rc::from(vs))
            }
            ExprKind::List(items) => {
                let vs = items
                    .iter()
                    .map(|i| self.eval(i))
                    .collect::<DResult<Vec<_>>>()?;
                self.prebuilt(Prebuilt::List(vs))
            }
            ExprKind::Dict(pairs) => {
                let mut vs = Vec::new();
                for (k, v) in pairs {
                    let k = self.eval(k)?;
                    let v = self.eval(v)?;
                    vs.push((k, v));
                }
                self.prebuilt(Prebuilt::Dict(vs))
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = self.eval(operand)?;
                match (op, v) {
                    (UnaryOp::Neg, ConstValue::Int(i)) => ConstValue::Int(i.wrapping_neg()),
                    (UnaryOp::Neg, ConstValue::Float(f)) => ConstValue::Float(-f),
                    (UnaryOp::Pos, v @ (ConstValue::Int(_) | ConstValue::Float(_))) => v,
                    (UnaryOp::Invert, ConstValue::Int(i)) => ConstValue::Int(!i),
                    (UnaryOp::Not, v) => match constfold::truth(&v, &self.prog.prebuilt) {
                        Some(t) => ConstValue::Bool(!t),
                        None => return err(e.span, "cannot evaluate `not` of this constant"),
                    },
                    _ => {
                        return err(
                            e.span,
                            "bad operand type for a unary operator in a constant",
                        )
                    }
                }
            }
            ExprKind::BinOp { op, left, right } => {
                let l = self.eval(left)?;
                let r = self.eval(right)?;
                self.binop(*op, l, r, e.span)?
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                let f = self.eval(func)?;
                if let ConstValue::Class(c) = f {
                    return self.new_instance(c, args.len() + keywords.len(), e.span);
                }
                if !keywords.is_empty() {
                    return self.not_constant(e.span);
                }
                let vs = args
                    .iter()
                    .map(|a| self.eval(a))
                    .collect::<DResult<Vec<_>>>()?;
                match f {
                    ConstValue::Builtin(b) => self.call_builtin(b, vs, e.span)?,
                    ConstValue::Func(_) => {
                        return err(e.span, "module level cannot call functions")
                            .map_err(|d| d.with_note(MODULE_LEVEL_HELP))
                    }
                    _ => return self.not_constant(e.span),
                }
            }
            ExprKind::Subscript { value, index } => {
                let v = self.eval(value)?;
                let i = self.eval(index)?;
                match constfold::index(&v, &i, &self.prog.prebuilt) {
                    Some(r) => r,
                    None => return err(e.span, "cannot index this constant"),
                }
            }
            _ => return self.not_constant(e.span),
        })
    }

    fn not_constant<T>(&self, span: Span) -> DResult<T> {
        Err(Diagnostic::error(span, "this expression cannot be evaluated at module level (translation time)")
            .with_note("module-level values must be constants: literals, lists/dicts/tuples of constants, arithmetic on constants, other constants, `C()` of a class without __init__, JitDriver(...)"))
    }

    /// `C()` at module level: a prebuilt instance, with no fields set yet,
    /// of a class that has no `__init__` (the loader cannot run one) and is
    /// not an exception (`object()` makes a sentinel).
    fn new_instance(&mut self, class: ClassId, nargs: usize, span: Span) -> DResult<ConstValue> {
        let c = self.prog.class(class);
        let why = if self.prog.is_subclass(class, builtin_class::BASE_EXCEPTION) {
            Some("instances of exception classes cannot be prebuilt yet")
        } else if self.prog.lookup_method(class, "__init__").is_some() {
            Some("instances of classes with __init__ cannot be prebuilt yet")
        } else {
            None
        };
        if let Some(why) = why {
            return err(span, format!("module level cannot create an instance of {}: {why}", c.name))
                .map_err(|d| d.with_note("a class without __init__ can be instantiated at module level (`nil = W_Nil()`) and its fields set there (`nil.x = 1`)"));
        }
        if nargs > 0 {
            return err(span, format!("{}() takes no arguments", c.name));
        }
        Ok(self.prebuilt(Prebuilt::Instance {
            class,
            fields: Vec::new(),
        }))
    }

    /// `obj.attr = v` at module level: set (or overwrite) a field of the
    /// prebuilt instance `obj`.
    fn set_field(&mut self, obj: &Expr, attr: &str, v: ConstValue, span: Span) -> DResult<()> {
        let fields = match self.eval(obj)? {
            ConstValue::Prebuilt(id) => match &mut self.prog.prebuilt[id.index()] {
                Prebuilt::Instance { fields, .. } => Some(fields),
                _ => None,
            },
            _ => None,
        };
        let Some(fields) = fields else {
            return self.bad_target(span);
        };
        match fields.iter_mut().find(|(n, _)| n == attr) {
            Some(slot) => slot.1 = v,
            None => fields.push((attr.to_string(), v)),
        }
        Ok(())
    }

    fn bad_target<T>(&self, span: Span) -> DResult<T> {
        err(
            span,
            "module level may only assign to names and to fields of prebuilt instances",
        )
        .map_err(|d| {
            d.with_note(
                "prebuilt lists and dicts may be mutated inside functions, not at module level",
            )
        })
    }

    fn prebuilt(&mut self, p: Prebuilt) -> ConstValue {
        self.prog.prebuilt.push(p);
        ConstValue::Prebuilt(PrebuiltId(self.prog.prebuilt.len() as u32 - 1))
    }

    fn binop(
        &mut self,
        op: BinOp,
        l: ConstValue,
        r: ConstValue,
        span: Span,
    ) -> DResult<ConstValue> {
        // List repetition and concatenation make new prebuilt lists.
        let as_list = |v: &ConstValue, pb: &[Prebuilt]| match v {
            ConstValue::Prebuilt(id) => match &pb[id.index()] {
                Prebuilt::List(items) => Some(items.clone()),
                _ => None,
            },
            _ => None,
        };
        match (
            op,
            as_list(&l, &self.prog.prebuilt),
            as_list(&r, &self.prog.prebuilt),
        ) {
            (BinOp::Mul, Some(items), None) | (BinOp::Mul, None, Some(items)) => {
                let n = match (&l, &r) {
                    (ConstValue::Int(n), _) | (_, ConstValue::Int(n)) => *n,
                    _ => return err(span, "a list can only be repeated by an int"),
                };
                let mut out = Vec::new();
                for _ in 0..n.max(0) {
                    out.extend(items.iter().cloned());
                }
                return Ok(self.prebuilt(Prebuilt::List(out)));
            }
            (BinOp::Add, Some(mut a), Some(b)) => {
                a.extend(b);
                return Ok(self.prebuilt(Prebuilt::List(a)));
            }
            _ => {}
        }
        match constfold::binop(op, &l, &r) {
            Ok(v) => Ok(v),
            Err(msg) => err(span, msg),
        }
    }

    fn call_builtin(
        &mut self,
        b: Builtin,
        args: Vec<ConstValue>,
        span: Span,
    ) -> DResult<ConstValue> {
        match constfold::call_builtin(b, &args, &self.prog.prebuilt) {
            Some(Ok(v)) => Ok(v),
            Some(Err(msg)) => err(span, msg),
            None => err(
                span,
                format!("{}() cannot be called at module level", b.name()),
            )
            .map_err(|d| d.with_note(MODULE_LEVEL_HELP)),
        }
    }

    /// What `name` or `module.name` (of `from rpy import jit`) names.
    fn hint_builtin(&self, e: &Expr) -> Option<ConstValue> {
        match &e.kind {
            ExprKind::Name(n) => self.prog.resolve_global(n),
            ExprKind::Attribute { value, attr } => match &value.kind {
                ExprKind::Name(m) => match self.prog.globals.get(m) {
                    Some(ConstValue::ExtModule(ExtModule::Jit)) => {
                        Builtin::lookup(Builtin::JIT, attr).map(ConstValue::Builtin)
                    }
                    Some(ConstValue::ExtModule(ExtModule::Io)) => {
                        Builtin::lookup(Builtin::IO, attr).map(ConstValue::Builtin)
                    }
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        }
    }

    fn decorator_hints(&self, def: &FunctionDef) -> DResult<FuncHints> {
        let mut hints = FuncHints::default();
        for d in &def.decorators {
            match self.hint_builtin(d) {
                Some(ConstValue::Builtin(Builtin::Elidable)) => hints.elidable = true,
                Some(ConstValue::Builtin(Builtin::DontLookInside)) => hints.dont_look_inside = true,
                Some(ConstValue::Builtin(Builtin::UnrollSafe)) => hints.unroll_safe = true,
                _ => {
                    return err(d.span, "this decorator is not supported in rpy")
                        .map_err(|e| e.with_note("only the JIT hints elidable, dont_look_inside and unroll_safe (imported from rpy.jit) may decorate functions"))
                }
            }
        }
        Ok(hints)
    }

    fn function(&mut self, def: &FunctionDef, class: Option<ClassId>) -> DResult<FuncId> {
        let hints = self.decorator_hints(def)?;
        let mut params = Vec::new();
        for p in &def.params {
            let default = match &p.default {
                Some(d) => Some(self.eval(d)?),
                None => None,
            };
            if default.is_none() && params.iter().any(|q: &ParamDecl| q.default.is_some()) {
                return err(
                    p.span,
                    "a parameter without a default follows one with a default",
                );
            }
            params.push(ParamDecl {
                name: p.name.clone(),
                default,
                span: p.span,
            });
        }
        let name = match class {
            Some(c) => format!("{}.{}", self.prog.class(c).name, def.name),
            None => def.name.clone(),
        };
        let id = FuncId(self.prog.functions.len() as u32);
        self.prog.functions.push(FuncDecl {
            id,
            name,
            params,
            body: def.body.clone(),
            hints,
            class,
            span: def.span,
        });
        Ok(id)
    }

    fn class(&mut self, def: &crate::ast::ClassDef) -> DResult<()> {
        let base = match &def.base {
            None => Some(builtin_class::OBJECT),
            Some(b) => match self.eval(b)? {
                ConstValue::Class(c) => Some(c),
                _ => return err(b.span, "a base class must be a class"),
            },
        };
        let id = ClassId(self.prog.classes.len() as u32);
        self.prog.classes.push(ClassDecl {
            id,
            name: def.name.clone(),
            base,
            methods: IndexMap::new(),
            attrs: IndexMap::new(),
            immutable_fields: ImmutableFields::default(),
            builtin: false,
            span: def.span,
        });
        self.prog
            .globals
            .insert(def.name.clone(), ConstValue::Class(id));
        for stmt in &def.body {
            match &stmt.kind {
                _ if is_docstring(stmt) => {}
                StmtKind::Pass => {}
                StmtKind::FunctionDef(f) => {
                    if f.params.is_empty() {
                        return err(
                            f.span,
                            format!("method '{}' needs a `self` parameter", f.name),
                        );
                    }
                    let fid = self.function(f, Some(id))?;
                    self.prog.classes[id.index()]
                        .methods
                        .insert(f.name.clone(), fid);
                }
                StmtKind::Assign { targets, value } => {
                    let [Expr {
                        kind: ExprKind::Name(name),
                        span,
                    }] = targets.as_slice()
                    else {
                        return err(stmt.span, "a class body may only assign constants to names");
                    };
                    let v = self.eval(value)?;
                    if name == "_immutable_fields_" {
                        let fields = self.immutable_fields(&v, *span)?;
                        self.prog.classes[id.index()].immutable_fields = fields;
                    }
                    self.prog.classes[id.index()].attrs.insert(name.clone(), v);
                }
                _ => {
                    return err(
                        stmt.span,
                        "a class body may only contain methods and constant class attributes",
                    )
                }
            }
        }
        Ok(())
    }

    fn immutable_fields(&self, v: &ConstValue, span: Span) -> DResult<ImmutableFields> {
        let items = match v {
            ConstValue::Tuple(t) => t.to_vec(),
            ConstValue::Prebuilt(id) => match &self.prog.prebuilt[id.index()] {
                Prebuilt::List(items) => items.clone(),
                _ => Vec::new(),
            },
            _ => return err(span, "_immutable_fields_ must be a list of field names"),
        };
        let entry = |i: &ConstValue| match i {
            ConstValue::Str(s) => {
                let text = String::from_utf8_lossy(s);
                match ImmutableField::parse(&text) {
                    Some(f) => Ok(f),
                    None => err(
                        span,
                        format!("_immutable_fields_ entry '{text}' is not 'name' or 'name[*]'"),
                    ),
                }
            }
            _ => err(span, "_immutable_fields_ must be a list of strings"),
        };
        Ok(ImmutableFields(
            items.iter().map(entry).collect::<DResult<_>>()?,
        ))
    }

    fn driver(&mut self, name: &str, call: &Expr) -> DResult<DriverId> {
        let ExprKind::Call { args, keywords, .. } = &call.kind else {
            unreachable!()
        };
        if let Some(a) = args.first() {
            return err(
                a.span,
                "JitDriver takes keyword arguments only: JitDriver(greens=[...], reds=[...])",
            );
        }
        let mut greens = None;
        let mut reds = None;
        let mut printable = None;
        for kw in keywords {
            match kw.name.as_str() {
                "greens" => greens = Some(self.name_list("greens", &kw.value)?),
                "reds" => reds = Some(self.name_list("reds", &kw.value)?),
                "get_printable_location" => match self.eval(&kw.value)? {
                    ConstValue::Func(f) => printable = Some((f, kw.value.span)),
                    _ => return err(kw.value.span, "get_printable_location must be a function"),
                },
                other => {
                    return err(kw.span, format!("JitDriver has no argument '{other}'")).map_err(
                        |d| {
                            d.with_note(
                            "JitDriver takes greens=[...], reds=[...] and get_printable_location=f",
                        )
                        },
                    )
                }
            }
        }
        let (Some(greens), Some(reds)) = (greens, reds) else {
            return err(
                call.span,
                "JitDriver needs both greens=[...] and reds=[...]",
            );
        };
        let mut seen = std::collections::HashSet::new();
        for n in greens.iter().chain(&reds) {
            if !seen.insert(n) {
                return err(call.span, format!("'{n}' is listed twice in the JitDriver"));
            }
        }
        if let Some((f, span)) = printable {
            let np = self.prog.func(f).params.len();
            if np != greens.len() {
                return err(
                    span,
                    format!(
                    "get_printable_location takes {np} parameters, but the driver has {} greens",
                    greens.len()
                ),
                );
            }
        }
        let id = DriverId(self.prog.drivers.len() as u32);
        self.prog.drivers.push(DriverDecl {
            id,
            name: name.to_string(),
            greens,
            reds,
            get_printable_location: printable.map(|p| p.0),
            span: call.span,
        });
        Ok(id)
    }

    /// `['pc', 'bytecode']`
    fn name_list(&self, what: &str, e: &Expr) -> DResult<Vec<String>> {
        let (ExprKind::List(items) | ExprKind::Tuple(items)) = &e.kind else {
            return err(
                e.span,
                format!(
                    "JitDriver {what} must be a list of variable names, e.g. {what}=['pc', 'code']"
                ),
            );
        };
        items
            .iter()
            .map(|i| match &i.kind {
                ExprKind::Str(s) => Ok(String::from_utf8_lossy(s).into_owned()),
                _ => err(i.span, "expected a variable name as a string, e.g. 'pc'"),
            })
            .collect()
    }

    fn find_entry(&self) -> DResult<FuncId> {
        let entry = if let Some(ConstValue::Func(t)) = self.prog.globals.get("target") {
            let t = self.prog.func(*t);
            let ret = t.body.iter().find_map(|s| match &s.kind {
                StmtKind::Return(Some(e)) => Some(e),
                _ => None,
            });
            let name = ret.and_then(|e| match &e.kind {
                ExprKind::Name(n) => Some((n, e.span)),
                ExprKind::Tuple(items) => match items.first().map(|i| &i.kind) {
                    Some(ExprKind::Name(n)) => Some((n, items[0].span)),
                    _ => None,
                },
                _ => None,
            });
            match name.map(|(n, span)| (self.prog.globals.get(n), span)) {
                Some((Some(ConstValue::Func(f)), _)) => *f,
                Some((_, span)) => {
                    return err(span, "target() must return a module-level function")
                }
                None => {
                    return err(
                        t.span,
                        "target() must return the entry point: `return entry_point, None`",
                    )
                }
            }
        } else if let Some(ConstValue::Func(f)) = self.prog.globals.get("entry_point") {
            *f
        } else {
            let span = self.prog.file.span(0, 0);
            return err(
                span,
                "no entry point: define `entry_point(argv)` or `target(*args)`",
            );
        };
        let f = self.prog.func(entry);
        if f.params.len() != 1 {
            return err(
                f.span,
                format!(
                    "the entry point '{}' must take one parameter (argv), not {}",
                    f.name,
                    f.params.len()
                ),
            );
        }
        Ok(entry)
    }
}
