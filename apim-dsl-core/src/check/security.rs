//! Security lints (warnings): Key Vault access broader than reading needs.
//! `#[allow(broad_access)]` on the resource or grant silences them.

use crate::diag::Diagnostics;
use crate::ir::{Expr, ExprKind, Prop, Resource, Scope, Template, walk};
use crate::roles;

/// Roles that give far more than reading secrets or certificates.
const BROAD_ROLES: [&str; 3] = ["Owner", "Contributor", "Key Vault Administrator"];

/// Warns about over-broad Key Vault access.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    for resource in template
        .resources
        .iter()
        .filter(|r| !r.allow.contains(&"broad_access"))
    {
        let ty = resource.ty.to_ascii_lowercase();
        if ty == "microsoft.keyvault/vaults/accesspolicies" || ty == "microsoft.keyvault/vaults" {
            access_policies(resource, diags);
        } else if ty == "microsoft.authorization/roleassignments" {
            role_assignment(template, resource, diags);
        }
    }
}

fn get<'a>(props: &'a [Prop], key: &str) -> Option<&'a Expr> {
    props
        .iter()
        .find(|p| p.key.as_lit() == Some(key))
        .map(|p| &p.value)
}

fn object(expr: &Expr) -> &[Prop] {
    match &expr.kind {
        ExprKind::Object(props) => props,
        _ => &[],
    }
}

/// `all` in an access policy's permissions.
fn access_policies(resource: &Resource, diags: &mut Diagnostics) {
    let Some(entries) = resource
        .get("properties")
        .and_then(|p| get(object(p), "accessPolicies"))
    else {
        return;
    };
    let ExprKind::Array(entries) = &entries.kind else {
        return;
    };
    for entry in entries {
        let Some(permissions) = get(object(entry), "permissions") else {
            continue;
        };
        for category in object(permissions) {
            let ExprKind::Array(values) = &category.value.kind else {
                continue;
            };
            for value in values {
                if value
                    .as_str()
                    .is_some_and(|v| v.eq_ignore_ascii_case("all"))
                {
                    diags.lint(
                        value.span,
                        crate::diag::Lint::BroadAccess,
                        format!(
                            "over-broad Key Vault access: `all` grants every {} permission, including delete and purge; grant only what is read (API Management needs `get` on secrets), or mark the resource `#[allow(broad_access)]`",
                            category.key.as_lit().unwrap_or("such")
                        ),
                    );
                }
            }
        }
    }
}

/// A broad role assigned on a Key Vault.
fn role_assignment(template: &Template, resource: &Resource, diags: &mut Diagnostics) {
    let Some(Scope::Resource(scope, _)) = resource.scope else {
        return;
    };
    let on_vault = template
        .resources
        .get(scope)
        .is_some_and(|r| r.ty.eq_ignore_ascii_case("Microsoft.KeyVault/vaults"));
    if !on_vault {
        return;
    }
    let Some(definition) = resource
        .get("properties")
        .and_then(|p| get(object(p), "roleDefinitionId"))
    else {
        return;
    };
    let mut broad = None;
    walk(definition, &mut |e| {
        if let Some(role) = e.as_str().and_then(roles::lookup)
            && BROAD_ROLES.contains(&role.name)
        {
            broad = Some((role.name, e.span));
        }
    });
    if let Some((role, span)) = broad {
        diags.lint(
            span,
            crate::diag::Lint::BroadAccess,
            format!(
                "over-broad Key Vault access: \"{role}\" on `{}` can change and delete everything in it; to read certificates, \"Key Vault Secrets User\" is enough (or mark `{}` `#[allow(broad_access)]`)",
                template.resources.get(scope).map_or("?", |r| r.symbol.as_str()),
                resource.symbol
            ),
        );
    }
}
