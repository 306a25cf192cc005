//! The seed document's three steps, with the certificate named symbolically:
//! create API Management with a system-assigned identity, give that identity
//! access to the vault, then bind the custom domain in a module that waits for
//! the access. The module's template cannot see the access (another template
//! gives it), so it says so: `#[access(caller)]` on its vault. rustc then checks
//! that every module of that template waits for a grant or an access policy.
//!
//! A third template binds a domain with an identity and a vault that a platform
//! team owns and has already given access (`#[access(external)]`).
//!
//! `cargo run --example apim_domain_by_module -- DIR` writes the templates (and
//! their `.bicep`, with the module's) to `DIR`; with no argument it prints the
//! JSON of the main one.

use apim_dsl::Template;

apim_dsl::template! {
    /// Binds a custom proxy domain to an API Management service that exists; its
    /// system-assigned identity reads the certificate from Key Vault.
    pub const APIM_DOMAIN_BINDING;

    /// The API Management service
    param serviceName: string;
    /// The email address of the owner of the service
    param publisherEmail: string;
    /// The name of the owner of the service
    param publisherName: string;
    /// The vault that holds the certificate
    param keyVaultName: string;
    /// The certificate's name in the vault
    param certificateName: string;
    /// The custom proxy host name
    param hostName: string;

    /// The template that deploys this one gives the service's identity access.
    #[access(caller)]
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: keyVaultName }
    resource certificate "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing {
        parent: vault,
        name: certificateName,
    }

    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: serviceName,
        location: resourceGroup().location,
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "SystemAssigned" },
        properties: {
            publisherEmail: publisherEmail,
            publisherName: publisherName,
            hostnameConfigurations: [{
                type: "Proxy",
                hostName: hostName,
                certificateSource: "KeyVault",
                keyVaultId: certificate.properties.secretUri,
            }],
        },
    }
}

apim_dsl::template! {
    /// API Management with a system-assigned identity, that identity allowed to
    /// get secrets from the vault, then the custom domain bound by a module.
    pub const APIM_DOMAIN_BY_MODULE;

    /// The email address of the owner of the service
    param publisherEmail: string;
    /// The name of the owner of the service
    param publisherName: string = "Contoso";
    /// The vault that holds the certificate
    param keyVaultName: string;
    /// The certificate's name in the vault
    param certificateName: string;
    /// The custom proxy host name
    param hostName: string;

    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: concat("apiservice", uniqueString(resourceGroup().id)),
        location: resourceGroup().location,
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "SystemAssigned" },
        properties: { publisherEmail: publisherEmail, publisherName: publisherName },
    }

    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: keyVaultName }

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

    /// The custom domain is bound once the identity can read the certificate.
    module bindDomain = APIM_DOMAIN_BINDING {
        dependsOn: [accessPolicy],
        params: {
            serviceName: apim.name,
            publisherEmail: publisherEmail,
            publisherName: publisherName,
            keyVaultName: vault.name,
            certificateName: certificateName,
            hostName: hostName,
        },
    }
}

apim_dsl::template! {
    /// A custom domain whose certificate a platform team's identity reads from
    /// the platform team's vault: the team has given the access already.
    pub const APIM_DOMAIN_PLATFORM_VAULT;

    /// The custom proxy host name
    param hostName: string;

    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" existing {
        name: "platform-apim-identity",
    }
    /// The platform team gives `platform-apim-identity` "Key Vault Secrets User".
    #[access(external)]
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "platform-kv" }
    resource certificate "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing {
        parent: vault,
        name: "apim-proxy",
    }

    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: concat("apiservice", uniqueString(resourceGroup().id)),
        location: resourceGroup().location,
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "UserAssigned", userAssignedIdentities: { [identity.id]: {} } },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            hostnameConfigurations: [{
                type: "Proxy",
                hostName: hostName,
                certificateSource: "KeyVault",
                keyVaultId: certificate.properties.secretUri,
                identityClientId: identity.properties.clientId,
            }],
        },
    }
}

/// The templates of this example.
pub const TEMPLATES: [Template; 2] = [APIM_DOMAIN_BY_MODULE, APIM_DOMAIN_PLATFORM_VAULT];

#[allow(dead_code)] // also compiled into the golden tests, which do not call `main`
fn main() -> std::io::Result<()> {
    match std::env::args_os().nth(1) {
        Some(dir) => {
            for template in &TEMPLATES {
                for written in template.write_to(&dir)? {
                    let state = if written.changed {
                        "wrote"
                    } else {
                        "unchanged"
                    };
                    println!("{state} {}", written.path.display());
                }
            }
        }
        None => println!("{}", APIM_DOMAIN_BY_MODULE.arm_json()),
    }
    Ok(())
}
