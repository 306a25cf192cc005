//! Service rules the resource schemas do not carry, each from its documentation.
//!
//! Tags ("Use tags to organize your Azure resources and management hierarchy"):
//! at most 50 tags per resource, tag names of at most 512 characters and values
//! of at most 256, and no `<`, `>`, `*`, `%`, `&`, `:`, `\`, `?`, `/` or `+` in a
//! name. Names starting with `hidden-` (`hidden-link:...`, the convention
//! Application Insights and portal tooling use) are left alone.
//!
//! API Management tiers ("Feature-based comparison of the Azure API Management
//! tiers", "Configure a custom domain name for your Azure API Management
//! instance"): availability zones and additional locations need Premium (or
//! Premium v2); virtual network injection needs Developer, Premium, Premium v2 or
//! Isolated (outbound integration, `External`, also Standard v2); the Consumption
//! tier has only the gateway endpoint, so only `Proxy` host names; only Developer
//! and Premium (and Premium v2, Isolated) take several gateway host names.
//!
//! Module deployment names (the `Microsoft.Resources/deployments` name rule): at
//! most 64 characters of letters, digits, `-`, `_`, `.`, `(` and `)`.
//!
//! Role assignments ("Assign Azure roles using Azure Resource Manager
//! templates"): `roleDefinitionId` is a role definition's resource id,
//! `/subscriptions/{id}/providers/Microsoft.Authorization/roleDefinitions/{GUID}`
//! (or `/providers/...` for a tenant-level one), or built by
//! `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', GUID)`; the
//! deployment fails on any other text ("The role definition ... is not valid").

use super::identities::object;
use crate::codes;
use crate::diag::Diagnostics;
use crate::ir::{Expr, ExprKind, Key, Prop, Resource, Template};

/// Most tags on one resource.
pub const MAX_TAGS: usize = 50;
/// Longest tag name.
pub const MAX_TAG_NAME: usize = 512;
/// Longest tag value.
pub const MAX_TAG_VALUE: usize = 256;
/// Characters a tag name cannot hold.
pub const TAG_NAME_FORBIDDEN: [char; 10] = ['<', '>', '*', '%', '&', ':', '\\', '?', '/', '+'];

/// Longest deployment name.
pub const MAX_DEPLOYMENT_NAME: usize = 64;

/// Checks tags on every deployed resource, the API Management tier rules and
/// module deployment names.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    for module in &template.modules {
        deployment_name(&module.name, diags);
    }
    for resource in template.resources.iter().filter(|r| !r.existing) {
        if let Some(tags) = resource.get("tags") {
            // The resource table checks a known type's tag values itself.
            let values = resource.unchecked || !super::resources::is_known_type(&resource.ty);
            self::tags(tags, values, diags);
        }
        if resource
            .ty
            .eq_ignore_ascii_case("Microsoft.ApiManagement/service")
        {
            tier(resource, diags);
        }
        // The legacy extension form is checked as its extension type.
        let legacy = super::resources::legacy_extension(
            &resource.ty,
            &resource.name,
            super::resources::name_segments_under_parent(resource),
        );
        let checked = legacy
            .as_ref()
            .map_or(resource.ty.as_str(), |legacy| legacy.extension.as_str());
        if checked.eq_ignore_ascii_case("Microsoft.Authorization/roleAssignments")
            && let Some(id) = resource
                .get("properties")
                .and_then(object)
                .and_then(|props| get(props, "roleDefinitionId"))
        {
            role_definition_id(&id.value, diags);
        }
    }
}

fn tags(tags: &Expr, values: bool, diags: &mut Diagnostics) {
    let Some(props) = object(tags) else {
        return;
    };
    if let Some(extra) = props.get(MAX_TAGS) {
        diags.error(codes::INVALID_TAGS,
            extra.key_span,
            format!(
                "a resource takes at most {MAX_TAGS} tags, this is tag number {}: merge tags or move some into one JSON-valued tag",
                MAX_TAGS + 1
            ),
        );
    }
    for prop in props {
        if let Key::Lit(name) = &prop.key {
            let length = name.chars().count();
            if length > MAX_TAG_NAME {
                diags.error(
                    codes::INVALID_TAGS,
                    prop.key_span,
                    format!(
                        "this tag name is {length} characters long, Azure allows {MAX_TAG_NAME}"
                    ),
                );
            } else if let Some(bad) = name
                .chars()
                .find(|c| TAG_NAME_FORBIDDEN.contains(c))
                .filter(|_| !name.to_ascii_lowercase().starts_with("hidden-"))
            {
                diags.error(codes::INVALID_TAGS,
                    prop.key_span,
                    format!("tag name `{name}` contains `{bad}`, which Azure does not allow in tag names (none of `< > * % & : \\ ? / +`)"),
                );
            }
        }
        if let ExprKind::Str(value) = &prop.value.kind
            && values
        {
            let length = value.chars().count();
            if length > MAX_TAG_VALUE {
                diags.error(
                    codes::INVALID_TAGS,
                    prop.value.span,
                    format!(
                        "this tag value is {length} characters long, Azure allows {MAX_TAG_VALUE}"
                    ),
                );
            }
        }
    }
}

fn get<'a>(props: &'a [Prop], key: &str) -> Option<&'a Prop> {
    props.iter().find(|p| p.key.as_lit() == Some(key))
}

fn is_one_of(sku: &str, tiers: &[&str]) -> bool {
    tiers.iter().any(|t| t.eq_ignore_ascii_case(sku))
}

fn non_empty(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Array(items) => !items.is_empty(),
        ExprKind::Null => false,
        _ => true,
    }
}

/// The tier rules of one API Management service with a literal `sku.name`.
fn tier(resource: &Resource, diags: &mut Diagnostics) {
    let Some(sku) = resource
        .get("sku")
        .and_then(object)
        .and_then(|s| get(s, "name"))
        .and_then(|p| p.value.as_str())
    else {
        return;
    };
    let symbol = &resource.symbol;
    let premium = ["Premium", "PremiumV2"];
    if let Some(zones) = resource
        .body
        .iter()
        .find(|p| p.key.as_lit() == Some("zones"))
        .filter(|p| non_empty(&p.value) && !is_one_of(sku, &premium))
    {
        diags.error(codes::SERVICE_TIER,
            zones.key_span,
            format!("availability zones need the Premium tier, `{symbol}` is `{sku}`: remove `zones` or use `sku.name: \"Premium\"`"),
        );
    }
    let properties = resource.get("properties").and_then(object).unwrap_or(&[]);
    if let Some(locations) = get(properties, "additionalLocations")
        .filter(|p| non_empty(&p.value) && !is_one_of(sku, &premium))
    {
        diags.error(codes::SERVICE_TIER,
            locations.key_span,
            format!("additional locations (multi-region deployment) need the Premium tier, `{symbol}` is `{sku}`: remove `additionalLocations` or use `sku.name: \"Premium\"`"),
        );
    }
    if let Some(network) = get(properties, "virtualNetworkType") {
        let tiers: &[&str] = match network.value.as_str() {
            Some(t) if t.eq_ignore_ascii_case("External") => &[
                "Developer",
                "Premium",
                "PremiumV2",
                "Isolated",
                "StandardV2",
            ],
            Some(t) if t.eq_ignore_ascii_case("Internal") => {
                &["Developer", "Premium", "PremiumV2", "Isolated"]
            }
            _ => &[],
        };
        if !tiers.is_empty() && !is_one_of(sku, tiers) {
            let network_type = network.value.as_str().unwrap_or_default();
            diags.error(codes::SERVICE_TIER,
                network.value.span,
                format!("a virtual network (`{network_type}`) needs one of the tiers {}, `{symbol}` is `{sku}`", tiers.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")),
            );
        }
    }
    let configs = crate::access::hostname_configurations(resource);
    let kind = |config: &[Prop]| {
        get(config, "type").and_then(|p| p.value.as_str().map(|t| (t.to_string(), p.value.span)))
    };
    if sku.eq_ignore_ascii_case("Consumption") {
        for config in &configs {
            if let Some((ty, span)) = kind(config).filter(|(t, _)| !t.eq_ignore_ascii_case("Proxy"))
            {
                diags.error(codes::SERVICE_TIER,
                    span,
                    format!("the Consumption tier has only the gateway endpoint, so only `Proxy` host names; `{symbol}` cannot take a `{ty}` host name"),
                );
            }
            if let Some(host) =
                get(config, "hostName").and_then(|p| p.value.as_str().map(|h| (h, p.value.span)))
                && host.0.starts_with("*.")
            {
                diags.error(
                    codes::SERVICE_TIER,
                    host.1,
                    "wildcard host names are supported in every tier except Consumption",
                );
            }
        }
    }
    let several = ["Developer", "Premium", "PremiumV2", "Isolated"];
    if !is_one_of(sku, &several) {
        // The service's own `*.azure-api.net` entry (exported templates list
        // it, with `certificateSource: BuiltIn`) is not a custom host name.
        let default_host = |c: &&_| {
            let host = get(c, "hostName").and_then(|p| p.value.as_str());
            let source = get(c, "certificateSource").and_then(|p| p.value.as_str());
            host.is_some_and(|h| h.to_ascii_lowercase().ends_with(".azure-api.net"))
                || source.is_some_and(|s| s.eq_ignore_ascii_case("BuiltIn"))
        };
        let mut proxies = configs
            .iter()
            .filter(|c| !default_host(c))
            .filter_map(|c| kind(c))
            .filter(|(t, _)| t.eq_ignore_ascii_case("Proxy"));
        if let (Some(_), Some((_, span))) = (proxies.next(), proxies.next()) {
            diags.error(codes::SERVICE_TIER,
                span,
                format!("several gateway (`Proxy`) host names need the Developer or Premium tier, `{symbol}` is `{sku}`"),
            );
        }
    }
}

fn deployment_name(name: &Expr, diags: &mut Diagnostics) {
    let valid = |c: char| c.is_alphanumeric() || "-_.()".contains(c);
    let literals: Vec<&Expr> = match &name.kind {
        ExprKind::Str(_) => vec![name],
        ExprKind::Call(call)
            if call.name.eq_ignore_ascii_case("concat")
                || call.name.eq_ignore_ascii_case("format") =>
        {
            call.args.iter().filter(|a| a.as_str().is_some()).collect()
        }
        _ => Vec::new(),
    };
    for literal in literals {
        let Some(text) = literal.as_str() else {
            continue;
        };
        // A `format` pattern's placeholders are not part of the name.
        let text: String = text.split(['{', '}']).step_by(2).collect();
        if let Some(bad) = text.chars().find(|c| !valid(*c)) {
            diags.error(codes::DEPLOYMENT_NAME,
                literal.span,
                format!("a deployment name holds only letters, digits, `-`, `_`, `.`, `(` and `)`, not `{bad}`"),
            );
        }
    }
    if let Some(text) = name.as_str() {
        let length = text.chars().count();
        if length > MAX_DEPLOYMENT_NAME {
            diags.error(codes::DEPLOYMENT_NAME,
                name.span,
                format!("this deployment name is {length} characters long, ARM allows {MAX_DEPLOYMENT_NAME}"),
            );
        } else if length == 0 {
            diags.error(
                codes::DEPLOYMENT_NAME,
                name.span,
                "a deployment name cannot be empty",
            );
        }
    }
}

/// A role assignment's `roleDefinitionId` written as text, or built from a GUID
/// written as text: the GUID must be one.
fn role_definition_id(id: &Expr, diags: &mut Diagnostics) {
    const ROLE_DEFINITIONS: &str = "Microsoft.Authorization/roleDefinitions";
    let fix = "a role definition's GUID (`subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '<GUID>')`), or a `grant`, which takes a built-in role by name";
    match &id.kind {
        ExprKind::Str(text) => {
            let lower = text.to_ascii_lowercase();
            let marker = format!("/providers/{}/", ROLE_DEFINITIONS.to_ascii_lowercase());
            let valid = lower.split_once(&marker).is_some_and(|(scope, guid)| {
                crate::roles::is_guid(guid)
                    && (scope.is_empty()
                        || scope
                            .strip_prefix("/subscriptions/")
                            .is_some_and(crate::roles::is_guid))
            });
            if !valid {
                diags.error(
                    codes::PATTERN_MISMATCH,
                    id.span,
                    format!(
                        "`{text}` is not a role definition's resource id (`/subscriptions/<id>/providers/{ROLE_DEFINITIONS}/<GUID>`): write {fix}"
                    ),
                );
            }
        }
        ExprKind::Call(call)
            if call.user.is_none()
                && matches!(
                    call.name.as_str(),
                    "subscriptionResourceId"
                        | "resourceId"
                        | "tenantResourceId"
                        | "managementGroupResourceId"
                )
                && call.args.iter().any(|a| {
                    a.as_str()
                        .is_some_and(|t| t.eq_ignore_ascii_case(ROLE_DEFINITIONS))
                }) =>
        {
            if let Some(last) = call.args.last()
                && let Some(guid) = last.as_str()
                && !crate::roles::is_guid(guid)
            {
                diags.error(
                    codes::PATTERN_MISMATCH,
                    last.span,
                    format!("`{guid}` is not a GUID: `roleDefinitionId` names {fix}"),
                );
            }
        }
        _ => {}
    }
}
