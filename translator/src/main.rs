//! The `translate` command line: translate an rpy program to a native
//! executable, run it untranslated, dump its intermediate forms, or write
//! its flow graphs as Graphviz files.

use clap::{Parser, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use translator::driver;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Dump {
    /// The abstract syntax tree.
    Ast,
    /// The flow graphs after simplification.
    Flow,
    /// The flow graphs with the type of every variable.
    Annotated,
    /// The low-level graphs after rtyping.
    Ll,
    /// The Rust source the native backend compiles.
    Rust,
    /// The JIT's jitcodes (the codewriter's output for the portal).
    Jitcodes,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Opt {
    /// rustc -C opt-level=0.
    #[value(name = "0")]
    O0,
    /// rustc -C opt-level=1.
    #[value(name = "1")]
    O1,
    /// rustc -C opt-level=3 (the default).
    #[value(name = "2")]
    O2,
    /// opt-level 3 plus the meta-tracing JIT (`./target-STEM-jit`).
    Jit,
}

impl Opt {
    /// The numeric level (`None` for the JIT).
    fn level(self) -> Option<u8> {
        match self {
            Opt::O0 => Some(0),
            Opt::O1 => Some(1),
            Opt::O2 => Some(2),
            Opt::Jit => None,
        }
    }
}

/// rpy's translator: rpy program → flow graphs → (untranslated run | dumps).
#[derive(Parser, Debug)]
#[command(name = "translate", version, about)]
struct Cli {
    /// Run the program on the graph interpreter (untranslated) with ARGS.
    #[arg(long)]
    interp: bool,
    /// Print an intermediate form to stdout.
    #[arg(long, value_enum)]
    dump: Option<Dump>,
    /// Write a Graphviz DOT file per function (and SVG when `dot` is installed).
    #[arg(long)]
    view: bool,
    /// Optimization level of the translated program.
    #[arg(long, value_enum, default_value = "2")]
    opt: Opt,
    /// Also look for imported modules in DIR (after the main file's
    /// directory; repeatable).
    #[arg(long = "path", value_name = "DIR")]
    path: Vec<PathBuf>,
    /// The executable to write (default `./target-STEM-native`).
    #[arg(short = 'o', value_name = "OUT")]
    output: Option<PathBuf>,
    /// The rpy program.
    file: PathBuf,
    /// Arguments passed to the program (with --interp).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    driver::set_search_path(cli.path.clone());
    let status = if cli.interp {
        driver::run_interp(&cli.file, &cli.args)
    } else if let Some(d) = cli.dump {
        match d {
            Dump::Ast => driver::dump_ast(&cli.file),
            Dump::Flow => driver::dump_flow(&cli.file),
            Dump::Annotated => driver::dump_annotated(&cli.file),
            Dump::Ll => driver::dump_ll(&cli.file),
            Dump::Jitcodes => driver::dump_jitcodes(&cli.file),
            Dump::Rust => {
                driver::dump_rust(&cli.file, cli.opt.level().unwrap_or(2), cli.opt == Opt::Jit)
            }
        }
    } else if cli.view {
        driver::view(&cli.file)
    } else {
        driver::translate(
            &cli.file,
            cli.opt.level().unwrap_or(2),
            cli.opt == Opt::Jit,
            cli.output.as_deref(),
        )
    };
    ExitCode::from(status.clamp(0, 255) as u8)
}
