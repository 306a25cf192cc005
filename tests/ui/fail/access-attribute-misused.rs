// `#[access(caller)]` and `#[access(external)]` go on a Key Vault.
apim_dsl::template! {
    pub const T;
    #[access(caller)]
    resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
    #[access(everyone)]
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-a" }
    #[access]
    resource other "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-b" }
    output ids: array = [uai.id, vault.id, other.id];
}

fn main() {}
