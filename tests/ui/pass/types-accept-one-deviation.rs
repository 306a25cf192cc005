// The seed writes booleans in `customProperties`, which the type data types as
// strings; ARM accepts them. `#[accept]` takes exactly that deviation.
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
            customProperties: { "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10": false },
        },
    }
}

fn main() {
    assert!(T.arm_json().contains("\"Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10\": false"));
}
