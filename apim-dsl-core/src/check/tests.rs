use crate::compile;
use quote::quote;

use crate::compile_errors as errors;

#[test]
fn defaults_match_their_types() {
    let found = errors(quote! {
        const T;
        param a: int = "one";
        param b: string = 1;
        param c: array = {};
        param d: bool = concat("x", "y");
        output o: array = [a, b, c, d];
    });
    assert_eq!(
        found,
        [
            "the default of `a` must be an int, found a string",
            "the default of `b` must be a string, found an int",
            "the default of `c` must be an array, found an object",
            "the default of `d` must be a bool, found a string",
        ]
    );
}

#[test]
fn allowed_values_and_bounds() {
    let found = errors(quote! {
        const T;
        #[allowed("Developer", "Premium", 3)]
        param sku: string = "Basic";
        #[minLength(3)] #[maxLength(2)]
        param name: string = "ab";
        #[minValue(1)] #[maxValue(4)]
        param count: int = 9;
        #[minValue(1)]
        param label: string = "x";
        #[maxLength(1)]
        param flag: bool = true;
        output o: array = [sku, name, count, label, flag];
    });
    assert_eq!(
        found,
        [
            "allowed value of `sku` must be a string, found an int",
            "the default of `sku` is not one of its allowed values: `\"Developer\"`, `\"Premium\"`, `3`",
            "`maxLength` (2) is less than `minLength` (3)",
            "the default of `name` has length 2, below the minimum 3",
            "the default of `count` has value 9, above the maximum 4",
            "`#[minValue]` applies to int parameters, not `string`",
            "`#[maxLength]` applies to string and array parameters, not `bool`",
        ]
    );
}

#[test]
fn secrets_stay_out_of_defaults_and_outputs() {
    let found = errors(quote! {
        const T;
        #[secure]
        param password: string = "hunter2";
        #[secure]
        param empty: string = "";
        param storageId: string;
        output leaked: string = concat("pw: ", password);
        output keys: object = listKeys(storageId, "2023-01-01");
        output fine: secureString = empty;
    });
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found[0].starts_with("`password` is a secureString with a literal default"),
        "{found:?}"
    );
    assert!(
        found[1].starts_with("output `leaked` reveals the secure parameter `password`"),
        "{found:?}"
    );
    assert!(
        found[2].starts_with("output `keys` reveals the result of `listKeys`"),
        "{found:?}"
    );
}

#[test]
fn functions_out_of_place() {
    let found = errors(quote! {
        const T;
        param stamp: string = utcNow();
        param id: string;
        var when = utcNow();
        var state = reference(id, "2020-01-01").state;
        #[unchecked]
        resource r "A.B/c@1" { name: reference(id, "2020-01-01").name }
        output o: array = [stamp, when, state];
    });
    assert_eq!(
        found,
        [
            "`utcNow` can only be used in a parameter's default value",
            "`reference` reads deployed state and cannot be used in a variable (ARM evaluates variables before any resource is deployed; inline the expression where it is used)",
            "`reference` reads deployed state and cannot be used in a resource name",
        ]
    );
}

#[test]
fn expression_types() {
    let found = errors(quote! {
        const T;
        param s: string;
        param a: array;
        param n: int;
        output o1: string = s.length;
        output o2: array = concat(s, a);
        output o3: int = s + "x";
        output o4: bool = n && true;
        output o5: string = uniqueString(n);
        output o6: string = n;
        output o7: string = a["key"];
    });
    assert_eq!(
        found,
        [
            "`.length` reads a property of an object, but this is a string",
            "`concat` cannot mix string and array: argument 1 is a string, argument 2 is an array",
            "`+` adds ints; join strings with `concat(a, b)` or `format(\"{0}{1}\", a, b)`",
            "the left operand of `&&` must be a bool, found an int",
            "argument 1 of `uniqueString` must be a string, found an int",
            "the value of output `o6` must be a string, found an int",
            "an array index must be an int, found a string",
        ]
    );
}

#[test]
fn symbolic_members() {
    let found = errors(quote! {
        const T;
        #[unchecked]
        resource plain "A.B/c@1" { name: "p" }
        #[unchecked]
        resource looped "A.B/c@1" for n in ["a", "b"] { name: n }
        output o1: string = plain.principalId;
        output o2: string = plain.identity.principalId;
        output o3: string = plain.idd;
        output o4: string = looped.id;
        output o5: string = plain[0].id;
        output o6: string = looped[0].id;
        output o7: object = plain;
    });
    assert_eq!(
        found,
        [
            "resource `plain` has no member `principalId`, did you mean `plain.identity.principalId`?",
            "resource `plain` has no member `idd`, did you mean `id`?",
            "`looped` is declared with a loop: pick one copy, e.g. `looped[0].id`",
            "`plain` is not declared with a loop, so it cannot be indexed",
            "a resource is not a value: use `plain.id`, `plain.name` or `plain.properties.<name>`",
        ],
        "`plain.identity` passes: an #[unchecked] resource may have an identity the DSL cannot see"
    );
    let found = errors(quote! {
        const T;
        resource other "Microsoft.ApiManagement/service@2024-05-01" existing { name: "other" }
        resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
        resource apim "Microsoft.ApiManagement/service@2024-05-01" {
            name: "apim",
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            properties: { publisherEmail: "a@b.c", publisherName: "n" },
        }
        output o1: string = apim.identity.principalId;
        output o2: string = other.identity.clientId;
        output o3: string = vault.identity.principalId;
    });
    assert_eq!(
        found,
        [
            "resource `apim` has no managed identity: add `identity: { type: \"SystemAssigned\" }` to it",
            "an identity has no member `clientId`, expected `principalId`, `tenantId`, `type` or `userAssignedIdentities`",
            "resource `vault` has no managed identity: `Microsoft.KeyVault/vaults` cannot have one; read the identity of the resource that has it",
        ]
    );
}

#[test]
fn dependencies_and_cycles() {
    let found = errors(quote! {
        const T;
        #[unchecked]
        resource a "A.B/c@1" { name: "a", dependsOn: [b] }
        #[unchecked]
        resource b "A.B/c@1" { name: "b", properties: { x: a.properties.y } }
        #[unchecked]
        resource c "A.B/c@1" { name: "c", dependsOn: [c, e] }
        #[unchecked]
        resource e "A.B/c@1" existing { name: "e" }
    });
    assert_eq!(
        found,
        [
            "`c` cannot depend on itself",
            "`e` is `existing`: this template does not deploy it, so nothing can wait for it; remove it from `dependsOn`",
            "dependency cycle: `a` -> `b` -> `a`; ARM cannot deploy any of them first",
        ]
    );
}

/// A deployment's secure outputs read by hand as Bicep writes the read,
/// `listOutputsWithSecureValues(<deployment id>, version).x`, are no unknown
/// resource function (the type data does not list it); a misspelling is.
#[test]
fn secure_outputs_of_a_deployment_read_by_hand() {
    let found = errors(quote! {
        const T;
        module maker = INNER { name: "maker" }
        resource user "Microsoft.Resources/deployments@2021-04-01" {
            name: "user",
            properties: {
                mode: "Incremental",
                templateLink: { uri: "https://contoso.com/user.json" },
                parameters: {
                    pw: { value: listOutputsWithSecureValues(resourceId("Microsoft.Resources/deployments", "maker"), "2021-04-01").s },
                    other: { value: listOutputWithSecureValues(resourceId("Microsoft.Resources/deployments", "maker"), "2021-04-01").s },
                },
            },
            dependsOn: [maker],
        }
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("has no resource function `listOutputWithSecureValues`"),
        "{found:?}"
    );
}

/// A misspelt resource type is reported at the declaration once: a
/// `dependsOn` id naming the right type is not told to name the
/// misspelling; one naming another wrong type still is.
#[test]
fn a_misspelt_type_is_not_suggested_to_dependencies() {
    let found = errors(quote! {
        const T;
        resource uai "Microsoft.ManagedIdentity/userAssignedIdentites@2023-01-31" {
            name: "uai",
            location: "westeurope",
        }
        resource other "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "other",
            location: "westeurope",
            dependsOn: [
                resourceId("Microsoft.ManagedIdentity/userAssignedIdentities", "uai"),
                resourceId("Microsoft.KeyVault/vaults", "kv"),
            ],
        }
    });
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found
            .iter()
            .any(|m| m.contains("userAssignedIdentites") && !m.contains("dependsOn")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.contains("names a `Microsoft.KeyVault/vaults`")),
        "{found:?}"
    );
}

/// A module reading its own outputs in its declaration, as a resource
/// reading its own state, is an error (Bicep's BCP079); reading another
/// module's is not.
#[test]
fn modules_cannot_read_their_own_outputs() {
    let found = errors(quote! {
        const T;
        param regions: array;
        module m = INNER { name: "m", params: { host: m.outputs.url } }
        module looped = INNER for (r, i) in regions {
            name: r,
            params: { host: looped[0].outputs.url },
        }
        module other = INNER { name: "other", params: { host: m.outputs.url } }
    });
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with("`m` reads its own outputs"),
        "{found:?}"
    );
    assert!(
        found[1].starts_with("`looped` reads its own outputs"),
        "{found:?}"
    );
}

/// A module naming itself in `dependsOn`, by its symbol or by its
/// deployment's name, is the error a resource gets.
#[test]
fn modules_cannot_depend_on_themselves() {
    let found = errors(quote! {
        const T;
        param regions: array;
        module single = INNER { name: "single", dependsOn: [single] }
        module looped = INNER for r in regions { name: r, dependsOn: [looped] }
        module named = INNER { name: "named", dependsOn: ["named"] }
        module fine = INNER { name: "fine", dependsOn: [single] }
    });
    assert_eq!(
        found,
        [
            "`single` cannot depend on itself",
            "`looped` cannot depend on itself",
            "`named` cannot depend on itself",
        ]
    );
}

#[test]
fn loops_where_bicep_allows_them() {
    let found = errors(quote! {
        const T;
        param xs: array;
        var ok = [for x in xs: x];
        var nested = { inner: [for x in xs: { v: x }] };
        output bad: array = union([for x in xs: x], xs);
        output notArray: string = [for x in xs: x];
        output use_: array = [ok, nested];
    });
    assert_eq!(
        found,
        [
            "output `notArray` is a loop, so it must be declared `array`",
            "a `[for ...]` loop can only be the value of a variable, an output or an object property; use `map(source, x => ...)` here",
        ]
    );
}

#[test]
fn limits() {
    let params: Vec<proc_macro2::TokenStream> = (0..257)
        .map(|i| {
            let name = quote::format_ident!("p{i}");
            quote! { #[allow(unused)] param #name: string; }
        })
        .collect();
    let found = errors(quote! { const T; #(#params)* });
    assert_eq!(
        found,
        [
            "too many parameters: ARM allows 256 per template and this is number 257; split the template into modules"
        ]
    );
    let long = "x".repeat(25_000);
    let found = errors(quote! { const T; param p: string; output o: string = concat(p, #long); });
    assert_eq!(
        found,
        [
            "this expression is 25029 characters long in ARM JSON; ARM allows 24576: move parts into variables"
        ]
    );
    let found = errors(quote! { const T; output o: string = #long; });
    assert!(
        found.is_empty(),
        "a literal is not an expression: {found:?}"
    );
}

#[test]
fn names_that_depend_on_themselves() {
    let found = errors(quote! {
        const T;
        #[unchecked]
        resource a "A.B/c@1" { name: concat(b.name, "-a") }
        #[unchecked]
        resource b "A.B/c@1" { name: concat(a.name, "-b") }
    });
    assert_eq!(
        found[0],
        "the name of `a` depends on itself: `a` -> `b` -> `a`"
    );
    let found = errors(quote! {
        const T;
        #[unchecked]
        resource self_ "A.B/c@1" { name: self_.name }
    });
    assert_eq!(
        found[0],
        "the name of `self_` depends on itself: `self_` -> `self_`"
    );
}

fn warnings(tokens: proc_macro2::TokenStream) -> Vec<String> {
    match compile(tokens).output {
        Ok(output) => output.warnings.into_iter().map(|w| w.message).collect(),
        Err(errors) => panic!(
            "errors: {:?}",
            errors.iter().map(ToString::to_string).collect::<Vec<_>>()
        ),
    }
}

#[test]
fn over_broad_key_vault_access_is_a_warning() {
    let found = warnings(quote! {
        const T;
        param principal: string;
        resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv" }
        resource policy "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
            parent: vault,
            name: "add",
            properties: { accessPolicies: [{
                tenantId: subscription().tenantId,
                objectId: principal,
                permissions: { secrets: ["all"], certificates: ["get"] },
            }] },
        }
        grant admin { principal: principal, scope: vault, role: "Key Vault Administrator" }
        grant reader { principal: principal, scope: vault }
    });
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with("over-broad Key Vault access: `all` grants every secrets permission"),
        "{found:?}"
    );
    assert!(
        found[1].starts_with("over-broad Key Vault access: \"Key Vault Administrator\" on `vault`"),
        "{found:?}"
    );
    let silenced = warnings(quote! {
        const T;
        param principal: string;
        resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv" }
        #[allow(broad_access)]
        grant admin { principal: principal, scope: vault, role: "Key Vault Administrator" }
    });
    assert!(silenced.is_empty());
}

#[test]
fn arm_functions_without_bicep_equivalents() {
    let found = errors(quote! {
        const T;
        param n: string;
        param which: string;
        output f: int = float(n);
        output p: string = parameters(which);
    });
    assert_eq!(
        found,
        [
            "`float` has no Bicep equivalent, so this template could not be written as Bicep",
            "`parameters(...)` with a computed name has no Bicep equivalent: name the parameter directly",
        ]
    );
}

#[test]
fn read_only_properties_can_be_read() {
    let found = errors(quote! {
        const T;
        resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" { name: "apim-id", location: "westeurope" }
        resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv" }
        grant g { principal: id, scope: vault, role: "Reader" }
        #[unchecked]
        resource nested "Microsoft.Resources/deployments@2021-04-01" {
            name: "n",
            properties: { mode: "Incremental", template: {} },
        }
        output scope: string = g.properties.scope;
        output hash: string = nested.properties.templateHash;
    });
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn user_assigned_only_has_no_principal_of_its_own() {
    let found = errors(quote! {
        const T;
        resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" { name: "apim-id", location: "westeurope" }
        resource apim "Microsoft.ApiManagement/service@2024-05-01" {
            name: "contoso-apim",
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            identity: { type: "UserAssigned", userAssignedIdentities: { [uai.id]: {} } },
            properties: { publisherEmail: "a@contoso.com", publisherName: "Contoso" },
        }
        output principal: string = apim.identity.principalId;
        output fine: object = apim.identity.userAssignedIdentities;
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(
            "`apim` has no system-assigned identity, so `apim.identity.principalId` is empty"
        ),
        "{found:?}"
    );
}

#[test]
fn pinned_certificates_are_a_warning() {
    let domain = |key_vault_id: proc_macro2::TokenStream, allow: proc_macro2::TokenStream| {
        quote! {
            const T;
            resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" { name: "apim-id", location: "westeurope" }
            resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv" }
            resource cert "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: vault, name: "c" }
            grant read { principal: uai, scope: vault }
            #allow
            resource apim "Microsoft.ApiManagement/service@2024-05-01" {
                name: "contoso-apim",
                location: "westeurope",
                sku: { name: "Developer", capacity: 1 },
                identity: { type: "UserAssigned", userAssignedIdentities: { [uai.id]: {} } },
                properties: {
                    publisherEmail: "a@contoso.com",
                    publisherName: "Contoso",
                    hostnameConfigurations: [{
                        type: "Proxy",
                        hostName: "api.contoso.com",
                        keyVaultId: #key_vault_id,
                        identityClientId: uai.properties.clientId,
                    }],
                },
            }
        }
    };
    let pinned = warnings(domain(
        quote!(cert.properties.secretUriWithVersion),
        quote!(),
    ));
    assert_eq!(pinned.len(), 1, "{pinned:?}");
    assert!(
        pinned[0].starts_with("this certificate is pinned to one version"),
        "{pinned:?}"
    );
    let literal = warnings(domain(
        quote!("https://kv.vault.azure.net/secrets/c/0123456789abcdef0123456789abcdef"),
        quote!(),
    ));
    // The literal URI leaves `cert` unused, a warning of its own.
    let literal: Vec<&String> = literal
        .iter()
        .filter(|w| w.starts_with("this certificate is pinned"))
        .collect();
    assert_eq!(literal.len(), 1, "{literal:?}");
    assert!(warnings(domain(quote!(cert.properties.secretUri), quote!())).is_empty());
    let allowed = warnings(domain(
        quote!(cert.properties.secretUriWithVersion),
        quote!(#[allow(pinned_certificate)]),
    ));
    assert!(allowed.is_empty());
}

#[test]
fn review_patterns_that_deploy_stay_valid() {
    // A condition written as a comparison guards reads under the same condition.
    let found = errors(quote! {
        const T;
        param env: string;
        resource apim "Microsoft.ApiManagement/service@2024-05-01" if env == "prod" {
            name: "contoso-apim",
            location: "westeurope",
            sku: { name: "Standard", capacity: 1 },
            properties: {
                publisherEmail: "a@contoso.com",
                publisherName: "Contoso",
                // The service's own host name is not a custom one.
                hostnameConfigurations: [
                    { type: "Proxy", hostName: "contoso-apim.azure-api.net", certificateSource: "BuiltIn", defaultSslBinding: false },
                    { type: "Proxy", hostName: "api.contoso.com", certificateSource: "Managed" },
                ],
            },
        }
        output gw: string = env == "prod" ? apim.properties.gatewayUrl : "";
    });
    assert!(found.is_empty(), "{found:?}");
    // The suggested `concat(...)` is valid DSL: quotes stay escaped.
    let found = errors(quote! {
        const T;
        param name: string;
        output o: string = "say \"hi\" ${name}";
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains(r#"write `concat("say \"hi\" ", name)`"#),
        "{found:?}"
    );
}

#[test]
fn access_given_by_a_module_the_binding_waits_for() {
    use crate::ir::ItemRef;
    // The vault is in the platform team's group: the grant can only be
    // deployed by a module there, and the binding module waits for it.
    let compilation = compile(quote! {
        const T;
        resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: "apim" }
        module access = crate::VAULT_ACCESS { scope: resourceGroup("rg-platform"), params: { principalId: "p" } }
        module domain = crate::BIND_DOMAIN { dependsOn: [access] }
        output o: string = apim.id;
    });
    let template = compilation
        .output
        .unwrap_or_else(|_| panic!("valid"))
        .template;
    let domain = template
        .order
        .iter()
        .filter_map(|i| match i {
            ItemRef::Module(m) => Some(*m),
            _ => None,
        })
        .find(|m| template.modules[*m].symbol == "domain")
        .expect("declared");
    assert!(crate::access::module_waits_for_access(&template, domain));
}

#[test]
fn a_role_on_the_resource_group_gives_access_to_its_vaults() {
    let found = errors(quote! {
        const T;
        resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
        resource secret "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: vault, name: "s" }
        resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "apim-identity",
            location: "westeurope",
        }
        // No `scope`: the role is on the resource group, inherited by the vault.
        resource ra "Microsoft.Authorization/roleAssignments@2022-04-01" {
            name: guid(resourceGroup().id, "secrets-user"),
            properties: {
                roleDefinitionId: subscriptionResourceId("Microsoft.Authorization/roleDefinitions", "4633458b-17de-408a-b874-0445c86b69e6"),
                principalId: identity.properties.principalId,
                principalType: "ServicePrincipal",
            },
        }
        resource apim "Microsoft.ApiManagement/service@2024-05-01" {
            name: "contoso-apim",
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            identity: { type: "UserAssigned", userAssignedIdentities: { [identity.id]: {} } },
            properties: { publisherEmail: "a@contoso.com", publisherName: "Contoso" },
        }
        resource nv "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
            parent: apim,
            name: "backend-key",
            properties: {
                displayName: "backend-key",
                secret: true,
                keyVault: { secretIdentifier: secret.properties.secretUri, identityClientId: identity.properties.clientId },
            },
            dependsOn: [ra],
        }
    });
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_parameter_that_is_a_name_is_checked_by_its_values() {
    let found = errors(quote! {
        const T;
        #[allowed("A-B", "stcontoso")]
        param stname: string;
        param other: string = "Bad_Name!";
        resource st "Microsoft.Storage/storageAccounts@2023-05-01" {
            name: stname,
            location: "westeurope",
            sku: { name: "Standard_LRS" },
            kind: "StorageV2",
        }
        resource st2 "Microsoft.Storage/storageAccounts@2023-05-01" {
            name: other,
            location: "westeurope",
            sku: { name: "Standard_LRS" },
            kind: "StorageV2",
        }
    });
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with("`A-B` is not a valid name for a `Microsoft.Storage/storageAccounts`"),
        "{found:?}"
    );
    assert!(
        found[1].starts_with("`Bad_Name!` is not a valid name"),
        "{found:?}"
    );
}

#[test]
fn review_duplicates_and_client_ids_in_access() {
    // Both deploy whenever `x` holds.
    let found = errors(quote! {
        const T;
        param x: bool;
        resource c "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" { name: "same2", location: "westeurope" }
        resource d "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" if x { name: "same2", location: "westeurope" }
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("`d` deploys the same"), "{found:?}");
    // An access policy for the identity's client id gives no access.
    let found = errors(quote! {
        const T;
        resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" { name: "apim-identity", location: "westeurope" }
        resource vault "Microsoft.KeyVault/vaults@2023-07-01" {
            name: "kv-contoso",
            location: "westeurope",
            properties: {
                tenantId: subscription().tenantId,
                sku: { family: "A", name: "standard" },
                accessPolicies: [{
                    tenantId: subscription().tenantId,
                    objectId: identity.properties.clientId,
                    permissions: { secrets: ["get"] },
                }],
            },
        }
        resource secret "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: vault, name: "s" }
        resource apim "Microsoft.ApiManagement/service@2024-05-01" {
            name: "contoso-apim",
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            identity: { type: "UserAssigned", userAssignedIdentities: { [identity.id]: {} } },
            properties: { publisherEmail: "a@contoso.com", publisherName: "Contoso" },
        }
        resource nv "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
            parent: apim,
            name: "backend-key",
            properties: {
                displayName: "backend-key",
                secret: true,
                keyVault: { secretIdentifier: secret.properties.secretUri, identityClientId: identity.properties.clientId },
            },
        }
    });
    assert!(
        found.iter().any(|e| e.contains("no access to `vault`")),
        "{found:?}"
    );
}

#[test]
fn review_secret_uris_built_on_an_id_or_the_vault_uri() {
    let found = errors(quote! {
        const T;
        resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
        resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: "apim" }
        #[access(external)]
        resource other "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-other" }
        resource a "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
            parent: apim,
            name: "a",
            properties: { displayName: "a", secret: true, keyVault: { secretIdentifier: concat(vault.id, "/secrets/s") } },
        }
        resource b "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
            parent: apim,
            name: "b",
            properties: { displayName: "b", secret: true, keyVault: { secretIdentifier: concat(vault.properties.vaultUri, "s") } },
        }
        output o: string = other.id;
    });
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].contains("an ARM resource id with a path after it"),
        "{found:?}"
    );
    assert!(
        found[1].contains("the vault's URI with a path that names no secret"),
        "{found:?}"
    );
}

#[test]
fn review_identity_keys_through_variables() {
    let found = errors(quote! {
        const T;
        var idName = "apim-identity";
        resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
        var vid = vault.id;
        resource apim "Microsoft.ApiManagement/service@2024-05-01" {
            name: "contoso-apim",
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            identity: { type: "UserAssigned", userAssignedIdentities: { [idName]: {}, [vid]: {} } },
            properties: { publisherEmail: "a@contoso.com", publisherName: "Contoso" },
        }
    });
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn review_hand_written_reference_of_a_conditional_resource() {
    let found = errors(quote! {
        const T;
        param deployIt: bool;
        resource apim "Microsoft.ApiManagement/service@2024-05-01" if deployIt {
            name: "contoso-apim",
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            properties: { publisherEmail: "a@contoso.com", publisherName: "Contoso" },
        }
        output a: string = reference(apim.id, "2024-05-01").gatewayUrl;
        output b: string = deployIt ? reference(apim.id, "2024-05-01").gatewayUrl : "";
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("`apim` is deployed only under a condition"),
        "{found:?}"
    );
}

#[test]
fn review_grant_of_a_principal_known_once_deployed() {
    let output = compile(quote! {
        const T;
        resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "apim-identity",
            location: "westeurope",
        }
        resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
        grant reads { principal: identity.properties.principalId, scope: vault }
        grant named { principal: identity.properties.principalId, scope: vault, role: "Key Vault Reader", name: guid(vault.id, "named") }
    })
    .output
    .unwrap_or_else(|e| panic!("{:?}", e.iter().map(ToString::to_string).collect::<Vec<_>>()));
    assert!(output.arm.contains("'reads'"), "{}", output.arm);
    assert!(
        output
            .arm
            .contains("guid(resourceId('Microsoft.KeyVault/vaults', 'kv-contoso'), 'named')"),
        "{}",
        output.arm
    );
}

#[test]
fn review_a_reader_without_an_identity_whatever_the_vault() {
    let found = errors(quote! {
        const T;
        resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" { name: "apim-identity", location: "westeurope" }
        #[access(external)]
        resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-platform" }
        resource secret "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: vault, name: "s" }
        resource apim "Microsoft.ApiManagement/service@2024-05-01" {
            name: "contoso-apim",
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            identity: { type: "UserAssigned", userAssignedIdentities: { [identity.id]: {} } },
            properties: { publisherEmail: "a@contoso.com", publisherName: "Contoso" },
        }
        resource a "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
            parent: apim,
            name: "a",
            properties: { displayName: "a", secret: true, keyVault: { secretIdentifier: secret.properties.secretUri } },
        }
        resource b "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
            parent: apim,
            name: "b",
            properties: { displayName: "b", secret: true, keyVault: { secretIdentifier: "https://kv-contoso.vault.azure.net/secrets/s" } },
        }
    });
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.iter().all(|e| e.starts_with(
            "without `identityClientId` this secret is read with `apim`'s system-assigned identity"
        )),
        "{found:?}"
    );
}

#[test]
fn review_children_of_a_conditional_parent() {
    let found = errors(quote! {
        const T;
        param deployIt: bool;
        resource apim "Microsoft.ApiManagement/service@2024-05-01" if deployIt {
            name: "contoso-apim",
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            properties: { publisherEmail: "a@contoso.com", publisherName: "Contoso" },
        }
        resource nv "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
            parent: apim,
            name: "nv",
            properties: { displayName: "nv", value: "x" },
        }
        resource ok "Microsoft.ApiManagement/service/namedValues@2024-05-01" if deployIt {
            parent: apim,
            name: "ok",
            properties: { displayName: "ok", value: "x" },
        }
    });
    assert_eq!(
        found,
        [
            "`apim` is deployed only under a condition, and ARM does not carry it to its children: give `nv` the same condition (`if ...`), or it is deployed under a parent that may not exist"
        ]
    );
}

#[test]
fn review_identity_type_through_a_variable() {
    let found = errors(quote! {
        const T;
        var idType = "UserAssigned";
        resource apim "Microsoft.ApiManagement/service@2024-05-01" {
            name: "contoso-apim",
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            identity: { type: idType, userAssignedIdentities: {} },
            properties: { publisherEmail: "a@contoso.com", publisherName: "Contoso" },
        }
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("`userAssignedIdentities` is empty"),
        "{found:?}"
    );
}

#[test]
fn review_members_of_a_full_reference() {
    let found = errors(quote! {
        const T;
        param rid: string;
        output a: string = reference(rid, "2024-05-01", "Full").gatewayUrl;
        output b: string = reference(rid, "2024-05-01")["identity"].principalId;
        output c: string = reference(rid, "2024-05-01", "Full").properties.gatewayUrl;
        output d: string = reference(rid, "2024-05-01", "Full").identity.principalId;
    });
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].contains("read `.properties.gatewayUrl`"),
        "{found:?}"
    );
    assert!(found[1].contains("without `\"Full\"`"), "{found:?}");
}

#[test]
fn review_a_service_with_no_identity_reading_a_certificate() {
    let found = errors(quote! {
        const T;
        resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
        resource cert "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: vault, name: "c" }
        resource apim "Microsoft.ApiManagement/service@2024-05-01" {
            name: "contoso-apim",
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            properties: {
                publisherEmail: "a@contoso.com",
                publisherName: "Contoso",
                hostnameConfigurations: [{
                    type: "Proxy",
                    hostName: "api.contoso.com",
                    certificateSource: "KeyVault",
                    keyVaultId: cert.properties.secretUri,
                }],
            },
        }
    });
    assert_eq!(
        found,
        [
            "`apim` has no managed identity to read this certificate with: add `identity: { type: \"SystemAssigned\" }` to `apim`, or attach a user-assigned identity and set `identityClientId: <identity>.properties.clientId`"
        ]
    );
}

#[test]
fn review_copy_counts_known_through_variables_and_arithmetic() {
    let found = errors(quote! {
        const T;
        var n = 900;
        var m = 400 * 3;
        output a: array = [for i in range(0, n): i];
        output b: array = [for i in range(0, m): i];
        output c: array = [for i in range(0, 2 - 5): i];
        output d: array = [for i in range(0, 10 * 80): i];
    });
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].contains("makes 900 copies"), "{found:?}");
    assert!(found[1].contains("makes 1200 copies"), "{found:?}");
    assert!(found[2].contains("cannot run -3 times"), "{found:?}");
}

#[test]
fn review_members_of_function_results_at_depth() {
    let found = errors(quote! {
        const T;
        var rg = resourceGroup();
        output a: string = environment().suffixes.keyvaltDns;
        output b: string = resourceGroup().properties.provisioningStat;
        output c: string = resourceGroup()["locaton"];
        output d: string = rg.locaton;
        output ok1: string = environment().suffixes.keyvaultDns;
        output ok2: string = rg.location;
    });
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(
        found[0].starts_with(
            "`environment().suffixes` returns no `keyvaltDns`, did you mean `keyvaultDns`?"
        ),
        "{found:?}"
    );
}

/// A member read in another case than its type spells it is read, as ARM
/// reads property names ignoring case: the `member_case` warning, not an
/// error, for function results (nested ones too, through a variable too) and
/// for a resource's deployed state the type data describes; a member that
/// is not one in any case is still an error.
#[test]
fn members_in_another_case_are_a_warning() {
    let tokens = quote! {
        const T;
        var rg = resourceGroup();
        resource ws "Microsoft.OperationalInsights/workspaces@2020-08-01" {
            name: "ws-1",
            location: "westeurope",
            properties: { sku: { name: "PerGB2018" } },
        }
        output a: string = resourceGroup().Location;
        output b: string = rg.LOCATION;
        output c: string = resourceGroup().Properties.ProvisioningState;
        output d: string = environment().Suffixes.keyvaultDns;
        output e: string = ws.properties.CustomerId;
        output f: string = ws.properties.Sku.Name;
        output ok: string = subscription().subscriptionId;
    };
    let found = warnings(tokens);
    let cased: Vec<(&str, &str)> = found
        .iter()
        .filter_map(|w| {
            let written = w.split("written here `").nth(1)?.split('`').next()?;
            let spelled = w.split(", written here").next()?.rsplit('`').nth(1)?;
            Some((written, spelled))
        })
        .collect();
    assert_eq!(
        cased,
        [
            ("Location", "location"),
            ("LOCATION", "location"),
            ("ProvisioningState", "provisioningState"),
            ("Properties", "properties"),
            ("Suffixes", "suffixes"),
            ("CustomerId", "customerId"),
            ("Sku", "sku"),
            ("Name", "name"),
        ],
        "{found:?}"
    );
    let found = errors(quote! {
        const T;
        resource ws "Microsoft.OperationalInsights/workspaces@2020-08-01" {
            name: "ws-1",
            location: "westeurope",
            properties: { sku: { name: "PerGB2018" } },
        }
        output a: string = resourceGroup().Locaton;
        output e: string = ws.properties.CustomerIdd;
    });
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].contains("returns no `Locaton`, did you mean `location`?"),
        "{found:?}"
    );
    assert!(
        found[1].contains("no property `CustomerIdd`, did you mean `customerId`?"),
        "{found:?}"
    );
}

#[test]
fn review_children_named_the_raw_way_read_key_vault_too() {
    let found = errors(quote! {
        const T;
        resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" { name: "apim-identity", location: "westeurope" }
        resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
        resource secret "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: vault, name: "s" }
        resource apim "Microsoft.ApiManagement/service@2024-05-01" {
            name: "apim1",
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            identity: { type: "UserAssigned", userAssignedIdentities: { [identity.id]: {} } },
            properties: { publisherEmail: "a@contoso.com", publisherName: "Contoso" },
        }
        resource nv "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
            name: "apim1/nv3",
            properties: {
                displayName: "nv3",
                secret: true,
                keyVault: { secretIdentifier: secret.properties.secretUri, identityClientId: identity.properties.clientId },
            },
            dependsOn: [apim],
        }
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("no access to `vault`"), "{found:?}");
}

#[test]
fn review_identity_attached_to_the_service_of_a_raw_child() {
    let found = errors(quote! {
        const T;
        resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" { name: "apim-identity", location: "westeurope" }
        resource identity2 "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" { name: "other-identity", location: "westeurope" }
        resource apim "Microsoft.ApiManagement/service@2024-05-01" {
            name: "apim1",
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            identity: { type: "UserAssigned", userAssignedIdentities: { [identity.id]: {} } },
            properties: { publisherEmail: "a@contoso.com", publisherName: "Contoso" },
        }
        #[access(external)]
        resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-platform" }
        resource secret "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: vault, name: "s" }
        resource nv "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
            name: "apim1/nv3",
            properties: {
                displayName: "nv3",
                secret: true,
                keyVault: { secretIdentifier: secret.properties.secretUri, identityClientId: identity2.properties.clientId },
            },
            dependsOn: [apim],
        }
    });
    assert!(
        found
            .iter()
            .any(|e| e.contains("is not attached to `apim`")),
        "{found:?}"
    );
}

#[test]
fn concat_joins_ints_and_bools_into_strings_as_arm_does() {
    // `concat('vm', copyIndex())` is the ARM docs' own loop example
    // (learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources).
    assert!(
        errors(quote! {
            const T;
            param n: int;
            param on: bool;
            output name: string = concat("vm", n, "-", on);
            output first: string = concat(n, "x");
        })
        .is_empty()
    );
    assert_eq!(
        errors(quote! {
            const T;
            param n: int;
            param a: array;
            output count: int = concat(n, "x");
            output mixed: array = concat(a, n);
        }),
        [
            "the value of output `count` must be an int, found a string",
            "`concat` cannot mix array and string: argument 1 is an array, argument 2 is a string",
        ]
    );
}

#[test]
fn a_literal_true_condition_is_no_condition() {
    // `"condition": true` (tools write it) deploys unconditionally: children and
    // readers need no condition of their own (breaker review).
    assert!(
        errors(quote! {
            const T;
            resource vnet "Microsoft.Network/virtualNetworks@2024-05-01" if true {
                name: "vnet",
                location: "westeurope",
                properties: { addressSpace: { addressPrefixes: ["10.0.0.0/16"] } },
            }
            resource subnet "Microsoft.Network/virtualNetworks/subnets@2024-05-01" {
                parent: vnet,
                name: "default",
                properties: { addressPrefix: "10.0.0.0/24" },
            }
            output guid: string = vnet.properties.resourceGuid;
        })
        .is_empty()
    );
}

#[test]
fn a_role_definition_id_names_a_guid() {
    let found = errors(quote! {
        const T;
        resource a "Microsoft.Authorization/roleAssignments@2022-04-01" {
            name: guid("a"),
            properties: {
                roleDefinitionId: subscriptionResourceId("Microsoft.Authorization/roleDefinitions", "4633458b-17de-408a-b874-0445c86b69e"),
                principalId: "00000000-0000-0000-0000-000000000001",
            },
        }
        resource b "Microsoft.Authorization/roleAssignments@2022-04-01" {
            name: guid("b"),
            properties: {
                roleDefinitionId: "acdd72a7-3385-48ef-bd42-f606fba81ae7-reader",
                principalId: "00000000-0000-0000-0000-000000000001",
            },
        }
        resource c "Microsoft.Authorization/roleAssignments@2022-04-01" {
            name: guid("c"),
            properties: {
                roleDefinitionId: "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7",
                principalId: "00000000-0000-0000-0000-000000000001",
            },
        }
        resource d "Microsoft.Authorization/roleAssignments@2022-04-01" {
            name: guid("d"),
            properties: {
                roleDefinitionId: subscriptionResourceId("Microsoft.Authorization/roleDefinitions", "acdd72a7-3385-48ef-bd42-f606fba81ae7"),
                principalId: "00000000-0000-0000-0000-000000000001",
            },
        }
    });
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with("`4633458b-17de-408a-b874-0445c86b69e` is not a GUID"),
        "{found:?}"
    );
    assert!(
        found[1].starts_with(
            "`acdd72a7-3385-48ef-bd42-f606fba81ae7-reader` is not a role definition's resource id"
        ),
        "{found:?}"
    );
}

/// A deployment kept as a resource, its template evaluated in this scope, has
/// loops of its own: `copyIndex()`, named or not, counts a looped resource of
/// that template (and its nested children); elsewhere in it, it is still an
/// error.
#[test]
fn copy_index_in_a_loop_of_an_inline_nested_template() {
    let template = |inner: proc_macro2::TokenStream| {
        quote! {
            pub const T;
            resource outer "Microsoft.Resources/deployments@2022-09-01" {
                name: "outer",
                properties: {
                    mode: "Incremental",
                    template: {
                        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                        contentVersion: "1.0.0.0",
                        resources: [#inner],
                    },
                },
            }
        }
    };
    assert_eq!(
        errors(template(quote! {
            {
                type: "Microsoft.ManagedIdentity/userAssignedIdentities",
                apiVersion: "2023-01-31",
                name: concat("id-", copyIndex("ids", 1)),
                location: "westeurope",
                copy: { name: "ids", count: 2 },
                resources: [{ type: "x", name: string(copyIndex()) }],
            }
        })),
        Vec::<String>::new()
    );
    assert_eq!(
        errors(template(quote! {
            {
                type: "Microsoft.ManagedIdentity/userAssignedIdentities",
                apiVersion: "2023-01-31",
                name: concat("id-", copyIndex()),
                location: "westeurope",
            }
        })),
        [
            "`copyIndex()` counts the copies of a resource or module loop and is only valid in one; elsewhere use a loop's index variable, `for (item, index) in ...`"
        ]
    );
}

/// Bicep's `${name}` is found wherever a string can be: `interpolation::take`
/// first looks whether any string holds `${` at all, and that look must cover
/// every place the check covers (a module's parameters, a computed key, a
/// condition, an output), not only resource bodies.
#[test]
fn bicep_interpolation_is_found_outside_resource_bodies() {
    let found = errors(quote! {
        const T;
        param host: string;
        param on: bool;
        module m = INNER { name: "m", params: { url: "https://${host}" } }
        var keyed = { ["${host}-key"]: 1 };
        resource r "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" if on && "${on}" == "true" {
            name: "r",
            location: "westeurope",
        }
        output o: object = keyed;
        output u: string = "${host}";
    });
    let interpolations = found
        .iter()
        .filter(|m| m.contains("is Bicep interpolation"))
        .count();
    assert_eq!(interpolations, 4, "{found:?}");
}

/// A legacy extension form whose name gives the wrong namespace: the one
/// extension type of that name is the hint, not a look-alike of the whole.
#[test]
fn legacy_extension_in_the_wrong_namespace_names_the_right_one() {
    let found = errors(quote! {
        const T;
        resource st "Microsoft.Storage/storageAccounts@2023-01-01" {
            name: "stcontoso",
            location: "westeurope",
            sku: { name: "Standard_LRS" },
            kind: "StorageV2",
        }
        resource ra "Microsoft.Storage/storageAccounts/providers/roleAssignments@2022-04-01" {
            name: "stcontoso/Microsoft.Insights/4b3c3f5e-7c3e-4a5e-9f3a-2a1b8c6d7e8f",
            properties: { roleDefinitionId: "x", principalId: "y" },
            dependsOn: [st],
        }
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("(`roleAssignments` is `Microsoft.Authorization/roleAssignments`: write `Microsoft.Authorization` in the name)"),
        "{found:?}"
    );
}

/// A copy is picked by an integer: a string parameter or a variable holding
/// text is refused as a literal string is; an integer parameter is not.
#[test]
fn copies_are_picked_by_integers() {
    let found = errors(quote! {
        const T;
        param k: string;
        param n: int;
        var s = "1";
        resource ids "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for i in range(0, 2) {
            name: concat("id-", string(i)),
            location: "westeurope",
        }
        resource b "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "bbb",
            location: "westeurope",
            dependsOn: [ids[k], ids[s], ids[n], ids[1]],
        }
    });
    assert_eq!(
        found,
        [
            "a copy of `ids` is picked by its integer index, from 0: `ids[0]`",
            "a copy of `ids` is picked by its integer index, from 0: `ids[0]`",
        ]
    );
}

/// A resource nested in a looped `existing` parent is deployed once for
/// each of its copies (at the top level, with a loop of its own: the parent
/// is not in the ARM output): its full name holds the parent's, so every
/// copy gets one name unless the parent's name (or its own) uses the loop.
/// An `existing` parent is not checked itself, so the child is.
#[test]
fn a_child_of_a_looped_existing_parent_needs_a_name_per_copy() {
    let template = |parent_name: proc_macro2::TokenStream, child_name: proc_macro2::TokenStream| {
        quote! {
            const T;
            resource apim "Microsoft.ApiManagement/service@2024-05-01" existing for i in range(0, 2) {
                name: #parent_name,
                resources: [
                    resource api "apis@2024-05-01" {
                        name: #child_name,
                        properties: { displayName: "Orders", path: "orders" },
                    },
                ],
            }
        }
    };
    assert_eq!(
        errors(template(quote!("contoso"), quote!("orders"))),
        [
            "every copy of `api` would get this same name in the same scope: use the loop variable `i` in `name` (or in `scope`)"
        ]
    );
    for (parent, child) in [
        (quote!(concat("contoso", string(i))), quote!("orders")),
        (quote!("contoso"), quote!(concat("orders", string(i)))),
    ] {
        assert_eq!(errors(template(parent, child)), Vec::<String>::new());
    }
    // Under a deployed parent the parent's name is checked, once.
    let deployed = errors(quote! {
        const T;
        resource apim "Microsoft.ApiManagement/service@2024-05-01" for i in range(0, 2) {
            name: "contoso",
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            properties: { publisherEmail: "a@contoso.com", publisherName: "Contoso" },
            resources: [
                resource api "apis@2024-05-01" {
                    name: "orders",
                    properties: { displayName: "Orders", path: "orders" },
                },
            ],
        }
    });
    assert_eq!(
        deployed,
        [
            "every copy of `apim` would get this same name in the same scope: use the loop variable `i` in `name` (or in `scope`)"
        ]
    );
}
