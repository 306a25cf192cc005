//! Unit tests of the Bicep emitter: DSL snippets in, exact Bicep text out.

use crate::compile;
use proc_macro2::TokenStream;
use quote::quote;

/// The Bicep of a template, or a panic with the compile errors.
pub(super) fn bicep(tokens: TokenStream) -> String {
    match compile(tokens).output {
        Ok(output) => output.bicep,
        Err(errors) => {
            let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("template did not compile: {messages:?}")
        }
    }
}

/// Asserts the exact Bicep of a template, printing both texts on a mismatch.
#[track_caller]
pub(super) fn assert_bicep(tokens: TokenStream, expected: &str) {
    let actual = bicep(tokens);
    scratch(&actual);
    assert!(
        actual == expected,
        "--- actual ---\n{actual}\n--- expected ---\n{expected}\n"
    );
}

/// With `APIM_DSL_EMIT_DIR` set (as CI does), writes the text as
/// `$APIM_DSL_EMIT_DIR/bicep-unit/<test name>.bicep`, with an empty file for each
/// module it names, so that the conformance checks parse every expectation here.
fn scratch(text: &str) {
    let Some(dir) = std::env::var_os("APIM_DSL_EMIT_DIR") else {
        return;
    };
    if text.is_empty() {
        return;
    }
    let dir = std::path::Path::new(&dir).join("bicep-unit");
    std::fs::create_dir_all(&dir).expect("APIM_DSL_EMIT_DIR is writable");
    let thread = std::thread::current();
    let name = thread
        .name()
        .and_then(|n| n.rsplit("::").next())
        .unwrap_or("unnamed");
    std::fs::write(dir.join(format!("{name}.bicep")), format!("{text}\n"))
        .expect("APIM_DSL_EMIT_DIR is writable");
    for (at, _) in text.match_indices(super::MODULE_STEM_PLACEHOLDER) {
        if let Some(end) = text[at..].find('\'') {
            std::fs::write(dir.join(&text[at..at + end]), "")
                .expect("APIM_DSL_EMIT_DIR is writable");
        }
    }
}

/// `#[metadata({...})]` on a resource is the body's `metadata`, which Bicep
/// writes as the resource's member: Bicep has no `@metadata` for a resource
/// (BCP127), and its `@description` would write a second `metadata`, so the
/// doc comment of such a resource is that body metadata's `description`, as
/// in the ARM JSON.
#[test]
fn resource_metadata_is_the_bodys_metadata() {
    assert_bicep(
        quote! {
            pub const T;
            /// The identity
            #[metadata({ owner: "team-a", "odd-key": [1, "[x]"] })]
            resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
                name: "id1",
                location: "westeurope",
                comments: "a note",
            }
            #[metadata({ owner: "team-b" })]
            resource plain "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for i in range(0, 2) {
                name: concat("id", i),
                location: "westeurope",
            }
        },
        r#"// a note
resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id1'
  location: 'westeurope'
  metadata: {
    description: 'The identity'
    owner: 'team-a'
    'odd-key': [
      1
      '[x]'
    ]
  }
}

resource plain 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = [for i in range(0, 2): {
  name: 'id${i}'
  location: 'westeurope'
  metadata: {
    owner: 'team-b'
  }
}]"#,
    );
}

#[test]
fn parameters_with_every_decorator() {
    assert_bicep(
        quote! {
            pub const T;
            /// The service name
            #[minLength(1)]
            #[maxLength(50)]
            param serviceName: string;
            /// Tier
            #[allowed("Developer", "Premium")]
            param sku: string = "Developer";
            #[allowed(1, 2)]
            #[minValue(1)]
            #[maxValue(2)]
            param units: int = 1;
            #[secure]
            param password: string;
            param certificate: secureObject;
            #[metadata({ group: "network", "display-name": "Enabled?" })]
            param enabled: bool = false;
            param hosts: array = ["a.contoso.com"];
            param tags: object = { env: "dev", empty: {}, none: [] };
            output all: object = { a: serviceName, b: sku, c: units, d: enabled, e: hosts, f: tags };
            output secrets: secureObject = { p: password, c: certificate };
        },
        r#"@description('The service name')
@minLength(1)
@maxLength(50)
param serviceName string

@description('Tier')
@allowed([
  'Developer'
  'Premium'
])
param sku string = 'Developer'

@allowed([
  1
  2
])
@minValue(1)
@maxValue(2)
param units int = 1

@secure()
param password string

@secure()
param certificate object

@metadata({
  group: 'network'
  'display-name': 'Enabled?'
})
param enabled bool = false

param hosts array = [
  'a.contoso.com'
]

param tags object = {
  env: 'dev'
  empty: {}
  none: []
}

output all object = {
  a: serviceName
  b: sku
  c: units
  d: enabled
  e: hosts
  f: tags
}

@secure()
output secrets object = {
  p: password
  c: certificate
}"#,
    );
}

#[test]
fn template_description_and_metadata_lead_schema_is_left_out() {
    assert_bicep(
        quote! {
            /// Deploys things.
            ///
            /// Second line.
            #[schema("https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#")]
            #[contentVersion("2.0.0.0")]
            #[metadata({ owner: "platform", nested: { a: [1] } })]
            pub const T;
            var v = 1;
            output o: int = v;
        },
        r#"metadata description = 'Deploys things.\nSecond line.'
metadata owner = 'platform'
metadata nested = {
  a: [
    1
  ]
}

var v = 1

output o int = v"#,
    );
}

#[test]
fn variables_with_descriptions_and_loops() {
    assert_bicep(
        quote! {
            pub const T;
            param names: array = ["a"];
            /// Upper-cased names
            var upper = [for n in names: toUpper(n)];
            var indexed = [for (n, i) in names: { name: n, position: i }];
            var nested = { items: [for n in names: n] };
            var deeper = [for n in names: { chars: [for c in names: concat(n, c)] }];
            output o: array = [upper, indexed, nested, deeper];
        },
        r#"param names array = [
  'a'
]

@description('Upper-cased names')
var upper = [for n in names: toUpper(n)]

var indexed = [for (n, i) in names: {
  name: n
  position: i
}]

var nested = {
  items: map(names, n => n)
}

var deeper = [for n in names: {
  chars: map(names, c => concat(n, c))
}]

output o array = [
  upper
  indexed
  nested
  deeper
]"#,
    );
}

#[test]
fn resources_existing_parent_and_scope() {
    assert_bicep(
        quote! {
            pub const T;
            param rg: string;
            /// The shared vault
            #[unchecked]
            resource kv "Microsoft.KeyVault/vaults@2023-07-01" existing {
                name: "shared",
                scope: resourceGroup(rg),
            }
            #[unchecked]
            resource local "Microsoft.KeyVault/vaults@2023-07-01" existing {
                name: "local",
            }
            #[unchecked]
            resource secret "Microsoft.KeyVault/vaults/secrets@2023-07-01" {
                parent: local,
                name: "s",
                properties: { value: kv.properties.vaultUri },
            }
            #[unchecked]
            resource ra "Microsoft.Authorization/roleAssignments@2022-04-01" {
                name: guid(local.id, "reader"),
                scope: local,
                properties: { principalId: "p", roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7" },
            }
        },
        r#"param rg string

@description('The shared vault')
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'shared'
  scope: resourceGroup(rg)
}

resource local 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'local'
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: local
  name: 's'
  properties: {
    value: kv.properties.vaultUri
  }
}

resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(local.id, 'reader')
  scope: local
  properties: {
    principalId: 'p'
    roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7'
  }
}"#,
    );
}

#[test]
fn resource_loops_and_conditions() {
    assert_bicep(
        quote! {
            pub const T;
            param names: array;
            param deploy: bool = true;
            #[unchecked]
            #[batchSize(1)]
            resource a "Test.Provider/widgets@2024-01-01" for (n, i) in names {
                name: n,
                properties: { position: i },
            }
            #[unchecked]
            resource b "Test.Provider/widgets@2024-01-01" if deploy && length(names) > 1 {
                name: "b",
            }
            #[unchecked]
            resource c "Test.Provider/widgets@2024-01-01" for n in names if !empty(n) {
                name: concat("c-", n),
                properties: { items: [for x in names: { x: x, n: n }] },
            }
            #[unchecked]
            resource d "Test.Provider/widgets@2024-01-01" for n in range(0, 2) {
                name: string(n),
            }
            // raw ARM style counting: `copyIndex()` is the loop's index in Bicep
            #[unchecked]
            resource e "Test.Provider/widgets@2024-01-01" for n in names {
                name: concat("e-", string(copyIndex(1))),
                properties: { position: copyIndex(), name: n },
            }
        },
        r#"param names array

param deploy bool = true

@batchSize(1)
resource a 'Test.Provider/widgets@2024-01-01' = [for (n, i) in names: {
  name: n
  properties: {
    position: i
  }
}]

resource b 'Test.Provider/widgets@2024-01-01' = if (deploy && length(names) > 1) {
  name: 'b'
}

resource c 'Test.Provider/widgets@2024-01-01' = [for n in names: if (!empty(n)) {
  name: 'c-${n}'
  properties: {
    items: [for x in names: {
      x: x
      n: n
    }]
  }
}]

resource d 'Test.Provider/widgets@2024-01-01' = [for n in range(0, 2): {
  name: string(n)
}]

resource e 'Test.Provider/widgets@2024-01-01' = [for (n, i) in names: {
  name: 'e-${string(i + 1)}'
  properties: {
    position: i
    name: n
  }
}]"#,
    );
}

#[test]
fn depends_on_only_what_bicep_cannot_infer() {
    assert_bicep(
        quote! {
            pub const T;
            #[unchecked]
            resource a "Test.Provider/widgets@2024-01-01" { name: "a" }
            #[unchecked]
            resource b "Test.Provider/widgets@2024-01-01" { name: "b" }
            var aId = a.id;
            // written and implied through a variable: Bicep infers it
            #[unchecked]
            resource c "Test.Provider/widgets@2024-01-01" {
                name: "c",
                properties: { ref: aId },
                dependsOn: [a, b],
            }
            // written in the raw ARM style: resourceId(...) names `b`
            #[unchecked]
            resource d "Test.Provider/widgets@2024-01-01" {
                name: "d",
                dependsOn: [resourceId("Test.Provider/widgets", "b")],
            }
            // implied only
            #[unchecked]
            resource e "Test.Provider/widgets@2024-01-01" {
                parent: a,
                name: "e",
                properties: { other: b.properties.x },
            }
        },
        r#"resource a 'Test.Provider/widgets@2024-01-01' = {
  name: 'a'
}

resource b 'Test.Provider/widgets@2024-01-01' = {
  name: 'b'
}

var aId = a.id

resource c 'Test.Provider/widgets@2024-01-01' = {
  name: 'c'
  properties: {
    ref: aId
  }
  dependsOn: [
    b
  ]
}

resource d 'Test.Provider/widgets@2024-01-01' = {
  name: 'd'
  dependsOn: [
    b
  ]
}

resource e 'Test.Provider/widgets@2024-01-01' = {
  parent: a
  name: 'e'
  properties: {
    other: b.properties.x
  }
}"#,
    );
}

#[test]
fn outputs_with_descriptions_secure_values_and_loops() {
    assert_bicep(
        quote! {
            pub const T;
            #[secure]
            param key: string;
            param names: array = [];
            /// The key, for the caller only
            output key: secureString = key;
            output lengths: array = [for n in names: length(n)];
            output pairs: array = [for (n, i) in names: { name: n, index: i }];
        },
        r#"@secure()
param key string

param names array = []

@description('The key, for the caller only')
@secure()
output key string = key

output lengths array = [for n in names: length(n)]

output pairs array = [for (n, i) in names: {
  name: n
  index: i
}]"#,
    );
}

#[test]
fn modules_point_at_the_placeholder_stem() {
    assert_bicep(
        quote! {
            pub const T;
            param hosts: array;
            #[unchecked]
            resource a "Test.Provider/widgets@2024-01-01" { name: "a" }
            /// One domain per host
            module domains = crate::DOMAIN for h in hosts if !empty(h) {
                name: concat("domain-", h),
                params: { hostName: h, widget: a.id, settings: { tls: true } },
            }
            module other = crate::other::OTHER {
                name: "other",
                dependsOn: [a],
            }
            module third = OTHER {
                params: { value: other.outputs.result },
                dependsOn: [other],
            }
        },
        r#"param hosts array

resource a 'Test.Provider/widgets@2024-01-01' = {
  name: 'a'
}

@description('One domain per host')
module domains '__apim_dsl_module_stem__0.bicep' = [for h in hosts: if (!empty(h)) {
  name: 'domain-${h}'
  params: {
    hostName: h
    widget: a.id
    settings: {
      tls: true
    }
  }
}]

module other '__apim_dsl_module_stem__1.bicep' = {
  name: 'other'
  dependsOn: [
    a
  ]
}

module third '__apim_dsl_module_stem__2.bicep' = {
  name: 'third'
  params: {
    value: other.outputs.result
  }
}"#,
    );
}

#[path = "bicep_expr_tests.rs"]
mod expressions;

#[test]
fn resource_comments_become_comment_lines_above_the_declaration() {
    assert_bicep(
        quote! {
            pub const T;
            param names: array;
            /// An identity
            resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
                name: "id-notes",
                location: "westeurope",
                comments: "reference notes\nsecond line",
            }
            resource ids "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for n in names {
                name: n,
                location: "westeurope",
                comments: concat("for ", n),
            }
        },
        r#"param names array

// reference notes
// second line
@description('An identity')
resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-notes'
  location: 'westeurope'
}

// comments: 'for ${n}'
resource ids 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = [for n in names: {
  name: n
  location: 'westeurope'
}]"#,
    );
}

/// Bicep rejects two functions whose names differ only in case (BCP353), and
/// compiles both into `__bicep`, where ARM reads names ignoring case: the later
/// one of another namespace takes its namespace as a prefix, camel-cased
/// (`otherPrefix`), as for equal names.
#[test]
fn functions_of_other_namespaces_differing_only_in_case_are_renamed() {
    assert_bicep(
        quote! {
            pub const T;
            #[namespace("ns")]
            func prefix(n: string): string = concat("pre-", n);
            #[namespace("other")]
            func Prefix(): string = "o";
            output a: string = ns.prefix("x");
            output b: string = other.Prefix();
        },
        r#"func prefix(n string) string => 'pre-${n}'

func otherPrefix() string => 'o'

output a string = prefix('x')

output b string = otherPrefix()"#,
    );
}

/// A prefixed name avoids every other symbol ignoring case: parameters,
/// variables, resources, outputs and other functions, taking the first free
/// number.
#[test]
fn prefixed_function_names_avoid_every_symbol_ignoring_case() {
    assert_bicep(
        quote! {
            pub const T;
            param OtherPrefix: string;
            var OTHERPREFIX2 = "v";
            #[namespace("ns")]
            func prefix(): string = "n";
            #[namespace("other")]
            func Prefix(): string = "o";
            #[namespace("third")]
            func PREFIX(): string = "t";
            output thirdprefix: string = concat(OtherPrefix, OTHERPREFIX2);
            output a: string = concat(ns.prefix(), other.Prefix(), third.PREFIX());
        },
        r#"param OtherPrefix string

var OTHERPREFIX2 = 'v'

func prefix() string => 'n'

func otherPrefix3() string => 'o'

func thirdPREFIX2() string => 't'

output thirdprefix string = '${OtherPrefix}${OTHERPREFIX2}'

output a string = '${prefix()}${otherPrefix3()}${thirdPREFIX2()}'"#,
    );
}

/// A scope function's result read in another case than its documentation
/// spells it (`member_case`): ARM keeps the written case, Bicep, which types
/// these results strictly (BCP083), gets the documented one.
#[test]
fn function_results_in_another_case_are_spelled_as_documented() {
    assert_bicep(
        quote! {
            #[allow(member_case)]
            const T;
            var rg = resourceGroup();
            output a: string = resourceGroup().Location;
            output b: string = rg.LOCATION;
            output c: string = resourceGroup().Properties.ProvisioningState;
        },
        "var rg = resourceGroup()\n\noutput a string = resourceGroup().location\n\noutput b string = rg.location\n\noutput c string = resourceGroup().properties.provisioningState",
    );
}
