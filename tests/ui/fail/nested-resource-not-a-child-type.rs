// A resource nested in API Management whose full type is not one of its
// children's.
apim_dsl::template! {
    pub const T;
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "contoso",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        properties: { publisherEmail: "a@contoso.com", publisherName: "Contoso" },
        resources: [
            resource secret "Microsoft.KeyVault/vaults/secrets@2023-07-01" {
                name: "kv/s",
                properties: { value: "x" },
            },
        ],
    }
}

fn main() {}
