//! The resource types this project knows (one table entry per type), and the
//! checks of resource declarations against them: type, API version, name, property
//! names, required properties, and literal values (types, enums, lengths, shapes).
//!
//! The table is data ([`schema`]); one file per provider holds its entries, taken
//! from Microsoft's published schemas for every API version. Only values known at
//! compile time are checked: a parameter or function call passes.

mod apim;
mod authorization;
mod deployments;
mod identity;
pub mod ids;
mod keyvault;
pub mod patterns;
pub mod reads;
mod rules;
pub mod schema;
mod typed;
mod walk;

use crate::codes;
use crate::diag::{Diagnostics, Leniency, suggest};
use crate::ir::{ExprKind, Resource, Scope, Template};
use apim_dsl_types::{ResourceEntry, Scopes};
use schema::{Kind, Prop, ResourceType};

/// Every resource type the table knows.
pub static TYPES: [&ResourceType; 7] = [
    &apim::SERVICE,
    &keyvault::VAULTS,
    &keyvault::ACCESS_POLICIES,
    &keyvault::SECRETS,
    &identity::USER_ASSIGNED_IDENTITIES,
    &authorization::ROLE_ASSIGNMENTS,
    &deployments::DEPLOYMENTS,
];

/// The table entry of `ty` (exact spelling).
pub fn lookup(ty: &str) -> Option<&'static ResourceType> {
    TYPES.iter().copied().find(|t| t.name == ty)
}

/// Whether the table knows resource type `ty` (exact spelling, without version).
pub fn is_known_type(ty: &str) -> bool {
    lookup(ty).is_some()
}

/// The property names that may be written in the object at `path` below the root
/// of a resource of type `ty` at `api_version`: `[]` gives the body's keys
/// (`location`, `sku`, `properties`, ...), `["properties"]` the service properties.
/// A key naming an array stands for its elements (`["properties",
/// "hostnameConfigurations"]` gives `type`, `hostName`, ...). `None` when the type
/// or version is unknown, or the object is free-form or not an object.
pub fn property_names(ty: &str, api_version: &str, path: &[&str]) -> Option<Vec<&'static str>> {
    names_at(ty, api_version, path, false)
}

/// Like [`property_names`], with the read-only properties that Azure sets and a
/// template can read (`identity.principalId`, `properties.gatewayUrl`, ...).
pub fn readable_property_names(
    ty: &str,
    api_version: &str,
    path: &[&str],
) -> Option<Vec<&'static str>> {
    names_at(ty, api_version, path, true)
}

fn names_at(
    ty: &str,
    api_version: &str,
    path: &[&str],
    read_only: bool,
) -> Option<Vec<&'static str>> {
    let ty = lookup(ty).filter(|t| t.has_version(api_version))?;
    let visible = |p: &&Prop| p.in_version(api_version) && (read_only || !p.read_only);
    let mut props: &'static [Prop] = ty.body;
    for key in path {
        let prop = props.iter().filter(visible).find(|p| p.name == *key)?;
        props = object_props(&prop.kind)?;
    }
    Some(props.iter().filter(visible).map(|p| p.name).collect())
}

/// The properties of an object kind, looking through arrays to their elements.
fn object_props(kind: &'static Kind) -> Option<&'static [Prop]> {
    match kind {
        Kind::Object(props) => Some(props),
        Kind::Array(item, _) => object_props(item),
        _ => None,
    }
}

/// Checks every resource of `template` against the type data (and, for the
/// types and API versions the data lacks, the hand-written table).
pub fn check(template: &Template, diags: &mut Diagnostics) {
    let scope = template_scope(&template.schema);
    for resource in &template.resources {
        check_resource(template, scope, resource, diags);
    }
    scope_functions(template, scope, diags);
    module_api_versions(template, diags);
}

/// `#[apiVersion("...")]` on a module: an API version of
/// `Microsoft.Resources/deployments` that has inline templates evaluated in
/// their own scope (`expressionEvaluationOptions`, from 2019-10-01).
fn module_api_versions(template: &Template, diags: &mut Diagnostics) {
    const DEPLOYMENTS: &str = "Microsoft.Resources/deployments";
    for module in &template.modules {
        let Some((version, span)) = &module.api_version else {
            continue;
        };
        let known = apim_dsl_types::versions(DEPLOYMENTS);
        let usable: Vec<&str> = known
            .iter()
            .copied()
            .filter(|v| apim_dsl_types::version_order(v, "2019-10-01").is_ge())
            .collect();
        if usable.contains(&version.as_str()) {
            continue;
        }
        let hint = suggest(version, usable.iter().copied())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        let why = if known.contains(&version.as_str()) {
            "is older than 2019-10-01, the first to evaluate an inline template in its own scope"
        } else {
            "is not an API version of `Microsoft.Resources/deployments`"
        };
        let shown = usable.len().min(8);
        let message = format!(
            "`{version}` {why}{hint}; use one of {}, ...",
            walk::list(usable[..shown].iter().copied())
        );
        if known.contains(&version.as_str()) {
            diags.error(codes::UNKNOWN_API_VERSION, *span, message);
        } else {
            // A version the type data lacks: Bicep's BCP081, a warning.
            diags.lenient_error(
                codes::UNKNOWN_API_VERSION,
                *span,
                message,
                Leniency::TypeData,
            );
        }
    }
}

/// `resourceGroup()` in a template deployed above a resource group, and
/// `subscription()` above a subscription: ARM has no such object there ("The
/// template function 'resourceGroup' is not expected at this location").
fn scope_functions(template: &Template, scope: Scopes, diags: &mut Diagnostics) {
    let above_group = scope != Scopes::RESOURCE_GROUP;
    let above_subscription = above_group && scope != Scopes::SUBSCRIPTION;
    if !above_group {
        return;
    }
    let target = crate::resolve::target_scope_of(&template.schema);
    for expr in crate::graph::template_exprs(template) {
        crate::ir::walk(expr, &mut |e| {
            let ExprKind::Call(call) = &e.kind else {
                return;
            };
            let missing = match call.name.as_str() {
                "resourceGroup" if call.args.is_empty() => "resource group",
                "subscription" if call.args.is_empty() && above_subscription => "subscription",
                _ => return,
            };
            diags.error(codes::WRONG_SCOPE,
                e.span,
                format!(
                    "`{}()` has no {missing} to return in a template deployed to a {target} (`#[targetScope(\"{target}\")]`): name one, e.g. `{}(\"...\")` where a scope is expected, or pass what you need as a parameter",
                    call.name, call.name
                ),
            );
        });
    }
}

/// The body keys of `ty` at `api_version` that must be known before the
/// deployment starts (Bicep's deploy-time constants: `location`, `kind`, ...),
/// when the type data knows the type.
pub fn deploy_time_constants(ty: &str, api_version: &str) -> Vec<&'static str> {
    let Some(entry) = apim_dsl_types::resource(ty, api_version) else {
        return Vec::new();
    };
    match entry.body.decoded() {
        apim_dsl_types::Type::Object(body) => body
            .properties
            .iter()
            .filter(|p| p.flags.deploy_time_constant() && !p.flags.read_only())
            .map(|p| p.name)
            .collect(),
        _ => Vec::new(),
    }
}

/// Splits the legacy extension form `{resource type}/providers/{extension
/// type}` (`Microsoft.Storage/storageAccounts/providers/roleAssignments`) into
/// the resource type and the extension type's own segments
/// (`roleAssignments`), ignoring case; `None` for any other type.
///
/// Before the `scope` property, ARM deployed an extension resource onto a
/// resource with this type and a name `{resource name}/{Namespace}/{extension
/// name}` (`st1/Microsoft.Authorization/<guid>`): type and name joined give
/// the extension resource's id, `{resource id}/providers/{Namespace}/{extension
/// type}/{name}`, the form `extensionResourceId` builds ("ARM template
/// functions - resource", extensionResourceId:
/// <https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-resource#extensionresourceid>).
/// ARM still deploys it, as the 2021 quickstart templates use it; the resource
/// is the extension resource `{Namespace}/{extension type}` on that resource
/// ("Setting scope for extension resources in ARM templates":
/// <https://learn.microsoft.com/azure/azure-resource-manager/templates/scope-extension-resources>;
/// the extension types: "Resource types that extend capabilities of other
/// resources",
/// <https://learn.microsoft.com/azure/azure-resource-manager/management/extension-resource-types>).
pub fn split_legacy_extension(ty: &str) -> Option<(&str, &str)> {
    const MARK: &str = "/providers/";
    // Compared in place at each `/`: this is asked of every resource.
    let at = ty.match_indices('/').find_map(|(i, _)| {
        ty.get(i..i + MARK.len())
            .filter(|w| w.eq_ignore_ascii_case(MARK))
            .map(|_| i)
    })?;
    let (base, extension) = (&ty[..at], &ty[at + MARK.len()..]);
    let (namespace, own) = base.split_once('/')?;
    (!namespace.is_empty() && !own.is_empty() && !extension.is_empty() && !extension.contains('/'))
        .then_some((base, extension))
}

/// The legacy extension form of a resource: see [`split_legacy_extension`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyExtension<'a> {
    /// The resource type extended (`Microsoft.Storage/storageAccounts`).
    pub base: &'a str,
    /// The extension type, `{Namespace}/{extension type}`: the data's spelling
    /// when it knows it, else as written (`Microsoft.Authorization/roleAssigment`),
    /// with `*` for a namespace the name does not spell out.
    pub extension: String,
    /// Whether the type data or the hand-written table knows `extension`.
    pub known: bool,
}

/// How many `/`-separated segments the `name` of a resource with a parent
/// (`parent:`, or nested with a relative type) has: one, its own, under
/// `parent:` and for a one-segment nested type (`apis`); under `parent:`, two
/// for the legacy extension form (`Microsoft.Authorization/<guid>`); as many
/// as the relative type as written has for a nested one
/// (`blobServices/containers`: `default/container1`;
/// `databases/providers/diagnosticSettings`: `master/Microsoft.Insights/x`,
/// the `providers` segment of the type naming nothing and the namespace
/// segment of the name being in no type segment). `None` without a parent:
/// the name is then the full one.
pub fn name_segments_under_parent(resource: &Resource) -> Option<usize> {
    resource.parent?;
    Some(match &resource.written_type {
        Some(written) => written.split('/').count(),
        None => 1 + usize::from(split_legacy_extension(&resource.ty).is_some()),
    })
}

/// The legacy extension form of a resource of type `ty` named `name`: the
/// extension type's namespace is the name's segment after the resource's own
/// (`Microsoft.Authorization` of `st1/Microsoft.Authorization/<guid>`; the
/// next to last of the segments under a parent, `under_parent`, see
/// [`name_segments_under_parent`]). When it is not literal text, the one
/// extension resource type of that last segment the type data knows
/// (`roleAssignments`: `Microsoft.Authorization/roleAssignments`).
pub fn legacy_extension<'a>(
    ty: &'a str,
    name: &crate::ir::Expr,
    under_parent: Option<usize>,
) -> Option<LegacyExtension<'a>> {
    let (base, extension) = split_legacy_extension(ty)?;
    let own = base.split('/').count() - 1;
    let (count, index) = match under_parent {
        Some(count) => (count.max(2), count.max(2) - 2),
        None => (own + 2, own),
    };
    let known =
        |t: &str| apim_dsl_types::canonical_type_name(t).or_else(|| lookup(t).map(|t| t.name));
    if let Some(namespace) = crate::emit::arm_expr::literal_segment(name, count, index) {
        let written = format!("{namespace}/{extension}");
        return Some(match known(&written) {
            Some(found) => LegacyExtension {
                base,
                extension: found.to_string(),
                known: true,
            },
            None => LegacyExtension {
                base,
                extension: written,
                known: false,
            },
        });
    }
    let candidates: Vec<&'static str> = apim_dsl_types::type_names()
        .filter(|t| {
            t.split_once('/')
                .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(extension))
        })
        .filter(|t| {
            apim_dsl_types::versions(t).first().is_some_and(|v| {
                apim_dsl_types::resource(t, v)
                    .is_some_and(|e| e.writable_scopes.contains(Scopes::EXTENSION))
            })
        })
        .collect();
    Some(match candidates.as_slice() {
        [one] => LegacyExtension {
            base,
            extension: one.to_string(),
            known: true,
        },
        _ => LegacyExtension {
            base,
            extension: format!("*/{extension}"),
            known: false,
        },
    })
}

/// The hand-written table's entry for a resource of type `ty` checked as
/// `checked` (the extension type of the legacy form, else `ty` itself).
pub(super) fn hand_entry(ty: &str, checked: &str) -> Option<&'static ResourceType> {
    lookup(ty).or_else(|| split_legacy_extension(ty).and_then(|_| lookup(checked)))
}

/// Whether resources of `resource`'s type can have a managed identity: `false`
/// only when the type data knows the type and its body has no `identity`.
pub fn has_identity(resource: &Resource) -> bool {
    match apim_dsl_types::resource(&resource.ty, &resource.api_version).map(|e| e.body.decoded()) {
        Some(apim_dsl_types::Type::Object(body)) => body.property("identity").is_some(),
        _ => true,
    }
}

/// The deployment scope of a template, from its `$schema`.
pub fn template_scope(schema: &str) -> Scopes {
    use crate::eval::TargetScope;
    match TargetScope::from_schema(schema) {
        TargetScope::Subscription => Scopes::SUBSCRIPTION,
        TargetScope::ManagementGroup => Scopes::MANAGEMENT_GROUP,
        TargetScope::Tenant => Scopes::TENANT,
        _ => Scopes::RESOURCE_GROUP,
    }
}

fn check_resource(
    template: &Template,
    scope: Scopes,
    resource: &Resource,
    diags: &mut Diagnostics,
) {
    if resource.api_version.is_empty()
        || (resource.unchecked && matches!(resource.name.kind, ExprKind::Invalid))
    {
        // An empty version means the type string did not parse; an unchecked
        // resource without a name is an incomplete grant: both already reported.
        return;
    }
    let legacy = legacy_extension(
        &resource.ty,
        &resource.name,
        name_segments_under_parent(resource),
    );
    if let Some(legacy) = &legacy
        && !resource.unchecked
        && !legacy_known(legacy, resource, diags)
    {
        return;
    }
    let data_type: &str = match &legacy {
        Some(legacy) => &legacy.extension,
        None => &resource.ty,
    };
    let legacy = legacy.is_some();
    if let Some(entry) = apim_dsl_types::resource(data_type, &resource.api_version) {
        if resource.unchecked && !resource.allow.contains(&"useless_unchecked") {
            diags.lint(
                resource.type_span,
                crate::diag::Lint::UselessUnchecked,
                format!(
                    "`#[unchecked]` has no effect: the type data knows `{}@{}`, so the resource is checked; remove it (to accept one deviation from the data, use `#[accept(\"path\")]`)",
                    resource.ty, resource.api_version
                ),
            );
        }
        if !legacy {
            deploy_scope(&entry, scope, resource, diags);
        }
        if resource.existing {
            // Only the segments: the name is Azure's already.
            rules::own_segment(&resource.ty, resource, Some(diags));
            // Referenced, not deployed: its body holds only the name.
            for (_, span) in &resource.accept {
                diags.error(codes::TYPE_DATA_OVERRIDE,
                    *span,
                    "`#[accept]` accepts deviations in a deployed body; an `existing` resource has none to accept",
                );
            }
            return;
        }
        typed::name(template, &entry, resource, diags);
        typed::Typed::new(template, entry, resource, diags).body();
        if let Some(ty) = hand_entry(&resource.ty, data_type) {
            rules::rules(ty, resource, diags);
        }
        return;
    }
    let hand = hand_entry(&resource.ty, data_type).filter(|t| t.has_version(&resource.api_version));
    if let Some(ty) = hand {
        // A type and API version Azure deploys but the data lacks
        // (`Microsoft.KeyVault/vaults/accessPolicies@2015-06-01`).
        if resource.unchecked || resource.existing {
            return;
        }
        rules::name(ty, resource, diags);
        walk::Walker {
            ty,
            resource,
            version: &resource.api_version,
            diags,
        }
        .body();
        rules::rules(ty, resource, diags);
        return;
    }
    if !resource.accept.is_empty() {
        for (_, span) in &resource.accept {
            diags.error(codes::TYPE_DATA_OVERRIDE,
                *span,
                "`#[accept]` accepts deviations from the type data, which does not know this type and API version",
            );
        }
    }
    if resource.unchecked {
        // `#[unchecked]`: a type or API version the data does not know.
        return;
    }
    let known = apim_dsl_types::canonical_type_name(data_type)
        .or_else(|| lookup(data_type).map(|t| t.name));
    let Some(known) = known else {
        let hint = type_suggestion(&resource.ty)
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        // What `#[unchecked]` silences: Bicep's BCP081, a warning.
        diags.lenient_error(
            codes::UNKNOWN_RESOURCE_TYPE,
            resource.type_span,
            format!(
                "unknown resource type `{}`{hint}; to deploy a type the type data does not know, mark the resource `#[unchecked]`",
                resource.ty
            ),
            Leniency::TypeData,
        );
        return;
    };
    let mut versions = apim_dsl_types::versions(known);
    if let Some(ty) = lookup(known) {
        versions.extend(ty.versions.iter().copied());
        versions.sort_by(|a, b| apim_dsl_types::version_order(b, a));
        versions.dedup();
    }
    let hint = suggest(&resource.api_version, versions.iter().copied())
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
    let shown = versions.len().min(12);
    let more = if versions.len() > shown { ", ..." } else { "" };
    diags.lenient_error(
        codes::UNKNOWN_API_VERSION,
        resource.type_span,
        format!(
            "unknown API version `{}` of `{known}`{hint}; known versions, newest first: {}{more}",
            resource.api_version,
            walk::list(versions[..shown].iter().copied())
        ),
        Leniency::TypeData,
    );
}

/// Reports the legacy extension form of `resource` whose resource type or
/// extension type the data does not know, at the type: `false` then.
fn legacy_known(
    legacy: &LegacyExtension<'_>,
    resource: &Resource,
    diags: &mut Diagnostics,
) -> bool {
    let known = |t: &str| apim_dsl_types::canonical_type_name(t).is_some() || lookup(t).is_some();
    let mark = "; to deploy a type the type data does not know, mark the resource `#[unchecked]`";
    if !known(legacy.base) {
        let hint = suggest(legacy.base, apim_dsl_types::type_names())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        diags.lenient_error(
            codes::UNKNOWN_RESOURCE_TYPE,
            resource.type_span,
            format!(
                "unknown resource type `{}`{hint} in the legacy extension form `{}`{mark}",
                legacy.base, resource.ty
            ),
            Leniency::TypeData,
        );
        return false;
    }
    if legacy.known {
        return true;
    }
    let form = format!(
        "the legacy extension form `{}` (`<resource type>/providers/<extension type>`, named `<resource name>/<Namespace>/<name>`)",
        resource.ty
    );
    let message = match legacy.extension.strip_prefix("*/") {
        Some(own) => format!(
            "no single extension resource type is named `{own}`, in {form}: write the namespace in the name as literal text (`Microsoft.Authorization`, `Microsoft.Insights`){mark}"
        ),
        None => {
            // The namespace in the name is the likelier mistake: the one
            // extension type of that name elsewhere.
            let own = legacy.extension.rsplit('/').next().unwrap_or("");
            let mut elsewhere = apim_dsl_types::type_names().filter(|t| {
                t.matches('/').count() == 1
                    && t.rsplit('/')
                        .next()
                        .is_some_and(|o| o.eq_ignore_ascii_case(own))
            });
            let hint = match (elsewhere.next(), elsewhere.next()) {
                (Some(other), None) => format!(
                    " (`{own}` is `{other}`: write `{}` in the name)",
                    other.split('/').next().unwrap_or(other)
                ),
                _ => suggest(&legacy.extension, apim_dsl_types::type_names())
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default(),
            };
            format!(
                "unknown extension resource type `{}`{hint} in {form}{mark}",
                legacy.extension
            )
        }
    };
    diags.lenient_error(
        codes::UNKNOWN_RESOURCE_TYPE,
        resource.type_span,
        message,
        Leniency::TypeData,
    );
    false
}

/// A type deployed (or, `existing`, read) where the template's scope allows it.
fn deploy_scope(
    entry: &ResourceEntry,
    scope: Scopes,
    resource: &Resource,
    diags: &mut Diagnostics,
) {
    let (allowed, verb) = if resource.existing {
        (entry.readable_scopes, "read")
    } else {
        (entry.writable_scopes, "deployed")
    };
    if allowed.0 == 0 {
        return;
    }
    let needed = match resource.scope {
        // On another resource: checked with the other scopes (`structure`).
        Some(Scope::Resource(..)) => return,
        // Another resource group or subscription: checked where it is deployed.
        Some(Scope::Expr(_)) => return,
        None => scope,
    };
    if allowed.contains(needed) {
        return;
    }
    let names = |s: Scopes| s.names().join(", ");
    // The first template scope the type takes, as `#[targetScope]` spells it.
    let target = [
        (Scopes::RESOURCE_GROUP, "resourceGroup"),
        (Scopes::SUBSCRIPTION, "subscription"),
        (Scopes::MANAGEMENT_GROUP, "managementGroup"),
        (Scopes::TENANT, "tenant"),
    ]
    .into_iter()
    .find(|(bit, _)| allowed.contains(*bit));
    let fix = match target {
        Some((_, name)) => format!(
            ": declare it in a template with `#[targetScope(\"{name}\")]`, deployed from this one as a module if need be"
        ),
        None => ": deploy it onto a resource with `scope: <resource>`".to_string(),
    };
    diags.error(
        codes::WRONG_SCOPE,
        resource.type_span,
        format!(
            "`{}` cannot be {verb} at {} scope; it is {verb} at: {}{fix}",
            entry.type_name,
            names(needed),
            names(allowed)
        ),
    );
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

#[cfg(test)]
#[path = "error_tests.rs"]
mod error_tests;

#[cfg(test)]
#[path = "reads_tests.rs"]
mod reads_tests;

#[cfg(test)]
#[path = "table_tests.rs"]
mod table_tests;

/// The known resource type closest to the unknown `ty`, for "did you mean",
/// remembered for the process: it compares `ty` with every type the data
/// knows (tens of thousands of names), which an import of a template with
/// many resources of one private type, compiled again at each step of its
/// fixed point, did once per resource and step.
fn type_suggestion(ty: &str) -> Option<String> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static MEMO: OnceLock<Mutex<HashMap<String, Option<String>>>> = OnceLock::new();
    let memo = MEMO.get_or_init(Mutex::default);
    if let Some(known) = memo.lock().ok().and_then(|m| m.get(ty).cloned()) {
        return known;
    }
    let found = suggest(
        ty,
        apim_dsl_types::type_names().chain(TYPES.iter().map(|t| t.name)),
    )
    .map(str::to_string);
    if let Ok(mut memo) = memo.lock() {
        memo.insert(ty.to_string(), found.clone());
    }
    found
}
