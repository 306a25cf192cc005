//! Reads of deployed state checked against the type data: `apim.properties.gatewayUrl`,
//! `logger.properties.loggerType`, `vnet.properties.subnets[0].id` must name what
//! the type returns at its API version (read-only properties included, write-only
//! ones not), and their JSON type flows into expression checking.

use super::typed::json_ty;
use crate::codes;
use crate::diag::{Diagnostics, Leniency, did_you_mean};
use crate::graph::{CallKind, NodeKind, Nodes};
use crate::ir::{Expr, ExprKind, Resource, Template};
use crate::types::Ty;
use apim_dsl_types::{Property, Type, TypeRef};
use foldhash::{HashSet, HashSetExt};

/// One step of a read: a member name or an index.
enum Step<'e> {
    Member(&'e str, &'e Expr),
    Index(&'e Expr),
}

/// `r.a.b[0].c` as the resource and its steps (outermost last), when `expr` is
/// such a chain with at least one step below the resource's own member.
fn chain<'e>(template: &Template, expr: &'e Expr) -> Option<(usize, Vec<Step<'e>>)> {
    let mut steps = Vec::new();
    let mut at = expr;
    loop {
        match &at.kind {
            ExprKind::Member(base, name) => {
                steps.push(Step::Member(name, at));
                at = base;
            }
            ExprKind::Index(base, _) => {
                if let ExprKind::Resource(i) = base.kind
                    && template.resources.get(i).is_some_and(|r| r.copy.is_some())
                {
                    // One copy of a loop: `r[i].properties.x`.
                    at = base;
                    continue;
                }
                steps.push(Step::Index(at));
                at = base;
            }
            ExprKind::Resource(i) => {
                steps.reverse();
                return Some((*i, steps));
            }
            _ => return None,
        }
    }
}

/// Where a read leads.
enum Read {
    /// To this type.
    Type(TypeRef),
    /// Somewhere the data does not describe (free-form JSON, a union): anything.
    Open,
    /// Step `index` names nothing; the names there, when known.
    Missing(usize, Vec<&'static str>),
    /// Step `index` is a write-only property.
    WriteOnly(usize),
}

/// Follows `steps` into the type `body`. A member the data spells in
/// another case is read (ARM matches property names ignoring case); each
/// such step's index and the data's spelling are pushed to `cased`.
fn read(body: TypeRef, steps: &[Step<'_>], cased: &mut Vec<(usize, &'static str)>) -> Read {
    let mut ty = body;
    let mut lookup = |properties: &[Property], name: &str, index: usize| -> Option<Property> {
        let found = find(properties, name)?;
        if found.name != name {
            cased.push((index, found.name));
        }
        Some(*found)
    };
    for (index, step) in steps.iter().enumerate() {
        let decoded = ty.decoded();
        match (step, decoded) {
            (_, Type::Any) => return Read::Open,
            (Step::Index(_), Type::Array { item, .. }) => ty = *item,
            (Step::Index(_), Type::Object(object)) => match object.additional {
                Some(additional) => ty = additional,
                None => return Read::Open,
            },
            (Step::Member(name, _), Type::Object(object)) => {
                match lookup(&object.properties, name, index) {
                    Some(p) if p.flags.write_only() => return Read::WriteOnly(index),
                    Some(p) => ty = p.ty,
                    None => match object.additional {
                        Some(additional) => ty = additional,
                        None => return Read::Missing(index, readable(&object.properties)),
                    },
                }
            }
            (Step::Member(name, _), Type::Discriminated(d)) => {
                if let Some(p) = lookup(&d.base, name, index) {
                    if p.flags.write_only() {
                        return Read::WriteOnly(index);
                    }
                    ty = p.ty;
                    continue;
                }
                // Which shape the deployed resource has is not known here: a
                // property of several shapes is read as any of them.
                let mut all = d.base.clone();
                let mut found: Vec<Property> = Vec::new();
                for (_, element) in &d.elements {
                    if let Type::Object(object) = element.decoded() {
                        found.extend(lookup(&object.properties, name, index));
                        all.extend(object.properties.iter().cloned());
                    }
                }
                match found.as_slice() {
                    [] => return Read::Missing(index, readable(&all)),
                    [only] if only.flags.write_only() => return Read::WriteOnly(index),
                    [only] => ty = only.ty,
                    several if several.iter().all(|p| p.ty == several[0].ty) => ty = several[0].ty,
                    _ => return Read::Open,
                }
            }
            (_, Type::Union(members)) => {
                // Several shapes: follow the only object or array, if one.
                let mut shaped = members.iter().filter(|m| {
                    matches!(
                        m.decoded(),
                        Type::Object(_) | Type::Discriminated(_) | Type::Array { .. }
                    )
                });
                match (shaped.next(), shaped.next()) {
                    (Some(only), None) => {
                        let mut inner = Vec::new();
                        let read = read(*only, &steps[index..], &mut inner);
                        cased.extend(inner.into_iter().map(|(i, name)| (index + i, name)));
                        return read;
                    }
                    _ => return Read::Open,
                }
            }
            // Reading into a string, number or bool: the expression types check it.
            _ => return Read::Open,
        }
    }
    Read::Type(ty)
}

/// The property `name`: as spelled, else the only one spelled otherwise in
/// case.
fn find<'p>(properties: &'p [Property], name: &str) -> Option<&'p Property> {
    properties.iter().find(|p| p.name == name).or_else(|| {
        let mut other = properties
            .iter()
            .filter(|p| p.name.eq_ignore_ascii_case(name));
        match (other.next(), other.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    })
}

fn readable(properties: &[Property]) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = properties
        .iter()
        .filter(|p| !p.flags.write_only())
        .map(|p| p.name)
        .collect();
    names.dedup();
    names
}

/// The data's entry for a resource the checks apply to.
fn entry(resource: &Resource) -> Option<apim_dsl_types::ResourceEntry> {
    apim_dsl_types::resource(&resource.ty, &resource.api_version)
}

/// The JSON type of `expr` when it reads a resource's deployed state the data
/// describes (`apim.properties.gatewayUrl` is a string).
pub fn read_type(template: &Template, expr: &Expr) -> Option<Ty> {
    let (index, steps) = chain(template, expr)?;
    // `r.id`, `r.name`: known members, not deployed state.
    if steps.len() < 2 && !matches!(steps.first(), Some(Step::Member("properties", _))) {
        return None;
    }
    let resource = template.resources.get(index)?;
    match read(entry(resource)?.body, &steps, &mut Vec::new()) {
        Read::Type(ty) => Some(json_ty(ty.decoded(), 0)),
        _ => None,
    }
}

/// Checks every read of a resource's deployed state in `template`.
pub fn check(template: &Template, nodes: &Nodes<'_>, diags: &mut Diagnostics) {
    let mut covered: HashSet<*const Expr> = HashSet::new();
    // A chain of reads starts at a member read (a symbol alone reads nothing
    // `check_read` looks at).
    for expr in nodes.of(NodeKind::Access) {
        if covered.contains(&std::ptr::from_ref(expr)) {
            continue;
        }
        let Some((index, steps)) = chain(template, expr) else {
            continue;
        };
        for step in &steps {
            let (Step::Member(_, e) | Step::Index(e)) = step;
            covered.insert(std::ptr::from_ref::<Expr>(e));
        }
        let Some(resource) = template.resources.get(index) else {
            continue;
        };
        check_read(resource, &steps, diags);
    }
}

fn check_read(resource: &Resource, steps: &[Step<'_>], diags: &mut Diagnostics) {
    // The resource's own members (`id`, `name`, `identity.principalId`) are
    // checked with the symbol; here what lies below `properties` and the other
    // body keys.
    let Some(Step::Member(first, _)) = steps.first() else {
        return;
    };
    if crate::check::places::STATIC_MEMBERS.contains(first)
        || (*first != "properties" && steps.len() < 2)
        || (*first == "identity" && steps.len() < 3)
    {
        return;
    }
    let Some(entry) = entry(resource) else {
        return;
    };
    let kind = format!("{}@{}", entry.type_name, entry.api_version);
    let path = |upto: usize| -> String {
        let mut out = String::new();
        for step in &steps[..=upto] {
            match step {
                Step::Member(name, _) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Step::Index(_) => out.push_str("[]"),
            }
        }
        out
    };
    let mut cased = Vec::new();
    let read = read(entry.body, steps, &mut cased);
    for (index, spelled) in cased {
        if let Some(Step::Member(written, expr)) = steps.get(index) {
            diags.lint(
                expr.span,
                crate::diag::Lint::MemberCase,
                crate::check::function_members::case_message(
                    &format!("`{kind}` has the property"),
                    written,
                    spelled,
                ),
            );
        }
    }
    match read {
        // The resource's own member (`apim.Properties`) is reported with the
        // symbol (`check::members`).
        Read::Missing(0, _) => {}
        Read::Missing(index, names) => {
            let Step::Member(name, expr) = &steps[index] else {
                return;
            };
            let hint = did_you_mean(name, names.iter().copied());
            let message = if index == 1 && *first == "properties" {
                format!("`{kind}` has no property `{name}`{hint}")
            } else {
                format!("`{kind}` has no property `{}`{hint}", path(index))
            };
            // Below the resource's own members: Bicep's BCP053, a warning
            // on the type data's objects.
            diags.lenient_error(codes::INVALID_READ, expr.span, message, Leniency::TypeData);
        }
        Read::WriteOnly(index) => {
            if let Step::Member(_, expr) = &steps[index] {
                let message = format!(
                    "`{}` of `{kind}` is write-only: Azure never returns it, so it cannot be read; use the value it was given instead",
                    path(index)
                );
                // Bicep's BCP077: a warning below the resource's own members.
                if index == 0 {
                    diags.error(codes::INVALID_READ, expr.span, message);
                } else {
                    diags.lenient_error(
                        codes::INVALID_READ,
                        expr.span,
                        message,
                        Leniency::TypeData,
                    );
                }
            }
        }
        Read::Type(_) | Read::Open => {}
    }
}

/// The resource type and API version a `list*` call's first two arguments name:
/// `listKeys(storage.id, "2023-05-01")` or `listKeys(resourceId("Type", ...), "...")`.
fn list_target(template: &Template, args: &[Expr]) -> Option<(String, String)> {
    let version = args.get(1).and_then(Expr::as_str);
    match &args.first()?.kind {
        ExprKind::Member(base, member) if member == "id" => {
            let index = match &base.kind {
                ExprKind::Resource(i) => *i,
                ExprKind::Index(inner, _) => match inner.kind {
                    ExprKind::Resource(i) => i,
                    _ => return None,
                },
                _ => return None,
            };
            let resource = template.resources.get(index)?;
            let version = version.unwrap_or(&resource.api_version);
            Some((resource.ty.clone(), version.to_string()))
        }
        ExprKind::Call(call) if call.name == "resourceId" => {
            let ty = call
                .args
                .iter()
                .find_map(|a| a.as_str().filter(|t| t.contains('/')))?;
            Some((ty.trim_end_matches('/').to_string(), version?.to_string()))
        }
        _ => None,
    }
}

/// Checks every `list*` call on a resource the type data knows against the
/// type's resource functions (`listKeys`, `listSecrets`, ...).
pub fn check_list_calls(template: &Template, nodes: &Nodes<'_>, diags: &mut Diagnostics) {
    for expr in nodes.of(NodeKind::Call(CallKind::List)) {
        let ExprKind::Call(call) = &expr.kind else {
            continue;
        };
        // Only `list*` calls are listed under `CallKind::List`.
        let Some((ty, version)) = list_target(template, &call.args) else {
            continue;
        };
        let Some(type_name) = apim_dsl_types::canonical_type_name(&ty) else {
            continue;
        };
        // A deployment's secure outputs: the function Bicep writes for a
        // module's `@secure()` output (`ExpressionConverter`'s
        // `secureOutputsApi`), which the type data does not list.
        if type_name.eq_ignore_ascii_case("Microsoft.Resources/deployments")
            && call
                .name
                .eq_ignore_ascii_case("listOutputsWithSecureValues")
        {
            continue;
        }
        let mut all: Vec<apim_dsl_types::FunctionEntry> = Vec::new();
        for v in apim_dsl_types::versions(type_name) {
            all.extend(apim_dsl_types::functions(type_name, v));
        }
        // The data lists no function for the type: it may be incomplete.
        if all.is_empty() {
            continue;
        }
        let here: Vec<&str> = all
            .iter()
            .filter(|f| f.api_version.eq_ignore_ascii_case(&version))
            .map(|f| f.name)
            .collect();
        if here.iter().any(|n| n.eq_ignore_ascii_case(&call.name)) {
            continue;
        }
        let mut elsewhere: Vec<&str> = all
            .iter()
            .filter(|f| f.name.eq_ignore_ascii_case(&call.name))
            .map(|f| f.api_version)
            .collect();
        elsewhere.sort_by(|a, b| apim_dsl_types::version_order(b, a));
        elsewhere.dedup();
        let message = if let Some(newest) = elsewhere.first() {
            format!(
                "`{}` of `{type_name}` does not exist at API version `{version}`; call it with a version that has it, e.g. `{newest}`",
                call.name
            )
        } else {
            let mut names: Vec<&str> = all
                .iter()
                .map(|f| f.name)
                .filter(|n| n.to_ascii_lowercase().starts_with("list"))
                .collect();
            names.sort_unstable();
            names.dedup();
            let hint = did_you_mean(&call.name, names.iter().copied());
            let hint = if hint.is_empty() && !names.is_empty() {
                format!("; it has {}", super::walk::list(names.iter().copied()))
            } else {
                hint
            };
            format!(
                "`{type_name}` has no resource function `{}`{hint}",
                call.name
            )
        };
        // Only the type data says so: Bicep's `list*` function takes any
        // resource id and API version and checks neither (its return type
        // is `any`), and a resource's own `sym.listKeys()` is checked
        // against the same data that lags behind the providers (the
        // quickstart templates call `listKeys` of
        // `Microsoft.OperationalInsights/workspaces`, which the data does
        // not list). The macro rejects it; `check` warns, as of the other
        // findings of the data alone
        // (<https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-resource#list>).
        diags.lenient_error(
            codes::UNKNOWN_FUNCTION,
            expr.span,
            message,
            Leniency::TypeData,
        );
    }
}
