//! Where functions may be called: `utcNow`/`newGuid` only in parameter defaults;
//! `reference`, `list*` and what lowers to them (`apim.properties.x`,
//! `apim.identity.principalId`, module outputs) only where ARM evaluates them after
//! the deployment started, not in names, conditions, loop counts or variables.

use crate::codes;
use crate::diag::Diagnostics;
use crate::functions::Place;
use crate::ir::{Expr, ExprKind, Prop, Scope, Template, walk};
use foldhash::{HashSet, HashSetExt};

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
        // An inline nested template evaluated in this template's scope (a
        // deployment kept as a resource, not a module) has loops of its own:
        // `copyIndex()` in one of its looped resources counts that loop.
        let nested_loops = if resource
            .ty
            .eq_ignore_ascii_case("Microsoft.Resources/deployments")
        {
            nested_loop_nodes(&resource.body)
        } else {
            HashSet::new()
        };
        for prop in &resource.body {
            let place = prop
                .key
                .as_lit()
                .filter(|key| constants.contains(key))
                .map(|key| format!("`{key}`, which must be known before deployment"));
            visit_with(
                &prop.value,
                false,
                looped,
                place.as_deref(),
                &nested_loops,
                diags,
            );
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

/// Every node inside a looped resource of a deployment's inline template
/// (`properties.template.resources[i]` with a `copy`, and their nested
/// `resources`), where ARM counts `copyIndex()`, named or not, in that loop.
fn nested_loop_nodes(body: &[Prop]) -> HashSet<*const Expr> {
    fn member<'e>(expr: &'e Expr, key: &str) -> Option<&'e Expr> {
        let ExprKind::Object(props) = &expr.kind else {
            return None;
        };
        props
            .iter()
            .find(|p| p.key.as_lit().is_some_and(|k| k.eq_ignore_ascii_case(key)))
            .map(|p| &p.value)
    }
    fn resources(list: &Expr, looped: bool, nodes: &mut HashSet<*const Expr>) {
        let ExprKind::Array(items) = &list.kind else {
            return;
        };
        for item in items {
            let looped = looped || member(item, "copy").is_some();
            if looped {
                walk(item, &mut |e| {
                    nodes.insert(std::ptr::from_ref(e));
                });
            } else if let Some(children) = member(item, "resources") {
                resources(children, false, nodes);
            }
        }
    }
    let mut nodes = HashSet::new();
    let template = body
        .iter()
        .find(|p| p.key.as_lit() == Some("properties"))
        .and_then(|p| member(&p.value, "template"));
    if let Some(list) = template.and_then(|t| member(t, "resources")) {
        resources(list, false, &mut nodes);
    }
    nodes
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
    visit_with(
        expr,
        in_default,
        in_copy,
        static_place,
        &HashSet::new(),
        diags,
    );
}

/// [`visit`], where the nodes of `nested_loops` are inside a loop of a nested
/// template ([`nested_loop_nodes`]).
fn visit_with(
    expr: &Expr,
    in_default: bool,
    in_copy: bool,
    static_place: Option<&str>,
    nested_loops: &HashSet<*const Expr>,
    diags: &mut Diagnostics,
) {
    walk(expr, &mut |e| match &e.kind {
        ExprKind::Call(call)
            if call.name == "copyIndex" && nested_loops.contains(&std::ptr::from_ref(e)) => {}
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
