//! Checks on the resolved template that need more than names: types, parameter
//! constraints, secrets, where functions may be used, symbolic references, the
//! resource type table, the dependency graph and ARM's limits.

pub mod conditions;
pub mod copies;
pub mod domains;
pub mod duplicates;
pub mod evaluate;
pub mod function_members;
pub mod functions;
pub mod identities;
pub mod interpolation;
pub mod limits;
pub mod members;
pub mod module_outputs;
pub mod nested_loops;
pub mod order;
pub mod params;
pub mod places;
pub mod references;
pub mod resources;
pub mod secret_refs;
pub mod security;
pub mod service_rules;
pub mod spelling;
pub mod structure;
pub mod types;
pub mod unused;
pub mod vault_access;

use crate::codes;
use crate::diag::{Diagnostics, Leniency};
use crate::graph::{self, Node};
use crate::ir::{Dependency, ExprKind, Template};
use crate::types::Ty;
use types::Types;

/// One check: what it is called (its path in this module) and what it runs on
/// the resolved template and its list of nodes ([`graph::template_nodes`]).
pub type Pass = (
    &'static str,
    fn(&Template, &graph::Nodes<'_>, &mut Diagnostics),
);

/// Every check, in the order [`check`] runs them (the order of their
/// messages). The passes that look at each expression on its own read the
/// list of nodes instead of each walking the tree.
pub const PASSES: &[Pass] = &[
    ("order::check", |t, _, d| order::check(t, d)),
    ("duplicates::check", |t, _, d| duplicates::check(t, d)),
    ("expression_types", |t, _, d| expression_types(t, d)),
    ("functions::check", |t, _, d| functions::check(t, d)),
    ("loop_places", loop_places),
    ("secrets", |t, _, d| secrets(t, d)),
    ("places::check", |t, _, d| places::check(t, d)),
    ("members::check", |t, _, d| members::check(t, d)),
    ("references::check", references::check),
    ("function_members::check", function_members::check),
    ("conditions::check", |t, _, d| conditions::check(t, d)),
    ("structure::check", |t, _, d| structure::check(t, d)),
    ("resources::check", |t, _, d| resources::check(t, d)),
    ("resources::reads::check", resources::reads::check),
    (
        "resources::reads::check_list_calls",
        resources::reads::check_list_calls,
    ),
    ("resources::ids::check", resources::ids::check),
    ("identities::check", |t, _, d| identities::check(t, d)),
    ("secret_refs::check", |t, _, d| secret_refs::check(t, d)),
    ("domains::check", |t, _, d| domains::check(t, d)),
    ("vault_access::check", |t, _, d| vault_access::check(t, d)),
    ("service_rules::check", |t, _, d| service_rules::check(t, d)),
    ("domains::pinned", |t, _, d| domains::pinned(t, d)),
    ("dependencies", |t, _, d| dependencies(t, d)),
    ("nested_loops::check", |t, _, d| nested_loops::check(t, d)),
    ("cycles", |t, _, d| cycles(t, d)),
    ("limits::check", |t, _, d| limits::check(t, d)),
    ("copies::check", copies::check),
    ("metadata_keys", |t, _, d| metadata_keys(t, d)),
    ("unused::check", unused::check),
    ("security::check", |t, _, d| security::check(t, d)),
    ("spelling::check", |t, _, d| spelling::check(t, d)),
    ("bicep_equivalents", |_, nodes, d| {
        bicep_equivalents(nodes, d)
    }),
    ("evaluate::check", |t, _, d| evaluate::check(t, d)),
];

/// Runs every check on a resolved template ([`PASSES`], in order).
pub fn check(template: &Template, diags: &mut Diagnostics) {
    let nodes = graph::template_nodes(template);
    for (_, pass) in PASSES {
        pass(template, &nodes, diags);
    }
}

/// Functions that ARM has and Bicep does not: a template using them could not be
/// written as the Bicep the product promises.
fn bicep_equivalents(nodes: &graph::Nodes<'_>, diags: &mut Diagnostics) {
    for e in nodes.of(graph::NodeKind::Call(graph::CallKind::NoBicep)) {
        let ExprKind::Call(call) = &e.kind else {
            continue;
        };
        let message = match call.name.as_str() {
            "float" | "references" => format!(
                "`{}` has no Bicep equivalent, so this template could not be written as Bicep",
                call.name
            ),
            "parameters" | "variables" => format!(
                "`{}(...)` with a computed name has no Bicep equivalent: name the {} directly",
                call.name,
                if call.name == "parameters" {
                    "parameter"
                } else {
                    "variable"
                }
            ),
            _ => continue,
        };
        diags.lenient_error(
            codes::NO_BICEP_EQUIVALENT,
            e.span,
            message,
            crate::diag::Leniency::NoBicep,
        );
    }
}

/// Template metadata becomes Bicep `metadata <name> = ...`: each key must be a
/// Bicep identifier, and `description` comes from the doc comment.
fn metadata_keys(template: &Template, diags: &mut Diagnostics) {
    for prop in &template.metadata {
        let Some(key) = prop.key.as_lit() else {
            diags.error(
                codes::TEMPLATE_HEADER,
                prop.key_span,
                "template metadata keys must be literal names",
            );
            continue;
        };
        let mut chars = key.chars();
        let identifier = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !identifier {
            diags.error(codes::TEMPLATE_HEADER,
                prop.key_span,
                format!("template metadata key `{key}` must be an identifier (letters, digits, `_`), as Bicep writes it `metadata {key} = ...`"),
            );
        } else if key == "description" && template.description.is_some() {
            diags.error(codes::TEMPLATE_HEADER, prop.key_span, "the description is given twice: keep the doc comment or `description` in `#[metadata]`");
        }
    }
}

/// Infers the type of every expression once, reporting mismatches.
fn expression_types(template: &Template, diags: &mut Diagnostics) {
    let mut types = Types::new(template);
    for param in &template.params {
        params::check(param, &mut types, diags);
    }
    for var in &template.vars {
        types.infer(&var.value, diags);
    }
    for resource in &template.resources {
        types.expect(&resource.name, Ty::STRING, "a resource name", diags);
        if let Some(condition) = &resource.condition {
            types.expect(condition, Ty::BOOL, "a condition", diags);
        }
        if let Some(head) = &resource.copy {
            types.expect(&head.source, Ty::ARRAY, "a loop's source", diags);
        }
        for prop in &resource.body {
            types.infer(&prop.value, diags);
        }
    }
    for module in &template.modules {
        types.expect(&module.name, Ty::STRING, "a deployment name", diags);
        if let Some(condition) = &module.condition {
            types.expect(condition, Ty::BOOL, "a condition", diags);
        }
        if let Some(head) = &module.copy {
            types.expect(&head.source, Ty::ARRAY, "a loop's source", diags);
        }
        for prop in &module.params {
            types.infer(&prop.value, diags);
        }
    }
    for output in &template.outputs {
        if let ExprKind::For(..) = output.value.kind {
            types.infer(&output.value, diags);
            if output.ty.plain() != crate::ir::ParamType::Array {
                diags.error(
                    codes::TYPE_MISMATCH,
                    output.value.span,
                    format!(
                        "output `{}` is a loop, so it must be declared `array`",
                        output.name
                    ),
                );
            }
        } else {
            let what = format!("the value of output `{}`", output.name);
            types.expect(&output.value, output.ty.ty(), &what, diags);
        }
    }
}

/// A `[for ...]` loop is the value of a variable, an output or an object property
/// (as in Bicep); elsewhere `map(source, x => ...)` says the same.
fn loop_places(template: &Template, nodes: &graph::Nodes<'_>, diags: &mut Diagnostics) {
    /// `allowed`: a loop may stand here; `copies`: loops here become ARM `copy`,
    /// so a literal `copy` key beside one would collide with it.
    fn inner(expr: &crate::ir::Expr, allowed: bool, copies: bool, diags: &mut Diagnostics) {
        use ExprKind as K;
        match &expr.kind {
            K::For(head, body) => {
                if !allowed {
                    diags.error(codes::LOOP_PLACEMENT,
                        head.span,
                        "a `[for ...]` loop can only be the value of a variable, an output or an object property; use `map(source, x => ...)` here",
                    );
                }
                inner(&head.source, false, false, diags);
                inner(body, true, copies, diags);
            }
            K::Object(props) => {
                let has_loop = props.iter().any(|p| matches!(p.value.kind, K::For(..)));
                for prop in props {
                    if copies && has_loop && prop.key.as_lit() == Some("copy") {
                        diags.error(codes::LOOP_PLACEMENT,
                            prop.key_span,
                            "this object has a property loop, which ARM writes as its `copy` key: rename the `copy` property or move the loop",
                        );
                    }
                    inner(&prop.value, true, copies, diags);
                }
            }
            K::Array(items) => items.iter().for_each(|e| inner(e, false, copies, diags)),
            K::Call(call) => call.args.iter().for_each(|e| inner(e, false, false, diags)),
            K::Member(e, _) | K::Unary(_, e) | K::Lambda(_, e) => inner(e, false, false, diags),
            K::Index(a, b) | K::Binary(_, a, b) => {
                inner(a, false, false, diags);
                inner(b, false, false, diags);
            }
            K::Ternary(a, b, c) => [a, b, c].iter().for_each(|e| inner(e, false, false, diags)),
            _ => {}
        }
    }
    // Both mistakes are about loops: every place walked below is among the
    // template's nodes, so without a loop there is nothing to report.
    if !nodes.has_loops() {
        return;
    }
    for param in &template.params {
        if let Some(default) = &param.default {
            inner(default, false, false, diags);
        }
    }
    template
        .vars
        .iter()
        .for_each(|v| inner(&v.value, true, true, diags));
    template
        .outputs
        .iter()
        .for_each(|o| inner(&o.value, true, false, diags));
    for resource in &template.resources {
        inner(&resource.name, false, false, diags);
        if let Some(condition) = &resource.condition {
            inner(condition, false, false, diags);
        }
        for prop in &resource.body {
            inner(
                &prop.value,
                true,
                prop.key.as_lit() == Some("properties"),
                diags,
            );
        }
    }
    for module in &template.modules {
        module
            .params
            .iter()
            .for_each(|p| inner(&p.value, true, false, diags));
    }
}

/// Outputs must not reveal secrets: a secure parameter or a `list*` call (keys,
/// connection strings) unless the output is itself declared secure. Values only
/// derived from a secret (`empty(password)`, `length(keys)`) reveal nothing.
fn secrets(template: &Template, diags: &mut Diagnostics) {
    for output in template.outputs.iter().filter(|o| !o.ty.is_secure()) {
        let mut found = Vec::new();
        revealed(template, &output.value, &mut found, 0);
        for (span, what) in found {
            diags.lenient_error(
                codes::SECRET_EXPOSED,
                span,
                format!("output `{}` reveals {what}: deployment history shows outputs in plain text; remove it or declare the output `secureString`/`secureObject`", output.name),
                Leniency::Linter("outputs-should-not-contain-secrets"),
            );
        }
    }
}

/// The secrets whose value `expr` passes on, with what to call them. `depth`
/// counts the variables followed (cycles are reported elsewhere; the bound
/// keeps one from recursing here).
fn revealed(
    template: &Template,
    expr: &crate::ir::Expr,
    found: &mut Vec<(proc_macro2::Span, String)>,
    depth: usize,
) {
    use crate::functions::Ret;
    if depth > template.vars.len() {
        return;
    }
    let each = |exprs: &mut dyn Iterator<Item = &crate::ir::Expr>,
                found: &mut Vec<(proc_macro2::Span, String)>| {
        exprs.for_each(|e| revealed(template, e, found, depth));
    };
    match &expr.kind {
        ExprKind::Param(name)
            if template
                .params
                .iter()
                .any(|p| &p.name == name && p.ty.is_secure()) =>
        {
            found.push((expr.span, format!("the secure parameter `{name}`")));
        }
        ExprKind::Var(name) => {
            if let Some(var) = template.vars.iter().find(|v| &v.name == name) {
                let mut through = Vec::new();
                revealed(template, &var.value, &mut through, depth + 1);
                for (_, what) in through {
                    found.push((expr.span, format!("{what} through variable `{name}`")));
                }
            }
        }
        ExprKind::Call(call) if call.name.to_ascii_lowercase().starts_with("list") => {
            found.push((
                expr.span,
                format!("the result of `{}` (keys and secrets)", call.name),
            ));
        }
        // A bool or an int computed from a secret does not reveal it.
        ExprKind::Call(call) if matches!(call.function.ret, Ret::Ty(ty) if ty == Ty::BOOL || ty == Ty::INT) =>
            {}
        ExprKind::Call(call)
            if call
                .user
                .and_then(|i| template.functions.get(i))
                .is_some_and(|f| matches!(f.output.ty(), Ty::BOOL | Ty::INT)) => {}
        ExprKind::Call(call) => each(&mut call.args.iter(), found),
        ExprKind::Array(items) => each(&mut items.iter(), found),
        ExprKind::Object(props) => each(&mut props.iter().map(|p| &p.value), found),
        ExprKind::Member(base, _) | ExprKind::Index(base, _) => {
            each(&mut std::iter::once(&**base), found)
        }
        ExprKind::Ternary(_, a, b) | ExprKind::Binary(crate::ir::BinOp::Coalesce, a, b) => {
            each(&mut [&**a, &**b].into_iter(), found)
        }
        ExprKind::For(_, body) | ExprKind::Lambda(_, body) => {
            each(&mut std::iter::once(&**body), found)
        }
        _ => {}
    }
}

/// `dependsOn` entries must name resources the template deploys.
fn dependencies(template: &Template, diags: &mut Diagnostics) {
    let lists = template
        .resources
        .iter()
        .enumerate()
        .map(|(i, r)| (Node::Resource(i), &r.depends_on))
        .chain(
            template
                .modules
                .iter()
                .enumerate()
                .map(|(i, m)| (Node::Module(i), &m.depends_on)),
        );
    for (node, list) in lists {
        for dependency in list {
            let (target, span) = match dependency {
                Dependency::Resource(target, span) => (target, span),
                Dependency::Named(target, expr) => (target, &expr.span),
                Dependency::Copy {
                    resource: target,
                    span,
                    ..
                } => {
                    if template
                        .resources
                        .get(*target)
                        .is_some_and(|r| r.copy.is_none())
                    {
                        let symbol = &template.resources[*target].symbol;
                        diags.error(
                            codes::INVALID_DEPENDENCY,
                            *span,
                            format!("`{symbol}` is not declared with a loop, so it has no copies: wait for it by its symbol, `dependsOn: [{symbol}]`"),
                        );
                        continue;
                    }
                    (target, span)
                }
                Dependency::Module(target, span) => {
                    self_dependency(template, node, Node::Module(*target), *span, diags);
                    continue;
                }
                Dependency::NamedModule(target, expr) => {
                    self_dependency(template, node, Node::Module(*target), expr.span, diags);
                    continue;
                }
                _ => continue,
            };
            let Some(resource) = template.resources.get(*target) else {
                continue;
            };
            if Node::Resource(*target) == node {
                self_dependency(template, node, node, *span, diags);
            } else if resource.existing {
                diags.error(codes::EXISTING_RESOURCE,
                    *span,
                    format!("`{}` is `existing`: this template does not deploy it, so nothing can wait for it; remove it from `dependsOn`", resource.symbol),
                );
            }
        }
    }
}

/// A resource or module whose `dependsOn` names itself (`target`): ARM
/// rejects the template ("Circular dependency detected"), and the DSL would
/// drop the entry, as it drops every dependency on oneself it infers.
fn self_dependency(
    template: &Template,
    node: Node,
    target: Node,
    span: proc_macro2::Span,
    diags: &mut Diagnostics,
) {
    if target == node {
        diags.error(
            codes::DEPENDENCY_CYCLE,
            span,
            format!("`{}` cannot depend on itself", node.symbol(template)),
        );
    }
}

fn cycles(template: &Template, diags: &mut Diagnostics) {
    let Some(cycle) = graph::find_cycle(template) else {
        return;
    };
    let names: Vec<String> = cycle
        .iter()
        .map(|n| format!("`{}`", n.symbol(template)))
        .collect();
    let span = match cycle.first() {
        Some(Node::Resource(i)) => template.resources.get(*i).map(|r| r.span),
        Some(Node::Module(i)) => template.modules.get(*i).map(|m| m.span),
        None => None,
    };
    if let Some(span) = span {
        diags.error(
            codes::DEPENDENCY_CYCLE,
            span,
            format!(
                "dependency cycle: {}; ARM cannot deploy any of them first",
                names.join(" -> ")
            ),
        );
    }
}

#[cfg(test)]
mod tests;
