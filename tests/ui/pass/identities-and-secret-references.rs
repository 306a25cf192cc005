// The valid shapes of identities, identity keys, client ids and Key Vault
// references: none of them is refused.
apim_dsl::template! {
    pub const VALID;
    param identityId: string;
    param clientId: string;
    param certificateUri: string;
    param names: array;

    resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
    resource more "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for name in names {
        name: name,
        location: "westeurope",
    }
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
    resource cert "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: vault, name: "api" }
    grant uaiReads { principal: uai, scope: vault }
    resource firstReads "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
        parent: vault,
        name: "add",
        properties: { accessPolicies: [{
            tenantId: subscription().tenantId,
            objectId: more[0].properties.principalId,
            permissions: { secrets: ["get"] },
        }] },
    }

    // Both kinds, each user-assigned identity by id: symbol, `resourceId`, a
    // parameter, a literal id, one copy of a loop.
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: {
            type: "SystemAssigned, UserAssigned",
            userAssignedIdentities: {
                [uai.id]: {},
                [resourceId("Microsoft.ManagedIdentity/userAssignedIdentities", "other-id")]: {},
                [identityId]: {},
                "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/shared": {},
                [more[0].id]: {},
            },
        },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            hostnameConfigurations: [
                { type: "Proxy", hostName: "a.contoso.com", keyVaultId: cert.properties.secretUri, identityClientId: uai.properties.clientId },
                { type: "Portal", hostName: "b.contoso.com", keyVaultId: concat(vault.properties.vaultUri, "secrets/api"), identityClientId: more[0].properties.clientId },
                { type: "Management", hostName: "c.contoso.com", keyVaultId: "https://kv-contoso.vault.azure.net/secrets/api", identityClientId: clientId },
                { type: "Scm", hostName: "d.contoso.com", keyVaultId: certificateUri, identityClientId: "00000000-0000-0000-0000-000000000001" },
                { type: "DeveloperPortal", hostName: "e.contoso.com", keyVaultId: format("{0}secrets/my-certificates", vault.properties.vaultUri), identityClientId: reference(uai.id, "2023-01-31").clientId },
            ],
        },
    }
    // Only a system-assigned identity; `userAssignedIdentities: null` is absent.
    resource system "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim-system",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "SystemAssigned", userAssignedIdentities: null },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    // No identity.
    resource none "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim-none",
        location: "westeurope",
        sku: { name: "Consumption", capacity: 0 },
        identity: { type: "None" },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    // Other services' `keyVaultId` is the vault's resource id.
    #[unchecked]
    resource webCertificate "Microsoft.Web/certificates@2023-12-01" {
        name: "api-certificate",
        location: "westeurope",
        properties: { keyVaultId: vault.id, keyVaultSecretName: "api" },
    }
    // A script's own `${VAR}` is left as written, even named like a parameter.
    #[unchecked]
    resource script "Microsoft.Resources/deploymentScripts@2023-08-01" {
        name: "show-certificate",
        location: "westeurope",
        kind: "AzureCLI",
        properties: {
            azCliVersion: "2.60.0",
            retentionInterval: "PT1H",
            environmentVariables: [{ name: "certificateUri", value: certificateUri }],
            scriptContent: "az keyvault secret show --id ${certificateUri}",
        },
    }
    // A named value read with the service's user-assigned identity.
    resource secretValue "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
        parent: apim,
        name: "secret-value",
        properties: {
            displayName: "secret-value",
            secret: true,
            keyVault: { secretIdentifier: cert.properties.secretUri, identityClientId: uai.properties.clientId },
        },
    }
}

fn main() {}
