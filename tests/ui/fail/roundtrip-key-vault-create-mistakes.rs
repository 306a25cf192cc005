// The port of tests/roundtrip/key_vault_create.rs with three mistakes: a
// misspelt property, a wrong enum value and a read-only property written.

apim_dsl::template! {
    #[metadata({
        _generator: {
            name: "bicep",
            version: "0.5.6.12127",
            templateHash: "14157290688858449030",
        },
    })]
    pub const KEY_VAULT_CREATE;

    /// Name of the API Management Service to provision
    param apiManagementServiceName: string = format("apim-{0}", uniqueString(resourceGroup().id));

    /// The email address of the owner of the service
    #[minLength(1)]
    param publisherEmail: string = "contoso@contoso.com";

    /// The name of the owner of the service
    #[minLength(1)]
    param publisherName: string = "Contoso";

    /// The pricing tier of this API Management service
    #[allowed("Basic", "Consumption", "Developer", "Standard", "Premium")]
    param sku: string = "Standard";

    /// The instance size of this API Management service.
    param skuCount: int = 1;

    /// Location for all resources.
    param location: string = resourceGroup().location;

    /// Name of the KeyVault to provision
    param keyVaultName: string = format("kv-{0}", uniqueString(resourceGroup().id));

    /// The base64 encoded SSL certificate in PFX format to be stored in Key Vault. CN and SAN must match the custom hostname of API Management Service.
    param sslCertValue: secureString;

    /// Name of the gateway custom hostname
    param gatewayCustomHostname: string;

    var identityName = format("id-{0}", uniqueString(resourceGroup().id));
    var keyVaultSecretsUserRoleDefinitionId = "4633458b-17de-408a-b874-0445c86b69e6";

    resource userAssignedIdentities "Microsoft.ManagedIdentity/userAssignedIdentities@2018-11-30" {
        name: identityName,
        location: location,
    }

    resource vaults "Microsoft.KeyVault/vaults@2021-06-01-preview" {
        name: keyVaultName,
        location: location,
        properties: {
            sku: {
                name: "standard",
                family: "A",
            },
            tenantId: reference(resourceId("Microsoft.ManagedIdentity/userAssignedIdentities", identityName)).tenantId,
            enableRbacAuthorisation: true,
            enableSoftDelete: true,
        },
        dependsOn: [
            resourceId("Microsoft.ManagedIdentity/userAssignedIdentities", identityName),
        ],
    }

    resource secrets "Microsoft.KeyVault/vaults/secrets@2019-09-01" {
        name: format("{0}/sslCert", keyVaultName),
        properties: {
            value: sslCertValue,
            contentType: "application/x-pkcs12",
            secretUri: "https://kv.vault.azure.net/secrets/sslCert",
            attributes: {
                enabled: true,
            },
        },
        dependsOn: [resourceId("Microsoft.KeyVault/vaults", keyVaultName)],
    }

    resource roleAssignments "Microsoft.Authorization/roleAssignments@2020-04-01-preview" {
        scope: format("Microsoft.KeyVault/vaults/{0}", keyVaultName),
        name: guid(keyVaultSecretsUserRoleDefinitionId, resourceId("Microsoft.ManagedIdentity/userAssignedIdentities", identityName), resourceId("Microsoft.KeyVault/vaults", keyVaultName)),
        properties: {
            roleDefinitionId: subscriptionResourceId("Microsoft.Authorization/roleDefinitions", keyVaultSecretsUserRoleDefinitionId),
            principalId: reference(resourceId("Microsoft.ManagedIdentity/userAssignedIdentities", identityName)).principalId,
            principalType: "ServicePrincpal",
        },
        dependsOn: [
            resourceId("Microsoft.KeyVault/vaults", keyVaultName),
            resourceId("Microsoft.ManagedIdentity/userAssignedIdentities", identityName),
        ],
    }

    resource service "Microsoft.ApiManagement/service@2021-04-01-preview" {
        name: apiManagementServiceName,
        location: location,
        identity: {
            type: "UserAssigned",
            userAssignedIdentities: {
                [format("{0}", resourceId("Microsoft.ManagedIdentity/userAssignedIdentities", identityName))]: {},
            },
        },
        sku: {
            name: sku,
            capacity: skuCount,
        },
        properties: {
            hostnameConfigurations: [
                {
                    type: "Proxy",
                    hostName: gatewayCustomHostname,
                    keyVaultId: reference(resourceId("Microsoft.KeyVault/vaults/secrets", split(format("{0}/sslCert", keyVaultName), "/")[0], split(format("{0}/sslCert", keyVaultName), "/")[1])).secretUri,
                    identityClientId: reference(resourceId("Microsoft.ManagedIdentity/userAssignedIdentities", identityName)).clientId,
                    defaultSslBinding: true,
                },
            ],
            publisherEmail: publisherEmail,
            publisherName: publisherName,
            customProperties: {
                "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Ciphers.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA": "false",
                "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Ciphers.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA": "false",
                "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Ciphers.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA": "false",
                "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Ciphers.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA": "false",
                "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Ciphers.TLS_RSA_WITH_AES_128_GCM_SHA256": "false",
                "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Ciphers.TLS_RSA_WITH_AES_256_CBC_SHA256": "false",
                "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Ciphers.TLS_RSA_WITH_AES_128_CBC_SHA256": "false",
                "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Ciphers.TLS_RSA_WITH_AES_256_CBC_SHA": "false",
                "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Ciphers.TLS_RSA_WITH_AES_128_CBC_SHA": "false",
                "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Ciphers.TripleDes168": "false",
                "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10": "false",
                "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls11": "false",
                "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Ssl30": "false",
                "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Backend.Protocols.Tls10": "false",
                "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Backend.Protocols.Tls11": "false",
                "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Backend.Protocols.Ssl30": "false",
                "Microsoft.WindowsAzure.ApiManagement.Gateway.Protocols.Server.Http2": "true",
            },
        },
        dependsOn: [
            resourceId("Microsoft.KeyVault/vaults/secrets", split(format("{0}/sslCert", keyVaultName), "/")[0], split(format("{0}/sslCert", keyVaultName), "/")[1]),
            resourceId("Microsoft.ManagedIdentity/userAssignedIdentities", identityName),
        ],
    }
}

fn main() {}
