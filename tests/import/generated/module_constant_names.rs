apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const MODULE_NAMES;

    #[apiVersion("2021-04-01")]
    module regionLoop = MODULE_NAMES_REGION_LOOP for item in range(0, 2) {
        name: concat("a", copyIndex()),
        params: {
            a: "s",
        },
    }

    #[apiVersion("2021-04-01")]
    module region_loop = MODULE_NAMES_REGION_LOOP_2 for item in range(0, 2) {
        name: concat("b", copyIndex()),
        params: {
            b: copyIndex(),
        },
    }

    #[apiVersion("2021-04-01")]
    module platform = MODULE_NAMES_PLATFORM {
        name: "platform",
    }

    #[apiVersion("2021-04-01")]
    module platformApis = MODULE_NAMES_PLATFORM_APIS {
        name: "platformApis",
    }

    #[apiVersion("2021-04-01")]
    module r#loop = MODULE_NAMES_LOOP for item in range(0, 2) {
        name: concat("k", copyIndex()),
        dependsOn: [regionLoop, region_loop],
    }

    #[apiVersion("2021-04-01")]
    module r#type = MODULE_NAMES_TYPE for item in range(0, 1) {
        name: concat("t", copyIndex()),
        dependsOn: [r#loop],
    }
}

apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const MODULE_NAMES_REGION_LOOP;

    param a: string;

    output o: string = a;
}

apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const MODULE_NAMES_REGION_LOOP_2;

    param b: int;

    output o: int = b;
}

apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const MODULE_NAMES_PLATFORM;

    #[apiVersion("2021-04-01")]
    module apis = MODULE_NAMES_PLATFORM_APIS_2 {
        name: "apis",
    }
}

apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const MODULE_NAMES_PLATFORM_APIS_2;

    output inner: bool = true;
}

apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const MODULE_NAMES_PLATFORM_APIS;

    output top: int = 1;
}

apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const MODULE_NAMES_LOOP;
}

apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const MODULE_NAMES_TYPE;
}
