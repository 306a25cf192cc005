//! One test per kind of resource-table error, each asserting the exact messages.

use super::tests::{apim, assert_ok, errors};
use quote::quote;

#[test]
fn missing_required_properties_are_reported_once_each() {
    assert_eq!(
        errors(quote! {
            const T;
            resource apim "Microsoft.ApiManagement/service@2024-05-01" {
                name: "contoso",
                sku: { name: "Developer" },
                properties: { publisherName: "Contoso", hostnameConfigurations: [{ type: "Proxy" }] },
            }
        }),
        [
            "resource `apim` of type `Microsoft.ApiManagement/service` is missing `sku.capacity`: add `capacity: ...` to `sku`",
            "resource `apim` of type `Microsoft.ApiManagement/service` is missing `properties.hostnameConfigurations[0].hostName`: add `hostName: ...` to `properties.hostnameConfigurations[0]`",
            "resource `apim` of type `Microsoft.ApiManagement/service` is missing `properties.publisherEmail`: add `publisherEmail: ...` to `properties`",
            "resource `apim` of type `Microsoft.ApiManagement/service` is missing `location`: add `location: ...` to its body",
        ]
    );
    // Before 2019-12-01-preview the capacity defaulted to 1.
    assert_ok(quote! {
        const T;
        resource apim "Microsoft.ApiManagement/service@2018-01-01" {
            name: "contoso",
            location: "westeurope",
            sku: { name: "Developer" },
            properties: { publisherEmail: "a@b.c", publisherName: "Contoso" },
        }
    });
}

#[test]
fn unknown_properties_suggest_or_list() {
    assert_eq!(
        errors(apim("2024-05-01", quote! { publisherEmial: "x", foo: 1 })),
        [
            "unknown property `publisherEmial` in `properties` of `Microsoft.ApiManagement/service@2024-05-01`, did you mean `publisherEmail`?",
            "unknown property `foo` in `properties` of `Microsoft.ApiManagement/service@2024-05-01`; expected one of `additionalLocations`, `apiVersionConstraint`, `certificates`, `configurationApi`, `customProperties`, `developerPortalStatus`, `disableGateway`, `enableClientCertificate`, `hostnameConfigurations`, `legacyPortalStatus`, `natGatewayState`, `notificationSenderEmail`, `privateEndpointConnections`, `publicIpAddressId`, `publicNetworkAccess`, `publisherEmail`, `publisherName`, `restore`, `virtualNetworkConfiguration`, `virtualNetworkType`",
        ]
    );
    assert_eq!(
        errors(quote! {
            const T;
            resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
                name: "id-apim",
                locaton: "westeurope",
                location: "westeurope",
                resources: {},
            }
        }),
        [
            "unknown property `locaton` in the body of `Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31`, did you mean `location`?",
            "`resources` holds nested child resources, each a `resource` declaration: `resources: [resource child \"<child type>@<apiVersion>\" { ... }]`; or declare each child as its own `resource` with `parent: id`",
        ]
    );
}

#[test]
fn properties_follow_the_api_version() {
    assert_eq!(
        errors(apim(
            "2017-03-01",
            quote! { publicNetworkAccess: "Disabled" }
        )),
        [
            "`properties.publicNetworkAccess` of `Microsoft.ApiManagement/service` needs API version `2021-04-01-preview` or later, this resource uses `2017-03-01`: raise the API version or remove the property"
        ]
    );
    assert_eq!(
        errors(apim("2024-05-01", quote! { vpnType: "None" })),
        [
            "`properties.vpnType` of `Microsoft.ApiManagement/service` was removed after API version `2016-10-10`, this resource uses `2024-05-01`: remove it"
        ]
    );
    assert_eq!(
        errors(apim(
            "2024-05-01",
            quote! { hostnameConfigurations: [{ type: "Proxy", hostName: "a", hostname: "a" }] }
        )),
        [
            "`properties.hostnameConfigurations[0].hostname` of `Microsoft.ApiManagement/service` was removed after API version `2016-10-10`, this resource uses `2024-05-01`, did you mean `hostName`?"
        ]
    );
    assert_ok(apim(
        "2021-04-01-preview",
        quote! { publicNetworkAccess: "Disabled" },
    ));
}

#[test]
fn read_only_properties_cannot_be_written() {
    assert_eq!(
        errors(apim("2024-05-01", quote! { gatewayUrl: "https://x" })),
        [
            "`properties.gatewayUrl` of `Microsoft.ApiManagement/service` is read-only: Azure sets it, remove it"
        ]
    );
}

#[test]
fn literal_values_must_have_the_property_type() {
    assert_eq!(
        errors(quote! {
            const T;
            resource apim "Microsoft.ApiManagement/service@2024-05-01" {
                name: "contoso",
                location: "westeurope",
                tags: { env: 1 },
                sku: { name: "Developer", capacity: "1" },
                properties: { publisherEmail: null, publisherName: ["Contoso"], restore: "yes" },
            }
        }),
        [
            "`tags.env` of `Microsoft.ApiManagement/service` must be a string, not an integer",
            "`sku.capacity` of `Microsoft.ApiManagement/service` must be an integer, not a string",
            "`properties.publisherEmail` of `Microsoft.ApiManagement/service` must be a string, not null",
            "`properties.publisherName` of `Microsoft.ApiManagement/service` must be a string, not an array",
            "`properties.restore` of `Microsoft.ApiManagement/service` must be a boolean, not a string",
        ]
    );
    // An optional property set to null is absent.
    assert_ok(apim("2024-05-01", quote! { notificationSenderEmail: null }));
}

#[test]
fn enum_values_ignore_case_and_list_the_allowed_ones() {
    assert_eq!(
        errors(apim(
            "2024-05-01",
            quote! { hostnameConfigurations: [{ type: "Proxi", hostName: "a" }], virtualNetworkType: "Public" }
        )),
        [
            "unknown value `Proxi` for `properties.hostnameConfigurations[0].type` of `Microsoft.ApiManagement/service@2024-05-01` (did you mean `Proxy`?); expected one of `Proxy`, `Portal`, `Management`, `Scm`, `DeveloperPortal`, `ConfigurationApi`",
            "unknown value `Public` for `properties.virtualNetworkType` of `Microsoft.ApiManagement/service@2024-05-01`; expected one of `None`, `External`, `Internal`",
        ]
    );
    assert_ok(apim(
        "2024-05-01",
        quote! { hostnameConfigurations: [{ type: "PROXY", hostName: "a" }] },
    ));
}

#[test]
fn enum_values_follow_the_api_version() {
    assert_eq!(
        errors(quote! {
            const T;
            resource apim "Microsoft.ApiManagement/service@2017-03-01" {
                name: "contoso",
                location: "westeurope",
                sku: { name: "BasicV2", capacity: 1 },
                identity: { type: "UserAssigned" },
                properties: { publisherEmail: "a@b.c", publisherName: "Contoso" },
            }
        }),
        [
            "`BasicV2` for `sku.name` of `Microsoft.ApiManagement/service` needs API version `2023-05-01-preview` or later, this resource uses `2017-03-01`: raise the API version or pick another value",
            "`UserAssigned` for `identity.type` of `Microsoft.ApiManagement/service` needs API version `2019-12-01-preview` or later, this resource uses `2017-03-01`: raise the API version or pick another value",
        ]
    );
}

#[test]
fn access_policy_permissions_are_checked() {
    assert_eq!(
        errors(quote! {
            const T;
            param vault: string;
            resource policy "Microsoft.KeyVault/vaults/accessPolicies@2015-06-01" {
                name: concat(vault, "/add"),
                properties: { accessPolicies: [{
                    tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
                    objectId: "x",
                    permissions: { secrets: ["get", "lsit"], keys: ["rotate"], storage: ["get"] },
                }] },
            }
        }),
        [
            "unknown value `lsit` for `properties.accessPolicies[0].permissions.secrets[1]` of `Microsoft.KeyVault/vaults/accessPolicies@2015-06-01` (did you mean `list`?); expected one of `all`, `get`, `list`, `set`, `delete`, `backup`, `restore`, `recover`, `purge`",
            "`rotate` for `properties.accessPolicies[0].permissions.keys[0]` of `Microsoft.KeyVault/vaults/accessPolicies` needs API version `2021-06-01-preview` or later, this resource uses `2015-06-01`: raise the API version or pick another value",
            "`properties.accessPolicies[0].permissions.storage` of `Microsoft.KeyVault/vaults/accessPolicies` needs API version `2016-10-01` or later, this resource uses `2015-06-01`: raise the API version or remove the property",
        ]
    );
}

#[test]
fn string_lengths_shapes_and_int_ranges() {
    let long = format!("{}@contoso.com", "a".repeat(89));
    assert_eq!(
        errors(apim(
            "2024-05-01",
            quote! { notificationSenderEmail: #long }
        )),
        [
            "`properties.notificationSenderEmail` of `Microsoft.ApiManagement/service` is 101 characters long, at most 100 are allowed"
        ]
    );
    assert_eq!(
        errors(quote! {
            const T;
            resource vault "Microsoft.KeyVault/vaults@2023-07-01" {
                name: "kv-contoso",
                location: "westeurope",
                properties: {
                    tenantId: "not-a-guid",
                    sku: { family: "A", name: "standard" },
                    softDeleteRetentionInDays: 3,
                },
            }
        }),
        [
            "`not-a-guid` is not a valid `properties.tenantId` of `Microsoft.KeyVault/vaults`: write a GUID such as `00000000-0000-0000-0000-000000000000` (`^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$`)",
            "`properties.softDeleteRetentionInDays` of `Microsoft.KeyVault/vaults` must be between 7 and 90, found 3",
        ]
    );
}

#[test]
fn an_access_policy_operation_holds_at_most_16_entries() {
    let entry = quote! { { tenantId: "00000000-0000-0000-0000-000000000000", objectId: "x", permissions: {} } };
    let entries = std::iter::repeat_n(entry, 17);
    assert_eq!(
        errors(quote! {
            const T;
            resource policy "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
                name: "kv/add",
                properties: { accessPolicies: [#(#entries),*] },
            }
        }),
        [
            "`properties.accessPolicies` of `Microsoft.KeyVault/vaults/accessPolicies` holds 17 entries, at most 16 are allowed: split them over several resources"
        ]
    );
}

#[test]
fn sku_capacity_depends_on_the_tier() {
    let with = |sku: &str, capacity: i64| {
        let capacity = proc_macro2::Literal::i64_unsuffixed(capacity);
        errors(quote! {
            const T;
            resource apim "Microsoft.ApiManagement/service@2024-05-01" {
                name: "contoso",
                location: "westeurope",
                sku: { name: #sku, capacity: #capacity },
                properties: { publisherEmail: "a@b.c", publisherName: "Contoso" },
            }
        })
    };
    assert_eq!(
        with("Developer", 2),
        [
            "`sku.capacity` must be 1 for the `Developer` tier of `Microsoft.ApiManagement/service`, found 2"
        ]
    );
    assert_eq!(
        with("standard", 5),
        [
            "`sku.capacity` must be between 1 and 4 for the `Standard` tier of `Microsoft.ApiManagement/service`, found 5"
        ]
    );
    assert_eq!(
        with("Consumption", 1),
        [
            "`sku.capacity` must be 0 for the `Consumption` tier of `Microsoft.ApiManagement/service`, found 1"
        ]
    );
    assert!(with("Consumption", 0).is_empty());
    assert!(with("Premium", 12).is_empty());
}

#[test]
fn resource_names_are_checked_when_literal() {
    assert_eq!(
        errors(quote! {
            const T;
            param vault: string;
            resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: "-" }
            resource a "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
                name: concat(vault, "/adds"),
                properties: { accessPolicies: [] },
            }
            resource b "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
                name: "add",
                properties: { accessPolicies: [] },
            }
            resource c "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
                name: format("{0}/Replace", vault),
                properties: { accessPolicies: [] },
            }
            resource d "Microsoft.Resources/deployments@2022-09-01" {
                name: "a/b",
                properties: { mode: "Incremental", template: {} },
            }
            resource e "Microsoft.Authorization/roleAssignments@2022-04-01" {
                name: "apim-secrets",
                properties: { roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7", principalId: "y" },
            }
        }),
        [
            "`adds` is not a valid name for a `Microsoft.KeyVault/vaults/accessPolicies` (did you mean `add`?); expected one of `add`, `replace`, `remove`",
            "the name `add` of a `Microsoft.KeyVault/vaults/accessPolicies` has 1 segment, it needs 2 segments separated by `/`: write the parent's name first (`parent/child`), or set `parent:` to the parent's symbol",
            "the name `a/b` of a `Microsoft.Resources/deployments` has 2 segments, it needs 1 segment separated by `/`: remove the extra `/` segments",
            "`apim-secrets` is not a valid name for a `Microsoft.Authorization/roleAssignments`: write a GUID, usually computed with `guid(...)` from the scope, principal and role so that it is stable across deployments (`^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$`)",
        ]
    );
    let long = "a".repeat(51);
    assert_eq!(
        errors(quote! {
            const T;
            resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv" }
            resource apim "Microsoft.ApiManagement/service@2024-05-01" {
                name: #long,
                location: "westeurope",
                sku: { name: "Developer", capacity: 1 },
                properties: { publisherEmail: "a@b.c", publisherName: "Contoso" },
            }
            resource apim2 "Microsoft.ApiManagement/service@2024-05-01" {
                name: "contoso_apim",
                location: "westeurope",
                sku: { name: "Developer", capacity: 1 },
                properties: { publisherEmail: "a@b.c", publisherName: "Contoso" },
            }
            resource policy "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
                parent: vault,
                name: "kv/add",
                properties: { accessPolicies: [] },
            }
        }),
        [
            format!("the name `{long}` of a `Microsoft.ApiManagement/service` is 51 characters long, at most 50 are allowed"),
            "`contoso_apim` is not a valid name for a `Microsoft.ApiManagement/service`: use letters, digits and hyphens, start with a letter and end with a letter or digit (`^[a-zA-Z](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$`)".to_string(),
            "with `parent:` set, the name of a `Microsoft.KeyVault/vaults/accessPolicies` is only its own segment, not `kv/add`: remove the parent's name and the `/`".to_string(),
        ]
    );
}

#[test]
fn a_deployment_needs_exactly_one_template() {
    assert_eq!(
        errors(quote! {
            const T;
            resource none "Microsoft.Resources/deployments@2022-09-01" {
                name: "none",
                properties: { mode: "Incremental" },
            }
            resource both "Microsoft.Resources/deployments@2022-09-01" {
                name: "both",
                properties: {
                    mode: "Incremental",
                    template: {},
                    templateLink: { uri: "https://x" },
                    parameters: {},
                    parametersLink: { uri: "https://y" },
                },
            }
        }),
        [
            "resource `none` of type `Microsoft.Resources/deployments` needs one of `properties.template`, `properties.templateLink`: add one of them",
            "`properties.templateLink` and `properties.template` of `Microsoft.Resources/deployments` exclude each other: keep one",
            "`properties.parametersLink` and `properties.parameters` of `Microsoft.Resources/deployments` exclude each other: keep one",
        ]
    );
}

#[test]
fn loops_and_conditionals_check_every_possible_value() {
    assert_eq!(
        errors(quote! {
            const T;
            param hosts: array;
            param premium: bool;
            resource apim "Microsoft.ApiManagement/service@2024-05-01" {
                name: "contoso",
                location: "westeurope",
                sku: { name: premium ? "Premium" : "Basik", capacity: 1 },
                properties: {
                    publisherEmail: "a@b.c",
                    publisherName: "Contoso",
                    hostnameConfigurations: [for h in hosts: { type: "Proxy", hostNme: h }],
                },
            }
        }),
        [
            "unknown value `Basik` for `sku.name` of `Microsoft.ApiManagement/service@2024-05-01` (did you mean `Basic`?); expected one of `Developer`, `Standard`, `Premium`, `Basic`, `Consumption`, `Isolated`, `BasicV2`, `StandardV2`",
            "unknown property `hostNme` in `properties.hostnameConfigurations[]` of `Microsoft.ApiManagement/service@2024-05-01`, did you mean `hostName`?",
        ]
    );
}

#[test]
fn comments_are_known_on_every_resource_and_must_be_strings() {
    assert_ok(quote! {
        const T;
        param note: string;
        resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id-apim",
            location: "westeurope",
            comments: "reference notes",
        }
        resource id2 "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id-apim2",
            location: "westeurope",
            comments: note,
        }
        resource ws "Microsoft.OperationalInsights/workspaces@2023-09-01" {
            name: "ws-notes",
            location: "westeurope",
            comments: concat("workspace ", note),
        }
    });
    assert_eq!(
        errors(quote! {
            const T;
            param count: int;
            resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
                name: "id-apim",
                location: "westeurope",
                comments: 3,
            }
            resource id2 "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
                name: "id-apim2",
                location: "westeurope",
                comments: count,
            }
            resource id3 "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
                name: "id-apim3",
                location: "westeurope",
                coments: "typo",
            }
        }),
        [
            "`comments` of `Microsoft.ManagedIdentity/userAssignedIdentities` must be a string, not an integer",
            "`comments` of `Microsoft.ManagedIdentity/userAssignedIdentities` must be a string, not an integer",
            "unknown property `coments` in the body of `Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31`, did you mean `comments`?",
        ]
    );
}

#[test]
fn names_of_literal_text_only_have_their_segments_counted() {
    assert_eq!(
        errors(quote! {
            const T;
            resource st "Microsoft.Storage/storageAccounts@2023-01-01" {
                name: "stcontoso",
                location: "westeurope",
                sku: { name: "Standard_LRS" },
                kind: "StorageV2",
                resources: [
                    resource a "blobServices/containers@2023-01-01" { name: concat("default", "-", "logs") },
                    resource b "blobServices/containers@2023-01-01" { name: format("{0}{1}", "default", "data") },
                    resource ok1 "blobServices/containers@2023-01-01" { name: format("{0}/{1}", "default", "ok1") },
                    resource ok2 "blobServices/containers@2023-01-01" { name: concat("default", "/", "ok2") },
                ],
            }
            resource c "Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01" {
                name: format("{0}/{1}", "stcontoso", "c"),
            }
            resource ok3 "Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01" {
                name: format("{0}/default/{{x}}", "stcontoso"),
            }
        }),
        [
            "nested in its parent with the relative type `blobServices/containers`, the name of a `Microsoft.Storage/storageAccounts/blobServices/containers` has 2 segments separated by `/`, one for each segment of the type, not `default-logs`",
            "nested in its parent with the relative type `blobServices/containers`, the name of a `Microsoft.Storage/storageAccounts/blobServices/containers` has 2 segments separated by `/`, one for each segment of the type, not `defaultdata`",
            "the name `stcontoso/c` of a `Microsoft.Storage/storageAccounts/blobServices/containers` has 2 segments, it needs 3 segments separated by `/`: write the parent's name first (`parent/child`), or set `parent:` to the parent's symbol",
        ]
    );
}
