//! The pipeline's steps, in order: read → parse → load → build flow graphs
//! → simplify; each user error is rendered as a diagnostic with exit status 1.

use flowgraph::FlowProgram;
use rpy_front::{Diagnostic, Diagnostics, SourceFile};
use rpy_rtyper::annotate::Annotations;
use std::path::{Path, PathBuf};

/// A failed step: already reported, with the exit status to use.
pub struct Failed(pub i32);

/// Print every error of a step (up to the limit, with the summary line),
/// each rendered in the file of the program it is in (`files[0]` is the
/// main file).
fn report(files: &[SourceFile], errors: impl Into<Diagnostics>) -> Failed {
    eprint!("{}", errors.into().in_files(files).render(&files[0]));
    Failed(1)
}

/// Read a source file; a missing file or invalid UTF-8 is a user error.
pub fn read_source(path: &Path) -> Result<SourceFile, Failed> {
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read {name}: {e}");
            return Err(Failed(1));
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = SourceFile::new(name, text);
            let span = file.span(at, at + 1);
            Err(report(
                std::slice::from_ref(&file),
                Diagnostic::error(span, "the file is not valid UTF-8"),
            ))
        }
    }
}

/// The directories `--path` added to the module search path (set once,
/// by the command line, before any step runs).
static SEARCH_PATH: std::sync::OnceLock<Vec<std::path::PathBuf>> = std::sync::OnceLock::new();

/// Set the directories imported modules are looked for in, after the main
/// file's own directory (`--path DIR`, repeatable).
pub fn set_search_path(dirs: Vec<std::path::PathBuf>) {
    let _ = SEARCH_PATH.set(dirs);
}

fn search_path() -> &'static [std::path::PathBuf] {
    SEARCH_PATH.get().map_or(&[], Vec::as_slice)
}

/// Runs the pipeline's steps; with `verbose`, one line per step with its
/// time on stderr (`[translate] annotate   0.002s`).
#[derive(Clone, Copy)]
pub struct Steps {
    pub verbose: bool,
    /// Optimization level: 0 runs no backendopt pass.
    pub opt: u8,
    /// A `-jit` target: the codewriter runs and the portal calls the JIT.
    pub jit: bool,
}

impl Default for Steps {
    fn default() -> Steps {
        Steps {
            verbose: false,
            opt: 2,
            jit: false,
        }
    }
}

impl Steps {
    fn step<T>(&self, name: &str, f: impl FnOnce() -> T) -> T {
        let start = std::time::Instant::now();
        let r = f();
        if self.verbose {
            eprintln!(
                "[translate] {name:<10} {:.3}s",
                start.elapsed().as_secs_f64()
            );
        }
        r
    }

    /// Parse and load: the module-level program.
    pub fn load(&self, path: &Path) -> Result<rpy_front::program::Program, Failed> {
        let file = read_source(path)?;
        let module = self
            .step("parse", || rpy_front::parse_module(&file))
            .map_err(|d| report(std::slice::from_ref(&file), d))?;
        self.step("load", || {
            rpy_front::load::load(file.clone(), &module, search_path())
        })
        .map_err(|d| report(std::slice::from_ref(&file), d))
    }

    /// The front end up to simplified, checked flow graphs.
    pub fn flow(&self, path: &Path) -> Result<FlowProgram, Failed> {
        let program = self.load(path)?;
        let files = program.files.clone();
        let mut fp = self
            .step("build", || flowgraph::build::build_program(program))
            .map_err(|d| report(&files, d))?;
        self.step("simplify", || {
            flowgraph::simplify::simplify_program(&mut fp)
        });
        flowgraph::hints::check_hints(&fp).map_err(|d| report(&files, d))?;
        Ok(fp)
    }

    /// Flow graphs plus the type of every variable.
    pub fn annotate(&self, path: &Path) -> Result<(FlowProgram, Annotations), Failed> {
        let fp = self.flow(path)?;
        let ann = self
            .step("annotate", || rpy_rtyper::annotate::annotate(&fp))
            .map_err(|d| report(&fp.program.files, d))?;
        Ok((fp, ann))
    }

    /// Annotated flow graphs → LL graphs (checked by the LL verifier).
    pub fn rtype(&self, path: &Path) -> Result<rpy_rtyper::ll::LLProgram, Failed> {
        let (fp, ann) = self.annotate(path)?;
        self.rtype_flow(&fp, &ann)
    }

    /// The LL graphs of annotated flow graphs.
    fn rtype_flow(
        &self,
        fp: &FlowProgram,
        ann: &Annotations,
    ) -> Result<rpy_rtyper::ll::LLProgram, Failed> {
        let ll = self
            .step("rtype", || rpy_rtyper::rtype::rtype(fp, ann))
            .map_err(|d| report(&fp.program.files, d))?;
        verify_ll(&ll, "rtype")?;
        if self.opt == 0 {
            return Ok(ll);
        }
        let mut ll = ll;
        self.step("backendopt", || rpy_backendopt::optimize(&mut ll));
        verify_ll(&ll, "backendopt")?;
        Ok(ll)
    }
}

/// The LL graphs and, with a JitDriver, the jitcodes.
type Checked = (
    rpy_rtyper::ll::LLProgram,
    Option<jitgen::codewriter::Output>,
);

/// The file stem of a program (`goal/toy.rpy` → `toy`).
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "program".into())
}

impl Steps {
    /// LL graphs → Rust source.
    pub fn genrust(&self, path: &Path) -> Result<String, Failed> {
        let (ll, jit) = self.checked(path)?;
        let file = path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let jit = jit.filter(|_| self.jit);
        Ok(self.step("genrust", || {
            rpy_genrust::generate(&ll, &file, jit.as_ref())
        }))
    }

    /// The LL graphs, and the jitcodes when the program has a JitDriver:
    /// every check a translation makes (the codewriter checks the JIT
    /// hints in every mode).
    fn checked(&self, path: &Path) -> Result<Checked, Failed> {
        let (fp, ann) = self.annotate(path)?;
        self.checked_flow(&fp, &ann)
    }

    /// `checked` on flow graphs already built and annotated.
    fn checked_flow(&self, fp: &FlowProgram, ann: &Annotations) -> Result<Checked, Failed> {
        let ll = self.rtype_flow(fp, ann)?;
        let jit = if !ll.drivers.is_empty() {
            self.step("codewriter", || jitgen::codewriter::codewrite(&ll))
                .map_err(|d| report(&fp.program.files, d))?
        } else {
            None
        };
        Ok((ll, jit))
    }
}

/// `translate FILE [--opt=N|jit] [-o OUT]`: the native executable
/// (`./target-STEM-native`), or with `jit` the one with the JIT
/// (`./target-STEM-jit`).
pub fn translate(path: &Path, opt: u8, jit: bool, out: Option<&Path>) -> i32 {
    let steps = Steps {
        verbose: true,
        opt,
        jit,
    };
    status((|| {
        let text = steps.genrust(path)?;
        let stem = stem(path);
        let out = out.map_or_else(
            || {
                PathBuf::from(format!(
                    "./target-{stem}-{}",
                    if jit { "jit" } else { "native" }
                ))
            },
            Path::to_path_buf,
        );
        let source = crate::build::write_source(&stem, &text).map_err(|e| {
            eprintln!("error: {e}");
            Failed(1)
        })?;
        let rt = steps.step("runtime", crate::build::runtime).map_err(|e| {
            eprintln!("error: {e}");
            Failed(2)
        })?;
        if rt.built {
            eprintln!(
                "[translate] built the runtime in {}",
                crate::build::cache_dir().display()
            );
        }
        steps
            .step("rustc", || {
                crate::build::compile(&source, &out, opt, jit, &rt)
            })
            .map_err(|f| {
                eprintln!(
                    "internal error: rustc rejected the generated file {}:\n{}",
                    f.source.display(),
                    f.first_error
                );
                Failed(2)
            })?;
        eprintln!("[translate] wrote {}", out.display());
        Ok(0)
    })())
}

/// `--dump=rust`: the generated Rust source.
pub fn dump_rust(path: &Path, opt: u8, jit: bool) -> i32 {
    let steps = Steps {
        opt,
        jit,
        ..Steps::default()
    };
    status(steps.genrust(path).map(|text| {
        print!("{text}");
        0
    }))
}

/// LL graphs that do not verify are a bug of ours: exit status 2.
fn verify_ll(ll: &rpy_rtyper::ll::LLProgram, after: &str) -> Result<(), Failed> {
    rpy_rtyper::ll::verify::verify_program(ll).map_err(|e| {
        eprintln!("internal error: the LL graphs do not verify after {after}:\n{e}");
        Failed(2)
    })
}

/// The front end up to simplified flow graphs, quietly.
pub fn flow(path: &Path) -> Result<FlowProgram, Failed> {
    Steps::default().flow(path)
}

fn status(r: Result<i32, Failed>) -> i32 {
    r.unwrap_or_else(|Failed(s)| s)
}

/// `--interp`: runs the flow graphs, once the program has passed the
/// same checks as a translation (types, JIT hints), so a program either
/// runs the same way in every mode or is refused in every mode.
pub fn run_interp(path: &Path, args: &[String]) -> i32 {
    let steps = Steps::default();
    status((|| {
        // the checks of a translation, on the graphs the interpreter runs
        let (fp, ann) = steps.annotate(path)?;
        steps.checked_flow(&fp, &ann)?;
        let mut argv = vec![path.display().to_string()];
        argv.extend(args.iter().cloned());
        Ok(rpy_interp::run(&fp, argv))
    })())
}

pub fn dump_ast(path: &Path) -> i32 {
    status((|| {
        let file = read_source(path)?;
        let module =
            rpy_front::parse_module(&file).map_err(|d| report(std::slice::from_ref(&file), d))?;
        print!("{}", rpy_front::ast_dump::dump_module(&module));
        Ok(0)
    })())
}

pub fn dump_annotated(path: &Path) -> i32 {
    status(Steps::default().annotate(path).map(|(fp, ann)| {
        print!(
            "{}",
            rpy_rtyper::annotate::print::print_annotated(&fp, &ann)
        );
        0
    }))
}

pub fn dump_ll(path: &Path) -> i32 {
    status(Steps::default().rtype(path).map(|ll| {
        print!("{}", rpy_rtyper::ll::print::print_program(&ll));
        0
    }))
}

/// `--dump=jitcodes`: what the codewriter makes of the portal.
pub fn dump_jitcodes(path: &Path) -> i32 {
    status(Steps::default().rtype(path).and_then(|ll| {
        match jitgen::codewriter::codewrite(&ll) {
            Ok(Some(out)) => print!("{}", jitgen::print::print_jitcodes(&out.jitcodes)),
            Ok(None) => println!("# no JitDriver: no jitcodes"),
            Err(d) => {
                let file = read_source(path)?;
                return Err(report(std::slice::from_ref(&file), d));
            }
        }
        Ok(0)
    }))
}

pub fn dump_flow(path: &Path) -> i32 {
    status(flow(path).map(|fp| {
        print!("{}", flowgraph::print::print_program(&fp));
        0
    }))
}

/// `--view`: one DOT file per function, and SVG when Graphviz is installed.
pub fn view(path: &Path) -> i32 {
    status(flow(path).and_then(|fp| {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let has_dot = std::process::Command::new("dot").arg("-V").output().is_ok();
        for g in &fp.graphs {
            let name = format!("{stem}-{}.dot", g.name.replace('.', "_"));
            let text = flowgraph::dot::to_dot(g, &fp.program);
            if let Err(e) = std::fs::write(&name, text) {
                eprintln!("error: cannot write {name}: {e}");
                return Err(Failed(1));
            }
            eprintln!("[translate] wrote {name}");
            if has_dot {
                let svg = name.replace(".dot", ".svg");
                let ok = std::process::Command::new("dot")
                    .args(["-Tsvg", &name, "-o", &svg])
                    .status()
                    .is_ok_and(|s| s.success());
                if ok {
                    eprintln!("[translate] wrote {svg}");
                }
            }
        }
        Ok(0)
    }))
}
