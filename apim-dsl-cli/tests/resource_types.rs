//! `check` on real ARM forms about resource types that are no false errors:
//! ids of sub-resources (`resourceId` only builds a string), the legacy
//! `<type>/providers/<extension type>` form (checked as the extension type),
//! and a nested deployment's top-level `resourceGroup` and `subscriptionId`.
//! Each with a mistake of its kind that stays an error, at its line and column.

mod common;

use common::{check, check_with, errors};

const RIGHT: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "principalId": { "type": "string" }, "otherRg": { "type": "string" } },
  "variables": { "gw": "appgw" },
  "resources": [
    { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2019-06-01", "name": "streprox1",
      "location": "[resourceGroup().location]", "sku": { "name": "Standard_LRS" }, "kind": "StorageV2",
      "tags": { "frontend": "[resourceId('Microsoft.Network/applicationGateways/frontendIPConfigurations', variables('gw'), 'appGwPublicFrontendIp')]",
                "probe": "[resourceId('Microsoft.Network/loadBalancers/probes', 'lb', 'probe')]",
                "pool": "[resourceId('Microsoft.Network/frontDoors/backendPools', 'fd', 'pool')]" } },
    { "type": "Microsoft.Storage/storageAccounts/providers/roleAssignments", "apiVersion": "2020-04-01-preview",
      "name": "[concat('streprox1', '/Microsoft.Authorization/', guid(resourceGroup().id, parameters('principalId')))]",
      "dependsOn": [ "[resourceId('Microsoft.Storage/storageAccounts', 'streprox1')]" ],
      "properties": {
        "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')]",
        "principalId": "[parameters('principalId')]"
      } },
    { "type": "Microsoft.Storage/storageAccounts/providers/locks", "apiVersion": "2016-09-01",
      "name": "streprox1/Microsoft.Authorization/nodelete",
      "dependsOn": [ "[resourceId('Microsoft.Storage/storageAccounts', 'streprox1')]" ],
      "properties": { "level": "CanNotDelete" } },
    { "type": "Microsoft.Resources/deployments", "apiVersion": "2020-06-01", "name": "crossRg",
      "resourceGroup": "[parameters('otherRg')]", "subscriptionId": "[subscription().subscriptionId]",
      "properties": { "mode": "Incremental",
        "template": { "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [] } } }
  ]
}
"#;

#[test]
fn sub_resource_ids_legacy_extensions_and_deployment_targets_pass() {
    let (code, findings) = check(RIGHT);
    assert_eq!(errors(&findings), Vec::new());
    assert_eq!(code, Some(0), "{findings:#?}");
}

const WRONG: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    { "type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31", "name": "id-app",
      "location": "westeurope", "resourceGroup": "rg",
      "tags": { "frontend": "[resourceId('Microsoft.Network/applicationGateways/frontendIPConfiguration', 'gw', 'fe')]" } },
    { "type": "Microsoft.Storage/storageAccounts/providers/roleAssignments", "apiVersion": "2020-04-01-preview",
      "name": "[concat('streprox1', '/Microsoft.Authorization/', guid(resourceGroup().id))]",
      "properties": { "roleDefinitionId": "Reader", "principalID": "p" } },
    { "type": "Microsoft.Resources/deployments", "apiVersion": "2020-06-01", "name": "crossRg",
      "resourceGroup": 42,
      "properties": { "mode": "Incremental",
        "template": { "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [] } } }
  ]
}
"#;

/// With `--strict`, each mistake is an error, as the macro reports it; by
/// default what the type data alone decides is a warning at the same place
/// (`check`'s severities, as Bicep's), and a top-level key no resource of the
/// type takes stays an error, as in Bicep.
#[test]
fn mistakes_of_each_kind_stay_errors_at_their_place() {
    let (code, findings) = check(WRONG);
    assert_eq!(code, Some(1));
    let by_default = errors(&findings);
    assert_eq!(by_default.len(), 2, "{by_default:#?}");
    assert!(
        by_default
            .iter()
            .any(|(l, c, k, _)| (*l, *c) == (6, 50) && k == "ADSL0404"),
        "{by_default:#?}"
    );
    assert!(
        by_default
            .iter()
            .any(|(l, c, k, _)| (*l, *c) == (10, 43) && k == "ADSL0410"),
        "{by_default:#?}"
    );
    let warned = findings
        .iter()
        .filter(|f| f["severity"] == "warning")
        .count();
    assert_eq!(warned, 3, "{findings:#?}");
    let (code, findings) = check_with(WRONG, &["--strict"]);
    assert_eq!(code, Some(1));
    let found = errors(&findings);
    let at = |line: u64, column: u64, code: &str, text: &str| {
        found
            .iter()
            .any(|(l, c, k, m)| (*l, *c) == (line, column) && k == code && m.contains(text))
    };
    // On another type, `resourceGroup` is unknown (at the key).
    assert!(
        at(
            6,
            50,
            "ADSL0404",
            "unknown property `resourceGroup` in the body of `Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31`"
        ),
        "{found:#?}"
    );
    // A misspelt sub-resource (at the type argument).
    assert!(
        at(
            7,
            29,
            "ADSL0401",
            "`Microsoft.Network/applicationGateways/frontendIPConfiguration` in `resourceId`, did you mean `Microsoft.Network/applicationGateways/frontendIPConfigurations`?"
        ),
        "{found:#?}"
    );
    // The legacy form's body, checked as a role assignment (at the key).
    assert!(
        at(
            10,
            68,
            "ADSL0404",
            "unknown property `principalID` in `properties` of `Microsoft.Authorization/roleAssignments@2020-04-01-preview`, did you mean `principalId`?"
        ),
        "{found:#?}"
    );
    // ... and with a role assignment's rules: a role definition's id.
    assert!(
        at(
            10,
            43,
            "ADSL0410",
            "`Reader` is not a role definition's resource id"
        ),
        "{found:#?}"
    );
    // A nested deployment's resource group is a string (at the value).
    assert!(
        at(
            12,
            24,
            "ADSL0407",
            "`resourceGroup` of `Microsoft.Resources/deployments` must be a string, not an integer"
        ),
        "{found:#?}"
    );
    assert_eq!(found.len(), 5, "{found:#?}");
}
