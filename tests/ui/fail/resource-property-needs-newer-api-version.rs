apim_dsl::template! {
    pub const T;
    resource apim "Microsoft.ApiManagement/service@2017-03-01" {
        name: "contoso-apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            publicNetworkAccess: "Disabled",
        },
    }
}

fn main() {}
