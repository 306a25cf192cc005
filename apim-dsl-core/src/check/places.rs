//! Where functions may be called: `utcNow`/`newGuid` only in parameter defaults;
//! `reference`, `list*` and what lowers to them (`apim.properties.x`,
//! `apim.identity.principalId`, module outputs) only where ARM evaluates them after
//! the deployment started, not in names, conditions, loop counts or variables.

use crate::codes;
use crate::diag::Diagnostics;
use crate::functions::Place;
use crate::ir::{Expr, ExprKind, Scope, Template, walk};

/// Static members of a resource symbol: everything else reads deployed state.
pub const STATIC_MEMBERS: [&str; 4] = ["id", "name", "type", "apiVersion"];

/// Checks every expression of `template` for functions out of place.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    const VARIABLE: &str = "a variable (ARM evaluates variables before any resource is deployed; inline the expression where it is used)";
    for param in &template.params {
        if let Some(default) = &param.default {
            visit(default, true, false, Some("a parameter default"), diags);
        }
    }
    for var in &template.vars {
        visit(&var.value, false, false, Some(VARIABLE), diags);
    }
    for resource in &template.resources {
        let looped = resource.copy.is_some();
        visit(
            &resource.name,
            false,
            looped,
            Some("a resource name"),
            diags,
        );
        if let Some(condition) = &resource.condition {
            visit(condition, false, looped, Some("a condition"), diags);
        }
        if let Some(head) = &resource.copy {
            visit(&head.source, false, false, Some("a loop's source"), diags);
        }
        if let Some(Scope::Expr(scope)) = &resource.scope {
            visit(scope, false, false, Some("a scope"), diags);
        }
        // Bicep's deploy-time constants (`location`, `kind`, ...): ARM needs
        // them before it deploys anything.
        let constants =
            super::resources::deploy_time_constants(&resource.ty, &resource.api_version);
        for prop in &resource.body {
            let place = prop
                .key
                .as_lit()
                .filter(|key| constants.contains(key))
                .map(|key| format!("`{key}`, which must be known before deployment"));
            visit(&prop.value, false, looped, place.as_deref(), diags);
        }
    }
    for module in &template.modules {
        let looped = module.copy.is_some();
        visit(
            &module.name,
            false,
            looped,
            Some("a deployment name"),
            diags,
        );
        if let Some(condition) = &module.condition {
            visit(condition, false, looped, Some("a condition"), diags);
        }
        if let Some(head) = &module.copy {
            visit(&head.source, false, false, Some("a loop's source"), diags);
        }
        for prop in &module.params {
            visit(&prop.value, false, looped, None, diags);
        }
    }
    for output in &template.outputs {
        visit(&output.value, false, false, None, diags);
    }
}

/// Reports misplaced calls in `expr`. `in_default`: inside a parameter default;
/// `in_copy`: inside a resource or module loop, where `copyIndex()` counts.
/// `static_place`: a place that needs values known before deployment, if any.
fn visit(
    expr: &Expr,
    in_default: bool,
    in_copy: bool,
    static_place: Option<&str>,
    diags: &mut Diagnostics,
) {
    walk(expr, &mut |e| match &e.kind {
        ExprKind::Call(call) if call.name == "copyIndex" => {
            if call.args.first().is_some_and(|a| a.as_str().is_some()) {
                diags.error(codes::DEPLOY_TIME_ONLY,
                    e.span,
                    "name a loop's index instead of `copyIndex(\"...\")`: `[for (item, index) in source: ...]`",
                );
            } else if !in_copy {
                diags.error(codes::DEPLOY_TIME_ONLY,
                    e.span,
                    "`copyIndex()` counts the copies of a resource or module loop and is only valid in one; elsewhere use a loop's index variable, `for (item, index) in ...`",
                );
            }
        }
        ExprKind::Call(call) => match call.function.place {
            Place::ParamDefault if !in_default => diags.error(
                codes::DEPLOY_TIME_ONLY,
                e.span,
                format!(
                    "`{}` can only be used in a parameter's default value",
                    call.name
                ),
            ),
            Place::Runtime => {
                if let Some(place) = static_place {
                    diags.error(
                        codes::DEPLOY_TIME_ONLY,
                        e.span,
                        format!(
                            "`{}` reads deployed state and cannot be used in {place}",
                            call.name
                        ),
                    );
                }
            }
            _ => {}
        },
        ExprKind::Member(base, member) => {
            // `r.x`, or `r[i].x` for one copy of a loop.
            let symbol = match &base.kind {
                ExprKind::Index(inner, _) => &inner.kind,
                other => other,
            };
            let runtime = match symbol {
                ExprKind::Resource(_) => !STATIC_MEMBERS.contains(&member.as_str()),
                ExprKind::Module(_) => true,
                _ => false,
            };
            if runtime && let Some(place) = static_place {
                diags.error(codes::DEPLOY_TIME_ONLY,
                    e.span,
                    format!("`.{member}` reads deployed state (ARM `reference`) and cannot be used in {place}; only `.id`, `.name`, `.type` and `.apiVersion` are known before deployment"),
                );
            }
        }
        ExprKind::Index(base, index)
            if matches!(base.kind, ExprKind::Resource(_) | ExprKind::Module(_)) =>
        {
            let mut lambda = false;
            walk(index, &mut |i| {
                lambda |= matches!(i.kind, ExprKind::LambdaVar(_))
            });
            if lambda {
                diags.error(codes::DEPLOY_TIME_ONLY,
                    index.span,
                    "a copy of a loop cannot be picked by a lambda's variable (ARM cannot `reference` it there); use a `[for ...]` loop",
                );
            }
        }
        _ => {}
    });
}
