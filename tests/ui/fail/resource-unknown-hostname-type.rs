apim_dsl::template! {
    pub const T;
    param host: string;
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "contoso-apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            hostnameConfigurations: [{ type: "Gateway", hostName: host }],
        },
    }
}

fn main() {}
