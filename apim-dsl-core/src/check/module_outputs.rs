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

/// A module output read where a value of one type is required: `(module,
/// output name, span, required type, where)`. rustc compares it with the inner
/// template's declaration (an `int` output where a `string` is required fails
/// the deployment).
pub type TypedRead = (usize, String, Span, Ty, String);

/// The module output reads whose required type is known: output values, resource
/// and module names, properties of known resource types, and `concat`
/// arguments among strings.
pub fn typed_reads(template: &Template) -> Vec<TypedRead> {
    let mut found = Vec::new();
    for output in &template.outputs {
        let what = format!("output `{}`", output.name);
        direct(&output.value, output.ty.ty(), &what, &mut found);
    }
    for resource in &template.resources {
        let what = format!("the name of `{}`", resource.symbol);
        direct(&resource.name, Ty::STRING, &what, &mut found);
    }
    for module in &template.modules {
        let what = format!("the deployment name of `{}`", module.symbol);
        direct(&module.name, Ty::STRING, &what, &mut found);
    }
    found.extend(super::spelling::module_reads(template));
    for expr in crate::graph::template_exprs(template) {
        crate::ir::walk(expr, &mut |e| {
            if let ExprKind::Call(call) = &e.kind
                && call.name.eq_ignore_ascii_case("concat")
                && call.args.iter().any(|a| matches!(a.kind, ExprKind::Str(_)))
            {
                for arg in &call.args {
                    direct(arg, Ty::STRING, "`concat` of strings", &mut found);
                }
            }
        });
    }
    found
}

/// `expr` itself (or a branch of it) as a module output read.
pub(crate) fn direct(expr: &Expr, ty: Ty, what: &str, found: &mut Vec<TypedRead>) {
    match &expr.kind {
        ExprKind::Ternary(_, a, b) => {
            direct(a, ty, what, found);
            direct(b, ty, what, found);
        }
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
                    found.push((module, name.clone(), expr.span, ty, what.to_string()));
                }
            }
        }
        _ => {}
    }
}
