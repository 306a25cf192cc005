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
mod keyvault;
pub mod patterns;
mod rules;
pub mod schema;
mod walk;

use crate::diag::{Diagnostics, suggest};
use crate::ir::{Resource, Template};
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

/// Checks every resource of `template` against the resource type table.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    for resource in &template.resources {
        check_resource(resource, diags);
    }
}

fn check_resource(resource: &Resource, diags: &mut Diagnostics) {
    // `#[unchecked]` opts out of the table entirely, also for a known type at an
    // API version newer than the table.
    if resource.unchecked || resource.api_version.is_empty() {
        // An empty version means the type string did not parse, already reported.
        return;
    }
    let Some(ty) = lookup(&resource.ty) else {
        let hint = suggest(&resource.ty, TYPES.iter().map(|t| t.name))
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        diags.error(
            resource.type_span,
            format!(
                "unknown resource type `{}`{hint}; to deploy a type the resource table does not know, mark the resource `#[unchecked]`",
                resource.ty
            ),
        );
        return;
    };
    if !ty.has_version(&resource.api_version) {
        let hint = suggest(&resource.api_version, ty.versions.iter().copied())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        diags.error(
            resource.type_span,
            format!(
                "unknown API version `{}` of `{}`{hint}; known versions, newest first: {}",
                resource.api_version,
                ty.name,
                walk::list(ty.versions.iter().copied())
            ),
        );
        return;
    }
    if resource.existing {
        // Referenced, not deployed: its body holds only the name.
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
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

#[cfg(test)]
#[path = "error_tests.rs"]
mod error_tests;

#[cfg(test)]
#[path = "table_tests.rs"]
mod table_tests;
