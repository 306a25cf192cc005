apim_dsl::template! {
    pub const T;
    param names: array;
    resource ids "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for n in names {
        name: "apim-id",
        location: "westeurope",
    }
}

fn main() {}
