//! Golden tests of the optimizer: every `tests/opt/NAME.trace` names the
//! passes to run in its first line (`# pass: heap`), the output must verify
//! and equal `tests/opt/NAME.out`. `RPY_BLESS=1` rewrites the `.out` files.

use rpy_jit::ir::parse::parse_trace;
use rpy_jit::ir::print::{descr_decls, trace_text};
use rpy_jit::ir::verify::verify;
use rpy_jit::ir::{Descrs, Trace};
use rpy_jit::opt;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/opt")
}

/// Runs the passes a test file names, in order (`# pass: heap fold`:
/// a pass again sees what the previous rounds left).
fn run(passes: &str, t: &Trace, descrs: &mut Descrs) -> Result<Trace, String> {
    passes
        .split_whitespace()
        .try_fold(t.clone(), |t, pass| run_one(pass, &t, descrs))
}

/// Runs one pass (`loop` and `bridge`: the whole optimizer).
fn run_one(pass: &str, t: &Trace, descrs: &mut Descrs) -> Result<Trace, String> {
    match pass {
        "loop" => opt::optimize_loop(t, descrs),
        "bridge" => opt::optimize_bridge(t, descrs),
        "virtuals" => Ok(opt::virtuals::virtuals(t, descrs)),
        name => {
            let (_, pass) = opt::PASSES
                .iter()
                .chain(opt::LATE_PASSES)
                .find(|(n, _)| *n == name)
                .ok_or_else(|| format!("unknown pass '{name}'"))?;
            Ok(pass(t, descrs))
        }
    }
}

fn check_one(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let pass = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# pass:"))
        .map(str::trim)
        .ok_or("the first line must be '# pass: NAME'")?;
    let mut descrs = Descrs::default();
    let input = parse_trace(&text, &mut descrs)?;
    verify(&input, &descrs).map_err(|e| format!("input: {e}"))?;
    let output = run(pass, &input, &mut descrs)?;
    verify(&output, &descrs).map_err(|e| format!("output: {e}"))?;
    let got = format!(
        "{}{}",
        descr_decls(&output, &descrs),
        trace_text(&output, &descrs)
    );
    let expected_path = path.with_extension("out");
    if std::env::var("RPY_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(&expected_path, &got).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(&expected_path)
        .map_err(|e| format!("{}: {e}", expected_path.display()))?;
    if got != expected {
        return Err(format!(
            "output differs:\n--- expected\n{expected}--- got\n{got}"
        ));
    }
    Ok(())
}

#[test]
fn golden_traces() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/opt exists")
        .map(|e| e.expect("readable dir").path())
        .filter(|p| p.extension().is_some_and(|x| x == "trace"))
        .collect();
    paths.sort();
    let failures: Vec<String> = paths
        .iter()
        .filter_map(|p| check_one(p).err().map(|e| format!("{}: {e}", p.display())))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(paths.len() >= 16, "golden traces are missing");
}

/// The acceptance test: the toy interpreter's square loop keeps at most 8
/// ops from its label to its jump, none of them a bounds check or a read
/// of the list's length or items.
#[test]
fn toy_square_loop_is_small() {
    let text = std::fs::read_to_string(dir().join("toy_square.trace")).unwrap();
    let mut descrs = Descrs::default();
    let t = parse_trace(&text, &mut descrs).unwrap();
    let out = opt::optimize_loop(&t, &mut descrs).unwrap();
    let label = out
        .ops
        .iter()
        .position(|o| o.opcode == rpy_jit::ir::Opcode::Label)
        .expect("a peeled loop has a label");
    let body = Trace {
        inputargs: Vec::new(),
        ops: out.ops[label..].to_vec(),
        kinds: out.kinds.clone(),
    };
    let text = trace_text(&body, &descrs);
    assert!(body.counted_ops() <= 8, "loop too long:\n{text}");
    for bad in ["uint_lt", "getfield", "list.len", "list.items"] {
        assert!(!text.contains(bad), "{bad} in the loop:\n{text}");
    }
}
