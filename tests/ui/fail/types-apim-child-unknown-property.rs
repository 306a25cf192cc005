// A named value's Key Vault reference, misspelt: checked at every depth.
apim_dsl::template! {
    pub const T;
    resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: "contoso-apim" }
    resource secretValue "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
        parent: apim,
        name: "backend-key",
        properties: {
            displayName: "backend-key",
            secret: true,
            keyVault: { secretIdentifer: "https://kv-contoso.vault.azure.net/secrets/backend-key" },
        },
    }
}

fn main() {}
