//! Allocation removal: a `new`/`new_with_vtable` whose object never
//! escapes (escaping: passed to a call, to `jump`/`finish`/`label`, stored
//! into an object that is kept, compared, used as an array, or read at a
//! field not yet written) is removed with its `setfield_gc`s; its
//! `getfield_gc_*` are replaced by the stored values. A guard that saves a
//! removed object gets `virtuals`/`virtual_at` describing how to rebuild
//! it, its field values appended to the fail arguments.

use super::forward::Forward;
use crate::ir::{
    DescrId, Descrs, GuardInfo, Kind, Opcode, Trace, Value, Var, VirtualField, VirtualInfo,
};
use std::collections::{HashMap, HashSet};

pub fn virtuals(trace: &Trace, _descrs: &Descrs) -> Trace {
    let removed = non_escaping(trace);
    if removed.is_empty() {
        return trace.clone();
    }
    let mut fwd = Forward::default();
    let mut objects: HashMap<Var, Object> = HashMap::new();
    let mut out = Vec::new();
    for op in &trace.ops {
        let mut op = op.clone();
        fwd.rewrite(&mut op);
        let target = op.args.first().and_then(|a| a.as_var());
        let on_virtual = target.filter(|x| removed.contains(x));
        match (op.opcode, on_virtual) {
            (Opcode::New | Opcode::NewWithVtable, _)
                if op.result.is_some_and(|r| removed.contains(&r)) =>
            {
                let size = op.descr.expect("new has a size descr");
                objects.insert(
                    op.result.unwrap(),
                    Object {
                        size,
                        fields: Vec::new(),
                    },
                );
            }
            (Opcode::SetfieldGc, Some(x)) => {
                let d = op.descr.expect("setfield has a descr");
                objects
                    .get_mut(&x)
                    .expect("virtual made before use")
                    .set(d, op.args[1]);
            }
            (Opcode::GetfieldGcI | Opcode::GetfieldGcR | Opcode::GetfieldGcF, Some(x)) => {
                let d = op.descr.expect("getfield has a descr");
                let v = objects[&x]
                    .get(d)
                    .expect("escape analysis saw the field written");
                fwd.set(op.result.expect("getfield has a result"), v);
            }
            _ => {
                if let Some(g) = op.guard.as_mut() {
                    describe_virtuals(g, &objects);
                }
                out.push(op);
            }
        }
    }
    Trace {
        inputargs: trace.inputargs.clone(),
        ops: out,
        kinds: trace.kinds.clone(),
    }
}

/// A removed object as the trace has filled it so far.
struct Object {
    size: DescrId,
    fields: Vec<(DescrId, Value)>,
}

impl Object {
    fn set(&mut self, d: DescrId, v: Value) {
        match self.fields.iter_mut().find(|f| f.0 == d) {
            Some(f) => f.1 = v,
            None => self.fields.push((d, v)),
        }
    }

    fn get(&self, d: DescrId) -> Option<Value> {
        self.fields.iter().find(|f| f.0 == d).map(|f| f.1)
    }
}

/// The allocations whose object never escapes. A read of a field the
/// trace wrote is replaced by the value written (see `virtuals`), so its
/// uses count as uses of that value: comparing or passing on what was read
/// out of a removed object makes the object read escape.
fn non_escaping(trace: &Trace) -> HashSet<Var> {
    let allocated: HashSet<Var> = trace
        .ops
        .iter()
        .filter(|o| matches!(o.opcode, Opcode::New | Opcode::NewWithVtable))
        .filter_map(|o| o.result)
        .collect();
    let mut escaped: HashSet<Var> = HashSet::new();
    // object -> values stored into it (they escape when it does)
    let mut stored: HashMap<Var, Vec<Var>> = HashMap::new();
    // (object, field) -> the value last written there
    let mut fields: HashMap<(Var, DescrId), Value> = HashMap::new();
    // the result of a read of a written field -> the value it reads
    let mut reads: HashMap<Var, Value> = HashMap::new();
    let candidate = |v: &Value| v.as_var().filter(|x| allocated.contains(x));
    for op in &trace.ops {
        let args: Vec<Value> = op
            .args
            .iter()
            .map(|a| {
                a.as_var()
                    .and_then(|x| reads.get(&x))
                    .copied()
                    .unwrap_or(*a)
            })
            .collect();
        let obj = args.first().and_then(candidate);
        match (op.opcode, obj) {
            (Opcode::SetfieldGc, Some(x)) => {
                fields.insert((x, op.descr.expect("setfield has a descr")), args[1]);
                stored.entry(x).or_default().extend(candidate(&args[1]));
            }
            (Opcode::GetfieldGcI | Opcode::GetfieldGcR | Opcode::GetfieldGcF, Some(x)) => {
                match fields.get(&(x, op.descr.expect("getfield has a descr"))) {
                    Some(&v) => {
                        reads.insert(op.result.expect("getfield has a result"), v);
                    }
                    None => {
                        escaped.insert(x);
                    }
                }
            }
            _ => escaped.extend(args.iter().filter_map(candidate)),
        }
    }
    let mut work: Vec<Var> = escaped.iter().copied().collect();
    while let Some(x) = work.pop() {
        for &y in stored.get(&x).into_iter().flatten() {
            if escaped.insert(y) {
                work.push(y);
            }
        }
    }
    allocated.difference(&escaped).copied().collect()
}

/// Replaces the removed objects in a guard's fail arguments by rebuild
/// descriptions (fields that are not removed objects become extra fail
/// arguments).
fn describe_virtuals(g: &mut GuardInfo, objects: &HashMap<Var, Object>) {
    let mut index: HashMap<Var, usize> = HashMap::new();
    for pos in 0..g.fail_args.len() {
        if let Some(x) = g.fail_args[pos]
            .as_var()
            .filter(|x| objects.contains_key(x))
        {
            let n = visit(x, g, objects, &mut index);
            g.virtual_at.push((pos, n));
            g.fail_args[pos] = Value::Const(Kind::Ref, 0);
        }
    }
}

/// The index of the rebuild description of `x`, made on first visit.
fn visit(
    x: Var,
    g: &mut GuardInfo,
    objects: &HashMap<Var, Object>,
    index: &mut HashMap<Var, usize>,
) -> usize {
    if let Some(n) = index.get(&x) {
        return *n;
    }
    let n = g.virtuals.len();
    index.insert(x, n);
    let obj = &objects[&x];
    g.virtuals.push(VirtualInfo {
        size: obj.size,
        fields: Vec::new(),
    });
    let mut fields = Vec::new();
    for &(d, v) in &obj.fields {
        let field = match v.as_var().filter(|y| objects.contains_key(y)) {
            Some(y) => VirtualField::Virtual(visit(y, g, objects, index)),
            None => {
                g.fail_args.push(v);
                VirtualField::FailArg(g.fail_args.len() - 1)
            }
        };
        fields.push((d, field));
    }
    g.virtuals[n].fields = fields;
    n
}
