// An `existing` resource nothing reads is a warning (Bicep's
// no-unused-existing-resources); denied here to show it.
#![deny(deprecated)]

apim_dsl::template! {
    pub const T;
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
    #[allow(unused)]
    resource other "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-other" }
    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-identity",
        location: "westeurope",
    }
}

fn main() {}
