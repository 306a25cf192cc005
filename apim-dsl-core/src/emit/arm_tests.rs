use crate::compile;
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Value, json};

fn compiled(tokens: TokenStream) -> crate::Output {
    compile(tokens).output.unwrap_or_else(|errors| {
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("errors: {messages:?}")
    })
}

fn arm(tokens: TokenStream) -> Value {
    serde_json::from_str(&compiled(tokens).arm).expect("valid JSON")
}

#[test]
fn literal_strings_shaped_like_expressions_are_escaped() {
    let t = arm(quote! {
        const T;
        output a: string = "[not an expression]";
        output b: string = "[]";
        output c: string = "[not closed";
        output d: string = "a[b]";
        output e: object = { "[key]": "[[already]" };
    });
    let outputs = &t["outputs"];
    assert_eq!(outputs["a"]["value"], "[[not an expression]");
    assert_eq!(outputs["b"]["value"], "[[]");
    assert_eq!(outputs["c"]["value"], "[not closed");
    assert_eq!(outputs["d"]["value"], "a[b]");
    assert_eq!(outputs["e"]["value"], json!({ "[[key]": "[[[already]" }));
}

#[test]
fn quotes_inside_expressions_are_doubled() {
    let t = arm(quote! {
        const T;
        param p: string;
        output a: string = concat("it's ", p, "'");
    });
    assert_eq!(
        t["outputs"]["a"]["value"],
        "[concat('it''s ', parameters('p'), '''')]"
    );
}

#[test]
fn values_stay_json_until_they_need_an_expression() {
    let t = arm(quote! {
        const T;
        param p: int;
        output o: object = { n: 1, b: true, z: null, list: [1, p], nested: { x: -2 } };
        output inCall: array = union([1, true, null], [{ k: p }]);
    });
    assert_eq!(
        t["outputs"]["o"]["value"],
        json!({ "n": 1, "b": true, "z": null, "list": [1, "[parameters('p')]"], "nested": { "x": -2 } })
    );
    assert_eq!(
        t["outputs"]["inCall"]["value"],
        "[union(createArray(1, true(), null()), createArray(createObject('k', parameters('p'))))]"
    );
}

#[test]
fn operators_lower_to_arm_functions() {
    let t = arm(quote! {
        const T;
        param a: int;
        param b: bool;
        param s: string;
        output o1: bool = a == 1 && b && !b || a != 2;
        output o2: int = a + 1 * 2 - a % 3 / 4;
        output o3: string = b ? s : "x";
        output o4: string = s ?? "d" ?? "e";
        output o5: bool = a < 1 || a <= 2 || a > 3 || a >= 4;
        output o6: int = -a;
    });
    let o = &t["outputs"];
    assert_eq!(
        o["o1"]["value"],
        "[or(and(equals(parameters('a'), 1), parameters('b'), not(parameters('b'))), not(equals(parameters('a'), 2)))]"
    );
    assert_eq!(
        o["o2"]["value"],
        "[sub(add(parameters('a'), mul(1, 2)), div(mod(parameters('a'), 3), 4))]"
    );
    assert_eq!(
        o["o3"]["value"],
        "[if(parameters('b'), parameters('s'), 'x')]"
    );
    assert_eq!(o["o4"]["value"], "[coalesce(parameters('s'), 'd', 'e')]");
    assert_eq!(
        o["o5"]["value"],
        "[or(less(parameters('a'), 1), lessOrEquals(parameters('a'), 2), greater(parameters('a'), 3), greaterOrEquals(parameters('a'), 4))]"
    );
    assert_eq!(o["o6"]["value"], "[sub(0, parameters('a'))]");
}

#[test]
fn members_that_are_not_identifiers_are_indexed() {
    let t = arm(quote! {
        const T;
        param o: object;
        output a: string = o.plain;
        output b: string = o["with-dash"];
        output c: string = o.properties.x[0];
    });
    assert_eq!(t["outputs"]["a"]["value"], "[parameters('o').plain]");
    assert_eq!(t["outputs"]["b"]["value"], "[parameters('o')['with-dash']]");
    assert_eq!(
        t["outputs"]["c"]["value"],
        "[parameters('o').properties.x[0]]"
    );
}

#[test]
fn template_key_order_and_defaults() {
    let output = compiled(quote! {
        /// A template.
        const T;
        #[allow(unused)]
        param p: string = resourceGroup().location;
        #[allow(unused)]
        var v = 1;
    });
    let keys: Vec<&str> = output
        .arm
        .lines()
        .filter(|l| l.starts_with("  \""))
        .filter_map(|l| l.trim().split('"').nth(1))
        .collect();
    assert_eq!(
        keys,
        [
            "$schema",
            "contentVersion",
            "metadata",
            "parameters",
            "variables",
            "resources"
        ]
    );
    let t: Value = serde_json::from_str(&output.arm).unwrap();
    assert_eq!(
        t["$schema"],
        "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
    );
    assert_eq!(t["contentVersion"], "1.0.0.0");
    assert_eq!(t["metadata"]["description"], "A template.");
    assert_eq!(
        t["parameters"]["p"]["defaultValue"],
        "[resourceGroup().location]"
    );
    assert_eq!(t["resources"], json!([]));
}

#[test]
fn parameter_keys_in_conventional_order() {
    let output = compiled(quote! {
        const T;
        /// Size.
        #[maxValue(9)] #[minValue(1)] #[allowed(1, 2)] #[metadata({ unit: "count" })]
        param n: int = 1;
        output o: int = n;
    });
    let t: Value = serde_json::from_str(&output.arm).unwrap();
    let keys: Vec<&String> = t["parameters"]["n"].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "type",
            "defaultValue",
            "allowedValues",
            "metadata",
            "minValue",
            "maxValue"
        ]
    );
    assert_eq!(
        t["parameters"]["n"]["metadata"],
        json!({ "description": "Size.", "unit": "count" })
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let input = quote! {
        const T;
        param a: string;
        var v = { z: a, a: [a, "x"], m: { k: 1 } };
        #[unchecked]
        resource r "A.B/c@1" { name: a, properties: v }
    };
    let first = compile(input.clone()).output.ok().map(|o| o.arm);
    let second = compile(input).output.ok().map(|o| o.arm);
    assert!(first.is_some());
    assert_eq!(first, second);
}

#[test]
fn loops_over_a_range_from_zero_are_counted_copies() {
    let t = arm(quote! {
        const T;
        param n: int;
        #[unchecked]
        resource r "A.B/c@1" for (i, k) in range(0, n) {
            name: concat("r-", i),
            properties: { k: k, shifted: [for j in range(1, 2): j] },
        }
    });
    let resource = &t["resources"][0];
    assert_eq!(
        resource["copy"],
        json!({ "name": "r", "count": "[parameters('n')]" })
    );
    assert_eq!(resource["name"], "[concat('r-', copyIndex())]");
    assert_eq!(resource["properties"]["k"], "[copyIndex()]");
    // From another literal start, the item is the index from there.
    assert_eq!(
        resource["properties"]["copy"][0],
        json!({ "name": "shifted", "count": 2, "input": "[copyIndex('shifted', 1)]" })
    );
}

#[test]
fn property_loops_are_copy_only_in_properties_and_variables() {
    let t = arm(quote! {
        const T;
        param names: array;
        #[allow(unused)]
        var byName = { list: [for n in names: { name: n }] };
        #[unchecked]
        resource r "A.B/c@1" for n in names {
            name: n,
            zones: [for z in ["1", "2"]: z],
            properties: { items: [for i in range(0, 2): { index: i }] },
        }
        output o: object = { upper: [for n in names: toUpper(n)] };
    });
    assert_eq!(
        t["variables"]["byName"],
        json!({ "copy": [{ "name": "list", "count": "[length(parameters('names'))]", "input": { "name": "[parameters('names')[copyIndex('list')]]" } }] })
    );
    let resource = &t["resources"][0];
    assert_eq!(
        resource["copy"],
        json!({ "name": "r", "count": "[length(parameters('names'))]" }),
        "the resource loop survives"
    );
    assert_eq!(
        resource["zones"],
        "[map(createArray('1', '2'), lambda('__item2', lambdaVariables('__item2')))]"
    );
    // A loop over `range(0, n)` is ARM's counted copy: `count: n`, the item is
    // the index.
    assert_eq!(
        resource["properties"]["copy"][0],
        json!({ "name": "items", "count": 2, "input": { "index": "[copyIndex('items')]" } })
    );
    assert_eq!(
        t["outputs"]["o"]["value"],
        json!({ "upper": "[map(parameters('names'), lambda('__item4', toUpper(lambdaVariables('__item4'))))]" })
    );
}

#[test]
fn loops_lowered_to_map_keep_their_variables_apart_from_lambdas() {
    let t = arm(quote! {
        const T;
        param names: array;
        output o: object = { all: [for (x, i) in names: map(names, i => concat(x, i))] };
    });
    // The inner lambda's `i` shadows nothing: the loop's index is `__index0`.
    assert_eq!(
        t["outputs"]["o"]["value"]["all"],
        "[map(range(0, length(parameters('names'))), lambda('__index0', map(parameters('names'), lambda('i', concat(parameters('names')[lambdaVariables('__index0')], lambdaVariables('i'))))))]"
    );
}

#[test]
fn computed_keys_with_loops_and_indexed_module_outputs() {
    let output = compiled(quote! {
        const T;
        param k: string;
        param xs: array;
        output o: object = { [k]: [for x in xs: x] };
    });
    let t: Value = serde_json::from_str(&output.arm).unwrap();
    assert_eq!(
        t["outputs"]["o"]["value"]["[parameters('k')]"],
        "[map(parameters('xs'), lambda('__item0', lambdaVariables('__item0')))]"
    );
    assert!(
        output.bicep.contains("'${k}': map(xs, x => x)"),
        "{}",
        output.bicep
    );
}

#[test]
fn depends_on_keeps_every_raw_form_as_written() {
    let t = arm(quote! {
        const T;
        param svc: string;
        param combined: string;
        var name = svc;
        resource apim "Microsoft.ApiManagement/service@2024-05-01" {
            name: name,
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            properties: { publisherEmail: "a@b.c", publisherName: "n" },
        }
        resource api "Microsoft.ApiManagement/service/apis@2024-05-01" {
            name: concat(svc, "/", "api"),
            properties: { path: "p", displayName: "d" },
        }
        resource raw "Microsoft.ApiManagement/service/apis@2024-05-01" {
            name: combined,
            properties: { path: "q", displayName: "e" },
        }
        resource op "Microsoft.ApiManagement/service/apis/operations@2024-05-01" {
            name: concat(svc, "/api/get"),
            properties: { displayName: "g", method: "GET", urlTemplate: "/" },
            dependsOn: [
                concat("Microsoft.ApiManagement/service/", name, "/apis/api"),
                resourceId("Microsoft.ApiManagement/service/", svc),
                resourceId("Microsoft.ApiManagement/service/apis", split(combined, "/")[0], split(combined, "/")[1]),
                name,
                resourceId("Microsoft.ApiManagement/service/apis", svc, "api"),
            ],
        }
    });
    let deps = &t["resources"][3]["dependsOn"];
    assert_eq!(
        deps,
        &json!([
            "[concat('Microsoft.ApiManagement/service/', variables('name'), '/apis/api')]",
            "[resourceId('Microsoft.ApiManagement/service/', parameters('svc'))]",
            "[resourceId('Microsoft.ApiManagement/service/apis', split(parameters('combined'), '/')[0], split(parameters('combined'), '/')[1])]",
            "[variables('name')]",
            "[resourceId('Microsoft.ApiManagement/service/apis', parameters('svc'), 'api')]",
        ])
    );
}

#[test]
fn scope_written_as_an_id_or_a_string_is_kept() {
    let t = arm(quote! {
        const T;
        param kv: string;
        resource vault "Microsoft.KeyVault/vaults@2023-07-01" {
            name: kv,
            location: "westeurope",
            properties: { tenantId: subscription().tenantId, sku: { family: "A", name: "standard" } },
        }
        resource a "Microsoft.Authorization/locks@2020-05-01" {
            name: "a",
            scope: format("Microsoft.KeyVault/vaults/{0}", kv),
            properties: { level: "CanNotDelete" },
        }
        resource b "Microsoft.Authorization/locks@2020-05-01" {
            name: "b",
            scope: resourceId("Microsoft.KeyVault/vaults", kv),
            properties: { level: "CanNotDelete" },
            dependsOn: [vault],
        }
        resource c "Microsoft.Authorization/locks@2020-05-01" {
            name: "c",
            scope: vault.id,
            properties: { level: "CanNotDelete" },
        }
    });
    let resources = &t["resources"];
    assert_eq!(
        resources[1]["scope"],
        "[format('Microsoft.KeyVault/vaults/{0}', parameters('kv'))]"
    );
    assert_eq!(
        resources[2]["scope"],
        "[resourceId('Microsoft.KeyVault/vaults', parameters('kv'))]"
    );
    assert_eq!(
        resources[3]["scope"],
        "[resourceId('Microsoft.KeyVault/vaults', parameters('kv'))]"
    );
    assert_eq!(
        resources[2]["dependsOn"],
        json!(["[resourceId('Microsoft.KeyVault/vaults', parameters('kv'))]"])
    );
}

#[test]
fn nested_resources_are_emitted_nested_as_written() {
    let out = compiled(quote! {
        const T;
        param svc: string;
        resource apim "Microsoft.ApiManagement/service@2021-08-01" {
            name: svc,
            location: "westeurope",
            sku: { name: "Developer", capacity: 1 },
            properties: { publisherEmail: "a@b.c", publisherName: "n" },
            resources: [
                resource api "apis@2021-08-01" {
                    name: "exampleApi",
                    dependsOn: [concat("Microsoft.ApiManagement/service/", svc)],
                    properties: { displayName: "d", path: "p", protocols: ["https"] },
                    resources: [
                        /// An operation
                        resource op "operations@2021-08-01" {
                            name: "get",
                            properties: { displayName: "g", method: "GET", urlTemplate: "/" },
                        },
                    ],
                },
                resource full "Microsoft.ApiManagement/service/users@2021-08-01" {
                    name: concat(svc, "/u1"),
                    properties: { email: "a@b.c", firstName: "a", lastName: "b" },
                },
            ],
        }
        output apiName: string = api.name;
    });
    let t: Value = serde_json::from_str(&out.arm).expect("valid JSON");
    let resources = t["resources"].as_array().expect("array");
    assert_eq!(resources.len(), 1, "{t:#}");
    let nested = &resources[0]["resources"];
    assert_eq!(nested[0]["type"], "apis");
    assert_eq!(nested[0]["name"], "exampleApi");
    assert_eq!(
        nested[0]["dependsOn"],
        json!(["[concat('Microsoft.ApiManagement/service/', parameters('svc'))]"])
    );
    assert_eq!(nested[0]["resources"][0]["type"], "operations");
    assert_eq!(nested[0]["resources"][0]["name"], "get");
    assert_eq!(
        nested[0]["resources"][0]["dependsOn"],
        json!([
            "[resourceId('Microsoft.ApiManagement/service/apis', parameters('svc'), 'exampleApi')]"
        ])
    );
    assert_eq!(nested[1]["type"], "Microsoft.ApiManagement/service/users");
    assert_eq!(nested[1]["name"], "[concat(parameters('svc'), '/u1')]");
    assert!(out.bicep.contains("resource op 'Microsoft.ApiManagement/service/apis/operations@2021-08-01' = {\n  parent: api"), "{}", out.bicep);
}

#[test]
fn children_nested_in_an_existing_resource_stand_at_the_top_level() {
    let t = arm(quote! {
        const T;
        resource apim "Microsoft.ApiManagement/service@2024-05-01" existing {
            name: "contoso",
            resources: [
                resource api "apis@2024-05-01" {
                    name: "orders",
                    properties: { displayName: "Orders", path: "orders" },
                },
            ],
        }
    });
    let api = &t["resources"][0];
    assert_eq!(api["type"], "Microsoft.ApiManagement/service/apis");
    assert_eq!(api["name"], "contoso/orders");
}

#[test]
fn a_module_named_in_depends_on_by_its_deployment_name_is_kept_as_written() {
    let t = arm(quote! {
        const T;
        module shared = INNER { name: "shared-identity" }
        #[unchecked]
        resource r "A.B/c@1" {
            name: "r",
            dependsOn: [
                "SHARED-IDENTITY",
                resourceId("Microsoft.Resources/deployments", "shared-identity"),
            ],
        }
    });
    assert_eq!(
        t["resources"][1]["dependsOn"],
        json!([
            "SHARED-IDENTITY",
            "[resourceId('Microsoft.Resources/deployments', 'shared-identity')]"
        ])
    );
}

#[test]
fn string_literals_in_expressions_double_their_quotes() {
    use crate::emit::arm_expr::quote;
    for (text, expected) in [
        ("", "''"),
        ("plain", "'plain'"),
        ("it's", "'it''s'"),
        ("'", "''''"),
        ("''", "''''''"),
        ("'edge'", "'''edge'''"),
        ("é's", "'é''s'"),
    ] {
        assert_eq!(quote(text), expected, "{text}");
    }
}

#[test]
fn resource_comments_stay_in_the_resource() {
    let t = arm(quote! {
        const T;
        resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id-notes",
            location: "westeurope",
            comments: "reference notes",
        }
    });
    assert_eq!(t["resources"][0]["comments"], "reference notes");
}

/// `#[metadata({...})]` on a resource is its `metadata` member, as declared;
/// a resource without one has none.
#[test]
fn resource_metadata_is_the_resources_metadata_member() {
    let t = arm(quote! {
        const T;
        #[metadata({ owner: "team-a", ticket: 42, "odd-key": [true, null, "[x]"], nested: { level: -1 } })]
        resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id1",
            location: "westeurope",
        }
        resource plain "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id2",
            location: "westeurope",
        }
        #[metadata({})]
        resource empty "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id3",
            location: "westeurope",
        }
    });
    assert_eq!(
        t["resources"][0]["metadata"],
        json!({ "owner": "team-a", "ticket": 42, "odd-key": [true, null, "[[x]"], "nested": { "level": -1 } })
    );
    assert!(t["resources"][1].get("metadata").is_none());
    assert_eq!(t["resources"][2]["metadata"], json!({}));
}

/// A documented resource's or module's doc comment is its `metadata.description`,
/// as Bicep's `@description` writes it (Azure/bicep, `TemplateWriter`'s
/// `ApplyDescription`), so that the ARM JSON and the Bicep declare the same:
/// before `#[metadata]`'s entries, and not beside a body key `metadata`.
#[test]
fn doc_comments_are_the_metadata_description_bicep_writes() {
    let t = arm(quote! {
        const T;
        /// The identity.
        ///
        /// Second paragraph.
        resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id1",
            location: "westeurope",
        }
        /// Owned.
        #[metadata({ owner: "team-a" })]
        resource owned "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id2",
            location: "westeurope",
        }
        /// Kept as written.
        #[accept("metadata")]
        resource kept "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id3",
            location: "westeurope",
            metadata: { owner: resourceGroup().name },
        }
        resource plain "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id4",
            location: "westeurope",
        }
    });
    let resources = &t["resources"];
    assert_eq!(
        resources[0]["metadata"],
        json!({ "description": "The identity.\nSecond paragraph." })
    );
    let owned = resources[1]["metadata"].as_object().expect("metadata");
    assert_eq!(
        owned
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect::<Vec<_>>(),
        [("description", json!("Owned.")), ("owner", json!("team-a"))]
    );
    assert_eq!(
        resources[2]["metadata"],
        json!({ "owner": "[resourceGroup().name]" })
    );
    assert!(resources[3].get("metadata").is_none());
}

#[test]
fn a_documented_module_is_a_deployment_with_its_description() {
    let t = arm(quote! {
        const T;
        /// Binds the domain.
        module bind = INNER { name: "bind" }
    });
    assert_eq!(
        t["resources"][0]["metadata"],
        json!({ "description": "Binds the domain." })
    );
}

/// The same for every other description Bicep's `@description` (or
/// `metadata description`) writes: the template's, a parameter's, an
/// output's and a function's. Bicep escapes each string it writes into the
/// JSON (`TemplateWriter` `ApplyDescription` and `EmitProperty`, through its
/// expression serializer), so an unescaped one would make the DSL's ARM
/// JSON another template than its Bicep.
#[test]
fn every_description_shaped_like_an_expression_is_escaped() {
    let t = arm(quote! {
        /// [the template]
        const T;
        /// [a parameter]
        param p: string = "x";
        /// [a function]
        func twice(s: string): string = concat(s, s);
        /// [an output]
        output o: string = p;
        /// [left] as it is
        output plain: string = p;
    });
    assert_eq!(t["metadata"]["description"], json!("[[the template]"));
    assert_eq!(
        t["parameters"]["p"]["metadata"]["description"],
        json!("[[a parameter]")
    );
    assert_eq!(
        t["functions"][0]["members"]["twice"]["metadata"]["description"],
        json!("[[a function]")
    );
    assert_eq!(
        t["outputs"]["o"]["metadata"]["description"],
        json!("[[an output]")
    );
    assert_eq!(
        t["outputs"]["plain"]["metadata"]["description"],
        json!("[left] as it is")
    );
}

/// A block doc comment is read as rustdoc reads it: the ` * ` each of its
/// lines starts with is decoration, and its lines join as `///` lines do,
/// so `/** * [Preview] */` is the description `[Preview]`, escaped.
#[test]
fn block_doc_comments_lose_their_decoration() {
    let t = arm("const T;
        /**
         * [Preview]
         */
        param a: string = \"x\";
        /**
         * First line
         * and the second.
         *
         * A paragraph.
         */
        param b: string = \"x\";
        /** Plain, * kept. */
        param c: string = \"x\";
        /**
         * Not every line
           starred.
         */
        param d: string = \"x\";
        /// Line comments
        /// join as before.
        output o: string = concat(a, b, c, d);"
        .parse()
        .unwrap());
    let description = |p: &str| t["parameters"][p]["metadata"]["description"].clone();
    assert_eq!(description("a"), json!("[[Preview]"));
    assert_eq!(
        description("b"),
        json!("First line and the second.\nA paragraph.")
    );
    assert_eq!(description("c"), json!("Plain, * kept."));
    assert_eq!(description("d"), json!("* Not every line starred."));
    assert_eq!(
        t["outputs"]["o"]["metadata"]["description"],
        json!("Line comments join as before.")
    );
}

/// A module without a scope deploys where its template does: above a
/// resource group its deployment gets the `location` ARM requires there,
/// `[deployment().location]`, as Bicep writes it; in a resource group none.
#[test]
fn a_module_at_the_template_scope_has_a_location_above_a_resource_group() {
    let module_of = |scope: TokenStream| {
        let t = arm(quote! {
            #scope
            const T;
            module m = INNER { name: "m" }
            module other = INNER { name: "other", scope: resourceGroup("rg") }
        });
        (
            t["resources"][0].get("location").cloned(),
            t["resources"][1].get("location").cloned(),
        )
    };
    for scope in [
        quote! { #[targetScope("subscription")] },
        quote! { #[targetScope("managementGroup")] },
        quote! { #[targetScope("tenant")] },
    ] {
        assert_eq!(
            module_of(scope.clone()),
            (Some(json!("[deployment().location]")), None),
            "{scope}"
        );
    }
    assert_eq!(module_of(quote! {}), (None, None));
}

/// A doc comment read as an expression (`[...]`) is escaped in
/// `metadata.description` (`[[`), as Bicep's writer escapes the string of its
/// `@description`: otherwise ARM evaluates it, and the Bicep compiles to
/// another text.
#[test]
fn a_description_shaped_like_an_expression_is_escaped() {
    let t = arm(quote! {
        const T;
        /// [not an expression]
        resource a "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id1",
            location: "westeurope",
        }
        /// [with metadata]
        #[metadata({ owner: "[team]" })]
        resource b "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id2",
            location: "westeurope",
        }
        /// [a module]
        module m = INNER { name: "m" }
        /// [only a leading bracket
        resource c "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id3",
            location: "westeurope",
        }
    });
    let resources = &t["resources"];
    assert_eq!(
        resources[0]["metadata"],
        json!({ "description": "[[not an expression]" })
    );
    assert_eq!(
        resources[1]["metadata"],
        json!({ "description": "[[with metadata]", "owner": "[[team]" })
    );
    assert_eq!(
        resources[2]["metadata"],
        json!({ "description": "[[a module]" })
    );
    assert_eq!(
        resources[3]["metadata"],
        json!({ "description": "[only a leading bracket" })
    );
}

/// `#[emptySections(...)]` writes the named sections without declarations
/// (`[]` for `functions`, `{}` for the others), and only those; a section
/// with declarations is written anyway. Its arguments are section names,
/// each once.
#[test]
fn empty_sections_are_written_when_named() {
    let t = arm(quote! {
        #[emptySections("parameters", "outputs")]
        const T;
    });
    assert_eq!(t["parameters"], json!({}));
    assert_eq!(t["outputs"], json!({}));
    assert!(t.get("variables").is_none() && t.get("functions").is_none());
    let t = arm(quote! {
        #[emptySections("functions", "variables")]
        const T;
        var x = 1;
        output o: int = x;
    });
    assert_eq!(t["functions"], json!([]));
    assert_eq!(t["variables"], json!({ "x": 1 }));
    assert!(t.get("parameters").is_none());
    let plain = compiled(quote! { const T; var x = 1; output o: int = x; });
    let kept = compiled(quote! {
        #[emptySections("functions", "parameters", "variables", "outputs")]
        const T;
        var x = 1;
        output o: int = x;
    });
    assert_eq!(plain.bicep, kept.bicep);
    for (attr, expected) in [
        (
            quote! { #[emptySections("resources")] },
            "ADSL0205: `#[emptySections]` takes the names of ARM sections as strings: \"functions\", \"parameters\", \"variables\", \"outputs\"",
        ),
        (
            quote! { #[emptySections(parameters)] },
            "ADSL0205: `#[emptySections]` takes the names of ARM sections as strings",
        ),
        (
            quote! { #[emptySections("outputs", "outputs")] },
            "ADSL0205: the section \"outputs\" is named twice",
        ),
        (
            quote! { #[emptySections] },
            "ADSL0205: `#[emptySections]` names the sections to write even when empty",
        ),
    ] {
        let errors = compile(quote! { #attr const T; })
            .output
            .err()
            .expect("an error");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].to_string().starts_with(expected), "{}", errors[0]);
    }
}

/// One copy of a loop whose name keeps ARM's `copyIndex()` (as `import`
/// writes loops): the copy's index stands for it, with its offset, in a
/// `dependsOn` entry and in a read; inside another loop, that loop's index.
#[test]
fn one_copy_of_a_loop_named_with_copy_index() {
    let arm = arm(quote! {
        const T;
        resource ids "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for item in range(0, 3) {
            name: concat("id-", copyIndex()),
            location: "westeurope",
        }
        resource off "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for item in range(0, 3) {
            name: concat("off-", copyIndex(1)),
            location: "westeurope",
        }
        resource one "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "one",
            location: "westeurope",
            tags: { p: ids[1].properties.principalId },
            dependsOn: [ids[2], off[0]],
        }
        resource each "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for j in range(0, 2) {
            name: concat("each-", string(j)),
            location: "westeurope",
            dependsOn: [ids[j]],
        }
    });
    let id = "resourceId('Microsoft.ManagedIdentity/userAssignedIdentities'";
    assert_eq!(
        arm["resources"][2]["dependsOn"],
        json!([
            format!("[{id}, concat('id-', 2))]"),
            format!("[{id}, concat('off-', add(0, 1)))]"),
            "ids"
        ])
    );
    assert_eq!(
        arm["resources"][2]["tags"]["p"],
        format!("[reference({id}, concat('id-', 1)), '2023-01-31').principalId]")
    );
    assert_eq!(
        arm["resources"][3]["dependsOn"],
        json!([format!("[{id}, concat('id-', copyIndex()))]")])
    );
}

#[test]
fn a_nested_resource_waiting_for_a_sibling_waits_for_the_parent_through_it() {
    let t = arm(quote! {
        const T;
        resource st "Microsoft.Storage/storageAccounts@2023-01-01" {
            name: "stcontoso",
            location: "westeurope",
            sku: { name: "Standard_LRS" },
            kind: "StorageV2",
            resources: [
                resource blob "blobServices@2023-01-01" {
                    name: "default",
                    resources: [
                        resource c1 "containers@2023-01-01" { name: "cone" },
                    ],
                },
                resource logs "blobServices/containers@2023-01-01" {
                    name: "default/logs",
                    dependsOn: [blob],
                },
                resource data "blobServices/containers@2023-01-01" {
                    name: "default/data",
                    dependsOn: [c1],
                },
                resource alone "blobServices/containers@2023-01-01" { name: "default/alone" },
            ],
        }
    });
    let nested = &t["resources"][0]["resources"];
    let blob =
        "[resourceId('Microsoft.Storage/storageAccounts/blobServices', 'stcontoso', 'default')]";
    let st = "[resourceId('Microsoft.Storage/storageAccounts', 'stcontoso')]";
    // The sibling (or what is nested in it) waits for the account: no entry
    // for it is added.
    assert_eq!(nested[1]["dependsOn"], json!([blob]));
    assert_eq!(
        nested[2]["dependsOn"],
        json!([
            "[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', 'stcontoso', 'default', 'cone')]"
        ])
    );
    // Without one, the account is added.
    assert_eq!(nested[3]["dependsOn"], json!([st]));
    assert_eq!(nested[0]["dependsOn"], json!([st]));
}
