//! `fmt % args` with a constant format (checked by the annotator): the
//! semantics' plan of the format, lowered one piece at a time — a plain
//! `%s`/`%r`/`%d` is the `str()`/`repr()` the rtyper already has, any other
//! conversion one call of a `rpy_format_*` helper given its spec's text,
//! a conversion of a constant is formatted now — and the pieces
//! concatenated, constant text merged.

use super::graph::GraphTyper;
use super::ops::Cat;
use crate::annotate::percent::{format_args, format_plan};
use crate::annotate::SomeValue;
use crate::ll::helpers::Helper;
use crate::ll::{LLConst, LLOpKind, LLType, LLValue};
use flowgraph::model::Op;
use rpy_front::DResult;
use rpy_semantics::format::{format_arg, ArgValue, FormatArg, Route, Spec, Step};
use rpy_semantics::repr::{float_repr, int_str, str_repr};
use std::rc::Rc;

fn str_const(s: &[u8]) -> LLValue {
    LLValue::Const(LLConst::Str(Rc::from(s)))
}

/// A constant argument, formatted at translation time by the semantics.
struct ConstArg<'a>(&'a LLConst);

impl FormatArg for ConstArg<'_> {
    fn value(&self) -> ArgValue<'_> {
        match self.0 {
            LLConst::Int(i) => ArgValue::Int(*i),
            LLConst::Bool(b) => ArgValue::Int(*b as i64),
            LLConst::Float(f) => ArgValue::Float(*f),
            LLConst::Str(s) => ArgValue::Str(s),
            LLConst::Char(c) => ArgValue::Str(std::slice::from_ref(c)),
            _ => ArgValue::Other(String::new()),
        }
    }

    fn write_text(&self, repr: bool, out: &mut Vec<u8>) {
        match (self.0, repr) {
            (LLConst::Int(i), _) => out.extend_from_slice(int_str(*i, &mut [0; 20])),
            (LLConst::Bool(b), _) => out.extend_from_slice(if *b { b"True" } else { b"False" }),
            (LLConst::Float(f), _) => float_repr(*f, out),
            (LLConst::Str(s), false) => out.extend_from_slice(s),
            (LLConst::Str(s), true) => str_repr(s, out),
            (LLConst::Char(c), false) => out.push(*c),
            (LLConst::Char(c), true) => str_repr(&[*c], out),
            _ => {}
        }
    }
}

/// `spec % c` at translation time, when `c` is a constant the semantics
/// formats (and formatting it does not raise: then the helper raises at
/// run time).
fn fold(spec: &Spec, route: Route, c: &LLConst) -> Option<Vec<u8>> {
    let known = matches!(
        c,
        LLConst::Int(_) | LLConst::Bool(_) | LLConst::Float(_) | LLConst::Str(_) | LLConst::Char(_)
    );
    let mut out = Vec::new();
    (known && format_arg(spec, route, &ConstArg(c), &mut out).is_ok()).then_some(out)
}

impl GraphTyper<'_, '_> {
    /// `fmt % args`.
    pub fn percent_format(&mut self, op: &Op) -> DResult<LLValue> {
        let right = self.ann_of(&op.args[1]);
        let Some(Ok(steps)) = format_plan(self.rt.prog, op, &right) else {
            return Err(self.error("% formatting the annotator did not check"));
        };
        let (anns, _) = format_args(self.rt.prog, &right);
        let items = self.format_items(op, &right)?;
        let mut pieces = Vec::new();
        let mut text = Vec::new();
        for step in steps {
            let piece = match step {
                Step::Text(t) => {
                    text.extend_from_slice(t);
                    continue;
                }
                Step::Conv { spec, arg, route } => {
                    self.conversion(&spec, route, items[arg].clone(), &anns[arg])?
                }
            };
            match piece {
                LLValue::Const(LLConst::Str(s)) => text.extend_from_slice(&s),
                p => {
                    if !text.is_empty() {
                        pieces.push(str_const(&std::mem::take(&mut text)));
                    }
                    pieces.push(p);
                }
            }
        }
        if !text.is_empty() || pieces.is_empty() {
            pieces.push(str_const(&text));
        }
        self.concat_all(pieces)
    }

    /// The LL values `%` formats: a tuple's items (the operands of the
    /// `newtuple` that built it, when it is in this block), or the one value.
    fn format_items(&mut self, op: &Op, right: &SomeValue) -> DResult<Vec<LLValue>> {
        let (t, ty) = self.value(&op.args[1])?;
        let (SomeValue::Tuple(_), LLType::Tuple(ts)) = (right, &ty) else {
            return Ok(vec![t]);
        };
        if let LLValue::Const(LLConst::Tuple(items)) = &t {
            return Ok(items.iter().cloned().map(LLValue::Const).collect());
        }
        let built = self
            .ops
            .iter()
            .rev()
            .find(|o| o.kind == LLOpKind::NewTuple && t == LLValue::Var(o.result));
        if let Some(o) = built {
            return Ok(o.args.clone());
        }
        let ts = ts.clone();
        let items = (0..ts.len()).map(|k| {
            let args = vec![t.clone(), LLValue::Const(LLConst::Int(k as i64))];
            self.emit(LLOpKind::TupleGetItem, args, ts[k].clone())
        });
        Ok(items.collect())
    }

    /// One conversion of `x` (annotated `ann`) as a `Ptr(Str)`.
    fn conversion(
        &mut self,
        spec: &Spec,
        route: Route,
        x: LLValue,
        ann: &SomeValue,
    ) -> DResult<LLValue> {
        if let Some(t) = match &x {
            LLValue::Const(c) => fold(spec, route, c),
            _ => None,
        } {
            return Ok(str_const(&t));
        }
        let from = self.ty_of(&x);
        let spec_text = str_const(&spec.text());
        match route {
            Route::Int => {
                let i = self.convert(x, &from, ann, &LLType::Signed)?;
                if spec.plain() && matches!(spec.ch, b'd' | b'i' | b'u') {
                    return self.helper(Helper::rpy_int_to_str, vec![i], None);
                }
                self.helper(Helper::rpy_format_int, vec![spec_text, i], None)
            }
            Route::Float => {
                let f = self.convert(x, &from, ann, &LLType::Float)?;
                self.helper(Helper::rpy_format_float, vec![spec_text, f], None)
            }
            Route::Text => {
                let (text, checked) = match (spec.ch, Cat::of(ann)) {
                    (b'r', _) => (self.repr_ll(x, ann)?, true),
                    (b'c', c) => (self.convert(x, &from, ann, &LLType::Str)?, c == Cat::Char),
                    _ => (self.str_of_ll(x, ann)?, true),
                };
                if spec.plain() && checked {
                    return Ok(text);
                }
                self.helper(Helper::rpy_format_text, vec![spec_text, text], None)
            }
        }
    }

    /// The concatenation of the pieces, left to right.
    fn concat_all(&mut self, pieces: Vec<LLValue>) -> DResult<LLValue> {
        let mut it = pieces.into_iter();
        let mut acc = it.next().unwrap_or_else(|| str_const(b""));
        for p in it {
            acc = self.helper(Helper::rpy_str_concat, vec![acc, p], None)?;
        }
        Ok(acc)
    }
}
