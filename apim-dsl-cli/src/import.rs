//! `apim-dsl import`: an ARM template (or a parameters file) in, the Rust that
//! declares it out.

use crate::report::{Level, Located, print_text};
use apim_dsl_core::arm::import::{self, Options, verify};
use apim_dsl_core::arm::json_pos::PositionIndex;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The parameters files' `$schema` ends with this.
const PARAMETERS_SCHEMA: &str = "deploymentParameters.json";

/// Arguments of `apim-dsl import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ARM template (`azuredeploy.json`), or a parameters file
    /// (`*.parameters.json`, recognised by its `$schema`); `-` for standard
    /// input.
    pub template: PathBuf,
    /// A parameters file for the template: its Rust is printed after the
    /// template's.
    #[arg(short, long, value_name = "P.json")]
    pub parameters: Option<PathBuf>,
    /// Write the Rust source here instead of standard output.
    #[arg(short, long, value_name = "FILE.rs")]
    pub output: Option<PathBuf>,
    /// Rewrite recognised patterns idiomatically: `reference(resourceId(...))`
    /// members and ids become symbols (`apim.identity.principalId`, `apim.id`),
    /// children get `parent:`, role assignments shaped like grants become
    /// `grant`s, and the `dependsOn` those imply are dropped.
    #[arg(long)]
    pub symbolic: bool,
    /// The constant's name, a Rust identifier in SCREAMING_SNAKE_CASE
    /// (default: from the file name, `APIM_WITH_IDENTITY`; `TEMPLATE` for
    /// standard input).
    #[arg(long, value_name = "NAME", value_parser = constant_name)]
    pub name: Option<String>,
}

/// A name for the constant: SCREAMING_SNAKE_CASE (`[A-Z_][A-Z0-9_]*` with a
/// letter), so a Rust identifier and never a keyword (keywords are lower
/// case), for clap.
fn constant_name(text: &str) -> Result<String, String> {
    let first_ok = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_uppercase() || c == '_');
    let rest_ok = text
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if first_ok && rest_ok && text.chars().any(|c| c.is_ascii_uppercase()) {
        Ok(text.to_string())
    } else {
        Err(format!(
            "not a constant name in SCREAMING_SNAKE_CASE (like {}): upper-case ASCII letters, digits and `_`, starting with a letter or `_`",
            const_name(Path::new(&text.to_ascii_lowercase()))
        ))
    }
}

/// The constant's name for a file: its stem in upper snake case
/// (`TEMPLATE` for standard input), a parameters file's without
/// `.parameters` and an environment after it (`main.parameters.dev.json`:
/// `MAIN`, the template's).
pub fn const_name(path: &Path) -> String {
    if crate::io::is_stdin(path) {
        return "TEMPLATE".to_string();
    }
    let stem = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("template");
    let stem = stem.strip_suffix(".json").unwrap_or(stem);
    // `main.parameters.json` and `main.parameters.dev.json` (one file per
    // environment) are parameters of `main.json`.
    let stem = match stem.find(".parameters.") {
        Some(at) => &stem[..at],
        None => stem.trim_end_matches(".parameters"),
    };
    let mut name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "T_");
    }
    name
}

/// Whether `value` is a deployment parameters file: its `$schema` names
/// `deploymentParameters.json`.
pub fn is_parameters_file(value: &Value) -> bool {
    value
        .get("$schema")
        .and_then(Value::as_str)
        .is_some_and(|s| s.contains(PARAMETERS_SCHEMA))
}

/// Reads and parses a JSON file (standard input for `-`; a byte order mark,
/// comments, trailing commas and control characters written raw in strings
/// allowed), or reports why not at its line and column; with a warning at
/// each trailing comma and each raw control character other than a line
/// break or a tab, in the order of the file.
pub fn read_json(path: &Path) -> Result<(String, Value, Vec<Located>), Located> {
    let (text, commas) = crate::io::read_source(path)
        .map_err(|e| Located::whole(path, format!("cannot read the file: {e}")))?;
    let (value, controls) = crate::io::parse_json(&text).map_err(|e| Located {
        file: path.to_path_buf(),
        line: e.line,
        column: e.column,
        path: None,
        level: crate::report::Level::Error,
        message: format!("not valid JSON: {}", e.message),
    })?;
    let mut warnings = trailing_commas(path, &text, &value, &commas);
    warnings.extend(raw_controls(path, &text, &controls));
    warnings.sort_by_key(|w| (w.line, w.column));
    Ok((text, value, warnings))
}

/// A warning at each control character of the file `path` (its JSON `text`)
/// written raw in a string that is neither a line break nor a tab, with the
/// path of the string's value (of the key's value, for a key).
pub fn raw_controls(path: &Path, text: &str, controls: &[crate::io::RawControl]) -> Vec<Located> {
    let mut invisible = controls.iter().filter(|c| !c.is_text()).peekable();
    if invisible.peek().is_none() {
        return Vec::new();
    }
    let index = PositionIndex::new(text);
    invisible
        .map(|control| Located {
            file: path.to_path_buf(),
            line: control.line,
            column: control.column,
            path: index.path_from(control.string_start).map(str::to_string),
            level: Level::Warning,
            message: control.warning(),
        })
        .collect()
}

/// A warning at each trailing comma of the file `path` (its JSON `text`,
/// read as `value`), with the path of the object or array the comma ends.
pub fn trailing_commas(
    path: &Path,
    text: &str,
    value: &Value,
    commas: &[crate::io::Comma],
) -> Vec<Located> {
    if commas.is_empty() {
        return Vec::new();
    }
    let index = PositionIndex::new(text);
    let message = crate::io::trailing_comma(is_parameters_file(value));
    commas
        .iter()
        .map(|comma| Located {
            file: path.to_path_buf(),
            line: comma.line,
            column: comma.column,
            path: index.container_at(comma.offset).map(str::to_string),
            level: Level::Warning,
            message: message.to_string(),
        })
        .collect()
}

/// Runs `apim-dsl import`.
pub fn run(args: &Args) -> ExitCode {
    let mut out = String::new();
    let mut problems = Vec::new();
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| const_name(&args.template));
    let mut warnings = Vec::new();
    match convert(&args.template, &name, args.symbolic, &name, &[], None) {
        Ok((text, found)) => {
            out.push_str(&text);
            warnings.extend(found);
        }
        Err(found) => problems.extend(found),
    }
    if let Some(parameters) = &args.parameters {
        // The template's parameter names, which the file's are matched to.
        let declared: Vec<String> = read_json(&args.template)
            .ok()
            .and_then(|(_, template, _)| {
                template
                    .get("parameters")
                    .and_then(Value::as_object)
                    .map(|p| p.keys().cloned().collect())
            })
            .unwrap_or_default();
        match convert(
            parameters,
            &name,
            args.symbolic,
            &name,
            &declared,
            Some(&args.template),
        ) {
            Ok((text, found)) => {
                out.push('\n');
                out.push_str(&text);
                warnings.extend(found);
            }
            Err(found) => problems.extend(found),
        }
    }
    if !problems.is_empty() {
        print_text(&problems);
        return ExitCode::FAILURE;
    }
    print_text(&warnings);
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &out) {
                crate::io::eprint_line(&format!("error: cannot write {}: {e}", path.display()));
                return ExitCode::FAILURE;
            }
        }
        None => {
            if crate::io::write_stdout(out.as_bytes()).is_err() {
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// The keys a JSON object of `index`'s file holds twice, as errors: ARM
/// rejects such a file, and a JSON reader keeps only the last value.
pub fn duplicate_keys(path: &Path, index: &PositionIndex) -> Vec<Located> {
    index
        .duplicate_keys()
        .iter()
        .map(|key| {
            Located::at_path(
                path,
                index,
                key,
                Level::Error,
                "this key is given twice in one object: ARM rejects the file (\"Property with the same name already exists\"), and JSON readers keep only the last value".to_string(),
            )
        })
        .collect()
}

/// One file to Rust: a template (proved by compiling it back) or a
/// parameters file; with the warnings the import gives.
///
/// `for_template` is `Some` for the file given to `--parameters`: it must
/// be a parameters file (by its `$schema`, or without one an object of
/// `parameters`), not a second template.
fn convert(
    path: &Path,
    name: &str,
    symbolic: bool,
    template_const: &str,
    declared: &[String],
    for_template: Option<&Path>,
) -> Result<(String, Vec<Located>), Vec<Located>> {
    let (text, value, commas) = read_json(path).map_err(|e| vec![e])?;
    // Keys as ARM reads them, ignoring case.
    let member = |name: &str| {
        value
            .as_object()
            .and_then(|map| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)))
            .map(|(_, v)| v)
    };
    let is_parameters = is_parameters_file(&value)
        || (for_template.is_some()
            && member("$schema").is_none()
            && member("resources").is_none()
            && member("parameters").is_some_and(Value::is_object));
    if let Some(template) = for_template
        && !is_parameters
    {
        let index = PositionIndex::new(&text);
        return Err(vec![Located::at_path(
            path,
            &index,
            "$",
            Level::Error,
            format!(
                "`--parameters` takes the parameters file of {}, and this is not one: a parameters file's `$schema` names {PARAMETERS_SCHEMA} (or, without a `$schema`, it is an object of `parameters`)",
                template.display()
            ),
        )]);
    }
    let index = PositionIndex::new(&text);
    let duplicates = duplicate_keys(path, &index);
    if !duplicates.is_empty() {
        return Err(commas.into_iter().chain(duplicates).collect());
    }
    // The trailing commas' warnings come first, with the errors or warnings.
    let locate = |errors: Vec<import::ImportError>| -> Vec<Located> {
        commas
            .iter()
            .cloned()
            .chain(
                errors
                    .into_iter()
                    .map(|e| Located::at_path(path, &index, &e.path, Level::Error, e.message)),
            )
            .collect()
    };
    if is_parameters {
        return import::parameters::parameters_file(&value, template_const, declared)
            .map(|text| (text, commas.clone()))
            .map_err(locate);
    }
    let options = Options {
        const_name: name.to_string(),
        symbolic,
        for_checking: false,
    };
    let checked = verify::import_checked(&value, &options).map_err(locate)?;
    // What an `#[accept]` keeps although the type data rejects it: the template
    // deploys it as written, but it may be a mistake.
    let warnings = commas
        .iter()
        .cloned()
        .chain(checked.accepted.into_iter().map(|e| {
            Located::at_path(
                path,
                &index,
                &e.path,
                Level::Warning,
                verify::kept_with_accept(&e.message),
            )
        }))
        .collect();
    Ok((checked.imported.source, warnings))
}

#[cfg(test)]
mod tests {
    use super::const_name;
    use std::path::Path;

    #[test]
    fn a_parameters_file_names_its_template() {
        for (file, name) in [
            ("main.json", "MAIN"),
            ("main.parameters.json", "MAIN"),
            ("main.parameters.dev.json", "MAIN"),
            ("infra/apim.parameters.prod-weu.json", "APIM"),
            ("azuredeploy.json", "AZUREDEPLOY"),
            ("2024-apim.json", "T_2024_APIM"),
            ("my-template.parameters", "MY_TEMPLATE"),
        ] {
            assert_eq!(const_name(Path::new(file)), name, "{file}");
        }
    }
}
