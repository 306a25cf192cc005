// The port of tests/roundtrip/logs_oms_integration.rs with three mistakes: a
// misspelt property, a wrong enum value and a read-only property written.

apim_dsl::template! {
    pub const LOGS_OMS_INTEGRATION;

    /// The email address of the owner of the service
    #[minLength(1)]
    param apiManagementPublisherEmail: string;

    /// The name of the owner of the service
    #[minLength(1)]
    param apiManagementPublisherName: string;

    /// The pricing tiers of this API Management service
    #[allowed("Developer", "Standard", "Premum")]
    param apiManagementSku: string = "Developer";

    /// The instance size of this API Management service.
    param apiManagementSkuCount: int = 1;

    /// Select the SKU for your workspace
    #[allowed("free", "standalone", "pernode")]
    param omsSku: string = "free";

    /// Location for all resources.
    param location: string = resourceGroup().location;

    var apiManagementServiceName = concat("apiservice", uniqueString(resourceGroup().id));
    var omsWorkspaceName = concat("omsworkspace", uniqueString(resourceGroup().id));

    resource service "Microsoft.ApiManagement/service@2020-12-01" {
        name: apiManagementServiceName,
        location: location,
        sku: {
            name: apiManagementSku,
            capacity: apiManagementSkuCount,
        },
        properties: {
            publisherEmail: apiManagementPublisherEmail,
            publisherName: apiManagementPublisherName,
        },
    }

    resource workspaces "Microsoft.OperationalInsights/workspaces@2015-11-01-preview" {
        name: omsWorkspaceName,
        location: location,
        properties: {
            sku: {
                name: omsSku,
            },
            customerId: "00000000-0000-0000-0000-000000000000",
        },
    }

    // The type data of `microsoft.insights/diagnosticSettings@2015-07-01`
    // requires a `location`; the diagnostic settings of a resource take none, and
    // the quickstart deploys without one.
    #[accept("location")]
    resource diagnosticSettings "Microsoft.ApiManagement/service/providers/diagnosticSettings@2015-07-01" {
        name: concat(apiManagementServiceName, "/", "Microsoft.Insights/service"),
        dependsOn: [
            resourceId("Microsoft.ApiManagement/service/", apiManagementServiceName),
            resourceId("Microsoft.OperationalInsights/workspaces/", omsWorkspaceName),
        ],
        properties: {
            workspaceId: resourceId("Microsoft.OperationalInsights/workspaces", omsWorkspaceName),
            logs: [
                {
                    categry: "GatewayLogs",
                    enabled: true,
                },
            ],
        },
    }
}

fn main() {}
