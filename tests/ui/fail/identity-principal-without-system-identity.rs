apim_dsl::template! {
    pub const T;
    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "contoso-apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "UserAssigned", userAssignedIdentities: { [identity.id]: {} } },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    output principalId: string = apim.identity.principalId;
}

fn main() {}
