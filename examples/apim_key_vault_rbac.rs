//! API Management with a user-assigned identity that reads its custom proxy
//! domain's certificate from Key Vault, granted by RBAC (Key Vault Secrets User,
//! the least privileged role that can read a certificate). One template, no
//! explicit `dependsOn`, no hand-written `reference()`: the symbolic references
//! (`identity.id`, `certificate.properties.secretUri`) order the deployment, and
//! the domain's need for its grant makes API Management wait for it.
//!
//! `cargo run --example apim_key_vault_rbac -- DIR` writes
//! `DIR/apim-key-vault-rbac.json`, `.bicep` and an example
//! `.parameters.json`; with no argument it prints the JSON.

apim_dsl::template! {
    /// API Management whose custom domain certificate comes from Key Vault, read
    /// with a user-assigned identity granted Key Vault Secrets User.
    pub const APIM_KEY_VAULT_RBAC;

    /// The name of the API Management service
    #[minLength(1)]
    #[maxLength(50)]
    param serviceName: string;

    /// The email address of the owner of the service
    #[minLength(1)]
    param publisherEmail: string;

    /// The name of the owner of the service
    #[minLength(1)]
    param publisherName: string = "Contoso";

    /// The pricing tier of this API Management service
    #[allowed("Developer", "Standard", "Premium")]
    param sku: string = "Developer";

    /// The instance size of this API Management service
    #[minValue(1)]
    param skuCount: int = 1;

    /// Where to deploy
    param location: string = resourceGroup().location;

    /// The Key Vault that holds the certificate; it uses RBAC authorization
    param keyVaultName: string;

    /// The name of the certificate in the vault
    param certificateName: string;

    /// The custom host name of the gateway, e.g. api.contoso.com
    param proxyHostname: string;

    /// The identity API Management reads Key Vault with
    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: concat(serviceName, "-identity"),
        location: location,
    }

    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing {
        name: keyVaultName,
    }

    resource certificate "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing {
        parent: vault,
        name: certificateName,
    }

    /// Lets the identity read the certificate (Key Vault Secrets User by default)
    grant identityReadsVault { principal: identity, scope: vault }

    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: serviceName,
        location: location,
        sku: { name: sku, capacity: skuCount },
        identity: {
            type: "UserAssigned",
            userAssignedIdentities: { [identity.id]: {} },
        },
        properties: {
            publisherEmail: publisherEmail,
            publisherName: publisherName,
            hostnameConfigurations: [{
                type: "Proxy",
                hostName: proxyHostname,
                certificateSource: "KeyVault",
                // Versionless: API Management picks up renewed certificates.
                keyVaultId: certificate.properties.secretUri,
                identityClientId: identity.properties.clientId,
                defaultSslBinding: true,
            }],
        },
    }

    output gatewayUrl: string = apim.properties.gatewayUrl;
    output identityPrincipalId: string = identity.properties.principalId;
}

/// Example values for a deployment, as a checked parameter file.
fn parameters() -> Result<apim_dsl::TemplateFile, apim_dsl::ParameterError> {
    APIM_KEY_VAULT_RBAC
        .parameter_file()
        .value("serviceName", "contoso-apim")?
        .value("publisherEmail", "api-team@contoso.com")?
        .value("keyVaultName", "kv-contoso")?
        .value("certificateName", "api-contoso-com")?
        .value("proxyHostname", "api.contoso.com")?
        .to_file()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    match std::env::args_os().nth(1) {
        Some(dir) => {
            let dir = std::path::PathBuf::from(dir);
            let mut written = APIM_KEY_VAULT_RBAC.write_to(&dir)?;
            written.extend(apim_dsl::write_files(&dir, &[parameters()?])?);
            for file in written {
                let state = if file.changed { "wrote" } else { "unchanged" };
                println!("{state} {}", file.path.display());
            }
        }
        None => println!("{}", APIM_KEY_VAULT_RBAC.arm_json()),
    }
    Ok(())
}
