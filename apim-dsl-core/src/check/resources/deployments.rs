//! `Microsoft.Resources/deployments`: a nested deployment, from the published
//! schemas of every API version (2015-11-01 to 2025-04-01). The inline `template`
//! and the `parameters` are free-form here; modules check their own templates.

use super::apim::TAGS;
use super::patterns::DEPLOYMENT_NAME;
use super::schema::{
    ANY, NameRule, Prop, ResourceType, Rule, STRING, map, object, one_of, prop, read_only, v,
};

/// A nested deployment.
pub static DEPLOYMENTS: ResourceType = ResourceType {
    name: "Microsoft.Resources/deployments",
    versions: &[
        "2025-04-01",
        "2025-03-01",
        "2024-11-01",
        "2024-07-01",
        "2024-03-01",
        "2023-07-01",
        "2022-09-01",
        "2021-04-01",
        "2021-01-01",
        "2020-10-01",
        "2020-08-01",
        "2020-06-01",
        "2019-10-01",
        "2019-08-01",
        "2019-07-01",
        "2019-05-10",
        "2019-05-01",
        "2019-03-01",
        "2018-05-01",
        "2018-02-01",
        "2017-05-10",
        "2016-09-01",
        "2016-07-01",
        "2016-02-01",
        "2015-11-01",
    ],
    body: &[
        prop("properties", object(PROPERTIES)).required(),
        // Where a subscription-level deployment's metadata is stored.
        prop("location", STRING).since("2018-05-01"),
        prop("tags", TAGS).since("2019-10-01"),
        prop("identity", object(IDENTITY)).since("2025-04-01"),
        // Template-level keys that target another resource group or subscription;
        // ARM reads them though the schemas omit them.
        prop("resourceGroup", STRING),
        prop("subscriptionId", STRING),
        prop("comments", STRING),
    ],
    name_rule: NameRule {
        min_len: 1,
        max_len: Some(64),
        pattern: Some(&DEPLOYMENT_NAME),
        values: &[],
    },
    rules: &[
        Rule::OneOf {
            path: &["properties"],
            names: &["template", "templateLink"],
            required: true,
        },
        Rule::OneOf {
            path: &["properties"],
            names: &["parameters", "parametersLink"],
            required: false,
        },
    ],
};

const PROPERTIES: &[Prop] = &[
    prop("mode", one_of(&[v("Incremental"), v("Complete")])).required_since("2016-02-01"),
    prop("template", ANY),
    prop("templateLink", object(TEMPLATE_LINK)),
    // `{ name: { value: ... } }` or Key Vault references: free-form.
    prop("parameters", ANY),
    prop(
        "parametersLink",
        object(&[
            prop("uri", STRING).required(),
            prop("contentVersion", STRING),
        ]),
    ),
    prop("debugSetting", object(&[prop("detailLevel", STRING)])).since("2016-02-01"),
    prop(
        "onErrorDeployment",
        object(&[
            prop(
                "type",
                one_of(&[v("LastSuccessful"), v("SpecificDeployment")]),
            ),
            prop("deploymentName", STRING),
        ]),
    )
    .since("2018-02-01"),
    prop(
        "expressionEvaluationOptions",
        object(&[prop(
            "scope",
            one_of(&[v("NotSpecified"), v("Outer"), v("Inner")]),
        )]),
    )
    .since("2020-06-01"),
    prop(
        "validationLevel",
        one_of(&[v("Template"), v("Provider"), v("ProviderNoRbac")]),
    )
    .since("2024-11-01"),
    prop("extensionConfigs", map(&ANY)).since("2025-03-01"),
    prop("externalInputs", map(&ANY)).since("2025-04-01"),
    prop("externalInputDefinitions", map(&ANY)).since("2025-04-01"),
    read_only("outputs", ANY),
    read_only("provisioningState", STRING),
    read_only("correlationId", STRING),
    read_only("timestamp", STRING),
    read_only("duration", STRING),
    read_only("outputResources", ANY),
    read_only("error", ANY),
    read_only("providers", ANY),
    read_only("dependencies", ANY),
    read_only("templateHash", STRING).since("2019-10-01"),
    read_only("validatedResources", ANY).since("2019-10-01"),
    read_only("diagnostics", ANY).since("2019-10-01"),
    read_only("extensions", ANY).since("2019-10-01"),
];

const TEMPLATE_LINK: &[Prop] = &[
    // Required until `id` and `relativePath` became alternatives in 2020-06-01.
    prop("uri", STRING).required_until("2019-10-01"),
    prop("contentVersion", STRING),
    prop("id", STRING).since("2020-06-01"),
    prop("relativePath", STRING).since("2020-06-01"),
    prop("queryString", STRING).since("2020-10-01"),
];

const IDENTITY: &[Prop] = &[
    prop("type", one_of(&[v("None"), v("UserAssigned")])).required(),
    prop("userAssignedIdentities", map(&ANY)),
];
