//! A lint (warning): enum values spelled otherwise than the resource type's
//! schema spells them. ARM compares most enum values ignoring case (and the
//! identity type ignoring the space after the comma), so `systemAssigned`
//! deploys, but the template fails validation against Microsoft's published
//! schemas, which list one spelling. `#[allow(enum_spelling)]` keeps the value as
//! written (a template ported line for line, such as the seed's).

use super::resources::schema::{Kind, Prop, same_value};
use crate::diag::Diagnostics;
use crate::ir::{Expr, ExprKind, Resource, Template};

/// The lint's name in `#[allow(...)]`.
pub const LINT: &str = "enum_spelling";

/// Warns about every enum value of a known resource type not spelled canonically.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    for resource in &template.resources {
        if resource.existing || resource.unchecked || resource.allow.contains(&LINT) {
            continue;
        }
        let Some(ty) = super::resources::lookup(&resource.ty) else {
            continue;
        };
        if !ty.has_version(&resource.api_version) {
            continue;
        }
        object(resource, ty.body, &resource.body, diags);
    }
}

fn object(
    resource: &Resource,
    schema: &[Prop],
    props: &[crate::ir::Prop],
    diags: &mut Diagnostics,
) {
    for prop in props {
        let Some(key) = prop.key.as_lit() else {
            continue;
        };
        if let Some(found) = schema
            .iter()
            .find(|s| s.name == key && s.in_version(&resource.api_version))
        {
            value(resource, &found.kind, &prop.value, diags);
        }
    }
}

fn value(resource: &Resource, kind: &Kind, expr: &Expr, diags: &mut Diagnostics) {
    match (&expr.kind, kind) {
        (ExprKind::Ternary(_, a, b), _) => {
            value(resource, kind, a, diags);
            value(resource, kind, b, diags);
        }
        (ExprKind::Object(props), Kind::Object(schema)) => object(resource, schema, props, diags),
        (ExprKind::Object(props), Kind::Map(inner)) => {
            for prop in props {
                value(resource, inner, &prop.value, diags);
            }
        }
        (ExprKind::Array(items), Kind::Array(item, _)) => {
            items.iter().for_each(|e| value(resource, item, e, diags));
        }
        (ExprKind::For(_, body), Kind::Array(item, _)) => value(resource, item, body, diags),
        (ExprKind::Str(text), Kind::Str(rule)) => {
            let canonical = rule
                .values
                .iter()
                .find(|v| same_value(v.name, text))
                .map(|v| v.name);
            if let Some(canonical) = canonical.filter(|c| c != text) {
                diags.warn(
                    expr.span,
                    format!(
                        "ARM accepts \"{text}\", but the resource type's schema spells it \"{canonical}\" and templates that spell it otherwise fail schema validation: write \"{canonical}\", or mark `{}` `#[allow({LINT})]` to keep it as written",
                        resource.symbol
                    ),
                );
            }
        }
        _ => {}
    }
}
