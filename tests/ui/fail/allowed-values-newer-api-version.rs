// A parameter's allowed value that the resource type takes only from a later
// API version is reported where the value is written, as the same value
// written directly in the body is (ADSL0408); at that later version it is valid.
apim_dsl::template! {
    pub const T;
    #[allowed("Developer", "PremiumV2")]
    param tier: string = "Developer";
    param gatewayTier: string = "StandardV2";
    resource apim "Microsoft.ApiManagement/service@2022-08-01" {
        name: "apim",
        location: "westeurope",
        sku: { name: tier, capacity: 1 },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    resource gateway "Microsoft.ApiManagement/service@2022-08-01" {
        name: "gateway",
        location: "westeurope",
        sku: { name: gatewayTier, capacity: 1 },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    // Valid here: PremiumV2 is a tier from 2025-03-01-preview.
    resource later "Microsoft.ApiManagement/service@2025-03-01-preview" {
        name: "later",
        location: "westeurope",
        sku: { name: tier, capacity: 1 },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
}

fn main() {}
