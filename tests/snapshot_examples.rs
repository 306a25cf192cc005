//! What every example template deploys, pinned with `insta` (stored in
//! `tests/snapshots/`): a change to an example that changes a name, a property,
//! a dependency or the set of resources shows up as a snapshot diff to review
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test --test
//! snapshot_examples` and `git diff`).
//!
//! This is the pattern the `snapshot` feature of `apim-dsl` is for; see
//! `apim_dsl::snapshot`.

#[allow(dead_code)]
#[path = "common/examples.rs"]
mod examples;

use apim_dsl::snapshot::Context;
use apim_dsl::{ParameterFile, Template, ValueType};
use serde_json::{Value, json};

/// The deployment context of the snapshots: Bicep's defaults plus a location,
/// a tenant and a fixed clock, so that the snapshots hold values, not
/// placeholders, where they can.
fn context() -> Context {
    Context {
        location: Some("westeurope".into()),
        tenant_id: Some("11111111-2222-3333-4444-555555555555".into()),
        now: Some("2026-01-01T00:00:00Z".into()),
        ..Context::default()
    }
}

/// A value for each required parameter: the first allowed value, or a
/// plausible value of its type (secure ones as Key Vault references).
fn parameters(template: &Template) -> ParameterFile {
    let arm: Value = serde_json::from_str(template.arm_json()).unwrap();
    let mut file = template.parameter_file();
    for p in template.parameters().iter().filter(|p| p.is_required()) {
        let def = &arm["parameters"][p.name()];
        let value = match (def.get("allowedValues").and_then(|a| a.get(0)), p.ty()) {
            (_, ValueType::SecureString | ValueType::SecureObject) => {
                file = file
                    .key_vault_secret(
                        p.name(),
                        "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv",
                        p.name(),
                    )
                    .unwrap();
                continue;
            }
            (Some(first), _) => first.clone(),
            (None, ValueType::Int) => {
                json!(def.get("minValue").and_then(Value::as_i64).unwrap_or(1))
            }
            (None, ValueType::Bool) => json!(true),
            (None, ValueType::Object) => json!({}),
            (None, ValueType::Array) => json!([]),
            (None, _) if p.name().to_lowercase().contains("email") => json!("api@contoso.com"),
            (None, _) => json!(format!("contoso-{}", p.name().to_lowercase())),
        };
        file = file.value(p.name(), value).unwrap();
    }
    file
}

#[test]
fn every_example_deploys_what_its_snapshot_says() {
    for template in examples::all() {
        let snap = template
            .snapshot(&parameters(&template), &context())
            .unwrap_or_else(|e| panic!("{}: {e}", template.name()));
        insta::assert_json_snapshot!(template.file_stem(), snap.to_json());
    }
}

/// Changing the service name renames exactly the resources named after it,
/// and the role assignments whose `guid(...)` names are computed from their
/// ids; every other name stays.
#[test]
fn changing_a_parameter_renames_the_resources_built_from_it() {
    let template = examples::apim_estate::APIM_ESTATE;
    let before = template
        .snapshot(&parameters(&template), &context())
        .unwrap();
    let renamed = parameters(&template)
        .value("serviceName", "apim-fabrikam")
        .unwrap();
    let after = template.snapshot(&renamed, &context()).unwrap();
    let names = |s: &apim_dsl::snapshot::Snapshot| -> Vec<(String, String)> {
        s.predicted_resources
            .iter()
            .map(|r| {
                (
                    r["type"].as_str().unwrap().to_string(),
                    r["name"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let (b, a) = (names(&before), names(&after));
    assert_eq!(b.len(), a.len());
    let mut renamed_after_service = 0;
    for ((ty, old), (ty2, new)) in b.iter().zip(&a) {
        assert_eq!(ty, ty2);
        if old.contains("contoso-servicename") {
            assert_eq!(old.replace("contoso-servicename", "apim-fabrikam"), *new);
            renamed_after_service += 1;
        } else if ty == "Microsoft.Authorization/roleAssignments" {
            // guid(scope id, principal, role): the principal is the service's.
            assert_ne!(old, new, "{ty}");
        } else {
            assert_eq!(old, new, "{ty}");
        }
    }
    assert!(renamed_after_service >= 3, "{renamed_after_service}");
}
