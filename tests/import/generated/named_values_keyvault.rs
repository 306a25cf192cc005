apim_dsl::template! {
    /// Key Vault (access policies) holding a secret that API Management reads with its system-assigned identity as a Key Vault-backed named value.
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const NAMED_VALUES;

    /// The API Management service name
    param apimName: string = concat("apim-", uniqueString(resourceGroup().id));

    /// The Key Vault name
    #[minLength(3)]
    #[maxLength(24)]
    param keyVaultName: string = concat("kv-", uniqueString(resourceGroup().id));

    #[minLength(1)]
    param publisherEmail: string;

    #[minLength(1)]
    param publisherName: string;

    /// The backend API key stored in Key Vault
    param backendApiKey: secureString;

    param location: string = resourceGroup().location;

    var secretName = "backend-api-key";

    var namedValueName = "backend-api-key";

    resource service "Microsoft.ApiManagement/service@2022-08-01" {
        name: apimName,
        location: location,
        sku: {
            name: "Developer",
            capacity: 1,
        },
        identity: {
            type: "SystemAssigned",
        },
        properties: {
            publisherEmail: publisherEmail,
            publisherName: publisherName,
        },
    }

    resource vaults "Microsoft.KeyVault/vaults@2022-07-01" {
        name: keyVaultName,
        location: location,
        properties: {
            tenantId: subscription().tenantId,
            sku: {
                family: "A",
                name: "standard",
            },
            enableSoftDelete: true,
            softDeleteRetentionInDays: 7,
            accessPolicies: [],
        },
    }

    resource secrets "Microsoft.KeyVault/vaults/secrets@2022-07-01" {
        name: format("{0}/{1}", keyVaultName, secretName),
        dependsOn: [resourceId("Microsoft.KeyVault/vaults", keyVaultName)],
        properties: {
            value: backendApiKey,
            contentType: "text/plain",
        },
    }

    resource accessPolicies "Microsoft.KeyVault/vaults/accessPolicies@2022-07-01" {
        name: concat(keyVaultName, "/add"),
        dependsOn: [
            resourceId("Microsoft.KeyVault/vaults", keyVaultName),
            resourceId("Microsoft.ApiManagement/service", apimName),
        ],
        properties: {
            accessPolicies: [
                {
                    tenantId: reference(resourceId("Microsoft.ApiManagement/service", apimName), "2022-08-01", "Full").identity.tenantId,
                    objectId: reference(resourceId("Microsoft.ApiManagement/service", apimName), "2022-08-01", "Full").identity.principalId,
                    permissions: {
                        secrets: ["get", "list"],
                    },
                },
            ],
        },
    }

    resource namedValues "Microsoft.ApiManagement/service/namedValues@2022-08-01" {
        name: concat(apimName, "/", namedValueName),
        dependsOn: [
            resourceId("Microsoft.KeyVault/vaults/accessPolicies", keyVaultName, "add"),
            resourceId("Microsoft.KeyVault/vaults/secrets", keyVaultName, secretName),
        ],
        properties: {
            displayName: "backend-api-key",
            secret: true,
            keyVault: {
                secretIdentifier: reference(resourceId("Microsoft.KeyVault/vaults/secrets", keyVaultName, secretName), "2022-07-01").secretUri,
            },
            tags: ["backend", "keyvault"],
        },
    }

    resource namedValues2 "Microsoft.ApiManagement/service/namedValues@2022-08-01" {
        name: concat(apimName, "/environment"),
        dependsOn: [resourceId("Microsoft.ApiManagement/service", apimName)],
        properties: {
            displayName: "environment",
            value: "production",
            secret: false,
        },
    }

    output keyVaultUri: string = reference(resourceId("Microsoft.KeyVault/vaults", keyVaultName), "2022-07-01").vaultUri;
}

/// The parameters file of `NAMED_VALUES`.
pub fn parameters() -> Result<apim_dsl::ParameterFile, apim_dsl::ParameterError> {
    NAMED_VALUES
        .parameter_file()
        .value("apimName", "apim-contoso-dev")?
        .value("keyVaultName", "kv-contoso-apim-dev")?
        .value("publisherEmail", "api-team@contoso.com")?
        .value("publisherName", "Contoso")?
        .key_vault_secret("backendApiKey", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-secrets/providers/Microsoft.KeyVault/vaults/kv-contoso-deploy", "backend-api-key")
}
