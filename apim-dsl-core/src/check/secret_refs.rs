//! Key Vault references: `keyVaultId` (custom domains) and `secretIdentifier`
//! (the `keyVault` of named values, certificates and the like) must be a secret's
//! URI, `https://<vault>.vault.azure.net/secrets/<name>[/<version>]`. The
//! certificate's own URL (`/certificates/`), the vault's URI alone or an ARM
//! resource id deploy, and then fail when API Management reads them.
//!
//! Source: the API Management schemas (`HostnameConfiguration.keyVaultId`: "Url
//! to the KeyVault Secret containing the Ssl Certificate. If absolute Url
//! containing version is provided, auto-update of ssl certificate will not work";
//! `KeyVaultContractCreateProperties.secretIdentifier`: "Key vault secret
//! identifier for fetching secret"), and "Configure a custom domain name for your
//! Azure API Management instance" (the certificate is read through its secret).

use super::identities::values_of;
use crate::codes;
use crate::diag::Diagnostics;
use crate::ir::{Expr, ExprKind, Template};
use proc_macro2::Span;

/// The keys whose values are Key Vault secret URIs.
pub const KEYS: [&str; 2] = ["keyVaultId", "secretIdentifier"];

/// Checks every Key Vault reference of every deployed resource.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    // Other services use `keyVaultId` for a vault's resource id (App Service
    // certificates, for one): only API Management's are secret URIs.
    let apim = |ty: &str| {
        ty.get(..24)
            .is_some_and(|p| p.eq_ignore_ascii_case("Microsoft.ApiManagement/"))
    };
    for resource in template
        .resources
        .iter()
        .filter(|r| !r.existing && apim(&r.ty))
    {
        for key in KEYS {
            for value in values_of(&resource.body, key) {
                if let Some((span, what)) = wrong(template, value) {
                    diags.error(codes::SECRET_REFERENCE,
                        span,
                        format!("`{key}` takes a Key Vault secret URI (`https://<vault>.vault.azure.net/secrets/<name>`), this is {what}"),
                    );
                }
            }
        }
    }
}

/// Whether `value` is not a secret URI (reported by [`check`]).
pub fn is_wrong(template: &Template, value: &Expr) -> bool {
    wrong(template, value).is_some()
}

/// Where a value is not a secret URI, and what it is instead (with the fix).
fn wrong(template: &Template, value: &Expr) -> Option<(Span, String)> {
    use ExprKind as K;
    let resource_of =
        |e: &Expr| super::identities::resource_of(e).and_then(|i| template.resources.get(i));
    let secret_fix = "write `<secret>.properties.secretUri` for a secret of this template (a certificate's secret has the certificate's name)";
    match &value.kind {
        K::Str(text) => literal(text).map(|what| (value.span, what)),
        K::Ternary(_, a, b) | K::Binary(crate::ir::BinOp::Coalesce, a, b) => {
            wrong(template, a).or_else(|| wrong(template, b))
        }
        K::Member(base, member) => {
            let what = match member.as_str() {
                "id" => format!("an ARM resource id: {secret_fix}"),
                "name" if resource_of(base).is_some() => format!("a resource name: {secret_fix}"),
                "vaultUri" => format!(
                    "the vault's URI, not a secret's: {secret_fix}, or `concat(vault.properties.vaultUri, \"secrets/<name>\")`"
                ),
                "keyUri" | "keyUriWithVersion" => {
                    format!("a key's URI, not a secret's: {secret_fix}")
                }
                _ => return None,
            };
            Some((value.span, what))
        }
        K::Call(call) => {
            let name = call.name.to_ascii_lowercase();
            if name.ends_with("resourceid") {
                return Some((
                    value.span,
                    format!("an ARM resource id (`{}`): {secret_fix}", call.name),
                ));
            }
            if name == "concat" || name == "format" {
                // Built on an ARM id (`concat(vault.id, "/secrets/s")`): an id.
                let first = call.args.get(usize::from(name == "format"));
                if let Some(first) = first
                    && (matches!(&first.kind, K::Member(_, m) if m == "id")
                        || matches!(&first.kind, K::Call(c) if c.name.to_ascii_lowercase().ends_with("resourceid")))
                {
                    return Some((
                        first.span,
                        format!(
                            "an ARM resource id with a path after it, not a secret's URI: {secret_fix}"
                        ),
                    ));
                }
                // Built on the vault's URI: the path must name a secret.
                if let Some(K::Member(_, m)) = call.args.first().map(|a| &a.kind)
                    && m == "vaultUri"
                    && name == "concat"
                {
                    let rest: String = call.args[1..].iter().filter_map(Expr::as_str).collect();
                    let lower = rest.to_ascii_lowercase();
                    let lower = lower.trim_start_matches('/');
                    if call.args.len() > 1
                        && call.args[1..].iter().all(|a| a.as_str().is_some())
                        && !lower.starts_with("secrets/")
                        && !lower.starts_with("certificates/")
                    {
                        return Some((
                            value.span,
                            format!(
                                "the vault's URI with a path that names no secret: write `concat(vault.properties.vaultUri, \"secrets/<name>\")`, or {secret_fix}"
                            ),
                        ));
                    }
                }
                return call.args.iter().find_map(|arg| {
                    let lower = arg.as_str()?.to_ascii_lowercase();
                    // `certificates/` as a whole path segment: at the start, or
                    // after `/` or a `format` placeholder.
                    let segment = lower.match_indices("certificates/").any(|(at, _)| {
                        at == 0 || matches!(lower.as_bytes().get(at - 1), Some(b'/' | b'}'))
                    });
                    segment.then(|| (arg.span, certificates_fix()))
                });
            }
            None
        }
        _ => None,
    }
}

fn certificates_fix() -> String {
    "the certificate's URL: API Management reads a certificate through the secret of the same name, write `/secrets/` instead of `/certificates/`".to_string()
}

/// What is wrong with a literal reference, if anything.
fn literal(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("/subscriptions/") || lower.contains("/providers/microsoft.keyvault/") {
        return Some("an ARM resource id: write the secret's URI, or `<secret>.properties.secretUri` for a secret of this template".to_string());
    }
    let Some(rest) = lower.strip_prefix("https://") else {
        return Some("not an `https://` URL".to_string());
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() {
        return Some("a URL without a vault".to_string());
    }
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    match segments.as_slice() {
        ["secrets", name] | ["secrets", name, _] if !name.is_empty() => None,
        ["certificates", ..] => Some(certificates_fix()),
        [""] => Some("the vault's URI, not a secret's: add `secrets/<name>`".to_string()),
        _ => Some(
            "not a secret URI: its path must be `/secrets/<name>` or `/secrets/<name>/<version>`"
                .to_string(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::literal;

    #[test]
    fn secret_uris_and_what_else_is_written() {
        assert_eq!(literal("https://kv.vault.azure.net/secrets/api"), None);
        assert_eq!(literal("https://kv.vault.azure.net/secrets/api/"), None);
        assert_eq!(
            literal("https://kv.vault.azure.net/secrets/api/0123456789abcdef0123456789abcdef"),
            None
        );
        assert_eq!(literal("https://kv.vault.azure.cn/secrets/api"), None);
        for wrong in [
            "https://kv.vault.azure.net/certificates/api",
            "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/secrets/api",
            "https://kv.vault.azure.net/",
            "https://kv.vault.azure.net/keys/api",
            "https://kv.vault.azure.net/secrets/",
            "http://kv.vault.azure.net/secrets/api",
            "kv/api",
        ] {
            assert!(literal(wrong).is_some(), "{wrong}");
        }
    }
}
