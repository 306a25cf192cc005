//! The two templates of the document this project started from ("How to use Azure
//! Managed Service Identity in Azure API Management"), written in the DSL line for
//! line, raw ARM style: explicit `reference(...)` and explicit `dependsOn`.
//!
//! `cargo run --example seed -- DIR` writes `DIR/apim-with-identity.json` and
//! `DIR/apim-with-key-vault.json` (and their `.bicep`); with no argument it prints
//! both JSON templates.

use apim_dsl::Template;

apim_dsl::template! {
    #[schema("http://schema.management.azure.com/schemas/2014-04-01-preview/deploymentTemplate.json#")]
    #[contentVersion("0.9.0.0")]
    pub const APIM_WITH_IDENTITY;

    /// The name of the api management service
    #[minLength(1)]
    param serviceName: string;

    /// The email address of the owner of the service
    #[minLength(1)]
    param publisherEmail: string = "admin@contoso.com";

    /// The name of the owner of the service
    #[minLength(1)]
    param publisherName: string = "Contoso";

    /// The pricing tier of this API Management service
    #[allowed("Developer", "Standard", "Premium")]
    param sku: string = "Developer";

    /// The instance size of this API Management service.
    param skuCount: int = 1;

    // The seed spells the identity type in lower case; kept as written.
    #[allow(enum_spelling)]
    resource apim "Microsoft.ApiManagement/service@2017-03-01" {
        name: serviceName,
        location: resourceGroup().location,
        tags: {},
        sku: { name: sku, capacity: skuCount },
        properties: {
            publisherEmail: publisherEmail,
            publisherName: publisherName,
        },
        identity: { type: "systemAssigned" },
    }
}

apim_dsl::template! {
    #[schema("http://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const APIM_WITH_KEY_VAULT;

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

    var apiManagementServiceName = concat("apiservice", uniqueString(resourceGroup().id));
    var apimServiceIdentityResourceId = concat(
        resourceId("Microsoft.ApiManagement/service", apiManagementServiceName),
        "/providers/Microsoft.ManagedIdentity/Identities/default",
    );

    // The seed spells the identity type in lower case; kept as written.
    #[allow(enum_spelling)]
    resource apim "Microsoft.ApiManagement/service@2017-03-01" {
        name: apiManagementServiceName,
        location: resourceGroup().location,
        tags: {},
        sku: { name: sku, capacity: skuCount },
        properties: {
            publisherEmail: publisherEmail,
            publisherName: publisherName,
        },
        identity: { type: "systemAssigned" },
    }

    resource accessPolicy "Microsoft.KeyVault/vaults/accessPolicies@2015-06-01" {
        name: concat(keyVaultName, "/add"),
        dependsOn: [resourceId("Microsoft.ApiManagement/service", apiManagementServiceName)],
        properties: {
            accessPolicies: [{
                tenantId: reference(apimServiceIdentityResourceId, "2015-08-31-PREVIEW").tenantId,
                objectId: reference(apimServiceIdentityResourceId, "2015-08-31-PREVIEW").principalId,
                permissions: { secrets: ["get"] },
            }],
        },
    }

    #[allow(enum_spelling)]
    resource apimWithKeyVault "Microsoft.Resources/deployments@2017-05-10" {
        name: "apimWithKeyVault",
        dependsOn: [resourceId("Microsoft.ApiManagement/service", apiManagementServiceName)],
        properties: {
            mode: "incremental",
            templateLink: {
                uri: "https://raw.githubusercontent.com/solankisamir/arm-templates/master/basicapim.keyvault.json",
                contentVersion: "1.0.0.0",
            },
            parameters: {
                publisherEmail: { value: publisherEmail },
                publisherName: { value: publisherName },
                sku: { value: sku },
                skuCount: { value: skuCount },
                proxyCustomHostname1: { value: proxyCustomHostname1 },
                keyVaultIdToCertificate: { value: keyVaultIdToCertificate },
            },
        },
    }
}

/// Both seed templates.
pub const TEMPLATES: [Template; 2] = [APIM_WITH_IDENTITY, APIM_WITH_KEY_VAULT];

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
        None => {
            for template in &TEMPLATES {
                println!("// {}.json\n{}", template.file_stem(), template.arm_json());
            }
        }
    }
    Ok(())
}
