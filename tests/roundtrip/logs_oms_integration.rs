//! Port of
//! <https://github.com/Azure/azure-quickstart-templates/blob/258e1a6aef158ed2f74fb9a28506980d3558892b/quickstarts/microsoft.apimanagement/api-management-logs-oms-integration/azuredeploy.json>
//! (commit 258e1a6aef158ed2f74fb9a28506980d3558892b), reproduced in
//! `api-management-logs-oms-integration.json`: API Management sending its gateway
//! logs to a Log Analytics workspace through the legacy
//! `service/providers/diagnosticSettings` form, with `resourceId` written with
//! the trailing `/` of the type.

apim_dsl::template! {
    pub const LOGS_OMS_INTEGRATION;

    /// The email address of the owner of the service
    #[minLength(1)]
    param apiManagementPublisherEmail: string;

    /// The name of the owner of the service
    #[minLength(1)]
    param apiManagementPublisherName: string;

    /// The pricing tiers of this API Management service
    #[allowed("Developer", "Standard", "Premium")]
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
                    category: "GatewayLogs",
                    enabled: true,
                },
            ],
        },
    }
}

#[test]
fn logs_oms_integration_round_trips() {
    super::assert_round_trip(
        &LOGS_OMS_INTEGRATION,
        include_str!("api-management-logs-oms-integration.json"),
        super::Schema::Deviates(
            "the legacy `service/providers/diagnosticSettings` type has no published schema",
        ),
    );
}
