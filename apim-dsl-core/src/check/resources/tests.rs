//! Whole templates through [`crate::compile`]: what the resource table accepts and
//! the exact error for each kind of mistake.

use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn errors(tokens: TokenStream) -> Vec<String> {
    match crate::compile(tokens).output {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

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
            resource site "Microsoft.Web/sites@2022-03-01" { name: "x" }
        }),
        [
            "unknown resource type `Microsoft.ApiManagement/services` (did you mean `Microsoft.ApiManagement/service`?); to deploy a type the resource table does not know, mark the resource `#[unchecked]`",
            "unknown resource type `Microsoft.Web/sites`; to deploy a type the resource table does not know, mark the resource `#[unchecked]`",
        ]
    );
    assert_ok(quote! {
        const T;
        #[unchecked]
        resource site "Microsoft.Web/sites@2022-03-01" { name: "x", properties: { anything: 1 } }
        // Also for a known type at a version newer than the table.
        #[unchecked]
        resource apim "Microsoft.ApiManagement/service@2099-01-01" { name: "x" }
    });
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
