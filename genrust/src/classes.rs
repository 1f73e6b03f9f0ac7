//! Classes: one `#[repr(C)]` struct per class (`Object`, then every field
//! in layout order, the base's first, so a subclass's struct starts like
//! its base's), one vtable per class (builtin ones included) numbered in
//! preorder of the whole class tree, and the type registrations.
//!
//! A vtable type nests its base's (`VTT_B { base: VTT_A, slots… }`): a
//! method slot or class attribute sits at the same offset in the vtables
//! of every subclass of the class that introduces it. A class attribute
//! holding a prebuilt object is stored into its (then `static mut`)
//! vtable by `setup()`, once the object exists.

use super::names::sanitize;
use super::Gen;
use rpy_front::program::{builtin_class, ClassId};
use rpy_rtyper::ll::{LLClass, LLConst, LLProgram};
use std::fmt::Write;

/// Per class (by `ClassId`): names, preorder numbers and type id.
pub struct ClassInfo {
    /// `(class_id, subclass_max)`.
    number: Vec<(u32, u32)>,
    /// `C_Name`: the instance struct.
    pub struct_name: Vec<String>,
    /// `VT_Name`: the vtable static; `VTT_Name`: its type.
    vt_name: Vec<String>,
    /// The classes registered at startup (user classes), in order.
    pub registered: Vec<ClassId>,
}

/// Builtin classes come first in every program.
const N_BUILTIN: usize = rpy_front::program::BUILTIN_CLASSES.len();

impl ClassInfo {
    pub fn new(prog: &LLProgram, namer: &mut super::names::Namer) -> ClassInfo {
        let n = prog.classes.len();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for (i, c) in prog.classes.iter().enumerate() {
            match c.base {
                Some(b) => children[b.index()].push(i),
                None => roots.push(i),
            }
        }
        let mut number = vec![(0, 0); n];
        let mut next = 0;
        fn walk(c: usize, ch: &[Vec<usize>], next: &mut u32, number: &mut [(u32, u32)]) {
            let id = *next;
            *next += 1;
            for &k in &ch[c] {
                walk(k, ch, next, number);
            }
            number[c] = (id, *next - 1);
        }
        for r in roots {
            walk(r, &children, &mut next, &mut number);
        }
        let struct_name = prog
            .classes
            .iter()
            .map(|c| format!("C_{}", sanitize(&c.name)))
            .collect();
        let vt_name = prog
            .classes
            .iter()
            .map(|c| namer.fresh(&format!("VT_{}", c.name)))
            .collect();
        let registered = (N_BUILTIN..n).map(|i| ClassId(i as u32)).collect();
        ClassInfo {
            number,
            struct_name,
            vt_name,
            registered,
        }
    }

    /// The class's vtable as a `*const VTable`.
    pub fn vt_ptr(&self, c: ClassId) -> String {
        format!("(&raw const {}).cast::<VTable>()", self.vt_name[c.index()])
    }

    fn vt_type(&self, c: ClassId) -> String {
        format!("VTT{}", &self.struct_name[c.index()][1..])
    }

    /// The type id of the class's instances.
    fn tid(&self, c: ClassId) -> String {
        if c == builtin_class::OBJECT {
            "TID_OBJECT".into()
        } else if c.index() < N_BUILTIN {
            "TID_EXCEPTION".into()
        } else {
            format!("TID_{}", self.struct_name[c.index()])
        }
    }
}

/// A prebuilt list, dict or instance exists only once `setup()` has built
/// it: a static holds null in its place until then.
fn built_at_setup(k: &LLConst) -> bool {
    matches!(k, LLConst::Prebuilt(..))
}

/// The Rust name of a field (its index keeps it unique).
pub fn field_name(cls: &LLClass, name: &str) -> String {
    let i = cls
        .fields
        .get_index_of(name)
        .unwrap_or_else(|| panic!("genrust: no field {name} in {}", cls.name));
    format!("f{i}_{}", sanitize(name))
}

impl Gen<'_> {
    /// The place of field `name` of `obj` (an `*mut Object` expression),
    /// an instance of `class` or a subclass.
    pub fn field_place(&self, obj: &str, class: ClassId, name: &str) -> String {
        let cls = self.prog.class(class);
        format!(
            "(*({obj} as *mut {})).{}",
            self.classes.struct_name[class.index()],
            field_name(cls, name)
        )
    }

    /// The class (the static type or one of its bases) whose vtable type
    /// introduces slot `name` (a method if `method`, else a class attribute).
    pub fn slot_owner(&self, mut c: ClassId, name: &str, method: bool) -> ClassId {
        loop {
            let cls = self.prog.class(c);
            let Some(base) = cls.base else { return c };
            let b = self.prog.class(base);
            let in_base = if method {
                b.vtable.contains_key(name)
            } else {
                b.class_attrs.contains_key(name)
            };
            if !in_base {
                return c;
            }
            c = base;
        }
    }

    /// `vtable_method`/`getclassattr`: the slot read through `obj`'s vtable.
    pub fn vtable_slot(
        &self,
        obj: &str,
        static_class: ClassId,
        name: &str,
        method: bool,
    ) -> String {
        let (vt, field) = self.slot_field(static_class, name, method);
        format!("(*((*{obj}).vtable as *const {vt})).{field}")
    }

    /// The vtable struct declaring a slot and the slot's field name.
    fn slot_field(&self, static_class: ClassId, name: &str, method: bool) -> (String, String) {
        let owner = self.slot_owner(static_class, name, method);
        let prefix = if method { "m_" } else { "a_" };
        (
            self.classes.vt_type(owner),
            format!("{prefix}{}", sanitize(name)),
        )
    }

    /// The offset of that slot in the vtable (for the JIT).
    pub fn vtable_slot_offset(&self, static_class: ClassId, name: &str, method: bool) -> String {
        let (vt, field) = self.slot_field(static_class, name, method);
        format!("offset_of!({vt}, {field}) as i64")
    }

    /// Slots a class introduces (not in its base's vtable).
    fn own_slots(&self, c: ClassId) -> (Vec<String>, Vec<String>) {
        let cls = self.prog.class(c);
        let base = cls.base.map(|b| self.prog.class(b));
        let methods = cls
            .vtable
            .keys()
            .filter(|k| base.is_none_or(|b| !b.vtable.contains_key(*k)))
            .cloned()
            .collect();
        let attrs = cls
            .class_attrs
            .keys()
            .filter(|k| base.is_none_or(|b| !b.class_attrs.contains_key(*k)))
            .cloned()
            .collect();
        (methods, attrs)
    }

    /// The initializer of `x`'s vtable seen at level `c` (an ancestor).
    fn vt_init(&self, x: ClassId, c: ClassId) -> String {
        let xc = self.prog.class(x);
        let ci = &self.classes;
        let inner = match self.prog.class(c).base {
            Some(b) => self.vt_init(x, b),
            None => {
                let base = match xc.base {
                    Some(b) => ci.vt_ptr(b),
                    None => "null::<VTable>()".into(),
                };
                let (id, max) = ci.number[x.index()];
                format!(
                    "VTable::new(({id}, {max}), ({}, size_of::<{}>()), {:?}, {base})",
                    ci.tid(x),
                    ci.struct_name[x.index()],
                    xc.name
                )
            }
        };
        let (methods, attrs) = self.own_slots(c);
        let mut s = format!("{} {{ base: {inner}", ci.vt_type(c));
        for m in methods {
            let (t, f) = &xc.vtable[&m];
            let value = match f {
                Some(f) => self.konst(&rpy_rtyper::ll::LLConst::Func(*f)),
                None if xc.missing_methods.contains(&m) => self.missing_method_fn(x, &m),
                None => super::types::zero(t),
            };
            let _ = write!(s, ", m_{}: {value}", sanitize(&m));
        }
        for a in attrs {
            let (t, k) = &xc.class_attrs[&a];
            let value = if built_at_setup(k) {
                super::types::zero(t)
            } else {
                self.konst(k)
            };
            let _ = write!(s, ", a_{}: {value}", sanitize(&a));
        }
        s.push_str(" }");
        s
    }

    /// The class attributes of `x`'s vtable that hold a prebuilt object:
    /// (the slot's place, the value `setup()` stores there once it exists).
    fn vt_fixups_of(&self, x: ClassId) -> Vec<(String, String)> {
        let xc = self.prog.class(x);
        let mut out = Vec::new();
        let mut place = self.classes.vt_name[x.index()].clone();
        let mut level = Some(x);
        while let Some(c) = level {
            for a in self.own_slots(c).1 {
                let k = &xc.class_attrs[&a].1;
                if built_at_setup(k) {
                    out.push((format!("{place}.a_{}", sanitize(&a)), self.konst(k)));
                }
            }
            place.push_str(".base");
            level = self.prog.class(c).base;
        }
        out
    }

    /// `setup()` code storing the prebuilt objects of class attributes
    /// into the vtables (after the objects are built).
    pub fn vt_fixups(&self) -> String {
        (0..self.prog.classes.len())
            .flat_map(|i| self.vt_fixups_of(ClassId(i as u32)))
            .map(|(place, v)| format!("    {place} = {v};\n"))
            .collect()
    }

    /// Structs, vtable types and vtables of every class.
    pub fn emit_classes(&self) -> String {
        let mut out = String::from("// ---- classes\n");
        let ci = &self.classes;
        for (i, cls) in self.prog.classes.iter().enumerate() {
            let c = ClassId(i as u32);
            let st = &ci.struct_name[i];
            let fields: String = cls
                .fields
                .iter()
                .map(|(f, t)| format!(", {}: {}", field_name(cls, f), super::types::rust_type(t)))
                .collect();
            let _ = writeln!(out, "#[repr(C)]\nstruct {st} {{ obj: Object{fields} }}");
            let vtt = ci.vt_type(c);
            let base = match cls.base {
                Some(b) => ci.vt_type(b),
                None => "VTable".into(),
            };
            let (methods, attrs) = self.own_slots(c);
            let mut slots = String::new();
            for m in methods {
                let t = &cls.vtable[&m].0;
                let _ = write!(
                    slots,
                    ", m_{}: {}",
                    sanitize(&m),
                    super::types::rust_type(t)
                );
            }
            for a in attrs {
                let t = &cls.class_attrs[&a].0;
                let _ = write!(
                    slots,
                    ", a_{}: {}",
                    sanitize(&a),
                    super::types::rust_type(t)
                );
            }
            let m = if self.vt_fixups_of(c).is_empty() {
                ""
            } else {
                "mut "
            };
            let _ = writeln!(
                out,
                "#[repr(C)]\nstruct {vtt} {{ base: {base}{slots} }}\nunsafe impl Sync for {vtt} {{}}\n\
                 static {m}{}: {vtt} = {};",
                ci.vt_name[i],
                self.vt_init(c, c)
            );
        }
        for (k, c) in ci.registered.iter().enumerate() {
            let _ = writeln!(
                out,
                "const TID_{}: u32 = FIRST_USER_TID + {k};",
                ci.struct_name[c.index()]
            );
        }
        out
    }

    /// Startup: register the user classes' instance types.
    pub fn class_registrations(&self) -> String {
        let mut out = String::new();
        for c in &self.classes.registered {
            let cls = self.prog.class(*c);
            let st = &self.classes.struct_name[c.index()];
            let ptrs: Vec<String> = cls
                .fields
                .iter()
                .filter(|(_, t)| t.is_ptr())
                .map(|(f, _)| format!("offset_of!({st}, {})", field_name(cls, f)))
                .collect();
            let _ = writeln!(
                out,
                "    rpy_register_type(TypeDesc::Instance {{ size: size_of::<{st}>(), ptr_offsets: {{ const P: &[usize] = &[{}]; P }} }});",
                ptrs.join(", ")
            );
        }
        let vts: Vec<String> = (0..N_BUILTIN.min(self.prog.classes.len()))
            .map(|i| self.classes.vt_ptr(ClassId(i as u32)))
            .collect();
        let _ = writeln!(out, "    rpy_set_builtin_vtables(&[{}]);", vts.join(", "));
        out
    }
}
