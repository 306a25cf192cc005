//! `apim-dsl`: existing ARM templates in, exact apim-dsl declarations out
//! (`import`); the compiler's checks on ARM JSON (`check`); the deployment a
//! template would make, evaluated without Azure (`snapshot`).

mod check;
mod import;
mod io;
mod report;
mod snapshot;

use clap::{CommandFactory, Parser, Subcommand};
use std::process::ExitCode;

/// What `apim-dsl --help` ends with.
const AFTER_HELP: &str = "\
Files can be `-` (standard input); a UTF-8 byte order mark, // or /* */ comments and strings
written over lines are accepted, as ARM reads them (control characters other than line breaks
and tabs with a warning), and trailing commas with a warning (Azure CLI and the portal refuse them).
Install from a clone of the repository: cargo install --path apim-dsl-cli";

/// What `apim-dsl import --help` ends with: what the import cannot do yet.
const IMPORT_AFTER_HELP: &str = "\
Known limits (an error naming file:line:column and the JSON path; nothing is printed):
  - an output with a `condition` (the DSL's outputs have none)
  - `expressionEvaluationOptions.scope` spelled `inner` (a module writes `Inner`)
  - a `reference()` of a resource of the template without its `dependsOn`:
    the DSL adds the dependency ARM infers, so the JSON differs
  - a secureObject parameter with a literal default (the compiler rejects a
    secret in the template)
  - `languageVersion` 2.0 (symbolic-name) templates, user-defined types
    (`definitions`), floating-point numbers
  - names that are not identifiers (`my-param`, `self`, `$f`): of parameters,
    outputs, user-defined functions, their namespaces and parameters,
    resource and module loops and lambda parameters (`check` checks such
    templates under stand-in names); a variable so named, or named as a
    parameter, is imported with `#[name(\"<its name>\")]` and a fresh symbol
  - a resource or module loop named as a parameter: ARM keeps the two
    apart, the DSL, like Bicep, names both in one namespace (`check` checks
    such templates under stand-in names)
  - resource or module loops that share one `copy.name` (ARM waits for all
    of them where a `dependsOn` names it; the DSL names each loop by its
    own symbol; `check` checks each under a stand-in name)
  - a resource or module loop's `copy` with a `batchSize` but no `mode` \"serial\";
    a `mode` in a property's, variable's or output's `copy` (which ARM
    documents as `name`, `count` and `input`: remove it);
    a nested deployment's `metadata` other than its `description`
  - a nested deployment's `location` other than the one the DSL writes for
    a module deployed to a subscription ([resourceGroup().location], or
    [deployment().location] above a resource group)
  - a description ARM reads as an expression (`\"[x]\"`): the DSL writes the
    doc comment `/// [x]` escaped, `\"[[x]\"`, as Bicep does
  - a dependsOn name that is both a copy loop's and a resource's (ARM
    documents no precedence): rename one, or use resourceId(...)
--symbolic leaves as written: resources and modules with a loop or a
condition (children keep their combined `vault/secret` names, module output
reads stay reference(...)), role-assignment scopes written as strings, and
dependsOn entries naming such resources by resourceId(...).
See the README of apim-dsl-cli for more.";

/// Azure API Management infrastructure, checked like code.
#[derive(Debug, Parser)]
#[command(name = "apim-dsl", version, about, long_about = None, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the Rust `template!` that compiles back to an ARM template (or
    /// the Rust that builds a parameters file).
    #[command(after_help = IMPORT_AFTER_HELP)]
    Import(import::Args),
    /// Run every check of the compiler on ARM templates; exit status 1 on errors
    /// (the type data's findings and Bicep's lints are warnings, unless --strict).
    #[command(after_help = check::AFTER_HELP)]
    Check(check::Args),
    /// Print the resources an ARM template would deploy (bicep snapshot's JSON).
    Snapshot(Box<snapshot::SnapshotArgs>),
    /// Print shell completions for the `apim-dsl` command.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let files: Vec<&std::path::Path> = match &cli.command {
        Command::Import(args) => [Some(&args.template), args.parameters.as_ref()]
            .into_iter()
            .flatten()
            .map(|p| p.as_path())
            .collect(),
        Command::Check(args) => args.templates.iter().map(|p| p.as_path()).collect(),
        Command::Snapshot(args) => [Some(&args.template), args.parameters.as_ref()]
            .into_iter()
            .flatten()
            .map(|p| p.as_path())
            .collect(),
        Command::Completions { .. } => Vec::new(),
    };
    if files.iter().filter(|p| io::is_stdin(p)).count() > 1 {
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "only one file can be `-` (standard input)",
            )
            .exit();
    }
    match cli.command {
        Command::Import(args) => import::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Snapshot(args) => snapshot::run(*args),
        Command::Completions { shell } => {
            let script = completions(shell, "apim-dsl");
            match io::write_stdout(script.as_bytes()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(io::WriteFailed) => ExitCode::FAILURE,
            }
        }
    }
}

/// The completion script for `shell`, the names in the bash script made to
/// agree: for a command name with a hyphen, clap_complete assigns
/// `cmd="apim__dsl__subcmd__check"` but matches `apim__subcmd__dsl__subcmd__check`
/// in its `case`, so nothing after a subcommand would complete.
fn completions(shell: clap_complete::Shell, bin: &str) -> String {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), bin, &mut script);
    let script = String::from_utf8_lossy(&script).into_owned();
    if shell == clap_complete::Shell::Bash && bin.contains('-') {
        let right = bin.replace('-', "__");
        let wrong = bin.replace('-', "__subcmd__");
        script.replace(&wrong, &right)
    } else {
        script
    }
}
