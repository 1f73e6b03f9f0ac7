//! The pest parser generated from `rpy.pest`, and the translation of pest's
//! failures into friendly syntax errors ("invalid syntax" + what was
//! expected, at the offending token).

use crate::diag::{DResult, Diagnostic};
use crate::span::SourceFile;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;
use pest::Parser;
use pest_derive::Parser;
use std::collections::BTreeSet;

#[derive(Parser)]
#[grammar = "rpy.pest"]
pub struct RpyParser;

/// Parse the logical line `file.text[lo..hi]` with the `line` rule.
pub fn parse_line(file: &SourceFile, lo: usize, hi: usize) -> DResult<Pair<'_, Rule>> {
    // Needed for `expected_tokens`; a process-wide switch, always on here.
    pest::set_error_detail(true);
    let text = file.text.get(lo..hi).unwrap_or_default();
    match RpyParser::parse(Rule::line, text) {
        Ok(mut pairs) => pairs
            .next()
            .ok_or_else(|| Diagnostic::error(file.span(lo, lo), "invalid syntax")),
        Err(e) => Err(syntax_error(file, lo, text, &e)),
    }
}

fn syntax_error(
    file: &SourceFile,
    base: usize,
    text: &str,
    e: &pest::error::Error<Rule>,
) -> Diagnostic {
    let loc = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((p, _)) => p,
    };
    if let ErrorVariant::CustomError { message } = &e.variant {
        // pest's own resource limits ("stack limit reached").
        let span = file.span(base + loc.min(text.len()), base + loc.min(text.len()));
        return Diagnostic::error(span, "too deeply nested").with_label(message.clone());
    }
    let (pos, expected) = match e.parse_attempts() {
        Some(a) => {
            let toks: BTreeSet<String> =
                a.expected_tokens().iter().map(|t| t.to_string()).collect();
            (a.max_position, expected_from_tokens(&toks))
        }
        None => (loc, Vec::new()),
    };
    let pos = floor_char_boundary(text, pos);
    let len = token_len(&text[pos..]);
    let label = if expected.is_empty() {
        format!("unexpected {}", describe_token(&text[pos..pos + len]))
    } else {
        format!("expected {}", join_or(&expected))
    };
    Diagnostic::error(file.span(base + pos, base + pos + len), "invalid syntax").with_label(label)
}

/// Friendly names for what the parser expected, from the literal tokens it
/// tried at the furthest position. Operators that could continue an
/// expression are left out: they are rarely what the user missed.
fn expected_from_tokens(toks: &BTreeSet<String>) -> Vec<String> {
    let has = |t: &str| toks.contains(t);
    // "." is tried only right after a complete operand.
    let after_operand = has(".");
    let closing = has(")") || has("]") || has("}");
    let mut out = Vec::new();
    // `pass` is tried only where a statement may start.
    if has("pass") {
        return vec!["a statement".to_string()];
    }
    let expression = has("None") || has("lambda");
    if expression {
        out.push("an expression".to_string());
    } else if has("_") && !after_operand {
        out.push("a name".to_string());
    }
    for t in [":", "(", "in", "import", "as", "else", ",", ")", "]", "}"] {
        let keep = match t {
            // After an expression statement `x: T` is possible but is never
            // what was meant (annotations are refused anyway).
            ":" => !has("="),
            "import" | "else" => !expression,
            "(" => !after_operand,
            // `in` of a comparison comes with `is`; alone it is `for x in`.
            "in" => !has("is"),
            "," => closing,
            _ => true,
        };
        if keep && has(t) {
            out.push(format!("'{t}'"));
        }
    }
    out
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn floor_char_boundary(text: &str, pos: usize) -> usize {
    let mut p = pos.min(text.len());
    while !text.is_char_boundary(p) {
        p -= 1;
    }
    p
}

/// Length of the token starting `rest`: an identifier or number, a
/// string's opening quote, or one character.
pub fn token_len(rest: &str) -> usize {
    let word = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(rest.len(), |(i, _)| i);
    if word > 0 {
        return word;
    }
    rest.chars().next().map_or(0, |c| c.len_utf8())
}

fn describe_token(tok: &str) -> String {
    if tok.is_empty() || tok.starts_with(['\n', '\r']) {
        "end of line".to_string()
    } else if tok.starts_with('#') {
        "comment".to_string()
    } else if tok.starts_with(['\'', '"']) {
        "string literal".to_string()
    } else {
        format!("'{tok}'")
    }
}
