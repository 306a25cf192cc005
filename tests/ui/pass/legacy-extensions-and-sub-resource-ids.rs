// The legacy extension form `{resource type}/providers/{extension type}`, named
// `{resource name}/{Namespace}/{name}`, compiles and is checked as the extension
// type; ids of sub-resources in a parent's `properties` arrays are ids; a nested
// deployment takes ARM's top-level `resourceGroup` and `subscriptionId`.
apim_dsl::template! {
    pub const LEGACY;
    param principalId: string;
    param gateway: string = "appgw";
    param otherGroup: string;

    resource storage "Microsoft.Storage/storageAccounts@2023-05-01" {
        name: "streprox1",
        location: "westeurope",
        sku: { name: "Standard_LRS" },
        kind: "StorageV2",
    }

    resource grant "Microsoft.Storage/storageAccounts/providers/roleAssignments@2020-04-01-preview" {
        name: concat("streprox1", "/Microsoft.Authorization/", guid(resourceGroup().id, principalId)),
        dependsOn: [storage],
        properties: {
            roleDefinitionId: subscriptionResourceId("Microsoft.Authorization/roleDefinitions", "ba92f5b4-2d11-453d-a403-e96b0029c9fe"),
            principalId: principalId,
        },
    }

    resource lock "Microsoft.Storage/storageAccounts/providers/locks@2016-09-01" {
        name: "streprox1/Microsoft.Authorization/nodelete",
        dependsOn: [storage],
        properties: { level: "CanNotDelete" },
    }

    resource cross "Microsoft.Resources/deployments@2022-09-01" {
        name: "crossRg",
        resourceGroup: otherGroup,
        properties: {
            mode: "Incremental",
            template: {
                "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                contentVersion: "1.0.0.0",
                resources: [],
            },
        },
    }

    output frontend: string = resourceId("Microsoft.Network/applicationGateways/frontendIPConfigurations", gateway, "appGwPublicFrontendIp");
}

fn main() {
    let arm: serde_json::Value = serde_json::from_str(LEGACY.arm_json()).unwrap();
    let resources = arm["resources"].as_array().unwrap();
    assert_eq!(
        resources[1]["type"],
        "Microsoft.Storage/storageAccounts/providers/roleAssignments"
    );
    assert_eq!(
        resources[2]["name"],
        "streprox1/Microsoft.Authorization/nodelete"
    );
    assert_eq!(resources[3]["resourceGroup"], "[parameters('otherGroup')]");
    assert!(
        arm["outputs"]["frontend"]["value"]
            .as_str()
            .unwrap()
            .contains("Microsoft.Network/applicationGateways/frontendIPConfigurations")
    );
}
