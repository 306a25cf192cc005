// `keyVaultId` and `secretIdentifier` take a Key Vault secret URI.
apim_dsl::template! {
    pub const T;
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
    resource cert "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: vault, name: "api" }
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "SystemAssigned" },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            hostnameConfigurations: [
                // The certificate's URL, not its secret's.
                { type: "Proxy", hostName: "a.contoso.com", keyVaultId: "https://kv-contoso.vault.azure.net/certificates/api" },
                { type: "Proxy", hostName: "b.contoso.com", keyVaultId: concat(vault.properties.vaultUri, "certificates/api") },
                { type: "Proxy", hostName: "b2.contoso.com", keyVaultId: format("{0}certificates/{1}", vault.properties.vaultUri, "api") },
                // An ARM resource id.
                { type: "Proxy", hostName: "c.contoso.com", keyVaultId: "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-contoso/secrets/api" },
                { type: "Proxy", hostName: "d.contoso.com", keyVaultId: cert.id },
                { type: "Proxy", hostName: "e.contoso.com", keyVaultId: resourceId("Microsoft.KeyVault/vaults/secrets", "kv-contoso", "api") },
                // The vault, not a secret in it.
                { type: "Proxy", hostName: "f.contoso.com", keyVaultId: vault.properties.vaultUri },
                { type: "Proxy", hostName: "g.contoso.com", keyVaultId: "https://kv-contoso.vault.azure.net/" },
                // Not https.
                { type: "Proxy", hostName: "h.contoso.com", keyVaultId: "http://kv-contoso.vault.azure.net/secrets/api" },
            ],
        },
    }
    resource secretValue "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
        parent: apim,
        name: "secret-value",
        properties: {
            displayName: "secret-value",
            secret: true,
            keyVault: { secretIdentifier: "https://kv-contoso.vault.azure.net/certificates/value" },
        },
    }
}

fn main() {}
