apim_dsl::template! {
    pub const T;
    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
    resource secret "Microsoft.KeyVault/vaults/secrets@2023-07-01" {
        parent: identity,
        name: "cert",
        properties: { contentType: "application/x-pkcs12" },
    }
}

fn main() {}
