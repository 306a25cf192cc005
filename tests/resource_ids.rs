//! Every `resourceId` the compiler emits has one name argument per name segment
//! of its type, however the resource's name was written: ARM rejects any other
//! count ("requires '2' resource name argument(s)"). Checked on every example's
//! ARM JSON and on a template that writes child names every raw-ARM way.

#[allow(dead_code)]
#[path = "common/examples.rs"]
mod examples;

use apim_dsl_workspace::{ArmExpr, is_expression, parse_expression};
use serde_json::Value;

/// `(function, type, name arguments)` of every id function call with a literal
/// type in `value`.
fn id_calls(value: &Value, out: &mut Vec<(String, String, usize)>) {
    match value {
        Value::String(text) if is_expression(text) => {
            let inner = &text[1..text.len() - 1];
            let expr = parse_expression(inner).unwrap_or_else(|e| panic!("{e}: {text}"));
            calls(&expr, out);
        }
        Value::Array(items) => items.iter().for_each(|v| id_calls(v, out)),
        Value::Object(map) => map.values().for_each(|v| id_calls(v, out)),
        _ => {}
    }
}

fn calls(expr: &ArmExpr, out: &mut Vec<(String, String, usize)>) {
    match expr {
        ArmExpr::Call(name, args) => {
            if name.ends_with("resourceid") {
                let type_at = args.iter().position(|a| {
                    matches!(a, ArmExpr::Str(s) if s.contains('/') && s.split('/').next().is_some_and(|ns| ns.contains('.')))
                });
                if let Some(at) = type_at {
                    let ArmExpr::Str(ty) = &args[at] else {
                        unreachable!()
                    };
                    out.push((name.clone(), ty.clone(), args.len() - at - 1));
                }
            }
            args.iter().for_each(|a| calls(a, out));
        }
        ArmExpr::Member(base, _) => calls(base, out),
        ArmExpr::Index(base, index) => {
            calls(base, out);
            calls(index, out);
        }
        _ => {}
    }
}

fn segments(ty: &str) -> usize {
    ty.trim_end_matches('/').split('/').count() - 1
}

fn assert_ids_match_types(name: &str, arm: &str) -> usize {
    let template: Value = serde_json::from_str(arm).unwrap();
    let mut found = Vec::new();
    id_calls(&template, &mut found);
    for (function, ty, args) in &found {
        assert_eq!(
            *args,
            segments(ty),
            "{name}: {function}('{ty}', ...) has {args} name arguments"
        );
    }
    found.len()
}

#[test]
fn every_example_emits_one_name_argument_per_segment() {
    let mut total = 0;
    for template in examples::all() {
        total += assert_ids_match_types(template.name(), template.arm_json());
    }
    assert!(total > 10, "only {total} resourceId calls seen");
}

apim_dsl::template! {
    /// Children named every raw-ARM way, each read by its id.
    pub const RAW_CHILDREN;

    param serviceName: string;
    var apiName = "orders";

    resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: serviceName }

    // A combined literal, `concat`, `format`, and a name ARM cannot split at
    // compile time (a parameter holding `svc/api`).
    resource literal "Microsoft.ApiManagement/service/apis@2024-05-01" existing { name: "svc/echo" }
    resource concatenated "Microsoft.ApiManagement/service/apis@2024-05-01" existing {
        name: concat(serviceName, "/", apiName),
    }
    resource formatted "Microsoft.ApiManagement/service/apis/operations@2024-05-01" existing {
        name: format("{0}/{1}/get-{2}", serviceName, apiName, "order"),
    }
    resource child "Microsoft.ApiManagement/service/apis@2024-05-01" existing { parent: apim, name: apiName }

    output ids: array = [literal.id, concatenated.id, formatted.id, child.id];
    output names: array = [literal.name, concatenated.name, formatted.name, child.name];
}

#[test]
fn combined_child_names_are_split_into_segments() {
    assert_eq!(assert_ids_match_types("raw", RAW_CHILDREN.arm_json()), 4);
    let template: Value = serde_json::from_str(RAW_CHILDREN.arm_json()).unwrap();
    let ids = &template["outputs"]["ids"]["value"];
    assert_eq!(
        ids[0],
        "[resourceId('Microsoft.ApiManagement/service/apis', 'svc', 'echo')]"
    );
    assert_eq!(
        ids[1],
        "[resourceId('Microsoft.ApiManagement/service/apis', parameters('serviceName'), variables('apiName'))]"
    );
    assert_eq!(
        ids[2],
        "[resourceId('Microsoft.ApiManagement/service/apis/operations', parameters('serviceName'), variables('apiName'), concat('get-', 'order'))]"
    );
    assert_eq!(
        ids[3],
        "[resourceId('Microsoft.ApiManagement/service/apis', parameters('serviceName'), variables('apiName'))]"
    );
    // `x.name` is the name as written, in ARM as in Bicep: a `parent:` child's
    // own segment.
    let names = &template["outputs"]["names"]["value"];
    assert_eq!(names[0], "svc/echo");
    assert_eq!(names[3], "[variables('apiName')]");
}
