// Resources nested in API Management whose full types are not its children's:
// another provider's, and a grandchild's; a child's type in another case is one.
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
            // A grandchild, one level too high.
            resource op "Microsoft.ApiManagement/service/apis/operations@2024-05-01" {
                name: "contoso/orders/list",
                properties: { displayName: "List", method: "GET", urlTemplate: "/" },
            },
            // A child in another case: ARM compares types ignoring case.
            resource orders "microsoft.apimanagement/SERVICE/apis@2024-05-01" {
                name: "contoso/orders",
                properties: { displayName: "Orders", path: "orders", protocols: ["https"] },
            },
        ],
    }
}

fn main() {}
