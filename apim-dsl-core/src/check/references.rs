//! Hand-written `reference()`: without `'Full'` it returns the resource's
//! `properties` only, so reading `.identity` (or `.sku`, `.tags`, `.location`)
//! from it fails at deployment ("The language expression property 'identity'
//! doesn't exist"). Source: "ARM template functions: reference" ("When
//! 'Full' is specified, the full resource object is returned; otherwise only the
//! properties object").

use crate::codes;
use crate::diag::Diagnostics;
use crate::graph::{NodeKind, Nodes};
use crate::ir::{ExprKind, Template, walk};

/// Members of the full resource object, not of its `properties`.
const FULL_MEMBERS: [&str; 5] = ["identity", "sku", "tags", "location", "zones"];

/// Reports `.identity` and the like read from a `reference()` without `'Full'`,
/// and resources that read their own deployed state.
pub fn check(template: &Template, nodes: &Nodes<'_>, diags: &mut Diagnostics) {
    own_state(template, diags);
    for e in nodes.of(NodeKind::Access) {
        // `.identity` or `["identity"]`.
        let (base, member) = match &e.kind {
            ExprKind::Member(base, member) => (base, member.as_str()),
            ExprKind::Index(base, index) => match index.as_str() {
                Some(key) => (base, key),
                None => continue,
            },
            _ => continue,
        };
        let ExprKind::Call(call) = &base.kind else {
            continue;
        };
        if !call.name.eq_ignore_ascii_case("reference") {
            continue;
        }
        let full = call.args.get(2).map(|a| a.as_str());
        let is_full = matches!(full, Some(Some(text)) if text.eq_ignore_ascii_case("full"));
        // With 'Full', the resource's own properties are under `properties`.
        // The full object's members are a resource symbol's members (and
        // the deployment's `condition`).
        let own = super::members::RESOURCE_MEMBERS
            .iter()
            .chain(&["condition"])
            .any(|m| m.eq_ignore_ascii_case(member));
        if is_full && !own {
            diags.error(codes::REFERENCE_FORM,
                e.span,
                format!("`reference(..., \"Full\")` returns the whole resource, whose own properties are under `properties`: read `.properties.{member}`, or drop `\"Full\"`"),
            );
            continue;
        }
        if !FULL_MEMBERS.contains(&member) {
            continue;
        }
        match full {
            Some(Some(text)) if text.eq_ignore_ascii_case("full") => {}
            // A computed third argument may be 'Full'.
            Some(None) => {}
            _ => diags.error(codes::REFERENCE_FORM,
                e.span,
                format!("`reference(...)` without `\"Full\"` returns the resource's properties, which have no `{member}`: the deployment fails with \"property '{member}' doesn't exist\"; pass `\"Full\"` as the third argument (`reference(id, apiVersion, \"Full\").{member}`), or read it through the resource's symbol"),
            ),
        }
    }
}

/// A resource cannot read its own deployed state (`apim.properties.gatewayUrl`
/// inside `apim`): it does not exist yet while its body is evaluated (ARM fails
/// the reference; Bicep reports BCP079). `id`, `name`, `type` and `apiVersion`
/// are known in advance. Nor can a module read its own outputs.
fn own_state(template: &Template, diags: &mut Diagnostics) {
    const STATIC: [&str; 4] = ["id", "name", "type", "apiVersion"];
    for (index, resource) in template.resources.iter().enumerate() {
        let mut reported = false;
        for expr in crate::graph::resource_exprs(resource) {
            walk(expr, &mut |e| {
                if reported {
                    return;
                }
                let ExprKind::Member(base, member) = &e.kind else {
                    return;
                };
                let own = match &base.kind {
                    ExprKind::Resource(i) => *i == index,
                    ExprKind::Index(inner, _) => {
                        matches!(inner.kind, ExprKind::Resource(i) if i == index)
                    }
                    _ => false,
                };
                if own && !STATIC.contains(&member.as_str()) {
                    reported = true;
                    diags.error(codes::REFERENCE_FORM,
                        e.span,
                        format!("`{}` reads its own deployed state (`.{member}`) in its own declaration, where it does not exist yet: compute the value from what it is made of (parameters, variables, other resources)", resource.symbol),
                    );
                }
            });
        }
    }
    // A module's outputs exist once it is deployed: not in its own
    // parameters, name or scope (one copy of a loop reading another's
    // included: ARM deploys copies in parallel).
    for (index, module) in template.modules.iter().enumerate() {
        let mut reported = false;
        for expr in crate::graph::module_exprs(module) {
            walk(expr, &mut |e| {
                if reported {
                    return;
                }
                let own = match &e.kind {
                    ExprKind::Module(i) => *i == index,
                    ExprKind::Index(inner, _) => {
                        matches!(inner.kind, ExprKind::Module(i) if i == index)
                    }
                    _ => false,
                };
                if own {
                    reported = true;
                    diags.error(codes::REFERENCE_FORM,
                        e.span,
                        format!("`{}` reads its own outputs in its own declaration, where they do not exist yet (Bicep: BCP079): compute the value from what the module is given, or read it in another module", module.symbol),
                    );
                }
            });
        }
    }
}
