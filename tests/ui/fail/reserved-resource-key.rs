apim_dsl::template! {
    pub const T;
    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        apiVersion: "2023-01-31",
        location: "westeurope",
    }
}

fn main() {}
