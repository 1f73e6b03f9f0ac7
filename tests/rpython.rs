//! PyPy's RPython interpreters ported to Python 3 (tests/rpython/NAME/:
//! the ports, their inputs and expected outputs; tests/rpython/README.md
//! says which work and what the others need). Each `.rpy` file there is
//! a port's main program; its header lines give its cases:
//!
//! - `# test: ARGS => FILE.out` — a small run and its expected stdout
//!   (`# bench:` lines are the benchmark-sized runs, for bench/, not run here);
//! - `# rpy-error: FILE:LINE:COL: TEXT` — rpy refuses the port, and this is
//!   its first error (the same in every mode).
//!
//! The tests: every case's expected output is what CPython prints
//! (running the port through tests/rpython/cpython_env.py); a port with
//! an `rpy-error` is refused by `--interp`, native and JIT translation with
//! exactly that first error — once rpy gets further, the test says so and
//! the header and README.md are to be updated (a port that then works loses
//! its `rpy-error` line); every other port runs its cases untranslated,
//! translated to native code, and with the JIT (default settings and
//! `RPYJIT=threshold=1`), each with the expected output.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

struct Port {
    main: PathBuf,
    cases: Vec<(Vec<String>, PathBuf)>,
    rpy_error: Option<String>,
}

fn ports() -> Vec<Port> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/rpython"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut ports = Vec::new();
    for dir in dirs {
        for main in files(&rel(&dir), "rpy") {
            let text = std::fs::read_to_string(&main).unwrap();
            let cases = headers(&text, "test")
                .into_iter()
                .map(|case| {
                    let (args, out) = case
                        .split_once(" => ")
                        .unwrap_or_else(|| panic!("{}: bad `# test:` line {case:?}", rel(&main)));
                    let args = args.split_whitespace().map(str::to_string).collect();
                    (args, dir.join(out.trim()))
                })
                .collect::<Vec<_>>();
            assert!(!cases.is_empty(), "{}: no `# test:` line", rel(&main));
            ports.push(Port {
                rpy_error: header(&text, "rpy-error"),
                main,
                cases,
            });
        }
    }
    assert!(ports.len() >= 10, "expected the ten ports of tests/rpython");
    ports
}

/// A run's stdout with the timings some targets print, `(0.0123 seconds)`,
/// replaced by `(T seconds)` as in the expected outputs.
fn normalized(stdout: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(stdout);
    let mut out = String::new();
    let mut rest: &str = &text;
    while let Some(i) = rest.find(" seconds)") {
        let head = &rest[..i];
        let start = head.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
        if start.ends_with('(') && start.len() < head.len() {
            out.push_str(start);
            out.push('T');
        } else {
            out.push_str(head);
        }
        out.push_str(" seconds)");
        rest = &rest[i + " seconds)".len()..];
    }
    out.push_str(rest);
    out.into_bytes()
}

fn check(what: &str, out: &Output, expected: &Path, failures: &mut Vec<String>) {
    let want = match std::fs::read(expected) {
        Ok(w) => w,
        Err(e) => {
            failures.push(format!("{what}: cannot read {}: {e}", rel(expected)));
            return;
        }
    };
    let got = normalized(&out.stdout);
    if got != want || !out.status.success() {
        failures.push(format!(
            "{what}: exit {:?}, stdout {}\n{}",
            out.status.code(),
            if got == want {
                "as expected".to_string()
            } else {
                format!(
                    "differs from {}:\n{}",
                    rel(expected),
                    String::from_utf8_lossy(&got)
                )
            },
            String::from_utf8_lossy(&out.stderr)
        ));
    }
}

fn run_in_root(mut c: Command) -> Output {
    c.current_dir(root()).stdin(Stdio::null()).output().unwrap()
}

#[test]
fn rpython_ports_expected_outputs_are_cpythons() {
    if !have_python() {
        eprintln!("python3 not found: CPython comparison skipped");
        return;
    }
    let mut failures = Vec::new();
    let mut total = 0;
    for port in ports() {
        for (args, expected) in &port.cases {
            total += 1;
            let mut c = Command::new("python3");
            c.arg("tests/rpython/cpython_env.py")
                .arg(rel(&port.main))
                .args(args);
            check(
                &format!(
                    "python3 cpython_env.py {} {}",
                    rel(&port.main),
                    args.join(" ")
                ),
                &run_in_root(c),
                expected,
                &mut failures,
            );
        }
    }
    report(failures, total);
}

/// `FILE:LINE:COL: TEXT` → the first error line rpy prints for it.
fn error_line(documented: &str) -> String {
    let mut parts = documented.splitn(4, ':');
    let (file, line, col) = (parts.next(), parts.next(), parts.next());
    let text = parts.next().map(str::trim);
    match (file, line, col, text) {
        (Some(f), Some(l), Some(c), Some(t)) => format!("{f}:{l}:{c}: error: {t}"),
        _ => panic!("bad `# rpy-error:` header {documented:?}"),
    }
}

#[test]
fn rpython_ports_refused_with_their_documented_error() {
    let dir = std::env::temp_dir().join(format!("rpy-ports-refused-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    let mut total = 0;
    for port in ports() {
        let Some(documented) = &port.rpy_error else {
            continue;
        };
        let want = error_line(documented);
        let main = rel(&port.main);
        let exe = dir.join("refused");
        let modes: [(&str, Vec<String>); 3] = [
            ("--interp", {
                let mut a = vec!["--interp".to_string(), main.clone()];
                a.extend(port.cases[0].0.iter().cloned());
                a
            }),
            (
                "native",
                vec![main.clone(), "-o".into(), exe.display().to_string()],
            ),
            (
                "--opt=jit",
                vec![
                    "--opt=jit".into(),
                    main.clone(),
                    "-o".into(),
                    exe.display().to_string(),
                ],
            ),
        ];
        for (mode, args) in modes {
            total += 1;
            let out = translate().args(&args).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            let first = stderr.lines().find(|l| l.contains(": error: "));
            let as_documented = first.is_some_and(|l| l.starts_with(&want));
            if out.status.code() != Some(1) || !as_documented {
                failures.push(format!(
                    "{main} ({mode}): expected to be refused with\n  {want}\n\
                     (its `# rpy-error:` header and tests/rpython/README.md), got exit {:?}:\n{}",
                    out.status.code(),
                    if stderr.is_empty() {
                        "(no stderr)".into()
                    } else {
                        stderr
                    }
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    report(failures, total);
}

#[test]
fn rpython_ports_that_work_run_in_every_mode() {
    let dir = std::env::temp_dir().join(format!("rpy-ports-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    let mut total = 0;
    for port in ports().into_iter().filter(|p| p.rpy_error.is_none()) {
        let main = rel(&port.main);
        let native = exe(&dir, &port.main);
        let jit = native.with_extension("jit");
        let mut built = true;
        for (exe, extra) in [(&native, None), (&jit, Some("--opt=jit"))] {
            let out = translate()
                .args(extra)
                .arg(&main)
                .arg("-o")
                .arg(exe)
                .output()
                .unwrap();
            if !out.status.success() {
                built = false;
                failures.push(format!(
                    "translate {extra:?} {main}:\n{}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
        for (args, expected) in &port.cases {
            let shown = format!("{main} {}", args.join(" "));
            total += if built { 4 } else { 1 };
            let out = translate()
                .arg("--interp")
                .arg(&main)
                .args(args)
                .output()
                .unwrap();
            check(&format!("--interp {shown}"), &out, expected, &mut failures);
            if !built {
                continue;
            }
            let mut c = Command::new(&native);
            c.args(args);
            check(
                &format!("native {shown}"),
                &run_in_root(c),
                expected,
                &mut failures,
            );
            for rpyjit in [None, Some("threshold=1")] {
                let mut c = Command::new(&jit);
                c.args(args);
                if let Some(setting) = rpyjit {
                    c.env("RPYJIT", setting);
                }
                check(
                    &format!("jit (RPYJIT={}) {shown}", rpyjit.unwrap_or("")),
                    &run_in_root(c),
                    expected,
                    &mut failures,
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    report(failures, total);
}
