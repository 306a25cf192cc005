use super::*;

fn import(json: &str) -> Result<Imported, Vec<ImportError>> {
    import_text(json, &Options::default())
}

#[test]
fn a_small_template_imports() {
    let imported = import(
        r#"{
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": { "sku": { "type": "string", "defaultValue": "Developer", "allowedValues": ["Developer", "Premium"], "metadata": { "description": "The SKU" } } },
        "variables": { "name": "[concat('apim', uniqueString(resourceGroup().id))]" },
        "resources": [],
        "outputs": { "n": { "type": "string", "value": "[variables('name')]" } }
    }"#,
    )
    .expect("imports");
    assert!(
        imported.source.contains("/// The SKU\n"),
        "{}",
        imported.source
    );
    assert!(
        imported
            .source
            .contains("#[allowed(\"Developer\", \"Premium\")]")
    );
    assert!(
        imported
            .source
            .contains("param sku: string = \"Developer\";")
    );
    assert!(
        imported
            .source
            .contains("var name = concat(\"apim\", uniqueString(resourceGroup().id));")
    );
    assert!(imported.source.contains("output n: string = name;"));
}

#[test]
fn odd_templates_are_errors_not_panics() {
    let deep_member = format!("[resourceGroup(){}]", ".a".repeat(50_000));
    let nested = format!("{}1{}", "[".repeat(100), "]".repeat(100));
    let inputs = [
        "[]".to_string(),
        "{}".to_string(),
        r#"{"resources": {}}"#.to_string(),
        r#"{"resources": [1, "x", null, {"type": 1}]}"#.to_string(),
        r#"{"parameters": {"a-b": {"type": "strin"}}, "resources": []}"#.to_string(),
        r#"{"variables": {"copy": 5}, "resources": [], "outputs": {"o": 1}}"#.to_string(),
        r#"{"resources": [{"type": "A/b", "apiVersion": "1", "name": "[concat(", "copy": {"count": 3}}]}"#.to_string(),
        r#"{"resources": [], "outputs": {"o": {"type": "object", "value": {"[[x]": 18446744073709551615, "y": 1e400}}}}"#.to_string(),
        format!(r#"{{"resources": [], "outputs": {{"o": {{"type": "string", "value": "{deep_member}"}}}}}}"#),
        format!(r#"{{"resources": [], "outputs": {{"o": {{"type": "array", "value": {nested}}}}}}}"#),
        r#"{"functions": [{"namespace": "a b", "members": 3}], "resources": []}"#.to_string(),
    ];
    for input in &inputs {
        for symbolic in [false, true] {
            let options = Options {
                const_name: "T".into(),
                symbolic,
                for_checking: false,
            };
            if let Ok(value) = serde_json::from_str::<Value>(input) {
                let _ = verify::import_checked(&value, &options);
                let _ = verify::check_template(&value);
            }
            let _ = import_text(input, &options);
        }
    }
}

#[test]
fn what_cannot_be_expressed_is_named_by_path() {
    let errors = import(
        r#"{
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": { "my-param": { "type": "string" },
                        "q": { "type": "array", "allowedValues": [1.5] } },
        "resources": [],
        "outputs": { "n": { "type": "object", "value": { "x": 1 }, "condition": "[true()]" } }
    }"#,
    )
    .unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert!(paths.contains(&"$.parameters['my-param']"), "{paths:?}");
    assert!(paths.contains(&"$.outputs.n.condition"), "{paths:?}");
    assert!(
        paths.contains(&"$.parameters.q.allowedValues[0]"),
        "{paths:?}"
    );
}

#[test]
fn the_source_map_finds_the_innermost_value() {
    let imported = import(
        r#"{"$schema": "s", "contentVersion": "1.0.0.0", "resources": [],
            "outputs": { "o": { "type": "object", "value": { "a": { "b": "text" } } } } }"#,
    )
    .unwrap();
    let at = imported.source.find("\"text\"").unwrap();
    assert_eq!(
        imported.source_map.path_at(at),
        Some("$.outputs.o.value.a.b")
    );
    let at = imported.source.find("output o").unwrap();
    assert_eq!(imported.source_map.path_at(at), Some("$.outputs.o"));
}

fn checked(json: &str) -> Result<verify::Checked, Vec<ImportError>> {
    let value: Value = serde_json::from_str(json).expect("JSON");
    verify::import_checked(&value, &Options::default())
}

/// ARM reads `parameters('p')` as the parameter `P` (names compare ignoring
/// case): the DSL writes the declared spelling, and the round trip holds.
#[test]
fn names_resolve_ignoring_case_to_their_declarations() {
    let checked = checked(
        r#"{"$schema": "s", "contentVersion": "1.0.0.0",
            "parameters": { "P": { "type": "string", "defaultValue": "abc" } },
            "variables": { "V": "[CONCAT(Parameters('P'), '-x')]", "w": "[toUpper(variables('v'))]",
                           "x": "[if(equals(parameters('p'), 'abc'), json('null'), 'y')]" },
            "resources": [],
            "outputs": { "o": { "type": "string", "value": "[VARIABLES('W')]" } } }"#,
    )
    .expect("imports");
    let source = &checked.imported.source;
    assert!(source.contains("var w = toUpper(V);"), "{source}");
    assert!(source.contains("equals(P, \"abc\")"), "{source}");
    assert!(source.contains("output o: string = w;"), "{source}");
}

/// User-defined functions, their parameters and copy loops by name, any case.
#[test]
fn functions_and_loops_resolve_ignoring_case() {
    let imported = import(
        r#"{"$schema": "s", "contentVersion": "1.0.0.0",
            "functions": [ { "namespace": "Contoso", "members": { "Wrap": {
                "parameters": [ { "name": "Val", "type": "string" } ],
                "output": { "type": "string", "value": "[concat('<', parameters('val'), '>')]" } } } } ],
            "parameters": { "Items": { "type": "array", "defaultValue": ["a"] } },
            "variables": { "copy": [ { "name": "Wrapped", "count": "[length(parameters('items'))]",
                "input": "[contoso.wrap(parameters('ITEMS')[copyIndex('wrapped')])]" } ] },
            "resources": [],
            "outputs": { "o": { "type": "array", "value": "[variables('WRAPPED')]" } } }"#,
    )
    .expect("imports");
    let source = &imported.source;
    assert!(source.contains("concat(\"<\", Val, \">\")"), "{source}");
    assert!(
        source.contains("var Wrapped = [for item in Items: Contoso.Wrap(item)];"),
        "{source}"
    );
    assert!(source.contains("output o: array = Wrapped;"), "{source}");
}

/// Two declarations that differ only in case: ARM rejects the template.
#[test]
fn names_differing_only_in_case_are_an_error() {
    let errors = import(
        r#"{"$schema": "s", "contentVersion": "1.0.0.0",
            "parameters": { "P": { "type": "string" }, "p": { "type": "string" } },
            "variables": { "v": 1, "copy": [ { "name": "V", "count": 1, "input": 1 } ] },
            "functions": [ { "namespace": "ns", "members": {
                "f": { "output": { "type": "int", "value": 1 } },
                "F": { "output": { "type": "int", "value": 2 } } } } ],
            "resources": [],
            "outputs": { "o": { "type": "int", "value": 1 }, "O": { "type": "int", "value": 2 } } }"#,
    )
    .unwrap_err();
    for path in [
        "$.parameters.p",
        "$.variables.copy[0].name",
        "$.functions[0].members.F",
        "$.outputs.O",
    ] {
        let error = errors.iter().find(|e| e.path == path);
        assert!(
            error.is_some_and(|e| e.message.contains("only in case")),
            "{path}: {errors:?}"
        );
    }
}

/// ARM reads a user-defined function's namespace and name ignoring case:
/// `[MyNs.BUILDNAME('x')]` calls `myns.buildName`. The DSL writes the
/// declared spelling, and the proof of an exact import reads both alike, in
/// the template and in a module's inner template (with functions of its own).
#[test]
fn user_function_calls_in_any_case_import_exactly() {
    let template = r#"{"$schema": "s", "contentVersion": "1.0.0.0",
        "functions": [ { "namespace": "myns", "members": {
            "buildName": { "parameters": [ {"name": "n", "type": "string"} ],
                "output": { "type": "string", "value": "[concat('pre-', parameters('N'))]" } } } } ],
        "resources": [ {
            "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
            "properties": { "mode": "Incremental", "expressionEvaluationOptions": { "scope": "Inner" },
                "template": { "$schema": "s", "contentVersion": "1.0.0.0",
                    "functions": [ { "namespace": "Inner", "members": {
                        "Id": { "parameters": [ {"name": "v", "type": "int"} ],
                            "output": { "type": "int", "value": "[parameters('v')]" } } } } ],
                    "resources": [],
                    "outputs": { "o": { "type": "int", "value": "[inner.ID(INNER.id(2))]" } } } } } ],
        "outputs": {
            "a": { "type": "string", "value": "[MyNs.BUILDNAME('x')]" },
            "b": { "type": "string", "value": "[concat(MYNS.buildname('Z'), myns.buildName( 'y'))]" } } }"#;
    let value: Value = serde_json::from_str(template).expect("JSON");
    for symbolic in [false, true] {
        let options = Options {
            symbolic,
            ..Options::default()
        };
        let checked = verify::import_checked(&value, &options)
            .unwrap_or_else(|e| panic!("symbolic: {symbolic}: {e:?}"));
        let source = &checked.imported.source;
        assert!(
            source.contains("output a: string = myns.buildName(\"x\");"),
            "{source}"
        );
    }
}

/// What ARM reads differently still differs: another function, or a string
/// argument in another case.
#[test]
fn user_function_calls_differ_by_function_and_argument() {
    let template = |call: &str| {
        serde_json::json!({
            "$schema": "s",
            "functions": [ { "namespace": "ns", "members": {
                "a": { "output": { "type": "string", "value": "a" } },
                "b": { "parameters": [ {"name": "s", "type": "string"} ],
                    "output": { "type": "string", "value": "[parameters('s')]" } } } } ],
            "resources": [],
            "outputs": { "o": { "type": "string", "value": call } }
        })
    };
    let same = verify::first_difference(&template("[NS.B('x')]"), &template("[ns.b('x')]"));
    assert!(same.is_none(), "{same:?}");
    for (original, emitted) in [("[ns.a()]", "[ns.b('')]"), ("[NS.b('x')]", "[ns.B('X')]")] {
        let difference = verify::first_difference(&template(original), &template(emitted));
        assert_eq!(
            difference.map(|d| d.path),
            Some("$.outputs.o.value".to_string()),
            "{original} / {emitted}"
        );
    }
}

/// `copyIndex(name?, offset?)` of property, variable and output loops, the
/// offset mixed with the plain index: a loop over `range(offset, count)`.
#[test]
fn copy_loops_with_an_offset_and_the_index_round_trip() {
    let checked = checked(
        r#"{"$schema": "s", "contentVersion": "1.0.0.0",
            "parameters": { "items": { "type": "array", "defaultValue": [1, 2] } },
            "variables": { "copy": [ { "name": "disks", "count": "[length(parameters('items'))]",
                "input": { "name": "[concat('d', copyIndex('disks', 1))]", "size": "[parameters('items')[copyIndex('disks')]]" } } ] },
            "resources": [],
            "outputs": { "o": { "type": "array", "copy": { "count": "[length(parameters('items'))]",
                "input": "[concat('n', copyIndex(), copyIndex(1))]" } } } }"#,
    )
    .expect("round trips");
    let source = &checked.imported.source;
    assert!(
        source.contains("var disks = [for (item, i) in range(1, length(items)): {"),
        "{source}"
    );
    assert!(source.contains("size: items[i],"), "{source}");
    assert!(
        source.contains(
            "output o: array = [for (item, i) in range(1, length(items)): concat(\"n\", i, item)];"
        ),
        "{source}"
    );
}

/// A loop has one start: two offsets are an error at its `input`.
#[test]
fn a_copy_loop_with_two_offsets_is_an_error() {
    let errors = import(
        r#"{"$schema": "s", "contentVersion": "1.0.0.0",
            "variables": { "copy": [ { "name": "v", "count": 2,
                "input": "[add(copyIndex('v', 1), copyIndex('v', 2))]" } ] },
            "resources": [] }"#,
    )
    .unwrap_err();
    assert!(
        errors.iter().any(|e| e.path == "$.variables.copy[0].input"
            && e.message.contains("offsets 1 and 2")),
        "{errors:?}"
    );
}

/// A resource loop's `copyIndex('ids', k)` is its `copyIndex(k)`: no false
/// "every copy gets the same name", and `check` finds nothing.
#[test]
fn a_resource_loop_may_name_its_own_copy_index() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [ { "copy": { "name": "ids", "count": 2 },
            "type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
            "name": "[concat('idn', copyIndex('ids', 1))]", "location": "westeurope",
            "tags": { "i": "[string(copyIndex('IDS'))]" } } ] }"#;
    let imported = import(template).expect("imports");
    assert!(
        imported
            .source
            .contains("name: concat(\"idn\", copyIndex(1)),"),
        "{}",
        imported.source
    );
    assert!(
        imported.source.contains("i: string(copyIndex()),"),
        "{}",
        imported.source
    );
    let value: Value = serde_json::from_str(template).unwrap();
    let findings = verify::check_template(&value);
    assert!(findings.is_empty(), "{findings:?}");
    let symbolic = Options {
        symbolic: true,
        ..Options::default()
    };
    verify::import_checked(&value, &symbolic).expect("the same deployment");
}

/// In the loops of a resource's properties, `copyIndex('resourceLoop')` is
/// still the resource's index (ARM's `copyIndex()` there counts the resource
/// loop): imported as the DSL's `copyIndex()`, in `input` and `count`, with
/// an offset and in any case, both exactly and symbolically.
#[test]
fn a_property_loop_reads_its_resource_loops_index() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": { "sets": { "type": "array", "defaultValue": [ ["a", "b"], ["c"] ] } },
        "resources": [ { "copy": { "name": "resourceLoop", "count": "[length(parameters('sets'))]" },
            "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
            "name": "[concat('vnet', copyIndex('resourceLoop'))]", "location": "westeurope",
            "properties": { "copy": [ { "name": "subnets",
                "count": "[length(parameters('sets')[copyIndex('resourceLoop')])]",
                "input": {
                    "name": "[concat(parameters('sets')[copyIndex('resourceLoop')][copyIndex('subnets')], copyIndex('ResourceLoop', 1))]",
                    "properties": { "addressPrefix": "[concat('10.', copyIndex('resourceLoop'), '.', copyIndex('subnets'), '.0/24')]" } } } ] } } ] }"#;
    let value: Value = serde_json::from_str(template).unwrap();
    for symbolic in [false, true] {
        let options = Options {
            symbolic,
            ..Options::default()
        };
        let checked = verify::import_checked(&value, &options)
            .unwrap_or_else(|e| panic!("symbolic: {symbolic}: {e:?}"));
        let source = &checked.imported.source;
        for expected in [
            "subnets: [for (item, i) in sets[copyIndex()]: {",
            "name: concat(item, copyIndex(1)),",
            "addressPrefix: concat(\"10.\", copyIndex(), \".\", i, \".0/24\"),",
        ] {
            assert!(source.contains(expected), "{expected}\n{source}");
        }
    }
    assert!(verify::check_template(&value).is_empty());
}

/// A property loop named as its resource's loop: inside it,
/// `copyIndex('name')` is its own index (the innermost loop of the name), and
/// `copyIndex()` the resource's.
#[test]
fn a_property_loop_named_as_its_resource_loop_reads_its_own_index() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [ { "copy": { "name": "subnets", "count": 2 },
            "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
            "name": "[concat('vnet', copyIndex('subnets'))]", "location": "westeurope",
            "properties": { "copy": [ { "name": "subnets", "count": 3,
                "input": { "name": "[concat('s', copyIndex(), '-', copyIndex('SUBNETS'))]" } } ] } } ] }"#;
    let value: Value = serde_json::from_str(template).unwrap();
    for symbolic in [false, true] {
        let options = Options {
            symbolic,
            ..Options::default()
        };
        let checked = verify::import_checked(&value, &options)
            .unwrap_or_else(|e| panic!("symbolic: {symbolic}: {e:?}"));
        let source = &checked.imported.source;
        assert!(
            source.contains("name: concat(\"s\", copyIndex(), \"-\", i),"),
            "{source}"
        );
    }
    // Read as the resource's index instead, the property loop's would differ.
    let swapped = template.replace(
        "copyIndex(), '-', copyIndex('SUBNETS')",
        "copyIndex('SUBNETS'), '-', copyIndex()",
    );
    let swapped: Value = serde_json::from_str(&swapped).unwrap();
    let difference = verify::first_difference(&value, &swapped).map(|d| d.path);
    assert_eq!(
        difference.as_deref(),
        Some("$.resources[0].properties.copy[0].input.name")
    );
}

/// A resource's `metadata` of constants is
/// the DSL's `#[metadata]`, at the top level and nested, empty too; `check`
/// finds nothing. One with an expression stays a body key kept with
/// `#[accept]`, and `check` says how the DSL declares metadata.
#[test]
#[cfg_attr(
    not(feature = "span-locations"),
    ignore = "`#[accept]` and messages are placed at JSON paths by span locations: needs the `span-locations` feature"
)]
fn resource_metadata_imports_as_the_attribute() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
            { "type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
              "name": "id1", "location": "westeurope",
              "metadata": { "owner": "team-a", "n": -1, "list": [true, null, "[[x]"], "odd key": {} } },
            { "type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
              "name": "id2", "location": "westeurope", "metadata": {} } ] }"#;
    let value: Value = serde_json::from_str(template).unwrap();
    for symbolic in [false, true] {
        let options = Options {
            symbolic,
            ..Options::default()
        };
        let checked = verify::import_checked(&value, &options)
            .unwrap_or_else(|e| panic!("symbolic: {symbolic}: {e:?}"));
        let source = &checked.imported.source;
        for expected in [
            "#[metadata({ owner: \"team-a\", n: -1, list: [true, null, \"[x]\"], \"odd key\": {} })]\n    resource ",
            "#[metadata({})]\n    resource ",
        ] {
            assert!(source.contains(expected), "{expected}\n{source}");
        }
        assert!(!source.contains("accept"), "{source}");
        assert!(checked.accepted.is_empty(), "{:?}", checked.accepted);
    }
    assert!(verify::check_template(&value).is_empty());

    let computed = template.replace(
        "\"owner\": \"team-a\"",
        "\"owner\": \"[resourceGroup().name]\"",
    );
    let value: Value = serde_json::from_str(&computed).unwrap();
    let checked = verify::import_checked(&value, &Options::default()).expect("imports");
    assert!(
        checked.imported.source.contains("#[accept(\"metadata\")]"),
        "{}",
        checked.imported.source
    );
    let findings = verify::check_template(&value);
    assert!(
        findings.iter().any(|f| f.path == "$.resources[0].metadata"
            && f.severity == verify::Severity::Warning
            && f.message.contains("`#[metadata({ ... })]`")),
        "{findings:?}"
    );
}

/// `check` says of a resource's `metadata` that is not literal what `import`
/// says: a warning, not an error, in every form `import` keeps with
/// `#[accept("metadata")]` (an object with an expression, a whole
/// expression, a string; in a loop, on a nested child).
#[test]
#[cfg_attr(
    not(feature = "span-locations"),
    ignore = "`#[accept]` and messages are placed at JSON paths by span locations: needs the `span-locations` feature"
)]
fn check_warns_of_a_computed_resource_metadata_as_import_does() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": { "owner": { "type": "string" }, "m": { "type": "object" } },
        "resources": [
            { "type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
              "name": "id1", "location": "westeurope", "metadata": { "owner": "[parameters('owner')]" } },
            { "type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
              "name": "id2", "location": "westeurope", "metadata": "[parameters('m')]" },
            { "type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
              "name": "id3", "location": "westeurope", "metadata": "just text" },
            { "type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
              "name": "[concat('id4-', copyIndex())]", "copy": { "name": "ids", "count": 2 },
              "location": "westeurope", "metadata": { "i": "[copyIndex()]" } },
            { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
              "name": "stacct1", "location": "westeurope", "sku": { "name": "Standard_LRS" }, "kind": "StorageV2",
              "resources": [
                { "type": "blobServices", "apiVersion": "2023-01-01", "name": "default",
                  "dependsOn": ["stacct1"], "metadata": { "owner": "[parameters('owner')]" } } ] } ] }"#;
    let value: Value = serde_json::from_str(template).unwrap();
    let checked = verify::import_checked(&value, &Options::default()).expect("imports");
    let mut imported: Vec<(String, String)> = checked
        .accepted
        .iter()
        .map(|e| (e.path.clone(), verify::kept_with_accept(&e.message)))
        .collect();
    imported.sort();
    let mut found: Vec<(String, String)> = verify::check_template(&value)
        .into_iter()
        .map(|f| {
            assert_eq!(f.severity, verify::Severity::Warning, "{f:?}");
            (f.path, f.message)
        })
        .collect();
    found.sort();
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "$.resources[0].metadata",
            "$.resources[1].metadata",
            "$.resources[2].metadata",
            "$.resources[3].metadata",
            "$.resources[4].resources[0].metadata",
        ]
    );
    assert_eq!(found, imported);
    // A key the type data lacks is still an error: only `metadata` is kept.
    let typo = template.replace(
        "\"location\": \"westeurope\", \"metadata\": \"just text\"",
        "\"locaton\": \"westeurope\"",
    );
    assert_ne!(typo, template);
    let value: Value = serde_json::from_str(&typo).unwrap();
    assert!(
        verify::check_template(&value)
            .iter()
            .any(|f| f.severity == verify::Severity::Error && f.path == "$.resources[2].locaton"),
    );
}

fn message_at(json: &str, path: &str) -> String {
    let errors = import(json).unwrap_err();
    errors
        .iter()
        .find(|e| e.path == path)
        .map(|e| e.message.clone())
        .unwrap_or_else(|| panic!("no error at {path}: {errors:?}"))
}

/// What the importer refuses is said as it is.
#[test]
fn refusals_say_what_the_template_has() {
    let v2 = r#"{"$schema": "s", "contentVersion": "1.0.0.0", "languageVersion": "2.0",
        "resources": { "id": { "type": "A/b", "apiVersion": "1", "name": "x" } } }"#;
    assert!(message_at(v2, "$.resources").contains("symbolic-name templates"));
    let profile = r#"{"$schema": "s", "contentVersion": "1.0.0.0", "apiProfile": "2019-03-01-hybrid",
        "resources": [ { "type": "A/b", "name": "x" } ] }"#;
    let message = message_at(profile, "$.resources[0]");
    assert!(
        message.contains("no `apiVersion`") && message.contains("`apiProfile`"),
        "{message}"
    );
    assert!(message_at(profile, "$.apiProfile").contains("not supported"));
    // One copy of a loop by its name imports as written; a name no copy
    // has is the compiler's error, naming the copies.
    let depends = r#"{"$schema": "s", "contentVersion": "1.0.0.0", "resources": [
        { "copy": { "name": "idloop", "count": 2 }, "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
          "apiVersion": "2023-01-31", "name": "[concat('idl', copyIndex())]", "location": "westeurope" },
        { "type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31", "name": "other",
          "location": "westeurope", "dependsOn": ["Microsoft.ManagedIdentity/userAssignedIdentities/idl1"] } ] }"#;
    let imported = checked(depends).expect("one copy imports");
    assert!(
        imported
            .imported
            .source
            .contains(r#"dependsOn: ["Microsoft.ManagedIdentity/userAssignedIdentities/idl1"]"#),
        "{}",
        imported.imported.source
    );
    let errors = checked_errors(&depends.replace("/idl1", "/idl2"));
    assert!(
        errors
            .iter()
            .any(|e| e.contains("`idloop` (a loop, its copies 'idl0', 'idl1')")),
        "{errors:?}"
    );
}

/// `-0` is the integer 0 (JSON.NET), and a loop named by a keyword is a raw
/// identifier, as a variable is.
#[test]
fn minus_zero_and_keyword_loop_names_import() {
    let imported = import(
        r#"{"$schema": "s", "contentVersion": "1.0.0.0", "variables": { "zero": -0 },
            "resources": [ { "copy": { "name": "loop", "count": 2 }, "type": "A/b", "apiVersion": "1",
                "name": "[concat('x', copyIndex())]" } ] }"#,
    )
    .expect("imports");
    assert!(
        imported.source.contains("var zero = 0;"),
        "{}",
        imported.source
    );
    assert!(
        imported.source.contains("resource r#loop "),
        "{}",
        imported.source
    );
}

/// JSON.NET reads `-0` as the integer 0, and `0.0` as a float, which the DSL
/// writes as Bicep does, `json("0.0")`: not taken for 0 (which the round trip
/// then reported as a difference).
#[test]
fn negative_zero_is_zero_and_a_float_zero_is_a_float() {
    let checked = checked(
        r#"{"$schema": "s", "contentVersion": "1.0.0.0",
            "variables": { "m": -0, "z": 0.0 }, "resources": [] }"#,
    )
    .expect("imports");
    let source = &checked.imported.source;
    assert!(source.contains("var m = 0;"), "{source}");
    assert!(source.contains("var z = json(\"0.0\");"), "{source}");
}

/// Numbers that are not integers (`30.0`, `1.5e-3`), as autoscale thresholds
/// are written, import as `json('...')` (Bicep's decompiler writes them so),
/// which ARM evaluates to the same float wherever it evaluates expressions:
/// in a resource, a variable, an output, a parameter's default, a property
/// named `metadata` in a resource's `properties`. Where ARM reads the value as
/// written (metadata of the template, a parameter, an output or a resource; a
/// parameter's `allowedValues`), the expression would stay text: refused.
#[test]
fn floats_import_as_json_where_arm_evaluates_expressions() {
    let checked = checked(
        r#"{"$schema": "s", "contentVersion": "1.0.0.0",
            "parameters": { "t": { "type": "object", "defaultValue": { "limit": 2.5 } } },
            "variables": { "ratios": [0.25, 1, -7.5E2] },
            "resources": [ { "type": "Microsoft.Insights/autoscalesettings", "apiVersion": "2022-10-01",
                "name": "scale", "location": "westeurope",
                "properties": { "targetResourceUri": "x", "enabled": true, "metadata": { "weight": 0.5 },
                  "profiles": [ { "name": "p", "capacity": { "minimum": "1", "maximum": "2", "default": "1" },
                    "rules": [ { "metricTrigger": { "metricName": "cpu", "metricResourceUri": "x",
                      "timeGrain": "PT1M", "statistic": "Average", "timeWindow": "PT5M",
                      "timeAggregation": "Average", "operator": "GreaterThan", "threshold": 60.0 },
                      "scaleAction": { "direction": "Increase", "type": "ChangeCount", "value": "1", "cooldown": "PT1M" } } ] } ] } } ],
            "outputs": { "f": { "type": "object", "value": { "x": 1.0e-3, "precise": 130.65331632653061, "rounded": 9007199254740993.0 } } } }"#,
    )
    .expect("imports");
    let source = &checked.imported.source;
    for written in [
        "json(\"2.5\")",
        "json(\"0.25\")",
        "json(\"-750.0\")",
        "json(\"0.5\")",
        "json(\"60.0\")",
        "json(\"0.001\")",
        // Read correctly rounded, as ARM's Json.NET reads them, and written
        // back as the same float (serde_json's default parse was one unit in
        // the last place off on the first).
        "json(\"130.65331632653061\")",
        "json(\"9007199254740992.0\")",
    ] {
        assert!(source.contains(written), "{written} in {source}");
    }
    for (template, path) in [
        (
            r#"{"$schema": "s", "contentVersion": "1.0.0.0", "metadata": { "v": 1.5 }, "resources": [] }"#,
            "$.metadata.v",
        ),
        (
            r#"{"$schema": "s", "contentVersion": "1.0.0.0",
                "parameters": { "p": { "type": "object", "metadata": { "w": 1.5 } } }, "resources": [] }"#,
            "$.parameters.p.metadata.w",
        ),
        (
            r#"{"$schema": "s", "contentVersion": "1.0.0.0",
                "parameters": { "p": { "type": "array", "allowedValues": [1.5, 2] } }, "resources": [] }"#,
            "$.parameters.p.allowedValues[0]",
        ),
    ] {
        let errors = checked_errors(template);
        assert!(
            errors.iter().any(|e| e.starts_with(&format!(
                "{path}: `1.5` is not a 64-bit integer, and ARM does not evaluate expressions here"
            ))),
            "{path}: {errors:?}"
        );
    }
}

/// The segments of the paths the importer writes, and the places where ARM
/// reads values as written.
#[test]
fn places_where_arm_evaluates_expressions() {
    for (path, evaluated) in [
        ("$.variables.x", true),
        ("$.resources[0].properties.metadata.w", true),
        ("$.resources[0].properties.parameters.p.defaultValue", true),
        ("$.parameters.p.defaultValue.a", true),
        ("$.outputs.o.value", true),
        ("$.metadata.v", false),
        ("$.resources[2].metadata.v", false),
        ("$.resources[0].properties.template.metadata.v", false),
        (
            "$.resources[0].properties.template.parameters.p.allowedValues[1]",
            false,
        ),
        ("$.parameters['odd.name'].metadata.x", false),
        ("$.outputs.o.metadata.x", false),
        ("$.parameters.p.maxValue", false),
        // A policy definition's own parameters are its data.
        (
            "$.resources[0].properties.parameters.t.allowedValues[0]",
            true,
        ),
        ("$.resources[0].properties.parameters.t.metadata.x", true),
        (
            "$.resources[0].properties.template.outputs.o.metadata.x",
            false,
        ),
    ] {
        assert_eq!(super::evaluated_place(path), evaluated, "{path}");
    }
}

fn checked_errors(json: &str) -> Vec<String> {
    match checked(json) {
        Ok(_) => panic!("imports"),
        Err(errors) => errors
            .iter()
            .map(|e| format!("{}: {}", e.path, e.message))
            .collect(),
    }
}

/// ARM takes parameter, variable and output names that are not identifiers
/// (`my-param`, `1st`, `self`); the DSL, like Bicep, does not. `check` checks
/// such a template under stand-in names, and finds its mistakes at their
/// paths; `import` still refuses the names.
#[test]
#[cfg_attr(
    not(feature = "span-locations"),
    ignore = "messages are placed at JSON paths by span locations: needs the `span-locations` feature"
)]
fn names_that_are_not_identifiers_are_checked_under_stand_ins() {
    let template = r#"{"$schema": "s", "contentVersion": "1.0.0.0",
        "parameters": { "my-param": { "type": "int", "defaultValue": "x" },
                        "1st": { "type": "string", "defaultValue": "f" },
                        "self": { "type": "string", "defaultValue": "s" },
                        "my_param": { "type": "string", "defaultValue": "taken" } },
        "variables": { "my.var": "[concat(parameters('1st'), parameters('SELF'), parameters('my_param'))]",
                       "copy": [ { "name": "a-loop", "count": 2, "input": "[copyIndex('a-loop')]" } ] },
        "resources": [],
        "outputs": { "my-out": { "type": "string", "value": "[concat(variables('my.var'), string(variables('a-loop')), string(parameters('my-param')))]" },
                     "n": { "type": "int", "value": "[variables('my.var')]" } } }"#;
    let value: Value = serde_json::from_str(template).unwrap();
    let findings: Vec<(String, String)> = verify::check_template(&value)
        .into_iter()
        .map(|f| (f.path, f.message))
        .collect();
    assert_eq!(
        findings,
        [
            (
                "$.parameters['my-param'].defaultValue".to_string(),
                "ADSL0303: the default of `my-param` must be an int, found a string".to_string()
            ),
            (
                "$.outputs.n.value".to_string(),
                "ADSL0303: the value of output `n` must be an int, found a string".to_string()
            ),
        ]
    );
    // The import itself still names what the DSL cannot write.
    assert!(message_at(template, "$.parameters['my-param']").contains("is not a Rust identifier"));
}

/// A stand-in is unlike the template's own names: a function named as the
/// plain stand-in would be (`ns.my_param` beside `my-param`) is no duplicate,
/// and a property key so named (`sku_name` beside `sku-name`) keeps its name
/// in messages.
#[test]
#[cfg_attr(
    not(feature = "span-locations"),
    ignore = "messages are placed at JSON paths by span locations: needs the `span-locations` feature"
)]
fn stand_ins_differ_from_every_name_of_the_template() {
    let findings = |json: &str| -> Vec<(String, String)> {
        let value: Value = serde_json::from_str(json).unwrap();
        verify::check_template(&value)
            .into_iter()
            .map(|f| (f.path, f.message))
            .collect()
    };
    let found = findings(
        r#"{"$schema": "s", "contentVersion": "1.0.0.0",
            "functions": [{"namespace": "ns", "members": {"my_param": {"parameters": [], "output": {"type": "int", "value": 1}}}}],
            "parameters": {"my-param": {"type": "int", "defaultValue": 2}},
            "resources": [],
            "outputs": {"o": {"type": "int", "value": "[ns.my_param()]"},
                        "p": {"type": "int", "value": "[parameters('my-param')]"}}}"#,
    );
    assert!(found.is_empty(), "{found:?}");
    let found = findings(
        r#"{"$schema": "s", "contentVersion": "1.0.0.0",
            "parameters": {"sku-name": {"type": "string", "defaultValue": "kv-name"}},
            "resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01",
                "name": "[parameters('sku-name')]", "location": "westeurope",
                "properties": {"tenantId": "[subscription().tenantId]",
                               "sku": {"family": "A", "name": "standard"}, "sku_name": 1}}]}"#,
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "$.resources[0].properties.sku_name");
    assert!(
        found[0]
            .1
            .starts_with("ADSL0404: unknown property `sku_name` in `properties`"),
        "{found:?}"
    );
}

/// `check`'s findings on a template: (path, message), sorted.
fn check_findings(json: &str) -> Vec<(String, String)> {
    let value: Value = serde_json::from_str(json).unwrap();
    let mut found: Vec<(String, String)> = verify::check_template(&value)
        .into_iter()
        .map(|f| (f.path, f.message))
        .collect();
    found.sort();
    found
}

/// The messages of `check` on `json`, in its order.
fn check_messages(json: &str) -> Vec<String> {
    let value: Value = serde_json::from_str(json).unwrap();
    verify::check_template(&value)
        .into_iter()
        .map(|f| f.message)
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = expected
        .iter()
        .map(|(p, m)| (p.to_string(), m.to_string()))
        .collect();
    pairs.sort();
    pairs
}

/// User-defined functions, their namespaces and parameters may be named as no
/// identifier is (`my-ns`, `build-name`, `first-part`, `self`, `$twice`, a
/// keyword): `check` checks them under stand-ins, a mistake of a body at its
/// path, and names them as the template does; `import` still refuses them.
#[test]
#[cfg_attr(
    not(feature = "span-locations"),
    ignore = "messages are placed at JSON paths by span locations: needs the `span-locations` feature"
)]
fn function_names_that_are_not_identifiers_are_checked_under_stand_ins() {
    let template = r#"{"$schema": "s", "contentVersion": "1.0.0.0",
        "functions": [
          {"namespace": "my-ns", "members": {"build-name": {
             "parameters": [{"name": "first-part", "type": "string"}, {"name": "self", "type": "int"}],
             "output": {"type": "int", "value": "[concat(parameters('FIRST-PART'), string(parameters('Self')))]"}}}},
          {"namespace": "self", "members": {"$twice": {
             "parameters": [{"name": "$x", "type": "int"}],
             "output": {"type": "int", "value": "[mul(parameters('$X'), 2)]"}}}},
          {"namespace": "type", "members": {"fn": {
             "parameters": [{"name": "in", "type": "string"}],
             "output": {"type": "string", "value": "[parameters('in')]"}}}}],
        "resources": [],
        "outputs": {"a": {"type": "int", "value": "[SELF.$Twice('no')]"},
                    "b": {"type": "int", "value": "[self.$twice(1, 2)]"},
                    "c": {"type": "string", "value": "[Type.Fn('x')]"}}}"#;
    assert_eq!(
        check_findings(template),
        pairs(&[
            (
                "$.functions[0].members['build-name'].output.value",
                "ADSL0303: the value of function `build-name` must be an int, found a string"
            ),
            (
                "$.outputs.a.value",
                "ADSL0303: argument 1 of `$twice` (parameter `$x`) must be an int, found a string"
            ),
            (
                "$.outputs.b.value",
                "ADSL0302: `$twice` takes 1 argument, but 2 were given"
            ),
        ])
    );
    // The import still refuses each, once.
    assert!(message_at(template, "$.functions[0]").contains("namespace is a name"));
    let refused = import(template).err().unwrap_or_default();
    let at = |path: &str| refused.iter().filter(|e| e.path == path).count();
    assert_eq!(at("$.functions[1].members.$twice"), 1, "{refused:?}");
    assert_eq!(
        at("$.functions[1].members.$twice.parameters[0]"),
        1,
        "{refused:?}"
    );
    assert_eq!(
        at("$.functions[1].members.$twice.output.value"),
        0,
        "{refused:?}"
    );
}

/// A resource loop's name is its symbol, and a lambda's parameter a local:
/// either may be no identifier (`my-loop`, `my-x`), read in any case
/// (`copyIndex('MY-LOOP')`, a `dependsOn`, `lambdaVariables('My-X')`).
#[test]
#[cfg_attr(
    not(feature = "span-locations"),
    ignore = "messages are placed at JSON paths by span locations: needs the `span-locations` feature"
)]
fn loop_and_lambda_names_that_are_not_identifiers_are_checked_under_stand_ins() {
    let template = r#"{"$schema": "s", "contentVersion": "1.0.0.0",
        "variables": {"xs": "[map(createArray(1, 2), lambda('my-x', add(lambdaVariables('My-X'), 'a')))]",
                      "ys": "[filter(createArray(1, 2), lambda('1st', equals(lambdaVariables('1ST'), 1)))]"},
        "resources": [
          {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01",
           "name": "[concat('ip', copyIndex('MY-LOOP'))]", "location": "westeurope",
           "copy": {"name": "my-loop", "count": 2},
           "properties": {"idleTimeoutInMinutes": "four"}},
          {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01",
           "name": "[concat('b', copyIndex('self'))]", "location": "westeurope",
           "copy": {"name": "self", "count": 2}, "dependsOn": ["My-Loop"],
           "properties": {"idleTimeoutInMinutes": "[copyIndex('SELF')]"}}],
        "outputs": {"xs": {"type": "array", "value": "[variables('xs')]"},
                    "ys": {"type": "array", "value": "[variables('ys')]"}}}"#;
    assert_eq!(
        check_findings(template),
        pairs(&[
            (
                "$.variables.xs",
                "ADSL0303: argument 2 of `add` must be an int, found a string"
            ),
            (
                "$.resources[0].properties.idleTimeoutInMinutes",
                "ADSL0407: `properties.idleTimeoutInMinutes` of `Microsoft.Network/publicIPAddresses` must be an integer, not a string"
            ),
        ])
    );
    assert!(message_at(template, "$.resources[0].copy.name").contains("is not a Rust identifier"));
}

/// `lambdaVariables()` of a name no lambda declares is the same finding
/// whether or not the name is an identifier: not found, by the template's
/// name, with no "did you mean" a stand-in's look-alike text would give
/// (before, `zz-z` was "not a name the DSL can write", and nothing else of
/// the expression was checked; then "did you mean `ab-c`?").
#[test]
#[cfg_attr(
    not(feature = "span-locations"),
    ignore = "messages are placed at JSON paths by span locations: needs the `span-locations` feature"
)]
fn lambda_variables_of_an_undeclared_name_that_is_not_an_identifier_is_not_found() {
    let template = r#"{"$schema": "s", "contentVersion": "1.0.0.0",
        "variables": {"a": "[map(createArray(1), lambda('ab-c', lambdaVariables('zz-z')))]",
                      "b": "[map(createArray(1), lambda('abc', lambdaVariables('zzz')))]",
                      "c": "[map(createArray(1), lambda('my-item', lambdaVariables('My-Itme')))]"},
        "resources": [],
        "outputs": {"a": {"type": "array", "value": "[variables('a')]"},
                    "b": {"type": "array", "value": "[variables('b')]"},
                    "c": {"type": "array", "value": "[variables('c')]"}}}"#;
    assert_eq!(
        check_findings(template),
        pairs(&[
            (
                "$.variables.a",
                "ADSL0201: cannot find parameter, variable or resource `zz-z` in this template"
            ),
            (
                "$.variables.b",
                "ADSL0201: cannot find parameter, variable or resource `zzz` in this template"
            ),
            (
                "$.variables.c",
                "ADSL0201: cannot find parameter, variable or resource `My-Itme` in this template, did you mean `my-item`?"
            ),
        ])
    );
}

/// A stand-in is no name of the template in any case and occurs in none of
/// its text: beside a parameter named as the plain stand-in would be, keys
/// and strings holding it in other cases, messages name each as written.
#[test]
#[cfg_attr(
    not(feature = "span-locations"),
    ignore = "messages are placed at JSON paths by span locations: needs the `span-locations` feature"
)]
fn function_stand_ins_occur_nowhere_in_the_template() {
    let template = r#"{"$schema": "s", "contentVersion": "1.0.0.0",
        "functions": [{"namespace": "my-ns", "members": {"build-name": {
             "parameters": [{"name": "first-part", "type": "int"}],
             "output": {"type": "string", "value": "[parameters('first-part')]"}}}}],
        "parameters": {"__stand_in0_my_ns": {"type": "int", "defaultValue": "x"},
                       "__STAND_IN1_BUILD_NAME": {"type": "string", "defaultValue": "__stand_in2_first_part"}},
        "resources": [
          {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01",
           "name": "[parameters('__STAND_IN1_BUILD_NAME')]", "location": "westeurope",
           "dependsOn": ["__Stand_In0_My_Ns_"],
           "properties": {"__stand_in2_first_part": 1}}],
        "outputs": {"o": {"type": "string", "value": "[string(parameters('__stand_in0_my_ns'))]"}}}"#;
    assert_eq!(
        check_findings(template),
        pairs(&[
            (
                "$.functions[0].members['build-name'].output.value",
                "ADSL0303: the value of function `build-name` must be a string, found an int"
            ),
            (
                "$.parameters.__stand_in0_my_ns.defaultValue",
                "ADSL0303: the default of `__stand_in0_my_ns` must be an int, found a string"
            ),
            (
                "$.resources[0].dependsOn[0]",
                "ADSL0502: this `dependsOn` entry names no resource of this template: no resource is named `'__Stand_In0_My_Ns_'`; name a resource of this template by its id (`resourceId(type, name)`) or its name"
            ),
            (
                "$.resources[0].properties.__stand_in2_first_part",
                "ADSL0404: unknown property `__stand_in2_first_part` in `properties` of `Microsoft.Network/publicIPAddresses@2023-04-01`; expected one of `ddosSettings`, `deleteOption`, `dnsSettings`, `idleTimeoutInMinutes`, `ipAddress`, `ipTags`, `linkedPublicIPAddress`, `migrationPhase`, `natGateway`, `publicIPAddressVersion`, `publicIPAllocationMethod`, `publicIPPrefix`, `servicePublicIPAddress`"
            ),
        ])
    );
}

/// ARM reads a function's parameters ignoring case: `a-b` and `A-B` share one
/// stand-in, and are one duplicate, at the second's path.
#[test]
#[cfg_attr(
    not(feature = "span-locations"),
    ignore = "messages are placed at JSON paths by span locations: needs the `span-locations` feature"
)]
fn function_parameters_differing_only_in_case_are_a_duplicate() {
    let template = r#"{"$schema": "s", "contentVersion": "1.0.0.0",
        "functions": [{"namespace": "n-s", "members": {"f": {
             "parameters": [{"name": "a-b", "type": "int"}, {"name": "A-B", "type": "int"}],
             "output": {"type": "int", "value": "[parameters('a-b')]"}}}}],
        "resources": []}"#;
    assert_eq!(
        check_findings(template),
        pairs(&[(
            "$.functions[0].members.f.parameters[1]",
            "ADSL0202: duplicate parameter `a-b` of function `f`: rename one of them"
        )])
    );
}

/// A `dependsOn` naming a copy loop declared later, in another case, is that
/// loop's symbol as the loop spells it, in a module's inner template as in
/// the outer one; the outer template's loop is not the inner one's.
#[test]
fn depends_on_a_later_loop_in_other_case_in_a_module() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
        "resources": [
          {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
           "name": "first", "location": "westus", "dependsOn": ["IDLOOP"]},
          {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
           "name": "[concat('id-', copyIndex())]", "location": "westus",
           "copy": {"name": "idLoop", "count": 2}},
          {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "nested",
           "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "Inner"},
             "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
               "resources": [
                 {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
                  "name": "xyz", "location": "westus", "dependsOn": ["laterInner"]},
                 {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
                  "name": "[concat('li-', copyIndex())]", "location": "westus",
                  "copy": {"name": "LATERINNER", "count": 2}}]}}}]}"#;
    let imported = import(template).unwrap();
    assert!(
        imported.source.contains("dependsOn: [idLoop],"),
        "{}",
        imported.source
    );
    assert_eq!(imported.modules.len(), 1);
    let inner = serde_json::to_string(&imported.modules[0].2).unwrap();
    let inner = import(&inner).unwrap();
    assert!(
        inner.source.contains("dependsOn: [LATERINNER],"),
        "{}",
        inner.source
    );
    assert_eq!(check_findings(template), pairs(&[]));
}

/// A resource's or a module's `metadata.description` is its doc comment, as
/// the compiler (and Bicep's `@description`) writes it; the rest of a
/// resource's metadata stays `#[metadata]`.
#[test]
fn descriptions_in_metadata_become_doc_comments() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
          {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
           "name": "id1", "location": "westeurope",
           "metadata": {"description": "The identity", "owner": "team-a"}},
          {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
           "name": "id2", "location": "westeurope",
           "metadata": {"description": "Only described"}},
          {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
           "metadata": {"description": "The inner deployment"},
           "properties": {"expressionEvaluationOptions": {"scope": "Inner"}, "mode": "Incremental",
             "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                          "contentVersion": "1.0.0.0", "resources": []}}}
        ]}"#;
    let value: Value = serde_json::from_str(template).unwrap();
    for symbolic in [false, true] {
        let options = Options {
            symbolic,
            ..Options::default()
        };
        let checked = verify::import_checked(&value, &options)
            .unwrap_or_else(|e| panic!("symbolic: {symbolic}: {e:?}"));
        let source = &checked.imported.source;
        for expected in [
            "/// The identity\n    #[metadata({ owner: \"team-a\" })]\n    resource ",
            "/// Only described\n    resource ",
            "/// The inner deployment\n    #[apiVersion(\"2022-09-01\")]\n    module ",
        ] {
            assert!(source.contains(expected), "{expected}\n{source}");
        }
        assert!(!source.contains("#[metadata({ description"), "{source}");
    }
}

/// A `metadata.description` ARM reads literally through its `[[` escape is
/// the text with one `[` (the compiler escapes it again); one ARM evaluates
/// is no doc comment: a resource keeps its `metadata` as a body key, and a
/// module (which has no `#[metadata]`) is an error. A text a `///` line does
/// not read back as is `#[description]`, and a non-string description stays
/// in `#[metadata]`.
#[test]
#[cfg_attr(
    not(feature = "span-locations"),
    ignore = "messages are placed at JSON paths by span locations: needs the `span-locations` feature"
)]
fn escaped_and_odd_descriptions_import_as_written() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"p": {"type": "string", "defaultValue": "x"}},
        "resources": [
          {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
           "name": "id-a", "location": "westeurope", "metadata": {"description": "[[x]", "owner": "[[o]"}},
          {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
           "name": "id-b", "location": "westeurope", "metadata": {"description": 5}},
          {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
           "name": "id-c", "location": "westeurope", "metadata": {"description": "  lead\n\nblank"}},
          {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
           "name": "id-d", "location": "westeurope", "metadata": {"description": "[parameters('p')]"}},
          {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
           "metadata": {"description": "[[m]"},
           "properties": {"expressionEvaluationOptions": {"scope": "Inner"}, "mode": "Incremental",
             "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                          "contentVersion": "1.0.0.0", "resources": []}}}
        ]}"#;
    let value: Value = serde_json::from_str(template).unwrap();
    let checked =
        verify::import_checked(&value, &Options::default()).unwrap_or_else(|e| panic!("{e:?}"));
    let source = &checked.imported.source;
    for expected in [
        "/// [x]\n    #[metadata({ owner: \"[o]\" })]\n    resource ",
        "#[metadata({ description: 5 })]\n    resource ",
        "#[description(\"  lead\\n\\nblank\")]\n    resource ",
        "metadata: {\n            description: p,\n        },",
        "/// [m]\n    #[apiVersion(\"2022-09-01\")]\n    module ",
    ] {
        assert!(source.contains(expected), "{expected}\n{source}");
    }
    let computed = template.replace(
        r#""description": "[[m]""#,
        r#""description": "[parameters('p')]""#,
    );
    assert_eq!(
        message_at(&computed, "$.resources[4].metadata.description"),
        "a description shaped like an expression (\"[parameters('p')]\") has no DSL form: the DSL, as Bicep's `@description`, writes a description starting with `[` and ending with `]` escaped (`[[...]`); escape it in the template, or reword it"
    );
    let other_keys = template.replace(
        r#""description": "[[m]""#,
        r#""description": "m", "owner": "o""#,
    );
    assert_eq!(
        message_at(&other_keys, "$.resources[4].metadata"),
        "a module's `metadata` is only its `description` text in the DSL (the doc comment): other keys, or an expression, have no DSL form on a module"
    );
}

/// The template's, a parameter's, an output's and a function's
/// `description` escaped (`[[x]`) is the doc comment `[x]`, which the
/// compiler escapes again, so the round trip is exact. One ARM would read as
/// an expression (`[x]`) has no DSL form and is refused at its path; one
/// that only starts with `[` is plain text.
#[test]
#[cfg_attr(
    not(feature = "span-locations"),
    ignore = "messages are placed at JSON paths by span locations: needs the `span-locations` feature"
)]
fn escaped_descriptions_of_every_declaration_import() {
    let template = |description: &str| {
        format!(
            r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "metadata": {{"description": "{description}"}},
        "functions": [{{"namespace": "ns", "members": {{"f": {{
            "parameters": [], "output": {{"type": "string", "value": "a"}},
            "metadata": {{"description": "{description}"}}}}}}}}],
        "parameters": {{"p": {{"type": "string", "defaultValue": "x",
            "metadata": {{"description": "{description}"}}}}}},
        "resources": [],
        "outputs": {{"o": {{"type": "string", "value": "[parameters('p')]",
            "metadata": {{"description": "{description}"}}}}}}
        }}"#
        )
    };
    let value: Value = serde_json::from_str(&template("[[x]")).unwrap();
    let checked =
        verify::import_checked(&value, &Options::default()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        checked.imported.source.matches("/// [x]\n").count(),
        4,
        "{}",
        checked.imported.source
    );
    let value: Value = serde_json::from_str(&template("[x] and more")).unwrap();
    let checked =
        verify::import_checked(&value, &Options::default()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        checked
            .imported
            .source
            .matches("/// [x] and more\n")
            .count(),
        4
    );
    // `check` reads such a description as the text it is and checks the
    // rest: the misspelt SKU below is its only finding.
    let checked = template("[x]").replace(
        r#""resources": [],"#,
        r#""resources": [{"type": "Microsoft.ApiManagement/service", "apiVersion": "2024-05-01",
            "name": "apim", "location": "westeurope", "sku": {"name": "Premuim", "capacity": 1},
            "properties": {"publisherEmail": "a@contoso.com", "publisherName": "Contoso"}}],"#,
    );
    let findings = verify::check_template(&serde_json::from_str(&checked).unwrap());
    assert_eq!(
        findings
            .iter()
            .map(|f| (f.severity, f.path.as_str()))
            .collect::<Vec<_>>(),
        [(verify::Severity::Error, "$.resources[0].sku.name")],
        "{findings:?}"
    );
    let computed = template("[x]");
    for path in [
        "$.metadata.description",
        "$.functions[0].members.f.metadata.description",
        "$.parameters.p.metadata.description",
        "$.outputs.o.metadata.description",
    ] {
        assert!(
            message_at(&computed, path)
                .starts_with("a description shaped like an expression (\"[x]\") has no DSL form"),
            "{path}: {}",
            message_at(&computed, path)
        );
    }
}

/// `--symbolic` reads a module's output as `m.outputs.x` in each spelling of
/// the read the compiler's: `reference(<id>).outputs.x.value`, with `'Full'`
/// (`.properties.outputs.x.value`), with brackets, in another resource's
/// properties, and a secure output by `listOutputsWithSecureValues(<id>,
/// v).x` (as the compiler writes `m.outputs.x` for it). A secure output read
/// by `reference`, which ARM returns without it, is not `m.outputs.x` (that
/// would read the secret): it is kept as written, and `check` finds nothing.
#[test]
fn symbolic_module_output_reads_in_every_spelling() {
    let template = |reads: &str, outputs: &str| {
        format!(
            r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
          {{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "m",
           "properties": {{"expressionEvaluationOptions": {{"scope": "Inner"}}, "mode": "Incremental",
             "template": {{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                          "contentVersion": "1.0.0.0", "resources": [],
                          "outputs": {{"x": {{"type": "string", "value": "hello"}},
                                      "s": {{"type": "secureString", "value": "sec"}}}}}}}}}},
          {{"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
           "name": "id-reader", "location": "westeurope", "tags": {{{reads}}},
           "dependsOn": ["[resourceId('Microsoft.Resources/deployments', 'm')]"]}}
        ],
        "outputs": {{{outputs}}}}}"#
        )
    };
    let id = "resourceId('Microsoft.Resources/deployments', 'm')";
    let reads = format!(
        r#""a": "[reference({id}).outputs.x.value]",
           "b": "[reference({id}, '2022-09-01', 'Full').properties.outputs.x.value]",
           "c": "[reference({id}).outputs['x']['value']]""#
    );
    let outputs = format!(
        r#""full": {{"type": "string", "value": "[reference({id}, '2022-09-01', 'Full').properties.outputs.x.value]"}},
           "brackets": {{"type": "string", "value": "[reference({id}).outputs['x']['value']]"}},
           "secret": {{"type": "securestring", "value": "[listOutputsWithSecureValues({id}, '2022-09-01').s]"}}"#
    );
    let value: Value = serde_json::from_str(&template(&reads, &outputs)).unwrap();
    let options = Options {
        symbolic: true,
        ..Options::default()
    };
    let checked = verify::import_checked(&value, &options).unwrap_or_else(|e| panic!("{e:?}"));
    let source = &checked.imported.source;
    for expected in [
        "a: m.outputs.x,",
        "b: m.outputs.x,",
        "c: m.outputs.x,",
        "output full: string = m.outputs.x;",
        "output brackets: string = m.outputs.x;",
        "output secret: secureString = m.outputs.s;",
    ] {
        assert!(source.contains(expected), "{expected}\n{source}");
    }
    let through_reference = template(
        "",
        &format!(r#""s": {{"type": "string", "value": "[reference({id}).outputs.s.value]"}}"#),
    );
    let value: Value = serde_json::from_str(&through_reference).unwrap();
    let checked = verify::import_checked(&value, &options).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(
        checked.imported.source.contains(
            "output s: string = reference(resourceId(\"Microsoft.Resources/deployments\", \"m\")).outputs.s.value;"
        ),
        "{}",
        checked.imported.source
    );
    assert_eq!(check_findings(&through_reference), pairs(&[]));
}

/// A template with a module loop `deploys` (an inline nested deployment with
/// `copy`) whose deployment has `extra` keys, and `others` resources after it.
fn module_loop(extra: &str, others: &str) -> String {
    format!(
        r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {{"n": {{"type": "int", "defaultValue": 2}}, "on": {{"type": "bool", "defaultValue": true}}}},
        "resources": [
          {{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
           "name": "[concat('d', copyIndex(1))]", {extra}
           "properties": {{"expressionEvaluationOptions": {{"scope": "Inner"}}, "mode": "Incremental",
             "parameters": {{"i": {{"value": "[copyIndex('DEPLOYS')]"}}, "j": {{"value": "[copyIndex('deploys', 10)]"}}}},
             "template": {{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                          "contentVersion": "1.0.0.0",
                          "parameters": {{"i": {{"type": "int"}}, "j": {{"type": "int"}}}},
                          "resources": [],
                          "outputs": {{"x": {{"type": "int", "value": "[add(parameters('i'), parameters('j'))]"}}}}}}}}}}
          {others}
        ]}}"#
    )
}

/// Both imports of `template`, proved: the exact one and the symbolic one.
fn both_imports(template: &str) -> [String; 2] {
    let value: Value = serde_json::from_str(template).expect("JSON");
    [false, true].map(|symbolic| {
        let options = Options {
            symbolic,
            ..Options::default()
        };
        verify::import_checked(&value, &options)
            .unwrap_or_else(|e| panic!("symbolic: {symbolic}: {e:?}"))
            .imported
            .source
    })
}

/// A nested deployment in a copy loop is a module loop named by the copy's
/// name: `count` its source, `mode: serial` its `#[batchSize]`, a condition
/// after the loop, `copyIndex('name', k)` (in any case) the DSL's
/// `copyIndex(k)` in its name, parameters and scope, and a `dependsOn` naming
/// the loop that loop's symbol. Both imports compile back (the exact one to
/// the same JSON), and `check` finds nothing.
#[test]
fn a_nested_deployment_in_a_copy_loop_imports_as_a_module_loop() {
    let template = module_loop(
        r#""copy": {"name": "deploys", "count": "[parameters('n')]", "mode": "serial", "batchSize": 2},
           "condition": "[parameters('on')]",
           "subscriptionId": "[subscription().subscriptionId]",
           "resourceGroup": "[concat('rg-', copyIndex('deploys'))]","#,
        r#", {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
             "name": "after", "location": "westeurope", "dependsOn": ["Deploys"]}"#,
    );
    for source in both_imports(&template) {
        for expected in [
            "    #[apiVersion(\"2022-09-01\")]\n    #[batchSize(2)]\n    module deploys = TEMPLATE_DEPLOYS for item in range(0, n) if on {\n",
            "name: concat(\"d\", copyIndex(1)),",
            "scope: resourceGroup(subscription().subscriptionId, concat(\"rg-\", copyIndex())),",
            "i: copyIndex(),",
            "j: copyIndex(10),",
            "dependsOn: [deploys],",
        ] {
            assert!(source.contains(expected), "{expected}\n{source}");
        }
    }
    assert_eq!(check_findings(&template), pairs(&[]));
}

/// A loop's `mode` as ARM reads it ("Resource iteration in ARM templates",
/// Microsoft Learn): `serial` without a `batchSize` deploys one copy at a
/// time, `#[batchSize(1)]` (Bicep's decompiler writes it so: "default batch
/// size is 1"); `parallel` is the default, the DSL's loop without an
/// attribute; either in any case. Resource and module loops alike, both
/// imports exact, and `check` finds nothing.
#[test]
fn a_loops_mode_without_a_batch_size_imports_as_arm_reads_it() {
    for (copy, attribute) in [
        (r#""mode": "serial""#, Some("#[batchSize(1)]")),
        (r#""mode": "SERIAL""#, Some("#[batchSize(1)]")),
        (
            r#""mode": "Serial", "batchSize": 1"#,
            Some("#[batchSize(1)]"),
        ),
        (r#""mode": "parallel""#, None),
        (r#""mode": "Parallel""#, None),
    ] {
        // A count of at least 1: `minValue` on its parameter.
        let module = module_loop(
            &format!(
                r#""copy": {{"name": "deploys", "count": "[parameters('n')]", {copy}}}, "condition": "[parameters('on')]","#
            ),
            "",
        )
        .replace(
            r#""n": {"type": "int", "defaultValue": 2}"#,
            r#""n": {"type": "int", "defaultValue": 2, "minValue": 1}"#,
        );
        let resource = format!(
            r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "resources": [{{"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
              "name": "[concat('id-', copyIndex())]", "location": "westeurope",
              "copy": {{"name": "ids", "count": 3, {copy}}}}}]}}"#
        );
        for (template, head) in [
            (&module, "module deploys = TEMPLATE_DEPLOYS for"),
            (&resource, "resource ids \"Microsoft"),
        ] {
            for source in both_imports(template) {
                let at = source
                    .find(head)
                    .unwrap_or_else(|| panic!("{head}\n{source}"));
                let before = &source[..at];
                match attribute {
                    Some(attribute) => assert!(
                        before.ends_with(&format!("{attribute}\n    ")),
                        "{copy}\n{source}"
                    ),
                    None => assert!(!source.contains("#[batchSize"), "{copy}\n{source}"),
                }
            }
            assert_eq!(check_findings(template), pairs(&[]), "{copy}");
        }
    }
    // The comparison that proves an import tells the modes apart.
    let copy = |copy: Value| serde_json::json!({"resources": [{"type": "A/b", "copy": copy}]});
    let serial = copy(serde_json::json!({"name": "l", "count": 2, "mode": "serial"}));
    for same in [
        serde_json::json!({"name": "l", "count": 2, "mode": "Serial", "batchSize": 1}),
        serde_json::json!({"name": "l", "count": 2, "batchSize": 1, "mode": "SERIAL"}),
    ] {
        assert_eq!(verify::first_difference(&serial, &copy(same)), None);
    }
    for other in [
        serde_json::json!({"name": "l", "count": 2, "mode": "Serial", "batchSize": 2}),
        serde_json::json!({"name": "l", "count": 2}),
        serde_json::json!({"name": "l", "count": 2, "mode": "parallel"}),
    ] {
        assert!(verify::first_difference(&serial, &copy(other)).is_some());
    }
    let parallel = copy(serde_json::json!({"name": "l", "count": 2, "mode": "parallel"}));
    assert_eq!(
        verify::first_difference(
            &parallel,
            &copy(serde_json::json!({"name": "l", "count": 2}))
        ),
        None
    );
}

/// `"mode": "serial"` without a `batchSize` is the DSL's `#[batchSize(1)]`,
/// and ARM refuses a batch size above the copy count (MicrosoftDocs
/// azure-docs#62948: "The copy batch size must be a non-negative integer
/// value and cannot exceed the copy count"): imported only where the count is
/// at least 1, a literal or a parameter's `minValue`; refused at the `mode`
/// elsewhere, saying what to write.
#[test]
fn a_serial_loop_without_a_batch_size_needs_a_count_of_at_least_one() {
    let template = |count: &str, parameter: &str| {
        format!(
            r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "parameters": {{"n": {parameter}}},
            "resources": [{{"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
              "name": "[concat('id-', copyIndex())]", "location": "westeurope",
              "copy": {{"name": "ids", "count": {count}, "mode": "serial"}}}}]}}"#
        )
    };
    let bounded = r#"{"type": "int", "defaultValue": 2, "minValue": 1}"#;
    let unbounded = r#"{"type": "int", "defaultValue": 2}"#;
    for (count, parameter) in [
        ("1", unbounded),
        ("5", unbounded),
        (r#""[parameters('N')]""#, bounded),
    ] {
        let source = &checked(&template(count, parameter))
            .unwrap_or_else(|e| panic!("{count}: {e:?}"))
            .imported
            .source;
        assert!(source.contains("#[batchSize(1)]"), "{count}: {source}");
    }
    for (count, parameter) in [
        ("0", unbounded),
        (r#""[parameters('n')]""#, unbounded),
        (
            r#""[parameters('n')]""#,
            r#"{"type": "int", "defaultValue": 2, "minValue": 0}"#,
        ),
        (r#""[add(parameters('n'), 1)]""#, bounded),
    ] {
        let errors = checked_errors(&template(count, parameter));
        assert!(
            errors.iter().any(|e| e.starts_with(
                "$.resources[0].copy.mode: `\"mode\": \"serial\"` without a `batchSize` is the DSL's `#[batchSize(1)]`, which ARM refuses where the count is 0"
            )),
            "{count} {parameter}: {errors:?}"
        );
    }
}

/// A loop over an array (`count` of `length(...)`) loops over it, and the
/// body keeps reading `array[copyIndex()]`; `length(range(0, 3))` stays a
/// count (the DSL writes a loop over `range(0, 3)` as `count: 3`).
#[test]
fn a_module_loop_goes_over_the_array_its_count_measures() {
    let over_array = module_loop(
        r#""copy": {"name": "deploys", "count": "[length(createArray('a', 'b'))]"},"#,
        "",
    )
    .replace(
        "[concat('d', copyIndex(1))]",
        "[concat('d', createArray('a', 'b')[copyIndex()])]",
    );
    for source in both_imports(&over_array) {
        assert!(
            source.contains(
                "module deploys = TEMPLATE_DEPLOYS for item in createArray(\"a\", \"b\") {"
            ),
            "{source}"
        );
        assert!(
            source.contains("name: concat(\"d\", createArray(\"a\", \"b\")[copyIndex()]),"),
            "{source}"
        );
    }
    let over_range = module_loop(
        r#""copy": {"name": "deploys", "count": "[length(range(0, 3))]"},"#,
        "",
    );
    for source in both_imports(&over_range) {
        assert!(
            source.contains("for item in range(0, length(range(0, 3))) {"),
            "{source}"
        );
    }
}

/// Another loop reading one copy's outputs and waiting for that copy (by its
/// deployment id) keeps both as written, in the symbolic import too: the
/// module's symbol would be the whole loop.
#[test]
fn one_copy_of_a_module_loop_is_read_and_waited_for_as_written() {
    let id = "resourceId('Microsoft.Resources/deployments', concat('d', copyIndex(1)))";
    let template = module_loop(
        r#""copy": {"name": "deploys", "count": "[parameters('n')]"}, "condition": "[parameters('on')]","#,
        &format!(
            r#", {{"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
             "name": "[concat('id', copyIndex())]", "location": "westeurope",
             "copy": {{"name": "ids", "count": 2}}, "dependsOn": ["[{id}]"],
             "tags": {{"x": "[string(reference({id}).outputs.x.value)]"}}}}"#
        ),
    );
    let id = "resourceId(\"Microsoft.Resources/deployments\", concat(\"d\", copyIndex(1)))";
    for source in both_imports(&template) {
        assert!(
            source.contains(&format!("dependsOn: [\n            {id},\n        ],")),
            "{source}"
        );
        assert!(
            source.contains(&format!("x: string(reference({id}).outputs.x.value),")),
            "{source}"
        );
    }
    assert_eq!(check_findings(&template), pairs(&[]));
}

/// What a module loop's `copy` holds that the DSL cannot write is refused at
/// its path, saying why; so is a module `metadata` other than its
/// description (the DSL's `#[metadata]` is a resource's).
#[test]
fn what_a_module_loop_cannot_write_is_refused_at_its_path() {
    let cases = [
        (
            r#""copy": {"name": "deploys", "count": 2, "mode": "sequential"},"#,
            "$.resources[0].copy.mode",
            "a loop's `mode` is \"serial\" or \"parallel\" (the deploymentTemplate schema's `resourceCopy.mode`), not \"sequential\"",
        ),
        (
            r#""copy": {"name": "deploys", "count": 2, "mode": 1},"#,
            "$.resources[0].copy.mode",
            "a loop's `mode` is \"serial\" or \"parallel\"",
        ),
        (
            r#""copy": {"name": "deploys", "count": 2, "batchSize": 1},"#,
            "$.resources[0].copy.batchSize",
            "a `batchSize` goes with `\"mode\": \"serial\"`",
        ),
        (
            r#""copy": {"name": "deploys", "count": 2, "mode": "Parallel", "batchSize": 1},"#,
            "$.resources[0].copy.batchSize",
            "add `\"mode\": \"serial\"`, or remove the `batchSize`",
        ),
        (
            r#""copy": {"name": "deploys", "count": 2, "mode": "Serial", "batchSize": "1"},"#,
            "$.resources[0].copy.batchSize",
            "`batchSize` is an integer",
        ),
        (
            r#""copy": {"name": "deploys", "count": 2, "input": 1},"#,
            "$.resources[0].copy.input",
            "`input` has no DSL form in a module loop",
        ),
        (
            r#""copy": {"count": 2},"#,
            "$.resources[0].copy",
            "a module's `copy` has a `name`",
        ),
        (
            r#""copy": {"name": "deploy-loop", "count": 2},"#,
            "$.resources[0].copy.name",
            "the loop name `deploy-loop` becomes the module's symbol, and is not a Rust identifier",
        ),
        (
            r#""copy": {"name": "deploys", "count": "2"},"#,
            "$.resources[0].copy.count",
            "a loop's `count` is an integer or an expression; this one is \"2\"",
        ),
        (
            r#""copy": [{"name": "deploys", "count": 2}],"#,
            "$.resources[0].copy",
            "a module's `copy` is an object",
        ),
        (
            r#""copy": {"name": "deploys", "count": 2}, "metadata": {"description": "d", "owner": "me"},"#,
            "$.resources[0].metadata",
            "a module's `metadata` is only its `description` text",
        ),
    ];
    for (extra, path, expected) in cases {
        let errors = import(&module_loop(extra, "")).unwrap_err();
        let at: Vec<&ImportError> = errors.iter().filter(|e| e.path == path).collect();
        assert_eq!(at.len(), 1, "{extra}: {errors:?}");
        assert!(at[0].message.contains(expected), "{extra}: {errors:?}");
    }
}

/// The compiler's errors on a module loop's count (ARM's limits) are at the
/// loop's `count`.
#[test]
#[cfg_attr(
    not(feature = "span-locations"),
    ignore = "messages are placed at JSON paths by span locations: needs the `span-locations` feature"
)]
fn a_module_loop_count_the_compiler_refuses_is_at_its_count() {
    for (count, expected) in [
        (
            "1000",
            "this loop makes 1000 copies, ARM allows at most 800",
        ),
        ("-1", "a loop cannot run -1 times"),
        ("\"[reference('x').n]\"", "`reference` reads deployed state"),
    ] {
        let template = module_loop(
            &format!(r#""copy": {{"name": "deploys", "count": {count}}},"#),
            "",
        );
        let errors = checked_errors(&template);
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("$.resources[0].copy.count: ") && e.contains(expected)),
            "{count}: {errors:?}"
        );
    }
}

/// A property name beyond ASCII after `.` (`.größe`) parses (see
/// `arm::expr`'s `Parser::property_name`): `check` checks the value as read
/// by index, `["größe"]`, instead of refusing the expression; an exact
/// import shows the two spellings apart rather than claiming them equal.
#[test]
fn property_names_beyond_ascii_are_checked_by_index() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"p": {"type": "object", "defaultValue": {"größe": "westeurope", "名前": {"x": 1}}}},
        "resources": [{"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
                       "name": "ident", "location": "[parameters('p').größe]"}],
        "outputs": {"o": {"type": "int", "value": "[parameters('p').名前.x]"}}}"#;
    assert_eq!(check_findings(template), pairs(&[]));
    let value: Value = serde_json::from_str(template).unwrap();
    let errors = match verify::import_checked(&value, &Options::default()) {
        Ok(_) => panic!("`.größe` and `['größe']` proved the same text"),
        Err(errors) => errors,
    };
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("instead of \"[parameters('p').größe]\"")),
        "{errors:?}"
    );
}

/// A lambda naming one parameter twice is reported at its expression, by
/// the template's names, as Bicep reports it (BCP028); different names
/// pass.
#[test]
#[cfg_attr(
    not(feature = "span-locations"),
    ignore = "messages are placed at JSON paths by span locations: needs the `span-locations` feature"
)]
fn a_lambda_naming_a_parameter_twice_is_reported() {
    let template = r#"{"$schema": "s", "contentVersion": "1.0.0.0",
        "variables": {
          "a": "[reduce(createArray(1, 2), 0, lambda('cur', 'cur', add(lambdaVariables('cur'), 1)))]",
          "b": "[reduce(createArray(1, 2), 0, lambda('my-x', 'my-x', lambdaVariables('my-x')))]",
          "c": "[reduce(createArray(1, 2), 0, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))]"},
        "resources": [],
        "outputs": {"a": {"type": "int", "value": "[variables('a')]"},
                    "b": {"type": "int", "value": "[variables('b')]"},
                    "c": {"type": "int", "value": "[variables('c')]"}}}"#;
    assert_eq!(
        check_findings(template),
        pairs(&[
            (
                "$.variables.a",
                "ADSL0202: duplicate lambda parameter `cur`: a parameter with this name is declared before it in the same lambda; rename one of them"
            ),
            (
                "$.variables.b",
                "ADSL0202: duplicate lambda parameter `my-x`: a parameter with this name is declared before it in the same lambda; rename one of them"
            ),
        ])
    );
}

/// A user-defined function's `parameters` that is not an array of
/// `{name, type}` objects (deploymentTemplate.json's `functionMember` and
/// `functionParameter`) is reported at its path, with what it is: before, a
/// string or an object was read as no parameters and passed.
#[test]
fn function_parameters_that_are_not_an_array_of_names_and_types_are_reported() {
    let with = |params: &str| {
        format!(
            r#"{{"$schema": "s", "contentVersion": "1.0.0.0",
            "functions": [{{"namespace": "ns", "members": {{"f": {{"parameters": {params},
                "output": {{"type": "int", "value": "[1]"}}}}}}}}],
            "resources": [],
            "outputs": {{"o": {{"type": "int", "value": "[ns.f()]"}}}}}}"#
        )
    };
    let at = "$.functions[0].members.f.parameters";
    let types = "one of string, securestring, int, bool, object, secureObject, array";
    let cases: [(&str, String, String); 8] = [
        (r#""x""#, at.to_string(), "a function's `parameters` is an array of `{\"name\", \"type\"}` objects, not a string".to_string()),
        (r#"{"name": "x", "type": "int"}"#, at.to_string(), "a function's `parameters` is an array of `{\"name\", \"type\"}` objects, not an object".to_string()),
        ("7", at.to_string(), "a function's `parameters` is an array of `{\"name\", \"type\"}` objects, not a number".to_string()),
        ("[3]", format!("{at}[0]"), "a function parameter is a `{\"name\", \"type\"}` object, not a number".to_string()),
        (r#"[{"name": "x"}]"#, format!("{at}[0]"), format!("a function parameter needs a `type`: {types}")),
        (r#"[{"type": "int"}]"#, format!("{at}[0]"), "a function parameter needs a `name`".to_string()),
        (r#"[{"name": 1, "type": "int"}]"#, format!("{at}[0].name"), "a function parameter's `name` is a string, not a number".to_string()),
        (r#"[{"name": "x", "type": "integer"}]"#, format!("{at}[0].type"), format!("`integer` is not a parameter type: {types}")),
    ];
    for (params, path, message) in cases {
        assert_eq!(
            check_findings(&with(params)),
            vec![(path, message)],
            "parameters: {params}"
        );
    }
    // An array of names and types (in any case), no parameters, or `null`
    // (not documented either way): nothing.
    for params in [r#"[]"#, "null"] {
        assert_eq!(
            check_findings(&with(params)),
            pairs(&[]),
            "parameters: {params}"
        );
    }
    let typed = with(r#"[{"name": "x", "type": "INT"}]"#).replace("[ns.f()]", "[ns.f(1)]");
    assert_eq!(check_findings(&typed), pairs(&[]));
}

/// Loops whose names differ only in case share one stand-in (ARM reads loop
/// names ignoring case); each finding names the loop it is about as that
/// loop spells itself, not as the first loop the import met does.
#[test]
#[cfg_attr(
    not(feature = "span-locations"),
    ignore = "messages are placed at JSON paths by span locations: needs the `span-locations` feature"
)]
fn loops_named_alike_are_each_named_by_their_own_spelling() {
    // ARM reads loop names ignoring case: the three loops share one name,
    // which ARM takes (outside symbolic-name templates); `check` checks the
    // later two under stand-ins, and names them as the template does.
    let template = r#"{"$schema": "s", "contentVersion": "1.0.0.0",
        "resources": [
          {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01",
           "name": "[concat('ipa', copyIndex())]", "location": "westeurope", "copy": {"name": "a-loop", "count": 2}},
          {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01",
           "name": "[concat('ipb', copyIndex())]", "location": "westeurope", "copy": {"name": "A-LOOP", "count": 2}},
          {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01",
           "name": "[concat('ipc', copyIndex())]", "location": "westeurope", "copy": {"name": "A-Loop", "count": 2}}]}"#;
    assert_eq!(check_findings(template), pairs(&[]));
    // A wait for the shared name waits for the later loops too: here a
    // cycle between the second and the third, named by their own spellings.
    let cycle = template
        .replace(
            r#""copy": {"name": "A-Loop", "count": 2}}"#,
            r#""copy": {"name": "A-Loop", "count": 2}, "dependsOn": ["[resourceId('Microsoft.Network/publicIPAddresses', 'ipb0')]"]}"#,
        )
        .replace(
            r#""copy": {"name": "A-LOOP", "count": 2}}"#,
            r#""copy": {"name": "A-LOOP", "count": 2}, "dependsOn": ["A-Loop"]}"#,
        );
    let findings = check_findings(&cycle);
    assert!(
        findings
            .iter()
            .any(|(_, m)| m.contains("ADSL0501") && m.contains("`A-LOOP`")),
        "{findings:#?}"
    );
    assert!(
        findings.iter().all(|(_, m)| !m.contains(STAND_IN_PREFIX)),
        "{findings:#?}"
    );
}

/// A template of inline nested deployments, one per `(copy name or None,
/// deployment name)`, each with an empty inner template (`inner`, when given,
/// as the first one's).
fn deployments(modules: &[(Option<&str>, &str)], inner: Option<&str>) -> String {
    let empty = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                    "contentVersion": "1.0.0.0", "resources": []}"#;
    let entries: Vec<String> = modules
        .iter()
        .enumerate()
        .map(|(i, (copy, name))| {
            let copy = copy.map_or(String::new(), |c| {
                format!(r#""copy": {{"name": "{c}", "count": 2}},"#)
            });
            let template = match (i, inner) {
                (0, Some(inner)) => inner,
                _ => empty,
            };
            format!(
                r#"{{"type": "Microsoft.Resources/deployments", "apiVersion": "2021-04-01",
                     "name": "{name}", {copy}
                     "properties": {{"expressionEvaluationOptions": {{"scope": "Inner"}},
                       "mode": "Incremental", "template": {template}}}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0", "resources": [{}]}}"#,
        entries.join(",")
    )
}

/// The constants a proved import declares, in order.
fn constants(source: &str) -> Vec<&str> {
    source
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub const "))
        .map(|l| l.trim_end_matches(';'))
        .collect()
}

/// A module loop named by a Rust keyword is `module r#loop`, its template
/// the constant `T_LOOP` (`r#` left out, not `T_R#LOOP`): both imports prove
/// it, and `check` finds nothing.
#[test]
fn module_loops_named_by_keywords_import() {
    for keyword in ["loop", "type", "match", "in", "self_", "fn"] {
        let template = deployments(&[(Some(keyword), "[concat('d', copyIndex())]")], None);
        for source in both_imports(&template) {
            let symbol = ident(keyword).unwrap();
            let upper = keyword.to_ascii_uppercase();
            let expected = format!("module {symbol} = TEMPLATE_{upper} for item in range(0, 2)");
            assert!(source.contains(&expected), "{expected}\n{source}");
            assert_eq!(
                constants(&source),
                ["TEMPLATE".to_string(), format!("TEMPLATE_{upper}")]
            );
        }
        assert_eq!(check_findings(&template), pairs(&[]), "{keyword}");
    }
}

/// Modules whose symbols would name one constant (`regionLoop`,
/// `region_loop`, `REGION_LOOP`; a module `apis` of `platform` and a module
/// `platformApis`; a module whose constant is the next one's numbered name)
/// get constants of their own, numbered in the order printed; every
/// constant of the output differs, and the proof holds.
#[test]
fn modules_whose_symbols_map_to_one_constant_get_their_own() {
    let template = deployments(
        &[
            (Some("regionLoop"), "[concat('a', copyIndex())]"),
            (Some("region_loop"), "[concat('b', copyIndex())]"),
            (Some("regionLoop_2"), "[concat('c', copyIndex())]"),
        ],
        None,
    );
    for source in both_imports(&template) {
        assert_eq!(
            constants(&source),
            [
                "TEMPLATE",
                "TEMPLATE_REGION_LOOP",
                "TEMPLATE_REGION_LOOP_2",
                "TEMPLATE_REGION_LOOP_2_2"
            ],
            "{source}"
        );
    }
    let nested = deployments(&[(None, "apis")], None);
    let template = deployments(&[(None, "platform"), (None, "platformApis")], Some(&nested));
    for source in both_imports(&template) {
        assert!(
            source.contains("module platformApis = TEMPLATE_PLATFORM_APIS {"),
            "{source}"
        );
        assert!(
            source.contains("module apis = TEMPLATE_PLATFORM_APIS_2 {"),
            "{source}"
        );
        let mut names = constants(&source);
        assert_eq!(names.len(), 4, "{source}");
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 4, "{source}");
    }
}

/// The proof matches each compiled module to the inner template imported as
/// the constant it names, and refuses an output declaring a constant twice
/// (which rustc rejects): a module imported under another constant than
/// its declaration names, or two under one, is an error, not a success.
#[test]
fn the_proof_matches_modules_by_constant_and_refuses_a_constant_twice() {
    let template = deployments(
        &[(Some("a"), "[concat('a', copyIndex())]"), (None, "b")],
        None,
    );
    let mut imported = import(&template).expect("imports");
    let compiled = verify::compile(&imported)
        .expect("tokenizes")
        .output
        .expect("compiles");
    assert_eq!(
        verify::modules_by_name(&imported, &compiled.template)
            .expect("matched")
            .len(),
        2
    );
    imported.modules[1].1 = imported.modules[0].1.clone();
    let errors = verify::modules_by_name(&imported, &compiled.template).unwrap_err();
    assert!(
        errors[0].message.contains(
            "2 inner templates are imported as the constant `TEMPLATE_A` the module `a` deploys"
        ),
        "{errors:?}"
    );
    assert_eq!(
        verify::twice_declared("pub const T;\n    pub const T_A;\n  pub const T_A;\n"),
        Some("T_A")
    );
    assert_eq!(
        verify::twice_declared("pub const T;\npub const T_A;\n"),
        None
    );
}

/// A loop whose `count` is `length(x)` goes over `x` only where `x` is known
/// to be an array (a parameter declared `array`, in any case, a variable
/// holding one, an array function's result); an object or a string, which
/// ARM's `length` measures too, is counted, `range(0, length(x))` (the DSL
/// loops over arrays only: ADSL0303 otherwise). Resource, module, property,
/// variable and output loops alike; both imports prove it, and `check` finds
/// nothing.
#[test]
fn a_count_of_the_length_of_an_object_or_string_is_a_range() {
    let template = include_str!("../../../../tests/import/loop-count-of-object-and-string.json");
    for source in both_imports(template) {
        for expected in [
            "var letters = [for (item, i) in range(0, length(word)): substring(word, i, 1)];",
            "var keys = [for (item, i) in range(0, length(tagsObject)): items(tagsObject)[i].key];",
            "var again = [for item in fromArray: item];",
            "resource ids \"Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31\" for item in range(0, length(apis)) {",
            "securityRules: [for (item, i) in range(0, length(apis)): {",
            "output paths: array = [for (item, i) in range(0, length(apis)): items(apis)[i].value.path];",
            "output chars: array = [for (item, i) in range(0, length(word)): i];",
            "output regionsOut: array = [for item in regions: item];",
        ] {
            assert!(source.contains(expected), "{expected}\n{source}");
        }
    }
    assert_eq!(check_findings(template), pairs(&[]));
    // A module loop over an object parameter (the reviewer's case).
    let module = module_loop(
        r#""copy": {"name": "deploys", "count": "[length(parameters('apis'))]"},"#,
        "",
    )
    .replace(
        r#""parameters": {"n""#,
        r#""parameters": {"apis": {"type": "object", "defaultValue": {"a": 1}}, "n""#,
    );
    for source in both_imports(&module) {
        assert!(
            source
                .contains("module deploys = TEMPLATE_DEPLOYS for item in range(0, length(apis)) {"),
            "{source}"
        );
    }
    let findings = check_findings(&module);
    assert!(
        findings
            .iter()
            .all(|(_, message)| !message.contains("ADSL0303")),
        "{findings:?}"
    );
    // Members and elements of what the template writes: an object member of
    // an object parameter's default, an object element of an array
    // parameter, an array member of a variable.
    let deep = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"cfg": {"type": "object", "defaultValue": {"apis": {"a": 1}}},
                       "list": {"type": "array", "defaultValue": [{"a": 1}, {"b": 2}]}},
        "variables": {"config": {"names": ["x", "y"]}},
        "resources": [],
        "outputs": {
          "o1": {"type": "array", "copy": {"count": "[length(parameters('cfg').apis)]", "input": "[copyIndex()]"}},
          "o2": {"type": "array", "copy": {"count": "[length(parameters('list')[1])]", "input": "[copyIndex()]"}},
          "o3": {"type": "array", "copy": {"count": "[length(variables('config').names)]", "input": "[variables('config').names[copyIndex()]]"}}
        }}"#;
    for source in both_imports(deep) {
        for expected in [
            "output o1: array = [for (item, i) in range(0, length(cfg.apis)): i];",
            "output o2: array = [for (item, i) in range(0, length(list[1])): i];",
            "output o3: array = [for item in config.names: item];",
        ] {
            assert!(source.contains(expected), "{expected}\n{source}");
        }
    }
    assert_eq!(check_findings(deep), pairs(&[]));
}

/// A variable `copy` loop nothing reads gets `#[allow(unused)]`, as a plain
/// variable does: the imported Rust compiles without a warning.
#[test]
#[cfg_attr(
    not(feature = "span-locations"),
    ignore = "messages are placed at JSON paths by span locations: needs the `span-locations` feature"
)]
fn an_unused_variable_loop_is_allowed_to_be_unused() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "variables": {"copy": [{"name": "disks", "count": 2, "input": "[copyIndex('disks')]"},
                               {"name": "used", "count": 2, "input": "[copyIndex('used')]"}],
                      "plain": 1},
        "resources": [],
        "outputs": {"o": {"type": "array", "value": "[variables('used')]"}}}"#;
    for symbolic in [false, true] {
        let options = Options {
            symbolic,
            ..Options::default()
        };
        let checked = verify::import_checked(&serde_json::from_str(template).unwrap(), &options)
            .expect("imports");
        let source = &checked.imported.source;
        assert!(
            source.contains("    #[allow(unused)]\n    var disks = [for"),
            "{source}"
        );
        assert!(source.contains("\n    var used = [for"), "{source}");
        assert!(
            source.contains("    #[allow(unused)]\n    var plain = 1;"),
            "{source}"
        );
        assert!(
            checked.output.warnings.is_empty(),
            "{:?}",
            checked.output.warnings
        );
    }
}

/// A module's deployment property the DSL does not write is refused naming
/// what it writes; only a `mode` other than `Incremental` is about the mode.
#[test]
fn a_module_property_without_a_dsl_form_is_refused_as_what_it_is() {
    let with = |extra: &str| {
        format!(
            r#"{{"$schema": "s", "contentVersion": "1.0.0.0", "resources": [
            {{"type": "Microsoft.Resources/deployments", "apiVersion": "2021-04-01", "name": "d",
              "properties": {{"expressionEvaluationOptions": {{"scope": "Inner"}}, {extra},
                "template": {{"$schema": "s", "contentVersion": "1.0.0.0", "resources": []}}}}}}]}}"#
        )
    };
    let message = message_at(
        &with(r#""mode": "Incremental", "debugSetting": {"detailLevel": "requestContent"}"#),
        "$.resources[0].properties.debugSetting",
    );
    assert_eq!(
        message,
        "a module's deployment has no `debugSetting` in the DSL: it writes `expressionEvaluationOptions`, `mode: \"Incremental\"`, `parameters` and `template` only"
    );
    let message = message_at(
        &with(r#""mode": "Complete""#),
        "$.resources[0].properties.mode",
    );
    assert_eq!(
        message,
        "a module's deployment has no `mode` \"Complete\" in the DSL: it writes `mode: \"Incremental\"`"
    );
}

/// A `dependsOn` name that is both a copy loop's name and a resource's or
/// deployment's (without a loop) is refused at the entry, exactly and with
/// `--symbolic` (which had each picked another), and by `check`: ARM
/// documents no precedence between the two. Named by `resourceId(...)`, the
/// deployment is unambiguous and imports.
#[test]
fn a_depends_on_name_of_both_a_loop_and_a_resource_is_refused() {
    let identity = |name: &str, depends: &str| {
        format!(
            r#"{{"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
                "name": "{name}", "location": "westeurope", "dependsOn": [{depends}]}}"#
        )
    };
    let module = |name: &str, copy: &str| {
        format!(
            r#"{{"type": "Microsoft.Resources/deployments", "apiVersion": "2021-04-01", "name": "{name}", {copy}
                "properties": {{"expressionEvaluationOptions": {{"scope": "Inner"}}, "mode": "Incremental",
                  "template": {{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                               "contentVersion": "1.0.0.0", "resources": []}}}}}}"#
        )
    };
    let template = |resources: &[String]| {
        format!(
            r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0", "resources": [{}]}}"#,
            resources.join(",")
        )
    };
    let looped = r#""copy": {"name": "lp", "count": 2},"#;
    let cases = [
        (
            // The reviewer's: a deployment `lp` and a module loop `lp`.
            template(&[
                identity("after", r#""lp""#),
                module("lp", ""),
                module("[concat('d', copyIndex())]", looped),
            ]),
            "$.resources[0].dependsOn[0]",
            "names both the copy loop `lp` and the deployment `lp`",
        ),
        (
            // A resource `LP` and a module loop `lp`, named from a module.
            template(&[
                identity("LP", ""),
                module("[concat('d', copyIndex())]", looped),
                module("waits", r#""dependsOn": ["Lp"],"#),
            ]),
            "$.resources[2].dependsOn[0]",
            "names both the copy loop `lp` and the resource `LP`",
        ),
    ];
    for (json, path, expected) in &cases {
        for symbolic in [false, true] {
            let options = Options {
                symbolic,
                ..Options::default()
            };
            let errors = import_text(json, &options).unwrap_err();
            assert!(
                errors
                    .iter()
                    .any(|e| e.path == *path && e.message.contains(expected)),
                "symbolic: {symbolic}: {errors:?}"
            );
        }
        let findings = check_findings(json);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].0, *path);
    }
    let by_id = template(&[
        identity(
            "after",
            r#""[resourceId('Microsoft.Resources/deployments', 'lp')]""#,
        ),
        module("lp", ""),
        module("[concat('d', copyIndex())]", looped),
    ]);
    both_imports(&by_id);
}

/// A nested deployment to a subscription (`subscriptionId`, no
/// `resourceGroup`) with the `location` the DSL writes for it (the template's
/// resource group's, in a resource-group template; the deployment's above
/// one) imports as `scope: subscription()` or `subscription(id)`; another
/// `location`, none, or one where the DSL writes none is refused at its
/// path, saying what the DSL writes.
#[test]
fn a_nested_deployment_to_a_subscription_imports_with_its_location() {
    let with = |outer_schema: &str, keys: &str| {
        format!(
            r#"{{"$schema": "{outer_schema}", "contentVersion": "1.0.0.0",
            "parameters": {{"sub": {{"type": "string", "defaultValue": "00000000-0000-0000-0000-000000000001"}}}},
            "resources": [{{"type": "Microsoft.Resources/deployments", "apiVersion": "2021-04-01", "name": "d", {keys}
              "properties": {{"expressionEvaluationOptions": {{"scope": "Inner"}}, "mode": "Incremental",
                "template": {{"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
                             "contentVersion": "1.0.0.0", "resources": []}}}}}}]}}"#
        )
    };
    let group = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
    let subscription = "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#";
    for (schema, keys, expected) in [
        (
            group,
            r#""subscriptionId": "[subscription().subscriptionId]", "location": "[resourceGroup().location]","#,
            "scope: subscription(),",
        ),
        (
            group,
            r#""subscriptionId": "[parameters('sub')]", "location": "[resourceGroup( ).location]","#,
            "scope: subscription(sub),",
        ),
        (
            subscription,
            r#""subscriptionId": "[parameters('sub')]", "location": "[deployment().location]","#,
            "scope: subscription(sub),",
        ),
    ] {
        for source in both_imports(&with(schema, keys)) {
            assert!(source.contains(expected), "{keys}\n{source}");
        }
    }
    for (schema, keys, path, expected) in [
        (
            group,
            r#""subscriptionId": "[parameters('sub')]", "location": "westeurope","#,
            "$.resources[0].location",
            "the DSL writes the `location` of a module deployed to a subscription itself, \"[resourceGroup().location]\" (the region of the template's resource group), not \"westeurope\"",
        ),
        (
            subscription,
            r#""subscriptionId": "[parameters('sub')]", "location": "[resourceGroup().location]","#,
            "$.resources[0].location",
            "itself, \"[deployment().location]\" (the region of the template's deployment)",
        ),
        (
            group,
            r#""subscriptionId": "[parameters('sub')]","#,
            "$.resources[0].subscriptionId",
            "a nested deployment to a subscription without a `location`",
        ),
        (
            group,
            r#""location": "[resourceGroup().location]","#,
            "$.resources[0].location",
            "a module deployed where the template is, in a resource group, has no `location` in the DSL",
        ),
        (
            group,
            r#""resourceGroup": "rg", "location": "[resourceGroup().location]","#,
            "$.resources[0].location",
            "a module deployed to a resource group has no `location` in the DSL",
        ),
    ] {
        let message = message_at(&with(schema, keys), path);
        assert!(message.contains(expected), "{keys}: {message}");
    }
}

/// Empty sections (`"parameters": {}`, `"functions": []`, ...), which
/// hand-written templates keep, import as `#[emptySections(...)]`, in the
/// template and in a module's, and the exact proof holds; a module's
/// `parameters: {}` is `params: {}`.
#[test]
fn empty_sections_import_as_the_attribute() {
    let inner = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0", "parameters": {}, "variables": {}, "resources": [], "outputs": {}}"#;
    let template = format!(
        r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0", "parameters": {{}}, "functions": [], "variables": {{}},
        "resources": [{{"type": "Microsoft.Resources/deployments", "apiVersion": "2021-04-01", "name": "d",
          "properties": {{"expressionEvaluationOptions": {{"scope": "Inner"}}, "mode": "Incremental",
            "parameters": {{}}, "template": {inner}}}}}],
        "outputs": {{}}}}"#
    );
    for source in both_imports(&template) {
        for expected in [
            "    #[emptySections(\"functions\", \"parameters\", \"variables\", \"outputs\")]\n    pub const TEMPLATE;\n",
            "    #[emptySections(\"parameters\", \"variables\", \"outputs\")]\n    pub const TEMPLATE_D;\n",
            "        params: {},\n",
        ] {
            assert!(source.contains(expected), "{expected}\n{source}");
        }
    }
    // Sections with declarations need no attribute.
    let declared = r#"{"$schema": "s", "contentVersion": "1.0.0.0", "parameters": {"p": {"type": "int", "defaultValue": 1}},
        "resources": [], "outputs": {"o": {"type": "int", "value": "[parameters('p')]"}}}"#;
    assert!(!import(declared).unwrap().source.contains("emptySections"));
    assert_eq!(check_findings(&template), pairs(&[]));
}

/// `check` gives no advice only the DSL can follow (`#[allow(...)]`,
/// `#[unchecked]`): an ARM template has no place for it.
#[test]
fn check_advice_is_in_arm_terms() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"unused": {"type": "string", "defaultValue": "x"}},
        "resources": [
          {"type": "Microsoft.ManagedIdentity/userAssignedIdentites", "apiVersion": "2023-01-31",
           "name": "uai", "location": "westeurope"},
          {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv",
           "location": "westeurope",
           "properties": {"tenantId": "[subscription().tenantId]", "sku": {"family": "A", "name": "standard"},
             "accessPolicies": [{"tenantId": "[subscription().tenantId]", "objectId": "00000000-0000-0000-0000-000000000000",
               "permissions": {"secrets": ["all"]}}]}}
        ]}"#;
    let messages = check_messages(template);
    for wanted in [
        "parameter `unused` is never used (Bicep's no-unused-params): use it, remove it (lint: unused)",
        "unknown resource type `Microsoft.ManagedIdentity/userAssignedIdentites` (did you mean `Microsoft.ManagedIdentity/userAssignedIdentities`?): the type data does not know it, so nothing of the resource can be checked",
        "over-broad Key Vault access: `all` grants every secrets permission, including delete and purge; grant only what is read (API Management needs `get` on secrets) (lint: broad_access)",
    ] {
        assert!(
            messages.iter().any(|m| m.ends_with(wanted)),
            "{wanted}\n{messages:#?}"
        );
    }
    assert!(
        messages
            .iter()
            .all(|m| !m.contains("#[allow") && !m.contains("#[unchecked]")),
        "{messages:#?}"
    );
}

/// A module's scope in another case than `Inner` (which ARM reads alike) is
/// refused by an exact import at the scope, saying what to write; an import
/// with `--symbolic` and `check` take it.
#[test]
fn a_module_scope_in_another_case_says_what_to_write() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
          {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
           "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "mode": "Incremental",
             "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                          "contentVersion": "1.0.0.0", "resources": []}}}
        ]}"#;
    assert_eq!(
        message_at(
            template,
            "$.resources[0].properties.expressionEvaluationOptions.scope"
        ),
        "a module's scope is written `Inner` in the DSL's JSON, as the deployment template schema spells it, and ARM reads \"inner\" alike: write `Inner`"
    );
    let value: Value = serde_json::from_str(template).unwrap();
    let symbolic = Options {
        symbolic: true,
        ..Options::default()
    };
    assert!(verify::import_checked(&value, &symbolic).is_ok());
    assert_eq!(check_findings(template), pairs(&[]));
}

/// ADSL0508 in `check` says `copyIndex()`, which the template has, not the
/// loop variable the import names.
#[test]
fn check_says_copy_index_for_copies_of_one_name() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
          {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
           "name": "same", "location": "westeurope", "copy": {"name": "ids", "count": 2}}
        ]}"#;
    let messages = check_messages(template);
    assert!(
        messages.iter().any(|m| m.ends_with(
            "every copy of `ids` would get this same name in the same scope: use `copyIndex()` in `name` (or in the deployment's `resourceGroup` or `subscriptionId`, or the resource's `scope`)"
        )),
        "{messages:?}"
    );
}

/// `--symbolic` reads a deployment's id as written (a module has no `id` in
/// the DSL), and a module's read of its own outputs as `m.outputs.x` (by id
/// or by the deployment's name), which the compiler reports (ARM cannot
/// deploy it): `check` says that, once, instead of a complaint about `m.id`.
#[test]
#[cfg_attr(
    not(feature = "span-locations"),
    ignore = "messages are placed at JSON paths by span locations: needs the `span-locations` feature"
)]
fn symbolic_reads_of_a_module_itself() {
    let template = |host: &str| {
        format!(
            r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
          {{"type": "Microsoft.Resources/deployments", "apiVersion": "2021-04-01", "name": "m",
           "properties": {{"mode": "Incremental", "expressionEvaluationOptions": {{"scope": "Inner"}},
             "parameters": {{"host": {{"value": "{host}"}}}},
             "template": {{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
               "contentVersion": "1.0.0.0", "parameters": {{"host": {{"type": "string"}}}}, "resources": [],
               "outputs": {{"url": {{"type": "string", "value": "[parameters('host')]"}}}}}}}}}}
        ],
        "outputs": {{"id": {{"type": "string", "value": "[resourceId('Microsoft.Resources/deployments', 'm')]"}}}}
        }}"#
        )
    };
    // By id, by name (as ARM reads a deployment of the template), with
    // 'Full'.
    for read in [
        "[reference(resourceId('Microsoft.Resources/deployments', 'm'), '2021-04-01').outputs.url.value]",
        "[reference('m').outputs.url.value]",
        "[reference('M', '2021-04-01', 'Full').properties.outputs.url.value]",
    ] {
        let findings = check_findings(&template(read));
        assert_eq!(findings.len(), 1, "{read}: {findings:?}");
        assert_eq!(
            findings[0].0,
            "$.resources[0].properties.parameters.host.value"
        );
        assert!(
            findings[0].1.contains("`m` reads its own outputs"),
            "{read}: {findings:?}"
        );
    }
    let fine = template("contoso.com");
    let value: Value = serde_json::from_str(&fine).unwrap();
    let symbolic = Options {
        symbolic: true,
        ..Options::default()
    };
    let checked = verify::import_checked(&value, &symbolic).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(
        checked.imported.source.contains(
            "output id: string = resourceId(\"Microsoft.Resources/deployments\", \"m\");"
        ),
        "{}",
        checked.imported.source
    );
    assert_eq!(check_findings(&fine), pairs(&[]));
}

/// A nested deployment to the template's own subscription (no
/// `subscriptionId`) carries the `location` ARM requires there: the DSL
/// writes `[deployment().location]` for a module without a scope in a
/// template above a resource group, so it imports exactly; another location,
/// or none, says what the DSL writes.
#[test]
fn a_deployment_to_the_templates_own_subscription_imports() {
    let template = |location: &str| {
        format!(
            r#"{{"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
          {{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "subDeploy", {location}
           "properties": {{"mode": "Incremental", "expressionEvaluationOptions": {{"scope": "Inner"}},
             "template": {{"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
               "contentVersion": "1.0.0.0",
               "resources": [{{"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2022-09-01",
                               "name": "rg1", "location": "westeurope", "properties": {{}}}}]}}}}}}
        ]}}"#
        )
    };
    let written = template(r#""location": "[deployment().location]","#);
    for symbolic in [false, true] {
        let value: Value = serde_json::from_str(&written).unwrap();
        let options = Options {
            symbolic,
            ..Options::default()
        };
        let checked = verify::import_checked(&value, &options).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(
            checked
                .imported
                .source
                .contains("module subDeploy = TEMPLATE_SUB_DEPLOY {"),
            "{}",
            checked.imported.source
        );
    }
    assert_eq!(check_findings(&written), pairs(&[]));
    assert!(
        message_at(
            &template(r#""location": "westeurope","#),
            "$.resources[0].location"
        )
        .starts_with("a module deployed where the template is gets the `location` \"[deployment().location]\" in the DSL")
    );
    assert!(
        message_at(&template(""), "$.resources[0]")
            .starts_with("a deployment above a resource group needs a `location`")
    );
}

/// A copy loop named as a parameter or a variable (ARM keeps them apart;
/// the DSL's symbols share one namespace) is checked under a stand-in, and
/// named by its own name in the findings.
#[test]
fn check_takes_a_loop_named_as_a_parameter() {
    let template = |name: &str| {
        format!(
            r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {{"ids": {{"type": "int", "defaultValue": 2}}}},
        "variables": {{"names": "x"}},
        "resources": [
          {{"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
           "name": "{name}", "location": "westeurope",
           "copy": {{"name": "ids", "count": "[parameters('ids')]"}},
           "tags": {{"v": "[variables('names')]"}}}}
        ]}}"#
        )
    };
    assert_eq!(
        check_findings(&template("[concat('id', copyIndex())]")),
        pairs(&[])
    );
    let findings = check_findings(&template("same"));
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(
        findings[0]
            .1
            .contains("every copy of `ids` would get this same name"),
        "{findings:?}"
    );
}

/// `check`'s `dependsOn` and `copyIndex` findings speak of what a template
/// has (ids, names, `copy`), not of the DSL's symbols and loop variables.
#[test]
fn check_speaks_of_ids_and_copies() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "variables": {"i": "[copyIndex()]"},
        "resources": [
          {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
           "name": "a", "location": "westeurope", "tags": {"i": "[variables('i')]"}},
          {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
           "name": "b", "location": "westeurope",
           "dependsOn": ["[resourceId('Microsoft.KeyVault/vaults', 'kv')]",
                         "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'c')]"]}
        ]}"#;
    let messages = check_messages(template);
    for wanted in [
        "no resource of that type is declared in this template: name a resource of this template by its id (`resourceId(type, name)`) or its name",
        "name it by its id (`resourceId(type, name)`) or its name",
        "`copyIndex()` counts the copies of a loop and is only valid in one: a resource's `copy`, or the `input` of a property's or variable's `copy`",
    ] {
        assert!(
            messages.iter().any(|m| m.contains(wanted)),
            "{wanted}\n{messages:#?}"
        );
    }
    assert!(
        messages
            .iter()
            .all(|m| !m.contains("symbol") && !m.contains("for (item, index)")),
        "{messages:#?}"
    );
}

/// `check` reads a template's structural keys ignoring case, as ARM (and
/// `snapshot`) do: `"Resources"`, `"Type"`, `"DefaultValue"` are checked,
/// not "cannot be checked", and a real mistake inside is found.
#[test]
fn check_reads_structural_keys_in_any_case() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "ContentVersion": "1.0.0.0",
        "Parameters": {"name": {"Type": "string", "DefaultValue": "apim-contoso"}},
        "Resources": [
          {"Type": "Microsoft.ApiManagement/service", "ApiVersion": "2024-05-01",
           "Name": "[parameters('name')]", "Location": "westeurope",
           "Sku": {"name": "Premuim", "capacity": 1},
           "Properties": {"publisherEmail": "a@contoso.com", "publisherName": "Contoso"}}
        ],
        "Outputs": {"id": {"Type": "string", "Value": "[resourceId('Microsoft.ApiManagement/service', parameters('name'))]"}}}"#;
    let value: Value = serde_json::from_str(template).unwrap();
    let findings = verify::check_template(&value);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].severity, verify::Severity::Error);
    assert!(findings[0].message.contains("Premuim"), "{findings:#?}");
    // Two spellings of one key stay as written: the import says so.
    let twice = template.replace(
        r#""Location": "westeurope","#,
        r#""Location": "westeurope", "location": "northeurope","#,
    );
    let value: Value = serde_json::from_str(&twice).unwrap();
    let findings = verify::check_template(&value);
    assert!(
        findings
            .iter()
            .any(|f| f.severity == verify::Severity::Error && !f.message.contains("Premuim")),
        "{findings:#?}"
    );
}

/// A resource's empty `resources: []`, at the top or on a nested child,
/// nests nothing, and an empty `dependsOn: []` waits for nothing (ARM reads
/// each as no key): they import, and the round trip holds although the
/// compiled template has neither.
#[test]
fn empty_nested_resources_import() {
    let checked = checked(
        r#"{"$schema": "s", "contentVersion": "1.0.0.0", "resources": [
            { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01", "name": "vnet",
              "location": "westeurope", "properties": { "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] } },
              "resources": [
                { "type": "subnets", "apiVersion": "2023-04-01", "name": "s1",
                  "dependsOn": ["vnet"], "properties": { "addressPrefix": "10.0.1.0/24" }, "resources": [] }
              ] },
            { "type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
              "name": "id1", "location": "westeurope", "resources": [], "dependsOn": [] } ] }"#,
    )
    .expect("imports");
    let source = &checked.imported.source;
    assert_eq!(source.matches("resources: [],").count(), 2, "{source}");
    // So is an empty `dependsOn`, which waits for nothing.
    assert!(source.contains("dependsOn: [],"), "{source}");
    assert!(
        !serde_json::to_string(&checked.arm)
            .expect("JSON")
            .contains(r#""resources":[]"#),
        "{:?}",
        checked.arm
    );
}

/// A member read in another case than its type spells it
/// (`resourceGroup().Location`, a `reference()` read of the type data's
/// `customerId` as `CustomerId`) imports as written, on a template marked
/// `#[allow(member_case)]`, and the round trip holds.
#[test]
fn members_in_another_case_import_as_written() {
    let checked = checked(
        r#"{"$schema": "s", "contentVersion": "1.0.0.0",
            "parameters": { "location": { "type": "string", "defaultValue": "[resourceGroup().Location]" } },
            "resources": [
              { "type": "Microsoft.OperationalInsights/workspaces", "apiVersion": "2020-08-01", "name": "ws-1",
                "location": "[parameters('location')]", "properties": { "sku": { "name": "PerGB2018" } } } ],
            "outputs": { "cid": { "type": "string",
              "value": "[reference(resourceId('Microsoft.OperationalInsights/workspaces', 'ws-1'), '2020-08-01').CustomerId]" } } }"#,
    )
    .expect("imports");
    let source = &checked.imported.source;
    assert!(
        source.contains("#[allow(member_case)]\n    pub const"),
        "{source}"
    );
    assert!(source.contains("resourceGroup().Location"), "{source}");
    assert!(source.contains(".CustomerId;"), "{source}");
    assert!(
        checked.output.warnings.is_empty(),
        "{:?}",
        checked.output.warnings
    );
}

/// A resource's `type` or `apiVersion` written as an expression is the
/// template's mistake (ARM needs both before it evaluates anything), said
/// as such at each.
#[test]
fn expression_types_and_api_versions_are_refused_as_arm_refuses_them() {
    let errors = import(
        r#"{"$schema": "s", "contentVersion": "1.0.0.0", "variables": { "v": "2023-01-31" },
            "resources": [ { "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
              "apiVersion": "[variables('v')]", "name": "id", "location": "westeurope" },
              { "type": "[concat('Microsoft.ManagedIdentity/', 'userAssignedIdentities')]",
              "apiVersion": "2023-01-31", "name": "id2", "location": "westeurope" } ] }"#,
    )
    .unwrap_err();
    let at = |path: &str| {
        errors
            .iter()
            .find(|e| e.path == path)
            .map(|e| e.message.clone())
            .unwrap_or_else(|| panic!("nothing at {path}: {errors:?}"))
    };
    assert!(
        at("$.resources[0].apiVersion")
            .starts_with("a resource's `apiVersion` must be literal text, not an expression")
    );
    assert!(
        at("$.resources[1].type")
            .starts_with("a resource's `type` must be literal text, not an expression")
    );
}

/// ARM deploys what is nested in a looped resource once per copy, its
/// `copyIndex()` counting the parent's loop ("Resource iteration in ARM
/// templates"), at any depth: it imports nested as written, in the DSL's
/// looped resource, with no loop of its own, and round-trips exactly and
/// symbolically; `check` finds nothing.
#[test]
fn resources_nested_in_a_loop_count_its_copies() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": { "password": { "type": "securestring" } },
        "resources": [ { "copy": { "name": "serverLoop", "count": 2 },
            "type": "Microsoft.Sql/servers", "apiVersion": "2021-11-01",
            "name": "[concat('sqlsrv', copyIndex())]", "location": "westeurope",
            "properties": { "administratorLogin": "dbadmin", "administratorLoginPassword": "[parameters('password')]" },
            "resources": [ { "type": "databases", "apiVersion": "2021-11-01",
                "name": "[concat('db', copyIndex(1))]", "location": "westeurope",
                "dependsOn": [ "[resourceId('Microsoft.Sql/servers', concat('sqlsrv', copyIndex()))]" ],
                "resources": [ { "type": "transparentDataEncryption", "apiVersion": "2021-11-01",
                    "name": "current",
                    "dependsOn": [ "[resourceId('Microsoft.Sql/servers/databases', concat('sqlsrv', copyIndex()), concat('db', copyIndex(1)))]" ],
                    "properties": { "state": "Enabled" } } ] },
              { "type": "Microsoft.Sql/servers/firewallRules", "apiVersion": "2021-11-01",
                "name": "[concat('sqlsrv', copyIndex(), '/office')]",
                "dependsOn": [ "[resourceId('Microsoft.Sql/servers', concat('sqlsrv', copyIndex()))]" ],
                "properties": { "startIpAddress": "[concat('10.0.0.', copyIndex())]", "endIpAddress": "10.0.0.255" } } ] } ] }"#;
    let value: Value = serde_json::from_str(template).unwrap();
    let findings = verify::check_template(&value);
    assert!(findings.is_empty(), "{findings:?}");
    let checked = verify::import_checked(&value, &Options::default()).expect("imports exactly");
    let source = &checked.imported.source;
    assert!(
        source.contains("resource serverLoop \"Microsoft.Sql/servers@2021-11-01\" for "),
        "{source}"
    );
    assert!(
        source.contains("\"transparentDataEncryption@2021-11-01\" {"),
        "{source}"
    );
    let symbolic = Options {
        symbolic: true,
        ..Options::default()
    };
    verify::import_checked(&value, &symbolic).expect("the same deployment");
}

/// Relative types of several segments and the relative legacy extension form
/// nested as ARM reads them; a name with another number of segments is an
/// error at the name.
#[test]
fn relative_nested_types_name_one_segment_per_type_segment() {
    let template = |container: &str| {
        format!(
            r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [ {{ "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
            "name": "stcontoso", "location": "westeurope", "sku": {{ "name": "Standard_LRS" }}, "kind": "StorageV2",
            "resources": [
              {{ "type": "blobServices/containers", "apiVersion": "2023-01-01", "name": "{container}",
                "dependsOn": [ "stcontoso" ] }},
              {{ "type": "providers/locks", "apiVersion": "2016-09-01", "name": "Microsoft.Authorization/nodelete",
                "dependsOn": [ "stcontoso" ], "properties": {{ "level": "CanNotDelete" }} }} ] }} ] }}"#
        )
    };
    let value: Value = serde_json::from_str(&template("default/logs")).unwrap();
    let findings = verify::check_template(&value);
    assert!(findings.is_empty(), "{findings:?}");
    verify::import_checked(&value, &Options::default()).expect("imports exactly");
    for wrong in ["logs", "default/logs/x", "default//x"] {
        let value: Value = serde_json::from_str(&template(wrong)).unwrap();
        let findings = verify::check_template(&value);
        let text = format!("{findings:?}");
        assert!(text.contains("ADSL0412"), "{wrong}: {text}");
        assert!(
            text.contains("resources[0].resources[0].name"),
            "{wrong}: {text}"
        );
    }
}

#[test]
fn loops_sharing_a_name_are_an_import_error_at_the_later_loop() {
    // ARM takes them, but the DSL's loop symbol is its copy name, one per
    // loop: the copy names would not come back.
    let message = message_at(
        r#"{"resources": [
            {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-09-01",
             "name": "[concat('ip', copyIndex())]", "copy": {"name": "vmCopy", "count": 2}},
            {"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01",
             "name": "[concat('nsg', copyIndex())]", "copy": {"name": "VMCOPY", "count": 2}}
        ]}"#,
        "$.resources[1].copy.name",
    );
    assert!(
        message.contains("the loop name `VMCOPY` is also an earlier loop's"),
        "{message}"
    );
}

/// `extensionResourceId(scope, type, name)` names the extension resource of
/// that name *on that scope*: of two locks named alike on two accounts, the
/// one on the account the entry names (a reviewer found the first taken),
/// and none for a scope no lock has.
#[test]
fn extension_ids_in_depends_on_compare_the_scope() {
    let template = |base: &str| {
        format!(
            r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0", "resources": [
            {{"type": "Microsoft.Storage/storageAccounts", "name": "staaa1", "apiVersion": "2023-01-01", "location": "westeurope", "sku": {{"name": "Standard_LRS"}}, "kind": "StorageV2"}},
            {{"type": "Microsoft.Storage/storageAccounts", "name": "stbbb1", "apiVersion": "2023-01-01", "location": "westeurope", "sku": {{"name": "Standard_LRS"}}, "kind": "StorageV2"}},
            {{"type": "Microsoft.Authorization/locks", "apiVersion": "2020-05-01", "name": "lock",
              "scope": "[resourceId('Microsoft.Storage/storageAccounts', 'staaa1')]",
              "dependsOn": ["[resourceId('Microsoft.Storage/storageAccounts', 'staaa1')]"], "properties": {{"level": "CanNotDelete"}}}},
            {{"type": "Microsoft.Authorization/locks", "apiVersion": "2020-05-01", "name": "lock",
              "scope": "[resourceId('Microsoft.Storage/storageAccounts', 'stbbb1')]",
              "dependsOn": ["[resourceId('Microsoft.Storage/storageAccounts', 'stbbb1')]"], "properties": {{"level": "CanNotDelete"}}}},
            {{"type": "Microsoft.Storage/storageAccounts", "name": "stccc1", "apiVersion": "2023-01-01", "location": "westeurope", "sku": {{"name": "Standard_LRS"}}, "kind": "StorageV2",
              "dependsOn": ["[extensionResourceId({base}, 'Microsoft.Authorization/locks', 'lock')]"]}}
        ]}}"#
        )
    };
    let imported = import(&template(
        "resourceId('Microsoft.Storage/storageAccounts', 'stbbb1')",
    ))
    .expect("imports");
    assert!(
        imported.source.contains("dependsOn: [locks2]"),
        "{}",
        imported.source
    );
    // No lock is on the subscription or the group: no resource is named.
    for base in ["subscription().id", "resourceGroup().id"] {
        assert!(checked(&template(base)).is_err(), "{base}");
    }
}

/// The scope of an `extensionResourceId` is compared through variables
/// (`variables('vaultId')` holding the vault's `resourceId`), as the
/// relative text `'Namespace/type/name'` a `scope` is often written as, and
/// an extension resource without `scope` is on the deployment's own scope
/// (`resourceGroup().id`, `resourceGroup()['id']`).
#[test]
fn extension_ids_compare_scopes_through_variables_and_forms() {
    let template = |base: &str, scope: &str| {
        format!(
            r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {{"kv": {{"type": "string"}}}},
        "variables": {{"vaultId": "[resourceId('Microsoft.KeyVault/vaults', parameters('kv'))]"}},
        "resources": [
            {{"type": "Microsoft.Authorization/locks", "apiVersion": "2020-05-01", "name": "lock", {scope}
              "properties": {{"level": "CanNotDelete"}}}},
            {{"type": "Microsoft.Storage/storageAccounts", "name": "stccc1", "apiVersion": "2023-01-01", "location": "westeurope", "sku": {{"name": "Standard_LRS"}}, "kind": "StorageV2",
              "dependsOn": ["[extensionResourceId({base}, 'Microsoft.Authorization/locks', 'lock')]"]}}
        ]}}"#
        )
    };
    let on_vault = r#""scope": "[format('Microsoft.KeyVault/vaults/{0}', parameters('kv'))]","#;
    for (base, scope) in [
        ("variables('vaultId')", on_vault),
        (
            "resourceId('Microsoft.KeyVault/vaults', parameters('kv'))",
            on_vault,
        ),
        ("resourceGroup().id", ""),
        ("resourceGroup()['id']", ""),
    ] {
        let imported = import(&template(base, scope)).expect("imports");
        assert!(
            imported.source.contains("dependsOn: [locks]"),
            "{base}: {}",
            imported.source
        );
    }
    // The vault's lock is not the group's.
    assert!(checked(&template("resourceGroup().id", on_vault)).is_err());
}

/// A resource nested in a looped one shares its loop: its
/// `copyIndex('<loop>')`, at any depth and in any case, is the DSL's
/// `copyIndex()` there, and the import compiles back to the template as ARM
/// reads it, exactly and symbolically.
#[test]
fn a_nested_child_reads_its_parents_loop_by_name() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": { "n": { "type": "int", "defaultValue": 2 } },
        "resources": [ { "copy": { "name": "stLoop", "count": "[parameters('n')]" },
            "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
            "name": "[concat('st', copyIndex('stLoop'))]", "location": "westeurope",
            "sku": { "name": "Standard_LRS" }, "kind": "StorageV2",
            "resources": [ { "type": "blobServices", "apiVersion": "2023-01-01", "name": "default",
                "dependsOn": [ "[resourceId('Microsoft.Storage/storageAccounts', concat('st', copyIndex('STLOOP')))]" ],
                "properties": { "deleteRetentionPolicy": { "enabled": true, "days": "[add(7, copyIndex('stloop', 1))]" } },
                "resources": [ { "type": "containers", "apiVersion": "2023-01-01",
                    "name": "[concat('logs', copyIndex('stLoop'))]",
                    "dependsOn": [ "[resourceId('Microsoft.Storage/storageAccounts/blobServices', concat('st', copyIndex('stLoop')), 'default')]" ] } ] } ] } ] }"#;
    let imported = import(template).expect("imports");
    assert!(
        imported.source.contains("days: add(7, copyIndex(1)),"),
        "{}",
        imported.source
    );
    assert!(
        imported
            .source
            .contains("name: concat(\"logs\", copyIndex()),"),
        "{}",
        imported.source
    );
    assert!(
        !imported.source.contains("copyIndex(\""),
        "{}",
        imported.source
    );
    let value: Value = serde_json::from_str(template).unwrap();
    verify::import_checked(&value, &Options::default()).expect("the same template");
    let symbolic = Options {
        symbolic: true,
        ..Options::default()
    };
    verify::import_checked(&value, &symbolic).expect("the same deployment");
    // The comparison reads the child's `copyIndex('stLoop')` as its
    // `copyIndex()`, and another offset as another value.
    let unnamed: Value =
        serde_json::from_str(&template.replace("copyIndex('stLoop'))]\"", "copyIndex())]\""))
            .unwrap();
    assert_eq!(
        verify::first_difference(&value, &unnamed).map(|d| d.path),
        None
    );
    let offset: Value =
        serde_json::from_str(&template.replace("copyIndex('stloop', 1)", "copyIndex('stloop', 2)"))
            .unwrap();
    assert_eq!(
        verify::first_difference(&value, &offset)
            .map(|d| d.path)
            .as_deref(),
        Some("$.resources[0].resources[0].properties.deleteRetentionPolicy.days")
    );
}

/// Line breaks in strings, as ARM reads a template that writes them raw
/// ("You can break a string into multiple lines", Microsoft Learn,
/// "Understand the structure and syntax of ARM templates"): a value keeps
/// them as written (CRLF, tabs), an expression reads them as white space
/// and is written on one line, a literal inside an expression keeps its own;
/// the round trip is exact, and the comparison that proves it tells a
/// literal's line break from a space.
#[test]
fn line_breaks_in_values_and_expressions_import_exactly() {
    let json = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
        "parameters": {"p": {"type": "string", "defaultValue": "[\n    resourceGroup().location\n    ]", "metadata": {"description": "two\nlines"}}},
        "variables": {
            "id": "[guid(resourceGroup().id,\n   parameters('p'),\r\n\t'x')]",
            "literal": "[concat('a\nb', '\r\n', parameters('p'))]",
            "plain": "line 1\r\n\tline 2\n"
        },
        "resources": [{"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
            "name": "[variables('id')]", "location": "[parameters('p')]",
            "tags": {"two\nlines": "[variables('literal')]", "plain": "[variables('plain')]"}}],
        "outputs": {"o": {"type": "string", "value": "[concat(variables('plain'),\n  variables('literal'))]"}}
    }"#;
    let checked = checked(json).expect("imports exactly");
    let source = &checked.imported.source;
    for expected in [
        "#[description(\"two\\nlines\")]\n    param p: string = resourceGroup().location;",
        "var id = guid(resourceGroup().id, p, \"x\");",
        "var literal = concat(\"a\\nb\", \"\\r\\n\", p);",
        "var plain = \"line 1\\r\\n\\tline 2\\n\";",
        "\"two\\nlines\": literal,",
        "output o: string = concat(plain, literal);",
    ] {
        assert!(source.contains(expected), "{expected}\n{source}");
    }
    let original: Value = serde_json::from_str(json).unwrap();
    assert_eq!(
        checked.arm["variables"]["plain"],
        original["variables"]["plain"]
    );
    // A literal's line break is not white space to the comparison.
    let mut changed = original.clone();
    changed["variables"]["literal"] = "[concat('a b', '\r\n', parameters('p'))]".into();
    assert!(verify::first_difference(&original, &changed).is_some());
    changed["variables"]["literal"] = "[concat( 'a\nb',\n'\r\n',parameters('p'))]".into();
    assert_eq!(verify::first_difference(&original, &changed), None);
}

/// A `mode` in a variable's or a property's `copy`: ARM's property, variable
/// and output iterations are `name`, `count` and `input` (Microsoft Learn),
/// and a `mode` orders only a resource or module loop's deployments. The
/// import refuses it at its path, saying to remove it; `check` checks the
/// rest (ARM deploys such a template: the quickstart
/// `101-machine-learning-service-create-aci` has one), but not a `mode`
/// that is neither `serial` nor `parallel`.
#[test]
fn a_mode_in_a_value_loop_is_refused_by_the_import_and_read_past_by_check() {
    let template = |mode: &str| {
        format!(
            r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
            "variables": {{"copy": [{{"name": "names", "count": 2, "mode": {mode}, "input": "[concat('n', copyIndex('names'))]"}}]}},
            "resources": [{{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "vnet", "location": "westeurope",
              "properties": {{"addressSpace": {{"addressPrefixes": ["10.0.0.0/16"]}},
                "copy": [{{"name": "subnets", "count": 2, "mode": {mode}, "input": {{"name": "[variables('names')[copyIndex('subnets')]]",
                  "properties": {{"addressPrefix": "[concat('10.0.', copyIndex('subnets'), '.0/24')]"}}}}}}]}}}}]}}"#
        )
    };
    for mode in [r#""serial""#, r#""Parallel""#] {
        let errors = import(&template(mode)).unwrap_err();
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "$.variables.copy[0].mode",
                "$.resources[0].properties.copy[0].mode"
            ],
            "{errors:?}"
        );
        for error in &errors {
            assert!(
                error.message.contains("is `name`, `count` and `input`")
                    && error
                        .message
                        .ends_with("the DSL's loop has no `mode`: remove it"),
                "{error:?}"
            );
        }
        assert_eq!(check_findings(&template(mode)), pairs(&[]), "{mode}");
    }
    let findings = check_findings(&template(r#""often""#));
    let paths: Vec<&str> = findings.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "$.resources[0].properties.copy[0].mode",
            "$.variables.copy[0].mode"
        ],
        "{findings:?}"
    );
    for (_, message) in &findings {
        assert!(
            message.starts_with("cannot be checked: `mode` orders"),
            "{findings:?}"
        );
    }
}

/// A `batchSize` in an output's or a variable's `copy` is read as its `mode`
/// is: refused by the import, saying to remove it, read past by `check`
/// (a non-negative integer), and a `check` finding otherwise.
#[test]
fn a_batch_size_in_a_value_loop_is_read_as_its_mode() {
    let template = |batch: &str| {
        format!(
            r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
            "variables": {{"copy": [{{"name": "names", "count": 2, "batchSize": {batch}, "input": "[concat('n', copyIndex('names'))]"}}]}},
            "resources": [],
            "outputs": {{"o": {{"type": "array", "copy": {{"count": 2, "batchSize": {batch}, "input": "[variables('names')[copyIndex()]]"}}}}}}}}"#
        )
    };
    let errors = import(&template("1")).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "$.variables.copy[0].batchSize",
            "$.outputs.o.copy.batchSize"
        ],
        "{errors:?}"
    );
    assert!(
        errors.iter().all(|e| e
            .message
            .ends_with("the DSL's loop has no `batchSize`: remove it")),
        "{errors:?}"
    );
    assert_eq!(check_findings(&template("1")), pairs(&[]));
    let findings = check_findings(&template(r#""two""#));
    assert_eq!(findings.len(), 2, "{findings:?}");
    assert!(
        findings
            .iter()
            .all(|(_, m)| m.starts_with("cannot be checked: `batchSize` orders")),
        "{findings:?}"
    );
}

/// A resource type or API version the type data lacks, which ARM deploys as
/// written (the API version of an older or newer release, a private
/// provider), imports with `#[unchecked]` (the language reference, "Resource
/// types"), each named in a warning that says so, where the import refused
/// the template; a resource the data knows is checked as before, and an
/// `#[accept]` the same resource would have needed is not written beside it.
#[test]
#[cfg_attr(
    not(feature = "span-locations"),
    ignore = "messages are placed at JSON paths by span locations: needs the `span-locations` feature"
)]
fn types_and_api_versions_the_type_data_lacks_import_unchecked() {
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
            { "type": "Microsoft.Sql/servers", "apiVersion": "2018-06-01-preview",
              "name": "sql1", "location": "westeurope",
              "properties": { "administratorLogin": "a", "notInTheData": 1 } },
            { "type": "Contoso.Widgets/gadgets", "apiVersion": "2024-01-01",
              "name": "g1", "properties": { "size": 3 } },
            { "type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
              "name": "id1", "location": "westeurope" } ] }"#;
    let value: Value = serde_json::from_str(template).unwrap();
    let checked = verify::import_checked(&value, &Options::default()).expect("imports");
    let source = &checked.imported.source;
    assert_eq!(source.matches("#[unchecked]").count(), 2, "{source}");
    assert!(!source.contains("#[accept"), "{source}");
    // The line before the resource's declaration.
    let unchecked_before = |ty: &str| {
        let lines: Vec<&str> = source.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains(ty))
            .unwrap_or_else(|| panic!("{ty} in {source}"));
        at > 0 && lines[at - 1].trim() == "#[unchecked]"
    };
    assert!(
        unchecked_before("\"Microsoft.Sql/servers@2018-06-01-preview\""),
        "{source}"
    );
    assert!(
        unchecked_before("\"Contoso.Widgets/gadgets@2024-01-01\""),
        "{source}"
    );
    assert!(
        !unchecked_before("\"Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31\""),
        "{source}"
    );
    let mut warnings: Vec<(String, String)> = checked
        .accepted
        .iter()
        .map(|e| (e.path.clone(), verify::kept_with_accept(&e.message)))
        .collect();
    warnings.sort();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].0.starts_with("$.resources[0]"), "{warnings:?}");
    assert!(
        warnings[0].1.starts_with("kept with `#[unchecked]`, as the template writes it, although the compiler says: ADSL0402: unknown API version `2018-06-01-preview` of `Microsoft.Sql/servers`"),
        "{warnings:?}"
    );
    assert!(warnings[1].0.starts_with("$.resources[1]"), "{warnings:?}");
    assert!(
        warnings[1].1.starts_with("kept with `#[unchecked]`, as the template writes it, although the compiler says: ADSL0401: unknown resource type `Contoso.Widgets/gadgets`"),
        "{warnings:?}"
    );
}

/// An extension resource without `scope` is on the deployment's own scope,
/// which the template's `$schema` says: `subscription().id` names it in a
/// subscription template, and no resource of a resource group's (the
/// subscription is not where that template deploys it); `resourceGroup().id`
/// the other way round.
#[test]
fn extension_ids_compare_the_deployment_scope_of_the_templates_kind() {
    let template = |schema: &str, base: &str, dependent: &str| {
        format!(
            r#"{{"$schema": "https://schema.management.azure.com/schemas/{schema}#",
        "contentVersion": "1.0.0.0",
        "resources": [
            {{"type": "Microsoft.Authorization/locks", "apiVersion": "2020-05-01", "name": "lock",
              "properties": {{"level": "CanNotDelete"}}}},
            {dependent}"dependsOn": ["[extensionResourceId({base}, 'Microsoft.Authorization/locks', 'lock')]"]}}
        ]}}"#
        )
    };
    let group = "2019-04-01/deploymentTemplate.json";
    let in_group = r#"{"type": "Microsoft.Storage/storageAccounts", "name": "stccc1", "apiVersion": "2023-01-01", "location": "westeurope", "sku": {"name": "Standard_LRS"}, "kind": "StorageV2","#;
    let subscription = "2018-05-01/subscriptionDeploymentTemplate.json";
    let at_subscription = r#"{"type": "Microsoft.Resources/resourceGroups", "name": "rg", "apiVersion": "2024-03-01", "location": "westeurope","#;
    for (schema, dependent) in [(group, in_group), (subscription, at_subscription)] {
        let (own, other) = if schema == group {
            ("resourceGroup().id", "subscription().id")
        } else {
            ("subscription().id", "resourceGroup().id")
        };
        let imported = import(&template(schema, own, dependent)).expect("imports");
        assert!(
            imported.source.contains("dependsOn: [locks]"),
            "{own}: {}",
            imported.source
        );
        // Another scope's lock is not this one.
        if let Ok(imported) = import(&template(schema, other, dependent)) {
            assert!(
                !imported.source.contains("dependsOn: [locks]"),
                "{other}: {}",
                imported.source
            );
        }
        assert!(
            checked(&template(schema, other, dependent)).is_err(),
            "{schema}: {other}"
        );
    }
}

/// A variable named as a parameter (ARM keeps `parameters('x')` and
/// `variables('x')` apart) or by no identifier is written with `#[name]` and
/// a fresh symbol, read by that symbol, and the round trip holds.
#[test]
fn variables_named_as_parameters_or_by_no_identifier_get_name_attributes() {
    let checked = checked(
        r#"{"$schema": "s", "contentVersion": "1.0.0.0",
            "parameters": {
                "location": { "type": "string", "defaultValue": "westeurope" },
                "subnet_id": { "type": "string", "defaultValue": "x" }
            },
            "variables": {
                "location": "[parameters('location')]",
                "subnet-id": "[concat(variables('location'), parameters('subnet_id'))]",
                "vm.size": "[map(createArray(1), lambda('subnet_id2', variables('SUBNET-ID')))]",
                "self": "[variables('location')]",
                "copy": [{ "name": "2nd", "count": 2, "input": "[copyIndex('2nd')]" }]
            },
            "resources": [],
            "outputs": {
                "o": { "type": "string", "value": "[variables('subnet-id')]" },
                "p": { "type": "array", "value": "[concat(variables('vm.size'), variables('2nd'), createArray(variables('self')))]" },
                "q": { "type": "string", "value": "[parameters('location')]" }
            } }"#,
    )
    .expect("imports");
    let source = &checked.imported.source;
    for text in [
        "#[name(\"location\")]\n    var location_var = location;",
        // `subnet_id` is a parameter's: the next free name.
        "#[name(\"subnet-id\")]\n    var subnet_id2 = concat(location_var, subnet_id);",
        // A lambda parameter hides the symbol: read by the ARM name.
        "#[name(\"vm.size\")]\n    var vm_size = map(createArray(1), subnet_id2 => variables(\"subnet-id\"));",
        "#[name(\"self\")]\n    var self_var = location_var;",
        "#[name(\"2nd\")]\n    var var_2nd = [for",
        "output o: string = subnet_id2;",
        "output p: array = concat(vm_size, var_2nd, createArray(self_var));",
        "output q: string = location;",
    ] {
        assert!(source.contains(text), "{text}\nnot in\n{source}");
    }
}

/// `check` reads such variables the same way: no stand-in, and its messages
/// name the variable as ARM does.
#[test]
fn check_names_renamed_variables_as_arm_does() {
    let value: Value = serde_json::from_str(
        r#"{"$schema": "s", "contentVersion": "1.0.0.0",
            "parameters": { "location": { "type": "string", "defaultValue": "westeurope" } },
            "variables": { "location": "[parameters('location')]", "subnet-id": "[variables('location')]" },
            "resources": [] }"#,
    )
    .expect("JSON");
    let options = Options {
        const_name: "T".into(),
        symbolic: true,
        for_checking: true,
    };
    let imported = import_template(&value, &options).expect("imports");
    assert!(imported.stand_ins.is_empty(), "{:?}", imported.stand_ins);
    assert!(
        imported
            .source
            .contains("#[name(\"subnet-id\")]\n    var subnet_id = location_var;"),
        "{}",
        imported.source
    );
}
