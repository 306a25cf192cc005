//! `grant sym { principal: apim, scope: vault }`: an RBAC role assignment written
//! as what it means. It becomes a `Microsoft.Authorization/roleAssignments`
//! resource scoped to `scope`, with a deterministic `guid(...)` name, the role's
//! definition ID, the principal's identity and `principalType: ServicePrincipal`.
//! On a Key Vault the role defaults to the least privileged one that lets API
//! Management read a certificate, Key Vault Secrets User.

use super::Resolver;
use super::attrs::Seen;
use crate::ast;
use crate::codes;
use crate::functions;
use crate::ir::{self, Call, Expr, ExprKind, Key, Prop, Scope};
use crate::parse::ident_name;
use crate::roles::{self, DEFAULT_VAULT_ROLE};
use proc_macro2::Span;

/// The API version of the role assignments `grant` declares (newest stable).
pub const ROLE_ASSIGNMENTS_API_VERSION: &str = "2022-04-01";

/// The keys a `grant` body takes.
const GRANT_KEYS: [&str; 6] = [
    "principal",
    "scope",
    "role",
    "description",
    "principalType",
    "name",
];

impl Resolver<'_> {
    /// A stand-in resource, completed by [`Resolver::finish_grant`] once every
    /// resource is known (the role default depends on the scope's type).
    pub(super) fn grant_stub(&mut self, grant: &ast::Grant) -> ir::Resource {
        let mut seen = Seen::new("grant", &["description", "allow"], &grant.attrs);
        let (mut attr, mut allow) = (None, Vec::new());
        for (found, name) in seen.each(self) {
            match name.as_str() {
                "allow" => allow = self.attr_allow(found, &super::items::LINTS),
                _ => attr = Some(found),
            }
        }
        let span = grant.symbol.span();
        ir::Resource {
            symbol: ident_name(&grant.symbol),
            span,
            ty: "Microsoft.Authorization/roleAssignments".to_string(),
            api_version: ROLE_ASSIGNMENTS_API_VERSION.to_string(),
            type_span: span,
            existing: false,
            name: Expr::new(ExprKind::Invalid, span),
            parent: None,
            scope: None,
            scope_text: None,
            nested_in: None,
            written_type: None,
            condition: grant.condition.as_ref().map(|c| Box::new(self.expr(c))),
            copy: None,
            batch_size: None,
            body: self.object(&grant.body),
            depends_on: Vec::new(),
            description: self.description(&grant.attrs, attr),
            metadata: None,
            unchecked: false,
            allow,
            accept: Vec::new(),
            access: None,
        }
    }

    /// Turns the stub's body into the role assignment's name, scope and properties.
    pub(super) fn finish_grant(&mut self, template: &mut ir::Template, index: usize) {
        let Some(stub) = template.resources.get_mut(index) else {
            return;
        };
        // Until the grant is complete, the role assignment has no body and is not
        // checked further: an error here would otherwise repeat as others.
        let body = std::mem::take(&mut stub.body);
        stub.unchecked = true;
        let span = stub.span;
        let symbol = stub.symbol.clone();
        let mut fields: Vec<(String, Expr, Span)> = Vec::new();
        for prop in &body {
            let key = prop.key.as_lit().unwrap_or_default().to_string();
            if !GRANT_KEYS.contains(&key.as_str()) {
                let hint = crate::diag::did_you_mean(&key, GRANT_KEYS);
                let hint = if hint.is_empty() {
                    ", expected `principal`, `scope`, `role`, `description` or `principalType`"
                        .to_string()
                } else {
                    hint
                };
                self.diags.error(
                    codes::INVALID_GRANT,
                    prop.key_span,
                    format!("unknown grant key `{key}`{hint}"),
                );
                continue;
            }
            fields.push((key, prop.value.clone(), prop.key_span));
        }
        let field = |name: &str| {
            fields
                .iter()
                .find(|(k, _, _)| k == name)
                .map(|(_, v, s)| (v.clone(), *s))
        };
        let Some((principal, _)) = field("principal") else {
            self.diags.error(
                codes::INVALID_GRANT,
                span,
                format!("grant `{symbol}` needs `principal: <resource with an identity>`"),
            );
            return;
        };
        let Some((scope, _)) = field("scope") else {
            self.diags.error(
                codes::INVALID_GRANT,
                span,
                format!("grant `{symbol}` needs `scope: <resource>`, what the role applies to"),
            );
            return;
        };
        let ExprKind::Resource(scope_index) = scope.kind else {
            self.diags.error(
                codes::INVALID_GRANT,
                scope.span,
                "`scope` takes the symbol of a resource declared in this template",
            );
            return;
        };
        let scope_is_vault = template
            .resources
            .get(scope_index)
            .is_some_and(|r| r.ty.eq_ignore_ascii_case("Microsoft.KeyVault/vaults"));
        let role_id = match field("role") {
            Some((role, role_span)) => match role.as_str() {
                Some(text) => match roles::lookup(text) {
                    Some(found) => found.id.to_string(),
                    None if roles::is_guid(text) => text.to_ascii_lowercase(),
                    None => {
                        let hint =
                            crate::diag::did_you_mean(text, roles::ROLES.iter().map(|r| r.name));
                        self.diags.error(codes::INVALID_GRANT,
                            role.span,
                            format!("unknown built-in role \"{text}\" (a custom role is written as its definition GUID){hint}"),
                        );
                        return;
                    }
                },
                None => {
                    self.diags.error(
                        codes::INVALID_GRANT,
                        role_span,
                        "`role` takes a built-in role's name or a role definition GUID as a string",
                    );
                    return;
                }
            },
            None if scope_is_vault => {
                roles::lookup(DEFAULT_VAULT_ROLE).map_or_else(String::new, |r| r.id.to_string())
            }
            None => {
                self.diags.error(codes::INVALID_GRANT,
                    span,
                    format!("grant `{symbol}` needs `role: \"<built-in role name>\"`; only on a Key Vault does it default to \"{DEFAULT_VAULT_ROLE}\""),
                );
                return;
            }
        };
        let principal_id = principal_id(template, &principal);
        let principal_key = match principal.kind {
            ExprKind::Resource(_) => member(principal.clone(), "id"),
            // A principal known only once deployed (an identity made by a
            // module, `x.properties.principalId`) cannot be part of a name,
            // which ARM needs before deployment: the grant's own symbol keeps
            // the name unique and stable instead.
            _ if reads_deployed_state(&principal_id) => Expr::str(symbol.clone(), span),
            _ => principal_id.clone(),
        };
        let name = match field("name") {
            Some((name, _)) => name,
            None => call(
                "guid",
                vec![
                    member(scope.clone(), "id"),
                    principal_key,
                    Expr::str(role_id.clone(), span),
                ],
                span,
            ),
        };
        let definition = call(
            "subscriptionResourceId",
            vec![
                Expr::str("Microsoft.Authorization/roleDefinitions", span),
                Expr::str(role_id, span),
            ],
            span,
        );
        let principal_type =
            field("principalType").map_or_else(|| Expr::str("ServicePrincipal", span), |(v, _)| v);
        let mut properties = vec![
            prop("roleDefinitionId", definition, span),
            prop("principalId", principal_id, span),
            prop("principalType", principal_type, span),
        ];
        if let Some((description, _)) = field("description") {
            properties.push(prop("description", description, span));
        }
        if let Some(resource) = template.resources.get_mut(index) {
            resource.unchecked = false;
            resource.name = name;
            resource.scope = Some(Scope::Resource(scope_index, scope.span));
            resource.body = vec![prop(
                "properties",
                Expr::new(ExprKind::Object(properties), span),
                span,
            )];
        }
    }
}

/// The principal ID of `principal`: a user-assigned identity's
/// `properties.principalId`, another resource's `identity.principalId`, or the
/// expression itself (a parameter holding an object ID).
fn principal_id(template: &ir::Template, principal: &Expr) -> Expr {
    match principal.kind {
        ExprKind::Resource(i) => {
            let user_assigned = template.resources.get(i).is_some_and(|r| {
                r.ty.eq_ignore_ascii_case("Microsoft.ManagedIdentity/userAssignedIdentities")
            });
            let holder = if user_assigned {
                "properties"
            } else {
                "identity"
            };
            member(member(principal.clone(), holder), "principalId")
        }
        _ => principal.clone(),
    }
}

fn member(base: Expr, name: &str) -> Expr {
    let span = base.span;
    Expr::new(ExprKind::Member(Box::new(base), name.to_string()), span)
}

fn call(name: &str, args: Vec<Expr>, span: Span) -> Expr {
    match functions::lookup(name) {
        Some(found) => Expr::new(
            ExprKind::Call(Box::new(Call {
                function: found.function,
                name: found.spelling.to_string(),
                args,
                user: None,
            })),
            span,
        ),
        None => Expr::new(ExprKind::Invalid, span),
    }
}

fn prop(key: &str, value: Expr, span: Span) -> Prop {
    Prop {
        key: Key::Lit(key.to_string()),
        key_span: span,
        value,
    }
}

/// Whether `expr` reads deployed state: a resource's runtime member, a
/// module's outputs, `reference` or `list*`.
fn reads_deployed_state(expr: &Expr) -> bool {
    let mut found = false;
    crate::ir::walk(expr, &mut |e| match &e.kind {
        ExprKind::Member(base, name) => {
            let symbol = match &base.kind {
                ExprKind::Index(inner, _) => &inner.kind,
                other => other,
            };
            found |= match symbol {
                ExprKind::Resource(_) => {
                    !crate::check::places::STATIC_MEMBERS.contains(&name.as_str())
                }
                ExprKind::Module(_) => true,
                _ => false,
            };
        }
        ExprKind::Call(call) => {
            let lower = call.name.to_ascii_lowercase();
            found |= lower == "reference" || (lower.starts_with("list") && lower != "list");
        }
        _ => {}
    });
    found
}
