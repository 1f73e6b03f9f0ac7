//! Type patterns: the signatures of LL ops and runtime helpers, generic
//! over the item types of containers (`rpy_list_append(Ptr(List(T)), T)`),
//! and the unification that checks or instantiates them.

use super::types::{LLType, ListKind};
use std::fmt;
use std::rc::Rc;

/// A pattern over `LLType`s. `T`, `K`, `V` are type variables bound by the
/// first place they match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pat {
    Void,
    Bool,
    Signed,
    Unsigned,
    Float,
    Char,
    Str,
    Class,
    /// `Ptr(List(p))` (mutable or not).
    List(&'static Pat),
    Dict(&'static Pat, &'static Pat),
    /// `Ptr(Tuple(a, b))`.
    Pair(&'static Pat, &'static Pat),
    /// `Ptr(Iter(p))` where `p` is the container pattern.
    Iter(&'static Pat),
    /// Any tuple pointer.
    AnyTuple,
    /// Any instance pointer.
    AnyInstance,
    /// Any GC pointer.
    AnyPtr,
    /// Any type at all.
    Any,
    T,
    K,
    V,
}

/// The type variables bound while matching one signature.
#[derive(Clone, Debug, Default)]
pub struct Bindings {
    vars: [Option<LLType>; 3],
}

impl Bindings {
    fn slot(p: Pat) -> usize {
        match p {
            Pat::T => 0,
            Pat::K => 1,
            _ => 2,
        }
    }

    /// Does `ty` match `p`? Binds unbound variables on the way; a bound
    /// variable must be the same type up to list mutability.
    pub fn matches(&mut self, p: Pat, ty: &LLType) -> bool {
        match (p, ty) {
            (Pat::Void, LLType::Void)
            | (Pat::Bool, LLType::Bool)
            | (Pat::Signed, LLType::Signed)
            | (Pat::Unsigned, LLType::Unsigned)
            | (Pat::Float, LLType::Float)
            | (Pat::Char, LLType::Char)
            | (Pat::Str, LLType::Str)
            | (Pat::Class, LLType::Class)
            | (Pat::AnyTuple, LLType::Tuple(_))
            | (Pat::AnyInstance, LLType::Instance(..))
            | (Pat::Any, _) => true,
            (Pat::AnyPtr, t) => t.is_ptr(),
            (Pat::List(i), LLType::List { item, .. }) => self.matches(*i, item),
            (Pat::Dict(k, v), LLType::Dict(tk, tv)) => self.matches(*k, tk) && self.matches(*v, tv),
            (Pat::Pair(a, b), LLType::Tuple(ts)) if ts.len() == 2 => {
                self.matches(*a, &ts[0]) && self.matches(*b, &ts[1])
            }
            (Pat::Iter(c), LLType::Iter(tc)) => self.matches(*c, tc),
            (Pat::T | Pat::K | Pat::V, t) => {
                let slot = &mut self.vars[Self::slot(p)];
                match slot {
                    Some(bound) => bound.erase_mutability() == t.erase_mutability(),
                    None => {
                        *slot = Some(t.clone());
                        true
                    }
                }
            }
            _ => false,
        }
    }

    /// The type a pattern stands for, if it is fully determined.
    pub fn instantiate(&self, p: Pat) -> Option<LLType> {
        Some(match p {
            Pat::Void => LLType::Void,
            Pat::Bool => LLType::Bool,
            Pat::Signed => LLType::Signed,
            Pat::Unsigned => LLType::Unsigned,
            Pat::Float => LLType::Float,
            Pat::Char => LLType::Char,
            Pat::Str => LLType::Str,
            Pat::Class => LLType::Class,
            Pat::List(i) => LLType::list(self.instantiate(*i)?, ListKind::Resizable),
            Pat::Dict(k, v) => LLType::dict(self.instantiate(*k)?, self.instantiate(*v)?),
            Pat::Pair(a, b) => {
                LLType::Tuple(Rc::from(vec![self.instantiate(*a)?, self.instantiate(*b)?]))
            }
            Pat::Iter(c) => LLType::Iter(Rc::new(self.instantiate(*c)?)),
            Pat::T | Pat::K | Pat::V => self.vars[Self::slot(p)].clone()?,
            Pat::AnyTuple | Pat::AnyInstance | Pat::AnyPtr | Pat::Any => return None,
        })
    }
}

/// A signature: parameter patterns (and a pattern repeated for any further
/// arguments) and the result pattern.
#[derive(Clone, Copy, Debug)]
pub struct Sig {
    pub params: &'static [Pat],
    /// Further arguments, each of this pattern (`newlist(T…)`).
    pub rest: Option<Pat>,
    pub result: Pat,
}

impl Sig {
    pub fn accepts_arity(&self, n: usize) -> bool {
        if self.rest.is_some() {
            n >= self.params.len()
        } else {
            n == self.params.len()
        }
    }

    /// The pattern of argument `i`.
    pub fn param(&self, i: usize) -> Option<Pat> {
        self.params.get(i).copied().or(self.rest)
    }

    /// Check argument and result types; `Err` explains the first mismatch.
    pub fn check(&self, args: &[LLType], result: &LLType) -> Result<(), String> {
        if !self.accepts_arity(args.len()) {
            return Err(format!(
                "takes {}{} arguments, got {}",
                if self.rest.is_some() { "at least " } else { "" },
                self.params.len(),
                args.len()
            ));
        }
        let mut b = Bindings::default();
        for (i, a) in args.iter().enumerate() {
            let p = self.param(i).expect("arity checked");
            if !b.matches(p, a) {
                return Err(format!("argument {} is {a}, expected {p}", i + 1));
            }
        }
        if !b.matches(self.result, result) {
            return Err(format!("result is {result}, expected {}", self.result));
        }
        Ok(())
    }
}

impl fmt::Display for Pat {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Pat::Void => write!(f, "Void"),
            Pat::Bool => write!(f, "Bool"),
            Pat::Signed => write!(f, "Signed"),
            Pat::Unsigned => write!(f, "Unsigned"),
            Pat::Float => write!(f, "Float"),
            Pat::Char => write!(f, "Char"),
            Pat::Str => write!(f, "Ptr(Str)"),
            Pat::Class => write!(f, "Class"),
            Pat::List(i) => write!(f, "Ptr(List({i}))"),
            Pat::Dict(k, v) => write!(f, "Ptr(Dict({k}, {v}))"),
            Pat::Pair(a, b) => write!(f, "Ptr(Tuple({a}, {b}))"),
            Pat::Iter(c) => write!(f, "Ptr(Iter({c}))"),
            Pat::AnyTuple => write!(f, "Ptr(Tuple(…))"),
            Pat::AnyInstance => write!(f, "Ptr(Instance(…))"),
            Pat::AnyPtr => write!(f, "Ptr(…)"),
            Pat::Any => write!(f, "any"),
            Pat::T => write!(f, "T"),
            Pat::K => write!(f, "K"),
            Pat::V => write!(f, "V"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const APPEND: Sig = Sig {
        params: &[Pat::List(&Pat::T), Pat::T],
        rest: None,
        result: Pat::Void,
    };

    #[test]
    fn generic_signatures_unify() {
        let l = LLType::list(LLType::Signed, ListKind::Resizable);
        assert!(APPEND
            .check(&[l.clone(), LLType::Signed], &LLType::Void)
            .is_ok());
        let e = APPEND.check(&[l, LLType::Str], &LLType::Void).unwrap_err();
        assert!(e.contains("argument 2 is Ptr(Str), expected T"), "{e}");
        assert!(APPEND.check(&[LLType::Signed], &LLType::Void).is_err());
    }

    #[test]
    fn instantiate_after_binding() {
        let mut b = Bindings::default();
        assert!(b.matches(
            Pat::Dict(&Pat::K, &Pat::V),
            &LLType::dict(LLType::Str, LLType::Float)
        ));
        assert_eq!(
            b.instantiate(Pat::List(&Pat::Pair(&Pat::K, &Pat::V))),
            Some(LLType::list(
                LLType::Tuple(Rc::from(vec![LLType::Str, LLType::Float])),
                ListKind::Resizable
            ))
        );
        assert_eq!(b.instantiate(Pat::T), None);
    }
}
