// ARM rejects an identity whose type and user-assigned identities disagree.
apim_dsl::template! {
    pub const T;
    resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
    // A system-assigned identity with a map of user-assigned ones.
    resource a "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim-a",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "SystemAssigned", userAssignedIdentities: { [uai.id]: {} } },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    // A user-assigned type without the map.
    resource b "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim-b",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "UserAssigned" },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    // An empty map.
    resource c "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim-c",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "UserAssigned", userAssignedIdentities: {} },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    // Both kinds, but no user-assigned identity.
    resource d "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim-d",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "SystemAssigned, UserAssigned" },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    // No identity at all, with a map.
    resource e "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim-e",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "None", userAssignedIdentities: { [uai.id]: {} } },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
}

fn main() {}
