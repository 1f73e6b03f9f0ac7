//! The random differential tester in CI: its generators' self-test, and a
//! fixed sample of seeds (general and interpreter-shaped programs) run on
//! CPython and in every rpy mode with this build's `translate`; any
//! disagreement fails the test with the tester's report. Needs python3
//! (skipped without it, as the CPython comparisons of programs.rs are).
//! Any number of seeds: `python3 tests/difftest/run.py --count N --jobs 2`.

mod common;
use common::*;
use std::process::Command;

/// The sample: seeds FIRST_SEED.. (odd ones interpreter-shaped).
const FIRST_SEED: u32 = 1;
const SAMPLE: u32 = 24;

fn python_script(script: &str, args: &[String]) -> std::process::Output {
    Command::new("python3")
        .arg(root().join("tests/difftest").join(script))
        .args(args)
        .current_dir(root())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// The last line a tester script printed, and everything it printed.
fn summary(out: &std::process::Output) -> (String, String) {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let last = String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .unwrap_or("")
        .to_string();
    (last, text)
}

#[test]
fn generated_programs_are_deterministic_and_valid() {
    if !have_python() {
        eprintln!("python3 not found: the difftest generators are not checked");
        return;
    }
    let out = python_script("test_generator.py", &["--count".into(), "20".into()]);
    let (last, text) = summary(&out);
    assert!(
        out.status.success() && last == "40 programs, 0 generator bugs",
        "{text}"
    );
}

#[test]
fn a_fixed_sample_agrees_with_cpython_in_every_mode() {
    if !have_python() {
        eprintln!("python3 not found: the difftest sample is skipped");
        return;
    }
    let out_dir = std::env::temp_dir().join(format!("rpy-difftest-{}", std::process::id()));
    let args: Vec<String> = [
        "--count",
        &SAMPLE.to_string(),
        "--seed",
        &FIRST_SEED.to_string(),
        "--jobs",
        "2",
        "--family",
        "mixed",
        "--no-reduce",
        "--quiet",
        "--translate",
        env!("CARGO_BIN_EXE_translate"),
        "--out",
        &out_dir.display().to_string(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let out = python_script("run.py", &args);
    let (last, text) = summary(&out);
    let want = format!("{SAMPLE} programs, 0 findings");
    assert!(
        out.status.success() && last == want,
        "{text}\n(the findings' programs and outputs are under {})",
        out_dir.display()
    );
    let _ = std::fs::remove_dir_all(&out_dir);
}
