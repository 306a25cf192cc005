//! Values of secure parameters (`secureString`, `secureObject`): [`Secret`],
//! which never shows its value, and [`KeyVaultSecret`], a reference to a
//! secret that ARM reads from Key Vault at deployment.

use serde_json::Value;
use std::fmt;

/// The value of a secure parameter: a Key Vault reference (what parameter files
/// hold) or the value itself (for programs that pass parameters in memory).
///
/// `Debug` and `Display` never show a value: a plain one prints as
/// `Secret(***)`. A Key Vault reference holds no secret and prints as the
/// reference.
///
/// ```
/// use apim_dsl::{KeyVaultSecret, Secret};
///
/// let password = Secret::new("hunter2");
/// assert_eq!(format!("{password:?} {password}"), "Secret(***) ***");
///
/// let vault = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-platform/providers/Microsoft.KeyVault/vaults/kv-contoso";
/// let reference = Secret::from(KeyVaultSecret::new(vault, "cert-password")?);
/// assert!(reference.key_vault().is_some());
/// # Ok::<(), apim_dsl::KeyVaultError>(())
/// ```
#[derive(Clone, PartialEq)]
pub struct Secret(Inner);

#[derive(Clone, PartialEq)]
enum Inner {
    Value(Value),
    KeyVault(KeyVaultSecret),
}

impl Secret {
    /// A plain `secureString` value. Parameter files refuse it (the value would
    /// be written in clear text): give a [`KeyVaultSecret`] there.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(Inner::Value(Value::String(value.into())))
    }

    /// A plain `secureObject` value (any JSON value; the parameter file checks
    /// that it is an object).
    pub fn object(value: Value) -> Self {
        Secret(Inner::Value(value))
    }

    /// The plain value, if this is one (not a Key Vault reference).
    pub fn expose(&self) -> Option<&Value> {
        match &self.0 {
            Inner::Value(value) => Some(value),
            Inner::KeyVault(_) => None,
        }
    }

    /// The Key Vault reference, if this is one.
    pub fn key_vault(&self) -> Option<&KeyVaultSecret> {
        match &self.0 {
            Inner::KeyVault(reference) => Some(reference),
            Inner::Value(_) => None,
        }
    }
}

impl From<KeyVaultSecret> for Secret {
    fn from(reference: KeyVaultSecret) -> Self {
        Secret(Inner::KeyVault(reference))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Inner::Value(_) => f.write_str("Secret(***)"),
            Inner::KeyVault(reference) => f.debug_tuple("Secret").field(reference).finish(),
        }
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Inner::Value(_) => f.write_str("***"),
            Inner::KeyVault(reference) => fmt::Display::fmt(reference, f),
        }
    }
}

/// A secret in Azure Key Vault, read by ARM at deployment: the vault's resource
/// id, the secret's name and optionally a version (the latest without one).
///
/// The vault id is checked when the reference is made: it must be
/// `/subscriptions/{subscription GUID}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{vault}`,
/// with a resource group name and a vault name that Azure accepts; the secret's
/// name must not be empty (and, as Key Vault requires, be 1 to 127 letters,
/// digits and `-`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyVaultSecret {
    vault_id: String,
    secret: String,
    version: Option<String>,
}

/// Why a [`KeyVaultSecret`] was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyVaultError(String);

impl fmt::Display for KeyVaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeyVaultError {}

impl KeyVaultSecret {
    /// The latest version of `secret` in the vault whose resource id is `vault_id`.
    pub fn new(vault_id: &str, secret: &str) -> Result<Self, KeyVaultError> {
        check_vault_id(vault_id)?;
        check_secret_name(secret)?;
        Ok(KeyVaultSecret {
            vault_id: vault_id.to_string(),
            secret: secret.to_string(),
            version: None,
        })
    }

    /// One version of the secret (32 hexadecimal digits in Key Vault).
    pub fn with_version(mut self, version: &str) -> Result<Self, KeyVaultError> {
        if version.is_empty() || !version.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(KeyVaultError(format!(
                "the secret version {version:?} is not a Key Vault version (letters and digits, as `4387e9f3d6e14c459867679a90fd0f79`)"
            )));
        }
        self.version = Some(version.to_string());
        Ok(self)
    }

    /// The vault's resource id.
    pub fn vault_id(&self) -> &str {
        &self.vault_id
    }

    /// The secret's name.
    pub fn secret_name(&self) -> &str {
        &self.secret
    }

    /// The secret's version, if one was given.
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// The subscription, resource group and vault name of the vault id.
    pub(crate) fn vault_parts(&self) -> [&str; 3] {
        let segments: Vec<&str> = self.vault_id.split('/').collect();
        // Checked by `new`: ["", "subscriptions", sub, "resourceGroups", rg,
        // "providers", "Microsoft.KeyVault", "vaults", name].
        [
            segments.get(2).copied().unwrap_or_default(),
            segments.get(4).copied().unwrap_or_default(),
            segments.get(8).copied().unwrap_or_default(),
        ]
    }
}

impl fmt::Display for KeyVaultSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/secrets/{}", self.vault_id, self.secret)?;
        if let Some(version) = &self.version {
            write!(f, "/{version}")?;
        }
        Ok(())
    }
}

fn check_vault_id(id: &str) -> Result<(), KeyVaultError> {
    let wrong = |why: &str| {
        Err(KeyVaultError(format!(
            "{id:?} is not a Key Vault resource id ({why}): expected /subscriptions/{{subscription GUID}}/resourceGroups/{{group}}/providers/Microsoft.KeyVault/vaults/{{vault}}"
        )))
    };
    let segments: Vec<&str> = id.split('/').collect();
    let [
        "",
        subscriptions,
        subscription,
        groups,
        group,
        providers,
        namespace,
        vaults,
        vault,
    ] = segments.as_slice()
    else {
        return wrong("wrong number of segments");
    };
    let fixed = [
        (*subscriptions, "subscriptions"),
        (*groups, "resourceGroups"),
        (*providers, "providers"),
        (*namespace, "Microsoft.KeyVault"),
        (*vaults, "vaults"),
    ];
    if let Some((_, expected)) = fixed.iter().find(|(s, e)| !s.eq_ignore_ascii_case(e)) {
        return wrong(&format!("no `{expected}` where expected"));
    }
    if !is_guid(subscription) {
        return wrong("the subscription is not a GUID");
    }
    let group_ok = (1..=90).contains(&group.chars().count())
        && group
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.()".contains(c))
        && !group.ends_with('.');
    if !group_ok {
        return wrong("the resource group name is not valid");
    }
    let vault_ok = (3..=24).contains(&vault.len())
        && vault.starts_with(|c: char| c.is_ascii_alphabetic())
        && vault.ends_with(|c: char| c.is_ascii_alphanumeric())
        && vault.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !vault.contains("--");
    if !vault_ok {
        return wrong("the vault name is not 3 to 24 letters, digits and single hyphens");
    }
    Ok(())
}

fn check_secret_name(name: &str) -> Result<(), KeyVaultError> {
    if name.is_empty() {
        return Err(KeyVaultError("the secret name is empty".to_string()));
    }
    if name.len() > 127 || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(KeyVaultError(format!(
            "{name:?} is not a Key Vault secret name (1 to 127 letters, digits and `-`)"
        )));
    }
    Ok(())
}

fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const VAULT: &str = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-platform/providers/Microsoft.KeyVault/vaults/kv-contoso";

    #[test]
    fn secrets_never_show_their_value() {
        let secret = Secret::new("hunter2");
        assert_eq!(format!("{secret:?}"), "Secret(***)");
        assert_eq!(secret.to_string(), "***");
        let object = Secret::object(serde_json::json!({ "password": "hunter2" }));
        assert!(!format!("{object:?}{object}").contains("hunter2"));
        assert_eq!(secret.expose(), Some(&Value::from("hunter2")));
    }

    #[test]
    fn key_vault_references_are_checked() {
        let ok = KeyVaultSecret::new(VAULT, "cert-password").map(Secret::from);
        assert_eq!(
            ok.map(|s| s.to_string()).as_deref(),
            Ok(format!("{VAULT}/secrets/cert-password").as_str())
        );
        let err = |id: &str, name: &str| {
            KeyVaultSecret::new(id, name)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(err("/subscriptions/s/vaults/kv", "x").contains("wrong number of segments"));
        assert!(err(&VAULT.replace("00000000-", "zz-"), "x").contains("not a GUID"));
        assert!(err(&VAULT.replace("KeyVault", "Storage"), "x").contains("Microsoft.KeyVault"));
        assert!(err(&VAULT.replace("kv-contoso", "kv--c"), "x").contains("vault name"));
        assert_eq!(err(VAULT, ""), "the secret name is empty");
        assert!(err(VAULT, "a b").contains("not a Key Vault secret name"));
        // Azure compares the fixed segments ignoring case.
        assert!(KeyVaultSecret::new(&VAULT.to_lowercase(), "x").is_ok());
        let versioned = KeyVaultSecret::new(VAULT, "x").and_then(|s| s.with_version("abc123"));
        assert_eq!(
            versioned.map(|s| s.vault_parts()[2].to_string()),
            Ok("kv-contoso".into())
        );
        assert!(
            KeyVaultSecret::new(VAULT, "x")
                .and_then(|s| s.with_version(""))
                .is_err()
        );
    }
}
