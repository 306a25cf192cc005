//! Names ARM cannot tell apart. ARM compares resource names, and the names of
//! parameters, variables, outputs and functions, ignoring case: two resources of one type
//! with the same name in the same scope fail the deployment ("The resource '…' is
//! defined multiple times in a template"), and so do two grants of one role to one
//! principal on one scope (their `guid(...)` names are equal). Bicep reports names
//! that differ only in case as BCP353.
//!
//! A resource in a loop, or deployed under a condition the other does not share,
//! is left alone: its name may differ, or only one of the two may be deployed.

use crate::codes;
use crate::diag::Diagnostics;
use crate::ir::{Expr, ExprKind, ModuleScope, Resource, Scope, Template};
use proc_macro2::Span;

/// Reports duplicate resources, modules and case-only differences of names.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    resources(template, diags);
    modules(template, diags);
    let params = template.params.iter().map(|p| (p.name.as_str(), p.span));
    case_only("parameters", "", params, diags);
    variables(template, diags);
    let outputs = template.outputs.iter().map(|o| (o.name.as_str(), o.span));
    case_only("outputs", "", outputs, diags);
    // A function is called through its namespace: names of different
    // namespaces never meet (ARM reads namespaces ignoring case too).
    let mut namespaces: Vec<String> = template
        .functions
        .iter()
        .map(|f| f.namespace.to_ascii_lowercase())
        .collect();
    namespaces.dedup();
    namespaces.sort_unstable();
    namespaces.dedup();
    for namespace in &namespaces {
        let functions = template
            .functions
            .iter()
            .filter(|f| f.namespace.eq_ignore_ascii_case(namespace))
            .map(|f| (f.name.as_str(), f.span));
        case_only("functions", "", functions, diags);
    }
    for func in &template.functions {
        let params = func.params.iter().map(|p| (p.name.as_str(), p.span));
        let of = format!(" of function `{}`", func.name);
        case_only("parameters", &of, params, diags);
    }
}

/// Variables whose ARM names ARM cannot tell apart: equal, or equal ignoring
/// case. Two equal symbols are reported where they are declared (ADSL0202);
/// here, ARM names `#[name("...")]` makes equal to another's, at that
/// attribute's literal.
fn variables(template: &Template, diags: &mut Diagnostics) {
    let vars = &template.vars;
    for (i, var) in vars.iter().enumerate() {
        // `copy` in any case is refused where it is declared: no second
        // error for two of them.
        if var.name.eq_ignore_ascii_case("copy") {
            continue;
        }
        let renamed = |v: &crate::ir::Var| v.name != v.symbol;
        let Some(first) = vars[..i].iter().find(|other| {
            other.name.eq_ignore_ascii_case(&var.name)
                && (other.name != var.name || renamed(other) || renamed(var))
        }) else {
            continue;
        };
        let message = if first.name == var.name {
            format!(
                "the variables `{}` and `{}` are both named `{}` in ARM (`#[name]`), and a template's variables need distinct names: give one another name",
                first.symbol, var.symbol, var.name
            )
        } else {
            format!(
                "the variables `{}` and `{}` differ only in case, and ARM reads names ignoring case, so it cannot tell them apart: rename one of them",
                first.name, var.name
            )
        };
        diags.error(codes::DUPLICATE_NAME, var.name_span, message);
    }
}

/// `of` follows the two names in the message (` of function `f``).
fn case_only<'a>(
    what: &str,
    of: &str,
    names: impl Iterator<Item = (&'a str, Span)>,
    diags: &mut Diagnostics,
) {
    let names: Vec<(&str, Span)> = names.collect();
    for (i, (name, span)) in names.iter().enumerate() {
        if let Some((first, _)) = names
            .iter()
            .take(i)
            .find(|(other, _)| other != name && other.eq_ignore_ascii_case(name))
        {
            diags.error(codes::DUPLICATE_NAME,
                *span,
                format!("the {what} `{first}` and `{name}`{of} differ only in case, and ARM reads names ignoring case, so it cannot tell them apart: rename one of them"),
            );
        }
    }
}

/// One segment of a resource's full name.
enum Segment<'a> {
    /// Known text.
    Text(String),
    /// Computed.
    Expr(&'a Expr),
}

/// The segments of a resource's full name (its parents' first), when they can be
/// told.
fn segments<'a>(
    template: &'a Template,
    resource: &'a Resource,
    depth: usize,
) -> Option<Vec<Segment<'a>>> {
    let mut out = match resource.parent {
        Some((parent, _)) if depth <= template.resources.len() => {
            segments(template, template.resources.get(parent)?, depth + 1)?
        }
        Some(_) => return None,
        None => Vec::new(),
    };
    match &resource.name.kind {
        ExprKind::Str(text) => out.extend(text.split('/').map(|s| Segment::Text(s.to_string()))),
        ExprKind::Invalid => return None,
        _ => out.push(Segment::Expr(&resource.name)),
    }
    Some(out)
}

fn same_segments(a: &[Segment], b: &[Segment], exact: bool) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|pair| match pair {
            (Segment::Text(x), Segment::Text(y)) if exact => x == y,
            (Segment::Text(x), Segment::Text(y)) => x.eq_ignore_ascii_case(y),
            (Segment::Expr(x), Segment::Expr(y)) => same_ignoring_case(x, y),
            _ => false,
        })
}

/// Structural equality with string literals compared ignoring case.
fn same_ignoring_case(a: &Expr, b: &Expr) -> bool {
    use ExprKind as K;
    match (&a.kind, &b.kind) {
        (K::Str(x), K::Str(y)) => x.eq_ignore_ascii_case(y),
        (K::Call(x), K::Call(y)) => {
            x.name.eq_ignore_ascii_case(&y.name)
                && x.args.len() == y.args.len()
                && x.args
                    .iter()
                    .zip(&y.args)
                    .all(|(p, q)| same_ignoring_case(p, q))
        }
        (K::Member(x, m), K::Member(y, n)) => m == n && same_ignoring_case(x, y),
        (K::Index(x, i), K::Index(y, j)) => same_ignoring_case(x, y) && same_ignoring_case(i, j),
        (K::Binary(o, x, i), K::Binary(p, y, j)) => {
            o == p && same_ignoring_case(x, y) && same_ignoring_case(i, j)
        }
        _ => a.same_as(b),
    }
}

fn same_scope(a: &Option<Scope>, b: &Option<Scope>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(Scope::Resource(x, _)), Some(Scope::Resource(y, _))) => x == y,
        (Some(Scope::Expr(x)), Some(Scope::Expr(y))) => same_ignoring_case(x, y),
        _ => false,
    }
}

/// Whether both can be deployed together: always when either has no condition
/// (both deploy whenever the other's holds), else when the conditions are the
/// same. Two different conditions may exclude each other (`c` and `!c`).
fn same_condition(a: Option<&Expr>, b: Option<&Expr>) -> bool {
    match (a, b) {
        (None, _) | (_, None) => true,
        (Some(x), Some(y)) => x.same_as(y),
    }
}

fn resources(template: &Template, diags: &mut Diagnostics) {
    // Grouped by a key that equal names share (type, scope, condition, name),
    // then compared exactly within a group: linear in the number of resources.
    let mut groups: foldhash::HashMap<String, Vec<(&Resource, Vec<Segment>)>> =
        foldhash::HashMap::default();
    for resource in template
        .resources
        .iter()
        .filter(|r| !r.existing && r.copy.is_none() && !r.api_version.is_empty())
    {
        let Some(names) = segments(template, resource, 0) else {
            continue;
        };
        let mut key = resource.ty.to_ascii_lowercase();
        for segment in &names {
            key.push('/');
            match segment {
                Segment::Text(text) => key.push_str(&text.to_ascii_lowercase()),
                Segment::Expr(expr) => fingerprint(expr, &mut key),
            }
        }
        let group = groups.entry(key).or_default();
        let first = group.iter().find(|(first, other)| {
            same_scope(&first.scope, &resource.scope)
                && same_condition(first.condition.as_deref(), resource.condition.as_deref())
                && same_segments(other, &names, false)
        });
        if let Some((first, first_names)) = first {
            report(first, first_names, resource, &names, diags);
        }
        group.push((resource, names));
    }
}

/// A text that names with equal [`same_ignoring_case`] share (others may share it
/// too: it only groups candidates).
pub(crate) fn fingerprint(expr: &Expr, out: &mut String) {
    use ExprKind as K;
    match &expr.kind {
        K::Str(text) => {
            out.push('"');
            out.push_str(&text.to_ascii_lowercase());
        }
        K::Param(name) | K::Var(name) => out.push_str(name),
        K::Int(n) => out.push_str(&n.to_string()),
        K::Call(call) => {
            out.push_str(&call.name.to_ascii_lowercase());
            out.push('(');
            for arg in &call.args {
                fingerprint(arg, out);
                out.push(',');
            }
            out.push(')');
        }
        K::Member(base, name) => {
            fingerprint(base, out);
            out.push('.');
            out.push_str(name);
        }
        K::Resource(i) => out.push_str(&format!("r{i}")),
        _ => out.push('?'),
    }
}

fn report(
    first: &Resource,
    first_names: &[Segment],
    second: &Resource,
    names: &[Segment],
    diags: &mut Diagnostics,
) {
    let message = if second
        .ty
        .eq_ignore_ascii_case("Microsoft.Authorization/roleAssignments")
    {
        format!(
            "`{}` assigns the same role to the same principal on the same scope as `{}`, so both get the same name and ARM rejects the template (\"defined multiple times\"): remove one of them",
            second.symbol, first.symbol
        )
    } else {
        let case = if same_segments(first_names, names, true) {
            ""
        } else {
            " (ARM compares names ignoring case)"
        };
        format!(
            "`{}` deploys the same `{}` as `{}`: same name{case} in the same scope, which ARM rejects (\"defined multiple times\"); remove one of them or give it another name",
            second.symbol, second.ty, first.symbol
        )
    };
    diags.error(codes::DUPLICATE_RESOURCE, second.span, message);
}

/// Whether two modules certainly deploy into one scope: a deployment lives
/// in the resource group (or subscription, management group) it deploys to,
/// so one name in two scopes is two deployments (Bicep's BCP122 wants the
/// same name and scope). Scopes written differently may still be one
/// (`resourceGroup(resourceGroup().name)`): only equal ones are reported.
fn same_module_scope(a: Option<&ModuleScope>, b: Option<&ModuleScope>) -> bool {
    let same = |x: Option<&Expr>, y: Option<&Expr>| match (x, y) {
        (None, None) => true,
        (Some(x), Some(y)) => same_ignoring_case(x, y),
        _ => false,
    };
    match (a, b) {
        (None, None) => true,
        (Some(ModuleScope::ResourceGroup(s1, g1)), Some(ModuleScope::ResourceGroup(s2, g2))) => {
            same(s1.as_ref(), s2.as_ref()) && same_ignoring_case(g1, g2)
        }
        (Some(ModuleScope::Subscription(x)), Some(ModuleScope::Subscription(y))) => {
            same(x.as_ref(), y.as_ref())
        }
        (Some(ModuleScope::ManagementGroup(x)), Some(ModuleScope::ManagementGroup(y))) => {
            same_ignoring_case(x, y)
        }
        (Some(ModuleScope::Tenant), Some(ModuleScope::Tenant)) => true,
        _ => false,
    }
}

fn modules(template: &Template, diags: &mut Diagnostics) {
    let single: Vec<_> = template
        .modules
        .iter()
        .filter(|m| m.copy.is_none() && !matches!(m.name.kind, ExprKind::Invalid))
        .collect();
    for (at, second) in single.iter().enumerate() {
        if let Some(first) = single.iter().take(at).find(|first| {
            same_condition(first.condition.as_deref(), second.condition.as_deref())
                && same_ignoring_case(&first.name, &second.name)
                && same_module_scope(first.scope.as_ref(), second.scope.as_ref())
        }) {
            diags.error(codes::DUPLICATE_RESOURCE,
                second.name.span,
                format!("modules `{}` and `{}` deploy under the same deployment name in the same scope (ARM compares names ignoring case), which ARM rejects (\"defined multiple times\"): give each its own `name`", first.symbol, second.symbol),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::compile_errors as errors;

    #[test]
    fn same_type_name_and_scope_ignoring_case() {
        let found = errors(quote::quote! {
            const T;
            param p: string;
            resource a "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" { name: concat(p, "-ID"), location: "westeurope" }
            resource b "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" { name: concat(p, "-id"), location: "westeurope" }
            resource c "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" { name: concat(p, "-other"), location: "westeurope" }
        });
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("`b` deploys the same"), "{found:?}");
    }
}
