//! Problems at a place in a file, printed for people, as JSON, or as SARIF.

use apim_dsl_core::arm::json_pos::PositionIndex;
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
            message,
        }
    }
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

/// The problems as a JSON array.
pub fn to_json(problems: &[Located]) -> Value {
    Value::Array(
        problems
            .iter()
            .map(|p| {
                json!({
                    "file": p.file.display().to_string(),
                    "line": p.line,
                    "column": p.column,
                    "path": p.path,
                    "severity": p.level.name(),
                    "message": p.message,
                })
            })
            .collect(),
    )
}

/// The problems as a SARIF 2.1.0 log, for code scanning.
pub fn to_sarif(problems: &[Located]) -> Value {
    let results: Vec<Value> = problems
        .iter()
        .map(|p| {
            let mut region = json!({});
            if p.line > 0 {
                region = json!({ "startLine": p.line, "startColumn": p.column });
            }
            json!({
                "ruleId": format!("apim-dsl/{}", p.level.name()),
                "level": p.level.name(),
                "message": { "text": match &p.path {
                    Some(path) => format!("{} (at {path})", p.message),
                    None => p.message.clone(),
                } },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": p.file.display().to_string().replace('\\', "/") },
                        "region": region,
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
                "rules": [
                    { "id": "apim-dsl/error", "shortDescription": { "text": "The compiler rejects the template" } },
                    { "id": "apim-dsl/warning", "shortDescription": { "text": "A lint of the compiler" } },
                    { "id": "apim-dsl/note", "shortDescription": { "text": "A file not checked" } },
                ],
            } },
            "results": results,
        }],
    })
}
