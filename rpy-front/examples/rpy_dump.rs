//! Dump the AST of a file (or print its first error): a debugging aid.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let file = rpy_front::SourceFile::new(path, text);
    match rpy_front::parse_module(&file) {
        Ok(m) => print!("{}", rpy_front::ast_dump::dump_module(&m)),
        Err(e) => print!("{}", e.render(&file)),
    }
}
