//! The backends against each other: every trace runs on the trace
//! interpreter and on the x86 backend, which must stop at the same exit
//! with the same values and leave the same memory behind.

use rpy_jit::backend::{Backend, Exit, TraceId, TraceInterp, X86Backend};
use rpy_jit::ir::eval::{eval_ovf, eval_pure};
use rpy_jit::ir::opcode::{Arity, ALL_OPCODES};
use rpy_jit::ir::parse::parse_trace;
use rpy_jit::ir::verify::verify;
use rpy_jit::ir::{Descr, Descrs, Kind, Op, Opcode, Trace, Value, Var};
use rpy_jit::mem::JitFn;
use std::sync::atomic::{AtomicBool, Ordering};

fn parse(text: &str) -> (Trace, Descrs) {
    let mut d = Descrs::default();
    let t = parse_trace(text, &mut d).unwrap_or_else(|e| panic!("{e}"));
    verify(&t, &d).unwrap_or_else(|e| panic!("{e}"));
    (t, d)
}

/// Points call descr `name` at `f`.
fn set_func(d: &mut Descrs, name: &str, f: JitFn) {
    let id = d.by_name(name).expect("call descr");
    match d.get_mut(id) {
        Descr::Call { func, .. } => *func = f as *const () as u64,
        other => panic!("{other:?} is not a call descr"),
    }
}

/// A loop and the bridges to attach to it: `(trace index, guard op, text)`.
struct Program<'a> {
    main: &'a str,
    bridges: &'a [(u32, usize, &'a str)],
    funcs: &'a [(&'a str, JitFn)],
}

fn compile(b: &mut dyn Backend, p: &Program) -> TraceId {
    let mut d = Descrs::default();
    let parse_one = |text: &str, d: &mut Descrs| {
        let t = parse_trace(text, d).unwrap_or_else(|e| panic!("{e}"));
        for (name, f) in p.funcs {
            if d.by_name(name).is_some() {
                set_func(d, name, *f);
            }
        }
        verify(&t, d).unwrap_or_else(|e| panic!("{e}"));
        t
    };
    let t = parse_one(p.main, &mut d);
    let id = b.compile_loop(&t, &d).unwrap();
    for &(from, guard, text) in p.bridges {
        let t = parse_one(text, &mut d);
        b.compile_bridge(TraceId(from), guard, &t, &d).unwrap();
    }
    id
}

/// Runs `p` on both backends with `args(memory address)`, each on a fresh
/// copy of `memory`; asserts they agree and returns the exit and memory.
fn run_both(p: &Program, memory: &[u64], args: impl Fn(u64) -> Vec<u64>) -> (Exit, Vec<u64>) {
    let mut results = Vec::new();
    let backends: [Box<dyn Backend>; 2] =
        [Box::new(TraceInterp::new()), Box::new(X86Backend::new())];
    let mut mem = memory.to_vec();
    for mut b in backends {
        mem.copy_from_slice(memory);
        let id = compile(&mut *b, p);
        let exit = b.run(id, &args(mem.as_mut_ptr() as u64));
        results.push((exit, mem.clone()));
    }
    assert_eq!(results[0], results[1], "interp vs x86 on\n{}", p.main);
    results.pop().unwrap()
}

fn run_simple(main: &str, args: &[u64]) -> Exit {
    let p = Program {
        main,
        bridges: &[],
        funcs: &[],
    };
    run_both(&p, &[0], |_| args.to_vec()).0
}

#[test]
fn count_down_exits_at_zero() {
    let main = "
[i0]
label(i0, descr=L0)
i1 = int_sub(i0, 1)
i2 = int_gt(i1, 0)
guard_true(i2) [i1]
jump(i1, descr=L0)
";
    let e = run_simple(main, &[1000]);
    assert_eq!((e.op, e.values), (3, vec![0]));
}

#[test]
fn sum_one_to_n() {
    let main = "
[i0, i1]
label(i0, i1, descr=L0)
i2 = int_add(i1, i0)
i3 = int_sub(i0, 1)
i4 = int_is_zero(i3)
guard_false(i4) [i2, i3]
jump(i3, i2, descr=L0)
";
    let e = run_simple(main, &[100, 0]);
    assert_eq!((e.op, e.values), (4, vec![5050, 0]));
}

#[test]
fn loop_without_label_jumps_to_its_start() {
    let main = "
[i0, i1]
i2 = int_add(i1, i0)
i3 = int_sub(i0, 1)
guard_true(i3) [i2, i0, 77]
jump(i3, i2)
";
    let e = run_simple(main, &[10, 0]);
    assert_eq!((e.op, e.values), (2, vec![55, 1, 77]));
}

const TOY_LOOP: &str = "
@array array.i 16 8 i
[p0, i1, i2]
label(p0, i1, i2, descr=L0)
i3 = int_sub(i1, 1)
setarrayitem_gc(p0, 0, i3, descr=array.i)
i4 = int_add(i2, 7)
setarrayitem_gc(p0, 2, i4, descr=array.i)
guard_true(i3) [p0, i3, i4]
jump(p0, i3, i4, descr=L0)
";

#[test]
fn toy_square_loop() {
    let p = Program {
        main: TOY_LOOP,
        bridges: &[],
        funcs: &[],
    };
    let (e, mem) = run_both(&p, &[9; 6], |a| vec![a, 10, 0]);
    assert_eq!((e.op, &e.values[1..]), (5, &[0, 70][..]));
    assert_eq!(mem, vec![9, 9, 0, 9, 70, 9]);
}

#[test]
fn toy_square_loop_body_is_short() {
    let (t, d) = parse(TOY_LOOP);
    let mut b = X86Backend::new();
    let id = b.compile_loop(&t, &d).unwrap();
    let code = b.code(id);
    // the loop: from the backward `jmp rel32` to its target
    let body = (0..code.len().saturating_sub(4))
        .filter(|&k| code[k] == 0xe9)
        .find_map(|k| {
            let rel = i32::from_le_bytes(code[k + 1..k + 5].try_into().unwrap());
            (rel < 0 && k as i64 + 5 + rel as i64 >= 0)
                .then(|| k + 5 - (k as i64 + 5 + rel as i64) as usize)
        })
        .expect("a backward jump");
    // sub, store, add, store, test, jz, jmp: no moves, no reloads
    assert!(body <= 48, "toy loop body is {body} bytes");
}

/// The argument kinds of a pure op, from its name.
fn arg_kinds(op: Opcode) -> Vec<Kind> {
    let name = op.name();
    let n = match op.info().arity {
        Arity::Fixed(n) => n as usize,
        Arity::Variadic => unreachable!(),
    };
    let k = if name.starts_with("float_") || name == "cast_float_to_int" || name == "same_as_f" {
        Kind::Float
    } else if name.starts_with("ptr_") || name == "same_as_r" {
        Kind::Ref
    } else {
        Kind::Int
    };
    vec![k; n]
}

const INTS: &[i64] = &[
    0,
    1,
    -1,
    2,
    7,
    63,
    64,
    65,
    -64,
    1 << 31,
    -(1 << 31),
    0x1234_5678_9abc,
    i64::MIN,
    i64::MAX,
];
const FLOATS: &[f64] = &[
    0.0,
    -0.0,
    1.5,
    -2.25,
    1e300,
    -1e300,
    9.3e18,
    -9.3e18,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    3.0,
];

fn samples(k: Kind) -> Vec<u64> {
    match k {
        Kind::Float => FLOATS.iter().map(|f| f.to_bits()).collect(),
        _ => INTS.iter().map(|&i| i as u64).collect(),
    }
}

/// `[args] r = op(args); finish(r)` with the arguments listed as boxes
/// (`None`) or constants.
fn one_op_trace(op: Opcode, args: &[(Kind, Option<u64>)]) -> Trace {
    let mut t = Trace::default();
    let mut values = Vec::new();
    for &(k, c) in args {
        match c {
            Some(bits) => values.push(Value::Const(k, bits)),
            None => {
                let v = t.new_var(k);
                t.inputargs.push(v);
                values.push(Value::Var(v));
            }
        }
    }
    let r = t.new_var(op.result_kind().unwrap());
    t.ops.push(Op::new(op, values, Some(r)));
    t.ops
        .push(Op::new(Opcode::Finish, vec![Value::Var(r)], None));
    t
}

/// The result bits `eval` gives, for comparison (NaNs compare by bits).
fn expected(op: Opcode, a: &[u64]) -> u64 {
    match op {
        Opcode::IntAddOvf | Opcode::IntSubOvf | Opcode::IntMulOvf => eval_ovf(op, a[0], a[1]).0,
        _ => eval_pure(op, a).unwrap(),
    }
}

#[test]
fn pure_ops_agree_with_eval() {
    let d = Descrs::default();
    let mut x86 = X86Backend::new();
    let mut interp = TraceInterp::new();
    for &op in ALL_OPCODES.iter().filter(|o| o.is_pure()) {
        let kinds = arg_kinds(op);
        // all boxes: one compiled trace, every combination of samples
        let t = one_op_trace(op, &kinds.iter().map(|&k| (k, None)).collect::<Vec<_>>());
        let xi = x86.compile_loop(&t, &d).unwrap();
        let ii = interp.compile_loop(&t, &d).unwrap();
        let mut combos: Vec<Vec<u64>> = samples(kinds[0]).into_iter().map(|x| vec![x]).collect();
        for k in &kinds[1..] {
            combos = combos
                .into_iter()
                .flat_map(|c| {
                    samples(*k)
                        .into_iter()
                        .map(move |x| [c.clone(), vec![x]].concat())
                })
                .collect();
        }
        // a division's divisor is never 0 or -1 (the codewriter checks)
        combos.retain(|args| op.name().ends_with("_ovf") || eval_pure(op, args).is_some());
        for args in &combos {
            let want = expected(op, args);
            let got = x86.run(xi, args);
            assert_eq!(got.values, vec![want], "{} {:x?} (x86)", op.name(), args);
            assert_eq!(
                interp.run(ii, args).values,
                vec![want],
                "{} {:x?} (interp)",
                op.name(),
                args
            );
        }
        // constants in every position, for a few combinations
        for args in combos.iter().step_by(7) {
            for mask in 1..(1u32 << kinds.len()) {
                let spec: Vec<(Kind, Option<u64>)> = kinds
                    .iter()
                    .zip(args)
                    .enumerate()
                    .map(|(n, (&k, &x))| (k, (mask >> n & 1 == 1).then_some(x)))
                    .collect();
                let t = one_op_trace(op, &spec);
                let boxes: Vec<u64> = spec
                    .iter()
                    .zip(args)
                    .filter(|(s, _)| s.1.is_none())
                    .map(|(_, &x)| x)
                    .collect();
                let id = x86.compile_loop(&t, &d).unwrap();
                let got = x86.run(id, &boxes);
                assert_eq!(
                    got.values,
                    vec![expected(op, args)],
                    "{} {:x?} const mask {mask}",
                    op.name(),
                    args
                );
            }
        }
    }
}

#[test]
fn division_by_constants_matches_eval() {
    // constant divisors take a multiply-and-shift path in the x86 backend
    let d = Descrs::default();
    let mut x86 = X86Backend::new();
    let divisors = [3i64, 5, 7, 10, 63, 65, 641, 1_000_003, (1 << 31) - 1];
    let mut xs: Vec<i64> = INTS.to_vec();
    let mut rng = Lcg(99);
    for _ in 0..200 {
        xs.push(rng.next() as i64 - (1 << 52));
        xs.push((rng.next() << 11) as i64);
    }
    for op in [Opcode::IntPyDiv, Opcode::IntPyMod] {
        for &c in &divisors {
            let t = one_op_trace(op, &[(Kind::Int, None), (Kind::Int, Some(c as u64))]);
            let id = x86.compile_loop(&t, &d).unwrap();
            for &x in xs
                .iter()
                .chain(&[c, c - 1, c + 1, -c, -c - 1, 3 * c, -3 * c + 1])
            {
                let want = eval_pure(op, &[x as u64, c as u64]).unwrap();
                assert_eq!(
                    x86.run(id, &[x as u64]).values,
                    vec![want],
                    "{} {x} {c}",
                    op.name()
                );
            }
        }
    }
}

#[test]
fn overflow_guards() {
    let text = |op: &str, guard: &str| {
        format!(
            "
[i0, i1]
i2 = {op}(i0, i1)
{guard}() [i0, i1]
finish(i2)
"
        )
    };
    for op in ["int_add_ovf", "int_sub_ovf", "int_mul_ovf"] {
        let code = Opcode::from_name(op).unwrap();
        for &(a, b) in &[
            (1i64, 2i64),
            (i64::MAX, 1),
            (i64::MIN, 1),
            (1 << 40, 1 << 30),
            (-3, 5),
        ] {
            let (a, b) = (a as u64, b as u64);
            let (r, overflowed) = eval_ovf(code, a, b);
            let e = run_simple(&text(op, "guard_no_overflow"), &[a, b]);
            let want = if overflowed {
                (1, vec![a, b])
            } else {
                (2, vec![r])
            };
            assert_eq!((e.op, e.values), want, "{op} {a} {b}");
            let e = run_simple(&text(op, "guard_overflow"), &[a, b]);
            let want = if overflowed {
                (2, vec![r])
            } else {
                (1, vec![a, b])
            };
            assert_eq!((e.op, e.values), want, "{op} {a} {b}");
        }
    }
}

#[test]
fn fields_arrays_and_bytes() {
    let main = "
@field s.a 8 8 i
@field s.b 16 1 i
@field s.f 24 8 f
@array arr.b 32 1 i
@array arr.i 40 8 i
[p0, i1]
i2 = getfield_gc_i(p0, descr=s.a)
i3 = getfield_gc_i(p0, descr=s.b)
f4 = getfield_gc_f(p0, descr=s.f)
f5 = float_add(f4, f4)
setfield_gc(p0, f5, descr=s.f)
setfield_gc(p0, 511, descr=s.b)
i6 = int_add(i2, i3)
setfield_gc(p0, i6, descr=s.a)
i7 = getarrayitem_gc_i(p0, i1, descr=arr.b)
setarrayitem_gc(p0, i1, i6, descr=arr.b)
setarrayitem_gc(p0, 5, 4886718345, descr=arr.i)
i8 = getarrayitem_gc_i(p0, i1, descr=arr.i)
setarrayitem_gc(p0, i1, i7, descr=arr.i)
setarrayitem_gc(p0, 0, 2.5, descr=arr.i)
f9 = getarrayitem_gc_f(p0, 1, descr=arr.i)
finish(i2, i3, i6, i7, i8, f9)
";
    let p = Program {
        main,
        bridges: &[],
        funcs: &[],
    };
    let mut mem = vec![0u64; 12];
    mem[1] = 40;
    mem[2] = 0xfffe; // byte 0xfe, zero-extended
    mem[3] = 1.25f64.to_bits();
    mem[4] = 0x0807_0605_0403_0201;
    mem[6] = 66;
    mem[7] = 3.5f64.to_bits();
    let (e, after) = run_both(&p, &mem, |a| vec![a, 1]);
    assert_eq!(e.values, vec![40, 0xfe, 294, 2, 66, 2]);
    assert_eq!(after[3], 2.5f64.to_bits());
    assert_eq!(after[2] & 0xff, 0xff);
    assert_eq!(after[4], 0x0807_0605_0403_2601);
    assert_eq!(after[5], 2.5f64.to_bits());
    assert_eq!(after[10], 0x123456789);
}

static MISALIGNED: AtomicBool = AtomicBool::new(false);

#[repr(align(16))]
struct Aligned(#[allow(dead_code)] [u8; 16]);

fn check_stack_alignment() {
    let probe = std::hint::black_box(Aligned([0; 16]));
    if !(&probe as *const Aligned as usize).is_multiple_of(16) {
        MISALIGNED.store(true, Ordering::SeqCst);
    }
}

unsafe extern "C" fn add3(args: *const u64) -> u64 {
    check_stack_alignment();
    let a = std::slice::from_raw_parts(args, 3);
    a[0].wrapping_mul(100)
        .wrapping_add(a[1] * 10)
        .wrapping_add(a[2])
}

unsafe extern "C" fn fmul_add(args: *const u64) -> u64 {
    check_stack_alignment();
    let a = std::slice::from_raw_parts(args, 3);
    (f64::from_bits(a[0]) * f64::from_bits(a[1]) + a[2] as f64).to_bits()
}

unsafe extern "C" fn nothing(_args: *const u64) -> u64 {
    check_stack_alignment();
    0
}

#[test]
fn calls_keep_live_values_and_alignment() {
    let main = "
@call add3 iii:i any
@call fmul_add ffi:f any
@call nothing :n any
[i0, i1, i2, f3, i5, i6, i7, i8, i9, i10, i11, i12, i13, i14]
i4 = call_i(i0, i1, i2, descr=add3)
f15 = float_add(f3, 1.0)
call_n(descr=nothing)
f5 = call_f(f3, f15, i4, descr=fmul_add)
i16 = int_add(i5, i6)
i17 = call_i(i16, 3, i7, descr=add3)
i18 = int_add(i8, i9)
i19 = int_add(i10, i11)
i20 = int_add(i12, i13)
finish(i4, f5, i17, i18, i19, i20, i14, f3, f15, i0, i1, i2)
";
    let p = Program {
        main,
        bridges: &[],
        funcs: &[("add3", add3), ("fmul_add", fmul_add), ("nothing", nothing)],
    };
    let args = |_| {
        let mut v: Vec<u64> = (1..=14).collect();
        v[3] = 2.0f64.to_bits();
        v
    };
    let (e, _) = run_both(&p, &[0], args);
    assert_eq!(e.values[0], 123);
    assert_eq!(e.values[1], (2.0 * 3.0 + 123.0f64).to_bits());
    assert_eq!(e.values[2], 1137);
    assert!(
        !MISALIGNED.load(Ordering::SeqCst),
        "a callee saw a misaligned stack"
    );
}

unsafe extern "C" fn raise(args: *const u64) -> u64 {
    if *args != 0 {
        rpy_runtime::RPY_EXC = *args as *mut rpy_runtime::Object;
    }
    7
}

#[test]
fn guard_no_exception_after_a_raising_call() {
    let main = "
@call raise i:i any raises
[i0, i1]
i2 = call_i(i0, descr=raise)
guard_no_exception() [i1, i2]
finish(i2, i1)
";
    let p = Program {
        main,
        bridges: &[],
        funcs: &[("raise", raise)],
    };
    let (e, _) = run_both(&p, &[0], |_| vec![0, 5]);
    assert_eq!((e.op, e.values), (2, vec![7, 5]));
    let token = Box::leak(Box::new(0u64)) as *mut u64 as u64;
    for mut b in [
        Box::new(TraceInterp::new()) as Box<dyn Backend>,
        Box::new(X86Backend::new()),
    ] {
        let id = compile(&mut *b, &p);
        let e = b.run(id, &[token, 5]);
        // SAFETY: the test owns the exception slot while it runs.
        unsafe { rpy_runtime::RPY_EXC = std::ptr::null_mut() };
        assert_eq!((e.op, e.values), (1, vec![5, 7]));
    }
}

#[test]
fn new_objects_and_guard_class() {
    let main = "
@size node 32 7 0x5000 8
@size plain 24 3
@field node.value 16 8 i
[i0]
p1 = new_with_vtable(descr=node)
setfield_gc(p1, i0, descr=node.value)
p2 = new(descr=plain)
guard_nonnull(p2) [i0]
guard_class(p1, 20480) [i0]
i3 = getfield_gc_i(p1, descr=node.value)
i4 = getfield_gc_i(p2, descr=node.value)
guard_class(p1, 24576) [i3, i4]
finish(i0)
";
    let e = run_simple(main, &[42]);
    assert_eq!((e.op, e.values), (7, vec![42, 0]));
}

#[test]
fn register_pressure_spills() {
    // 40 boxes alive at once, then combined
    let n = 40;
    let mut text = String::from("[i0]\n");
    for k in 1..=n {
        text += &format!("i{k} = int_add(i{}, {k})\n", k - 1);
    }
    for k in 1..=n {
        text += &format!("i{} = int_mul(i{k}, i{})\n", n + k, n + 1 - k);
    }
    let outs: Vec<String> = (n + 1..=2 * n).map(|k| format!("i{k}")).collect();
    text += &format!("finish({})\n", outs.join(", "));
    let e = run_simple(&text, &[3]);
    assert_eq!(e.values.len(), n);
    let mut vals = vec![3i64];
    for k in 1..=n as i64 {
        vals.push(vals[k as usize - 1] + k);
    }
    assert_eq!(e.values[0] as i64, vals[1] * vals[n]);
}

#[test]
fn float_pressure_spills() {
    let n = 20;
    let mut text = String::from("[f0]\n");
    for k in 1..=n {
        text += &format!("f{k} = float_add(f{}, 1.5)\n", k - 1);
    }
    for k in 1..=n {
        text += &format!("f{} = float_mul(f{k}, f{})\n", n + k, n + 1 - k);
    }
    let outs: Vec<String> = (n + 1..=2 * n).map(|k| format!("f{k}")).collect();
    text += &format!("finish({})\n", outs.join(", "));
    run_simple(&text, &[1.0f64.to_bits()]);
}

const BRIDGED_LOOP: &str = "
[i0, i1]
label(i0, i1, descr=L0)
i2 = int_sub(i0, 1)
i3 = int_and(i2, 1)
guard_false(i3) [i2, i1]
i4 = int_add(i1, 1)
i5 = int_gt(i2, 0)
guard_true(i5) [i2, i4]
jump(i2, i4, descr=L0)
";

#[test]
fn bridge_inputs_repeating_a_fail_arg_under_register_pressure() {
    // 14 live boxes (more than the allocatable registers) and a guard
    // saving some of them twice: the bridge's second box of a fail
    // argument copies the first even when making room spills it
    let n = 14;
    let xs: Vec<String> = (0..n).map(|k| format!("i{k}")).collect();
    let all = xs.join(", ");
    let rest = xs[1..].join(", ");
    let main = format!(
        "[{all}]\nlabel({all}, descr=L0)\ni20 = int_sub(i0, 1)\ni21 = int_eq(i20, 0)\n\
         guard_false(i21) [i20, {rest}, i20, i1, i2, i3, i4, i5, i6]\njump(i20, {rest}, descr=L0)\n"
    );
    let inputs: Vec<String> = (0..n + 7).map(|k| format!("i{k}")).collect();
    // the first boxes of the repeated fail args are read last: making
    // room for the copies spills them first
    let sums: Vec<String> = (n..n + 7)
        .chain(7..n)
        .chain(0..7)
        .map(|k| format!("i{} = int_add(i{k}, {k})", 100 + k))
        .collect();
    let outs: Vec<String> = (0..n + 7).map(|k| format!("i{}", 100 + k)).collect();
    let bridge = format!(
        "[{}]\n{}\nfinish({})\n",
        inputs.join(", "),
        sums.join("\n"),
        outs.join(", ")
    );
    let p = Program {
        main: &main,
        bridges: &[(0, 3, &bridge)],
        funcs: &[],
    };
    let args: Vec<u64> = (0..n as u64).map(|k| 3 + 1000 * k).collect();
    let (e, _) = run_both(&p, &[0], |_| args.clone());
    let saved: Vec<u64> = [0]
        .into_iter()
        .chain((1..n as u64).map(|k| 3 + 1000 * k))
        .chain([0])
        .chain((1..7).map(|k| 3 + 1000 * k))
        .collect();
    let want: Vec<u64> = saved
        .iter()
        .enumerate()
        .map(|(k, x)| x + k as u64)
        .collect();
    assert_eq!(e.values, want);
}

#[test]
fn bridge_jumps_back_to_the_loop() {
    // odd counters take the bridge: add 100 and continue the loop
    let bridge = "
[i0, i1]
i2 = int_add(i1, 100)
jump(i0, i2, descr=L0)
";
    let p = Program {
        main: BRIDGED_LOOP,
        bridges: &[(0, 3, bridge)],
        funcs: &[],
    };
    let (e, _) = run_both(&p, &[0], |_| vec![10, 0]);
    // 9,7,5,3,1 take the bridge; 8,6,4,2 add one; 0 leaves
    assert_eq!((e.trace, e.op, e.values), (TraceId(0), 6, vec![0, 505]));
}

#[test]
fn bridge_ending_in_finish_and_a_bridge_on_a_bridge() {
    let bridge = "
[i0, i1]
i2 = int_lt(i0, 5)
guard_false(i2) [i0, i1, 9]
i3 = int_add(i1, 100)
jump(i0, i3, descr=L0)
";
    let second = "
[i0, i1, i2]
i3 = int_mul(i1, i2)
finish(i3, i0)
";
    let p = Program {
        main: BRIDGED_LOOP,
        bridges: &[(0, 3, bridge), (1, 1, second)],
        funcs: &[],
    };
    let (e, _) = run_both(&p, &[0], |_| vec![10, 0]);
    // 9, 7, 5 take the first bridge (+100 each), 8, 6, 4 add one; at 3
    // the second bridge finishes
    assert_eq!((e.trace, e.op, e.values), (TraceId(2), 1, vec![303 * 9, 3]));
}

/// A small LCG: deterministic random numbers without dependencies.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 11
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_straight_line_int_traces() {
    let ops: Vec<Opcode> = ALL_OPCODES
        .iter()
        .copied()
        .filter(|o| o.is_pure() && o.result_kind() == Some(Kind::Int))
        .filter(|o| arg_kinds(*o).iter().all(|k| *k == Kind::Int) && !o.name().ends_with("_ovf"))
        .collect();
    let mut rng = Lcg(12345);
    let d = Descrs::default();
    for round in 0..200 {
        let mut t = Trace::default();
        let mut ints: Vec<Var> = Vec::new();
        for _ in 0..1 + rng.below(6) {
            let v = t.new_var(Kind::Int);
            t.inputargs.push(v);
            ints.push(v);
        }
        for _ in 0..rng.below(40) {
            let op = ops[rng.below(ops.len())];
            let n = arg_kinds(op).len();
            let args = (0..n)
                .map(|k| {
                    if k == 1 && matches!(op, Opcode::IntPyDiv | Opcode::IntPyMod) {
                        // a divisor the codewriter lets through
                        Value::int([3, 7, -5, 1000003, i64::MIN][rng.below(5)])
                    } else if rng.below(4) == 0 {
                        Value::int(INTS[rng.below(INTS.len())])
                    } else {
                        Value::Var(ints[rng.below(ints.len())])
                    }
                })
                .collect();
            let r = t.new_var(op.result_kind().unwrap());
            t.ops.push(Op::new(op, args, Some(r)));
            ints.push(r);
            if rng.below(8) == 0 {
                // a guard that may fail, saving a few boxes
                let g = Value::Var(ints[rng.below(ints.len())]);
                let code = if rng.below(2) == 0 {
                    Opcode::GuardTrue
                } else {
                    Opcode::GuardFalse
                };
                let saved = (0..rng.below(5))
                    .map(|_| Value::Var(ints[rng.below(ints.len())]))
                    .collect();
                t.ops
                    .push(Op::new(code, vec![g], None).with_guard(saved, 0));
            }
        }
        let outs = (0..1 + rng.below(8))
            .map(|_| Value::Var(ints[rng.below(ints.len())]))
            .collect();
        t.ops.push(Op::new(Opcode::Finish, outs, None));
        verify(&t, &d).unwrap();
        let args: Vec<u64> = t
            .inputargs
            .iter()
            .map(|_| INTS[rng.below(INTS.len())] as u64 ^ (rng.next() % 3))
            .collect();
        let mut x86 = X86Backend::new();
        let mut interp = TraceInterp::new();
        let xi = x86.compile_loop(&t, &d).unwrap();
        let ii = interp.compile_loop(&t, &d).unwrap();
        assert_eq!(
            x86.run(xi, &args),
            interp.run(ii, &args),
            "round {round}: {t:?} on {args:?}"
        );
    }
}

#[test]
fn loop_carries_a_box_defined_before_its_label() {
    let main = "
[i0, i1]
i5 = int_mul(i1, 3)
label(i0, descr=L0)
i2 = int_sub(i0, 1)
i3 = int_add(i2, i5)
i4 = int_gt(i2, 0)
guard_true(i4) [i2, i3, i5]
jump(i2, descr=L0)
";
    let e = run_simple(main, &[10, 7]);
    assert_eq!((e.op, e.values), (5, vec![0, 21, 21]));
}

#[test]
fn jumps_swapping_values_move_in_parallel() {
    let main = "
[i0, i1, i2, f5, f6]
label(i0, i1, i2, f5, f6, descr=L0)
i3 = int_sub(i2, 1)
i4 = int_gt(i3, 0)
guard_true(i4) [i0, i1, i3, f5, f6]
jump(i1, i0, i3, f6, f5, descr=L0)
";
    let (a, b) = (1.5f64.to_bits(), 2.5f64.to_bits());
    let e = run_simple(main, &[11, 22, 6, a, b]);
    // five swaps
    assert_eq!((e.op, e.values), (3, vec![22, 11, 0, b, a]));
}

// ---- operands of instructions with fixed registers

/// The boxes `i{from}..i{to}` as a comma-separated list.
fn boxes(range: std::ops::Range<usize>) -> String {
    range
        .map(|k| format!("i{k}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Twelve inputs live across a call: `i0..i4` stay in the callee-saved
/// registers, the call spills `i5..i11` (slots 0..6); its result and six
/// new boxes then fill every register, so defining `i19 = OP(i{a},
/// i{b})`, whose operands die in their slots, has to spill a box.
fn division_after_a_call(op: &str, a: usize, b: usize) -> String {
    let rest: Vec<String> = (0..19)
        .filter(|&k| k != a && k != b)
        .map(|k| format!("i{k}"))
        .collect();
    format!(
        "@call mix3 iii:i any\n[{}]\ni12 = call_i(1, 2, 3, descr=mix3)\n{}\n\
         i19 = {op}(i{a}, i{b})\nfinish(i19, {})\n",
        boxes(0..12),
        (13..19)
            .map(|k| format!("i{k} = int_add(i0, {k})"))
            .collect::<Vec<_>>()
            .join("\n"),
        rest.join(", ")
    )
}

#[test]
fn division_operands_dying_in_slots_under_pressure() {
    // the dividend, then the divisor, in the slot the spill takes first
    for op in ["int_py_div", "int_py_mod"] {
        for (a, b) in [(5, 6), (6, 5), (7, 8), (11, 5)] {
            let main = division_after_a_call(op, a, b);
            let p = Program {
                main: &main,
                bridges: &[],
                funcs: RANDOM_FUNCS,
            };
            let args: Vec<u64> = (0..12).map(|k| 1000 + 37 * k).collect();
            run_both(&p, &[0], |_| args.clone());
        }
    }
}

#[test]
fn division_in_a_bridge_whose_inputs_are_in_slots() {
    // the guard after the call saves i5..i11 in slots: the bridge's
    // inputs start there, and its division by one of them must read it
    // before spilling anything
    let main = format!(
        "@call mix3 iii:i any\n[{all}]\ni12 = call_i(1, 2, 3, descr=mix3)\n\
         guard_false(i12) [{all}, i12]\nfinish(i12)\n",
        all = boxes(0..12)
    );
    for op in ["int_py_div", "int_py_mod"] {
        for (a, b) in [(5, 6), (6, 5), (9, 5)] {
            let fill: Vec<String> = (13..19)
                .map(|k| format!("i{k} = int_add(i0, {k})"))
                .collect();
            let rest: Vec<String> = (0..19)
                .filter(|&k| k != a && k != b)
                .map(|k| format!("i{k}"))
                .collect();
            let bridge = format!(
                "[{}]\n{}\ni19 = {op}(i{a}, i{b})\nfinish(i19, {})\n",
                boxes(0..13),
                fill.join("\n"),
                rest.join(", ")
            );
            let p = Program {
                main: &main,
                bridges: &[(0, 1, &bridge)],
                funcs: RANDOM_FUNCS,
            };
            let args: Vec<u64> = (0..12).map(|k| 1000 + 37 * k).collect();
            let (e, _) = run_both(&p, &[0], |_| args.clone());
            assert_eq!(e.trace, TraceId(1), "the bridge ran");
        }
    }
}

#[test]
fn division_with_operands_and_live_boxes_in_rax_and_rdx() {
    // i0 and i1 take rax and rdx (the first allocatable registers): as
    // operands of divisions, and as live boxes around others
    let main = format!(
        "[{all}]\ni12 = int_py_div(i1, i0)\ni13 = int_py_mod(i0, i1)\n\
         i14 = int_py_div(i5, i0)\ni15 = int_py_mod(i6, 7)\ni16 = int_py_div(i1, 3)\n\
         i17 = int_py_mod(i2, i3)\nfinish(i12, i13, i14, i15, i16, i17, {all})\n",
        all = boxes(0..12)
    );
    let mut args: Vec<u64> = (0..12).map(|k| 1000 + 37 * k).collect();
    args[0] = -7i64 as u64;
    args[1] = 1 << 40;
    let e = run_simple(&main, &args);
    let (q, r) = (-(1i64 << 40) / 7 - 1, (1i64 << 40) - 7);
    assert_eq!(e.values[..2], [q as u64, r as u64]);
}

#[test]
fn shift_counts_from_registers_slots_and_constants() {
    // counts and shifted boxes everywhere, rcx (the count register)
    // never holding a box; the counts die in slots under pressure
    for op in ["int_lshift", "int_rshift"] {
        let main = division_after_a_call(op, 5, 6).replace(
            "finish(",
            &format!("i20 = {op}(i0, i12)\ni21 = {op}(i13, 3)\nfinish(i20, i21, "),
        );
        let p = Program {
            main: &main,
            bridges: &[],
            funcs: RANDOM_FUNCS,
        };
        let args: Vec<u64> = (0..12).map(|k| 0x1234_5678 + 3 * k).collect();
        run_both(&p, &[0], |_| args.clone());
    }
}

#[test]
fn calls_clobbering_every_caller_saved_register() {
    // twelve live boxes and three floats around back-to-back calls, the
    // first result an argument of the second and live after both
    let main = format!(
        "@call mix3 iii:i any\n@call fmix ffi:f any\n[{all}, f20, f21, f22]\n\
         i12 = call_i(i0, i6, i11, descr=mix3)\ni13 = call_i(i12, i1, i7, descr=mix3)\n\
         f23 = call_f(f20, f21, i12, descr=fmix)\ni14 = int_py_mod(i13, 1000)\n\
         finish(i12, i13, i14, f23, {all}, f20, f21, f22)\n",
        all = boxes(0..12)
    );
    let p = Program {
        main: &main,
        bridges: &[],
        funcs: RANDOM_FUNCS,
    };
    let mut args: Vec<u64> = (0..12).map(|k| 5 + 11 * k).collect();
    args.extend([1.5f64, -2.0, 8.25].map(f64::to_bits));
    run_both(&p, &[0], |_| args.clone());
}

// ---- random traces with bridges, under register pressure

unsafe extern "C" fn mix3(args: *const u64) -> u64 {
    let a = std::slice::from_raw_parts(args, 3);
    a[0].wrapping_mul(31)
        .wrapping_add(a[1] ^ 0x55)
        .wrapping_sub(a[2] << 3)
}

unsafe extern "C" fn fmix(args: *const u64) -> u64 {
    let a = std::slice::from_raw_parts(args, 3);
    let x = f64::from_bits(a[0]) * 0.5 - f64::from_bits(a[1]);
    (x + (a[2] as i64 % 1000) as f64).to_bits()
}

/// The descrs random traces use: two calls and a memory block of 16
/// words (`m.a`, `m.f` fields, `m.w` word and `m.b` byte arrays).
const RANDOM_DECLS: &str = "@call mix3 iii:i any
@call fmix ffi:f any
@field m.a 8 8 i
@field m.f 16 8 f
@array m.w 24 8 i
@array m.b 32 1 i
";

const RANDOM_FUNCS: &[(&str, JitFn)] = &[("mix3", mix3), ("fmix", fmix)];

/// Writes random traces as text: every shape the register allocator
/// treats specially (`idiv`'s rax and rdx, shift counts in rcx, calls,
/// memory addresses, fused and overflow guards, the bridges of guards and
/// their jumps back to the loop) among many live boxes.
struct TraceGen {
    rng: Lcg,
    next: usize,
    ints: Vec<String>,
    floats: Vec<String>,
    /// The memory block's box (always a fail arg).
    mem: String,
    /// Boxes every guard saves first (the loop counter).
    keep: Vec<String>,
    lines: Vec<String>,
    /// Each guard's op index and fail argument kinds.
    guards: Vec<(usize, Vec<char>)>,
}

impl TraceGen {
    fn new(seed: u64) -> TraceGen {
        TraceGen {
            rng: Lcg(seed),
            next: 0,
            ints: Vec::new(),
            floats: Vec::new(),
            mem: String::new(),
            keep: Vec::new(),
            lines: Vec::new(),
            guards: Vec::new(),
        }
    }

    fn fresh(&mut self, kind: char) -> String {
        self.next += 1;
        let v = format!("{kind}{}", self.next);
        match kind {
            'f' => self.floats.push(v.clone()),
            'p' => self.mem = v.clone(),
            _ => self.ints.push(v.clone()),
        }
        v
    }

    fn pick(&mut self, kind: char) -> String {
        if kind == 'i' && self.ints.is_empty() {
            let r = self.fresh('i');
            self.emit(format!("{r} = int_add(17, 4)"));
        }
        if kind == 'f' && self.floats.is_empty() {
            let a = self.pick('i');
            let r = self.fresh('f');
            self.emit(format!("{r} = cast_int_to_float({a})"));
        }
        let pool = if kind == 'f' {
            &self.floats
        } else {
            &self.ints
        };
        pool[self.rng.below(pool.len())].clone()
    }

    /// An int operand: usually a box, sometimes a constant.
    fn int_operand(&mut self) -> String {
        if self.rng.below(5) == 0 {
            INTS[self.rng.below(INTS.len())].to_string()
        } else {
            self.pick('i')
        }
    }

    fn emit(&mut self, line: String) {
        self.lines.push(line);
    }

    /// `r = op(a, b)` for a two-operand int op.
    fn binary(&mut self, op: &str, a: String, b: String) -> String {
        let r = self.fresh('i');
        self.emit(format!("{r} = {op}({a}, {b})"));
        r
    }

    /// A divisor box the codewriter would let through: in 1..=256 or
    /// -257..=-2.
    fn divisor(&mut self) -> String {
        let x = self.pick('i');
        let low = self.binary("int_and", x, "255".into());
        if self.rng.below(2) == 0 {
            self.binary("int_add", low, "1".into())
        } else {
            self.binary("int_sub", "-2".into(), low)
        }
    }

    fn division(&mut self) {
        let op = ["int_py_div", "int_py_mod"][self.rng.below(2)];
        let b = match self.rng.below(3) {
            0 => ["3", "7", "-5", "16", "1000003"][self.rng.below(5)].to_string(),
            _ => self.divisor(),
        };
        let a = self.int_operand();
        self.binary(op, a, b);
    }

    fn int_op(&mut self) {
        let ops = [
            "int_add",
            "int_sub",
            "int_mul",
            "int_and",
            "int_or",
            "int_xor",
            "int_lshift",
            "int_rshift",
            "int_lt",
            "int_eq",
            "int_ge",
            "uint_lt",
            "uint_ge",
            "int_neg",
            "int_invert",
            "int_is_zero",
        ];
        let op = ops[self.rng.below(ops.len())];
        let a = self.int_operand();
        let b = self.int_operand();
        if matches!(op, "int_neg" | "int_invert" | "int_is_zero") {
            let r = self.fresh('i');
            self.emit(format!("{r} = {op}({a})"));
        } else {
            self.binary(op, a, b);
        }
    }

    fn float_op(&mut self) {
        if self.floats.is_empty() || self.rng.below(4) == 0 {
            let a = self.pick('i');
            let r = self.fresh('f');
            self.emit(format!("{r} = cast_int_to_float({a})"));
            return;
        }
        let ops = [
            "float_add",
            "float_mul",
            "float_sub",
            "float_truediv",
            "float_lt",
            "float_eq",
            "float_ge",
            "float_neg",
            "cast_float_to_int",
        ];
        let op = ops[self.rng.below(ops.len())];
        let (a, b) = (self.pick('f'), self.pick('f'));
        let int_result = matches!(
            op,
            "float_lt" | "float_eq" | "float_ge" | "cast_float_to_int"
        );
        let r = self.fresh(if int_result { 'i' } else { 'f' });
        match op {
            "float_neg" | "cast_float_to_int" => self.emit(format!("{r} = {op}({a})")),
            _ => self.emit(format!("{r} = {op}({a}, {b})")),
        }
    }

    fn call(&mut self) {
        if !self.floats.is_empty() && self.rng.below(3) == 0 {
            let (a, b, c) = (self.pick('f'), self.pick('f'), self.pick('i'));
            let r = self.fresh('f');
            self.emit(format!("{r} = call_f({a}, {b}, {c}, descr=fmix)"));
        } else {
            let (a, b, c) = (self.int_operand(), self.int_operand(), self.int_operand());
            let r = self.fresh('i');
            self.emit(format!("{r} = call_i({a}, {b}, {c}, descr=mix3)"));
        }
    }

    /// An index into the block's arrays: a box in 0..=3, or a constant.
    fn index(&mut self) -> String {
        if self.rng.below(3) == 0 {
            return self.rng.below(4).to_string();
        }
        let x = self.pick('i');
        self.binary("int_and", x, "3".into())
    }

    fn memory(&mut self) {
        let p = self.mem.clone();
        match self.rng.below(6) {
            0 => {
                let r = self.fresh('i');
                self.emit(format!("{r} = getfield_gc_i({p}, descr=m.a)"));
            }
            1 => {
                let v = self.int_operand();
                self.emit(format!("setfield_gc({p}, {v}, descr=m.a)"));
            }
            2 if !self.floats.is_empty() => {
                let v = self.pick('f');
                self.emit(format!("setfield_gc({p}, {v}, descr=m.f)"));
            }
            2 => {
                let r = self.fresh('f');
                self.emit(format!("{r} = getfield_gc_f({p}, descr=m.f)"));
            }
            k => {
                let arr = ["m.w", "m.b"][self.rng.below(2)];
                let i = self.index();
                if k == 3 {
                    let r = self.fresh('i');
                    self.emit(format!("{r} = getarrayitem_gc_i({p}, {i}, descr={arr})"));
                } else {
                    let v = self.int_operand();
                    self.emit(format!("setarrayitem_gc({p}, {i}, {v}, descr={arr})"));
                }
            }
        }
    }

    /// Fail args: the block, the kept boxes, then a few boxes and
    /// constants.
    fn fail_args(&mut self) -> (Vec<String>, Vec<char>) {
        let mut args: Vec<String> = [self.mem.clone()]
            .into_iter()
            .chain(self.keep.iter().cloned())
            .collect();
        for _ in 0..self.rng.below(12) {
            let a = match self.rng.below(8) {
                0 => self.rng.below(100).to_string(),
                1 if !self.floats.is_empty() => self.pick('f'),
                _ => self.pick('i'),
            };
            args.push(a);
        }
        let kinds = args
            .iter()
            .map(|a| {
                ['f', 'p']
                    .into_iter()
                    .find(|&k| a.starts_with(k))
                    .unwrap_or('i')
            })
            .collect();
        (args, kinds)
    }

    /// A guard that may fail: on a test fused into it, a box, or the
    /// overflow of an add.
    fn guard(&mut self) {
        let (a, b) = (self.pick('i'), self.int_operand());
        let code = match self.rng.below(6) {
            0 => {
                let test = ["int_is_true", "int_is_zero"][self.rng.below(2)];
                let c = self.fresh('i');
                self.emit(format!("{c} = {test}({a})"));
                format!("guard_true({c})")
            }
            1 => {
                let c = self.binary("int_lt", a, b);
                format!("guard_false({c})")
            }
            2 => {
                let op = ["int_add_ovf", "int_sub_ovf", "int_mul_ovf"][self.rng.below(3)];
                self.binary(op, a, b);
                ["guard_no_overflow()", "guard_overflow()"][self.rng.below(2)].to_string()
            }
            3 => format!("guard_value({a}, {})", self.rng.below(3)),
            _ => format!("guard_true({a})"),
        };
        let (args, kinds) = self.fail_args();
        self.guards.push((self.lines.len(), kinds));
        self.emit(format!("{code} [{}]", args.join(", ")));
    }

    /// `n` random ops.
    fn ops(&mut self, n: usize) {
        for _ in 0..n {
            match self.rng.below(12) {
                0 | 1 => self.division(),
                2 => self.float_op(),
                3 => self.call(),
                4 => self.guard(),
                5 => self.memory(),
                _ => self.int_op(),
            }
        }
    }

    /// `finish` of many live boxes (keeping the pressure on to the end).
    fn finish(&mut self) {
        let n = 1 + self.rng.below(24);
        let outs: Vec<String> = (0..n)
            .map(|_| {
                if !self.floats.is_empty() && self.rng.below(5) == 0 {
                    self.pick('f')
                } else {
                    self.pick('i')
                }
            })
            .collect();
        self.emit(format!("finish({})", outs.join(", ")));
    }

    /// Counts `counter` down and, while it is positive, jumps to the loop
    /// with it and random boxes of the label's `kinds`.
    fn jump_back(&mut self, counter: &str, kinds: &[char]) {
        let c = self.binary("int_sub", counter.to_string(), "1".into());
        let positive = self.binary("int_gt", c.clone(), "0".into());
        self.keep = vec![c.clone()];
        let (args, fail_kinds) = self.fail_args();
        self.guards.push((self.lines.len(), fail_kinds));
        self.emit(format!("guard_true({positive}) [{}]", args.join(", ")));
        let args: Vec<String> = kinds
            .iter()
            .enumerate()
            .map(|(k, &kind)| match (k, kind) {
                (0, _) => self.mem.clone(),
                (1, _) => c.clone(),
                (_, 'f') => self.pick('f'),
                _ => self.pick('i'),
            })
            .collect();
        self.emit(format!("jump({}, descr=L0)", args.join(", ")));
    }

    /// `[inputs]` of the given kinds, as a header line, and their names.
    fn inputs(&mut self, kinds: &[char]) -> (String, Vec<String>) {
        let names: Vec<String> = kinds.iter().map(|&k| self.fresh(k)).collect();
        (format!("[{}]", names.join(", ")), names)
    }

    fn text(&mut self, header: &str) -> String {
        let body = std::mem::take(&mut self.lines).join("\n");
        format!("{RANDOM_DECLS}{header}\n{body}\n")
    }
}

/// A random bridge for a guard whose fail args have `kinds` (the block,
/// and for a loop's guards the counter, first): it finishes or, if
/// `loop_kinds` are given, may count down and jump back to the loop.
/// Returns its text and its guards.
fn random_bridge(
    seed: u64,
    kinds: &[char],
    loop_kinds: Option<&[char]>,
) -> (String, Vec<(usize, Vec<char>)>) {
    let mut g = TraceGen::new(seed);
    let (header, names) = g.inputs(kinds);
    if loop_kinds.is_some() {
        g.keep = vec![names[1].clone()];
    }
    let n = g.rng.below(30);
    g.ops(n);
    match loop_kinds {
        Some(lk) if g.rng.below(3) != 0 => g.jump_back(&names[1], lk),
        _ => g.finish(),
    }
    let guards = std::mem::take(&mut g.guards);
    (g.text(&header), guards)
}

/// A random trace (a loop counting down from its second input when
/// `looping`), a random bridge for each of its guards and one for each
/// guard of those bridges, in compilation order (trace `k + 1` is the
/// `k`-th bridge).
fn random_program(seed: u64, looping: bool) -> (String, Vec<char>, Vec<(u32, usize, String)>) {
    let mut g = TraceGen::new(seed);
    let mut kinds = vec!['p'];
    kinds.extend(vec!['i'; 4 + g.rng.below(16)]);
    kinds.extend(vec!['f'; g.rng.below(4)]);
    let (header, names) = g.inputs(&kinds);
    if looping {
        g.keep = vec![names[1].clone()];
        g.emit(format!("label({}, descr=L0)", names.join(", ")));
    }
    let n = 10 + g.rng.below(40);
    g.ops(n);
    if looping {
        g.jump_back(&names[1].clone(), &kinds);
    } else {
        g.finish();
    }
    let guards = std::mem::take(&mut g.guards);
    let main = g.text(&header);
    let loop_kinds = looping.then_some(&kinds[..]);
    let mut bridges = Vec::new();
    for (k, (op, fk)) in guards.iter().enumerate() {
        let seed = seed * 100 + k as u64;
        let (text, inner) = random_bridge(seed, fk, loop_kinds);
        bridges.push((0, *op, text));
        let id = bridges.len() as u32;
        for (j, (op, fk)) in inner.iter().enumerate() {
            let (text, _) = random_bridge(seed * 100 + j as u64, fk, loop_kinds);
            bridges.push((id, *op, text));
        }
    }
    (main, kinds, bridges)
}

/// Random inputs of `kinds` (the block's address first, a small loop
/// counter second).
fn random_args(rng: &mut Lcg, kinds: &[char], block: u64) -> Vec<u64> {
    kinds
        .iter()
        .enumerate()
        .map(|(k, &kind)| match (k, kind) {
            (0, _) => block,
            (1, _) => 1 + rng.below(20) as u64,
            (_, 'f') => FLOATS[rng.below(FLOATS.len())].to_bits(),
            _ => INTS[rng.below(INTS.len())] as u64 ^ (rng.next() % 5),
        })
        .collect()
}

fn random_programs_agree(seeds: std::ops::Range<u64>, looping: bool) {
    for seed in seeds {
        let (main, kinds, bridges) = random_program(seed, looping);
        let refs: Vec<(u32, usize, &str)> = bridges
            .iter()
            .map(|(t, o, s)| (*t, *o, s.as_str()))
            .collect();
        let p = Program {
            main: &main,
            bridges: &refs,
            funcs: RANDOM_FUNCS,
        };
        for run in 0..4u64 {
            let mut rng = Lcg(seed * 7 + run);
            let memory: Vec<u64> = (0..16).map(|_| rng.next()).collect();
            let args = random_args(&mut rng, &kinds, 0);
            run_both(&p, &memory, |block| {
                [vec![block], args[1..].to_vec()].concat()
            });
        }
    }
}

#[test]
fn random_traces_with_bridges_under_pressure() {
    random_programs_agree(0..500, false);
}

#[test]
fn random_loops_with_bridges_jumping_back() {
    random_programs_agree(1000..1500, true);
}
