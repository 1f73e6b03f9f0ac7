//! End-to-end, translated: every program in tests/programs/ and goal/ is
//! translated to a native executable (`translate FILE -o OUT`) and must
//! give byte-identical stdout, the same exit status and the same
//! uncaught-exception line as untranslated. The runtime rlib is built once
//! (first translation) and reused; the rest translate on two threads.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Programs whose LL graphs are wrong (a bug of the rtyper, not of the
/// native backend): they must still fail here, so that fixing the rtyper
/// makes this list shrink.
const KNOWN_LL_BUGS: &[(&str, &str)] = &[];

/// Arguments for goal programs (they have no `.out` files; they are
/// compared with `--interp`).
fn goal_runs(prog: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(prog).unwrap();
    match header(&text, "args") {
        Some(a) => vec![a.split_whitespace().map(str::to_string).collect()],
        None if prog.ends_with("toy.rpy") => vec![vec!["12".into()], vec!["1000".into()]],
        None => vec![Vec::new()],
    }
}

/// Translate every program into `dir`, first one alone (it builds the
/// runtime if needed), then the rest on two threads.
fn translate_all(progs: &[PathBuf], dir: &Path) -> Vec<String> {
    let failures = Mutex::new(Vec::new());
    let translate_one = |p: &PathBuf| {
        let out = translate()
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

fn exe(dir: &Path, p: &Path) -> PathBuf {
    let stem = p.file_stem().unwrap().to_string_lossy();
    let parent = p.parent().unwrap().file_name().unwrap().to_string_lossy();
    dir.join(format!("{parent}-{stem}"))
}

fn run(exe: &Path, args: &[String]) -> std::process::Output {
    std::process::Command::new(exe)
        .args(args)
        .current_dir(root())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn programs_native() {
    let start = std::time::Instant::now();
    let dir = std::env::temp_dir().join(format!("rpy-native-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let progs = files("tests/programs", "rpy");
    let goals = files("goal", "rpy");
    let all: Vec<PathBuf> = progs.iter().chain(&goals).cloned().collect();
    let mut failures = translate_all(&all, &dir);
    for p in &progs {
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        let want = expectation(p);
        let out = run(&exe(&dir, p), &want.args);
        let problems = compare(&format!("native {}", rel(p)), &out, &want, true);
        match KNOWN_LL_BUGS.iter().find(|(s, _)| *s == stem) {
            Some((_, why)) if !problems.is_empty() => {
                eprintln!("known rtyper bug, {}: {why}", rel(p));
            }
            Some(_) => failures.push(format!(
                "{} now passes natively: remove it from KNOWN_LL_BUGS",
                rel(p)
            )),
            None => failures.extend(problems),
        }
    }
    for p in &goals {
        for args in goal_runs(p) {
            let interp = translate()
                .arg("--interp")
                .arg(rel(p))
                .args(&args)
                .output()
                .unwrap();
            let native = run(&exe(&dir, p), &args);
            if interp.stdout != native.stdout || interp.status.code() != native.status.code() {
                failures.push(format!(
                    "native {} {args:?}: stdout/status differ from --interp:\n{}\n--- vs\n{}",
                    rel(p),
                    String::from_utf8_lossy(&native.stdout),
                    String::from_utf8_lossy(&interp.stdout)
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "{} programs translated and run natively in {:.1}s",
        all.len(),
        start.elapsed().as_secs_f64()
    );
    report(failures, all.len());
}

#[test]
fn toy_native_squares() {
    let dir = std::env::temp_dir().join(format!("rpy-native-toy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let exe = dir.join("target-toy-native");
    let out = translate()
        .args(["goal/toy.rpy", "-o"])
        .arg(&exe)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    for step in ["genrust", "rustc"] {
        assert!(err.contains(&format!("[translate] {step}")), "{err}");
    }
    for (n, sq) in [("12", "144\n"), ("1000000", "1000000000000\n")] {
        let out = run(&exe, &[n.to_string()]);
        assert_eq!(String::from_utf8_lossy(&out.stdout), sq);
        assert_eq!(out.status.code(), Some(0));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
