// The raw ARM way: explicit reference(...) and explicit dependsOn, as in the seed.
apim_dsl::template! {
    #[schema("http://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#")]
    pub const RAW;

    /// Name of the vault
    param keyVaultName: string;

    var serviceName = concat("apiservice", uniqueString(resourceGroup().id));
    var identityId = concat(
        resourceId("Microsoft.ApiManagement/service", serviceName),
        "/providers/Microsoft.ManagedIdentity/Identities/default",
    );

    resource apim "Microsoft.ApiManagement/service@2017-03-01" {
        name: serviceName,
        location: resourceGroup().location,
        sku: { name: "Developer", capacity: 1 },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
        identity: { type: "SystemAssigned" },
    }

    resource policy "Microsoft.KeyVault/vaults/accessPolicies@2015-06-01" {
        name: concat(keyVaultName, "/add"),
        dependsOn: [resourceId("Microsoft.ApiManagement/service", serviceName)],
        properties: {
            accessPolicies: [{
                tenantId: reference(identityId, "2015-08-31-PREVIEW").tenantId,
                objectId: reference(identityId, "2015-08-31-PREVIEW").principalId,
                permissions: { secrets: ["get"] },
            }],
        },
    }
}

fn main() {
    let json: &'static str = RAW.arm_json();
    assert!(json.contains("Microsoft.KeyVault/vaults/accessPolicies"));
}
