//! Building a translated program: the runtime crate is built once as an
//! rlib in a cache directory (not the workspace's own `target/`, whose
//! lock a running `cargo` may hold), rebuilt when its sources or the
//! rustc version change; the generated file is compiled against it with
//! the machine's `rustc`, offline.
//!
//! Cache layout (`RPY_CACHE_DIR`, default `<workspace>/target/rpy-cache`):
//! `runtime/` is cargo's target directory for the runtime, with
//! `runtime/stamp` recording `rustc -vV` and a digest of the runtime's
//! sources; `gen/STEM.rs` are the generated files.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (known when the translator is compiled).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the translator crate lives in the workspace")
        .to_path_buf()
}

/// The cache directory.
pub fn cache_dir() -> PathBuf {
    std::env::var_os("RPY_CACHE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target").join("rpy-cache"))
}

fn rustc() -> Command {
    Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// The prebuilt runtime: the rlib and the directory of its dependencies.
pub struct Runtime {
    pub rlib: PathBuf,
    /// The JIT's run time (linked into `-jit` targets).
    pub jit_rlib: PathBuf,
    pub deps: PathBuf,
    /// Whether this call had to (re)build it.
    pub built: bool,
}

/// `rustc -vV`.
fn rustc_version() -> Result<String, String> {
    let out = rustc()
        .arg("-vV")
        .output()
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A digest of every file the runtime build depends on (path, size, mtime).
fn sources_digest(root: &Path) -> u64 {
    fn walk(p: &Path, files: &mut Vec<PathBuf>) {
        if let Ok(rd) = std::fs::read_dir(p) {
            for e in rd.flatten() {
                let path = e.path();
                if path.is_dir() {
                    walk(&path, files);
                } else {
                    files.push(path);
                }
            }
        }
    }
    let mut files = vec![
        root.join("Cargo.toml"),
        root.join("Cargo.lock"),
        root.join("runtime/Cargo.toml"),
        root.join("jit-runtime/Cargo.toml"),
        root.join("semantics/Cargo.toml"),
    ];
    walk(&root.join("semantics/src"), &mut files);
    walk(&root.join("runtime/src"), &mut files);
    walk(&root.join("jit-runtime/src"), &mut files);
    files.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in files {
        f.hash(&mut h);
        if let Ok(m) = std::fs::metadata(&f) {
            m.len().hash(&mut h);
            m.modified().ok().hash(&mut h);
        }
    }
    h.finish()
}

/// The runtime rlib, built first if missing or stale.
pub fn runtime() -> Result<Runtime, String> {
    let root = workspace_root();
    let dir = cache_dir().join("runtime");
    let release = dir.join("release");
    let rlib = release.join("librpy_runtime.rlib");
    let stamp_path = dir.join("stamp");
    let stamp = format!(
        "{}sources {:016x}\n",
        rustc_version()?,
        sources_digest(&root)
    );
    let fresh = rlib.exists() && std::fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp);
    if !fresh {
        let out = cargo()
            .args([
                "build",
                "--release",
                "--offline",
                "--quiet",
                "-p",
                "rpy-runtime",
                "-p",
                "rpy-jit",
            ])
            .arg("--manifest-path")
            .arg(root.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(&dir)
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "building the runtime failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        std::fs::write(&stamp_path, &stamp)
            .map_err(|e| format!("cannot write {}: {e}", stamp_path.display()))?;
    }
    Ok(Runtime {
        jit_rlib: release.join("librpy_jit.rlib"),
        rlib,
        deps: release.join("deps"),
        built: !fresh,
    })
}

/// Write the generated source as `<cache>/gen/STEM.rs`.
pub fn write_source(stem: &str, text: &str) -> Result<PathBuf, String> {
    let dir = cache_dir().join("gen");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(format!("{stem}.rs"));
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// At `--opt=2`, every block reached by a jump starts on a 64-byte
/// boundary (a cache line). An interpreter's speed is decided by its
/// dispatch loop, whose jump targets otherwise land wherever the code
/// before them ends: on this kind of machine the same loop measured
/// anywhere from 0.98 s to 1.37 s (toy, 10^8) depending only on where its
/// blocks fell; 32-byte alignment still left 0.98–1.21 s between builds of
/// different runtimes, 64-byte alignment gave 0.98–1.01 s on every variant
/// tried. Aligned, the layout of each block no longer depends on the code
/// before it.
fn code_alignment(opt: u8) -> &'static [&'static str] {
    if opt >= 2 && cfg!(target_arch = "x86_64") {
        &["-C", "llvm-args=-align-all-nofallthru-blocks=6"]
    } else {
        &[]
    }
}

/// rustc's `-C opt-level` for `--opt=0|1|2`.
pub fn rustc_opt_level(opt: u8) -> &'static str {
    match opt {
        0 => "0",
        1 => "1",
        _ => "3",
    }
}

/// A failed compilation of generated code: the file and rustc's first
/// error.
pub struct RustcFailure {
    pub source: PathBuf,
    pub first_error: String,
}

/// The first `error…` paragraph of rustc's output.
fn first_error(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .skip_while(|l| !l.starts_with("error"))
        .take_while(|l| !l.is_empty())
        .take(20)
        .collect();
    if lines.is_empty() {
        stderr.lines().take(20).collect::<Vec<_>>().join("\n")
    } else {
        lines.join("\n")
    }
}

/// Compile a generated file into the executable `out`.
pub fn compile(
    source: &Path,
    out: &Path,
    opt: u8,
    jit: bool,
    rt: &Runtime,
) -> Result<(), RustcFailure> {
    let fail = |first_error: String| RustcFailure {
        source: source.to_path_buf(),
        first_error,
    };
    let mut extern_arg = std::ffi::OsString::from("rpy_runtime=");
    extern_arg.push(&rt.rlib);
    let mut deps_arg = std::ffi::OsString::from("dependency=");
    deps_arg.push(&rt.deps);
    let result = rustc()
        .args([
            "--edition",
            "2021",
            "--crate-type",
            "bin",
            "--crate-name",
            "rpy_target",
        ])
        .args(["-C", &format!("opt-level={}", rustc_opt_level(opt))])
        .args(code_alignment(opt))
        .args([
            "-C",
            "codegen-units=1",
            "-C",
            "debuginfo=0",
            "--cap-lints",
            "allow",
        ])
        .arg("--extern")
        .arg(extern_arg)
        .args(
            jit.then(|| {
                let mut a = std::ffi::OsString::from("rpy_jit=");
                a.push(&rt.jit_rlib);
                ["--extern".into(), a]
            })
            .into_iter()
            .flatten(),
        )
        .arg("-L")
        .arg(deps_arg)
        .arg("-o")
        .arg(out)
        .arg(source)
        .output()
        .map_err(|e| fail(format!("cannot run rustc: {e}")))?;
    if result.status.success() {
        Ok(())
    } else {
        Err(fail(first_error(&String::from_utf8_lossy(&result.stderr))))
    }
}
