//! Diagnostics: one error type for every stage, rendered the same way
//! (`file:line:col: error: …`, the source line, a caret) by codespan-reporting.

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
