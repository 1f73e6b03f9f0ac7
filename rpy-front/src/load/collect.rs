//! From import-time objects to the program: every object reachable from
//! the module's namespace becomes a constant (functions, classes, JIT
//! drivers, prebuilt lists and dicts), each object once however many
//! names reach it; values only import time can have are recorded as such.

use super::value::{ClassObj, DriverObj, FuncObj, ModuleObj, Obj};
use super::Loader;
use crate::diag::{DResult, Diagnostic};
use crate::program::*;
use crate::span::Span;
use indexmap::IndexMap;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Why a value cannot be a constant of the translated program.
type Why = String;

struct Collector<'l> {
    l: &'l Loader,
    prog: Program,
    /// Function objects by (address, class they are a method of).
    funcs: HashMap<(usize, Option<ClassId>), FuncId>,
    classes: HashMap<usize, ClassId>,
    /// Lists and dicts by address (an error once found unconvertible).
    objects: HashMap<usize, Result<ConstValue, Why>>,
    drivers: HashMap<usize, DriverId>,
    /// The global name each driver was first found under.
    driver_names: HashMap<usize, String>,
    func_names: HashSet<String>,
    /// The program's modules (other than the main one) by address.
    module_ids: HashMap<usize, ModuleId>,
}

pub(super) fn program(l: &Loader, entry: Rc<FuncObj>) -> DResult<Program> {
    let mut c = Collector {
        l,
        prog: Program {
            file: l.file.clone(),
            files: l.files.borrow().clone(),
            modules: Vec::new(),
            globals: IndexMap::new(),
            import_only: IndexMap::new(),
            prebuilt: Vec::new(),
            functions: Vec::new(),
            classes: Vec::new(),
            drivers: Vec::new(),
            entry: FuncId(0),
        },
        funcs: HashMap::new(),
        classes: HashMap::new(),
        objects: HashMap::new(),
        drivers: HashMap::new(),
        driver_names: HashMap::new(),
        func_names: HashSet::new(),
        module_ids: HashMap::new(),
    };
    c.builtin_classes();
    let modules: Vec<Rc<ModuleObj>> = l.modules.borrow().values().cloned().collect();
    for (i, m) in modules.iter().enumerate() {
        c.module_ids
            .insert(Rc::as_ptr(m) as usize, ModuleId(i as u32));
        c.prog.modules.push(ModuleDecl {
            id: ModuleId(i as u32),
            name: m.name.clone(),
            globals: IndexMap::new(),
            import_only: IndexMap::new(),
        });
    }
    let main_names = l.main.names();
    let names: Vec<Vec<(String, Obj)>> = modules.iter().map(|m| m.names()).collect();
    for (name, v) in main_names.iter().chain(names.iter().flatten()) {
        if let Obj::Driver(d) = v {
            let key = Rc::as_ptr(d) as usize;
            c.driver_names.entry(key).or_insert_with(|| name.clone());
        }
    }
    let (globals, import_only) = c.namespace(main_names)?;
    (c.prog.globals, c.prog.import_only) = (globals, import_only);
    for (i, ns) in names.into_iter().enumerate() {
        let (globals, import_only) = c.namespace(ns)?;
        let m = &mut c.prog.modules[i];
        (m.globals, m.import_only) = (globals, import_only);
    }
    let span = entry.def.span;
    c.prog.entry = match c.func(&entry, None)? {
        Ok(f) => f,
        Err(why) => {
            return Err(Diagnostic::error(
                span,
                format!("the entry point cannot be translated: {why}"),
            ))
        }
    };
    Ok(c.prog)
}

/// A module's names: those that are constants, and those that exist only
/// at import time (with what they are).
type Namespace = (IndexMap<String, ConstValue>, IndexMap<String, String>);

impl Collector<'_> {
    fn namespace(&mut self, names: Vec<(String, Obj)>) -> DResult<Namespace> {
        let (mut globals, mut import_only) = (IndexMap::new(), IndexMap::new());
        for (name, v) in names {
            match self.constant(&v)? {
                Ok(k) => {
                    globals.insert(name, k);
                }
                Err(why) => {
                    import_only.insert(name, why);
                }
            }
        }
        Ok((globals, import_only))
    }

    fn builtin_classes(&mut self) {
        for (i, k) in self.l.builtin_classes.iter().enumerate() {
            self.classes
                .insert(Rc::as_ptr(k) as usize, ClassId(i as u32));
            self.prog.classes.push(ClassDecl {
                id: ClassId(i as u32),
                name: k.name.clone(),
                base: BUILTIN_CLASSES[i].1.map(ClassId),
                methods: IndexMap::new(),
                attrs: IndexMap::new(),
                immutable_fields: ImmutableFields::default(),
                builtin: true,
                span: Span::default(),
            });
        }
    }

    /// The constant an import-time value becomes, `Err(why)` if it has
    /// none; a translation error (outer `Err`) for a malformed declaration.
    fn constant(&mut self, v: &Obj) -> DResult<Result<ConstValue, Why>> {
        Ok(Ok(match v {
            Obj::None => ConstValue::None,
            Obj::Bool(b) => ConstValue::Bool(*b),
            Obj::Int(i) => ConstValue::Int(*i),
            Obj::UInt(u) => ConstValue::UInt(*u),
            Obj::Float(f) => ConstValue::Float(*f),
            Obj::Str(s) => ConstValue::Str(s.clone()),
            Obj::Tuple(items) => {
                let mut out = Vec::with_capacity(items.len());
                for i in items.iter() {
                    match self.constant(i)? {
                        Ok(k) => out.push(k),
                        Err(why) => return Ok(Err(format!("a tuple holding {why}"))),
                    }
                }
                ConstValue::Tuple(Rc::from(out))
            }
            Obj::List(_) | Obj::Dict(_) | Obj::Instance(_) => return self.prebuilt(v),
            Obj::Func(f) => match self.func(f, None)? {
                Ok(id) => ConstValue::Func(id),
                Err(why) => return Ok(Err(why)),
            },
            Obj::Class(k) => ConstValue::Class(self.class(k)?),
            Obj::Builtin(b) => ConstValue::Builtin(*b),
            Obj::Module(m) => ConstValue::ExtModule(*m),
            Obj::PyModule(m) => match self.module_ids.get(&(Rc::as_ptr(m) as usize)) {
                Some(&id) => ConstValue::Module(id),
                None => return Ok(Err("the main module".to_string())),
            },
            Obj::Driver(d) => ConstValue::Driver(self.driver(d)?),
            Obj::Method(m) => return Ok(Err(format!("the bound method {}", m.1.def.name))),
            Obj::Host(h) => match Builtin::lookup(Builtin::RUNTIME_TYPES, h.name()) {
                // `dict`, `tuple`, `type`: run-time code tests types with them
                Some(b) => ConstValue::Builtin(b),
                None => return Ok(Err(format!("the import-time builtin {}()", h.name()))),
            },
            Obj::BuiltinMethod(m) => return Ok(Err(format!("the bound builtin method {}", m.1))),
            Obj::Super(_) => return Ok(Err("a super() object".to_string())),
            Obj::StaticMethod(f) => match self.func(f, None)? {
                Ok(id) => ConstValue::Func(id),
                Err(why) => return Ok(Err(why)),
            },
        }))
    }

    /// A prebuilt list, dict or instance: its id is taken before its
    /// contents are converted, so that objects may refer to each other.
    fn prebuilt(&mut self, v: &Obj) -> DResult<Result<ConstValue, Why>> {
        let key = v.identity().unwrap_or(0);
        if let Some(done) = self.objects.get(&key) {
            return Ok(done.clone());
        }
        let id = PrebuiltId(self.prog.prebuilt.len() as u32);
        self.prog.prebuilt.push(Prebuilt::List(Vec::new()));
        self.objects.insert(key, Ok(ConstValue::Prebuilt(id)));
        let converted = match v {
            Obj::List(l) => {
                let items = l.borrow().clone();
                self.all(&items)?
                    .map(Prebuilt::List)
                    .map_err(|w| format!("a list holding {w}"))
            }
            Obj::Dict(d) => {
                let pairs: Vec<(Obj, Obj)> = d
                    .borrow()
                    .iter()
                    .map(|(k, x)| (k.0.clone(), x.clone()))
                    .collect();
                let flat: Vec<Obj> = pairs
                    .iter()
                    .flat_map(|(k, x)| [k.clone(), x.clone()])
                    .collect();
                self.all(&flat)?
                    .map(|ks| {
                        Prebuilt::Dict(ks.chunks(2).map(|p| (p[0].clone(), p[1].clone())).collect())
                    })
                    .map_err(|w| format!("a dict holding {w}"))
            }
            Obj::Instance(i) => {
                let class = self.class(&i.class)?;
                let fields: Vec<(String, Obj)> = i
                    .fields
                    .borrow()
                    .iter()
                    .map(|(n, x)| (n.clone(), x.clone()))
                    .collect();
                let values: Vec<Obj> = fields.iter().map(|f| f.1.clone()).collect();
                self.all(&values)?
                    .map(|ks| Prebuilt::Instance {
                        class,
                        fields: fields.into_iter().map(|f| f.0).zip(ks).collect(),
                    })
                    .map_err(|w| format!("an instance of {} holding {w}", i.class.name))
            }
            _ => unreachable!("only lists, dicts and instances are prebuilt"),
        };
        Ok(match converted {
            Ok(p) => {
                self.prog.prebuilt[id.index()] = p;
                Ok(ConstValue::Prebuilt(id))
            }
            Err(why) => {
                self.objects.insert(key, Err(why.clone()));
                Err(why)
            }
        })
    }

    fn all(&mut self, items: &[Obj]) -> DResult<Result<Vec<ConstValue>, Why>> {
        let mut out = Vec::with_capacity(items.len());
        for i in items {
            match self.constant(i)? {
                Ok(k) => out.push(k),
                Err(why) => return Ok(Err(why)),
            }
        }
        Ok(Ok(out))
    }

    /// A unique graph name for a function (the same `def` run twice makes
    /// two functions).
    fn unique_name(&mut self, base: String) -> String {
        let mut name = base.clone();
        let mut n = 1;
        while !self.func_names.insert(name.clone()) {
            n += 1;
            name = format!("{base}_{n}");
        }
        name
    }

    fn func(&mut self, f: &Rc<FuncObj>, class: Option<ClassId>) -> DResult<Result<FuncId, Why>> {
        let key = (Rc::as_ptr(f) as usize, class);
        if let Some(&id) = self.funcs.get(&key) {
            return Ok(Ok(id));
        }
        let id = FuncId(self.prog.functions.len() as u32);
        self.funcs.insert(key, id);
        let def = &f.def;
        let base = match class {
            Some(c) => format!("{}.{}", self.prog.class(c).name, def.name),
            None => def.name.clone(),
        };
        let name = self.unique_name(base);
        self.prog.functions.push(FuncDecl {
            id,
            name,
            params: Vec::new(),
            refusal: None,
            body: def.body.clone(),
            hints: f.hints.get(),
            class,
            closure: IndexMap::new(),
            module: self
                .module_ids
                .get(&(Rc::as_ptr(&f.module) as usize))
                .copied(),
            span: def.span,
        });
        let mut params = Vec::new();
        for (p, d) in def.params.iter().zip(&f.defaults) {
            let default = match d {
                None => None,
                Some(v) => match self.constant(v)? {
                    Ok(k) => Some(k),
                    Err(why) => {
                        return Err(Diagnostic::error(
                            p.span,
                            format!(
                                "the default of '{}' is {why}, which exists only at import time",
                                p.name
                            ),
                        ))
                    }
                },
            };
            params.push(ParamDecl {
                name: p.name.clone(),
                default,
                span: p.span,
            });
        }
        let mut closure = self.closure(f)?;
        let refusal = match star_param(def) {
            Some(d) => Some(d),
            None => self.imported(f, &mut closure)?,
        };
        let decl = &mut self.prog.functions[id.index()];
        decl.params = params;
        decl.closure = closure;
        decl.refusal = refusal;
        Ok(Ok(id))
    }

    /// What the function's own imports bound, as constants beside its
    /// closure's; or why run-time code may not reach it.
    fn imported(
        &mut self,
        f: &FuncObj,
        into: &mut IndexMap<String, Global>,
    ) -> DResult<Option<Diagnostic>> {
        let bound = match &*f.imports.borrow() {
            Ok(bound) => bound.clone(),
            Err(d) => return Ok(Some(d.clone())),
        };
        for (name, v) in bound {
            let g = match self.constant(&v)? {
                Ok(k) => Global::Const(k),
                Err(why) => Global::ImportOnly(why),
            };
            into.insert(name, g);
        }
        Ok(None)
    }

    /// The values of the variables of the enclosing functions a closure
    /// can see (the nearest binding of each name).
    fn closure(&mut self, f: &FuncObj) -> DResult<IndexMap<String, Global>> {
        let mut out = IndexMap::new();
        let mut frame = f.outer.clone();
        while let Some(fr) = frame {
            let mut vars: Vec<(String, Obj)> = fr
                .vars
                .borrow()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            vars.sort_by(|a, b| a.0.cmp(&b.0));
            for (name, v) in vars {
                if f.locals.contains(&name) || out.contains_key(&name) {
                    continue;
                }
                let g = match self.constant(&v)? {
                    Ok(k) => Global::Const(k),
                    Err(why) => Global::ImportOnly(why),
                };
                out.insert(name, g);
            }
            frame = fr.parent.clone();
        }
        Ok(out)
    }

    fn class(&mut self, k: &Rc<ClassObj>) -> DResult<ClassId> {
        let key = Rc::as_ptr(k) as usize;
        if let Some(&id) = self.classes.get(&key) {
            return Ok(id);
        }
        let base = match &k.base {
            Some(b) => Some(self.class(b)?),
            None => Some(builtin_class::OBJECT),
        };
        let id = ClassId(self.prog.classes.len() as u32);
        self.classes.insert(key, id);
        self.prog.classes.push(ClassDecl {
            id,
            name: k.name.clone(),
            base,
            methods: IndexMap::new(),
            attrs: IndexMap::new(),
            immutable_fields: ImmutableFields::default(),
            builtin: false,
            span: k.span,
        });
        let dict: Vec<(String, Obj)> = k
            .dict
            .borrow()
            .iter()
            .map(|(n, v)| (n.clone(), v.clone()))
            .collect();
        for (name, v) in dict {
            self.class_entry(id, k, &name, &v)?;
        }
        Ok(id)
    }

    /// One name of a class body: a method, `_immutable_fields_`, or a
    /// class attribute.
    fn class_entry(&mut self, id: ClassId, k: &ClassObj, name: &str, v: &Obj) -> DResult<()> {
        if let Obj::StaticMethod(f) = v {
            // A plain function reached through its class (not a method).
            if let Ok(fid) = self.func(f, None)? {
                let attrs = &mut self.prog.classes[id.index()].attrs;
                attrs.insert(name.to_string(), ConstValue::Func(fid));
            }
            return Ok(());
        }
        if let Obj::Func(f) = v {
            if f.def.params.is_empty() {
                return Err(Diagnostic::error(
                    f.def.span,
                    format!("method '{}' needs a `self` parameter", f.def.name),
                ));
            }
            if let Ok(fid) = self.func(f, Some(id))? {
                self.prog.classes[id.index()]
                    .methods
                    .insert(name.to_string(), fid);
            }
            return Ok(());
        }
        let Ok(c) = self.constant(v)? else {
            return Ok(());
        };
        if name == "_immutable_fields_" {
            let at = k.spans.get(name).copied().unwrap_or(k.span);
            let fields = self.immutable_fields(&c, at)?;
            self.prog.classes[id.index()].immutable_fields = fields;
        }
        self.prog.classes[id.index()]
            .attrs
            .insert(name.to_string(), c);
        Ok(())
    }

    fn immutable_fields(&self, v: &ConstValue, span: Span) -> DResult<ImmutableFields> {
        let items = match v {
            ConstValue::Tuple(t) => t.to_vec(),
            ConstValue::Prebuilt(id) => match &self.prog.prebuilt[id.index()] {
                Prebuilt::List(items) => items.clone(),
                _ => Vec::new(),
            },
            _ => {
                return Err(Diagnostic::error(
                    span,
                    "_immutable_fields_ must be a list of field names",
                ))
            }
        };
        let entry = |i: &ConstValue| match i {
            ConstValue::Str(s) => {
                let text = String::from_utf8_lossy(s);
                ImmutableField::parse(&text).ok_or_else(|| {
                    Diagnostic::error(
                        span,
                        format!("_immutable_fields_ entry '{text}' is not 'name' or 'name[*]'"),
                    )
                })
            }
            _ => Err(Diagnostic::error(
                span,
                "_immutable_fields_ must be a list of strings",
            )),
        };
        Ok(ImmutableFields(
            items.iter().map(entry).collect::<DResult<_>>()?,
        ))
    }

    fn driver(&mut self, d: &Rc<DriverObj>) -> DResult<DriverId> {
        let key = Rc::as_ptr(d) as usize;
        if let Some(&id) = self.drivers.get(&key) {
            return Ok(id);
        }
        let id = DriverId(self.prog.drivers.len() as u32);
        self.drivers.insert(key, id);
        let printable = match &d.get_printable_location {
            Some(f) => match self.func(f, None)? {
                Ok(fid) => Some(fid),
                Err(why) => {
                    return Err(Diagnostic::error(
                        d.span,
                        format!("get_printable_location is {why}"),
                    ))
                }
            },
            None => None,
        };
        let name = self
            .driver_names
            .get(&key)
            .cloned()
            .unwrap_or_else(|| "jitdriver".into());
        self.prog.drivers.push(DriverDecl {
            id,
            name,
            greens: d.greens.clone(),
            reds: d.reds.clone(),
            get_printable_location: printable,
            span: d.span,
        });
        Ok(id)
    }
}

/// The refusal of a function with `*args` or `**kwargs`: import time
/// may call it, run-time code may not.
fn star_param(def: &crate::ast::FunctionDef) -> Option<Diagnostic> {
    let (star, p) = match (&def.vararg, &def.kwarg) {
        (Some(p), _) => ("*", p),
        (None, Some(p)) => ("**", p),
        (None, None) => return None,
    };
    Some(
        Diagnostic::error(
            p.span,
            format!("{star}{} is not supported at run time in rpy", p.name),
        )
        .with_label("only code run at import time may take *args or **kwargs"),
    )
}
