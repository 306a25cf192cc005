//! Symbolic references: what a resource or module symbol can be asked for
//! (`apim.id`, `apim.identity.principalId`, `dom.outputs.x`), and where a bare
//! symbol is not a value.

use crate::codes;
use crate::diag::{Diagnostics, did_you_mean};
use crate::ir::{Expr, ExprKind, Key, Resource, Template};

/// Members every resource has. `properties` and the top-level body keys read the
/// deployed resource (ARM `reference`); the first four are known in advance.
pub const RESOURCE_MEMBERS: [&str; 16] = [
    "id",
    "name",
    "type",
    "apiVersion",
    "properties",
    "location",
    "tags",
    "sku",
    "kind",
    "identity",
    "zones",
    "plan",
    "etag",
    "managedBy",
    "extendedLocation",
    "systemData",
];

/// Members of a managed identity.
pub const IDENTITY_MEMBERS: [&str; 4] =
    ["principalId", "tenantId", "type", "userAssignedIdentities"];

/// Checks every symbolic reference in `template`.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    for expr in crate::graph::template_exprs(template) {
        visit(template, expr, diags);
    }
}

fn visit(template: &Template, expr: &Expr, diags: &mut Diagnostics) {
    match &expr.kind {
        ExprKind::Resource(i) => {
            let symbol = template
                .resources
                .get(*i)
                .map_or("?", |r| r.symbol.as_str());
            diags.error(codes::INVALID_MEMBER,
                expr.span,
                format!("a resource is not a value: use `{symbol}.id`, `{symbol}.name` or `{symbol}.properties.<name>`"),
            );
        }
        ExprKind::Module(i) => {
            let symbol = template.modules.get(*i).map_or("?", |m| m.symbol.as_str());
            diags.error(
                codes::INVALID_MEMBER,
                expr.span,
                format!("a module is not a value: use its outputs, `{symbol}.outputs.<name>`"),
            );
        }
        ExprKind::Member(base, name) if !symbolic(template, expr, base, name, diags) => {
            visit(template, base, diags);
        }
        ExprKind::Index(base, index) => {
            visit(template, index, diags);
            match &base.kind {
                ExprKind::Resource(i)
                    if template.resources.get(*i).is_some_and(|r| r.copy.is_some()) =>
                {
                    let symbol = template
                        .resources
                        .get(*i)
                        .map_or("?", |r| r.symbol.as_str());
                    diags.error(
                        codes::INVALID_MEMBER,
                        expr.span,
                        format!("read a member of one copy: `{symbol}[i].id`"),
                    );
                }
                _ => visit(template, base, diags),
            }
        }
        ExprKind::Array(items) => items.iter().for_each(|e| visit(template, e, diags)),
        ExprKind::Object(props) => {
            for prop in props {
                if let Key::Expr(key) = &prop.key {
                    visit(template, key, diags);
                }
                visit(template, &prop.value, diags);
            }
        }
        ExprKind::Call(call) => call.args.iter().for_each(|e| visit(template, e, diags)),
        ExprKind::Unary(_, e) | ExprKind::Lambda(_, e) => visit(template, e, diags),
        ExprKind::Binary(_, a, b) => {
            visit(template, a, diags);
            visit(template, b, diags);
        }
        ExprKind::Ternary(a, b, c) => {
            visit(template, a, diags);
            visit(template, b, diags);
            visit(template, c, diags);
        }
        ExprKind::For(head, body) => {
            visit(template, &head.source, diags);
            visit(template, body, diags);
        }
        _ => {}
    }
}

/// Checks `base.name` when `base` is a symbol (or one copy of a looped resource, or
/// a resource's `identity`, or a module's `outputs`). Returns whether it handled it.
fn symbolic(
    template: &Template,
    expr: &Expr,
    base: &Expr,
    name: &str,
    diags: &mut Diagnostics,
) -> bool {
    match &base.kind {
        ExprKind::Resource(i) => {
            if let Some(resource) = template.resources.get(*i) {
                if resource.copy.is_some() {
                    diags.error(
                        codes::INVALID_MEMBER,
                        base.span,
                        format!(
                            "`{0}` is declared with a loop: pick one copy, e.g. `{0}[0].{name}`",
                            resource.symbol
                        ),
                    );
                } else {
                    resource_member(resource, expr, name, diags);
                }
            }
            true
        }
        ExprKind::Index(inner, index) => match &inner.kind {
            ExprKind::Module(i) => {
                visit(template, index, diags);
                let symbol = template.modules.get(*i).map_or("?", |m| m.symbol.as_str());
                if template.modules.get(*i).is_some_and(|m| m.copy.is_none()) {
                    diags.error(
                        codes::INVALID_MEMBER,
                        base.span,
                        format!("`{symbol}` is not declared with a loop, so it cannot be indexed"),
                    );
                } else if name != "outputs" {
                    diags.error(
                        codes::INVALID_MEMBER,
                        expr.span,
                        format!("a module exposes only its outputs: `{symbol}[i].outputs.<name>`"),
                    );
                }
                true
            }
            ExprKind::Resource(i) => {
                visit(template, index, diags);
                if let Some(resource) = template.resources.get(*i) {
                    if resource.copy.is_none() {
                        diags.error(
                            codes::INVALID_MEMBER,
                            base.span,
                            format!(
                                "`{}` is not declared with a loop, so it cannot be indexed",
                                resource.symbol
                            ),
                        );
                    } else {
                        resource_member(resource, expr, name, diags);
                    }
                }
                true
            }
            _ => false,
        },
        ExprKind::Member(inner, first) => match &inner.kind {
            ExprKind::Resource(i) if first == "identity" => {
                if !IDENTITY_MEMBERS.contains(&name) {
                    diags.error(
                        codes::INVALID_MEMBER,
                        expr.span,
                        format!(
                            "an identity has no member `{name}`{}",
                            hint(
                                name,
                                &IDENTITY_MEMBERS,
                                "`principalId`, `tenantId`, `type` or `userAssignedIdentities`"
                            )
                        ),
                    );
                }
                // A service with only user-assigned identities has no principal of
                // its own: ARM would return nothing for it at deployment.
                if let Some(resource) = template.resources.get(*i)
                    && matches!(name, "principalId" | "tenantId")
                    && crate::access::system_identity(resource) == Some(false)
                {
                    diags.error(codes::MISSING_IDENTITY,
                        expr.span,
                        format!(
                            "`{0}` has no system-assigned identity, so `{0}.identity.{name}` is empty: read it from the user-assigned identity (`<identity>.properties.{name}`), or add `SystemAssigned` to `{0}`'s identity type",
                            resource.symbol
                        ),
                    );
                }
                // The resource member itself is checked through the inner expression.
                symbolic(template, base, inner, first, diags);
                true
            }
            // What lies below `properties` is checked against the type data
            // (`resources::reads`).
            ExprKind::Resource(_) if first == "properties" => {
                symbolic(template, base, inner, first, diags);
                true
            }
            // `m.outputs.x` and `m[i].outputs.x`: the module part was checked with
            // the inner expression.
            ExprKind::Module(_) if first == "outputs" => {
                symbolic(template, base, inner, first, diags);
                true
            }
            ExprKind::Index(module, _)
                if first == "outputs" && matches!(module.kind, ExprKind::Module(_)) =>
            {
                symbolic(template, base, inner, first, diags);
                true
            }
            _ => false,
        },
        ExprKind::Module(i) => {
            let symbol = template.modules.get(*i).map_or("?", |m| m.symbol.as_str());
            let looped = template.modules.get(*i).is_some_and(|m| m.copy.is_some());
            if name != "outputs" {
                diags.error(
                    codes::INVALID_MEMBER,
                    expr.span,
                    format!("a module exposes only its outputs: `{symbol}.outputs.<name>`"),
                );
            } else if looped {
                diags.error(codes::INVALID_MEMBER,
                    base.span,
                    format!("`{symbol}` is declared with a loop: pick one copy, e.g. `{symbol}[0].outputs.<name>`"),
                );
            }
            true
        }
        _ => false,
    }
}

fn hint(name: &str, candidates: &[&str], all: &str) -> String {
    let hint = did_you_mean(name, candidates.iter().copied());
    if hint.is_empty() {
        format!(", expected {all}")
    } else {
        hint
    }
}

fn resource_member(resource: &Resource, expr: &Expr, name: &str, diags: &mut Diagnostics) {
    let symbol = &resource.symbol;
    if !RESOURCE_MEMBERS.contains(&name) {
        let extra = if IDENTITY_MEMBERS.contains(&name) {
            format!(", did you mean `{symbol}.identity.{name}`?")
        } else {
            hint(
                name,
                &RESOURCE_MEMBERS,
                "`id`, `name`, `properties.<name>`, `identity.principalId`, ...",
            )
        };
        diags.error(
            codes::INVALID_MEMBER,
            expr.span,
            format!("resource `{symbol}` has no member `{name}`{extra}"),
        );
        return;
    }
    // A type whose type data has no `identity` has no managed identity at all:
    // adding one would be an unknown property.
    if name == "identity" && !super::resources::has_identity(resource) {
        diags.error(codes::MISSING_IDENTITY,
            expr.span,
            format!(
                "resource `{symbol}` has no managed identity: `{}` cannot have one; read the identity of the resource that has it",
                resource.ty
            ),
        );
        return;
    }
    let declares_identity =
        resource.existing || resource.unchecked || resource.get("identity").is_some();
    if name == "identity" && !declares_identity {
        diags.error(codes::MISSING_IDENTITY,
            expr.span,
            format!("resource `{symbol}` has no managed identity: add `identity: {{ type: \"SystemAssigned\" }}` to it"),
        );
    }
}
