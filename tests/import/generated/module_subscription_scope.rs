apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const MODULE_SUBSCRIPTION;

    param sub: string = "00000000-0000-0000-0000-000000000001";

    #[apiVersion("2021-04-01")]
    module groups = MODULE_SUBSCRIPTION_GROUPS {
        name: "groups",
        scope: subscription(),
    }

    #[apiVersion("2021-04-01")]
    module others = MODULE_SUBSCRIPTION_OTHERS for item in range(0, 2) {
        name: concat("other", copyIndex()),
        scope: subscription(sub),
    }
}

apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const MODULE_SUBSCRIPTION_GROUPS;

    resource resourceGroups "Microsoft.Resources/resourceGroups@2024-03-01" {
        name: "rg-x",
        location: deployment().location,
    }
}

apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const MODULE_SUBSCRIPTION_OTHERS;
}
