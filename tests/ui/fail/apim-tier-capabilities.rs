// API Management tiers have capabilities the schema does not carry.
apim_dsl::template! {
    pub const T;
    resource zoned "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim-zoned",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        zones: ["1", "2"],
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            additionalLocations: [{ location: "northeurope", sku: { name: "Developer", capacity: 1 } }],
        },
    }
    resource basic "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim-basic",
        location: "westeurope",
        sku: { name: "Basic", capacity: 1 },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            virtualNetworkType: "Internal",
            hostnameConfigurations: [
                { type: "Proxy", hostName: "a.contoso.com" },
                { type: "Proxy", hostName: "b.contoso.com" },
            ],
        },
    }
    resource basicV2 "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim-basic-v2",
        location: "westeurope",
        sku: { name: "BasicV2", capacity: 1 },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso", virtualNetworkType: "External" },
    }
    resource consumption "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim-consumption",
        location: "westeurope",
        sku: { name: "Consumption", capacity: 0 },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            hostnameConfigurations: [
                { type: "Proxy", hostName: "*.contoso.com" },
                { type: "DeveloperPortal", hostName: "portal.contoso.com" },
            ],
        },
    }
}

fn main() {}
