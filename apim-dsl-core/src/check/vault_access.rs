//! Access to a Key Vault in the way the vault authorizes it. With
//! `enableRbacAuthorization: true` Key Vault ignores access policies; with
//! `false` (the default when it is not set, before API version 2026-02-01) it
//! ignores role assignments for its data. Both deploy and then give no access.
//!
//! Source: the Key Vault schema, `VaultProperties.enableRbacAuthorization`:
//! "When true, the key vault will use Role Based Access Control (RBAC) for
//! authorization of data actions, and the access policies specified in vault
//! properties will be ignored. When false, the key vault will use the access
//! policies specified in vault properties, and any policy stored on Azure Resource
//! Manager will be ignored. If null or not specified, the vault is created with the
//! default value of false."

use crate::access::{self, VaultMode};
use crate::codes;
use crate::diag::Diagnostics;
use crate::ir::{Scope, Template, walk};
use crate::roles;

/// Reports access policies on RBAC vaults and data roles on access-policy vaults.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    let mode = |i: usize| template.resources.get(i).and_then(access::vault_mode);
    let symbol = |i: usize| template.resources.get(i).map_or("?", |r| r.symbol.as_str());
    for resource in template.resources.iter().filter(|r| !r.existing) {
        let ty = resource.ty.to_ascii_lowercase();
        if ty == "microsoft.keyvault/vaults/accesspolicies" {
            let Some(vault) = access::policy_vault(template, resource) else {
                continue;
            };
            if mode(vault) == Some(VaultMode::Rbac) {
                diags.error(codes::VAULT_ACCESS,
                    resource.span,
                    format!("`{}` sets `enableRbacAuthorization: true`, so Key Vault ignores access policies and `{}` gives no access: grant a role instead (`grant <name> {{ principal: <identity>, scope: {} }}`)", symbol(vault), resource.symbol, symbol(vault)),
                );
            }
        } else if ty == "microsoft.authorization/roleassignments" {
            let Some(Scope::Resource(vault, _)) = resource.scope else {
                continue;
            };
            if mode(vault) != Some(VaultMode::Policies) {
                continue;
            }
            let mut data_role = None;
            for value in super::identities::values_of(&resource.body, "roleDefinitionId") {
                walk(value, &mut |e| {
                    if let Some(role) = e.as_str().and_then(roles::lookup)
                        && role.reads_secrets
                    {
                        data_role = Some(role.name);
                    }
                });
            }
            if let Some(role) = data_role {
                diags.error(codes::VAULT_ACCESS,
                    resource.span,
                    format!("`{}` uses access policies (`enableRbacAuthorization` is false or not set), so the role \"{role}\" gives no access to its secrets: set `enableRbacAuthorization: true` on `{}`, or give the access with an access policy", symbol(vault), symbol(vault)),
                );
            }
        }
    }
}
