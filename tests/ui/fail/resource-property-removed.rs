// `hostname` was renamed `hostName` in 2017-03-01.
apim_dsl::template! {
    pub const T;
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "contoso-apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            hostnameConfigurations: [{ type: "Proxy", hostName: "api.contoso.com", hostname: "api.contoso.com" }],
        },
    }
}

fn main() {}
