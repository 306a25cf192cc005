//! Unit tests of the Bicep emitter: DSL snippets in, exact Bicep text out.

use crate::compile;
use proc_macro2::TokenStream;
use quote::quote;

/// The Bicep of a template, or a panic with the compile errors.
fn bicep(tokens: TokenStream) -> String {
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
fn assert_bicep(tokens: TokenStream, expected: &str) {
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
                properties: { principalId: "p" },
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

#[test]
fn operators_keep_their_grouping() {
    assert_bicep(
        quote! {
            pub const T;
            param a: int = 1;
            param b: int = 2;
            param c: bool = true;
            param s: string = "x";
            output o1: int = (a + b) * 2;
            output o2: int = a - (b - 1);
            output o3: int = a - b - 1;
            output o4: bool = !(c && a > b);
            output o5: bool = !c || a >= b && a != 2;
            output o6: int = -(-a) + -1 - -b;
            output o7: string = c ? s : a == 1 ? "one" : "other";
            output o8: string = (c ? s : "y") ?? "z";
            output o9: bool = (a < b) == c;
            output o10: int = a % b / 2;
            output o11: string = c ? (a > 0 ? "p" : "n") : "z";
        },
        r#"param a int = 1

param b int = 2

param c bool = true

param s string = 'x'

output o1 int = (a + b) * 2

output o2 int = a - (b - 1)

output o3 int = a - b - 1

output o4 bool = !(c && a > b)

output o5 bool = !c || (a >= b && a != 2)

output o6 int = -(-a) + -1 - -b

output o7 string = c ? s : a == 1 ? 'one' : 'other'

output o8 string = (c ? s : 'y') ?? 'z'

output o9 bool = (a < b) == c

output o10 int = a % b / 2

output o11 string = c ? (a > 0 ? 'p' : 'n') : 'z'"#,
    );
}

#[test]
fn arm_only_functions_become_operators_and_literals() {
    assert_bicep(
        quote! {
            pub const T;
            param a: int = 1;
            param c: bool = true;
            param s: string = "x";
            output o1: string = r#if(c, s, "y");
            output o2: bool = and(c, equals(a, 1), not(c));
            output o3: bool = or(less(a, 2), greaterOrEquals(a, 5));
            output o4: int = mul(add(a, 1), sub(a, 2));
            output o5: string = coalesce(s, "default");
            output o6: array = createArray(1, "two", null());
            output o7: object = createObject("key", a, concat("k", s), c);
            output o8: int = r#mod(div(a, 2), 3);
            output o9: bool = lessOrEquals(a, 1) && greater(a, 0);
        },
        r#"param a int = 1

param c bool = true

param s string = 'x'

output o1 string = c ? s : 'y'

output o2 bool = c && a == 1 && !c

output o3 bool = a < 2 || a >= 5

output o4 int = (a + 1) * (a - 2)

output o5 string = s ?? 'default'

output o6 array = [
  1
  'two'
  null
]

output o7 object = {
  key: a
  'k${s}': c
}

output o8 int = a / 2 % 3

output o9 bool = a <= 1 && a > 0"#,
    );
}

#[test]
fn strings_interpolate_and_escape() {
    assert_bicep(
        quote! {
            pub const T;
            param name: string = "n";
            param items: array = [];
            param count: int = 1;
            var v1 = concat("app-", name, "-", uniqueString(resourceGroup().id));
            var v2 = concat(name, name);
            var v3 = concat(items, ["x"]);
            var v4 = concat("id-", string(count));
            var v5 = concat("a", concat(name, "b"), "c");
            var v6 = "quote ' backslash \\ dollar ${x} $y tab\t cr\r nl\n bell\u{7}";
            var v7 = concat("${", name, "}");
            var v8 = concat("a$", "{b}");
            var v9 = format("{0}-{1}", name, count);
            var v10 = concat(name);
            var v12 = "[literal]";
            output o: array = [v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v12];
        },
        r#"param name string = 'n'

param items array = []

param count int = 1

var v1 = 'app-${name}-${uniqueString(resourceGroup().id)}'

var v2 = '${name}${name}'

var v3 = concat(items, [
  'x'
])

var v4 = 'id-${string(count)}'

var v5 = 'a${name}bc'

var v6 = 'quote \' backslash \\ dollar \${x} $y tab\t cr\r nl\n bell\u{7}'

var v7 = '\${${name}}'

var v8 = 'a\${b}'

var v9 = format('{0}-{1}', name, count)

var v10 = name

var v12 = '[literal]'

output o array = [
  v1
  v2
  v3
  v4
  v5
  v6
  v7
  v8
  v9
  v10
  v12
]"#,
    );
}

#[test]
fn keys_and_members_are_quoted_only_when_needed() {
    assert_bicep(
        quote! {
            pub const T;
            param p: object = {};
            param k: string = "k";
            var v = {
                plain: 1,
                "with-dash": 2,
                "$schema": 3,
                "true": 4,
                "for": 5,
                "type": 6,
                [concat("dyn-", k)]: 7,
                [k]: 8,
                "": 9,
            };
            output o: array = [v, p.plain, p["with-dash"], p["type"], p.properties.items[0]];
        },
        r#"param p object = {}

param k string = 'k'

var v = {
  plain: 1
  'with-dash': 2
  '$schema': 3
  'true': 4
  'for': 5
  type: 6
  'dyn-${k}': 7
  '${k}': 8
  '': 9
}

output o array = [
  v
  p.plain
  p['with-dash']
  p.type
  p.properties.items[0]
]"#,
    );
}

#[test]
fn lambdas_and_map_loops() {
    assert_bicep(
        quote! {
            pub const T;
            param xs: array = [1, 2];
            var doubled = map(xs, x => x * 2);
            var total = reduce(xs, 0, (acc, x) => acc + x);
            var sorted = sort(xs, (a, b) => a < b);
            var kept = filter(xs, x => x > 1 && x < 10);
            var byName = toObject(xs, x => string(x), x => { value: x });
            var looped = union({ a: 1 }, { items: [for x in xs: x] });
            output o: array = [doubled, total, sorted, kept, byName, looped];
        },
        r#"param xs array = [
  1
  2
]

var doubled = map(xs, x => x * 2)

var total = reduce(xs, 0, (acc, x) => acc + x)

var sorted = sort(xs, (a, b) => a < b)

var kept = filter(xs, x => x > 1 && x < 10)

var byName = toObject(xs, x => string(x), x => {
  value: x
})

var looped = union({
  a: 1
}, {
  items: map(xs, x => x)
})

output o array = [
  doubled
  total
  sorted
  kept
  byName
  looped
]"#,
    );
}

#[test]
fn keyword_names_stay_and_shadowed_functions_are_qualified() {
    // Names Bicep cannot declare at all (`sys`, `az`, `null`, non-ASCII) are
    // rejected by the resolver; keywords that Bicep reads as identifiers stay.
    assert_bicep(
        quote! {
            pub const T;
            param format: string = "f";
            param resourceGroup: string = "rg";
            param resource: string = "r";
            param r#if: string = "i";
            var xs = [format, resourceGroup, resource, r#if];
            var names = [for xs in xs: concat(xs, "!")];
            var mapped = map(xs, format => format(format, 1));
            var located = resourceGroup().location;
            output o: array = [names, mapped, located, format("{0}", resource)];
        },
        r#"param format string = 'f'

param resourceGroup string = 'rg'

param resource string = 'r'

param if string = 'i'

var xs = [
  format
  resourceGroup
  (resource)
  if
]

var names = [for xs_ in xs: '${xs_}!']

var mapped = map(xs, format_ => sys.format(format_, 1))

var located = az.resourceGroup().location

output o array = [
  names
  mapped
  located
  sys.format('{0}', resource)
]"#,
    );
}

#[test]
fn raw_arm_style_stays_valid_bicep() {
    assert_bicep(
        quote! {
            pub const T;
            param vaultName: string;
            var serviceName = concat("apiservice", uniqueString(resourceGroup().id));
            var identityId = concat(
                resourceId("Microsoft.ApiManagement/service", serviceName),
                "/providers/Microsoft.ManagedIdentity/Identities/default",
            );
            #[unchecked]
            resource apim "Microsoft.ApiManagement/service@2017-03-01" {
                name: serviceName,
                identity: { type: "systemAssigned" },
            }
            #[unchecked]
            resource policy "Microsoft.KeyVault/vaults/accessPolicies@2015-06-01" {
                name: concat(vaultName, "/add"),
                dependsOn: [resourceId("Microsoft.ApiManagement/service", serviceName)],
                properties: {
                    accessPolicies: [{
                        objectId: reference(identityId, "2015-08-31-PREVIEW").principalId,
                    }],
                },
            }
            #[unchecked]
            resource symbolic "Microsoft.KeyVault/vaults/accessPolicies@2015-06-01" {
                name: concat(vaultName, "/add"),
                dependsOn: [apim],
                properties: {
                    accessPolicies: [{ objectId: apim.identity.principalId }],
                },
            }
        },
        r#"param vaultName string

var serviceName = 'apiservice${uniqueString(resourceGroup().id)}'

var identityId = '${resourceId('Microsoft.ApiManagement/service', serviceName)}/providers/Microsoft.ManagedIdentity/Identities/default'

resource apim 'Microsoft.ApiManagement/service@2017-03-01' = {
  name: serviceName
  identity: {
    type: 'systemAssigned'
  }
}

resource policy 'Microsoft.KeyVault/vaults/accessPolicies@2015-06-01' = {
  name: '${vaultName}/add'
  properties: {
    accessPolicies: [
      {
        objectId: reference(identityId, '2015-08-31-PREVIEW').principalId
      }
    ]
  }
  dependsOn: [
    apim
  ]
}

resource symbolic 'Microsoft.KeyVault/vaults/accessPolicies@2015-06-01' = {
  name: '${vaultName}/add'
  properties: {
    accessPolicies: [
      {
        objectId: apim.identity.principalId
      }
    ]
  }
}"#,
    );
}

#[test]
fn an_empty_template_is_empty() {
    assert_bicep(quote! { pub const T; }, "");
}

#[test]
fn output_is_deterministic() {
    let tokens = quote! {
        pub const T;
        param a: string = "x";
        #[unchecked]
        resource r "Test.Provider/widgets@2024-01-01" { name: a, properties: { b: 1, c: [a] } }
        output o: string = r.id;
    };
    assert_eq!(bicep(tokens.clone()), bicep(tokens));
}

/// A realistic template using most constructs together (the scratch template run
/// through `check_all.sh`).
#[test]
fn kitchen_sink() {
    assert_bicep(
        quote! {
            /// Vaults, identities and role assignments for a set of names.
            #[metadata({ owner: "platform" })]
            pub const KITCHEN_SINK;

            /// Names of the vaults
            #[minLength(1)]
            #[maxLength(4)]
            param names: array = ["a", "b"];
            #[allowed(1, 2, 3)]
            param count: int = 1;
            #[secure]
            param secret: string;
            param enabled: bool = true;
            param rgName: string = "other-rg";

            /// The prefix
            var prefix = concat("app-", toLower(resourceGroup().name), "-", string(count));
            var upper = map(names, n => toUpper(n));

            #[unchecked]
            resource shared "Microsoft.KeyVault/vaults@2023-07-01" existing {
                name: "shared-kv",
                scope: resourceGroup(rgName),
            }

            #[unchecked]
            resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
                name: concat(prefix, "-id"),
                location: resourceGroup().location,
            }

            /// One vault per name
            #[unchecked]
            #[batchSize(2)]
            resource vaults "Microsoft.KeyVault/vaults@2023-07-01" for (n, i) in names if enabled {
                name: concat(prefix, "-", n),
                location: resourceGroup().location,
                properties: {
                    tenantId: subscription().tenantId,
                    sku: { family: "A", name: "standard" },
                    accessPolicies: [for p in upper: {
                        tenantId: uai.properties.tenantId,
                        objectId: uai.properties.principalId,
                        permissions: { secrets: ["get"] },
                        note: concat(p, "-", string(i)),
                    }],
                },
            }

            #[unchecked]
            resource vault "Microsoft.KeyVault/vaults@2023-07-01" if count > 1 {
                name: concat(prefix, "-main"),
                location: resourceGroup().location,
                properties: {
                    tenantId: subscription().tenantId,
                    sku: { family: "A", name: "standard" },
                    accessPolicies: [],
                    sharedUri: shared.properties.vaultUri,
                },
                dependsOn: [uai],
            }

            #[unchecked]
            resource cert "Microsoft.KeyVault/vaults/secrets@2023-07-01" {
                parent: vault,
                name: "cert",
                properties: { value: secret },
            }

            #[unchecked]
            resource ra "Microsoft.Authorization/roleAssignments@2022-04-01" {
                name: guid(vault.id, uai.id, "4633458b-17de-408a-b874-0445c86b69e6"),
                scope: vault,
                properties: {
                    roleDefinitionId: subscriptionResourceId(
                        "Microsoft.Authorization/roleDefinitions",
                        "4633458b-17de-408a-b874-0445c86b69e6",
                    ),
                    principalId: uai.properties.principalId,
                    principalType: "ServicePrincipal",
                },
                dependsOn: [cert],
            }

            module domain = super::CUSTOM_DOMAIN for host in names if !empty(host) {
                name: concat("domain-", host),
                params: { hostName: host, keyVaultId: cert.properties.secretUri },
                dependsOn: [ra],
            }

            /// The vault URIs
            output uris: array = [for (v, i) in names: vaults[i].properties.vaultUri];
            output filtered: array = filter(names, n => n != "a" && length(n) > 0);
            output token: secureString = secret;
        },
        r#"metadata description = 'Vaults, identities and role assignments for a set of names.'
metadata owner = 'platform'

@description('Names of the vaults')
@minLength(1)
@maxLength(4)
param names array = [
  'a'
  'b'
]

@allowed([
  1
  2
  3
])
param count int = 1

@secure()
param secret string

param enabled bool = true

param rgName string = 'other-rg'

@description('The prefix')
var prefix = 'app-${toLower(resourceGroup().name)}-${string(count)}'

var upper = map(names, n => toUpper(n))

resource shared 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'shared-kv'
  scope: resourceGroup(rgName)
}

resource uai 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${prefix}-id'
  location: resourceGroup().location
}

@description('One vault per name')
@batchSize(2)
resource vaults 'Microsoft.KeyVault/vaults@2023-07-01' = [for (n, i) in names: if (enabled) {
  name: '${prefix}-${n}'
  location: resourceGroup().location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    accessPolicies: [for p in upper: {
      tenantId: uai.properties.tenantId
      objectId: uai.properties.principalId
      permissions: {
        secrets: [
          'get'
        ]
      }
      note: '${p}-${string(i)}'
    }]
  }
}]

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = if (count > 1) {
  name: '${prefix}-main'
  location: resourceGroup().location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    accessPolicies: []
    sharedUri: shared.properties.vaultUri
  }
  dependsOn: [
    uai
  ]
}

resource cert 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'cert'
  properties: {
    value: secret
  }
}

resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, uai.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: uai.properties.principalId
    principalType: 'ServicePrincipal'
  }
  dependsOn: [
    cert
  ]
}

module domain '__apim_dsl_module_stem__0.bicep' = [for host in names: if (!empty(host)) {
  name: 'domain-${host}'
  params: {
    hostName: host
    keyVaultId: cert.properties.secretUri
  }
  dependsOn: [
    ra
  ]
}]

@description('The vault URIs')
output uris array = [for (v, i) in names: vaults[i].properties.vaultUri]

output filtered array = filter(names, n => n != 'a' && length(n) > 0)

@secure()
output token string = secret"#,
    );
}

/// Multi-line values in every expression position: branches, arguments, lambda
/// bodies, interpolation holes (where they go on one line).
#[test]
fn multi_line_values_inside_expressions() {
    assert_bicep(
        quote! {
            pub const T;
            param c: bool = true;
            param xs: array = [];
            var choice = c ? { a: 1, b: [1, 2] } : { a: 2, b: [] };
            var merged = union({ a: [for x in xs: x] }, c ? { b: 1 } : {});
            var text = concat("v-", string({ a: [1, 2], b: { c: "d" } }), "-", string(map(xs, x => { v: x })));
            var keyed = { [concat("k-", string([1, 2]))]: { inner: [{ deep: true }] } };
            output o: array = [choice, merged, text, keyed];
        },
        r#"param c bool = true

param xs array = []

var choice = c ? {
  a: 1
  b: [
    1
    2
  ]
} : {
  a: 2
  b: []
}

var merged = union({
  a: map(xs, x => x)
}, c ? {
  b: 1
} : {})

var text = 'v-${string({ a: [1, 2], b: { c: 'd' } })}-${string(map(xs, x => { v: x }))}'

var keyed = {
  'k-${string([1, 2])}': {
    inner: [
      {
        deep: true
      }
    ]
  }
}

output o array = [
  choice
  merged
  text
  keyed
]"#,
    );
}
