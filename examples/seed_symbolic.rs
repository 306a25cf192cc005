//! The seed's Key Vault template (see `seed.rs`) rewritten the way it should be
//! written: symbolic references instead of hand-built `reference(concat(...))`
//! strings, the access policy as a child of the vault, and the custom-domain
//! template that the seed fetched from a URL declared here and used as an inline
//! module. The same deployment: API Management with a system-assigned identity,
//! that identity allowed to get secrets from the vault, then the service updated
//! with a custom proxy domain whose certificate is in the vault.
//!
//! `cargo run --example seed_symbolic -- DIR` writes
//! `DIR/apim-with-key-vault-symbolic.json` (and `.bicep`, with the module's
//! `apim-custom-domain.bicep`); with no argument it prints the JSON.

apim_dsl::template! {
    /// Sets a custom proxy domain, with its certificate from Key Vault, on an API
    /// Management service that already exists (what the seed's linked template did).
    pub const APIM_CUSTOM_DOMAIN;

    /// The email address of the owner of the service
    #[minLength(1)]
    param publisherEmail: string;

    /// The name of the owner of the service
    #[minLength(1)]
    param publisherName: string;

    /// The pricing tier of this API Management service
    #[allowed("Developer", "Standard", "Premium")]
    param sku: string;

    /// The instance size of this API Management service.
    param skuCount: int;

    /// Proxy Custom hostname.
    param proxyCustomHostname1: string;

    /// Reference to the KeyVault certificate.
    param keyVaultIdToCertificate: string;

    resource apim "Microsoft.ApiManagement/service@2017-03-01" {
        name: concat("apiservice", uniqueString(resourceGroup().id)),
        location: resourceGroup().location,
        sku: { name: sku, capacity: skuCount },
        identity: { type: "SystemAssigned" },
        properties: {
            publisherEmail: publisherEmail,
            publisherName: publisherName,
            hostnameConfigurations: [{
                type: "Proxy",
                hostName: proxyCustomHostname1,
                keyVaultId: keyVaultIdToCertificate,
            }],
        },
    }
}

apim_dsl::template! {
    pub const APIM_WITH_KEY_VAULT_SYMBOLIC;

    /// The email address of the owner of the service
    #[minLength(1)]
    param publisherEmail: string;

    /// The name of the owner of the service
    #[minLength(1)]
    param publisherName: string = "Contoso";

    /// The pricing tier of this API Management service
    #[allowed("Developer", "Standard", "Premium")]
    param sku: string = "Developer";

    /// The instance size of this API Management service.
    param skuCount: int = 1;

    /// Name of the vault
    param keyVaultName: string;

    /// Proxy Custom hostname.
    param proxyCustomHostname1: string;

    /// Reference to the KeyVault certificate.
    param keyVaultIdToCertificate: string;

    resource apim "Microsoft.ApiManagement/service@2017-03-01" {
        name: concat("apiservice", uniqueString(resourceGroup().id)),
        location: resourceGroup().location,
        tags: {},
        sku: { name: sku, capacity: skuCount },
        properties: {
            publisherEmail: publisherEmail,
            publisherName: publisherName,
        },
        identity: { type: "SystemAssigned" },
    }

    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing {
        name: keyVaultName,
    }

    /// API Management's identity may get secrets (its certificate) from the vault.
    resource accessPolicy "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
        parent: vault,
        name: "add",
        properties: {
            accessPolicies: [{
                tenantId: apim.identity.tenantId,
                objectId: apim.identity.principalId,
                permissions: { secrets: ["get"] },
            }],
        },
    }

    /// The custom domain is set once the identity can read the certificate.
    module apimWithKeyVault = APIM_CUSTOM_DOMAIN {
        dependsOn: [accessPolicy],
        params: {
            publisherEmail: publisherEmail,
            publisherName: publisherName,
            sku: sku,
            skuCount: skuCount,
            proxyCustomHostname1: proxyCustomHostname1,
            keyVaultIdToCertificate: keyVaultIdToCertificate,
        },
    }

    output principalId: string = apim.identity.principalId;
}

fn main() -> std::io::Result<()> {
    match std::env::args_os().nth(1) {
        Some(dir) => {
            for written in APIM_WITH_KEY_VAULT_SYMBOLIC.write_to(&dir)? {
                let state = if written.changed {
                    "wrote"
                } else {
                    "unchanged"
                };
                println!("{state} {}", written.path.display());
            }
        }
        None => println!("{}", APIM_WITH_KEY_VAULT_SYMBOLIC.arm_json()),
    }
    Ok(())
}
