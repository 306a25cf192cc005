//! Checks on the resolved template that need more than names: the dependency
//! graph, and (as it grows) types, resource schemas and limits.

pub mod resources;

use crate::diag::Diagnostics;
use crate::graph;
use crate::ir::Template;

/// Runs every check on a resolved template.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    cycles(template, diags);
    resources::check(template, diags);
}

fn cycles(template: &Template, diags: &mut Diagnostics) {
    let Some(cycle) = graph::find_cycle(template) else {
        return;
    };
    let names: Vec<String> = cycle
        .iter()
        .map(|n| format!("`{}`", n.symbol(template)))
        .collect();
    let span = match cycle.first() {
        Some(graph::Node::Resource(i)) => template.resources.get(*i).map(|r| r.span),
        Some(graph::Node::Module(i)) => template.modules.get(*i).map(|m| m.span),
        None => None,
    };
    if let Some(span) = span {
        diags.error(
            span,
            format!(
                "dependency cycle: {}; ARM cannot deploy any of them first",
                names.join(" -> ")
            ),
        );
    }
}
