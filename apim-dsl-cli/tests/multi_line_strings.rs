//! Line breaks and other control characters written raw inside JSON strings,
//! which ARM reads as those characters ("You can break a string into multiple
//! lines", Microsoft Learn, "Understand the structure and syntax of ARM
//! templates"): `check`, `import` and `snapshot` read them so, inside an
//! expression as white space; the invisible ones get a warning saying how to
//! write them, and the file's lines and columns stay those of the file.

use assert_cmd::Command;
use std::path::PathBuf;
use tempfile::TempDir;

/// A template with raw line breaks in an expression (a role assignment's
/// `guid(...)` spread over lines, as the quickstarts write it; another with
/// CRLF and a tab), in a parameter's default, in a deployment script's text
/// (indented by tabs, with a CRLF line), in a tag's name and in a tag's
/// value, which also holds a raw vertical tab (U+000B).
const TEMPLATE: &str = "{
  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",
  \"contentVersion\": \"1.0.0.0\",
  \"parameters\": {
    \"principalId\": { \"type\": \"string\" },
    \"greeting\": { \"type\": \"string\", \"defaultValue\": \"hello
world\" }
  },
  \"variables\": {
    \"role\": \"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions',
                  'acdd72a7-3385-48ef-bd42-f606fba81ae7')]\",
    \"assignment\": \"[guid(resourceGroup().id,
                         variables('role'),\r
\t                         parameters('principalId'))]\"
  },
  \"resources\": [
    {
      \"type\": \"Microsoft.Authorization/roleAssignments\",
      \"apiVersion\": \"2022-04-01\",
      \"name\": \"[variables('assignment')]\",
      \"properties\": {
        \"roleDefinitionId\": \"[variables('role')]\",
        \"principalId\": \"[parameters('principalId')]\"
      }
    },
    {
      \"type\": \"Microsoft.Resources/deploymentScripts\",
      \"apiVersion\": \"2020-10-01\",
      \"name\": \"script\",
      \"location\": \"[resourceGroup().location]\",
      \"kind\": \"AzurePowerShell\",
      \"tags\": {
        \"two
lines\": \"one\u{b}two
three\"
      },
      \"properties\": {
        \"azPowerShellVersion\": \"9.7\",
        \"retentionInterval\": \"P1D\",
        \"scriptContent\": \"
\tparam([string] $name)\r
\tWrite-Output $name
\"
      }
    }
  ],
  \"outputs\": {
    \"greeting\": { \"type\": \"string\", \"value\": \"[concat(parameters('greeting'),
      '!')]\" }
  }
}
";

/// The file, in a fresh directory that lives as long as the guard.
fn file(text: &str) -> (TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix("apim-dsl-multi-line-")
        .tempdir()
        .unwrap();
    let path = dir.path().join("lines.json");
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

/// The template as ARM reads it: each raw control character in a string is
/// that character.
fn as_arm_reads_it(text: &str) -> serde_json::Value {
    let mut escaped = String::new();
    let mut in_string = false;
    let mut backslash = false;
    for c in text.chars() {
        if in_string && !backslash && c < ' ' {
            escaped.push_str(&format!("\\u{:04x}", u32::from(c)));
            continue;
        }
        if c == '"' && !(in_string && backslash) {
            in_string = !in_string;
        }
        backslash = in_string && !backslash && c == '\\';
        escaped.push(c);
    }
    serde_json::from_str(&escaped).expect("JSON once escaped")
}

#[test]
fn check_reads_line_breaks_in_strings_and_warns_of_invisible_characters() {
    let (_guard, path) = file(TEMPLATE);
    let output = apim_dsl(&["check", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("not valid JSON"), "{stderr}");
    // Only the vertical tab is warned of, at its place, with the tag's path
    // on one line; the line breaks and tabs are text.
    let stderr = &stderr[stderr.find("lines.json:").unwrap_or(0)..];
    assert_eq!(
        stderr,
        "lines.json:34:13: warning: control character U+000B written as it is in a string: ARM reads it as that character, but it is invisible, and JSON allows it only escaped: write `\\u000b` (at $.resources[1].tags['two\\nlines'])\n1 template(s) checked: 0 error(s), 1 warning(s)\n"
    );
}

/// A finding after strings with raw line breaks stays at its line and
/// column in the file, in text and JSON reports.
#[test]
fn findings_after_multi_line_strings_stay_at_their_place() {
    let text = TEMPLATE.replace("\"retentionInterval\"", "\"retentionIntervall\"");
    let (_guard, path) = file(&text);
    let output = apim_dsl(&["check", "--strict", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("lines.json:39:31: error: ADSL0404: unknown property `retentionIntervall`"),
        "{stderr}"
    );
    let output = apim_dsl(&["check", "--format", "json", path.to_str().unwrap()]);
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let places: Vec<(u64, u64, &str)> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["path"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        places.contains(&(34, 13, "$.resources[1].tags['two\\nlines']")),
        "{places:?}"
    );
    assert!(
        places.contains(&(39, 31, "$.resources[1].properties.retentionIntervall")),
        "{places:?}"
    );
}

/// `import` prints DSL that compiles to the template as ARM reads it: the
/// values with their line breaks (CRLF and tabs kept), the expressions with
/// theirs as white space.
#[test]
fn import_keeps_the_line_breaks_of_values_and_reads_expressions_over_lines() {
    let (_guard, path) = file(TEMPLATE);
    let output = apim_dsl(&["import", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: control character U+000B"),
        "{stderr}"
    );
    let source = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "param greeting: string = \"hello\\nworld\";",
        "var assignment = guid(resourceGroup().id, role, principalId);",
        "\"two\\nlines\": \"one\\u{b}two\\nthree\"",
        "scriptContent: \"\\n\\tparam([string] $name)\\r\\n\\tWrite-Output $name\\n\"",
    ] {
        assert!(source.contains(expected), "{expected}\n{source}");
    }
    // Compiled independently of the command's own proof.
    let start = source.find('{').unwrap() + 1;
    let end = source.rfind('}').unwrap();
    let tokens: proc_macro2::TokenStream = source[start..end].parse().expect("tokenizes");
    let compiled = apim_dsl_core::compile(tokens).output.expect("compiles");
    let emitted: serde_json::Value = serde_json::from_str(&compiled.arm).unwrap();
    let original = as_arm_reads_it(TEMPLATE);
    assert_eq!(
        original["resources"][1]["properties"]["scriptContent"],
        "\n\tparam([string] $name)\r\n\tWrite-Output $name\n"
    );
    assert_eq!(
        apim_dsl_core::arm::import::verify::first_difference(&original, &emitted),
        None
    );
    assert_eq!(
        emitted["resources"][1]["tags"]["two\nlines"],
        "one\u{b}two\nthree"
    );
}

/// `snapshot` evaluates the expressions written over lines and keeps the
/// values' line breaks.
#[test]
fn snapshot_evaluates_expressions_written_over_lines() {
    let (_guard, path) = file(TEMPLATE);
    let parameters = path.with_file_name("lines.parameters.json");
    std::fs::write(
        &parameters,
        "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#\", \"contentVersion\": \"1.0.0.0\",
 \"parameters\": {\"principalId\": {\"value\": \"11111111-1111-1111-1111-111111111111\"}, \"greeting\": {\"value\": \"hi
there\"}}}",
    )
    .unwrap();
    let output = apim_dsl(&[
        "snapshot",
        path.to_str().unwrap(),
        "--parameters",
        parameters.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("lines.json:34:13: warning: control character U+000B"),
        "{stderr}"
    );
    let snapshot: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let resources = snapshot["predictedResources"].as_array().unwrap();
    let name = resources[0]["name"].as_str().unwrap();
    assert_eq!(name.len(), 36, "a GUID: {name}");
    assert_eq!(
        resources[0]["properties"]["roleDefinitionId"],
        "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"
    );
    assert_eq!(
        resources[1]["properties"]["scriptContent"],
        "\n\tparam([string] $name)\r\n\tWrite-Output $name\n"
    );
    assert_eq!(snapshot["outputs"]["greeting"], "hi\nthere!");
}

/// The same name with the expression on one line: line breaks inside an
/// expression are white space, as ARM reads them.
#[test]
fn an_expression_over_lines_is_the_expression_on_one_line() {
    let snapshot = |text: &str| {
        let (_guard, path) = file(text);
        let output = apim_dsl(&["snapshot", path.to_str().unwrap()]);
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).to_string()
    };
    let one_line = TEMPLATE
        .replace(
            "[guid(resourceGroup().id,\n                         variables('role'),\r\n\t                         parameters('principalId'))]",
            "[guid(resourceGroup().id, variables('role'), parameters('principalId'))]",
        )
        .replace("\"principalId\": { \"type\": \"string\" }", "\"principalId\": { \"type\": \"string\", \"defaultValue\": \"p\" }");
    let over_lines = TEMPLATE.replace(
        "\"principalId\": { \"type\": \"string\" }",
        "\"principalId\": { \"type\": \"string\", \"defaultValue\": \"p\" }",
    );
    assert_ne!(one_line, over_lines);
    let (a, b) = (snapshot(&one_line), snapshot(&over_lines));
    assert!(a.contains("predictedResources"), "{a}");
    assert_eq!(a, b);
}

/// A string missing its closing quote runs on over the line break (as in
/// ARM); the error where it ends says which string and what to do, at the
/// file's line and column, in `check`, `import` and `snapshot`.
#[test]
fn a_missing_closing_quote_is_an_error_naming_the_string() {
    let text = "{\n  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n  \"contentVersion\": \"1.0.0.0,\n  \"resources\": []\n}\n";
    let (_guard, path) = file(text);
    let expected = "expected `,` or `}` (after the string that opens at line 3 column 21 and runs over a line break to this line: if it lacks its closing quote, add it where the string ends)";
    let output = apim_dsl(&["check", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "lines.json:4:4: error: not valid JSON: {expected}\n"
        )),
        "{stderr}"
    );
    let output = apim_dsl(&["import", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "lines.json:4:4: error: not valid JSON: {expected}\n"
        )),
        "{stderr}"
    );
    let output = apim_dsl(&["snapshot", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{expected} at line 4 column 4")),
        "{stderr}"
    );
}

/// A control character outside a string is not JSON, for ARM too (Json.NET:
/// "Unexpected character encountered while parsing value"): an error at it.
#[test]
fn a_control_character_outside_strings_is_an_error_at_it() {
    let text = TEMPLATE.replace(
        "\"contentVersion\": \"1.0.0.0\"",
        "\"contentVersion\":\u{1} \"1.0.0.0\"",
    );
    let (_guard, path) = file(&text);
    let output = apim_dsl(&["check", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("lines.json:3:20: error: not valid JSON: expected value\n"),
        "{stderr}"
    );
}

/// A line ends at LF, CR or CRLF (counted once), as Json.NET (ARM's reader)
/// and editors count lines: a file with CR line breaks only, a lone CR inside
/// a string before a finding, and CRLF files report the same lines and
/// columns as the file with LF, for findings, warnings and JSON errors.
#[test]
fn every_kind_of_line_break_ends_a_line() {
    let template = "{
  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",
  \"contentVersion\": \"1.0.0.0\",
  \"parameters\": {\"s\": {\"type\": \"string\", \"defaultValue\": \"a
b\u{b}\"},
    \"n\": {\"type\": \"int\", \"defaultValue\": \"x\"}},
  \"resources\": [],
}
";
    let expected = [
        "lines.json:4:23: warning: parameter `s` is never used",
        "lines.json:5:2: warning: control character U+000B",
        "lines.json:6:10: warning: parameter `n` is never used",
        "lines.json:6:42: error: ADSL0303: the default of `n` must be an int",
        "lines.json:7:18: warning: trailing comma",
    ];
    for br in ["\n", "\r", "\r\n"] {
        let (_guard, path) = file(&template.replace('\n', br));
        let output = apim_dsl(&["check", path.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        for line in expected {
            assert!(stderr.contains(line), "{br:?}: {line}\n{stderr}");
        }
        // Not valid JSON after the line breaks.
        let broken = template
            .replace("\"resources\": [],", "\"resources\": [}")
            .replace('\n', br);
        let (_guard, path) = file(&broken);
        let output = apim_dsl(&["check", path.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("lines.json:7:17: error: not valid JSON"),
            "{br:?}: {stderr}"
        );
    }
}

/// A key with a raw line break is shown escaped in a message, as in its
/// path: the finding is one line (the reviewer's `keys_prop.json`).
#[test]
fn a_key_with_a_line_break_is_escaped_in_messages() {
    let text = "{\"$schema\":\"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\"contentVersion\":\"1.0.0.0\",\"resources\":[{\"type\":\"Microsoft.Storage/storageAccounts\",\"apiVersion\":\"2023-01-01\",\"name\":\"st1\",\"location\":\"westeurope\",\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":\"StorageV2\",\"properties\":{\"x\ny\":1,\"a\\\\b\":{\"c\r\nd\":2}}}]}\n";
    let (_guard, path) = file(text);
    let output = apim_dsl(&["check", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let findings: Vec<&str> = stderr.lines().filter(|l| l.contains("ADSL0404")).collect();
    assert_eq!(findings.len(), 2, "{stderr}");
    assert!(
        findings[0].starts_with(&format!(
            "{}:2:4: warning: ADSL0404: unknown property `x\\ny` in `properties` of `Microsoft.Storage/storageAccounts@2023-01-01`",
            path.display()
        )),
        "{stderr}"
    );
    assert!(
        findings[0].ends_with("(at $.resources[0].properties['x\\ny'])"),
        "{stderr}"
    );
    assert!(
        findings[1].contains("ADSL0404: unknown property `a\\\\b` in `properties`"),
        "{stderr}"
    );
    // Every line of the report is a finding or the summary.
    for line in stderr.lines() {
        assert!(
            line.starts_with(&path.display().to_string()) || line.contains("template(s) checked"),
            "{line:?}\n{stderr}"
        );
    }
}

/// Any name with a control character (a parameter's) is escaped in every
/// message that shows it: one line per finding, in text and JSON reports.
#[test]
fn a_parameter_name_with_a_line_break_is_escaped_in_messages() {
    let text = "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", \"contentVersion\": \"1.0.0.0\", \"parameters\": {\"a\nb\": {\"type\": \"int\", \"defaultValue\": \"x\"}}, \"resources\": []}";
    let (_guard, path) = file(text);
    let output = apim_dsl(&["check", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("2:37: error: ADSL0303: the default of `a\\nb` must be an int"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 3, "{stderr}");
    let output = apim_dsl(&["check", "--format", "json", path.to_str().unwrap()]);
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for f in findings.as_array().unwrap() {
        assert!(!f["message"].as_str().unwrap().contains('\n'), "{f}");
    }
}
