//! Rust names for the things of an LL program: one namespace of values
//! (functions and statics) where every name is unique and never a Rust
//! keyword or a name the runtime exports, and sanitized identifiers
//! (`Shape.area` → `Shape__area`, `$msg` → `_msg`).

use std::collections::HashSet;

/// Rust keywords and the names the generated file itself defines.
const RESERVED: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield", "union", "main", "entry",
    "setup", "std", "core", "alloc",
];

/// `Shape.area` → `Shape__area`: ASCII alphanumerics kept, `.` doubled
/// into `__`, anything else `_`.
pub fn sanitize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            c if c.is_ascii_alphanumeric() || c == '_' => out.push(c),
            '.' => out.push_str("__"),
            _ => out.push('_'),
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// Hands out unique value names.
#[derive(Default)]
pub struct Namer {
    used: HashSet<String>,
}

impl Namer {
    /// `want` sanitized (with a `_` prefix in the runtime's `rpy_`
    /// namespace), with a `_N` suffix when taken or reserved.
    pub fn fresh(&mut self, want: &str) -> String {
        let mut base = sanitize(want);
        if base.starts_with("rpy_") {
            base.insert(0, '_');
        }
        let clash = |s: &str, used: &HashSet<String>| used.contains(s) || RESERVED.contains(&s);
        let mut name = base.clone();
        let mut n = 1;
        while clash(&name, &self.used) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.used.insert(name.clone());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitized_and_unique() {
        assert_eq!(sanitize("Shape.area"), "Shape__area");
        assert_eq!(sanitize("$msg"), "_msg");
        let mut n = Namer::default();
        assert_eq!(n.fresh("f"), "f");
        assert_eq!(n.fresh("f"), "f_1");
        assert_eq!(n.fresh("match"), "match_1");
        assert_eq!(n.fresh("rpy_print_int"), "_rpy_print_int");
    }
}
