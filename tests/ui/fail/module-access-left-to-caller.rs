// A template whose vault is marked `#[access(caller)]` relies on the template
// that deploys it: each of its modules must wait for a grant or an access policy.
apim_dsl::template! {
    pub const BIND;
    param keyVaultName: string;
    #[access(caller)]
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: keyVaultName }
    resource cert "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: vault, name: "api" }
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "SystemAssigned" },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            hostnameConfigurations: [{ type: "Proxy", hostName: "api.contoso.com", keyVaultId: cert.properties.secretUri }],
        },
    }
}

apim_dsl::template! {
    pub const OUTER;
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "SystemAssigned" },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
    resource removal "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
        parent: vault,
        name: "remove",
        properties: { accessPolicies: [{ tenantId: apim.identity.tenantId, objectId: apim.identity.principalId, permissions: { secrets: ["get"] } }] },
    }
    grant apimReads { principal: apim, scope: vault }
    // Waits for nothing.
    module first = BIND { name: "first", params: { keyVaultName: vault.name } }
    // Waits only for a policy that removes access.
    module second = BIND { name: "second", dependsOn: [removal], params: { keyVaultName: vault.name } }
    // Waits for the grant: valid.
    module third = BIND { name: "third", dependsOn: [apimReads], params: { keyVaultName: vault.name } }
    // Waits for a module that waits for the grant: valid.
    module fourth = BIND { name: "fourth", dependsOn: [third], params: { keyVaultName: vault.name } }
}

fn main() {}
