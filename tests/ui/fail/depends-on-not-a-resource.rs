apim_dsl::template! {
    pub const T;
    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
        dependsOn: [resourceId("Microsoft.KeyVault/vaults", "elsewhere")],
    }
}

fn main() {}
