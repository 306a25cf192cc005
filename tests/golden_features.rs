//! Golden tests of the managed-identity features: each template below is compiled
//! by the macro and compared, as ARM reads it, with the ARM JSON written out by
//! hand in the test.

use apim_dsl_workspace::{assert_same_template, dump};

fn check(template: &apim_dsl::Template, expected: &str) {
    dump(template);
    assert_same_template(template.arm_json(), expected);
}

apim_dsl::template! {
    pub const SYMBOLIC;

    param name: string;

    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: concat(name, "-id"),
        location: "westeurope",
    }

    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: name,
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: {
            type: "SystemAssigned, UserAssigned",
            userAssignedIdentities: { [identity.id]: {} },
        },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            customProperties: { owner: identity.properties.principalId, label: identity.name },
        },
        // Written and implied: one entry.
        dependsOn: [identity],
    }

    output principalId: string = apim.identity.principalId;
    output tenantId: string = apim.identity.tenantId;
    output id: string = apim.id;
    output serviceName: string = apim.name;
    output gatewayUrl: string = apim.properties.gatewayUrl;
    output clientId: string = identity.properties.clientId;
}

#[test]
fn symbolic_references_and_implicit_depends_on() {
    check(
        &SYMBOLIC,
        r#"{
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": { "name": { "type": "string" } },
          "resources": [
            {
              "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
              "apiVersion": "2023-01-31",
              "name": "[concat(parameters('name'), '-id')]",
              "location": "westeurope"
            },
            {
              "type": "Microsoft.ApiManagement/service",
              "apiVersion": "2024-05-01",
              "name": "[parameters('name')]",
              "location": "westeurope",
              "sku": { "name": "Developer", "capacity": 1 },
              "identity": {
                "type": "SystemAssigned, UserAssigned",
                "userAssignedIdentities": {
                  "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', concat(parameters('name'), '-id'))]": {}
                }
              },
              "properties": {
                "publisherEmail": "admin@contoso.com",
                "publisherName": "Contoso",
                "customProperties": {
                  "owner": "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', concat(parameters('name'), '-id')), '2023-01-31').principalId]",
                  "label": "[concat(parameters('name'), '-id')]"
                }
              },
              "dependsOn": [
                "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', concat(parameters('name'), '-id'))]"
              ]
            }
          ],
          "outputs": {
            "principalId": { "type": "string", "value": "[reference(resourceId('Microsoft.ApiManagement/service', parameters('name')), '2024-05-01', 'full').identity.principalId]" },
            "tenantId": { "type": "string", "value": "[reference(resourceId('Microsoft.ApiManagement/service', parameters('name')), '2024-05-01', 'full').identity.tenantId]" },
            "id": { "type": "string", "value": "[resourceId('Microsoft.ApiManagement/service', parameters('name'))]" },
            "serviceName": { "type": "string", "value": "[parameters('name')]" },
            "gatewayUrl": { "type": "string", "value": "[reference(resourceId('Microsoft.ApiManagement/service', parameters('name')), '2024-05-01').gatewayUrl]" },
            "clientId": { "type": "string", "value": "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', concat(parameters('name'), '-id')), '2023-01-31').clientId]" }
          }
        }"#,
    );
}

apim_dsl::template! {
    pub const CHILDREN;

    param vaultName: string;

    resource shared "Microsoft.KeyVault/vaults@2023-07-01" existing {
        name: "kv-shared",
        scope: resourceGroup("shared-rg"),
    }

    resource sharedCert "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing {
        parent: shared,
        name: "apim-cert",
    }

    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing {
        name: vaultName,
    }

    resource policy "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
        parent: vault,
        name: "add",
        properties: {
            accessPolicies: [{
                tenantId: subscription().tenantId,
                objectId: "00000000-0000-0000-0000-000000000001",
                permissions: { secrets: ["get"] },
            }],
        },
    }

    output sharedId: string = shared.id;
    output certUri: string = sharedCert.properties.secretUri;
    output policyName: string = policy.name;
}

#[test]
fn child_and_existing_resources() {
    check(
        &CHILDREN,
        r#"{
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": { "vaultName": { "type": "string" } },
          "resources": [
            {
              "type": "Microsoft.KeyVault/vaults/accessPolicies",
              "apiVersion": "2023-07-01",
              "name": "[format('{0}/{1}', parameters('vaultName'), 'add')]",
              "properties": {
                "accessPolicies": [{
                  "tenantId": "[subscription().tenantId]",
                  "objectId": "00000000-0000-0000-0000-000000000001",
                  "permissions": { "secrets": ["get"] }
                }]
              }
            }
          ],
          "outputs": {
            "sharedId": { "type": "string", "value": "[resourceId('shared-rg', 'Microsoft.KeyVault/vaults', 'kv-shared')]" },
            "certUri": { "type": "string", "value": "[reference(resourceId('shared-rg', 'Microsoft.KeyVault/vaults/secrets', 'kv-shared', 'apim-cert'), '2023-07-01').secretUri]" },
            "policyName": { "type": "string", "value": "add" }
          }
        }"#,
    );
}

apim_dsl::template! {
    pub const RBAC;

    param vaultName: string;

    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }

    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: vaultName }

    /// The least privileged choice is the shortest to write.
    grant readSecrets { principal: identity, scope: vault }

    grant readCertificates {
        principal: identity,
        scope: vault,
        role: "Key Vault Certificate User",
        description: "certificates too",
    }
}

#[test]
fn role_assignments_by_grant() {
    let identity_id = "resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'apim-id')";
    let vault_id = "resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))";
    // A grant's doc comment is the role assignment's `metadata.description`,
    // as Bicep's `@description` writes it; `description:` is the assignment's
    // own property.
    let assignment = |role: &str, description: Option<&str>, doc: Option<&str>| {
        let description =
            description.map_or(String::new(), |d| format!(r#", "description": "{d}""#));
        let doc = doc.map_or(String::new(), |d| {
            format!(r#""metadata": {{ "description": "{d}" }},"#)
        });
        format!(
            r#"{{
              "type": "Microsoft.Authorization/roleAssignments",
              "apiVersion": "2022-04-01",
              "scope": "[format('Microsoft.KeyVault/vaults/{{0}}', parameters('vaultName'))]",
              "name": "[guid({vault_id}, {identity_id}, '{role}')]",
              "properties": {{
                "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{role}')]",
                "principalId": "[reference({identity_id}, '2023-01-31').principalId]",
                "principalType": "ServicePrincipal"{description}
              }},
              {doc}
              "dependsOn": ["[{identity_id}]"]
            }}"#
        )
    };
    let expected = format!(
        r#"{{
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {{ "vaultName": {{ "type": "string" }} }},
          "resources": [
            {{
              "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
              "apiVersion": "2023-01-31",
              "name": "apim-id",
              "location": "westeurope"
            }},
            {},
            {}
          ]
        }}"#,
        assignment(
            "4633458b-17de-408a-b874-0445c86b69e6",
            None,
            Some("The least privileged choice is the shortest to write.")
        ),
        assignment(
            "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba",
            Some("certificates too"),
            None
        ),
    );
    check(&RBAC, &expected);
}

apim_dsl::template! {
    pub const LOOPS;

    param names: array;
    param hosts: array;
    param deploy: bool = true;

    resource ids "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for (n, i) in names if deploy {
        name: n,
        location: "westeurope",
        tags: { index: string(i) },
    }

    #[batchSize(2)]
    resource serial "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for n in range(0, 3) {
        name: concat("serial-", string(n)),
        location: "westeurope",
    }

    var upper = [for n in names: toUpper(n)];

    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "contoso-apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            hostnameConfigurations: [for h in hosts: { type: "Proxy", hostName: h }],
        },
        tags: { names: join(upper, ",") },
        dependsOn: [ids],
    }

    // `ids` exists only when `deploy`: reading it is guarded (Bicep's BCP318).
    output principalIds: array = [for (n, i) in names: deploy ? ids[i].properties.principalId : ""];
}

#[test]
fn conditions_and_loops() {
    check(
        &LOOPS,
        r#"{
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {
            "names": { "type": "array" },
            "hosts": { "type": "array" },
            "deploy": { "type": "bool", "defaultValue": true }
          },
          "variables": {
            "copy": [{ "name": "upper", "count": "[length(parameters('names'))]", "input": "[toUpper(parameters('names')[copyIndex('upper')])]" }]
          },
          "resources": [
            {
              "copy": { "name": "ids", "count": "[length(parameters('names'))]" },
              "condition": "[parameters('deploy')]",
              "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
              "apiVersion": "2023-01-31",
              "name": "[parameters('names')[copyIndex()]]",
              "location": "westeurope",
              "tags": { "index": "[string(copyIndex())]" }
            },
            {
              "copy": { "name": "serial", "count": 3, "mode": "Serial", "batchSize": 2 },
              "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
              "apiVersion": "2023-01-31",
              "name": "[concat('serial-', string(copyIndex()))]",
              "location": "westeurope"
            },
            {
              "type": "Microsoft.ApiManagement/service",
              "apiVersion": "2024-05-01",
              "name": "contoso-apim",
              "location": "westeurope",
              "sku": { "name": "Developer", "capacity": 1 },
              "properties": {
                "copy": [{
                  "name": "hostnameConfigurations",
                  "count": "[length(parameters('hosts'))]",
                  "input": { "type": "Proxy", "hostName": "[parameters('hosts')[copyIndex('hostnameConfigurations')]]" }
                }],
                "publisherEmail": "admin@contoso.com",
                "publisherName": "Contoso"
              },
              "tags": { "names": "[join(variables('upper'), ',')]" },
              "dependsOn": ["ids"]
            }
          ],
          "outputs": {
            "principalIds": {
              "type": "array",
              "copy": {
                "count": "[length(parameters('names'))]",
                "input": "[if(parameters('deploy'), reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('names')[copyIndex()]), '2023-01-31').principalId, '')]"
              }
            }
          }
        }"#,
    );
}

apim_dsl::template! {
    pub const COPY_DEPENDENCIES;

    param names: array;

    resource ids "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for i in range(0, 3) {
        name: concat("id-", string(i)),
        location: "westeurope",
    }

    resource named "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for n in names {
        name: concat("named-", n),
        location: "westeurope",
    }

    // One copy by its index, and by its id as ARM templates write it: ARM
    // waits for that copy alone.
    resource first "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "first",
        location: "westeurope",
        dependsOn: [ids[0], resourceId("Microsoft.ManagedIdentity/userAssignedIdentities", "id-2")],
    }

    // Each copy waits for the copy of `ids` at its index; a raw name of a
    // copy whose loop runs over a parameter (Bicep waits for that whole loop).
    resource paired "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for (n, i) in names {
        name: concat("paired-", n),
        location: "westeurope",
        dependsOn: [ids[i], "named-x"],
    }

    // One copy beside the whole loop, and one copy beside a read of another:
    // both still wait for the whole loop (the read, as without `dependsOn`).
    resource both "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "both",
        location: "westeurope",
        dependsOn: [ids[0], ids],
    }

    resource reader "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "reader",
        location: "westeurope",
        tags: { first: ids[0].properties.principalId },
        dependsOn: [ids[1]],
    }
}

#[test]
fn dependencies_on_one_copy() {
    check(
        &COPY_DEPENDENCIES,
        r#"{
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": { "names": { "type": "array" } },
          "resources": [
            {
              "copy": { "name": "ids", "count": 3 },
              "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
              "apiVersion": "2023-01-31",
              "name": "[concat('id-', string(copyIndex()))]",
              "location": "westeurope"
            },
            {
              "copy": { "name": "named", "count": "[length(parameters('names'))]" },
              "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
              "apiVersion": "2023-01-31",
              "name": "[concat('named-', parameters('names')[copyIndex()])]",
              "location": "westeurope"
            },
            {
              "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
              "apiVersion": "2023-01-31",
              "name": "first",
              "location": "westeurope",
              "dependsOn": [
                "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', concat('id-', string(range(0, 3)[0])))]",
                "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-2')]"
              ]
            },
            {
              "copy": { "name": "paired", "count": "[length(parameters('names'))]" },
              "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
              "apiVersion": "2023-01-31",
              "name": "[concat('paired-', parameters('names')[copyIndex()])]",
              "location": "westeurope",
              "dependsOn": [
                "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', concat('id-', string(range(0, 3)[copyIndex()])))]",
                "named-x"
              ]
            },
            {
              "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
              "apiVersion": "2023-01-31",
              "name": "both",
              "location": "westeurope",
              "dependsOn": [
                "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', concat('id-', string(range(0, 3)[0])))]",
                "ids"
              ]
            },
            {
              "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
              "apiVersion": "2023-01-31",
              "name": "reader",
              "location": "westeurope",
              "tags": { "first": "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', concat('id-', string(range(0, 3)[0]))), '2023-01-31').principalId]" },
              "dependsOn": [
                "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', concat('id-', string(range(0, 3)[1])))]",
                "ids"
              ]
            }
          ]
        }"#,
    );
    let bicep = COPY_DEPENDENCIES.bicep();
    assert!(
        bicep.contains("  name: 'first'\n  location: 'westeurope'\n  dependsOn: [\n    ids[0]\n    ids[2]\n  ]\n}"),
        "{bicep}"
    );
    assert!(
        bicep.contains("  dependsOn: [\n    ids[i]\n    named\n  ]\n}]"),
        "{bicep}"
    );
    assert!(
        bicep.contains("  name: 'both'\n  location: 'westeurope'\n  dependsOn: [\n    ids\n  ]\n}"),
        "{bicep}"
    );
}

apim_dsl::template! {
    /// Reads back where a service lives.
    pub const INNER;
    param host: string;
    param port: int = 443;
    output url: string = format("https://{0}:{1}", host, port);
}

apim_dsl::template! {
    pub const OUTER;
    param host: string;
    resource marker "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "marker",
        location: "westeurope",
        tags: { host: host },
    }
    module site = INNER if !empty(host) {
        params: { host: host },
        dependsOn: [marker],
    }
    // `site` is deployed only for a host: reading it is guarded (Bicep's BCP318).
    output url: string = !empty(host) ? site.outputs.url : "";
}

#[test]
fn modules_are_inline_nested_deployments() {
    let inner: serde_json::Value = serde_json::from_str(INNER.arm_json()).unwrap();
    let expected = format!(
        r#"{{
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {{ "host": {{ "type": "string" }} }},
          "resources": [
            {{
              "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
              "apiVersion": "2023-01-31",
              "name": "marker",
              "location": "westeurope",
              "tags": {{ "host": "[parameters('host')]" }}
            }},
            {{
              "condition": "[not(empty(parameters('host')))]",
              "type": "Microsoft.Resources/deployments",
              "apiVersion": "2021-04-01",
              "name": "site",
              "properties": {{
                "expressionEvaluationOptions": {{ "scope": "Inner" }},
                "mode": "Incremental",
                "parameters": {{ "host": {{ "value": "[parameters('host')]" }} }},
                "template": {inner}
              }},
              "dependsOn": ["[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'marker')]"]
            }}
          ],
          "outputs": {{
            "url": {{ "type": "string", "value": "[if(not(empty(parameters('host'))), reference(resourceId('Microsoft.Resources/deployments', 'site'), '2021-04-01').outputs.url.value, '')]" }}
          }}
        }}"#
    );
    check(&OUTER, &expected);
    assert_eq!(
        inner["outputs"]["url"]["value"],
        "[format('https://{0}:{1}', parameters('host'), parameters('port'))]"
    );
}

apim_dsl::template! {
    pub const LOOPED_OUTER;
    param hosts: array;
    module sites = INNER for h in hosts {
        params: { host: h },
    }
    resource after "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "after",
        location: "westeurope",
        dependsOn: [sites],
    }
    output first: string = sites[0].outputs.url;
}

#[test]
fn module_loops() {
    let inner: serde_json::Value = serde_json::from_str(INNER.arm_json()).unwrap();
    let expected = format!(
        r#"{{
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {{ "hosts": {{ "type": "array" }} }},
          "resources": [
            {{
              "copy": {{ "name": "sites", "count": "[length(parameters('hosts'))]" }},
              "type": "Microsoft.Resources/deployments",
              "apiVersion": "2021-04-01",
              "name": "[format('sites-{{0}}', copyIndex())]",
              "properties": {{
                "expressionEvaluationOptions": {{ "scope": "Inner" }},
                "mode": "Incremental",
                "parameters": {{ "host": {{ "value": "[parameters('hosts')[copyIndex()]]" }} }},
                "template": {inner}
              }}
            }},
            {{
              "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
              "apiVersion": "2023-01-31",
              "name": "after",
              "location": "westeurope",
              "dependsOn": ["sites"]
            }}
          ],
          "outputs": {{
            "first": {{ "type": "string", "value": "[reference(resourceId('Microsoft.Resources/deployments', format('sites-{{0}}', 0)), '2021-04-01').outputs.url.value]" }}
          }}
        }}"#
    );
    check(&LOOPED_OUTER, &expected);
    let bicep = LOOPED_OUTER.bicep();
    assert!(
        bicep.contains("module sites 'inner.bicep' = [for (h, i) in hosts: {"),
        "{bicep}"
    );
    assert!(
        bicep.contains("output first string = sites[0].outputs.url"),
        "{bicep}"
    );
}

apim_dsl::template! {
    pub const SECRETS;

    /// A description parameter: Bicep must still find its `@description` decorator.
    param description: string = "the gateway";
    #[secure]
    param certificatePassword: string;
    param settings: object = {};

    resource vault "Microsoft.KeyVault/vaults@2023-07-01" {
        name: "kv-contoso",
        location: "westeurope",
        properties: {
            tenantId: subscription().tenantId,
            sku: { family: "A", name: "standard" },
            enableRbacAuthorization: true,
        },
    }

    resource cert "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing {
        parent: vault,
        name: "apim-cert",
    }

    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
        tags: { note: description, certificate: cert.properties.secretUri },
    }

    output password: secureString = certificatePassword;
    output hasOwner: bool = tryGet(settings, "owner") != null;
}

#[test]
fn secure_values_existing_children_and_safe_access() {
    check(
        &SECRETS,
        r#"{
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {
            "description": { "type": "string", "defaultValue": "the gateway", "metadata": { "description": "A description parameter: Bicep must still find its `@description` decorator." } },
            "certificatePassword": { "type": "securestring" },
            "settings": { "type": "object", "defaultValue": {} }
          },
          "resources": [
            {
              "type": "Microsoft.KeyVault/vaults",
              "apiVersion": "2023-07-01",
              "name": "kv-contoso",
              "location": "westeurope",
              "properties": {
                "tenantId": "[subscription().tenantId]",
                "sku": { "family": "A", "name": "standard" },
                "enableRbacAuthorization": true
              }
            },
            {
              "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
              "apiVersion": "2023-01-31",
              "name": "apim-id",
              "location": "westeurope",
              "tags": {
                "note": "[parameters('description')]",
                "certificate": "[reference(resourceId('Microsoft.KeyVault/vaults/secrets', 'kv-contoso', 'apim-cert'), '2023-07-01').secretUri]"
              },
              "dependsOn": ["[resourceId('Microsoft.KeyVault/vaults', 'kv-contoso')]"]
            }
          ],
          "outputs": {
            "password": { "type": "securestring", "value": "[parameters('certificatePassword')]" },
            "hasOwner": { "type": "bool", "value": "[not(equals(tryGet(parameters('settings'), 'owner'), null()))]" }
          }
        }"#,
    );
    let bicep = SECRETS.bicep();
    assert!(
        bicep.contains("@sys.description('A description parameter"),
        "{bicep}"
    );
    assert!(
        bicep.contains("@secure()\noutput password string = certificatePassword"),
        "{bicep}"
    );
    assert!(bicep.contains("settings[?'owner'] != null"), "{bicep}");
}

apim_dsl::template! {
    pub const DOMAIN;
    param hostName: string;

    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-id",
        location: "westeurope",
    }
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
    resource cert "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: vault, name: "apim-cert" }
    grant readCertificate { principal: identity, scope: vault, role: "Key Vault Certificate User" }

    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "contoso-apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "UserAssigned", userAssignedIdentities: { [identity.id]: {} } },
        properties: {
            publisherEmail: "admin@contoso.com",
            publisherName: "Contoso",
            hostnameConfigurations: [{
                type: "Proxy",
                hostName: hostName,
                certificateSource: "KeyVault",
                keyVaultId: cert.properties.secretUri,
                identityClientId: identity.properties.clientId,
            }],
        },
    }
}

#[test]
fn custom_domain_waits_for_the_access_it_reads_with() {
    let identity = "resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'apim-id')";
    let vault = "resourceId('Microsoft.KeyVault/vaults', 'kv-contoso')";
    let role = "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba";
    let grant_name = format!("guid({vault}, {identity}, '{role}')");
    let expected = format!(
        r#"{{
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {{ "hostName": {{ "type": "string" }} }},
          "resources": [
            {{
              "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
              "apiVersion": "2023-01-31",
              "name": "apim-id",
              "location": "westeurope"
            }},
            {{
              "type": "Microsoft.Authorization/roleAssignments",
              "apiVersion": "2022-04-01",
              "scope": "[format('Microsoft.KeyVault/vaults/{{0}}', 'kv-contoso')]",
              "name": "[{grant_name}]",
              "properties": {{
                "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{role}')]",
                "principalId": "[reference({identity}, '2023-01-31').principalId]",
                "principalType": "ServicePrincipal"
              }},
              "dependsOn": ["[{identity}]"]
            }},
            {{
              "type": "Microsoft.ApiManagement/service",
              "apiVersion": "2024-05-01",
              "name": "contoso-apim",
              "location": "westeurope",
              "sku": {{ "name": "Developer", "capacity": 1 }},
              "identity": {{ "type": "UserAssigned", "userAssignedIdentities": {{ "[{identity}]": {{}} }} }},
              "properties": {{
                "publisherEmail": "admin@contoso.com",
                "publisherName": "Contoso",
                "hostnameConfigurations": [{{
                  "type": "Proxy",
                  "hostName": "[parameters('hostName')]",
                  "certificateSource": "KeyVault",
                  "keyVaultId": "[reference(resourceId('Microsoft.KeyVault/vaults/secrets', 'kv-contoso', 'apim-cert'), '2023-07-01').secretUri]",
                  "identityClientId": "[reference({identity}, '2023-01-31').clientId]"
                }}]
              }},
              "dependsOn": [
                "[{identity}]",
                "[extensionResourceId({vault}, 'Microsoft.Authorization/roleAssignments', {grant_name})]"
              ]
            }}
          ]
        }}"#
    );
    check(&DOMAIN, &expected);
}

apim_dsl::template! {
    /// A resource group for API Management, created at subscription scope, and a
    /// Reader role on the subscription for a platform principal.
    #[targetScope("subscription")]
    pub const SUBSCRIPTION_SCOPE;

    param groupName: string = "rg-apim";
    param location: string = deployment().location;
    param principalId: string;

    resource group "Microsoft.Resources/resourceGroups@2024-03-01" {
        name: groupName,
        location: location,
        // Optional for Azure; Microsoft's published schema requires it.
        properties: {},
    }

    resource reader "Microsoft.Authorization/roleAssignments@2022-04-01" {
        name: guid(subscription().id, principalId, "reader"),
        properties: {
            roleDefinitionId: subscriptionResourceId("Microsoft.Authorization/roleDefinitions", "acdd72a7-3385-48ef-bd42-f606fba81ae7"),
            principalId: principalId,
            principalType: "ServicePrincipal",
        },
    }

    output groupId: string = group.id;
}

#[test]
fn subscription_scope() {
    check(
        &SUBSCRIPTION_SCOPE,
        r#"{
        "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "metadata": { "description": "A resource group for API Management, created at subscription scope, and a Reader role on the subscription for a platform principal." },
        "parameters": {
            "groupName": { "type": "string", "defaultValue": "rg-apim" },
            "location": { "type": "string", "defaultValue": "[deployment().location]" },
            "principalId": { "type": "string" }
        },
        "resources": [
            {
                "type": "Microsoft.Resources/resourceGroups",
                "apiVersion": "2024-03-01",
                "name": "[parameters('groupName')]",
                "location": "[parameters('location')]",
                "properties": {}
            },
            {
                "type": "Microsoft.Authorization/roleAssignments",
                "apiVersion": "2022-04-01",
                "name": "[guid(subscription().id, parameters('principalId'), 'reader')]",
                "properties": {
                    "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')]",
                    "principalId": "[parameters('principalId')]",
                    "principalType": "ServicePrincipal"
                }
            }
        ],
        "outputs": {
            "groupId": { "type": "string", "value": "[subscriptionResourceId('Microsoft.Resources/resourceGroups', parameters('groupName'))]" }
        }
    }"#,
    );
    assert!(
        SUBSCRIPTION_SCOPE
            .bicep()
            .starts_with("targetScope = 'subscription'\n")
    );
}

apim_dsl::template! {
    /// Reader on a shared vault in the platform team's resource group.
    pub const VAULT_READER;
    param vaultName: string;
    param principalId: string;
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: vaultName }
    resource reader "Microsoft.Authorization/roleAssignments@2022-04-01" {
        name: guid(vault.id, principalId, "secrets-user"),
        scope: vault,
        properties: {
            roleDefinitionId: subscriptionResourceId("Microsoft.Authorization/roleDefinitions", "4633458b-17de-408a-b874-0445c86b69e6"),
            principalId: principalId,
            principalType: "ServicePrincipal",
        },
    }
    output assignment: string = reader.id;
}

apim_dsl::template! {
    /// An identity here, its access to a vault in another resource group, and a
    /// resource group made in the subscription.
    pub const ACROSS_SCOPES;
    param platformGroup: string = "rg-platform";
    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "apim-identity",
        location: resourceGroup().location,
    }
    #[apiVersion("2022-09-01")]
    module access = VAULT_READER {
        scope: resourceGroup(platformGroup),
        params: { vaultName: "kv-platform", principalId: identity.properties.principalId },
    }
    module group = SUBSCRIPTION_SCOPE {
        scope: subscription(),
        params: { principalId: identity.properties.principalId },
    }
    output assignment: string = access.outputs.assignment;
}

#[test]
fn modules_in_other_scopes() {
    dump(&ACROSS_SCOPES);
    let arm: serde_json::Value = serde_json::from_str(ACROSS_SCOPES.arm_json()).unwrap();
    let access = &arm["resources"][1];
    assert_eq!(access["apiVersion"], "2022-09-01");
    assert_eq!(access["resourceGroup"], "[parameters('platformGroup')]");
    let group = &arm["resources"][2];
    assert_eq!(group["apiVersion"], "2021-04-01");
    assert_eq!(group["subscriptionId"], "[subscription().subscriptionId]");
    assert_eq!(group["location"], "[resourceGroup().location]");
    assert_eq!(
        group["properties"]["template"]["$schema"],
        "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"
    );
    assert_eq!(
        arm["outputs"]["assignment"]["value"],
        "[reference(resourceId(parameters('platformGroup'), 'Microsoft.Resources/deployments', 'access'), '2022-09-01').outputs.assignment.value]"
    );
    let bicep = ACROSS_SCOPES.bicep();
    assert!(
        bicep.contains("  scope: resourceGroup(platformGroup)\n"),
        "{bicep}"
    );
    assert!(bicep.contains("  scope: subscription()\n"), "{bicep}");
}

apim_dsl::template! {
    /// User-defined functions: ARM `functions`, Bicep `func`.
    pub const USER_FUNCTIONS;
    param prefix: string = "contoso";
    param hosts: array = ["api", "portal"];

    /// A globally unique service name.
    #[namespace("contoso")]
    func uniqueName(prefix: string): string = concat(toLower(prefix), uniqueString(resourceGroup().id));

    /// The https URL of a host.
    func hostUrl(host: string, domain: string): string = format("https://{0}.{1}", host, domain);

    func hostUrls(hosts: array, domain: string): array = map(hosts, h => hostUrl(h, domain));

    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: contoso.uniqueName(prefix),
        location: resourceGroup().location,
        sku: { name: "Developer", capacity: 1 },
        properties: { publisherEmail: "admin@contoso.com", publisherName: "Contoso" },
    }

    output urls: array = hostUrls(hosts, "contoso.com");
    output gateway: string = hostUrl("gateway", apim.name);
}

#[test]
fn user_defined_functions() {
    check(
        &USER_FUNCTIONS,
        r#"{
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "metadata": { "description": "User-defined functions: ARM `functions`, Bicep `func`." },
        "functions": [
            {
                "namespace": "contoso",
                "members": {
                    "uniqueName": {
                        "parameters": [{ "name": "prefix", "type": "string" }],
                        "output": {
                            "type": "string",
                            "value": "[concat(toLower(parameters('prefix')), uniqueString(resourceGroup().id))]"
                        },
                        "metadata": { "description": "A globally unique service name." }
                    }
                }
            },
            {
                "namespace": "__bicep",
                "members": {
                    "hostUrl": {
                        "parameters": [
                            { "name": "host", "type": "string" },
                            { "name": "domain", "type": "string" }
                        ],
                        "output": {
                            "type": "string",
                            "value": "[format('https://{0}.{1}', parameters('host'), parameters('domain'))]"
                        },
                        "metadata": { "description": "The https URL of a host." }
                    },
                    "hostUrls": {
                        "parameters": [
                            { "name": "hosts", "type": "array" },
                            { "name": "domain", "type": "string" }
                        ],
                        "output": {
                            "type": "array",
                            "value": "[map(parameters('hosts'), lambda('h', __bicep.hostUrl(lambdaVariables('h'), parameters('domain'))))]"
                        }
                    }
                }
            }
        ],
        "parameters": {
            "prefix": { "type": "string", "defaultValue": "contoso" },
            "hosts": { "type": "array", "defaultValue": ["api", "portal"] }
        },
        "resources": [
            {
                "type": "Microsoft.ApiManagement/service",
                "apiVersion": "2024-05-01",
                "name": "[contoso.uniqueName(parameters('prefix'))]",
                "location": "[resourceGroup().location]",
                "sku": { "name": "Developer", "capacity": 1 },
                "properties": { "publisherEmail": "admin@contoso.com", "publisherName": "Contoso" }
            }
        ],
        "outputs": {
            "urls": { "type": "array", "value": "[__bicep.hostUrls(parameters('hosts'), 'contoso.com')]" },
            "gateway": { "type": "string", "value": "[__bicep.hostUrl('gateway', contoso.uniqueName(parameters('prefix')))]" }
        }
    }"#,
    );
    let bicep = USER_FUNCTIONS.bicep();
    // The functions' own `prefix` and `hosts` are renamed: Bicep would read the
    // template's parameters of those names.
    for line in [
        "@description('A globally unique service name.')\nfunc uniqueName(prefix_ string) string => '${toLower(prefix_)}${uniqueString(resourceGroup().id)}'\n",
        "@description('The https URL of a host.')\nfunc hostUrl(host string, domain string) string => format('https://{0}.{1}', host, domain)\n",
        "func hostUrls(hosts_ array, domain string) array => map(hosts_, h => hostUrl(h, domain))\n",
        "  name: uniqueName(prefix)\n",
        "output urls array = hostUrls(hosts, 'contoso.com')\n",
        "output gateway string = hostUrl('gateway', apim.name)",
    ] {
        assert!(bicep.contains(line), "{line}\nnot in\n{bicep}");
    }
    let report = apim_dsl_workspace::agreement::compare(USER_FUNCTIONS.arm_json(), bicep);
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
}

apim_dsl::template! {
    pub const RESOURCE_METADATA;

    /// The application's identity
    #[metadata({ owner: "team-a", ticket: 42, reviewed: true, links: ["[docs]"] })]
    resource identity "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "id-app",
        location: "westeurope",
    }

    #[metadata({ rotation: "yearly" })]
    resource plain "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "id-plain",
        location: "westeurope",
    }
}

/// `#[metadata({...})]` on a resource: its `metadata` member in ARM (new
/// output only where declared), in Bicep the body's `metadata` (with the doc
/// comment as `//` lines: Bicep's `@description` would write a second one).
#[test]
fn resource_metadata() {
    check(
        &RESOURCE_METADATA,
        r#"{
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
            {
                "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
                "apiVersion": "2023-01-31",
                "name": "id-app",
                "location": "westeurope",
                "metadata": { "description": "The application's identity", "owner": "team-a", "ticket": 42, "reviewed": true, "links": ["[[docs]"] }
            },
            {
                "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
                "apiVersion": "2023-01-31",
                "name": "id-plain",
                "location": "westeurope",
                "metadata": { "rotation": "yearly" }
            }
        ]
    }"#,
    );
    let bicep = RESOURCE_METADATA.bicep();
    for text in [
        "resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {\n  name: 'id-app'\n  location: 'westeurope'\n  metadata: {\n    description: 'The application\\'s identity'\n    owner: 'team-a'\n    ticket: 42\n    reviewed: true\n    links: [\n      '[docs]'\n    ]\n  }\n}",
        "  metadata: {\n    rotation: 'yearly'\n  }\n}",
    ] {
        assert!(bicep.contains(text), "{text}\nnot in\n{bicep}");
    }
    let report = apim_dsl_workspace::agreement::compare(RESOURCE_METADATA.arm_json(), bicep);
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
}

apim_dsl::template! {
    /// Variables named in ARM otherwise than by their symbols.
    pub const VARIABLE_NAMES;

    param location: string = resourceGroup().location;

    #[name("location")]
    var location_var = toLower(location);
    #[name("subnet-id")]
    var subnet_id = concat(location_var, "/subnets/default");
    var upper = toUpper(variables("subnet-id"));

    output where_: string = location_var;
    output subnet: string = subnet_id;
    output upper: string = upper;
}

#[test]
fn variables_named_in_arm_by_name_attribute() {
    check(
        &VARIABLE_NAMES,
        r#"{
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "metadata": { "description": "Variables named in ARM otherwise than by their symbols." },
        "parameters": {
            "location": { "type": "string", "defaultValue": "[resourceGroup().location]" }
        },
        "variables": {
            "location": "[toLower(parameters('location'))]",
            "subnet-id": "[concat(variables('location'), '/subnets/default')]",
            "upper": "[toUpper(variables('subnet-id'))]"
        },
        "resources": [],
        "outputs": {
            "where_": { "type": "string", "value": "[variables('location')]" },
            "subnet": { "type": "string", "value": "[variables('subnet-id')]" },
            "upper": { "type": "string", "value": "[variables('upper')]" }
        }
    }"#,
    );
    let bicep = VARIABLE_NAMES.bicep();
    for text in [
        "param location string = resourceGroup().location\n",
        "var location_var = toLower(location)\n",
        "var subnet_id = '${location_var}/subnets/default'\n",
        "var upper = toUpper(subnet_id)\n",
        "output where_ string = location_var\n",
        "output subnet string = subnet_id\n",
    ] {
        assert!(bicep.contains(text), "{text}\nnot in\n{bicep}");
    }
    // No `agreement::compare` here: it matches the two files' variables by
    // name, and Bicep names these by their symbols, as intended (a Bicep
    // variable is internal to the file; the ARM above is the contract).
    assert!(!bicep.contains("'location'") && !bicep.contains("subnet-id"));
}
