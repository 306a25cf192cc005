apim_dsl::template! {
    pub const T;
    resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "id-notes",
        location: "westeurope",
        comments: 3,
    }
    resource other "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "id-other",
        location: "westeurope",
        comments: ["notes"],
    }
}

fn main() {}
