//! `check` and `import` on the forms of nested resources ARM deploys (Azure
//! quickstart templates write each): a relative type of several segments
//! (`blobServices/containers` named `default/c1`), the relative legacy
//! extension form (`providers/advancedThreatProtectionSettings`,
//! `databases/providers/diagnosticSettings`), a fully qualified type of
//! another provider or of the legacy extension form nested where it is not a
//! child, and resources nested in a looped resource, which ARM deploys once per
//! copy with `copyIndex()` counting the parent's loop. Each with a mistake of
//! its kind that stays an error, at its line and column.

mod common;

use assert_cmd::Command;
use common::{check, errors};

/// The file, in a fresh directory that lives as long as the guard.
fn file(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    common::file("apim-dsl-nested-", text)
}

const RIGHT: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "count": { "type": "int", "defaultValue": 2 } },
  "resources": [
    { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2019-06-01", "name": "stnested1",
      "location": "[resourceGroup().location]", "sku": { "name": "Standard_LRS" }, "kind": "StorageV2",
      "resources": [
        { "type": "blobServices/containers", "apiVersion": "2019-06-01", "name": "[concat('default/', 'logs')]",
          "dependsOn": [ "[resourceId('Microsoft.Storage/storageAccounts', 'stnested1')]" ],
          "properties": { "publicAccess": "None" } },
        { "type": "providers/advancedThreatProtectionSettings", "apiVersion": "2019-01-01",
          "name": "Microsoft.Security/current",
          "dependsOn": [ "[resourceId('Microsoft.Storage/storageAccounts', 'stnested1')]" ],
          "properties": { "isEnabled": true } },
        { "type": "Microsoft.Storage/storageAccounts/providers/locks", "apiVersion": "2016-09-01",
          "name": "stnested1/Microsoft.Authorization/nodelete",
          "dependsOn": [ "[resourceId('Microsoft.Storage/storageAccounts', 'stnested1')]" ],
          "properties": { "level": "CanNotDelete" } }
      ] },
    { "type": "Microsoft.OperationalInsights/workspaces", "apiVersion": "2020-08-01", "name": "ws-nested",
      "location": "[resourceGroup().location]", "properties": { "sku": { "name": "PerGB2018" } },
      "resources": [
        { "type": "Microsoft.OperationsManagement/solutions", "apiVersion": "2015-11-01-preview",
          "name": "Security(ws-nested)", "location": "[resourceGroup().location]",
          "dependsOn": [ "[resourceId('Microsoft.OperationalInsights/workspaces', 'ws-nested')]" ],
          "plan": { "name": "Security(ws-nested)", "publisher": "Microsoft", "product": "OMSGallery/Security", "promotionCode": "" },
          "properties": { "workspaceResourceId": "[resourceId('Microsoft.OperationalInsights/workspaces', 'ws-nested')]" } }
      ] },
    { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2020-06-01",
      "name": "[concat('vnet', copyIndex())]", "location": "[resourceGroup().location]",
      "copy": { "name": "vnetLoop", "count": "[parameters('count')]" },
      "properties": { "addressSpace": { "addressPrefixes": [ "[concat('10.', copyIndex(), '.0.0/16')]" ] } },
      "resources": [
        { "type": "subnets", "apiVersion": "2020-06-01", "name": "front",
          "dependsOn": [ "[resourceId('Microsoft.Network/virtualNetworks', concat('vnet', copyIndex()))]" ],
          "properties": { "addressPrefix": "[concat('10.', copyIndex(), '.1.0/24')]" } },
        { "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2020-06-01",
          "name": "[concat('vnet', copyIndex(), '/back')]",
          "dependsOn": [ "[resourceId('Microsoft.Network/virtualNetworks/subnets', concat('vnet', copyIndex()), 'front')]" ],
          "properties": { "addressPrefix": "[concat('10.', copyIndex(), '.2.0/24')]" } }
      ] }
  ]
}
"#;

#[test]
fn nested_forms_arm_deploys_pass_check_and_import() {
    let (code, findings) = check(RIGHT);
    assert_eq!(errors(&findings), vec![], "{findings:#?}");
    assert_eq!(code, Some(0));
    // The import compiles its DSL back and compares the JSON: nested as
    // written, and no `copy` on what is nested in the loop.
    let (_dir, path) = file(RIGHT);
    let output = Command::cargo_bin("apim-dsl")
        .unwrap()
        .arg("import")
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains(r#""blobServices/containers@2019-06-01""#),
        "{text}"
    );
    assert!(
        text.contains(r#""providers/advancedThreatProtectionSettings@2019-01-01""#),
        "{text}"
    );
    assert!(
        text.contains(r#""Microsoft.OperationsManagement/solutions@2015-11-01-preview""#),
        "{text}"
    );
    assert!(text.contains(r#""subnets@2020-06-01""#), "{text}");
}

/// The relative form of the legacy extension form below a child:
/// `databases/providers/diagnosticSettings` in a SQL server, named
/// `{database}/{Namespace}/{name}`.
const SQL_DIAGNOSTICS: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "password": { "type": "securestring" } },
  "resources": [
    { "type": "Microsoft.Sql/servers", "apiVersion": "2019-06-01-preview", "name": "sqlnested1",
      "location": "[resourceGroup().location]",
      "properties": { "administratorLogin": "dbadmin", "administratorLoginPassword": "[parameters('password')]" },
      "resources": [
        { "type": "databases", "apiVersion": "2019-06-01-preview", "name": "master",
          "location": "[resourceGroup().location]",
          "dependsOn": [ "[resourceId('Microsoft.Sql/servers', 'sqlnested1')]" ],
          "properties": {} },
        { "type": "databases/providers/diagnosticSettings", "apiVersion": "2017-05-01-preview",
          "name": "[concat('master/microsoft.insights/', 'audit')]",
          "dependsOn": [ "[resourceId('Microsoft.Sql/servers', 'sqlnested1')]" ],
          "properties": { "logs": [ { "category": "SQLSecurityAuditEvents", "enabled": true } ] } }
      ] }
  ]
}
"#;

#[test]
fn relative_legacy_extension_below_a_child_passes() {
    let (code, findings) = check(SQL_DIAGNOSTICS);
    assert_eq!(errors(&findings), vec![], "{findings:#?}");
    assert_eq!(code, Some(0));
}

const WRONG: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2019-06-01", "name": "stnested2",
      "location": "[resourceGroup().location]", "sku": { "name": "Standard_LRS" }, "kind": "StorageV2",
      "resources": [
        { "type": "blobServices/containers", "apiVersion": "2019-06-01", "name": "logs",
          "dependsOn": [ "[resourceId('Microsoft.Storage/storageAccounts', 'stnested2')]" ] },
        { "type": "blobServices//containers", "apiVersion": "2019-06-01", "name": "default/data",
          "dependsOn": [ "[resourceId('Microsoft.Storage/storageAccounts', 'stnested2')]" ] },
        { "type": "providers/advancedThreatProtectionSettings", "apiVersion": "2019-01-01",
          "name": "current",
          "dependsOn": [ "[resourceId('Microsoft.Storage/storageAccounts', 'stnested2')]" ],
          "properties": { "isEnabled": true } }
      ] },
    { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2020-06-01", "name": "vnet-single",
      "location": "[resourceGroup().location]",
      "properties": { "addressSpace": { "addressPrefixes": [ "10.0.0.0/16" ] } },
      "resources": [
        { "type": "subnets", "apiVersion": "2020-06-01", "name": "[concat('s', copyIndex())]",
          "dependsOn": [ "[resourceId('Microsoft.Network/virtualNetworks', 'vnet-single')]" ],
          "properties": { "addressPrefix": "10.0.1.0/24" } }
      ] }
  ]
}
"#;

#[test]
fn wrong_segments_and_copy_index_outside_a_loop_stay_errors() {
    let (code, findings) = check(WRONG);
    let errors = errors(&findings);
    let at = |line: u64, code: &str| {
        errors
            .iter()
            .find(|(l, _, c, _)| *l == line && c == code)
            .unwrap_or_else(|| panic!("no {code} at line {line}: {errors:#?}"))
            .clone()
    };
    // One segment where `blobServices/containers` needs two.
    let (_, column, _, message) = at(8, "ADSL0412");
    assert_eq!(column, 82, "{message}");
    assert!(message.contains("2 segments"), "{message}");
    // An empty segment in a relative type.
    let (_, column, _, message) = at(10, "ADSL0416");
    assert_eq!(column, 19, "{message}");
    assert!(
        message.contains("not a relative resource type"),
        "{message}"
    );
    // The legacy form names the extension type's namespace.
    let (_, _, _, message) = at(13, "ADSL0412");
    assert!(message.contains("Namespace"), "{message}");
    // `copyIndex()` in a resource nested in one without a loop.
    at(21, "ADSL0307");
    assert_eq!(code, Some(1));
}

/// Names of a relative type of two segments written as expressions of
/// literal text only: their segments are known, as at the top level.
const COMPUTED: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "stcontoso",
      "location": "westeurope", "sku": { "name": "Standard_LRS" }, "kind": "StorageV2",
      "resources": [
        { "type": "blobServices/containers", "apiVersion": "2023-01-01", "name": "[concat('default', '-', 'logs')]",
          "dependsOn": [ "stcontoso" ] },
        { "type": "blobServices/containers", "apiVersion": "2023-01-01", "name": "[format('{0}{1}', 'default', 'data')]",
          "dependsOn": [ "stcontoso" ] },
        { "type": "blobServices/containers", "apiVersion": "2023-01-01", "name": "[concat('default', '/', '')]",
          "dependsOn": [ "stcontoso" ] },
        { "type": "blobServices/containers", "apiVersion": "2023-01-01", "name": "[format('{0}/{1}', 'default', 'ok1')]",
          "dependsOn": [ "stcontoso" ] },
        { "type": "blobServices/containers", "apiVersion": "2023-01-01", "name": "[concat('default', '/', 'ok2')]",
          "dependsOn": [ "stcontoso" ] },
        { "type": "blobServices/containers", "apiVersion": "2023-01-01", "name": "[concat(parameters('p'), 'ok3')]",
          "dependsOn": [ "stcontoso" ] }
      ] }
  ],
  "parameters": { "p": { "type": "string", "defaultValue": "default/" } }
}
"#;

#[test]
fn computed_literal_names_of_a_relative_type_have_their_segments_counted() {
    let (code, findings) = check(COMPUTED);
    let errors = errors(&findings);
    let lines: Vec<(u64, &str)> = errors.iter().map(|(l, _, c, _)| (*l, c.as_str())).collect();
    // One segment (`default-logs`, `defaultdata`), then an empty second
    // segment; the two right ones and the one with a computed part are not
    // errors.
    assert_eq!(
        lines,
        [(8, "ADSL0412"), (10, "ADSL0412"), (12, "ADSL0412")],
        "{errors:#?}"
    );
    assert!(
        errors[0].3.contains("not `default-logs`"),
        "{}",
        errors[0].3
    );
    assert!(errors[0].3.contains("2 segments"), "{}", errors[0].3);
    assert!(errors[1].3.contains("not `defaultdata`"), "{}", errors[1].3);
    assert_eq!(code, Some(1));
}

/// A relative `blobServices/containers` that waits only for its sibling
/// `blobServices` (which waits for the account), in a looped account and in
/// one without a loop: ARM waits for the account through the sibling, and the
/// import writes no entry the original does not have.
#[test]
fn a_nested_resource_waiting_for_its_sibling_imports_as_written() {
    // The copy, the account's name, and the same name as an expression
    // argument.
    for (copy, name, arg) in [
        (
            r#""copy": { "name": "stl", "count": 2 },"#,
            "[concat('st', copyIndex())]",
            "concat('st', copyIndex())",
        ),
        ("", "stcontoso", "'stcontoso'"),
    ] {
        let text = format!(
            r#"{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {{ {copy} "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "{name}",
      "location": "westeurope", "sku": {{ "name": "Standard_LRS" }}, "kind": "StorageV2",
      "resources": [
        {{ "type": "blobServices", "apiVersion": "2023-01-01", "name": "default",
          "dependsOn": [ "[resourceId('Microsoft.Storage/storageAccounts', {arg})]" ] }},
        {{ "type": "blobServices/containers", "apiVersion": "2023-01-01", "name": "default/logs",
          "dependsOn": [ "[resourceId('Microsoft.Storage/storageAccounts/blobServices', {arg}, 'default')]" ] }}
      ] }}
  ]
}}"#
        );
        let (code, findings) = check(&text);
        assert_eq!(errors(&findings), vec![], "{findings:#?}");
        assert_eq!(code, Some(0));
        let (_dir, path) = file(&text);
        let output = Command::cargo_bin("apim-dsl")
            .unwrap()
            .arg("import")
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}\n{text}");
        let dsl = String::from_utf8(output.stdout).unwrap();
        assert!(
            dsl.contains(r#""blobServices/containers@2023-01-01""#),
            "{dsl}"
        );
    }
}
