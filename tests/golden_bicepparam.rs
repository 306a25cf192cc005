//! Golden parameter files: the `.bicepparam` and `.parameters.json` that typed
//! parameters write equal `tests/golden/<stem>.bicepparam` and
//! `<stem>.parameters.json` byte for byte.
//!
//! `APIM_DSL_BLESS=1 cargo test --test golden_bicepparam` writes the files
//! instead of comparing; review the diff before committing it.

#[allow(dead_code)]
#[path = "../examples/seed.rs"]
mod seed;

use apim_dsl::{KeyVaultSecret, Secret, TemplateFile};
use seed::{ApimWithIdentityParameters, ApimWithIdentitySku};
use serde_json::json;
use std::path::PathBuf;

const VAULT: &str = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-platform/providers/Microsoft.KeyVault/vaults/kv-contoso";

apim_dsl::template! {
    /// Every kind of parameter value a parameter file writes.
    pub const EVERY_PARAMETER_KIND;
    param name: string;
    param quoted: string = "";
    #[allowed(1, 2, 3)]
    param units: int = 1;
    param enabled: bool = true;
    param tags: object = {};
    param zones: array = [];
    param empty: array = [];
    #[secure]
    param password: string;
    #[secure]
    param apiKey: string;
    #[secure]
    param settings: object = {};
    output all: array = [name, quoted, units, enabled, tags, zones, empty, empty(password), empty(apiKey), empty(settings)];
}

fn golden(file: &TemplateFile) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(&file.path);
    if std::env::var_os("APIM_DSL_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &file.contents).expect("tests/golden is writable");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `APIM_DSL_BLESS=1 cargo test --test golden_bicepparam` to create it",
            path.display()
        )
    });
    assert_eq!(
        file.contents,
        expected,
        "{} differs (APIM_DSL_BLESS=1 rewrites it)",
        path.display()
    );
}

#[test]
fn seed_parameters() -> Result<(), Box<dyn std::error::Error>> {
    let values = ApimWithIdentityParameters {
        service_name: "contoso-apim".into(),
        publisher_email: None,
        publisher_name: Some("Contoso Ltd".into()),
        sku: Some(ApimWithIdentitySku::Premium),
        sku_count: Some(2),
    };
    for file in values.to_parameter_file()?.to_files()? {
        golden(&file);
    }
    Ok(())
}

#[test]
fn every_parameter_kind() -> Result<(), Box<dyn std::error::Error>> {
    let values = EveryParameterKindParameters {
        name: "contoso".into(),
        quoted: Some("it's ${not} interpolated\\ \n".into()),
        units: Some(EveryParameterKindUnits::V3),
        enabled: Some(false),
        tags: Some(
            json!({ "env": "prod", "cost-center": 42, "nested": { "list": [1, "two", null] } }),
        ),
        zones: Some(vec![json!("1"), json!("3")]),
        empty: Some(vec![]),
        password: KeyVaultSecret::new(VAULT, "password")?.into(),
        api_key: Secret::from(
            KeyVaultSecret::new(VAULT, "api-key")?
                .with_version("4387e9f3d6e14c459867679a90fd0f79")?,
        ),
        settings: None,
    };
    for file in values.to_parameter_file()?.to_files()? {
        golden(&file);
    }
    // A Key Vault secret is a string: not the value of a `secureObject`.
    let settings = EveryParameterKindParameters {
        settings: Some(KeyVaultSecret::new(VAULT, "settings")?.into()),
        ..values
    };
    assert_eq!(
        settings
            .to_parameter_file()
            .err()
            .map(|e| e.to_string())
            .as_deref(),
        Some(
            "parameter `settings`: a Key Vault secret is a string, and the parameter is secureObject"
        )
    );
    Ok(())
}
