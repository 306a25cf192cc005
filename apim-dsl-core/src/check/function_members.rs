//! Members of the objects that ARM's scope and deployment functions return, as
//! their documentation lists them ("ARM template functions - scope" and
//! "- deployment"): `resourceGroup().locaton` would otherwise deploy and fail
//! (or read nothing), as Bicep reports with BCP083. A member in another case
//! (`resourceGroup().Location`) is read: ARM matches property names ignoring
//! case (as [`crate::eval`] does); it is the `member_case` warning.

use crate::codes;
use crate::diag::{Diagnostics, Lint, did_you_mean};
use crate::graph::{NodeKind, Nodes};
use crate::ir::{Expr, ExprKind, Template};

/// The members of each function's result.
const RESULTS: [(&str, &[&str]); 6] = [
    (
        "resourceGroup",
        &[
            "id",
            "name",
            "type",
            "location",
            "managedBy",
            "tags",
            "properties",
        ],
    ),
    (
        "subscription",
        &[
            "id",
            "subscriptionId",
            "tenantId",
            "displayName",
            "managedByTenants",
            "tags",
        ],
    ),
    ("tenant", &["id", "tenantId", "countryCode", "displayName"]),
    ("managementGroup", &["id", "name", "type", "properties"]),
    ("deployment", &["name", "location", "properties"]),
    (
        "environment",
        &[
            "name",
            "gallery",
            "graph",
            "portal",
            "graphAudience",
            "activeDirectoryDataLake",
            "batch",
            "media",
            "sqlManagement",
            "vmImageAliasDoc",
            "resourceManager",
            "authentication",
            "suffixes",
        ],
    ),
];

/// Members one level further down, where the documentation lists them:
/// `environment().suffixes.<x>` and `resourceGroup().properties.<x>`.
const NESTED: [(&str, &str, &[&str]); 2] = [
    (
        "environment",
        "suffixes",
        &[
            "acrLoginServer",
            "azureDatalakeAnalyticsCatalogAndJob",
            "azureDatalakeStoreFileSystem",
            "azureFrontDoorEndpointSuffix",
            "keyvaultDns",
            "sqlServerHostname",
            "storage",
        ],
    ),
    ("resourceGroup", "properties", &["provisioningState"]),
];

/// The scope or deployment function an expression is the result of, directly
/// or through a variable holding the call (`var rg = resourceGroup()`).
fn function_of<'t>(template: &'t Template, expr: &'t Expr, depth: usize) -> Option<&'t str> {
    match &expr.kind {
        ExprKind::Call(call) => Some(call.name.as_str()),
        ExprKind::Var(name) if depth < 8 => {
            let var = template.vars.iter().find(|v| &v.name == name)?;
            function_of(template, &var.value, depth + 1)
        }
        _ => None,
    }
}

/// `base.member` or `base["member"]`.
fn member_of(expr: &Expr) -> Option<(&Expr, &str)> {
    match &expr.kind {
        ExprKind::Member(base, member) => Some((base, member.as_str())),
        ExprKind::Index(base, index) => Some((base, index.as_str()?)),
        _ => None,
    }
}

fn report(
    diags: &mut Diagnostics,
    span: proc_macro2::Span,
    what: &str,
    member: &str,
    members: &[&str],
) {
    if let Some(spelled) = members.iter().find(|m| m.eq_ignore_ascii_case(member)) {
        diags.lint(
            span,
            Lint::MemberCase,
            case_message(&format!("`{what}` returns"), member, spelled),
        );
        return;
    }
    let hint = did_you_mean(member, members.iter().copied());
    let hint = if hint.is_empty() {
        format!(
            "; it has {}",
            members
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else {
        hint
    };
    diags.error(
        codes::UNKNOWN_RESULT_MEMBER,
        span,
        format!("`{what}` returns no `{member}`{hint}"),
    );
}

/// The `member_case` warning: `what` (`` `resourceGroup()` returns ``) spells
/// the member `written` as `spelled`.
pub(crate) fn case_message(what: &str, written: &str, spelled: &str) -> String {
    format!(
        "{what} `{spelled}`, written here `{written}`: ARM reads property names ignoring case, but Bicep and Microsoft's schemas spell it `{spelled}`: write `{spelled}`, or mark the template `#[allow(member_case)]` to keep it as written"
    )
}

/// The member `member` of `base` as the documentation of the function
/// `base` is the result of spells it, when it spells it in another case
/// (`resourceGroup().Location` is `location`): Bicep types these results
/// strictly (BCP083), so its output writes that spelling, which ARM reads
/// alike.
pub(crate) fn documented_spelling(
    template: &Template,
    base: &Expr,
    member: &str,
) -> Option<&'static str> {
    let members: &[&str] = if let Some((inner, first)) = member_of(base)
        && let Some(function) = function_of(template, inner, 0)
        && let Some((_, _, members)) = NESTED.iter().find(|(f, field, _)| {
            f.eq_ignore_ascii_case(function) && field.eq_ignore_ascii_case(first)
        }) {
        members
    } else {
        let function = function_of(template, base, 0)?;
        RESULTS
            .iter()
            .find(|(f, _)| f.eq_ignore_ascii_case(function))?
            .1
    };
    members
        .iter()
        .find(|m| m.eq_ignore_ascii_case(member) && **m != member)
        .copied()
}

/// Reports members the function's result does not have.
pub fn check(template: &Template, nodes: &Nodes<'_>, diags: &mut Diagnostics) {
    for e in nodes.of(NodeKind::Access) {
        let Some((base, member)) = member_of(e) else {
            continue;
        };
        // `f().a.b`: the nested lists.
        if let Some((inner, first)) = member_of(base)
            && let Some(function) = function_of(template, inner, 0)
            && let Some((f, field, members)) = NESTED.iter().find(|(f, field, _)| {
                f.eq_ignore_ascii_case(function) && field.eq_ignore_ascii_case(first)
            })
        {
            if !members.contains(&member) {
                report(diags, e.span, &format!("{f}().{field}"), member, members);
            }
            continue;
        }
        let Some(function) = function_of(template, base, 0) else {
            continue;
        };
        let Some((function, members)) = RESULTS
            .iter()
            .find(|(f, _)| f.eq_ignore_ascii_case(function))
        else {
            continue;
        };
        if members.contains(&member) {
            continue;
        }
        report(diags, e.span, &format!("{function}()"), member, members);
    }
}
