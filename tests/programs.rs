//! End-to-end: every program in tests/programs/ and goal/ runs untranslated
//! (`translate --interp`) and, when python3 is present, on CPython; both must
//! match the expected stdout, exit status and uncaught-exception line.

mod common;
use common::*;

fn run_all(check: impl Fn(&std::path::Path, &Expect) -> Vec<String>) {
    let progs = files("tests/programs", "rpy");
    assert!(progs.len() >= 30, "expected at least 30 test programs");
    let mut failures = Vec::new();
    for p in &progs {
        failures.extend(check(p, &expectation(p)));
    }
    report(failures, progs.len());
}

#[test]
fn programs_untranslated() {
    run_all(|p, want| {
        let out = translate()
            .arg("--interp")
            .args(program_args(p))
            .arg(rel(p))
            .args(&want.args)
            .output()
            .unwrap();
        compare(&format!("--interp {}", rel(p)), &out, want, true)
    });
}

#[test]
fn programs_on_cpython() {
    if !have_python() {
        eprintln!("python3 not found: CPython comparison skipped");
        return;
    }
    run_all(|p, want| {
        if want.not_cpython.is_some() {
            return Vec::new();
        }
        let out = std::process::Command::new("python3")
            .arg(rel(p))
            .args(&want.args)
            .env("PYTHONPATH", python_path(want))
            .current_dir(root())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        compare(&format!("python3 {}", rel(p)), &out, want, true)
    });
}

/// `goal` (the shim), then the program's own module directory.
fn python_path(want: &Expect) -> std::ffi::OsString {
    let mut dirs = vec![root().join("goal")];
    dirs.extend(want.path.as_ref().map(|d| root().join(d)));
    std::env::join_paths(dirs).unwrap()
}

/// docs/tutorial.md's programs run as the tutorial says (untranslated here;
/// tests/native.rs-style translation is covered by the goal programs).
#[test]
fn tutorial_steps_untranslated() {
    let want = std::fs::read(root().join("goal/bf/hello.out")).unwrap();
    for p in files("docs/tutorial", "rpy") {
        let out = translate()
            .args(["--interp", &rel(&p), "goal/bf/hello.b"])
            .output()
            .unwrap();
        assert_eq!(out.stdout, want, "{}", rel(&p));
        assert_eq!(out.status.code(), Some(0), "{}", rel(&p));
    }
}

#[test]
fn toy_squares_untranslated() {
    for (n, sq) in [("12", "144\n"), ("1000", "1000000\n")] {
        let out = translate()
            .args(["--interp", "goal/toy.rpy", n])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), sq);
        assert_eq!(out.status.code(), Some(0));
    }
}

#[test]
fn programs_translate_front_end() {
    let progs = files("tests/programs", "rpy");
    let mut failures = Vec::new();
    for p in progs.iter().chain(files("goal", "rpy").iter()) {
        let out = translate()
            .arg("--dump=ll")
            .args(program_args(p))
            .arg(rel(p))
            .output()
            .unwrap();
        if !out.status.success() {
            failures.push(format!(
                "translate {}:\n{}",
                rel(p),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    report(failures, progs.len());
}
