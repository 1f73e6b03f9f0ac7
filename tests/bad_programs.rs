//! Every program in tests/bad/ is refused: exit status 1, a first stderr line
//! `FILE:LINE:COL: error: …` matching its `# error: LINE:COL: TEXT` header,
//! and the whole diagnostic equal to its golden `.err` file. A header
//! `# error-in: PATH` (relative to tests/bad) says the error is in another
//! file of the program (a module it imports).

mod common;
use common::*;

#[test]
fn bad_programs_are_refused_with_their_line_and_column() {
    let progs = files("tests/bad", "rpy");
    assert!(progs.len() >= 15, "expected at least 15 bad programs");
    let mut failures = Vec::new();
    for p in &progs {
        let name = rel(p);
        let text = std::fs::read_to_string(p).unwrap();
        let spec = header(&text, "error").unwrap_or_else(|| panic!("{name}: no `# error:` header"));
        let (pos, msg) = spec.split_once(": ").unwrap_or((&spec, ""));
        let out = translate().arg(&name).output().unwrap();
        // Progress lines (`[translate] step time`) come before the error.
        let stderr: String = String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| !l.starts_with("[translate]"))
            .map(|l| format!("{l}\n"))
            .collect();
        let first = stderr.lines().next().unwrap_or("");
        let in_file = header(&text, "error-in").map(|f| format!("tests/bad/{f}"));
        let want_prefix = format!("{}:{pos}: error: ", in_file.as_deref().unwrap_or(&name));
        if out.status.code() != Some(1) {
            failures.push(format!(
                "{name}: exit status {:?}, expected 1\n{stderr}",
                out.status.code()
            ));
        } else if !first.starts_with(&want_prefix) || !first.contains(msg) {
            failures.push(format!(
                "{name}: expected `{want_prefix}…{msg}…`, got:\n{stderr}"
            ));
        } else if !stderr.contains('^') {
            failures.push(format!("{name}: no caret under the source line:\n{stderr}"));
        } else if let Err(e) = check_golden(&p.with_extension("err"), &stderr) {
            failures.push(e);
        }
    }
    report(failures, progs.len());
}
