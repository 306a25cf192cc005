apim_dsl::template! {
    pub const T;
    resource first "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "first",
        location: "westeurope",
    }
    resource second "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" if empty(first.properties.principalId) {
        name: "second",
        location: "westeurope",
    }
}

fn main() {}
