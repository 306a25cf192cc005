//! Custom domains with Key Vault certificates: the identity API Management reads
//! the certificate with must be given access to the vault by this template, with a
//! role that can read secrets, and must exist before API Management does.

use crate::access::{self, Principal};
use crate::codes;
use crate::diag::Diagnostics;
use crate::ir::{ExprKind, Template};

/// Checks every read of a Key Vault secret with a managed identity.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    let symbol = |i: usize| template.resources.get(i).map_or("?", |r| r.symbol.as_str());
    // No identity to read with, whatever the vault.
    for (span, service, in_service) in access::reads_without_an_identity(template) {
        let what = if in_service { "certificate" } else { "secret" };
        let none = template
            .resources
            .get(service)
            .is_some_and(|s| s.get("identity").is_none());
        let message = if none {
            format!(
                "`{0}` has no managed identity to read this {what} with: add `identity: {{ type: \"SystemAssigned\" }}` to `{0}`, or attach a user-assigned identity and set `identityClientId: <identity>.properties.clientId`",
                symbol(service)
            )
        } else {
            format!(
                "without `identityClientId` this {what} is read with `{}`'s system-assigned identity, which it does not have: set `identityClientId: <identity>.properties.clientId`",
                symbol(service)
            )
        };
        diags.error(codes::MISSING_IDENTITY, span, message);
    }
    for domain in access::domains(template) {
        if domain.given_outside.is_some() {
            // `#[access(caller)]` / `#[access(external)]`: given elsewhere.
            continue;
        }
        let vault = symbol(domain.vault);
        let (who, principal) = match domain.principal {
            Principal::System(i) => (
                format!("the system-assigned identity of `{}`", symbol(i)),
                symbol(i),
            ),
            Principal::User(i) => (format!("`{}`", symbol(i)), symbol(i)),
        };
        let what = if domain.in_service {
            "certificate"
        } else {
            "secret"
        };
        let outside = format!(
            "if the access is given outside this template, mark `{vault}` `#[access(external)]`"
        );
        // Read with a system identity the service does not have: reported
        // above (`reads_without_an_identity`), whatever the vault.
        let no_system_identity = match domain.principal {
            Principal::System(i) => template
                .resources
                .get(i)
                .is_some_and(access::lacks_system_identity),
            Principal::User(_) => false,
        };
        let system_in_service =
            domain.in_service && matches!(domain.principal, Principal::System(_));
        if no_system_identity {
            // Reported above, for every vault.
        } else if system_in_service && !domain.granted_by.is_empty() {
            diags.error(codes::VAULT_ACCESS,
                domain.span,
                format!(
                    "API Management reads this certificate while `{principal}` is created, but {who} only exists afterwards, so its access to `{vault}` cannot come first: read it with a user-assigned identity (`identityClientId: <identity>.properties.clientId`), or bind the domain in a module that waits for the access (in the module's template, mark the vault `#[access(caller)]`)"
                ),
            );
        } else if let Some((grant, role)) = domain
            .weak_roles
            .first()
            .filter(|_| domain.granted_by.is_empty())
        {
            diags.error(codes::VAULT_ACCESS,
                domain.span,
                format!(
                    "`{}` gives {who} the role \"{role}\" on `{vault}`, which cannot read secrets: API Management needs \"Key Vault Secrets User\" (or \"Key Vault Certificate User\") to read this {what}",
                    symbol(*grant)
                ),
            );
        } else if domain.granted_by.is_empty() && system_in_service {
            diags.error(codes::VAULT_ACCESS,
                domain.span,
                format!(
                    "this certificate is read from `{vault}` by {who}, which has no access to it; that identity only exists once `{principal}` does, so the access cannot come first in this template: read it with a user-assigned identity given access here (`identityClientId: <identity>.properties.clientId`), bind the domain in a module that waits for a grant (marking the vault `#[access(caller)]` in the module's template), or, {outside}"
                ),
            );
        } else if domain.granted_by.is_empty() {
            let mode = template
                .resources
                .get(domain.vault)
                .and_then(access::vault_mode);
            let add = match mode {
                Some(access::VaultMode::Policies) => format!(
                    "add an access policy with `secrets: [\"get\"]` for {who} (`{vault}` uses access policies)"
                ),
                Some(access::VaultMode::Rbac) => format!(
                    "add `grant {principal}CanRead {{ principal: {principal}, scope: {vault} }}` (`{vault}` uses RBAC)"
                ),
                None => format!(
                    "add `grant {principal}CanRead {{ principal: {principal}, scope: {vault} }}`, or an access policy with `secrets: [\"get\"]`"
                ),
            };
            diags.error(codes::VAULT_ACCESS,
                domain.span,
                format!(
                    "this {what} is read from `{vault}` by {who}, but the template gives {who} no access to `{vault}`: {add}; {outside} (or `#[access(caller)]` when the template that deploys this one as a module gives it)"
                ),
            );
        }
    }
}

/// A warning for a certificate pinned to one version (`secretUriWithVersion`, or
/// a literal URI with a version segment): API Management then never picks up a
/// renewed certificate.
pub fn pinned(template: &Template, diags: &mut Diagnostics) {
    for apim in template
        .resources
        .iter()
        .filter(|r| !r.allow.contains(&"pinned_certificate"))
    {
        for config in access::hostname_configurations(apim) {
            let Some(key_vault_id) = access::get(config, "keyVaultId") else {
                continue;
            };
            let mut pinned = None;
            crate::ir::walk(key_vault_id, &mut |e| match &e.kind {
                ExprKind::Member(_, member) if member == "secretUriWithVersion" => {
                    pinned = Some(e.span)
                }
                ExprKind::Str(text) if versioned_uri(text) => pinned = Some(e.span),
                _ => {}
            });
            if let Some(span) = pinned {
                diags.lint(
                    span,
                    crate::diag::Lint::PinnedCertificate,
                    format!(
                        "this certificate is pinned to one version, so `{}` will not pick up its renewals: use the versionless `secretUri`, or mark `{}` `#[allow(pinned_certificate)]`",
                        apim.symbol, apim.symbol
                    ),
                );
            }
        }
    }
}

/// `https://<vault>.../secrets/<name>/<32 hex digits>`.
fn versioned_uri(text: &str) -> bool {
    let Some((_, rest)) = text.split_once("/secrets/") else {
        return false;
    };
    let mut parts = rest.trim_end_matches('/').split('/');
    let (_, version) = (parts.next(), parts.next());
    version.is_some_and(|v| v.len() == 32 && v.chars().all(|c| c.is_ascii_hexdigit()))
}
