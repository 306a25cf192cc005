//! Parameter files (`<stem>.parameters.json`) for a template, checked against the
//! template's parameters: every name known, every value of the declared type,
//! every required parameter given.

use crate::json::Json;
use crate::secret::{KeyVaultSecret, Secret};
use crate::template::{Constraints, Template, TemplateFile, ValueType};
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
    /// A value outside what the parameter's decorators allow (`#[minLength]`,
    /// `#[maxValue]`, `#[allowed]`, ...), or a Key Vault reference that is not
    /// one.
    Invalid {
        /// The parameter.
        name: String,
        /// What is wrong.
        reason: String,
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
            ParameterError::Invalid { name, reason } => {
                write!(f, "parameter `{name}`: {reason}")
            }
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
///     .key_vault_secret(
///         "certificatePassword",
///         "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-platform/providers/Microsoft.KeyVault/vaults/kv-contoso",
///         "cert-password",
///     )?
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
    KeyVault(KeyVaultSecret),
}

impl Given {
    /// `{ "value": ... }` or `{ "reference": { "keyVault": { "id": ... }, "secretName": ... } }`.
    fn to_json(&self) -> Json<'_> {
        match self {
            Given::Value(value) => Json::Object(vec![("value", Json::Value(value))]),
            Given::KeyVault(reference) => {
                let mut entries = vec![
                    (
                        "keyVault",
                        Json::Object(vec![("id", Json::Str(reference.vault_id()))]),
                    ),
                    ("secretName", Json::Str(reference.secret_name())),
                ];
                if let Some(version) = reference.version() {
                    entries.push(("secretVersion", Json::Str(version)));
                }
                Json::Object(vec![("reference", Json::Object(entries))])
            }
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
        check_constraints(parameter.constraints(), &value).map_err(|reason| {
            ParameterError::Invalid {
                name: name.to_string(),
                reason,
            }
        })?;
        self.set(parameter.name(), Given::Value(value));
        Ok(self)
    }

    /// Sets a parameter to a Key Vault secret, which ARM reads at deployment:
    /// `vault_id` is the vault's resource id
    /// (`/subscriptions/{GUID}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{vault}`),
    /// checked with the secret's name as [`KeyVaultSecret::new`] checks them.
    pub fn key_vault_secret(
        self,
        name: &str,
        vault_id: &str,
        secret: &str,
    ) -> Result<Self, ParameterError> {
        let reference =
            KeyVaultSecret::new(vault_id, secret).map_err(|e| ParameterError::Invalid {
                name: name.to_string(),
                reason: e.to_string(),
            })?;
        self.secret(name, &Secret::from(reference))
    }

    /// Sets a `string` or `secureString` parameter to a [`Secret`]. A Key Vault
    /// reference is written as one; a plain value is refused
    /// ([`ParameterError::PlainSecret`]): it would sit in the file in clear text.
    pub fn secret(mut self, name: &str, secret: &Secret) -> Result<Self, ParameterError> {
        let parameter = self.parameter(name)?;
        let Some(reference) = secret.key_vault() else {
            return Err(ParameterError::PlainSecret {
                name: name.to_string(),
            });
        };
        // A Key Vault secret is a string (ARM's reference and Bicep's
        // `getSecret` both give one).
        if !matches!(parameter.ty(), ValueType::String | ValueType::SecureString) {
            return Err(ParameterError::Invalid {
                name: name.to_string(),
                reason: format!(
                    "a Key Vault secret is a string, and the parameter is {}",
                    parameter.ty().arm_name()
                ),
            });
        }
        self.set(parameter.name(), Given::KeyVault(reference.clone()));
        Ok(self)
    }

    fn check_complete(&self) -> Result<(), ParameterError> {
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
        Ok(())
    }

    /// The parameter file's JSON, once every required parameter has a value.
    pub fn to_json(&self) -> Result<String, ParameterError> {
        self.check_complete()?;
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

    /// The Bicep parameters file (`.bicepparam`), once every required parameter
    /// has a value: `using` the template's Bicep file (`./<stem>.bicep`, which
    /// [`Template::files`] writes next to it), then `param name = value` in the
    /// template's declaration order, a Key Vault secret as
    /// `az.getSecret('<subscription>', '<group>', '<vault>', '<secret>'[, '<version>'])`.
    pub fn to_bicepparam(&self) -> Result<String, ParameterError> {
        self.check_complete()?;
        let mut out = format!("using './{}.bicep'\n", self.template.file_stem());
        let mut first = true;
        for parameter in self.template.parameters() {
            let Some(given) = self.given(parameter.name()) else {
                continue;
            };
            out.push_str(if first { "\n" } else { "" });
            first = false;
            out.push_str("param ");
            out.push_str(parameter.name());
            out.push_str(" = ");
            match given {
                Given::Value(value) => crate::bicep_value::write(value, 0, &mut out),
                Given::KeyVault(_) if parameter.ty() != ValueType::SecureString => {
                    return Err(ParameterError::Invalid {
                        name: parameter.name().to_string(),
                        reason: format!(
                            "Bicep's getSecret passes a secret only to a secure parameter, and this one is {}",
                            parameter.ty().arm_name()
                        ),
                    });
                }
                Given::KeyVault(reference) => {
                    out.push_str("az.getSecret(");
                    let [subscription, group, vault] = reference.vault_parts();
                    let args = [subscription, group, vault, reference.secret_name()];
                    for (i, arg) in args.iter().chain(reference.version().iter()).enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        crate::bicep_value::write_str(arg, &mut out);
                    }
                    out.push(')');
                }
            }
            out.push('\n');
        }
        Ok(out)
    }

    /// The file `<stem>.bicepparam`, ready for [`write_files`](crate::write_files).
    pub fn to_bicepparam_file(&self) -> Result<TemplateFile, ParameterError> {
        Ok(TemplateFile {
            path: format!("{}.bicepparam", self.template.file_stem()),
            contents: self.to_bicepparam()?,
        })
    }

    /// Both parameter files: `<stem>.parameters.json` and `<stem>.bicepparam`.
    pub fn to_files(&self) -> Result<Vec<TemplateFile>, ParameterError> {
        Ok(vec![self.to_file()?, self.to_bicepparam_file()?])
    }
}

/// Whether `value` keeps to the decorators; the reason when it does not.
fn check_constraints(constraints: &Constraints, value: &Value) -> Result<(), String> {
    let length = match value {
        // ARM counts UTF-16 code units, as .NET strings do (`length('😀')` is 2).
        Value::String(text) => Some(text.encode_utf16().count()),
        Value::Array(items) => Some(items.len()),
        _ => None,
    };
    if let Some(length) = length.and_then(|l| i64::try_from(l).ok()) {
        if let Some(min) = constraints.min_length().filter(|min| length < *min) {
            return Err(format!(
                "the length is {length}, below `#[minLength({min})]`"
            ));
        }
        if let Some(max) = constraints.max_length().filter(|max| length > *max) {
            return Err(format!(
                "the length is {length}, above `#[maxLength({max})]`"
            ));
        }
    }
    if let Some(number) = value.as_i64() {
        if let Some(min) = constraints.min_value().filter(|min| number < *min) {
            return Err(format!("{number} is below `#[minValue({min})]`"));
        }
        if let Some(max) = constraints.max_value().filter(|max| number > *max) {
            return Err(format!("{number} is above `#[maxValue({max})]`"));
        }
    }
    let allowed: Option<Vec<Value>> = constraints
        .allowed_json()
        .and_then(|text| serde_json::from_str(text).ok());
    if let Some(allowed) = allowed {
        let listed = || {
            allowed
                .iter()
                .map(Value::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        // On an array, the allowed values are its elements'.
        let values: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        if let Some(bad) = values.into_iter().find(|v| !allowed.contains(v)) {
            return Err(format!(
                "{bad} is not one of the allowed values ({})",
                listed()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const VAULT: &str = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-platform/providers/Microsoft.KeyVault/vaults/kv-contoso";

    crate::template! {
        const BOUNDED;
        #[minLength(3)]
        #[maxLength(5)]
        param name: string;
        #[minValue(1)]
        #[maxValue(3)]
        param units: int = 1;
        #[allowed("1", "2", "3")]
        param zones: array = [];
        #[allowed("a", "b")]
        param letter: string = "a";
        #[secure]
        param password: string = "";
        output all: array = [name, units, zones, letter, empty(password)];
    }

    #[test]
    fn values_are_checked_against_the_decorators() {
        let file = BOUNDED.parameter_file();
        let message = |r: Result<ParameterFile, ParameterError>| r.err().map(|e| e.to_string());
        assert_eq!(
            message(file.clone().value("name", "ab")).as_deref(),
            Some("parameter `name`: the length is 2, below `#[minLength(3)]`")
        );
        assert_eq!(
            message(file.clone().value("name", "abcdef")).as_deref(),
            Some("parameter `name`: the length is 6, above `#[maxLength(5)]`")
        );
        assert!(file.clone().value("name", "abc").is_ok());
        assert_eq!(
            message(file.clone().value("units", 4)).as_deref(),
            Some("parameter `units`: 4 is above `#[maxValue(3)]`")
        );
        assert_eq!(
            message(file.clone().value("units", 0)).as_deref(),
            Some("parameter `units`: 0 is below `#[minValue(1)]`")
        );
        assert_eq!(
            message(file.clone().value("zones", json!(["1", "4"]))).as_deref(),
            Some("parameter `zones`: \"4\" is not one of the allowed values (\"1\", \"2\", \"3\")")
        );
        assert!(file.clone().value("letter", "c").is_err());
        assert!(file.clone().value("letter", "b").is_ok());
        assert_eq!(
            message(file.clone().key_vault_secret("password", VAULT, "")).as_deref(),
            Some("parameter `password`: the secret name is empty")
        );
        let plain = file.clone().secret("password", &Secret::new("x")).err();
        assert!(matches!(plain, Some(ParameterError::PlainSecret { .. })));
    }

    #[test]
    fn typed_parameters_fill_the_file() -> Result<(), Box<dyn std::error::Error>> {
        use crate::AllowedValue;
        let mut values = BoundedParameters {
            name: "abc".into(),
            units: Some(2),
            zones: Some(vec![BoundedZones::V1, BoundedZones::V3]),
            letter: None,
            password: Some(KeyVaultSecret::new(VAULT, "pw")?.into()),
        };
        assert_eq!(BoundedLetter::B.value(), crate::AllowedLiteral::Str("b"));
        assert_eq!(BoundedLetter::VALUES.len(), 2);
        let json = values.to_parameter_file()?.to_json()?;
        let parsed: Value = serde_json::from_str(&json)?;
        assert_eq!(parsed["parameters"]["zones"]["value"], json!(["1", "3"]));
        assert_eq!(parsed["parameters"]["units"]["value"], 2);
        assert!(
            parsed["parameters"].get("letter").is_none(),
            "a default applies"
        );
        values.units = Some(9);
        assert_eq!(
            values
                .to_parameter_file()
                .err()
                .map(|e| e.to_string())
                .as_deref(),
            Some("parameter `units`: 9 is above `#[maxValue(3)]`")
        );
        values.units = None;
        values.password = Some(Secret::new("hunter2"));
        assert!(!format!("{values:?}").contains("hunter2"));
        assert!(matches!(
            values.to_parameter_file(),
            Err(ParameterError::PlainSecret { .. })
        ));
        Ok(())
    }

    #[test]
    fn bicep_parameter_files_use_the_bicep_file() -> Result<(), ParameterError> {
        let reference = KeyVaultSecret::new(VAULT, "pw")
            .and_then(|r| r.with_version("0123abcd"))
            .map_err(|e| ParameterError::Invalid {
                name: "password".into(),
                reason: e.to_string(),
            })?;
        let file = BOUNDED
            .parameter_file()
            .value("zones", json!(["1", "3"]))?
            .value("name", "it's")?
            .secret("password", &Secret::from(reference))?;
        assert_eq!(
            file.to_bicepparam()?,
            "using './bounded.bicep'\n\nparam name = 'it\\'s'\nparam zones = [\n  '1'\n  '3'\n]\nparam password = az.getSecret('00000000-0000-0000-0000-000000000000', 'rg-platform', 'kv-contoso', 'pw', '0123abcd')\n"
        );
        let json = file.to_json()?;
        assert!(json.contains("\"secretVersion\": \"0123abcd\""), "{json}");
        let paths: Vec<String> = file.to_files()?.into_iter().map(|f| f.path).collect();
        assert_eq!(paths, ["bounded.parameters.json", "bounded.bicepparam"]);
        assert!(matches!(
            BOUNDED.parameter_file().to_bicepparam(),
            Err(ParameterError::Missing { .. })
        ));
        // ARM reads a Key Vault reference for any string parameter; Bicep's
        // `getSecret` only for a secure one.
        let plain = file.key_vault_secret("name", VAULT, "pw")?;
        assert!(plain.to_json().is_ok());
        assert_eq!(
            plain
                .to_bicepparam()
                .err()
                .map(|e| e.to_string())
                .as_deref(),
            Some(
                "parameter `name`: Bicep's getSecret passes a secret only to a secure parameter, and this one is string"
            )
        );
        Ok(())
    }

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
            .key_vault_secret("password", VAULT, "pw")?
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
            .key_vault_secret("password", VAULT, "pw")?
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
          "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-platform/providers/Microsoft.KeyVault/vaults/kv-contoso"
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
