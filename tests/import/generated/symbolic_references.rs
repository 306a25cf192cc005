apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const SYMBOLIC;

    param vaultName: string;

    param serviceName: string;

    resource service "Microsoft.ApiManagement/service@2024-05-01" {
        name: serviceName,
        location: resourceGroup().location,
        sku: {
            name: "Developer",
            capacity: 1,
        },
        identity: {
            type: "SystemAssigned",
        },
        properties: {
            publisherEmail: "a@contoso.com",
            publisherName: "Contoso",
        },
    }

    resource vaults "Microsoft.KeyVault/vaults@2023-07-01" {
        name: vaultName,
        location: resourceGroup().location,
        properties: {
            tenantId: subscription().tenantId,
            sku: {
                family: "A",
                name: "standard",
            },
            enableRbacAuthorization: false,
            accessPolicies: [],
        },
    }

    resource accessPolicies "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
        parent: vaults,
        name: "add",
        properties: {
            accessPolicies: [
                {
                    tenantId: service.identity.tenantId,
                    objectId: service.identity.principalId,
                    permissions: {
                        secrets: ["get"],
                    },
                },
            ],
        },
    }

    resource namedValues "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
        parent: service,
        name: "vault-uri",
        properties: {
            displayName: "vault-uri",
            value: vaults.properties.vaultUri,
        },
        dependsOn: [accessPolicies],
    }

    output id: string = service.id;

    output gateway: string = service.properties.gatewayUrl;
}
