//! Source files and spans: every AST node and every graph op points back here.

use std::fmt;

/// A region of one source file: byte offsets plus the 1-based line and
/// column (in characters) of its start.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub lo: u32,
    pub hi: u32,
    pub line: u32,
    pub col: u32,
    /// The file (`SourceFile::id`): 0 is the main file, the program's
    /// other modules are numbered as they are imported.
    pub file: u32,
}

impl Span {
    /// A span covering both `self` and `other` (line/col of the earlier one).
    pub fn to(self, other: Span) -> Span {
        let (first, _) = if self.lo <= other.lo {
            (self, other)
        } else {
            (other, self)
        };
        Span {
            lo: self.lo.min(other.lo),
            hi: self.hi.max(other.hi),
            line: first.line,
            col: first.col,
            file: first.file,
        }
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// One loaded source file, with a line index for offset → line/col.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceFile {
    /// The name shown in diagnostics (the path as the user gave it).
    pub name: String,
    pub text: String,
    /// Its number in the program (what its spans carry); 0 for the main file.
    pub id: u32,
    line_starts: Vec<u32>,
}

impl SourceFile {
    /// The main file (id 0).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile::numbered(name, text, 0)
    }

    /// A file with its number in the program.
    pub fn numbered(name: impl Into<String>, text: impl Into<String>, id: u32) -> SourceFile {
        let text = text.into();
        let mut line_starts = vec![0u32];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        SourceFile {
            name: name.into(),
            text,
            id,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line] as usize;
        let mut col = 1u32;
        for (i, _) in self.text[start..].char_indices() {
            if start + i >= offset {
                break;
            }
            col += 1;
        }
        (line as u32 + 1, col)
    }

    /// A span for the byte range `lo..hi`.
    pub fn span(&self, lo: usize, hi: usize) -> Span {
        let (line, col) = self.line_col(lo);
        Span {
            lo: lo as u32,
            hi: hi.max(lo) as u32,
            line,
            col,
            file: self.id,
        }
    }

    /// The text of 1-based line `line`, without its newline.
    pub fn line_text(&self, line: u32) -> &str {
        let i = (line as usize).saturating_sub(1);
        if i >= self.line_starts.len() {
            return "";
        }
        let start = self.line_starts[i] as usize;
        let end = self
            .line_starts
            .get(i + 1)
            .map(|&e| e as usize)
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// `name:line:col` of a span.
    pub fn location(&self, span: Span) -> String {
        format!("{}:{}:{}", self.name, span.line, span.col)
    }
}
