//! Custom domains with Key Vault certificates: the identity API Management reads
//! the certificate with must be given access to the vault by this template, with a
//! role that can read secrets, and must exist before API Management does.

use crate::access::{self, Principal};
use crate::diag::Diagnostics;
use crate::ir::{ExprKind, Template};

/// Checks every custom domain bound to a Key Vault certificate.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    let symbol = |i: usize| template.resources.get(i).map_or("?", |r| r.symbol.as_str());
    for domain in access::domains(template) {
        let vault = symbol(domain.vault);
        let (who, principal) = match domain.principal {
            Principal::System(i) => (
                format!("the system-assigned identity of `{}`", symbol(i)),
                symbol(i),
            ),
            Principal::User(i) => (format!("`{}`", symbol(i)), symbol(i)),
        };
        let no_system_identity = match domain.principal {
            Principal::System(i) => {
                template.resources.get(i).and_then(access::system_identity) == Some(false)
            }
            Principal::User(_) => false,
        };
        if no_system_identity {
            diags.error(
                domain.span,
                format!("without `identityClientId` this certificate is read with `{principal}`'s system-assigned identity, which it does not have: set `identityClientId: <identity>.properties.clientId`"),
            );
        } else if let (Principal::System(_), false) =
            (domain.principal, domain.granted_by.is_empty())
        {
            diags.error(
                domain.span,
                format!(
                    "API Management reads this certificate while `{principal}` is created, but {who} only exists afterwards, so its access to `{vault}` cannot come first: read it with a user-assigned identity (`identityClientId: <identity>.properties.clientId`), or bind the domain in a second deployment (a module)"
                ),
            );
        } else if let Some((grant, role)) = domain
            .weak_roles
            .first()
            .filter(|_| domain.granted_by.is_empty())
        {
            diags.error(
                domain.span,
                format!(
                    "`{}` gives {who} the role \"{role}\" on `{vault}`, which cannot read secrets: API Management needs \"Key Vault Secrets User\" (or \"Key Vault Certificate User\") to read this certificate",
                    symbol(*grant)
                ),
            );
        } else if domain.granted_by.is_empty() {
            diags.error(
                domain.span,
                format!(
                    "this certificate is read from `{vault}` by {who}, but the template gives {who} no access to `{vault}`: add `grant {principal}CanRead {{ principal: {principal}, scope: {vault} }}`, or an access policy with `secrets: [\"get\"]`"
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
                diags.warn(
                    span,
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
