//! The interpreters in goal/ run their example programs (goal/NAME/*) with
//! the expected output NAME.out, untranslated, translated to native code,
//! and translated with the JIT (every loop traced at once or after one
//! run, guards made into bridges early, on both JIT backends).
//! (The long Brainfuck benchmarks, bench/bf/*.b, belong to bench/.)

mod common;
use common::*;
use std::path::Path;

/// (interpreter, example folder, example extension)
const INTERPRETERS: &[(&str, &str, &str)] = &[
    ("goal/bf.rpy", "goal/bf", "b"),
    ("goal/stackvm.rpy", "goal/stackvm", "svm"),
    ("goal/objlang.rpy", "goal/objlang", "obj"),
];

fn check(what: &str, out: &std::process::Output, expected: &Path, failures: &mut Vec<String>) {
    let want = std::fs::read(expected).unwrap();
    if out.stdout != want || !out.status.success() {
        failures.push(format!(
            "{what}: exit {:?}, stdout {}\n{}",
            out.status.code(),
            if out.stdout == want {
                "as expected"
            } else {
                "differs"
            },
            String::from_utf8_lossy(&out.stderr)
        ));
    }
}

/// The JIT settings the examples run under, on both backends: every
/// loop traced at once, and every loop run once before it is traced
/// (other traces: goal/bf/squares.b once got a guard whose pending stores
/// were done in the wrong order).
const JIT_RUNS: &[(&str, &str)] = &[
    ("x86", "threshold=1,trace_eagerness=2"),
    ("interp", "threshold=1,trace_eagerness=2"),
    ("x86", "threshold=2,trace_eagerness=1"),
    ("interp", "threshold=2,trace_eagerness=1"),
];

#[test]
fn goal_interpreters_run_their_examples() {
    let dir = std::env::temp_dir().join(format!("rpy-goal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    let mut total = 0;
    for (interp, folder, ext) in INTERPRETERS {
        let native = dir.join(Path::new(interp).file_stem().unwrap());
        let jit = native.with_extension("jit");
        let mut built_all = true;
        for (exe, extra) in [(&native, None), (&jit, Some("--opt=jit"))] {
            let built = translate()
                .args(extra)
                .arg(interp)
                .arg("-o")
                .arg(exe)
                .output()
                .unwrap();
            if !built.status.success() {
                built_all = false;
                failures.push(format!(
                    "translate {interp} {extra:?}:\n{}",
                    String::from_utf8_lossy(&built.stderr)
                ));
            }
        }
        if !built_all {
            continue;
        }
        for example in files(folder, ext) {
            let expected = example.with_extension("out");
            if !expected.exists() {
                continue;
            }
            total += 1;
            let ex = rel(&example);
            let untranslated = translate()
                .args(["--interp", interp, &ex])
                .output()
                .unwrap();
            check(
                &format!("--interp {interp} {ex}"),
                &untranslated,
                &expected,
                &mut failures,
            );
            let translated = std::process::Command::new(&native)
                .arg(&ex)
                .current_dir(root())
                .stdin(std::process::Stdio::null())
                .output()
                .unwrap();
            check(
                &format!("{} {ex}", native.display()),
                &translated,
                &expected,
                &mut failures,
            );
            for (backend, setting) in JIT_RUNS {
                let rpyjit = format!("backend={backend},{setting}");
                let jitted = std::process::Command::new(&jit)
                    .arg(&ex)
                    .env("RPYJIT", &rpyjit)
                    .current_dir(root())
                    .stdin(std::process::Stdio::null())
                    .output()
                    .unwrap();
                check(
                    &format!("RPYJIT={rpyjit} {} {ex}", jit.display()),
                    &jitted,
                    &expected,
                    &mut failures,
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        total >= 9,
        "expected the example programs of the three interpreters"
    );
    report(failures, total);
}
