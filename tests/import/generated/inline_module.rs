apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const INLINE;

    param serviceName: string;

    param deployDomain: bool = true;

    #[apiVersion("2022-09-01")]
    module bindDomain = INLINE_BIND_DOMAIN if deployDomain {
        name: "bindDomain",
        scope: resourceGroup("rg-platform"),
        params: {
            serviceName: serviceName,
        },
    }

    output identityId: string = reference("bindDomain").outputs.id.value;
}

apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const INLINE_BIND_DOMAIN;

    param serviceName: string;

    resource userAssignedIdentities "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: concat(serviceName, "-id"),
        location: resourceGroup().location,
    }

    output id: string = resourceId("Microsoft.ManagedIdentity/userAssignedIdentities", concat(serviceName, "-id"));
}
