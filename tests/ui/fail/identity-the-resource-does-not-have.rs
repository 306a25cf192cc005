apim_dsl::template! {
    pub const T;
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "contoso-apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    output principalId: string = apim.identity.principalId;
}

fn main() {}
