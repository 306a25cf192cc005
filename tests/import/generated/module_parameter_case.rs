apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const MODULE_CASE;

    param Svc: string = "s";

    var v = "outer";

    #[apiVersion("2022-09-01")]
    module inner1 = MODULE_CASE_INNER1 {
        name: "inner1",
        params: {
            svc: Svc,
        },
    }

    output r: string = concat(reference("inner1").outputs.o.value, v);
}

apim_dsl::template! {
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    pub const MODULE_CASE_INNER1;

    param svc: string;

    var V = concat(svc, "-x");

    output o: string = V;
}
