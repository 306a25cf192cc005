// Every Key Vault reader with the access it needs, each in the way its vault
// authorizes: a named value and a certificate read with the service's identities,
// on an RBAC vault (roles) and a vault that uses access policies.
apim_dsl::template! {
    pub const READERS;
    resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
    resource rbacVault "Microsoft.KeyVault/vaults@2023-07-01" {
        name: "kv-rbac",
        location: "westeurope",
        properties: { tenantId: subscription().tenantId, sku: { family: "A", name: "standard" }, enableRbacAuthorization: true },
    }
    resource policyVault "Microsoft.KeyVault/vaults@2023-07-01" {
        name: "kv-policies",
        location: "westeurope",
        properties: { tenantId: subscription().tenantId, sku: { family: "A", name: "standard" }, accessPolicies: [] },
    }
    resource backendKey "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: rbacVault, name: "backend-key" }
    resource clientCert "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: policyVault, name: "client" }
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "SystemAssigned, UserAssigned", userAssignedIdentities: { [uai.id]: {} } },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    // The named value is deployed after the service, so the service's own
    // identity can be given access first.
    grant apimReads { principal: apim, scope: rbacVault }
    resource uaiReads "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
        parent: policyVault,
        name: "add",
        properties: { accessPolicies: [{ tenantId: subscription().tenantId, objectId: uai.properties.principalId, permissions: { secrets: ["get"] } }] },
    }
    resource namedValue "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
        parent: apim,
        name: "backend-key",
        properties: { displayName: "backend-key", secret: true, keyVault: { secretIdentifier: backendKey.properties.secretUri } },
    }
    resource certificate "Microsoft.ApiManagement/service/certificates@2024-05-01" {
        parent: apim,
        name: "client",
        properties: { keyVault: { secretIdentifier: clientCert.properties.secretUri, identityClientId: uai.properties.clientId } },
    }
}

fn main() {}
