//! User-defined functions: each body has its declared result type, uses nothing
//! ARM cannot evaluate in a function (deployed state, `utcNow`, `copyIndex`,
//! loops), and no function calls itself, directly or through others.

use super::types::Types;
use crate::codes;
use crate::diag::Diagnostics;
use crate::functions::Place;
use crate::ir::{self, ExprKind, Func, Template};
use proc_macro2::Span;

/// Runs every check on the template's functions.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    let mut types = Types::new(template);
    for func in &template.functions {
        types.in_function(Some(func));
        if func.typed {
            let what = format!("the value of function `{}`", func.name);
            types.expect(&func.body, func.output.ty(), &what, diags);
        } else {
            types.infer(&func.body, diags);
        }
        types.in_function(None);
        forbidden(func, diags);
    }
    recursion(template, diags);
}

/// What ARM does not evaluate in a function's body.
fn forbidden(func: &Func, diags: &mut Diagnostics) {
    let name = &func.name;
    ir::walk(&func.body, &mut |e| {
        let message = match &e.kind {
            ExprKind::For(..) => format!(
                "a `[for ...]` loop cannot be in function `{name}`: write `map(source, x => ...)`"
            ),
            ExprKind::Call(call) if call.user.is_some() => return,
            ExprKind::Call(call) => match (call.function.place, call.name.as_str()) {
                (Place::Runtime, spelling) => format!(
                    "function `{name}` cannot call `{spelling}`: a function cannot read deployed state (ARM allows no `reference` or `list*` in a function); pass the value in as an argument"
                ),
                (Place::ParamDefault, spelling) => format!(
                    "function `{name}` cannot call `{spelling}`, which ARM allows only in a parameter's default value; pass the value in as an argument"
                ),
                (_, "copyIndex") => format!(
                    "function `{name}` has no loop for `copyIndex()` to count: pass the index in as an argument"
                ),
                _ => return,
            },
            _ => return,
        };
        diags.error(codes::FUNCTION_DEFINITION, e.span, message);
    });
}

/// The user-defined functions `expr` calls, with the span of each call.
fn calls(expr: &ir::Expr) -> Vec<(usize, Span)> {
    let mut found = Vec::new();
    ir::walk(expr, &mut |e| {
        if let ExprKind::Call(call) = &e.kind
            && let Some(index) = call.user
        {
            found.push((index, e.span));
        }
    });
    found
}

/// Recursion, direct or through other functions: reported once per cycle, at
/// the call that closes it.
fn recursion(template: &Template, diags: &mut Diagnostics) {
    let edges: Vec<Vec<(usize, Span)>> =
        template.functions.iter().map(|f| calls(&f.body)).collect();
    let name = |i: usize| template.functions.get(i).map_or("?", |f| f.name.as_str());
    // 0: not visited, 1: on the current path, 2: done.
    let mut state = vec![0u8; edges.len()];
    for start in 0..edges.len() {
        if state[start] != 0 {
            continue;
        }
        // An explicit stack: the depth is the number of functions, which the
        // user controls.
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let Some(&(target, span)) = edges.get(node).and_then(|e| e.get(*next)) else {
                state[node] = 2;
                stack.pop();
                continue;
            };
            *next += 1;
            match state.get(target).copied() {
                Some(0) => {
                    state[target] = 1;
                    stack.push((target, 0));
                }
                Some(1) if target == node => diags.error(
                    codes::FUNCTION_RECURSION,
                    span,
                    format!(
                        "function `{}` calls itself: ARM and Bicep functions cannot recurse",
                        name(node)
                    ),
                ),
                Some(1) => {
                    let from = stack.iter().position(|(n, _)| *n == target).unwrap_or(0);
                    let mut cycle: Vec<String> = stack[from..]
                        .iter()
                        .map(|(n, _)| format!("`{}`", name(*n)))
                        .collect();
                    cycle.push(format!("`{}`", name(target)));
                    diags.error(codes::FUNCTION_RECURSION,
                        span,
                        format!(
                            "functions call each other in a cycle ({}): ARM and Bicep functions cannot recurse",
                            cycle.join(" -> ")
                        ),
                    );
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
#[path = "functions_tests.rs"]
mod tests;
