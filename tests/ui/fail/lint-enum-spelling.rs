// ARM reads these values in any case, the schema lists one spelling: a warning,
// denied here to show it; `#[allow(enum_spelling)]` keeps a value as written.
#![deny(deprecated)]

apim_dsl::template! {
    pub const T;
    resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim",
        location: "westeurope",
        sku: { name: "developer", capacity: 1 },
        identity: { type: "SystemAssigned,UserAssigned", userAssignedIdentities: { [uai.id]: {} } },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            virtualNetworkType: "none",
            hostnameConfigurations: [{ type: "proxy", hostName: "api.contoso.com" }],
        },
    }
    resource seed "Microsoft.ApiManagement/service@2017-03-01" {
        name: "seed",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "systemAssigned" },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    #[allow(enum_spelling)]
    resource ported "Microsoft.ApiManagement/service@2017-03-01" {
        name: "ported",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "systemAssigned" },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
}

fn main() {}
