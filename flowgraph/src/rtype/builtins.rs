//! Builtin functions (`print`, `len`, `int`, `str`, …, `rpy.io`) and the
//! methods of str, list and dict: each becomes LL ops or calls of the
//! runtime helpers named in `ll::helpers`. Methods are rows of the one
//! table `crate::methods`.

use super::calls::Kws;
use super::graph::GraphTyper;
use super::ops::{int_const, Cat};
use crate::annotate::SomeValue;
use crate::ll::{LLConst, LLOpKind, LLType, LLValue};
use crate::methods::{self, Dflt, Method, Recv};
use crate::model::{Op, Value};
use rpy_front::program::{builtin_class, Builtin, ConstValue};
use rpy_front::DResult;
use std::rc::Rc;

impl GraphTyper<'_, '_> {
    pub fn builtin_method(
        &mut self,
        op: &Op,
        recv: &Value,
        name: &str,
        args: &[Value],
    ) -> DResult<LLValue> {
        let cat = self.cat(recv);
        let hint = self.result_type(op)?;
        if name == "join" && cat.strlike() {
            let chars = matches!(self.cat_of_list_item(&args[0]), Some(Cat::Char));
            let helper = if chars {
                "rpy_str_join_chars"
            } else {
                "rpy_str_join"
            };
            let sep = self.operand(recv, &LLType::Str)?;
            let (items, _) = self.value(&args[0])?;
            return self.helper(helper, vec![sep, items], None);
        }
        let kind = match cat {
            Cat::Char => Recv::Char,
            Cat::List => Recv::List,
            Cat::Dict => Recv::Dict,
            _ => Recv::Str,
        };
        let row = Method::from_name(name)
            .filter(|_| cat.strlike() || matches!(cat, Cat::List | Cat::Dict))
            .and_then(|m| methods::lookup(kind, m, args.len()));
        let Some(row) = row else {
            return Err(self.error(format!(
                "{}.{name}() with {} arguments is not supported",
                self.user_type(recv),
                args.len()
            )));
        };
        let (r, _) = self.value(recv)?;
        let mut call = vec![r];
        for a in args {
            call.push(self.value(a)?.0);
        }
        let info = crate::ll::helpers::helper(row.helper).expect("rows name helpers of the table");
        for d in &row.defaults[args.len() - row.min..] {
            let i = call.len();
            let want = self.param_type_hint(info, &call, i);
            call.push(match *d {
                Dflt::None => LLValue::Const(crate::rtype::convert::default_value(&want)),
                Dflt::Int(i) => int_const(i),
                Dflt::Str(s) => LLValue::Const(LLConst::Str(Rc::from(s.as_bytes()))),
            });
        }
        self.helper(row.helper, call, Some(&hint))
    }

    /// The type helper parameter `i` has given the arguments so far (for a
    /// `None` default: the null of that type).
    fn param_type_hint(
        &self,
        info: &crate::ll::helpers::HelperInfo,
        args: &[LLValue],
        i: usize,
    ) -> LLType {
        let mut b = crate::ll::sig::Bindings::default();
        for (k, a) in args.iter().enumerate() {
            if let Some(p) = info.sig.param(k) {
                let _ = b.matches(p, &self.ty_of(a));
            }
        }
        info.sig
            .param(i)
            .and_then(|p| b.instantiate(p))
            .unwrap_or(LLType::Void)
    }

    fn cat_of_list_item(&self, v: &Value) -> Option<Cat> {
        match self.ann_of(v) {
            SomeValue::List { def, .. } => Some(Cat::of(&self.rt.ann.listdef(def).item)),
            _ => None,
        }
    }

    pub fn builtin(&mut self, op: &Op, b: Builtin, args: &[Value], kws: &Kws) -> DResult<LLValue> {
        let hint = self.result_type(op)?;
        let arity = |s: &Self, lo: usize, hi: usize| {
            if (lo..=hi).contains(&args.len()) {
                Ok(())
            } else {
                Err(s.error(format!(
                    "{}() takes {lo} to {hi} arguments, {} given",
                    b.name(),
                    args.len()
                )))
            }
        };
        if b != Builtin::Print && !kws.is_empty() {
            return Err(self.error(format!("{}() takes no keyword arguments", b.name())));
        }
        let cat0 = args.first().map(|a| self.cat(a));
        Ok(match b {
            Builtin::Print => return self.print(args, kws),
            Builtin::Len => {
                arity(self, 1, 1)?;
                return self.len(op, &args[0]);
            }
            Builtin::Range => {
                arity(self, 1, 3)?;
                let mut vs = Vec::new();
                for a in args {
                    vs.push(self.operand(a, &LLType::Signed)?);
                }
                let (start, stop, step) = match vs.len() {
                    1 => (int_const(0), vs[0].clone(), int_const(1)),
                    2 => (vs[0].clone(), vs[1].clone(), int_const(1)),
                    _ => (vs[0].clone(), vs[1].clone(), vs[2].clone()),
                };
                self.helper("rpy_range", vec![start, stop, step], Some(&hint))?
            }
            Builtin::Int => {
                arity(self, 1, 2)?;
                match (cat0, args.len()) {
                    (Some(c), 1) if c.intlike() => self.operand(&args[0], &LLType::Signed)?,
                    (Some(Cat::Float), 1) => {
                        let f = self.value(&args[0])?.0;
                        self.emit(LLOpKind::CastFloatToInt, vec![f], LLType::Signed)
                    }
                    (Some(c), 1) if c.strlike() => {
                        let s = self.operand(&args[0], &LLType::Str)?;
                        self.helper("rpy_str_to_int", vec![s], None)?
                    }
                    (Some(c), 2) if c.strlike() => {
                        let s = self.operand(&args[0], &LLType::Str)?;
                        let base = self.operand(&args[1], &LLType::Signed)?;
                        self.helper("rpy_str_to_int_base", vec![s, base], None)?
                    }
                    _ => return Err(self.error(format!("int() of {}", self.user_type(&args[0])))),
                }
            }
            Builtin::Float => {
                arity(self, 1, 1)?;
                match cat0 {
                    Some(c) if c.numeric() => self.operand(&args[0], &LLType::Float)?,
                    Some(c) if c.strlike() => {
                        let s = self.operand(&args[0], &LLType::Str)?;
                        self.helper("rpy_str_to_float", vec![s], None)?
                    }
                    _ => return Err(self.error(format!("float() of {}", self.user_type(&args[0])))),
                }
            }
            Builtin::Str => match args {
                [] => LLValue::Const(LLConst::Str(Rc::from(&b""[..]))),
                [a] => self.str_of(a)?,
                _ => return Err(self.error("str() takes at most 1 argument")),
            },
            Builtin::Bool => match args {
                [] => LLValue::Const(LLConst::Bool(false)),
                [a] => self.truth(a)?,
                _ => return Err(self.error("bool() takes at most 1 argument")),
            },
            Builtin::Ord => {
                arity(self, 1, 1)?;
                match cat0 {
                    Some(Cat::Char) => {
                        let c = self.operand(&args[0], &LLType::Char)?;
                        self.emit(LLOpKind::CastCharToInt, vec![c], LLType::Signed)
                    }
                    Some(Cat::Str) => {
                        let s = self.value(&args[0])?.0;
                        self.helper("rpy_str_ord", vec![s], None)?
                    }
                    _ => return Err(self.error(format!("ord() of {}", self.user_type(&args[0])))),
                }
            }
            Builtin::Chr => {
                arity(self, 1, 1)?;
                let i = self.operand(&args[0], &LLType::Signed)?;
                self.emit(LLOpKind::CastIntToChar, vec![i], LLType::Char)
            }
            Builtin::Abs => {
                arity(self, 1, 1)?;
                match cat0 {
                    Some(c) if c.intlike() => {
                        let i = self.operand(&args[0], &LLType::Signed)?;
                        self.emit(LLOpKind::IntAbs, vec![i], LLType::Signed)
                    }
                    Some(Cat::Float) => {
                        let f = self.value(&args[0])?.0;
                        self.emit(LLOpKind::FloatAbs, vec![f], LLType::Float)
                    }
                    _ => return Err(self.error(format!("abs() of {}", self.user_type(&args[0])))),
                }
            }
            Builtin::Min | Builtin::Max => {
                arity(self, 2, 2)?;
                let (c0, c1) = (self.cat(&args[0]), self.cat(&args[1]));
                let strs = c0.strlike()
                    && c1.strlike()
                    && !args.iter().any(|a| self.ann_of(a).is_nullable());
                let (ty, name) = match (
                    c0.intlike() && c1.intlike(),
                    c0.numeric() && c1.numeric(),
                    b,
                ) {
                    _ if strs && b == Builtin::Min => (LLType::Str, "rpy_str_min"),
                    _ if strs => (LLType::Str, "rpy_str_max"),
                    (true, _, Builtin::Min) => (LLType::Signed, "rpy_int_min"),
                    (true, _, _) => (LLType::Signed, "rpy_int_max"),
                    (_, true, Builtin::Min) => (LLType::Float, "rpy_float_min"),
                    (_, true, _) => (LLType::Float, "rpy_float_max"),
                    _ => {
                        return Err(self.error(format!(
                            "{}() of {} and {}",
                            b.name(),
                            self.user_type(&args[0]),
                            self.user_type(&args[1])
                        )))
                    }
                };
                let x = self.operand(&args[0], &ty)?;
                let y = self.operand(&args[1], &ty)?;
                self.helper(name, vec![x, y], None)?
            }
            Builtin::Isinstance => {
                arity(self, 2, 2)?;
                self.isinstance(&args[0], &args[1])?
            }
            Builtin::List => {
                arity(self, 1, 1)?;
                let (v, _) = self.value(&args[0])?;
                let name = match cat0 {
                    Some(Cat::List) => "rpy_list_copy",
                    Some(Cat::Str | Cat::Char) => "rpy_str_to_list",
                    Some(Cat::Dict) => "rpy_dict_keys",
                    _ => return Err(self.error(format!("list() of {}", self.user_type(&args[0])))),
                };
                let v = if cat0 == Some(Cat::Char) {
                    self.operand(&args[0], &LLType::Str)?
                } else {
                    v
                };
                self.helper(name, vec![v], Some(&hint))?
            }
            Builtin::Hash => {
                arity(self, 1, 1)?;
                let (ty, name) = match cat0 {
                    Some(c) if c.intlike() => (LLType::Signed, "rpy_int_hash"),
                    Some(Cat::Float) => (LLType::Float, "rpy_float_hash"),
                    Some(c) if c.strlike() => (LLType::Str, "rpy_str_hash"),
                    Some(Cat::Instance) => {
                        let v = self.value(&args[0])?.0;
                        return self.helper("rpy_instance_hash", vec![v], None);
                    }
                    _ => return Err(self.error(format!("hash() of {}", self.user_type(&args[0])))),
                };
                let v = self.operand(&args[0], &ty)?;
                self.helper(name, vec![v], None)?
            }
            Builtin::Write | Builtin::WriteErr | Builtin::ReadFile => {
                arity(self, 1, 1)?;
                let s = self.operand(&args[0], &LLType::Str)?;
                let name = match b {
                    Builtin::Write => "rpy_io_write",
                    Builtin::WriteErr => "rpy_io_write_err",
                    _ => "rpy_io_read_file",
                };
                self.helper(name, vec![s], None)?
            }
            Builtin::ReadStdin => {
                arity(self, 1, 1)?;
                let n = self.operand(&args[0], &LLType::Signed)?;
                self.helper("rpy_io_read_stdin", vec![n], None)?
            }
            Builtin::Flush => {
                arity(self, 0, 0)?;
                self.helper("rpy_io_flush", Vec::new(), None)?
            }
            Builtin::Promote => {
                arity(self, 1, 1)?;
                let v = self.operand(&args[0], &hint)?;
                self.emit(LLOpKind::JitPromote, vec![v], hint)
            }
            Builtin::WeAreJitted => self.emit(LLOpKind::JitWeAreJitted, Vec::new(), LLType::Bool),
            other => {
                return Err(self.error(format!("{}() cannot be called here in rpy", other.name())))
            }
        })
    }

    /// `print(args…, sep=…, end=…)`: one helper call per piece, adjacent
    /// constant text merged.
    fn print(&mut self, args: &[Value], kws: &Kws) -> DResult<LLValue> {
        let kw = |name: &str| kws.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
        let text = |s: &str| Value::Const(ConstValue::Str(Rc::from(s.as_bytes())));
        let sep = kw("sep").unwrap_or_else(|| text(" "));
        let end = kw("end").unwrap_or_else(|| text("\n"));
        let mut pieces: Vec<Value> = Vec::new();
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                pieces.push(sep.clone());
            }
            pieces.push(a.clone());
        }
        pieces.push(end);
        let mut pending: Vec<u8> = Vec::new();
        for p in &pieces {
            if let Some(t) = constant_text(p) {
                pending.extend_from_slice(&t);
                continue;
            }
            self.flush_text(&mut pending)?;
            self.print_value(p)?;
        }
        self.flush_text(&mut pending)?;
        Ok(LLValue::Const(LLConst::Void))
    }

    fn flush_text(&mut self, pending: &mut Vec<u8>) -> DResult<()> {
        if !pending.is_empty() {
            let s = LLValue::Const(LLConst::Str(Rc::from(std::mem::take(pending))));
            self.helper("rpy_print_str", vec![s], None)?;
        }
        Ok(())
    }

    fn print_value(&mut self, v: &Value) -> DResult<()> {
        let name = match self.cat(v) {
            Cat::Int => "rpy_print_int",
            Cat::Bool => "rpy_print_bool",
            Cat::Float => "rpy_print_float",
            Cat::Char => "rpy_print_char",
            Cat::Str => "rpy_print_str",
            _ => {
                let s = self.str_of(v)?;
                self.helper("rpy_print_str", vec![s], None)?;
                return Ok(());
            }
        };
        let (x, _) = self.value(v)?;
        self.helper(name, vec![x], None)?;
        Ok(())
    }

    /// `str(x)` as a `Ptr(Str)`.
    pub fn str_of(&mut self, v: &Value) -> DResult<LLValue> {
        if let Some(t) = constant_text(v) {
            return Ok(LLValue::Const(LLConst::Str(Rc::from(t))));
        }
        let ann = self.ann_of(v);
        let (x, _) = self.value(v)?;
        let name = match Cat::of(&ann) {
            Cat::Int => "rpy_int_to_str",
            Cat::Bool => "rpy_bool_to_str",
            Cat::Float => "rpy_float_to_str",
            Cat::Char => "rpy_char_to_str",
            Cat::Str if !ann.is_nullable() => return Ok(x),
            Cat::Str => "rpy_str_str",
            Cat::None => return Ok(LLValue::Const(LLConst::Str(Rc::from(&b"None"[..])))),
            Cat::List => "rpy_list_repr",
            Cat::Tuple => "rpy_tuple_repr",
            Cat::Dict => "rpy_dict_repr",
            Cat::Instance => match ann {
                SomeValue::Instance { class, .. }
                    if self
                        .rt
                        .prog
                        .is_subclass(class, builtin_class::BASE_EXCEPTION) =>
                {
                    "rpy_exc_str"
                }
                _ => "rpy_instance_repr",
            },
            Cat::Other => return Err(self.error(format!("str() of {}", self.user_type(v)))),
        };
        self.helper(name, vec![x], None)
    }

    /// `repr(x)` (used for KeyError messages): quoted strs, else `str(x)`.
    pub fn repr(&mut self, v: &Value) -> DResult<LLValue> {
        if self.cat(v).strlike() {
            let s = self.operand(v, &LLType::Str)?;
            return self.helper("rpy_str_repr", vec![s], None);
        }
        self.str_of(v)
    }
}

/// The text of a constant that prints the same at translation time.
fn constant_text(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::Const(ConstValue::Str(s)) => Some(s.to_vec()),
        Value::Const(ConstValue::Int(i)) => Some(i.to_string().into_bytes()),
        Value::Const(ConstValue::Bool(b)) => Some(if *b {
            b"True".to_vec()
        } else {
            b"False".to_vec()
        }),
        Value::Const(ConstValue::None) => Some(b"None".to_vec()),
        _ => None,
    }
}
