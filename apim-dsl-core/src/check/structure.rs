//! How resources hang together: `parent` must be the type one level up (the
//! child's name segments are checked with the type data); `scope: sym` only
//! on extension resources; `scope: resourceGroup(...)` only on `existing` ones.

use crate::codes;
use crate::diag::Diagnostics;
use crate::emit::arm_expr::MAX_NAME_DEPTH;
use crate::graph::{Node, VarRefs};
use crate::ir::{ExprKind, ModuleScope, Resource, Scope, Template};

/// Resource types deployed onto another resource (`scope: sym`).
const EXTENSION_PROVIDERS: [&str; 3] = [
    "Microsoft.Authorization/",
    "Microsoft.Insights/",
    "Microsoft.Resources/tags",
];

/// Checks parents, scopes and child names.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    names(template, diags);
    loop_names(template, diags);
    for resource in &template.resources {
        parent(template, resource, diags);
        scope(template, resource, diags);
        existing_body(resource, diags);
        template_link(resource, diags);
    }
}

fn parent(template: &Template, child: &Resource, diags: &mut Diagnostics) {
    let Some((index, span)) = child.parent else {
        return;
    };
    let Some(parent) = template.resources.get(index) else {
        return;
    };
    // `#[unchecked]` turns off what rests on knowing the type; a type nobody
    // knows (a typo) is reported as such, not again for each child.
    let known = |ty: &str| {
        apim_dsl_types::canonical_type_name(ty).is_some() || super::resources::is_known_type(ty)
    };
    if child.unchecked || !known(&parent.ty) || !known(&child.ty) {
        return;
    }
    let expected = child
        .ty
        .rsplit_once('/')
        .map(|(head, _)| head)
        .filter(|head| head.contains('/'));
    // A relative type of several segments nested in its parent
    // (`blobServices/containers`) is below the parent's type by construction.
    let relative = child.written_type.as_ref().is_some_and(|w| w.contains('/'));
    if !relative && expected.is_none_or(|head| !head.eq_ignore_ascii_case(&parent.ty)) {
        let wanted = match expected {
            Some(head) => format!("a `{head}`"),
            None => "nothing: it is not a child resource type".to_string(),
        };
        diags.error(codes::INVALID_PARENT,
            span,
            format!(
                "`{}` of type `{}` cannot be the parent of `{}` (`{}`): its parent must be {wanted}",
                parent.symbol, parent.ty, child.symbol, child.ty
            ),
        );
    }
    if !child.existing && matches!(parent.scope, Some(Scope::Expr(_))) {
        diags.error(codes::INVALID_PARENT,
            span,
            format!(
                "`{}` is in another resource group and a template deploys only into its own, so `{}` cannot be deployed under it here: declare it in a module deployed to that group",
                parent.symbol, child.symbol
            ),
        );
    }
    // Nested in a looped resource, a resource has its loop, one copy under
    // each copy of the parent (see `resolve::items::resource_tree`); a loop
    // of its own there is already an error (ARM has no loops in nested
    // resources), which this would only repeat.
    if parent.copy.is_some() && child.nested_in != Some(index) {
        diags.error(
            codes::INVALID_PARENT,
            span,
            format!(
                "`{}` is declared with a loop; a parent must be a single resource",
                parent.symbol
            ),
        );
    }
}

fn scope(template: &Template, resource: &Resource, diags: &mut Diagnostics) {
    match &resource.scope {
        Some(Scope::Resource(target, span)) => {
            if let Some(on) = template.resources.get(*target) {
                let root_scope = lineage_root(template, *target).and_then(|r| r.scope.as_ref());
                if matches!(root_scope, Some(Scope::Expr(_))) {
                    diags.error(codes::INVALID_SCOPE,
                        *span,
                        format!("`{}` is in another resource group and a template deploys only into its own: deploy `{}` from a module in that group (`module m = TEMPLATE {{ scope: resourceGroup(\"...\"), params: {{ ... }} }}`)", on.symbol, resource.symbol),
                    );
                } else if on.copy.is_some() {
                    diags.error(
                        codes::INVALID_SCOPE,
                        *span,
                        format!(
                            "`{}` is declared with a loop: a scope must be a single resource",
                            on.symbol
                        ),
                    );
                }
            }
            // The type data says where a type deploys; the provider list serves
            // types and versions it lacks.
            let extension = match apim_dsl_types::resource(&resource.ty, &resource.api_version) {
                Some(entry) => entry
                    .writable_scopes
                    .contains(apim_dsl_types::Scopes::EXTENSION),
                None => EXTENSION_PROVIDERS
                    .iter()
                    .any(|p| resource.ty.starts_with(p)),
            };
            if !extension && !resource.unchecked {
                diags.error(codes::INVALID_SCOPE,
                    *span,
                    format!(
                        "`{}` is not an extension resource type, so it cannot be deployed onto `{}`; only role assignments, locks, diagnostic settings and the like take `scope: <resource>`",
                        resource.ty,
                        template.resources.get(*target).map_or("?", |r| r.symbol.as_str())
                    ),
                );
            }
        }
        Some(Scope::Expr(expr)) => {
            let is_group = matches!(&expr.kind, ExprKind::Call(call) if call.name == "resourceGroup" && !call.args.is_empty());
            // An id or a string that names no resource of the template is
            // reported where scopes are matched (`resolve::depends`).
            let deployment_scope = matches!(&expr.kind, ExprKind::Call(call) if ["resourceGroup", "subscription", "managementGroup", "tenant"].contains(&call.name.as_str()));
            if !resource.existing {
                if deployment_scope {
                    diags.error(codes::INVALID_SCOPE,
                        expr.span,
                        "only an `existing` resource can live in another resource group; to deploy there, declare a module",
                    );
                }
            } else if !is_group {
                diags.error(codes::INVALID_SCOPE,
                    expr.span,
                    "the scope of an `existing` resource is `resourceGroup(\"name\")` or `resourceGroup(\"subscriptionId\", \"name\")`",
                );
            }
        }
        None => {}
    }
}

/// An `existing` resource is only looked up: anything but its name, parent and
/// scope would be silently ignored by ARM (and is an error in Bicep).
fn existing_body(resource: &Resource, diags: &mut Diagnostics) {
    if !resource.existing {
        return;
    }
    for prop in &resource.body {
        diags.error(codes::EXISTING_RESOURCE,
            prop.key_span,
            format!(
                "`{}` is `existing`: it is only looked up, so `{}` would be ignored; keep `name`, `parent` and `scope`",
                resource.symbol,
                prop.key.as_lit().unwrap_or("this key")
            ),
        );
    }
}

/// A nested deployment's linked template (and parameters) must come over https:
/// over plain http anyone on the way can change what is deployed.
fn template_link(resource: &Resource, diags: &mut Diagnostics) {
    if !resource
        .ty
        .eq_ignore_ascii_case("Microsoft.Resources/deployments")
    {
        return;
    }
    let Some(ExprKind::Object(properties)) = resource.get("properties").map(|p| &p.kind) else {
        return;
    };
    for link in ["templateLink", "parametersLink"] {
        let uri = properties
            .iter()
            .find(|p| p.key.as_lit() == Some(link))
            .and_then(|p| match &p.value.kind {
                ExprKind::Object(props) => props.iter().find(|p| p.key.as_lit() == Some("uri")),
                _ => None,
            });
        if let Some(uri) = uri
            && let Some(text) = uri.value.as_str()
            && text
                .get(..7)
                .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"))
        {
            diags.error(codes::INVALID_MODULE,
                uri.value.span,
                format!("`{link}.uri` uses plain http: anyone between ARM and the server could change the template; use https, or declare the template here and use it as a module"),
            );
        }
    }
}

/// What a resource's ID is spelled from: the resources named in its `name` (also
/// through variables), its parent and its scope.
fn name_sources<'t>(vars: &mut VarRefs<'t>, resource: &'t Resource) -> Vec<usize> {
    let mut found: Vec<usize> = Vec::new();
    let mut exprs = vec![&resource.name];
    if let Some(Scope::Expr(scope)) = &resource.scope {
        exprs.push(scope);
    }
    for expr in exprs {
        for node in vars.refs(expr) {
            if let Node::Resource(i) = node {
                found.push(i);
            }
        }
    }
    found.extend(resource.parent.map(|(p, _)| p));
    if let Some(Scope::Resource(target, _)) = resource.scope {
        found.push(target);
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// A resource's name (with its parent and scope) must not depend on itself, and
/// may be spelled from other names at most [`MAX_NAME_DEPTH`] deep.
fn names(template: &Template, diags: &mut Diagnostics) {
    let mut vars = VarRefs::new(template);
    let sources: Vec<Vec<usize>> = template
        .resources
        .iter()
        .map(|r| name_sources(&mut vars, r))
        .collect();
    // Depth-first, iteratively: 0 = new, 1 = on the path, 2 = done (depth known).
    let mut state = vec![0u8; sources.len()];
    let mut depth = vec![0usize; sources.len()];
    for start in 0..sources.len() {
        if state[start] != 0 {
            continue;
        }
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&(node, next)) = path.last() {
            match sources[node].get(next) {
                Some(&target) => {
                    if let Some(last) = path.last_mut() {
                        last.1 += 1;
                    }
                    match state.get(target).copied() {
                        Some(0) => {
                            state[target] = 1;
                            path.push((target, 0));
                        }
                        Some(1) => {
                            let from = path.iter().position(|(n, _)| *n == target).unwrap_or(0);
                            let cycle: Vec<String> = path[from..]
                                .iter()
                                .map(|(n, _)| format!("`{}`", template.resources[*n].symbol))
                                .chain(std::iter::once(format!(
                                    "`{}`",
                                    template.resources[target].symbol
                                )))
                                .collect();
                            diags.error(
                                codes::DEPENDENCY_CYCLE,
                                template.resources[target].span,
                                format!(
                                    "the name of `{}` depends on itself: {}",
                                    template.resources[target].symbol,
                                    cycle.join(" -> ")
                                ),
                            );
                            return;
                        }
                        _ => {}
                    }
                }
                None => {
                    depth[node] = sources[node]
                        .iter()
                        .map(|t| depth[*t] + 1)
                        .max()
                        .unwrap_or(0);
                    state[node] = 2;
                    path.pop();
                    if depth[node] > MAX_NAME_DEPTH {
                        diags.error(codes::TEMPLATE_LIMIT,
                            template.resources[node].span,
                            format!("the name of `{}` is spelled from more than {MAX_NAME_DEPTH} other names in a row: spell it from parameters and variables", template.resources[node].symbol),
                        );
                        return;
                    }
                }
            }
        }
    }
}

/// Each copy of a loop needs its own resource id: its name or its scope must
/// use the loop variable (or index), or every copy would overwrite the same
/// resource. As Bicep's BCP179 ("the loop item variable or the index variable
/// must be referenced in at least one of the value expressions of the
/// following properties in the loop body: name, scope"): copies of one name
/// in a resource group each are different resources.
fn loop_names(template: &Template, diags: &mut Diagnostics) {
    let uses = |expr: &crate::ir::Expr, id: usize| expr.reads_loop(id);
    // A resource nested in a looped one has its loop: its full name holds the
    // parent's, which must use the loop variable itself, and is checked
    // there when the parent is deployed. An `existing` parent is not
    // checked (it is only read, and its copies may share a name), so its
    // children are exempt only when its name or scope, or those of its own
    // parent of the loop, use the loop: else every copy of the child would
    // get one full name. (Decided from the resource at hand and its
    // parents: a search of all resources per resource made this check
    // quadratic.)
    let inherited = |r: &Resource| {
        let mut current = r;
        for _ in 0..template.resources.len() {
            let Some(p) = current.parent.and_then(|(p, _)| template.resources.get(p)) else {
                return false;
            };
            let (Some(a), Some(b)) = (&p.copy, &current.copy) else {
                return false;
            };
            if a.id != b.id {
                return false;
            }
            let scope_uses = matches!(&p.scope, Some(Scope::Expr(e)) if uses(e, a.id));
            if !p.existing || uses(&p.name, a.id) || scope_uses {
                return true;
            }
            current = p;
        }
        false
    };
    let named = template
        .resources
        .iter()
        .filter(|r| !r.existing && !inherited(r))
        .map(|r| {
            let scope = match &r.scope {
                Some(Scope::Expr(e)) => vec![&**e],
                _ => Vec::new(),
            };
            (&r.symbol, &r.name, r.copy.as_deref(), scope)
        })
        .chain(template.modules.iter().map(|m| {
            let scope = match &m.scope {
                Some(ModuleScope::ResourceGroup(subscription, group)) => {
                    subscription.iter().chain([group]).collect()
                }
                Some(ModuleScope::Subscription(id)) => id.iter().collect(),
                Some(ModuleScope::ManagementGroup(id)) => vec![id],
                Some(ModuleScope::Tenant) | None => Vec::new(),
            };
            (&m.symbol, &m.name, m.copy.as_deref(), scope)
        }));
    for (symbol, name, copy, scope) in named {
        if let Some(head) = copy
            && !matches!(name.kind, ExprKind::Invalid)
            && !uses(name, head.id)
            && !scope.iter().any(|e| uses(e, head.id))
        {
            diags.error(codes::SAME_NAME_IN_LOOP,
                name.span,
                format!("every copy of `{symbol}` would get this same name in the same scope: use the loop variable `{}` in `name` (or in `scope`)", head.item),
            );
        }
    }
}

/// The root parent of a resource (itself without a parent).
fn lineage_root(template: &Template, index: usize) -> Option<&Resource> {
    let mut current = template.resources.get(index)?;
    for _ in 0..template.resources.len() {
        match current.parent.and_then(|(p, _)| template.resources.get(p)) {
            Some(parent) => current = parent,
            None => break,
        }
    }
    Some(current)
}
