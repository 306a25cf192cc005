//! A parameters file (`*.parameters.json`) to the Rust that builds it with
//! `apim_dsl::ParameterFile`.

use super::ImportError;
use super::print::string;
use crate::arm::json_pos::key_path;
use serde_json::Value;

/// What `ParameterFile` writes as `contentVersion`.
const CONTENT_VERSION: &str = "1.0.0.0";

/// The Rust of a function building the parameters file `file` for the
/// template constant `template`: `TEMPLATE.parameter_file().value(...)?...`.
/// `declared` are the template's parameter names, when known: ARM matches a
/// file's names to them ignoring case, so each is written as declared.
///
/// # Errors
/// What `ParameterFile` cannot write (a secret's version, other keys), and,
/// with `declared`, a name the template does not declare or two names for one
/// parameter, each at its JSON path.
pub fn parameters_file(
    file: &Value,
    template: &str,
    declared: &[String],
) -> Result<String, Vec<ImportError>> {
    let mut errors = Vec::new();
    let mut error = |path: &str, message: &str| {
        errors.push(ImportError {
            path: path.to_string(),
            message: message.to_string(),
        })
    };
    let Value::Object(root) = file else {
        error("$", "a parameters file is a JSON object");
        return Err(errors);
    };
    for (key, value) in root {
        match key.as_str() {
            "$schema" | "parameters" => {}
            "contentVersion" if value.as_str() == Some(CONTENT_VERSION) => {}
            "contentVersion" => error(
                "$.contentVersion",
                "`ParameterFile` writes `contentVersion` 1.0.0.0",
            ),
            _ => match ["$schema", "contentVersion", "parameters"]
                .iter()
                .find(|known| known.eq_ignore_ascii_case(key))
            {
                // ARM reads the keys ignoring case; the builder writes them so.
                Some(known) => error(
                    &key_path("$", key),
                    &format!(
                        "`ParameterFile` writes the key `{known}` (ARM reads `{key}` alike): write `{known}`"
                    ),
                ),
                None => error(&key_path("$", key), "`ParameterFile` writes no such key"),
            },
        }
    }
    let mut calls = Vec::new();
    // In any case (reported above when not `parameters`): every entry's
    // error is reported at once.
    let params_key = root
        .keys()
        .find(|k| k.eq_ignore_ascii_case("parameters"))
        .cloned();
    if let Some(params_key) = params_key {
        let params = &root[&params_key];
        let params_path = key_path("$", &params_key);
        let Value::Object(params) = params else {
            error(&params_path, "`parameters` is an object");
            return Err(errors);
        };
        let mut given: Vec<&str> = Vec::new();
        for (name, entry) in params {
            let path = key_path(&params_path, name);
            let name = match declared.iter().find(|d| d.eq_ignore_ascii_case(name)) {
                Some(spelled) => spelled.as_str(),
                None if declared.is_empty() => name.as_str(),
                None => {
                    error(
                        &path,
                        &format!(
                            "the template declares no parameter `{name}` (ARM matches names ignoring case)"
                        ),
                    );
                    continue;
                }
            };
            if given.contains(&name) {
                error(
                    &path,
                    &format!(
                        "parameter `{name}` is given twice, in names that differ only in case: ARM reads them as one"
                    ),
                );
                continue;
            }
            given.push(name);
            let name_text = string(name);
            match entry {
                Value::Object(map) if map.len() == 1 && map.contains_key("value") => {
                    let value = &map["value"];
                    let text = match value {
                        Value::String(s) => string(s),
                        Value::Bool(b) => b.to_string(),
                        Value::Number(n) if n.is_i64() => n.to_string(),
                        other => format!(
                            "apim_dsl::serde_json::json!({})",
                            serde_json::to_string(other).unwrap_or_default()
                        ),
                    };
                    calls.push(format!(".value({name_text}, {text})?"));
                }
                Value::Object(map) if map.len() == 1 && map.contains_key("reference") => {
                    let reference = &map["reference"];
                    let id = reference
                        .get("keyVault")
                        .and_then(|k| k.get("id"))
                        .and_then(Value::as_str);
                    let secret = reference.get("secretName").and_then(Value::as_str);
                    let extra = reference
                        .as_object()
                        .is_some_and(|r| r.keys().any(|k| k != "keyVault" && k != "secretName"));
                    match (id, secret, extra) {
                        (Some(id), Some(secret), false) => calls.push(format!(
                            ".key_vault_secret({name_text}, {}, {})?",
                            string(id),
                            string(secret)
                        )),
                        _ => error(
                            &key_path(&path, "reference"),
                            "`ParameterFile::key_vault_secret` writes a reference with `keyVault.id` and `secretName` only (no `secretVersion`)",
                        ),
                    }
                }
                Value::Object(map)
                    if map.len() == 1
                        && map.keys().any(|k| {
                            k.eq_ignore_ascii_case("value") || k.eq_ignore_ascii_case("reference")
                        }) =>
                {
                    let key = map.keys().next().map_or("", String::as_str);
                    error(
                        &key_path(&path, key),
                        &format!(
                            "`ParameterFile` writes the key `{}` (ARM reads `{key}` alike): write `{}`",
                            key.to_ascii_lowercase(),
                            key.to_ascii_lowercase()
                        ),
                    );
                }
                _ => error(
                    &path,
                    "a parameter is given as `{ \"value\": ... }` or `{ \"reference\": ... }`",
                ),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = format!(
        "/// The parameters file of `{template}`.\npub fn parameters() -> Result<apim_dsl::ParameterFile, apim_dsl::ParameterError> {{\n"
    );
    // The last call's result is the function's (no `Ok(...?)`).
    match calls.pop() {
        None => out.push_str(&format!("    Ok({template}.parameter_file())\n")),
        Some(last) => {
            out.push_str(&format!("    {template}\n        .parameter_file()"));
            for call in calls {
                out.push_str("\n        ");
                out.push_str(&call);
            }
            out.push_str("\n        ");
            out.push_str(last.strip_suffix('?').unwrap_or(&last));
            out.push('\n');
        }
    }
    out.push_str("}\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_secrets_become_calls() {
        let file = serde_json::json!({
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
            "contentVersion": "1.0.0.0",
            "parameters": {
                "sku": { "value": "Developer" },
                "count": { "value": 2 },
                "tags": { "value": { "env": "dev" } },
                "pwd": { "reference": { "keyVault": { "id": "/subscriptions/x/vaults/kv" }, "secretName": "pwd" } }
            }
        });
        let rust = parameters_file(&file, "APIM", &[]).expect("converts");
        assert!(rust.contains(".value(\"sku\", \"Developer\")?"), "{rust}");
        assert!(rust.contains(".value(\"count\", 2)?"));
        assert!(rust.contains(".value(\"tags\", apim_dsl::serde_json::json!({\"env\":\"dev\"}))?"));
        assert!(
            rust.contains(".key_vault_secret(\"pwd\", \"/subscriptions/x/vaults/kv\", \"pwd\")\n}"),
            "{rust}"
        );
    }

    /// Keys in another case (which ARM reads alike) are each reported at
    /// once, with what to write: the builder writes them so.
    #[test]
    fn keys_in_another_case_say_what_to_write() {
        let file = serde_json::json!({
            "ContentVersion": "1.0.0.0",
            "Parameters": { "sku": { "Value": "Developer" }, "pwd": { "REFERENCE": {} } }
        });
        let errors = parameters_file(&file, "T", &[]).unwrap_err();
        let found: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.path.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "$.ContentVersion",
                    "`ParameterFile` writes the key `contentVersion` (ARM reads `ContentVersion` alike): write `contentVersion`"
                ),
                (
                    "$.Parameters",
                    "`ParameterFile` writes the key `parameters` (ARM reads `Parameters` alike): write `parameters`"
                ),
                (
                    "$.Parameters.sku.Value",
                    "`ParameterFile` writes the key `value` (ARM reads `Value` alike): write `value`"
                ),
                (
                    "$.Parameters.pwd.REFERENCE",
                    "`ParameterFile` writes the key `reference` (ARM reads `REFERENCE` alike): write `reference`"
                ),
            ]
        );
    }

    #[test]
    fn a_secret_version_is_an_error_at_its_path() {
        let file = serde_json::json!({ "parameters": { "p": { "reference": { "keyVault": { "id": "x" }, "secretName": "s", "secretVersion": "1" } } } });
        let errors = parameters_file(&file, "T", &[]).unwrap_err();
        assert_eq!(errors[0].path, "$.parameters.p.reference");
    }

    #[test]
    fn names_are_written_as_the_template_declares_them() {
        let file = serde_json::json!({
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
            "contentVersion": "1.0.0.0",
            "parameters": { "NAME": { "value": "abc" } }
        });
        let declared = ["Name".to_string()];
        let rust = parameters_file(&file, "T", &declared).expect("converts");
        assert!(rust.contains(".value(\"Name\", \"abc\")"), "{rust}");
        // A name the template does not declare, and one parameter given twice.
        let file = serde_json::json!({
            "parameters": {
                "other": { "value": 1 },
                "name": { "value": "a" },
                "NAME": { "value": "b" }
            }
        });
        let errors = parameters_file(&file, "T", &declared).unwrap_err();
        let messages: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.path.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    "$.parameters.other",
                    "the template declares no parameter `other` (ARM matches names ignoring case)"
                ),
                (
                    "$.parameters.NAME",
                    "parameter `Name` is given twice, in names that differ only in case: ARM reads them as one"
                ),
            ]
        );
    }
}
