//! The layout pass: splits a file into logical lines and builds the block
//! structure from their indentation, reporting layout errors itself.
//!
//! It knows strings, comments, brackets and backslash continuations well
//! enough to find where each logical line ends; everything inside a line is
//! left to the grammar (`rpy.pest`), which parses one logical line at a time.
//!
//! A lexical error breaks its logical line and the scan goes on after it:
//! at the next physical line when no bracket is open, else at the next line
//! that starts with a keyword only a statement can start with (`def`,
//! `return`, ...: inside brackets it means one was never closed). An error
//! with no such place to go on (an unterminated triple-quoted string) ends
//! the scan.

use crate::diag::Diagnostic;
use crate::span::{SourceFile, Span};

/// The deepest bracket nesting accepted in one logical line (protects the
/// recursive-descent parser's stack).
pub const MAX_BRACKET_NESTING: usize = 100;
/// The deepest block nesting accepted (Python's own limit).
pub const MAX_INDENT_LEVELS: usize = 100;

/// Indentation width measured two ways: tabs to the next multiple of 8 and
/// tabs as one column. Two indents compare consistently only if both
/// measures agree (Python's rule for mixing tabs and spaces).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Indent {
    pub tab8: usize,
    pub tab1: usize,
}

/// One logical line: `lo` is its first token, `hi` the newline (or end of
/// file) that ends it; the text between may contain bracketed newlines,
/// continuations and a trailing comment.
#[derive(Clone, Debug, PartialEq)]
pub struct LogicalLine {
    pub lo: usize,
    pub hi: usize,
    pub indent: Indent,
    /// The last significant character is `:` (a compound-statement header
    /// that expects an indented block).
    pub opens_block: bool,
    /// Index in the list returned by [`scan_lines`].
    pub index: usize,
    /// The line's lexical error (the scan's) or syntax error (the
    /// parser's). A more indented block after a line with an error is
    /// taken as its body (it may have been a header), not as an
    /// unexpected indent.
    pub error: Option<Diagnostic>,
}

/// The result of [`scan_lines`]: the logical lines (some with a lexical
/// error) and the error that ended the scan early, if one did.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    pub lines: Vec<LogicalLine>,
    /// An error that swallows the rest of the file (an unterminated
    /// triple-quoted string, a bracket never closed, ...).
    pub fatal: Option<Diagnostic>,
}

/// A lexical error, and where its broken logical line ends (the newline
/// the scan goes on from), if anywhere.
struct Lexical {
    diag: Diagnostic,
    resume: Option<usize>,
}

impl Lexical {
    fn fatal(diag: Diagnostic) -> Lexical {
        Lexical { diag, resume: None }
    }
}

/// Keywords that start a statement and can appear nowhere inside an
/// expression: one first on a line inside brackets means a bracket was
/// never closed.
const STATEMENT_KEYWORDS: [&str; 18] = [
    "def", "class", "return", "pass", "break", "continue", "raise", "del", "assert", "import",
    "global", "nonlocal", "while", "try", "except", "finally", "elif", "with",
];

/// A logical line and the indented block that follows it (empty unless the
/// line opens a block).
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub line: LogicalLine,
    pub body: Vec<Node>,
}

/// Split `file` into logical lines.
pub fn scan_lines(file: &SourceFile) -> Scan {
    let bom = if file.text.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    let mut scanner = Scanner {
        file,
        bytes: file.text.as_bytes(),
        pos: bom,
    };
    let mut scan = Scan::default();
    loop {
        match scanner.next_line(scan.lines.len()) {
            Ok(Some(line)) => scan.lines.push(line),
            Ok(None) => break,
            Err(e) => {
                scan.fatal = Some(e);
                break;
            }
        }
    }
    scan
}

struct Scanner<'a> {
    file: &'a SourceFile,
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self, at: usize) -> u8 {
        self.bytes.get(at).copied().unwrap_or(0)
    }

    fn error(&self, lo: usize, hi: usize, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.file.span(lo, hi), msg)
    }

    /// The next logical line, skipping blank and comment-only lines; a
    /// lexical error is the line's, unless it ends the scan.
    fn next_line(&mut self, index: usize) -> Result<Option<LogicalLine>, Diagnostic> {
        loop {
            let (indent, start) = self.measure_indent(self.pos);
            self.pos = start;
            match self.peek(start) {
                _ if start >= self.bytes.len() => return Ok(None),
                b'#' | b'\n' | b'\r' => self.skip_physical_line(),
                b'\\' if self.continuation_len(start) > 0 => {
                    // A continuation on an otherwise blank line: keep going.
                    self.pos = start + 1 + self.continuation_len(start);
                }
                _ => {
                    let (hi, opens_block, error) = match self.scan_logical(start) {
                        Ok((hi, opens_block)) => (hi, opens_block, None),
                        Err(Lexical { diag, resume }) => match resume {
                            Some(hi) => (hi, false, Some(diag)),
                            None => return Err(diag),
                        },
                    };
                    self.pos = hi;
                    return Ok(Some(LogicalLine {
                        lo: start,
                        hi,
                        indent,
                        opens_block,
                        index,
                        error,
                    }));
                }
            }
        }
    }

    /// Indentation of the physical line starting at `at`, and where its
    /// first non-blank character is.
    fn measure_indent(&self, mut at: usize) -> (Indent, usize) {
        let mut indent = Indent::default();
        loop {
            match self.peek(at) {
                b' ' => {
                    indent.tab8 += 1;
                    indent.tab1 += 1;
                }
                b'\t' => {
                    indent.tab8 = (indent.tab8 / 8 + 1) * 8;
                    indent.tab1 += 1;
                }
                0x0C => indent = Indent::default(),
                _ => return (indent, at),
            }
            at += 1;
        }
    }

    fn skip_physical_line(&mut self) {
        while self.pos < self.bytes.len() && self.bytes[self.pos] != b'\n' {
            self.pos += 1;
        }
        self.pos = (self.pos + 1).min(self.bytes.len());
    }

    /// Length of the newline after a backslash at `at` (0 if none).
    fn continuation_len(&self, at: usize) -> usize {
        match (self.peek(at + 1), self.peek(at + 2)) {
            (b'\n', _) => 1,
            (b'\r', b'\n') => 2,
            _ => 0,
        }
    }

    /// Scan one logical line from its first token; returns the offset of the
    /// newline that ends it and whether it opens a block.
    fn scan_logical(&mut self, start: usize) -> Result<(usize, bool), Lexical> {
        let mut brackets: Vec<(u8, usize)> = Vec::new();
        let mut last = b' ';
        let mut at = start;
        loop {
            let c = self.peek(at);
            if at >= self.bytes.len() {
                return match brackets.last() {
                    Some(&(open, pos)) => Err(Lexical::fatal(self.never_closed(open, pos))),
                    None => Ok((at, last == b':')),
                };
            }
            match c {
                b'\n' if brackets.is_empty() => return Ok((at, last == b':')),
                b'\n' => {
                    self.newline_in_brackets(at, &brackets)?;
                    at += 1;
                }
                b' ' | b'\t' | b'\r' | 0x0C => at += 1,
                b'#' => {
                    while at < self.bytes.len() && self.bytes[at] != b'\n' {
                        at += 1;
                    }
                }
                b'\\' => {
                    at = self
                        .continuation(at)
                        .map_err(|d| self.recover(d, at, &brackets))?
                }
                b'\'' | b'"' => {
                    at = self.skip_string(at).map_err(|(d, triple)| match triple {
                        true => Lexical::fatal(d),
                        false => self.recover(d, at, &brackets),
                    })?;
                    last = c;
                }
                b'(' | b'[' | b'{' => {
                    self.open_bracket(&mut brackets, c, at)?;
                    at += 1;
                    last = c;
                }
                b')' | b']' | b'}' => {
                    self.close_bracket(&mut brackets, c, at)
                        .map_err(|diag| Lexical {
                            diag,
                            resume: Some(self.line_end(at)),
                        })?;
                    at += 1;
                    last = c;
                }
                _ => {
                    at += 1;
                    last = c;
                }
            }
        }
    }

    /// A newline at `at` inside brackets: the line after it may show that
    /// the innermost one was never closed.
    fn newline_in_brackets(&self, at: usize, brackets: &[(u8, usize)]) -> Result<(), Lexical> {
        match brackets.last() {
            Some(&(open, pos)) if self.starts_statement(at + 1) => Err(Lexical {
                diag: self.never_closed(open, pos),
                resume: Some(at),
            }),
            _ => Ok(()),
        }
    }

    fn open_bracket(
        &self,
        brackets: &mut Vec<(u8, usize)>,
        open: u8,
        at: usize,
    ) -> Result<(), Lexical> {
        brackets.push((open, at));
        if brackets.len() <= MAX_BRACKET_NESTING {
            return Ok(());
        }
        let d = self
            .error(at, at + 1, "too deeply nested")
            .with_label(format!("more than {MAX_BRACKET_NESTING} nested brackets"));
        Err(self.recover(d, at, brackets))
    }

    /// Where the logical line broken by the error `d` at `at` ends: its
    /// physical line if no bracket is open, else before the next line that
    /// starts a statement (none: the scan ends).
    fn recover(&self, d: Diagnostic, at: usize, brackets: &[(u8, usize)]) -> Lexical {
        let resume = if brackets.is_empty() {
            Some(self.line_end(at))
        } else {
            self.next_statement_line(at)
        };
        Lexical { diag: d, resume }
    }

    /// The newline ending the physical line of `at` (or the end of file).
    fn line_end(&self, at: usize) -> usize {
        let at = at.min(self.bytes.len());
        self.bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.bytes.len(), |i| at + i)
    }

    /// The newline before the first physical line after `at` that starts
    /// a statement.
    fn next_statement_line(&self, at: usize) -> Option<usize> {
        let mut nl = self.line_end(at);
        while nl < self.bytes.len() {
            if self.starts_statement(nl + 1) {
                return Some(nl);
            }
            nl = self.line_end(nl + 1);
        }
        None
    }

    /// The physical line at `at` starts with a keyword of
    /// [`STATEMENT_KEYWORDS`].
    fn starts_statement(&self, at: usize) -> bool {
        let (_, first) = self.measure_indent(at);
        let rest = &self.bytes[first.min(self.bytes.len())..];
        let word_len = rest
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80))
            .unwrap_or(rest.len());
        STATEMENT_KEYWORDS
            .iter()
            .any(|kw| kw.as_bytes() == &rest[..word_len])
    }

    /// After a backslash at `at`: the offset past the continuation.
    fn continuation(&self, at: usize) -> Result<usize, Diagnostic> {
        let n = self.continuation_len(at);
        if at + 1 >= self.bytes.len() {
            return Err(self
                .error(at, at + 1, "unexpected end of file after line continuation")
                .with_label("the line continues past the end of the file"));
        }
        if n == 0 {
            return Err(self
                .error(
                    at,
                    at + 1,
                    "unexpected character after line continuation character",
                )
                .with_label("a '\\' must end the line"));
        }
        if at + 1 + n >= self.bytes.len() {
            return Err(self
                .error(at, at + 1, "unexpected end of file after line continuation")
                .with_label("the line continues past the end of the file"));
        }
        Ok(at + 1 + n)
    }

    fn close_bracket(
        &self,
        brackets: &mut Vec<(u8, usize)>,
        close: u8,
        at: usize,
    ) -> Result<(), Diagnostic> {
        let Some((open, pos)) = brackets.pop() else {
            return Err(self
                .error(at, at + 1, format!("unmatched '{}'", close as char))
                .with_label("no opening bracket for this"));
        };
        if matching(open) == close {
            return Ok(());
        }
        let (line, col) = self.file.line_col(pos);
        Err(self
            .error(
                at,
                at + 1,
                format!(
                    "closing parenthesis '{}' does not match opening parenthesis '{}' on line {line}",
                    close as char, open as char
                ),
            )
            .with_label(format!("expected '{}'", matching(open) as char))
            .with_note(format!("the '{}' is at {line}:{col}", open as char)))
    }

    fn never_closed(&self, open: u8, pos: usize) -> Diagnostic {
        self.error(pos, pos + 1, format!("'{}' was never closed", open as char))
            .with_label(format!("no matching '{}'", matching(open) as char))
    }

    /// Skip a string literal whose opening quote is at `at`; returns the
    /// offset past its closing quote, or the error and whether the string
    /// was triple-quoted (it then runs to the end of the file).
    fn skip_string(&self, at: usize) -> Result<usize, (Diagnostic, bool)> {
        let q = self.bytes[at];
        let triple = self.peek(at + 1) == q && self.peek(at + 2) == q;
        let mut i = if triple { at + 3 } else { at + 1 };
        while i < self.bytes.len() {
            match self.bytes[i] {
                b'\\' => i += 2,
                b'\n' if !triple => break,
                c if c == q && (!triple || (self.peek(i + 1) == q && self.peek(i + 2) == q)) => {
                    return Ok(if triple { i + 3 } else { i + 1 });
                }
                _ => i += 1,
            }
        }
        let (msg, len) = if triple {
            let (line, _) = self.file.line_col(self.bytes.len());
            (
                format!("unterminated triple-quoted string literal (detected at line {line})"),
                3,
            )
        } else {
            ("unterminated string literal".to_string(), 1)
        };
        let d = self
            .error(at, at + len, msg)
            .with_label("this string is never closed");
        Err((d, triple))
    }
}

fn matching(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

/// How a header line is named in "expected an indented block after …".
fn header_name(file: &SourceFile, line: &LogicalLine) -> String {
    let word: String = file.text[line.lo..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    match word.as_str() {
        "def" => "function definition".to_string(),
        "class" => "class definition".to_string(),
        "" => "statement".to_string(),
        w => format!("'{w}' statement"),
    }
}

/// Span of the first token of a line (an identifier, or one character).
fn first_token(file: &SourceFile, lo: usize) -> Span {
    let rest = &file.text[lo.min(file.text.len())..];
    let word = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(rest.len(), |(i, _)| i);
    let len = if word > 0 {
        word
    } else {
        rest.chars().next().map_or(0, |c| c.len_utf8())
    };
    file.span(lo, lo + len)
}

/// Build the block tree from the logical lines. `truncated` says the scan
/// stopped at a lexical error (then a missing block at the end is not
/// reported: the lexical error explains it). The first indentation error
/// ends it: after one, the block structure is a guess.
pub fn build_blocks(
    file: &SourceFile,
    lines: &[LogicalLine],
    truncated: bool,
) -> Result<Vec<Node>, Diagnostic> {
    // Each frame: the indentation of its block and the nodes so far.
    let mut stack: Vec<(Indent, Vec<Node>)> = vec![(Indent::default(), Vec::new())];
    let mut prev: Option<&LogicalLine> = None;
    for line in lines {
        let top = stack.last().map_or(Indent::default(), |f| f.0);
        let ord = compare(file, line, top)?;
        let more = ord == std::cmp::Ordering::Greater;
        if let Some(p) = prev.filter(|p| p.opens_block || (p.error.is_some() && more)) {
            if ord != std::cmp::Ordering::Greater {
                return Err(missing_block(file, p, first_token(file, line.lo)));
            }
            if stack.len() > MAX_INDENT_LEVELS {
                return Err(Diagnostic::error(
                    first_token(file, line.lo),
                    "too many levels of indentation",
                )
                .with_label(format!("more than {MAX_INDENT_LEVELS} nested blocks")));
            }
            stack.push((line.indent, Vec::new()));
        } else if ord == std::cmp::Ordering::Greater {
            return Err(
                Diagnostic::error(first_token(file, line.lo), "unexpected indent")
                    .with_label("this line is indented more than the block it is in"),
            );
        } else {
            dedent_to(file, &mut stack, line)?;
        }
        if let Some(frame) = stack.last_mut() {
            frame.1.push(Node {
                line: line.clone(),
                body: Vec::new(),
            });
        }
        prev = Some(line);
    }
    if let Some(p) = prev.filter(|p| p.opens_block && !truncated) {
        let end = file.text.len();
        return Err(missing_block(file, p, file.span(end, end)));
    }
    while stack.len() > 1 {
        close_frame(&mut stack);
    }
    Ok(stack.pop().map(|f| f.1).unwrap_or_default())
}

/// Compare a line's indentation with `top`, refusing inconsistent tabs.
fn compare(
    file: &SourceFile,
    line: &LogicalLine,
    top: Indent,
) -> Result<std::cmp::Ordering, Diagnostic> {
    let ord = line.indent.tab8.cmp(&top.tab8);
    if ord != line.indent.tab1.cmp(&top.tab1) {
        return Err(Diagnostic::error(
            first_token(file, line.lo),
            "inconsistent use of tabs and spaces in indentation",
        )
        .with_label("indent with spaces only, or tabs only"));
    }
    Ok(ord)
}

/// Close blocks until the top one has `line`'s indentation.
fn dedent_to(
    file: &SourceFile,
    stack: &mut Vec<(Indent, Vec<Node>)>,
    line: &LogicalLine,
) -> Result<(), Diagnostic> {
    while stack.len() > 1 {
        let top = stack.last().map_or(Indent::default(), |f| f.0);
        match compare(file, line, top)? {
            std::cmp::Ordering::Less => close_frame(stack),
            std::cmp::Ordering::Equal => return Ok(()),
            std::cmp::Ordering::Greater => break,
        }
    }
    let top = stack.last().map_or(Indent::default(), |f| f.0);
    if compare(file, line, top)? == std::cmp::Ordering::Equal {
        return Ok(());
    }
    Err(Diagnostic::error(
        first_token(file, line.lo),
        "unindent does not match any outer indentation level",
    )
    .with_label("this indentation matches no enclosing block"))
}

/// Pop the top block and make it the body of the last node below it.
fn close_frame(stack: &mut Vec<(Indent, Vec<Node>)>) {
    if let Some((_, body)) = stack.pop() {
        if let Some(parent) = stack.last_mut().and_then(|f| f.1.last_mut()) {
            parent.body = body;
        }
    }
}

fn missing_block(file: &SourceFile, header: &LogicalLine, at: Span) -> Diagnostic {
    let (line, _) = file.line_col(header.lo);
    Diagnostic::error(
        at,
        format!(
            "expected an indented block after {} on line {line}",
            header_name(file, header)
        ),
    )
    .with_label("expected an indented statement here")
}
