//! What the CLI test files that run `apim-dsl check` on one template share.

use assert_cmd::Command;
use std::path::PathBuf;
use tempfile::TempDir;

/// The file, in a fresh directory (named from `prefix`) that lives as long
/// as the guard.
pub fn file(prefix: &str, text: &str) -> (TempDir, PathBuf) {
    let dir = tempfile::Builder::new().prefix(prefix).tempdir().unwrap();
    let path = dir.path().join("template.json");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// `check --format json` of `text` with more arguments (`--strict`): exit
/// code and findings.
pub fn check_with(text: &str, args: &[&str]) -> (Option<i32>, Vec<serde_json::Value>) {
    let (_dir, path) = file("apim-dsl-check-", text);
    let output = Command::cargo_bin("apim-dsl")
        .unwrap()
        .args(["check", "--format", "json"])
        .args(args)
        .arg(&path)
        .output()
        .unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    (
        output.status.code(),
        findings.as_array().cloned().unwrap_or_default(),
    )
}

/// `check --format json` of `text`: exit code and findings.
pub fn check(text: &str) -> (Option<i32>, Vec<serde_json::Value>) {
    check_with(text, &[])
}

/// `(line, column, code, message)` of each error.
pub fn errors(findings: &[serde_json::Value]) -> Vec<(u64, u64, String, String)> {
    findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["code"].as_str().unwrap_or("").to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}
