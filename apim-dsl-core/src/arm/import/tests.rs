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
