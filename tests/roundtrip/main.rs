//! Round trips: public ARM templates (API Management quickstarts of
//! Azure/azure-quickstart-templates, each named with its URL and commit in its
//! module), ported line for line to the DSL in the raw ARM style a migration
//! starts with. What the DSL emits equals the original as ARM reads it: parsed
//! JSON, white space inside expressions and the case of parameter types aside.
//! Each port has a deliberate-mistake twin in `tests/ui/fail/roundtrip-*.rs`.

mod all_resources;
mod internal_vnet;
mod key_vault_create;
mod logs_oms_integration;

use apim_dsl::Template;
use apim_dsl_workspace::assert_same_template;
use serde_json::Value;

/// Where an original deploys what Microsoft's published schemas reject (and the
/// port says why with `#[accept]`): its ARM output, equal to the original, is
/// left out of the conformance checks; its Bicep is checked.
#[derive(Clone, Copy)]
enum Schema {
    /// The original passes the published schemas.
    Valid,
    /// The original does not, for the reason given.
    Deviates(#[allow(dead_code)] &'static str),
}

/// Asserts that `template` emits `original` as ARM reads it, and writes the
/// emitted Bicep (and JSON, unless the original deviates from the published
/// schemas) to `$APIM_DSL_EMIT_DIR/roundtrip/` when set.
fn assert_round_trip(template: &Template, original: &str, schema: Schema) {
    let emitted = template.arm_json();
    if let Some(dir) = std::env::var_os("APIM_DSL_EMIT_DIR") {
        let dir = std::path::Path::new(&dir).join("roundtrip");
        std::fs::create_dir_all(&dir).expect("APIM_DSL_EMIT_DIR is writable");
        let name = template.file_stem();
        if let Schema::Valid = schema {
            std::fs::write(dir.join(format!("{name}.json")), emitted).expect("writable");
        }
        std::fs::write(dir.join(format!("{name}.bicep")), template.bicep()).expect("writable");
    }
    assert_same_template(
        &lower_parameter_types(emitted),
        &lower_parameter_types(original),
    );
}

/// ARM reads parameter types case-insensitively (`secureString`, `securestring`).
fn lower_parameter_types(text: &str) -> String {
    let mut value: Value = serde_json::from_str(text).expect("a template is JSON");
    if let Some(Value::Object(params)) = value.get_mut("parameters") {
        for param in params.values_mut() {
            if let Some(Value::String(ty)) = param.get_mut("type") {
                *ty = ty.to_lowercase();
            }
        }
    }
    value.to_string()
}
