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
        "parameters": { "my-param": { "type": "string" } },
        "resources": [],
        "outputs": { "n": { "type": "object", "value": { "x": 1.5 }, "condition": "[true()]" } }
    }"#,
    )
    .unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert!(paths.contains(&"$.parameters['my-param']"), "{paths:?}");
    assert!(paths.contains(&"$.outputs.n.condition"), "{paths:?}");
    assert!(paths.contains(&"$.outputs.n.value.x"), "{paths:?}");
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
