//! `apim-dsl check`: every check of the compiler on ARM JSON.

use crate::import::{is_parameters_file, read_json};
use crate::report::{Level, Located, print_text, to_json, to_sarif};
use apim_dsl_core::arm::import::verify::{Severity, check_template};
use apim_dsl_core::arm::json_pos::PositionIndex;
use std::path::PathBuf;
use std::process::ExitCode;

/// How `check` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `file:line:column: error: message (at $.path)`, on standard error.
    Text,
    /// A JSON array of `{file, line, column, path, severity, code, message}`.
    Json,
    /// A SARIF 2.1.0 log, for code scanning.
    Sarif,
}

/// Arguments of `apim-dsl check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ARM templates to check (`-` for standard input). Deployment
    /// parameters files (by their `$schema`) are skipped with a note.
    #[arg(required = true)]
    pub templates: Vec<PathBuf>,
    /// How to report.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Runs `apim-dsl check`: exit status 1 when any template has an error.
pub fn run(args: &Args) -> ExitCode {
    let mut problems = Vec::new();
    let mut skipped = 0;
    for file in &args.templates {
        let (text, value) = match read_json(file) {
            Ok((text, value, commas)) => {
                problems.extend(commas);
                (text, value)
            }
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        if is_parameters_file(&value) {
            // `check *.json` on a folder: the parameters files are not templates.
            skipped += 1;
            problems.push(Located::note(
                file,
                "skipped: a deployment parameters file (its `$schema` is deploymentParameters.json), not a template".to_string(),
            ));
            continue;
        }
        let index = PositionIndex::new(&text);
        problems.extend(crate::import::duplicate_keys(file, &index));
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
                if f.severity == Severity::Error {
                    Level::Error
                } else {
                    Level::Warning
                },
                f.message,
            )
        }));
    }
    let failed = problems.iter().any(Located::is_error);
    match args.format {
        Format::Text => {
            print_text(&problems);
            let count = |level| problems.iter().filter(|p| p.level == level).count();
            let (errors, warnings) = (count(Level::Error), count(Level::Warning));
            let mut summary = format!(
                "{} template(s) checked: {errors} error(s), {warnings} warning(s)",
                args.templates.len() - skipped
            );
            if skipped > 0 {
                summary.push_str(&format!(", {skipped} parameters file(s) skipped"));
            }
            crate::io::eprint_line(&summary);
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
