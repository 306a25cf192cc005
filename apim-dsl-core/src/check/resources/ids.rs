//! Hand-written resource ids: `resourceId("Type", name...)` and its scoped
//! variants take one name argument per name segment of the type
//! (`Microsoft.ApiManagement/service/apis`: two). ARM fails validation on any
//! other count ("requires '2' resource name argument(s)"); a misspelt type is
//! reported with the type data's spelling.

use crate::codes;
use crate::diag::{Diagnostics, suggest};
use crate::graph::{NodeKind, Nodes};
use crate::ir::{Expr, ExprKind, Template, walk};

/// The id functions and how many leading arguments come before the type at most
/// (subscription and resource group, or the scope).
const ID_FUNCTIONS: [&str; 4] = [
    "resourceId",
    "subscriptionResourceId",
    "tenantResourceId",
    "extensionResourceId",
];

/// Whether `text` is written like a resource type (`Namespace.Provider/type`).
fn looks_like_type(text: &str) -> bool {
    text.split_once('/')
        .is_some_and(|(namespace, rest)| namespace.contains('.') && !rest.is_empty())
}

/// Checks every hand-written id call in `template`.
pub fn check(template: &Template, nodes: &Nodes<'_>, diags: &mut Diagnostics) {
    for expr in nodes.of(NodeKind::Call) {
        check_call(template, expr, diags);
    }
    // `dependsOn` entries written as ids are kept as written in the output, so
    // they must be deployable too.
    let lists = template
        .resources
        .iter()
        .map(|r| &r.depends_on)
        .chain(template.modules.iter().map(|m| &m.depends_on));
    for list in lists {
        for dependency in list {
            let written = match dependency {
                crate::ir::Dependency::Named(_, expr) => expr,
                crate::ir::Dependency::Copy {
                    written: Some(expr),
                    ..
                } => &**expr,
                _ => continue,
            };
            walk(written, &mut |e| check_call(template, e, diags));
        }
    }
}

fn check_call(template: &Template, expr: &Expr, diags: &mut Diagnostics) {
    let ExprKind::Call(call) = &expr.kind else {
        return;
    };
    if !ID_FUNCTIONS.contains(&call.name.as_str()) {
        return;
    }
    // `extensionResourceId(scope, type, ...)`: the scope is an id, not the type.
    let skip = usize::from(call.name == "extensionResourceId");
    let Some((at, ty)) = call
        .args
        .iter()
        .enumerate()
        .skip(skip)
        .find_map(|(i, a)| a.as_str().filter(|t| looks_like_type(t)).map(|t| (i, t)))
    else {
        return;
    };
    let type_arg = &call.args[at];
    let trimmed = ty.trim_end_matches('/');
    // The id of a resource the template declares with that unknown type is
    // reported at the declaration already (once, not at each id of it).
    let declared = || {
        template
            .resources
            .iter()
            .any(|r| r.ty.eq_ignore_ascii_case(trimmed))
    };
    if apim_dsl_types::canonical_type_name(trimmed).is_none()
        && super::lookup(trimmed).is_none()
        && !declared()
        && let Some(close) = suggest(trimmed, apim_dsl_types::type_names())
    {
        diags.error(
            codes::UNKNOWN_RESOURCE_TYPE,
            type_arg.span,
            format!(
                "unknown resource type `{trimmed}` in `{}`, did you mean `{close}`?",
                call.name
            ),
        );
        return;
    }
    let needed = crate::emit::arm_expr::name_segments(trimmed);
    let names = &call.args[at + 1..];
    if names.len() == needed {
        return;
    }
    let what = |n: usize| {
        if n == 1 {
            "1 name argument".to_string()
        } else {
            format!("{n} name arguments")
        }
    };
    // A combined literal (`"svc/api"`) is the usual cause.
    let combined = names.len() == 1
        && names[0]
            .as_str()
            .is_some_and(|n| n.split('/').count() == needed);
    let fix = if combined {
        "split the combined name at its `/` into separate arguments".to_string()
    } else {
        let segments: Vec<&str> = trimmed.split('/').skip(1).collect();
        format!(
            "one per segment of the type, in order: {}",
            segments
                .iter()
                .map(|s| format!("the `{s}` name"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    // Too many: at the first extra; too few: at the first name.
    let span = names
        .get(needed)
        .or(names.first())
        .map_or(type_arg.span, |n| n.span);
    diags.error(
        codes::NAME_SEGMENTS,
        span,
        format!(
            "`{}` of `{trimmed}` takes {}, found {}: {fix}",
            call.name,
            what(needed),
            names.len()
        ),
    );
}
