// Every resource type of the table in its usual shape passes the table's checks.
apim_dsl::template! {
    pub const RESOURCES;

    param hosts: array;
    #[secure]
    param certificate: string;

    resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "id-apim",
        location: resourceGroup().location,
        tags: { env: "dev" },
    }

    resource vault "Microsoft.KeyVault/vaults@2026-02-01" {
        name: "kv-contoso",
        location: resourceGroup().location,
        properties: {
            tenantId: subscription().tenantId,
            sku: { family: "A", name: "standard" },
            enableRbacAuthorization: true,
            enableSoftDelete: true,
            softDeleteRetentionInDays: 90,
            enablePurgeProtection: true,
        },
    }

    resource secret "Microsoft.KeyVault/vaults/secrets@2026-02-01" {
        parent: vault,
        name: "apim-certificate",
        properties: { value: certificate, contentType: "application/x-pkcs12" },
    }

    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "contoso-apim",
        location: resourceGroup().location,
        sku: { name: "Developer", capacity: 1 },
        identity: {
            type: "SystemAssigned, UserAssigned",
            userAssignedIdentities: { [id.id]: {} },
        },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            hostnameConfigurations: [for host in hosts: {
                type: "Proxy",
                hostName: host,
                keyVaultId: secret.properties.secretUri,
                identityClientId: id.properties.clientId,
                certificateSource: "KeyVault",
            }],
        },
    }

    // Access policies are for a vault that uses them (`vault` uses RBAC).
    resource policyVault "Microsoft.KeyVault/vaults@2026-02-01" existing { name: "kv-policies" }
    resource policy "Microsoft.KeyVault/vaults/accessPolicies@2026-02-01" {
        parent: policyVault,
        name: "add",
        properties: {
            accessPolicies: [{
                tenantId: apim.identity.tenantId,
                objectId: apim.identity.principalId,
                permissions: { secrets: ["get"] },
            }],
        },
    }

    resource grant "Microsoft.Authorization/roleAssignments@2022-04-01" {
        scope: vault,
        name: guid(vault.id, id.id, "4633458b-17de-408a-b874-0445c86b69e6"),
        properties: {
            roleDefinitionId: subscriptionResourceId(
                "Microsoft.Authorization/roleDefinitions",
                "4633458b-17de-408a-b874-0445c86b69e6",
            ),
            // The identity the custom domains read their certificate with.
            principalId: id.properties.principalId,
            principalType: "ServicePrincipal",
        },
    }

    // ARM reads enum values in any case; the lower-case scope is kept as written.
    #[allow(enum_spelling)]
    resource nested "Microsoft.Resources/deployments@2025-04-01" {
        name: "nested",
        properties: {
            mode: "Incremental",
            expressionEvaluationOptions: { scope: "inner" },
            template: { resources: [] },
        },
    }
}

fn main() {
    assert!(RESOURCES.arm_json().contains("Microsoft.Authorization/roleAssignments"));
}
