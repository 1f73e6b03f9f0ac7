//! Diagnostics: one error type for every stage, rendered the same way
//! (`file:line:col: error: …`, the source line, a caret) by codespan-reporting;
//! and `Diagnostics`, all the errors of a stage that collects them, in
//! source order, rendered up to a limit with a summary line.

use crate::span::{SourceFile, Span};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, DisplayStyle};

/// A user-facing error: where, what, and optional secondary notes.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub span: Span,
    pub message: String,
    /// Text under the caret (what was expected); may be empty.
    pub label: String,
    /// Extra lines printed after the snippet (`= note: …`).
    pub notes: Vec<String>,
    /// The file the span is in, when it is not the main file (a module the
    /// program imports): rendering uses it instead of the file it is given.
    pub file: Option<std::rc::Rc<SourceFile>>,
}

impl Diagnostic {
    pub fn error(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            span,
            message: message.into(),
            label: String::new(),
            notes: Vec::new(),
            file: None,
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = label.into();
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// Say which file the span is in, if it is one of `files` other than
    /// the main file (`files[i]` has id `i`).
    pub fn in_files(mut self, files: &[SourceFile]) -> Diagnostic {
        if self.file.is_none() && self.span.file != 0 {
            self.file = files
                .get(self.span.file as usize)
                .cloned()
                .map(std::rc::Rc::new);
        }
        self
    }

    /// Render as plain text: the `file:line:col: error: message` line, then
    /// the source line with a caret under the span, then the notes.
    pub fn render(&self, main: &SourceFile) -> String {
        let file = self.file.as_deref().unwrap_or(main);
        let files = SimpleFile::new(file.name.as_str(), file.text.as_str());
        let lo = (self.span.lo as usize).min(file.text.len());
        let mut hi = (self.span.hi as usize).clamp(lo, file.text.len());
        // Keep the caret on the first line of the span.
        if let Some(nl) = file.text[lo..hi].find('\n') {
            hi = lo + nl;
        }
        if hi == lo && hi < file.text.len() && !file.text[lo..].starts_with('\n') {
            hi = lo + file.text[lo..].chars().next().map_or(0, |c| c.len_utf8());
        }
        let diag = CsDiagnostic::error()
            .with_message(&self.message)
            .with_labels(vec![Label::primary((), lo..hi).with_message(&self.label)])
            .with_notes(self.notes.clone());
        let header = emit(&files, &diag, DisplayStyle::Short);
        let rich = emit(&files, &diag, DisplayStyle::Rich);
        // The rich form starts with its own `error: …` line: the short header
        // replaces it so the first line is `file:line:col: error: …`.
        let snippet = rich.split_once('\n').map(|(_, rest)| rest).unwrap_or("");
        let mut out = header.trim_end().to_string();
        out.push('\n');
        out.push_str(snippet);
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out
    }
}

fn emit(
    files: &SimpleFile<&str, &str>,
    diag: &CsDiagnostic<()>,
    display_style: DisplayStyle,
) -> String {
    let config = Config {
        display_style,
        ..Config::default()
    };
    let mut out = String::new();
    if term::emit_to_string(&mut out, &config, files, diag).is_err() {
        out = format!("error: {}\n", diag.message);
    }
    out
}

/// Result type of every stage that can refuse user input.
pub type DResult<T> = Result<T, Diagnostic>;

/// At most this many errors are shown; the summary line counts them all.
pub const MAX_SHOWN: usize = 20;

/// Every error a stage found (at least one), sorted by position in the
/// file (stable: errors at one place keep the order they were found in).
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// The errors of `list` in source order; `None` if there are none.
    pub fn new(mut list: Vec<Diagnostic>) -> Option<Diagnostics> {
        list.sort_by_key(|d| (d.span.file, d.span.lo));
        (!list.is_empty()).then_some(Diagnostics(list))
    }

    /// Each error told which file of `files` its span is in.
    pub fn in_files(self, files: &[SourceFile]) -> Diagnostics {
        Diagnostics(self.0.into_iter().map(|d| d.in_files(files)).collect())
    }

    /// The first error in the file.
    pub fn first(&self) -> &Diagnostic {
        &self.0[0]
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: a `Diagnostics` holds one error at least.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// The first [`MAX_SHOWN`] errors rendered one after the other, then,
    /// if there were several, rustc's summary line (with how many were
    /// left out, if any).
    pub fn render(&self, file: &SourceFile) -> String {
        let mut out: String = self
            .0
            .iter()
            .take(MAX_SHOWN)
            .map(|d| d.render(file))
            .collect();
        let n = self.0.len();
        if n > MAX_SHOWN {
            out.push_str(&format!("… and {} more errors\n", n - MAX_SHOWN));
        }
        if n > 1 {
            out.push_str(&format!("error: aborting due to {n} previous errors\n"));
        }
        out
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Diagnostics {
        Diagnostics(vec![d])
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_at(file: &SourceFile, offsets: &[usize]) -> Vec<Diagnostic> {
        offsets
            .iter()
            .map(|&o| Diagnostic::error(file.span(o, o + 1), format!("error at {o}")))
            .collect()
    }

    #[test]
    fn sorted_in_source_order() {
        let file = SourceFile::new("t.rpy", "abc\ndef\n");
        let ds = Diagnostics::new(errors_at(&file, &[5, 0, 2])).unwrap();
        let at: Vec<u32> = ds.iter().map(|d| d.span.lo).collect();
        assert_eq!(at, [0, 2, 5]);
        assert!(Diagnostics::new(Vec::new()).is_none());
    }

    #[test]
    fn one_error_has_no_summary() {
        let file = SourceFile::new("t.rpy", "abc\n");
        let ds = Diagnostics::new(errors_at(&file, &[1])).unwrap();
        assert_eq!(ds.render(&file), ds.first().render(&file));
    }

    #[test]
    fn rendered_up_to_the_limit_with_a_summary() {
        let text = "x\n".repeat(30);
        let file = SourceFile::new("t.rpy", text);
        let offsets: Vec<usize> = (0..25).map(|i| 2 * i).collect();
        let text = Diagnostics::new(errors_at(&file, &offsets))
            .unwrap()
            .render(&file);
        assert_eq!(text.matches(": error: error at").count(), MAX_SHOWN);
        assert!(text.contains("t.rpy:20:1: error: error at 38\n"), "{text}");
        assert!(!text.contains("error at 40"), "{text}");
        assert!(
            text.ends_with("… and 5 more errors\nerror: aborting due to 25 previous errors\n"),
            "{text}"
        );
        let two = Diagnostics::new(errors_at(&file, &[0, 2]))
            .unwrap()
            .render(&file);
        assert!(
            two.ends_with("\nerror: aborting due to 2 previous errors\n"),
            "{two}"
        );
    }
}
