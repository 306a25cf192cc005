//! What a declaration may read: a parameter default only parameters (ARM
//! evaluates parameters first) and no parameter may wait on itself; a variable
//! may not depend on itself.

use crate::codes;
use crate::diag::Diagnostics;
use crate::ir::{Expr, ExprKind, Template, walk};
use foldhash::HashMap;

/// Checks parameter defaults and variable cycles.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    for param in &template.params {
        let Some(default) = &param.default else {
            continue;
        };
        walk(default, &mut |e| {
            let what = match &e.kind {
                ExprKind::Var(name) => format!("variable `{name}`"),
                ExprKind::Resource(i) => format!(
                    "resource `{}`",
                    template
                        .resources
                        .get(*i)
                        .map_or("?", |r| r.symbol.as_str())
                ),
                ExprKind::Module(i) => format!(
                    "module `{}`",
                    template.modules.get(*i).map_or("?", |m| m.symbol.as_str())
                ),
                _ => return,
            };
            diags.error(codes::DEPLOY_TIME_ONLY,
                e.span,
                format!("the default of `{}` cannot read {what}: ARM evaluates parameters before anything else; use parameters and functions only", param.name),
            );
        });
    }
    let params: Vec<(&str, Vec<&str>)> = template
        .params
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.default
                    .as_ref()
                    .map(|d| names(d, true))
                    .unwrap_or_default(),
            )
        })
        .collect();
    cycle(
        &params,
        "the default of parameter",
        template.params.iter().map(|p| p.span).collect(),
        diags,
    );
    let vars: Vec<(&str, Vec<&str>)> = template
        .vars
        .iter()
        .map(|v| (v.name.as_str(), names(&v.value, false)))
        .collect();
    cycle(
        &vars,
        "variable",
        template.vars.iter().map(|v| v.span).collect(),
        diags,
    );
}

/// The parameters (`params`) or variables an expression reads.
fn names(expr: &Expr, params: bool) -> Vec<&str> {
    let mut found = Vec::new();
    walk(expr, &mut |e| match &e.kind {
        ExprKind::Param(name) if params => found.push(name.as_str()),
        ExprKind::Var(name) if !params => found.push(name.as_str()),
        _ => {}
    });
    found
}

/// Reports the first cycle among `nodes` (each a name and the names it reads).
fn cycle(
    nodes: &[(&str, Vec<&str>)],
    what: &str,
    spans: Vec<proc_macro2::Span>,
    diags: &mut Diagnostics,
) {
    // By map, not by search: a search per read made this quadratic in the
    // number of declarations. The first of duplicate names wins, as a search's.
    let positions: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .rev()
        .map(|(i, (n, _))| (*n, i))
        .collect();
    let index = |name: &str| positions.get(name).copied();
    let edges: Vec<Vec<usize>> = nodes
        .iter()
        .map(|(_, reads)| reads.iter().filter_map(|n| index(n)).collect())
        .collect();
    // 0 = new, 1 = on the path, 2 = done.
    let mut state = vec![0u8; nodes.len()];
    for start in 0..nodes.len() {
        if state[start] != 0 {
            continue;
        }
        state[start] = 1;
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(&(node, next)) = path.last() {
            match edges[node].get(next) {
                Some(&target) => {
                    if let Some(last) = path.last_mut() {
                        last.1 += 1;
                    }
                    if state[target] == 1 {
                        let from = path.iter().position(|(n, _)| *n == target).unwrap_or(0);
                        let names: Vec<String> = path[from..]
                            .iter()
                            .map(|(n, _)| format!("`{}`", nodes[*n].0))
                            .chain(std::iter::once(format!("`{}`", nodes[target].0)))
                            .collect();
                        if let Some(span) = spans.get(target) {
                            diags.error(
                                codes::DEPENDENCY_CYCLE,
                                *span,
                                format!(
                                    "{what} `{}` depends on itself: {}",
                                    nodes[target].0,
                                    names.join(" -> ")
                                ),
                            );
                        }
                        return;
                    }
                    if state[target] == 0 {
                        state[target] = 1;
                        path.push((target, 0));
                    }
                }
                None => {
                    state[node] = 2;
                    path.pop();
                }
            }
        }
    }
}
