//! The file operations of `rpy.io` whose result or error the program
//! sees: `read_file` and its OSError.

use crate::{Error, Result};

/// `read_file(path)`: the whole file, or OSError `[Errno N] reason: 'path'`.
pub fn read_file(path: &[u8]) -> Result<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    std::fs::read(std::ffi::OsStr::from_bytes(path)).map_err(|e| {
        let text = e.to_string();
        let reason = text.split(" (os error").next().unwrap_or(&text).to_string();
        Error::Os {
            errno: e.raw_os_error(),
            reason,
            path: path.to_vec(),
        }
    })
}
