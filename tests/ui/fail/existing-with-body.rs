apim_dsl::template! {
    pub const T;
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing {
        name: "kv-contoso",
        location: "westeurope",
    }
    output id: string = vault.id;
}

fn main() {}
