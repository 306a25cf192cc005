// A certificate pinned to one version is a warning; denied here to show it.
#![deny(deprecated)]

apim_dsl::template! {
    pub const T;
    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
    resource cert "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: vault, name: "apim-cert" }
    grant readCertificate { principal: identity, scope: vault }
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "contoso-apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "UserAssigned", userAssignedIdentities: { [identity.id]: {} } },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            hostnameConfigurations: [{
                type: "Proxy",
                hostName: "api.contoso.com",
                keyVaultId: cert.properties.secretUriWithVersion,
                identityClientId: identity.properties.clientId,
            }],
        },
    }
}

fn main() {}
