// Each template defines `<Name>Parameters`: a struct literal names every
// required parameter (rustc checks the set and the types), `Option` for those
// with a default, enums for `#[allowed]` lists, `apim_dsl::Secret` for secure
// ones. The values are checked against the decorators when they are set.
#![deny(missing_docs, warnings)]
//! A crate that documents everything: the generated items are documented too.

use apim_dsl::{AllowedValue, KeyVaultSecret, Secret};

apim_dsl::template! {
    /// API Management with a certificate password from Key Vault.
    pub const APIM_WITH_SECRET;
    /// The service's name.
    #[minLength(1)]
    #[maxLength(50)]
    param serviceName: string;
    #[allowed("Developer", "Premium", "Standard_v2")]
    param sku: string = "Developer";
    #[allowed(-1, 1, 2, 3)]
    #[minValue(-1)]
    param units: int = 1;
    param zones: array = [];
    param tags: object = {};
    param enabled: bool = true;
    #[secure]
    param certificatePassword: string;
    output summary: array = [serviceName, sku, units, zones, tags, enabled, empty(certificatePassword)];
}

// A private template's parameters type is private and may go unused.
apim_dsl::template! {
    const UNUSED_PRIVATE;
    param r#type: string = "x";
    output t: string = r#type;
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let vault = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-platform/providers/Microsoft.KeyVault/vaults/kv-contoso";
    let values = ApimWithSecretParameters {
        service_name: "contoso-apim".to_string(),
        sku: Some(ApimWithSecretSku::StandardV2),
        units: Some(ApimWithSecretUnits::V2),
        zones: None,
        tags: Some(serde_json::json!({ "env": "prod" })),
        enabled: None,
        certificate_password: Secret::from(KeyVaultSecret::new(vault, "cert-password")?),
    };
    assert_eq!(ApimWithSecretSku::StandardV2.value(), apim_dsl::AllowedLiteral::Str("Standard_v2"));
    assert_eq!(ApimWithSecretUnits::VMinus1.value(), apim_dsl::AllowedLiteral::Int(-1));
    let file = values.to_parameter_file()?;
    let bicepparam = file.to_bicepparam()?;
    assert!(bicepparam.starts_with("using './apim-with-secret.bicep'\n"));
    assert!(bicepparam.contains("param sku = 'Standard_v2'\n"));
    assert!(bicepparam.contains(
        "param certificatePassword = az.getSecret('00000000-0000-0000-0000-000000000000', 'rg-platform', 'kv-contoso', 'cert-password')"
    ));
    assert!(file.to_json()?.contains("\"secretName\": \"cert-password\""));
    let too_long = ApimWithSecretParameters { service_name: "x".repeat(51), ..values };
    assert_eq!(
        too_long.to_parameter_file().err().map(|e| e.to_string()).as_deref(),
        Some("parameter `serviceName`: the length is 51, above `#[maxLength(50)]`")
    );
    Ok(())
}
