//! The crates stack in pipeline order: each depends (for its library and
//! binaries, not its tests) only on crates below it. Read from
//! `cargo metadata`, so a new dependency that points upward fails here.

mod common;
use common::*;

/// Bottom to top: the run-time crates (depending on no compile-time
/// crate), then the translation pipeline.
const LAYERS: &[&str] = &[
    "rpy-semantics",
    "rpy-runtime",
    "rpy-jit",
    "rpy-front",      // parse, load: the Program
    "flowgraph",      // flow graphs: build, simplify, verify, print
    "rpy-rtyper",     // annotator, method table, rtyper, the LL IR
    "rpy-backendopt", // LL passes and analyses
    "rpy-interp",     // --interp: the annotated flow graphs run directly
    "jitgen",         // the codewriter (LL → jitcodes)
    "rpy-genrust",    // LL (+ jitcodes) → Rust source
    "translator",     // the driver: the translate command
];

/// How many run-time crates the bottom of `LAYERS` holds.
const RUN_TIME: usize = 3;

#[test]
fn every_crate_depends_only_on_crates_below_it() {
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root())
        .output()
        .expect("cargo metadata");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
    let packages = meta["packages"].as_array().expect("packages");
    let mut names: Vec<&str> = packages.iter().filter_map(|p| p["name"].as_str()).collect();
    names.sort();
    let mut layers = LAYERS.to_vec();
    layers.sort();
    assert_eq!(names, layers, "every workspace crate has a layer in LAYERS");
    let mut wrong = Vec::new();
    for p in packages {
        let name = p["name"].as_str().unwrap_or("?");
        let level = LAYERS.iter().position(|l| *l == name).unwrap_or(0);
        for d in p["dependencies"].as_array().into_iter().flatten() {
            let dep = d["name"].as_str().unwrap_or("?");
            let Some(dep_level) = LAYERS.iter().position(|l| *l == dep) else {
                continue; // not ours
            };
            if d["kind"].as_str() == Some("dev") {
                continue;
            }
            if dep_level >= level {
                wrong.push(format!("{name} depends on {dep}, which is not below it"));
            }
            if level < RUN_TIME && dep_level >= RUN_TIME {
                wrong.push(format!("the run-time crate {name} depends on {dep}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
