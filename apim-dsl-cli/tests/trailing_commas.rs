//! Trailing commas (`{"a": 1,}`, `[1, 2,]`): `import`, `check` and
//! `snapshot` read the file as if they were not there, and warn at each one,
//! at its line and column in the file, that Azure's own readers refuse it.

use assert_cmd::Command;
use std::path::PathBuf;
use tempfile::TempDir;

/// A template with six trailing commas (one before a comment, one after
/// one), and a comma inside a string that is not one.
const TEMPLATE: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "names": { "type": "array", "defaultValue": ["a,]", "b",], }, },
  "resources": [
    {
      "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
      "apiVersion": "2023-01-31",
      "name": "id-app",
      "location": "westeurope", // a comment
    },
  ],
  "outputs": { "n": { "type": "array", "value": "[parameters('names')]" }, /* end */ }
}
"#;

/// Where the commas are: line and column, from 1.
const COMMAS: [(usize, usize); 6] = [(4, 74), (4, 76), (4, 79), (10, 31), (11, 6), (13, 74)];

/// The file, in a fresh directory that lives as long as the guard.
fn file(text: &str) -> (TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix("apim-dsl-trailing-")
        .tempdir()
        .unwrap();
    let path = dir.path().join("commas.json");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn apim_dsl(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("apim-dsl")
        .unwrap()
        .args(args)
        .output()
        .unwrap()
}

fn warnings(stderr: &str) -> Vec<(usize, usize)> {
    stderr
        .lines()
        .filter(|l| l.contains("warning: trailing comma"))
        .filter_map(|l| {
            let mut parts = l.split(':').skip(1);
            Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
        })
        .collect()
}

#[test]
fn check_reads_trailing_commas_and_warns_at_each() {
    // With a mistake (`locaton`), whose place must stay that of the file:
    // the comma after it moves 16 columns to the right.
    let (_guard, path) =
        file(&TEMPLATE.replace("\"westeurope\"", "\"westeurope\", \"locaton\": \"x\""));
    let mut expected = COMMAS;
    expected[3].1 += 16;
    let output = apim_dsl(&["check", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("not valid JSON"), "{stderr}");
    assert_eq!(warnings(&stderr), expected, "{stderr}");
    assert!(
        stderr.contains("commas.json:4:74: warning: trailing comma, which JSON does not allow: Azure CLI and the portal's template editor refuse the file (at $.parameters.names.defaultValue)\n"),
        "{stderr}"
    );
    // The compiler's error stays at its place in the file.
    assert!(
        stderr.contains("commas.json:10:44: error: ADSL0404: unknown property `locaton`"),
        "{stderr}"
    );

    let output = apim_dsl(&["check", "--format", "json", path.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut paths = Vec::new();
    let commas: Vec<(u64, u64)> = report
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("trailing comma"))
        })
        .map(|p| {
            assert_eq!(p["severity"], "warning");
            paths.push(p["path"].as_str().unwrap_or("null").to_string());
            (p["line"].as_u64().unwrap(), p["column"].as_u64().unwrap())
        })
        .collect();
    let expected: Vec<(u64, u64)> = expected
        .iter()
        .map(|&(l, c)| (l as u64, c as u64))
        .collect();
    assert_eq!(commas, expected);
    // Each at the array or object it ends.
    assert_eq!(
        paths,
        [
            "$.parameters.names.defaultValue",
            "$.parameters.names",
            "$.parameters",
            "$.resources[0]",
            "$.resources",
            "$.outputs",
        ]
    );
}

/// A parameters file's trailing commas: the short warning, without the
/// template's readers, at the path of what each ends.
#[test]
fn a_parameters_files_trailing_commas_name_no_template_reader() {
    let (_guard, path) = file(
        "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#\",\n \"contentVersion\": \"1.0.0.0\",\n \"parameters\": { \"names\": { \"value\": [\"a\",] } },\n}\n",
    );
    let output = apim_dsl(&["check", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("commas.json:3:42: warning: trailing comma, which JSON does not allow (at $.parameters.names.value)\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "commas.json:3:48: warning: trailing comma, which JSON does not allow (at $)\n"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("template editor"), "{stderr}");
    let output = apim_dsl(&["import", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(warnings(&stderr).len(), 2, "{stderr}");
    assert!(!stderr.contains("template editor"), "{stderr}");
}

#[test]
fn import_reads_trailing_commas_and_warns_at_each() {
    let (_guard, path) = file(TEMPLATE);
    let output = apim_dsl(&["import", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(warnings(&stderr), COMMAS, "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("param names: array = [\"a,]\", \"b\"];"),
        "{stdout}"
    );
    // A failed import still says where the commas are.
    let (_guard, broken) = file(&TEMPLATE.replace("\"2023-01-31\"", "\"[parameters('v')]\""));
    let output = apim_dsl(&["import", broken.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(warnings(&stderr), COMMAS, "{stderr}");
    assert!(stderr.contains("error:"), "{stderr}");
}

#[test]
fn snapshot_reads_trailing_commas_and_warns_at_each() {
    let (_guard, path) = file(TEMPLATE);
    let output = apim_dsl(&["snapshot", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(warnings(&stderr), COMMAS, "{stderr}");
}

#[test]
fn commas_that_are_not_trailing_stay_errors() {
    for (text, line, column) in [
        (r#"{"resources": [,]}"#, 1, 16),
        (r#"{"resources": [], , "outputs": {}}"#, 1, 19),
        ("{\"resources\": [\n  {},,\n]}", 2, 6),
    ] {
        let (_guard, path) = file(text);
        let output = apim_dsl(&["check", path.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{text}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "commas.json:{line}:{column}: error: not valid JSON"
            )),
            "{text}: {stderr}"
        );
        assert!(warnings(&stderr).is_empty(), "{text}: {stderr}");
    }
}

/// The column of a JSON error counts characters, as the warnings' do (and
/// editors): non-ASCII text before it does not move it right; a comma after
/// `:` is a missing value, not a trailing comma.
#[test]
fn json_errors_are_at_their_character_column() {
    for (text, line, column) in [
        ("{\"é\": [1,,]}", 1, 10),
        ("{\"a\": \"€€€\", \"b\": [1,,]}", 1, 22),
        ("{\"a\": \"😀\",\r\n \"b\": [\"ü\",,]}", 2, 12),
        ("{\"é\":,}", 1, 6),
    ] {
        let (_guard, path) = file(text);
        let output = apim_dsl(&["check", path.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{text}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "commas.json:{line}:{column}: error: not valid JSON: expected value\n"
            )),
            "{text}: {stderr}"
        );
        assert!(warnings(&stderr).is_empty(), "{text}: {stderr}");
        let output = apim_dsl(&["snapshot", path.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("expected value at line {line} column {column}")),
            "{text}: {stderr}"
        );
    }
}

/// Trailing commas after comments (`//` and `/* */`, a comma inside one is
/// not one), nested, with CRLF line endings, a byte order mark and non-ASCII
/// text before them: each warned at its line and character column.
#[test]
fn trailing_commas_among_comments_crlf_and_unicode() {
    let text = "\u{feff}{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", \"contentVersion\": \"1.0.0.0\",\r\n \"variables\": {\"é\": [1, // c,\r\n ], \"b\": [1 /* x, */ , /* y */\r\n], \"s\": \"a,]\", \"t\": \"\\\\\", \"u\": {\"😀\": [[1,],],\r\n},},\r\n\"resources\": [],}\r\n";
    let (_guard, path) = file(text);
    let output = apim_dsl(&["check", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("not valid JSON"), "{stderr}");
    assert_eq!(
        warnings(&stderr),
        [(2, 23), (3, 22), (4, 41), (4, 43), (4, 45), (5, 2), (6, 16)],
        "{stderr}"
    );
}
