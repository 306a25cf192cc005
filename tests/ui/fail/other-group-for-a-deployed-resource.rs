apim_dsl::template! {
    pub const T;
    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        scope: resourceGroup("shared-rg"),
        name: "apim-id",
        location: "westeurope",
    }
}

fn main() {}
