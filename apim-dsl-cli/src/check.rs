//! `apim-dsl check`: every check of the compiler on ARM JSON.

use crate::import::read_json;
use crate::report::{Located, print_text, to_json, to_sarif};
use apim_dsl_core::arm::import::verify::{Severity, check_template};
use apim_dsl_core::arm::json_pos::PositionIndex;
use std::path::PathBuf;
use std::process::ExitCode;

/// How `check` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `file:line:column: error: message (at $.path)`, on standard error.
    Text,
    /// A JSON array of `{file, line, column, path, severity, message}`.
    Json,
    /// A SARIF 2.1.0 log, for code scanning.
    Sarif,
}

/// Arguments of `apim-dsl check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ARM templates to check.
    #[arg(required = true)]
    pub templates: Vec<PathBuf>,
    /// How to report.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Runs `apim-dsl check`: exit status 1 when any template has an error.
pub fn run(args: &Args) -> ExitCode {
    let mut problems = Vec::new();
    for file in &args.templates {
        let (text, value) = match read_json(file) {
            Ok(read) => read,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let index = PositionIndex::new(&text);
        let mut findings = check_template(&value);
        findings.sort_by_key(|f| {
            let at = index.position(&f.path).map_or(0, |p| p.offset);
            (at, f.severity)
        });
        problems.extend(findings.into_iter().map(|f| {
            Located::at_path(
                file,
                &index,
                &f.path,
                f.severity == Severity::Error,
                f.message,
            )
        }));
    }
    let failed = problems.iter().any(|p| p.error);
    match args.format {
        Format::Text => {
            print_text(&problems);
            let errors = problems.iter().filter(|p| p.error).count();
            let warnings = problems.len() - errors;
            crate::io::eprint_line(&format!(
                "{} template(s) checked: {errors} error(s), {warnings} warning(s)",
                args.templates.len()
            ));
        }
        Format::Json | Format::Sarif => {
            let report = if args.format == Format::Json {
                to_json(&problems)
            } else {
                to_sarif(&problems)
            };
            let mut text = pretty(&report);
            text.push('\n');
            if crate::io::write_stdout(text.as_bytes()).is_err() {
                return ExitCode::FAILURE;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}
