//! Deployment limits: 256 parameters, 512 variables, 800 resources, 64 outputs,
//! 24,576 characters per expression.

use crate::codes;
use crate::diag::Diagnostics;
use crate::emit::arm_expr::ExprWriter;
use crate::ir::{Expr, ExprKind, Key, Template};
use proc_macro2::Span;

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
            diags.error(codes::TEMPLATE_LIMIT,
                *span,
                format!("too many {what}: ARM allows {max} per template and this is number {}; split the template into modules", max + 1),
            );
        }
    }
    let mut writer = ExprWriter::new(template);
    let mut buffer = String::new();
    for expr in crate::graph::template_exprs(template) {
        let longest = longest_string(&mut writer, &mut buffer, expr);
        if longest > MAX_EXPRESSION {
            diags.error(codes::TEMPLATE_LIMIT,
                expr.span,
                format!("this expression is {longest} characters long in ARM JSON; ARM allows {MAX_EXPRESSION}: move parts into variables"),
            );
        }
    }
}

/// The length of the longest expression string that `expr` becomes in ARM JSON
/// (what [`ExprWriter::value`] writes), found without building the JSON: only
/// the expression strings are rendered. Building each expression's whole value
/// here as well as in the emitter made this check a third slower.
fn longest_string(writer: &mut ExprWriter<'_>, buffer: &mut String, expr: &Expr) -> usize {
    match &expr.kind {
        ExprKind::Str(text) => literal_length(text),
        ExprKind::Int(_) | ExprKind::Bool(_) | ExprKind::Null => 0,
        ExprKind::Array(items) => items
            .iter()
            .map(|e| longest_string(writer, buffer, e))
            .max()
            .unwrap_or(0),
        ExprKind::Object(props) => {
            // As in the JSON object: a repeated key keeps its last value. A
            // literal key is compared as written (its escaped form in the JSON
            // differs exactly when it does, and never equals a computed key's
            // `[...]`); only computed keys are rendered.
            #[derive(PartialEq)]
            enum JsonKey<'a> {
                Lit(&'a str),
                Expr(String),
            }
            let mut entries: Vec<(JsonKey, usize)> = Vec::with_capacity(props.len());
            for prop in props {
                let key = match &prop.key {
                    Key::Lit(text) => JsonKey::Lit(text),
                    Key::Expr(key) => JsonKey::Expr(writer.bracketed(key)),
                };
                let value = longest_string(writer, buffer, &prop.value);
                match entries.iter_mut().find(|(k, _)| *k == key) {
                    Some(entry) => entry.1 = value,
                    None => entries.push((key, value)),
                }
            }
            entries
                .iter()
                .map(|(key, value)| match key {
                    JsonKey::Lit(text) => (*value).max(literal_length(text)),
                    JsonKey::Expr(text) => (*value).max(expression_length(text)),
                })
                .max()
                .unwrap_or(0)
        }
        _ => {
            // Rendered into one buffer kept for every expression: the length
            // is all this needs.
            buffer.clear();
            buffer.push('[');
            writer.render_into(expr, buffer);
            buffer.push(']');
            expression_length(buffer)
        }
    }
}

/// The length of a JSON string that ARM reads as an expression, else 0.
fn expression_length(text: &str) -> usize {
    if text.starts_with('[') && !text.starts_with("[[") {
        text.chars().count()
    } else {
        0
    }
}

/// [`expression_length`] of a literal string as the emitter escapes it
/// ([`escape_literal`](crate::emit::arm_expr::escape_literal)): 0 where it is escaped (`[[...]`), which is exactly
/// where it would otherwise read as an expression. Computed without the
/// escaped copy: every string of the template comes through here.
fn literal_length(text: &str) -> usize {
    if text.starts_with('[') && text.ends_with(']') {
        0
    } else {
        expression_length(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// The lengths as the JSON the emitter writes has them.
    fn in_json(value: &Value) -> usize {
        match value {
            Value::String(text) => expression_length(text),
            Value::Array(items) => items.iter().map(in_json).max().unwrap_or(0),
            Value::Object(map) => map
                .iter()
                .map(|(k, v)| in_json(v).max(expression_length(k)))
                .max()
                .unwrap_or(0),
            _ => 0,
        }
    }

    #[test]
    fn lengths_are_those_of_the_emitted_json() {
        let parsed = crate::parse::parse_template(quote::quote! {
            const T;
            param p: string = "[not closed";
            var escaped = "[looks like one]";
            var a = [p, "x", [concat(p, "y")], { k: 1 }];
            var o = { [concat(p, "k")]: "v", "[key": 2, same: concat(p, "long, replaced"), same: p };
            var n = { inner: { deeper: [toUpper(p)] } };
            var k = { "[lit key]": 1, "[[double]": "[[x]", "[open": "[", "]": "[]", "[": p };
            output x: string = concat(p, "z");
        });
        let mut diags = Diagnostics::new();
        let template = crate::resolve::resolve(parsed.template.expect("parses"), &mut diags);
        let mut writer = ExprWriter::new(&template);
        for expr in crate::graph::template_exprs(&template) {
            let json = in_json(&writer.value(expr));
            assert_eq!(
                longest_string(&mut writer, &mut String::new(), expr),
                json,
                "{expr:?}"
            );
        }
    }
}
