//! A whole API Management estate, every resource checked against Bicep's type
//! data (no `#[unchecked]`): an API with an operation and a policy, a product
//! with its own policy, a named value read from Key Vault with a user-assigned
//! identity that is granted access, an Application Insights logger with
//! diagnostics, VNet injection (virtual network, subnets, network security
//! group, public IP) and a private endpoint for the vault with its private DNS
//! zone.
//!
//! `cargo run --example apim_estate -- DIR` writes `DIR/apim-estate.json` and
//! `.bicep`; with no argument it prints the JSON.

apim_dsl::template! {
    /// API Management in a virtual network with APIs, products, Key Vault named
    /// values and Application Insights.
    pub const APIM_ESTATE;

    /// The name of the API Management service
    #[minLength(1)]
    #[maxLength(50)]
    param serviceName: string;

    /// The email address of the owner of the service
    param publisherEmail: string;

    /// Where to deploy
    param location: string = resourceGroup().location;

    /// The vault holding the backend's key (RBAC authorization, private access only)
    param keyVaultName: string;

    var tenantId = subscription().tenantId;

    resource workspace "Microsoft.OperationalInsights/workspaces@2023-09-01" {
        name: concat(serviceName, "-logs"),
        location: location,
        properties: { sku: { name: "PerGB2018" }, retentionInDays: 30 },
    }

    resource insights "Microsoft.Insights/components@2020-02-02" {
        name: concat(serviceName, "-insights"),
        location: location,
        kind: "web",
        properties: { Application_Type: "web", WorkspaceResourceId: workspace.id },
    }

    /// Lets the API Management management plane and load balancer reach the subnet
    resource nsg "Microsoft.Network/networkSecurityGroups@2024-05-01" {
        name: concat(serviceName, "-nsg"),
        location: location,
        properties: {
            securityRules: [
                {
                    name: "AllowManagement",
                    properties: {
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        destinationPortRange: "3443",
                        sourceAddressPrefix: "ApiManagement",
                        destinationAddressPrefix: "VirtualNetwork",
                        access: "Allow",
                        priority: 100,
                        direction: "Inbound",
                    },
                },
                {
                    name: "AllowLoadBalancer",
                    properties: {
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        destinationPortRange: "6390",
                        sourceAddressPrefix: "AzureLoadBalancer",
                        destinationAddressPrefix: "VirtualNetwork",
                        access: "Allow",
                        priority: 110,
                        direction: "Inbound",
                    },
                },
                {
                    name: "AllowHttps",
                    properties: {
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        destinationPortRange: "443",
                        sourceAddressPrefix: "Internet",
                        destinationAddressPrefix: "VirtualNetwork",
                        access: "Allow",
                        priority: 120,
                        direction: "Inbound",
                    },
                },
            ],
        },
    }

    resource vnet "Microsoft.Network/virtualNetworks@2024-05-01" {
        name: concat(serviceName, "-vnet"),
        location: location,
        properties: { addressSpace: { addressPrefixes: ["10.20.0.0/16"] } },
    }

    resource apimSubnet "Microsoft.Network/virtualNetworks/subnets@2024-05-01" {
        parent: vnet,
        name: "apim",
        properties: { addressPrefix: "10.20.1.0/24", networkSecurityGroup: { id: nsg.id } },
    }

    resource endpointSubnet "Microsoft.Network/virtualNetworks/subnets@2024-05-01" {
        parent: vnet,
        name: "endpoints",
        properties: { addressPrefix: "10.20.2.0/24" },
        // Subnets of one network are written one at a time.
        dependsOn: [apimSubnet],
    }

    resource publicIp "Microsoft.Network/publicIPAddresses@2024-05-01" {
        name: concat(serviceName, "-ip"),
        location: location,
        sku: { name: "Standard", tier: "Regional" },
        properties: {
            publicIPAllocationMethod: "Static",
            publicIPAddressVersion: "IPv4",
            dnsSettings: { domainNameLabel: serviceName },
        },
    }

    resource vault "Microsoft.KeyVault/vaults@2023-07-01" {
        name: keyVaultName,
        location: location,
        properties: {
            tenantId: tenantId,
            sku: { family: "A", name: "standard" },
            enableRbacAuthorization: true,
            publicNetworkAccess: "Disabled",
        },
    }

    resource backendKey "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing {
        parent: vault,
        name: "backend-key",
    }

    resource dnsZone "Microsoft.Network/privateDnsZones@2020-06-01" {
        name: "privatelink.vaultcore.azure.net",
        location: "global",
        // Optional for Azure and Bicep; Microsoft's published schema requires it.
        properties: {},
    }

    resource dnsLink "Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01" {
        parent: dnsZone,
        name: concat(serviceName, "-link"),
        location: "global",
        properties: { registrationEnabled: false, virtualNetwork: { id: vnet.id } },
    }

    resource vaultEndpoint "Microsoft.Network/privateEndpoints@2024-05-01" {
        name: concat(keyVaultName, "-pe"),
        location: location,
        properties: {
            subnet: { id: endpointSubnet.id },
            privateLinkServiceConnections: [{
                name: "vault",
                properties: { privateLinkServiceId: vault.id, groupIds: ["vault"] },
            }],
        },
    }

    resource vaultDns "Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01" {
        parent: vaultEndpoint,
        name: "default",
        properties: {
            privateDnsZoneConfigs: [{ name: "vault", properties: { privateDnsZoneId: dnsZone.id } }],
        },
    }

    /// The identity API Management reads Key Vault with
    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: concat(serviceName, "-identity"),
        location: location,
    }

    /// Key Vault Secrets User on the vault, for the named value
    grant identityReadsVault { principal: identity, scope: vault }

    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: serviceName,
        location: location,
        sku: { name: "Developer", capacity: 1 },
        identity: {
            type: "UserAssigned",
            userAssignedIdentities: { [identity.id]: {} },
        },
        properties: {
            publisherEmail: publisherEmail,
            publisherName: "Contoso",
            virtualNetworkType: "External",
            virtualNetworkConfiguration: { subnetResourceId: apimSubnet.id },
            publicIpAddressId: publicIp.id,
        },
    }

    /// The backend's key, read from Key Vault by the identity
    resource backendKeyValue "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
        parent: apim,
        name: "backend-key",
        properties: {
            displayName: "backend-key",
            secret: true,
            keyVault: {
                secretIdentifier: backendKey.properties.secretUri,
                identityClientId: identity.properties.clientId,
            },
        },
        dependsOn: [identityReadsVault],
    }

    resource logger "Microsoft.ApiManagement/service/loggers@2024-05-01" {
        parent: apim,
        name: "insights",
        properties: {
            loggerType: "applicationInsights",
            resourceId: insights.id,
            credentials: { instrumentationKey: insights.properties.InstrumentationKey },
        },
    }

    resource diagnostics "Microsoft.ApiManagement/service/diagnostics@2024-05-01" {
        parent: apim,
        name: "applicationinsights",
        properties: {
            loggerId: logger.id,
            alwaysLog: "allErrors",
            sampling: { samplingType: "fixed", percentage: 100 },
        },
    }

    resource ordersApi "Microsoft.ApiManagement/service/apis@2024-05-01" {
        parent: apim,
        name: "orders",
        properties: {
            displayName: "Orders",
            path: "orders",
            protocols: ["https"],
            serviceUrl: "https://orders.contoso.com",
            subscriptionRequired: true,
        },
    }

    resource getOrder "Microsoft.ApiManagement/service/apis/operations@2024-05-01" {
        parent: ordersApi,
        name: "get-order",
        properties: {
            displayName: "Get an order",
            method: "GET",
            urlTemplate: "/orders/{id}",
            templateParameters: [{ name: "id", type: "string", required: true }],
        },
    }

    /// Sends the backend's key from the named value with every request
    resource ordersPolicy "Microsoft.ApiManagement/service/apis/policies@2024-05-01" {
        parent: ordersApi,
        name: "policy",
        properties: {
            format: "rawxml",
            value: "<policies><inbound><base /><set-header name=\"x-backend-key\" exists-action=\"override\"><value>{{backend-key}}</value></set-header></inbound><backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>",
        },
        dependsOn: [backendKeyValue],
    }

    resource starter "Microsoft.ApiManagement/service/products@2024-05-01" {
        parent: apim,
        name: "starter",
        properties: {
            displayName: "Starter",
            subscriptionRequired: true,
            approvalRequired: false,
            subscriptionsLimit: 1,
            state: "published",
        },
    }

    resource starterOrders "Microsoft.ApiManagement/service/products/apis@2024-05-01" {
        parent: starter,
        name: "orders",
        dependsOn: [ordersApi],
    }

    /// Five calls a minute on the starter product
    resource starterPolicy "Microsoft.ApiManagement/service/products/policies@2024-05-01" {
        parent: starter,
        name: "policy",
        properties: {
            format: "rawxml",
            // Read at compile time, relative to the crate's directory; editing
            // the file rebuilds.
            value: loadTextContent("examples/policies/starter-product.xml"),
        },
    }

    output gatewayUrl: string = apim.properties.gatewayUrl;
    output privateIp: string = apim.properties.privateIPAddresses[0];
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    match std::env::args_os().nth(1) {
        Some(dir) => {
            for file in APIM_ESTATE.write_to(std::path::Path::new(&dir))? {
                let state = if file.changed { "wrote" } else { "unchanged" };
                println!("{state} {}", file.path.display());
            }
        }
        None => println!("{}", APIM_ESTATE.arm_json()),
    }
    Ok(())
}
