//! End-to-end, with the JIT: the toy under `--opt=jit` (its squares, the
//! JIT off, every loop traced at once), the shape of its optimized loop
//! (golden, from `RPYLOG=jit-log-opt`), every program of tests/programs/
//! and goal/ under `RPYJIT=threshold=1` (bridges after two guard failures
//! or after one), and random toy-bytecode programs
//! native against JIT (thresholds and eagerness from 1 up, so guards fail
//! and bridges form). Every run goes through both backends: the x86-64 one
//! and the trace interpreter (`RPYJIT=backend=interp`).

mod common;
use common::*;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const BACKENDS: &[&str] = &["x86", "interp"];

/// A temporary folder for this test process.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rpy-jit-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs an executable with `RPYJIT` (and more environment).
fn run_with(
    exe: &Path,
    args: &[String],
    rpyjit: &str,
    env: &[(&str, &str)],
) -> std::process::Output {
    std::process::Command::new(exe)
        .args(args)
        .env("RPYJIT", rpyjit)
        .envs(env.iter().copied())
        .current_dir(root())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// target-toy-jit, built once per test process.
fn toy_jit() -> &'static Path {
    static EXE: OnceLock<PathBuf> = OnceLock::new();
    EXE.get_or_init(|| {
        let exe = scratch("toy").join("target-toy-jit");
        translate_to("goal/toy.rpy", &["--opt=jit"], &exe);
        exe
    })
}

#[test]
fn toy_jit_squares_with_every_setting() {
    let exe = toy_jit();
    for backend in BACKENDS {
        for setting in ["", "off", "threshold=1", "threshold=2,trace_eagerness=1"] {
            let rpyjit = format!("backend={backend},{setting}");
            for (n, sq) in [("12", "144\n"), ("1000000", "1000000000000\n")] {
                let out = run_with(exe, &[n.into()], &rpyjit, &[]);
                assert_eq!(
                    String::from_utf8_lossy(&out.stdout),
                    sq,
                    "RPYJIT={rpyjit} toy {n}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                assert_eq!(out.status.code(), Some(0));
            }
        }
    }
}

/// The loop section of a `jit-log-opt` file, with addresses blanked.
fn optimized_loop(log: &str) -> String {
    let mut out = String::new();
    let mut on = false;
    let mut optimized = false;
    for line in log.lines() {
        if line.starts_with("[jit-log") {
            on = false;
            optimized = line == "[jit-log-opt]";
        }
        if optimized && line.starts_with("# Loop") && line.contains(": loop with") && out.is_empty()
        {
            on = true;
        }
        if on {
            out.push_str(&blank_addresses(line));
            out.push('\n');
        }
    }
    out
}

fn blank_addresses(line: &str) -> String {
    let mut s = String::new();
    let mut rest = line;
    while let Some(i) = rest.find("0x") {
        s.push_str(&rest[..i]);
        s.push_str("0xADDR");
        rest = rest[i + 2..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    s.push_str(rest);
    s
}

#[test]
fn toy_optimized_loop_is_the_hand_written_one() {
    let dir = scratch("log");
    for backend in BACKENDS {
        let log = dir.join(format!("log-{backend}.txt"));
        let spec = format!("jit-log-opt:{}", log.display());
        let out = run_with(
            toy_jit(),
            &["100000".into()],
            &format!("backend={backend}"),
            &[("RPYLOG", &spec)],
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), "10000000000\n");
        let text = std::fs::read_to_string(&log).unwrap();
        let body = optimized_loop(&text);
        let ops: Vec<&str> = body
            .lines()
            .filter(|l| {
                !l.is_empty()
                    && !l.starts_with('#')
                    && !l.starts_with('[')
                    && !l.contains("debug_merge_point")
            })
            .collect();
        assert!(ops.len() <= 8, "more than 8 ops in the loop:\n{body}");
        assert!(
            ops.first().is_some_and(|o| o.starts_with("label(")),
            "{body}"
        );
        assert!(ops.last().is_some_and(|o| o.starts_with("jump(")), "{body}");
        for op in &ops {
            // nothing read from the bytecode (a constant list), no guard on
            // the opcode, no bounds check
            assert!(
                !op.contains("ConstPtr") || op.starts_with("guard"),
                "{op}\n{body}"
            );
            assert!(!op.contains("guard_value"), "{op}");
            assert!(!op.contains("uint_lt") && !op.contains("getfield"), "{op}");
        }
        check_golden(&root().join("tests/golden/jit/toy_loop.trace"), &body).unwrap();
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The `RPYJIT` settings every program runs under (on both backends):
/// every loop traced at once, and guards getting bridges after two
/// failures or after the first.
const PROGRAM_SETTINGS: &[&str] = &[
    "threshold=1,trace_eagerness=2",
    "threshold=1,trace_eagerness=1",
];

#[test]
fn programs_jit_with_threshold_1() {
    let start = std::time::Instant::now();
    let dir = scratch("programs");
    let progs = files("tests/programs", "rpy");
    let goals = files("goal", "rpy");
    let all: Vec<PathBuf> = progs.iter().chain(&goals).cloned().collect();
    let mut failures = translate_all(&all, &dir, &["--opt=jit"]);
    for setting in PROGRAM_SETTINGS {
        for backend in BACKENDS {
            let rpyjit = format!("backend={backend},{setting}");
            failures.extend(run_programs(&dir, &progs, &rpyjit));
            failures.extend(run_goals(&dir, &goals, &rpyjit));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "{} programs translated with the JIT and run in {:.1}s",
        all.len(),
        start.elapsed().as_secs_f64()
    );
    report(failures, all.len());
}

/// Runs every program of tests/programs (translated into `dir`) under
/// `rpyjit` against its expectation, and its JIT log against its
/// `# jit-log:` line.
fn run_programs(dir: &Path, progs: &[PathBuf], rpyjit: &str) -> Vec<String> {
    let mut failures = Vec::new();
    for p in progs {
        let want = expectation(p);
        let log = dir.join(format!("{}.log", rel(p).replace('/', "_")));
        let spec = format!("jit-log-opt:{}", log.display());
        let env: &[(&str, &str)] = match want.jit_log {
            Some(_) => &[("RPYLOG", &spec)],
            None => &[],
        };
        let out = run_with(&exe(dir, p), &want.args, rpyjit, env);
        let what = format!("RPYJIT={rpyjit} {}", rel(p));
        failures.extend(compare(&what, &out, &want, true));
        if let Some(line) = &want.jit_log {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            if !text.lines().any(|l| l == line) {
                failures.push(format!("{what}: no line {line:?} in the JIT log"));
            }
        }
    }
    failures
}

/// Runs the interpreters of goal/ (translated into `dir`) under `rpyjit`
/// against their untranslated runs.
fn run_goals(dir: &Path, goals: &[PathBuf], rpyjit: &str) -> Vec<String> {
    let mut failures = Vec::new();
    for p in goals {
        for args in goal_runs(p) {
            let native = translate()
                .arg("--interp")
                .arg(rel(p))
                .args(&args)
                .output()
                .unwrap();
            let jit = run_with(&exe(dir, p), &args, rpyjit, &[]);
            if jit.stdout != native.stdout || jit.status.code() != native.status.code() {
                failures.push(format!(
                    "RPYJIT={rpyjit} {} {args:?}: differs from --interp",
                    rel(p)
                ));
            }
        }
    }
    failures
}

// ---- random toy-bytecode programs, native against JIT

const JUMP_IF_A: i64 = 1;
const MOV_A_R: i64 = 2;
const MOV_R_A: i64 = 3;
const ADD_R_TO_A: i64 = 4;
const DECR_A: i64 = 5;
const RETURN_A: i64 = 6;

/// One piece of a random program.
#[derive(Clone, Debug)]
enum Piece {
    /// A straight-line op on a data register (3..=6).
    Op(i64, i64),
    /// A counted loop (counter register 1 or 2 by depth) around pieces.
    Loop(Vec<Piece>),
}

fn piece(depth: u32) -> BoxedStrategy<Piece> {
    let op = (
        prop_oneof![Just(MOV_A_R), Just(MOV_R_A), Just(ADD_R_TO_A), Just(DECR_A)],
        3i64..=6,
    )
        .prop_map(|(o, r)| Piece::Op(o, r));
    if depth == 0 {
        return op.boxed();
    }
    prop_oneof![
        3 => op,
        1 => prop::collection::vec(piece(depth - 1), 1..5).prop_map(Piece::Loop),
    ]
    .boxed()
}

/// Emits pieces; loops count down from r0 (the argument) in their
/// counter register, so every program terminates.
fn emit(pieces: &[Piece], depth: i64, code: &mut Vec<i64>) {
    for p in pieces {
        match p {
            Piece::Op(DECR_A, _) => code.push(DECR_A),
            Piece::Op(o, r) => code.extend([*o, *r]),
            Piece::Loop(body) => {
                let counter = depth + 1;
                code.extend([MOV_R_A, 0, MOV_A_R, counter]);
                let head = code.len() as i64;
                emit(body, depth + 1, code);
                code.extend([MOV_R_A, counter, DECR_A, MOV_A_R, counter, JUMP_IF_A, head]);
            }
        }
    }
}

fn program(pieces: &[Piece], result_reg: i64) -> Vec<i64> {
    let mut code = vec![MOV_A_R, 0];
    emit(pieces, 0, &mut code);
    code.extend([MOV_R_A, result_reg, RETURN_A]);
    code
}

fn toyvm() -> &'static (PathBuf, PathBuf) {
    static EXES: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    EXES.get_or_init(|| {
        let dir = scratch("toyvm");
        let native = dir.join("toyvm-native");
        let jit = dir.join("toyvm-jit");
        translate_to("tests/jit/toyvm.rpy", &[], &native);
        translate_to("tests/jit/toyvm.rpy", &["--opt=jit"], &jit);
        (native, jit)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_toy_programs_agree(
        pieces in prop::collection::vec(piece(2), 1..6),
        result_reg in 3i64..=6,
        n in 1i64..12,
        threshold in 1u32..6,
        eagerness in 1u32..4,
        interp in any::<bool>(),
    ) {
        let (native, jit) = toyvm();
        let code = program(&pieces, result_reg);
        let args: Vec<String> = std::iter::once(n).chain(code).map(|x| x.to_string()).collect();
        let want = run_with(native, &args, "off", &[]);
        prop_assert!(want.status.success());
        let backend = if interp { "interp" } else { "x86" };
        let rpyjit = format!("backend={backend},threshold={threshold},trace_eagerness={eagerness}");
        let got = run_with(jit, &args, &rpyjit, &[]);
        prop_assert_eq!(
            String::from_utf8_lossy(&got.stdout),
            String::from_utf8_lossy(&want.stdout),
            "RPYJIT={} args {:?}: {}", rpyjit, args, String::from_utf8_lossy(&got.stderr)
        );
        prop_assert!(got.status.success());
    }
}
