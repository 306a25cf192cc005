apim_dsl::template! {
    pub const T;
    param names: array;
    resource ids "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for n in names {
        name: n,
        location: "westeurope",
    }
    resource next "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: ids[0].properties.principalId,
        location: "westeurope",
    }
}

fn main() {}
