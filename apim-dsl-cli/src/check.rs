//! `apim-dsl check`: every check of the compiler on ARM JSON.

use crate::import::{is_parameters_file, read_json};
use crate::report::{Level, Located, print_text, to_json, to_sarif};
use apim_dsl_core::arm::import::verify::{Finding, Leniency, Severity, check_template};
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
    /// Report every finding as the macro does: the type data's and Bicep's
    /// lints' too are errors.
    #[arg(long)]
    pub strict: bool,
}

/// What `apim-dsl check --help` ends with: which findings are warnings
/// unless `--strict`, and why.
pub const AFTER_HELP: &str = "\
Severities follow Bicep's. What the type data alone decides is a warning (Bicep's BCP035,
BCP036, BCP037, BCP073, BCP088 in a resource body, BCP081 for a type or API version it
lacks): a property it does not list or lists as read-only or required, a value of another
JSON type or outside its enum, a read of a property it lacks, an unknown type or API
version. So are the lints Bicep's linter has as warnings (outputs-should-not-contain-secrets,
secure-parameter-default). Each such message says so. A top-level key no resource takes,
what fails a deployment whatever the type data says (expressions, names, references,
cycles, limits, ...) and the compiler's own rules (identities, Key Vault access, ...) stay
errors. --strict reports every finding as the macro does. Exit status: 0 without errors
(warnings allowed), 1 with errors, 2 on wrong usage. See the README of apim-dsl-cli.";

/// `finding`'s message as `check` reports it: an error of the compiler
/// reported as a warning says why.
fn message(finding: &Finding, strict: bool) -> String {
    let softened =
        finding.severity == Severity::Error && finding.severity_for(strict) != Severity::Error;
    match finding.leniency {
        Some(Leniency::TypeData) if softened => format!(
            "{} (a warning, as in Bicep: only the type data says so, and Azure may accept it; `--strict` makes it an error)",
            finding.message
        ),
        Some(Leniency::Linter(rule)) if softened => format!(
            "{} (a warning, as Bicep's linter rule `{rule}` is by default; `--strict` makes it an error)",
            finding.message
        ),
        Some(Leniency::NoBicep) if softened => format!(
            "{} (a warning: ARM deploys it, only the Bicep of a port to the DSL has no form for it; `--strict` makes it an error)",
            finding.message
        ),
        _ => finding.message.clone(),
    }
}

/// Runs `apim-dsl check`: exit status 1 when any template has an error (as
/// Bicep reports it, or as the macro does with `--strict`).
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
            (at, f.severity_for(args.strict))
        });
        problems.extend(findings.iter().map(|f| {
            Located::at_path(
                file,
                &index,
                &f.path,
                if f.severity_for(args.strict) == Severity::Error {
                    Level::Error
                } else {
                    Level::Warning
                },
                message(f, args.strict),
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
