apim_dsl::template! {
    pub const T;
    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
    resource other "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" existing { name: "other" }
    grant operate { principal: identity, scope: other }
}

fn main() {}
