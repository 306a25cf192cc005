//! What `apim-dsl import` prints, compiled by the real macro (rustc, module
//! checks and all): the files in `tests/import/generated` are the importer's
//! output for templates of `tests/import` and the seed, and must stay so.

use apim_dsl_core::arm::import::{Options, verify};
use apim_dsl_workspace::assert_same_template;

mod seed {
    include!("import/generated/apim_with_identity.rs");
}
mod inline {
    include!("import/generated/inline_module.rs");
}
mod loops {
    include!("import/generated/loops_functions.rs");
}
mod named_values {
    include!("import/generated/named_values_keyvault.rs");
}
mod symbolic {
    include!("import/generated/symbolic_references.rs");
}
mod module_case {
    include!("import/generated/module_parameter_case.rs");
}
mod module_loop {
    include!("import/generated/module_loop_counted.rs");
}
mod module_names {
    include!("import/generated/module_constant_names.rs");
}
mod module_subscription {
    include!("import/generated/module_subscription_scope.rs");
}

/// (template, constant's name, symbolic, generated file, the constant).
fn cases() -> Vec<(
    &'static str,
    &'static str,
    bool,
    &'static str,
    &'static apim_dsl::Template,
)> {
    vec![
        (
            include_str!("golden/apim-with-identity.json"),
            "SEED",
            false,
            include_str!("import/generated/apim_with_identity.rs"),
            &seed::SEED,
        ),
        (
            include_str!("import/inline-module.json"),
            "INLINE",
            false,
            include_str!("import/generated/inline_module.rs"),
            &inline::INLINE,
        ),
        (
            include_str!("import/loops-functions.json"),
            "LOOPS",
            false,
            include_str!("import/generated/loops_functions.rs"),
            &loops::LOOPS,
        ),
        (
            // A module's parameter given in another case than the inner
            // template declares it: written as declared, which the module
            // checks rustc runs compare exactly.
            include_str!("import/module-parameter-case.json"),
            "MODULE_CASE",
            false,
            include_str!("import/generated/module_parameter_case.rs"),
            &module_case::MODULE_CASE,
        ),
        (
            // Nested deployments in copy loops: module loops whose bodies
            // keep `copyIndex()` (offsets, subscription and resource group
            // included), serial batches, one copy's outputs read by another
            // loop; rustc checks the parameters against the inner constants.
            include_str!("import/module-loop-counted.json"),
            "MODULE_LOOP",
            false,
            include_str!("import/generated/module_loop_counted.rs"),
            &module_loop::MODULE_LOOP,
        ),
        (
            // Modules whose symbols are keywords (`r#loop`), or would name
            // one constant twice (`regionLoop` and `region_loop`; `apis` in
            // `platform` and `platformApis`): each its own constant, which
            // rustc would otherwise reject.
            include_str!("import/module-constant-names.json"),
            "MODULE_NAMES",
            false,
            include_str!("import/generated/module_constant_names.rs"),
            &module_names::MODULE_NAMES,
        ),
        (
            // Nested deployments to a subscription (`subscriptionId` and the
            // `location` the DSL writes): `scope: subscription(...)`, whose
            // inner templates rustc checks are written for a subscription.
            include_str!("import/module-subscription-scope.json"),
            "MODULE_SUBSCRIPTION",
            false,
            include_str!("import/generated/module_subscription_scope.rs"),
            &module_subscription::MODULE_SUBSCRIPTION,
        ),
        (
            include_str!("import/symbolic-references.json"),
            "SYMBOLIC",
            true,
            include_str!("import/generated/symbolic_references.rs"),
            &symbolic::SYMBOLIC,
        ),
    ]
}

#[test]
fn the_macro_compiles_imports_to_the_original() {
    for (original, name, symbolic, _, template) in cases() {
        if symbolic {
            continue;
        }
        assert_same_template(
            &apim_dsl_workspace::types_in_lower_case(template.arm_json()),
            &apim_dsl_workspace::types_in_lower_case(original),
        );
        let _ = name;
    }
}

#[test]
fn the_symbolic_import_deploys_the_same_resources() {
    let original: serde_json::Value =
        serde_json::from_str(include_str!("import/symbolic-references.json")).unwrap();
    let emitted: serde_json::Value = serde_json::from_str(symbolic::SYMBOLIC.arm_json()).unwrap();
    assert_eq!(verify::different_deployment(&original, &emitted), None);
    // The idiomatic forms, which Bicep gets too.
    let bicep = symbolic::SYMBOLIC.bicep();
    assert!(
        bicep.contains("objectId: service.identity.principalId"),
        "{bicep}"
    );
    assert!(bicep.contains("parent: vaults"), "{bicep}");
}

#[test]
fn the_generated_files_are_what_import_prints() {
    for (original, name, symbolic, generated, _) in cases() {
        let value: serde_json::Value = serde_json::from_str(original).unwrap();
        let options = Options {
            const_name: name.to_string(),
            symbolic,
            for_checking: false,
        };
        let checked = verify::import_checked(&value, &options).expect("imports");
        assert_eq!(
            checked.imported.source, generated,
            "regenerate tests/import/generated with `apim-dsl import`"
        );
    }
}

#[test]
fn an_imported_parameters_file_builds_the_same_file() {
    let built = named_values::parameters()
        .expect("valid")
        .to_json()
        .expect("complete");
    let built: serde_json::Value = serde_json::from_str(&built).unwrap();
    let original: serde_json::Value = serde_json::from_str(include_str!(
        "arm-corpus/valid/apim-named-values-keyvault.parameters.json"
    ))
    .unwrap();
    assert_eq!(built["parameters"], original["parameters"]);
    assert_same_template(
        &apim_dsl_workspace::types_in_lower_case(named_values::NAMED_VALUES.arm_json()),
        &apim_dsl_workspace::types_in_lower_case(include_str!(
            "arm-corpus/valid/apim-named-values-keyvault.json"
        )),
    );
}
