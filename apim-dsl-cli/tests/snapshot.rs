//! `apim-dsl snapshot`: the happy path and the errors, run as a user would.

use assert_cmd::Command;
use std::path::PathBuf;
use tempfile::TempDir;

/// A fresh directory, removed when the returned guard is dropped (even when
/// the test fails).
fn dir() -> TempDir {
    tempfile::Builder::new()
        .prefix("apim-dsl-snapshot-")
        .tempdir()
        .unwrap()
}

const TEMPLATE: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "sku": {"type": "string", "allowedValues": ["Basic", "Standard"]},
    "location": {"type": "string", "defaultValue": "[resourceGroup().location]"},
    "name": {"type": "string", "defaultValue": "[format('store{0}', uniqueString(resourceGroup().id))]"},
    "size": {"type": "string", "defaultValue": "1"}
  },
  "resources": [{
    "type": "Microsoft.Storage/storageAccounts",
    "apiVersion": "2022-09-01",
    "name": "[parameters('name')]",
    "location": "[parameters('location')]",
    "sku": {"name": "[parameters('sku')]"},
    "properties": {"size": "[int(parameters('size'))]"}
  }]
}"#;

/// The template and a parameters file holding `params`, in a fresh directory
/// that lives as long as the returned guard.
fn files(params: &str) -> (TempDir, PathBuf, PathBuf) {
    let dir = dir();
    let template = dir.path().join("main.json");
    let parameters = dir.path().join("main.parameters.json");
    std::fs::write(&template, TEMPLATE).unwrap();
    std::fs::write(&parameters, params).unwrap();
    (dir, template, parameters)
}

#[test]
fn prints_the_predicted_resources() {
    let (_dir, template, parameters) = files(r#"{"parameters": {"sku": {"value": "Basic"}}}"#);
    let out = Command::cargo_bin("apim-dsl")
        .unwrap()
        .arg("snapshot")
        .arg(&template)
        .arg("--parameters")
        .arg(&parameters)
        .args(["--location", "eastus"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let resource = &json["predictedResources"][0];
    assert_eq!(resource["name"], "storejs26ofeqkqeve");
    assert_eq!(resource["location"], "eastus");
    assert_eq!(resource["properties"]["size"], 1);
    assert_eq!(json["diagnostics"], serde_json::json!([]));
}

#[test]
fn writes_to_a_file_with_another_subscription() {
    let (dir, template, parameters) = files(r#"{"sku": "Standard"}"#);
    let output = dir.path().join("snapshot.json");
    Command::cargo_bin("apim-dsl")
        .unwrap()
        .arg("snapshot")
        .arg(&template)
        .arg("-p")
        .arg(&parameters)
        .args([
            "--subscription-id",
            "11111111-1111-1111-1111-111111111111",
            "--resource-group",
            "prod",
        ])
        .arg("-o")
        .arg(&output)
        .assert()
        .success()
        .stdout("");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    let id = json["predictedResources"][0]["id"].as_str().unwrap();
    assert!(
        id.starts_with("/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/prod/"),
        "{id}"
    );
    assert_eq!(
        json["predictedResources"][0]["location"],
        "[resourceGroup().location]"
    );
}

fn stderr_of(params: &str) -> String {
    let (_dir, template, parameters) = files(params);
    let out = Command::cargo_bin("apim-dsl")
        .unwrap()
        .arg("snapshot")
        .arg(&template)
        .arg("--parameters")
        .arg(&parameters)
        .assert()
        .failure()
        .code(1)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn a_missing_parameter_is_an_error_with_its_path() {
    let e = stderr_of("{}");
    assert!(
        e.contains(
            ":5:12: error: the parameter 'sku' has no value and no default value (at $.parameters.sku)"
        ),
        "{e}"
    );
}

#[test]
fn a_value_outside_allowed_values_is_an_error() {
    let e = stderr_of(r#"{"sku": "Premium"}"#);
    // The value comes from the parameters file: the error is there.
    assert!(e.contains(".parameters.json:1:9: error: the value \"Premium\" of the parameter 'sku' is not one of its allowedValues: \"Basic\", \"Standard\" (at $.sku)"), "{e}");
}

#[test]
fn a_failing_expression_is_an_error_with_its_path() {
    let e = stderr_of(r#"{"sku": "Basic", "size": "x"}"#);
    assert!(
        e.contains(
            ":16:28: error: int() cannot convert 'x' to an integer (at $.resources[0].properties.size)"
        ),
        "{e}"
    );
}

#[test]
fn an_unreadable_template_is_an_error() {
    let out = Command::cargo_bin("apim-dsl")
        .unwrap()
        .args(["snapshot", "/nonexistent/main.json"])
        .assert()
        .failure()
        .get_output()
        .clone();
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(
        e.contains("cannot read the template /nonexistent/main.json"),
        "{e}"
    );
}

#[test]
fn a_byte_order_mark_and_comments_are_accepted() {
    let dir = dir();
    let template = dir.path().join("commented.json");
    let parameters = dir.path().join("commented.parameters.json");
    std::fs::write(
        &template,
        format!(
            "\u{feff}// a storage account\n{}",
            TEMPLATE.replace("\"Standard\"]}", "\"Standard\"]} /* the SKU */")
        ),
    )
    .unwrap();
    std::fs::write(
        &parameters,
        "\u{feff}{\n  // the cheapest\n  \"parameters\": {\"sku\": {\"value\": \"Basic\"}} /* end */\n}\n",
    )
    .unwrap();
    let out = Command::cargo_bin("apim-dsl")
        .unwrap()
        .arg("snapshot")
        .arg(&template)
        .arg("-p")
        .arg(&parameters)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["predictedResources"][0]["sku"]["name"], "Basic");
}

#[test]
fn invalid_option_values_are_usage_errors() {
    let (_dir, template, parameters) = files(r#"{"sku": "Basic"}"#);
    for args in [
        ["--now", "yesterday"],
        ["--now", "2024-01-31"],
        ["--now", "2024-02-30T12:00:00Z"],
        ["--now", "2024-01-31T25:00:00Z"],
        ["--subscription-id", "my-subscription"],
        ["--tenant-id", "1111111-1111-1111-1111-111111111111"],
    ] {
        let out = Command::cargo_bin("apim-dsl")
            .unwrap()
            .arg("snapshot")
            .arg(&template)
            .args(args)
            .assert()
            .code(2)
            .get_output()
            .clone();
        let e = String::from_utf8(out.stderr).unwrap();
        assert!(e.contains(&format!("invalid value '{}'", args[1])), "{e}");
    }
    for now in [
        "2024-01-31T12:00:00Z",
        "2024-01-31T12:00",
        "2024-02-29T23:59:59.1234567+01:00",
    ] {
        Command::cargo_bin("apim-dsl")
            .unwrap()
            .arg("snapshot")
            .arg(&template)
            .args(["-p"])
            .arg(&parameters)
            .args([
                "--now",
                now,
                "--tenant-id",
                "11111111-1111-1111-1111-11111111111a",
            ])
            .assert()
            .success();
    }
}

#[test]
fn parameter_errors_point_into_the_parameters_file() {
    let (_dir1, _, parameters) = files(
        "{\n  \"parameters\": {\n    \"sku\": {\"value\": \"Premium\"},\n    \"nope\": {\"value\": 1}\n  }\n}",
    );
    let e = stderr_of_files(&parameters);
    let shown = parameters.display().to_string();
    assert!(
        e.contains(&format!(
            "{shown}:4:13: error: the template has no parameter 'nope' (at $.parameters.nope)"
        )),
        "{e}"
    );
    // A value from the parameters file is reported where the file has it.
    let (_dir2, _, parameters) =
        files("{\n  \"parameters\": {\n    \"sku\": {\"value\": \"Premium\"}\n  }\n}\n\n");
    let e = stderr_of_files(&parameters);
    assert!(
        e.contains(&format!("{shown}:3:22: error: the value \"Premium\" of the parameter 'sku' is not one of its allowedValues", shown = parameters.display())),
        "{e}"
    );
    // A plain object of values.
    let (_dir3, _, parameters) = files("{\"size\": \"1\",\n \"sku\": 3}");
    let e = stderr_of_files(&parameters);
    assert!(
        e.contains(&format!(
            "{}:2:9: error: the parameter 'sku' is declared string",
            parameters.display()
        )),
        "{e}"
    );
}

fn stderr_of_files(parameters: &std::path::Path) -> String {
    let template = parameters.with_file_name(
        parameters
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .replace(".parameters", ""),
    );
    let out = Command::cargo_bin("apim-dsl")
        .unwrap()
        .arg("snapshot")
        .arg(&template)
        .arg("-p")
        .arg(parameters)
        .assert()
        .code(1)
        .get_output()
        .clone();
    String::from_utf8(out.stderr).unwrap()
}

/// Every error about the parameters file is shown at its line and column in
/// that file, however the file spells `parameters` and `value`: before, the
/// CLI looked them up case-sensitively and fell back to the template.
#[test]
fn parameters_file_errors_are_shown_in_the_parameters_file() {
    let cases = [
        // A wrong value, `Parameters` and `Value` spelled so.
        (
            "{\n  \"Parameters\": {\n    \"sku\": {\"Value\": 3}\n  }\n}",
            ":3:22: error: the parameter 'sku' is declared string, but its value is an int (at $.Parameters.sku.Value)",
        ),
        // Both spellings.
        (
            "{\"parameters\": {\"sku\": {\"value\": \"Basic\"}},\n \"Parameters\": {\"sku\": {\"value\": \"Basic\"}}}",
            ":1:1: error: both `parameters` and `Parameters` are given",
        ),
        // No object at all.
        (
            "\n[1]",
            ":2:1: error: the parameters must be a JSON object, not an array (at $)",
        ),
        // One parameter twice.
        (
            "{\"parameters\": {\"sku\": {\"value\": \"Basic\"},\n  \"SKU\": {\"value\": \"Basic\"}}}",
            ":2:10: error: `sku` and `SKU` are one name to ARM",
        ),
        (
            "{\"sku\": \"Basic\",\n \"Sku\": \"Basic\"}",
            ":2:9: error: `sku` and `Sku` are one name to ARM",
        ),
        // A name that is not a plain identifier, quoted in the path.
        (
            "{\"sku\": \"Basic\",\n \"my-name\": 1}",
            ":2:13: error: the template has no parameter 'my-name' (at $['my-name'])",
        ),
    ];
    for (params, expected) in cases {
        let (_dir, _, parameters) = files(params);
        let e = stderr_of_files(&parameters);
        let expected = format!("{}{expected}", parameters.display());
        assert!(e.contains(&expected), "{params}\n{e}\nexpected {expected}");
    }
}

/// A template's errors are placed by its own spelling of each key and
/// quoted names: before, `Parameters.p.DefaultValue` was looked up as
/// `$.parameters.p.defaultValue` and shown at 1:1.
#[test]
fn template_errors_are_placed_by_the_template_spelling() {
    let cases = [
        (
            "{\"Parameters\": {\"p\": {\"Type\": \"int\",\n  \"DefaultValue\": \"[int('x')]\"}}, \"resources\": []}",
            ":2:19: error: int() cannot convert 'x' to an integer (at $.Parameters.p.DefaultValue)",
        ),
        (
            "{\"parameters\": {\"my-param\": {\"type\": \"int\",\n  \"defaultValue\": \"[int('x')]\"}}, \"resources\": []}",
            ":2:19: error: int() cannot convert 'x' to an integer (at $.parameters['my-param'].defaultValue)",
        ),
        (
            "{\"resources\": [{\"type\": \"a.b/c\", \"apiVersion\": \"1\", \"name\": \"n\",\n  \"Properties\": {\"x\": \"[int('x')]\"}}]}",
            ":2:23: error: int() cannot convert 'x' to an integer (at $.resources[0].Properties.x)",
        ),
    ];
    for (template, expected) in cases {
        let dir = dir();
        let path = dir.path().join("t.json");
        std::fs::write(&path, template).unwrap();
        let out = Command::cargo_bin("apim-dsl")
            .unwrap()
            .arg("snapshot")
            .arg(&path)
            .assert()
            .code(1)
            .get_output()
            .clone();
        let e = String::from_utf8(out.stderr).unwrap();
        let expected = format!("{}{expected}", path.display());
        assert!(
            e.contains(&expected),
            "{template}\n{e}\nexpected {expected}"
        );
    }
}

/// A parameters file given as the template (a slip of the arguments) says
/// so, as `check` recognises it, instead of one error per parameter.
#[test]
fn a_parameters_file_given_as_the_template_says_so() {
    let (_dir, _template, parameters) = files(
        r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
            "contentVersion": "1.0.0.0", "parameters": {"sku": {"value": "Basic"}}}"#,
    );
    let out = Command::cargo_bin("apim-dsl")
        .unwrap()
        .arg("snapshot")
        .arg(&parameters)
        .assert()
        .failure()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.ends_with("main.parameters.json: error: this is a deployment parameters file (its `$schema` is deploymentParameters.json), not a template: give the template, and this file with `--parameters`\n"),
        "{stderr}"
    );
}
