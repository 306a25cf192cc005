//! `Microsoft.KeyVault/vaults`, `vaults/accessPolicies` and `vaults/secrets`, from
//! the published schemas of every API version (2015-06-01 to 2026-03-01-preview).

use super::apim::TAGS;
use super::patterns::{GUID, SECRET_NAME, VAULT_NAME};
use super::schema::{
    INT, Kind, NameRule, Prop, ResourceType, STRING, Value, array, array_max, int_range, object,
    one_of, pattern, prop, read_only, v,
};

/// A vault.
pub static VAULTS: ResourceType = ResourceType {
    name: "Microsoft.KeyVault/vaults",
    versions: VAULT_VERSIONS,
    body: &[
        prop("location", STRING).required(),
        prop("tags", TAGS),
        prop("properties", object(VAULT_PROPERTIES)).required(),
        prop("comments", STRING),
    ],
    name_rule: NameRule {
        min_len: 3,
        max_len: Some(24),
        pattern: Some(&VAULT_NAME),
        values: &[],
    },
    rules: &[],
};

/// Access policies added to, removed from or replacing a vault's: the child name is
/// the operation.
///
/// 2015-06-01 has no published schema but is the seed's version, and ARM accepts
/// it; it takes the vault's 2015-06-01 access policy shape.
pub static ACCESS_POLICIES: ResourceType = ResourceType {
    name: "Microsoft.KeyVault/vaults/accessPolicies",
    versions: VAULT_VERSIONS,
    body: &[
        prop(
            "properties",
            object(&[
                // "An array of 0 to 16 identities" per operation.
                prop("accessPolicies", array_max(&ACCESS_POLICY, 16)).required(),
            ]),
        )
        .required(),
        prop("comments", STRING),
    ],
    name_rule: NameRule {
        min_len: 1,
        max_len: None,
        pattern: None,
        values: &["add", "remove", "replace"],
    },
    rules: &[],
};

/// A secret in a vault.
pub static SECRETS: ResourceType = ResourceType {
    name: "Microsoft.KeyVault/vaults/secrets",
    versions: SECRET_VERSIONS,
    body: &[
        prop("tags", TAGS),
        prop("properties", object(SECRET_PROPERTIES)).required(),
        prop("comments", STRING),
    ],
    name_rule: NameRule {
        min_len: 1,
        max_len: Some(127),
        pattern: Some(&SECRET_NAME),
        values: &[],
    },
    rules: &[],
};

const VAULT_VERSIONS: &[&str] = &[
    "2026-03-01-preview",
    "2026-02-01",
    "2025-05-01",
    "2024-12-01-preview",
    "2024-11-01",
    "2024-04-01-preview",
    "2023-07-01",
    "2023-02-01",
    "2022-11-01",
    "2022-07-01",
    "2022-02-01-preview",
    "2021-11-01-preview",
    "2021-10-01",
    "2021-06-01-preview",
    "2021-04-01-preview",
    "2020-04-01-preview",
    "2019-09-01",
    "2018-02-14",
    "2018-02-14-preview",
    "2016-10-01",
    "2015-06-01",
];

// Secrets have been ARM resources since 2016-10-01: every vault version but the
// oldest (the last, newest first).
const SECRET_VERSIONS: &[&str] = VAULT_VERSIONS.split_at(VAULT_VERSIONS.len() - 1).0;

const VAULT_PROPERTIES: &[Prop] = &[
    prop("tenantId", pattern(&GUID)).required(),
    prop("sku", object(VAULT_SKU)).required(),
    // "0 to 1024 identities"; required only in 2015-06-01.
    prop("accessPolicies", array_max(&ACCESS_POLICY, 1024)).required_until("2015-06-01"),
    prop("vaultUri", STRING),
    prop("enabledForDeployment", Kind::Bool),
    prop("enabledForDiskEncryption", Kind::Bool),
    prop("enabledForTemplateDeployment", Kind::Bool),
    prop("enableSoftDelete", Kind::Bool),
    prop("createMode", one_of(CREATE_MODES)).since("2016-10-01"),
    prop("enablePurgeProtection", Kind::Bool).since("2016-10-01"),
    prop("networkAcls", object(NETWORK_ACLS)).since("2018-02-14-preview"),
    prop("enableRbacAuthorization", Kind::Bool).since("2019-09-01"),
    // "It accepts >=7 and <=90."
    prop("softDeleteRetentionInDays", int_range(7, 90)).since("2019-09-01"),
    prop("provisioningState", one_of(PROVISIONING_STATES)).since("2019-09-01"),
    // A free string in the schema ("enabled", "disabled"); the service decides.
    prop("publicNetworkAccess", STRING).since("2021-06-01-preview"),
    prop("tokenBindingParameters", object(TOKEN_BINDING)).since("2026-03-01-preview"),
    read_only("hsmPoolResourceId", STRING),
    read_only("privateEndpointConnections", array(&Kind::Any)),
];

const VAULT_SKU: &[Prop] = &[
    prop("family", one_of(&[v("A")])).required(),
    prop("name", one_of(&[v("standard"), v("premium")])).required(),
];

const CREATE_MODES: &[Value] = &[v("recover"), v("default")];
const PROVISIONING_STATES: &[Value] = &[v("Succeeded"), v("RegisteringDns")];

const NETWORK_ACLS: &[Prop] = &[
    prop("bypass", one_of(&[v("AzureServices"), v("None")])),
    prop("defaultAction", one_of(&[v("Allow"), v("Deny")])),
    prop(
        "ipRules",
        array(&object(&[prop("value", STRING).required()])),
    ),
    prop(
        "virtualNetworkRules",
        array(&object(&[
            prop("id", STRING).required(),
            prop("ignoreMissingVnetServiceEndpoint", Kind::Bool).since("2019-09-01"),
        ])),
    ),
];

const TOKEN_BINDING: &[Prop] = &[
    prop(
        "minimumTokenBindingStrength",
        one_of(&[
            v("NoValidation"),
            v("Unattested"),
            v("AttestedTrustedLaunch"),
            v("AttestedConfidential"),
        ]),
    ),
    prop("mode", one_of(&[v("Enforced"), v("NotEnforced")])),
];

/// One identity's permissions on a vault.
const ACCESS_POLICY: Kind = object(&[
    prop("tenantId", pattern(&GUID)).required(),
    prop("objectId", STRING).required(),
    prop("applicationId", pattern(&GUID)),
    prop("permissions", object(PERMISSIONS)).required(),
]);

const PERMISSIONS: &[Prop] = &[
    prop("keys", array(&one_of(KEY_PERMISSIONS))),
    prop("secrets", array(&one_of(SECRET_PERMISSIONS))),
    prop("certificates", array(&one_of(CERTIFICATE_PERMISSIONS))),
    prop("storage", array(&one_of(STORAGE_PERMISSIONS))).since("2016-10-01"),
];

// `all` is in the 2015-06-01 and 2019-09-01+ schemas but missing from those in
// between; the service has always accepted it, so it is allowed throughout.
const KEY_PERMISSIONS: &[Value] = &[
    v("all"),
    v("encrypt"),
    v("decrypt"),
    v("wrapKey"),
    v("unwrapKey"),
    v("sign"),
    v("verify"),
    v("get"),
    v("list"),
    v("create"),
    v("update"),
    v("import"),
    v("delete"),
    v("backup"),
    v("restore"),
    v("recover"),
    v("purge"),
    v("release").since("2021-04-01-preview"),
    v("rotate").since("2021-06-01-preview"),
    v("getrotationpolicy").since("2021-06-01-preview"),
    v("setrotationpolicy").since("2021-06-01-preview"),
];

const SECRET_PERMISSIONS: &[Value] = &[
    v("all"),
    v("get"),
    v("list"),
    v("set"),
    v("delete"),
    v("backup"),
    v("restore"),
    v("recover"),
    v("purge"),
];

const CERTIFICATE_PERMISSIONS: &[Value] = &[
    v("all"),
    v("get"),
    v("list"),
    v("delete"),
    v("create"),
    v("import"),
    v("update"),
    v("managecontacts"),
    v("getissuers"),
    v("listissuers"),
    v("setissuers"),
    v("deleteissuers"),
    v("manageissuers"),
    v("recover"),
    v("purge"),
    v("backup").since("2018-02-14-preview"),
    v("restore").since("2018-02-14-preview"),
];

const STORAGE_PERMISSIONS: &[Value] = &[
    v("all"),
    v("get"),
    v("list"),
    v("delete"),
    v("set"),
    v("update"),
    v("regeneratekey"),
    v("recover"),
    v("purge"),
    v("backup"),
    v("restore"),
    v("setsas"),
    v("listsas"),
    v("getsas"),
    v("deletesas"),
];

const SECRET_PROPERTIES: &[Prop] = &[
    prop("value", STRING),
    prop("contentType", STRING),
    prop(
        "attributes",
        object(&[
            prop("enabled", Kind::Bool),
            // Seconds since 1970-01-01T00:00:00Z.
            prop("nbf", INT),
            prop("exp", INT),
            read_only("created", INT),
            read_only("updated", INT),
        ]),
    ),
    read_only("secretUri", STRING),
    read_only("secretUriWithVersion", STRING),
];
