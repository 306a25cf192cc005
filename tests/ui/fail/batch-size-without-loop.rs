apim_dsl::template! {
    pub const T;
    #[batchSize(2)]
    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
}

fn main() {}
