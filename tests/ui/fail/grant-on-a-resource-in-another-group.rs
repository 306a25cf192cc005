apim_dsl::template! {
    pub const T;
    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing {
        name: "kv-shared",
        scope: resourceGroup("shared-rg"),
    }
    grant readSecrets { principal: identity, scope: vault }
}

fn main() {}
