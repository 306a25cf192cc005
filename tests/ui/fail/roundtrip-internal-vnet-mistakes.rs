// The port of tests/roundtrip/internal_vnet.rs with three mistakes: a
// misspelt property, a wrong enum value and a read-only property written.

apim_dsl::template! {
    pub const CREATE_WITH_INTERNAL_VNET;

    /// The email address of the owner of the service
    #[minLength(1)]
    param publisherEmail: string;

    /// The name of the owner of the service
    #[minLength(1)]
    param publisherName: string;

    /// The pricing tier of this API Management service
    #[allowed("Developer", "Premium")]
    param sku: string = "Developer";

    /// The instance size of this API Management service.
    param skuCount: int = 1;

    /// Virtual Network name
    param virtualNetworkName: string = "internalvnet";

    /// Address prefix
    param virtualNetworkAddressPrefix: string = "10.0.0.0/16";

    /// Subnet Prefix
    param subnetPrefix: string = "10.0.0.0/24";

    /// Subnet Name
    param subnetName: string = "apim";

    /// Service Endpoints enabled on the APIM subnet
    param apimSubnetServiceEndpoints: array = [
        {
            service: "Microsoft.Storage",
        },
        {
            service: "Microsoft.Sql",
        },
        {
            service: "Microsoft.EventHub",
        },
    ];

    /// Azure Region where the resources will be deployed
    param location: string = resourceGroup().location;

    var apiManagementServiceName = concat("apiservice", uniqueString(resourceGroup().id));
    var subnetRef = resourceId("Microsoft.Network/virtualNetworks/subnets", virtualNetworkName, subnetName);
    var apimNsgName = concat("apimnsg", uniqueString(resourceGroup().id));

    resource networkSecurityGroups "Microsoft.Network/networkSecurityGroups@2020-06-01" {
        name: apimNsgName,
        location: location,
        properties: {
            securityRules: [
                {
                    name: "Client_communication_to_API_Management",
                    properties: {
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        destinationPortRange: "80",
                        sourceAddressPrefix: "VirtualNetwork",
                        destinationAddressPrefix: "VirtualNetwork",
                        access: "Allow",
                        priority: 100,
                        direction: "Inbound",
                    },
                },
                {
                    name: "Secure_Client_communication_to_API_Management",
                    properties: {
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        destinationPortRange: "443",
                        sourceAddressPrefix: "VirtualNetwork",
                        destinationAddressPrefix: "VirtualNetwork",
                        access: "Allow",
                        priority: 110,
                        direction: "Inbound",
                    },
                },
                {
                    name: "Management_endpoint_for_Azure_portal_and_Powershell",
                    properties: {
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        destinationPortRange: "3443",
                        sourceAddressPrefix: "ApiManagement",
                        destinationAddressPrefix: "VirtualNetwork",
                        access: "Allow",
                        priority: 120,
                        direction: "Inbound",
                    },
                },
                {
                    name: "Dependency_on_Redis_Cache",
                    properties: {
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        destinationPortRange: "6381-6383",
                        sourceAddressPrefix: "VirtualNetwork",
                        destinationAddressPrefix: "VirtualNetwork",
                        access: "Allow",
                        priority: 130,
                        direction: "Inbound",
                    },
                },
                {
                    name: "Dependency_to_sync_Rate_Limit_Inbound",
                    properties: {
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        destinationPortRange: "4290",
                        sourceAddressPrefix: "VirtualNetwork",
                        destinationAddressPrefix: "VirtualNetwork",
                        access: "Allow",
                        priority: 135,
                        direction: "Inbound",
                    },
                },
                {
                    name: "Dependency_on_Azure_SQL",
                    properties: {
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        destinationPortRange: "1433",
                        sourceAddressPrefix: "VirtualNetwork",
                        destinationAddressPrefix: "Sql",
                        access: "Allow",
                        priority: 140,
                        direction: "Outbound",
                    },
                },
                {
                    name: "Dependency_for_Log_to_event_Hub_policy",
                    properties: {
                        protocol: "*",
                        sourcePortRange: "*",
                        destinationPortRange: "5671",
                        sourceAddressPrefix: "VirtualNetwork",
                        destinationAddressPrefix: "EventHub",
                        access: "Allow",
                        priority: 150,
                        direction: "Outbound",
                    },
                },
                {
                    name: "Dependency_on_Redis_Cache_outbound",
                    properties: {
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        destinationPortRange: "6381-6383",
                        sourceAddressPrefix: "VirtualNetwork",
                        destinationAddressPrefix: "VirtualNetwork",
                        access: "Allow",
                        priority: 160,
                        direction: "Outbound",
                    },
                },
                {
                    name: "Depenedency_To_sync_RateLimit_Outbound",
                    properties: {
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        destinationPortRange: "4290",
                        sourceAddressPrefix: "VirtualNetwork",
                        destinationAddressPrefix: "VirtualNetwork",
                        access: "Allow",
                        priority: 165,
                        direction: "Outbound",
                    },
                },
                {
                    name: "Dependency_on_Azure_File_Share_for_GIT",
                    properties: {
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        destinationPortRange: "445",
                        sourceAddressPrefix: "VirtualNetwork",
                        destinationAddressPrefix: "Storage",
                        access: "Allow",
                        priority: 170,
                        direction: "Outbound",
                    },
                },
                {
                    name: "Azure_Infrastructure_Load_Balancer",
                    properties: {
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        destinationPortRange: "*",
                        sourceAddressPrefix: "AzureLoadBalancer",
                        destinationAddressPrefix: "VirtualNetwork",
                        access: "Allow",
                        priority: 180,
                        direction: "Inbound",
                    },
                },
                {
                    name: "Publish_DiagnosticLogs_And_Metrics",
                    properties: {
                        description: "APIM Logs and Metrics for consumption by admins and your IT team are all part of the management plane",
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        sourceAddressPrefix: "VirtualNetwork",
                        destinationAddressPrefix: "AzureMonitor",
                        access: "Allow",
                        priority: 185,
                        direction: "Outbound",
                        destinationPortRanges: ["443", "12000", "1886"],
                    },
                },
                {
                    name: "Connect_To_SMTP_Relay_For_SendingEmails",
                    properties: {
                        description: "APIM features the ability to generate email traffic as part of the data plane and the management plane",
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        sourceAddressPrefix: "VirtualNetwork",
                        destinationAddressPrefix: "Internet",
                        access: "Allow",
                        priority: 190,
                        direction: "Outbound",
                        destinationPortRanges: ["25", "587", "25028"],
                    },
                },
                {
                    name: "Authenticate_To_Azure_Active_Directory",
                    properties: {
                        description: "Connect to Azure Active Directory for Developer Portal Authentication or for Oauth2 flow during any Proxy Authentication",
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        sourceAddressPrefix: "VirtualNetwork",
                        destinationAddressPrefix: "AzureActiveDirectory",
                        access: "Allow",
                        priority: 200,
                        direction: "Outbound",
                        destinationPortRanges: ["80", "443"],
                    },
                },
                {
                    name: "Dependency_on_Azure_Storage",
                    properties: {
                        description: "APIM service dependency on Azure Blob and Azure Table Storage",
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        destinationPortRange: "443",
                        sourceAddressPrefix: "VirtualNetwork",
                        destinationAddressPrefix: "Storage",
                        access: "Allow",
                        priority: 100,
                        direction: "Outbound",
                    },
                },
                {
                    name: "Publish_Monitoring_Logs",
                    properties: {
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        destinationPortRange: "443",
                        sourceAddressPrefix: "VirtualNetwork",
                        destinationAddressPrefix: "AzureCloud",
                        access: "Allow",
                        priority: 300,
                        direction: "Outbound",
                    },
                },
                {
                    name: "Access_KeyVault",
                    properties: {
                        description: "Allow APIM service control plane access to KeyVault to refresh secrets",
                        protocol: "Tcp",
                        sourcePortRange: "*",
                        sourceAddressPrefix: "VirtualNetwork",
                        destinationAddressPrefix: "AzureKeyVault",
                        access: "Allow",
                        priority: 350,
                        direction: "Outbound",
                        destinationPortRanges: ["443"],
                    },
                },
                {
                    name: "Deny_All_Internet_Outbound",
                    properties: {
                        protocol: "*",
                        sourcePortRange: "*",
                        destinationPortRange: "*",
                        sourceAddressPrefix: "VirtualNetwork",
                        destinationAddressPrefix: "Internet",
                        access: "Deny",
                        priority: 999,
                        direction: "Outbound",
                    },
                },
            ],
        },
    }

    resource virtualNetworks "Microsoft.Network/virtualNetworks@2019-11-01" {
        name: virtualNetworkName,
        location: location,
        dependsOn: [
            resourceId("Microsoft.Network/networkSecurityGroups", apimNsgName),
        ],
        properties: {
            addressSpace: {
                adressPrefixes: [virtualNetworkAddressPrefix],
            },
            subnets: [
                {
                    name: subnetName,
                    properties: {
                        addressPrefix: subnetPrefix,
                        networkSecurityGroup: {
                            id: resourceId("Microsoft.Network/networkSecurityGroups", apimNsgName),
                        },
                        serviceEndpoints: apimSubnetServiceEndpoints,
                    },
                },
            ],
        },
    }

    resource service "Microsoft.ApiManagement/service@2019-12-01" {
        name: apiManagementServiceName,
        location: location,
        dependsOn: [
            resourceId("Microsoft.Network/virtualNetworks", virtualNetworkName),
        ],
        sku: {
            name: sku,
            capacity: skuCount,
        },
        properties: {
            publisherEmail: publisherEmail,
            publisherName: publisherName,
            gatewayUrl: "https://example.net",
            virtualNetworkType: "Internl",
            virtualNetworkConfiguration: {
                subnetResourceId: subnetRef,
            },
        },
    }
}

fn main() {}
