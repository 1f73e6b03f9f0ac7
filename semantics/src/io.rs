//! The file operations whose result or error the program sees:
//! `rpy.io.read_file` and RPython's `os.open/read/write/close/lseek` on
//! file descriptors (Linux's flag values), with their OSErrors.

use crate::{Error, Result};

use std::io::{Read, Seek, SeekFrom, Write};
use std::mem::ManuallyDrop;
use std::os::fd::{FromRawFd, IntoRawFd};

pub const O_RDONLY: i64 = 0;
pub const O_WRONLY: i64 = 1;
pub const O_RDWR: i64 = 2;
pub const O_CREAT: i64 = 0o100;
pub const O_TRUNC: i64 = 0o1000;
pub const O_APPEND: i64 = 0o2000;

/// `os`'s integer constants by name.
pub const OS_CONSTANTS: &[(&str, i64)] = &[
    ("O_RDONLY", O_RDONLY),
    ("O_WRONLY", O_WRONLY),
    ("O_RDWR", O_RDWR),
    ("O_CREAT", O_CREAT),
    ("O_TRUNC", O_TRUNC),
    ("O_APPEND", O_APPEND),
    ("SEEK_SET", 0),
    ("SEEK_CUR", 1),
    ("SEEK_END", 2),
];

/// The text of an I/O error without Rust's ` (os error N)` suffix.
fn reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    text.split(" (os error").next().unwrap_or(&text).to_string()
}

fn fd_error(e: std::io::Error) -> Error {
    Error::OsFd {
        errno: e.raw_os_error(),
        reason: reason(&e),
    }
}

/// `read_file(path)`: the whole file, or OSError `[Errno N] reason: 'path'`.
pub fn read_file(path: &[u8]) -> Result<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    std::fs::read(std::ffi::OsStr::from_bytes(path)).map_err(|e| Error::Os {
        errno: e.raw_os_error(),
        reason: reason(&e),
        path: path.to_vec(),
    })
}

/// `os.open(path, flags, mode)`: a new file descriptor.
pub fn open(path: &[u8], flags: i64, mode: i64) -> Result<i64> {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::OpenOptionsExt;
    let access = flags & 3;
    let known = 3 | O_CREAT | O_TRUNC | O_APPEND;
    let file = std::fs::OpenOptions::new()
        .read(access == O_RDONLY || access == O_RDWR)
        .write(access == O_WRONLY || access == O_RDWR)
        .create(flags & O_CREAT != 0)
        .truncate(flags & O_TRUNC != 0)
        .append(flags & O_APPEND != 0)
        .custom_flags((flags & !known) as i32)
        .mode(mode as u32)
        .open(std::ffi::OsStr::from_bytes(path))
        .map_err(|e| Error::Os {
            errno: e.raw_os_error(),
            reason: reason(&e),
            path: path.to_vec(),
        })?;
    Ok(file.into_raw_fd() as i64)
}

/// The open file `fd`, borrowed (it is not closed when dropped).
fn borrowed(fd: i64) -> Result<ManuallyDrop<std::fs::File>> {
    if fd < 0 || fd > i32::MAX as i64 {
        return Err(Error::OsFd {
            errno: Some(9),
            reason: "Bad file descriptor".into(),
        });
    }
    // SAFETY: the File never closes the descriptor (ManuallyDrop); a bad
    // descriptor makes the system call fail with EBADF.
    Ok(ManuallyDrop::new(unsafe {
        std::fs::File::from_raw_fd(fd as i32)
    }))
}

/// `os.read(fd, n)`: at most `n` bytes (one read; empty at end of file).
pub fn read(fd: i64, n: i64) -> Result<Vec<u8>> {
    let mut buf = vec![0u8; n.max(0) as usize];
    loop {
        // Standard input goes through std's buffer, shared with read_stdin.
        let r = if fd == 0 {
            std::io::stdin().lock().read(&mut buf)
        } else {
            borrowed(fd)?.read(&mut buf)
        };
        match r {
            Ok(k) => {
                buf.truncate(k);
                return Ok(buf);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(fd_error(e)),
        }
    }
}

/// `time.time()`: seconds since the epoch.
pub fn time() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// `os.write(fd, s)`: all of `s`; the number of bytes written.
pub fn write(fd: i64, data: &[u8]) -> Result<i64> {
    let mut f = borrowed(fd)?;
    f.write_all(data).map_err(fd_error)?;
    Ok(data.len() as i64)
}

/// `os.close(fd)`.
pub fn close(fd: i64) -> Result<()> {
    let f = borrowed(fd)?;
    // Closing through std reports nothing: check the descriptor first.
    f.metadata().map_err(fd_error)?;
    drop(ManuallyDrop::into_inner(f));
    Ok(())
}

/// `os.lseek(fd, pos, how)`: the new position.
pub fn lseek(fd: i64, pos: i64, how: i64) -> Result<i64> {
    let mut f = borrowed(fd)?;
    let to = match how {
        0 => SeekFrom::Start(pos.max(0) as u64),
        1 => SeekFrom::Current(pos),
        _ => SeekFrom::End(pos),
    };
    f.seek(to).map(|p| p as i64).map_err(fd_error)
}

/// Up to `n` bytes of standard input, reading until `n` or its end
/// (`rpy.io.read_stdin`).
pub fn read_stdin(n: i64) -> Result<Vec<u8>> {
    let want = n.max(0) as usize;
    let mut buf = vec![0u8; want];
    let mut got = 0;
    let mut stdin = std::io::stdin().lock();
    while got < want {
        match stdin.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(k) => got += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(fd_error(e)),
        }
    }
    buf.truncate(got);
    Ok(buf)
}
