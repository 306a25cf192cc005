// `#[accept]` accepts one deviation from the type data; where there is none it is an error.
apim_dsl::template! {
    pub const T;
    #[accept("properties.customProperties")]
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "contoso-apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            customProperties: { "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10": "false" },
        },
    }
}

fn main() {}
