// ARM rejects two resources of one type with one name in one scope ("defined
// multiple times"), comparing names ignoring case; two grants of one role to one
// principal on one scope have one name.
apim_dsl::template! {
    pub const INNER;
    output ok: bool = true;
}

apim_dsl::template! {
    pub const T;
    param prefix: string;
    resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
    resource same "Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30" {
        name: "apim-id",
        location: "westeurope",
    }
    resource upper "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "APIM-ID",
        location: "westeurope",
    }
    resource computed "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: concat(prefix, "-id"),
        location: "westeurope",
    }
    resource computedAgain "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: concat(prefix, "-ID"),
        location: "westeurope",
    }
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
    resource policy "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
        parent: vault,
        name: "add",
        properties: { accessPolicies: [] },
    }
    resource policyByName "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
        name: "kv-contoso/add",
        properties: { accessPolicies: [] },
    }
    grant reads { principal: uai, scope: vault }
    grant readsAgain { principal: uai, scope: vault, role: "Key Vault Secrets User" }
    module first = INNER { name: "deploy-inner" }
    module second = INNER { name: "Deploy-Inner" }
    // One name in two resource groups is two deployments; in one, one.
    module elsewhere = INNER { name: "deploy-inner", scope: resourceGroup("rg-other") }
    module elsewhereToo = INNER { name: "deploy-inner", scope: resourceGroup("RG-Other") }
    module inSubscription = INNER { name: "deploy-inner", scope: resourceGroup("sub-1", "rg-other") }
}

fn main() {}
