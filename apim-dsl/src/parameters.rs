//! Parameter files (`<stem>.parameters.json`) for a template, checked against the
//! template's parameters: every name known, every value of the declared type,
//! every required parameter given.

use crate::json::Json;
use crate::template::{Template, TemplateFile, ValueType};
use serde_json::Value;
use std::fmt;

/// The `$schema` of a deployment parameters file.
pub const PARAMETERS_SCHEMA: &str =
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#";

/// A mistake in a parameter file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParameterError {
    /// The template has no parameter of this name.
    Unknown {
        /// The template's constant.
        template: &'static str,
        /// The name given.
        name: String,
    },
    /// The value's JSON type does not match the parameter's.
    WrongType {
        /// The parameter.
        name: String,
        /// Its declared type.
        expected: ValueType,
        /// The JSON type given (`string`, `number`, ...).
        found: &'static str,
    },
    /// A secure parameter given as a plain value: it would sit in the file in
    /// clear text. Use [`ParameterFile::key_vault_secret`].
    PlainSecret {
        /// The parameter.
        name: String,
    },
    /// Required parameters (no default) without a value.
    Missing {
        /// The template's constant.
        template: &'static str,
        /// Their names, in declaration order.
        names: Vec<&'static str>,
    },
}

impl fmt::Display for ParameterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParameterError::Unknown { template, name } => {
                write!(f, "template `{template}` has no parameter `{name}`")
            }
            ParameterError::WrongType {
                name,
                expected,
                found,
            } => write!(
                f,
                "parameter `{name}` is {}, but the value given is a JSON {found}",
                expected.arm_name()
            ),
            ParameterError::PlainSecret { name } => write!(
                f,
                "parameter `{name}` is secure: reference a Key Vault secret instead of writing the value into the file"
            ),
            ParameterError::Missing { template, names } => write!(
                f,
                "template `{template}` needs values for {}",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

impl std::error::Error for ParameterError {}

/// Values for a template's parameters, written as an ARM parameter file.
///
/// ```
/// apim_dsl::template! {
///     pub const APP;
///     param serviceName: string;
///     param capacity: int = 1;
///     #[secure]
///     param certificatePassword: string;
///     output name: string = serviceName;
///     output ok: bool = empty(certificatePassword) || capacity > 0;
/// }
///
/// # fn main() -> Result<(), apim_dsl::ParameterError> {
/// let file = APP
///     .parameter_file()
///     .value("serviceName", "contoso-apim")?
///     .key_vault_secret("certificatePassword", "/subscriptions/.../vaults/kv", "cert-password")?
///     .to_file()?;
/// assert_eq!(file.path, "app.parameters.json");
/// assert!(file.contents.contains("\"secretName\": \"cert-password\""));
/// assert!(APP.parameter_file().value("capacity", "two").is_err());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct ParameterFile {
    template: Template,
    /// Each parameter given, once (set again, it keeps the latest).
    values: Vec<(&'static str, Given)>,
}

/// What the file says of one parameter.
#[derive(Debug, Clone)]
enum Given {
    Value(Value),
    KeyVault { vault_id: String, secret: String },
}

impl Given {
    /// `{ "value": ... }` or `{ "reference": { "keyVault": { "id": ... }, "secretName": ... } }`.
    fn to_json(&self) -> Json<'_> {
        match self {
            Given::Value(value) => Json::Object(vec![("value", Json::Value(value))]),
            Given::KeyVault { vault_id, secret } => Json::Object(vec![(
                "reference",
                Json::Object(vec![
                    ("keyVault", Json::Object(vec![("id", Json::Str(vault_id))])),
                    ("secretName", Json::Str(secret)),
                ]),
            )]),
        }
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn fits(ty: ValueType, value: &Value) -> bool {
    match ty {
        ValueType::String | ValueType::SecureString => value.is_string(),
        ValueType::Int => value.is_i64() || value.is_u64(),
        ValueType::Bool => value.is_boolean(),
        ValueType::Object | ValueType::SecureObject => value.is_object(),
        ValueType::Array => value.is_array(),
    }
}

impl ParameterFile {
    pub(crate) fn new(template: Template) -> Self {
        ParameterFile {
            template,
            values: Vec::new(),
        }
    }

    fn set(&mut self, name: &'static str, given: Given) {
        self.values.retain(|(n, _)| *n != name);
        self.values.push((name, given));
    }

    fn given(&self, name: &str) -> Option<&Given> {
        self.values.iter().find(|(n, _)| *n == name).map(|(_, g)| g)
    }

    fn parameter(&self, name: &str) -> Result<&'static crate::Parameter, ParameterError> {
        self.template
            .parameter(name)
            .ok_or_else(|| ParameterError::Unknown {
                template: self.template.name(),
                name: name.to_string(),
            })
    }

    /// Sets a plain value. A secure parameter needs [`key_vault_secret`](Self::key_vault_secret).
    pub fn value(mut self, name: &str, value: impl Into<Value>) -> Result<Self, ParameterError> {
        let parameter = self.parameter(name)?;
        let value = value.into();
        if matches!(
            parameter.ty(),
            ValueType::SecureString | ValueType::SecureObject
        ) {
            return Err(ParameterError::PlainSecret {
                name: name.to_string(),
            });
        }
        if !fits(parameter.ty(), &value) {
            return Err(ParameterError::WrongType {
                name: name.to_string(),
                expected: parameter.ty(),
                found: json_type(&value),
            });
        }
        self.set(parameter.name(), Given::Value(value));
        Ok(self)
    }

    /// Sets a parameter to a Key Vault secret, which ARM reads at deployment:
    /// `vault_id` is the vault's resource ID.
    pub fn key_vault_secret(
        mut self,
        name: &str,
        vault_id: &str,
        secret: &str,
    ) -> Result<Self, ParameterError> {
        let parameter = self.parameter(name)?;
        let given = Given::KeyVault {
            vault_id: vault_id.to_string(),
            secret: secret.to_string(),
        };
        self.set(parameter.name(), given);
        Ok(self)
    }

    /// The parameter file's JSON, once every required parameter has a value.
    pub fn to_json(&self) -> Result<String, ParameterError> {
        let missing: Vec<&'static str> = self
            .template
            .parameters()
            .iter()
            .filter(|p| p.is_required() && self.given(p.name()).is_none())
            .map(|p| p.name())
            .collect();
        if !missing.is_empty() {
            return Err(ParameterError::Missing {
                template: self.template.name(),
                names: missing,
            });
        }
        // In the template's declaration order, whatever order they were set in.
        let parameters = self
            .template
            .parameters()
            .iter()
            .filter_map(|p| Some((p.name(), self.given(p.name())?.to_json())))
            .collect();
        let file = Json::Object(vec![
            ("$schema", Json::Str(PARAMETERS_SCHEMA)),
            ("contentVersion", Json::Str("1.0.0.0")),
            ("parameters", Json::Object(parameters)),
        ]);
        Ok(file.to_pretty())
    }

    /// The file `<stem>.parameters.json`, ready for
    /// [`write_files`](crate::write_files).
    pub fn to_file(&self) -> Result<TemplateFile, ParameterError> {
        Ok(TemplateFile {
            path: format!("{}.parameters.json", self.template.file_stem()),
            contents: format!("{}\n", self.to_json()?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    crate::template! {
        const T;
        param name: string;
        param count: int = 1;
        param enabled: bool = true;
        param tags: object = {};
        param zones: array = [];
        #[secure]
        param password: string;
        output all: array = [name, count, enabled, tags, zones, empty(password)];
    }

    crate::template! {
        const ONLY_DEFAULTS;
        param location: string = resourceGroup().location;
        output where_: string = location;
    }

    #[test]
    fn values_are_checked_by_name_and_type() {
        let file = T.parameter_file();
        let unknown = file.clone().value("nme", "x").err();
        assert_eq!(
            unknown.map(|e| e.to_string()).as_deref(),
            Some("template `T` has no parameter `nme`")
        );
        let wrong = file.clone().value("count", 1.5).err();
        assert_eq!(
            wrong.map(|e| e.to_string()).as_deref(),
            Some("parameter `count` is int, but the value given is a JSON number")
        );
        assert!(file.clone().value("enabled", "yes").is_err());
        assert!(file.clone().value("tags", json!([])).is_err());
        assert!(file.clone().value("zones", json!(["1"])).is_ok());
        let secret = file.clone().value("password", "hunter2").err();
        assert!(matches!(secret, Some(ParameterError::PlainSecret { .. })));
    }

    #[test]
    fn required_parameters_must_be_given() -> Result<(), ParameterError> {
        let missing = T.parameter_file().value("count", 2)?.to_json().err();
        assert_eq!(
            missing.map(|e| e.to_string()).as_deref(),
            Some("template `T` needs values for `name`, `password`")
        );
        let json = T
            .parameter_file()
            .key_vault_secret(
                "password",
                "/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/kv",
                "pw",
            )?
            .value("count", 2)?
            .value("name", "x")?
            .to_json()?;
        let value: Value = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(value["$schema"], PARAMETERS_SCHEMA);
        // The text, not the parsed value: a `Map` without serde_json's
        // `preserve_order` sorts its keys.
        let at = |name: &str| json.find(&format!("\"{name}\": {{")).unwrap_or(usize::MAX);
        assert!(
            at("name") < at("count") && at("count") < at("password"),
            "declaration order"
        );
        assert_eq!(value["parameters"]["count"], json!({ "value": 2 }));
        assert_eq!(
            value["parameters"]["password"]["reference"]["secretName"],
            "pw"
        );
        Ok(())
    }

    #[test]
    fn the_file_is_laid_out_in_the_templates_order() -> Result<(), ParameterError> {
        // Nested keys already sorted: their order is the caller's `Value`'s.
        let tags = json!({ "a": [1, { "x": true }], "b": {}, "c": "s\n\"q\"" });
        let json = T
            .parameter_file()
            .value("zones", json!([]))?
            .value("tags", tags)?
            .key_vault_secret("password", "/subscriptions/s/vaults/kv", "pw")?
            .value("name", "x")?
            .value("name", "y")?
            .to_json()?;
        let expected = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "name": {
      "value": "y"
    },
    "tags": {
      "value": {
        "a": [
          1,
          {
            "x": true
          }
        ],
        "b": {},
        "c": "s\n\"q\""
      }
    },
    "zones": {
      "value": []
    },
    "password": {
      "reference": {
        "keyVault": {
          "id": "/subscriptions/s/vaults/kv"
        },
        "secretName": "pw"
      }
    }
  }
}"#;
        assert_eq!(json, expected);
        let none = ONLY_DEFAULTS.parameter_file().to_json()?;
        assert!(none.ends_with("\"contentVersion\": \"1.0.0.0\",\n  \"parameters\": {}\n}"));
        Ok(())
    }
}
