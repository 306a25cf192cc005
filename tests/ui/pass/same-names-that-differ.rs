// Names that look alike but that ARM tells apart: other types, other parents,
// other scopes, copies of a loop, resources under opposite conditions, and names
// that differ in more than case.
apim_dsl::template! {
    pub const DISTINCT;
    param useNew: bool;
    param names: array;
    resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim",
        location: "westeurope",
    }
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "SystemAssigned, UserAssigned", userAssignedIdentities: { [uai.id]: {} } },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    resource newId "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" if useNew {
        name: "apim-id",
        location: "westeurope",
    }
    resource oldId "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" if !useNew {
        name: "apim-id",
        location: "westeurope",
    }
    resource each "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for name in names {
        name: name,
        location: "westeurope",
    }
    resource vaultA "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-a" }
    resource vaultB "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-b" }
    resource policyA "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
        parent: vaultA,
        name: "add",
        properties: { accessPolicies: [] },
    }
    resource policyB "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
        parent: vaultB,
        name: "add",
        properties: { accessPolicies: [] },
    }
    grant readsA { principal: uai, scope: vaultA }
    grant readsB { principal: uai, scope: vaultB }
    grant managesA { principal: uai, scope: vaultA, role: "Key Vault Reader" }
    grant apimReadsA { principal: apim, scope: vaultA }
    output apimId: string = apim.id;
    output apimIdentity: string = uai.id;
}

fn main() {}
