//! `check_template`'s findings as Bicep would rate them: which errors of the
//! compiler the type data alone decides, or Bicep's linter warns of.

use super::{Finding, Leniency, Severity, check_template};
use serde_json::Value;

const HEADER: &str = r#""$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0""#;

fn check(body: &str) -> Vec<Finding> {
    let value: Value = serde_json::from_str(&format!("{{{HEADER}, {body}}}")).unwrap();
    check_template(&value)
}

/// The finding at `path`.
fn at<'f>(findings: &'f [Finding], path: &str) -> &'f Finding {
    findings
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("nothing at {path}: {findings:#?}"))
}

#[test]
fn what_the_type_data_alone_decides_is_lenient() {
    let findings = check(
        r#""parameters": {"capacity": {"type": "string", "defaultValue": "1"}},
        "resources": [
          {"type": "Microsoft.ApiManagement/service", "apiVersion": "2024-05-01", "name": "apim-contoso",
           "location": "westeurope", "sku": {"name": "Premuim", "capacity": "[parameters('capacity')]"},
           "properties": {"publisherEmail": "a@contoso.com", "publisherName": "Contoso", "virtualNetworkMode": "None"}},
          {"type": "Microsoft.KeyVault/vaults/secrets", "apiVersion": "2019-09-01", "name": "kv/s",
           "location": "westeurope", "properties": {"value": "x"}},
          {"type": "Microsoft.ApiManagement/service/apis/operations", "apiVersion": "2024-05-01",
           "name": "apim-contoso/orders/list", "properties": {"displayName": "List", "urlTemplate": "/"}},
          {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-13-01", "name": "id",
           "location": "westeurope"},
          {"type": "Microsoft.ApiManagement/services", "apiVersion": "2024-05-01", "name": "x", "location": "westeurope"}
        ]"#,
    );
    for path in [
        "$.resources[0].sku.name",
        "$.resources[0].sku.capacity",
        "$.resources[0].properties.virtualNetworkMode",
        "$.resources[1].location",
        "$.resources[2].properties",
        "$.resources[3].apiVersion",
        "$.resources[4].type",
    ] {
        let finding = at(&findings, path);
        assert_eq!(finding.severity, Severity::Error, "{finding:?}");
        assert_eq!(finding.leniency, Some(Leniency::TypeData), "{finding:?}");
        assert_eq!(finding.severity_for(true), Severity::Error);
        assert_eq!(finding.severity_for(false), Severity::Warning);
    }
}

#[test]
fn a_top_level_key_no_resource_takes_is_an_error_as_in_bicep() {
    let findings = check(
        r#""resources": [
          {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2021-04-01", "name": "stg",
           "location": "westeurope", "sku": {"name": "Standard_LRS"}, "kind": "StorageV2",
           "foo": 1, "properties": {"bar": 2}},
          {"type": "Microsoft.Relay/namespaces", "apiVersion": "2017-04-01", "name": "relay",
           "location": "westeurope", "kind": "Relay"}
        ]"#,
    );
    let foo = at(&findings, "$.resources[0].foo");
    assert_eq!(
        (foo.leniency, foo.severity_for(false)),
        (None, Severity::Error)
    );
    let bar = at(&findings, "$.resources[0].properties.bar");
    assert_eq!(bar.leniency, Some(Leniency::TypeData));
    // A key every resource may have, which this type's data lacks: Bicep's
    // fallback property, a warning.
    let kind = at(&findings, "$.resources[1].kind");
    assert_eq!(kind.leniency, Some(Leniency::TypeData), "{kind:?}");
}

#[test]
fn bicep_linter_rules_are_lenient_and_certain_failures_are_not() {
    let findings = check(
        r#""parameters": {"password": {"type": "securestring", "defaultValue": "hunter2"}},
        "resources": [
          {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
           "name": "a", "location": "westeurope", "dependsOn": ["b"]},
          {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
           "name": "b", "location": "westeurope", "dependsOn": ["a"]}
        ],
        "outputs": {"leak": {"type": "string", "value": "[parameters('password')]"}}"#,
    );
    assert_eq!(
        at(&findings, "$.parameters.password.defaultValue").leniency,
        Some(Leniency::Linter("secure-parameter-default"))
    );
    assert_eq!(
        at(&findings, "$.outputs.leak.value").leniency,
        Some(Leniency::Linter("outputs-should-not-contain-secrets"))
    );
    let cycle = findings
        .iter()
        .find(|f| f.message.starts_with("ADSL0501"))
        .expect("the cycle");
    assert_eq!(
        (cycle.leniency, cycle.severity_for(false)),
        (None, Severity::Error)
    );
    // Warnings stay warnings either way.
    for finding in findings.iter().filter(|f| f.severity == Severity::Warning) {
        assert_eq!(finding.severity_for(true), Severity::Warning);
        assert_eq!(finding.leniency, None);
    }
}

/// ARM keeps parameters and variables apart: the variable gets `#[name]` and
/// a symbol of its own, and messages name it as the template does.
#[test]
fn a_variable_may_have_a_parameter_s_name() {
    let findings = check(
        r#""parameters": {"name": {"type": "string", "defaultValue": "Contoso"}, "n": {"type": "int", "defaultValue": 1},
          "disks": {"type": "int", "defaultValue": 2}},
        "variables": {"name": "[toLower(parameters('name'))]", "n": "[parameters('n')]",
          "copy": [{"name": "disks", "count": "[parameters('disks')]", "input": "[copyIndex('disks')]"}]},
        "resources": [],
        "outputs": {"o": {"type": "int", "value": "[variables('name')]"}, "p": {"type": "int", "value": "[parameters('n')]"}}"#,
    );
    let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
    assert!(
        !messages
            .iter()
            .any(|m| m.contains("ADSL0202") || m.contains("stand_in")),
        "{messages:#?}"
    );
    assert_eq!(
        at(&findings, "$.outputs.o.value").message,
        "ADSL0303: the value of output `o` must be an int, found a string"
    );
    for (path, name) in [("$.variables.n", "n"), ("$.variables.copy[0]", "disks")] {
        assert!(
            at(&findings, path)
                .message
                .starts_with(&format!("variable `{name}` is never used")),
            "{messages:#?}"
        );
    }
}

/// What only the DSL's Bicep lacks is lenient (ARM deploys it), and a
/// `variables(...)` or `parameters(...)` with a computed name may read any
/// variable or parameter: none of those is reported unused, while the other
/// kind still is.
#[test]
fn computed_names_are_lenient_and_read_every_name_of_their_kind() {
    let findings = check(
        r#""parameters": {"env": {"type": "string", "defaultValue": "dev"}, "spare": {"type": "string", "defaultValue": "x"}},
        "variables": {"settingsdev": {"size": 1}, "settingsprod": {"size": 3}, "other": 1},
        "resources": [],
        "outputs": {"size": {"type": "int", "value": "[variables(concat('settings', parameters('env'))).size]"},
                    "f": {"type": "string", "value": "[string(float('1.5'))]"}}"#,
    );
    let computed = at(&findings, "$.outputs.size.value");
    assert_eq!(computed.severity, Severity::Error, "{computed:?}");
    assert_eq!(computed.leniency, Some(Leniency::NoBicep), "{computed:?}");
    assert!(computed.message.starts_with("ADSL0315: "), "{computed:?}");
    let float = at(&findings, "$.outputs.f.value");
    assert_eq!(float.leniency, Some(Leniency::NoBicep), "{float:?}");
    let unused: Vec<&str> = findings
        .iter()
        .filter(|f| f.message.contains("is never used"))
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(unused, ["$.parameters.spare"], "{findings:#?}");
}

#[test]
fn loops_sharing_a_name_are_checked_each_under_its_own_and_a_wait_names_all() {
    // ARM takes loops that share `copy.name` (outside symbolic-name
    // templates); `dependsOn: ["vmCopy"]` waits for every one of them.
    let template = r#""parameters": {"n": {"type": "int", "defaultValue": 2}},
        "resources": [
          {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-09-01",
           "name": "[concat('ip', copyIndex())]", "location": "westeurope",
           "copy": {"name": "vmCopy", "count": "[parameters('n')]"}},
          {"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01",
           "name": "[concat('nsg', copyIndex('VMCOPY'))]", "location": "westeurope",
           "copy": {"name": "vmcopy", "count": "[parameters('n')]"}},
          {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "vnet",
           "location": "westeurope",
           "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}},
           "dependsOn": ["vmCopy"]}
        ]"#;
    let findings = check(template);
    let errors: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity_for(true) == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // No stand-in leaks into a message.
    assert!(
        findings.iter().all(|f| !f.message.contains("__stand_in")),
        "{findings:#?}"
    );
    // The wait covers both loops: a cycle through the second one is one.
    let cycle = check(&template.replace(
        r#""copy": {"name": "vmcopy", "count": "[parameters('n')]"}}"#,
        r#""copy": {"name": "vmcopy", "count": "[parameters('n')]"},
           "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', 'vnet')]"]}"#,
    ));
    let cycle_found = cycle
        .iter()
        .find(|f| f.severity == Severity::Error && f.message.contains("ADSL0501"))
        .unwrap_or_else(|| panic!("no cycle: {cycle:#?}"));
    assert!(cycle_found.message.contains("vmcopy"), "{cycle_found:?}");
}

#[test]
fn a_list_call_the_type_data_does_not_list_is_lenient() {
    // Quickstart templates read a workspace's keys with `listKeys`, which
    // Bicep's type data does not list for `Microsoft.OperationalInsights/workspaces`.
    let findings = check(
        r#""resources": [],
        "outputs": {
          "k": {"type": "securestring", "value": "[listKeys(resourceId('Microsoft.OperationalInsights/workspaces', 'ws'), '2015-11-01-preview').primarySharedKey]"},
          "s": {"type": "securestring", "value": "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2015-01-01').keys[0].value]"}
        }"#,
    );
    for path in ["$.outputs.k.value", "$.outputs.s.value"] {
        let finding = at(&findings, path);
        assert!(finding.message.contains("ADSL0301"), "{finding:?}");
        assert_eq!(finding.leniency, Some(Leniency::TypeData), "{finding:?}");
        assert_eq!(finding.severity_for(false), Severity::Warning);
        assert_eq!(finding.severity_for(true), Severity::Error);
    }
}

/// The `dependsOn` errors (ADSL0502) of a template, by path.
fn unmatched(body: &str) -> Vec<String> {
    check(body)
        .into_iter()
        .filter(|f| f.message.contains("ADSL0502"))
        .map(|f| f.path)
        .collect()
}

#[test]
fn depends_on_names_built_as_arm_builds_them_name_their_resources() {
    // Each entry names a resource as ARM reads it: an integer in `concat`,
    // `string(...)`, a member or element of a variable written as JSON, a
    // variable in lower case, a full id of this resource group, a loop's
    // name written as an expression, and an id extended by text.
    let body = r#""parameters": {"account": {"type": "string", "defaultValue": "Acct"}},
        "variables": {
          "nic": "nic",
          "nicRef": "[resourceId('Microsoft.Network/networkSecurityGroups', variables('nic'))]",
          "otherRef": "[resourceId('other', 'Microsoft.Network/networkSecurityGroups', variables('nic'))]",
          "lower": "[toLower(parameters('account'))]",
          "solutions": {"backup": {"name": "Backup Solution"}},
          "books": [{"name": "first"}, {"name": "second"}]
        },
        "resources": [
          {"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01",
           "name": "[concat(variables('nic'), 0)]", "location": "westeurope"},
          {"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01",
           "name": "[string(parameters('account'))]", "location": "westeurope"},
          {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-09-01",
           "name": "Backup Solution", "location": "westeurope"},
          {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-09-01",
           "name": "second", "location": "westeurope"},
          {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-09-01",
           "name": "[concat('ip', copyIndex())]", "location": "westeurope",
           "copy": {"name": "ipLoop", "count": 2}},
          {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "vnet",
           "location": "westeurope",
           "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}},
           "dependsOn": [
             "[concat('Microsoft.Network/networkSecurityGroups/', variables('nic'), '0')]",
             "[resourceId('Microsoft.Network/networkSecurityGroups', variables('lower'))]",
             "[concat('Microsoft.Network/publicIPAddresses/', variables('solutions').backup.name)]",
             "[variables('books')[1].name]",
             "[concat('/subscriptions/', subscription().subscriptionId, '/resourceGroups/', resourceGroup().name, '/providers/Microsoft.Network/publicIPAddresses/', variables('books')[1].name)]",
             "['ipLoop']",
             "[concat(variables('nicRef'), 0)]"
           ]}
        ]"#;
    assert_eq!(unmatched(body), Vec::<String>::new());
    // What does not name one stays an error: another group's id (written
    // out or extended), a member the variable does not have, an element
    // past its end.
    let wrong = body
        .replace("resourceGroup().name, '/providers", "'other', '/providers")
        .replace("solutions').backup.name", "solutions').restore.name")
        .replace(
            "variables('books')[1].name]\",",
            "variables('books')[2].name]\",",
        )
        .replace(
            "concat(variables('nicRef'), 0)",
            "concat(variables('otherRef'), 0)",
        );
    assert_eq!(
        unmatched(&wrong),
        [2, 3, 4, 6].map(|i| format!("$.resources[5].dependsOn[{i}]"))
    );
}

#[test]
fn an_expression_among_allowed_values_is_what_only_bicep_lacks() {
    // The quickstart Logic Apps allow `[resourceGroup().location]` beside
    // the regions; Bicep's `@allowed` takes constants only.
    let findings = check(
        r#""parameters": {"where": {"type": "string", "defaultValue": "[resourceGroup().location]",
            "allowedValues": ["[resourceGroup().location]", "westeurope"]}},
        "resources": [],
        "outputs": {"w": {"type": "string", "value": "[parameters('where')]"}}"#,
    );
    let finding = at(&findings, "$.parameters.where.allowedValues[0]");
    assert!(finding.message.contains("ADSL0801"), "{finding:?}");
    assert_eq!(finding.leniency, Some(Leniency::NoBicep), "{finding:?}");
    assert_eq!(finding.severity_for(false), Severity::Warning);
    assert_eq!(finding.severity_for(true), Severity::Error);
    // One ARM cannot evaluate among a parameter's (a variable, a resource,
    // a loop) fails every deployment: an error.
    for value in [
        "[variables('v')]",
        "[reference('foo').y]",
        "[copyIndex()]",
        "[listKeys('x', '2020-01-01').k]",
    ] {
        let findings = check(&format!(
            r#""parameters": {{"where": {{"type": "string", "defaultValue": "a",
                "allowedValues": ["a", "{value}"]}}}},
            "variables": {{"v": "a"}},
            "resources": [],
            "outputs": {{"w": {{"type": "string", "value": "[parameters('where')]"}}}}"#
        ));
        let finding = at(&findings, "$.parameters.where.allowedValues[1]");
        assert!(finding.message.contains("ADSL0801"), "{value}: {finding:?}");
        assert_eq!(
            finding.severity_for(false),
            Severity::Error,
            "{value}: {finding:?}"
        );
    }
    // A literal not among them stays an error.
    let wrong = check(
        r#""parameters": {"where": {"type": "string", "defaultValue": "East US2",
            "allowedValues": ["East US 2", "westeurope"]}},
        "resources": [],
        "outputs": {"w": {"type": "string", "value": "[parameters('where')]"}}"#,
    );
    assert!(
        wrong
            .iter()
            .any(|f| f.message.contains("ADSL0801") && f.severity_for(false) == Severity::Error),
        "{wrong:#?}"
    );
}

/// A storage account loop whose nested children (two levels deep) read the
/// loop by name, `copyIndex('<loop>')`, which ARM reads as the parent's index
/// (a resource nested in a looped one is deployed with each of its copies:
/// "Resource iteration in ARM templates"; `copyIndex` with a loop name reads
/// that loop's, Microsoft Learn "copyIndex").
const NESTED_NAMED_INDEX: &str = r#""parameters": {"n": {"type": "int", "defaultValue": 2}},
    "resources": [
      {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
       "name": "[concat('st', copyIndex('stLoop'), uniqueString(resourceGroup().id))]",
       "location": "westeurope", "sku": {"name": "Standard_LRS"}, "kind": "StorageV2",
       "copy": {"name": "stLoop", "count": "[parameters('n')]"},
       "resources": [
         {"type": "blobServices", "apiVersion": "2023-01-01", "name": "default",
          "dependsOn": ["[resourceId('Microsoft.Storage/storageAccounts', concat('st', copyIndex('STLOOP'), uniqueString(resourceGroup().id)))]"],
          "properties": {"deleteRetentionPolicy": {"enabled": true, "days": "[add(7, copyIndex('stloop', 1))]"}},
          "resources": [
            {"type": "containers", "apiVersion": "2023-01-01",
             "name": "[concat('logs', copyIndex( 'stLoop'))]",
             "dependsOn": ["[resourceId('Microsoft.Storage/storageAccounts/blobServices', concat('st', copyIndex('stLoop'), uniqueString(resourceGroup().id)), 'default')]"],
             "properties": {"metadata": {"copy": "[string(copyIndex('stLoop'))]"}}}
          ]}
       ]}
    ]"#;

/// The findings of severity error (strict) of a template body.
fn errors_of(body: &str) -> Vec<Finding> {
    check(body)
        .into_iter()
        .filter(|f| f.severity_for(true) == Severity::Error)
        .collect()
}

#[test]
fn a_nested_child_may_name_its_parents_loop_in_copy_index() {
    let errors = errors_of(NESTED_NAMED_INDEX);
    assert!(errors.is_empty(), "{errors:#?}");
    // A name the child is not in is still an error, at its token.
    let other = errors_of(&NESTED_NAMED_INDEX.replace(
        "\"[string(copyIndex('stLoop'))]\"",
        "\"[string(copyIndex('other'))]\"",
    ));
    assert_eq!(other.len(), 1, "{other:#?}");
    assert_eq!(
        other[0].path,
        "$.resources[0].resources[0].resources[0].properties.metadata.copy"
    );
    assert!(
        other[0]
            .message
            .contains("names a loop this value is not in"),
        "{other:?}"
    );
    // So is the name of a loop in a child of an unlooped parent.
    let unlooped = errors_of(
        &NESTED_NAMED_INDEX
            .replace(
                r#""copy": {"name": "stLoop", "count": "[parameters('n')]"},"#,
                "",
            )
            .replace("copyIndex('stLoop'), uniqueString", "'x', uniqueString"),
    );
    for path in [
        "$.resources[0].resources[0].properties.deleteRetentionPolicy.days",
        "$.resources[0].resources[0].resources[0].name",
        "$.resources[0].resources[0].resources[0].properties.metadata.copy",
    ] {
        let finding = at(&unlooped, path);
        assert!(
            finding
                .message
                .contains("names a loop this value is not in"),
            "{finding:?}"
        );
    }
}

/// Loops sharing a name: the later ones are checked under stand-ins, and
/// their nested children, which share their loops, read them by the new
/// names too (`copyIndex('<shared>')` in a child of the second loop is that
/// loop's index, not the first's).
#[test]
fn nested_children_of_a_loop_sharing_its_name_read_their_parents_loop() {
    let template = r#""parameters": {"n": {"type": "int", "defaultValue": 2}},
        "resources": [
          {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
           "name": "[concat('a', copyIndex())]", "location": "westeurope",
           "copy": {"name": "nets", "count": "[parameters('n')]"},
           "properties": {"addressSpace": {"addressPrefixes": ["[concat('10.', copyIndex(), '.0.0/16')]"]}},
           "resources": [
             {"type": "subnets", "apiVersion": "2023-09-01", "name": "front",
              "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', concat('a', copyIndex('nets')))]"],
              "properties": {"addressPrefix": "[concat('10.', copyIndex('nets'), '.1.0/24')]"}}
           ]},
          {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
           "name": "[concat('b', copyIndex('NETS'))]", "location": "westeurope",
           "copy": {"name": "NETS", "count": "[parameters('n')]"},
           "properties": {"addressSpace": {"addressPrefixes": ["[concat('10.1', copyIndex(), '.0.0/16')]"]}},
           "resources": [
             {"type": "subnets", "apiVersion": "2023-09-01", "name": "front",
              "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', concat('b', copyIndex('Nets')))]"],
              "properties": {"addressPrefix": "[concat('10.1', copyIndex('nets'), '.1.0/24')]"}}
           ]}
        ]"#;
    let errors = errors_of(template);
    assert!(errors.is_empty(), "{errors:#?}");
}

/// A `dependsOn` naming a copy name several loops share waits for all of
/// them: in each of those loops it is a wait for itself (ARM: "Circular
/// dependency detected"), reported at that loop's own entry, the later loops
/// as the first, and nothing more (no cycle through the others).
#[test]
fn every_loop_waiting_for_its_shared_name_waits_for_itself() {
    let identity = |name: &str, copy: &str, depends: &str| {
        format!(
            r#"{{"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
               "name": "[concat('{name}', copyIndex())]", "location": "westeurope",
               "copy": {{"name": "{copy}", "count": 2}}, "dependsOn": {depends}}}"#
        )
    };
    let template = format!(
        r#""resources": [{}, {}, {}, {}]"#,
        identity("a", "ids", r#"["ids"]"#),
        identity(
            "b",
            "IDS",
            r#"["[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'a0')]", "ids"]"#
        ),
        identity("c", "ids", r#"["Ids"]"#),
        identity("d", "other", r#"["ids"]"#),
    );
    let errors = errors_of(&template);
    let mut found: Vec<(&str, &str)> = errors
        .iter()
        .map(|f| (f.path.as_str(), f.message.as_str()))
        .collect();
    found.sort_unstable();
    assert_eq!(
        found.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
        [
            "$.resources[0].dependsOn[0]",
            "$.resources[1].dependsOn[1]",
            "$.resources[2].dependsOn[0]",
        ],
        "{errors:#?}"
    );
    for (_, message) in &found {
        assert!(message.contains("cannot depend on itself"), "{message}");
        assert!(
            message.contains("names every copy loop of that name, this one too"),
            "{message}"
        );
        assert!(!message.contains("__stand_in"), "{message}");
    }
    // The later loops are named as the template names them.
    assert!(found[1].1.contains("`IDS`"), "{}", found[1].1);
    // A loop of a name of its own waiting for it is told so as before.
    let alone = errors_of(&format!(
        r#""resources": [{}]"#,
        identity("e", "solo", r#"["solo"]"#)
    ));
    assert_eq!(alone.len(), 1, "{alone:#?}");
    assert_eq!(alone[0].path, "$.resources[0].dependsOn[0]");
    assert_eq!(alone[0].message, "ADSL0501: `solo` cannot depend on itself");
}

/// `dependsOn` entries as ARM evaluates them against this deployment's
/// resources' ids: the group's id extended by text is the resource's id; a
/// group a parameter chooses names it only where the deployment is to that
/// group (a warning); a group written as text is refused.
#[test]
fn depends_on_ids_are_compared_with_the_deployments_own_scope() {
    let body = |entries: &str| {
        format!(
            r#""parameters": {{"rg": {{"type": "string", "defaultValue": "[resourceGroup().name]"}}}},
        "resources": [
          {{"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01",
           "name": "nsg", "location": "westeurope"}},
          {{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "vnet",
           "location": "westeurope",
           "properties": {{"addressSpace": {{"addressPrefixes": ["10.0.0.0/16"]}}}},
           "dependsOn": [{entries}]}}
        ]"#
        )
    };
    let own = body(
        r#""[concat(resourceGroup().id, '/providers/Microsoft.Network/networkSecurityGroups/nsg')]",
           "[format('{0}/providers/Microsoft.Network/networkSecurityGroups/{1}', resourceGroup().id, 'nsg')]",
           "[resourceId(resourceGroup().name, 'Microsoft.Network/networkSecurityGroups', 'nsg')]""#,
    );
    let findings = check(&own);
    assert!(
        findings.iter().all(|f| !f.message.contains("dependsOn")),
        "{findings:#?}"
    );
    let chosen = check(&body(
        r#""[resourceId(parameters('rg'), 'Microsoft.Network/networkSecurityGroups', 'nsg')]""#,
    ));
    let warned = at(&chosen, "$.resources[1].dependsOn[0]");
    assert_eq!(warned.severity, Severity::Warning, "{warned:?}");
    assert!(
        warned.message.contains("parameters('rg')")
            && warned
                .message
                .contains("resourceId('Microsoft.Network/networkSecurityGroups', 'nsg')"),
        "{warned:?}"
    );
    for other in [
        "resourceId('other-rg', 'Microsoft.Network/networkSecurityGroups', 'nsg')",
        "concat(subscription().id, '/providers/Microsoft.Network/networkSecurityGroups/nsg')",
    ] {
        assert_eq!(
            unmatched(&body(&format!("\"[{other}]\""))),
            ["$.resources[1].dependsOn[0]"],
            "{other}"
        );
    }
}
