//! Custom domains with Key Vault certificates: the identity API Management reads
//! the certificate with must be given access to the vault by this template, with a
//! role that can read secrets, and must exist before API Management does.

use crate::access::{self, Principal};
use crate::diag::Diagnostics;
use crate::ir::Template;

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
        if let (Principal::System(_), false) = (domain.principal, domain.granted_by.is_empty()) {
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
