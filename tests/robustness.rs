//! No input may panic: every prefix of every test program, and a few hundred
//! random byte mutations, go through the whole front end (parse, load, build,
//! simplify, annotate, rtype, backendopt) to either a program or a diagnostic with a line.

mod common;
use common::*;
use rpy_front::SourceFile;

/// Run the front end; a diagnostic must point inside the file.
fn front_end(text: &str) -> Result<(), String> {
    let file = SourceFile::new("fuzz.rpy", text);
    let result = std::panic::catch_unwind(|| {
        let module = rpy_front::parse_module(&file)?;
        let program = rpy_front::load::load(file.clone(), &module, &[])?;
        let mut fp = flowgraph::build::build_program(program)?;
        flowgraph::simplify::simplify_program(&mut fp);
        flowgraph::hints::check_hints(&fp)?;
        let ann = rpy_rtyper::annotate::annotate(&fp)?;
        let mut ll = rpy_rtyper::rtype::rtype(&fp, &ann)?;
        rpy_backendopt::optimize(&mut ll);
        Ok::<(), rpy_front::Diagnostics>(())
    });
    match result {
        Err(_) => Err(format!("panic on input:\n{text}")),
        Ok(Err(ds)) => match ds.iter().find(|d| d.span.line == 0) {
            Some(d) => Err(format!("diagnostic without a line: {}", d.message)),
            None => Ok(()),
        },
        Ok(_) => Ok(()),
    }
}

/// A small deterministic PRNG (xorshift64).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn corpus() -> Vec<String> {
    let mut v: Vec<String> = files("tests/programs", "rpy")
        .iter()
        .chain(files("goal", "rpy").iter())
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    v.truncate(12);
    v
}

#[test]
fn every_prefix_is_handled() {
    std::panic::set_hook(Box::new(|_| {}));
    let mut failures = Vec::new();
    for text in corpus() {
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .step_by(7)
            .collect();
        for i in cuts {
            if let Err(e) = front_end(&text[..i]) {
                failures.push(e);
                break;
            }
        }
    }
    let _ = std::panic::take_hook();
    report(failures, 1);
}

#[test]
fn random_mutations_are_handled() {
    std::panic::set_hook(Box::new(|_| {}));
    let corpus = corpus();
    // Single bytes for the parser, whole tokens for the annotator.
    let pieces: &[&str] = &[
        " ",
        "\t",
        "\n",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ":",
        ",",
        ".",
        "=",
        "+",
        "-",
        "*",
        "/",
        "%",
        "<",
        ">",
        "!",
        "#",
        "'",
        "\"",
        "\\",
        "a",
        "x",
        "0",
        "1",
        "9",
        "_",
        "@",
        ";",
        " None ",
        " 1.5 ",
        " \"s\" ",
        " [] ",
        " {} ",
        " (1, 'a') ",
        " not ",
        " self.q ",
        " xs[0] ",
        " len(x) ",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut failures = Vec::new();
    for _ in 0..600 {
        let mut bytes = corpus[rng.below(corpus.len())].clone().into_bytes();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(bytes.len().max(1));
            match rng.below(3) {
                0 if !bytes.is_empty() => {
                    bytes.remove(at);
                }
                1 => {
                    let piece = pieces[rng.below(pieces.len())].as_bytes();
                    bytes.splice(at..at, piece.iter().copied());
                }
                _ if !bytes.is_empty() => {
                    let piece = pieces[rng.below(pieces.len())].as_bytes();
                    let end = (at + 1 + rng.below(3)).min(bytes.len());
                    bytes.splice(at..end, piece.iter().copied());
                }
                _ => {}
            }
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if let Err(e) = front_end(&text) {
            failures.push(e);
            if failures.len() > 3 {
                break;
            }
        }
    }
    let _ = std::panic::take_hook();
    report(failures, 600);
}
