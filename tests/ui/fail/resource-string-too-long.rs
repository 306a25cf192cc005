apim_dsl::template! {
    pub const T;
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "contoso-apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso Corporation, API Platform Team, Integration Services, Northern and Western Europe Operations Group",
        },
    }
}

fn main() {}
