//! `Microsoft.ManagedIdentity/userAssignedIdentities`, from the published schemas
//! of every API version (2015-08-31-preview to 2025-05-31-preview).

use super::apim::TAGS;
use super::patterns::IDENTITY_NAME;
use super::schema::{NameRule, ResourceType, STRING, array, object, one_of, prop, read_only, v};

/// A user-assigned managed identity.
pub static USER_ASSIGNED_IDENTITIES: ResourceType = ResourceType {
    name: "Microsoft.ManagedIdentity/userAssignedIdentities",
    versions: &[
        "2025-05-31-preview",
        "2025-01-31-preview",
        "2024-11-30",
        "2023-07-31-preview",
        "2023-01-31",
        "2022-01-31-preview",
        "2021-09-30-preview",
        "2018-11-30",
        "2015-08-31-preview",
    ],
    body: &[
        // A tracked resource: ARM needs its location although the schema omits it.
        prop("location", STRING).required(),
        prop("tags", TAGS),
        // Before 2024-11-30 nothing in `properties` is writable, but templates
        // often write `properties: {}`, which ARM accepts.
        prop(
            "properties",
            object(&[
                prop("isolationScope", one_of(&[v("None"), v("Regional")])).since("2024-11-30"),
                prop(
                    "assignmentRestrictions",
                    object(&[prop("providers", array(&STRING))]),
                )
                .since("2025-05-31-preview"),
                read_only("principalId", STRING),
                read_only("clientId", STRING),
                read_only("tenantId", STRING),
                read_only("clientSecretUrl", STRING).until("2015-08-31-preview"),
            ]),
        ),
        prop("comments", STRING),
    ],
    // The documented naming rule: 3-128 characters.
    name_rule: NameRule {
        min_len: 3,
        max_len: Some(128),
        pattern: Some(&IDENTITY_NAME),
        values: &[],
    },
    rules: &[],
};
