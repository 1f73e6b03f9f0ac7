//! The rtyper over every test program and the goal interpreters: each
//! one annotates, rtypes and passes the LL verifier; the toy's LL form has
//! the types the JIT needs.

use rpy_front::SourceFile;
use rpy_rtyper::ll::print::print_program;
use rpy_rtyper::ll::verify::verify_program;
use rpy_rtyper::ll::LLProgram;
use std::path::{Path, PathBuf};

/// parse → load → build → simplify → annotate → rtype (diagnostics rendered).
fn rtype_file(path: &Path) -> Result<LLProgram, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let file = SourceFile::new(path.display().to_string(), text);
    let render = |d: rpy_front::Diagnostic| d.render(&file);
    let module = rpy_front::parse_module(&file).map_err(|ds| ds.render(&file))?;
    // A `# path: DIR` header names the program's module directory.
    let search: Vec<PathBuf> = file
        .text
        .lines()
        .filter_map(|l| l.strip_prefix("# path:"))
        .map(|d| root().join(d.trim()))
        .collect();
    let program = rpy_front::load::load(file.clone(), &module, &search).map_err(render)?;
    let mut fp = flowgraph::build::build_program(program).map_err(render)?;
    flowgraph::simplify::simplify_program(&mut fp);
    let ann = rpy_rtyper::annotate::annotate(&fp).map_err(|ds| ds.render(&file))?;
    rpy_rtyper::rtype::rtype(&fp, &ann).map_err(render)
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn programs() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join("tests/programs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rpy"))
        .collect();
    out.sort();
    out.push(root().join("goal/toy.rpy"));
    out
}

#[test]
fn every_program_rtypes_and_verifies() {
    let mut failures = Vec::new();
    for p in programs() {
        match rtype_file(&p) {
            Ok(ll) => {
                if let Err(e) = verify_program(&ll) {
                    failures.push(format!(
                        "{}: verifier:\n{e}\n{}",
                        p.display(),
                        print_program(&ll)
                    ));
                }
            }
            Err(e) => failures.push(format!("{}: {e}", p.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn toy_interpret_has_the_types_the_jit_needs() {
    let ll = rtype_file(&root().join("goal/toy.rpy")).unwrap();
    let text = print_program(&ll);
    let interp = text
        .split("\ngraph ")
        .find(|g| g.starts_with("interpret("))
        .unwrap_or_else(|| panic!("no interpret graph in\n{text}"));
    let header = interp.lines().next().unwrap();
    assert_eq!(
        header, "interpret(v0: Ptr(List(Signed)), v1: Signed) -> Signed",
        "{interp}"
    );
    assert!(
        interp.contains("# v0 bytecode: Ptr(List(Signed)) immutable"),
        "{interp}"
    );
    assert!(interp.contains("jit_merge_point(driver, "), "{interp}");
    assert!(interp.contains("list_getitem"), "{interp}");
    assert!(text.contains("# driver driver: greens [pc: Signed, bytecode: Ptr(List(Signed)) immutable], reds [a: Signed, regs: Ptr(List(Signed)) fixed]"), "{text}");
}
