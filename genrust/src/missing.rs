//! Vtable entries of methods a class lacks: a call through a base class
//! of a method that only some subclasses define (RPython's rule) reaches,
//! for an instance of a class without it, a function of the slot's type
//! that raises AttributeError with Python's message.

use super::names::sanitize;
use super::types::{rust_type, zero};
use super::Gen;
use rpy_front::program::{builtin_class, ClassId};
use rpy_rtyper::ll::LLType;
use std::fmt::Write;

impl Gen<'_> {
    /// The function in class `c`'s vtable entry for its missing `method`.
    pub fn missing_method_fn(&self, c: ClassId, method: &str) -> String {
        format!(
            "missing_{}_{}",
            self.classes.struct_name[c.index()],
            sanitize(method)
        )
    }

    /// Every class's missing-method functions.
    pub fn emit_missing_methods(&self) -> String {
        let mut out = String::new();
        for (i, cls) in self.prog.classes.iter().enumerate() {
            for m in &cls.missing_methods {
                let LLType::Func(ps, r) = &cls.vtable[m].0 else {
                    continue;
                };
                let params: Vec<String> =
                    ps.iter().map(|p| format!("_: {}", rust_type(p))).collect();
                let msg = format!("'{}' object has no attribute '{m}'", cls.name);
                let _ = writeln!(
                    out,
                    "fn {}({}) -> {} {{\n    rpy_raise_builtin({}, &{:?});\n    unsafe {{ {} }}\n}}",
                    self.missing_method_fn(ClassId(i as u32), m),
                    params.join(", "),
                    rust_type(r),
                    builtin_class::ATTRIBUTE_ERROR.0,
                    msg.as_bytes(),
                    zero(r)
                );
            }
        }
        out
    }
}
