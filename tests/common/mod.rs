//! Helpers shared by the end-to-end tests: paths, running `translate`,
//! program headers, and golden files (re-bless with `RPY_BLESS=1`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The `translate` binary built for this test run.
pub fn translate() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_translate"));
    c.current_dir(root()).stdin(Stdio::null());
    c
}

/// All files in `dir` (relative to the root) with extension `ext`, sorted.
pub fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

/// A path relative to the root, as the tests pass it to `translate`.
pub fn rel(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

/// `# key: value` from the leading comment lines of a program.
pub fn header(text: &str, key: &str) -> Option<String> {
    headers(text, key).into_iter().next()
}

/// Every `# key: value` of the leading comment lines, in order.
pub fn headers(text: &str, key: &str) -> Vec<String> {
    let prefix = format!("# {key}:");
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .filter_map(|l| l.strip_prefix(&prefix).map(|v| v.trim().to_string()))
        .collect()
}

/// What a test program expects: args, stdout, exit status, stderr line.
pub struct Expect {
    pub args: Vec<String>,
    pub stdout: Vec<u8>,
    pub status: i32,
    pub stderr_line: Option<String>,
    /// A line the JIT's log (`RPYLOG=jit-log-opt`) must contain when the
    /// program runs with the JIT.
    pub jit_log: Option<String>,
    /// Why the expected output is rpy's and not CPython's (a place where
    /// the dialect differs from Python on purpose); such programs are not
    /// run on CPython.
    pub not_cpython: Option<String>,
    /// `# path: DIR`: a module directory the program imports from
    /// (`translate --path DIR`, on CPython `PYTHONPATH`).
    pub path: Option<String>,
}

/// The translate arguments a program's headers ask for (`--path DIR`).
pub fn program_args(prog: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(prog).unwrap();
    match header(&text, "path") {
        Some(dir) => vec!["--path".into(), dir],
        None => Vec::new(),
    }
}

pub fn expectation(prog: &Path) -> Expect {
    let text = std::fs::read_to_string(prog).unwrap();
    Expect {
        args: header(&text, "args")
            .map(|a| a.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default(),
        stdout: std::fs::read(prog.with_extension("out")).unwrap_or_default(),
        status: header(&text, "exit").map_or(0, |s| s.parse().unwrap()),
        stderr_line: header(&text, "stderr"),
        jit_log: header(&text, "jit-log"),
        not_cpython: header(&text, "not-cpython"),
        path: header(&text, "path"),
    }
}

/// Compare a run with the expectation; returns a description of every
/// difference (empty when it matches).
pub fn compare(what: &str, out: &Output, want: &Expect, check_stderr: bool) -> Vec<String> {
    let mut problems = Vec::new();
    if out.stdout != want.stdout {
        problems.push(format!(
            "{what}: stdout differs\n--- expected\n{}\n--- got\n{}",
            String::from_utf8_lossy(&want.stdout),
            String::from_utf8_lossy(&out.stdout)
        ));
    }
    let status = out.status.code().unwrap_or(-1);
    if status != want.status {
        problems.push(format!(
            "{what}: exit status {status}, expected {}; stderr:\n{}",
            want.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    if check_stderr {
        if let Some(line) = &want.stderr_line {
            let err = String::from_utf8_lossy(&out.stderr);
            let last = err.lines().last().unwrap_or("").replace("__main__.", "");
            if &last != line {
                problems.push(format!(
                    "{what}: last stderr line {last:?}, expected {line:?}"
                ));
            }
        }
    }
    problems
}

/// Compare `actual` with the golden file `path`; with `RPY_BLESS=1`, write it.
pub fn check_golden(path: &Path, actual: &str) -> Result<(), String> {
    if std::env::var_os("RPY_BLESS").is_some() {
        std::fs::write(path, actual).unwrap();
        return Ok(());
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected == actual {
        Ok(())
    } else {
        Err(format!(
            "{} differs (re-bless with RPY_BLESS=1):\n{}",
            rel(path),
            diff(&expected, actual)
        ))
    }
}

/// A short line diff for failure messages.
fn diff(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let mut out = String::new();
    for i in 0..e.len().max(a.len()) {
        let (x, y) = (e.get(i), a.get(i));
        if x != y {
            out.push_str(&format!(
                "line {}:\n  - {}\n  + {}\n",
                i + 1,
                x.unwrap_or(&""),
                y.unwrap_or(&"")
            ));
            if out.len() > 2000 {
                break;
            }
        }
    }
    out
}

/// Is `python3` on PATH?
pub fn have_python() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Collect failures over many cases and report them all at once.
pub fn report(failures: Vec<String>, total: usize) {
    if !failures.is_empty() {
        panic!(
            "{} of {total} failed:\n\n{}",
            failures.len(),
            failures.join("\n\n")
        );
    }
}

/// Arguments for goal programs (they have no `.out` files; they are
/// compared with `--interp`).
pub fn goal_runs(prog: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(prog).unwrap();
    match header(&text, "args") {
        Some(a) => vec![a.split_whitespace().map(str::to_string).collect()],
        None if prog.ends_with("toy.rpy") => vec![vec!["12".into()], vec!["1000".into()]],
        None => vec![Vec::new()],
    }
}

/// Translate every program into `dir` (with `extra` translate arguments),
/// first one alone (it builds the
/// runtime if needed), then the rest on two threads.
pub fn translate_all(progs: &[PathBuf], dir: &Path, extra: &[&str]) -> Vec<String> {
    let failures = Mutex::new(Vec::new());
    let translate_one = |p: &PathBuf| {
        let out = translate()
            .args(extra)
            .args(program_args(p))
            .arg(rel(p))
            .arg("-o")
            .arg(exe(dir, p))
            .output()
            .unwrap();
        if !out.status.success() {
            failures.lock().unwrap().push(format!(
                "translate {}:\n{}",
                rel(p),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    };
    translate_one(&progs[0]);
    let next = AtomicUsize::new(1);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(p) = progs.get(i) else { break };
                translate_one(p);
            });
        }
    });
    failures.into_inner().unwrap()
}

pub fn exe(dir: &Path, p: &Path) -> PathBuf {
    let stem = p.file_stem().unwrap().to_string_lossy();
    let parent = p.parent().unwrap().file_name().unwrap().to_string_lossy();
    dir.join(format!("{parent}-{stem}"))
}

pub fn run(exe: &Path, args: &[String]) -> std::process::Output {
    std::process::Command::new(exe)
        .args(args)
        .current_dir(root())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// Translates `prog` (with `extra` translate arguments, e.g. `--opt=jit`)
/// to the executable `out`; a failed translation fails the test.
pub fn translate_to(prog: &str, extra: &[&str], out: &Path) {
    let r = translate()
        .args(extra)
        .arg(prog)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        r.status.success(),
        "translate {prog}:\n{}",
        String::from_utf8_lossy(&r.stderr)
    );
}
