// `identityClientId` is the client id of an identity attached to the service.
apim_dsl::template! {
    pub const T;
    resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
    resource other "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "other-id",
        location: "westeurope",
    }
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "UserAssigned", userAssignedIdentities: { [uai.id]: {} } },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            hostnameConfigurations: [
                // The principal id, not the client id.
                {
                    type: "Proxy",
                    hostName: "api.contoso.com",
                    keyVaultId: "https://kv.vault.azure.net/secrets/api",
                    identityClientId: uai.properties.principalId,
                },
                // The same through `reference()`.
                {
                    type: "Portal",
                    hostName: "portal.contoso.com",
                    keyVaultId: "https://kv.vault.azure.net/secrets/portal",
                    identityClientId: reference(uai.id, "2023-01-31").principalId,
                },
                // A resource id.
                {
                    type: "Management",
                    hostName: "management.contoso.com",
                    keyVaultId: "https://kv.vault.azure.net/secrets/management",
                    identityClientId: uai.id,
                },
                // An identity that is not attached to the service.
                {
                    type: "DeveloperPortal",
                    hostName: "developer.contoso.com",
                    keyVaultId: "https://kv.vault.azure.net/secrets/developer",
                    identityClientId: other.properties.clientId,
                },
            ],
        },
    }
}

fn main() {}
