//! The Bicep and the ARM JSON of each template declare the same deployment: the
//! same parameters and outputs (names and types, `@secure()` read as
//! `secureString`/`secureObject`), the same variables, and the same resources in
//! the same order (type and API version, loop, condition, and the name where
//! both sides spell it from literals, parameters and variables). Modules match
//! ARM's inline nested deployments.
//!
//! The Bicep is read with the independent reader in `tests/support/bicep.rs` and
//! the JSON with serde_json; the last tests tamper with both to show that the
//! comparison fails when they disagree.

#[allow(dead_code)]
#[path = "common/examples.rs"]
mod examples;

use examples::seed;

use apim_dsl_workspace::agreement::compare;
use serde_json::Value;

#[test]
fn every_example_template_declares_the_same_in_bicep_and_arm() {
    for template in &examples::all() {
        let report = compare(template.arm_json(), template.bicep());
        assert!(
            report.problems.is_empty(),
            "{}: {:#?}",
            template.name(),
            report.problems
        );
        // The seed spells every name from literals, parameters and variables, so
        // each is compared; the other examples use `uniqueString`, `guid`, ...
        if !seed::TEMPLATES.iter().any(|t| t.name() == template.name()) {
            continue;
        }
        let resources: Value = serde_json::from_str(template.arm_json()).unwrap();
        let count = resources["resources"].as_array().unwrap().len();
        assert_eq!(
            report.names_compared,
            count,
            "{}: every seed resource name is spelled from literals, parameters and variables",
            template.name()
        );
    }
}

/// Loops, conditions, `existing`, `parent`, modules and outputs, compiled from
/// the DSL directly.
#[test]
fn constructs_beyond_the_seed_match_too() {
    let output = apim_dsl_core::compile(quote::quote! {
        pub const T;
        param names: array = ["a"];
        #[secure]
        param key: string;
        param on: bool = true;
        var prefix = concat("p-", uniqueString(resourceGroup().id));
        var upper = [for n in names: toUpper(n)];
        resource kv "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv" }
        resource secret "Microsoft.KeyVault/vaults/secrets@2023-07-01" {
            parent: kv,
            name: "s",
            properties: { value: key },
        }
        #[unchecked]
        resource sites "Test.Provider/widgets@2024-01-01" for n in names if on {
            name: concat(prefix, "-", n),
        }
        #[unchecked]
        resource one "Test.Provider/widgets@2024-01-01" if on { name: prefix }
        module inner = crate::INNER { name: "inner", params: { value: upper } }
        output uri: string = secret.properties.secretUri;
        output token: secureString = key;
        output all: array = [for n in names: n];
    })
    .output
    .unwrap_or_else(|errors| {
        panic!(
            "{:?}",
            errors.iter().map(ToString::to_string).collect::<Vec<_>>()
        )
    });
    let report = compare(&output.arm, &output.bicep);
    assert!(
        report.problems.is_empty(),
        "{:#?}\n{}",
        report.problems,
        output.bicep
    );
    // `one` is named by a variable; `sites` by `concat` with a loop variable and
    // `secret` by its parent, so only `one` and the module compare by name.
    assert_eq!(report.names_compared, 2, "{}", output.bicep);
}

/// The comparison is not vacuous: each kind of disagreement is reported.
#[test]
fn disagreements_are_reported() {
    let template = seed::APIM_WITH_KEY_VAULT;
    let arm = template.arm_json();
    let bicep = template.bicep();
    assert!(compare(arm, bicep).problems.is_empty());
    let tampered_bicep = [
        ("param skuCount int", "param skuCount string"),
        (
            "param keyVaultName string",
            "@secure()\nparam keyVaultName string",
        ),
        (
            "param proxyCustomHostname1 string",
            "param proxyCustomHostname string",
        ),
        ("accessPolicies@2015-06-01", "accessPolicies@2016-10-01"),
        ("'${keyVaultName}/add'", "'${keyVaultName}/remove'"),
        ("name: apiManagementServiceName", "name: serviceName"),
        ("var apimServiceIdentityResourceId", "var identityId"),
        (
            "resource apimWithKeyVault 'Microsoft.Resources/deployments@2017-05-10' =",
            "resource apimWithKeyVault 'Microsoft.Resources/deployments@2017-05-10' existing =",
        ),
        (
            "resource apim 'Microsoft.ApiManagement/service@2017-03-01' = {",
            "resource apim 'Microsoft.ApiManagement/service@2017-03-01' = if (true) {",
        ),
        (
            "param sku string",
            "output sku string = 'x'\n\nparam sku string",
        ),
        ("tags: {}", "tags: {"),
    ];
    for (from, to) in tampered_bicep {
        assert!(bicep.contains(from), "{from}");
        let report = compare(arm, &bicep.replacen(from, to, 1));
        assert!(
            !report.problems.is_empty(),
            "`{from}` -> `{to}` went unnoticed"
        );
    }
    let tampered_arm = [
        ("\"type\": \"int\"", "\"type\": \"string\""),
        (
            "\"apiVersion\": \"2017-03-01\"",
            "\"apiVersion\": \"2021-08-01\"",
        ),
        ("\"name\": \"apimWithKeyVault\"", "\"name\": \"other\""),
    ];
    for (from, to) in tampered_arm {
        assert!(arm.contains(from), "{from}");
        let report = compare(&arm.replacen(from, to, 1), bicep);
        assert!(
            !report.problems.is_empty(),
            "`{from}` -> `{to}` went unnoticed"
        );
    }
}
