//! `apim-dsl`: existing ARM templates in, exact apim-dsl declarations out
//! (`import`); the compiler's checks on ARM JSON (`check`); the deployment a
//! template would make, evaluated without Azure (`snapshot`).

mod check;
mod import;
mod report;

use clap::{CommandFactory, Parser, Subcommand};
use std::process::ExitCode;

/// Azure API Management infrastructure, checked like code.
#[derive(Debug, Parser)]
#[command(name = "apim-dsl", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the Rust `template!` that compiles back to an ARM template (or
    /// the Rust that builds a parameters file).
    Import(import::Args),
    /// Run every check of the compiler on ARM templates; exit status 1 on errors.
    Check(check::Args),
    /// Print shell completions for the `apim-dsl` command.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Import(args) => import::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "apim-dsl",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
    }
}
