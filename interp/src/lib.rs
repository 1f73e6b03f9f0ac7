//! rpy-interp: the graph interpreter behind `translate --interp`: runs a
//! program's (annotated) flow graphs with dynamic values, behaving like
//! CPython. Each graph is compiled once (lazily) into compact
//! code (`compile`), executed by a register-machine dispatch loop here.

pub mod arith;
pub mod builtins;
pub mod compile;
pub mod exceptions;
pub mod format;
pub mod methods;
mod slots;
pub mod str_methods;
#[cfg(test)]
mod tests;
pub mod value;

use arith::BinOp;
use compile::{CallMethod, Code, Instr, Slot, UnOp, NONE};
use exceptions::*;
use flowgraph::program::FlowProgram;
use rpy_front::program::{builtin_class as bc, ClassId, FuncId, Prebuilt, Program};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;
use value::{DictMap, Instance, IterState, Key, Str, Value};

/// Calls deeper than this raise RuntimeError.
pub const MAX_DEPTH: u32 = 10_000;
/// Stack size of the interpreter thread.
const STACK_SIZE: usize = 512 << 20;
/// Flush the stdout buffer when it grows beyond this.
const OUT_BUFFER: usize = 1 << 16;

/// The interpreter state for one run.
pub struct Interp<'p> {
    pub fp: &'p FlowProgram,
    pub program: &'p Program,
    codes: RefCell<Vec<Option<Rc<Code>>>>,
    /// The prebuilt objects, materialized once.
    pub prebuilt: Vec<Value>,
    attr_ids: RefCell<HashMap<Str, u32>>,
    attr_names: RefCell<Vec<Str>>,
    depth: Cell<u32>,
    /// Buffered stdout.
    pub out: RefCell<Vec<u8>>,
    class_init: Vec<Option<FuncId>>,
    class_exc: Vec<bool>,
    /// Frame buffers for reuse (no allocation per call).
    pool: RefCell<Vec<Vec<Value>>>,
    /// When set, stdout goes here instead of the process's stdout.
    captured: Option<RefCell<Vec<u8>>>,
}

/// Run the program's entry point with `argv`; returns the exit status.
pub fn run(fp: &FlowProgram, argv: Vec<String>) -> i32 {
    /// The program is only touched by the interpreter thread while the
    /// calling thread waits in `join`: no concurrent access to its `Rc`s.
    struct Shared<'a>(&'a FlowProgram);
    unsafe impl Send for Shared<'_> {}
    impl<'a> Shared<'a> {
        fn get(self) -> &'a FlowProgram {
            self.0
        }
    }
    let shared = Shared(fp);
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("rpy-interp".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, move || run_here(shared.get(), argv));
        match spawned {
            Ok(h) => h.join().unwrap_or_else(|_| {
                eprintln!("internal error: the interpreter panicked");
                70
            }),
            Err(e) => {
                eprintln!("cannot start the interpreter thread: {}", e);
                70
            }
        }
    })
}

/// Run on the current thread (needs a big stack for deep recursion).
pub fn run_here(fp: &FlowProgram, argv: Vec<String>) -> i32 {
    run_with(Interp::new(fp), argv).0
}

/// The outcome of a captured run: exit status, stdout, and the
/// `ClassName: message` line of an uncaught exception.
pub struct Captured {
    pub status: i32,
    pub stdout: Vec<u8>,
    pub uncaught: Option<String>,
}

/// Run on the current thread with stdout captured (for tests).
pub fn run_captured(fp: &FlowProgram, argv: Vec<String>) -> Captured {
    let mut ip = Interp::new(fp);
    ip.captured = Some(RefCell::new(Vec::new()));
    let (status, uncaught, ip) = run_with(ip, argv);
    let stdout = ip.captured.map(RefCell::into_inner).unwrap_or_default();
    Captured {
        status,
        stdout,
        uncaught,
    }
}

fn run_with(ip: Interp<'_>, argv: Vec<String>) -> (i32, Option<String>, Interp<'_>) {
    let (status, uncaught) = run_entry(&ip, argv);
    if let Some(u) = &uncaught {
        if ip.captured.is_none() {
            eprintln!("{}", u);
        }
    }
    (status, uncaught, ip)
}

fn run_entry(ip: &Interp, argv: Vec<String>) -> (i32, Option<String>) {
    let fp = ip.fp;
    let args = Value::new_list(argv.iter().map(|a| Value::str(a.as_bytes())).collect());
    let r = ip.call_value(&Value::Func(fp.program.entry), vec![args], Vec::new());
    ip.flush();
    match r {
        Ok(Value::Int(i)) => (i as i32, None),
        Ok(Value::Bool(b)) => (b as i32, None),
        Ok(Value::None) => (0, None),
        Ok(other) => (
            1,
            Some(String::from_utf8_lossy(&format::to_str(ip.program, &other)).into_owned()),
        ),
        Err(e) => (1, Some(ip.describe_exc(&e))),
    }
}

/// `ClassName: message` (or just `ClassName`).
macro_rules! tri {
    ($l:lifetime, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => break $l e,
        }
    };
}

/// Clone the values of `idx` slots into a small buffer and call `f`.
#[inline(always)]
fn with_args<T>(s: &[Value], idx: &[Slot], f: impl FnOnce(&[Value]) -> T) -> T {
    if idx.len() <= 4 {
        let mut buf: [Value; 4] = Default::default();
        for (b, &i) in buf.iter_mut().zip(idx) {
            *b = s[i as usize].clone();
        }
        f(&buf[..idx.len()])
    } else {
        let v: Vec<Value> = idx.iter().map(|&i| s[i as usize].clone()).collect();
        f(&v)
    }
}

/// Keyword arguments by name.
pub type Kwargs = Vec<(Str, Value)>;

/// Split positional and keyword arguments (the last `names.len()` args).
fn split_kw(mut args: Vec<Value>, names: &[Str]) -> R<(Vec<Value>, Kwargs)> {
    if names.len() > args.len() {
        return Err(type_error("more keyword names than arguments"));
    }
    let kwv = args.split_off(args.len() - names.len());
    Ok((args, names.iter().cloned().zip(kwv).collect()))
}

impl<'p> Interp<'p> {
    pub fn new(fp: &'p FlowProgram) -> Self {
        let program = &fp.program;
        let nclasses = program.classes.len();
        let mut ip = Interp {
            fp,
            program,
            codes: RefCell::new(vec![None; program.functions.len()]),
            prebuilt: Vec::new(),
            attr_ids: RefCell::new(HashMap::new()),
            attr_names: RefCell::new(Vec::new()),
            depth: Cell::new(0),
            out: RefCell::new(Vec::with_capacity(OUT_BUFFER + 1024)),
            class_init: (0..nclasses)
                .map(|c| program.lookup_method(ClassId(c as u32), "__init__"))
                .collect(),
            class_exc: (0..nclasses)
                .map(|c| program.is_subclass(ClassId(c as u32), bc::BASE_EXCEPTION))
                .collect(),
            pool: RefCell::new(Vec::new()),
            captured: None,
        };
        // prebuilt objects: create them empty first so they can refer to
        // each other (in cycles too), then fill them
        ip.prebuilt = program
            .prebuilt
            .iter()
            .map(|p| match p {
                Prebuilt::List(_) => Value::new_list(Vec::new()),
                Prebuilt::Dict(_) => Value::new_dict(DictMap::default()),
                Prebuilt::Instance { class, .. } => Value::Instance(Instance::new(*class, None)),
            })
            .collect();
        for (p, v) in program.prebuilt.iter().zip(&ip.prebuilt) {
            match (p, v) {
                (Prebuilt::List(items), Value::List(l)) => {
                    *l.borrow_mut() = items.iter().map(|c| compile::const_value(&ip, c)).collect();
                }
                (Prebuilt::Dict(items), Value::Dict(d)) => {
                    let mut d = d.borrow_mut();
                    for (k, v) in items {
                        d.insert(
                            Key(compile::const_value(&ip, k)),
                            compile::const_value(&ip, v),
                        );
                    }
                }
                (Prebuilt::Instance { fields, .. }, Value::Instance(inst)) => {
                    for (name, v) in fields {
                        inst.set(ip.intern(name.as_bytes()), compile::const_value(&ip, v));
                    }
                }
                _ => {}
            }
        }
        ip
    }

    /// The interned id of an attribute name.
    pub fn intern(&self, name: &[u8]) -> u32 {
        if let Some(&id) = self.attr_ids.borrow().get(name) {
            return id;
        }
        let mut names = self.attr_names.borrow_mut();
        let id = names.len() as u32;
        let s: Str = Rc::from(name);
        names.push(s.clone());
        self.attr_ids.borrow_mut().insert(s, id);
        id
    }

    fn attr_name(&self, attr: u32) -> String {
        let names = self.attr_names.borrow();
        names
            .get(attr as usize)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default()
    }

    /// Write the stdout buffer out.
    pub fn flush(&self) {
        let mut out = self.out.borrow_mut();
        if let Some(c) = &self.captured {
            c.borrow_mut().append(&mut out);
            return;
        }
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(&out);
        let _ = stdout.flush();
        out.clear();
    }

    /// Flush when the buffer is full.
    pub fn maybe_flush(&self) {
        if self.out.borrow().len() >= OUT_BUFFER {
            self.flush();
        }
    }

    /// `ClassName: message` for an uncaught exception.
    pub fn describe_exc(&self, e: &Instance) -> String {
        let mut msg = Vec::new();
        format::exc_message(self.program, e, &mut msg);
        let name = &self.program.class(e.class).name;
        if msg.is_empty() {
            name.clone()
        } else {
            format!("{}: {}", name, String::from_utf8_lossy(&msg))
        }
    }

    /// The compiled code of a function (compiled on first use).
    pub fn code_for(&self, f: FuncId) -> R<Rc<Code>> {
        if let Some(Some(c)) = self.codes.borrow().get(f.index()) {
            return Ok(c.clone());
        }
        let g = self
            .fp
            .graphs
            .get(f.index())
            .ok_or_else(|| runtime_error(format!("no graph for function {}", f.0)))?;
        let code = Rc::new(compile::compile(self, g));
        if let Some(slot) = self.codes.borrow_mut().get_mut(f.index()) {
            *slot = Some(code.clone());
        }
        Ok(code)
    }

    /// A fresh frame for `code`: its template (constants, None elsewhere).
    #[inline]
    fn new_frame(&self, code: &Code) -> Vec<Value> {
        let mut f = self.pool.borrow_mut().pop().unwrap_or_default();
        f.resize_with(code.template.len(), Value::default);
        for &(slot, ref v) in code.consts.iter() {
            f[slot as usize] = v.clone();
        }
        f
    }

    /// Run `code` on a frame made by `new_frame`, then recycle the frame.
    fn invoke(&self, code: &Code, mut frame: Vec<Value>) -> R<Value> {
        let d = self.depth.get();
        let r = if d >= MAX_DEPTH {
            Err(runtime_error("maximum recursion depth exceeded"))
        } else {
            self.depth.set(d + 1);
            let r = self.execute(code, &mut frame);
            self.depth.set(d);
            r
        };
        frame.drain(..).for_each(Value::release);
        self.pool.borrow_mut().push(frame);
        r
    }

    /// Bind positional and keyword arguments to `f`'s parameters, filling defaults.
    fn bind(&self, f: FuncId, mut pos: Vec<Value>, kw: Vec<(Str, Value)>) -> R<Vec<Value>> {
        let decl = self.program.func(f);
        let fname = decl.name.rsplit('.').next().unwrap_or(&decl.name);
        let n = decl.params.len();
        if pos.len() > n {
            return Err(type_error(format!(
                "{}() takes {} positional arguments but {} were given",
                fname,
                n,
                pos.len()
            )));
        }
        if kw.is_empty() && pos.len() == n {
            return Ok(pos);
        }
        let mut slots: Vec<Option<Value>> = pos.drain(..).map(Some).collect();
        slots.resize(n, None);
        for (k, v) in kw {
            let i = decl
                .params
                .iter()
                .position(|p| p.name.as_bytes() == &k[..])
                .ok_or_else(|| {
                    type_error(format!(
                        "{}() got an unexpected keyword argument '{}'",
                        fname,
                        String::from_utf8_lossy(&k)
                    ))
                })?;
            if slots[i].is_some() {
                return Err(type_error(format!(
                    "{}() got multiple values for argument '{}'",
                    fname, decl.params[i].name
                )));
            }
            slots[i] = Some(v);
        }
        slots
            .into_iter()
            .zip(&decl.params)
            .map(|(v, p)| match (v, &p.default) {
                (Some(v), _) => Ok(v),
                (None, Some(d)) => Ok(compile::const_value(self, d)),
                (None, None) => Err(type_error(format!(
                    "{}() missing 1 required positional argument: '{}'",
                    fname, p.name
                ))),
            })
            .collect()
    }

    /// Call function `f` with arguments (defaults and keywords resolved here).
    pub fn call_func(&self, f: FuncId, args: Vec<Value>, kw: Vec<(Str, Value)>) -> R<Value> {
        if f.index() >= self.program.functions.len() {
            return Err(type_error("call of an unknown function"));
        }
        let args = self.bind(f, args, kw)?;
        let code = self.code_for(f)?;
        if args.len() != code.params.len() {
            return Err(type_error(format!(
                "{}(): graph/declaration arity mismatch",
                code.name
            )));
        }
        let mut frame = self.new_frame(&code);
        for (&p, a) in code.params.iter().zip(args) {
            frame[p as usize] = a;
        }
        self.invoke(&code, frame)
    }

    /// Call any callable value.
    pub fn call_value(&self, f: &Value, mut args: Vec<Value>, kw: Vec<(Str, Value)>) -> R<Value> {
        match f {
            Value::Func(id) => self.call_func(*id, args, kw),
            Value::Method(m) => {
                args.insert(0, m.0.clone());
                self.call_func(m.1, args, kw)
            }
            Value::Class(c) => self.instantiate(*c, args, kw),
            Value::Builtin(b) => builtins::call_builtin(self, *b, &args, &kw),
            _ => Err(type_error(format!(
                "'{}' object is not callable",
                f.type_name()
            ))),
        }
    }

    /// `C(args…)`: a new instance, initialized by `__init__` if any.
    pub fn instantiate(&self, c: ClassId, args: Vec<Value>, kw: Vec<(Str, Value)>) -> R<Value> {
        let Some(&is_exc) = self.class_exc.get(c.index()) else {
            return Err(type_error("instantiation of an unknown class"));
        };
        let inst = Instance::new(c, is_exc.then(|| Rc::from(args.as_slice())));
        let v = Value::Instance(inst);
        match self.class_init[c.index()] {
            Some(init) => {
                let mut a = Vec::with_capacity(args.len() + 1);
                a.push(v.clone());
                a.extend(args);
                self.call_func(init, a, kw)?;
            }
            None if (!args.is_empty() || !kw.is_empty()) && !is_exc => {
                return Err(type_error(format!(
                    "{}() takes no arguments",
                    self.program.class(c).name
                )))
            }
            None => {}
        }
        Ok(v)
    }

    /// `C(args…)` from frame slots, initializing through a direct frame
    /// when possible.
    fn new_instance(&self, c: ClassId, args: &[Slot], s: &[Value]) -> R<Value> {
        if let (Some(false), Some(Some(init))) = (
            self.class_exc.get(c.index()).copied(),
            self.class_init.get(c.index()).copied(),
        ) {
            let code = self.code_for(init)?;
            if code.params.len() == args.len() + 1 {
                let inst = Value::Instance(Instance::new(c, None));
                let mut frame = self.new_frame(&code);
                frame[code.params[0] as usize] = inst.clone();
                for (&p, &a) in code.params[1..].iter().zip(args) {
                    frame[p as usize] = s[a as usize].fast_clone();
                }
                self.invoke(&code, frame)?;
                return Ok(inst);
            }
        }
        let args = args.iter().map(|&a| s[a as usize].clone()).collect();
        self.instantiate(c, args, Vec::new())
    }

    /// `obj.attr`.
    pub fn getattr(&self, obj: &Value, attr: u32) -> R<Value> {
        let class = match obj {
            Value::Instance(i) => {
                if let Some(v) = i.get(attr) {
                    return Ok(v);
                }
                Some(i.class)
            }
            Value::Class(c) => Some(*c),
            _ => None,
        };
        let name = self.attr_name(attr);
        if let Some(c) = class {
            if let Some(v) = self.program.lookup_class_attr(c, &name) {
                return Ok(compile::const_value(self, v));
            }
            if let Some(f) = self.program.lookup_method(c, &name) {
                return Ok(match obj {
                    Value::Class(_) => Value::Func(f),
                    _ => Value::Method(Rc::new((obj.clone(), f))),
                });
            }
        }
        match obj {
            Value::Instance(i) if name == "args" && i.args.is_some() => Ok(Value::Tuple(
                i.args.clone().unwrap_or_else(|| Rc::from(Vec::new())),
            )),
            Value::Module(m) => m
                .lookup(&name)
                .map(Value::Builtin)
                .ok_or_else(|| attribute_error(format!("module has no attribute '{}'", name))),
            Value::Class(c) => Err(attribute_error(format!(
                "type object '{}' has no attribute '{}'",
                self.program.class(*c).name,
                name
            ))),
            Value::Instance(i) => Err(attribute_error(format!(
                "'{}' object has no attribute '{}'",
                self.program.class(i.class).name,
                name
            ))),
            _ => Err(attribute_error(format!(
                "'{}' object has no attribute '{}'",
                obj.type_name(),
                name
            ))),
        }
    }

    fn setattr(&self, obj: &Value, attr: u32, v: Value) -> R<()> {
        match obj {
            Value::Instance(i) => {
                i.set(attr, v);
                Ok(())
            }
            _ => Err(attribute_error(format!(
                "'{}' object has no attribute '{}'",
                obj.type_name(),
                self.attr_name(attr)
            ))),
        }
    }

    /// `obj.name(args…)`.
    fn call_method(&self, c: &CallMethod, s: &[Value]) -> R<Value> {
        let obj = &s[c.obj as usize];
        if let Value::Instance(i) = obj {
            let (cc, cf) = c.cache.get();
            let f = if cc == i.class.0 {
                Some(FuncId(cf))
            } else {
                let name = std::str::from_utf8(&c.name).unwrap_or("");
                let f = self.program.lookup_method(i.class, name);
                if let Some(f) = f {
                    c.cache.set((i.class.0, f.0));
                }
                f
            };
            if let (Some(f), None) = (f, &c.names) {
                let code = self.code_for(f)?;
                if code.params.len() == c.args.len() + 1 {
                    let mut frame = self.new_frame(&code);
                    frame[code.params[0] as usize] = obj.clone();
                    for (&p, &a) in code.params[1..].iter().zip(c.args.iter()) {
                        frame[p as usize] = s[a as usize].clone();
                    }
                    return self.invoke(&code, frame);
                }
            }
        }
        if let (Value::Str(_) | Value::List(_) | Value::Dict(_) | Value::Tuple(_), None) =
            (obj, &c.names)
        {
            return with_args(s, &c.args, |a| {
                methods::call_method(self, obj, c.known, &c.name, a)
            });
        }
        let args: Vec<Value> = c.args.iter().map(|&a| s[a as usize].clone()).collect();
        let (args, kw) = match &c.names {
            Some(n) => split_kw(args, n)?,
            None => (args, Vec::new()),
        };
        match obj {
            Value::Instance(_) | Value::Module(_) => {
                let m = self.getattr(obj, c.attr)?;
                self.call_value(&m, args, kw)
            }
            Value::Class(cl) => {
                let name = std::str::from_utf8(&c.name).unwrap_or("");
                match self.program.lookup_method(*cl, name) {
                    Some(f) => self.call_func(f, args, kw),
                    None if name == "__init__" => Ok(Value::None),
                    None => {
                        let m = self.getattr(obj, c.attr)?;
                        self.call_value(&m, args, kw)
                    }
                }
            }
            _ if !kw.is_empty() => Err(type_error(format!(
                "{}() takes no keyword arguments",
                String::from_utf8_lossy(&c.name)
            ))),
            _ => methods::call_method(self, obj, c.known, &c.name, &args),
        }
    }

    /// A new iterator over `v`.
    fn make_iter(&self, v: &Value) -> R<Value> {
        let st = match v {
            Value::List(l) => IterState::Seq(l.clone(), 0),
            Value::Tuple(t) => IterState::Tuple(t.clone(), 0),
            Value::Str(s) => IterState::Str(s.clone(), 0),
            Value::Dict(d) => IterState::Dict(d.clone(), 0, d.borrow().len()),
            Value::Iter(_) => return Ok(v.clone()),
            _ => {
                return Err(type_error(format!(
                    "'{}' object is not iterable",
                    v.type_name()
                )))
            }
        };
        Ok(Value::Iter(Rc::new(RefCell::new(st))))
    }

    /// The next item of an iterator, `None` at the end.
    #[inline]
    fn iter_next(&self, it: &Value) -> R<Option<Value>> {
        let Value::Iter(st) = it else {
            return Err(type_error(format!(
                "'{}' object is not an iterator",
                it.type_name()
            )));
        };
        let mut st = st.borrow_mut();
        Ok(match &mut *st {
            IterState::Range { cur, stop, step } => {
                if (*step > 0 && *cur < *stop) || (*step < 0 && *cur > *stop) {
                    let v = *cur;
                    *cur = cur.checked_add(*step).unwrap_or(*stop);
                    Some(Value::Int(v))
                } else {
                    None
                }
            }
            IterState::Seq(l, i) => {
                let item = l.borrow().get(*i).cloned();
                *i += 1;
                item
            }
            IterState::Tuple(t, i) => {
                let item = t.get(*i).cloned();
                *i += 1;
                item
            }
            IterState::Str(s, i) => {
                let item = s.get(*i).map(|&b| arith::char_str(b));
                *i += 1;
                item
            }
            IterState::Dict(d, i, n) => {
                let d = d.borrow();
                if d.len() != *n {
                    return Err(runtime_error("dictionary changed size during iteration"));
                }
                let item = d.get_index(*i).map(|(k, _)| k.0.clone());
                *i += 1;
                item
            }
        })
    }

    /// The dispatch loop: control flow here, every other instruction in
    /// `exec_data` or `exec_call`; an exception goes to the handler of
    /// the instruction that raised it.
    fn execute(&self, code: &Code, s: &mut [Value]) -> R<Value> {
        let instrs = &code.instrs[..];
        let mut pc = 0usize;
        loop {
            let err: Exc = 'd: loop {
                let Some(ins) = instrs.get(pc) else {
                    break 'd runtime_error("fell off the end of the code");
                };
                pc += 1;
                match ins {
                    Instr::Move { dst, src } => {
                        let v = s[*src as usize].fast_clone();
                        s[*dst as usize].set(v);
                    }
                    Instr::Jump { target } => pc = *target as usize,
                    Instr::BranchIf { cond, then_, else_ } => {
                        let c = match &s[*cond as usize] {
                            Value::Bool(b) => *b,
                            v => v.truthy(),
                        };
                        pc = if c { *then_ } else { *else_ } as usize;
                    }
                    Instr::CmpBranch {
                        op,
                        a,
                        b,
                        then_,
                        else_,
                    } => {
                        let c = tri!('d, compare_branch(*op, &s[*a as usize], &s[*b as usize]));
                        pc = if c { *then_ } else { *else_ } as usize;
                    }
                    Instr::Switch(sw) => pc = sw.target(&s[sw.v as usize]) as usize,
                    Instr::Return { src } => return Ok(std::mem::take(&mut s[*src as usize])),
                    Instr::Raise { src } => match &s[*src as usize] {
                        Value::Instance(i) => break 'd i.clone(),
                        _ => break 'd type_error("exceptions must derive from BaseException"),
                    },
                    Instr::ForNext { dst, it, exit } => {
                        match tri!('d, self.iter_next(&s[*it as usize])) {
                            Some(v) => s[*dst as usize].set(v),
                            None => pc = *exit as usize,
                        }
                    }
                    Instr::Error { msg } => break 'd runtime_error(&**msg),
                    Instr::Add { dst, a, b } => tri!('d, bin(s, BinOp::Add, *dst, *a, *b)),
                    Instr::IAdd { dst, a, b } => {
                        tri!('d, bin(s, BinOp::InplaceAdd, *dst, *a, *b))
                    }
                    Instr::Sub { dst, a, b } => tri!('d, bin(s, BinOp::Sub, *dst, *a, *b)),
                    Instr::Lt { dst, a, b } => tri!('d, bin(s, BinOp::Lt, *dst, *a, *b)),
                    Instr::Eq { dst, a, b } => tri!('d, bin(s, BinOp::Eq, *dst, *a, *b)),
                    Instr::Bin { op, dst, a, b } => tri!('d, bin(s, *op, *dst, *a, *b)),
                    Instr::Unary { op, dst, a } => {
                        let v = tri!('d, unary(*op, &s[*a as usize]));
                        s[*dst as usize].set(v);
                    }
                    Instr::Ovf { op, dst, a, b } => {
                        let v = tri!('d, arith::ovf_checked(*op, &s[*a as usize], &s[*b as usize]));
                        s[*dst as usize].set(v);
                    }
                    Instr::GetItem { dst, obj, idx } => tri!('d, getitem(s, *dst, *obj, *idx)),
                    Instr::SetItem { obj, idx, v } => tri!('d, setitem(s, *obj, *idx, *v)),
                    Instr::GetAttr { dst, obj, attr } => {
                        tri!('d, self.getattr_instr(s, *dst, *obj, *attr))
                    }
                    Instr::CallFunc(cf) => {
                        let v = tri!('d, self.exec_call_func(cf, s));
                        s[cf.dst as usize].set(v);
                    }
                    Instr::New { .. }
                    | Instr::CallBuiltin { .. }
                    | Instr::CallAny(_)
                    | Instr::CallMethod(_)
                    | Instr::ExcMatch { .. }
                    | Instr::ExcInstance { .. } => tri!('d, self.exec_call(ins, s)),
                    _ => tri!('d, self.exec_data(ins, s)),
                }
            };
            pc = self.handle(code, pc, err, s)?;
        }
    }

    /// Where the handler of the instruction before `pc` continues with
    /// `err` (stored in its slot), or `err` when no handler catches it.
    #[cold]
    #[inline(never)]
    fn handle(&self, code: &Code, pc: usize, err: Exc, s: &mut [Value]) -> R<usize> {
        let h = code
            .handler_at
            .get(pc.wrapping_sub(1))
            .copied()
            .unwrap_or(NONE);
        let Some(handler) = code.handlers.get(h as usize) else {
            return Err(err);
        };
        match handler
            .cases
            .iter()
            .find(|(c, _, _)| self.program.is_subclass(err.class, *c))
        {
            Some(&(_, exc_slot, target)) => {
                if exc_slot != NONE {
                    s[exc_slot as usize] = Value::Instance(err);
                }
                Ok(target as usize)
            }
            None => Err(err),
        }
    }

    /// The less frequent instructions that compute a value: slices,
    /// containers, iterators, attribute stores.
    #[inline(never)]
    fn exec_data(&self, ins: &Instr, s: &mut [Value]) -> R<()> {
        match ins {
            Instr::DelItem { obj, idx } => arith::delitem(&s[*obj as usize], &s[*idx as usize])?,
            Instr::DelSlice { obj, lo, hi } => {
                let (o, l, h) = (&s[*obj as usize], &s[*lo as usize], &s[*hi as usize]);
                arith::delslice(o, l, h)?
            }
            Instr::GetSlice { dst, obj, lo, hi } => {
                let (o, l, h) = (&s[*obj as usize], &s[*lo as usize], &s[*hi as usize]);
                let v = arith::getslice(o, l, h)?;
                s[*dst as usize].set(v);
            }
            Instr::NewList { .. } | Instr::NewTuple { .. } | Instr::NewDict { .. } => {
                self.exec_new(ins, s)?
            }
            Instr::Iter { dst, src } => {
                let v = self.make_iter(&s[*src as usize])?;
                s[*dst as usize].set(v);
            }
            Instr::RangeIter { dst, args } => {
                let (cur, stop, step) = with_args(s, args, builtins::range_bounds)?;
                let it = IterState::Range { cur, stop, step };
                s[*dst as usize].set(Value::Iter(Rc::new(RefCell::new(it))));
            }
            Instr::Next { dst, it } => match self.iter_next(&s[*it as usize])? {
                Some(v) => s[*dst as usize].set(v),
                None => return Err(stop_iteration()),
            },
            Instr::SetAttr { obj, attr, v } => {
                let val = s[*v as usize].clone();
                self.setattr(&s[*obj as usize], *attr, val)?;
            }
            Instr::TypeIs { dst, x, t } => {
                let v = builtins::is_of_type(self, &s[*x as usize], &s[*t as usize], true)?;
                s[*dst as usize].set(Value::Bool(v));
            }
            Instr::Format { dst, fmt, arg } => {
                let v = format::percent(self.program, fmt, &s[*arg as usize]).map_err(raised)?;
                s[*dst as usize].set(v);
            }
            _ => return Err(runtime_error("not a data instruction")),
        }
        Ok(())
    }

    /// `dst = obj.attr`, an instance's own field first.
    #[inline(always)]
    fn getattr_instr(&self, s: &mut [Value], dst: Slot, obj: Slot, attr: u32) -> R<()> {
        let o = &s[obj as usize];
        let v = match o {
            Value::Instance(i) => match i.get(attr) {
                Some(v) => v,
                None => self.getattr(o, attr)?,
            },
            _ => self.getattr(o, attr)?,
        };
        s[dst as usize].set(v);
        Ok(())
    }

    /// `[…]`, `(…)`, `{…}`.
    fn exec_new(&self, ins: &Instr, s: &mut [Value]) -> R<()> {
        let (dst, v) = match ins {
            Instr::NewList { dst, items } => {
                let v: Vec<Value> = items.iter().map(|i| s[*i as usize].clone()).collect();
                (dst, Value::new_list(v))
            }
            Instr::NewTuple { dst, items } => {
                let v: Vec<Value> = items.iter().map(|i| s[*i as usize].clone()).collect();
                (dst, Value::new_tuple(v))
            }
            Instr::NewDict { dst, items } => {
                let mut d = DictMap::default();
                for kv in items.chunks(2) {
                    let k = s[kv[0] as usize].clone();
                    arith::check_hashable(&k)?;
                    let v = kv
                        .get(1)
                        .map(|v| s[*v as usize].clone())
                        .unwrap_or_default();
                    d.insert(Key(k), v);
                }
                (dst, Value::new_dict(d))
            }
            _ => return Ok(()),
        };
        s[*dst as usize].set(v);
        Ok(())
    }

    /// Calls, instantiations and the exception instructions.
    #[inline(always)]
    fn exec_call(&self, ins: &Instr, s: &mut [Value]) -> R<()> {
        let (dst, v) = match ins {
            Instr::New { dst, class, args } => (dst, self.new_instance(*class, args, s)?),
            Instr::CallBuiltin { dst, b, args } => (
                dst,
                with_args(s, args, |a| builtins::call_builtin(self, *b, a, &[]))?,
            ),
            Instr::CallAny(c) => {
                let args: Vec<Value> = c.args.iter().map(|a| s[*a as usize].clone()).collect();
                let (args, kw) = match &c.names {
                    Some(n) => split_kw(args, n)?,
                    None => (args, Vec::new()),
                };
                (&c.dst, self.call_value(&s[c.f as usize], args, kw)?)
            }
            Instr::CallMethod(c) => (&c.dst, self.call_method(c, s)?),
            Instr::ExcMatch { dst, e, classes } => {
                let m = match &s[*e as usize] {
                    Value::Instance(i) => classes
                        .iter()
                        .any(|&c| self.program.is_subclass(i.class, c)),
                    _ => false,
                };
                (dst, Value::Bool(m))
            }
            Instr::ExcInstance { dst, src } => {
                let v = match &s[*src as usize] {
                    Value::Class(c) => self.instantiate(*c, Vec::new(), Vec::new())?,
                    v @ Value::Instance(_) => v.clone(),
                    _ => return Err(type_error("exceptions must derive from BaseException")),
                };
                (dst, v)
            }
            _ => return Err(runtime_error("not a call instruction")),
        };
        s[*dst as usize].set(v);
        Ok(())
    }

    /// A call of a known function: its code compiled on first use, the
    /// arguments moved straight into the new frame.
    #[inline(always)]
    fn exec_call_func(&self, cf: &compile::CallFunc, s: &[Value]) -> R<Value> {
        let callee = match cf.code.get() {
            Some(c) => c,
            None => {
                let c = self.code_for(cf.func)?;
                cf.code.get_or_init(|| c)
            }
        };
        if callee.params.len() == cf.args.len() {
            let mut frame = self.new_frame(callee);
            for (&p, a) in callee.params.iter().zip(cf.args.iter()) {
                frame[p as usize] = s[*a as usize].fast_clone();
            }
            self.invoke(callee, frame)
        } else {
            let args = cf.args.iter().map(|a| s[*a as usize].clone()).collect();
            self.call_func(cf.func, args, Vec::new())
        }
    }
}

/// The condition of a fused compare-and-branch.
#[inline(always)]
fn compare_branch(op: BinOp, a: &Value, b: &Value) -> R<bool> {
    Ok(match (a, b) {
        (Value::Int(x), Value::Int(y)) => match op {
            BinOp::Lt => x < y,
            BinOp::Le => x <= y,
            BinOp::Gt => x > y,
            BinOp::Ge => x >= y,
            BinOp::Eq => x == y,
            _ => x != y,
        },
        (x, y) => match arith::binary_slow(op, x, y)? {
            Value::Bool(b) => b,
            v => v.truthy(),
        },
    })
}

/// A unary instruction.
#[inline(always)]
fn unary(op: UnOp, x: &Value) -> R<Value> {
    Ok(match op {
        UnOp::Neg => arith::neg(x)?,
        UnOp::Pos => arith::pos(x)?,
        UnOp::Invert => arith::invert(x)?,
        UnOp::IsTrue => Value::Bool(x.truthy()),
        UnOp::Not => Value::Bool(!x.truthy()),
        UnOp::Len => arith::len(x)?,
    })
}

/// `dst = a op b`.
#[inline(always)]
fn bin(s: &mut [Value], op: BinOp, dst: Slot, a: Slot, b: Slot) -> R<()> {
    let v = arith::binary(op, &s[a as usize], &s[b as usize])?;
    s[dst as usize].set(v);
    Ok(())
}

/// `dst = obj[idx]`, a list indexed by an int directly.
#[inline(always)]
fn getitem(s: &mut [Value], dst: Slot, obj: Slot, idx: Slot) -> R<()> {
    let v = match (&s[obj as usize], &s[idx as usize]) {
        (Value::List(l), Value::Int(i)) => {
            let l = l.borrow();
            match arith::norm_index(*i, l.len()) {
                Some(i) => l[i].fast_clone(),
                None => return Err(raised(rpy_semantics::Error::ListIndexOutOfRange)),
            }
        }
        (o, i) => arith::getitem(o, i)?,
    };
    s[dst as usize].set(v);
    Ok(())
}

/// `obj[idx] = v`, a list indexed by an int directly.
#[inline(always)]
fn setitem(s: &mut [Value], obj: Slot, idx: Slot, v: Slot) -> R<()> {
    let val = s[v as usize].clone();
    match (&s[obj as usize], &s[idx as usize]) {
        (Value::List(l), Value::Int(i)) => {
            let mut l = l.borrow_mut();
            match arith::norm_index(*i, l.len()) {
                Some(i) => l[i].set(val),
                None => return Err(raised(rpy_semantics::Error::ListAssignmentIndexOutOfRange)),
            }
        }
        (o, i) => arith::setitem(o, i, val)?,
    }
    Ok(())
}
