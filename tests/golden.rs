//! Golden tests of the text forms: for each tests/golden/NAME.rpy (and
//! goal/toy.rpy), the AST, flow-graph, annotated, LL and jitcode dumps must
//! equal NAME.ast / NAME.flow / NAME.annotated / NAME.ll / NAME.jitcodes.
//! Re-bless with `RPY_BLESS=1 cargo test`.

mod common;
use common::*;
use std::path::Path;

fn sources() -> Vec<std::path::PathBuf> {
    let mut v = files("tests/golden", "rpy");
    v.push(root().join("goal/toy.rpy"));
    v
}

fn golden_path(src: &Path, ext: &str) -> std::path::PathBuf {
    let stem = src.file_stem().unwrap().to_string_lossy();
    root().join("tests/golden").join(format!("{stem}.{ext}"))
}

fn check_dump(flag: &str, ext: &str) {
    let srcs = sources();
    let mut failures = Vec::new();
    for src in &srcs {
        let out = translate()
            .arg(rel(src))
            .arg(format!("--dump={flag}"))
            .output()
            .unwrap();
        if !out.status.success() {
            failures.push(format!(
                "{}: --dump={flag} failed:\n{}",
                rel(src),
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        if let Err(e) = check_golden(
            &golden_path(src, ext),
            &String::from_utf8_lossy(&out.stdout),
        ) {
            failures.push(e);
        }
    }
    report(failures, srcs.len());
}

#[test]
fn ast_dumps() {
    check_dump("ast", "ast");
}

#[test]
fn flow_dumps() {
    check_dump("flow", "flow");
}

#[test]
fn annotated_dumps() {
    check_dump("annotated", "annotated");
}

#[test]
fn ll_dumps() {
    check_dump("ll", "ll");
}

#[test]
fn jitcode_dumps() {
    check_dump("jitcodes", "jitcodes");
}

#[test]
fn toy_dispatch_is_one_switch() {
    let out = translate()
        .args(["goal/toy.rpy", "--dump=flow"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let interpret = text
        .split("graph ")
        .find(|g| g.starts_with("interpret("))
        .expect("interpret graph");
    let switches: Vec<&str> = interpret
        .lines()
        .filter(|l| l.trim_start().starts_with("switch "))
        .collect();
    assert_eq!(
        switches.len(),
        1,
        "one switch expected in interpret:\n{interpret}"
    );
    for case in 1..=6 {
        assert!(
            switches[0].contains(&format!("{case} →")),
            "case {case} missing: {}",
            switches[0]
        );
    }
}

/// One backendopt pass over a whole program.
type Pass = fn(&mut rpy_rtyper::ll::LLProgram);

/// For each tests/golden/opt/NAME.rpy: the LL text before backendopt and
/// after each pass, against NAME.passes (each pass: LL text in → LL text out).
#[test]
fn backendopt_passes() {
    use rpy_backendopt::{constfold, inline, jumps};
    use rpy_rtyper::ll::{print::print_program, verify::verify_program};
    let srcs = files("tests/golden/opt", "rpy");
    let mut failures = Vec::new();
    for src in &srcs {
        let steps = translator::driver::Steps {
            opt: 0,
            ..Default::default()
        };
        let Ok(mut ll) = steps.rtype(src) else {
            failures.push(format!("{}: does not translate", rel(src)));
            continue;
        };
        let mut text = format!("# rtyped\n{}", print_program(&ll));
        let passes: [(&str, Pass); 3] = [
            ("inline", inline::inline_small_functions),
            ("constfold", |p| {
                p.graphs.iter_mut().for_each(constfold::constant_fold)
            }),
            ("jumps", |p| {
                p.graphs.iter_mut().for_each(jumps::cleanup_jumps)
            }),
        ];
        for (name, pass) in passes {
            pass(&mut ll);
            if let Err(e) = verify_program(&ll) {
                failures.push(format!(
                    "{}: LL does not verify after {name}:\n{e}",
                    rel(src)
                ));
            }
            text.push_str(&format!("\n# after {name}\n{}", print_program(&ll)));
        }
        if let Err(e) = check_golden(&src.with_extension("passes"), &text) {
            failures.push(e);
        }
    }
    report(failures, srcs.len());
}

/// The runtime's helper-signature check is rendered from the helper table.
#[test]
fn runtime_signatures_are_generated_from_the_helper_table() {
    let path = root().join("runtime/src/tests/signatures.rs");
    let text = rpy_genrust::signatures::runtime_signatures();
    if let Err(e) = check_golden(&path, &text) {
        panic!("{e}");
    }
}
