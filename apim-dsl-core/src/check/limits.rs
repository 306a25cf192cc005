//! Deployment limits: 256 parameters, 512 variables, 800 resources, 64 outputs,
//! 24,576 characters per expression.

use crate::diag::Diagnostics;
use crate::emit::arm_expr::ExprWriter;
use crate::ir::Template;
use proc_macro2::Span;
use serde_json::Value;

/// Most parameters in one template.
pub const MAX_PARAMETERS: usize = 256;
/// Most variables.
pub const MAX_VARIABLES: usize = 512;
/// Most resources (modules count: each is a deployment resource).
pub const MAX_RESOURCES: usize = 800;
/// Most outputs.
pub const MAX_OUTPUTS: usize = 64;
/// Longest expression, in characters.
pub const MAX_EXPRESSION: usize = 24_576;

/// Checks the counts and every expression's length.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    let deployed: Vec<Span> = template
        .resources
        .iter()
        .filter(|r| !r.existing)
        .map(|r| r.span)
        .chain(template.modules.iter().map(|m| m.span))
        .collect();
    let counts = [
        (
            "parameters",
            MAX_PARAMETERS,
            template.params.iter().map(|p| p.span).collect::<Vec<_>>(),
        ),
        (
            "variables",
            MAX_VARIABLES,
            template.vars.iter().map(|v| v.span).collect(),
        ),
        ("resources", MAX_RESOURCES, deployed),
        (
            "outputs",
            MAX_OUTPUTS,
            template.outputs.iter().map(|o| o.span).collect(),
        ),
    ];
    for (what, max, spans) in counts {
        if let Some(span) = spans.get(max) {
            diags.error(
                *span,
                format!("too many {what}: ARM allows {max} per template and this is number {}; split the template into modules", max + 1),
            );
        }
    }
    let mut writer = ExprWriter::new(template);
    for expr in crate::graph::template_exprs(template) {
        let longest = longest_string(&writer.value(expr));
        if longest > MAX_EXPRESSION {
            diags.error(
                expr.span,
                format!("this expression is {longest} characters long in ARM JSON; ARM allows {MAX_EXPRESSION}: move parts into variables"),
            );
        }
    }
}

fn longest_string(value: &Value) -> usize {
    match value {
        Value::String(text) if text.starts_with('[') && !text.starts_with("[[") => {
            text.chars().count()
        }
        Value::Array(items) => items.iter().map(longest_string).max().unwrap_or(0),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                longest_string(v).max(if k.starts_with('[') {
                    k.chars().count()
                } else {
                    0
                })
            })
            .max()
            .unwrap_or(0),
        _ => 0,
    }
}
