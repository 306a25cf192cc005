//! Reads of conditional resources and modules. A resource deployed `if cond` is
//! not there when `cond` is false: reading its deployed state (`r.properties.x`,
//! `r.identity.principalId`, a module's outputs) from a place that does not share
//! the condition fails the deployment then (Bicep reports BCP318). Its `id`,
//! `name`, `type` and `apiVersion` are known in advance and may be read anywhere.
//!
//! A read is guarded when the reader has the same condition (or it is one of the
//! reader's `&&` terms), or when it sits in the branch of `cond ? ... : ...` (or
//! after `cond && ...`) that only runs when the condition holds; ARM evaluates
//! only the branch of `if()` it takes.

use crate::codes;
use crate::diag::Diagnostics;
use crate::ir::{BinOp, Expr, ExprKind, Template, UnOp};
use proc_macro2::Span;

/// Members that are known without the resource being deployed.
const STATIC_MEMBERS: [&str; 4] = ["id", "name", "type", "apiVersion"];

/// A condition known to hold: `(expr, true)` for `expr`, `(expr, false)` for `!expr`.
type Guard<'a> = (&'a Expr, bool);

/// A condition that may be false: `None` for none and for a literal `true`
/// (`"condition": true`, written by tools), which deploys unconditionally.
fn real(condition: Option<&Expr>) -> Option<&Expr> {
    condition.filter(|c| !matches!(c.kind, ExprKind::Bool(true)))
}

/// Reports every unguarded read of a conditional resource or module.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    let conditional = |e: &Expr| -> Option<(String, &Expr)> {
        match &e.kind {
            ExprKind::Resource(i) => template
                .resources
                .get(*i)
                .filter(|r| !r.existing)
                .and_then(|r| Some((r.symbol.clone(), real(r.condition.as_deref())?))),
            ExprKind::Module(i) => template
                .modules
                .get(*i)
                .and_then(|m| Some((m.symbol.clone(), real(m.condition.as_deref())?))),
            _ => None,
        }
    };
    if template.resources.iter().all(|r| r.condition.is_none())
        && template.modules.iter().all(|m| m.condition.is_none())
    {
        return;
    }
    // A child of a conditional parent: ARM does not carry a parent's condition
    // to its children, so the child would be deployed under a missing parent.
    for child in template.resources.iter().filter(|r| !r.existing) {
        let Some((parent, span)) = child.parent else {
            continue;
        };
        let Some(parent) = template.resources.get(parent).filter(|p| !p.existing) else {
            continue;
        };
        let Some(condition) = real(parent.condition.as_deref()) else {
            continue;
        };
        let mut guards = Vec::new();
        if let Some(own) = &child.condition {
            terms(own, true, &mut guards);
        }
        if !holds(condition, &guards) {
            diags.error(codes::CONDITION_NOT_CARRIED,
                span,
                format!(
                    "`{}` is deployed only under a condition, and ARM does not carry it to its children: give `{}` the same condition (`if ...`), or it is deployed under a parent that may not exist",
                    parent.symbol, child.symbol
                ),
            );
        }
    }
    let mut readers: Vec<(Option<&Expr>, Vec<&Expr>, String)> = Vec::new();
    for resource in &template.resources {
        let mut exprs = crate::graph::resource_exprs(resource);
        if let Some(condition) = resource.condition.as_deref() {
            exprs.retain(|e| !std::ptr::eq(*e, condition));
        }
        readers.push((
            resource.condition.as_deref(),
            exprs,
            resource.symbol.clone(),
        ));
    }
    for module in &template.modules {
        let mut exprs = crate::graph::module_exprs(module);
        if let Some(condition) = module.condition.as_deref() {
            exprs.retain(|e| !std::ptr::eq(*e, condition));
        }
        readers.push((module.condition.as_deref(), exprs, module.symbol.clone()));
    }
    for output in &template.outputs {
        readers.push((
            None,
            vec![&output.value],
            format!("output `{}`", output.name),
        ));
    }
    for (condition, exprs, _) in readers {
        let mut guards = Vec::new();
        if let Some(condition) = condition {
            terms(condition, true, &mut guards);
        }
        let mut found: Vec<(Span, String)> = Vec::new();
        for expr in exprs {
            reads(expr, &guards, &conditional, &mut found);
        }
        for (span, symbol) in found {
            diags.error(codes::CONDITION_NOT_CARRIED,
                span,
                format!("`{symbol}` is deployed only under a condition, and this reads its deployed state where that condition may be false (the deployment then fails, Bicep's BCP318): give this the same condition (`if ...`), or read it in `cond ? {symbol}... : <fallback>`"),
            );
        }
    }
}

/// The `&&` terms of a condition known to hold (`positive`) or to fail.
fn terms<'a>(expr: &'a Expr, positive: bool, out: &mut Vec<Guard<'a>>) {
    match &expr.kind {
        ExprKind::Binary(BinOp::And, a, b) if positive => {
            terms(a, true, out);
            terms(b, true, out);
        }
        ExprKind::Binary(BinOp::Or, a, b) if !positive => {
            terms(a, false, out);
            terms(b, false, out);
        }
        ExprKind::Unary(UnOp::Not, inner) => terms(inner, !positive, out),
        _ => out.push((expr, positive)),
    }
}

/// Whether `guards` make `condition` hold.
fn holds(condition: &Expr, guards: &[Guard]) -> bool {
    let mut needed = Vec::new();
    terms(condition, true, &mut needed);
    needed
        .iter()
        .all(|(e, positive)| guards.iter().any(|(g, p)| p == positive && g.same_as(e)))
}

type Conditional<'t> = dyn Fn(&Expr) -> Option<(String, &'t Expr)> + 't;

fn reads<'t>(
    expr: &'t Expr,
    guards: &[Guard<'t>],
    conditional: &Conditional<'t>,
    found: &mut Vec<(Span, String)>,
) {
    use ExprKind as K;
    match &expr.kind {
        K::Ternary(c, a, b) => {
            reads(c, guards, conditional, found);
            let mut then = guards.to_vec();
            terms(c, true, &mut then);
            reads(a, &then, conditional, found);
            let mut otherwise = guards.to_vec();
            terms(c, false, &mut otherwise);
            reads(b, &otherwise, conditional, found);
        }
        K::Binary(BinOp::And, a, b) => {
            reads(a, guards, conditional, found);
            let mut then = guards.to_vec();
            terms(a, true, &mut then);
            reads(b, &then, conditional, found);
        }
        K::Member(base, member) => {
            let target = match &base.kind {
                K::Index(inner, _) => conditional(inner),
                _ => conditional(base),
            };
            if let Some((symbol, condition)) = target {
                if !STATIC_MEMBERS.contains(&member.as_str())
                    && !holds(condition, guards)
                    && !found.iter().any(|(_, s)| *s == symbol)
                {
                    found.push((expr.span, symbol));
                }
                return;
            }
            reads(base, guards, conditional, found);
        }
        K::Array(items) => items
            .iter()
            .for_each(|e| reads(e, guards, conditional, found)),
        K::Object(props) => {
            for prop in props {
                if let crate::ir::Key::Expr(key) = &prop.key {
                    reads(key, guards, conditional, found);
                }
                reads(&prop.value, guards, conditional, found);
            }
        }
        // A hand-written `reference(x.id, ...)` or `list*(x.id, ...)` reads the
        // deployed state as `x.properties` does.
        K::Call(call)
            if {
                let name = call.name.to_ascii_lowercase();
                name == "reference" || (name.starts_with("list") && name != "list")
            } && matches!(
                call.args.first().map(|a| &a.kind),
                Some(K::Member(_, m)) if m == "id"
            ) =>
        {
            let id = &call.args[0];
            let K::Member(base, _) = &id.kind else {
                return;
            };
            let target = match &base.kind {
                K::Index(inner, _) => conditional(inner),
                _ => conditional(base),
            };
            match target {
                Some((symbol, condition)) => {
                    if !holds(condition, guards) && !found.iter().any(|(_, s)| *s == symbol) {
                        found.push((expr.span, symbol));
                    }
                }
                None => call
                    .args
                    .iter()
                    .for_each(|e| reads(e, guards, conditional, found)),
            }
        }
        K::Call(call) => call
            .args
            .iter()
            .for_each(|e| reads(e, guards, conditional, found)),
        K::Index(a, b) | K::Binary(_, a, b) => {
            reads(a, guards, conditional, found);
            reads(b, guards, conditional, found);
        }
        K::Unary(_, a) | K::Lambda(_, a) => reads(a, guards, conditional, found),
        K::For(head, body) => {
            reads(&head.source, guards, conditional, found);
            reads(body, guards, conditional, found);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::compile_errors as errors;

    #[test]
    fn guards_by_condition_branch_and_conjunction() {
        let template = |output: proc_macro2::TokenStream| {
            quote::quote! {
                const T;
                param a: bool;
                param b: bool;
                resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" if a && b {
                    name: "apim-id",
                    location: "westeurope",
                }
                output x: string = #output;
            }
        };
        for guarded in [
            quote::quote! { a && b ? id.properties.principalId : "" },
            quote::quote! { b && a ? id.properties.principalId : "" },
            quote::quote! { !(a && b) ? "" : id.properties.principalId },
            quote::quote! { a ? (b ? id.properties.principalId : "") : "" },
            quote::quote! { id.name },
        ] {
            assert!(errors(template(guarded.clone())).is_empty(), "{guarded}");
        }
        for unguarded in [
            quote::quote! { a ? id.properties.principalId : "" },
            quote::quote! { a && b ? "" : id.properties.principalId },
            quote::quote! { id.properties.principalId },
        ] {
            assert_eq!(errors(template(unguarded.clone())).len(), 1, "{unguarded}");
        }
    }
}
