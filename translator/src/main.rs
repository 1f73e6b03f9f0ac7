//! The `translate` command line: run an rpy program untranslated, dump its
//! intermediate forms, or write its flow graphs as Graphviz files.

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
    /// The rpy program.
    file: PathBuf,
    /// Arguments passed to the program (with --interp).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = if cli.interp {
        driver::run_interp(&cli.file, &cli.args)
    } else if let Some(d) = cli.dump {
        match d {
            Dump::Ast => driver::dump_ast(&cli.file),
            Dump::Flow => driver::dump_flow(&cli.file),
            Dump::Annotated => driver::dump_annotated(&cli.file),
            Dump::Ll => driver::dump_ll(&cli.file),
        }
    } else if cli.view {
        driver::view(&cli.file)
    } else {
        // Translation to native code comes with the backends; until then
        // translating checks the whole front end.
        driver::check(&cli.file)
    };
    ExitCode::from(status.clamp(0, 255) as u8)
}
