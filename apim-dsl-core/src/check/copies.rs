//! Loop sizes ARM rejects ("Resource iteration in ARM templates", "Template
//! limits"): a `copy` count is at most 800 and not negative (resources, modules,
//! variables, outputs and properties alike), and the resources of a template,
//! each copy counted, are at most 800. Only counts known at compile time are
//! checked: `range(0, 900)` or a literal array, not a parameter's length.

use super::limits::MAX_RESOURCES;
use crate::codes;
use crate::diag::Diagnostics;
use crate::graph::{NodeKind, Nodes};
use crate::ir::{Expr, ExprKind, Loop, Template};
use proc_macro2::Span;

/// Most copies of one loop.
pub const MAX_COPIES: i64 = 800;

/// Reports loops over too many (or a negative number of) copies, and templates
/// whose resources after loops are too many.
pub fn check(template: &Template, nodes: &Nodes<'_>, diags: &mut Diagnostics) {
    // Each loop, and how to make fewer copies of it: a module loop is the
    // way around the limit for the others, not for itself.
    let mut heads: Vec<(&Loop, &str)> = Vec::new();
    let split = "split it, or use a module loop";
    heads.extend(
        template
            .resources
            .iter()
            .filter_map(|r| r.copy.as_deref())
            .map(|head| (head, split)),
    );
    heads.extend(
        template
            .modules
            .iter()
            .filter_map(|m| m.copy.as_deref())
            .map(|head| (head, "split it, or loop inside the module's template")),
    );
    for e in nodes.of(NodeKind::For) {
        if let ExprKind::For(head, _) = &e.kind {
            heads.push((head, split));
        }
    }
    for (head, fix) in heads {
        match count(template, &head.source) {
            Some((n, span)) if n < 0 => diags.error(
                codes::TEMPLATE_LIMIT,
                span,
                format!("a loop cannot run {n} times: the count of `range` must not be negative"),
            ),
            Some((n, span)) if n > MAX_COPIES => diags.error(
                codes::TEMPLATE_LIMIT,
                span,
                format!("this loop makes {n} copies, ARM allows at most {MAX_COPIES}: {fix}"),
            ),
            _ => {}
        }
    }
    batches(template, diags);
    copy_dependencies(template, diags);
    let mut total: i64 = 0;
    let deployed = template
        .resources
        .iter()
        .filter(|r| !r.existing)
        .map(|r| (r.copy.as_deref(), r.span))
        .chain(template.modules.iter().map(|m| (m.copy.as_deref(), m.span)));
    for (copy, span) in deployed {
        let copies = match copy {
            Some(head) => count(template, &head.source).map_or(1, |(n, _)| n.clamp(0, MAX_COPIES)),
            None => 1,
        };
        let before = total;
        total += copies;
        if before <= MAX_RESOURCES as i64 && total > MAX_RESOURCES as i64 && copy.is_some() {
            diags.error(codes::TEMPLATE_LIMIT,
                span,
                format!("with this loop's copies the template deploys {total} resources or more, ARM allows {MAX_RESOURCES}: split the template into modules"),
            );
            return;
        }
    }
}

/// `#[batchSize(n)]` on a loop whose count is known at compile time is at
/// most that count: ARM refuses the template otherwise ("The copy batch size
/// must be a non-negative integer value and cannot exceed the copy count",
/// the deployment's validation error, quoted in MicrosoftDocs/azure-docs#62948).
fn batches(template: &Template, diags: &mut Diagnostics) {
    let looped = template
        .resources
        .iter()
        .map(|r| (r.copy.as_deref(), r.batch_size.as_ref()))
        .chain(
            template
                .modules
                .iter()
                .map(|m| (m.copy.as_deref(), m.batch_size.as_ref())),
        );
    for (head, batch) in looped {
        let (Some(head), Some(batch)) = (head, batch) else {
            continue;
        };
        let Some((n, _)) = count(template, &head.source) else {
            continue;
        };
        if n >= 0 && batch.value > n {
            let message = match n {
                0 => "this loop makes no copies, and ARM refuses a batch size above the copy count: remove `#[batchSize]`, or give the loop copies".to_string(),
                1 => "this loop makes 1 copy, and ARM refuses a batch size above the copy count: write `#[batchSize(1)]`".to_string(),
                n => format!("this loop makes {n} copies, and ARM refuses a batch size above the copy count: write a batch of at most {n}"),
            };
            diags.error(codes::ATTRIBUTE_ARGUMENTS, batch.span, message);
        }
    }
}

/// `dependsOn: [ids[k]]` picks a copy by its integer index ("Resource
/// iteration in ARM templates": copies are numbered from 0), which must be
/// one the loop makes when both are known at compile time: a literal or
/// constant `k`, or the index (or the `range` item) of the loop the waiting
/// resource or module is declared with. ARM fails the deployment on an
/// index out of range; Bicep refuses an index that is not an integer.
fn copy_dependencies(template: &Template, diags: &mut Diagnostics) {
    let lists = template
        .resources
        .iter()
        .map(|r| (&r.depends_on, r.copy.as_deref()))
        .chain(
            template
                .modules
                .iter()
                .map(|m| (&m.depends_on, m.copy.as_deref())),
        );
    let mut types = None;
    for (list, own_loop) in lists {
        for dependency in list {
            let crate::ir::Dependency::Copy {
                resource,
                index: Some(index),
                written: None,
                ..
            } = dependency
            else {
                continue;
            };
            let Some(looped) = template.resources.get(*resource) else {
                continue;
            };
            let symbol = &looped.symbol;
            // Not an integer whatever the deployment gives: a literal of
            // another kind, a string parameter, a variable holding text.
            let types = types.get_or_insert_with(|| crate::check::types::Types::new(template));
            let ty = types.infer(index, &mut Diagnostics::new());
            if ty.and(crate::types::Ty::INT).bits() == 0 {
                diags.error(
                    codes::INVALID_DEPENDENCY,
                    index.span,
                    format!(
                        "a copy of `{symbol}` is picked by its integer index, from 0: `{symbol}[0]`"
                    ),
                );
                continue;
            }
            let Some(head) = looped.copy.as_deref() else {
                continue;
            };
            let Some((n, _)) = count(template, &head.source) else {
                continue;
            };
            let copies = match n {
                0 => "no copies".to_string(),
                1 => "1 copy, `0`".to_string(),
                n => format!("{n} copies, `0` to `{}`", n - 1),
            };
            if let Some(k) = constant(template, index, 0) {
                if !(0..n).contains(&k) {
                    diags.error(
                        codes::INVALID_DEPENDENCY,
                        index.span,
                        format!("`{symbol}` makes {copies}: there is no copy `{k}` to wait for"),
                    );
                }
                continue;
            }
            // The waiting resource's own loop variable: its values.
            let Some(own) = own_loop else {
                continue;
            };
            let (values, variable) = match &index.kind {
                ExprKind::LoopIndex(id) if *id == own.id => (
                    count(template, &own.source).map(|(m, _)| (0, m - 1)),
                    own.index.as_deref().unwrap_or("index"),
                ),
                ExprKind::LoopItem(id) if *id == own.id => {
                    (range_items(template, &own.source), own.item.as_str())
                }
                _ => (None, ""),
            };
            if let Some((low, high)) = values
                && low <= high
                && (low < 0 || high >= n)
            {
                let bad = if low < 0 { low } else { high };
                diags.error(
                    codes::INVALID_DEPENDENCY,
                    index.span,
                    format!("`{symbol}` makes {copies}, and this loop's `{variable}` reaches `{bad}`: that copy does not exist to wait for"),
                );
            }
        }
    }
}

/// The first and last item of `range(start, count)` when both are known.
fn range_items(template: &Template, source: &Expr) -> Option<(i64, i64)> {
    let ExprKind::Call(call) = &source.kind else {
        return None;
    };
    if !call.name.eq_ignore_ascii_case("range") {
        return None;
    }
    let start = constant(template, call.args.first()?, 0)?;
    let count = constant(template, call.args.get(1)?, 0)?;
    Some((start, start.checked_add(count)?.checked_sub(1)?))
}

/// The number of copies of a loop over `source` when known, with where it is
/// written: an array literal, or `range(start, count)` with a count known at
/// compile time (literals, arithmetic, variables holding them).
fn count(template: &Template, source: &Expr) -> Option<(i64, Span)> {
    match &source.kind {
        ExprKind::Array(items) => Some((items.len() as i64, source.span)),
        ExprKind::Var(name) => {
            let var = template.vars.iter().find(|v| &v.name == name)?;
            count(template, &var.value).map(|(n, _)| (n, source.span))
        }
        ExprKind::Call(call) if call.name.eq_ignore_ascii_case("range") => {
            let counted = call.args.get(1)?;
            Some((constant(template, counted, 0)?, counted.span))
        }
        _ => None,
    }
}

/// The value of an integer expression known at compile time.
fn constant(template: &Template, expr: &Expr, depth: usize) -> Option<i64> {
    use crate::ir::{BinOp, UnOp};
    if depth > 16 {
        return None;
    }
    match &expr.kind {
        ExprKind::Int(n) => Some(*n),
        ExprKind::Unary(UnOp::Neg, inner) => constant(template, inner, depth + 1)?.checked_neg(),
        ExprKind::Var(name) => {
            let var = template.vars.iter().find(|v| &v.name == name)?;
            constant(template, &var.value, depth + 1)
        }
        ExprKind::Binary(op, a, b) => {
            let (a, b) = (
                constant(template, a, depth + 1)?,
                constant(template, b, depth + 1)?,
            );
            match op {
                BinOp::Add => a.checked_add(b),
                BinOp::Sub => a.checked_sub(b),
                BinOp::Mul => a.checked_mul(b),
                BinOp::Div => a.checked_div(b),
                BinOp::Mod => a.checked_rem(b),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::compile_errors as errors;

    #[test]
    fn counts_known_loops_only() {
        assert!(
            errors(quote::quote! {
                const T;
                param n: int;
                var a = [for i in range(0, 800): i];
                var b = [for i in range(0, n): i];
                output c: array = concat(a, b);
            })
            .is_empty()
        );
        let found = errors(quote::quote! {
            const T;
            var a = [for i in range(0, 801): i];
            output c: array = a;
        });
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("801 copies"), "{found:?}");
    }
}
