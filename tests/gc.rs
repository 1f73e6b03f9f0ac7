//! The garbage collector end to end (issue 6): tests/gc/churn.rpy keeps a
//! linked list of 100,000 cells and a dict of 10,000 strings alive while a
//! loop makes short-lived instances, lists and strings; its checksums must
//! survive every collection — untranslated, native, and JIT (both
//! backends, with the default threshold and with every loop traced at
//! once), with the collector stressed (`RPYGC=stress=N`: a collection
//! every N-th allocation) to shake out missing roots.

mod common;
use common::*;

const ROUNDS: &str = "3000";
/// The arguments of each run: the full-size structures, and small ones
/// for the hardest stress setting (a collection every few allocations
/// marks the whole heap each time).
const FULL: &[&str] = &[ROUNDS];
const SMALL: &[&str] = &[ROUNDS, "600"];

fn run(exe: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    std::process::Command::new(exe)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(root())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn long_lived_structures_survive_every_collection() {
    let want_full = std::fs::read(root().join("tests/gc/churn.out")).unwrap();
    let want_small = std::fs::read(root().join("tests/gc/churn-small.out")).unwrap();
    let dir = std::env::temp_dir().join(format!("rpy-gc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    let untranslated = translate()
        .args(["--interp", "tests/gc/churn.rpy", ROUNDS])
        .output()
        .unwrap();
    if untranslated.stdout != want_full {
        failures.push("--interp: wrong output".to_string());
    }
    let native = dir.join("churn-native");
    let jit = dir.join("churn-jit");
    translate_to("tests/gc/churn.rpy", &[], &native);
    translate_to("tests/gc/churn.rpy", &["--opt=jit"], &jit);
    let mut runs = 0;
    for (gc, args, want) in [
        ("", FULL, &want_full),
        ("stress=1000", FULL, &want_full),
        ("stress=3", SMALL, &want_small),
    ] {
        let mut settings: Vec<(&std::path::Path, String)> = vec![(&native, "off".into())];
        for backend in ["x86", "interp"] {
            for jitting in ["", "threshold=1,trace_eagerness=1"] {
                settings.push((&jit, format!("backend={backend},{jitting}")));
            }
        }
        for (exe, rpyjit) in settings {
            runs += 1;
            let out = run(exe, args, &[("RPYGC", gc), ("RPYJIT", &rpyjit)]);
            if out.stdout != *want || !out.status.success() {
                failures.push(format!(
                    "{} RPYGC={gc} RPYJIT={rpyjit}: exit {:?}, stdout {:?}\n{}",
                    exe.display(),
                    out.status.code(),
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    let stats = run(&native, FULL, &[("RPYGC", "stats")]);
    let err = String::from_utf8_lossy(&stats.stderr);
    if !err.contains("collections") {
        failures.push(format!("RPYGC=stats printed no statistics: {err}"));
    }
    let _ = std::fs::remove_dir_all(&dir);
    report(failures, runs);
}
