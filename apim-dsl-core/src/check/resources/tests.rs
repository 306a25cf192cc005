//! Whole templates through [`crate::compile`]: what the type checks accept and
//! the exact error for each kind of mistake.

use proc_macro2::TokenStream;
use quote::quote;

pub(super) use crate::compile_errors as errors;

pub(super) fn assert_ok(tokens: TokenStream) {
    let output = crate::compile(tokens).output;
    if let Err(errors) = &output {
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("unexpected errors: {messages:#?}");
    }
    assert!(output.is_ok());
}

/// A valid API Management service with `properties` appended to its properties.
pub(super) fn apim(version: &str, properties: TokenStream) -> TokenStream {
    let ty = format!("Microsoft.ApiManagement/service@{version}");
    quote! {
        const T;
        resource apim #ty {
            name: "contoso-apim",
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            properties: {
                publisherEmail: "admin@contoso.com",
                publisherName: "Contoso",
                #properties
            },
        }
    }
}

#[test]
fn every_type_in_its_usual_shape_passes() {
    assert_ok(quote! {
        const T;
        param hosts: array;
        param certificate: string;

        resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id-apim",
            location: resourceGroup().location,
            tags: { env: "dev" },
        }
        resource vault "Microsoft.KeyVault/vaults@2026-02-01" {
            name: "kv-contoso",
            location: resourceGroup().location,
            properties: {
                tenantId: subscription().tenantId,
                sku: { family: "A", name: "Standard" },
                enableRbacAuthorization: true,
                enableSoftDelete: true,
                softDeleteRetentionInDays: 90,
                enablePurgeProtection: true,
                publicNetworkAccess: "Disabled",
                networkAcls: { bypass: "AzureServices", defaultAction: "Deny", ipRules: [{ value: "1.2.3.4" }] },
                accessPolicies: [],
            },
        }
        resource secret "Microsoft.KeyVault/vaults/secrets@2026-02-01" {
            parent: vault,
            name: "apim-certificate",
            properties: { value: certificate, contentType: "application/x-pkcs12", attributes: { enabled: true } },
        }
        resource apim "Microsoft.ApiManagement/service@2024-05-01" {
            name: "contoso-apim",
            location: resourceGroup().location,
            // Availability zones need Premium.
            sku: { name: "Premium", capacity: 2 },
            identity: {
                type: "SystemAssigned,UserAssigned",
                userAssignedIdentities: { [id.id]: {} },
            },
            zones: ["1", "2"],
            properties: {
                publisherEmail: "admin@contoso.com",
                publisherName: "Contoso",
                virtualNetworkType: "none",
                publicNetworkAccess: "Enabled",
                customProperties: { "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10": "False" },
                hostnameConfigurations: [for host in hosts: {
                    type: "Proxy",
                    hostName: host,
                    keyVaultId: secret.properties.secretUri,
                    identityClientId: id.properties.clientId,
                    certificateSource: "KeyVault",
                    defaultSslBinding: true,
                    negotiateClientCertificate: false,
                }],
            },
        }
        // Access policies are for a vault that uses them (this one is RBAC).
        resource policyVault "Microsoft.KeyVault/vaults@2026-02-01" existing { name: "kv-policies" }
        resource policy "Microsoft.KeyVault/vaults/accessPolicies@2026-02-01" {
            parent: policyVault,
            name: "add",
            properties: {
                accessPolicies: [{
                    tenantId: "00000000-0000-0000-0000-000000000000",
                    objectId: apim.identity.principalId,
                    permissions: { secrets: ["get", "List"], certificates: ["get"] },
                }],
            },
        }
        resource grant "Microsoft.Authorization/roleAssignments@2022-04-01" {
            scope: vault,
            name: guid(vault.id, id.id, "secrets-user"),
            properties: {
                roleDefinitionId: subscriptionResourceId(
                    "Microsoft.Authorization/roleDefinitions",
                    "4633458b-17de-408a-b874-0445c86b69e6",
                ),
                // The identity the custom domains read the certificate with.
                principalId: id.properties.principalId,
                principalType: "ServicePrincipal",
            },
        }
        resource inner "Microsoft.Resources/deployments@2022-09-01" {
            name: "inner",
            properties: {
                mode: "Incremental",
                expressionEvaluationOptions: { scope: "inner" },
                template: { anything: ["goes", 1] },
                parameters: { x: { value: 1 } },
            },
        }
        resource existingVault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-other" }
    });
}

#[test]
fn unknown_types_need_unchecked() {
    assert_eq!(
        errors(quote! {
            const T;
            resource apim "Microsoft.ApiManagement/services@2024-05-01" { name: "x" }
            resource gadget "Contoso.Widgets/gadgets@2022-03-01" { name: "x" }
        }),
        [
            "unknown resource type `Microsoft.ApiManagement/services` (did you mean `Microsoft.ApiManagement/service`?); to deploy a type the type data does not know, mark the resource `#[unchecked]`",
            "unknown resource type `Contoso.Widgets/gadgets`; to deploy a type the type data does not know, mark the resource `#[unchecked]`",
        ]
    );
    assert_ok(quote! {
        const T;
        #[unchecked]
        resource gadget "Contoso.Widgets/gadgets@2022-03-01" { name: "x", properties: { anything: 1 } }
        // Also for a known type at a version newer than the type data.
        #[unchecked]
        resource apim "Microsoft.ApiManagement/service@2099-01-01" { name: "x" }
    });
}

#[test]
fn unchecked_on_a_known_type_warns_and_checks_anyway() {
    let errors = errors(quote! {
        const T;
        #[unchecked]
        resource site "Microsoft.Web/sites@2022-03-01" { name: "x", location: "westeurope", properties: { anything: 1 } }
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "unknown property `anything` in `properties` of `Microsoft.Web/sites@2022-03-01`"
        ),
        "{errors:?}"
    );
    let output = crate::compile(quote! {
        const T;
        #[unchecked]
        resource site "Microsoft.Web/sites@2022-03-01" { name: "x", location: "westeurope" }
    })
    .output
    .unwrap_or_else(|_| panic!("valid"));
    let warnings: Vec<String> = output.warnings.iter().map(|w| w.message.clone()).collect();
    assert_eq!(
        warnings,
        [
            "`#[unchecked]` has no effect: the type data knows `Microsoft.Web/sites@2022-03-01`, so the resource is checked; remove it (to accept one deviation from the data, use `#[accept(\"path\")]`)"
        ]
    );
}

#[test]
fn unknown_api_versions_list_the_known_ones_newest_first() {
    let found = errors(quote! {
        const T;
        resource grant "Microsoft.Authorization/roleAssignments@2022-04-02" existing { name: "x" }
    });
    assert_eq!(
        found,
        [
            "unknown API version `2022-04-02` of `Microsoft.Authorization/roleAssignments` (did you mean `2022-04-01`?); known versions, newest first: `2022-04-01`, `2020-10-01-preview`, `2020-08-01-preview`, `2020-04-01-preview`, `2020-03-01-preview`, `2018-09-01-preview`, `2018-01-01-preview`, `2017-10-01-preview`, `2015-07-01`"
        ]
    );
}

#[test]
fn existing_resources_need_no_properties() {
    assert_ok(quote! {
        const T;
        resource vault "Microsoft.KeyVault/vaults@2015-06-01" existing { name: "1" }
    });
}

#[test]
fn values_known_only_at_deployment_pass() {
    assert_ok(quote! {
        const T;
        param name: string;
        param sku: string;
        param units: int;
        param props: object;
        resource apim "Microsoft.ApiManagement/service@2024-05-01" {
            name: name,
            location: resourceGroup().location,
            sku: { name: sku, capacity: units },
            properties: props,
        }
    });
}

#[test]
fn computed_keys_are_not_name_checked() {
    assert_ok(quote! {
        const T;
        param key: string;
        resource apim "Microsoft.ApiManagement/service@2024-05-01" {
            name: "contoso",
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            properties: { [key]: "x", publisherName: "Contoso" },
        }
    });
}

#[test]
fn every_resource_is_reported_at_once() {
    let found = errors(quote! {
        const T;
        resource a "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" { name: "id-a" }
        resource b "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" { name: "id-b" }
    });
    assert_eq!(
        found,
        [
            "resource `a` of type `Microsoft.ManagedIdentity/userAssignedIdentities` is missing `location`: add `location: ...` to its body",
            "resource `b` of type `Microsoft.ManagedIdentity/userAssignedIdentities` is missing `location`: add `location: ...` to its body",
        ]
    );
}

#[test]
fn legacy_diagnostic_settings_are_checked_as_diagnostic_settings() {
    assert_ok(quote! {
        const T;
        resource diag "Microsoft.ApiManagement/service/providers/diagnosticSettings@2021-05-01-preview" {
            name: "contoso-apim/Microsoft.Insights/logs",
            properties: {
                workspaceId: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs",
                logs: [{ category: "GatewayLogs", enabled: true }],
            },
        }
    });
    assert_eq!(
        errors(quote! {
            const T;
            resource diag "Microsoft.ApiManagement/service/providers/diagnosticSettings@2021-05-01-preview" {
                name: "contoso-apim/Microsoft.Insights/logs",
                properties: { workspaceID: "x", logs: [{ category: "GatewayLogs", enable: true }] },
            }
        }),
        [
            "unknown property `workspaceID` in `properties` of `Microsoft.Insights/diagnosticSettings@2021-05-01-preview`, did you mean `workspaceId`?",
            "unknown property `enable` in `properties.logs[0]` of `Microsoft.Insights/diagnosticSettings@2021-05-01-preview`, did you mean `enabled`?",
        ]
    );
}

/// Any `{resource type}/providers/{extension type}` named
/// `{resource name}/{Namespace}/{name}` is the extension resource
/// `{Namespace}/{extension type}` on that resource, checked as such: body,
/// the hand-written table's facts (a role assignment's GUID name), API
/// version. Without a literal namespace, the one extension type of that name.
#[test]
fn legacy_extension_forms_are_checked_as_their_extension_type() {
    assert_ok(quote! {
        const T;
        param principal: string;
        param assignment: string;
        var role = subscriptionResourceId("Microsoft.Authorization/roleDefinitions", "acdd72a7-3385-48ef-bd42-f606fba81ae7");
        resource ra "Microsoft.Storage/storageAccounts/providers/roleAssignments@2020-04-01-preview" {
            name: concat("streprox1", "/Microsoft.Authorization/", guid(resourceGroup().id, principal)),
            properties: { roleDefinitionId: role, principalId: principal },
        }
        resource subnet "Microsoft.Network/virtualNetworks/subnets/providers/roleAssignments@2022-04-01" {
            name: assignment,
            properties: { roleDefinitionId: role, principalId: principal, principalType: "ServicePrincipal" },
        }
        resource lock "Microsoft.KeyVault/vaults/providers/locks@2016-09-01" {
            name: "kv1/Microsoft.Authorization/nodelete",
            properties: { level: "CanNotDelete" },
        }
        resource diag "Microsoft.Web/sites/providers/diagnosticSettings@2021-05-01-preview" {
            name: format("{0}/microsoft.insights/logs", "site1"),
            properties: { workspaceId: "w", logs: [{ category: "AppServiceHTTPLogs", enabled: true }] },
        }
    });
    assert_eq!(
        errors(quote! {
            const T;
            resource a "Microsoft.Storage/storageAccounts/providers/roleAssignments@2020-04-01-preview" {
                name: "st1/Microsoft.Authorization/not-a-guid",
                properties: { roleDefinitionID: "x", principalId: "p", principalType: "Robot" },
            }
            resource b "Microsoft.Storage/storageAccounts/providers/roleAssignment@2020-04-01-preview" {
                name: concat("st1", "/Microsoft.Authorization/", guid("b")),
                properties: { roleDefinitionId: subscriptionResourceId("Microsoft.Authorization/roleDefinitions", "acdd72a7-3385-48ef-bd42-f606fba81ae7"), principalId: "p" },
            }
            resource c "Microsoft.Storage/storageAcounts/providers/roleAssignments@2020-04-01-preview" {
                name: concat("st1", "/Microsoft.Authorization/", guid("c")),
                properties: { roleDefinitionId: subscriptionResourceId("Microsoft.Authorization/roleDefinitions", "acdd72a7-3385-48ef-bd42-f606fba81ae7"), principalId: "p" },
            }
            resource d "Microsoft.KeyVault/vaults/providers/locks@2016-09-01" {
                name: "kv1/nodelete",
                properties: { level: "CanNotDelete" },
            }
            resource e "Microsoft.KeyVault/vaults/providers/locks@2099-09-01" {
                name: "kv1/Microsoft.Authorization/other",
                properties: { level: "CanNotDelete" },
            }
            resource g "Microsoft.Storage/storageAccounts/providers/roleAssignments@2022-04-01" {
                name: "st1/Microsoft.Authorization/6f2a4d3e-1b7c-4c11-9d41-0f3f0f0f0f0f",
                properties: { roleDefinitionId: "Reader", principalId: "p" },
            }
            param name: string;
            resource f "Microsoft.KeyVault/vaults/providers/settings@2099-09-01" {
                name: name,
                properties: {},
            }
        }),
        [
            "`not-a-guid` is not a valid name for a `Microsoft.Authorization/roleAssignments`: write a GUID, usually computed with `guid(...)` from the scope, principal and role so that it is stable across deployments (`^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$`)",
            "unknown property `roleDefinitionID` in `properties` of `Microsoft.Authorization/roleAssignments@2020-04-01-preview`, did you mean `roleDefinitionId`?",
            "unknown value `Robot` for `properties.principalType` of `Microsoft.Authorization/roleAssignments@2020-04-01-preview`; expected one of `User`, `Group`, `ServicePrincipal`, `ForeignGroup`",
            "unknown extension resource type `Microsoft.Authorization/roleAssignment` (did you mean `Microsoft.Authorization/roleAssignments`?) in the legacy extension form `Microsoft.Storage/storageAccounts/providers/roleAssignment` (`<resource type>/providers/<extension type>`, named `<resource name>/<Namespace>/<name>`); to deploy a type the type data does not know, mark the resource `#[unchecked]`",
            "unknown resource type `Microsoft.Storage/storageAcounts` (did you mean `Microsoft.Storage/storageAccounts`?) in the legacy extension form `Microsoft.Storage/storageAcounts/providers/roleAssignments`; to deploy a type the type data does not know, mark the resource `#[unchecked]`",
            "the name `kv1/nodelete` of a `Microsoft.KeyVault/vaults/providers/locks` has 2 segments, it needs 3 segments separated by `/`: write `<resource name>/<Namespace>/<name>`, with the extension type's namespace (`Microsoft.Authorization`, `Microsoft.Insights`) in the middle",
            "unknown API version `2099-09-01` of `Microsoft.Authorization/locks` (did you mean `2016-09-01`?); known versions, newest first: `2020-05-01`, `2017-04-01`, `2016-09-01`, `2015-01-01`",
            "no single extension resource type is named `settings`, in the legacy extension form `Microsoft.KeyVault/vaults/providers/settings` (`<resource type>/providers/<extension type>`, named `<resource name>/<Namespace>/<name>`): write the namespace in the name as literal text (`Microsoft.Authorization`, `Microsoft.Insights`); to deploy a type the type data does not know, mark the resource `#[unchecked]`",
            "`Reader` is not a role definition's resource id (`/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<GUID>`): write a role definition's GUID (`subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '<GUID>')`), or a `grant`, which takes a built-in role by name",
        ]
    );
    // `#[unchecked]` still deploys what the data does not know.
    assert_ok(quote! {
        const T;
        #[unchecked]
        resource b "Microsoft.Storage/storageAccounts/providers/roleAssignment@2020-04-01-preview" {
            name: concat("st1", "/Microsoft.Authorization/", guid("b")),
            properties: { roleDefinitionId: "x", principalId: "p" },
        }
    });
}

/// Under `parent:` (the resource extended), the legacy form's name is
/// `{Namespace}/{name}`, and ARM's id joins the parent's name before it.
#[test]
fn legacy_extension_forms_under_their_resource() {
    let compiled = crate::compile(quote! {
        const T;
        resource storage "Microsoft.Storage/storageAccounts@2023-05-01" existing { name: "st1" }
        resource lock "Microsoft.Storage/storageAccounts/providers/locks@2016-09-01" {
            parent: storage,
            name: "Microsoft.Authorization/nodelete",
            properties: { level: "CanNotDelete" },
        }
    });
    let output = compiled.output.expect("compiles");
    assert!(
        output
            .arm
            .contains("\"name\": \"st1/Microsoft.Authorization/nodelete\""),
        "{}",
        output.arm
    );
    assert_eq!(
        errors(quote! {
            const T;
            resource storage "Microsoft.Storage/storageAccounts@2023-05-01" existing { name: "st1" }
            resource a "Microsoft.Storage/storageAccounts/providers/locks@2016-09-01" {
                parent: storage,
                name: "nodelete",
                properties: { level: "CanNotDelete" },
            }
            resource b "Microsoft.Storage/storageAccounts/providers/locks@2016-09-01" {
                parent: storage,
                name: "Microsoft.Authorization/nodelete",
                properties: { level: "CanNotDelte" },
            }
        }),
        [
            "with `parent:` set, the name of a `Microsoft.Storage/storageAccounts/providers/locks` is `<Namespace>/<name>`, the extension type's namespace first (`Microsoft.Authorization/<name>`), not `nodelete`",
            "unknown value `CanNotDelte` for `properties.level` of `Microsoft.Authorization/locks@2016-09-01` (did you mean `CanNotDelete`?); the API also takes values its type data does not list: if `CanNotDelte` is one, accept it with `#[accept(\"properties.level\")]`",
        ]
    );
}

/// A nested deployment's `resourceGroup` and `subscriptionId` are ARM's own
/// top-level keys: strings, on `Microsoft.Resources/deployments` only.
#[test]
fn deployments_take_a_resource_group_and_subscription() {
    let inline = quote! {
        properties: {
            mode: "Incremental",
            template: {
                "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                contentVersion: "1.0.0.0",
                resources: [],
            },
        },
    };
    assert_ok(quote! {
        const T;
        param otherRg: string;
        param sub: string;
        resource d "Microsoft.Resources/deployments@2020-06-01" {
            name: "crossRg",
            resourceGroup: otherRg,
            subscriptionId: sub,
            #inline
        }
        resource e "Microsoft.Resources/deployments@2022-09-01" {
            name: "other",
            resourceGroup: true ? "rg-a" : "rg-b",
            comments: "to another group",
            #inline
        }
    });
    assert_eq!(
        errors(quote! {
            const T;
            resource d "Microsoft.Resources/deployments@2020-06-01" {
                name: "crossRg",
                resourceGroup: 42,
                subscriptionId: ["s"],
                #inline
            }
            resource e "Microsoft.Resources/deployments@2020-06-01" {
                name: "typo",
                resourcegroup: "rg",
                #inline
            }
            resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
                name: "id-a",
                location: "westeurope",
                resourceGroup: "rg",
            }
        }),
        [
            "`resourceGroup` of `Microsoft.Resources/deployments` must be a string, not an integer",
            "`subscriptionId` of `Microsoft.Resources/deployments` must be a string, not an array",
            "unknown property `resourcegroup` in the body of `Microsoft.Resources/deployments@2020-06-01`, did you mean `resourceGroup`?",
            "unknown property `resourceGroup` in the body of `Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31`; expected one of `location`, `tags`, `comments`",
        ]
    );
}

#[test]
fn accept_takes_the_policy_content_of_older_templates() {
    // `policyContent` was renamed `value`; ARM still takes the old name at
    // versions whose type data only has `value`.
    assert_ok(quote! {
        const T;
        resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: "contoso-apim" }
        #[accept("properties.policyContent", "properties.value")]
        resource policy "Microsoft.ApiManagement/service/policies@2024-05-01" {
            parent: apim,
            name: "policy",
            properties: { policyContent: "<policies />", format: "xml" },
        }
    });
    assert_eq!(
        errors(quote! {
            const T;
            resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: "contoso-apim" }
            resource policy "Microsoft.ApiManagement/service/policies@2024-05-01" {
                parent: apim,
                name: "policy",
                properties: { policyContent: "<policies />", format: "xml" },
            }
        })
        .len(),
        2
    );
}

/// A body key `metadata` the type data lacks: literal values go in
/// `#[metadata]`, a computed one stays with `#[accept("metadata")]`, as the
/// language reference says.
#[test]
fn a_computed_metadata_is_kept_with_accept() {
    let body = |accept: TokenStream| {
        quote! {
            const T;
            param owner: string;
            #accept
            resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
                name: "id-a",
                location: "westeurope",
                metadata: { other: owner },
            }
        }
    };
    assert_eq!(
        errors(body(TokenStream::new())),
        [
            "unknown property `metadata` in the body of `Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31`; a resource's `metadata` of literal values goes in `#[metadata({ ... })]` on the resource, and a computed one is kept as this body key with `#[accept(\"metadata\")]`"
        ]
    );
    assert_ok(body(quote! { #[accept("metadata")] }));
}

#[test]
fn a_shape_not_known_at_compile_time_checks_only_keys_no_shape_has() {
    // The linked service's `type` picks its shape; as a parameter it is unknown.
    assert_ok(quote! {
        const T;
        param t: string = "Web";
        param b: bool = true;
        resource f "Microsoft.DataFactory/factories@2018-06-01" existing { name: "adf" }
        resource ls "Microsoft.DataFactory/factories/linkedservices@2018-06-01" {
            parent: f,
            name: "web",
            properties: { type: t, typeProperties: { url: "https://x", authenticationType: "Anonymous" } },
        }
        resource ls2 "Microsoft.DataFactory/factories/linkedservices@2018-06-01" {
            parent: f,
            name: "web2",
            properties: { type: b ? "Web" : "AzureBlobStorage", typeProperties: { url: "https://x" } },
        }
        // Reads through a shape not known here: any shape's property.
        output u: object = ls.properties.typeProperties;
        // The name picks the shape of `sites/config`; a parameter name does not.
        param n: string = "web";
        resource site "Microsoft.Web/sites@2022-09-01" existing { name: "app-contoso" }
        resource cfg "Microsoft.Web/sites/config@2022-09-01" { parent: site, name: n, properties: { alwaysOn: true } }
    });
    assert_eq!(
        errors(quote! {
            const T;
            param t: string = "Web";
            resource f "Microsoft.DataFactory/factories@2018-06-01" existing { name: "adf" }
            resource ls "Microsoft.DataFactory/factories/linkedservices@2018-06-01" {
                parent: f,
                name: "web",
                properties: { type: t, typeProprties: {} },
            }
        }),
        [
            "unknown property `typeProprties` in `properties` of `Microsoft.DataFactory/factories/linkedservices@2018-06-01`: no shape of `LinkedService` has it, did you mean `typeProperties`?"
        ]
    );
}

#[test]
fn mistakes_are_reported_once_with_where_they_belong() {
    assert_eq!(
        errors(quote! {
            const T;
            resource apim "Microsoft.ApiManagement/service@2024-05-01" {
                name: "contoso-apim",
                location: "westeurope",
                sku: { Name: "Developer", capacity: 1 },
                properties: { publisherEmial: "a@b.c", publisherName: "n" },
            }
            resource logs "Microsoft.OperationalInsights/workspaces@2023-09-01" {
                name: "logs-contoso",
                location: "westeurope",
                sku: { name: "PerGB2018" },
            }
            output z: array = apim.properties.zones;
        }),
        [
            "unknown property `Name` in `sku` of `Microsoft.ApiManagement/service@2024-05-01`, did you mean `name`?",
            "unknown property `publisherEmial` in `properties` of `Microsoft.ApiManagement/service@2024-05-01`, did you mean `publisherEmail`?",
            "unknown property `sku` in the body of `Microsoft.OperationalInsights/workspaces@2023-09-01`, did you mean `properties.sku`? (it belongs inside `properties`)",
            "`Microsoft.ApiManagement/service@2024-05-01` has no property `zones`",
        ]
    );
    // A typo in a parent's type is reported once, not again for each child.
    assert_eq!(
        errors(quote! {
            const T;
            resource apim "Microsoft.ApiManagment/service@2024-05-01" existing { name: "apim" }
            resource a "Microsoft.ApiManagement/service/apis@2024-05-01" existing { parent: apim, name: "a" }
            resource b "Microsoft.ApiManagement/service/apis@2024-05-01" existing { parent: apim, name: "b" }
            output ids: array = [a.id, b.id];
        }),
        [
            "unknown resource type `Microsoft.ApiManagment/service` (did you mean `Microsoft.ApiManagement/service`?); to deploy a type the type data does not know, mark the resource `#[unchecked]`"
        ]
    );
}

#[test]
fn names_arrays_and_accept_on_existing() {
    assert_eq!(
        errors(quote! {
            const T;
            resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: "apim" }
            resource api "Microsoft.ApiManagement/service/apis@2024-05-01" existing { parent: apim, name: "orders" }
            resource p "Microsoft.ApiManagement/service/apis/policies@2024-05-01" {
                parent: api,
                name: "poilcy",
                properties: { value: "<policies />" },
            }
            resource g "Microsoft.ApiManagement/service/policies@2024-05-01" {
                parent: apim,
                name: "global",
                properties: { value: "<policies />" },
            }
            resource secret "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { name: "sec" }
            #[accept("properties.whatever")]
            resource other "Microsoft.ApiManagement/service@2024-05-01" existing { name: "other" }
            resource ip "Microsoft.Network/publicIPAddresses@2024-05-01" {
                name: "ip",
                location: "westeurope",
                zones: [null, "1"],
            }
            output o: array = [secret.id, other.id];
        }),
        [
            "`poilcy` is not a valid name for a `Microsoft.ApiManagement/service/apis/policies` (did you mean `policy`?); expected one of `policy`",
            "`global` is not a valid name for a `Microsoft.ApiManagement/service/policies`; expected one of `policy`",
            "the name `sec` of a `Microsoft.KeyVault/vaults/secrets` has 1 segment, it needs 2 segments separated by `/`: write the parent's name first (`parent/child`), or set `parent:` to the parent's symbol",
            "`#[accept]` accepts deviations in a deployed body; an `existing` resource has none to accept",
            "`zones[0]` of `Microsoft.Network/publicIPAddresses` must be a string, not null",
        ]
    );
}
