//! Constants: strings as `RStrConst` statics (one per distinct value),
//! tuple types as `#[repr(C)]` structs with a constructor, tuple constants
//! as prebuilt statics, numbers as exact literals, functions and classes
//! as pointers — and the pool that collects them while graphs are emitted.

use super::types::{fn_type, rust_type, value_kind};
use super::Gen;
use indexmap::IndexMap;
use rpy_rtyper::ll::{LLConst, LLType};
use std::fmt::Write;

/// What the emitted code refers to, collected on the way.
#[derive(Default)]
pub struct Pool {
    /// Bytes → static name.
    strings: IndexMap<Vec<u8>, String>,
    /// Field types (list mutability erased) → struct name.
    tuple_types: IndexMap<Vec<LLType>, String>,
    /// Initializer → the static.
    tuple_consts: IndexMap<String, TupleConst>,
}

/// A tuple constant: a static of struct `st`. Items that are prebuilt
/// lists or dicts exist only once `setup()` has built them: the static
/// holds null there, and `fixups` (field, expression) fill them in.
struct TupleConst {
    name: String,
    st: String,
    init: String,
    fixups: Vec<(usize, String)>,
}

/// `b"…"` with escapes for everything but printable ASCII.
pub fn byte_literal(b: &[u8]) -> String {
    let mut s = String::from("b\"");
    for &c in b {
        match c {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            0x20..=0x7e => s.push(c as char),
            _ => {
                let _ = write!(s, "\\x{c:02x}");
            }
        }
    }
    s.push('"');
    s
}

/// An `i64` literal (parenthesized when negative).
pub fn int_literal(i: i64) -> String {
    match i {
        i64::MIN => "i64::MIN".into(),
        i if i < 0 => format!("({i}i64)"),
        i => format!("{i}i64"),
    }
}

/// An exact `f64` literal.
pub fn float_literal(f: f64) -> String {
    if f.is_nan() {
        "f64::NAN".into()
    } else if f.is_infinite() {
        if f > 0.0 {
            "f64::INFINITY"
        } else {
            "f64::NEG_INFINITY"
        }
        .into()
    } else if f.is_sign_negative() {
        format!("({f:?}f64)")
    } else {
        format!("{f:?}f64")
    }
}

impl Gen<'_> {
    /// The expression of a constant (usable in statics too, except
    /// prebuilt lists and dicts, which are built at startup).
    pub fn konst(&self, c: &LLConst) -> String {
        match c {
            LLConst::Void | LLConst::Helper(_) | LLConst::Field(_) | LLConst::Driver(_) => {
                "()".into()
            }
            LLConst::Int(i) => int_literal(*i),
            LLConst::UInt(u) => format!("{u}u64"),
            LLConst::Bool(b) => b.to_string(),
            LLConst::Float(f) => float_literal(*f),
            LLConst::Char(c) => format!("{c}u8"),
            LLConst::Str(b) => format!("{}.as_ptr()", self.string(b)),
            LLConst::Null(t) => super::types::zero(t),
            LLConst::Func(f) => {
                let g = self
                    .prog
                    .graph(*f)
                    .expect("a function constant has a graph");
                format!(
                    "({} as {})",
                    self.fn_names[f],
                    fn_type(&g.param_types(), &g.result)
                )
            }
            LLConst::Class(c) => self.classes.vt_ptr(*c),
            LLConst::Prebuilt(id, _) => format!("PB_{}", id.0),
            LLConst::Tuple(items) => self.tuple_const(items),
        }
    }

    /// The static holding string `b`.
    pub fn string(&self, b: &[u8]) -> String {
        let mut pool = self.pool.borrow_mut();
        let n = pool.strings.len();
        pool.strings
            .entry(b.to_vec())
            .or_insert_with(|| format!("S_{n}"))
            .clone()
    }

    /// The struct of tuples with these field types.
    pub fn tuple_struct(&self, types: &[LLType]) -> String {
        let key: Vec<LLType> = types.iter().map(LLType::erase_mutability).collect();
        let mut pool = self.pool.borrow_mut();
        let n = pool.tuple_types.len();
        pool.tuple_types
            .entry(key)
            .or_insert_with(|| format!("Tup{n}"))
            .clone()
    }

    /// A prebuilt tuple constant, as an object pointer.
    fn tuple_const(&self, items: &[LLConst]) -> String {
        let types: Vec<LLType> = items
            .iter()
            .map(|c| self.prog.const_type(c).expect("a typed tuple item"))
            .collect();
        let st = self.tuple_struct(&types);
        let values: Vec<String> = items.iter().map(|c| self.konst(c)).collect();
        let fields = |later: bool| -> Vec<String> {
            values
                .iter()
                .zip(items)
                .enumerate()
                .map(|(i, (v, c))| match c {
                    LLConst::Prebuilt(..) if later => format!("f{i}: null_mut()"),
                    _ => format!("f{i}: {v}"),
                })
                .collect()
        };
        let init = |fs: Vec<String>| {
            format!(
                "{st} {{ hdr: GcHeader::prebuilt(TID_{st}), {} }}",
                fs.join(", ")
            )
        };
        let key = init(fields(false));
        let fixups: Vec<(usize, String)> = items
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c, LLConst::Prebuilt(..)))
            .map(|(i, _)| (i, values[i].clone()))
            .collect();
        let static_init = init(fields(true));
        let mut pool = self.pool.borrow_mut();
        let n = pool.tuple_consts.len();
        let name = pool
            .tuple_consts
            .entry(key)
            .or_insert_with(|| TupleConst {
                name: format!("TC_{n}"),
                st,
                init: static_init,
                fixups,
            })
            .name
            .clone();
        format!("((&raw const {name}) as *mut Object)")
    }

    /// `setup()` code filling the prebuilt lists and dicts into tuple
    /// constants (after they are built).
    pub fn tuple_fixups(&self) -> String {
        let pool = self.pool.borrow();
        let mut out = String::new();
        for t in pool.tuple_consts.values() {
            for (i, v) in &t.fixups {
                let _ = writeln!(out, "    {}.f{i} = {v};", t.name);
            }
        }
        out
    }

    /// The tuple structs, in registration order (after the classes).
    pub fn tuple_types(&self) -> Vec<String> {
        self.pool.borrow().tuple_types.values().cloned().collect()
    }

    /// Every collected constant's definition; tuple type ids follow the
    /// `first_tid` registered types before them.
    pub fn emit_pool(&self, first_tid: usize) -> String {
        let pool = self.pool.borrow();
        let mut out = String::new();
        if !pool.strings.is_empty() {
            out.push_str("// ---- string constants\n");
        }
        for (b, name) in &pool.strings {
            let _ = writeln!(
                out,
                "static {name}: RStrConst<{}> = RStrConst::new({});",
                b.len(),
                byte_literal(b)
            );
        }
        if !pool.tuple_types.is_empty() {
            out.push_str("\n// ---- tuples\n");
        }
        for (i, (types, name)) in pool.tuple_types.iter().enumerate() {
            let fields: Vec<String> = types
                .iter()
                .enumerate()
                .map(|(k, t)| format!("f{k}: {}", rust_type(t)))
                .collect();
            let params: Vec<String> = types
                .iter()
                .enumerate()
                .map(|(k, t)| format!("a{k}: {}", rust_type(t)))
                .collect();
            let sets: String = (0..types.len())
                .map(|k| format!(" (*t).f{k} = a{k};"))
                .collect();
            let descs: Vec<String> = types
                .iter()
                .enumerate()
                .map(|(k, t)| {
                    format!(
                        "Field {{ offset: offset_of!({name}, f{k}), kind: {} }}",
                        value_kind(t)
                    )
                })
                .collect();
            let _ = write!(
                out,
                "#[repr(C)]\nstruct {name} {{ hdr: GcHeader, {fields} }}\n\
                 unsafe impl Sync for {name} {{}}\n\
                 const TID_{name}: u32 = FIRST_USER_TID + {tid};\n\
                 const DESC_{name}: TypeDesc = TypeDesc::Tuple {{ size: size_of::<{name}>(), fields: &[{descs}] }};\n\
                 #[inline]\nfn new_{name}({params}) -> *mut Object {{\n    \
                 unsafe {{\n        let t = rpy_alloc(size_of::<{name}>(), TID_{name}) as *mut {name};\n       {sets}\n        t as *mut Object\n    }}\n}}\n",
                fields = fields.join(", "),
                tid = first_tid + i,
                descs = descs.join(", "),
                params = params.join(", "),
            );
        }
        for t in pool.tuple_consts.values() {
            let m = if t.fixups.is_empty() { "" } else { "mut " };
            let _ = writeln!(out, "static {m}{}: {} = {};", t.name, t.st, t.init);
        }
        out
    }

    /// The statics of the prebuilt lists, dicts and instances, and the
    /// startup code that builds them (all allocated first, then filled:
    /// they may refer to each other, in cycles too).
    pub fn emit_prebuilt(&self) -> (String, String) {
        use rpy_rtyper::ll::LLPrebuiltInit as Init;
        let (mut statics, mut alloc, mut fill) = (String::new(), String::new(), String::new());
        for (i, p) in self.prog.prebuilt.iter().enumerate() {
            let ty = rust_type(&p.ty);
            if !matches!(p.init, Init::Unused) {
                // The static is a GC root from before its object exists.
                let _ = writeln!(alloc, "    rpy_gc_add_root((&raw const PB_{i}).cast());");
            }
            match &p.init {
                Init::Unused => continue,
                Init::List(items) => {
                    let _ = writeln!(alloc, "    PB_{i} = rpy_newlist(0);");
                    if !items.is_empty() {
                        let xs: Vec<String> = items.iter().map(|c| self.konst(c)).collect();
                        let _ = writeln!(
                            fill,
                            "    rpy_list_extend(PB_{i}, rpy_newlist_from(&[{}]));",
                            xs.join(", ")
                        );
                    }
                }
                Init::Dict(items) => {
                    let _ = writeln!(alloc, "    PB_{i} = rpy_dict_new();");
                    for (k, v) in items {
                        let _ = writeln!(
                            fill,
                            "    rpy_dict_setitem(PB_{i}, {}, {});",
                            self.konst(k),
                            self.konst(v)
                        );
                    }
                }
                Init::Instance { class, fields } => {
                    // Allocated as the `malloc` op allocates: its vtable, every field zero.
                    let vt = self.konst(&LLConst::Class(*class));
                    let new = rpy_rtyper::ll::LLOpKind::Malloc.info().rust.render(&[vt]);
                    let _ = writeln!(alloc, "    PB_{i} = {new};");
                    for (name, v) in fields {
                        let place = self.field_place(&format!("PB_{i}"), *class, name);
                        let _ = writeln!(fill, "    {place} = {};", self.konst(v));
                    }
                }
            }
            let _ = writeln!(
                statics,
                "static mut PB_{i}: {ty} = {};",
                super::types::zero(&p.ty)
            );
        }
        (statics, alloc + &fill)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(byte_literal(b"a\"\n\\"), "b\"a\\\"\\x0a\\\\\"");
        assert_eq!(int_literal(-3), "(-3i64)");
        assert_eq!(float_literal(0.1), "0.1f64");
        assert_eq!(float_literal(1e16), "1e16f64");
        assert_eq!(float_literal(-0.0), "(-0.0f64)");
    }
}
