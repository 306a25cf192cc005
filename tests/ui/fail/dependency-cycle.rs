apim_dsl::template! {
    pub const T;
    resource first "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "first",
        location: "westeurope",
        tags: { peer: second.properties.principalId },
    }
    resource second "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "second",
        location: "westeurope",
        dependsOn: [first],
    }
}

fn main() {}
