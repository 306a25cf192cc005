// A required key of the body is reported at the resource's symbol.
apim_dsl::template! {
    pub const T;
    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "id-apim",
    }
}

fn main() {}
