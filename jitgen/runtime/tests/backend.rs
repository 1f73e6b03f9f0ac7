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
