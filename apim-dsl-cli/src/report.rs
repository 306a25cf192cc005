//! Problems at a place in a file, printed for people, as JSON, or as SARIF.

use apim_dsl_core::arm::json_pos::PositionIndex;
use apim_dsl_core::codes::{self, Code};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// How serious a [`Located`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The template is rejected.
    Error,
    /// A lint.
    Warning,
    /// Information: a file skipped.
    Note,
}

impl Level {
    /// `error`, `warning` or `note`, as in SARIF.
    pub fn name(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }
}

/// A problem at a line and column of a file.
#[derive(Debug, Clone)]
pub struct Located {
    /// The file.
    pub file: PathBuf,
    /// The line, from 1 (0 when the problem is with the whole file).
    pub line: usize,
    /// The column, from 1.
    pub column: usize,
    /// The JSON path of the value, when the problem is at one.
    pub path: Option<String>,
    /// An error, a warning or a note.
    pub level: Level,
    /// What is wrong.
    pub message: String,
}

impl Located {
    /// A problem with a whole file (it cannot be read).
    pub fn whole(file: &Path, message: String) -> Self {
        Located {
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            path: None,
            level: Level::Error,
            message,
        }
    }

    /// A note on a whole file.
    pub fn note(file: &Path, message: String) -> Self {
        Located {
            level: Level::Note,
            ..Located::whole(file, message)
        }
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    /// A problem at the value at `path`.
    pub fn at_path(
        file: &Path,
        index: &PositionIndex,
        path: &str,
        level: Level,
        message: String,
    ) -> Self {
        let position = index.position(path);
        Located {
            file: file.to_path_buf(),
            line: position.map_or(1, |p| p.line),
            column: position.map_or(1, |p| p.column),
            path: Some(path.to_string()),
            level,
            message: one_line(message),
        }
    }
}

/// `message` with each control character (from a key or a value of the
/// file it names: a parameter's name over two lines) escaped as JSON writes
/// it (`\n`, `\u000b`): a finding is one line of the report.
pub fn one_line(message: String) -> String {
    if !message.chars().any(|c| c < ' ') {
        return message;
    }
    let mut out = String::with_capacity(message.len() + 8);
    for c in message.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// `file:line:column: error: message (at $.path)`, on standard error.
pub fn print_text(problems: &[Located]) {
    for p in problems {
        let severity = p.level.name();
        let place = if p.line == 0 {
            crate::io::display(&p.file)
        } else {
            format!("{}:{}:{}", crate::io::display(&p.file), p.line, p.column)
        };
        match &p.path {
            Some(path) => {
                crate::io::eprint_line(&format!("{place}: {severity}: {} (at {path})", p.message));
            }
            None => crate::io::eprint_line(&format!("{place}: {severity}: {}", p.message)),
        }
    }
}

/// The code at the start of a message (`ADSL0404: ...`), if it has one.
pub fn code_of(message: &str) -> Option<&'static Code> {
    codes::of(message)
}

/// The documentation of a code: its entry in `apim_dsl::errors`.
pub fn help_uri(code: &Code) -> String {
    format!(
        "https://docs.rs/apim-dsl/latest/apim_dsl/errors/index.html#{}-{}",
        code.id.to_ascii_lowercase(),
        code.name
    )
}

/// A line or column for formats that need one: the whole file is at line 1,
/// column 1.
fn at_least_1(n: usize) -> usize {
    n.max(1)
}

/// The lint a warning is of: the name its message ends with, `(lint:
/// member_case)`.
pub fn lint_of(message: &str) -> Option<&str> {
    let (_, rest) = message.rsplit_once("(lint: ")?;
    let name = rest.strip_suffix(')')?;
    name.chars()
        .all(|c| c.is_ascii_lowercase() || c == '_')
        .then_some(name)
}

/// The problems as a JSON array.
pub fn to_json(problems: &[Located]) -> Value {
    Value::Array(
        problems
            .iter()
            .map(|p| {
                json!({
                    "file": crate::io::display(&p.file),
                    "line": at_least_1(p.line),
                    "column": at_least_1(p.column),
                    "path": p.path,
                    "severity": p.level.name(),
                    "code": code_of(&p.message).map(|c| c.id),
                    "lint": lint_of(&p.message),
                    "message": p.message,
                })
            })
            .collect(),
    )
}

/// A file's SARIF `artifactLocation.uri`: a relative path percent-encoded
/// (`/` separated), an absolute one as a `file://` URI.
pub fn artifact_uri(path: &Path) -> String {
    if crate::io::is_stdin(path) {
        return "stdin".to_string();
    }
    let text = path.to_string_lossy().replace('\\', "/");
    let absolute = path.is_absolute() || text.starts_with('/');
    let mut uri = String::new();
    if absolute {
        uri.push_str("file://");
        if !text.starts_with('/') {
            // `C:/x` → `file:///C:/x`.
            uri.push('/');
        }
    }
    for (i, byte) in text.bytes().enumerate() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            // A drive letter's colon, in a `file:` URI only.
            || (absolute && byte == b':' && i == 1);
        if keep {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// The problems as a SARIF 2.1.0 log, for code scanning: the rule of a
/// message with a code (`ADSL0404: ...`) is that code, documented in
/// `tool.driver.rules`; a lint's warning has the rule
/// `apim-dsl/lint/<name>`; other messages have the rule `apim-dsl/error`,
/// `apim-dsl/warning` or `apim-dsl/note`.
pub fn to_sarif(problems: &[Located]) -> Value {
    let mut rules: Vec<Value> = vec![
        json!({ "id": "apim-dsl/error", "shortDescription": { "text": "The compiler rejects the template" } }),
        json!({ "id": "apim-dsl/warning", "shortDescription": { "text": "A lint of the compiler" } }),
        json!({ "id": "apim-dsl/note", "shortDescription": { "text": "A file not checked" } }),
    ];
    let mut rule_ids: Vec<String> = ["apim-dsl/error", "apim-dsl/warning", "apim-dsl/note"]
        .map(str::to_string)
        .to_vec();
    let results: Vec<Value> = problems
        .iter()
        .map(|p| {
            let rule = match code_of(&p.message) {
                Some(code) => {
                    if !rule_ids.iter().any(|id| id == code.id) {
                        rule_ids.push(code.id.to_string());
                        rules.push(json!({
                            "id": code.id,
                            "name": code.name,
                            "shortDescription": { "text": code.summary },
                            "helpUri": help_uri(code),
                        }));
                    }
                    code.id.to_string()
                }
                None => match lint_of(&p.message) {
                    // A lint: its own rule, by its name.
                    Some(lint) => {
                        let id = format!("apim-dsl/lint/{lint}");
                        if !rule_ids.contains(&id) {
                            rule_ids.push(id.clone());
                            rules.push(json!({
                                "id": id,
                                "name": lint,
                                "shortDescription": { "text": format!("The compiler's lint `{lint}` (allow or deny it by this name)") },
                            }));
                        }
                        id
                    }
                    None => format!("apim-dsl/{}", p.level.name()),
                },
            };
            let index = rule_ids.iter().position(|id| *id == rule).unwrap_or(0);
            json!({
                "ruleId": rule,
                "ruleIndex": index,
                "level": p.level.name(),
                "message": { "text": match &p.path {
                    Some(path) => format!("{} (at {path})", p.message),
                    None => p.message.clone(),
                } },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": artifact_uri(&p.file) },
                        "region": {
                            "startLine": at_least_1(p.line),
                            "startColumn": at_least_1(p.column),
                        },
                    }
                }],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "apim-dsl",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/apim-dsl/apim-dsl",
                "rules": rules,
            } },
            "results": results,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn artifact_uris_are_percent_encoded() {
        assert_eq!(
            artifact_uri(Path::new("infra/my template#1.json")),
            "infra/my%20template%231.json"
        );
        assert_eq!(artifact_uri(Path::new("a:b.json")), "a%3Ab.json");
        assert_eq!(
            artifact_uri(Path::new("/srv/ü x.json")),
            "file:///srv/%C3%BC%20x.json"
        );
    }
}
