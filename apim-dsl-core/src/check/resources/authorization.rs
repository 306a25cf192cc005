//! `Microsoft.Authorization/roleAssignments`, from the published schemas of every
//! API version (2015-07-01 to 2022-04-01). Usually an extension resource: `scope:`
//! names the resource it applies to.

use super::patterns::GUID_NAME;
use super::schema::{
    NameRule, Prop, ResourceType, STRING, Value, object, one_of, prop, read_only, v,
};

/// A role assignment.
pub static ROLE_ASSIGNMENTS: ResourceType = ResourceType {
    name: "Microsoft.Authorization/roleAssignments",
    versions: &[
        "2022-04-01",
        "2020-10-01-preview",
        "2020-08-01-preview",
        "2020-04-01-preview",
        "2020-03-01-preview",
        "2018-09-01-preview",
        "2018-01-01-preview",
        "2017-10-01-preview",
        "2015-07-01",
    ],
    body: &[
        prop("properties", object(PROPERTIES)).required(),
        prop("comments", STRING),
    ],
    // ARM rejects a role assignment whose name is not a GUID.
    name_rule: NameRule {
        min_len: 1,
        max_len: None,
        pattern: Some(&GUID_NAME),
        values: &[],
    },
    rules: &[],
};

const PROPERTIES: &[Prop] = &[
    // `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', id)`.
    prop("roleDefinitionId", STRING).required(),
    prop("principalId", STRING).required(),
    prop("principalType", one_of(PRINCIPAL_TYPES)).since("2018-09-01-preview"),
    prop("canDelegate", super::schema::Kind::Bool)
        .since("2017-10-01-preview")
        .until("2020-04-01-preview"),
    prop("description", STRING).since("2020-04-01-preview"),
    prop("condition", STRING).since("2020-03-01-preview"),
    prop("conditionVersion", STRING).since("2020-03-01-preview"),
    prop("delegatedManagedIdentityResourceId", STRING).since("2020-03-01-preview"),
    // Read-only in every version but 2020-03-01-preview, where it could also be
    // written; the table keeps one entry per name, so that preview's writes of
    // `scope` are refused (the assignment's scope is the resource's `scope:`).
    read_only("scope", STRING),
    read_only("createdOn", STRING),
    read_only("updatedOn", STRING),
    read_only("createdBy", STRING),
    read_only("updatedBy", STRING),
];

const PRINCIPAL_TYPES: &[Value] = &[
    v("User"),
    v("Group"),
    v("ServicePrincipal"),
    v("ForeignGroup"),
    v("Device").since("2020-10-01-preview"),
];
