// The keys of `userAssignedIdentities` are resource ids of user-assigned identities.
apim_dsl::template! {
    pub const T;
    param userAssignedResourceId: string;
    resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: {
            type: "UserAssigned",
            userAssignedIdentities: {
                // A bare name.
                "apim-identity": {},
                // A parameter's name written as the key's text.
                userAssignedResourceId: {},
                // Another type's id.
                [vault.id]: {},
                [resourceId("Microsoft.KeyVault/vaults", "kv-contoso")]: {},
                "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv": {},
                // An identity's name or principal, not its id.
                [uai.name]: {},
                [uai.properties.principalId]: {},
                [reference(uai.id, "2023-01-31").principalId]: {},
            },
        },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
}

fn main() {}
