//! Hand-written `reference()`: without `'Full'` it returns the resource's
//! `properties` only, so reading `.identity` (or `.sku`, `.tags`, `.location`)
//! from it fails at deployment ("The language expression property 'identity'
//! doesn't exist"). Source: "ARM template functions: reference" ("When
//! 'Full' is specified, the full resource object is returned; otherwise only the
//! properties object").

use crate::diag::Diagnostics;
use crate::ir::{ExprKind, Template, walk};

/// Members of the full resource object, not of its `properties`.
const FULL_MEMBERS: [&str; 5] = ["identity", "sku", "tags", "location", "zones"];

/// Reports `.identity` and the like read from a `reference()` without `'Full'`.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    for expr in crate::graph::template_exprs(template) {
        walk(expr, &mut |e| {
            let ExprKind::Member(base, member) = &e.kind else {
                return;
            };
            if !FULL_MEMBERS.contains(&member.as_str()) {
                return;
            }
            let ExprKind::Call(call) = &base.kind else {
                return;
            };
            if !call.name.eq_ignore_ascii_case("reference") {
                return;
            }
            let full = call.args.get(2).map(|a| a.as_str());
            match full {
                Some(Some(text)) if text.eq_ignore_ascii_case("full") => {}
                // A computed third argument may be 'Full'.
                Some(None) => {}
                _ => diags.error(
                    e.span,
                    format!("`reference(...)` without `\"Full\"` returns the resource's properties, which have no `{member}`: the deployment fails with \"property '{member}' doesn't exist\"; pass `\"Full\"` as the third argument (`reference(id, apiVersion, \"Full\").{member}`), or read it through the resource's symbol"),
                ),
            }
        });
    }
}
