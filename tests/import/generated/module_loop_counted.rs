apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const MODULE_LOOP;

    #[minValue(1)]
    #[maxValue(10)]
    param productCount: int = 3;

    param subscriptionIds: array = [
        "11111111-1111-1111-1111-111111111111",
        "22222222-2222-2222-2222-222222222222",
    ];

    #[apiVersion("2021-04-01")]
    module products = MODULE_LOOP_PRODUCTS for item in range(0, productCount) {
        name: concat("product", copyIndex(1)),
        scope: resourceGroup(subscriptionIds[mod(copyIndex(), length(subscriptionIds))], format("rg-products-{0}", copyIndex())),
        params: {
            number: copyIndex(1),
            label: concat("Product ", string(copyIndex())),
        },
    }

    #[apiVersion("2021-04-01")]
    #[batchSize(2)]
    module policies = MODULE_LOOP_POLICIES for item in range(0, length(range(0, 3))) {
        name: concat("policy", copyIndex()),
        params: {
            productId: reference(resourceId(subscriptionIds[mod(copyIndex(), length(subscriptionIds))], format("rg-products-{0}", copyIndex()), "Microsoft.Resources/deployments", concat("product", copyIndex(1)))).outputs.productId.value,
        },
        dependsOn: [products],
    }

    resource identities "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for item in range(0, 3) {
        name: concat("id-policy-", copyIndex()),
        location: resourceGroup().location,
        dependsOn: [
            resourceId("Microsoft.Resources/deployments", concat("policy", copyIndex())),
        ],
        tags: {
            policy: reference(resourceId("Microsoft.Resources/deployments", concat("policy", copyIndex()))).outputs.policy.value,
        },
    }
}

apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const MODULE_LOOP_PRODUCTS;

    param number: int;

    param label: string;

    output productId: string = format("product-{0}", number);

    output label: string = label;
}

apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const MODULE_LOOP_POLICIES;

    param productId: string;

    output policy: string = concat(productId, "-policy");
}
