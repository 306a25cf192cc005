// A vault with `enableRbacAuthorization: true` ignores access policies; one with
// `false` (the default when not set, before API version 2026-02-01) ignores
// role assignments for its data. An access policy named `remove` takes access.
apim_dsl::template! {
    pub const T;
    resource rbacVault "Microsoft.KeyVault/vaults@2023-07-01" {
        name: "kv-rbac",
        location: "westeurope",
        properties: { tenantId: subscription().tenantId, sku: { family: "A", name: "standard" }, enableRbacAuthorization: true },
    }
    resource policyVault "Microsoft.KeyVault/vaults@2023-07-01" {
        name: "kv-policies",
        location: "westeurope",
        properties: { tenantId: subscription().tenantId, sku: { family: "A", name: "standard" }, enableRbacAuthorization: false, accessPolicies: [] },
    }
    resource defaultVault "Microsoft.KeyVault/vaults@2023-07-01" {
        name: "kv-default",
        location: "westeurope",
        properties: { tenantId: subscription().tenantId, sku: { family: "A", name: "standard" }, accessPolicies: [] },
    }
    resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
    resource ignoredPolicy "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
        parent: rbacVault,
        name: "add",
        properties: { accessPolicies: [{ tenantId: subscription().tenantId, objectId: uai.properties.principalId, permissions: { secrets: ["get"] } }] },
    }
    grant ignoredGrant { principal: uai, scope: policyVault }
    grant ignoredByDefault { principal: uai, scope: defaultVault }
    // The only access policy for `uai` on `kv-legacy` removes access.
    resource legacyVault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-legacy" }
    resource removal "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
        name: "kv-legacy/remove",
        properties: { accessPolicies: [{ tenantId: subscription().tenantId, objectId: uai.properties.principalId, permissions: { secrets: ["get"] } }] },
    }
    resource cert "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: legacyVault, name: "api" }
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "UserAssigned", userAssignedIdentities: { [uai.id]: {} } },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            hostnameConfigurations: [{
                type: "Proxy",
                hostName: "api.contoso.com",
                keyVaultId: cert.properties.secretUri,
                identityClientId: uai.properties.clientId,
            }],
        },
    }
}

fn main() {}
