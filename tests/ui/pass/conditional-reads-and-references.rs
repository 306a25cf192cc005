// Reads of conditional resources that are guarded, and hand-written
// `reference()` and `list*()` of declared resources, which wait for them.
apim_dsl::template! {
    pub const INNER;
    output url: string = "https://contoso.com";
}

apim_dsl::template! {
    pub const GUARDED;
    param useIdentity: bool;
    param other: bool;
    resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" if useIdentity {
        name: "apim-id",
        location: "westeurope",
    }
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
    grant uaiReads if useIdentity { principal: uai, scope: vault }
    resource policy "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" if useIdentity && other {
        parent: vault,
        name: "add",
        properties: { accessPolicies: [{ tenantId: uai.properties.tenantId, objectId: uai.properties.principalId, permissions: { secrets: ["get"] } }] },
    }
    module site = INNER if other { name: "site" }
    output principal: string = useIdentity ? uai.properties.principalId : "";
    output notUsed: string = !useIdentity ? "none" : uai.properties.clientId;
    output both: string = useIdentity && other ? site.outputs.url : "";
    output id: string = uai.id;

    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "SystemAssigned" },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }
    #[unchecked]
    resource storage "Microsoft.Storage/storageAccounts@2023-01-01" {
        name: "stcontoso",
        location: "westeurope",
        kind: "StorageV2",
        sku: { name: "Standard_LRS" },
    }
    var storageId = resourceId("Microsoft.Storage/storageAccounts", "stcontoso");
    // `list*()` by id through a variable: waits for `storage`.
    #[unchecked]
    resource logger "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
        parent: apim,
        name: "storage-key",
        properties: { displayName: "storage-key", secret: true, value: listKeys(storageId, "2023-01-01").keys[0].value },
    }
    // By id, as hand-written templates do: waits for `apim`.
    resource grantById "Microsoft.Authorization/roleAssignments@2022-04-01" {
        scope: vault,
        name: guid("apim", "reader"),
        properties: {
            roleDefinitionId: subscriptionResourceId("Microsoft.Authorization/roleDefinitions", "4633458b-17de-408a-b874-0445c86b69e6"),
            principalId: reference(resourceId("Microsoft.ApiManagement/service", "apim"), "2024-05-01", "Full").identity.principalId,
            principalType: "ServicePrincipal",
        },
    }
}

fn main() {
    let arm: serde_json::Value = serde_json::from_str(GUARDED.arm_json()).unwrap();
    let resources = arm["resources"].as_array().unwrap();
    let by_id = resources.iter().find(|r| r["type"] == "Microsoft.Authorization/roleAssignments" && r["name"] == "[guid('apim', 'reader')]").unwrap();
    assert!(by_id["dependsOn"].to_string().contains("Microsoft.ApiManagement/service"), "{}", by_id);
    assert!(GUARDED.bicep().contains("dependsOn"), "{}", GUARDED.bicep());
    let logger = resources.iter().find(|r| r["type"] == "Microsoft.ApiManagement/service/namedValues").unwrap();
    assert!(logger["dependsOn"].to_string().contains("Microsoft.Storage/storageAccounts"), "{}", logger);
    let grant = resources.iter().find(|r| r["type"] == "Microsoft.Authorization/roleAssignments" && r["name"] != "[guid('apim', 'reader')]").unwrap();
    assert_eq!(grant["condition"], "[parameters('useIdentity')]");
    assert!(GUARDED.bicep().contains("resource uaiReads 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (useIdentity) {"), "{}", GUARDED.bicep());
}
