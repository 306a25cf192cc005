apim_dsl::template! {
    pub const T;
    param names: array;
    resource ids "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for name in names {
        name: name,
        location: "westeurope",
    }
    output first: string = ids.properties.principalId;
}

fn main() {}
