//! `Microsoft.ApiManagement/service`, from the published schemas of every API
//! version (2016-07-07 to 2025-09-01-preview). `location`, `sku` and
//! `properties` are required as the service requires them; the schema marks only
//! `properties`.

use super::patterns::{APIM_NAME, SUBNET_ID};
use super::schema::{
    ANY, Kind, NameRule, Prop, ResourceType, Rule, STRING, Tier, Value, array, int_range, map,
    max_len, object, one_of, pattern, prop, read_only, v,
};

/// The service type.
pub static SERVICE: ResourceType = ResourceType {
    name: "Microsoft.ApiManagement/service",
    versions: &[
        "2025-09-01-preview",
        "2025-03-01-preview",
        "2024-10-01-preview",
        "2024-06-01-preview",
        "2024-05-01",
        "2023-09-01-preview",
        "2023-05-01-preview",
        "2023-03-01-preview",
        "2022-09-01-preview",
        "2022-08-01",
        "2022-04-01-preview",
        "2021-12-01-preview",
        "2021-08-01",
        "2021-04-01-preview",
        "2021-01-01-preview",
        "2020-12-01",
        "2020-06-01-preview",
        "2019-12-01",
        "2019-12-01-preview",
        "2019-01-01",
        "2018-06-01-preview",
        "2018-01-01",
        "2017-03-01",
        "2016-10-10",
        "2016-07-07",
    ],
    body: BODY,
    name_rule: NameRule {
        min_len: 1,
        max_len: Some(50),
        pattern: Some(&APIM_NAME),
        values: &[],
    },
    rules: &[Rule::Capacity(TIERS)],
};

/// Units per tier: Consumption 0, Developer 1, Basic up to 2, Standard up to 4;
/// Premium and Isolated as the deployment tooling allows; the v2 tiers as documented.
const TIERS: &[Tier] = &[
    Tier {
        sku: "Consumption",
        min: 0,
        max: 0,
    },
    Tier {
        sku: "Developer",
        min: 1,
        max: 1,
    },
    Tier {
        sku: "Basic",
        min: 1,
        max: 2,
    },
    Tier {
        sku: "Standard",
        min: 1,
        max: 4,
    },
    Tier {
        sku: "Premium",
        min: 1,
        max: 99,
    },
    Tier {
        sku: "Isolated",
        min: 1,
        max: 99,
    },
    Tier {
        sku: "BasicV2",
        min: 1,
        max: 10,
    },
    Tier {
        sku: "StandardV2",
        min: 1,
        max: 10,
    },
    Tier {
        sku: "PremiumV2",
        min: 1,
        max: 30,
    },
];

const BODY: &[Prop] = &[
    prop("location", STRING).required(),
    prop("tags", TAGS),
    prop("sku", object(SKU)).required(),
    prop("identity", object(IDENTITY)).since("2017-03-01"),
    prop("properties", object(PROPERTIES)).required(),
    prop("zones", array(&STRING)).since("2020-06-01-preview"),
    prop("etag", STRING).until("2016-07-07"),
    prop("comments", STRING),
];

/// Resource tags: string values of at most 256 characters.
pub(super) const TAGS: Kind = map(&TAG_VALUE);
const TAG_VALUE: Kind = max_len(256);

const SKU: &[Prop] = &[
    prop("name", one_of(SKU_NAMES)).required(),
    prop("capacity", int_range(0, i64::MAX)).required_since("2019-12-01-preview"),
];

// The 2023-09-01-preview schema lists the workspace gateway skus here
// (`WorkspaceGatewayStandard`, `WorkspaceGatewayPremium`), a generator mix-up with
// `Microsoft.ApiManagement/gateways`; they are left out.
const SKU_NAMES: &[Value] = &[
    v("Developer"),
    v("Standard"),
    v("Premium"),
    v("Basic").since("2017-03-01"),
    v("Consumption").since("2018-06-01-preview"),
    v("Isolated").since("2020-06-01-preview"),
    v("BasicV2").since("2023-05-01-preview"),
    v("StandardV2").since("2023-05-01-preview"),
    v("PremiumV2").since("2025-03-01-preview"),
];

const IDENTITY: &[Prop] = &[
    prop("type", one_of(IDENTITY_TYPES)).required(),
    // Keyed by identity resource ID (usually computed), values `{}`.
    prop("userAssignedIdentities", map(&ANY)).since("2019-12-01-preview"),
    read_only("principalId", STRING),
    read_only("tenantId", STRING),
];

const IDENTITY_TYPES: &[Value] = &[
    v("SystemAssigned"),
    v("UserAssigned").since("2019-12-01-preview"),
    v("SystemAssigned, UserAssigned").since("2019-12-01-preview"),
    v("None").since("2019-12-01-preview"),
];

const ENABLED: &[Value] = &[v("Enabled"), v("Disabled")];
const NETWORK_TYPES: &[Value] = &[v("None"), v("External"), v("Internal")];

const PROPERTIES: &[Prop] = &[
    prop("publisherEmail", max_len(100)).required(),
    prop("publisherName", max_len(100)).required(),
    prop("notificationSenderEmail", max_len(100)).since("2017-03-01"),
    prop("hostnameConfigurations", array(&HOSTNAME_CONFIGURATION)),
    prop("additionalLocations", array(&ADDITIONAL_LOCATION)),
    prop("customProperties", map(&ANY)),
    prop("virtualNetworkConfiguration", object(VIRTUAL_NETWORK)).since("2017-03-01"),
    prop("virtualNetworkType", one_of(NETWORK_TYPES)).since("2017-03-01"),
    prop("certificates", array(&CERTIFICATE_CONFIGURATION)).since("2017-03-01"),
    prop("enableClientCertificate", Kind::Bool).since("2019-01-01"),
    prop("disableGateway", Kind::Bool).since("2019-12-01-preview"),
    prop("apiVersionConstraint", object(API_VERSION_CONSTRAINT)).since("2019-12-01-preview"),
    prop("restore", Kind::Bool).since("2020-06-01-preview"),
    prop("publicIpAddressId", STRING).since("2021-01-01-preview"),
    prop(
        "privateEndpointConnections",
        array(&PRIVATE_ENDPOINT_CONNECTION),
    )
    .since("2021-04-01-preview"),
    prop("publicNetworkAccess", one_of(ENABLED)).since("2021-04-01-preview"),
    prop("natGatewayState", one_of(ENABLED)).since("2022-04-01-preview"),
    prop("configurationApi", object(CONFIGURATION_API)).since("2023-03-01-preview"),
    prop("developerPortalStatus", one_of(ENABLED)).since("2023-03-01-preview"),
    prop("legacyPortalStatus", one_of(ENABLED)).since("2023-03-01-preview"),
    prop("releaseChannel", one_of(RELEASE_CHANNELS)).since("2024-06-01-preview"),
    prop("zoneRedundant", Kind::Bool).since("2025-03-01-preview"),
    // Renamed in 2017-03-01 to `virtualNetworkType` and `virtualNetworkConfiguration`.
    prop("vpnType", one_of(NETWORK_TYPES)).until("2016-10-10"),
    prop("vpnconfiguration", object(VPN_CONFIGURATION)).until("2016-10-10"),
    prop("addresserEmail", STRING).until("2016-10-10"),
    read_only("provisioningState", STRING),
    read_only("targetProvisioningState", STRING),
    read_only("createdAtUtc", STRING),
    read_only("gatewayUrl", STRING),
    read_only("gatewayRegionalUrl", STRING),
    read_only("staticIps", array(&STRING))
        .since("2017-03-01")
        .until("2017-03-01"),
    read_only("portalUrl", STRING),
    read_only("managementApiUrl", STRING),
    read_only("scmUrl", STRING),
    read_only("developerPortalUrl", STRING),
    read_only("publicIPAddresses", array(&STRING)),
    read_only("privateIPAddresses", array(&STRING)),
    read_only("outboundPublicIPAddresses", array(&STRING)),
    read_only("platformVersion", STRING),
];

const RELEASE_CHANNELS: &[Value] = &[v("Preview"), v("Default"), v("Stable")];

const HOSTNAME_CONFIGURATION: Kind = object(&[
    prop("type", one_of(HOSTNAME_TYPES)).required(),
    prop("hostName", STRING).required().since("2017-03-01"),
    // A secret URI; without a version segment APIM picks up renewed certificates.
    prop("keyVaultId", STRING).since("2017-03-01"),
    prop("identityClientId", STRING).since("2020-06-01-preview"),
    prop("encodedCertificate", STRING).since("2017-03-01"),
    prop("certificatePassword", STRING).since("2017-03-01"),
    prop("defaultSslBinding", Kind::Bool).since("2017-03-01"),
    prop("negotiateClientCertificate", Kind::Bool).since("2017-03-01"),
    prop("certificate", object(CERTIFICATE_INFORMATION)).required_until("2016-10-10"),
    prop("certificateSource", one_of(CERTIFICATE_SOURCES)).since("2021-01-01-preview"),
    prop("certificateStatus", one_of(CERTIFICATE_STATUSES)).since("2021-01-01-preview"),
    prop("hostname", STRING).required().until("2016-10-10"),
]);

const HOSTNAME_TYPES: &[Value] = &[
    v("Proxy"),
    v("Portal"),
    v("Management"),
    v("Scm"),
    v("DeveloperPortal").since("2019-01-01"),
    v("ConfigurationApi").since("2023-03-01-preview"),
];

const CERTIFICATE_SOURCES: &[Value] = &[v("Managed"), v("KeyVault"), v("Custom"), v("BuiltIn")];
const CERTIFICATE_STATUSES: &[Value] = &[v("Completed"), v("Failed"), v("InProgress")];

const CERTIFICATE_INFORMATION: &[Prop] = &[
    prop("expiry", STRING).required(),
    prop("subject", STRING).required(),
    prop("thumbprint", STRING).required(),
];

const CERTIFICATE_CONFIGURATION: Kind = object(&[
    prop("storeName", one_of(STORE_NAMES)).required(),
    prop("encodedCertificate", STRING),
    prop("certificatePassword", STRING),
    prop("certificate", object(CERTIFICATE_INFORMATION)).since("2018-01-01"),
]);

const STORE_NAMES: &[Value] = &[v("CertificateAuthority"), v("Root")];

const ADDITIONAL_LOCATION: Kind = object(&[
    prop("location", STRING).required(),
    prop("sku", object(SKU)).required().since("2017-03-01"),
    prop("zones", array(&STRING)).since("2020-06-01-preview"),
    prop("virtualNetworkConfiguration", object(VIRTUAL_NETWORK)).since("2017-03-01"),
    prop("disableGateway", Kind::Bool).since("2019-12-01-preview"),
    prop("publicIpAddressId", STRING).since("2021-01-01-preview"),
    prop("natGatewayState", one_of(ENABLED)).since("2022-04-01-preview"),
    prop("skuType", one_of(OLD_SKU_TYPES))
        .required()
        .until("2016-10-10"),
    prop("skuUnitCount", int_range(i64::MIN, 10)).until("2016-10-10"),
    prop("vpnconfiguration", object(VPN_CONFIGURATION)).until("2016-10-10"),
    read_only("runtimeUrl", STRING).until("2016-10-10"),
    read_only("staticIPs", array(&STRING)).until("2016-10-10"),
    read_only("gatewayRegionalUrl", STRING),
    read_only("publicIPAddresses", array(&STRING)),
    read_only("privateIPAddresses", array(&STRING)),
    read_only("outboundPublicIPAddresses", array(&STRING)),
    read_only("platformVersion", STRING),
]);

const OLD_SKU_TYPES: &[Value] = &[v("Developer"), v("Standard"), v("Premium")];

const VIRTUAL_NETWORK: &[Prop] = &[
    prop("subnetResourceId", pattern(&SUBNET_ID)),
    read_only("subnetname", STRING),
    read_only("vnetid", STRING),
];

const VPN_CONFIGURATION: &[Prop] = &[
    prop("subnetResourceId", pattern(&SUBNET_ID)),
    prop("location", STRING),
];

const API_VERSION_CONSTRAINT: &[Prop] = &[prop("minApiVersion", STRING)];

const CONFIGURATION_API: &[Prop] = &[prop("legacyApi", one_of(ENABLED))];

const PRIVATE_ENDPOINT_CONNECTION: Kind = object(&[
    prop("id", STRING),
    prop("name", STRING),
    prop("type", STRING),
    prop("properties", object(PRIVATE_ENDPOINT_CONNECTION_PROPERTIES)),
]);

const PRIVATE_ENDPOINT_CONNECTION_PROPERTIES: &[Prop] = &[
    prop("privateEndpoint", ANY),
    prop(
        "privateLinkServiceConnectionState",
        object(CONNECTION_STATE),
    )
    .required(),
];

const CONNECTION_STATE: &[Prop] = &[
    prop("status", one_of(CONNECTION_STATUSES)),
    prop("description", STRING),
    prop("actionsRequired", STRING),
];

const CONNECTION_STATUSES: &[Value] = &[v("Pending"), v("Approved"), v("Rejected")];
