//! `eval::snapshot` on hand-written templates (each case names what it checks)
//! and on every template of the repository: the golden outputs of the examples
//! and the quickstart templates of the round-trip folder.

use apim_dsl_core::eval::{Context, snapshot};
use serde_json::{Value, json};
use std::path::Path;

/// The ARM JSON Bicep compiles `basic/main.bicep` of Bicep's snapshot tests to
/// (src/Bicep.Cli.IntegrationTests/Files/SnapshotCommandTests/basic), with
/// `location = 'eastus'`: the expected output is that test's
/// `main.snapshot.json`.
#[test]
fn bicep_basic_snapshot_test() {
    let template = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {
            "storageAccountType": {"type": "string", "defaultValue": "Standard_LRS"},
            "location": {"type": "string", "defaultValue": "[resourceGroup().location]"},
            "storageAccountName": {"type": "string", "defaultValue": "[format('store{0}', uniqueString(resourceGroup().id))]"}
        },
        "resources": [{
            "type": "Microsoft.Storage/storageAccounts",
            "apiVersion": "2022-09-01",
            "name": "[parameters('storageAccountName')]",
            "location": "[parameters('location')]",
            "sku": {"name": "[parameters('storageAccountType')]"},
            "kind": "StorageV2",
            "properties": {}
        }],
        "outputs": {
            "storageAccountType": {"type": "string", "value": "[parameters('storageAccountType')]"},
            "blobUri": {"type": "string", "value": "[reference(resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName')), '2022-09-01').primaryEndpoints.blob]"}
        }
    });
    let params = json!({"location": "eastus"});
    let snap = snapshot(&template, &params, &Context::default()).unwrap();
    assert_eq!(
        snap.to_json(),
        json!({
            "predictedResources": [{
                "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg/providers/Microsoft.Storage/storageAccounts/storejs26ofeqkqeve",
                "type": "Microsoft.Storage/storageAccounts",
                "name": "storejs26ofeqkqeve",
                "apiVersion": "2022-09-01",
                "location": "eastus",
                "sku": {"name": "Standard_LRS"},
                "kind": "StorageV2",
                "properties": {}
            }],
            "diagnostics": [],
            "outputs": {
                "storageAccountType": "Standard_LRS",
                "blobUri": "[reference('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg/providers/Microsoft.Storage/storageAccounts/storejs26ofeqkqeve', '2022-09-01').primaryEndpoints.blob]"
            }
        })
    );
}

/// The ARM JSON of Bicep's `nested_loops/kv.bicep` snapshot test
/// (src/Bicep.Cli.IntegrationTests/Files/SnapshotCommandTests/nested_loops),
/// with `permissions = []` and no location: the expected output is that test's
/// `main.snapshot.json` (plus our `outputs`).
#[test]
fn bicep_nested_loops_snapshot_test() {
    let template = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"permissions": {"type": "array"}},
        "variables": {"vaults": [{"name": "myVault", "permissions": "[parameters('permissions')]", "keyVaultSku": "standard"}]},
        "resources": [{
            "copy": {"name": "keyVaults", "count": "[length(variables('vaults'))]", "mode": "serial", "batchSize": 1},
            "type": "Microsoft.KeyVault/vaults",
            "apiVersion": "2019-09-01",
            "name": "[variables('vaults')[copyIndex()].name]",
            "location": "[resourceGroup().location]",
            "properties": {
                "copy": [{
                    "name": "accessPolicies",
                    "count": "[length(variables('vaults')[copyIndex()].permissions)]",
                    "input": {
                        "tenantId": "[subscription().tenantId]",
                        "objectId": "00000000-0000-0000-0000-000000000000",
                        "permissions": "[variables('vaults')[copyIndex()].permissions[copyIndex('accessPolicies')].permissions]"
                    }
                }],
                "sku": {"family": "A", "name": "[variables('vaults')[copyIndex()].keyVaultSku]"},
                "tenantId": "[subscription().tenantId]"
            }
        }]
    });
    let snap = snapshot(&template, &json!({"permissions": []}), &Context::default()).unwrap();
    assert_eq!(
        snap.to_json(),
        json!({
            "predictedResources": [{
                "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg/providers/Microsoft.KeyVault/vaults/myVault",
                "type": "Microsoft.KeyVault/vaults",
                "name": "myVault",
                "apiVersion": "2019-09-01",
                "location": "[resourceGroup().location]",
                "properties": {
                    "accessPolicies": [],
                    "sku": {"family": "A", "name": "standard"},
                    "tenantId": "[tenant().tenantId]"
                }
            }],
            "diagnostics": [],
            "outputs": {}
        })
    );
}

#[test]
fn copies_conditions_dependencies_and_nested_deployments() {
    let template = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"count": {"type": "int", "defaultValue": 2, "maxValue": 5}, "withLock": {"type": "bool"}},
        "variables": {
            "copy": [{"name": "names", "count": "[parameters('count')]", "input": "[format('vnet{0}', copyIndex('names'))]"}]
        },
        "resources": [
            {
                "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01",
                "name": "[variables('names')[copyIndex()]]",
                "copy": {"name": "vnets", "count": "[parameters('count')]"},
                "properties": {
                    "copy": [{"name": "subnets", "count": 2, "input": {"name": "[format('s{0}', copyIndex('subnets'))]"}}]
                }
            },
            {
                "condition": "[parameters('withLock')]",
                "type": "Microsoft.Authorization/locks", "apiVersion": "2020-05-01",
                "name": "lock", "scope": "Microsoft.Network/virtualNetworks/vnet0",
                "properties": {"level": "CanNotDelete"},
                "dependsOn": ["vnets"]
            },
            {
                "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
                "name": "inner",
                "resourceGroup": "otherRg",
                "properties": {
                    "mode": "Incremental",
                    "expressionEvaluationOptions": {"scope": "inner"},
                    "parameters": {"prefix": {"value": "[last(variables('names'))]"}},
                    "template": {
                        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                        "contentVersion": "1.0.0.0",
                        "parameters": {"prefix": {"type": "string"}},
                        "resources": [{
                            "type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01",
                            "name": "[concat(parameters('prefix'), '-ip')]",
                            "location": "[resourceGroup().location]"
                        }],
                        "outputs": {"ipName": {"type": "string", "value": "[concat(parameters('prefix'), '-ip')]"}}
                    }
                }
            },
            {
                "type": "Microsoft.Network/dnsZones", "apiVersion": "2018-05-01",
                "name": "[format('{0}.contoso.com', reference(resourceId('otherRg', 'Microsoft.Resources/deployments', 'inner'), '2022-09-01').outputs.ipName.value)]",
                "location": "global"
            }
        ]
    });
    let ctx = Context {
        location: Some("westeurope".into()),
        ..Context::default()
    };
    let snap = snapshot(&template, &json!({"withLock": true}), &ctx).unwrap();
    let rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg";
    assert_eq!(
        snap.resource_names(),
        ["vnet0", "vnet1", "lock", "vnet1-ip", "vnet1-ip.contoso.com"]
    );
    let r = &snap.predicted_resources;
    assert_eq!(
        r[1]["properties"]["subnets"],
        json!([{"name": "s0"}, {"name": "s1"}])
    );
    assert_eq!(
        r[2]["id"],
        json!(format!(
            "{rg}/providers/Microsoft.Network/virtualNetworks/vnet0/providers/Microsoft.Authorization/locks/lock"
        ))
    );
    assert_eq!(
        r[2]["dependsOn"],
        json!([
            format!("{rg}/providers/Microsoft.Network/virtualNetworks/vnet0"),
            format!("{rg}/providers/Microsoft.Network/virtualNetworks/vnet1")
        ])
    );
    // The inner deployment goes to another group, whose location is unknown.
    assert_eq!(
        r[3]["id"],
        json!(
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/otherRg/providers/Microsoft.Network/publicIPAddresses/vnet1-ip"
        )
    );
    assert_eq!(r[3]["location"], json!("[resourceGroup().location]"));

    let without = snapshot(&template, &json!({"withLock": false, "count": 1}), &ctx).unwrap();
    assert_eq!(
        without.resource_names(),
        ["vnet0", "vnet0-ip", "vnet0-ip.contoso.com"]
    );
}

fn errors(template: &Value, params: &Value) -> String {
    match snapshot(template, params, &Context::default()) {
        Ok(s) => panic!("no error: {}", s.to_json()),
        Err(e) => e.to_string(),
    }
}

/// `copyIndex()` is valid only in a copy loop (template-functions-numeric,
/// copyIndex: "can only be used with the copy element"); ARM fails the
/// template elsewhere ("The template function 'copyIndex' is not expected at
/// this location"). In an outer-scope nested template the deployment's own
/// loop may be meant, which the snapshot leaves to the deployment.
#[test]
fn copy_index_outside_a_copy_loop_is_an_error() {
    let schema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
    let identity = |name: &str| json!({"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31", "name": name, "location": "westeurope"});
    let outside =
        json!({"$schema": schema, "resources": [identity("[concat('id', copyIndex())]")]});
    let e = errors(&outside, &json!({}));
    assert!(
        e.contains("copyIndex() is outside a copy loop: ARM allows it only in a copy loop")
            && e.contains("resources[0].name"),
        "{e}"
    );
    let output =
        json!({"$schema": schema, "outputs": {"o": {"type": "int", "value": "[copyIndex('x')]"}}});
    let e = errors(&output, &json!({}));
    assert!(
        e.contains("copyIndex('x') is outside a copy loop named 'x'"),
        "{e}"
    );
    // In a loop it counts, as before.
    let mut looped = identity("[concat('id', copyIndex(1))]");
    looped["copy"] = json!({"name": "ids", "count": 2});
    let inside = json!({"$schema": schema, "resources": [looped]});
    let snap = snapshot(&inside, &json!({}), &Context::default()).unwrap();
    assert_eq!(snap.resource_names(), ["id1", "id2"]);
    // An outer-scope nested template of a copied deployment: left unevaluated.
    let nested = json!({"$schema": schema, "resources": [{
        "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
        "name": "[concat('d', copyIndex())]", "copy": {"name": "deps", "count": 2},
        "properties": {"mode": "Incremental", "template": {"$schema": schema, "contentVersion": "1.0.0.0",
            "resources": [identity("[concat('id', copyIndex())]")]}}
    }]});
    let snap = snapshot(&nested, &json!({}), &Context::default()).unwrap();
    assert_eq!(
        snap.resource_names(),
        ["[concat('id', copyIndex())]", "[concat('id', copyIndex())]"]
    );
}

#[test]
fn parameter_and_expression_errors_name_their_json_path() {
    let template = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "parameters": {
            "sku": {"type": "string", "allowedValues": ["Basic", "Standard"]},
            "name": {"type": "string", "minLength": 3, "defaultValue": "ab"},
            "size": {"type": "int", "defaultValue": 1}
        },
        "resources": [{"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01", "name": "[parameters('name')]", "properties": {"n": "[int('x')]"}}]
    });
    let e = errors(&template, &json!({}));
    assert!(
        e.contains("parameters.sku: the parameter 'sku' has no value"),
        "{e}"
    );
    assert!(
        e.contains("parameters.name: the parameter 'name' has length 2, below its minLength 3"),
        "{e}"
    );
    let e = errors(&template, &json!({"sku": "Premium", "name": "abc"}));
    assert!(e.contains("sku (in the parameters file): the value \"Premium\" of the parameter 'sku' is not one of its allowedValues: \"Basic\", \"Standard\""), "{e}");
    let e = errors(
        &template,
        &json!({"sku": "Basic", "name": "abc", "size": "big"}),
    );
    assert!(
        e.contains(
            "size (in the parameters file): the parameter 'size' is declared int, but its value is a string"
        ),
        "{e}"
    );
    let e = errors(
        &template,
        &json!({"sku": "Basic", "name": "abc", "extra": 1}),
    );
    assert!(
        e.contains("extra (in the parameters file): the template has no parameter 'extra'"),
        "{e}"
    );
    // An unknown name hides none of the other parameters' errors.
    let e = errors(
        &template,
        &json!({"extra": 1, "sku": "Premium", "name": "abc"}),
    );
    assert!(e.contains("the template has no parameter 'extra'"), "{e}");
    assert!(e.contains("is not one of its allowedValues"), "{e}");
    // Every entry of a parameters file without a value is named.
    let e = errors(
        &template,
        &json!({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {"sku": {}, "name": {}}}),
    );
    assert!(
        e.contains("parameters.sku (in the parameters file): a parameter needs a `value`"),
        "{e}"
    );
    assert!(
        e.contains("parameters.name (in the parameters file): a parameter needs a `value`"),
        "{e}"
    );
    // Without its `$schema`, `{"parameters": {...}}` is a parameters file all
    // the same: its wrong entry is named, not `parameters` as a parameter.
    for params in [
        json!({"parameters": {"sku": {}}}),
        json!({"parameters": {"sku": "Basic"}}),
        json!({"parameters": {"sku": {"value": "Basic"}, "name": 3}}),
    ] {
        let e = errors(&template, &params);
        assert!(
            e.contains("(in the parameters file): a parameter needs a `value`")
                && !e.contains("no parameter 'parameters'"),
            "{params}: {e}"
        );
    }
    let e = errors(&template, &json!({"sku": "Basic", "name": "abc"}));
    assert_eq!(
        e,
        "resources[0].properties.n: int() cannot convert 'x' to an integer"
    );
}

#[test]
fn a_parameters_file_and_symbolic_resources() {
    let template = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "languageVersion": "2.0",
        "parameters": {"name": {"type": "string"}},
        "resources": {
            "vault": {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "[parameters('name')]"},
            "existingOne": {"existing": true, "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "other"},
            "secret": {"type": "Microsoft.KeyVault/vaults/secrets", "apiVersion": "2023-07-01",
                       "name": "[format('{0}/{1}', parameters('name'), 's')]", "dependsOn": ["vault"]}
        }
    });
    let params = json!({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
                        "contentVersion": "1.0.0.0", "parameters": {"name": {"value": "kv1"}}});
    let snap = snapshot(&template, &params, &Context::default()).unwrap();
    assert_eq!(snap.resource_names(), ["kv1", "kv1/s"]);
    assert_eq!(
        snap.predicted_resources[1]["dependsOn"],
        json!([
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg/providers/Microsoft.KeyVault/vaults/kv1"
        ])
    );
}

/// A value for a required parameter, so that every template of the repository
/// can be snapshot: the first allowed value, or a value of its type within
/// its bounds.
fn stand_in(def: &Value) -> Value {
    if let Some(first) = def.get("allowedValues").and_then(|a| a.get(0)) {
        return first.clone();
    }
    match def["type"]
        .as_str()
        .unwrap_or("string")
        .to_ascii_lowercase()
        .as_str()
    {
        "int" => json!(def.get("minValue").and_then(Value::as_i64).unwrap_or(1)),
        "bool" => json!(true),
        "object" | "secureobject" => json!({}),
        "array" => json!([]),
        _ => {
            let min = def.get("minLength").and_then(Value::as_u64).unwrap_or(1) as usize;
            let max = def.get("maxLength").and_then(Value::as_u64).unwrap_or(64) as usize;
            json!("a".repeat(min.max(5).min(max)))
        }
    }
}

/// Values for the required parameters of `template`.
fn stand_ins(template: &Value) -> Value {
    let mut params = serde_json::Map::new();
    if let Some(defs) = template.get("parameters").and_then(Value::as_object) {
        for (name, def) in defs {
            if def.get("defaultValue").is_none() {
                params.insert(name.clone(), stand_in(def));
            }
        }
    }
    Value::Object(params)
}

#[test]
fn every_template_of_the_repository_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut count = 0;
    for dir in ["tests/golden", "tests/roundtrip", "tests/arm-corpus/valid"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .filter(|p| !p.to_string_lossy().ends_with(".parameters.json"))
            .collect();
        paths.sort();
        for path in paths {
            let template: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            // The template's own parameters file where it has one, stand-ins
            // for the rest.
            let mut params = stand_ins(&template);
            if let Ok(text) = std::fs::read_to_string(path.with_extension("parameters.json")) {
                let given: Value = serde_json::from_str(&text).unwrap();
                for (name, entry) in given["parameters"].as_object().unwrap() {
                    if let Some(v) = entry.get("value") {
                        params[name] = v.clone();
                    }
                }
            }
            let snap = snapshot(&template, &params, &Context::default())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(
                !snap.predicted_resources.is_empty()
                    || template["resources"].as_array().is_some_and(Vec::is_empty),
                "{}",
                path.display()
            );
            count += 1;
        }
    }
    assert!(count >= 50, "{count} templates");
}

/// Replaces the `n`-th string of `value` (depth first) with `with`; returns
/// whether there was one.
fn replace_nth_string(value: &mut Value, n: &mut usize, with: &str) -> bool {
    match value {
        Value::String(s) => {
            if *n == 0 {
                *s = with.to_string();
                return true;
            }
            *n -= 1;
            false
        }
        Value::Array(items) => items.iter_mut().any(|v| replace_nth_string(v, n, with)),
        Value::Object(map) => map.values_mut().any(|v| replace_nth_string(v, n, with)),
        _ => false,
    }
}

/// Templates are untrusted input: hostile expressions anywhere in real
/// templates give errors or placeholders, never a panic or a hang.
#[test]
fn hostile_expressions_in_real_templates_do_not_panic() {
    const HOSTILE: [&str; 12] = [
        "[range(2147483000, 10000)]",
        "[substring('abc', 9223372036854775807, 9223372036854775807)]",
        "[cidrSubnet('::/0', 0, 0)]",
        "[dateTimeAdd('2020-01-01T00:00:00+99999999999999:00', 'P1D')]",
        "[padLeft('x', 16384, 'y')]",
        "[copyIndex('nope')]",
        "[variables('missing')]",
        "[json('[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]')]",
        "[mod(-9223372036854775808, -1)]",
        "[createArray(1)[-1]]",
        "[format('{0,-99999999999}', 1)]",
        "[if(true(), parameters('x'), 1)]",
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden");
    let mut paths: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut runs = 0;
    for path in paths.iter().take(4) {
        let template: Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for position in (0..200).step_by(7) {
            for hostile in HOSTILE {
                let mut mutated = template.clone();
                let mut n = position;
                if !replace_nth_string(&mut mutated, &mut n, hostile) {
                    break;
                }
                let _ = snapshot(&mutated, &stand_ins(&template), &Context::default());
                runs += 1;
            }
        }
    }
    assert!(runs > 100, "{runs}");
    // The unmutated templates snapshot: the runs above got past the parameters.
    for path in paths.iter().take(4) {
        let template: Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        snapshot(&template, &stand_ins(&template), &Context::default()).unwrap();
    }
}

/// "You set a resource as dependent on a conditional resource exactly as you
/// would any other resource. When a conditional resource isn't deployed, Azure
/// Resource Manager automatically removes it from the required dependencies"
/// (templates/conditional-resource-deployment#runtime-functions): however the
/// dependency is written (full id, `resourceId(...)`, name, `type/name`,
/// copy loop, a copy's own condition), and while a dependency on a deployed
/// resource, or on an id the template does not declare, stays.
#[test]
fn a_dependency_on_a_resource_not_deployed_is_dropped_however_written() {
    let sub = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg";
    let template = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "parameters": {"deploy": {"type": "bool", "defaultValue": false}},
        "resources": [
            {"condition": "[parameters('deploy')]", "type": "Microsoft.Network/virtualNetworks",
             "apiVersion": "2022-01-01", "name": "vnet"},
            {"condition": "[not(equals(copyIndex(), 1))]", "copy": {"name": "ips", "count": 2},
             "type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2022-01-01",
             "name": "[format('ip{0}', copyIndex())]"},
            {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-01-01", "name": "a",
             "dependsOn": [
                 "[resourceId('Microsoft.Network/virtualNetworks', 'vnet')]",
                 format!("{sub}/providers/Microsoft.Network/virtualNetworks/VNET"),
                 "vnet",
                 "Microsoft.Network/virtualNetworks/vnet",
                 "[resourceId('Microsoft.Network/publicIPAddresses', 'ip1')]",
                 "[resourceId('Microsoft.Network/publicIPAddresses', 'ip0')]",
                 format!("{sub}/providers/Microsoft.Other/things/elsewhere")
             ]},
            {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-01-01", "name": "b",
             "dependsOn": ["ips", "[resourceId('Microsoft.Network/virtualNetworks', 'vnet')]"]}
        ]
    });
    let snap = snapshot(&template, &json!({}), &Context::default()).unwrap();
    assert_eq!(snap.resource_names(), ["ip0", "a", "b"]);
    let ip0 = format!("{sub}/providers/Microsoft.Network/publicIPAddresses/ip0");
    assert_eq!(
        snap.predicted_resources[1]["dependsOn"],
        json!([
            ip0,
            format!("{sub}/providers/Microsoft.Other/things/elsewhere")
        ])
    );
    assert_eq!(snap.predicted_resources[2]["dependsOn"], json!([ip0]));
    // Deployed, the same dependencies are kept, by whichever name.
    let snap = snapshot(&template, &json!({"deploy": true}), &Context::default()).unwrap();
    let vnet = format!("{sub}/providers/Microsoft.Network/virtualNetworks/vnet");
    assert_eq!(
        snap.predicted_resources[2]["dependsOn"],
        json!([
            vnet,
            ip0,
            format!("{sub}/providers/Microsoft.Other/things/elsewhere")
        ])
    );
    assert_eq!(snap.predicted_resources[3]["dependsOn"], json!([ip0, vnet]));
    // A resource not deployed whose name cannot be evaluated is no error.
    let mut broken = template.clone();
    broken["resources"][0]["name"] = json!("[parameters('missing')]");
    let snap = snapshot(&broken, &json!({}), &Context::default()).unwrap();
    assert_eq!(snap.resource_names(), ["ip0", "a", "b"]);
}

/// `reference()` of a resource the template deploys reads its runtime state,
/// unknown before deployment: the snapshot shows the expression, with its
/// known arguments evaluated (as `bicep snapshot` shows runtime values), and
/// computes nothing from it. Of a nested deployment only
/// `.outputs.<name>.value` is predicted (its inline template's outputs),
/// however each step is written (`.outputs['name']['value']` alike); what
/// else the deployment returns (`provisioningState`, an output's `type`, the
/// object as a whole) stays unevaluated instead of failing.
#[test]
fn reference_of_a_resource_of_the_template_stays_unevaluated() {
    let template = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "resources": [
            {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01", "name": "st",
             "properties": {"x": 1}},
            {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "nested",
             "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                "template": {"resources": [], "outputs": {"v": {"type": "string", "value": "hello"}}}}},
            {"type": "Microsoft.Web/sites", "apiVersion": "2022-09-01", "name": "app",
             "properties": {
                "declared": "[reference('st').x]",
                "byId": "[reference(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2022-09-01', 'Full').properties.x]",
                "length": "[length(reference('st'))]",
                "condition": "[if(equals(reference('st').x, 1), 'one', 'other')]",
                "output": "[reference('nested').outputs.V.value]",
                "fullOutput": "[reference(resourceId('Microsoft.Resources/deployments', 'nested'), '2022-09-01', 'Full').properties.outputs.v.value]",
                "state": "[reference('nested').provisioningState]",
                "outputType": "[reference('nested').outputs.v.type]",
                "whole": "[length(reference('nested'))]",
                "missing": "[reference('nested').outputs.w.value]",
                "indexed": "[reference('nested').outputs['v'].value]",
                "indexedValue": "[reference('nested')['outputs'].v['value']]",
                "fullIndexed": "[reference('nested', '2022-09-01', 'Full')['properties']['outputs']['V']['value']]",
                "computedIndex": "[reference('nested').outputs[concat('', 'v')].value]"
             }}
        ]
    });
    let snap = snapshot(&template, &json!({}), &Context::default()).unwrap();
    let st = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg/providers/Microsoft.Storage/storageAccounts/st";
    assert_eq!(
        snap.predicted_resources[1]["properties"],
        json!({
            "declared": "[reference('st').x]",
            "byId": format!("[reference('{st}', '2022-09-01', 'Full').properties.x]"),
            "length": "[length(reference('st'))]",
            "condition": "[if(equals(reference('st').x, 1), 'one', 'other')]",
            "output": "hello",
            "fullOutput": "hello",
            "state": "[reference('nested').provisioningState]",
            "outputType": "[reference('nested').outputs.v.type]",
            "whole": "[length(reference('nested'))]",
            "missing": "[reference('nested').outputs.w.value]",
            "indexed": "hello",
            "indexedValue": "hello",
            "fullIndexed": "hello",
            // Only literal names are read so; a computed one stays.
            "computedIndex": "[reference('nested').outputs['v'].value]"
        })
    );
}

/// "Conditional deployment doesn't cascade to child resources"
/// (templates/conditional-resource-deployment): a nested child of a parent
/// whose condition is false is still deployed, and its type, name and id
/// continue its parent's (not `subnets` under the group); its implicit
/// dependency on the parent is dropped, as any on a resource not deployed.
/// A child whose own condition is false is dropped from dependencies by its
/// full id.
#[test]
fn a_nested_child_of_a_parent_not_deployed_keeps_its_full_type_and_name() {
    let rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg";
    let template = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "resources": [
            {"condition": false, "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2022-01-01",
             "name": "vnet",
             "resources": [
                {"type": "subnets", "apiVersion": "2022-01-01", "name": "a"},
                {"condition": false, "type": "subnets", "apiVersion": "2022-01-01", "name": "b"}
             ]},
            {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-01-01", "name": "st",
             "dependsOn": [
                "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'b')]",
                "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'a')]"
             ]}
        ]
    });
    let snap = snapshot(&template, &json!({}), &Context::default()).unwrap();
    let subnet = format!("{rg}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/a");
    assert_eq!(
        snap.predicted_resources[0],
        json!({
            "id": subnet,
            "type": "Microsoft.Network/virtualNetworks/subnets",
            "name": "vnet/a",
            "apiVersion": "2022-01-01"
        })
    );
    assert_eq!(snap.predicted_resources[1]["dependsOn"], json!([subnet]));
    assert_eq!(snap.resource_names(), ["vnet/a", "st"]);
}

/// `reference()` of a nested deployment reads its outputs only where the id
/// (or a name only one deployment has) is that deployment's: an id in
/// another resource group names another deployment, whose outputs are not
/// known here (before, any id ending in the same name read them); a bare
/// name two deployments share, or one a deployment not deployed has, reads
/// nothing. A deployment with `resourceGroup` lives in that group: Bicep
/// reads a module's outputs there by
/// `reference(extensionResourceId(format('/subscriptions/{0}/resourceGroups/{1}', ...),
/// 'Microsoft.Resources/deployments', name))` (Azure/bicep, baselines
/// ModulesWithScopes_LF/main.json).
#[test]
fn reference_of_a_deployment_in_another_group_reads_nothing() {
    let nested = |name: &str, rg: Option<&str>, condition: bool, v: &str| {
        let mut d = json!({
            "condition": condition, "type": "Microsoft.Resources/deployments",
            "apiVersion": "2022-09-01", "name": name,
            "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                "template": {"resources": [], "outputs": {"v": {"type": "string", "value": v}}}}
        });
        if let Some(rg) = rg {
            d["resourceGroup"] = json!(rg);
        }
        d
    };
    let template = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "resources": [
            nested("nested", None, true, "here"),
            nested("twice", None, true, "a"),
            nested("twice", Some("otherRg"), true, "b"),
            nested("off", None, false, "x"),
            nested("off", Some("otherRg"), true, "y")
        ],
        "outputs": {
            "byName": {"type": "string", "value": "[reference('nested').outputs.v.value]"},
            "byId": {"type": "string", "value": "[reference(resourceId('Microsoft.Resources/deployments', 'nested')).outputs.v.value]"},
            "elsewhere": {"type": "string", "value": "[reference(resourceId('otherRg', 'Microsoft.Resources/deployments', 'nested')).outputs.v.value]"},
            "otherSub": {"type": "string", "value": "[reference('/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/myRg/providers/Microsoft.Resources/deployments/nested').outputs.v.value]"},
            "twiceById": {"type": "string", "value": "[reference(resourceId('otherRg', 'Microsoft.Resources/deployments', 'twice')).outputs.v.value]"},
            "twiceByName": {"type": "string", "value": "[reference('twice').outputs.v.value]"},
            "offByName": {"type": "string", "value": "[reference('off').outputs.v.value]"},
            "offById": {"type": "string", "value": "[reference(resourceId('Microsoft.Resources/deployments', 'off')).outputs.v.value]"}
        }
    });
    let snap = snapshot(&template, &json!({}), &Context::default()).unwrap();
    let o = &snap.outputs;
    assert_eq!(o["byName"], json!("here"));
    assert_eq!(o["byId"], json!("here"));
    assert_eq!(o["twiceById"], json!("b"));
    for (key, text) in [
        (
            "elsewhere",
            "[reference('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/otherRg/providers/Microsoft.Resources/deployments/nested').outputs.v.value]",
        ),
        (
            "otherSub",
            "[reference('/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/myRg/providers/Microsoft.Resources/deployments/nested').outputs.v.value]",
        ),
        ("twiceByName", "[reference('twice').outputs.v.value]"),
        ("offByName", "[reference('off').outputs.v.value]"),
        (
            "offById",
            "[reference('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg/providers/Microsoft.Resources/deployments/off').outputs.v.value]",
        ),
    ] {
        assert_eq!(o[key], json!(text), "{key}");
    }
}

/// Probes of the dropped dependencies that held: a copy loop whose name
/// differs in case from its `copyIndex('ips')`, `resourceId` with the
/// subscription and group given (or the group in another case), an extension
/// resource named by `extensionResourceId`, and a deployment in another
/// group: each dependency on an instance not deployed is dropped.
#[test]
fn dependencies_on_resources_not_deployed_in_other_spellings() {
    let template = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "resources": [
            {"copy": {"name": "IPs", "count": 2}, "condition": "[equals(copyIndex('ips'), 0)]",
             "type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2022-01-01",
             "name": "[format('ip{0}', copyIndex('iPs'))]"},
            {"condition": false, "type": "Microsoft.Authorization/locks", "apiVersion": "2020-05-01",
             "name": "lk", "scope": "[resourceId('Microsoft.Network/publicIPAddresses', 'ip0')]"},
            {"condition": false, "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
             "name": "nd", "resourceGroup": "otherRg",
             "properties": {"mode": "Incremental", "template": {"resources": []}}},
            {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-01-01", "name": "a",
             "dependsOn": [
                "ips",
                "[resourceId(subscription().subscriptionId, resourceGroup().name, 'Microsoft.Network/publicIPAddresses', 'ip1')]",
                "[resourceId('MYRG', 'Microsoft.Network/publicIPAddresses', 'IP1')]",
                "[extensionResourceId(resourceId('Microsoft.Network/publicIPAddresses', 'ip0'), 'Microsoft.Authorization/locks', 'lk')]",
                "[resourceId('OTHERRG', 'Microsoft.Resources/deployments', 'nd')]"
             ]}
        ]
    });
    let snap = snapshot(&template, &json!({}), &Context::default()).unwrap();
    assert_eq!(snap.resource_names(), ["ip0", "a"]);
    assert_eq!(
        snap.predicted_resources[1]["dependsOn"],
        json!([
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg/providers/Microsoft.Network/publicIPAddresses/ip0"
        ])
    );
}

/// A nested deployment with `"scope": "/"` is at the tenant, the root of
/// every id: its id is `/providers/Microsoft.Resources/deployments/NAME`, as
/// the REST API's "Deployments - Create Or Update At Tenant Scope" puts it
/// (before, `//providers/...`), and a dependency on it, by name or by
/// `tenantResourceId`, is that id.
#[test]
fn a_deployment_at_the_tenant_root_has_a_root_id() {
    let template = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#",
        "resources": [
            {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "t",
             "scope": "/", "location": "westus",
             "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                "template": {
                    "$schema": "https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#",
                    "resources": [], "outputs": {"v": {"type": "string", "value": "x"}}}}},
            {"type": "Microsoft.Authorization/policyDefinitions", "apiVersion": "2021-06-01", "name": "p",
             "properties": {"v": "[reference(tenantResourceId('Microsoft.Resources/deployments', 't')).outputs.v.value]"},
             "dependsOn": ["t", "[tenantResourceId('Microsoft.Resources/deployments', 'T')]"]}
        ]
    });
    let ctx = Context {
        management_group: Some("mg".to_string()),
        ..Context::default()
    };
    let snap = snapshot(&template, &json!({}), &ctx).unwrap();
    let p = &snap.predicted_resources[0];
    assert_eq!(
        p["dependsOn"],
        json!(["/providers/Microsoft.Resources/deployments/t"])
    );
    assert_eq!(p["properties"]["v"], json!("x"));
}

/// A `dependsOn` entry only the deployment knows (`reference()` of a
/// resource of the template) may name any resource, deployed or not: the
/// snapshot shows it unevaluated, as any other unknown value, on a resource
/// and on each instance of a copy loop (before, it was dropped silently);
/// known entries beside it are still resolved.
#[test]
fn a_dependency_known_only_at_deployment_is_shown_unevaluated() {
    let template = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "resources": [
            {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01", "name": "st"},
            {"condition": false, "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01",
             "name": "off"},
            {"type": "Microsoft.Web/sites", "apiVersion": "2022-09-01", "name": "app",
             "dependsOn": ["[reference('st').dep]", "st", "[reference('st').id]", "off"]},
            {"copy": {"name": "c", "count": 2}, "type": "Microsoft.Web/sites", "apiVersion": "2022-09-01",
             "name": "[format('s{0}', copyIndex())]",
             "dependsOn": ["[concat(reference('st').dep, copyIndex())]"]}
        ]
    });
    let snap = snapshot(&template, &json!({}), &Context::default()).unwrap();
    let st = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg/providers/Microsoft.Storage/storageAccounts/st";
    assert_eq!(
        snap.predicted_resources[1]["dependsOn"],
        json!(["[reference('st').dep]", st, "[reference('st').id]"])
    );
    assert_eq!(
        snap.predicted_resources[2]["dependsOn"],
        json!(["[concat(reference('st').dep, 0)]"])
    );
    assert_eq!(
        snap.predicted_resources[3]["dependsOn"],
        json!(["[concat(reference('st').dep, 1)]"])
    );
}

/// ARM's names and ids are case-insensitive for every letter, not ASCII
/// only (management/resource-name-rules), compared as .NET's
/// OrdinalIgnoreCase (each character's simple upper case): a parameter,
/// variable or output read in another case, a dependency by name, by id or
/// by `type/name` in another case, a copy loop's name, and a nested
/// deployment's outputs read by its name, all match across non-ASCII case
/// (before, only ASCII letters did, and the dependencies were dropped); ids
/// that differ only in case are one dependency.
#[test]
fn names_and_ids_match_ignoring_case_beyond_ascii() {
    let rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg";
    let template = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "parameters": {"Café": {"type": "string", "defaultValue": "été"}},
        "variables": {"Ñame": "[concat('Ä', parameters('CAFÉ'))]"},
        "resources": [
            {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01",
             "name": "[variables('ñAME')]"},
            {"copy": {"name": "Élan", "count": 1}, "type": "Microsoft.Network/publicIPAddresses",
             "apiVersion": "2022-01-01", "name": "[format('ip{0}', copyIndex('ÉLAN'))]"},
            {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "Dép",
             "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                "template": {"resources": [], "outputs": {"Sortie": {"type": "string", "value": "v"}}}}},
            {"type": "Microsoft.Web/sites", "apiVersion": "2022-09-01", "name": "app",
             "properties": {"out": "[reference('DÉP').outputs.SORTIE.value]"},
             "dependsOn": [
                "äÉTÉ",
                "[resourceId('Microsoft.Storage/storageAccounts', 'ÄÉTÉ')]",
                "Microsoft.Storage/storageAccounts/äété",
                "élan"
             ]}
        ],
        "outputs": {"ÖUT": {"type": "string", "value": "[parameters('café')]"}}
    });
    let snap = snapshot(&template, &json!({}), &Context::default()).unwrap();
    assert_eq!(snap.resource_names(), ["Äété", "ip0", "app"]);
    let app = &snap.predicted_resources[2];
    assert_eq!(app["properties"]["out"], json!("v"));
    assert_eq!(
        app["dependsOn"],
        json!([
            format!("{rg}/providers/Microsoft.Storage/storageAccounts/Äété"),
            format!("{rg}/providers/Microsoft.Network/publicIPAddresses/ip0")
        ])
    );
    assert_eq!(snap.outputs["ÖUT"], json!("été"));
}

const SCHEMA: &str =
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

/// A nested deployment with an inline template whose `outputs` are `outputs`
/// (scope `inner`).
fn nested_deployment(name: &str, outputs: Value) -> Value {
    json!({
        "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": name,
        "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
            "template": {
                "$schema": SCHEMA,
                "resources": [
                    {"type": "Microsoft.ManagedIdentity/userAssignedIdentities",
                     "apiVersion": "2023-01-31", "name": "id"}
                ],
                "outputs": outputs
            }}
    })
}

/// A nested deployment whose outputs are some known before deployment and
/// some not (read from `reference()`): each known output is read, however
/// the read is written (`.outputs.x.value`, brackets, `'Full'`
/// `.properties.outputs.x.value`); an unknown one stays unevaluated, and so
/// does what else `reference()` of the deployment returns. Before, one
/// unknown output left every output of the deployment unevaluated.
#[test]
fn known_outputs_of_a_deployment_with_an_unknown_output_are_read() {
    let template = json!({
        "$schema": SCHEMA,
        "resources": [
            nested_deployment("nested", json!({
                "identityName": {"type": "string", "value": "id"},
                "identityId": {"type": "string", "value": "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id')]"},
                "principalId": {"type": "string", "value": "[reference('id').principalId]"},
                "count": {"type": "int", "value": 3}
            })),
            {"type": "Microsoft.Web/sites", "apiVersion": "2022-09-01", "name": "app",
             "dependsOn": ["nested"],
             "properties": {
                "name": "[reference('nested').outputs.identityName.value]",
                "id": "[reference('nested').outputs.identityId.value]",
                "bracket": "[reference('nested')['outputs']['identityId']['value']]",
                "full": "[reference(resourceId('Microsoft.Resources/deployments', 'nested'), '2022-09-01', 'Full').properties.outputs.identityName.value]",
                "fullBracket": "[reference('nested', '2022-09-01', 'Full')['properties']['outputs']['COUNT']['value']]",
                "sum": "[add(reference('nested').outputs.count.value, 1)]",
                "principal": "[reference('nested').outputs.principalId.value]",
                "principalBracket": "[reference('nested').outputs['principalId']['value']]",
                "principalFull": "[reference('nested', '2022-09-01', 'Full').properties.outputs.principalId.value]",
                "principalLength": "[length(reference('nested').outputs.principalId.value)]",
                "type": "[reference('nested').outputs.identityName.type]",
                "state": "[reference('nested').provisioningState]",
                "whole": "[length(reference('nested').outputs)]",
                "missing": "[reference('nested').outputs.other.value]"
             }}
        ],
        "outputs": {
            "identityId": {"type": "string", "value": "[reference('nested').outputs.identityId.value]"},
            "principalId": {"type": "string", "value": "[reference('nested').outputs.principalId.value]"}
        }
    });
    let snap = snapshot(&template, &json!({}), &Context::default()).unwrap();
    let rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg";
    let id = format!("{rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id");
    assert_eq!(snap.resource_names(), ["id", "app"]);
    assert_eq!(
        snap.predicted_resources[1]["properties"],
        json!({
            "name": "id",
            "id": id,
            "bracket": id,
            "full": "id",
            "fullBracket": 3,
            "sum": 4,
            "principal": "[reference('nested').outputs.principalId.value]",
            "principalBracket": "[reference('nested').outputs['principalId']['value']]",
            "principalFull": "[reference('nested', '2022-09-01', 'Full').properties.outputs.principalId.value]",
            "principalLength": "[length(reference('nested').outputs.principalId.value)]",
            "type": "[reference('nested').outputs.identityName.type]",
            "state": "[reference('nested').provisioningState]",
            "whole": "[length(reference('nested').outputs)]",
            "missing": "[reference('nested').outputs.other.value]"
        })
    );
    assert_eq!(snap.outputs["identityId"], json!(id));
    assert_eq!(
        snap.outputs["principalId"],
        json!("[reference('nested').outputs.principalId.value]")
    );
}

/// An output an unknown part of which is written in a literal object or
/// array (`{"id": "[reference(...).x]"}`) is unknown as a whole, as one
/// built by an expression (`createObject(...)`) is: reading it, or a known
/// member of it, stays unevaluated rather than reading the expression's text
/// as a value. So is an output whose `condition` is only known during
/// deployment (it may not exist), and one of a loop with an unknown item.
#[test]
fn partly_unknown_outputs_of_a_deployment_stay_unevaluated() {
    let template = json!({
        "$schema": SCHEMA,
        "resources": [
            nested_deployment("nested", json!({
                "object": {"type": "object", "value": {"name": "id", "principalId": "[reference('id').principalId]"}},
                "array": {"type": "array", "value": ["id", "[reference('id').principalId]"]},
                "built": {"type": "object", "value": "[createObject('name', 'id', 'principalId', reference('id').principalId)]"},
                "maybe": {"condition": "[equals(reference('id').principalId, 'x')]", "type": "string", "value": "known"},
                "loop": {"type": "array", "copy": {"count": 2, "input": "[if(equals(copyIndex(), 0), 'a', reference('id').principalId)]"}},
                "knownLoop": {"type": "array", "copy": {"count": 2, "input": "[concat('a', copyIndex())]"}},
                "knownObject": {"type": "object", "value": {"name": "id", "tags": ["a", "[concat('b', 'c')]"]}},
                "unknownKey": {"type": "object", "value": {"name": "id", "[reference('id').principalId]": true}}
            }))
        ],
        "outputs": {
            "objectName": {"type": "string", "value": "[reference('nested').outputs.object.value.name]"},
            "objectLength": {"type": "int", "value": "[length(reference('nested').outputs.object.value.principalId)]"},
            "objectInt": {"type": "int", "value": "[int(reference('nested').outputs.object.value.principalId)]"},
            "array0": {"type": "string", "value": "[reference('nested').outputs.array.value[0]]"},
            "builtName": {"type": "string", "value": "[reference('nested').outputs.built.value.name]"},
            "maybe": {"type": "string", "value": "[reference('nested').outputs.maybe.value]"},
            "loop0": {"type": "string", "value": "[reference('nested').outputs.loop.value[0]]"},
            "knownLoop": {"type": "array", "value": "[reference('nested').outputs.knownLoop.value]"},
            "knownObject": {"type": "string", "value": "[reference('nested').outputs.knownObject.value.tags[1]]"},
            "unknownKey": {"type": "string", "value": "[reference('nested').outputs.unknownKey.value.name]"}
        }
    });
    // Read as known, `int('[reference(...)]')` would fail the snapshot.
    let snap = snapshot(&template, &json!({}), &Context::default()).unwrap();
    let o = &snap.outputs;
    for (key, text) in [
        (
            "objectName",
            "[reference('nested').outputs.object.value.name]",
        ),
        (
            "objectLength",
            "[length(reference('nested').outputs.object.value.principalId)]",
        ),
        (
            "objectInt",
            "[int(reference('nested').outputs.object.value.principalId)]",
        ),
        ("array0", "[reference('nested').outputs.array.value[0]]"),
        (
            "builtName",
            "[reference('nested').outputs.built.value.name]",
        ),
        ("maybe", "[reference('nested').outputs.maybe.value]"),
        ("loop0", "[reference('nested').outputs.loop.value[0]]"),
        (
            "unknownKey",
            "[reference('nested').outputs.unknownKey.value.name]",
        ),
    ] {
        assert_eq!(o[key], json!(text), "{key}");
    }
    assert_eq!(o["knownLoop"], json!(["a0", "a1"]));
    assert_eq!(o["knownObject"], json!("bc"));
}

/// A nested deployment's secure output (`secureString`, `secureObject`, in
/// any case) is not in the deployment's record, so a read of it through
/// `reference()` stays unevaluated rather than showing the secret; the
/// deployment's other outputs are still read. Before, `"s3cret"` was read.
#[test]
fn secure_outputs_of_a_deployment_stay_unevaluated() {
    let template = json!({
        "$schema": SCHEMA,
        "resources": [
            nested_deployment("nested", json!({
                "secret": {"type": "secureString", "value": "s3cret"},
                "secrets": {"type": "SECUREOBJECT", "value": {"a": "b"}},
                "plain": {"type": "string", "value": "open"}
            }))
        ],
        "outputs": {
            "secret": {"type": "string", "value": "[reference('nested').outputs.secret.value]"},
            "secrets": {"type": "string", "value": "[reference('nested').outputs.secrets.value.a]"},
            "plain": {"type": "string", "value": "[reference('nested').outputs.plain.value]"}
        }
    });
    let snap = snapshot(&template, &json!({}), &Context::default()).unwrap();
    let o = &snap.outputs;
    assert_eq!(
        o["secret"],
        json!("[reference('nested').outputs.secret.value]")
    );
    assert_eq!(
        o["secrets"],
        json!("[reference('nested').outputs.secrets.value.a]")
    );
    assert_eq!(o["plain"], json!("open"));
}

/// Outputs pass through nested deployments inside nested deployments, each
/// known one on its own: the inner deployment's known output is read by the
/// middle one's, and that by the outer template, while an unknown one stays
/// unevaluated at each level (inner and outer expression scope alike).
#[test]
fn known_outputs_pass_through_nested_deployments_in_nested_deployments() {
    let inner = nested_deployment(
        "inner",
        json!({
            "known": {"type": "string", "value": "deep"},
            "unknown": {"type": "string", "value": "[reference('id').principalId]"}
        }),
    );
    let middle = |name: &str, scope: &str| {
        json!({
            "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": name,
            "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": scope},
                "template": {
                    "$schema": SCHEMA,
                    "resources": [inner.clone()],
                    "outputs": {
                        "known": {"type": "string", "value": "[concat(reference('inner').outputs.known.value, '-', 'middle')]"},
                        "unknown": {"type": "string", "value": "[reference('inner').outputs.unknown.value]"}
                    }
                }}
        })
    };
    let template = json!({
        "$schema": SCHEMA,
        "resources": [middle("middleInner", "inner"), middle("middleOuter", "outer")],
        "outputs": {
            "innerKnown": {"type": "string", "value": "[reference('middleInner').outputs.known.value]"},
            "innerUnknown": {"type": "string", "value": "[reference('middleInner').outputs.unknown.value]"},
            "outerKnown": {"type": "string", "value": "[reference('middleOuter').outputs.known.value]"},
            "outerUnknown": {"type": "string", "value": "[reference('middleOuter').outputs.unknown.value]"},
            "deepest": {"type": "string", "value": "[reference('inner').outputs.known.value]"}
        }
    });
    let snap = snapshot(&template, &json!({}), &Context::default()).unwrap();
    let o = &snap.outputs;
    assert_eq!(snap.resource_names(), ["id", "id"]);
    assert_eq!(o["innerKnown"], json!("deep-middle"));
    assert_eq!(o["outerKnown"], json!("deep-middle"));
    assert_eq!(
        o["innerUnknown"],
        json!("[reference('middleInner').outputs.unknown.value]")
    );
    assert_eq!(
        o["outerUnknown"],
        json!("[reference('middleOuter').outputs.unknown.value]")
    );
    // The outer-scope middle deployment deploys `inner` in the same group, so
    // its name is read by the outer template too; two deployments named
    // `inner` would read nothing, but the inner-scope one is evaluated apart.
    assert_eq!(o["deepest"], json!("deep"));
}

/// Each copy of a nested deployment in a `copy` loop has its own outputs:
/// each copy's known output is read, and where one copy's output is unknown
/// only that copy's read stays unevaluated.
#[test]
fn each_copy_of_a_nested_deployment_has_its_own_outputs() {
    let mut nested = nested_deployment(
        "[format('nested{0}', copyIndex())]",
        json!({
            "name": {"type": "string", "value": "[format('id{0}', parameters('i'))]"},
            "maybe": {"type": "string", "value": "[if(equals(parameters('i'), 1), reference('id').principalId, 'static')]"}
        }),
    );
    nested["copy"] = json!({"name": "deployments", "count": 2});
    nested["properties"]["parameters"] = json!({"i": {"value": "[copyIndex()]"}});
    nested["properties"]["template"]["parameters"] = json!({"i": {"type": "int"}});
    let template = json!({
        "$schema": SCHEMA,
        "resources": [nested],
        "outputs": {
            "names": {"type": "array", "copy": {"count": 2, "input": "[reference(format('nested{0}', copyIndex())).outputs.name.value]"}},
            "maybes": {"type": "array", "copy": {"count": 2, "input": "[reference(format('nested{0}', copyIndex())).outputs.maybe.value]"}}
        }
    });
    let snap = snapshot(&template, &json!({}), &Context::default()).unwrap();
    assert_eq!(snap.outputs["names"], json!(["id0", "id1"]));
    assert_eq!(
        snap.outputs["maybes"],
        json!(["static", "[reference('nested1').outputs.maybe.value]"])
    );
}

/// ARM evaluates outputs after the deployment: an output loop whose count only
/// the deployment knows is an unknown output (its `copy` as written), not a
/// failed snapshot; a known count still gives the items, a negative one is
/// still an error.
#[test]
fn an_output_loop_counted_at_deployment_is_unknown() {
    let template = |count: Value| {
        json!({
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "resources": [{
                "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
                "apiVersion": "2023-01-31",
                "name": "id",
                "location": "westeurope"
            }],
            "outputs": {
                "ids": {"type": "array", "copy": {"count": count, "input": "[copyIndex()]"}},
                "plain": {"type": "string", "value": "known"}
            }
        })
    };
    let unknown = json!(
        "[length(reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id')).clientId)]"
    );
    let snap = snapshot(&template(unknown.clone()), &json!({}), &Context::default())
        .expect("an unknown count is no error");
    let outputs = &snap.to_json()["outputs"];
    assert_eq!(
        outputs["ids"],
        json!({"copy": {"count": unknown, "input": "[copyIndex()]"}})
    );
    assert_eq!(outputs["plain"], "known");
    let snap = snapshot(&template(json!(2)), &json!({}), &Context::default()).unwrap();
    assert_eq!(snap.to_json()["outputs"]["ids"], json!([0, 1]));
    assert!(snapshot(&template(json!(-1)), &json!({}), &Context::default()).is_err());
}

/// ARM reads a template's structure ignoring the case of its keys: every
/// structural key written in another case (top-level sections, a
/// parameter's `Type`/`DefaultValue`, a variable loop, a function's
/// `Parameters`/`Output`, a resource's `Type`, `ApiVersion`, `Name`, `Copy`,
/// `Condition`, `DependsOn`, nested `Resources`, a nested deployment's
/// `Properties.Template`, `ExpressionEvaluationOptions.Scope` and
/// `Parameters.x.Value`, an output's `Value`, `Copy` and `Condition`) is
/// read as in its usual case; body keys keep their spelling.
#[test]
fn structural_keys_are_read_ignoring_case() {
    let template = json!({
        "$SCHEMA": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "ContentVersion": "1.0.0.0",
        "Functions": [{"Namespace": "ns", "Members": {"twice": {
            "Parameters": [{"Name": "x", "Type": "int"}],
            "Output": {"Type": "int", "Value": "[mul(parameters('x'), 2)]"}
        }}}],
        "Parameters": {
            "count": {"Type": "int", "DefaultValue": 2, "MaxValue": 3},
            "skipped": {"TYPE": "bool", "DEFAULTVALUE": false}
        },
        "Variables": {
            "Copy": [{"Name": "names", "Count": "[parameters('count')]", "Input": "[concat('id', copyIndex('names'))]"}]
        },
        "Resources": [
            {
                "Type": "Microsoft.ManagedIdentity/userAssignedIdentities",
                "ApiVersion": "2023-01-31",
                "Name": "[variables('names')[copyIndex()]]",
                "Copy": {"Name": "ids", "Count": "[parameters('count')]"},
                "location": "westeurope"
            },
            {
                "Type": "Microsoft.ManagedIdentity/userAssignedIdentities",
                "ApiVersion": "2023-01-31",
                "Name": "never",
                "Condition": "[parameters('skipped')]",
                "location": "westeurope"
            },
            {
                "TYPE": "Microsoft.Network/virtualNetworks",
                "APIVERSION": "2023-04-01",
                "NAME": "vnet",
                "location": "westeurope",
                "DependsOn": ["ids", "never"],
                "Properties": {
                    "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
                    "Copy": [{"Name": "dhcp", "Count": 2, "Input": "[concat('10.1.0.', copyIndex('dhcp'))]"}],
                    "COPY": [{"name": "tags", "count": 1, "input": "[copyIndex('tags')]"}]
                },
                "Resources": [{
                    "type": "subnets", "apiVersion": "2023-04-01", "name": "a",
                    "properties": {"addressPrefix": "[concat('10.0.', ns.twice(1), '.0/24')]"}
                }]
            },
            {
                "type": "Microsoft.Resources/deployments",
                "apiVersion": "2022-09-01",
                "name": "inner",
                "Properties": {
                    "mode": "Incremental",
                    "ExpressionEvaluationOptions": {"Scope": "Inner"},
                    "Parameters": {"prefix": {"Value": "[parameters('count')]"}},
                    "Template": {
                        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                        "contentVersion": "1.0.0.0",
                        "parameters": {"prefix": {"type": "int"}},
                        "resources": [{
                            "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
                            "apiVersion": "2023-01-31",
                            "name": "[concat('inner', parameters('prefix'))]",
                            "location": "westeurope"
                        }],
                        "outputs": {"doubled": {"Type": "int", "Value": "[mul(parameters('prefix'), 2)]"}}
                    }
                }
            }
        ],
        "Outputs": {
            "names": {"Type": "array", "Value": "[variables('names')]"},
            "looped": {"Type": "array", "Copy": {"Count": 2, "Input": "[copyIndex(1)]"}},
            "hidden": {"Type": "string", "Condition": false, "Value": "x"},
            "fromInner": {"type": "int", "value": "[reference('inner').outputs.doubled.value]"}
        }
    });
    let snap = snapshot(&template, &json!({}), &Context::default()).unwrap();
    let rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg/providers";
    let id0 = format!("{rg}/Microsoft.ManagedIdentity/userAssignedIdentities/id0");
    let id1 = format!("{rg}/Microsoft.ManagedIdentity/userAssignedIdentities/id1");
    let vnet = format!("{rg}/Microsoft.Network/virtualNetworks/vnet");
    assert_eq!(
        snap.resource_names(),
        ["id0", "id1", "vnet", "vnet/a", "inner2"]
    );
    let resources = &snap.predicted_resources;
    // `DependsOn` resolved: both copies of `ids`, `never` dropped (its
    // `Condition` is false); the nested child waits for its parent.
    assert_eq!(resources[2]["dependsOn"], json!([id0, id1]));
    // Property loops in any case, two in one object included (ARM runs
    // sibling `copy` loops: microsoft/vscode-azurearmtools#646).
    assert_eq!(
        resources[2]["Properties"],
        json!({
            "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
            "dhcp": ["10.1.0.0", "10.1.0.1"],
            "tags": [0]
        })
    );
    assert_eq!(resources[3]["dependsOn"], json!([vnet]));
    assert_eq!(resources[3]["properties"]["addressPrefix"], "10.0.2.0/24");
    assert_eq!(
        snap.to_json()["outputs"],
        json!({"names": ["id0", "id1"], "looped": [1, 2], "fromInner": 4})
    );
    // A parameter's `MaxValue` is its `maxValue`.
    let err = snapshot(&template, &json!({"count": 4}), &Context::default()).unwrap_err();
    assert_eq!(err.errors[0].path, "count");
    assert!(err.errors[0].in_parameters_file, "{err}");
    assert!(err.errors[0].message.contains("maxValue 3"), "{err}");
}

/// The same structural key twice in different cases: which one ARM takes
/// is not documented, so the snapshot picks neither and says so at the
/// object that has both, wherever it is.
#[test]
fn a_structural_key_given_twice_in_different_cases_is_reported() {
    let base = || {
        json!({
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "parameters": {"p": {"type": "string", "defaultValue": "a"}},
            "resources": [
                {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
                 "name": "one", "location": "westeurope"},
                {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
                 "name": "two", "location": "westeurope", "dependsOn": ["one"],
                 "copy": {"name": "c", "count": 1}}
            ],
            "outputs": {"o": {"type": "string", "value": "x"}}
        })
    };
    assert!(snapshot(&base(), &json!({}), &Context::default()).is_ok());
    let cases: [(&str, Value, &str, &str); 6] = [
        (
            "/resources/1",
            json!({"DependsOn": []}),
            "resources[1]",
            "`dependsOn` and `DependsOn`",
        ),
        (
            "/resources/1",
            json!({"NAME": "three"}),
            "resources[1]",
            "`name` and `NAME`",
        ),
        (
            "/resources/1/copy",
            json!({"Count": 2}),
            "resources[1].copy",
            "`count` and `Count`",
        ),
        (
            "/parameters/p",
            json!({"DefaultValue": "b"}),
            "parameters.p",
            "`defaultValue` and `DefaultValue`",
        ),
        (
            "/outputs/o",
            json!({"Value": "y"}),
            "outputs.o",
            "`value` and `Value`",
        ),
        (
            "",
            json!({"Resources": []}),
            "",
            "`resources` and `Resources`",
        ),
    ];
    for (pointer, extra, path, names) in cases {
        let mut template = base();
        let object = template
            .pointer_mut(pointer)
            .unwrap()
            .as_object_mut()
            .unwrap();
        for (k, v) in extra.as_object().unwrap() {
            object.insert(k.clone(), v.clone());
        }
        let err = snapshot(&template, &json!({}), &Context::default()).unwrap_err();
        let e = &err.errors[0];
        assert_eq!(e.path, path, "{pointer}: {err}");
        assert!(e.message.contains(names), "{pointer}: {err}");
        assert!(e.message.contains("not documented"), "{err}");
        assert!(e.unsupported, "{err}");
    }
}

/// A failure in an output of a nested deployment's template, evaluated in
/// the outer scope, is at that output's path; a key given twice in an inner
/// template is at the inner template's own path.
#[test]
fn nested_template_failures_are_at_their_paths() {
    let template = |inner: Value| {
        json!({
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "resources": [{
                "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
                "properties": {"mode": "Incremental", "template": inner}
            }]
        })
    };
    let failing = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [],
        "outputs": {"o": {"type": "int", "value": "[int('x')]"}}
    });
    let err = snapshot(&template(failing), &json!({}), &Context::default()).unwrap_err();
    assert_eq!(
        err.errors[0].path,
        "resources[0].properties.template.outputs.o.value"
    );
    let twice = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "outputs": {}, "Outputs": {}
    });
    let err = snapshot(&template(twice), &json!({}), &Context::default()).unwrap_err();
    assert_eq!(
        err.errors[0].path, "resources[0].properties.template",
        "{err}"
    );
    assert!(
        err.errors[0].message.contains("`outputs` and `Outputs`"),
        "{err}"
    );
}

/// Two parameters, variables (a variable loop's included) or outputs whose
/// names differ only in case are one name to ARM (Bicep's BCP353): which one
/// it takes is not documented, so the snapshot picks neither.
#[test]
fn names_that_differ_only_in_case_are_reported() {
    let base = || {
        json!({
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "parameters": {"location": {"type": "string", "defaultValue": "a"}},
            "variables": {"name": "x", "copy": [{"name": "items", "count": 1, "input": "[copyIndex('items')]"}]},
            "resources": [],
            "outputs": {"out": {"type": "string", "value": "x"}}
        })
    };
    assert!(snapshot(&base(), &json!({}), &Context::default()).is_ok());
    let cases = [
        (
            "/parameters",
            "Location",
            json!({"type": "string"}),
            "parameters.Location",
            "`location` and `Location`",
        ),
        (
            "/variables",
            "NAME",
            json!("y"),
            "variables.NAME",
            "`name` and `NAME`",
        ),
        (
            "/variables",
            "Items",
            json!([]),
            "variables.Items",
            "`items` and `Items`",
        ),
        (
            "/outputs",
            "OUT",
            json!({"type": "string", "value": "y"}),
            "outputs.OUT",
            "`out` and `OUT`",
        ),
    ];
    for (pointer, name, value, path, names) in cases {
        let mut template = base();
        template
            .pointer_mut(pointer)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .insert(name.to_string(), value);
        let err = snapshot(&template, &json!({}), &Context::default()).unwrap_err();
        let e = &err.errors[0];
        assert_eq!(e.path, path, "{err}");
        assert!(e.message.contains(names) && e.unsupported, "{err}");
    }
}

/// A `.name` beyond ASCII is left to the deployment wherever it is read, the
/// members of `subscription()` and the like and a nested deployment's
/// outputs included (before, both were computed ahead of that rule); the
/// same names through `['...']` and in ASCII are computed.
#[test]
fn member_names_beyond_ascii_are_left_to_the_deployment_everywhere() {
    let template = json!({
        "resources": [{
            "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "nested",
            "properties": {
                "mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                "template": {"resources": [], "outputs": {
                    "größe": {"type": "int", "value": 7},
                    "o": {"type": "int", "value": 8}}}
            }
        }],
        "outputs": {
            "sub": {"type": "string", "value": "[subscription().ſubscriptionId]"},
            "scope": {"type": "string", "value": "[deployment().ſcope]"},
            "rg": {"type": "string", "value": "[resourceGroup().ıd]"},
            "out": {"type": "int", "value": "[reference('nested').outputs.größe.value]"},
            "outs": {"type": "int", "value": "[reference('nested').outputſ.o.value]"},
            "value": {"type": "int", "value": "[reference('nested').outputs.o.valüe]"},
            "full": {"type": "int", "value": "[reference('nested', '2022-09-01', 'Full').propertieſ.outputs.o.value]"},
            "indexed": {"type": "int", "value": "[reference('nested').outputs['größe'].value]"},
            "ascii": {"type": "int", "value": "[reference('nested').outputs.o.value]"},
            "subAscii": {"type": "string", "value": "[subscription().subscriptionId]"}
        }
    });
    let snap = snapshot(&template, &json!({}), &Context::default()).unwrap();
    let outputs = &snap.to_json()["outputs"];
    for name in ["sub", "scope", "rg", "out", "outs", "value", "full"] {
        let shown = outputs[name].as_str().unwrap_or_default();
        assert!(
            shown.starts_with('[') && shown.ends_with(']'),
            "{name}: {}",
            outputs[name]
        );
    }
    assert_eq!(outputs["indexed"], 7);
    assert_eq!(outputs["ascii"], 8);
    assert_eq!(outputs["subAscii"], "00000000-0000-0000-0000-000000000000");
}

/// The first error of snapshotting `template` with `params`: its path,
/// whether it is in the parameters file, whether it is the evaluator's
/// limit, and its message.
fn first_error(template: &Value, params: &Value) -> (String, bool, bool, String) {
    let err = match snapshot(template, params, &Context::default()) {
        Ok(s) => panic!("no error: {}", s.to_json()),
        Err(e) => e,
    };
    let e = &err.errors[0];
    (
        e.path.clone(),
        e.in_parameters_file,
        e.unsupported,
        e.message.clone(),
    )
}

/// One parameter given twice in names that differ only in case, in a
/// parameters file (either form) or a nested deployment's
/// `properties.parameters`, is reported at the second, as two parameters of a
/// template so named are (BCP353): before, the last silently won.
#[test]
fn a_parameter_given_twice_in_different_case_is_reported() {
    let template = json!({
        "parameters": {"sku": {"type": "string"}},
        "resources": [],
        "outputs": {"o": {"type": "string", "value": "[parameters('sku')]"}}
    });
    let cases = [
        (
            json!({"parameters": {"sku": {"value": "one"}, "SKU": {"value": "two"}}}),
            "parameters.SKU",
        ),
        (
            json!({"$schema": "s", "Parameters": {"sku": {"Value": "one"}, "Sku": {"value": "two"}}}),
            "Parameters.Sku",
        ),
        (json!({"sku": "one", "SKU": "two"}), "SKU"),
        // Beyond ASCII, as ARM compares names (`ſ` is `s`).
        (json!({"sku": "one", "ſku": "two"}), "['ſku']"),
    ];
    for (params, path) in cases {
        let (at, in_file, unsupported, message) = first_error(&template, &params);
        assert_eq!(at, path, "{params}");
        assert!(in_file && unsupported, "{params}: {message}");
        assert!(message.contains("one name to ARM"), "{message}");
    }
    // One spelling each: computed.
    let snap = snapshot(
        &template,
        &json!({"parameters": {"SKU": {"value": "two"}}}),
        &Context::default(),
    )
    .unwrap();
    assert_eq!(snap.outputs["o"], "two");
    // A nested deployment's parameters (`/tmp/b3/t14.json`).
    let nested = |params: Value| {
        json!({
            "resources": [{
                "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "nested",
                "Properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                    "Parameters": params,
                    "template": {"parameters": {"p": {"type": "string"}}, "resources": [],
                        "outputs": {"o": {"type": "string", "value": "[parameters('p')]"}}}}
            }],
            "outputs": {"o": {"type": "string", "value": "[reference('nested').outputs.o.value]"}}
        })
    };
    let (at, in_file, unsupported, _) = first_error(
        &nested(json!({"p": {"value": "one"}, "P": {"value": "two"}})),
        &json!({}),
    );
    assert_eq!(at, "resources[0].Properties.Parameters.P");
    assert!(!in_file && unsupported);
    let snap = snapshot(
        &nested(json!({"P": {"value": "two"}})),
        &json!({}),
        &Context::default(),
    )
    .unwrap();
    assert_eq!(snap.outputs["o"], "two");
}

/// What `apim-dsl check` reports as rejected by ARM in user-defined
/// functions and lambdas is reported at its JSON path, not computed: two
/// functions whose `namespace.name` differ only in case, two parameters of
/// one name, `parameters` that is not an array of `{name, type}` objects,
/// `lambda('x', 'x', ...)` (even where it is never called).
#[test]
fn functions_and_lambdas_arm_rejects_are_reported() {
    let with = |functions: Value, value: &str| {
        json!({
            "functions": functions,
            "resources": [],
            "outputs": {"o": {"type": "int", "value": value}}
        })
    };
    let one = |params: Value| {
        json!([{"namespace": "ns", "members": {"f": {"parameters": params,
            "output": {"type": "int", "value": "[1]"}}}}])
    };
    let out = json!({"type": "int", "value": "[1]"});
    let cases = [
        (
            json!([{"namespace": "ns", "members": {"f": {"output": out}, "F": {"output": out}}}]),
            "functions[0].members.F",
            "`ns.f` and `ns.F`",
        ),
        (
            json!([{"namespace": "ns", "members": {"f": {"output": out}}},
                   {"namespace": "NS", "members": {"f": {"output": out}}}]),
            "functions[1].members.f",
            "`ns.f` and `NS.f`",
        ),
        (
            one(json!([{"name": "x", "type": "int"}, {"name": "X", "type": "int"}])),
            "functions[0].members.f.parameters[1]",
            "`x` and `X`",
        ),
        (
            one(json!([{"name": "x", "type": "int"}, {"name": "x", "type": "int"}])),
            "functions[0].members.f.parameters[1]",
            "`x` is declared twice",
        ),
        (
            one(json!({})),
            "functions[0].members.f.parameters",
            "not an object",
        ),
        (
            one(json!("x")),
            "functions[0].members.f.parameters",
            "not a string",
        ),
        (
            one(json!([3])),
            "functions[0].members.f.parameters[0]",
            "not an int",
        ),
        (
            one(json!([{"type": "int"}])),
            "functions[0].members.f.parameters[0]",
            "needs a non-empty string `name`",
        ),
        (
            one(json!([{"name": "x"}])),
            "functions[0].members.f.parameters[0]",
            "needs a `type`",
        ),
        (
            one(json!([{"name": "x", "Type": "integer"}])),
            "functions[0].members.f.parameters[0].Type",
            "is not a function parameter type",
        ),
    ];
    for (functions, path, message) in cases {
        let (at, _, _, m) = first_error(&with(functions.clone(), "[1]"), &json!({}));
        assert_eq!(at, path, "{functions}: {m}");
        assert!(m.contains(message), "{functions}: {m}");
    }
    // Lambdas naming a parameter twice, called or not.
    for value in [
        "[reduce(createArray(1, 2), 0, lambda('x', 'x', 1))]",
        "[if(true(), 1, length(map(createArray(), lambda('x', 'x', 1))))]",
    ] {
        let (at, _, unsupported, m) = first_error(&with(json!([]), value), &json!({}));
        assert_eq!(at, "outputs.o.value", "{value}");
        assert!(!unsupported && m.contains("'x' twice"), "{m}");
    }
    let (at, _, _, _) = first_error(
        &with(
            json!([{"namespace": "ns", "members": {"f": {
                "output": {"type": "int", "value": "[reduce(createArray(1), 0, lambda('y', 'y', 1))]"}}}}]),
            "[1]",
        ),
        &json!({}),
    );
    assert_eq!(at, "functions[0].members.f.output.value");
    // What ARM accepts is computed: one name in two namespaces, `null` or
    // no parameters, distinct lambda parameters, parameter types in any case.
    let fine = with(
        json!([{"namespace": "ns", "members": {
                   "f": {"parameters": null, "output": out},
                   "g": {"parameters": [{"name": "x", "type": "INT"}, {"name": "y", "type": "int"}],
                         "output": {"type": "int", "value": "[add(parameters('x'), parameters('y'))]"}}}},
               {"namespace": "other", "members": {"f": {"parameters": [], "output": {"type": "int", "value": "[2]"}}}}]),
        "[add(add(ns.f(), other.f()), add(ns.g(3, 4), reduce(createArray(1, 2), 0, lambda('a', 'b', add(lambdaVariables('a'), lambdaVariables('b'))))))]",
    );
    let snap = snapshot(&fine, &json!({}), &Context::default()).unwrap();
    assert_eq!(snap.outputs["o"], 13);
}

/// An error's path spells each key as the template does (`Parameters`,
/// `DefaultValue`, `Properties`, `Condition`, `DependsOn`, `Template`,
/// `Copy`, `Count`), quotes a name that is not a plain identifier as the
/// importer's JSON paths do (`parameters['my-param']`), and names a
/// function by its place (`functions[0].members.f`): before, paths used the
/// canonical spelling and `functions.ns.f`, which the CLI could not place.
#[test]
fn error_paths_spell_keys_as_the_template_does() {
    let fail = "[int('x')]";
    let resource = |extra: Value| {
        let mut r = json!({"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01", "name": "s"});
        for (k, v) in extra.as_object().unwrap() {
            r[k] = v.clone();
        }
        r
    };
    let cases = [
        (
            json!({"Parameters": {"p": {"Type": "int", "DefaultValue": fail}}, "resources": []}),
            "Parameters.p.DefaultValue",
        ),
        (
            json!({"parameters": {"my-param": {"type": "int", "defaultValue": fail}}, "resources": []}),
            "parameters['my-param'].defaultValue",
        ),
        (
            json!({"Variables": {"v-1": fail}, "resources": [],
                   "outputs": {"o": {"type": "int", "value": "[variables('v-1')]"}}}),
            "Variables['v-1']",
        ),
        (
            json!({"Resources": [resource(json!({"Properties": {"a-b": {"c": fail}}}))]}),
            "Resources[0].Properties['a-b'].c",
        ),
        (
            json!({"resources": [resource(json!({"Condition": fail}))]}),
            "resources[0].Condition",
        ),
        (
            json!({"resources": [resource(json!({"DependsOn": ["x", fail]}))]}),
            "resources[0].DependsOn[1]",
        ),
        (
            json!({"resources": [{"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01", "Name": fail}]}),
            "resources[0].Name",
        ),
        (
            json!({"resources": [resource(json!({"Copy": {"name": "l", "Count": fail}}))]}),
            "resources[0].Copy.Count",
        ),
        (
            json!({"resources": [resource(json!({"properties": {"Copy": [{"name": "x", "count": 1, "Input": fail}]}}))]}),
            "resources[0].properties.Copy[0].Input",
        ),
        (
            json!({"resources": {"my-site": resource(json!({"properties": {"n": fail}}))}}),
            "resources['my-site'].properties.n",
        ),
        (
            json!({"resources": [], "Outputs": {"my-o": {"type": "array", "Copy": {"count": 1, "Input": fail}}}}),
            "Outputs['my-o'].Copy.Input",
        ),
        (
            json!({"Functions": [{"namespace": "ns", "Members": {"f": {"Output": {"type": "int", "Value": "[add(1,]"}}}}],
                   "resources": []}),
            "Functions[0].Members.f.Output.Value",
        ),
        (
            json!({"resources": [{
                "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "d",
                "Properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                    "Template": {"resources": [resource(json!({"Properties": {"n": fail}}))]}}}]}),
            "resources[0].Properties.Template.resources[0].Properties.n",
        ),
        (
            json!({"resources": [{
                "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "d",
                "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                    "parameters": {"p": {"Value": fail}},
                    "template": {"parameters": {"p": {"type": "int"}}, "resources": []}}}]}),
            "resources[0].properties.parameters.p.Value",
        ),
    ];
    for (template, path) in cases {
        let (at, in_file, _, message) = first_error(&template, &json!({}));
        assert_eq!(at, path, "{message}");
        assert!(!in_file);
    }
}

/// A value given to an inner-scope nested deployment is checked where it is
/// given: a parameter its template does not declare at
/// `properties.parameters.<name>` (before, at the template's
/// `parameters.<name>`, which does not exist), a value of the wrong type at
/// its `value`.
#[test]
fn nested_deployment_parameter_errors_are_where_the_value_is_given() {
    let nested = |params: Value| {
        json!({"resources": [{
            "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "d",
            "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                "parameters": params,
                "template": {"parameters": {"p": {"type": "int", "defaultValue": 1}}, "resources": []}}}]})
    };
    let (at, in_file, _, message) = first_error(&nested(json!({"q": {"value": 1}})), &json!({}));
    assert_eq!(at, "resources[0].properties.parameters.q");
    assert!(
        !in_file && message.contains("no parameter 'q'"),
        "{message}"
    );
    let (at, _, _, message) = first_error(&nested(json!({"p": {"value": "x"}})), &json!({}));
    assert_eq!(at, "resources[0].properties.parameters.p.value");
    assert!(message.contains("declared int"), "{message}");
}

/// Every error about the parameters file is marked so and located in it,
/// by its own spelling: a wrong value of `"Parameters": {"sku": {"Value":
/// 3}}`, both `parameters` and `Parameters`, a file that is no object, an
/// entry without a value.
#[test]
fn parameters_file_errors_are_located_in_the_parameters_file() {
    let template = json!({"parameters": {"sku": {"type": "string"}}, "resources": []});
    let cases = [
        (
            json!({"Parameters": {"sku": {"Value": 3}}}),
            "Parameters.sku.Value",
            "declared string",
        ),
        (
            json!({"$schema": "s", "Parameters": {"sku": {"Value": "a"}, "nope": {"value": 1}}}),
            "Parameters.nope",
            "no parameter 'nope'",
        ),
        (
            json!({"parameters": {"sku": {"value": "a"}}, "Parameters": {"sku": {"value": "b"}}}),
            "",
            "both `parameters` and `Parameters`",
        ),
        (json!([1]), "", "must be a JSON object, not an array"),
        (
            json!({"$schema": "s", "parameters": 3}),
            "parameters",
            "not an int",
        ),
        (
            json!({"$schema": "s", "parameters": {"sku": {}}}),
            "parameters.sku",
            "needs a `value`",
        ),
        (json!({"my-sku": 3}), "['my-sku']", "no parameter 'my-sku'"),
        (json!({"sku": 3}), "sku", "declared string"),
    ];
    for (params, path, message) in cases {
        let (at, in_file, _, m) = first_error(&template, &params);
        assert_eq!(at, path, "{params}: {m}");
        assert!(in_file, "{params}: {m}");
        assert!(m.contains(message), "{params}: {m}");
    }
    // A default value's error stays in the template.
    let (at, in_file, _, _) = first_error(
        &json!({"parameters": {"n": {"type": "int", "defaultValue": "[int('x')]"}}, "resources": []}),
        &json!({}),
    );
    assert_eq!(at, "parameters.n.defaultValue");
    assert!(!in_file);
}

/// Any key of a resource given twice in different case (`location` and
/// `Location`) is reported as a structural key is, rather than both kept in
/// the predicted resource; so are two copy loops whose names differ only in
/// case (`check` reports them as duplicates).
#[test]
fn resource_keys_and_loops_given_twice_in_different_case_are_reported() {
    let template = json!({"resources": [{"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01",
        "name": "s", "location": "a", "Location": "b"}]});
    let (at, _, unsupported, message) = first_error(&template, &json!({}));
    assert_eq!(at, "resources[0]");
    assert!(
        unsupported && message.contains("`location` and `Location`"),
        "{message}"
    );
    let looped = |second: &str| {
        json!({"resources": [
            {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01",
             "name": "[concat('a', copyIndex())]", "copy": {"name": "l", "count": 1}},
            {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01",
             "name": "[concat('b', copyIndex())]", "Copy": {"Name": second, "count": 1}}]})
    };
    let (at, _, unsupported, message) = first_error(&looped("L"), &json!({}));
    assert_eq!(at, "resources[1].Copy.Name");
    assert!(unsupported && message.contains("`l` and `L`"), "{message}");
    let (at, _, unsupported, message) = first_error(&looped("l"), &json!({}));
    assert_eq!(at, "resources[1].Copy.Name");
    assert!(
        unsupported && message.contains("`l` is declared twice"),
        "{message}"
    );
    let snap = snapshot(&looped("m"), &json!({}), &Context::default()).unwrap();
    assert_eq!(snap.resource_names(), ["a0", "b0"]);
}
