//! Who reads which Key Vault: for each API Management custom domain whose
//! certificate comes from a vault (`hostnameConfigurations[].keyVaultId`), the
//! identity that reads it and the declarations that give that identity access
//! (role assignments, access policies). The checks report a domain without
//! access; the graph makes API Management wait for the access it needs.

use crate::ir::{AccessGiven, Expr, ExprKind, Prop, Resource, Scope, Template, walk};
use crate::roles;
use proc_macro2::Span;

const APIM: &str = "Microsoft.ApiManagement/service";
const VAULT: &str = "Microsoft.KeyVault/vaults";
const SECRET: &str = "Microsoft.KeyVault/vaults/secrets";
const ACCESS_POLICIES: &str = "Microsoft.KeyVault/vaults/accessPolicies";
const ROLE_ASSIGNMENT: &str = "Microsoft.Authorization/roleAssignments";
const USER_IDENTITY: &str = "Microsoft.ManagedIdentity/userAssignedIdentities";

/// The identity a custom domain reads its certificate with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Principal {
    /// The API Management service's own system-assigned identity.
    System(usize),
    /// A user-assigned identity resource (`identityClientId`).
    User(usize),
}

/// One read of a Key Vault secret with a managed identity: a custom domain's
/// certificate (`hostnameConfigurations[].keyVaultId`), or the `keyVault` of a
/// named value, certificate or other API Management child
/// (`properties.keyVault.secretIdentifier`).
#[derive(Debug, Clone)]
pub struct DomainAccess {
    /// The resource that reads (the API Management service for a custom domain).
    pub reader: usize,
    /// Whether the service reads while it is itself created (a custom domain):
    /// its system-assigned identity cannot be given access before that.
    pub in_service: bool,
    /// The span of the `keyVaultId` or `secretIdentifier` value.
    pub span: Span,
    /// The vault the secret is in.
    pub vault: usize,
    /// The secret resource named by the reference, if any.
    pub secret: Option<usize>,
    /// Who reads it.
    pub principal: Principal,
    /// Resources that give `principal` read access to the secret.
    pub granted_by: Vec<usize>,
    /// Role assignments to `principal` on the vault whose role cannot read
    /// secrets, with the role's name.
    pub weak_roles: Vec<(usize, &'static str)>,
    /// `#[access(...)]` on the vault: access is given outside this template.
    pub given_outside: Option<AccessGiven>,
}

fn is(resource: &Resource, ty: &str) -> bool {
    resource.ty.eq_ignore_ascii_case(ty)
}

/// Whether `resource` may read Key Vault with a managed identity: an API
/// Management service (custom domains) or a child resource (named values,
/// certificates).
pub fn may_read_key_vault(resource: &Resource) -> bool {
    !resource.existing
        && (is(resource, APIM)
            || resource.parent.is_some()
            || (resource.ty.matches('/').count() > 1 && first_segment(&resource.name).is_some()))
}

/// The first segment of a combined child name: `"svc"` of `"svc/nv"`, `svc`
/// of `concat(svc, "/nv")` or `format("{0}/nv", svc)`.
fn first_segment(name: &Expr) -> Option<std::borrow::Cow<'_, Expr>> {
    use std::borrow::Cow;
    match &name.kind {
        ExprKind::Str(text) => {
            let (first, _) = text.split_once('/')?;
            Some(Cow::Owned(Expr::str(first, name.span)))
        }
        ExprKind::Call(call) if call.name == "concat" => {
            let first = call.args.first()?;
            let second = call.args.get(1)?.as_str()?;
            second.starts_with('/').then_some(Cow::Borrowed(first))
        }
        ExprKind::Call(call) if call.name == "format" => {
            let pattern = call.args.first()?.as_str()?;
            pattern
                .starts_with("{0}/")
                .then(|| call.args.get(1).map(Cow::Borrowed))?
        }
        _ => None,
    }
}

/// Every read of a Key Vault secret with a managed identity whose vault and
/// identity can be told from the template.
pub fn domains(template: &Template) -> Vec<DomainAccess> {
    (0..template.resources.len())
        .flat_map(|apim| domains_of(template, apim))
        .collect()
}

/// The Key Vault reads of one resource, as [`domains`] gives them: an API
/// Management service's custom domains, a named value's or certificate's
/// `keyVault` reference.
pub fn domains_of(template: &Template, reader: usize) -> Vec<DomainAccess> {
    let mut found = Vec::new();
    if let Some(resource) = template
        .resources
        .get(reader)
        .filter(|r| may_read_key_vault(r))
    {
        let mut reads: Vec<(&[Prop], &Expr, bool)> = Vec::new();
        if is(resource, APIM) {
            for config in hostname_configurations(resource) {
                if let Some(reference) = get(config, "keyVaultId") {
                    reads.push((config, reference, true));
                }
            }
        }
        let key_vault = resource
            .get("properties")
            .and_then(object)
            .and_then(|p| get(p, "keyVault"))
            .and_then(object);
        if let Some(key_vault) = key_vault
            && let Some(reference) = get(key_vault, "secretIdentifier")
        {
            reads.push((key_vault, reference, false));
        }
        for (config, reference, in_service) in reads {
            if crate::check::secret_refs::is_wrong(template, reference) {
                // Not a secret URI, reported as such; nothing is read from it.
                continue;
            }
            let Some((vault, secret)) = vault_of(template, reference) else {
                continue;
            };
            let principal = match get(config, "identityClientId") {
                None if in_service => Principal::System(reader),
                None => match service_of(template, reader) {
                    Some(service) => Principal::System(service),
                    None => continue,
                },
                Some(client_id) => match user_identity(template, client_id) {
                    Some(user) => Principal::User(user),
                    None => continue,
                },
            };
            let mut access = DomainAccess {
                reader,
                in_service,
                span: reference.span,
                vault,
                secret,
                principal,
                granted_by: Vec::new(),
                weak_roles: Vec::new(),
                given_outside: template
                    .resources
                    .get(vault)
                    .and_then(|v| v.access)
                    .map(|(given, _)| given),
            };
            find_grants(template, &mut access);
            found.push(access);
        }
    }
    found
}

/// Whether module `module` waits, directly or through what it waits for, for a
/// role assignment or an access policy (what `#[access(caller)]` in its template
/// relies on).
pub fn module_waits_for_access(template: &Template, module: usize) -> bool {
    use crate::graph::{self, Node};
    let mut vars = graph::VarRefs::new(template);
    let mut seen = vec![Node::Module(module)];
    let mut pending = vec![Node::Module(module)];
    while let Some(node) = pending.pop() {
        for edge in graph::dependencies(template, node, &mut vars) {
            if seen.contains(&edge.node) {
                continue;
            }
            seen.push(edge.node);
            if let Node::Resource(i) = edge.node
                && let Some(resource) = template.resources.get(i)
                && gives_access(resource)
            {
                return true;
            }
            // Another module it waits for may give the access (a grant on a
            // vault in another resource group can only be deployed by a module
            // in that group); what a module deploys is not visible here, so
            // waiting for one counts.
            if matches!(edge.node, Node::Module(_)) {
                return true;
            }
            pending.push(edge.node);
        }
    }
    false
}

/// A role assignment, an access policy that adds or replaces, or a vault with
/// access policies.
fn gives_access(resource: &Resource) -> bool {
    if is(resource, ROLE_ASSIGNMENT) {
        return true;
    }
    if is(resource, ACCESS_POLICIES) {
        return !removes(resource);
    }
    is(resource, VAULT)
        && resource
            .get("properties")
            .and_then(object)
            .and_then(|p| get(p, "accessPolicies"))
            .is_some_and(|list| !matches!(&list.kind, ExprKind::Array(items) if items.is_empty()))
}

/// The API Management service a child resource belongs to (its nearest parent
/// of that type).
/// The API Management service a child belongs to: through `parent:`, or by
/// the first segment of a combined name.
pub fn service_of(template: &Template, child: usize) -> Option<usize> {
    let resource = template.resources.get(child)?;
    let Some((parent, _)) = resource.parent else {
        // A child named the raw way (`name: concat(svc, "/nv")`): the service
        // whose name is the first segment.
        let first = first_segment(&resource.name)?;
        return template.resources.iter().position(|r| {
            is(r, APIM)
                && match (&r.name.kind, &first.kind) {
                    (ExprKind::Str(a), ExprKind::Str(b)) => a.eq_ignore_ascii_case(b),
                    _ => r.name.same_as(&first),
                }
        });
    };
    let mut current = parent;
    for _ in 0..template.resources.len() {
        let resource = template.resources.get(current)?;
        if is(resource, APIM) {
            return Some(current);
        }
        current = resource.parent?.0;
    }
    None
}

/// How a vault authorizes reading its secrets, when the template tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum VaultMode {
    /// `enableRbacAuthorization: true`: role assignments; access policies are ignored.
    Rbac,
    /// `enableRbacAuthorization: false` (or not set, before API version
    /// 2026-02-01): access policies; role assignments give no access to secrets.
    Policies,
}

/// The authorization mode of a vault this template deploys.
pub fn vault_mode(vault: &Resource) -> Option<VaultMode> {
    if vault.existing || !is(vault, VAULT) {
        return None;
    }
    let properties = vault.get("properties").and_then(object)?;
    match get(properties, "enableRbacAuthorization").map(|e| &e.kind) {
        Some(ExprKind::Bool(true)) => Some(VaultMode::Rbac),
        Some(ExprKind::Bool(false)) => Some(VaultMode::Policies),
        None if vault.api_version.as_str() < "2026-02-01" => Some(VaultMode::Policies),
        _ => None,
    }
}

/// Whether an access policy resource removes permissions (its name is
/// `<vault>/remove`) rather than adding or replacing them.
pub fn removes(policy: &Resource) -> bool {
    let text = match &policy.name.kind {
        ExprKind::Str(text) => text.as_str(),
        ExprKind::Call(call) if call.name == "concat" => {
            call.args.last().and_then(Expr::as_str).unwrap_or_default()
        }
        ExprKind::Call(call) if call.name == "format" => {
            call.args.first().and_then(Expr::as_str).unwrap_or_default()
        }
        _ => "",
    };
    text.rsplit('/')
        .next()
        .is_some_and(|last| last.eq_ignore_ascii_case("remove"))
}

/// Whether a resource has a system-assigned identity, when its literal
/// `identity.type` says (`None` when it is not written or not literal).
pub fn system_identity(resource: &Resource) -> Option<bool> {
    let identity = resource.get("identity").and_then(object)?;
    let ty = get(identity, "type")?.as_str()?;
    Some(ty.to_ascii_lowercase().contains("systemassigned"))
}

/// The objects of `properties.hostnameConfigurations` (the body of a loop counts).
pub fn hostname_configurations(resource: &Resource) -> Vec<&[Prop]> {
    let Some(properties) = resource.get("properties") else {
        return Vec::new();
    };
    let Some(configs) = object(properties).and_then(|p| get(p, "hostnameConfigurations")) else {
        return Vec::new();
    };
    let items: Vec<&Expr> = match &configs.kind {
        ExprKind::Array(items) => items.iter().collect(),
        ExprKind::For(_, body) => vec![body],
        _ => Vec::new(),
    };
    items.into_iter().filter_map(object).collect()
}

fn object(expr: &Expr) -> Option<&[Prop]> {
    match &expr.kind {
        ExprKind::Object(props) => Some(props),
        _ => None,
    }
}

/// The value of a literal key.
pub fn get<'a>(props: &'a [Prop], key: &str) -> Option<&'a Expr> {
    props
        .iter()
        .find(|p| p.key.as_lit() == Some(key))
        .map(|p| &p.value)
}

fn resources_in(expr: &Expr) -> Vec<usize> {
    let mut found = Vec::new();
    walk(expr, &mut |e| {
        if let ExprKind::Resource(i) = e.kind {
            found.push(i);
        }
    });
    found
}

/// The vault (and secret) that a `keyVaultId` expression reads from.
fn vault_of(template: &Template, expr: &Expr) -> Option<(usize, Option<usize>)> {
    resources_in(expr).into_iter().find_map(|i| {
        let resource = template.resources.get(i)?;
        if is(resource, VAULT) {
            Some((i, None))
        } else if is(resource, SECRET) {
            resource.parent.map(|(vault, _)| (vault, Some(i)))
        } else {
            None
        }
    })
}

fn user_identity(template: &Template, expr: &Expr) -> Option<usize> {
    resources_in(expr).into_iter().find(|i| {
        template
            .resources
            .get(*i)
            .is_some_and(|r| is(r, USER_IDENTITY))
    })
}

/// Whether an expression (a `principalId` or `objectId`) names `principal`.
fn names_principal(expr: &Expr, principal: Principal) -> bool {
    let target = match principal {
        Principal::System(i) | Principal::User(i) => i,
    };
    // A client id (or a tenant id, a resource id) is not the principal an
    // access policy or role assignment needs: `objectId`/`principalId` take
    // the principal id.
    let mut wrong_member = false;
    crate::ir::walk(expr, &mut |e| {
        if let crate::ir::ExprKind::Member(_, member) = &e.kind
            && matches!(member.as_str(), "clientId" | "tenantId")
        {
            wrong_member = true;
        }
    });
    !wrong_member && resources_in(expr).contains(&target)
}

fn find_grants(template: &Template, access: &mut DomainAccess) {
    // A role on a vault that uses access policies, or an access policy on one
    // that uses RBAC, is reported where it is written (`check::vault_access`);
    // counted here, it does not repeat as a reader without access.
    for (index, resource) in template.resources.iter().enumerate() {
        if is(resource, ROLE_ASSIGNMENT) {
            role_assignment(template, index, resource, access);
        } else if is(resource, ACCESS_POLICIES)
            && !removes(resource)
            && policy_vault(template, resource) == Some(access.vault)
        {
            if policies_grant(resource.get("properties"), access.principal) {
                access.granted_by.push(index);
            }
        } else if index == access.vault
            && !resource.existing
            && policies_grant(resource.get("properties"), access.principal)
        {
            access.granted_by.push(index);
        }
    }
}

fn role_assignment(
    template: &Template,
    index: usize,
    resource: &Resource,
    access: &mut DomainAccess,
) {
    match resource.scope {
        Some(Scope::Resource(scope, _)) => {
            if scope != access.vault && Some(scope) != access.secret {
                return;
            }
        }
        // On this template's resource group: inherited by every vault in it
        // (one deployed here, or `existing` without another group's scope).
        None => {
            let in_group = template
                .resources
                .get(access.vault)
                .is_some_and(|v| v.scope.is_none());
            if !in_group {
                return;
            }
        }
        Some(_) => return,
    }
    let properties = resource
        .get("properties")
        .and_then(object)
        .unwrap_or_default();
    if !get(properties, "principalId").is_some_and(|p| names_principal(p, access.principal)) {
        return;
    }
    let mut role = None;
    if let Some(definition) = get(properties, "roleDefinitionId") {
        walk(definition, &mut |e| {
            if let Some(found) = e.as_str().and_then(roles::lookup) {
                role = Some(found);
            }
        });
    }
    match role {
        Some(role) if !role.reads_secrets => access.weak_roles.push((index, role.name)),
        // A custom role (or an expression) may well read secrets: trust it.
        _ => access.granted_by.push(index),
    }
}

/// The vault an access policy resource is for: its `parent`, or the first segment
/// of a `concat(vaultName, "/add")` / `"vault/add"` name.
pub fn policy_vault(template: &Template, policy: &Resource) -> Option<usize> {
    if let Some((parent, _)) = policy.parent {
        return Some(parent);
    }
    let first = match &policy.name.kind {
        ExprKind::Call(call) if call.name == "concat" || call.name == "format" => {
            let skip = usize::from(call.name == "format");
            call.args.get(skip)?.clone()
        }
        ExprKind::Str(text) => {
            Expr::str(text.split('/').next().unwrap_or_default(), policy.name.span)
        }
        _ => return None,
    };
    template
        .resources
        .iter()
        .position(|r| is(r, VAULT) && r.name.same_as(&first))
}

/// Whether `properties.accessPolicies` has an entry for `principal` that may get
/// secrets.
fn policies_grant(properties: Option<&Expr>, principal: Principal) -> bool {
    let Some(list) = properties
        .and_then(object)
        .and_then(|p| get(p, "accessPolicies"))
    else {
        return false;
    };
    let ExprKind::Array(entries) = &list.kind else {
        return false;
    };
    entries.iter().filter_map(object).any(|entry| {
        let names = get(entry, "objectId").is_some_and(|o| names_principal(o, principal));
        let secrets = get(entry, "permissions")
            .and_then(object)
            .and_then(|p| get(p, "secrets"));
        let can_get = match secrets.map(|s| &s.kind) {
            Some(ExprKind::Array(items)) => items.iter().any(|i| {
                i.as_str()
                    .is_none_or(|p| p.eq_ignore_ascii_case("get") || p.eq_ignore_ascii_case("all"))
            }),
            Some(_) => true,
            None => false,
        };
        names && can_get
    })
}

/// Whether a service certainly has no system-assigned identity: another
/// identity type, or no identity at all on a service this template deploys.
pub fn lacks_system_identity(service: &Resource) -> bool {
    system_identity(service) == Some(false)
        || (service.get("identity").is_none() && !service.existing && !service.unchecked)
}

/// Every Key Vault read (a custom domain's `keyVaultId`, a `keyVault` reference)
/// without `identityClientId` whose service has no system-assigned identity,
/// whatever vault it reads (one of this template, one given outside, or a
/// literal URI): `(where, the service, whether it is a custom domain)`. Such a
/// read has no identity to read with.
pub fn reads_without_an_identity(template: &Template) -> Vec<(Span, usize, bool)> {
    let mut found = Vec::new();
    for (reader, resource) in template.resources.iter().enumerate() {
        if !may_read_key_vault(resource) {
            continue;
        }
        let mut reads: Vec<(&[Prop], &Expr, bool)> = Vec::new();
        if is(resource, APIM) {
            for config in hostname_configurations(resource) {
                if let Some(reference) = get(config, "keyVaultId") {
                    reads.push((config, reference, true));
                }
            }
        }
        if let Some(key_vault) = resource
            .get("properties")
            .and_then(object)
            .and_then(|p| get(p, "keyVault"))
            .and_then(object)
            && let Some(reference) = get(key_vault, "secretIdentifier")
        {
            reads.push((key_vault, reference, false));
        }
        for (config, reference, in_service) in reads {
            if get(config, "identityClientId").is_some() {
                continue;
            }
            let service = if in_service {
                Some(reader)
            } else {
                service_of(template, reader)
            };
            // No system-assigned identity: another identity type, or no
            // identity at all on a service this template deploys.
            if let Some(service) = service
                && template
                    .resources
                    .get(service)
                    .is_some_and(lacks_system_identity)
            {
                found.push((reference.span, service, in_service));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn domains_of(tokens: proc_macro2::TokenStream) -> (Template, Vec<DomainAccess>) {
        let parsed = crate::parse::parse_template(tokens);
        let mut diags = crate::diag::Diagnostics::new();
        let template = crate::resolve::resolve(parsed.template.expect("template"), &mut diags);
        assert!(diags.is_empty());
        let found = domains(&template);
        (template, found)
    }

    fn apim(config: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
        quote! {
            resource apim "Microsoft.ApiManagement/service@2024-05-01" {
                name: "apim",
                identity: { type: "SystemAssigned, UserAssigned", userAssignedIdentities: { [uai.id]: {} } },
                properties: { hostnameConfigurations: [#config] },
            }
        }
    }

    #[test]
    fn finds_the_vault_the_identity_and_what_grants_access() {
        let domain = apim(
            quote! {{ keyVaultId: cert.properties.secretUri, identityClientId: uai.properties.clientId }},
        );
        let (t, found) = domains_of(quote! {
            const T;
            resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" { name: "id" }
            resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv" }
            resource cert "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: vault, name: "c" }
            grant reader { principal: uai, scope: vault, role: "Key Vault Reader" }
            grant user { principal: uai, scope: vault }
            resource policy "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
                parent: vault,
                name: "add",
                properties: { accessPolicies: [{ objectId: uai.properties.principalId, permissions: { secrets: ["Get"] } }] },
            }
            resource listOnly "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" {
                parent: vault,
                name: "replace",
                properties: { accessPolicies: [{ objectId: uai.properties.principalId, permissions: { secrets: ["list"] } }] },
            }
            #domain
        });
        let [domain] = found.as_slice() else {
            panic!("one domain: {found:?}")
        };
        let symbol = |i: usize| t.resources[i].symbol.as_str();
        assert_eq!(symbol(domain.vault), "vault");
        assert_eq!(domain.secret.map(symbol), Some("cert"));
        assert_eq!(domain.principal, Principal::User(0));
        let granted: Vec<&str> = domain.granted_by.iter().map(|i| symbol(*i)).collect();
        assert_eq!(granted, ["user", "policy"]);
        assert_eq!(
            domain
                .weak_roles
                .iter()
                .map(|(i, r)| (symbol(*i), *r))
                .collect::<Vec<_>>(),
            [("reader", "Key Vault Reader")]
        );
    }

    #[test]
    fn raw_style_policies_and_unknowable_domains() {
        let domain = apim(quote! {{ keyVaultId: concat(vault.properties.vaultUri, "secrets/c") }});
        let (_, found) = domains_of(quote! {
            const T;
            param vaultName: string;
            resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" { name: "id" }
            resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: vaultName }
            resource policy "Microsoft.KeyVault/vaults/accessPolicies@2015-06-01" {
                name: concat(vaultName, "/add"),
                properties: { accessPolicies: [{ objectId: apim.identity.principalId, permissions: { secrets: ["all"] } }] },
            }
            #domain
        });
        let [domain] = found.as_slice() else {
            panic!("one domain")
        };
        assert_eq!(domain.principal, Principal::System(3));
        assert_eq!(
            domain.granted_by,
            [2],
            "the raw concat(vaultName, '/add') name is matched to the vault"
        );
        let domain = apim(quote! {{ keyVaultId: "https://kv.vault.azure.net/secrets/c" }});
        let (_, found) = domains_of(quote! {
            const T;
            resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" { name: "id" }
            #domain
        });
        assert!(
            found.is_empty(),
            "a literal URI names no vault of the template"
        );
    }

    #[test]
    fn named_values_wait_for_the_access_of_the_system_identity() {
        let output = crate::compile(quote! {
            const T;
            resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv" }
            resource secret "Microsoft.KeyVault/vaults/secrets@2023-07-01" existing { parent: vault, name: "s" }
            resource apim "Microsoft.ApiManagement/service@2024-05-01" {
                name: "apim",
                location: "westeurope",
                sku: { name: "Developer", capacity: 1 },
                identity: { type: "SystemAssigned" },
                properties: { publisherEmail: "a@b.c", publisherName: "C" },
            }
            grant apimReads { principal: apim, scope: vault }
            #[unchecked]
            resource value "Microsoft.ApiManagement/service/namedValues@2024-05-01" {
                parent: apim,
                name: "v",
                properties: { displayName: "v", secret: true, keyVault: { secretIdentifier: secret.properties.secretUri } },
            }
        })
        .output
        .unwrap_or_else(|e| panic!("{:?}", e.iter().map(ToString::to_string).collect::<Vec<_>>()));
        let arm: serde_json::Value = serde_json::from_str(&output.arm).expect("json");
        let waits = arm["resources"][2]["dependsOn"].to_string();
        assert!(
            waits.contains("Microsoft.Authorization/roleAssignments"),
            "{waits}"
        );
    }
}
