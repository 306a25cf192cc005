//! Module outputs that reach this template's plain outputs. Whether a module's
//! output is secure is known only to rustc (the inner template is another
//! constant), so `expand` turns each read found here into a const check: a secure
//! output relayed into a plain one is the same error as any other secret in an
//! output.

use crate::functions::Ret;
use crate::ir::{Expr, ExprKind, Template};
use crate::types::Ty;
use proc_macro2::Span;

/// `(module, output name, span)` of every module output read whose value a
/// non-secure output of `template` passes on.
pub fn in_plain_outputs(template: &Template) -> Vec<(usize, String, Span)> {
    let mut found = Vec::new();
    for output in template.outputs.iter().filter(|o| !o.ty.is_secure()) {
        reads(template, &output.value, &mut found, 0);
    }
    found
}

fn reads(template: &Template, expr: &Expr, found: &mut Vec<(usize, String, Span)>, depth: usize) {
    if depth > template.vars.len() {
        return;
    }
    let each = |e: &Expr, found: &mut Vec<(usize, String, Span)>| reads(template, e, found, depth);
    match &expr.kind {
        ExprKind::Member(base, name) => {
            if let ExprKind::Member(inner, outputs) = &base.kind
                && outputs == "outputs"
            {
                let module = match &inner.kind {
                    ExprKind::Module(i) => Some(*i),
                    ExprKind::Index(looped, _) => match looped.kind {
                        ExprKind::Module(i) => Some(i),
                        _ => None,
                    },
                    _ => None,
                };
                if let Some(module) = module {
                    found.push((module, name.clone(), expr.span));
                    return;
                }
            }
            each(base, found);
        }
        ExprKind::Var(name) => {
            if let Some(var) = template.vars.iter().find(|v| &v.name == name) {
                let mut through = Vec::new();
                reads(template, &var.value, &mut through, depth + 1);
                found.extend(through.into_iter().map(|(m, n, _)| (m, n, expr.span)));
            }
        }
        // A bool or an int computed from a secret does not reveal it.
        ExprKind::Call(call) if matches!(call.function.ret, Ret::Ty(ty) if ty == Ty::BOOL || ty == Ty::INT) =>
            {}
        ExprKind::Call(call) => call.args.iter().for_each(|e| each(e, found)),
        ExprKind::Array(items) => items.iter().for_each(|e| each(e, found)),
        ExprKind::Object(props) => props.iter().for_each(|p| each(&p.value, found)),
        ExprKind::Index(base, _) => each(base, found),
        ExprKind::Ternary(_, a, b) | ExprKind::Binary(crate::ir::BinOp::Coalesce, a, b) => {
            each(a, found);
            each(b, found);
        }
        ExprKind::For(_, body) | ExprKind::Lambda(_, body) => each(body, found),
        _ => {}
    }
}
