//! End-to-end, translated: every program in tests/programs/ and goal/ is
//! translated to a native executable (`translate FILE -o OUT`) and must
//! give byte-identical stdout, the same exit status and the same
//! uncaught-exception line as untranslated. The runtime rlib is built once
//! (first translation) and reused; the rest translate on two threads.

mod common;
use common::*;
use std::path::PathBuf;

/// Programs whose LL graphs are wrong (a bug of the rtyper, not of the
/// native backend): they must still fail here, so that fixing the rtyper
/// makes this list shrink.
const KNOWN_LL_BUGS: &[(&str, &str)] = &[];

#[test]
fn programs_native() {
    let start = std::time::Instant::now();
    let dir = std::env::temp_dir().join(format!("rpy-native-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let progs = files("tests/programs", "rpy");
    let goals = files("goal", "rpy");
    let all: Vec<PathBuf> = progs.iter().chain(&goals).cloned().collect();
    let mut failures = translate_all(&all, &dir, &[]);
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
