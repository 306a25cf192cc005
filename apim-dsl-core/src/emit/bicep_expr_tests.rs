//! Unit tests of Bicep expressions: operators, strings, keys, lambdas, names,
//! the raw ARM style, and a template using everything at once.

use super::{assert_bicep, bicep};
use quote::quote;

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
            #[accept("location", "sku", "properties")]
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
                name: concat(vaultName, "/replace"),
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
  name: '${vaultName}/replace'
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
                        applicationId: concat(p, "-", string(i)),
                    }],
                },
            }

            #[accept("properties.sharedUri")]
            resource vault "Microsoft.KeyVault/vaults@2023-07-01" if count > 1 {
                name: concat(prefix, "-main"),
                location: resourceGroup().location,
                properties: {
                    tenantId: subscription().tenantId,
                    sku: { family: "A", name: "standard" },
                    accessPolicies: [],
                    enableRbacAuthorization: true,
                    sharedUri: shared.properties.vaultUri,
                },
                dependsOn: [uai],
            }

            resource cert "Microsoft.KeyVault/vaults/secrets@2023-07-01" if count > 1 {
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
                params: { hostName: host, keyVaultId: count > 1 ? cert.properties.secretUri : "" },
                dependsOn: [ra],
            }

            /// The vault URIs
            output uris: array = [for (v, i) in names: enabled ? vaults[i].properties.vaultUri : ""];
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
      applicationId: '${p}-${string(i)}'
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
    enableRbacAuthorization: true
    sharedUri: shared.properties.vaultUri
  }
  dependsOn: [
    uai
  ]
}

resource cert 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (count > 1) {
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
    keyVaultId: count > 1 ? cert.properties.secretUri : ''
  }
  dependsOn: [
    ra
  ]
}]

@description('The vault URIs')
output uris array = [for (v, i) in names: enabled ? vaults[i].properties.vaultUri : '']

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

#[test]
fn module_loops_take_batch_size_and_indexed_outputs_read_values() {
    let output = crate::compile(quote! {
        pub const T;
        param hosts: array;
        #[batchSize(2)]
        module sites = INNER for h in hosts { params: { host: h } }
        output first: string = sites[0].outputs["url"];
    })
    .output
    .ok()
    .map(|o| (o.arm, o.bicep));
    let Some((arm, bicep)) = output else {
        panic!("compiles")
    };
    let arm: serde_json::Value = serde_json::from_str(&arm).unwrap();
    assert_eq!(arm["resources"][0]["copy"]["batchSize"], 2);
    assert_eq!(
        arm["outputs"]["first"]["value"],
        "[reference(resourceId('Microsoft.Resources/deployments', format('sites-{0}', 0)), '2021-04-01').outputs['url'].value]"
    );
    assert!(bicep.contains("@batchSize(2)\nmodule sites"), "{bicep}");
    assert!(
        bicep.contains("output first string = sites[0].outputs.url"),
        "{bicep}"
    );
}
