//! Reads of deployed state against the type data.

use super::tests::{assert_ok, errors};
use quote::quote;

#[test]
fn reads_name_what_the_type_returns_at_any_depth() {
    assert_eq!(
        errors(quote! {
            const T;
            resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: "apim" }
            resource vnet "Microsoft.Network/virtualNetworks@2024-05-01" existing { name: "vnet" }
            output a: string = apim.properties.gatewayUrll;
            output b: string = apim.properties.hostnameConfigurations[0].hostNme;
            output c: string = vnet.properties.subnets[0].properties.addressPrefixx;
            output d: string = apim.sku.nam;
        }),
        [
            "`Microsoft.ApiManagement/service@2024-05-01` has no property `gatewayUrll`, did you mean `gatewayUrl`?",
            "`Microsoft.ApiManagement/service@2024-05-01` has no property `properties.hostnameConfigurations[].hostNme`, did you mean `hostName`?",
            "`Microsoft.Network/virtualNetworks@2024-05-01` has no property `properties.subnets[].properties.addressPrefixx`, did you mean `addressPrefix`?",
            "`Microsoft.ApiManagement/service@2024-05-01` has no property `sku.nam`, did you mean `name`?",
        ]
    );
    assert_ok(quote! {
        const T;
        resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: "apim" }
        resource logger "Microsoft.ApiManagement/service/loggers@2024-05-01" existing { parent: apim, name: "ai" }
        output a: string = apim.properties.gatewayUrl;
        output b: array = apim.properties.publicIPAddresses;
        output c: string = apim.properties.hostnameConfigurations[0].hostName;
        // A discriminated object: any shape's property.
        output d: string = logger.properties.loggerType;
        output e: object = apim.properties.customProperties;
        output f: string = apim.properties.customProperties.anything;
        output g: string = apim.identity.userAssignedIdentities["x"].clientId;
    });
}

#[test]
fn write_only_properties_cannot_be_read() {
    assert_eq!(
        errors(quote! {
            const T;
            resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
            resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: "apim" }
            resource cert "Microsoft.ApiManagement/service/certificates@2024-05-01" existing { parent: apim, name: "c" }
            output mode: string = vault.properties.createMode;
            output data: string = cert.properties.data;
        }),
        [
            "`properties.createMode` of `Microsoft.KeyVault/vaults@2023-07-01` is write-only: Azure never returns it, so it cannot be read; use the value it was given instead",
            "`properties.data` of `Microsoft.ApiManagement/service/certificates@2024-05-01` is write-only: Azure never returns it, so it cannot be read; use the value it was given instead",
        ]
    );
}

#[test]
fn read_types_flow_into_expression_checks() {
    assert_eq!(
        errors(quote! {
            const T;
            resource other "Microsoft.ApiManagement/service@2024-05-01" existing { name: "other" }
            resource apim "Microsoft.ApiManagement/service@2024-05-01" {
                name: "contoso-apim",
                location: "westeurope",
                sku: { name: "Developer", capacity: 1 },
                properties: {
                    publisherEmail: "admin@contoso.com",
                    // An int read where a string is required.
                    publisherName: other.sku.capacity,
                    // A bool read where a bool is required: fine.
                    disableGateway: other.properties.disableGateway,
                },
            }
            output n: int = other.properties.gatewayUrl;
        }),
        [
            "the value of output `n` must be an int, found a string",
            "`properties.publisherName` of `Microsoft.ApiManagement/service` must be a string, not an integer",
        ]
    );
}

#[test]
fn list_functions_are_the_types_resource_functions() {
    assert_eq!(
        errors(quote! {
            const T;
            resource storage "Microsoft.Storage/storageAccounts@2023-05-01" existing { name: "stcontoso" }
            output a: secureObject = listKey(storage.id, "2023-05-01");
            output b: secureObject = listKeys(resourceId("Microsoft.Storage/storageAccounts", "st"), "2015-01-01");
        }),
        [
            "`Microsoft.Storage/storageAccounts` has no resource function `listKey`, did you mean `listKeys`?",
            "`listKeys` of `Microsoft.Storage/storageAccounts` does not exist at API version `2015-01-01`; call it with a version that has it, e.g. `2026-04-01`",
        ]
    );
    assert_ok(quote! {
        const T;
        resource storage "Microsoft.Storage/storageAccounts@2023-05-01" existing { name: "stcontoso" }
        output a: secureObject = listKeys(storage.id, "2023-05-01");
        output b: secureObject = listAccountSas(storage.id, "2023-05-01", { signedServices: "b" });
    });
}

#[test]
fn hand_written_ids_take_one_name_per_segment() {
    assert_eq!(
        errors(quote! {
            const T;
            param svc: string;
            output a: string = resourceId("Microsoft.ApiManagement/service/apis", "svc/echo");
            output b: string = resourceId("Microsoft.ApiManagement/service/apis", svc);
            output c: string = resourceId("Microsoft.ApiManagement/service", svc, "x");
            output d: string = resourceId("Microsoft.ApiManagment/service", svc);
            output e: string = extensionResourceId(resourceId("Microsoft.KeyVault/vaults", "kv"), "Microsoft.Authorization/roleAssignments", "a", "b");
        }),
        [
            "`resourceId` of `Microsoft.ApiManagement/service/apis` takes 2 name arguments, found 1: split the combined name at its `/` into separate arguments",
            "`resourceId` of `Microsoft.ApiManagement/service/apis` takes 2 name arguments, found 1: one per segment of the type, in order: the `service` name, the `apis` name",
            "`resourceId` of `Microsoft.ApiManagement/service` takes 1 name argument, found 2: one per segment of the type, in order: the `service` name",
            "unknown resource type `Microsoft.ApiManagment/service` in `resourceId`, did you mean `Microsoft.ApiManagement/service`?",
            "`extensionResourceId` of `Microsoft.Authorization/roleAssignments` takes 1 name argument, found 2: one per segment of the type, in order: the `roleAssignments` name",
        ]
    );
    assert_ok(quote! {
        const T;
        param svc: string;
        output a: string = resourceId("Microsoft.ApiManagement/service/apis", svc, "echo");
        // Microsoft's docs write a trailing `/` in the type.
        output b: string = resourceId("Microsoft.OperationalInsights/workspaces/", "logs");
        output c: string = resourceId("sub", "rg", "Microsoft.KeyVault/vaults", "kv");
        output d: string = subscriptionResourceId("Microsoft.Authorization/roleDefinitions", "4633458b-17de-408a-b874-0445c86b69e6");
    });
}

/// `resourceId` only builds a string: the id of a sub-resource in an array of
/// its parent's `properties` is one, at any depth, in every id function.
#[test]
fn ids_of_sub_resources_in_properties_arrays() {
    assert_ok(quote! {
        const T;
        param gw: string;
        output a: string = resourceId("Microsoft.Network/applicationGateways/frontendIPConfigurations", gw, "appGwPublicFrontendIp");
        output b: string = resourceId("Microsoft.Network/applicationGateways/backendAddressPools", gw, "pool");
        // Two levels down: a path rule of a URL path map.
        output b2: string = resourceId("Microsoft.Network/applicationGateways/urlPathMaps/pathRules", gw, "map", "rule");
        output c: string = resourceId("Microsoft.Network/loadBalancers/probes", "lb", "probe");
        output d: string = resourceId("Microsoft.Network/frontDoors/backendPools", "fd", "pool");
        // Another spelling of the parent, as ARM takes it (case ignored).
        output e: string = resourceId("Microsoft.Network/frontdoors/healthProbeSettings", "fd", "probe");
        output f: string = resourceId("sub", "rg", "Microsoft.Network/networkInterfaces/ipConfigurations", "nic", "ip");
        output g: string = subscriptionResourceId("Microsoft.Network/applicationGateways/httpListeners", gw, "listener");
        output h: string = extensionResourceId(resourceId("Microsoft.KeyVault/vaults", "kv"), "Microsoft.Network/applicationGateways/sslCertificates", gw, "cert");
        // The legacy extension form's resource type is checked, not its extension.
        output i: string = resourceId("Microsoft.Storage/storageAccounts/providers/roleAssignments", "st", "Microsoft.Authorization", "g");
    });
}

/// Real mistakes stay errors: a misspelt sub-resource or child type, a
/// misspelt parent (with the whole type suggested); the name count still
/// applies. What the data cannot judge passes.
#[test]
fn misspelt_sub_resource_ids_are_errors_with_the_data_spelling() {
    assert_eq!(
        errors(quote! {
            const T;
            param gw: string;
            output a: string = resourceId("Microsoft.Network/applicationGateways/frontendIPConfiguration", gw, "fe");
            output b: string = resourceId("Microsoft.Network/applicationGateway/frontendIPConfigurations", gw, "fe");
            output c: string = resourceId("Microsoft.Network/applicationGateways/urlPathMaps/pathRule", gw, "map", "rule");
            output e: string = resourceId("Microsoft.Network/applicationGateways/frontendIPConfigurations", gw);
            output f: string = subscriptionResourceId("Microsoft.Network/frontDoors/backendPool", "fd", "pool");
            output g: string = resourceId("Microsoft.ApiManagement/service/api/operations", "s", "a", "o");
            output h: string = tenantResourceId("Microsoft.Storage/storageAcounts/providers/roleAssignments", "st", "Microsoft.Authorization", "g");
            output i: string = resourceId("Microsoft.ApiManagement/service/apiz", "s", "a");
        }),
        [
            "unknown resource type `Microsoft.Network/applicationGateways/frontendIPConfiguration` in `resourceId`, did you mean `Microsoft.Network/applicationGateways/frontendIPConfigurations`?",
            "unknown resource type `Microsoft.Network/applicationGateway/frontendIPConfigurations` in `resourceId`, did you mean `Microsoft.Network/applicationGateways/frontendIPConfigurations`?",
            "unknown resource type `Microsoft.Network/applicationGateways/urlPathMaps/pathRule` in `resourceId`, did you mean `Microsoft.Network/applicationGateways/urlPathMaps/pathRules`?",
            "`resourceId` of `Microsoft.Network/applicationGateways/frontendIPConfigurations` takes 2 name arguments, found 1: one per segment of the type, in order: the `applicationGateways` name, the `frontendIPConfigurations` name",
            "unknown resource type `Microsoft.Network/frontDoors/backendPool` in `subscriptionResourceId`, did you mean `Microsoft.Network/frontDoors/backendPools`?",
            "unknown resource type `Microsoft.ApiManagement/service/api/operations` in `resourceId`, did you mean `Microsoft.ApiManagement/service/apis/operations`?",
            "unknown resource type `Microsoft.Storage/storageAcounts/providers/roleAssignments` in `tenantResourceId`, did you mean `Microsoft.Storage/storageAccounts/providers/roleAssignments`?",
            "unknown resource type `Microsoft.ApiManagement/service/apiz` in `resourceId`, did you mean `Microsoft.ApiManagement/service/apis`?",
        ]
    );
    assert_ok(quote! {
        const T;
        // Keys a template reads with `listKeys`; the data has no such type.
        output a: string = resourceId("Microsoft.Devices/IotHubs/IotHubKeys", "hub", "iothubowner");
        // A provider the data lacks.
        output b: string = resourceId("Contoso.Widgets/gadgets/parts", "g", "p");
    });
}

/// The id of a resource declared with an unknown type is not reported again:
/// the declaration's type is, once.
#[test]
fn ids_of_a_declared_unknown_type_are_reported_at_the_declaration_only() {
    assert_eq!(
        errors(quote! {
            const T;
            resource views "Microsoft.OperationalInsights/workspaces/view@2015-11-01-preview" { name: "ws/v" }
            output a: string = resourceId("Microsoft.OperationalInsights/workspaces/view", "ws", "v");
        }),
        [
            "unknown resource type `Microsoft.OperationalInsights/workspaces/view` (did you mean `Microsoft.OperationalInsights/workspaces`?); to deploy a type the type data does not know, mark the resource `#[unchecked]`",
        ]
    );
}

#[test]
fn ids_in_depends_on_and_scopes_of_combined_names() {
    assert_eq!(
        errors(quote! {
            const T;
            param apimName: string;
            resource api "Microsoft.ApiManagement/service/apis@2024-05-01" existing { name: concat(apimName, "/orders") }
            resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
                name: "apim-id",
                location: "westeurope",
                dependsOn: [resourceId("Microsoft.ApiManagement/service/apis", concat(apimName, "/orders"))],
            }
        }),
        [
            "`resourceId` of `Microsoft.ApiManagement/service/apis` takes 2 name arguments, found 1: one per segment of the type, in order: the `service` name, the `apis` name",
            "`api` is `existing`: this template does not deploy it, so nothing can wait for it; remove it from `dependsOn`",
        ]
    );
    // An extension resource on a child declared by its combined name: its
    // scope names every segment of the child's type.
    let output = crate::compile(quote! {
        const T;
        param apimName: string;
        resource api "Microsoft.ApiManagement/service/apis@2024-05-01" existing { name: concat(apimName, "/orders") }
        resource lock "Microsoft.Authorization/locks@2020-05-01" {
            name: "no-delete",
            scope: api,
            properties: { level: "CanNotDelete" },
        }
    })
    .output
    .unwrap_or_else(|e| panic!("{:?}", e.iter().map(ToString::to_string).collect::<Vec<_>>()));
    assert!(
        output.arm.contains(
            "\"scope\": \"[format('Microsoft.ApiManagement/service/{0}/apis/{1}', parameters('apimName'), 'orders')]\""
        ),
        "{}",
        output.arm
    );
}

#[test]
fn an_empty_resources_array_nests_nothing() {
    let output = crate::compile(quote! {
        const T;
        resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "apim-id",
            location: "westeurope",
            resources: [],
        }
    })
    .output
    .unwrap_or_else(|e| {
        panic!(
            "{:?}",
            e.iter().map(ToString::to_string).collect::<Vec<_>>()
        )
    });
    assert!(
        !output.arm.contains("\"resources\": [\n        ]"),
        "{}",
        output.arm
    );
    assert!(!output.bicep.contains("resources"), "{}", output.bicep);
}

#[test]
fn slashes_anywhere_in_a_name_count_as_segments() {
    assert_eq!(
        errors(quote! {
            const T;
            param n: string;
            resource svc "Microsoft.ApiManagement/service@2024-05-01" existing { name: n }
            resource a "Microsoft.ApiManagement/service/apis@2024-05-01" existing { name: concat(n, "/", "x/y") }
            resource b "Microsoft.ApiManagement/service/apis@2024-05-01" existing { name: format("{0}/{1}", n, "x/y") }
            resource c "Microsoft.ApiManagement/service/apis@2024-05-01" existing { parent: svc, name: concat(n, "/o6") }
            resource d "Microsoft.ApiManagement/service/apis@2024-05-01" existing { name: concat(n, "/ok") }
            output ids: array = [a.id, b.id, c.id, d.id];
        }),
        [
            "this name of a `Microsoft.ApiManagement/service/apis` writes 2 `/`, so it has at least 3 segments; the type has 2: remove the extra `/` segments",
            "this name of a `Microsoft.ApiManagement/service/apis` writes 2 `/`, so it has at least 3 segments; the type has 2: remove the extra `/` segments",
            "with `parent:` set, the name of a `Microsoft.ApiManagement/service/apis` is only its own segment, but this name writes `/`: remove the parent's name and the `/`",
        ]
    );
}

#[test]
fn depends_on_an_id_held_in_a_variable_or_read_from_a_symbol() {
    let output = crate::compile(quote! {
        const T;
        param apimName: string;
        var apimId = resourceId("Microsoft.ApiManagement/service", apimName);
        resource svc "Microsoft.ApiManagement/service@2024-05-01" {
            name: apimName,
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            properties: { publisherEmail: "a@contoso.com", publisherName: "Contoso" },
        }
        resource a "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id-a",
            location: "westeurope",
            dependsOn: [apimId],
        }
        resource b "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id-b",
            location: "westeurope",
            dependsOn: [svc.id],
        }
    })
    .output
    .unwrap_or_else(|e| {
        panic!(
            "{:?}",
            e.iter().map(ToString::to_string).collect::<Vec<_>>()
        )
    });
    // Kept as written in ARM; the symbol in Bicep.
    assert!(
        output.arm.contains("\"[variables('apimId')]\""),
        "{}",
        output.arm
    );
    assert_eq!(
        output.bicep.matches("dependsOn: [\n    svc\n  ]").count(),
        2,
        "{}",
        output.bicep
    );
}

#[test]
fn enum_spelling_of_types_only_the_data_knows() {
    let warnings = |tokens: proc_macro2::TokenStream| -> Vec<String> {
        crate::compile(tokens)
            .output
            .unwrap_or_else(|_| panic!("valid"))
            .warnings
            .into_iter()
            .map(|w| w.message)
            .collect()
    };
    let found = warnings(quote! {
        const T;
        resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: "apim" }
        resource p "Microsoft.ApiManagement/service/products@2024-05-01" {
            parent: apim,
            name: "starter",
            properties: { displayName: "Starter", state: "Published" },
        }
    });
    assert_eq!(
        found,
        [
            "ARM accepts \"Published\", but the resource type's schema spells it \"published\" and templates that spell it otherwise fail schema validation: write \"published\", or mark `p` `#[allow(enum_spelling)]` to keep it as written"
        ]
    );
    assert!(
        warnings(quote! {
            const T;
            resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: "apim" }
            #[allow(enum_spelling)]
            resource p "Microsoft.ApiManagement/service/products@2024-05-01" {
                parent: apim,
                name: "starter",
                properties: { displayName: "Starter", state: "Published" },
            }
        })
        .is_empty()
    );
}
