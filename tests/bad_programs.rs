//! Every program in tests/bad/ is refused: exit status 1, one stderr line
//! `FILE:LINE:COL: error: …` per `# error: LINE:COL: TEXT` header line, in
//! the same order (and no other error), and the whole output equal to its
//! golden `.err` file. A header `# error-in: PATH` (relative to tests/bad)
//! says the errors are in another file of the program (a module it imports).

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
        let specs = headers(&text, "error");
        assert!(!specs.is_empty(), "{name}: no `# error:` header");
        let out = translate().arg(&name).output().unwrap();
        // Progress lines (`[translate] step time`) come before the errors.
        let stderr: String = String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| !l.starts_with("[translate]"))
            .map(|l| format!("{l}\n"))
            .collect();
        if out.status.code() != Some(1) {
            failures.push(format!(
                "{name}: exit status {:?}, expected 1\n{stderr}",
                out.status.code()
            ));
        } else if let Err(e) = check_errors(&shown_file(&text, &name), &specs, &stderr) {
            failures.push(format!("{name}: {e}, got:\n{stderr}"));
        } else if !stderr.contains('^') {
            failures.push(format!("{name}: no caret under the source line:\n{stderr}"));
        } else if let Err(e) = check_golden(&p.with_extension("err"), &stderr) {
            failures.push(e);
        }
    }
    report(failures, progs.len());
}

/// The file the errors are expected in: the program, or its `# error-in:`.
fn shown_file(text: &str, name: &str) -> String {
    header(text, "error-in").map_or_else(|| name.to_string(), |f| format!("tests/bad/{f}"))
}

/// The error lines of `stderr` are the expected ones (`LINE:COL: TEXT`,
/// TEXT a part of the message), in order, with nothing else; several
/// errors end with the summary line.
fn check_errors(name: &str, specs: &[String], stderr: &str) -> Result<(), String> {
    let prefix = format!("{name}:");
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with(&prefix) && l.contains(": error: "))
        .collect();
    if errors.len() != specs.len() {
        return Err(format!("{} errors, expected {}", errors.len(), specs.len()));
    }
    for (line, spec) in errors.iter().zip(specs) {
        let (pos, msg) = spec.split_once(": ").unwrap_or((spec, ""));
        let want = format!("{name}:{pos}: error: ");
        if !line.starts_with(&want) || !line.contains(msg) {
            return Err(format!("expected `{want}…{msg}…`, found `{line}`"));
        }
    }
    let summary = format!("error: aborting due to {} previous errors", specs.len());
    if specs.len() > 1 && !stderr.ends_with(&format!("{summary}\n")) {
        return Err(format!("no `{summary}` line at the end"));
    }
    Ok(())
}
