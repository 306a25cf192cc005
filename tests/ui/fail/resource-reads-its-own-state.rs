// A resource's deployed state does not exist while its own body is evaluated.
apim_dsl::template! {
    pub const T;
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "SystemAssigned" },
        tags: { gateway: apim.properties.gatewayUrl },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
        tags: { principal: uai.properties.principalId, id: uai.id },
    }
    // The same by id, as hand-written templates do.
    resource other "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "other-id",
        location: "westeurope",
        tags: { principal: reference(resourceId("Microsoft.ManagedIdentity/userAssignedIdentities", "other-id"), "2023-01-31").principalId },
    }
}

fn main() {}
