// A dependency written as a bare name that no resource has.
apim_dsl::template! {
    pub const T;
    resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "id-apim",
        location: "westeurope",
    }
    resource other "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "id-other",
        location: "westeurope",
        dependsOn: ["id-apm"],
    }
}

fn main() {}
