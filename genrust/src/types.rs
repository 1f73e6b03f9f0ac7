//! LL types as Rust types (the runtime README's table) and their zero
//! values. Instances and tuples are `*mut Object` everywhere — the view the
//! runtime's generic helpers have of them — and are cast to their struct
//! only to read or write a field.

use rpy_rtyper::ll::LLType;

/// The Rust type of an LL type.
pub fn rust_type(t: &LLType) -> String {
    match t {
        LLType::Void => "()".into(),
        LLType::Bool => "bool".into(),
        LLType::Signed => "i64".into(),
        LLType::Unsigned => "u64".into(),
        LLType::Float => "f64".into(),
        LLType::Char => "u8".into(),
        LLType::Str => "*mut RStr".into(),
        LLType::List { item, .. } => format!("*mut RList<{}>", rust_type(item)),
        LLType::Dict(k, v) => format!("*mut RDict<{}, {}>", rust_type(k), rust_type(v)),
        LLType::Tuple(_) | LLType::Instance(..) => "*mut Object".into(),
        LLType::Class => "*const VTable".into(),
        LLType::Func(ps, r) => fn_type(ps, r),
        LLType::Iter(c) => match &**c {
            LLType::Str => "*mut RStrIter".into(),
            LLType::List { item, .. } => format!("*mut RListIter<{}>", rust_type(item)),
            LLType::Dict(k, v) => format!("*mut RDictIter<{}, {}>", rust_type(k), rust_type(v)),
            other => panic!("genrust: iterator over {other}"),
        },
    }
}

/// `fn(A, B) -> R`.
pub fn fn_type(params: &[LLType], result: &LLType) -> String {
    let ps: Vec<String> = params.iter().map(rust_type).collect();
    format!("fn({}) -> {}", ps.join(", "), rust_type(result))
}

/// The zero value of a type: what a function returns with an exception
/// pending, and what locals start as.
pub fn zero(t: &LLType) -> String {
    match t {
        LLType::Void => "()".into(),
        LLType::Bool => "false".into(),
        LLType::Signed => "0i64".into(),
        LLType::Unsigned => "0u64".into(),
        LLType::Float => "0.0f64".into(),
        LLType::Char => "0u8".into(),
        LLType::Class => "null::<VTable>()".into(),
        LLType::Func(..) => format!("<{} as Item>::ZERO", rust_type(t)),
        _ => {
            let ty = rust_type(t);
            let pointee = ty.strip_prefix("*mut ").unwrap_or(&ty);
            format!("null_mut::<{pointee}>()")
        }
    }
}

/// The runtime's `ValueKind` of a value of this type (tuple fields).
pub fn value_kind(t: &LLType) -> &'static str {
    match t {
        LLType::Bool => "ValueKind::Bool",
        LLType::Float => "ValueKind::Float",
        LLType::Char => "ValueKind::Char",
        LLType::Unsigned => "ValueKind::UInt",
        t if t.is_ptr() => "ValueKind::Ptr",
        _ => "ValueKind::Int",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rpy_rtyper::ll::ListKind;

    #[test]
    fn runtime_types() {
        let l = LLType::list(LLType::Str, ListKind::Immutable);
        assert_eq!(rust_type(&l), "*mut RList<*mut RStr>");
        assert_eq!(
            rust_type(&LLType::func(vec![LLType::Signed], LLType::Void)),
            "fn(i64) -> ()"
        );
        assert_eq!(zero(&l), "null_mut::<RList<*mut RStr>>()");
        assert_eq!(
            rust_type(&LLType::Iter(std::rc::Rc::new(l))),
            "*mut RListIter<*mut RStr>"
        );
    }
}
