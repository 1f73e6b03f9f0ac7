//! Builtin functions (`print`, `len`, `int`, `str`, …, `rpy.io`) and the
//! methods of str, list and dict: each becomes LL ops or calls of the
//! runtime helpers named in `ll::helpers`. Methods are rows of the one
//! table `crate::methods`.

use super::calls::Kws;
use super::graph::GraphTyper;
use super::ops::{int_const, Cat};
use crate::annotate::SomeValue;
use crate::ll::helpers::Helper;
use crate::ll::{LLConst, LLOpKind, LLType, LLValue};
use crate::methods::{self, Dflt, Method, Recv};
use flowgraph::model::{Op, Value};
use rpy_front::program::{builtin_class, Builtin, ConstValue, OsFn};
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
                Helper::rpy_str_join_chars
            } else {
                Helper::rpy_str_join
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
        let info = row.helper.info();
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
        if b != Builtin::Print && !kws.is_empty() {
            return Err(self.error(format!("{}() takes no keyword arguments", b.name())));
        }
        let (lo, hi) = b.arity();
        if !(lo..=hi).contains(&args.len()) {
            return Err(self.error(format!(
                "{}() takes {lo} to {hi} arguments, {} given",
                b.name(),
                args.len()
            )));
        }
        match b {
            Builtin::Print => self.print(args, kws),
            Builtin::Len => self.len(op, &args[0]),
            Builtin::Range => self.range(args, &hint),
            Builtin::Int => self.int_of(args),
            Builtin::Float => self.float_of(&args[0]),
            Builtin::Str => match args.first() {
                None => Ok(LLValue::Const(LLConst::Str(Rc::from(&b""[..])))),
                Some(a) => self.str_of(a),
            },
            Builtin::Bool => match args.first() {
                None => Ok(LLValue::Const(LLConst::Bool(false))),
                Some(a) => self.truth(a),
            },
            Builtin::Ord => self.ord_of(&args[0]),
            Builtin::Chr => {
                let i = self.operand(&args[0], &LLType::Signed)?;
                Ok(self.emit(LLOpKind::CastIntToChar, vec![i], LLType::Char))
            }
            Builtin::Abs => self.abs_of(&args[0]),
            Builtin::Min | Builtin::Max => self.min_max(b, &args[0], &args[1]),
            Builtin::Isinstance => self.type_test(&args[0], &args[1], false),
            Builtin::List => self.list_of(&args[0], &hint),
            Builtin::Hash => self.hash_of(&args[0]),
            Builtin::Write | Builtin::WriteErr | Builtin::ReadFile => {
                let s = self.operand(&args[0], &LLType::Str)?;
                let name = match b {
                    Builtin::Write => Helper::rpy_io_write,
                    Builtin::WriteErr => Helper::rpy_io_write_err,
                    _ => Helper::rpy_io_read_file,
                };
                self.helper(name, vec![s], None)
            }
            Builtin::ReadStdin => {
                let n = self.operand(&args[0], &LLType::Signed)?;
                self.helper(Helper::rpy_io_read_stdin, vec![n], None)
            }
            Builtin::Flush => self.helper(Helper::rpy_io_flush, Vec::new(), None),
            Builtin::Os(f) => self.os_call(f, args),
            Builtin::Promote => {
                let v = self.operand(&args[0], &hint)?;
                Ok(self.emit(LLOpKind::JitPromote, vec![v], hint))
            }
            Builtin::WeAreJitted => {
                Ok(self.emit(LLOpKind::JitWeAreJitted, Vec::new(), LLType::Bool))
            }
            Builtin::RUint => self.r_uint(&args[0]),
            Builtin::IntMask => self.intmask(&args[0]),
            Builtin::IsValidInt => self.is_valid_int(&args[0]),
            other => Err(self.error(format!("{}() cannot be called here in rpy", other.name()))),
        }
    }

    /// `os.*` and `time.*`: one runtime helper each (`os.open`'s mode
    /// defaults to 0o777, as in Python).
    fn os_call(&mut self, f: OsFn, args: &[Value]) -> DResult<LLValue> {
        let (helper, kinds): (Helper, &[LLType]) = match f {
            OsFn::Write => (Helper::rpy_os_write, &[LLType::Signed, LLType::Str]),
            OsFn::Read => (Helper::rpy_os_read, &[LLType::Signed, LLType::Signed]),
            OsFn::Open => (
                Helper::rpy_os_open,
                &[LLType::Str, LLType::Signed, LLType::Signed],
            ),
            OsFn::Close => (Helper::rpy_os_close, &[LLType::Signed]),
            OsFn::Lseek => (
                Helper::rpy_os_lseek,
                &[LLType::Signed, LLType::Signed, LLType::Signed],
            ),
            OsFn::Time | OsFn::Clock => (Helper::rpy_time_time, &[]),
        };
        let mut vs = Vec::new();
        for (a, t) in args.iter().zip(kinds) {
            vs.push(self.operand(a, t)?);
        }
        if f == OsFn::Open && vs.len() == 2 {
            vs.push(int_const(0o777));
        }
        self.helper(helper, vs, None)
    }

    /// `range(stop)`, `range(start, stop[, step])` as a list.
    fn range(&mut self, args: &[Value], hint: &LLType) -> DResult<LLValue> {
        let mut vs = Vec::new();
        for a in args {
            vs.push(self.operand(a, &LLType::Signed)?);
        }
        let (start, stop, step) = match vs.len() {
            1 => (int_const(0), vs[0].clone(), int_const(1)),
            2 => (vs[0].clone(), vs[1].clone(), int_const(1)),
            _ => (vs[0].clone(), vs[1].clone(), vs[2].clone()),
        };
        self.helper(Helper::rpy_range, vec![start, stop, step], Some(hint))
    }

    /// `int(x)`, `int(s, base)`.
    fn int_of(&mut self, args: &[Value]) -> DResult<LLValue> {
        let c = self.cat(&args[0]);
        if args.len() == 2 && c.strlike() {
            let s = self.operand(&args[0], &LLType::Str)?;
            let base = self.operand(&args[1], &LLType::Signed)?;
            return self.helper(Helper::rpy_str_to_int_base, vec![s, base], None);
        }
        match c {
            _ if args.len() == 2 => {
                Err(self.error(format!("int() of {}", self.user_type(&args[0]))))
            }
            c if c.intlike() => self.operand(&args[0], &LLType::Signed),
            Cat::Float => {
                let f = self.value(&args[0])?.0;
                Ok(self.emit(LLOpKind::CastFloatToInt, vec![f], LLType::Signed))
            }
            c if c.strlike() => {
                let s = self.operand(&args[0], &LLType::Str)?;
                self.helper(Helper::rpy_str_to_int, vec![s], None)
            }
            _ => Err(self.error(format!("int() of {}", self.user_type(&args[0])))),
        }
    }

    /// `float(x)`.
    fn float_of(&mut self, a: &Value) -> DResult<LLValue> {
        match self.cat(a) {
            Cat::UInt => {
                let u = self.value(a)?.0;
                Ok(self.emit(LLOpKind::CastUintToFloat, vec![u], LLType::Float))
            }
            c if c.numeric() => self.operand(a, &LLType::Float),
            c if c.strlike() => {
                let s = self.operand(a, &LLType::Str)?;
                self.helper(Helper::rpy_str_to_float, vec![s], None)
            }
            _ => Err(self.error(format!("float() of {}", self.user_type(a)))),
        }
    }

    /// `ord(c)`: a cast of a char; the helper checks a str's length.
    fn ord_of(&mut self, a: &Value) -> DResult<LLValue> {
        match self.cat(a) {
            Cat::Char => {
                let c = self.operand(a, &LLType::Char)?;
                Ok(self.emit(LLOpKind::CastCharToInt, vec![c], LLType::Signed))
            }
            Cat::Str => {
                let s = self.value(a)?.0;
                self.helper(Helper::rpy_str_ord, vec![s], None)
            }
            _ => Err(self.error(format!("ord() of {}", self.user_type(a)))),
        }
    }

    /// `abs(x)`.
    fn abs_of(&mut self, a: &Value) -> DResult<LLValue> {
        match self.cat(a) {
            c if c.intlike() => {
                let i = self.operand(a, &LLType::Signed)?;
                Ok(self.emit(LLOpKind::IntAbs, vec![i], LLType::Signed))
            }
            Cat::Float => {
                let f = self.value(a)?.0;
                Ok(self.emit(LLOpKind::FloatAbs, vec![f], LLType::Float))
            }
            _ => Err(self.error(format!("abs() of {}", self.user_type(a)))),
        }
    }

    /// `min(a, b)` and `max(a, b)` on ints, floats (an int and a float
    /// give a float) or non-None strs.
    fn min_max(&mut self, b: Builtin, x: &Value, y: &Value) -> DResult<LLValue> {
        let (c0, c1) = (self.cat(x), self.cat(y));
        let strs = c0.strlike()
            && c1.strlike()
            && !self.ann_of(x).is_nullable()
            && !self.ann_of(y).is_nullable();
        let (ty, [min, max]) = if strs {
            (LLType::Str, [Helper::rpy_str_min, Helper::rpy_str_max])
        } else if c0.intlike() && c1.intlike() {
            (LLType::Signed, [Helper::rpy_int_min, Helper::rpy_int_max])
        } else if c0.numeric() && c1.numeric() {
            (
                LLType::Float,
                [Helper::rpy_float_min, Helper::rpy_float_max],
            )
        } else {
            return Err(self.error(format!(
                "{}() of {} and {}",
                b.name(),
                self.user_type(x),
                self.user_type(y)
            )));
        };
        let name = if b == Builtin::Min { min } else { max };
        let x = self.operand(x, &ty)?;
        let y = self.operand(y, &ty)?;
        self.helper(name, vec![x, y], None)
    }

    /// `list(xs)`: a copy of a list, the chars of a str, a dict's keys.
    fn list_of(&mut self, a: &Value, hint: &LLType) -> DResult<LLValue> {
        let c = self.cat(a);
        let name = match c {
            Cat::List => Helper::rpy_list_copy,
            Cat::Str | Cat::Char => Helper::rpy_str_to_list,
            Cat::Dict => Helper::rpy_dict_keys,
            _ => return Err(self.error(format!("list() of {}", self.user_type(a)))),
        };
        let v = if c == Cat::Char {
            self.operand(a, &LLType::Str)?
        } else {
            self.value(a)?.0
        };
        self.helper(name, vec![v], Some(hint))
    }

    /// `hash(x)` of an int, float, str or instance.
    fn hash_of(&mut self, a: &Value) -> DResult<LLValue> {
        let (ty, name) = match self.cat(a) {
            c if c.intlike() => (LLType::Signed, Helper::rpy_int_hash),
            Cat::Float => (LLType::Float, Helper::rpy_float_hash),
            c if c.strlike() => (LLType::Str, Helper::rpy_str_hash),
            Cat::Instance => {
                let v = self.value(a)?.0;
                return self.helper(Helper::rpy_instance_hash, vec![v], None);
            }
            _ => return Err(self.error(format!("hash() of {}", self.user_type(a)))),
        };
        let v = self.operand(a, &ty)?;
        self.helper(name, vec![v], None)
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
            self.helper(Helper::rpy_print_str, vec![s], None)?;
        }
        Ok(())
    }

    fn print_value(&mut self, v: &Value) -> DResult<()> {
        let name = match self.cat(v) {
            Cat::Int => Helper::rpy_print_int,
            Cat::Bool => Helper::rpy_print_bool,
            Cat::Float => Helper::rpy_print_float,
            Cat::Char => Helper::rpy_print_char,
            Cat::Str => Helper::rpy_print_str,
            _ => {
                let s = self.str_of(v)?;
                self.helper(Helper::rpy_print_str, vec![s], None)?;
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
        self.str_of_ll(x, &ann)
    }

    /// `str(x)` of an LL value annotated `ann`.
    pub fn str_of_ll(&mut self, x: LLValue, ann: &SomeValue) -> DResult<LLValue> {
        let name = match Cat::of(ann) {
            Cat::Int => Helper::rpy_int_to_str,
            Cat::UInt => Helper::rpy_uint_to_str,
            Cat::Bool => Helper::rpy_bool_to_str,
            Cat::Float => Helper::rpy_float_to_str,
            Cat::Char => Helper::rpy_char_to_str,
            Cat::Str if !ann.is_nullable() => return Ok(x),
            Cat::Str => Helper::rpy_str_str,
            Cat::None => return Ok(LLValue::Const(LLConst::Str(Rc::from(&b"None"[..])))),
            Cat::List => Helper::rpy_list_repr,
            Cat::Tuple => Helper::rpy_tuple_repr,
            Cat::Dict => Helper::rpy_dict_repr,
            Cat::Instance => match ann {
                SomeValue::Instance { class, .. }
                    if self
                        .rt
                        .prog
                        .is_subclass(*class, builtin_class::BASE_EXCEPTION) =>
                {
                    Helper::rpy_exc_str
                }
                _ => Helper::rpy_instance_repr,
            },
            Cat::Other => {
                return Err(self.error(format!("str() of {}", self.user_type_ll(&x, ann))))
            }
        };
        self.helper(name, vec![x], None)
    }

    /// `repr(x)` (KeyError messages, `%r`): quoted strs, `E('msg')` for
    /// exceptions, else `str(x)`.
    pub fn repr(&mut self, v: &Value) -> DResult<LLValue> {
        let ann = self.ann_of(v);
        let (x, _) = self.value(v)?;
        self.repr_ll(x, &ann)
    }

    /// `repr(x)` of an LL value annotated `ann`.
    pub fn repr_ll(&mut self, x: LLValue, ann: &SomeValue) -> DResult<LLValue> {
        match Cat::of(ann) {
            c if c.strlike() => {
                let from = self.ty_of(&x);
                let s = self.convert(x, &from, ann, &LLType::Str)?;
                self.helper(Helper::rpy_str_repr, vec![s], None)
            }
            Cat::Instance => self.helper(Helper::rpy_instance_repr, vec![x], None),
            _ => self.str_of_ll(x, ann),
        }
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
