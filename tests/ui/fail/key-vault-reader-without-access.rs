// Named values and certificates read Key Vault with an identity too: the
// identity needs access that can read secrets.
apim_dsl::template! {
    pub const T;
    resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
    resource secret "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: vault, name: "backend-key" }
    grant uaiLists { principal: uai, scope: vault, role: "Key Vault Reader" }
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "SystemAssigned, UserAssigned", userAssignedIdentities: { [uai.id]: {} } },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    // The service's system-assigned identity has no access.
    resource backendKey "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
        parent: apim,
        name: "backend-key",
        properties: { displayName: "backend-key", secret: true, keyVault: { secretIdentifier: secret.properties.secretUri } },
    }
    // A user-assigned identity whose role cannot read secrets.
    resource clientCertificate "Microsoft.ApiManagement/service/certificates@2024-05-01" {
        parent: apim,
        name: "client",
        properties: { keyVault: { secretIdentifier: secret.properties.secretUri, identityClientId: uai.properties.clientId } },
    }
}

fn main() {}
