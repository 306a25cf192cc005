//! Members of the objects that ARM's scope and deployment functions return, as
//! their documentation lists them ("ARM template functions - scope" and
//! "- deployment"): `resourceGroup().locaton` or `subscription().tenantid` would
//! otherwise deploy and fail (or read nothing), as Bicep reports with BCP083.

use crate::diag::{Diagnostics, did_you_mean};
use crate::ir::{ExprKind, Template, walk};

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

/// Reports members the function's result does not have.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    for expr in crate::graph::template_exprs(template) {
        walk(expr, &mut |e| {
            let ExprKind::Member(base, member) = &e.kind else {
                return;
            };
            let ExprKind::Call(call) = &base.kind else {
                return;
            };
            let Some((function, members)) = RESULTS
                .iter()
                .find(|(f, _)| f.eq_ignore_ascii_case(&call.name))
            else {
                return;
            };
            if members.contains(&member.as_str()) {
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
                e.span,
                format!("`{function}()` returns no `{member}`{hint}"),
            );
        });
    }
}
