//! Parses traces written as text (the printer's format), for golden tests:
//! `#` comments, descr declarations (`@field NAME OFFSET SIZE KIND
//! [immutable]`, `@array NAME BASE ITEMSIZE KIND [immutable]`, `@size NAME
//! SIZE TID VTABLE VTABLE_OFFSET`, `@call NAME ARGKINDS:RESULTKIND
//! elidable|readonly|any [raises]`), the `[inputargs]` line, then ops.
//! Labels named in `descr=` are created on first use. Guards get resume
//! numbers in order.

use super::{CallEffect, Descr, DescrId, Descrs, Kind, Op, Opcode, Trace, Value, Var};
use std::collections::HashMap;

struct Parser<'d> {
    descrs: &'d mut Descrs,
    trace: Trace,
    vars: HashMap<String, Var>,
    guards: u32,
}

fn kind_of(c: char) -> Result<Kind, String> {
    match c {
        'i' => Ok(Kind::Int),
        'p' | 'r' => Ok(Kind::Ref),
        'f' => Ok(Kind::Float),
        other => Err(format!("unknown kind '{other}'")),
    }
}

fn num<T: std::str::FromStr>(s: Option<&str>, what: &str) -> Result<T, String> {
    let s = s.ok_or_else(|| format!("missing {what}"))?;
    let s2 = s.trim_start_matches("0x");
    if s2.len() != s.len() {
        return u64::from_str_radix(s2, 16)
            .ok()
            .and_then(|v| v.to_string().parse().ok())
            .ok_or_else(|| format!("bad {what} '{s}'"));
    }
    s.parse().map_err(|_| format!("bad {what} '{s}'"))
}

/// Splits `a, b(c, d), e` at top-level commas.
fn split_args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    let mut quote = false;
    for ch in s.chars() {
        match ch {
            '\'' => quote = !quote,
            '(' | '[' if !quote => depth += 1,
            ')' | ']' if !quote => depth -= 1,
            ',' if depth == 0 && !quote => {
                out.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(ch);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// The index of the `)` closing the `(` at `open` (outside quotes).
fn matching_paren(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    let mut quote = false;
    for (i, ch) in s.char_indices().skip_while(|(i, _)| *i < open) {
        match ch {
            '\'' => quote = !quote,
            '(' if !quote => depth += 1,
            ')' if !quote => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

impl Parser<'_> {
    /// The box named `name`, made on first sight (its number kept when free).
    fn var(&mut self, name: &str) -> Result<Var, String> {
        if let Some(v) = self.vars.get(name) {
            return Ok(*v);
        }
        let mut cs = name.chars();
        let k = kind_of(cs.next().ok_or("empty box name")?)?;
        let n: usize = cs
            .as_str()
            .parse()
            .map_err(|_| format!("bad box name '{name}'"))?;
        // keep the printed number as the index when possible
        while self.trace.kinds.len() < n {
            self.trace.kinds.push(Kind::Int);
        }
        let v = if self.trace.kinds.len() == n {
            self.trace.new_var(k)
        } else {
            let taken = self.vars.values().any(|v| v.index() == n);
            if taken {
                self.trace.new_var(k)
            } else {
                self.trace.kinds[n] = k;
                Var(n as u32)
            }
        };
        self.vars.insert(name.to_string(), v);
        Ok(v)
    }

    fn value(&mut self, s: &str) -> Result<Value, String> {
        let s = s.trim();
        if let Some(inner) = s
            .strip_prefix("ConstPtr(")
            .and_then(|r| r.strip_suffix(')'))
        {
            let bits = if inner == "null" {
                0
            } else {
                num::<u64>(Some(inner), "pointer")?
            };
            return Ok(Value::Const(Kind::Ref, bits));
        }
        if s.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            if s.contains('.') || s.contains('e') || s.contains("inf") || s.contains("NaN") {
                let x: f64 = s.parse().map_err(|_| format!("bad float '{s}'"))?;
                return Ok(Value::Const(Kind::Float, x.to_bits()));
            }
            let i: i64 = s.parse().map_err(|_| format!("bad int '{s}'"))?;
            return Ok(Value::int(i));
        }
        Ok(Value::Var(self.var(s)?))
    }

    fn descr(&mut self, name: &str) -> Result<DescrId, String> {
        if let Some(d) = self.descrs.by_name(name) {
            return Ok(d);
        }
        if name.starts_with('L') {
            return Ok(self.descrs.add(Descr::Label {
                name: name.to_string(),
            }));
        }
        Err(format!("unknown descr '{name}'"))
    }

    fn declaration(&mut self, line: &str) -> Result<(), String> {
        let mut w = line.split_whitespace();
        let what = w.next().unwrap_or("");
        let name = w.next().ok_or("missing descr name")?.to_string();
        let d = match what {
            "@field" | "@array" => {
                let off: i32 = num(w.next(), "offset")?;
                let size: u8 = num(w.next(), "size")?;
                let kind = kind_of(
                    w.next()
                        .and_then(|k| k.chars().next())
                        .ok_or("missing kind")?,
                )?;
                let immutable = w.next() == Some("immutable");
                if what == "@field" {
                    Descr::Field {
                        name,
                        offset: off,
                        size,
                        kind,
                        immutable,
                    }
                } else {
                    Descr::Array {
                        name,
                        base: off,
                        item_size: size,
                        kind,
                        immutable,
                    }
                }
            }
            "@size" => Descr::Size {
                name,
                size: num(w.next(), "size")?,
                tid: num(w.next(), "tid")?,
                vtable: w.next().map_or(Ok(0), |s| num(Some(s), "vtable"))?,
                vtable_offset: w.next().map_or(Ok(0), |s| num(Some(s), "vtable offset"))?,
            },
            "@call" => {
                let sig = w.next().ok_or("missing call signature")?;
                let (a, r) = sig.split_once(':').ok_or("call signature is ARGS:RESULT")?;
                let args = a.chars().map(kind_of).collect::<Result<Vec<_>, _>>()?;
                let result = if r == "n" {
                    None
                } else {
                    Some(kind_of(r.chars().next().ok_or("missing result kind")?)?)
                };
                let effect = match w.next() {
                    Some("elidable") => CallEffect::Elidable,
                    Some("readonly") => CallEffect::ReadsOnly,
                    _ => CallEffect::Any,
                };
                let can_raise = w.next() == Some("raises");
                Descr::Call {
                    name,
                    func: 0,
                    args,
                    result,
                    effect,
                    can_raise,
                }
            }
            other => return Err(format!("unknown declaration '{other}'")),
        };
        if self.descrs.by_name(d.name()).is_none() {
            self.descrs.add(d);
        }
        Ok(())
    }

    fn op(&mut self, line: &str) -> Result<(), String> {
        let (result, rest) = match line.split_once(" = ") {
            Some((r, rest)) if !r.contains('(') => (Some(r.trim()), rest.trim()),
            _ => (None, line),
        };
        let open = rest.find('(').ok_or("expected '(' after the op name")?;
        let name = &rest[..open];
        let opcode = Opcode::from_name(name).ok_or_else(|| format!("unknown op '{name}'"))?;
        let close = matching_paren(rest, open).ok_or("expected ')'")?;
        let inner = &rest[open + 1..close];
        let tail = rest[close + 1..].trim();
        let mut op = Op::new(opcode, Vec::new(), None);
        if opcode == Opcode::DebugMergePoint {
            let text = inner.trim().trim_matches('\'').to_string();
            let d = match self.descrs.by_name(&text) {
                Some(d) => d,
                None => self.descrs.add(Descr::Location { name: text }),
            };
            op.descr = Some(d);
        } else {
            for a in split_args(inner) {
                if let Some(d) = a.strip_prefix("descr=") {
                    op.descr = Some(self.descr(d)?);
                } else {
                    let v = self.value(&a)?;
                    op.args.push(v);
                }
            }
        }
        if let Some(r) = result {
            op.result = Some(self.var(r)?);
        }
        if opcode.is_guard() {
            let fa = tail.trim_start_matches('[').trim_end_matches(']');
            let mut fail_args = Vec::new();
            let mut cond_at = Vec::new();
            for a in split_args(fa) {
                if let Some(v) = a.strip_prefix("cond=") {
                    cond_at.push(fail_args.len());
                    fail_args.push(self.value(v)?);
                } else {
                    fail_args.push(self.value(&a)?);
                }
            }
            op = op.with_guard(fail_args, self.guards).with_cond_at(cond_at);
            self.guards += 1;
        }
        self.trace.ops.push(op);
        Ok(())
    }
}

/// Parses a trace; declarations add to `descrs`.
pub fn parse_trace(text: &str, descrs: &mut Descrs) -> Result<Trace, String> {
    let mut p = Parser {
        descrs,
        trace: Trace::default(),
        vars: HashMap::new(),
        guards: 0,
    };
    let mut seen_inputs = false;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let fail = |e: String| format!("line {}: {e}: {line}", n + 1);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('@') {
            p.declaration(line).map_err(fail)?;
        } else if !seen_inputs && line.starts_with('[') {
            seen_inputs = true;
            let inner = line.trim_start_matches('[').trim_end_matches(']');
            for a in split_args(inner) {
                let v = p.var(&a).map_err(fail)?;
                p.trace.inputargs.push(v);
            }
        } else {
            p.op(line).map_err(fail)?;
        }
    }
    Ok(p.trace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::print::{descr_decls, trace_text};

    #[test]
    fn round_trip() {
        let text = "\
@field list.len 8 8 i
@array items 16 8 i
[i0, p1]
debug_merge_point('toy pc=4')
i2 = int_sub(i0, 1)
i3 = getfield_gc_i(p1, descr=list.len)
setarrayitem_gc(p1, 0, i2, descr=items)
i4 = int_is_true(i2)
guard_true(i4) [i2, p1, ConstPtr(null)]
f5 = cast_int_to_float(i2)
jump(i2, p1, descr=L0)
";
        let mut d = Descrs::default();
        let t = parse_trace(text, &mut d).unwrap();
        let printed = format!("{}{}", descr_decls(&t, &d), trace_text(&t, &d));
        assert_eq!(printed, text);
        assert_eq!(t.counted_ops(), 7);
    }
}
