apim_dsl::template! {
    /// Loops and functions
    #[schema("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    #[contentVersion("1.0.0.0")]
    #[metadata({ owner: "platform" })]
    pub const LOOPS;

    #[namespace("contoso")]
    func hostUrl(host: string): string = format("https://{0}.contoso.com", host);

    param names: array = ["a", "b"];

    param deploy: bool = true;

    #[minLength(1)]
    #[maxLength(10)]
    param r#type: string = "x";

    #[allow(unused)]
    param secret: secureString;

    var upper = [for item in names: toUpper(item)];

    var indexed = [for (item, i) in names: {
        n: item,
        i: i,
    }];

    var sizes = map(names, n => length(n));

    var flag = if(deploy, true, false);

    var literal = "[notAnExpression]";

    var urls = contoso.hostUrl("api");

    resource identities "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for item in names if deploy {
        name: concat("id-", names[copyIndex()]),
        location: resourceGroup().location,
        tags: {
            index: string(copyIndex()),
            [r#type]: "computed",
        },
    }

    resource deployments "Microsoft.Resources/deployments@2021-04-01" {
        name: "linked",
        dependsOn: [identities],
        properties: {
            mode: "Incremental",
            templateLink: {
                uri: "https://example.com/t.json",
                contentVersion: "1.0.0.0",
            },
            parameters: {
                p: {
                    value: r#type,
                },
            },
        },
    }

    output names: array = [for (item, i) in names: concat(item, "-", string(i))];

    /// Upper case
    output upper: array = upper;

    output misc: object = {
        a: sizes,
        b: flag,
        c: literal,
        d: urls,
        e: indexed,
    };
}
